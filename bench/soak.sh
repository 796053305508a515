#!/usr/bin/env bash
# Soak run: gunicorn (gunicorn.conf.py, production settings, PostgreSQL + Redis) loaded by wrk at
# 64 connections for 5 minutes with a mix of writes and reads (bench/wrk/soak.lua: readings stored,
# history, profile lists, profiles created). Reports requests/s, latency, errors (non-2xx and
# socket errors: the target is zero) and the workers' resident memory every 30 s (the target is
# flat). Needs wrk, PostgreSQL on 127.0.0.1:5432 (user postgres), Redis on 127.0.0.1:6379.
# Usage: bash bench/soak.sh [seconds, default 300] [connections, default 64]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
DURATION="${1:-300}"
CONNECTIONS="${2:-64}"
PORT="${BENCH_PORT:-8767}"
DB=nps_bench_soak
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
source bench/production_env.sh
production_env "${DB}" soak
export PROMETHEUS_MULTIPROC_DIR="/tmp/nps-bench-soak-metrics-$$"
TOKEN=$($PY manage.py shell -c "
import datetime
from nps.accounts.models import User
from nps.accounts.services import start_session
from oracle.models import Profile
account = User.objects.create_user('bench', 'bench-password-0123', role='user')
for index in range(20):
    Profile.objects.create(owner=account, name=f'Bench person {index}',
                           birthday=datetime.date(1990, 1, 1 + index), mother_name='Maryam')
print(start_session(account).access_token)" | tail -n 1)

$PY -m gunicorn nps.wsgi:application --bind "127.0.0.1:${PORT}" > /tmp/nps-bench-soak.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true; rm -rf "$PROMETHEUS_MULTIPROC_DIR"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:${PORT}/api/health" >/dev/null && break; sleep 0.2; done

rss() { ps -o rss= --ppid "$SERVER" | awk '{sum += $1} END {printf "%.0f", sum/1024}'; }
echo "| elapsed | workers' resident memory |"
echo "|---|---|"
echo "| 0 s | $(rss) MB |"
( for t in $(seq 30 30 "$DURATION"); do sleep 30; echo "| ${t} s | $(rss) MB |"; done ) &
SAMPLER=$!
result=$(BENCH_TOKEN="$TOKEN" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency \
  -s bench/wrk/soak.lua "http://127.0.0.1:${PORT}")
wait $SAMPLER 2>/dev/null || true
echo
echo "$result"
non2xx=$(awk '/Non-2xx/ {print $NF}' <<< "$result")
socket=$(awk -F'[ ,]+' '/Socket errors/ {print $4 + $6 + $8 + $10}' <<< "$result")
echo
echo "errors: $(( ${non2xx:-0} + ${socket:-0} )) (non-2xx ${non2xx:-0}, socket ${socket:-0})"
$PY manage.py shell -c "
from oracle.models import Profile, Reading
print(f'stored: {Reading.objects.count()} readings, {Profile.objects.count()} profiles')"
kill $SERVER; wait $SERVER 2>/dev/null || true
trap - EXIT
rm -rf "$PROMETHEUS_MULTIPROC_DIR"
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS ${DB}" >/dev/null 2>&1 || true
