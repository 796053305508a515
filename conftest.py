"""Fixtures shared by every app's tests."""

import copy
import os
import time
import types
import uuid

import pytest
from django.conf import global_settings
from hypothesis import settings as hypothesis_settings
from rest_framework.test import APIClient

from nps.accounts.roles import Role
from nps.accounts.services import start_session
from nps.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory

# No deadline for Hypothesis examples: a test asserts what a function answers, never how fast (a
# loaded CI machine made a 1 ms example take 257 ms); speed is measured in bench/.
hypothesis_settings.register_profile("nps", deadline=None)
hypothesis_settings.load_profile("nps")

LEGACY_SECRET = "legacy-shared-secret-for-tests-0123456789"

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run in a
# thread with a running loop unless told this is safe (it is: the loop only drives the browser).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def pytest_configure(config):
    """Workers (pytest-xdist) append figures to one file the summary below prints."""
    if not hasattr(config, "workerinput"):
        import tempfile

        handle, path = tempfile.mkstemp(prefix="nps-test-figures-", suffix=".txt")
        os.close(handle)
        os.environ["NPS_TEST_FIGURES"] = path


def pytest_terminal_summary(terminalreporter, config):
    """Figures tests measured (e.g. the number of requests the API fuzzing made)."""
    path = os.environ.get("NPS_TEST_FIGURES")
    if hasattr(config, "workerinput") or not path or not os.path.exists(path):
        return
    with open(path) as figures:
        lines = figures.read().splitlines()
    os.unlink(path)
    if lines:
        terminalreporter.section("figures")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture
def password() -> str:
    return DEFAULT_PASSWORD


@pytest.fixture
def user(db):
    return UserFactory(role=Role.USER)


@pytest.fixture
def admin_user(db):
    return UserFactory(username="chief", role=Role.ADMIN)


# Hashing every factory account's password with PBKDF2 at Django's 1,000,000 rounds costs ~0.3 s
# each (about 1,700 accounts a run). Tests use the fast MD5 hasher; the tests of hashing itself
# ask for `production_hashers`.
# (The production hashers stay listed after it, so their hashes are still checked.)
PRODUCTION_HASHERS = list(global_settings.PASSWORD_HASHERS)
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PRODUCTION_HASHERS]


@pytest.fixture(autouse=True, scope="session")
def static_files_looked_up_when_asked():
    """WhiteNoise finds a static file when it is asked for, instead of indexing `STATIC_ROOT` each
    time a test client starts (0.1 s per client once `collectstatic` has filled it)."""
    from django.conf import settings

    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture(autouse=True, scope="session")
def flush_keeps_content_types_and_permissions():
    """A transactional test (the browser tests, the real worker…) ends with `manage.py flush`: it
    empties every table, then re-creates the content types and permissions (post_migrate: some 50
    queries, half of the flush). Nothing in a test changes those two tables, so the flush leaves
    them as they are and re-creates nothing."""
    from django.core.management.commands import flush

    kept = {"django_content_type", "auth_permission"}

    def sql_flush(style, connection, reset_sequences=True, allow_cascade=False):
        tables = connection.introspection.django_table_names(
            only_existing=True, include_views=False
        )
        return connection.ops.sql_flush(
            style,
            [table for table in tables if table not in kept],
            reset_sequences=reset_sequences,
            allow_cascade=allow_cascade,
        )

    saved = flush.sql_flush, flush.emit_post_migrate_signal
    flush.sql_flush = sql_flush
    flush.emit_post_migrate_signal = lambda *args, **kwargs: None
    yield
    flush.sql_flush, flush.emit_post_migrate_signal = saved


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a request with `nps_language=fa` leaves Persian
    active in the thread (LocaleMiddleware activates, nothing deactivates), and a later test
    expecting English labels failed depending on the order the tests ran in."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def no_kept_fragments():
    """Each test starts with nothing kept in the worker's memory (`nps.core.kept`: HTML, a
    journal's tags, the dashboard's day alone): the ids of a database that was rolled back are
    used again, with other values."""
    from nps.core import kept

    kept.forget_all()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture
def production_hashers(settings):
    """The project's real hashers (PBKDF2 first), for tests of how passwords are stored."""
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    return settings.PASSWORD_HASHERS


@pytest.fixture(autouse=True)
def isolated_cache(settings):
    """Each test gets its own cache key space (Redis keeps keys between runs and workers)."""
    caches = copy.deepcopy(settings.CACHES)
    caches["default"]["KEY_PREFIX"] = f"test-{uuid.uuid4().hex}"
    settings.CACHES = caches


@pytest.fixture(autouse=True)
def fresh_cache_guard(monkeypatch):
    """Each test starts with the shared cache trusted (a test may simulate an outage)."""
    from nps.core import ratelimit

    monkeypatch.setattr(ratelimit, "guard", ratelimit.CacheGuard())


