"""FC60 ("FrankenChron-60"): the base-60 animal/element alphabet and the stamps written with it.

Every integer 0–59 is a 4-letter token (animal + element); dates and times become stamps built from
those tokens (engines.md §1). Values match NPS V4 token for token so readings can be compared with
V4 value for value. V4's defects that DECISIONS §2 asks to fix are fixed here:

* impossible dates, clock values outside 0–23/0–59 and zones outside −12:00…+14:00 raise an
  `EngineError` subclass with a message saying what is allowed (V4 silently rolled Feb 30 over);
* `parse_input` decodes token strings that contain `T` and reads `-05:30` as minus five and a half
  hours (V4 took such tokens for ISO dates and read −05:30 as −04:30);
* nothing reads the clock: "now" is always passed in by the caller.

Pure Python: no Django, no I/O, no mutable module state. Tables are built once at import.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta, timezone
from types import MappingProxyType
from typing import Any, Final

from .errors import (
    InvalidDateError,
    InvalidNumberError,
    InvalidTimeError,
    InvalidTimezoneError,
    UnparseableInputError,
)

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
    "compute_jdn",
    "days_in_month",
    "decode_base60",
    "decode_stamp",
    "detect_animal_repetitions",
    "digit60",
    "encode_base60",
    "encode_datetime",
    "encode_fc60",
    "encode_tz",
    "format_compact_output",
    "format_full_output",
    "from_base60",
    "ganzhi_day",
    "ganzhi_hour",
    "ganzhi_year",
    "ganzhi_year_name",
    "ganzhi_year_tokens",
    "generate_symbolic_reading",
    "get_time_context",
    "is_leap_year",
    "jdn_to_gregorian",
    "moon_illumination",
    "moon_phase",
    "offset_to_tz",
    "parse_input",
    "self_test",
    "to_base60",
    "token60",
    "tz_offset_minutes",
    "validate_date",
    "validate_time",
    "weekday_from_jdn",
    "weekday_token",
    "weighted_check",
]

# ---------------------------------------------------------------------------------------------
# Tables (engines.md §9, T1–T6). Tuples and read-only mappings: shared, never mutated.
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


def _require_int(value: object, what: str, error: type[Exception]) -> int:
    """Accept real integers only: a float day or a string hour is a caller bug worth naming."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise error(f"The {what} must be a whole number, not {value!r}.")
    return value


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

    V4 accepted 2026-02-30 and silently encoded the JDN of March 2 (engines.md §11 item 15).
    """
    _require_int(year, "year", InvalidDateError)
    _require_int(month, "month", InvalidDateError)
    _require_int(day, "day", InvalidDateError)
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
    _require_int(hour, "hour", InvalidTimeError)
    _require_int(minute, "minute", InvalidTimeError)
    _require_int(second, "second", InvalidTimeError)
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
    −05:30, which is what `iso` and `tz60` print. V4 computed `unix` from (−5, +30) as −04:30
    (engines.md §11 item 12). For a zone under one hour west, pass (0, −30).
    """
    _require_int(tz_hours, "UTC offset hours", InvalidTimezoneError)
    _require_int(tz_minutes, "UTC offset minutes", InvalidTimezoneError)
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


def offset_to_tz(offset_minutes: int) -> tuple[int, int]:
    """Split a signed offset in minutes into V4's (tz_hours, tz_minutes), both carrying the sign."""
    _require_int(offset_minutes, "UTC offset", InvalidTimezoneError)
    _check_offset_range(offset_minutes)
    hours, minutes = divmod(abs(offset_minutes), 60)
    if offset_minutes < 0:
        return -hours, -minutes
    return hours, minutes


# ---------------------------------------------------------------------------------------------
# §1.2 Base-60 primitives
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
    _require_int(n, "number", InvalidNumberError)
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


def from_base60(digits: Sequence[int]) -> int:
    """Value of base-60 digits, most significant first (Horner's rule)."""
    value = 0
    for digit in digits:
        _require_int(digit, "base-60 digit", InvalidNumberError)
        if not 0 <= digit <= 59:
            raise InvalidNumberError(f"{digit} is not a base-60 digit: digits run from 0 to 59.")
        value = value * 60 + digit
    return value


