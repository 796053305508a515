"""Warm a freshly loaded application before it serves, so a worker's first request costs what its
thousandth does.

gunicorn loads the app once in its master process (`preload_app`, gunicorn.conf.py) and calls
`warm(application)`: a few requests go through the whole stack in-process — the URL
configuration and every view module, DRF and its authentication, the templates of a page in both
languages, the translation catalogues, the encryption keys (PBKDF2, tens of milliseconds) — then
database connections are closed and the objects made so far are frozen out of the garbage
collector's way, so the forked workers share them copy-on-write. A worker recycled later is forked
from the same warm master.

Warm-up requests come from a reserved address (TEST-NET-1, never a real client), so they spend no
real client's rate limit, and are left out of the request log and the metrics.
"""

import gc
import io
import logging
import sys

from django.db import connections

logger = logging.getLogger(__name__)

WARMUP_ADDRESS = "192.0.2.1"
WARMUP_MARK = "nps.warmup"

# (method, path, extra WSGI variables) — public or refused requests: nothing is written.
REQUESTS = [
    ("GET", "/api/health", {}),
    ("GET", "/api/oracle/users", {}),  # 401: DRF, the API's error handler
    ("GET", "/api/oracle/users", {"HTTP_AUTHORIZATION": "Bearer warm-up-not-a-token"}),
    ("GET", "/login", {}),
    ("GET", "/login", {"HTTP_COOKIE": "nps_language=fa"}),
]


# What an app builds at its first use and keeps (`register`): built here, in the master, so that no
# worker's first request builds it (the profile form's countries and cities, ~1.5 s) and the
# workers share it copy-on-write.
_builders: list = []


def register(build) -> None:
    """``build()`` runs at warm-up (after the requests), once per master."""
    _builders.append(build)


def _environ(method: str, path: str, extra: dict) -> dict:
    return {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "localhost",
        "REMOTE_ADDR": WARMUP_ADDRESS,
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http",
        WARMUP_MARK: True,
        **extra,
    }


def warm(application) -> None:
    """Run the warm-up requests; never raises (a service that is down must not stop the start)."""
    from nps.core import fields

    try:
        fields.fernets()
    except Exception as error:
        logger.warning("Warm-up: encryption keys not derived (%s)", type(error).__name__)
    for method, path, extra in REQUESTS:
        try:
            result = application(_environ(method, path, extra), lambda *args, **kwargs: None)
            for _ in result:
                pass
            if hasattr(result, "close"):
                result.close()
        except Exception as error:
            logger.warning("Warm-up request %s %s failed (%s)", method, path, type(error).__name__)
    for build in _builders:
        try:
            build()
        except Exception as error:
            logger.warning("Warm-up: %s failed (%s)", build.__qualname__, type(error).__name__)
    # Sockets must not be shared with forked workers.
    connections.close_all()
    gc.collect()
    gc.freeze()
