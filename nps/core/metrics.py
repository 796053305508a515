"""Prometheus metrics (prometheus-client) at `GET /metrics`, and this worker's recent traffic for
V4's `GET /api/health/performance`.

Metrics (docs/OPERATIONS.md): requests and their latency by view, method and status; database
query and cache operation timings; AI calls by outcome and their duration; the depth of the job
queue (the Celery list in Redis, read when scraped). Under gunicorn every worker is a process of its
own: with `PROMETHEUS_MULTIPROC_DIR` set (the container does it; `gunicorn.conf.py` empties the
directory at start and marks dead workers) each process writes its samples there and a scrape adds
up all of them. Without it the numbers are this process's.

`/metrics` and `/api/health/performance` answer only addresses in `NPS_METRICS_ALLOWED_IPS`
(default loopback) or a request with `Authorization: Bearer <NPS_METRICS_TOKEN>`; others get 404
(a wrong token 403).
"""

import hmac
import ipaddress
import logging
import os
import statistics
import threading
import time
from collections import deque
from contextlib import contextmanager

# prometheus-client switches to multiprocess mode when the variable merely exists; an empty line in
# .env must mean "off", not a crash. Decided before prometheus_client is imported.
# A directory that does not exist yet (a management command run before gunicorn made it) is made.
if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
    if os.environ["PROMETHEUS_MULTIPROC_DIR"].strip():
        os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"], exist_ok=True)
    else:
        del os.environ["PROMETHEUS_MULTIPROC_DIR"]

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.views.decorators.cache import never_cache
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

from nps.core.http import client_ip

logger = logging.getLogger(__name__)

# No `*_created` timestamp series beside each counter and histogram: they double the output.
disable_created_metrics()

# Request latencies: a health check takes a millisecond, a reading with an AI call seconds.
_REQUEST_BUCKETS = (0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
_FAST_BUCKETS = (0.0002, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1)

REQUESTS = Counter("nps_http_requests", "HTTP requests answered", ["view", "method", "status"])
REQUEST_SECONDS = Histogram(
    "nps_http_request_duration_seconds",
    "Time to answer an HTTP request",
    ["view", "method", "status"],
    buckets=_REQUEST_BUCKETS,
)
DB_QUERY_SECONDS = Histogram(
    "nps_db_query_duration_seconds",
    "Time of one database query made while answering a request",
    ["database"],
    buckets=_FAST_BUCKETS,
)
CACHE_SECONDS = Histogram(
    "nps_cache_operation_duration_seconds",
    "Time of one cache operation (Redis or the local-memory cache)",
    ["operation"],
    buckets=_FAST_BUCKETS,
)
CACHE_ERRORS = Counter(
    "nps_cache_errors", "Cache operations that raised (e.g. Redis not answering)", ["operation"]
)
AI_CALLS = Counter(
    "nps_ai_calls",
    "Calls to the AI provider, by outcome (ok, cached, empty, failed, …)",
    ["outcome"],
)
AI_TOKENS = Counter("nps_ai_tokens", "Tokens used by calls to the AI provider (input and output)")
AI_CALL_SECONDS = Histogram(
    "nps_ai_call_duration_seconds",
    "Time of one call to the AI provider",
    buckets=(0.25, 0.5, 1, 2, 4, 8, 15, 30, 60),
)


def observe_request(view: str, method: str, status: int, seconds: float) -> None:
    labels = (view, method, str(status))
    REQUESTS.labels(*labels).inc()
    REQUEST_SECONDS.labels(*labels).observe(seconds)
    _record_recent(seconds * 1000)


@contextmanager
def timed_cache(operation: str):
    started = time.perf_counter()
    try:
        yield
    except Exception:
        CACHE_ERRORS.labels(operation).inc()
        raise
    finally:
        CACHE_SECONDS.labels(operation).observe(time.perf_counter() - started)


def record_ai_call(outcome: str, seconds: float, tokens: int) -> None:
    """One request to the AI provider (`oracle.services.ai`): its outcome (ok, cached, empty,
    failed, …), how long it took and the tokens it used."""
    AI_CALLS.labels(outcome).inc()
    if outcome != "cached":
        AI_CALL_SECONDS.observe(seconds)
    if tokens:
        AI_TOKENS.inc(tokens)


class DatabaseTimer:
    """A `connection.execute_wrapper` that times each query of one request."""

    def __init__(self, alias: str) -> None:
        self.histogram = DB_QUERY_SECONDS.labels(alias)

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.histogram.observe(time.perf_counter() - started)


# --- The job queue ------------------------------------------------------------------------------


def _broker_url() -> str:
    return getattr(settings, "CELERY_BROKER_URL", "") or os.environ.get("REDIS_URL", "").strip()


_broker_clients: dict = {}


def job_queue_depth() -> int:
    """Jobs waiting in the Celery queue (a Redis list); 0 without Redis or if it does not answer."""
    url = _broker_url()
    if not url.startswith(("redis://", "rediss://", "unix://")):
        return 0
    queue = getattr(settings, "CELERY_TASK_DEFAULT_QUEUE", "") or "celery"
    try:
        client = _broker_clients.get(url)
        if client is None:
            import redis

            client = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
            _broker_clients[url] = client
        return int(client.llen(queue))
    except Exception as error:  # a stopped Redis must not break the scrape
        logger.warning("Job queue depth unavailable (%s)", type(error).__name__)
        return 0


class JobQueueCollector:
    """Reads the queue's length when scraped (a gauge no process has to keep up to date)."""

    def collect(self):
        family = GaugeMetricFamily(
            "nps_job_queue_depth", "Jobs waiting in the background-job queue", labels=["queue"]
        )
        queue = getattr(settings, "CELERY_TASK_DEFAULT_QUEUE", "") or "celery"
        family.add_metric([queue], job_queue_depth())
        yield family


def multiprocess_mode() -> bool:
    return bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))


