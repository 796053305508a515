"""Composing and storing readings: the engines compute, the row is sealed, stored and audited.

Every endpoint that stores a reading goes through here, so pages and the API compute, store and
audit a reading the same way. Computing (which may wait seconds for the AI) happens before the
database transaction; the row, its participants and its audit entry are then written in one
short transaction. What is encrypted, and how a stored row is put back together, is
`oracle.services.sealing`; listing, reading, deleting and favouriting stored readings is
`oracle.services.history`.

Clear columns besides `reading_result`:

* ``sign_value`` (clear, indexed): the time reading's ``generated_at``, the question's answer
  (``yes``/``no``/``maybe``), ``"expression <n>"`` for a name (never the name itself), and
  ``"<n>-user analysis"``.
* ``numerology_system``: the letter system the name numbers used — the name reading's, the
  profile's (time and question readings for a profile), ``auto`` for groups (each name in its
  script's system) — else NULL.
* Multi-user readings keep V4's clear columns ``individual_results``, ``compatibility_matrix``
  and ``combined_energy``: copies of the clear result's parts, so, like ``reading_result``, they
  hold the members' numbers but not their names (the names typed in are sealed with the
  interpretation, `sealing.GROUP_SEALED_PATHS`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from nps.accounts import preferences
from nps.accounts.principal import Principal
from nps.core import audit, dates
from nps.core.errors import InvalidField
from oracle.engines.compose import (
    ReadingProfile,
    compose_daily,
    compose_multi_user,
    compose_name,
    compose_question,
    compose_time_reading,
    parse_reading_datetime,
    resolve_timezone,
)
from oracle.engines.errors import InvalidDateError, InvalidNameError
from oracle.engines.i18n import speaking
from oracle.engines.numerology import has_countable_letter
from oracle.engines.timing import get_group_best_hours
from oracle.models import NumerologySystem, Profile, Reading, ReadingParticipant, SignType
from oracle.services import ai, method, profiles, sealing, sky, spoken
from oracle.services.engine_errors import engine_input
from oracle.services.profiles import ProfileNotFound

RESOURCE_TYPE = "oracle_reading"

# Request limits (V4 had none: a long name overflowed `sign_value` with a 500).
MAX_NAME_LENGTH = 100
MAX_QUESTION_LENGTH = 2000


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
    """One person of a multi-user request (V4's ``MultiUserInput``); ``profile_id`` (V4's
    ``user_id``) links the person to one of the caller's profiles."""

    name: str
    birth_year: int
    birth_month: int
    birth_day: int
    profile_id: int | None = None


# --------------------------------------------------------------------------------------------
# Profiles and the AI hook


def _linked_profile(
    principal: Principal, profile_id: int | None, path: tuple[str | int, ...]
) -> Profile | None:
    """The profile a request body refers to; one the caller may not see is a field error."""
    if profile_id is None:
        return None
    try:
        return profiles.get_profile(principal=principal, profile_id=profile_id)
    except ProfileNotFound:
        raise ProfileReferenceError(path) from None


def reading_profile(profile: Profile) -> ReadingProfile:
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
    principal: Principal,
    use_ai: bool,
    compute: Callable[[ai.Generator | None], dict[str, Any]],
    language: str = "en",
) -> dict[str, Any]:
    """Run a compose function with the AI hook; a refused AI rate limit becomes the 429.

    The engines write in ``language`` (``en``, or ``fa`` for the Persian pages). A Persian
    response records it as its last key, ``"language": "fa"``, so the stored reading says what
    was shown; an English response has no such key (V4's shapes, exactly as the API returns)."""
    generator = _generator(principal, use_ai)
    with speaking(language) as spoken:
        result = compute(generator)
    if generator is not None:
        generator.raise_if_refused()
    if spoken != "en":
        result["language"] = spoken
    return result


# --------------------------------------------------------------------------------------------
# Storing


def record_action(
    action: str,
    *,
    principal: Principal,
    reading: Reading | None,
    client_address: str | None,
    profile_id: int | None = None,
    details: dict | None = None,
) -> None:
    """Audit an action on readings; `reading` None (and maybe a `profile_id`) for a listing."""
    audit.record(
        action,
        actor=principal.account,
        profile_id=profile_id or (reading.profile_id if reading is not None else None),
        client_address=client_address,
        resource_type=RESOURCE_TYPE,
        resource_id=reading.pk if reading is not None else None,
        api_key_hash=principal.api_key_hash,
        details=details,
    )


