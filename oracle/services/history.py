"""Stored readings: listed, searched, read, deleted and restored, favourited — and audited here.

Reading and listing write their audit entry inside the service, so a page and the API cannot
differ in what they record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q, QuerySet

from nps.accounts.principal import Principal
from nps.core import blind_index
from nps.core.errors import NotFound
from oracle.models import Reading
from oracle.services import profiles
from oracle.services.readings import record_action


class ReadingNotFound(NotFound):
    message = "Reading not found"


@dataclass(frozen=True)
class ReadingPage:
    readings: list[Reading]
    total: int
    favorites: int = 0  # favourites among the `total` readings matched


ORDERS = {"newest": ("-created_at", "-id"), "oldest": ("created_at", "id")}


def get_reading(*, principal: Principal, reading_id: int) -> Reading:
    """A live reading the principal may see; anything else is "not found". Not audited."""
    reading = Reading.objects.visible_to(principal).filter(pk=reading_id).first()
    if reading is None:
        raise ReadingNotFound()
    return reading


def get_full_reading(*, principal: Principal, reading_id: int) -> Reading:
    """A live reading whose private texts the principal may read (`may_read_private_texts`: its
    owner's, or any for an admin): what sharing and exporting need. Another account's reading,
    which a moderator sees only masked, is "not found" here. Not audited."""
    reading = get_reading(principal=principal, reading_id=reading_id)
    if not principal.may_read_private_texts(reading.owner_id):
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


def _matching(
    principal: Principal,
    *,
    sign_type: str | None,
    search: str,
    profile_id: int | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
    is_favorite: bool | None,
) -> QuerySet:
    """The principal's readings that pass the history filters (see `list_readings`)."""
    readings = Reading.objects.visible_to(principal)
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
    if search.strip():
        # The search looks in the private texts: only in those the principal may read.
        if not principal.reads_all_private_texts:
            readings = readings.owned_by(principal)
        readings = readings_matching(readings, search)
    return readings


def _totals(readings: QuerySet) -> dict[str, int]:
    favorites = Count("pk", filter=Q(is_favorite=True))
    return readings.order_by().aggregate(total=Count("pk"), favorites=favorites)


def count_readings(
    *,
    principal: Principal,
    sign_type: str | None = None,
    search: str = "",
    profile_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    is_favorite: bool | None = None,
    order: str = "newest",
) -> dict[str, int]:
    """``{"total", "favorites"}`` of the readings `list_readings` would list with these filters:
    the history's counts, asked again after a favourite or a delete. Not audited (no reading is
    shown); ``order`` is accepted so the filter form's arguments pass as they are."""
    del order
    readings = _matching(
        principal,
        sign_type=sign_type,
        search=search,
        profile_id=profile_id,
        date_from=date_from,
        date_to=date_to,
        is_favorite=is_favorite,
    )
    return _totals(readings)


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
    order: str = "newest",
    client_address: str | None = None,
) -> ReadingPage:
    """The principal's readings, newest (or ``order="oldest"``) first, filtered; audited as
    ``oracle_reading.list``. ``favorites`` counts the favourites among the matches.

    ``profile_id``: the readings that profile takes part in (`ReadingQuerySet.involving`; a
    profile the principal may not see raises ``ProfileNotFound``). Dates are inclusive UTC
    calendar days. ``search``: every word typed must begin a word of the question (or name read),
    the sign value or an interpretation (`readings_matching`, the keyed blind index — nothing is
    decrypted to search), among the readings whose texts the principal may read (a moderator's
    search finds only their own readings: a match would tell them what another account asked).
    """
    readings = _matching(
        principal,
        sign_type=sign_type,
        search=search,
        profile_id=profile_id,
        date_from=date_from,
        date_to=date_to,
        is_favorite=is_favorite,
    ).order_by(*ORDERS.get(order, ORDERS["newest"]))
    totals = _totals(readings)
    page = ReadingPage(list(readings[offset : offset + limit]), **totals)
    record_action(
        "oracle_reading.list",
        principal=principal,
        reading=None,
        client_address=client_address,
        profile_id=profile_id,
    )
    return page


def readings_matching(queryset: QuerySet, search: str) -> QuerySet:
    """The readings of ``queryset`` whose texts hold every word of ``search`` (each word as the
    beginning of a word: "happi" finds "happiness"), case- and Persian-letter-form-insensitive.

    The texts are encrypted; the match is a lookup of their keyed terms (`nps.core.blind_index`,
    stored by `oracle.services.search_index`, one row per reading): on PostgreSQL one probe of
    the GIN index for all the words (`terms @> ARRAY[…]`), so its cost follows the number of
    readings holding the words, not the size of the history (SQLite scans the rows). A search
    with no word in it (only punctuation) matches nothing; a blank one everything.
    """
    if not search.strip():
        return queryset
    hashes = blind_index.query_hashes(search)
    if not hashes:
        return queryset.none()
    return queryset.filter(search_index__terms__holds_all=hashes)


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
    reading = Reading.all_objects.visible_to(principal).filter(pk=reading_id).first()
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
    reading = (
        Reading.objects.visible_to(principal).select_for_update().filter(pk=reading_id).first()
    )
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