def exposition() -> bytes:
    """The metrics in Prometheus' text format: every worker's in multiprocess mode."""
    if multiprocess_mode():
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = CollectorRegistry()
        # The default registry holds this process's metrics (and Python's own collectors).
        registry.register(_DefaultRegistry())
    registry.register(JobQueueCollector())
    return generate_latest(registry)


class _DefaultRegistry:
    def collect(self):
        return REGISTRY.collect()


# --- Access to /metrics ----------------------------------------------------------------------


def _allowed_address(request) -> bool:
    address = client_ip(request)
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in settings.NPS_METRICS_ALLOWED_NETWORKS)


def monitoring_access(request) -> int:
    """Who may read the monitoring answers (`/metrics`, `/api/health/performance`): 200 for an
    allowed address or the right `NPS_METRICS_TOKEN`, 403 for a wrong token from elsewhere, and
    404 for everyone else (the endpoints do not show that they exist)."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    token = settings.NPS_METRICS_TOKEN
    if header:
        scheme, _, given = header.partition(" ")
        if scheme.lower() == "bearer" and token and hmac.compare_digest(given.strip(), token):
            return 200
        if not _allowed_address(request):
            return 403
    return 200 if _allowed_address(request) else 404


@never_cache
def metrics_view(request):
    access = monitoring_access(request)
    if access == 403:
        return HttpResponseForbidden("Forbidden\n", content_type="text/plain")
    if access == 404:
        raise Http404
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)


# --- This worker's recent traffic (V4's /api/health/performance) ---------------------------

WINDOW_SECONDS = 60
MAX_SAMPLES = 20_000

_started = time.monotonic()
_lock = threading.Lock()
_recent: deque[tuple[float, float]] = deque(maxlen=MAX_SAMPLES)  # (monotonic time, duration ms)
_total = 0


def _record_recent(duration_ms: float) -> None:
    global _total
    with _lock:
        _total += 1
        _recent.append((time.monotonic(), duration_ms))


def snapshot() -> dict:
    now = time.monotonic()
    with _lock:
        durations = [ms for at, ms in _recent if now - at <= WINDOW_SECONDS]
        total = _total
    p95 = (
        statistics.quantiles(durations, n=20)[-1]
        if len(durations) >= 2
        else (durations[0] if durations else 0.0)
    )
    return {
        "uptime_seconds": round(now - _started, 1),
        "requests_total": total,
        "requests_per_minute": len(durations),
        "p95_response_ms": round(p95, 2),
        "scope": "worker",
        "worker_pid": os.getpid(),
    }