def encode_base60(n: int) -> str:
    """Token string of an integer: 60 → `RAFI-RAWU`, −61 → `NEG-RAFI-RAFI`."""
    _require_int(n, "number", InvalidNumberError)
    if n < 0:
        return "NEG-" + encode_base60(-n)
    if n < 60:
        return TOKENS60[n]
    return "-".join([TOKENS60[digit] for digit in to_base60(n)])


def decode_base60(s: str) -> int:
    """Integer of a token string (`NEG-` prefix allowed, any letter case); bad token → error."""
    if not isinstance(s, str):
        raise UnparseableInputError(f"{s!r} is not an FC60 token string.")
    negative = s[:4].upper() == "NEG-"
    body = s[4:] if negative else s
    value = 0
    for part in body.split("-"):
        value = value * 60 + digit60(part)
    return -value if negative else value


# ---------------------------------------------------------------------------------------------
# §1.3 Calendar
# ---------------------------------------------------------------------------------------------


def _jdn(year: int, month: int, day: int) -> int:
    """Fliegel–Van Flandern with floor division; callers validate first."""
    a = (14 - month) // 12
    y2 = year + 4800 - a
    m2 = month + 12 * a - 3
    return day + (153 * m2 + 2) // 5 + 365 * y2 + y2 // 4 - y2 // 100 + y2 // 400 - 32045


def compute_jdn(y: int, m: int, d: int) -> int:
    """Julian Day Number of a real Gregorian date (2000-01-01 → 2451545)."""
    validate_date(y, m, d)
    return _jdn(y, m, d)


