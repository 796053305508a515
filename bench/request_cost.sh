#!/usr/bin/env bash
# CPU cost per request, in-process (bench/request_cost.py), with production settings on PostgreSQL
# and Redis, and the same for the bare-view ceiling (bench/ceiling.py). Needs PostgreSQL on
# 127.0.0.1:5432 (user postgres) and Redis on 127.0.0.1:6379; uses a throw-away database
# nps_bench_cost. Usage: bash bench/request_cost.sh [--requests N] [--profile CASE]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
DB=nps_bench_cost
source bench/production_env.sh
production_env "${DB}" cost
echo "| app | case | CPU per request | wall per request | first request |"
echo "|---|---|---|---|---|"
if [[ " $* " != *" --profile "* ]]; then
  DJANGO_SETTINGS_MODULE=bench.ceiling $PY bench/request_cost.py "$@"
fi
DJANGO_SETTINGS_MODULE=nps.settings $PY bench/request_cost.py "$@"
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS ${DB}" >/dev/null 2>&1 || true
