"""FC60 ("FrankenChron-60"): the base-60 animal/element alphabet and the stamps written with it.

Every integer 0–59 is a 4-letter token (animal + element); dates and times become stamps built from
those tokens. Values match NPS V4 token for token so readings can be compared with
V4 value for value. These V4 defects are fixed:

* impossible dates, clock values outside 0–23/0–59 and zones outside −12:00…+14:00 raise an
  `EngineError` subclass with a message saying what is allowed (V4 silently rolled Feb 30 over);
* nothing reads the clock: "now" is always passed in by the caller.

Pure Python: no Django, no I/O, no mutable module state. Tables are built once at import.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import Any, Final

from .errors import (
    InvalidDateError,
    InvalidNumberError,
    InvalidTimeError,
    InvalidTimezoneError,
    UnparseableInputError,
    require_int,
)
from .i18n import tr, trf

__all__ = [
    "ANIMALS",
    "ANIMAL_CHINESE",
    "ANIMAL_ESSENCE",
    "ANIMAL_NAMES",
    "ANIMAL_POWER",
    "ELEMENTS",
    "ELEMENT_CHINESE",
    "ELEMENT_FORCE",
    "ELEMENT_MEANING",
    "ELEMENT_NAMES",
    "MAX_OFFSET_MINUTES",
    "MAX_YEAR",
    "MIN_OFFSET_MINUTES",
    "MIN_YEAR",
    "MOON_BOUNDARIES",
    "MOON_PHASES",
    "MOON_PHASE_BEST_FOR",
    "MOON_PHASE_CODES",
    "MOON_PHASE_ENERGY",
    "MOON_PHASE_MEANINGS",
    "MOON_PHASE_NAMES",
    "MOON_REF_JDN",
    "STEMS",
    "STEM_CHINESE",
    "STEM_ELEMENTS",
    "STEM_NAMES",
    "STEM_POLARITY",
    "SYNODIC_MONTH",
    "TIME_CONTEXTS",
    "TOKENS60",
    "WEEKDAYS",
    "WEEKDAY_DOMAINS",
    "WEEKDAY_NAMES",
    "WEEKDAY_PLANETS",
    "days_in_month",
    "decode_stamp",
    "digit60",
    "encode_base60",
    "encode_datetime",
    "encode_fc60",
    "ganzhi_day",
    "ganzhi_hour",
    "ganzhi_year",
    "ganzhi_year_name",
    "is_leap_year",
    "julian_day_number",
    "moon_illumination",
    "moon_phase",
    "to_base60",
    "token60",
    "tz_offset_minutes",
    "validate_date",
    "validate_time",
]

# ---------------------------------------------------------------------------------------------
# Tables. Tuples and read-only mappings: shared, never mutated.
# ---------------------------------------------------------------------------------------------

ANIMALS: Final = ("RA", "OX", "TI", "RU", "DR", "SN", "HO", "GO", "MO", "RO", "DO", "PI")
ANIMAL_NAMES: Final = (
    "Rat",
    "Ox",
    "Tiger",
    "Rabbit",
    "Dragon",
    "Snake",
    "Horse",
    "Goat",
    "Monkey",
    "Rooster",
    "Dog",
    "Pig",
)
ANIMAL_CHINESE: Final = (
    "子 Zǐ",
    "丑 Chǒu",
    "寅 Yín",
    "卯 Mǎo",
    "辰 Chén",
    "巳 Sì",
    "午 Wǔ",
    "未 Wèi",
    "申 Shēn",
    "酉 Yǒu",
    "戌 Xū",
    "亥 Hài",
)
ANIMAL_POWER: Final = (
    "Instinct",
    "Endurance",
    "Courage",
    "Intuition",
    "Destiny",
    "Wisdom",
    "Freedom",
    "Vision",
    "Adaptability",
    "Truth",
    "Loyalty",
    "Abundance",
)
ANIMAL_ESSENCE: Final = (
    "Resourcefulness, new beginnings, sharp perception",
    "Patience, commitment, steady progress",
    "Power, bold action, leadership",
    "Diplomacy, gentle wisdom, sensitivity",
    "Transformation, ambition, greatness",
    "Shedding the old, precision, depth",
    "Movement, passionate energy, independence",
    "Creativity, harmony, artistic expression",
    "Cleverness, problem-solving, flexibility",
    "Confidence, discipline, honesty",
    "Protection, honest companionship, faithfulness",
    "Generosity, completion, prosperity",
)

ELEMENTS: Final = ("WU", "FI", "ER", "MT", "WA")
ELEMENT_NAMES: Final = ("Wood", "Fire", "Earth", "Metal", "Water")
ELEMENT_CHINESE: Final = ("木 Mù", "火 Huǒ", "土 Tǔ", "金 Jīn", "水 Shuǐ")
ELEMENT_FORCE: Final = ("Growth", "Transformation", "Grounding", "Refinement", "Depth")
ELEMENT_MEANING: Final = (
    "New beginnings, flexibility, expansion",
    "Passion, illumination, change",
    "Stability, foundation, centering",
    "Precision, structure, cutting away excess",
    "Flow, emotion, hidden truths",
)

WEEKDAYS: Final = ("SO", "LU", "MA", "ME", "JO", "VE", "SA")
WEEKDAY_NAMES: Final = (
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
)
WEEKDAY_PLANETS: Final = (
    "Sun ☉",
    "Moon ☽",
    "Mars ♂",
    "Mercury ☿",
    "Jupiter ♃",
    "Venus ♀",
    "Saturn ♄",
)
WEEKDAY_DOMAINS: Final = (
    "Identity, vitality, core self",
    "Emotions, intuition, inner world",
    "Drive, action, courage",
    "Communication, thought, connection",
    "Expansion, wisdom, abundance",
    "Love, values, beauty",
    "Discipline, lessons, mastery",
)

STEMS: Final = ("JA", "YI", "BI", "DI", "WW", "JI", "GE", "XI", "RE", "GU")
STEM_NAMES: Final = ("Jiǎ", "Yǐ", "Bǐng", "Dīng", "Wù", "Jǐ", "Gēng", "Xīn", "Rén", "Guǐ")
STEM_CHINESE: Final = ("甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸")
STEM_ELEMENTS: Final = (
    "Wood",
    "Wood",
    "Fire",
    "Fire",
    "Earth",
    "Earth",
    "Metal",
    "Metal",
    "Water",
    "Water",
)
STEM_POLARITY: Final = ("Yang", "Yin", "Yang", "Yin", "Yang", "Yin", "Yang", "Yin", "Yang", "Yin")

SYNODIC_MONTH: Final = 29.530588853
MOON_REF_JDN: Final = 2451550.1
MOON_BOUNDARIES: Final = (1.85, 7.38, 11.07, 14.77, 16.61, 22.14, 25.83, 29.53)
MOON_PHASES: Final = ("🌑", "🌒", "🌓", "🌔", "🌕", "🌖", "🌗", "🌘")
MOON_PHASE_NAMES: Final = (
    "New Moon",
    "Waxing Crescent",
    "First Quarter",
    "Waxing Gibbous",
    "Full Moon",
    "Waning Gibbous",
    "Last Quarter",
    "Waning Crescent",
)
MOON_PHASE_MEANINGS: Final = (
    "New beginnings, planting seeds",
    "Setting intentions, building",
    "Challenges, decisions, action",
    "Refinement, patience, almost there",
    "Culmination, illumination, release",
    "Gratitude, sharing, distribution",
    "Letting go, forgiveness, release",
    "Rest, reflection, preparation",
)
MOON_PHASE_ENERGY: Final = (
    "Seed",
    "Build",
    "Challenge",
    "Refine",
    "Culminate",
    "Share",
    "Release",
    "Rest",
)
MOON_PHASE_BEST_FOR: Final = (
    "Setting intentions, starting projects",
    "Taking first steps, gathering resources",
    "Making decisions, overcoming obstacles",
    "Editing, perfecting, patience",
    "Celebrating, releasing, clarity",
    "Teaching, distributing, gratitude",
    "Letting go, forgiving, cleaning",
    "Reflection, preparation, dreaming",
)
#: The 4-letter phase codes the oracle reading shows in place of the emoji (T5, last column).
MOON_PHASE_CODES: Final = ("New", "WxCr", "1stQ", "WxGb", "Full", "WnGb", "3rdQ", "WnCr")

#: Time-of-day context (T6): (start hour inclusive, end hour exclusive, text).
TIME_CONTEXTS: Final = (
    (0, 5, "The hour of silence — deep night, when the subconscious surfaces"),
    (5, 8, "The early hours — raw potential, day not yet shaped"),
    (8, 12, "Morning engine — clarity peaks, resistance lowest"),
    (12, 15, "Midday checkpoint — momentum building or fading"),
    (15, 18, "Afternoon shift — results arriving, time to adjust"),
    (18, 21, "Evening transition — processing begins"),
    (21, 24, "Night hours — masks off, real questions surface"),
)

#: All 60 tokens, index = value: built once so encoding is a tuple lookup.
TOKENS60: Final = tuple(animal + element for animal in ANIMALS for element in ELEMENTS)
_TOKEN_VALUES: Final[Mapping[str, int]] = MappingProxyType(
    {token: value for value, token in enumerate(TOKENS60)}
)
_ANIMAL_INDEX: Final[Mapping[str, int]] = MappingProxyType(
    {token: index for index, token in enumerate(ANIMALS)}
)
_WEEKDAY_INDEX: Final[Mapping[str, int]] = MappingProxyType(
    {token: index for index, token in enumerate(WEEKDAYS)}
)

MIN_YEAR: Final = 1
MAX_YEAR: Final = 9999
MIN_OFFSET_MINUTES: Final = -12 * 60
MAX_OFFSET_MINUTES: Final = 14 * 60

_SUN: Final = "☀"
_MOON: Final = "🌙"
_JDN_UNIX_EPOCH: Final = 2440588
_MONTH_NAMES: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH_DAYS: Final = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

# ---------------------------------------------------------------------------------------------
# Validation — shared by every public entry point so errors read the same everywhere.
# ---------------------------------------------------------------------------------------------


def is_leap_year(year: int) -> bool:
    """Gregorian leap-year rule (proleptic, as the JDN formula assumes)."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    """Length of a month in the proleptic Gregorian calendar."""
    if month == 2 and is_leap_year(year):
        return 29
    return _MONTH_DAYS[month - 1]


def validate_date(year: int, month: int, day: int) -> None:
    """Raise `InvalidDateError` unless year-month-day is a real date in years 1–9999.

    V4 accepted 2026-02-30 and silently encoded the JDN of March 2; here it is refused.
    """
    require_int(year, "year", InvalidDateError)
    require_int(month, "month", InvalidDateError)
    require_int(day, "day", InvalidDateError)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidDateError(
            f"Year {year} is not supported: use a year from {MIN_YEAR} to {MAX_YEAR}."
        )
    if not 1 <= month <= 12:
        raise InvalidDateError(f"Month {month} does not exist: use a month from 1 to 12.")
    last = days_in_month(year, month)
    if not 1 <= day <= last:
        raise InvalidDateError(
            f"{year:04d}-{month:02d}-{day:02d} is not a real date: "
            f"{_MONTH_NAMES[month - 1]} {year} has days 1 to {last}."
        )


def validate_time(hour: int, minute: int, second: int = 0) -> None:
    """Raise `InvalidTimeError` unless the clock reading is within 00:00:00–23:59:59."""
    require_int(hour, "hour", InvalidTimeError)
    require_int(minute, "minute", InvalidTimeError)
    require_int(second, "second", InvalidTimeError)
    if not 0 <= hour <= 23:
        raise InvalidTimeError(f"Hour {hour} is not on the clock: use an hour from 0 to 23.")
    if not 0 <= minute <= 59:
        raise InvalidTimeError(f"Minute {minute} is not on the clock: use a minute from 0 to 59.")
    if not 0 <= second <= 59:
        raise InvalidTimeError(f"Second {second} is not on the clock: use a second from 0 to 59.")


def _format_offset(offset_minutes: int) -> str:
    sign = "+" if offset_minutes >= 0 else "-"
    hours, minutes = divmod(abs(offset_minutes), 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


def _check_offset_range(offset_minutes: int) -> int:
    if not MIN_OFFSET_MINUTES <= offset_minutes <= MAX_OFFSET_MINUTES:
        raise InvalidTimezoneError(
            f"UTC offset {_format_offset(offset_minutes)} does not exist: "
            "use an offset from -12:00 to +14:00."
        )
    return offset_minutes


def tz_offset_minutes(tz_hours: int, tz_minutes: int = 0) -> int:
    """Signed UTC offset in minutes for V4's (tz_hours, tz_minutes) pair, validated.

    The minutes always count in the direction of the hours: (−5, 30) and (−5, −30) both mean
    −05:30, which is what `iso` and `tz60` print (V4 computed `unix` from (−5, +30) as −04:30,
    an hour off). For a zone under one hour west, pass (0, −30).
    """
    require_int(tz_hours, "UTC offset hours", InvalidTimezoneError)
    require_int(tz_minutes, "UTC offset minutes", InvalidTimezoneError)
    if not -12 <= tz_hours <= 14:
        raise InvalidTimezoneError(
            f"UTC offset hours {tz_hours:+d} do not exist: use hours from -12 to +14."
        )
    if not -59 <= tz_minutes <= 59:
        raise InvalidTimezoneError(
            f"UTC offset minutes {abs(tz_minutes)} are not valid: use minutes from 0 to 59."
        )
    if tz_hours > 0 and tz_minutes < 0:
        raise InvalidTimezoneError(
            f"UTC offset ({tz_hours}, {tz_minutes}) mixes signs: write +05:30 as (5, 30) "
            "and -05:30 as (-5, -30)."
        )
    sign = -1 if tz_hours < 0 or tz_minutes < 0 else 1
    return _check_offset_range(sign * (abs(tz_hours) * 60 + abs(tz_minutes)))


# ---------------------------------------------------------------------------------------------
# Base-60 primitives
# ---------------------------------------------------------------------------------------------


def token60(n: int | float | str) -> str:
    """Token of `n mod 60`; floats truncate toward zero first and negatives wrap (−1 → PIWA)."""
    try:
        value = int(n)
    except (TypeError, ValueError, OverflowError) as exc:
        raise InvalidNumberError(f"{n!r} is not a whole number, so it has no FC60 token.") from exc
    return TOKENS60[value % 60]


def digit60(tok: str) -> int:
    """Value 0–59 of a 4-letter token, any letter case (`rafi` → 1)."""
    value = _TOKEN_VALUES.get(tok.upper()) if isinstance(tok, str) else None
    if value is None:
        raise UnparseableInputError(
            f"{tok!r} is not an FC60 token: a token is an animal (RA OX TI RU DR SN HO GO MO RO "
            "DO PI) followed by an element (WU FI ER MT WA), for example RAFI."
        )
    return value


def to_base60(n: int) -> list[int]:
    """Base-60 digits of a non-negative integer, most significant first (0 → [0])."""
    require_int(n, "number", InvalidNumberError)
    if n < 0:
        raise InvalidNumberError(f"{n} is negative: base-60 digits exist only for 0 and up.")
    if n == 0:
        return [0]
    digits: list[int] = []
    while n:
        n, digit = divmod(n, 60)
        digits.append(digit)
    digits.reverse()
    return digits


def encode_base60(n: int) -> str:
    """Token string of an integer: 60 → `RAFI-RAWU`, −61 → `NEG-RAFI-RAFI`."""
    require_int(n, "number", InvalidNumberError)
    if n < 0:
        return "NEG-" + encode_base60(-n)
    if n < 60:
        return TOKENS60[n]
    return "-".join([TOKENS60[digit] for digit in to_base60(n)])


# ---------------------------------------------------------------------------------------------
# Calendar
# ---------------------------------------------------------------------------------------------


def julian_day_number(year: int, month: int, day: int) -> int:
    """Julian Day Number (2000-01-01 → 2451545): Fliegel–Van Flandern with floor division;
    callers validate the date first."""
    a = (14 - month) // 12
    y2 = year + 4800 - a
    m2 = month + 12 * a - 3
    return day + (153 * m2 + 2) // 5 + 365 * y2 + y2 // 4 - y2 // 100 + y2 // 400 - 32045


# ---------------------------------------------------------------------------------------------
# Timezone token
# ---------------------------------------------------------------------------------------------


def _tz60(offset_minutes: int) -> str:
    if offset_minutes == 0:
        return "Z"
    sign = "+" if offset_minutes > 0 else "-"
    hours, minutes = divmod(abs(offset_minutes), 60)
    return f"{sign}{TOKENS60[hours]}-{TOKENS60[minutes]}"


# ---------------------------------------------------------------------------------------------
# Moon, Gānzhī, checksum
# ---------------------------------------------------------------------------------------------


def moon_phase(jdn: int | float) -> tuple[int, float]:
    """(phase index 0–7, age in days) for a date's JDN; same for every time on that date."""
    age = (jdn - MOON_REF_JDN) % SYNODIC_MONTH
    for index, bound in enumerate(MOON_BOUNDARIES):
        if age < bound:
            return index, age
    return 7, age


