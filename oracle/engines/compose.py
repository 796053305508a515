"""What each reading endpoint returns: pure functions over the engines.

Each ``compose_*`` function takes the moment/date explicitly — nothing here reads the clock — and
optionally a :class:`ReadingProfile` (the person the reading is for) and an AI text generator
(``generate``, see :mod:`oracle.engines.interpretation`). Results carry V4's keys with V4's values
(V4's test vectors), then added keys, always after V4's:

* ``ai_interpretation`` — the interpretation of :mod:`oracle.engines.interpretation`, so every
  reading has one with no AI configured (``ai_generated``/``ai_available`` say who wrote it);
* context the pages and interpreters need (full FC60 record, moon, the person's numbers…).

Moments and time zones, one rule for every function:

* a naive ``moment`` is a wall-clock time in ``tz`` (else the profile's zone; with neither it is
  read as UTC and stays naive, as in V4: ``generated_at`` has no offset);
* an aware ``moment`` is converted to ``tz`` (else the profile's zone) when one is given, and is
  otherwise read in its own offset. So the web layer passes ``datetime.now(UTC)`` plus the
  profile's or the request's zone for "now".

V4 defects fixed here: 14 (negative UTC offsets keep their sign — see ``fc60_encoding``), 21 (no
hidden clock), and a reading for a profile takes the personal year/month/day (and life path) from
the person's real birth date; without a profile V4's quirk 9 values are kept.
Unparseable input raises an :class:`~oracle.engines.errors.EngineError` subclass, never "now".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from oracle.engines.errors import (
    EngineError,
    InvalidDateError,
    InvalidGroupError,
    InvalidNameError,
    InvalidNumerologySystemError,
    InvalidTimeError,
    InvalidTimezoneError,
    UnparseableInputError,
)
from oracle.engines.fc60 import (
    ANIMAL_NAMES,
    STEM_ELEMENTS,
    STEM_NAMES,
    STEM_POLARITY,
    decode_stamp,
    encode_datetime,
    ganzhi_year,
)
from oracle.engines.i18n import tr
from oracle.engines.interpretation import (
    TextGenerator,
    interpret_daily,
    interpret_group,
    interpret_name,
    interpret_question,
    interpret_reading,
)
from oracle.engines.multi_user import analyze
from oracle.engines.numerology import (
    has_countable_letter,
    letter_value,
    life_path,
    life_path_meaning_text,
    name_personality,
    name_soul_urge,
    name_to_number,
    numerology_reduce,
    personal_day,
    personal_month,
    personal_year,
    resolve_numerology_system,
)
from oracle.engines.signs import (
    DAILY_ENERGIES,
    NUMBER_MEANINGS,
    daily_insight,
    question_sign,
    read_name,
    read_sign,
    zodiac_of,
)
from oracle.engines.timing import get_best_hours, get_current_quality

__all__ = [
    "ReadingProfile",
    "compose_daily",
    "compose_multi_user",
    "compose_name",
    "compose_question",
    "compose_time_reading",
    "parse_reading_datetime",
    "profile_user",
    "resolve_timezone",
    "validate_stamp",
]

PROFILE_NUMEROLOGY_SYSTEMS: tuple[str, ...] = ("auto", "pythagorean", "chaldean", "abjad")
ELEMENT_CYCLE: tuple[str, ...] = ("Fire", "Earth", "Metal", "Water", "Wood")
_OFFSET_RE = re.compile(r"(?:UTC|GMT)?([+\-−])([0-9]{1,2})(?::?([0-9]{2}))?", re.IGNORECASE)
_DATE_RE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_DATETIME_PARTS_RE = re.compile(
    r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
    r"(?:.([0-9]{1,2})(?::([0-9]{1,2}))?(?::([0-9]{1,2}))?(?:[.,][0-9]*)?)?(.*)",
    re.DOTALL,
)


# --------------------------------------------------------------------------------------------
# Time zones, moments and the API's datetime strings


def resolve_timezone(value: str | tzinfo | None) -> tzinfo:
    """A ``tzinfo`` from ``None`` (UTC), a ``tzinfo``, ``"UTC"``/``"Z"``, an offset such as
    ``"+03:30"``/``"-05:00"``/``"UTC+4"``, or an IANA name such as ``"Asia/Tehran"``.

    IANA names come from the system's time-zone database (read once by ``zoneinfo``).
    """
    if value is None:
        return UTC
    if isinstance(value, tzinfo):
        return value
    if not isinstance(value, str):
        raise InvalidTimezoneError(f"A time zone must be text such as Asia/Tehran, not {value!r}.")
    text = value.strip()
    if text.upper() in ("", "UTC", "Z", "GMT"):
        return UTC
    match = _OFFSET_RE.fullmatch(text)
    if match:
        sign = -1 if match.group(1) in "-−" else 1
        hours, minutes = int(match.group(2)), int(match.group(3) or 0)
        offset = sign * (hours * 60 + minutes)
        if minutes > 59 or not -12 * 60 <= offset <= 14 * 60:
            raise InvalidTimezoneError(
                f"UTC offset {text} does not exist: use an offset from -12:00 to +14:00."
            )
        return timezone(timedelta(minutes=offset)) if offset else UTC
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError, OSError, UnicodeError):
        raise InvalidTimezoneError(
            f"Unknown time zone {value!r}: use an IANA name such as Asia/Tehran or an offset "
            "such as +03:30."
        ) from None


def parse_reading_datetime(text: str | None, *, default: datetime | None = None) -> datetime:
    """Parse the ``datetime``/``date`` field of the reading API.

    ``YYYY-MM-DD`` → midnight UTC (aware); anything else is an ISO 8601 date-time (Python's
    ``fromisoformat``: offsets, ``Z``, fractions; without an offset the result is naive, as in V4).
    Blank text returns ``default`` (the caller's "now") or raises. Garbage raises
    ``UnparseableInputError``, an impossible date ``InvalidDateError``, an impossible clock time
    ``InvalidTimeError``, an impossible offset ``InvalidTimezoneError`` — V4 silently used "now".
    """
    if text is None or (isinstance(text, str) and not text.strip()):
        if default is not None:
            return default
        raise UnparseableInputError("The date and time are empty.", field="datetime")
    if not isinstance(text, str):
        raise UnparseableInputError(f"Expected a date-time text, not {text!r}.", field="datetime")
    value = text.strip()
    date_only = _DATE_RE.fullmatch(value)
    if date_only:
        year, month, day = (int(part) for part in date_only.groups())
        _check_date(value, year, month, day)
        return datetime(year, month, day, tzinfo=UTC)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise _datetime_error(value) from None
    offset = moment.utcoffset()
    if offset is not None and not timedelta(hours=-12) <= offset <= timedelta(hours=14):
        raise InvalidTimezoneError(
            f"{value}: the UTC offset does not exist; use an offset from -12:00 to +14:00.",
            field="datetime",
        )
    return moment


def _check_date(text: str, year: int, month: int, day: int) -> None:
    try:
        date(year, month, day)
    except ValueError:
        raise InvalidDateError(
            f"{text} is not a real date: use YYYY-MM-DD with a month 1–12 and a day the month has.",
            field="datetime",
        ) from None


def _datetime_error(value: str) -> EngineError:
    """The most helpful error for text ``fromisoformat`` refused."""
    parts = _DATETIME_PARTS_RE.fullmatch(value)
    if parts:
        year, month, day = (int(part) for part in parts.groups()[:3])
        try:
            _check_date(value, year, month, day)
        except InvalidDateError as error:
            return error
        hour, minute, second = (int(part) if part else 0 for part in parts.groups()[3:6])
        if hour > 23 or minute > 59 or second > 59:
            return InvalidTimeError(
                f"{value}: the time is not on the clock; use HH:MM[:SS] from 00:00 to 23:59.",
                field="datetime",
            )
    return UnparseableInputError(
        f"{value!r} is not a date (YYYY-MM-DD) or an ISO 8601 date-time "
        "(YYYY-MM-DDTHH:MM[:SS][±HH:MM]).",
        field="datetime",
    )


def _moment(value: Any, what: str) -> datetime:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    raise InvalidDateError(f"The {what} must be a date or date-time, not {value!r}.", field=what)


def _localize(
    moment: datetime, tz: str | tzinfo | None, profile: ReadingProfile | None
) -> datetime:
    """Apply the module's time-zone rule; offsets are rounded to whole minutes (FC60 has no
    seconds in its zone token, and historical local mean times such as +03:25:44 have them)."""
    zone_setting = tz if tz is not None else (profile.tz if profile is not None else None)
    if zone_setting is not None:
        zone = resolve_timezone(zone_setting)
        try:
            moment = (
                moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)
            )
        except OverflowError:
            raise InvalidDateError(
                "The moment falls outside the years 1–9999 in that time zone.", field="datetime"
            ) from None
    offset = moment.utcoffset()
    if offset is not None and offset % timedelta(minutes=1):
        minutes = round(offset / timedelta(minutes=1))
        moment = moment.replace(tzinfo=timezone(timedelta(minutes=minutes)))
    return moment


# --------------------------------------------------------------------------------------------
# The person a reading is for


@dataclass(frozen=True, slots=True)
class ReadingProfile:
    """The person a reading is made for (a stored oracle profile, reduced to what readings use).

    ``numerology_system``: ``auto`` (Persian/Arabic script → Abjad, else Pythagorean),
    ``pythagorean``, ``chaldean`` or ``abjad``. With Abjad the Persian name is counted when there
    is one. ``tz``: an IANA name, an offset (``+03:30``) or a ``tzinfo``; ``None`` = UTC/the
    request's zone.
    """

    full_name: str
    birth_date: date
    persian_name: str | None = None
    mother_name: str | None = None
    numerology_system: str = "auto"
    tz: str | tzinfo | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.full_name, str) or not self.full_name.strip():
            raise InvalidNameError("The profile needs a name.", field="full_name")
        for field, value in (
            ("persian_name", self.persian_name),
            ("mother_name", self.mother_name),
        ):
            if value is not None and not isinstance(value, str):
                raise InvalidNameError(f"The {field} must be text, not {value!r}.", field=field)
        if isinstance(self.birth_date, datetime):
            object.__setattr__(self, "birth_date", self.birth_date.date())
        if not isinstance(self.birth_date, date):
            raise InvalidDateError(
                f"The birth date must be a date, not {self.birth_date!r}.", field="birth_date"
            )
        system = self.numerology_system
        normalized = system.strip().lower() if isinstance(system, str) else None
        if normalized not in PROFILE_NUMEROLOGY_SYSTEMS:
            raise InvalidNumerologySystemError(
                f"Unknown numerology system {system!r}: use auto, pythagorean, chaldean or abjad."
            )
        object.__setattr__(self, "numerology_system", normalized)
        resolve_timezone(self.tz)  # fail early on an unknown zone

    def name_for_numbers(self) -> str:
        """The name the numerology counts: the Persian name under Abjad (when there is one), and
        under ``auto`` when the full name has no letter its script's system can count."""
        persian = (self.persian_name or "").strip()
        if persian and self.numerology_system == "abjad":
            return self.persian_name  # type: ignore[return-value]
        if (
            persian
            and self.numerology_system == "auto"
            and not has_countable_letter(self.full_name, "auto")
        ):
            return self.persian_name  # type: ignore[return-value]
        return self.full_name