def jdn_to_gregorian(jdn: int) -> tuple[int, int, int]:
    """Inverse of `compute_jdn`: (year, month, day)."""
    _require_int(jdn, "Julian Day Number", InvalidNumberError)
    a = jdn + 32044
    b = (4 * a + 3) // 146097
    c = a - 146097 * b // 4
    d = (4 * c + 3) // 1461
    e = c - 1461 * d // 4
    m = (5 * e + 2) // 153
    day = e - (153 * m + 2) // 5 + 1
    month = m + 3 - 12 * (m // 10)
    year = 100 * b + d - 4800 + m // 10
    return year, month, day


def weekday_from_jdn(jdn: int) -> int:
    """Weekday index, 0 = Sunday."""
    return (jdn + 1) % 7


def weekday_token(jdn: int) -> str:
    """Two-letter weekday token (`SO` … `SA`)."""
    return WEEKDAYS[(jdn + 1) % 7]


# ---------------------------------------------------------------------------------------------
# §1.4 Timezone token
# ---------------------------------------------------------------------------------------------


def _tz60(offset_minutes: int) -> str:
    if offset_minutes == 0:
        return "Z"
    sign = "+" if offset_minutes > 0 else "-"
    hours, minutes = divmod(abs(offset_minutes), 60)
    return f"{sign}{TOKENS60[hours]}-{TOKENS60[minutes]}"


def encode_tz(tz_hours: int, tz_minutes: int = 0) -> str:
    """TZ60 token: `Z` for UTC, else sign + hours token + minutes token (+08:00 → `+OXMT-RAWU`)."""
    return _tz60(tz_offset_minutes(tz_hours, tz_minutes))


# ---------------------------------------------------------------------------------------------
# §1.5 Moon, §1.6 Gānzhī, §1.7 checksum
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


def ganzhi_year_tokens(year: int) -> tuple[str, str]:
    """(stem token, animal token) of a year, e.g. 2026 → (`BI`, `HO`)."""
    stem, branch = ganzhi_year(year)
    return STEMS[stem], ANIMALS[branch]


def ganzhi_year_name(year: int) -> str:
    """Readable year pillar, e.g. 2026 → `丙午 Fire Horse`."""
    stem, branch = ganzhi_year(year)
    return (
        f"{STEM_CHINESE[stem]}{ANIMAL_CHINESE[branch].split()[0]} "
        f"{STEM_ELEMENTS[stem]} {ANIMAL_NAMES[branch]}"
    )


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


def weighted_check(
    year: int,
    month: int,
    day: int,
    hour: int = 0,
    minute: int = 0,
    second: int = 0,
    *,
    include_time: bool = True,
) -> str:
    """Weighted checksum token (CHK) of a local date and time (§1.7)."""
    validate_date(year, month, day)
    validate_time(hour, minute, second)
    return _checksum(year, month, day, hour, minute, second, _jdn(year, month, day), include_time)


# ---------------------------------------------------------------------------------------------
# §1.8 encode_fc60
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
    jdn = _jdn(year, month, day)
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
        "moon_meaning": MOON_PHASE_MEANINGS[phase],
        "gz_token": f"{STEMS[stem]}-{ANIMALS[branch]}",
        "gz_name": ganzhi_year_name(year),
        "chk": _checksum(year, month, day, hour, minute, second, jdn, include_time),
        "weekday_idx": weekday,
        "weekday_name": WEEKDAY_NAMES[weekday],
        "weekday_planet": WEEKDAY_PLANETS[weekday],
        "weekday_domain": WEEKDAY_DOMAINS[weekday],
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


def format_full_output(result: Mapping[str, Any]) -> str:
    """Twelve labelled lines of an `encode_fc60` record (no trailing newline)."""
    moon = (
        f"{result['moon_phase']} {result['moon_name']}  age={result['moon_age']:.2f}d  "
        f"illum={result['moon_illumination']:.0f}%"
    )
    rows = (
        ("FC60:", result["stamp"]),
        ("ISO:", result["iso"]),
        ("TZ60:", result["tz60"]),
        ("Y60:", result["y60"]),
        ("Y2K:", result["y2k"]),
        ("J:", result["j60"]),
        ("MJD:", result["mjd60"]),
        ("RD:", result["rd60"]),
        ("U:", result["u60"]),
        ("MOON:", moon),
        ("GZ:", f"{result['gz_token']} ({result['gz_name']})"),
        ("CHK:", result["chk"]),
    )
    return "\n".join(f"{label:<7}{value}" for label, value in rows)


def format_compact_output(result: Mapping[str, Any]) -> str:
    """One-line summary of an `encode_fc60` record."""
    return (
        f"FC60={result['stamp']} | ISO={result['iso']} | TZ60={result['tz60']} | "
        f"Y60={result['y60']} | J={result['j60']} | MOON={result['moon_phase']} | "
        f"GZ={result['gz_token']} | CHK={result['chk']}"
    )


# ---------------------------------------------------------------------------------------------
# §1.9 Symbolic reading
# ---------------------------------------------------------------------------------------------


def get_time_context(hour: int) -> str:
    """T6 text for an hour; hours outside 0–23 get the last entry, as in V4."""
    for start, end, text in TIME_CONTEXTS:
        if start <= hour < end:
            return text
    return TIME_CONTEXTS[-1][2]


def detect_animal_repetitions(
    month: int, day: int, hour: int, minute: int, year: int
) -> tuple[list[tuple[str, int, list[str]]], dict[str, str]]:
    """Animals that appear at least twice among month, day, hour, minute and year branch.

    Returns ([(token, count, positions)], components) with groups in first-appearance order,
    stable-sorted by count, largest first.
    """
    components = {
        "month": ANIMALS[month - 1],
        "day": ANIMALS[day // 5] if day < 60 else "RA",
        "hour": ANIMALS[hour % 12],
        "minute": ANIMALS[minute // 5] if minute < 60 else "RA",
        "year_branch": ANIMALS[(year - 4) % 12],
    }
    positions: dict[str, list[str]] = {}
    for position, animal in components.items():
        positions.setdefault(animal, []).append(position)
    repeated = [
        (animal, len(where), where) for animal, where in positions.items() if len(where) > 1
    ]
    repeated.sort(key=lambda group: group[1], reverse=True)
    return repeated, components


def generate_symbolic_reading(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> str:
    """Plain-language reading of a moment (§1.9); `second` is accepted but, as in V4, unused."""
    validate_date(year, month, day)
    validate_time(hour, minute, second)
    jdn = _jdn(year, month, day)
    weekday = (jdn + 1) % 7
    hour_animal = hour % 12
    lines = [
        f"At {hour:02d}:{minute:02d} on this {WEEKDAY_PLANETS[weekday].split()[0]} day "
        f"({WEEKDAY_DOMAINS[weekday]}), the {ANIMAL_NAMES[hour_animal]} hour carries the energy "
        f"of {ANIMAL_POWER[hour_animal]}.",
        f"  {get_time_context(hour)}",
        "",
    ]
    if hour < 6:
        lines += [
            "☀🌙 Sun/Moon paradox: You're in the Sun half, but sitting in darkness. "
            "You carry light that hasn't been made visible yet.",
            "",
        ]
    repeated, _ = detect_animal_repetitions(month, day, hour, minute, year)
    for animal, count, where in repeated:
        index = _ANIMAL_INDEX[animal]
        head = (
            f"The {ANIMAL_NAMES[index]} ({animal}) appears {count} times — "
            f"in the {', '.join(where)}."
        )
        if count >= 3:
            lines.append(f"⚡ {head} This is not background noise; this is the main message.")
        else:
            lines.append(f"🔁 {head} Doubled signal — emphasized quality.")
        lines += [f"   Power: {ANIMAL_POWER[index]} — {ANIMAL_ESSENCE[index]}", ""]
    animal, element = day // 5, day % 5
    phase, age = moon_phase(jdn)
    stem, branch = ganzhi_year(year)
    lines += [
        f"Today's core energy: {ANIMAL_NAMES[animal]} + {ELEMENT_NAMES[element]} ({TOKENS60[day]})",
        f"  {ANIMAL_ESSENCE[animal]}",
        f"  Element force: {ELEMENT_FORCE[element]} — {ELEMENT_MEANING[element]}",
        "",
        f"Moon: {MOON_PHASES[phase]} {MOON_PHASE_NAMES[phase]} (age {age:.1f}d, "
        f"{moon_illumination(age):.0f}% illuminated)",
        f"  Energy: {MOON_PHASE_ENERGY[phase]} — {MOON_PHASE_MEANINGS[phase]}",
        f"  Best for: {MOON_PHASE_BEST_FOR[phase]}",
        "",
        f"Year cycle: {ganzhi_year_name(year)} ({STEMS[stem]}-{ANIMALS[branch]})",
        f"  Element: {STEM_ELEMENTS[stem]} ({STEM_POLARITY[stem]})",
        "",
    ]
    return "\n".join(lines)


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
            f"{stamp!r} is not an FC60 stamp such as 'VE-OX-OXFI ☀OX-RUWU-RAWU'."
        )
    weekday_tok, month_tok, day_tok, half, hour_tok, minute_tok, second_tok = match.groups()
    weekday = _WEEKDAY_INDEX.get(weekday_tok.upper())
    month = _ANIMAL_INDEX.get(month_tok.upper())
    day = _TOKEN_VALUES.get(day_tok.upper())
    if weekday is None or month is None or day is None or not 1 <= day <= 31:
        raise UnparseableInputError(
            f"{stamp!r} is not an FC60 stamp: it must start with a weekday (SO LU MA ME JO VE "
            "SA), a month animal and a day token from RAFI (1) to TIFI (31)."
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
            raise UnparseableInputError(f"{hour_tok!r} in {stamp!r} is not an hour animal.")
        fields["hour"] = hour + (12 if half == _MOON else 0)
        fields["minute"] = digit60(minute_tok)
        fields["second"] = digit60(second_tok)
    return fields


# ---------------------------------------------------------------------------------------------
# §1.10 parse_input
# ---------------------------------------------------------------------------------------------

_MINUS_SIGNS: Final = ("-", "\u2212")
_ISO_RE: Final = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})[Tt ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,]\d+)?)?"
    r"(?:([Zz])|([+\-\u2212])(\d{1,2})(?::?(\d{2}))?)?"
)
_DATE_RE: Final = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_TIME_RE: Final = re.compile(r"(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?")
_INTEGER_RE: Final = re.compile(r"-?\d+")


