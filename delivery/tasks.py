"""Background job of the delivery app (Celery beat, every DELIVERY_INTERVAL_MINUTES)."""

from celery import shared_task

from delivery.services import sending


@shared_task
def deliver_daily() -> dict:
    """Send the day's reading to everyone whose hour has come (safe to run twice at once)."""
    return sending.deliver_due().as_dict()