def _person(profile: ReadingProfile) -> dict[str, Any]:
    """The profile's own numbers, for the reading's ``person`` key and interpretation context."""
    born = profile.birth_date
    name = profile.name_for_numbers()
    system = resolve_numerology_system(name, profile.numerology_system)
    stem, branch = ganzhi_year(born.year)
    person = {
        "name": profile.full_name,
        "birth_date": born.isoformat(),
        "numerology_system": system,
        "life_path": life_path(born.year, born.month, born.day),
        "expression": name_to_number(name, system=system),
        "soul_urge": name_soul_urge(name, system=system),
        "personality": name_personality(name, system=system),
        "zodiac": zodiac_of(born.month, born.day)["sign"],
        "element": STEM_ELEMENTS[stem],
        "animal": ANIMAL_NAMES[branch],
    }
    if profile.mother_name and profile.mother_name.strip():
        try:
            person["mother_expression"] = name_to_number(profile.mother_name)
        except InvalidNameError as error:
            raise InvalidNameError(str(error), field="mother_name") from None
    return person


# --------------------------------------------------------------------------------------------
# POST /api/oracle/reading


def compose_time_reading(
    moment: datetime,
    *,
    tz: str | tzinfo | None = None,
    profile: ReadingProfile | None = None,
    generate: TextGenerator | None = None,
) -> dict[str, Any]:
    """The time reading of a moment (V4's ``get_reading``).

    V4 keys: ``fc60, numerology, zodiac, chinese, summary, generated_at``. Added: ``fc60_encoding``
    (the 24-key FC60 record of the local moment with its real, signed UTC offset), ``systems`` and
    ``synchronicities`` (of the ``read_sign`` behind ``summary``), ``best_hours`` (the timing
    advisor's hours of the moment's local day, best first), ``person`` (profile readings only) and
    ``ai_interpretation`` (``{format, text, ai_generated, elapsed_ms, cached}``).

    With a profile, ``life_path`` is the person's, and ``personal_year``/``_month``/``_day`` come
    from the birth date (personal month = personal year + month, personal day = personal month +
    day). Without one they are V4's date-only values (quirk 9, kept).
    """
    local = _localize(_moment(moment, "datetime"), tz, profile)
    year, month, day = local.year, local.month, local.day
    hour, minute = local.hour, local.minute
    encoding = encode_datetime(local)
    stem, branch = ganzhi_year(year)
    year_reduced = numerology_reduce(year)
    balance = dict.fromkeys(("Wood", "Fire", "Earth", "Metal", "Water"), 0.2)
    balance[STEM_ELEMENTS[stem]] = 0.4

    person = _person(profile) if profile is not None else None
    if profile is not None and person is not None:
        born = profile.birth_date
        life_path_number = person["life_path"]
        personal = (
            personal_year(born.month, born.day, year),
            personal_month(born.month, born.day, year, month),
            personal_day(born.month, born.day, year, month, day),
        )
    else:
        life_path_number = life_path(year, month, day)
        personal = (
            personal_year(month, day, year),
            numerology_reduce(month + year_reduced),
            numerology_reduce(day + month + year_reduced),
        )
    zodiac = zodiac_of(month, day)
    clock = f"{hour:02d}:{minute:02d}"
    sign = read_sign(clock, date=f"{year:04d}-{month:02d}-{day:02d}", time_str=clock)

    result: dict[str, Any] = {
        "fc60": {
            "cycle": encoding["jdn"] % 60,
            "element": STEM_ELEMENTS[stem],
            "polarity": STEM_POLARITY[stem],
            "stem": STEM_NAMES[stem],
            "branch": ANIMAL_NAMES[branch],
            "year_number": year_reduced,
            "month_number": numerology_reduce(month),
            "day_number": numerology_reduce(day),
            "energy_level": encoding["moon_illumination"] / 100.0,
            "element_balance": balance,
        },
        "numerology": {
            "life_path": life_path_number,
            "day_vibration": numerology_reduce(day),
            "personal_year": personal[0],
            "personal_month": personal[1],
            "personal_day": personal[2],
            "interpretation": life_path_meaning_text(life_path_number),
        },
        "zodiac": {
            "sign": zodiac["sign"],
            "element": zodiac["element"],
            "ruling_planet": zodiac["ruling_planet"],
        },
        "chinese": {
            "animal": ANIMAL_NAMES[branch],
            "element": STEM_ELEMENTS[stem],
            "yin_yang": STEM_POLARITY[stem],
        },
        "summary": sign["interpretation"],
        "generated_at": local.isoformat(),
        "fc60_encoding": encoding,
        "systems": sign["systems"],
        "synchronicities": sign["synchronicities"],
        "best_hours": get_best_hours(local.date(), local.tzinfo or UTC),
    }
    if person is not None:
        result["person"] = person
    result["ai_interpretation"] = interpret_reading(result, generate=generate)
    return result


