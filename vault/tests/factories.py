"""Readings for the journal's tests, made by the real readings service (no AI)."""

import datetime as dt

from nps.accounts.principal import principal_for_account
from oracle.models import Reading
from oracle.services import readings


def principal(account):
    return principal_for_account(account, auth_type="session")


def question_reading(account, question="Will the project ship?", *, answer=None, at=None):
    """A stored question reading; ``answer`` forces the oracle's answer, ``at`` its time."""
    result = readings.create_question_reading(
        principal=principal(account), question=question, use_ai=False
    )
    reading = Reading.objects.get(pk=result["reading_id"])
    if answer is not None:
        reading.reading_result = {**reading.reading_result, "answer": answer}
    if at is not None:
        reading.created_at = at
    reading.save()
    return reading


def name_reading(account, name="Alice", *, profile_id=None, at=None):
    result = readings.create_name_reading(
        principal=principal(account), name=name, profile_id=profile_id, use_ai=False
    )
    reading = Reading.objects.get(pk=result["reading_id"])
    if at is not None:
        reading.created_at = at
        reading.save(update_fields=["created_at"])
    return reading


def time_reading(account, moment="2024-01-01T11:11:00", *, at=None):
    result = readings.create_time_reading(
        principal=principal(account), datetime_text=moment, timezone_name="UTC", use_ai=False
    )
    reading = Reading.objects.get(pk=result["reading_id"])
    if at is not None:
        reading.created_at = at
        reading.save(update_fields=["created_at"])
    return reading


def utc(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)
