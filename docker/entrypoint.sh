#!/bin/sh
# Container start: apply migrations, make sure the admin account exists, then serve.
set -e
python manage.py migrate --noinput
python manage.py bootstrap --no-demo
exec gunicorn nps.wsgi:application \
    --bind 0.0.0.0:8000 \
    --workers "${WEB_CONCURRENCY:-3}" \
    --timeout "${GUNICORN_TIMEOUT:-60}" \
    --access-logfile - \
    --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-127.0.0.1}"