# --------------------------------------------------------------------------------------------
# POST /api/oracle/question


def _answer(sign_number: int) -> str:
    if sign_number in (11, 22, 33):
        return "maybe"
    return "yes" if sign_number % 2 else "no"


def compose_question(
    question: str,
    moment: datetime,
    *,
    tz: str | tzinfo | None = None,
    profile: ReadingProfile | None = None,
    generate: TextGenerator | None = None,
) -> dict[str, Any]:
    """A yes/no/maybe question asked at ``moment`` (V4's ``get_question_sign``).

    V4 keys: ``question, answer, sign_number, interpretation, confidence``. The sign number is the
    first number of the question reduced with the one master-keeping rule (``22`` stays
    22 → ``maybe``), else the reduced count of its letters, else 7. ``interpretation`` names the
    real FC60 code and the moon (V4's had neither). Added: ``moment`` (local ISO date-time),
    ``sign_meaning``, ``fc60`` (``{code, meaning}``), ``moon``, ``advice``, ``fc60_encoding``,
    ``timing`` (the timing advisor's quality of the moment asked), ``person`` (profile readings)
    and ``ai_interpretation``.
    """
    if not isinstance(question, str):
        raise UnparseableInputError(
            f"The question must be text, not {question!r}.", field="question"
        )
    local = _localize(_moment(moment, "moment"), tz, profile)
    reading = question_sign(question, local)
    reduced = (reading["numerology"] or {}).get("reduced") or []
    if reduced:
        sign_number = reduced[0]
    else:
        letters = sum(1 for char in question if char.isalpha())
        sign_number = numerology_reduce(letters) if letters else 7
    result: dict[str, Any] = {
        "question": question,
        "answer": _answer(sign_number),
        "sign_number": sign_number,
        "interpretation": reading["reading"] or reading["advice"],
        "confidence": 0.7 if (reading["numerology"] or {}).get("meanings") else 0.5,
        "moment": local.isoformat(),
        "sign_meaning": tr(NUMBER_MEANINGS[sign_number]) if sign_number in NUMBER_MEANINGS else "",
        "fc60": {"code": reading["fc60"]["code"], "meaning": reading["fc60"]["meaning"]},
        "moon": reading["moon"],
        "advice": reading["advice"],
        "fc60_encoding": reading["fc60"]["raw"],  # the one stamp `fc60.code` and the text name
        "timing": get_current_quality(local),
    }
    if profile is not None:
        result["person"] = _person(profile)
    result["ai_interpretation"] = interpret_question(result, generate=generate)
    return result