def moon_illumination(age: float) -> float:
    """Illuminated fraction in percent for a moon age in days."""
    return 50.0 * (1.0 - math.cos(2.0 * math.pi * age / SYNODIC_MONTH))


def ganzhi_year(year: int) -> tuple[int, int]:
    """(stem index, branch index) of a Gregorian year; no Chinese-New-Year shift (as V4)."""
    return (year - 4) % 10, (year - 4) % 12


def ganzhi_year_name(year: int) -> str:
    """Readable year pillar, e.g. 2026 → `丙午 Fire Horse`."""
    stem, branch = ganzhi_year(year)
    return f"{STEM_CHINESE[stem]}{ANIMAL_CHINESE[branch].split()[0]} " + element_animal(
        STEM_ELEMENTS[stem], ANIMAL_NAMES[branch]
    )


def element_animal(element: str, animal: str) -> str:
    """``Fire Horse`` in the current language (``اسب آتش`` in Persian)."""
    return trf("{element} {animal}", element=tr(element), animal=tr(animal))


def ganzhi_day(jdn: int) -> tuple[int, int]:
    """(stem index, branch index) of the day pillar."""
    g = (jdn + 49) % 60
    return g % 10, g % 12


def ganzhi_hour(hour: int, day_stem: int) -> tuple[int, int]:
    """(stem index, branch index) of the hour pillar; the stem follows the **day** stem."""
    branch = ((hour + 1) // 2) % 12
    return (day_stem * 2 + branch) % 10, branch


def _checksum(
    year: int,
    month: int,
    day: int,
    hour: int,
    minute: int,
    second: int,
    jdn: int,
    include_time: bool,
) -> str:
    total = (year % 60) + 2 * month + 3 * day + 7 * (jdn % 60)
    if include_time:
        total += 4 * hour + 5 * minute + 6 * second
    return TOKENS60[total % 60]


# ---------------------------------------------------------------------------------------------
# encode_fc60
# ---------------------------------------------------------------------------------------------


def _encode(
    year: int,
    month: int,
    day: int,
    hour: int,
    minute: int,
    second: int,
    offset: int,
    include_time: bool,
) -> dict[str, Any]:
    """The 24-key FC60 record of already validated values; `offset` in minutes east of UTC."""
    jdn = julian_day_number(year, month, day)
    weekday = (jdn + 1) % 7
    stamp = f"{WEEKDAYS[weekday]}-{ANIMALS[month - 1]}-{TOKENS60[day]}"
    if include_time:
        half = _SUN if hour < 12 else _MOON
        stamp += f" {half}{ANIMALS[hour % 12]}-{TOKENS60[minute]}-{TOKENS60[second]}"
        iso = (
            f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}"
            f"{_format_offset(offset)}"
        )
        unix = (jdn - _JDN_UNIX_EPOCH) * 86400 + hour * 3600 + minute * 60 + second - offset * 60
    else:
        iso = f"{year:04d}-{month:02d}-{day:02d}"
        unix = (jdn - _JDN_UNIX_EPOCH) * 86400
    phase, age = moon_phase(jdn)
    stem, branch = (year - 4) % 10, (year - 4) % 12
    return {
        "stamp": stamp,
        "iso": iso,
        "tz60": _tz60(offset),
        "y60": encode_base60(year),
        "y2k": TOKENS60[(year - 2000) % 60],
        "j60": encode_base60(jdn),
        "jdn": jdn,
        "mjd60": encode_base60(jdn - 2400001),
        "rd60": encode_base60(jdn - 1721425),
        "u60": encode_base60(unix),
        "unix": unix,
        "moon_phase_idx": phase,
        "moon_phase": MOON_PHASES[phase],
        "moon_name": MOON_PHASE_NAMES[phase],
        "moon_age": age,
        "moon_illumination": moon_illumination(age),
        "moon_meaning": tr(MOON_PHASE_MEANINGS[phase]),
        "gz_token": f"{STEMS[stem]}-{ANIMALS[branch]}",
        "gz_name": ganzhi_year_name(year),
        "chk": _checksum(year, month, day, hour, minute, second, jdn, include_time),
        "weekday_idx": weekday,
        "weekday_name": WEEKDAY_NAMES[weekday],
        "weekday_planet": WEEKDAY_PLANETS[weekday],
        "weekday_domain": tr(WEEKDAY_DOMAINS[weekday]),
    }


