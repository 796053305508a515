"""Health endpoints (api.md §2.1): no auth, real checks, never a 500."""

import logging
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.warning("Health check: the database did not answer SELECT 1", exc_info=True)
        return "unhealthy"
    return "healthy"


def cache_uses_redis() -> bool:
    return "redis" in settings.CACHES["default"]["BACKEND"].lower()


def cache_state() -> str:
    """A real write/read/delete round trip through the configured cache."""
    key = f"health:{secrets.token_hex(8)}"
    value = secrets.token_hex(8)
    try:
        cache.set(key, value, timeout=10)
        echoed = cache.get(key)
        cache.delete(key)
    except Exception:
        logger.warning("Health check: the cache round trip failed", exc_info=True)
        return "unhealthy"
    return "healthy" if echoed == value else "unhealthy"


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "healthy", "version": settings.NPS_VERSION})


@never_cache
@require_GET
def ready(request: HttpRequest) -> JsonResponse:
    database = database_state()
    cache_check = cache_state()
    checks = {
        "database": database,
        # V4's key: the state of Redis. "not_configured" when REDIS_URL is unset and the app uses
        # its per-process memory cache instead.
        "redis": cache_check if cache_uses_redis() else "not_configured",
        "cache": {
            "backend": "redis" if cache_uses_redis() else "local-memory",
            "state": cache_check,
        },
        "scanner_service": "not_deployed",
        "oracle_service": "direct_mode",
    }
    status = "healthy" if database == "healthy" else "degraded"
    return JsonResponse({"status": status, "checks": checks})