# --------------------------------------------------------------------------------------------
# POST /api/oracle/name


def _letter_element(value: int) -> str:
    return ELEMENT_CYCLE[(numerology_reduce(value) - 1) % 5] if value > 0 else ""


def compose_name(
    name: str,
    *,
    profile: ReadingProfile | None = None,
    system: str | None = None,
    generate: TextGenerator | None = None,
) -> dict[str, Any]:
    """The numerology of a name (V4's ``get_name_reading``).

    V4 keys: ``name, destiny_number, soul_urge, personality, letters, interpretation``. The letter
    system is ``system``, else the profile's, else automatic — so a Persian name is counted in
    Abjad (V4 gave it zeros). A letter's element is ``ELEMENT_CYCLE`` of its value reduced to one
    digit (identical to V4 for Pythagorean values 1–9). When the name is the profile's own, the
    reading adds the birthday (life path, zodiac) and the mother's name, as V4's ``read_name``
    could. Added: ``numerology_system``, ``chaldean``, ``life_path``, ``person`` (profile
    readings) and ``ai_interpretation``. A blank name gives V4's empty reading.
    """
    if not isinstance(name, str):
        raise InvalidNameError(f"The name must be text, not {name!r}.")
    chosen = system or (profile.numerology_system if profile is not None else "auto")
    own_name = profile is not None and name.strip() in (
        profile.full_name.strip(),
        (profile.persian_name or "").strip(),
    )
    reading = read_name(
        name,
        birthday=profile.birth_date.isoformat() if own_name and profile else None,
        mother_name=profile.mother_name if own_name and profile else None,
        system=chosen,
    )
    used = reading.get("numerology_system") or resolve_numerology_system(name or "x", chosen)
    letters = []
    if name.strip():
        for char in name.upper():
            if char.isalpha():
                value = letter_value(char, used)
                letters.append({"letter": char, "value": value, "element": _letter_element(value)})
    result: dict[str, Any] = {
        "name": name,
        "destiny_number": reading["expression"],
        "soul_urge": reading["soul_urge"],
        "personality": reading["personality"],
        "letters": letters,
        "interpretation": reading["interpretation"],
        "numerology_system": used,
        "chaldean": reading["chaldean"],
        "life_path": reading["life_path"],
    }
    if reading.get("birthday_zodiac"):
        result["birthday_zodiac"] = reading["birthday_zodiac"]
    if profile is not None:
        result["person"] = _person(profile)
    result["ai_interpretation"] = interpret_name(result, generate=generate)
    return result


