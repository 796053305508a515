"""Rate limits kept in the cache, so every worker shares them (Redis in production).

Fixed windows counted with the cache's atomic increment (on Redis, one pipelined round trip).
Classes (limits from the environment):
`default` for every API request, `ai` charged only when a call really reaches the AI provider,
`auth_failures` counting bad bearer tokens per client address, and `login_failures` counting failed
password logins per client address across usernames (past it, each failure makes the address wait
a growing delay: `impose_delay` / `delay_remaining`).

When the cache cannot be reached, limits are not switched off: they are counted in this process
instead (a degraded limit, per worker rather than shared), and the cache is left alone for
`CACHE_RETRY_SECONDS` so a stopped Redis costs one socket timeout per interval, not one per
request. One warning is logged when an outage starts and one when it ends.
"""

import logging
import math
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import ImproperlyConfigured

from nps.core.cache import RedisCache
from nps.core.metrics import timed_cache

logger = logging.getLogger(__name__)

PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


@dataclass(frozen=True)
class Rate:
    limit: int
    window: int  # seconds

    @classmethod
    def parse(cls, text: str) -> "Rate":
        """`"300/minute"`, `"100/hour"`, `"5/second"`."""
        count, _, period = text.partition("/")
        try:
            return cls(int(count), PERIODS[period.strip().lower()])
        except (ValueError, KeyError):
            raise ImproperlyConfigured(
                f"A rate must look like 300/minute (periods: {', '.join(PERIODS)}); got {text!r}."
            ) from None


@dataclass(frozen=True)
class RateState:
    limit: int
    remaining: int
    reset: int  # seconds until the window ends

    @property
    def exceeded(self) -> bool:
        return self.remaining < 0

    def headers(self) -> dict[str, str]:
        headers = {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(max(self.remaining, 0)),
            "X-RateLimit-Reset": str(self.reset),
        }
        if self.exceeded:
            headers["Retry-After"] = str(self.reset)
        return headers


class RateLimitExceeded(Exception):
    """Raised by services (e.g. before an AI call); answered with 429 and `Retry-After`."""

    def __init__(self, state: RateState) -> None:
        super().__init__("Rate limit exceeded")
        self.state = state


def rate_for(rate_class: str) -> Rate:
    return Rate.parse(settings.NPS_RATE_LIMITS[rate_class])


# Seconds the shared cache is left alone after it failed, before it is tried again.
CACHE_RETRY_SECONDS = 5.0


class CacheGuard:
    """Which counter store to use: the shared cache, or this process's while the cache is down."""

    def __init__(self) -> None:
        # A name of its own: LocMemCache instances of one name share their storage.
        self.local = LocMemCache(f"nps-ratelimit-{id(self)}", {"OPTIONS": {"MAX_ENTRIES": 10_000}})
        self._lock = threading.Lock()
        self._retry_at = 0.0
        self.outage = False

    def store(self):
        return caches["default"] if time.monotonic() >= self._retry_at else self.local

    def failed(self, error: Exception) -> None:
        with self._lock:
            self._retry_at = time.monotonic() + CACHE_RETRY_SECONDS
            if not self.outage:
                self.outage = True
                logger.warning(
                    "The cache is unreachable (%s): rate limits are counted per process until it "
                    "answers again.",
                    type(error).__name__,
                )

    def succeeded(self) -> None:
        if self.outage:
            with self._lock:
                if self.outage:
                    self.outage = False
                    logger.warning("The cache answers again: rate limits are shared again.")


guard = CacheGuard()


def _window(rate: Rate, now: float) -> int:
    return int(now // rate.window) * rate.window


def _increment(store, cache_key: str, timeout: int) -> int:
    """Count one request in the window's counter, created with its expiry on first use."""
    if isinstance(store, RedisCache):
        # One round trip: SET NX gives a new window's key its expiry, INCR counts (pipelined,
        # so a request costs one network wait instead of two; measured in docs/PERFORMANCE.md).
        key = store.make_and_validate_key(cache_key)
        with timed_cache("incr"):
            pipe = store.client.get_client(write=True).pipeline(transaction=False)
            pipe.set(key, 0, ex=timeout, nx=True)
            pipe.incr(key)
            return pipe.execute()[1]
    try:
        store.add(cache_key, 0, timeout=timeout)
        return store.incr(cache_key)
    except ValueError:
        # The window's key expired between add and incr: this is its first request.
        store.set(cache_key, 1, timeout=timeout)
        return 1


def on_shared_cache(operation):
    """Run `operation(store)` on the shared cache, or on this process's while the cache is down.

    For counters and short-lived claims that must keep working through a Redis outage (rate
    limits, the consultation page's one-time form tokens): degraded to per-process, never a 500.
    """
    store = guard.store()
    if store is guard.local:
        return operation(store)
    try:
        result = operation(store)
    except Exception as error:  # any client error: refused connection, timeout, protocol
        guard.failed(error)
        return operation(guard.local)
    guard.succeeded()
    return result


def hit(rate_class: str, key: str, rate: Rate | None = None) -> RateState:
    """Count one request of `key` in `rate_class`."""
    rate = rate or rate_for(rate_class)
    now = time.time()
    window_start = _window(rate, now)
    cache_key = f"ratelimit:{rate_class}:{key}:{window_start}"
    count = on_shared_cache(lambda store: _increment(store, cache_key, rate.window + 1))
    reset = max(1, int(window_start + rate.window - now + 0.999))
    return RateState(rate.limit, rate.limit - count, reset)


def current(rate_class: str, key: str) -> RateState:
    """Where `key` stands in `rate_class` now, without counting a request; `exceeded` once the
    limit is used up (the next request would be refused)."""
    rate = rate_for(rate_class)
    now = time.time()
    window_start = _window(rate, now)
    cache_key = f"ratelimit:{rate_class}:{key}:{window_start}"
    count = on_shared_cache(lambda store: store.get(cache_key, 0))
    reset = max(1, int(window_start + rate.window - now + 0.999))
    return RateState(rate.limit, rate.limit - count - 1, reset)


def charge(rate_class: str, key: str) -> RateState:
    """Count one request and raise `RateLimitExceeded` when it is over the limit."""
    state = hit(rate_class, key)
    if state.exceeded:
        raise RateLimitExceeded(state)
    return state


def _delay_key(name: str, key: str) -> str:
    return f"ratelimit-delay:{name}:{key}"


def impose_delay(name: str, key: str, seconds: int) -> None:
    """Make `key` wait `seconds` before its next try of `name` (shared by all workers)."""
    until = time.time() + seconds
    on_shared_cache(lambda store: store.set(_delay_key(name, key), until, timeout=seconds + 1))


def delay_remaining(name: str, key: str) -> int:
    """Whole seconds `key` must still wait before its next try of `name` (0: none)."""
    until = on_shared_cache(lambda store: store.get(_delay_key(name, key)))
    left = (until or 0) - time.time()
    return math.ceil(left) if left > 0 else 0
