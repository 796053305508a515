"""Feedback on readings: one per account and reading (1–5 stars, per-section helpful flags, a
comment of at most 1,000 characters, encrypted), updatable; each one schedules the engine's
recalculation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import IntegrityError, transaction

from learning.models import ReadingFeedback
from learning.services.engine import schedule_recalculation
from learning.services.sections import clean_sections
from nps.accounts.principal import Principal
from nps.core import audit
from nps.core.errors import Forbidden, InvalidField, NotFound
from oracle.models import Reading
from oracle.services import history

TEXT_MAX = 1000


class FeedbackNotFound(NotFound):
    message = "Reading not found"


def _feedback_reading(principal: Principal, reading_id: int, *, to_give: bool = False) -> Reading:
    """The reading, as the caller may see it; with ``to_give`` only the caller's own: feedback
    is given by the reading's owner (a moderator or admin rating someone else's reading would
    count in the learning statistics as that reader's)."""
    if principal.account is None:
        raise Forbidden("Feedback is given by an account.")
    try:
        reading = history.get_reading(principal=principal, reading_id=reading_id)
    except NotFound as error:
        raise FeedbackNotFound() from error
    if to_give and reading.owner_id != principal.account.pk:
        raise FeedbackNotFound()
    return reading


@transaction.atomic
def submit_feedback(
    *,
    principal: Principal,
    reading_id: int,
    rating: int,
    section_feedback: Mapping[str, Any] | Sequence[Any] | None = None,
    text_feedback: str | None = None,
    client_address: str | None = None,
) -> tuple[ReadingFeedback, bool]:
    """Create or replace the account's feedback on a reading; ``(feedback, updated)``."""
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise InvalidField("rating", "Give 1 to 5 stars.")
    sections = clean_sections(section_feedback)
    text = (text_feedback or "").strip()
    if len(text) > TEXT_MAX:
        raise InvalidField("text_feedback", f"At most {TEXT_MAX} characters.")
    reading = _feedback_reading(principal, reading_id, to_give=True)
    values = {"rating": rating, "section_feedback": sections, "text_feedback": text or None}
    try:
        with transaction.atomic():
            feedback, created = ReadingFeedback.objects.update_or_create(
                reading=reading, user=principal.account, defaults=values
            )
    except IntegrityError:  # a concurrent first submission won: update it
        feedback, created = ReadingFeedback.objects.update_or_create(
            reading=reading, user=principal.account, defaults=values
        )
    audit.record(
        "learning.feedback",
        actor=principal.account,
        profile_id=reading.profile_id,
        client_address=client_address,
        resource_type="oracle_reading",
        resource_id=reading.pk,
        api_key_hash=principal.api_key_hash,
        details={"rating": rating, "updated": not created},
    )
    schedule_recalculation()
    return feedback, not created


def reading_feedback(*, principal: Principal, reading_id: int) -> list[ReadingFeedback]:
    """Feedback on a reading: the account's own; admins and moderators see everyone's."""
    reading = _feedback_reading(principal, reading_id)
    rows = ReadingFeedback.objects.filter(reading=reading).select_related("user")
    if not principal.sees_all:
        rows = rows.filter(user=principal.account)
    return list(rows)


def own_feedback(*, principal: Principal, reading_id: int) -> ReadingFeedback | None:
    """The caller's feedback on their own reading (the form's), or None before they gave it."""
    reading = _feedback_reading(principal, reading_id, to_give=True)
    return ReadingFeedback.objects.filter(reading=reading, user=principal.account).first()
