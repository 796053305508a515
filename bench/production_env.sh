# Sourced by the bench scripts: `production_env DATABASE TAG` exports production settings (DEBUG
# off, real-length secrets, the rate limit raised — one client sends far more than a person —,
# warnings-only logs) on a throw-away PostgreSQL database DATABASE (dropped and created) and
# Redis database 13 under keys of this run (`bench-TAG-PID`), then migrates and collects static
# files. Needs PostgreSQL on 127.0.0.1:5432 (user postgres) and Redis on 127.0.0.1:6379.
production_env() {
  local database=$1 tag=$2
  export DEBUG=0
  export DJANGO_SECRET_KEY="bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  export NPS_ENCRYPTION_KEY="bench-encryption-key-0123456789abcdef"
  export API_SECRET_KEY="bench-legacy-secret-0123456789abcdef"
  export JWT_SECRET_KEY="bench-jwt-secret-0123456789abcdef"
  export ALLOWED_HOSTS="127.0.0.1,localhost"
  export DATABASE_URL="postgres://postgres@127.0.0.1:5432/${database}"
  export REDIS_URL="redis://127.0.0.1:6379/13"
  export REDIS_KEY_PREFIX="bench-${tag}-$$"
  export RATE_LIMIT_DEFAULT="100000000/minute"
  export LOG_LEVEL=WARNING
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS ${database}" \
    -c "CREATE DATABASE ${database}" >/dev/null
  DJANGO_SETTINGS_MODULE=nps.settings .venv/bin/python manage.py migrate --noinput -v0
  DJANGO_SETTINGS_MODULE=nps.settings .venv/bin/python manage.py collectstatic --noinput -v0
}
