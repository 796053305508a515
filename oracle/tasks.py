"""Background jobs of the oracle app (Celery; the beat schedule is in nps/settings.py).

A task a service queues is declared in that service's module (it imports no task module).
"""

from celery import shared_task

from oracle.services import interpretation_jobs, sharing

# Declared where it is queued (`interpretation_jobs`); imported here so the worker registers it.
from oracle.services.interpretation_jobs import interpret_reading  # noqa: F401


@shared_task
def delete_stale_share_links() -> dict:
    """Share links expired or revoked more than NPS_SHARE_LINK_RETENTION_DAYS ago (daily)."""
    return {"deleted": sharing.delete_stale_share_links()}


@shared_task
def prepare_daily_interpretations() -> dict:
    """Hourly: queue the daily interpretation of every account whose day began (see
    interpretation_jobs.accounts_due_for_daily)."""
    due = interpretation_jobs.accounts_due_for_daily()
    for account_id, date_text in due:
        prepare_daily_interpretation.delay(account_id, date_text)
    return {"queued": len(due)}


@shared_task
def prepare_daily_interpretation(account_id: int, date_text: str) -> dict:
    outcome = interpretation_jobs.prepare_daily(account_id=account_id, date_text=date_text)
    return {"account": account_id, "date": date_text, "outcome": outcome}
