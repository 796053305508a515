#!/usr/bin/env bash
# GET /api/health under gunicorn against the ceiling — the bare Django view of bench/ceiling.py
# under the same gunicorn, same worker class and count — for each worker configuration, loaded by
# wrk over loopback. Prints requests/s of both and NPS's share of the ceiling. Needs wrk,
# PostgreSQL on 127.0.0.1:5432 (user postgres) and Redis on 127.0.0.1:6379.
# Usage: bash bench/health_ceiling.sh [seconds per run, default 10] [connections, default 16]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
DURATION="${1:-10}"
CONNECTIONS="${2:-16}"
PORT="${BENCH_PORT:-8766}"
DB=nps_bench_health
CORES=$(nproc)
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }

source bench/production_env.sh
production_env "${DB}" health
export GUNICORN_BIND="127.0.0.1:${PORT}"

SERVER=""
stop() { [[ -n "$SERVER" ]] && { kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null || true; }; SERVER=""; }
trap stop EXIT

# rps APP CLASS WORKERS THREADS: requests/s of GET /api/health (after a discarded warm-up run).
rps() {
  local app=$1 class=$2 workers=$3 threads=$4
  if [[ "$app" == ceiling ]]; then
    DJANGO_SETTINGS_MODULE=bench.ceiling $PY -m gunicorn bench.ceiling:application -c /dev/null \
      --bind "127.0.0.1:${PORT}" --worker-class "$class" --workers "$workers" --threads "$threads" \
      --log-level warning >/tmp/nps-bench-health.log 2>&1 &
  else
    GUNICORN_WORKER_CLASS="$class" WEB_CONCURRENCY="$workers" GUNICORN_THREADS="$threads" \
      $PY -m gunicorn nps.wsgi:application >/tmp/nps-bench-health.log 2>&1 &
  fi
  SERVER=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:${PORT}/api/health" >/dev/null && break; sleep 0.2; done
  wrk -t2 -c"$CONNECTIONS" -d2s "http://127.0.0.1:${PORT}/api/health" >/dev/null
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" "http://127.0.0.1:${PORT}/api/health" \
    | awk '/Requests\/sec/ {print $2}'
  stop
}

echo "GET /api/health, wrk ${DURATION}s at ${CONNECTIONS} connections, ${CORES} cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| worker class | workers × threads | ceiling requests/s | NPS requests/s | NPS / ceiling |"
echo "|---|---|---|---|---|"
for config in "sync $(( CORES * 2 + 1 )) 1" "sync ${CORES} 1" "gthread ${CORES} 4" "gthread 1 8"; do
  read -r class workers threads <<< "$config"
  ceiling=$(rps ceiling "$class" "$workers" "$threads")
  nps=$(rps nps "$class" "$workers" "$threads")
  share=$(awk -v a="$nps" -v b="$ceiling" 'BEGIN {printf "%.0f %%", 100 * a / b}')
  echo "| ${class} | ${workers} × ${threads} | ${ceiling} | ${nps} | ${share} |"
done
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS ${DB}" >/dev/null 2>&1 || true