def _moment_in_offset(now: datetime | None, offset: int, asked: str) -> datetime:
    """The caller's `now` seen at the requested offset; there is no hidden clock to fall back on."""
    if now is None:
        raise UnparseableInputError(
            f"{asked!r} needs the current date and time, which were not given: "
            "enter a full date (and time) instead."
        )
    if not isinstance(now, datetime):
        raise UnparseableInputError(f"The current time must be a datetime, not {now!r}.")
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    try:
        return now.astimezone(timezone(timedelta(minutes=offset)))
    except OverflowError as exc:
        raise InvalidDateError("The current time is outside the years 1 to 9999.") from exc


def _encode_local(
    year: int,
    month: int,
    day: int,
    hour: int,
    minute: int,
    second: int,
    offset: int,
) -> dict[str, Any]:
    validate_date(year, month, day)
    validate_time(hour, minute, second)
    return _encode(year, month, day, hour, minute, second, offset, True)


def _encode_unix(seconds: int) -> dict[str, Any]:
    days, rest = divmod(seconds, 86400)
    year, month, day = jdn_to_gregorian(_JDN_UNIX_EPOCH + days)
    hour, rest = divmod(rest, 3600)
    minute, second = divmod(rest, 60)
    return _encode_local(year, month, day, hour, minute, second, 0)


