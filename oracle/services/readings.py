"""Readings: computed by the engines, stored for their owner, listed, searched, favourited.

Every endpoint of api.md §2.3 that stores a reading goes through here, so pages and API compute,
store and audit a reading the same way. Computing (which may wait seconds for the AI) happens
before the database transaction; the row, its participants and its audit entry are then written
in one short transaction.

What is stored (api.md §4.7 fixed: nothing encrypted also sits in clear):

* ``question`` (encrypted): the question text (question readings), the name read (name
  readings), the raw ``datetime`` input, ``""`` for "now" (time readings), ``""`` (multi-user).
* ``ai_interpretation`` (encrypted): for single readings, the JSON text of an object holding every
  interpretation text of the response and the reader's personal block — ``summary`` and
  ``numerology.interpretation`` (time), ``interpretation`` and ``advice`` (question),
  ``interpretation`` and ``letters`` (name: the letters spell the name), ``person`` and the
  ``ai_interpretation`` dict (all three). For multi-user readings it is V4's JSON text of the
  interpretation dict (NULL when none was asked for).
* ``reading_result``: the rest of the response, without ``reading_id``. Person data from a
  profile lives only in the encrypted object; the mother's name is never in the response at all
  (only the number computed from it).
* ``sign_value`` (clear, indexed): the time reading's ``generated_at``, the question's answer
  (``yes``/``no``/``maybe``), ``"expression <n>"`` for a name (never the name itself), and
  ``"<n>-user analysis"``.
* ``numerology_system``: the letter system the name numbers used — the name reading's, the
  profile's (time and question readings for a profile), ``auto`` for groups (each name in its
  script's system) — else NULL.
* Multi-user readings keep V4's clear columns ``individual_results``, ``compatibility_matrix``
  and ``combined_energy``: they name the participants, as V4 did (names of people are not
  encrypted data, api.md §5.3; profile names are clear in ``oracle_users`` too).

:func:`reading_response` puts a stored row back together into exactly what the endpoint returned;
history and detail are built on it.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from nps.accounts.principal import Principal
from nps.core import audit
from nps.core.errors import InvalidField, NotFound
from oracle.engines.compose import (
    ReadingProfile,
    compose_daily,
    compose_multi_user,
    compose_name,
    compose_question,
    compose_time_reading,
    parse_reading_datetime,
)
from oracle.engines.errors import InvalidNameError
from oracle.engines.numerology import has_countable_letter
from oracle.models import NumerologySystem, OracleUser, Reading, ReadingUser, SignType
from oracle.services import ai
from oracle.services.profiles import ProfileNotFound

RESOURCE_TYPE = "oracle_reading"

# V4's response keys per stored kind (engines.md §4): they come first when a row is reassembled.
V4_KEYS: Mapping[str, tuple[str, ...]] = {
    SignType.READING: ("fc60", "numerology", "zodiac", "chinese", "summary", "generated_at"),
    SignType.QUESTION: ("question", "answer", "sign_number", "interpretation", "confidence"),
    SignType.NAME: (
        "name",
        "destiny_number",
        "soul_urge",
        "personality",
        "letters",
        "interpretation",
    ),
    SignType.MULTI_USER: (
        "user_count",
        "pair_count",
        "computation_ms",
        "profiles",
        "pairwise_compatibility",
        "group_energy",
        "group_dynamics",
        "ai_interpretation",
    ),
}

# Paths of the response that are kept only in the encrypted `ai_interpretation` column.
SEALED_PATHS: Mapping[str, tuple[tuple[str, ...], ...]] = {
    SignType.READING: (
        ("summary",),
        ("numerology", "interpretation"),
        ("person",),
        ("ai_interpretation",),
    ),
    SignType.QUESTION: (("interpretation",), ("advice",), ("person",), ("ai_interpretation",)),
    SignType.NAME: (("letters",), ("interpretation",), ("person",), ("ai_interpretation",)),
}

# The response key holding the text the request was about, restored from the `question` column.
ASKED_KEY: Mapping[str, str] = {SignType.QUESTION: "question", SignType.NAME: "name"}

# V4's `ai_interpretation` of a history item: the reading's main text.
V4_TEXT_KEY: Mapping[str, str] = {
    SignType.READING: "summary",
    SignType.QUESTION: "interpretation",
    SignType.NAME: "interpretation",
}

# Request limits (V4 had none: a long name overflowed `sign_value` with a 500).
MAX_NAME_LENGTH = 100
MAX_QUESTION_LENGTH = 2000


class ReadingNotFound(NotFound):
    message = "Reading not found"


class ProfileReferenceError(InvalidField):
    """A ``user_id`` in a request body that the reading cannot use.

    ``path`` locates it in the request (``("user_id",)``, ``("users", 2, "user_id")``), so the
    API can answer a 422 naming it. A profile the caller may not see is "not found", never
    "forbidden".
    """

    message = "User not found"


class UnusableProfile(ProfileReferenceError):
    """A visible profile whose stored data the engines cannot read (see `reading_profile`)."""


@dataclass(frozen=True)
class MultiUserMember:
    """One person of a multi-user request (V4's ``MultiUserInput``)."""

    name: str
    birth_year: int
    birth_month: int
    birth_day: int
    user_id: int | None = None


@dataclass(frozen=True)
class ReadingPage:
    readings: list[Reading]
    total: int


# --------------------------------------------------------------------------------------------
# Profiles and the AI hook


def _profile(
    principal: Principal, profile_id: int | None, path: tuple[str | int, ...]
) -> OracleUser | None:
    """The profile a request body refers to; one the caller may not see is a field error."""
    if profile_id is None:
        return None
    profile = OracleUser.objects.visible_to(principal).filter(pk=profile_id).first()
    if profile is None:
        raise ProfileReferenceError(path)
    return profile


def _query_profile(principal: Principal, profile_id: int | None) -> OracleUser | None:
    """The profile a query string names; one the caller may not see is "not found" (a 404)."""
    if profile_id is None:
        return None
    profile = OracleUser.objects.visible_to(principal).filter(pk=profile_id).first()
    if profile is None:
        raise ProfileNotFound()
    return profile


def reading_profile(profile: OracleUser) -> ReadingProfile:
    """A stored profile as the engines take it.

    A mother's name with no countable letter is left out (the reading just has no mother number),
    and a name the profile's numerology system cannot count is refused up front, naming the
    ``user_id`` rather than a ``name`` field the request never had.
    """
    mother = profile.mother_name if has_countable_letter(profile.mother_name or "") else None
    person = ReadingProfile(
        full_name=profile.name,
        birth_date=profile.birthday,
        persian_name=profile.name_persian,
        mother_name=mother,
        numerology_system=profile.numerology_system,
        tz=profile.timezone or None,
    )
    if not has_countable_letter(person.name_for_numbers(), person.numerology_system):
        raise UnusableProfile(
            ("user_id",),
            f"Profile {profile.pk} has no name its numerology system "
            f"({profile.numerology_system}) can count: add a Persian name or change the system.",
        )
    return person


def _generator(principal: Principal, use_ai: bool) -> ai.Generator | None:
    """The AI as the engines' text generator, or None (deterministic texts) when unavailable."""
    return ai.Generator(principal) if use_ai and ai.is_available() else None


def _compose(
    principal: Principal, use_ai: bool, compute: Callable[[ai.Generator | None], dict[str, Any]]
) -> dict[str, Any]:
    """Run a compose function with the AI hook; a refused AI rate limit becomes the 429."""
    generator = _generator(principal, use_ai)
    result = compute(generator)
    if generator is not None:
        generator.raise_if_refused()
    return result


# --------------------------------------------------------------------------------------------
# Sealing: splitting a response into clear and encrypted parts, and back


def _seal(sign_type: str, response: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """``(clear, sealed)``: the response without its sealed paths, and those paths alone."""
    # Only the dicts along sealed paths are copied: the rest is shared with `response`, which
    # is not changed (a deep copy of every reading cost a tenth of the request).
    clear = dict(response)
    clear.pop("reading_id", None)
    asked = ASKED_KEY.get(sign_type)
    if asked is not None:
        clear.pop(asked, None)
    sealed: dict[str, Any] = {}
    for path in SEALED_PATHS.get(sign_type, ()):
        parent, target = clear, sealed
        for key in path[:-1]:
            child = parent.get(key) if isinstance(parent, dict) else None
            if not isinstance(child, dict):
                parent = None
                break
            parent[key] = child = dict(child)
            parent, target = child, target.setdefault(key, {})
        if isinstance(parent, dict) and path[-1] in parent:
            target[path[-1]] = parent.pop(path[-1])
    return clear, sealed


def _merge(into: dict[str, Any], sealed: Mapping[str, Any]) -> None:
    for key, value in sealed.items():
        if isinstance(value, Mapping) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _sealed_object(reading: Reading) -> dict[str, Any] | None:
    """The decrypted ``ai_interpretation`` as an object (None when absent or plain V4 text)."""
    text = reading.ai_interpretation
    if not text:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def reading_response(reading: Reading) -> dict[str, Any]:
    """Exactly what the endpoint returned when ``reading`` was made (V4's keys first).

    Rows written elsewhere (imported from V4, or with an interpretation that is plain text) come
    back as their stored ``reading_result`` plus ``reading_id``.
    """
    stored = reading.reading_result if isinstance(reading.reading_result, dict) else {}
    response = copy.deepcopy(stored)
    sealed = _sealed_object(reading)
    if reading.sign_type == SignType.MULTI_USER:
        response["ai_interpretation"] = sealed or response.get("ai_interpretation")
    elif sealed is not None:
        _merge(response, sealed)
    asked = ASKED_KEY.get(reading.sign_type)
    if asked is not None and asked not in response:
        response[asked] = reading.question or ""
    first = [key for key in V4_KEYS.get(reading.sign_type, ()) if key in response]
    ordered = {key: response[key] for key in first}
    ordered.update((key, value) for key, value in response.items() if key not in ordered)
    ordered["reading_id"] = reading.pk
    return ordered


def _v4_text(reading: Reading, response: Mapping[str, Any]) -> str | None:
    """V4's ``ai_interpretation`` of a history item: the main text, or multi-user's JSON text."""
    if reading.sign_type == SignType.MULTI_USER or _sealed_object(reading) is None:
        return reading.ai_interpretation
    text = response.get(V4_TEXT_KEY.get(reading.sign_type, ""))
    return text if isinstance(text, str) else None


def reading_item(reading: Reading) -> dict[str, Any]:
    """A history entry: V4's ``StoredReading`` plus ``is_favorite``, ``is_multi_user`` and
    ``primary_user_id``; ``reading_result`` is the full endpoint response, decrypted."""
    response = reading_response(reading)
    return {
        "id": reading.pk,
        "user_id": reading.user_id,
        "sign_type": reading.sign_type,
        "sign_value": reading.sign_value,
        "question": reading.question,
        "reading_result": response,
        "ai_interpretation": _v4_text(reading, response),
        "created_at": reading.created_at,
        "is_favorite": reading.is_favorite,
        "is_multi_user": reading.is_multi_user,
        "primary_user_id": reading.primary_user_id,
    }


def _search_texts(reading: Reading) -> Iterable[str]:
    """The decrypted texts search looks in: question, sign value and every interpretation."""
    yield reading.question or ""
    yield reading.sign_value or ""
    sealed = _sealed_object(reading)
    if sealed is None:
        yield reading.ai_interpretation or ""
        return
    if reading.sign_type == SignType.MULTI_USER:
        yield from _strings(sealed)
        return
    for key in ("summary", "interpretation", "advice"):
        value = sealed.get(key)
        if isinstance(value, str):
            yield value
    interpretation = sealed.get("ai_interpretation")
    if isinstance(interpretation, dict) and isinstance(interpretation.get("text"), str):
        yield interpretation["text"]


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


# --------------------------------------------------------------------------------------------
# Storing


def _audit(
    action: str,
    *,
    principal: Principal,
    reading: Reading | None,
    request: HttpRequest | None,
    profile_id: int | None = None,
    details: dict | None = None,
) -> None:
    audit.record(
        action,
        actor=principal.account,
        profile_id=profile_id or (reading.user_id if reading is not None else None),
        request=request,
        resource_type=RESOURCE_TYPE,
        resource_id=reading.pk if reading is not None else None,
        api_key_hash=principal.api_key_hash,
        details=details,
    )


@transaction.atomic
def _store(
    *,
    principal: Principal,
    request: HttpRequest | None,
    sign_type: str,
    sign_value: str,
    asked: str,
    response: dict[str, Any],
    profile: OracleUser | None = None,
    numerology_system: str | None = None,
    participants: Sequence[tuple[OracleUser, bool]] = (),
) -> dict[str, Any]:
    """Write the reading, its participants and its audit entry together; add ``reading_id``."""
    clear, sealed = _seal(sign_type, response)
    multi = sign_type == SignType.MULTI_USER
    if multi:
        interpretation = clear.pop("ai_interpretation", None)
        encrypted = _json(interpretation) if interpretation is not None else None
    else:
        encrypted = _json(sealed)
    reading = Reading.objects.create(
        owner=principal.account,
        user=profile,
        primary_user=profile if multi else None,
        is_multi_user=multi,
        question=asked,
        sign_type=sign_type,
        sign_value=sign_value,
        reading_result=clear,
        ai_interpretation=encrypted,
        individual_results=clear.get("profiles") if multi else None,
        compatibility_matrix=clear.get("pairwise_compatibility") if multi else None,
        combined_energy=clear.get("group_energy") if multi else None,
        numerology_system=numerology_system,
    )
    ReadingUser.objects.bulk_create(
        ReadingUser(reading=reading, user=member, is_primary=is_primary)
        for member, is_primary in participants
    )
    _audit(
        "oracle_reading.create",
        principal=principal,
        reading=reading,
        request=request,
        details={"sign_type": sign_type},
    )
    return {**response, "reading_id": reading.pk}


def _person_system(result: Mapping[str, Any]) -> str | None:
    person = result.get("person")
    return person.get("numerology_system") if isinstance(person, dict) else None


def create_time_reading(
    *,
    principal: Principal,
    datetime_text: str | None = None,
    timezone_name: str | None = None,
    profile_id: int | None = None,
    request: HttpRequest | None = None,
    use_ai: bool = True,
) -> dict[str, Any]:
    """``POST /api/oracle/reading``: the reading of a moment (blank = now), stored.

    The zone is ``timezone_name``, else the profile's, else UTC; with a profile the personal
    numbers come from its birth date. Unparseable input is an ``EngineError`` naming
    ``datetime`` (V4 silently read "now").
    """
    profile = _profile(principal, profile_id, ("user_id",))
    person = reading_profile(profile) if profile is not None else None
    moment = parse_reading_datetime(datetime_text, default=timezone.now())
    result = _compose(
        principal,
        use_ai,
        lambda generate: compose_time_reading(
            moment, tz=timezone_name or None, profile=person, generate=generate
        ),
    )
    return _store(
        principal=principal,
        request=request,
        sign_type=SignType.READING,
        sign_value=result["generated_at"],
        asked=datetime_text or "",
        response=result,
        profile=profile,
        numerology_system=_person_system(result),
    )


def create_question_reading(
    *,
    principal: Principal,
    question: str,
    timezone_name: str | None = None,
    profile_id: int | None = None,
    request: HttpRequest | None = None,
    use_ai: bool = True,
) -> dict[str, Any]:
    """``POST /api/oracle/question``: a yes/no/maybe question asked now, stored."""
    profile = _profile(principal, profile_id, ("user_id",))
    person = reading_profile(profile) if profile is not None else None
    moment = timezone.now()
    result = _compose(
        principal,
        use_ai,
        lambda generate: compose_question(
            question, moment, tz=timezone_name or None, profile=person, generate=generate
        ),
    )
    return _store(
        principal=principal,
        request=request,
        sign_type=SignType.QUESTION,
        sign_value=result["answer"],
        asked=question,
        response=result,
        profile=profile,
        numerology_system=_person_system(result),
    )


def create_name_reading(
    *,
    principal: Principal,
    name: str,
    numerology_system: str | None = None,
    profile_id: int | None = None,
    request: HttpRequest | None = None,
    use_ai: bool = True,
) -> dict[str, Any]:
    """``POST /api/oracle/name``: the numerology of a name, stored.

    The letter system is ``numerology_system``, else the profile's, else automatic. A name with no
    letter that system can count (blank included) is refused: V4 stored a reading of zeros.
    """
    profile = _profile(principal, profile_id, ("user_id",))
    person = reading_profile(profile) if profile is not None else None
    if not name.strip():
        raise InvalidNameError("The name is empty: enter a name with at least one letter.")
    result = _compose(
        principal,
        use_ai,
        lambda generate: compose_name(
            name, profile=person, system=numerology_system, generate=generate
        ),
    )
    return _store(
        principal=principal,
        request=request,
        sign_type=SignType.NAME,
        sign_value=f"expression {result['destiny_number']}",
        asked=name,
        response=result,
        profile=profile,
        numerology_system=result["numerology_system"],
    )


def create_multi_user_reading(
    *,
    principal: Principal,
    users: Sequence[MultiUserMember],
    primary_user_index: int = 0,
    include_interpretation: bool = True,
    request: HttpRequest | None = None,
    use_ai: bool = True,
) -> dict[str, Any]:
    """``POST /api/oracle/reading/multi-user``: a group reading of 2–10 people, stored.

    The numbers come from the request's names and birth dates (as V4); a ``user_id`` only links a
    person to one of the caller's profiles. Linked profiles get a participant row each, the
    primary one flagged; the reading's ``user``/``primary_user`` is the primary person's profile,
    or NULL for an anonymous group.
    """
    linked: list[OracleUser | None] = [
        _profile(principal, member.user_id, ("users", index, "user_id"))
        for index, member in enumerate(users)
    ]
    seen: set[int] = set()
    for index, profile in enumerate(linked):
        if profile is not None and profile.pk in seen:
            raise ProfileReferenceError(
                ("users", index, "user_id"), f"user_id {profile.pk} is listed more than once"
            )
        if profile is not None:
            seen.add(profile.pk)
    people = [
        {
            "name": member.name,
            "birth_year": member.birth_year,
            "birth_month": member.birth_month,
            "birth_day": member.birth_day,
        }
        for member in users
    ]
    result = _compose(
        principal,
        use_ai and include_interpretation,
        lambda generate: compose_multi_user(
            people,
            primary_user_index=primary_user_index,
            include_interpretation=include_interpretation,
            generate=generate,
        ),
    )
    primary = linked[primary_user_index]
    return _store(
        principal=principal,
        request=request,
        sign_type=SignType.MULTI_USER,
        sign_value=f"{result['user_count']}-user analysis",
        asked="",
        response=result,
        profile=primary,
        numerology_system=NumerologySystem.AUTO,
        participants=[(profile, profile == primary) for profile in linked if profile is not None],
    )


def daily_reading(
    *,
    principal: Principal,
    date_text: str | None = None,
    timezone_name: str | None = None,
    profile_id: int | None = None,
    use_ai: bool = True,
) -> dict[str, Any]:
    """``GET /api/oracle/daily``: the insight of a day (blank = today in the zone); not stored.

    A bare ``YYYY-MM-DD`` is that calendar day whatever the zone; a date-time is read in the zone
    (the request's, else the profile's, else UTC) and its local date is used. A profile the caller
    may not see raises ``ProfileNotFound``.
    """
    profile = _query_profile(principal, profile_id)
    person = reading_profile(profile) if profile is not None else None
    text = (date_text or "").strip()
    moment = parse_reading_datetime(text, default=timezone.now())
    day: dt.date | dt.datetime = moment.date() if text and _is_date_only(text) else moment
    return _compose(
        principal,
        use_ai,
        lambda generate: compose_daily(
            day, tz=timezone_name or None, profile=person, generate=generate
        ),
    )


def _is_date_only(text: str) -> bool:
    return "T" not in text.upper() and ":" not in text and " " not in text


# --------------------------------------------------------------------------------------------
# History


def visible_readings(principal: Principal, *, include_deleted: bool = False) -> QuerySet:
    manager = Reading.all_objects if include_deleted else Reading.objects
    return manager.visible_to(principal)


def get_reading(*, principal: Principal, reading_id: int) -> Reading:
    """A live reading the principal may see; anything else is "not found"."""
    reading = visible_readings(principal).filter(pk=reading_id).first()
    if reading is None:
        raise ReadingNotFound()
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
) -> ReadingPage:
    """The principal's readings, newest first, filtered.

    ``profile_id``: that profile's single readings and the group readings it took part in (a
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
        profile = _query_profile(principal, profile_id)
        readings = readings.filter(
            Q(user=profile)
            | Q(pk__in=ReadingUser.objects.filter(user=profile).values("reading_id"))
        )
    if date_from is not None:
        readings = readings.filter(created_at__gte=_utc_midnight(date_from))
    if date_to is not None and date_to < dt.date.max:  # the last day has no day after it
        readings = readings.filter(created_at__lt=_utc_midnight(date_to + dt.timedelta(days=1)))
    if is_favorite is not None:
        readings = readings.filter(is_favorite=is_favorite)
    readings = readings.order_by("-created_at", "-id")
    needle = search.strip().casefold()
    if not needle:
        return ReadingPage(list(readings[offset : offset + limit]), readings.count())
    candidates = readings.only("id", "sign_type", "sign_value", "question", "ai_interpretation")
    matches = [
        reading.pk
        for reading in candidates.iterator(chunk_size=500)
        if any(needle in text.casefold() for text in _search_texts(reading))
    ]
    page_ids = matches[offset : offset + limit]
    rows = Reading.objects.in_bulk(page_ids)
    return ReadingPage([rows[pk] for pk in page_ids if pk in rows], len(matches))


def _utc_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def record_read(
    *,
    principal: Principal,
    reading: Reading | None = None,
    profile_id: int | None = None,
    request: HttpRequest | None = None,
) -> None:
    """Audit a read: ``oracle_reading.read`` of one reading, ``oracle_reading.list`` without."""
    _audit(
        "oracle_reading.read" if reading is not None else "oracle_reading.list",
        principal=principal,
        reading=reading,
        request=request,
        profile_id=profile_id,
    )


@transaction.atomic
def delete_reading(
    *, principal: Principal, reading_id: int, request: HttpRequest | None = None
) -> Reading:
    """Soft delete: the reading leaves history and search, and can be restored."""
    reading = get_reading(principal=principal, reading_id=reading_id)
    reading.delete()
    _audit("oracle_reading.delete", principal=principal, reading=reading, request=request)
    return reading


@transaction.atomic
def restore_reading(
    *, principal: Principal, reading_id: int, request: HttpRequest | None = None
) -> Reading:
    """Undo a delete. Restoring a reading that is not deleted changes nothing."""
    reading = visible_readings(principal, include_deleted=True).filter(pk=reading_id).first()
    if reading is None:
        raise ReadingNotFound()
    reading.restore()
    _audit("oracle_reading.restore", principal=principal, reading=reading, request=request)
    return reading


@transaction.atomic
def toggle_favorite(
    *, principal: Principal, reading_id: int, request: HttpRequest | None = None
) -> Reading:
    """Flip ``is_favorite``; the row is locked so two quick toggles cannot both read the old
    value."""
    reading = visible_readings(principal).select_for_update().filter(pk=reading_id).first()
    if reading is None:
        raise ReadingNotFound()
    reading.is_favorite = not reading.is_favorite
    reading.save(update_fields=["is_favorite"])
    _audit(
        "oracle_reading.favorite",
        principal=principal,
        reading=reading,
        request=request,
        details={"is_favorite": reading.is_favorite},
    )
    return reading
