"""gunicorn settings of NPS (read automatically when gunicorn starts in the project directory; the
container's entrypoint and bench/ use it). Each value comes from the environment; see
docs/DEPLOYMENT.md and docs/PERFORMANCE.md for how the defaults were chosen.
"""

import os
import shutil
from pathlib import Path

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Sync workers, (2 × cores) + 1 by default: measured in docs/PERFORMANCE.md.
workers = int(os.environ.get("WEB_CONCURRENCY", str((os.cpu_count() or 1) * 2 + 1)))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# Load and warm the application once in the master (nps/core/warmup.py); workers fork from it, so a
# worker's first request — after a start or a recycle — is as fast as its thousandth.
preload_app = True
os.environ.setdefault("NPS_WARMUP", "1")
# Recycle workers now and then (a leak cannot grow without bound); the jitter keeps them from all
# restarting at once. 0 turns it off.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# No access log: the app logs one line per request itself (nps.request, with the request id and
# without query strings, which may hold private search words).
accesslog = None

# gunicorn's own messages in the same format as the app's (NPS_LOG_FORMAT, JSON by default when
# DEBUG is off).
_debug = os.environ.get("DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}
_format = os.environ.get("NPS_LOG_FORMAT", "").strip().lower() or ("text" if _debug else "json")
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if _format == "json" else "text",
            "stream": "ext://sys.stderr",
        }
    },
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
    },
}

# Prometheus' multiprocess mode: every worker writes its metrics into this directory, and a scrape
# of any worker adds them up. The directory is emptied here, before the application is loaded
# (preload happens before gunicorn's on_starting hook), and a dead worker's files are marked.
_metrics_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "").strip()
if _metrics_dir:
    shutil.rmtree(_metrics_dir, ignore_errors=True)
    Path(_metrics_dir).mkdir(parents=True, exist_ok=True)


def child_exit(server, worker):
    if _metrics_dir:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)


def post_worker_init(worker):
    """Open this worker's database and Redis connections before it accepts a request (they cannot
    be made in the master: sockets must not be shared across fork)."""
    try:
        from django.core.cache import cache
        from django.db import connection

        connection.ensure_connection()
        cache.get("nps:warm-up")
        from oracle.services import sky

        sky.warm_up()  # the ephemeris (~0.6 s), loaded per worker: its file is not shared
    except Exception as error:  # a service that is down: the first request will say so
        worker.log.warning("Worker warm-up: %s", type(error).__name__)