@transaction.atomic
def _store(
    *,
    principal: Principal,
    client_address: str | None,
    sign_type: str,
    sign_value: str,
    asked: str,
    response: dict[str, Any],
    profile: Profile | None = None,
    numerology_system: str | None = None,
    participants: Sequence[tuple[Profile, bool]] = (),
) -> dict[str, Any]:
    """Write the reading, its participants and its audit entry together; add ``reading_id``."""
    sealed = sealing.seal(sign_type, response)
    clear = sealed.reading_result
    multi = sign_type == SignType.MULTI_USER
    reading = Reading.objects.create(
        owner=principal.account,
        profile=profile,
        primary_profile=profile if multi else None,
        is_multi_user=multi,
        question=asked,
        sign_type=sign_type,
        sign_value=sign_value,
        reading_result=clear,
        ai_interpretation=sealed.ai_interpretation,
        **(sealing.group_columns(clear) if multi else {}),
        numerology_system=numerology_system,
    )
    ReadingParticipant.objects.bulk_create(
        ReadingParticipant(reading=reading, profile=member, is_primary=is_primary)
        for member, is_primary in participants
    )
    record_action(
        "oracle_reading.create",
        principal=principal,
        reading=reading,
        client_address=client_address,
        details={"sign_type": sign_type},
    )
    return {**response, "reading_id": reading.pk}


def _person_system(result: Mapping[str, Any]) -> str | None:
    person = result.get("person")
    return person.get("numerology_system") if isinstance(person, dict) else None


@engine_input()
def create_time_reading(
    *,
    principal: Principal,
    datetime_text: str | None = None,
    timezone_name: str | None = None,
    profile_id: int | None = None,
    client_address: str | None = None,
    use_ai: bool = True,
    language: str = "en",
) -> dict[str, Any]:
    """``POST /api/oracle/reading``: the reading of a moment (blank = now), stored.

    The zone is ``timezone_name``, else the profile's, else UTC; with a profile the personal
    numbers come from its birth date. Unparseable input, or a year outside 1000–2999, is an
    ``InvalidField`` naming ``datetime`` (V4 silently read "now", and read any year).
    """
    profile = _linked_profile(principal, profile_id, ("user_id",))
    person = reading_profile(profile) if profile is not None else None
    moment = entered_moment(datetime_text, field="datetime")
    result = _compose(
        principal,
        use_ai,
        lambda generate: compose_time_reading(
            moment, tz=timezone_name or None, profile=person, generate=generate
        ),
        language,
    )
    result["best_hours"] = waking_hours(
        result["best_hours"], preferences.waking_hours_of(principal.account)
    )
    _add_sky_and_method(result, result["generated_at"], timezone_name, person)
    return _store(
        principal=principal,
        client_address=client_address,
        sign_type=SignType.READING,
        sign_value=result["generated_at"],
        asked=datetime_text or "",
        response=result,
        profile=profile,
        numerology_system=_person_system(result),
    )


def entered_moment(text: str | None, *, field: str) -> dt.datetime:
    """The date or date-time a person wrote (blank = now), in the years people may enter
    (`nps.core.dates`): a reading of year 1 or 9999 is refused, not stored."""
    moment = parse_reading_datetime(text, default=timezone.now())
    if dates.year_out_of_range(moment):
        raise InvalidDateError(f"{str(text).strip()}: {dates.range_message()}", field=field)
    return moment


@engine_input()
def create_question_reading(
    *,
    principal: Principal,
    question: str,
    timezone_name: str | None = None,
    profile_id: int | None = None,
    category: str | None = None,
    client_address: str | None = None,
    use_ai: bool = True,
    language: str = "en",
) -> dict[str, Any]:
    """``POST /api/oracle/question``: a yes/no/maybe question asked now, stored.

    ``category`` (the page's optional topic: ``love``, ``career``, …) is kept in the clear result
    as ``category``; it does not change the answer.
    """
    profile = _linked_profile(principal, profile_id, ("user_id",))
    person = reading_profile(profile) if profile is not None else None
    moment = timezone.now()
    result = _compose(
        principal,
        use_ai,
        lambda generate: compose_question(
            question, moment, tz=timezone_name or None, profile=person, generate=generate
        ),
        language,
    )
    if category:
        result["category"] = category
    _add_sky_and_method(result, result["moment"], timezone_name, person)
    return _store(
        principal=principal,
        client_address=client_address,
        sign_type=SignType.QUESTION,
        sign_value=result["answer"],
        asked=question,
        response=result,
        profile=profile,
        numerology_system=_person_system(result),
    )


