#!/bin/sh
# Container start: apply migrations, make sure the admin account exists, then serve.
# gunicorn reads /app/gunicorn.conf.py: workers, preload + warm-up, JSON logs, Prometheus'
# multiprocess directory (PROMETHEUS_MULTIPROC_DIR, emptied at each start).
set -e
python manage.py migrate --noinput
python manage.py bootstrap --no-demo
exec gunicorn nps.wsgi:application --config /app/gunicorn.conf.py
