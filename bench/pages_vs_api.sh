#!/usr/bin/env bash
# Pages against their API twins: gunicorn with production settings on PostgreSQL + Redis, loaded by
# wrk (8 connections). Each page and the endpoint that returns the same data are measured in
# alternating slices of SLICE seconds (page, API, page, API, …, ROUNDS of each), so a machine whose
# load drifts slows both alike: read the ratio, not the absolute figures. Prints a Markdown table
# (page req/s, API req/s, page/API, page p50/p99), then each page's and API twin's server time
# (p95 of Django's own request time, from /metrics), and saves it under bench/results/.
# The account has 20 profiles and READINGS stored readings (default 30; e.g. 1000).
# Needs wrk (apt-get install wrk), PostgreSQL on 127.0.0.1:5432 (user postgres) and Redis on
# 127.0.0.1:6379. Usage: bash bench/pages_vs_api.sh [READINGS] [SLICE seconds, default 3] [ROUNDS, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
READINGS="${1:-30}"
SLICE="${2:-3}"
ROUNDS="${3:-3}"
CONNECTIONS=8
PORT="${BENCH_PORT:-8766}"
DB=nps_bench_pages
WORKERS="${WEB_CONCURRENCY:-$(( $(nproc) * 2 + 1 ))}"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }

source bench/production_env.sh
production_env "${DB}" pages
read -r READING_ID SHARE_TOKEN < <($PY bench/pages_seed.py "$READINGS" 2>/dev/null | tail -1)

# The app's own request-time histogram, every worker added up (gunicorn.conf.py empties it).
METRICS_DIR=$(mktemp -d)
export PROMETHEUS_MULTIPROC_DIR="${METRICS_DIR}"
$PY -m gunicorn nps.wsgi:application --workers "$WORKERS" --bind "127.0.0.1:${PORT}" \
  --log-level warning > /tmp/nps-bench-pages-gunicorn.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true; rm -rf "${METRICS_DIR}"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:${PORT}/api/health" >/dev/null && break; sleep 0.2; done
BASE="http://127.0.0.1:${PORT}"

TOKEN=$(curl -sf -X POST "${BASE}/api/auth/login" -H 'Content-Type: application/json' \
  -d '{"username": "bench", "password": "bench-password-0123"}' | $PY -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
# Page session: the cookies are Secure (production), which curl's jar would not keep over plain
# HTTP, so they are read from the Set-Cookie headers.
cookie_of() { sed -n "s/^[Ss]et-[Cc]ookie: $1=\([^;]*\).*/\1/p" | tail -1; }
CSRF=$(curl -s -D - -o /dev/null "${BASE}/login" | cookie_of csrftoken)
SESSION=$(curl -s -D - -o /dev/null -X POST "${BASE}/login" -H "Cookie: csrftoken=${CSRF}" \
  -H "Referer: ${BASE}/login" --data-urlencode "csrfmiddlewaretoken=${CSRF}" \
  --data-urlencode username=bench --data-urlencode password=bench-password-0123 | cookie_of sessionid)
[[ -n "$SESSION" ]] || { echo "could not sign in to the pages" >&2; exit 1; }
COOKIE="sessionid=${SESSION}; csrftoken=${CSRF}"

PAIRS=(
  "/|/api/oracle/stats"
  "/profiles|/api/oracle/users"
  "/history|/api/oracle/readings"
  "/readings/${READING_ID}|/api/oracle/readings/${READING_ID}"
  "/vault|/api/vault/entries"
  "/learning|/api/learning/stats"
  "/settings|/api/settings"
  "/share/${SHARE_TOKEN}|/api/share/${SHARE_TOKEN}"
)

# Each side must answer 200 before it is measured (a benchmark of error pages measures nothing).
for pair in "${PAIRS[@]}"; do
  IFS='|' read -r page api <<< "$pair"
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: ${COOKIE}" "${BASE}${page}")
  [[ "$status" == 200 ]] || { echo "page ${page} answered ${status}; not benchmarking" >&2; exit 1; }
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer ${TOKEN}" "${BASE}${api}")
  [[ "$status" == 200 ]] || { echo "API ${api} answered ${status}; not benchmarking" >&2; exit 1; }
done

# One slice: prints "requests/s p50 p99 errors".
slice() {
  local path=$1 kind=$2 seconds=$3 result
  result=$(BENCH_TOKEN="$([[ $kind == api && $path != /api/share/* ]] && echo "$TOKEN")" \
    BENCH_COOKIE="$([[ $kind == page && $path != /share/* ]] && echo "$COOKIE")" \
    wrk -t2 -c"$CONNECTIONS" -d"${seconds}s" --latency -s bench/wrk/request.lua "${BASE}${path}")
  local non2xx socket
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<< "$result")
  socket=$(awk -F'[ ,]+' '/Socket errors/ {print $4 + $6 + $8 + $10}' <<< "$result")
  echo "$(awk '/Requests\/sec/ {print $2}' <<< "$result") $(awk '$1 == "50%" {print $2}' <<< "$result")" \
    "$(awk '$1 == "99%" {print $2}' <<< "$result") $(( ${non2xx:-0} + ${socket:-0} ))"
}