@engine_input()
def create_name_reading(
    *,
    principal: Principal,
    name: str,
    numerology_system: str | None = None,
    profile_id: int | None = None,
    client_address: str | None = None,
    use_ai: bool = True,
    language: str = "en",
) -> dict[str, Any]:
    """``POST /api/oracle/name``: the numerology of a name, stored.

    The letter system is ``numerology_system``, else the profile's own (not automatic), else the
    account's default (the settings page's) when it can count the name, else automatic. A name
    with no letter the system can count (blank included) is refused: V4 stored a reading of zeros.
    """
    profile = _linked_profile(principal, profile_id, ("user_id",))
    person = reading_profile(profile) if profile is not None else None
    if not name.strip():
        raise InvalidNameError("The name is empty: enter a name with at least one letter.")
    reason = method.OVERRIDE if numerology_system else method.AUTO_BY_SCRIPT
    if not numerology_system:
        numerology_system = _default_system(principal, profile, name)
        if numerology_system and profile is not None:
            reason = (
                method.PROFILE
                if numerology_system == profile.numerology_system
                else method.ACCOUNT_DEFAULT
            )
        elif numerology_system:
            reason = method.ACCOUNT_DEFAULT
    result = _compose(
        principal,
        use_ai,
        lambda generate: compose_name(
            name, profile=person, system=numerology_system, generate=generate
        ),
        language,
    )
    result["method"] = method.stamp(
        numerology_system=result["numerology_system"], numerology_reason=reason
    )
    return _store(
        principal=principal,
        client_address=client_address,
        sign_type=SignType.NAME,
        sign_value=f"expression {result['destiny_number']}",
        asked=name,
        response=result,
        profile=profile,
        numerology_system=result["numerology_system"],
    )


def _default_system(principal: Principal, profile: Profile | None, name: str) -> str | None:
    """The system of a name reading that asks for none: the profile's own choice, else the
    account's default — unless that default cannot count the name (a Persian name for an account
    that reads Pythagorean), which is then read automatically rather than refused."""
    if profile is not None and profile.numerology_system != NumerologySystem.AUTO:
        return profile.numerology_system
    default = preferences.preferences_of(principal.account).numerology_system
    if default in ("", NumerologySystem.AUTO) or not has_countable_letter(name, default):
        return None
    return default


@engine_input()
def create_multi_user_reading(
    *,
    principal: Principal,
    users: Sequence[MultiUserMember],
    primary_user_index: int = 0,
    include_interpretation: bool = True,
    client_address: str | None = None,
    use_ai: bool = True,
    language: str = "en",
) -> dict[str, Any]:
    """``POST /api/oracle/reading/multi-user``: a group reading of 2–10 people, stored.

    The numbers come from the request's names and birth dates (as V4); a ``user_id`` only links a
    person to one of the caller's profiles. Linked profiles get a participant row each, the
    primary one flagged; the reading's ``profile``/``primary_profile`` is the primary person's
    profile, or NULL for an anonymous group.
    """
    linked: list[Profile | None] = [
        _linked_profile(principal, member.profile_id, ("users", index, "user_id"))
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
        language,
    )
    primary = linked[primary_user_index]
    result["best_hours"] = group_best_hours(linked, primary)
    result["method"] = method.stamp(
        numerology_system=NumerologySystem.AUTO, numerology_reason=method.AUTO_BY_SCRIPT
    )
    return _store(
        principal=principal,
        client_address=client_address,
        sign_type=SignType.MULTI_USER,
        sign_value=f"{result['user_count']}-user analysis",
        asked="",
        response=result,
        profile=primary,
        numerology_system=NumerologySystem.AUTO,
        participants=[(profile, profile == primary) for profile in linked if profile is not None],
    )


