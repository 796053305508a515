"""Request metrics of this worker process, for `GET /api/health/performance`.

Kept in memory (no I/O on the request path): each worker reports its own traffic, and the answer
says which worker it is. A load balancer spreads requests, so add the workers up for the site.
"""

import os
import statistics
import threading
import time
from collections import deque

WINDOW_SECONDS = 60
MAX_SAMPLES = 20_000

_started = time.monotonic()
_lock = threading.Lock()
_recent: deque[tuple[float, float]] = deque(maxlen=MAX_SAMPLES)  # (monotonic time, duration ms)
_total = 0


def record(duration_ms: float) -> None:
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


class RequestMetricsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        record((time.perf_counter() - started) * 1000)
        return response
