"""The oracle's background jobs: a page's AI interpretation written by a job while the page polls,
the daily interpretations prepared ahead, and expired share links deleted."""

import datetime
import time
import zoneinfo

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from oracle import tasks
from oracle.models import Reading
from oracle.services import interpretation_jobs, sealing
from oracle.tests.fake_provider import Status
from oracle.tests.test_views_interpretation import (
    HTMX,
    SECTIONS,
    answer,
    interpretation_url,
    make_time_reading,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_in(client, user):
    client.force_login(user)
    return client


class Queue(list):
    """Jobs sent to the broker and not started yet; `run_all()` runs them as a worker would."""

    def run_all(self) -> list[dict]:
        outcomes = [tasks.interpret_reading(*args) for args in self]
        self.clear()
        return outcomes


@pytest.fixture
def queued(monkeypatch) -> Queue:
    queue = Queue()
    monkeypatch.setattr(
        tasks.interpret_reading, "apply_async", lambda args, **options: queue.append(args)
    )
    return queue


def test_the_page_waits_for_the_job_then_shows_the_ai_answer(client_in, fake_provider, queued):
    fake_provider.default = answer
    reading = make_time_reading(client_in)

    first = client_in.get(interpretation_url(reading), **HTMX).content.decode()

    assert "The oracle is writing your interpretation…" in first
    assert 'hx-trigger="load delay:2s"' in first and "data-ai-pending" in first
    assert fake_provider.calls == 0  # nothing asked inside the web request
    assert len(queued) == 1
    # Polling while the job is queued queues nothing more.
    assert "data-ai-pending" in client_in.get(interpretation_url(reading), **HTMX).content.decode()
    assert len(queued) == 1

    assert queued.run_all() == [{"reading": reading.pk, "outcome": "stored"}]
    ready = client_in.get(interpretation_url(reading), **HTMX).content.decode()

    assert SECTIONS["message"] in ready and "Written by the AI" in ready
    assert "data-ai-pending" not in ready
    reading.refresh_from_db()
    assert sealing.reading_response(reading)["ai_interpretation"]["ai_generated"] is True
    assert fake_provider.calls == 1


def test_without_javascript_the_waiting_page_refreshes_itself(client_in, fake_provider, queued):
    reading = make_time_reading(client_in)

    html = client_in.get(interpretation_url(reading)).content.decode()

    url = interpretation_url(reading)
    assert f'<meta http-equiv="refresh" content="2;url={url}">' in html
    assert "The oracle is writing your interpretation…" in html


def test_a_job_that_gets_no_ai_answer_gives_the_deterministic_one_once(
    client_in, fake_provider, queued, settings
):
    settings.NPS_AI_MAX_RETRIES = 0
    fake_provider.default = answer
    fake_provider.script.append(Status(500))
    reading = make_time_reading(client_in)
    client_in.get(interpretation_url(reading), **HTMX)

    assert queued.run_all() == [{"reading": reading.pk, "outcome": "failed"}]
    html = client_in.get(interpretation_url(reading), **HTMX).content.decode()

    assert "Deterministic interpretation (no AI)" in html and "Ask the AI again" in html
    # The next visit asks again (the failure is told once).
    assert "data-ai-pending" in client_in.get(interpretation_url(reading), **HTMX).content.decode()
    assert len(queued) == 1


def test_ask_again_queues_a_new_job_even_while_one_failed(
    client_in, fake_provider, queued, settings
):
    reading = make_time_reading(client_in)
    client_in.get(interpretation_url(reading), **HTMX)  # queued, not run yet
    queued.clear()
    fake_provider.default = answer

    html = client_in.post(interpretation_url(reading), **HTMX).content.decode()

    assert "data-ai-pending" in html
    assert len(queued) == 1 and queued[0][3] is True  # retry=True
    queued.run_all()
    assert (
        SECTIONS["message"] in client_in.get(interpretation_url(reading), **HTMX).content.decode()
    )


def test_a_job_that_takes_too_long_is_given_up_with_a_notice(
    client_in, fake_provider, queued, settings
):
    settings.NPS_AI_JOB_WAIT_SECONDS = 0.05
    reading = make_time_reading(client_in)
    client_in.get(interpretation_url(reading), **HTMX)
    time.sleep(0.1)

    html = client_in.get(interpretation_url(reading), **HTMX).content.decode()

    assert "The AI is taking too long to answer" in html
    assert "Deterministic interpretation (no AI)" in html and "Ask the AI again" in html


def test_the_ai_limit_is_checked_before_queueing(client_in, fake_provider, queued, settings):
    settings.NPS_RATE_LIMITS = {**settings.NPS_RATE_LIMITS, "ai": "0/hour"}
    reading = make_time_reading(client_in)

    html = client_in.get(interpretation_url(reading), **HTMX).content.decode()

    assert "It can be asked again in" in html
    assert queued == []


def test_a_limit_reached_while_queued_is_told_on_the_page(
    client_in, fake_provider, queued, settings
):
    reading = make_time_reading(client_in)
    client_in.get(interpretation_url(reading), **HTMX)
    settings.NPS_RATE_LIMITS = {**settings.NPS_RATE_LIMITS, "ai": "0/hour"}

    assert queued.run_all() == [{"reading": reading.pk, "outcome": "refused"}]
    settings.NPS_RATE_LIMITS = {**settings.NPS_RATE_LIMITS, "ai": "100000/hour"}
    html = client_in.get(interpretation_url(reading), **HTMX).content.decode()

    assert "It can be asked again in" in html
    assert fake_provider.calls == 0


def test_an_unreachable_broker_is_answered_in_the_request(client_in, fake_provider, monkeypatch):
    fake_provider.default = answer

    def unreachable(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.interpret_reading, "apply_async", unreachable)
    reading = make_time_reading(client_in)

    html = client_in.get(interpretation_url(reading), **HTMX).content.decode()

    assert SECTIONS["message"] in html
    assert cache.get(interpretation_jobs.state_key(reading.pk, "en")) is None


def test_another_accounts_reading_is_not_queued(client_in, client, fake_provider, queued):
    from nps.accounts.tests.factories import UserFactory

    reading = make_time_reading(client_in)
    client.force_login(UserFactory())

    assert client.get(interpretation_url(reading), **HTMX).status_code == 404
    assert queued == []


def test_a_job_for_a_deleted_account_or_reading_does_nothing(user, client_in, fake_provider):
    reading = make_time_reading(client_in)
    Reading.objects.filter(pk=reading.pk).update(deleted_at=timezone.now())

    outcome = tasks.interpret_reading(user.pk, reading.pk, "en", False, None)

    assert outcome == {"reading": reading.pk, "outcome": "gone"}
    assert fake_provider.calls == 0


def test_links_stopped_more_than_the_retention_ago_are_deleted(user, settings):
    from oracle.models import ShareLink
    from oracle.tests.test_share import make_link, reading_for_profile

    settings.NPS_SHARE_LINK_RETENTION_DAYS = 30
    reading_id = reading_for_profile(user)
    for _ in range(5):
        make_link(user, reading_id)
    old = timezone.now() - datetime.timedelta(days=31)
    recent = timezone.now() - datetime.timedelta(days=29)
    long_expired, long_revoked, just_expired, just_revoked, live = ShareLink.objects.order_by("id")
    ShareLink.objects.filter(pk=long_expired.pk).update(expires_at=old)
    ShareLink.objects.filter(pk=long_revoked.pk).update(revoked_at=old)
    ShareLink.objects.filter(pk=just_expired.pk).update(expires_at=recent)
    ShareLink.objects.filter(pk=just_revoked.pk).update(revoked_at=recent)

    assert tasks.delete_stale_share_links() == {"deleted": 2}
    kept = set(ShareLink.objects.values_list("pk", flat=True))
    assert kept == {just_expired.pk, just_revoked.pk, live.pk}


def daily_account(*, language="en", zone="Asia/Tehran", last_login_days=1):
    from nps.accounts.models import Preferences
    from nps.accounts.tests.factories import UserFactory
    from oracle.tests.factories import ProfileFactory

    account = UserFactory(last_login=timezone.now() - datetime.timedelta(days=last_login_days))
    profile = ProfileFactory(owner=account, name="Dariush", birthday=datetime.date(1990, 3, 21))
    Preferences.objects.create(
        account=account, language=language, timezone=zone, default_profile=profile
    )
    return account, profile


def test_the_daily_interpretation_is_written_ahead_and_the_dashboard_finds_it(
    client, fake_provider
):
    fake_provider.default = answer
    account, profile = daily_account(zone="Asia/Tehran")
    daily_account(last_login_days=60)  # dormant: not prepared
    now = timezone.now()
    today = timezone.localtime(now, zoneinfo.ZoneInfo("Asia/Tehran")).date()

    assert tasks.prepare_daily_interpretations() == {"queued": 1}
    assert fake_provider.calls == 1
    assert tasks.prepare_daily_interpretations() == {"queued": 0}  # once a day

    client.force_login(account)
    url = reverse("oracle:daily-interpretation") + f"?date={today}&profile={profile.pk}"
    html = client.get(url, **HTMX).content.decode()

    assert SECTIONS["message"] in html and "Written by the AI" in html
    assert fake_provider.calls == 1  # answered from what the job wrote


def test_the_daily_job_writes_in_the_accounts_language(fake_provider):
    fake_provider.default = answer
    daily_account(language="fa")

    tasks.prepare_daily_interpretations()

    assert "Persian (Farsi)" in fake_provider.prompts()[0]


def test_without_a_provider_no_daily_job_is_queued(settings):
    settings.ANTHROPIC_API_KEY = ""
    daily_account()

    assert tasks.prepare_daily_interpretations() == {"queued": 0}