def waking_hours(
    hours: Sequence[Mapping[str, Any]], waking: tuple[int, int] = preferences.WAKING_HOURS
) -> list[dict]:
    """The timing advisor's hours (best first) that a person is awake for: each hour starts and
    ends within the account's waking range (settings page; 07:00–22:00 by default: 07:00 …
    21:00). The advisor's scores
    and order are untouched; only the night's hours are no longer offered. A range that runs
    past midnight (22–06) is allowed."""
    start, end = waking

    def awake(hour: int) -> bool:
        return start <= hour < end if start < end else hour >= start or hour < end

    return [dict(entry) for entry in hours if awake(entry["hour"])]


def _zone_of(profile: Profile | None) -> dt.tzinfo:
    try:
        return ZoneInfo(profile.timezone) if profile and profile.timezone else dt.UTC
    except (ValueError, ZoneInfoNotFoundError):
        return dt.UTC


def group_best_hours(
    members: Sequence[Profile | None], primary: Profile | None, *, now: dt.datetime | None = None
) -> dict[str, Any]:
    """The timing advisor's best hours of today for a whole group (``best_hours`` of a group
    reading): today in the primary person's zone, hours that are daytime for every member in the
    zone of their profile (UTC for a member without one), each shown in every member's time."""
    reference = _zone_of(primary)
    today = (now or timezone.now()).astimezone(reference).date()
    hours = get_group_best_hours(today, [_zone_of(m) for m in members], reference=reference)
    return {**hours, "zone": getattr(reference, "key", "UTC")}


@engine_input()
def daily_reading(
    *,
    principal: Principal,
    date_text: str | None = None,
    timezone_name: str | None = None,
    profile_id: int | None = None,
    use_ai: bool = True,
    language: str = "en",
    store: bool = False,
    client_address: str | None = None,
) -> dict[str, Any]:
    """``GET /api/oracle/daily``: the insight of a day (blank = today in the zone).

    A bare ``YYYY-MM-DD`` is that calendar day whatever the zone; a date-time is read in the zone
    (the request's, else the profile's, else UTC) and its local date is used. A profile the caller
    may not see raises ``ProfileNotFound``.

    ``store=True`` (the pages and the API) keeps it like the other readings, as ``sign_type``
    ``daily`` with the local day (``YYYY-MM-DD``) as ``sign_value``, and adds ``reading_id``:
    **one stored daily reading per account, profile (or none) and local day** — asking again that
    day returns the stored one (its texts in ``language``) instead of storing another. Nothing is
    stored for a caller that may not write readings (``oracle:write``) or has no account (V4's
    shared secret); they get the day computed, without ``reading_id``. ``store=False`` (the
    default) only computes it.
    """
    profile = (
        profiles.get_profile(principal=principal, profile_id=profile_id)
        if profile_id is not None
        else None
    )
    person = reading_profile(profile) if profile is not None else None
    text = (date_text or "").strip()
    moment = entered_moment(text, field="date")
    day: dt.date | dt.datetime = moment.date() if text and _is_date_only(text) else moment
    storing = store and principal.account is not None and principal.has_scope("oracle:write")
    if storing:
        kept = stored_daily(principal, profile, _local_day(day, timezone_name, person))
        if kept is not None:
            return spoken.in_language(kept, sealing.reading_response(kept), language, person=person)
    result = _compose(
        principal,
        use_ai,
        lambda generate: compose_daily(
            day, tz=timezone_name or None, profile=person, generate=generate
        ),
        language,
    )
    result["best_hours"] = waking_hours(
        result["best_hours"], preferences.waking_hours_of(principal.account)
    )
    if isinstance(day, dt.datetime):
        sky_moment: dt.datetime | str = day
    else:  # a calendar day: its sky at local noon
        sky_moment = f"{result['date']}T12:00:00"
    _add_sky_and_method(result, sky_moment, timezone_name, person)
    if not storing:
        return result
    return _store_daily(principal, client_address, result, profile, language, person)