def encode_fc60(
    year: int,
    month: int,
    day: int,
    hour: int = 0,
    minute: int = 0,
    second: int = 0,
    tz_hours: int = 0,
    tz_minutes: int = 0,
    include_time: bool = True,
) -> dict[str, Any]:
    """Full FC60 record (24 keys, V4's order) of a local date/time at a UTC offset.

    The date, clock and zone are validated (V4 validated nothing). The JDN is always that of the
    local calendar date given; `unix` subtracts the offset. Date-only records ignore the zone in
    `unix` but still carry `tz60`, as V4 did.
    """
    validate_date(year, month, day)
    validate_time(hour, minute, second)
    offset = tz_offset_minutes(tz_hours, tz_minutes)
    return _encode(year, month, day, hour, minute, second, offset, bool(include_time))


def _utc_offset_of(moment: datetime) -> int:
    delta = moment.utcoffset()
    if delta is None:
        return 0
    if delta % timedelta(minutes=1):
        raise InvalidTimezoneError(
            "UTC offsets with seconds cannot be encoded: use a whole-minute offset."
        )
    return _check_offset_range(delta // timedelta(minutes=1))


def encode_datetime(moment: datetime, *, include_time: bool = True) -> dict[str, Any]:
    """`encode_fc60` of a `datetime` in its own zone (a naive value is taken as UTC)."""
    if not isinstance(moment, datetime):
        raise InvalidDateError(f"Expected a date and time, not {moment!r}.")
    offset = _utc_offset_of(moment)
    return _encode(
        moment.year,
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second,
        offset,
        include_time,
    )


# ---------------------------------------------------------------------------------------------
# Stamp decoding (V4-later's `decode_stamp`): a stamp carries no year, so this gives its fields.
# ---------------------------------------------------------------------------------------------

_STAMP_RE: Final = re.compile(
    r"([A-Za-z]{2})-([A-Za-z]{2})-([A-Za-z]{4})"
    r"(?: ([☀🌙])([A-Za-z]{2})-([A-Za-z]{4})-([A-Za-z]{4}))?"
)


def decode_stamp(stamp: str) -> dict[str, Any]:
    """Fields of an FC60 stamp: weekday, month, day and, when present, hour, minute, second."""
    match = _STAMP_RE.fullmatch(stamp.strip()) if isinstance(stamp, str) else None
    if match is None:
        raise UnparseableInputError(
            f"{stamp!r} is not an FC60 stamp such as 'VE-OX-OXFI ☀OX-RUWU-RAWU'.", field="stamp"
        )
    weekday_tok, month_tok, day_tok, half, hour_tok, minute_tok, second_tok = match.groups()
    weekday = _WEEKDAY_INDEX.get(weekday_tok.upper())
    month = _ANIMAL_INDEX.get(month_tok.upper())
    day = _TOKEN_VALUES.get(day_tok.upper())
    if weekday is None or month is None or day is None or not 1 <= day <= 31:
        raise UnparseableInputError(
            f"{stamp!r} is not an FC60 stamp: it must start with a weekday (SO LU MA ME JO VE "
            "SA), a month animal and a day token from RAFI (1) to TIFI (31).",
            field="stamp",
        )
    if day > days_in_month(2000, month + 1):  # a leap year: the stamp carries no year
        raise UnparseableInputError(
            f"{stamp!r} names day {day} of month {month + 1}, which no year has.", field="stamp"
        )
    fields: dict[str, Any] = {
        "weekday_idx": weekday,
        "weekday_name": WEEKDAY_NAMES[weekday],
        "month": month + 1,
        "day": day,
    }
    if half is not None:
        hour = _ANIMAL_INDEX.get(hour_tok.upper())
        if hour is None:
            raise UnparseableInputError(
                f"{hour_tok!r} in {stamp!r} is not an hour animal.", field="stamp"
            )
        fields["hour"] = hour + (12 if half == _MOON else 0)
        try:
            fields["minute"] = digit60(minute_tok)
            fields["second"] = digit60(second_tok)
        except UnparseableInputError as exc:
            raise UnparseableInputError(f"In {stamp!r}: {exc}", field="stamp") from None
    return fields