mkdir -p bench/results
OUT="bench/results/pages-vs-api-${READINGS}-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "gunicorn ${WORKERS} sync workers, PostgreSQL + Redis, wrk ${CONNECTIONS} connections," \
    "${ROUNDS} alternating slices of ${SLICE}s per side, 20 profiles, ${READINGS} readings," \
    "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| page | page req/s | API twin | API req/s | page / API | page p50 | page p99 | errors |"
  echo "|---|---|---|---|---|---|---|---|"
} | tee "$OUT"

for pair in "${PAIRS[@]}"; do
  IFS='|' read -r page api <<< "$pair"
  slice "$page" page 1 >/dev/null  # warm-up (discarded)
  slice "$api" api 1 >/dev/null
  page_sum=0 api_sum=0 errors=0 p50="" p99=""
  for _ in $(seq "$ROUNDS"); do
    read -r rps p50 p99 failed < <(slice "$page" page "$SLICE")
    page_sum=$(awk -v a="$page_sum" -v b="$rps" 'BEGIN {print a + b}')
    errors=$(( errors + failed ))
    read -r rps _ _ failed < <(slice "$api" api "$SLICE")
    api_sum=$(awk -v a="$api_sum" -v b="$rps" 'BEGIN {print a + b}')
    errors=$(( errors + failed ))
  done
  # The token first: the reading's number may also occur inside it.
  shown_page=${page/${SHARE_TOKEN}/<token>}; shown_page=${shown_page/\/${READING_ID}/\/<id>}
  shown_api=${api/${SHARE_TOKEN}/<token>}; shown_api=${shown_api/\/${READING_ID}/\/<id>}
  awk -v p="$shown_page" -v a="$shown_api" -v ps="$page_sum" -v as="$api_sum" -v n="$ROUNDS" \
    -v p50="$p50" -v p99="$p99" -v e="$errors" \
    'BEGIN {printf "| `%s` | %.0f | `GET %s` | %.0f | %.2f | %s | %s | %d |\n", p, ps/n, a, as/n, ps/as, p50, p99, e}' \
    | tee -a "$OUT"
done
# Server time: what Django took to answer (the app's histogram, /metrics), without the wait in
# gunicorn's listen queue that wrk's latency above includes.
curl -sf "${BASE}/metrics" > "${METRICS_DIR}/scraped.txt"
paths=()
for pair in "${PAIRS[@]}"; do IFS='|' read -r page api <<< "$pair"; paths+=("$page" "$api"); done
{
  echo
  echo "Server time (Django's own, from /metrics; every GET 200 of the run, warm-ups included):"
  echo
  echo "| page | page p95 | API twin | API p95 | requests |"
  echo "|---|---|---|---|---|"
  $PY bench/server_times.py "${METRICS_DIR}/scraped.txt" "${paths[@]}" 2>/dev/null \
    | paste - - | while IFS=$'\t' read -r page _ page_p95 page_n api _ api_p95 api_n; do
      shown_page=${page/${SHARE_TOKEN}/<token>}; shown_page=${shown_page/\/${READING_ID}/\/<id>}
      shown_api=${api/${SHARE_TOKEN}/<token>}; shown_api=${shown_api/\/${READING_ID}/\/<id>}
      echo "| \`${shown_page}\` | ${page_p95} ms | \`GET ${shown_api}\` | ${api_p95} ms | ${page_n} / ${api_n} |"
    done
} | tee -a "$OUT"
echo
echo "Saved to ${OUT}"
kill $SERVER; wait $SERVER 2>/dev/null || true
rm -rf "${METRICS_DIR}"
trap - EXIT
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS ${DB}" >/dev/null 2>&1 || true
