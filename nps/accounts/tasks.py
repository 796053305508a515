"""Scheduled account jobs (Celery beat, `CELERY_BEAT_SCHEDULE` in nps/settings.py)."""

from celery import shared_task

from nps.accounts import services


@shared_task
def delete_expired_token_sessions() -> dict:
    return {"deleted": services.delete_expired_token_sessions()}