# --------------------------------------------------------------------------------------------
# GET /api/oracle/daily


def compose_daily(
    day: date | datetime,
    *,
    tz: str | tzinfo | None = None,
    profile: ReadingProfile | None = None,
    generate: TextGenerator | None = None,
) -> dict[str, Any]:
    """The insight of one day (V4's ``get_daily_insight``).

    ``day`` is a date, or a date-time whose local date (after the time-zone rule of this module)
    is used. V4 keys: ``date, insight, lucky_numbers`` (strings), ``optimal_activity``; the insight
    names the day's real FC60 code and moon (V4's had neither). Added: ``day_number``, ``quality``,
    ``fc60`` (``{code, meaning}``), ``moon``, ``fc60_encoding`` (date only), ``best_hours`` (the
    timing advisor's 24 hours of the local day, best first), and for a profile ``personal``
    (personal year/month/day from the birth date) and ``person``; then ``ai_interpretation``.
    """
    if isinstance(day, datetime):
        day = _localize(day, tz, profile).date()
    elif not isinstance(day, date):
        raise InvalidDateError(f"The date must be a date, not {day!r}.", field="date")
    zone_setting = tz if tz is not None else (profile.tz if profile is not None else None)
    zone = resolve_timezone(zone_setting) if zone_setting is not None else UTC
    insight = daily_insight(day)
    day_number = numerology_reduce(int(f"{day.year:04d}{day.month:02d}{day.day:02d}"))
    result: dict[str, Any] = {
        "date": insight["date"],
        "insight": insight["insight"],
        "lucky_numbers": [str(number) for number in insight["lucky_numbers"]],
        "optimal_activity": insight["energy"],
        "day_number": day_number,
        "quality": DAILY_ENERGIES.get(day_number, ("Unique energy", "Exploration"))[1],
        "fc60": insight["fc60"],
        "moon": insight["moon"],
        "fc60_encoding": encode_datetime(
            datetime(day.year, day.month, day.day), include_time=False
        ),
        "best_hours": get_best_hours(day, zone),
    }
    if profile is not None:
        born = profile.birth_date
        result["personal"] = {
            "personal_year": personal_year(born.month, born.day, day.year),
            "personal_month": personal_month(born.month, born.day, day.year, day.month),
            "personal_day": personal_day(born.month, born.day, day.year, day.month, day.day),
        }
        result["person"] = _person(profile)
    result["ai_interpretation"] = interpret_daily(result, generate=generate)
    return result


