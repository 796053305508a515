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
  and ``combined_energy``: they name the participants, as V4 did (names of people are not
  encrypted data; profile names are clear in ``oracle_users`` too).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from nps.accounts.principal import Principal
from nps.core import audit
from nps.core.errors import InvalidField
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
from oracle.models import NumerologySystem, Profile, Reading, ReadingParticipant, SignType
from oracle.services import ai, profiles, sealing
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
    principal: Principal, use_ai: bool, compute: Callable[[ai.Generator | None], dict[str, Any]]
) -> dict[str, Any]:
    """Run a compose function with the AI hook; a refused AI rate limit becomes the 429."""
    generator = _generator(principal, use_ai)
    result = compute(generator)
    if generator is not None:
        generator.raise_if_refused()
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
        individual_results=clear.get("profiles") if multi else None,
        compatibility_matrix=clear.get("pairwise_compatibility") if multi else None,
        combined_energy=clear.get("group_energy") if multi else None,
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


def create_time_reading(
    *,
    principal: Principal,
    datetime_text: str | None = None,
    timezone_name: str | None = None,
    profile_id: int | None = None,
    client_address: str | None = None,
    use_ai: bool = True,
) -> dict[str, Any]:
    """``POST /api/oracle/reading``: the reading of a moment (blank = now), stored.

    The zone is ``timezone_name``, else the profile's, else UTC; with a profile the personal
    numbers come from its birth date. Unparseable input is an ``EngineError`` naming
    ``datetime`` (V4 silently read "now").
    """
    profile = _linked_profile(principal, profile_id, ("user_id",))
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
        client_address=client_address,
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
    category: str | None = None,
    client_address: str | None = None,
    use_ai: bool = True,
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
    )
    if category:
        result["category"] = category
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


def create_name_reading(
    *,
    principal: Principal,
    name: str,
    numerology_system: str | None = None,
    profile_id: int | None = None,
    client_address: str | None = None,
    use_ai: bool = True,
) -> dict[str, Any]:
    """``POST /api/oracle/name``: the numerology of a name, stored.

    The letter system is ``numerology_system``, else the profile's, else automatic. A name with no
    letter that system can count (blank included) is refused: V4 stored a reading of zeros.
    """
    profile = _linked_profile(principal, profile_id, ("user_id",))
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
        client_address=client_address,
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
    client_address: str | None = None,
    use_ai: bool = True,
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
    )
    primary = linked[primary_user_index]
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
    profile = (
        profiles.get_profile(principal=principal, profile_id=profile_id)
        if profile_id is not None
        else None
    )
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