@pytest.fixture(autouse=True)
def generous_rate_limits(settings):
    """Tests share one client address and one cache; only the rate-limit tests set real limits."""
    settings.NPS_RATE_LIMITS = dict.fromkeys(settings.NPS_RATE_LIMITS, "100000/minute")


@pytest.fixture(autouse=True)
def whole_rate_windows(monkeypatch):
    """A test's requests fall in one rate-limit window: the limits' clock (theirs only) is moved
    to one second past the next whole hour, so a fixed window (a minute, an hour) cannot end
    between two requests of a test and let a request through that the test expects refused."""
    from nps.core import ratelimit

    offset = 3600 - time.time() % 3600 + 1
    clock = types.SimpleNamespace(time=lambda: time.time() + offset, monotonic=time.monotonic)
    monkeypatch.setattr(ratelimit, "time", clock)


@pytest.fixture(autouse=True)
def eager_celery():
    """Background tasks run in the test's own process (the one real-worker test opts out)."""
    from nps.celery import app

    saved = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    yield app
    app.conf.task_always_eager, app.conf.task_eager_propagates = saved


@pytest.fixture
def api_client():
    """An API client with no credentials."""
    return APIClient()


@pytest.fixture
def api_as(db):
    """`api_as(Role.USER)` → an APIClient with a JWT for a new account of that role.

    `api_as(account=existing)` uses an existing account. The account is `client.account`.
    """

    def make(role: str = Role.USER, *, account=None) -> APIClient:
        account = account or UserFactory(role=role)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {start_session(account).access_token}")
        client.account = account
        return client

    return make


@pytest.fixture
def legacy_api(settings):
    """An APIClient using V4's legacy shared secret (acts as admin, has no account)."""
    settings.API_SECRET_KEY = LEGACY_SECRET
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {LEGACY_SECRET}")
    client.account = None
    return client


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the session (Playwright cannot download browsers here)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def sign_in(page, live_server, settings):
    """`sign_in(account)` signs the browser in as `account` with a session cookie (no login form:
    the form itself is tested in nps/accounts/tests/test_e2e.py) and returns the page, on no URL
    yet. Call it again with another account to switch (the cookie is replaced)."""
    from django.test import Client

    def sign(account):
        client = Client()
        client.force_login(account)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.clear_cookies()
        page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
        )
        return page

    return sign


@pytest.fixture
def signed_in_page(sign_in, user):
    """The browser page, signed in as `user`."""
    return sign_in(user)


def _database_url(settings) -> str:
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{db.get('USER') or 'postgres'}{password}@{db.get('HOST') or '127.0.0.1'}:"
        f"{db.get('PORT') or 5432}/{db['NAME']}"
    )


@pytest.fixture
def worker_env():
    """Extra environment of the `real_worker` (a module overrides it, e.g. with an AI provider)."""
    return {}


@pytest.fixture
def real_worker(eager_celery, settings, worker_env):
    """A real Celery worker (solo pool, a subprocess) through the real Redis, on a queue of its
    own that the test's tasks go to (other runs on this Redis never see them); it shares the
    test's database and cache key space. Yields the queue's name."""
    import subprocess
    import sys
    from pathlib import Path

    import redis

    redis_url = os.environ.get("REDIS_URL")
    assert redis_url, "this test needs the real Redis (REDIS_URL)"
    queue = f"nps-test-{uuid.uuid4().hex}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "nps.settings",
        "DEBUG": "1",
        "DATABASE_URL": _database_url(settings),
        "REDIS_URL": redis_url,
        "REDIS_KEY_PREFIX": settings.CACHES["default"]["KEY_PREFIX"],
        "CELERY_TASK_ALWAYS_EAGER": "0",
        **worker_env,
    }
    command = [sys.executable, "-m", "celery", "-A", "nps", "worker", "--pool", "solo"]
    command += ["-Q", queue, "-n", f"{queue}@%h", "--without-gossip", "--without-mingle"]
    command += ["--without-heartbeat", "--loglevel", "WARNING"]
    process = subprocess.Popen(command, cwd=Path(__file__).resolve().parent, env=env)
    conf = eager_celery.conf
    saved = conf.broker_url, conf.result_backend, conf.task_default_queue
    conf.task_always_eager = False
    conf.broker_url = conf.result_backend = redis_url
    conf.task_default_queue = queue
    try:
        yield queue
    finally:
        # The test is over: no task of its own is left to finish, so no warm shutdown (seconds).
        process.kill()
        process.wait()
        conf.broker_url, conf.result_backend, conf.task_default_queue = saved
        redis.Redis.from_url(redis_url).delete(queue, f"_kombu.binding.{queue}")
