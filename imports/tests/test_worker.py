"""One task end to end on a real Celery worker (solo pool, a subprocess) through the real Redis."""

from datetime import timedelta

import pytest
from django.utils import timezone

from nps.accounts import tasks
from nps.accounts.models import TokenSession
from nps.accounts.services import start_session
from nps.accounts.tests.factories import UserFactory


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_cleanup_task(real_worker):
    account = UserFactory()
    start_session(account)
    start_session(account)
    expired = TokenSession.objects.filter(account=account).first()
    TokenSession.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - timedelta(hours=1)
    )
    result = tasks.delete_expired_token_sessions.apply_async(queue=real_worker)
    # Waits for the worker's answer (through Redis): no sleep, bounded.
    assert result.get(timeout=90) == {"deleted": 1}
    assert TokenSession.objects.filter(account=account).count() == 1
    assert not TokenSession.objects.filter(pk=expired.pk).exists()
