"""The cache backends of `nps.config.cache_config`: Django's, with each operation timed for the
Prometheus metrics (`nps_cache_operation_duration_seconds`, `nps_cache_errors`)."""

from django.core.cache.backends.locmem import LocMemCache as DjangoLocMemCache
from django_redis.cache import RedisCache as DjangoRedisCache

from nps.core.metrics import timed_cache

# The operations each backend implements itself (Django's defaults of the others call these, and
# would be counted twice).
PRIMITIVE_OPERATIONS = ("get", "set", "add", "delete", "incr", "touch", "has_key")
REDIS_OPERATIONS = (*PRIMITIVE_OPERATIONS, "decr", "get_many", "set_many", "delete_many")


def _timed(operation: str, method):
    def wrapper(self, *args, **kwargs):
        with timed_cache(operation):
            return method(self, *args, **kwargs)

    wrapper.__name__ = operation
    wrapper.__doc__ = method.__doc__
    return wrapper


def _with_timings(*operations: str):
    def decorate(cls):
        for operation in operations:
            setattr(cls, operation, _timed(operation, getattr(cls.__mro__[1], operation)))
        return cls

    return decorate


@_with_timings(*REDIS_OPERATIONS)
class RedisCache(DjangoRedisCache):
    """django-redis, timed."""


@_with_timings(*PRIMITIVE_OPERATIONS)
class LocMemCache(DjangoLocMemCache):
    """Django's local-memory cache (development without Redis), timed."""
