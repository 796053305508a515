"""Rate limits: per principal and class, shared by every worker through the cache."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from nps import settings as project_settings
from nps.accounts.roles import Role
from nps.core import ratelimit
from nps.core.ratelimit import Rate

PROJECT = Path(__file__).resolve().parents[3]
KEYS = "/api/auth/api-keys"


def test_rate_parsing():
    assert Rate.parse("300/minute") == Rate(300, 60)
    assert Rate.parse("100/hour") == Rate(100, 3600)
    with pytest.raises(ImproperlyConfigured, match="300/minute"):
        Rate.parse("lots")


def test_default_limits_allow_well_over_100_plain_requests_a_minute():
    default = Rate.parse(project_settings.NPS_RATE_LIMITS["default"])
    assert default.limit * 60 / default.window > 100


@pytest.mark.django_db
def test_responses_carry_rate_limit_headers(api_as, settings):
    settings.NPS_RATE_LIMITS = {**settings.NPS_RATE_LIMITS, "default": "50/minute"}
    response = api_as(Role.USER).get(KEYS)
    assert response.status_code == 200
    assert response["X-RateLimit-Limit"] == "50"
    assert response["X-RateLimit-Remaining"] == "49"
    assert 1 <= int(response["X-RateLimit-Reset"]) <= 60


@pytest.mark.django_db
def test_going_over_the_limit_is_429_with_retry_after(api_as, settings):
    settings.NPS_RATE_LIMITS = {**settings.NPS_RATE_LIMITS, "default": "3/minute"}
    client = api_as(Role.USER)
    statuses = [client.get(KEYS).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get(KEYS)
    assert refused.json() == {"detail": "Rate limit exceeded"}
    assert refused["X-RateLimit-Remaining"] == "0"
    assert 1 <= int(refused["Retry-After"]) <= 60


@pytest.mark.django_db
def test_each_principal_has_its_own_bucket(api_as, settings):
    settings.NPS_RATE_LIMITS = {**settings.NPS_RATE_LIMITS, "default": "2/minute"}
    first, second = api_as(Role.USER), api_as(Role.USER)
    for _ in range(2):
        first.get(KEYS)
    assert first.get(KEYS).status_code == 429
    assert second.get(KEYS).status_code == 200


@pytest.mark.django_db
def test_an_api_keys_own_rate_limit_applies(api_as):
    from rest_framework.test import APIClient

    from nps.accounts.models import ApiKey

    created = (
        api_as(Role.USER)
        .post(KEYS, {"name": "slow", "scopes": ["keys:manage"]}, format="json")
        .json()
    )
    ApiKey.objects.filter(pk=created["id"]).update(rate_limit=2)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {created['key']}")
    assert [client.get(KEYS).status_code for _ in range(3)] == [200, 200, 429]


@pytest.mark.django_db
def test_public_endpoints_are_limited_per_client_address(api_client, settings):
    settings.NPS_RATE_LIMITS = {**settings.NPS_RATE_LIMITS, "default": "2/minute"}
    api_client.defaults["REMOTE_ADDR"] = "198.51.100.9"
    body = {"username": "x", "password": "y"}
    statuses = [
        api_client.post("/api/auth/login", body, format="json").status_code for _ in range(3)
    ]
    assert statuses == [401, 401, 429]


@pytest.mark.django_db
def test_the_liveness_probe_is_never_rate_limited(api_client, settings):
    """A load balancer probing from one address must not take a healthy node out of service."""
    settings.NPS_RATE_LIMITS = {**settings.NPS_RATE_LIMITS, "default": "2/minute"}
    api_client.defaults["REMOTE_ADDR"] = "198.51.100.10"
    answers = [api_client.get("/api/health") for _ in range(5)]
    assert [answer.status_code for answer in answers] == [200] * 5
    assert all("X-RateLimit-Limit" not in answer for answer in answers)
    ready = [api_client.get("/api/health/ready").status_code for _ in range(3)]
    assert ready == [200, 200, 429]  # readiness does real work: still counted


def test_charge_raises_when_the_class_is_exhausted(settings):
    settings.NPS_RATE_LIMITS = {**settings.NPS_RATE_LIMITS, "ai": "1/hour"}
    key = f"test-charge-{time.time_ns()}"
    assert ratelimit.charge("ai", key).remaining == 0
    with pytest.raises(ratelimit.RateLimitExceeded) as refused:
        ratelimit.charge("ai", key)
    assert int(refused.value.state.headers()["Retry-After"]) > 0


def test_classes_are_counted_apart(settings):
    settings.NPS_RATE_LIMITS = {**settings.NPS_RATE_LIMITS, "ai": "1/hour", "default": "5/minute"}
    key = f"test-classes-{time.time_ns()}"
    ratelimit.charge("ai", key)
    assert ratelimit.hit("default", key).remaining == 4


def test_on_redis_a_hit_is_one_round_trip_that_sets_the_windows_expiry(settings, monkeypatch):
    """The counter is created with its expiry and incremented in one pipelined call."""
    from django.core.cache import caches
    from django_redis import get_redis_connection

    if "redis" not in settings.CACHES["default"]["BACKEND"].lower():
        pytest.skip("needs Redis (REDIS_URL); `make test` provides it and CI requires it")
    client = get_redis_connection("default")
    executed = []
    pipeline_class = type(client.pipeline())
    original = pipeline_class.execute

    def counting_execute(self, *args, **kwargs):
        executed.append([command[0][0] for command in self.command_stack])
        return original(self, *args, **kwargs)

    monkeypatch.setattr(pipeline_class, "execute", counting_execute)
    key = f"test-pipeline-{time.time_ns()}"
    assert [ratelimit.hit("default", key).remaining for _ in range(2)] == [
        ratelimit.rate_for("default").limit - 1,
        ratelimit.rate_for("default").limit - 2,
    ]
    assert executed == [["SET", "INCRBY"], ["SET", "INCRBY"]]
    # the window of the limits' own clock (conftest.whole_rate_windows)
    window = ratelimit.rate_for("default").window
    stored = caches["default"].make_and_validate_key(
        f"ratelimit:default:{key}:{int(ratelimit.time.time() // window) * window}"
    )
    assert 0 < client.ttl(stored) <= window + 1


# --- shared across processes ------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def two_worker_server():
    """gunicorn with two worker processes on Redis, limited to 10 requests a minute."""
    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url.startswith("redis"):
        pytest.skip("needs Redis (REDIS_URL); `make test` provides it and CI requires it")
    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "1",
        "REDIS_URL": redis_url,
        "REDIS_KEY_PREFIX": f"nps-test-{port}-{time.time_ns()}",
        "RATE_LIMIT_DEFAULT": "10/minute",
        "DATABASE_URL": f"sqlite:////tmp/nps-ratelimit-{port}.sqlite3",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "nps.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=PROJECT,
        env=env,
    )
    # Ready when a worker answers a page (not rate limited), not merely when the port is bound:
    # a worker on a busy machine can take seconds to import the app.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=5):
                break
        except OSError:
            time.sleep(0.2)
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)


CLIENT = """
import sys, urllib.request, urllib.error
codes = []
for _ in range(int(sys.argv[2])):
    try:
        codes.append(urllib.request.urlopen(sys.argv[1], timeout=30).status)
    except urllib.error.HTTPError as error:
        codes.append(error.code)
print(" ".join(map(str, codes)))
"""


def test_limit_is_shared_by_workers_and_client_processes(two_worker_server):
    """Two client processes, two server workers, one limit: exactly 10 requests get through."""
    url = f"{two_worker_server}/api/health/ready"  # public: counted per client address
    clients = [
        subprocess.Popen(
            [sys.executable, "-c", CLIENT, url, "12"], stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    codes = [int(code) for client in clients for code in client.communicate(timeout=60)[0].split()]
    assert len(codes) == 24
    assert codes.count(429) == 14
    assert codes.count(200) == 10