def _local_day(
    day: dt.date | dt.datetime, timezone_name: str | None, person: ReadingProfile | None
) -> dt.date:
    """The day `compose_daily` reads: a date as it is, a moment's date in the reading's zone."""
    if not isinstance(day, dt.datetime):
        return day
    setting = timezone_name or (person.tz if person is not None else None)
    if setting:
        zone = resolve_timezone(setting)
        day = day.replace(tzinfo=zone) if day.tzinfo is None else day.astimezone(zone)
    return day.date()


def stored_daily(principal: Principal, profile: Profile | None, day: dt.date) -> Reading | None:
    """The account's live daily reading of ``day`` for ``profile`` (None: the day alone)."""
    return (
        Reading.objects.filter(
            owner=principal.account, sign_type=SignType.DAILY, sign_value=day.isoformat()
        )
        .filter(profile=profile)
        .order_by("created_at", "id")
        .first()
    )


@transaction.atomic
def _store_daily(
    principal: Principal,
    client_address: str | None,
    result: dict[str, Any],
    profile: Profile | None,
    language: str,
    person: ReadingProfile | None,
) -> dict[str, Any]:
    """Store the day's reading unless a request of the same moment stored it first: the account's
    row is locked while looking, so two requests never store the same day twice."""
    get_user_model().objects.select_for_update().filter(pk=principal.account.pk).first()
    kept = stored_daily(principal, profile, dt.date.fromisoformat(result["date"]))
    if kept is not None:
        return spoken.in_language(kept, sealing.reading_response(kept), language, person=person)
    return _store(
        principal=principal,
        client_address=client_address,
        sign_type=SignType.DAILY,
        sign_value=result["date"],
        asked="",
        response=result,
        profile=profile,
        numerology_system=_person_system(result),
    )


def _add_sky_and_method(
    result: dict[str, Any],
    moment: dt.datetime | str,
    timezone_name: str | None,
    person: ReadingProfile | None,
) -> None:
    """Add the reading's ``sky`` (None outside the ephemeris's years) and ``method``.

    ``moment`` is the reading's moment as composed (a local ISO text, naive = UTC as in V4) or
    the moment entered, read in the reading's zone: the request's, else the profile's, else its
    own offset (UTC when it has none)."""
    setting = timezone_name or (person.tz if person is not None else None)
    local = dt.datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    if setting:
        zone = resolve_timezone(setting)
        local = local.replace(tzinfo=zone) if local.tzinfo is None else local.astimezone(zone)
    elif local.tzinfo is None:
        local = local.replace(tzinfo=dt.UTC)
    zone_name = method.zone_label(resolve_timezone(setting) if setting else local.tzinfo)
    block = sky.sky_block(local)
    if block is not None and person is not None:
        block["birth"] = sky.birth_signs(
            person.birth_date, resolve_timezone(person.tz) if person.tz else dt.UTC
        )
    result["sky"] = block
    person_numbers = result.get("person")
    if person is not None and isinstance(person_numbers, dict):
        system = person_numbers.get("numerology_system")
        reason = method.AUTO_BY_SCRIPT if person.numerology_system == "auto" else method.PROFILE
    else:
        system, reason = None, method.NO_NAME
    result["method"] = method.stamp(
        numerology_system=system,
        numerology_reason=reason,
        moment=local,
        zone_name=zone_name,
        sky_block=block,
    )


@engine_input()
def sky_reading(*, datetime_text: str | None, timezone_name: str | None) -> dict[str, Any]:
    """``GET /api/oracle/sky``: the sky block of a moment (blank = now) read in the zone (else
    its own offset, else UTC), with its ``method``; not stored. A moment outside the ephemeris's
    years is an `InvalidField` naming ``datetime``."""
    text = (datetime_text or "").strip()
    moment = entered_moment(text, field="datetime")
    if moment.tzinfo is not None and not timezone_name:
        timezone_name = method.zone_label(moment.tzinfo)
    result: dict[str, Any] = {}
    _add_sky_and_method(result, moment, timezone_name, None)
    if result["sky"] is None:
        try:
            sky.require_sky_block(moment)
        except sky.SkyOutOfRange as error:
            raise InvalidField("datetime", str(error)) from None
    result["method"]["numerology_system"] = result["method"]["numerology_reason"] = None
    return result


def _is_date_only(text: str) -> bool:
    return "T" not in text.upper() and ":" not in text and " " not in text
