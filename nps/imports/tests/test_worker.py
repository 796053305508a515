"""One task end to end on a real Celery worker (solo pool, a subprocess) through the real Redis."""

import os
import subprocess
import sys
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.utils import timezone

from nps.accounts import tasks
from nps.accounts.models import TokenSession
from nps.accounts.services import start_session
from nps.accounts.tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[3]


def _database_url() -> str:
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{db.get('USER') or 'postgres'}{password}@{db.get('HOST') or '127.0.0.1'}:"
        f"{db.get('PORT') or 5432}/{db['NAME']}"
    )


@pytest.fixture
def worker(eager_celery):
    """A worker on a queue of its own (other runs on this Redis never see its tasks)."""
    redis_url = os.environ.get("REDIS_URL")
    assert redis_url, "this test needs the real Redis (REDIS_URL)"
    queue = f"nps-test-{uuid.uuid4().hex}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "nps.settings",
        "DEBUG": "1",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "0",
    }
    command = [sys.executable, "-m", "celery", "-A", "nps", "worker", "--pool", "solo"]
    command += ["-Q", queue, "-n", f"{queue}@%h", "--without-gossip", "--without-mingle"]
    command += ["--without-heartbeat", "--loglevel", "WARNING"]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    conf = eager_celery.conf
    saved = conf.broker_url, conf.result_backend
    conf.task_always_eager = False
    conf.broker_url = conf.result_backend = redis_url
    try:
        yield queue
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        conf.broker_url, conf.result_backend = saved
        redis.Redis.from_url(redis_url).delete(queue, f"_kombu.binding.{queue}")


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_cleanup_task(worker):
    account = UserFactory()
    start_session(account)
    start_session(account)
    expired = TokenSession.objects.filter(account=account).first()
    TokenSession.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - timedelta(hours=1)
    )
    result = tasks.delete_expired_token_sessions.apply_async(queue=worker)
    # Waits for the worker's answer (through Redis): no sleep, bounded.
    assert result.get(timeout=90) == {"deleted": 1}
    assert TokenSession.objects.filter(account=account).count() == 1
    assert not TokenSession.objects.filter(pk=expired.pk).exists()
