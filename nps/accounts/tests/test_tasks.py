"""The scheduled clean-up of expired token sessions (Celery beat; eager in tests)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from nps.accounts import tasks
from nps.accounts.models import TokenSession
from nps.accounts.services import start_session
from nps.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def sessions_of(account, *, expired: int, live: int, revoked_live: int = 0):
    for _ in range(expired + live + revoked_live):
        start_session(account)
    rows = list(TokenSession.objects.filter(account=account))
    past = timezone.now() - timedelta(minutes=1)
    for row in rows[:expired]:
        TokenSession.objects.filter(pk=row.pk).update(expires_at=past)
    for row in rows[expired : expired + revoked_live]:
        TokenSession.objects.filter(pk=row.pk).revoke()
    return rows


def test_task_deletes_only_sessions_past_their_expiry():
    account = UserFactory()
    sessions_of(account, expired=2, live=1, revoked_live=1)
    result = tasks.delete_expired_token_sessions.delay()
    assert result.get() == {"deleted": 2}
    remaining = TokenSession.objects.filter(account=account)
    assert remaining.count() == 2
    assert all(row.expires_at > timezone.now() for row in remaining)
    assert remaining.filter(revoked_at__isnull=False).count() == 1  # revoked, not yet expired


def test_beat_schedules_the_cleanup_and_the_task_is_registered(eager_celery):
    entry = settings.CELERY_BEAT_SCHEDULE["delete-expired-token-sessions"]
    eager_celery.loader.import_default_modules()
    assert entry["task"] in eager_celery.tasks
    assert entry["schedule"] == timedelta(hours=6)
