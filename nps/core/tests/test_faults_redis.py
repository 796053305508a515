"""Redis stopping in the middle of traffic: pages and API keep answering, health says so, no 500.

A private `redis-server` on a free port is the cache; the same round of requests (public and
authenticated API calls, a stored reading, pages, the consultation form with its one-time token)
runs while Redis answers, while it hangs (SIGSTOP: every call waits for the socket timeout),
after it is back (SIGCONT), while it is dead (SIGKILL: connections refused) and after it restarts.
Rate limits then count per process and are shared again once Redis answers (their keys reappear
in Redis).
"""

import copy
import shutil
import signal
import socket
import subprocess
import time
import uuid

import pytest
import redis

from nps.core import ratelimit
from nps.core.tests import figures

pytestmark = pytest.mark.django_db

SOCKET_TIMEOUT = 0.3


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    def __init__(self):
        assert shutil.which("redis-server"), "redis-server is needed (apt-get install redis-server)"
        self.port = free_port()
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis(port=self.port, socket_timeout=1)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.02)

    def signal(self, number: int) -> None:
        self.process.send_signal(number)
        if number == signal.SIGKILL:
            self.process.wait(timeout=10)

    def keys(self, pattern: str) -> list:
        return redis.Redis(port=self.port, socket_timeout=1).keys(pattern)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def private_redis(settings, monkeypatch):
    server = RedisServer()
    server.start()
    prefix = f"fault-{uuid.uuid4().hex}"
    caches = copy.deepcopy(settings.CACHES)
    caches["default"] = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{server.port}/0",
        "KEY_PREFIX": prefix,
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "SOCKET_CONNECT_TIMEOUT": SOCKET_TIMEOUT,
            "SOCKET_TIMEOUT": SOCKET_TIMEOUT,
        },
    }
    settings.CACHES = caches
    # The rate limiter retries Redis every few seconds in production; here at once.
    monkeypatch.setattr(ratelimit, "CACHE_RETRY_SECONDS", 0.2)
    server.prefix = prefix
    yield server
    server.stop()


def one_round(api, page) -> dict[str, int]:
    """The requests of every phase → their statuses (and the health check's Redis state)."""
    statuses = {
        "health": api.get("/api/health").status_code,
        "profiles api": api.get("/api/oracle/users").status_code,
        "name reading api": api.post(
            "/api/oracle/name", {"name": "Sara"}, format="json"
        ).status_code,
        "profiles page": page.get("/profiles").status_code,
        "consult page": page.get("/oracle?type=name").status_code,
        "consult submit": page.post(
            "/oracle",
            {"type": "name", "token": uuid.uuid4().hex, "name": "Ali", "numerology_system": "auto"},
        ).status_code,
    }
    ready = api.get("/api/health/ready")
    statuses["ready"] = ready.status_code
    statuses["redis"] = ready.json()["checks"]["redis"]
    return statuses


ANSWERED = {
    "health": 200,
    "profiles api": 200,
    "name reading api": 200,
    "profiles page": 200,
    "consult page": 200,
    "consult submit": 200,
    "ready": 200,
}


def test_redis_stopping_mid_traffic_degrades_and_recovers(private_redis, api_as, client, user):
    api = api_as(account=user)
    client.force_login(user)
    client.raise_request_exception = False  # a 500 must show as a 500, as on a real server

    assert one_round(api, client) == {**ANSWERED, "redis": "healthy"}
    assert private_redis.keys(f"{private_redis.prefix}:*ratelimit*"), "limits are not in Redis"

    phases = {}
    private_redis.signal(signal.SIGSTOP)  # hangs: every call waits for the socket timeout
    started = time.monotonic()
    phases["hung"] = one_round(api, client)
    hung_seconds = time.monotonic() - started

    private_redis.signal(signal.SIGCONT)
    time.sleep(0.3)  # past the limiter's retry interval (patched to 0.2 s)
    phases["continued"] = one_round(api, client)

    private_redis.signal(signal.SIGKILL)  # dead: connections refused
    phases["killed"] = one_round(api, client)

    private_redis.start()  # back on the same port, empty
    time.sleep(0.3)
    phases["restarted"] = one_round(api, client)

    assert phases == {
        "hung": {**ANSWERED, "redis": "unhealthy"},
        "continued": {**ANSWERED, "redis": "healthy"},
        "killed": {**ANSWERED, "redis": "unhealthy"},
        "restarted": {**ANSWERED, "redis": "healthy"},
    }
    # Used again: the restarted (empty) Redis holds the rate-limit counters of the last round.
    assert private_redis.keys(f"{private_redis.prefix}:*ratelimit*")
    # A hung Redis costs each request at most a socket timeout or two, not a hang.
    assert hung_seconds < 8 * 2 * SOCKET_TIMEOUT + 5, f"a round took {hung_seconds:.1f} s"
    figures.record(f"Redis hung (SIGSTOP): one round of 8 requests took {hung_seconds:.2f} s")