def _plausible_compact_date(digits: str) -> bool:
    """Whether 8 digits look like YYYYMMDD rather than an ordinary number."""
    return 1 <= int(digits[4:6]) <= 12 and 1 <= int(digits[6:8]) <= 31


def parse_input(
    text: str, tz_hours: int = 0, tz_minutes: int = 0, *, now: datetime | None = None
) -> dict[str, Any]:
    """Read free text as a moment, a number or an FC60 token string (§1.10, first rule wins).

    Moments (`now`/`today`, ISO date-times, `YYYY-MM-DD`, `YYYYMMDD`, `HH:MM[:SS]`, 10-digit Unix
    seconds, 13-digit Unix milliseconds) give the `encode_fc60` record; integers give
    `raw_integer`; token strings give `decoded_integer` (also those containing `T`, which V4
    mistook for ISO dates); stamps give `decoded_stamp`; anything else gives V4's `error` dict.
    `now` is the caller's current time, needed only for `now`, `today` and time-only input.
    Invalid moments raise `InvalidDateError`/`InvalidTimeError`/`InvalidTimezoneError`; nothing but
    an `EngineError` is ever raised.
    """
    if not isinstance(text, str):
        raise UnparseableInputError(f"Expected text to read, not {text!r}.")
    offset = tz_offset_minutes(tz_hours, tz_minutes)
    s = text.strip()

    if s.lower() in ("now", "today"):
        moment = _moment_in_offset(now, offset, s)
        return _encode(
            moment.year,
            moment.month,
            moment.day,
            moment.hour,
            moment.minute,
            moment.second,
            offset,
            True,
        )

    match = _ISO_RE.fullmatch(s)
    if match:
        year, month, day, hour, minute, second, zulu, sign, off_h, off_m = match.groups()
        if zulu:
            offset = 0
        elif sign:
            hours, minutes = int(off_h), int(off_m or 0)
            if sign in _MINUS_SIGNS:
                hours, minutes = -hours, -minutes
            offset = tz_offset_minutes(hours, minutes)
        return _encode_local(
            int(year), int(month), int(day), int(hour), int(minute), int(second or 0), offset
        )

    match = _DATE_RE.fullmatch(s)
    if match:
        year, month, day = (int(part) for part in match.groups())
        validate_date(year, month, day)
        return _encode(year, month, day, 0, 0, 0, offset, False)

    if len(s) == 8 and s.isdecimal() and _plausible_compact_date(s):
        year, month, day = int(s[:4]), int(s[4:6]), int(s[6:])
        validate_date(year, month, day)
        return _encode(year, month, day, 0, 0, 0, offset, False)

    match = _TIME_RE.fullmatch(s)
    if match:
        hour, minute, second = (int(part or 0) for part in match.groups())
        validate_time(hour, minute, second)
        moment = _moment_in_offset(now, offset, s)
        return _encode_local(moment.year, moment.month, moment.day, hour, minute, second, offset)

    if s.isdecimal() and len(s) == 10:
        return _encode_unix(int(s))
    if s.isdecimal() and len(s) == 13:
        return _encode_unix(int(s) // 1000)

    if _INTEGER_RE.fullmatch(s):
        try:
            number = int(s)
        except ValueError:  # more digits than Python converts (int_max_str_digits)
            number = None
        if number is not None:
            return {
                "raw_integer": number,
                "base60": encode_base60(number),
                "token60": TOKENS60[number % 60] if number >= 0 else None,
            }

    try:
        return {"decoded_integer": decode_base60(s), "base60": s}
    except UnparseableInputError:
        pass
    try:
        return {"decoded_stamp": decode_stamp(s), "stamp": s}
    except UnparseableInputError:
        pass
    return {"error": f"Could not parse input: {s}"}


# ---------------------------------------------------------------------------------------------
# §1.11 self_test
# ---------------------------------------------------------------------------------------------


def _check(name: str, got: object, expected: object) -> tuple[str, bool, str]:
    return name, got == expected, f"expected {expected!r}, got {got!r}"


def self_test() -> list[tuple[str, bool, str]]:
    """V4's 29 built-in checks as (name, passed, detail) tuples."""
    results: list[tuple[str, bool, str]] = []
    round_trip = [digit60(token60(n)) for n in range(60)]
    results.append(_check("TOKEN60 round-trip (0–59)", round_trip, list(range(60))))
    dates = (((2000, 1, 1), 2451545), ((2026, 2, 6), 2461078), ((1970, 1, 1), 2440588))
    for (y, m, d), jdn in dates:
        results.append(_check(f"JDN {y:04d}-{m:02d}-{d:02d}", compute_jdn(y, m, d), jdn))
    for (y, m, d), jdn in dates:
        results.append(_check(f"JDN→Gregorian {jdn}", jdn_to_gregorian(jdn), (y, m, d)))
    weekdays = (((2000, 1, 1), "SA"), ((2026, 2, 6), "VE"), ((2026, 4, 22), "ME"))
    for (y, m, d), token in (*weekdays, ((1999, 4, 22), "JO")):
        got = weekday_token(compute_jdn(y, m, d))
        results.append(_check(f"Weekday {y:04d}-{m:02d}-{d:02d}", got, token))
    encodings = (
        (0, "RAWU"),
        (1, "RAFI"),
        (59, "PIWA"),
        (60, "RAFI-RAWU"),
        (3600, "RAFI-RAWU-RAWU"),
        (2461072, "TIFI-DRMT-GOER-DOER"),
        (999999, "RAWA-GOER-ROFI-GOWA"),
    )
    for n, encoded in encodings:
        got = (encode_base60(n), decode_base60(encode_base60(n)))
        results.append(_check(f"Base60 round-trip {n}", got, (encoded, n)))
    j60s = (
        (2451545, "TIFI-DRWU-PIWA-OXWU"),
        (2461078, "TIFI-DRMT-GOER-PIMT"),
        (2440588, "TIFI-RUER-PIFI-SNMT"),
    )
    for jdn, encoded in j60s:
        results.append(_check(f"J60 {jdn}", encode_base60(jdn), encoded))
    for year, tokens in ((2024, ("JA", "DR")), (2025, ("YI", "SN")), (2026, ("BI", "HO"))):
        results.append(_check(f"Gānzhī {year}", ganzhi_year_tokens(year), tokens))
    for n, token in ((0, "RAWU"), (26, "SNFI"), (57, "PIER"), (59, "PIWA")):
        results.append(_check(f"TOKEN60({n})", token60(n), token))
    stamp = encode_fc60(2026, 2, 6, 1, 15, 0, 8, 0)["stamp"]
    results.append(
        _check("Full encode 2026-02-06 01:15:00+08:00", stamp, "VE-OX-OXFI ☀OX-RUWU-RAWU")
    )
    return results
