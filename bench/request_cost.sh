#!/usr/bin/env bash
# CPU cost per request, in-process (bench/request_cost.py), with production settings on PostgreSQL
# and Redis, and the same for the bare-view ceiling (bench/ceiling.py). Needs PostgreSQL on
# 127.0.0.1:5432 (user postgres) and Redis on 127.0.0.1:6379; uses a throw-away database
# nps_bench_cost. Usage: bash bench/request_cost.sh [--requests N] [--profile CASE]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
DB=nps_bench_cost
export DEBUG=0
export DJANGO_SECRET_KEY="bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export NPS_ENCRYPTION_KEY="bench-encryption-key-0123456789abcdef"
export API_SECRET_KEY="bench-legacy-secret-0123456789abcdef"
export JWT_SECRET_KEY="bench-jwt-secret-0123456789abcdef"
export ALLOWED_HOSTS="127.0.0.1,localhost"
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/${DB}"
export REDIS_URL="redis://127.0.0.1:6379/13"
export REDIS_KEY_PREFIX="bench-cost-$$"
export RATE_LIMIT_DEFAULT="100000000/minute"
export LOG_LEVEL=WARNING

psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS ${DB}" -c "CREATE DATABASE ${DB}" >/dev/null
DJANGO_SETTINGS_MODULE=nps.settings $PY manage.py migrate --noinput -v0
DJANGO_SETTINGS_MODULE=nps.settings $PY manage.py collectstatic --noinput -v0
echo "| app | case | CPU per request | wall per request | first request |"
echo "|---|---|---|---|---|"
if [[ " $* " != *" --profile "* ]]; then
  DJANGO_SETTINGS_MODULE=bench.ceiling $PY bench/request_cost.py "$@"
fi
DJANGO_SETTINGS_MODULE=nps.settings $PY bench/request_cost.py "$@"
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS ${DB}" >/dev/null 2>&1 || true
