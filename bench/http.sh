#!/usr/bin/env bash
# HTTP benchmark: gunicorn with production settings on PostgreSQL + Redis, loaded by wrk over
# loopback at 4, 16 and 64 connections. Prints a Markdown table (requests/s, p50, p99, errors) and
# saves it under bench/results/. Needs wrk (apt-get install wrk), PostgreSQL on 127.0.0.1:5432 (user
# postgres) and Redis on 127.0.0.1:6379. Usage: bash bench/http.sh [seconds per run, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
DURATION="${1:-10}"
PORT="${BENCH_PORT:-8765}"
DB=nps_bench
WORKERS="${WEB_CONCURRENCY:-$(( $(nproc) * 2 + 1 ))}"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }

source bench/production_env.sh
production_env "${DB}" http
$PY manage.py shell -c "
import datetime
from nps.accounts.models import User
from oracle.models import Profile
account = User.objects.create_user('bench', 'bench-password-0123', role='user')
for index in range(20):
    Profile.objects.create(owner=account, name=f'Bench person {index}',
                              birthday=datetime.date(1990, 1, 1 + index), mother_name='Maryam')
"

$PY -m gunicorn nps.wsgi:application --workers "$WORKERS" --bind "127.0.0.1:${PORT}" \
  --log-level warning > /tmp/nps-bench-gunicorn.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:${PORT}/api/health" >/dev/null && break; sleep 0.2; done

TOKEN=$(curl -sf -X POST "http://127.0.0.1:${PORT}/api/auth/login" -H 'Content-Type: application/json' \
  -d '{"username": "bench", "password": "bench-password-0123"}' | $PY -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')

# One line: each case below is read with `read`, which stops at a newline.
MULTI='{"users": [{"name": "Hamzeh", "birth_year": 1990, "birth_month": 3, "birth_day": 21}, {"name": "Sara", "birth_year": 1995, "birth_month": 7, "birth_day": 14}, {"name": "Ali", "birth_year": 1988, "birth_month": 11, "birth_day": 2}, {"name": "Maryam", "birth_year": 1979, "birth_month": 1, "birth_day": 30}, {"name": "Reza", "birth_year": 2001, "birth_month": 9, "birth_day": 9}]}'

CASES=(
  "GET|/api/health||"
  "GET|/api/oracle/users|auth|"
  "POST|/api/oracle/reading|auth|{\"datetime\": \"2024-02-29T13:45:30+03:30\"}"
  "POST|/api/oracle/reading/multi-user|auth|${MULTI}"
)

# Each case must answer 2xx before it is measured (a benchmark of error pages measures nothing).
for case in "${CASES[@]}"; do
  IFS='|' read -r method path auth body <<< "$case"
  status=$(curl -s -o /dev/null -w '%{http_code}' -X "$method" "http://127.0.0.1:${PORT}${path}" \
    ${auth:+-H "Authorization: Bearer $TOKEN"} ${body:+-H 'Content-Type: application/json' -d "$body"})
  [[ "$status" == 2* ]] || { echo "${method} ${path} answered ${status}; not benchmarking" >&2; exit 1; }
done

mkdir -p bench/results
OUT="bench/results/http-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "gunicorn ${WORKERS} sync workers, PostgreSQL + Redis, wrk ${DURATION}s per run, $(nproc) cores"
  echo
  echo "| endpoint | connections | requests/s | p50 | p99 | errors |"
  echo "|---|---|---|---|---|---|"
} | tee "$OUT"

for case in "${CASES[@]}"; do
  IFS='|' read -r method path auth body <<< "$case"
  # Warm-up (discarded): every worker opens its connections and imports what the case uses.
  BENCH_METHOD="$method" BENCH_BODY="$body" BENCH_TOKEN="${auth:+$TOKEN}" \
    wrk -t2 -c16 -d2s -s bench/wrk/request.lua "http://127.0.0.1:${PORT}${path}" >/dev/null
  for connections in 4 16 64; do
    threads=$(( connections < 2 ? connections : 2 ))
    result=$(BENCH_METHOD="$method" BENCH_BODY="$body" BENCH_TOKEN="${auth:+$TOKEN}" \
      wrk -t"$threads" -c"$connections" -d"${DURATION}s" --latency -s bench/wrk/request.lua \
      "http://127.0.0.1:${PORT}${path}")
    rps=$(awk '/Requests\/sec/ {print $2}' <<< "$result")
    p50=$(awk '$1 == "50%" {print $2}' <<< "$result")
    p99=$(awk '$1 == "99%" {print $2}' <<< "$result")
    non2xx=$(awk '/Non-2xx/ {print $NF}' <<< "$result")
    socket=$(awk -F'[ ,]+' '/Socket errors/ {print $4 + $6 + $8 + $10}' <<< "$result")
    errors=$(( ${non2xx:-0} + ${socket:-0} ))
    echo "| ${method} ${path} | ${connections} | ${rps} | ${p50} | ${p99} | ${errors} |" | tee -a "$OUT"
  done
done
workers_rss=$(ps -o rss= --ppid "$SERVER" | awk '{sum += $1; n++} END {printf "%d workers, %.0f MB resident in all, %.0f MB each on average", n, sum/1024, sum/1024/n}')
{ echo; echo "Memory after the runs: ${workers_rss}"; } | tee -a "$OUT"
echo
echo "Saved to ${OUT}"
kill $SERVER; wait $SERVER 2>/dev/null || true
trap - EXIT
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS ${DB}" >/dev/null 2>&1 || true
