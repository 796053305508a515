import pytest
from django.db import OperationalError

from nps.core import health

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        # Port 1 on loopback: nothing listens there, so every connection is refused at once.
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
    }
}


@pytest.mark.django_db
def test_health_reports_healthy_and_version(client):
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.json() == {"status": "healthy", "version": "4.0.0"}


@pytest.mark.django_db
def test_ready_with_database_up_is_healthy(client, settings):
    response = client.get("/api/health/ready")
    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "healthy"
    assert body["checks"]["database"] == "healthy"
    assert body["checks"]["cache"]["state"] == "healthy"
    expected_redis = "healthy" if health.cache_uses_redis() else "not_configured"
    assert body["checks"]["redis"] == expected_redis


@pytest.mark.django_db
def test_ready_reports_unreachable_redis_without_failing(client, settings):
    settings.CACHES = UNREACHABLE_REDIS
    response = client.get("/api/health/ready")
    body = response.json()
    assert response.status_code == 200
    assert body["checks"]["redis"] == "unhealthy"
    assert body["checks"]["cache"] == {"backend": "redis", "state": "unhealthy"}
    # V4: only the database decides the overall status.
    assert body["status"] == "healthy"


@pytest.mark.django_db
def test_ready_reports_database_down_as_degraded(client, monkeypatch):
    def refuse():
        raise OperationalError("connection refused")

    monkeypatch.setattr(health.connection, "cursor", refuse)
    response = client.get("/api/health/ready")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["database"] == "unhealthy"


@pytest.mark.django_db
def test_health_refuses_other_methods(client):
    assert client.post("/api/health").status_code == 405


@pytest.mark.django_db
def test_health_is_not_cached_by_proxies(client):
    assert "no-cache" in client.get("/api/health/ready")["Cache-Control"]


@pytest.mark.django_db
def test_performance_reports_this_workers_real_traffic(client):
    before = client.get("/api/health/performance").json()
    for _ in range(3):
        client.get("/api/health")
    after = client.get("/api/health/performance").json()
    assert after["requests_total"] - before["requests_total"] == 4
    assert after["requests_per_minute"] >= 4
    assert after["p95_response_ms"] > 0
    assert after["uptime_seconds"] >= before["uptime_seconds"]
    assert after["scope"] == "worker"
