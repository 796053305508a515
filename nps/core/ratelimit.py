"""Rate limits kept in the cache, so every worker shares them (Redis in production).

Fixed windows counted with the cache's atomic increment. Classes (limits from the environment):
`default` for every API request, `ai` charged only when a call really reaches the AI provider, and
`auth_failures` counting bad credentials per client address. If the cache is unreachable, requests
are let through (and the failure is logged) rather than refused.
"""

import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

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


def hit(rate_class: str, key: str, rate: Rate | None = None) -> RateState | None:
    """Count one request of `key` in `rate_class`; `None` if the cache could not be reached."""
    rate = rate or rate_for(rate_class)
    now = time.time()
    window_start = int(now // rate.window) * rate.window
    cache_key = f"ratelimit:{rate_class}:{key}:{window_start}"
    try:
        cache.add(cache_key, 0, timeout=rate.window + 1)
        count = cache.incr(cache_key)
    except ValueError:
        # The window's key expired between add and incr: this is its first request.
        count = 1
        cache.set(cache_key, count, timeout=rate.window + 1)
    except Exception:
        logger.warning("Rate limiting skipped: the cache is unreachable", exc_info=True)
        return None
    reset = max(1, int(window_start + rate.window - now + 0.999))
    return RateState(rate.limit, rate.limit - count, reset)


def peek(rate_class: str, key: str) -> bool:
    """Whether `key` is already over its limit in `rate_class` (without counting a request)."""
    rate = rate_for(rate_class)
    window_start = int(time.time() // rate.window) * rate.window
    try:
        count = cache.get(f"ratelimit:{rate_class}:{key}:{window_start}", 0)
    except Exception:
        logger.warning("Rate limiting skipped: the cache is unreachable", exc_info=True)
        return False
    return count >= rate.limit


def charge(rate_class: str, key: str) -> RateState | None:
    """Count one request and raise `RateLimitExceeded` when it is over the limit."""
    state = hit(rate_class, key)
    if state is not None and state.exceeded:
        raise RateLimitExceeded(state)
    return state