# --------------------------------------------------------------------------------------------
# POST /api/oracle/reading/multi-user

_PROFILE_KEYS = (
    "name",
    "element",
    "animal",
    "polarity",
    "life_path",
    "destiny_number",
    "stem",
    "branch",
    "birth_year",
    "birth_month",
    "birth_day",
    "fc60_sign",
    "name_energy",
)


def profile_user(profile: ReadingProfile) -> dict[str, Any]:
    """A profile as a multi-user ``users`` entry (name counted in the profile's system)."""
    born = profile.birth_date
    return {
        "name": profile.name_for_numbers(),
        "birth_year": born.year,
        "birth_month": born.month,
        "birth_day": born.day,
        "numerology_system": profile.numerology_system,
    }


def compose_multi_user(
    users: Sequence[Mapping[str, Any] | ReadingProfile],
    *,
    primary_user_index: int = 0,
    include_interpretation: bool = True,
    generate: TextGenerator | None = None,
) -> dict[str, Any]:
    """A group reading of 2–10 people (V4's ``get_multi_user_reading``, without ``reading_id``).

    ``users`` are V4's dicts (``name, birth_year, birth_month, birth_day``, optional
    ``numerology_system``; other keys such as ``user_id`` are ignored) or :class:`ReadingProfile`s.
    Keys: V4's ``analyze`` result with every profile in the response model's key order, its
    ``polarity``, ``stem`` and ``branch`` filled with the birth year's stem polarity, stem name and
    animal (V4 left them ``""``), and ``ai_interpretation`` (:func:`interpret_group`, or None when
    not asked for).
    """
    if isinstance(users, list | tuple):
        users = [profile_user(user) if isinstance(user, ReadingProfile) else user for user in users]
    result = analyze(users)  # type: ignore[arg-type]
    count = result["user_count"]
    if (
        isinstance(primary_user_index, bool)
        or not isinstance(primary_user_index, int)
        or not 0 <= primary_user_index < count
    ):
        raise InvalidGroupError(
            f"primary_user_index must be between 0 and {count - 1}", field="primary_user_index"
        )
    profiles = []
    for profile in result["profiles"]:
        stem, branch = ganzhi_year(profile["birth_year"])
        filled = {
            **profile,
            "polarity": STEM_POLARITY[stem],
            "stem": STEM_NAMES[stem],
            "branch": ANIMAL_NAMES[branch],
        }
        profiles.append({key: filled[key] for key in _PROFILE_KEYS})
    result["profiles"] = profiles
    result["ai_interpretation"] = (
        interpret_group(result, generate=generate) if include_interpretation else None
    )
    return result


# --------------------------------------------------------------------------------------------
# FC60 stamps


def validate_stamp(stamp: str) -> dict[str, Any]:
    """``POST /api/oracle/validate-stamp``: an FC60 stamp read back into the moment it names.

    A stamp carries no year, so ``date`` is ISO 8601's year-less ``--MM-DD``; ``time`` is
    ``HH:MM:SS`` when the stamp has a time part, else None; ``decoded`` holds the parts
    (weekday, month, day, hour, minute, second). A malformed stamp raises
    :class:`~oracle.engines.errors.UnparseableInputError` naming ``stamp``.
    """
    text = stamp.strip()
    parts = decode_stamp(text)
    has_time = "hour" in parts
    return {
        "valid": True,
        "stamp": text,
        "weekday": parts["weekday_name"],
        "date": f"--{parts['month']:02d}-{parts['day']:02d}",
        "time": (
            f"{parts['hour']:02d}:{parts['minute']:02d}:{parts['second']:02d}" if has_time else None
        ),
        "has_time": has_time,
        "decoded": parts,
    }
