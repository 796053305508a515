"""Health endpoints: no auth, real checks, never a 500."""

import logging
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response

from nps.core import metrics
from nps.core.api import ApiView
from nps.core.errors import Forbidden, NotFound

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


@method_decorator(never_cache, name="dispatch")
class HealthView(ApiView):
    """Liveness: answers as long as the process serves requests.

    Not rate-limited: a load balancer probes it from one address, and a 429 would take a healthy
    node out of service; counting the request cost more than answering it (docs/PERFORMANCE.md).
    """

    public = True
    rate_limited = False

    @extend_schema(
        responses={
            200: inline_serializer(
                "Health", {"status": serializers.CharField(), "version": serializers.CharField()}
            )
        },
        auth=[],
    )
    def get(self, request):
        return Response({"status": "healthy", "version": settings.NPS_VERSION})


@method_decorator(never_cache, name="dispatch")
class ReadyView(ApiView):
    """Readiness: a real `SELECT 1` and a real cache round trip; always 200, state in the body."""

    public = True

    @extend_schema(
        responses={
            200: inline_serializer(
                "Ready", {"status": serializers.CharField(), "checks": serializers.DictField()}
            )
        },
        auth=[],
    )
    def get(self, request):
        database = database_state()
        cache_check = cache_state()
        checks = {
            "database": database,
            # V4's key: the state of Redis. "not_configured" when REDIS_URL is unset and the app
            # uses its per-process memory cache instead.
            "redis": cache_check if cache_uses_redis() else "not_configured",
            "cache": {
                "backend": "redis" if cache_uses_redis() else "local-memory",
                "state": cache_check,
            },
            "scanner_service": "not_deployed",
            "oracle_service": "direct_mode",
        }
        status = "healthy" if database == "healthy" else "degraded"
        return Response({"status": status, "checks": checks})


@method_decorator(never_cache, name="dispatch")
class PerformanceView(ApiView):
    """V4's performance endpoint, with real numbers: this worker's uptime and traffic. Behind the
    rule of `/metrics` (its worker ids and request rates are for monitoring, not the public)."""

    public = True  # no account: an allowed address or the metrics token, as for /metrics

    @extend_schema(
        responses={
            200: inline_serializer(
                "Performance",
                {
                    "uptime_seconds": serializers.FloatField(),
                    "requests_total": serializers.IntegerField(),
                    "requests_per_minute": serializers.IntegerField(),
                    "p95_response_ms": serializers.FloatField(),
                    "scope": serializers.CharField(),
                    "worker_pid": serializers.IntegerField(),
                },
            ),
            403: OpenApiResponse(description="A wrong metrics token."),
            404: OpenApiResponse(description="Not from an address allowed to see metrics."),
        },
        auth=[],
    )
    def get(self, request):
        access = metrics.monitoring_access(request)
        if access == 403:
            raise Forbidden()
        if access == 404:
            raise NotFound()
        return Response(metrics.snapshot())
