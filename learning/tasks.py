"""Background jobs of the learning app (Celery; the beat schedule is in nps/settings.py)."""

from celery import shared_task
from django.core.cache import cache

from learning import services


@shared_task
def recalculate_learning() -> dict:
    """The feedback metrics and the prompt's emphasis, recomputed (nightly, and a few minutes
    after new feedback: `services.schedule_recalculation`)."""
    cache.delete(services.RECALCULATION_PENDING_KEY)  # feedback from now on schedules another
    stats = services.recalculate()
    return {"total_feedback": stats["total_feedback"], "rules": stats["active_rules"]}
