"""Stored readings: listed, searched, read, deleted and restored, favourited — and audited here.

Reading and listing write their audit entry inside the service, so a page and the API cannot
differ in what they record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet

from nps.accounts.principal import Principal
from nps.core.errors import NotFound
from oracle.models import Reading
from oracle.services import profiles, sealing
from oracle.services.readings import record_action


class ReadingNotFound(NotFound):
    message = "Reading not found"


@dataclass(frozen=True)
class ReadingPage:
    readings: list[Reading]
    total: int


def visible_readings(principal: Principal, *, include_deleted: bool = False) -> QuerySet:
    manager = Reading.all_objects if include_deleted else Reading.objects
    return manager.visible_to(principal)


def get_reading(*, principal: Principal, reading_id: int) -> Reading:
    """A live reading the principal may see; anything else is "not found". Not audited."""
    reading = visible_readings(principal).filter(pk=reading_id).first()
    if reading is None:
        raise ReadingNotFound()
    return reading


def read_reading(
    *, principal: Principal, reading_id: int, client_address: str | None = None
) -> Reading:
    """A reading shown to the principal, audited as ``oracle_reading.read``."""
    reading = get_reading(principal=principal, reading_id=reading_id)
    record_action(
        "oracle_reading.read",
        principal=principal,
        reading=reading,
        client_address=client_address,
    )
    return reading


def list_readings(
    *,
    principal: Principal,
    limit: int = 20,
    offset: int = 0,
    sign_type: str | None = None,
    search: str = "",
    profile_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    is_favorite: bool | None = None,
    client_address: str | None = None,
) -> ReadingPage:
    """The principal's readings, newest first, filtered; audited as ``oracle_reading.list``.

    ``profile_id``: the readings that profile takes part in (`ReadingQuerySet.involving`; a
    profile the principal may not see raises ``ProfileNotFound``). Dates are inclusive UTC
    calendar days. ``search`` is a case-insensitive substring of the decrypted question,
    interpretations or sign value: the texts are encrypted, so the rows left by the SQL filters
    are decrypted and matched in Python — its cost grows with the caller's own history (with
    everyone's for admins and moderators).
    """
    readings = visible_readings(principal)
    if sign_type:
        readings = readings.filter(sign_type=sign_type)
    if profile_id is not None:
        profile = profiles.get_profile(principal=principal, profile_id=profile_id)
        readings = readings.involving(profile)
    if date_from is not None:
        readings = readings.filter(created_at__gte=_utc_midnight(date_from))
    if date_to is not None and date_to < dt.date.max:  # the last day has no day after it
        readings = readings.filter(created_at__lt=_utc_midnight(date_to + dt.timedelta(days=1)))
    if is_favorite is not None:
        readings = readings.filter(is_favorite=is_favorite)
    page = _page(readings.order_by("-created_at", "-id"), search, limit=limit, offset=offset)
    record_action(
        "oracle_reading.list",
        principal=principal,
        reading=None,
        client_address=client_address,
        profile_id=profile_id,
    )
    return page


def _page(readings: QuerySet, search: str, *, limit: int, offset: int) -> ReadingPage:
    needle = search.strip().casefold()
    if not needle:
        return ReadingPage(list(readings[offset : offset + limit]), readings.count())
    candidates = readings.only("id", "sign_type", "sign_value", "question", "ai_interpretation")
    matches = [
        reading.pk
        for reading in candidates.iterator(chunk_size=500)
        if any(needle in text.casefold() for text in sealing.search_texts(reading))
    ]
    page_ids = matches[offset : offset + limit]
    rows = Reading.objects.in_bulk(page_ids)
    return ReadingPage([rows[pk] for pk in page_ids if pk in rows], len(matches))


def readings_matching(readings: QuerySet, search: str) -> QuerySet:
    """The rows of ``readings`` whose decrypted question, sign value or interpretations contain
    ``search`` (case-insensitive substring; blank matches all). The texts are encrypted, so the
    rows are decrypted and matched in Python, as the history search does."""
    needle = search.strip().casefold()
    if not needle:
        return readings
    candidates = readings.only("id", "sign_type", "sign_value", "question", "ai_interpretation")
    matches = [
        reading.pk
        for reading in candidates.iterator(chunk_size=500)
        if any(needle in text.casefold() for text in sealing.search_texts(reading))
    ]
    return readings.filter(pk__in=matches)


def _utc_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


@transaction.atomic
def delete_reading(
    *, principal: Principal, reading_id: int, client_address: str | None = None
) -> Reading:
    """Soft delete: the reading leaves history and search, and can be restored."""
    reading = get_reading(principal=principal, reading_id=reading_id)
    reading.delete()
    record_action(
        "oracle_reading.delete",
        principal=principal,
        reading=reading,
        client_address=client_address,
    )
    return reading


@transaction.atomic
def restore_reading(
    *, principal: Principal, reading_id: int, client_address: str | None = None
) -> Reading:
    """Undo a delete. Restoring a reading that is not deleted changes nothing."""
    reading = visible_readings(principal, include_deleted=True).filter(pk=reading_id).first()
    if reading is None:
        raise ReadingNotFound()
    reading.restore()
    record_action(
        "oracle_reading.restore",
        principal=principal,
        reading=reading,
        client_address=client_address,
    )
    return reading


@transaction.atomic
def toggle_favorite(
    *, principal: Principal, reading_id: int, client_address: str | None = None
) -> Reading:
    """Flip ``is_favorite``; the row is locked so two quick toggles cannot both read the old
    value."""
    reading = visible_readings(principal).select_for_update().filter(pk=reading_id).first()
    if reading is None:
        raise ReadingNotFound()
    reading.is_favorite = not reading.is_favorite
    reading.save(update_fields=["is_favorite"])
    record_action(
        "oracle_reading.favorite",
        principal=principal,
        reading=reading,
        client_address=client_address,
        details={"is_favorite": reading.is_favorite},
    )
    return reading
