"""The learning recalculation as a background job: nightly, and a few minutes after feedback
(one job for a burst of feedback)."""

import pytest

from learning import services, tasks
from learning.models import LearningMetric
from vault.tests.factories import principal, question_reading

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled(monkeypatch):
    """Recalculations sent to the broker, with their countdown, instead of run."""
    sent = []
    monkeypatch.setattr(
        tasks.recalculate_learning,
        "apply_async",
        lambda **options: sent.append(options["countdown"]),
    )
    return sent


def rate(user, rating=5):
    reading = question_reading(user)
    services.submit_feedback(
        principal=principal(user), reading_id=reading.pk, rating=rating, section_feedback={}
    )


def test_feedback_schedules_one_recalculation_for_a_burst(
    user, scheduled, settings, django_capture_on_commit_callbacks
):
    settings.NPS_LEARNING_RECALC_DELAY_SECONDS = 120
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            rate(user)

    assert scheduled == [120]


def test_the_job_recalculates_and_lets_later_feedback_schedule_again(
    user, scheduled, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        rate(user)
    assert len(scheduled) == 1

    outcome = tasks.recalculate_learning()

    assert outcome["total_feedback"] == 1
    assert LearningMetric.objects.filter(metric_key=services.EMPHASIS_KEY).exists()
    with django_capture_on_commit_callbacks(execute=True):
        rate(user, rating=2)
    assert len(scheduled) == 2


def test_nothing_is_scheduled_until_the_feedback_is_committed(
    user, scheduled, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        rate(user)

    assert scheduled == [] and len(callbacks) == 1


def test_eager_mode_recalculates_right_after_the_feedback(user, django_capture_on_commit_callbacks):
    """`make run` (no worker): the job runs in the request, once the feedback is committed."""
    with django_capture_on_commit_callbacks(execute=True):
        rate(user)
    assert LearningMetric.objects.get(metric_key="avg_rating:overall").sample_count == 1
    with django_capture_on_commit_callbacks(execute=True):
        rate(user, rating=3)
    assert LearningMetric.objects.get(metric_key="avg_rating:overall").sample_count == 2
