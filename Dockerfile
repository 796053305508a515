# NPS web application: gunicorn serving Django (static files by WhiteNoise).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    NPS_LOG_FORMAT=json \
    WEB_CONCURRENCY=3 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# pg_dump / pg_restore for `manage.py backup` and `restore`: Debian bookworm's client is
# PostgreSQL 15, the server of docker-compose.yml (a newer server needs its own client version).
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
# Collect static files with production storage (hashed names). The secrets here exist only for
# this build step; the running container gets its own from the environment.
RUN DEBUG=0 DJANGO_SECRET_KEY=build-only-django-secret-key-0123456789 \
    NPS_ENCRYPTION_KEY=build-only-encryption-key-0123456789 \
    API_SECRET_KEY=build-only-api-secret-key-0123456789 \
    JWT_SECRET_KEY=build-only-jwt-secret-key-0123456789 \
    python manage.py collectstatic --noinput -v0 \
 && useradd --system --uid 1000 --home /app nps && chown -R nps /app
USER nps
# Prometheus' multiprocess directory (gunicorn.conf.py empties it at each start); set only here,
# after the build steps, so it is made by the user that runs the app.
ENV PROMETHEUS_MULTIPROC_DIR=/tmp/nps-metrics

EXPOSE 8000
ENTRYPOINT ["/app/docker/entrypoint.sh"]
