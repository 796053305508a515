"""Sign and name readers: the sign, name, question and daily readings of V4's oracle engine.

Pure Python, deterministic, no clock: every function that V4 let read "now" takes the moment as an
argument. Public names, signatures and output keys are V4's; the V4 defects fixed here
are:

* 1, 2 — `question_sign` and `daily_insight` show the real FC60 code, its meaning and the moon.
* 4 — `read_sign` systems carry the context an interpreter needs (`fc60.token/animal/element`,
  `numerology.life_path/reductions`, `moon.phase`, `ganzhi.year_pillar/day_pillar/hour_pillar`).
* 5 — the hour pillar is built from the **day** stem.
* 7 — negative numbers no longer wipe out the synchronicities.
* 8 — one master-number rule: numbers reduce with numerology's `numerology_reduce` of their
  magnitude, so 11, 22 and 33 stay master numbers (V4 took the digit sum first: 11 became 2).
* 15 — impossible dates (`2026-02-30`, `1990-13-01`, `tomorrow`) raise `InvalidDateError`.
* 16 — a synchronicity is reported once, however often its number repeats.
* 18 — `FC60_MEANINGS`/`COMBINED_MEANINGS` use the FC60 alphabet (RA Rat, RU Rabbit, MO Monkey,
  LU Moon, SO Sun, JO Jupiter).
* 21 — no hidden clock: `read_sign(now=…)`, `question_sign(question, timestamp)`,
  `daily_insight(date)`.

Names in Persian/Arabic script are counted with Abjad through numerology's automatic system choice.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import UTC, date, datetime
from itertools import pairwise

from oracle.engines.errors import InvalidDateError, InvalidNameError, UnparseableInputError
from oracle.engines.fc60 import (
    ANIMAL_CHINESE,
    ANIMAL_NAMES,
    ELEMENT_NAMES,
    MOON_PHASE_CODES,
    STEM_CHINESE,
    STEM_ELEMENTS,
    STEM_NAMES,
    STEM_POLARITY,
    element_animal,
    encode_datetime,
    encode_fc60,
    ganzhi_day,
    ganzhi_hour,
    ganzhi_year,
    token60,
)
from oracle.engines.i18n import tr, trf
from oracle.engines.numerology import (
    CHALDEAN_VALUES,
    MASTER_NUMBERS,
    digit_sum,
    life_path,
    life_path_meaning_text,
    name_personality,
    name_soul_urge,
    name_to_number,
    numerology_reduce,
    resolve_numerology_system,
)

__all__ = [
    "ANGEL_NUMBERS",
    "CHALDEAN_VALUES",
    "CHINESE_HOURS",
    "COMBINED_MEANINGS",
    "FC60_MEANINGS",
    "MIRROR_NUMBERS",
    "NUMBER_MEANINGS",
    "ZODIAC_SIGNS",
    "daily_insight",
    "get_human_meaning",
    "question_sign",
    "read_name",
    "read_sign",
    "zodiac_of",
]

# ─── Tables ──────────────────────────────────────────────────────────────────────

# T8 `CHALDEAN_VALUES` is numerology's table (Chaldean is a full system there), re-exported here.

# T10
NUMBER_MEANINGS: dict[int, str] = {
    1: "Independence, leadership, new beginnings, self-reliance",
    2: "Partnership, balance, diplomacy, sensitivity",
    3: "Creativity, expression, joy, communication",
    4: "Stability, structure, hard work, foundation",
    5: "Freedom, change, adventure, versatility",
    6: "Harmony, nurturing, responsibility, love",
    7: "Spirituality, introspection, wisdom, analysis",
    8: "Power, abundance, achievement, material mastery",
    9: "Completion, humanitarianism, wisdom, letting go",
    11: "Intuition, spiritual insight, illumination (Master Number)",
    22: "Master builder, large-scale vision, practical idealism (Master Number)",
    33: "Master teacher, compassion, healing, selfless service (Master Number)",
}

# T11
ANGEL_NUMBERS: dict[int, str] = {
    111: "New beginnings, manifestation",
    222: "Balance, partnership, trust the process",
    333: "Ascended masters, creativity, growth",
    444: "Angels present, foundation, protection",
    555: "Major change coming, transformation",
    666: "Rebalance material/spiritual, self-reflection",
    777: "Divine luck, spiritual awakening",
    888: "Abundance, financial flow, infinity",
    999: "Completion, ending of a cycle",
    1111: "Gateway, make a wish, alignment",
    1212: "Stepping into your power",
    1234: "Simplify, step by step progress",
}

# T12
MIRROR_NUMBERS: dict[str, str] = {
    "01:10": "Return to origin",
    "02:20": "Patience and diplomacy",
    "03:30": "Creative expression",
    "04:40": "Foundation building",
    "05:50": "Freedom and change",
    "10:01": "New cycle beginning",
    "12:21": "Balance of giving and receiving",
    "13:31": "Creative transformation",
    "14:41": "Stable change",
    "15:51": "Adventurous foundation",
    "20:02": "Partnership reflections",
    "21:12": "Leadership in harmony",
    "23:32": "Expressive stability",
}

# T13 — (start month, start day, sign, element, quality, ruling planet)
ZODIAC_SIGNS: tuple[tuple[int, int, str, str, str, str], ...] = (
    (1, 20, "Aquarius", "Air", "Fixed", "Uranus"),
    (2, 19, "Pisces", "Water", "Mutable", "Neptune"),
    (3, 21, "Aries", "Fire", "Cardinal", "Mars"),
    (4, 20, "Taurus", "Earth", "Fixed", "Venus"),
    (5, 21, "Gemini", "Air", "Mutable", "Mercury"),
    (6, 21, "Cancer", "Water", "Cardinal", "Moon"),
    (7, 23, "Leo", "Fire", "Fixed", "Sun"),
    (8, 23, "Virgo", "Earth", "Mutable", "Mercury"),
    (9, 23, "Libra", "Air", "Cardinal", "Venus"),
    (10, 23, "Scorpio", "Water", "Fixed", "Pluto"),
    (11, 22, "Sagittarius", "Fire", "Mutable", "Jupiter"),
    (12, 22, "Capricorn", "Earth", "Cardinal", "Saturn"),
)

# T14 — (start hour, end hour, animal, branch pinyin); Rat wraps midnight
CHINESE_HOURS: tuple[tuple[int, int, str, str], ...] = (
    (23, 1, "Rat", "Zi"),
    (1, 3, "Ox", "Chou"),
    (3, 5, "Tiger", "Yin"),
    (5, 7, "Rabbit", "Mao"),
    (7, 9, "Dragon", "Chen"),
    (9, 11, "Snake", "Si"),
    (11, 13, "Horse", "Wu"),
    (13, 15, "Goat", "Wei"),
    (15, 17, "Monkey", "Shen"),
    (17, 19, "Rooster", "You"),
    (19, 21, "Dog", "Xu"),
    (21, 23, "Pig", "Hai"),
)

# V4's FC60_MEANINGS, corrected: every code that is an FC60 token means what the FC60 alphabet says
# (animals RA…PI, weekday planets SO LU MA ME JO VE SA). V4's RA=Rabbit, MO=Moon, MK=Monkey, SU=Sun,
# JU=Jupiter became RU=Rabbit, LU=Moon, MO=Monkey, SO=Sun, JO=Jupiter, and RA is the Rat. Planets
# without an FC60 token (Uranus, Neptune, Pluto, the Node) keep V4's codes.
FC60_MEANINGS: dict[str, str] = {
    "VE": "Venus — love, beauty, harmony, attraction",
    "OX": "Ox — strength, patience, steady progress",
    "LU": "Moon — intuition, cycles, hidden knowledge",
    "TI": "Tiger — courage, passion, unpredictability",
    "MA": "Mars — action, drive, warrior energy",
    "RU": "Rabbit — gentleness, luck, quick thinking",
    "ME": "Mercury — communication, trade, cleverness",
    "DR": "Dragon — power, transformation, magic",
    "JO": "Jupiter — expansion, wisdom, abundance",
    "SN": "Snake — wisdom, healing, transformation",
    "SA": "Saturn — discipline, karma, boundaries",
    "HO": "Horse — freedom, adventure, speed",
    "SO": "Sun — vitality, success, consciousness",
    "GO": "Goat — creativity, peace, nurturing",
    "UR": "Uranus — innovation, disruption, awakening",
    "MO": "Monkey — wit, adaptability, resourcefulness",
    "NE": "Neptune — dreams, spirituality, illusion",
    "RO": "Rooster — precision, honesty, confidence",
    "PL": "Pluto — rebirth, depth, hidden power",
    "DO": "Dog — loyalty, protection, truth",
    "NO": "Node — destiny, karmic crossroads",
    "PI": "Pig — generosity, enjoyment, completion",
    "RA": "Rat — instinct, resourcefulness, sharp perception",
}

# T16, re-keyed to the codes above (VE-MO → VE-LU, JU-SU → JO-SO, …); the meanings are V4's.
COMBINED_MEANINGS: dict[str, str] = {
    "VE-LU": "Love meets intuition — trust your heart's deeper knowing",
    "MA-TI": "Double fire — bold action with passionate courage",
    "JO-SO": "Expansion meets light — a time of great opportunity",
    "SA-PL": "Deep transformation through discipline — rebirth through patience",
    "ME-UR": "Lightning insight — sudden breakthroughs in understanding",
    "LU-NE": "Dreams within dreams — heightened psychic sensitivity",
    "VE-JO": "Abundance in love — generosity and harmony flow freely",
    "MA-SA": "Controlled power — strategic action with lasting results",
    "SO-LU": "Conscious and unconscious unite — wholeness and clarity",
    "ME-JO": "Wisdom expressed — teaching, learning, sharing knowledge",
}

# Day number → (energy, quality) of the daily insight.
DAILY_ENERGIES: dict[int, tuple[str, str]] = {
    1: ("New beginnings", "Initiative"),
    2: ("Partnership", "Balance"),
    3: ("Creativity", "Expression"),
    4: ("Foundation", "Structure"),
    5: ("Change", "Freedom"),
    6: ("Harmony", "Responsibility"),
    7: ("Reflection", "Wisdom"),
    8: ("Power", "Abundance"),
    9: ("Completion", "Universal love"),
    11: ("Illumination", "Mastery"),
    22: ("Master builder", "Vision"),
    33: ("Master teacher", "Compassion"),
}
_DAILY_DEFAULT = ("Unique energy", "Exploration")

# Precomputed lookups for the hot path.
_ZODIAC_STARTS = tuple(month * 100 + day for month, day, *_ in ZODIAC_SIGNS)
_ZODIAC_RESULTS = tuple(
    {"sign": sign, "element": element, "quality": quality, "ruling_planet": ruler}
    for _, _, sign, element, quality, ruler in ZODIAC_SIGNS
)
_UNKNOWN_ZODIAC = dict.fromkeys(("sign", "element", "quality", "ruling_planet"), "Unknown")


def _chinese_hour_of(hour: int) -> tuple[int, int, str, str]:
    for row in CHINESE_HOURS:
        start, end = row[0], row[1]
        if (start <= hour < end) if start < end else (hour >= start or hour < end):
            return row
    raise AssertionError(f"CHINESE_HOURS does not cover hour {hour}")  # pragma: no cover


_CHINESE_HOUR_BY_HOUR = tuple(_chinese_hour_of(hour) for hour in range(24))

_NUMBER_RE = re.compile(r"\d+")

_FC60_KEPT_KEYS = (
    "stamp",
    "iso",
    "y60",
    "j60",
    "jdn",
    "weekday_name",
    "weekday_planet",
    "weekday_domain",
    "gz_name",
    "chk",
)

_COMPARISON_SAME = (
    "Both Pythagorean and Chaldean systems agree on the core number {0}"
    " — a strong, unified vibration."
)
_COMPARISON_DIFFERENT = (
    "Pythagorean ({0}) and Chaldean ({1}) differ — this suggests a multifaceted nature with both an"
    " outer expression and a deeper inner current."
)

#: The question's advice when its numbers hold a synchronicity (the interpreter reads it back).
SYNCHRONICITY_ADVICE = "Synchronicity detected: {synchronicity}"

_SYSTEM_TITLES = {"pythagorean": "Pythagorean", "chaldean": "Chaldean", "abjad": "Abjad"}


# ─── helpers ────────────────────────────────────────────────────────────────────────────────


def _extract_numbers(text: object, *, field: str = "sign") -> list[int]:
    """All runs of decimal digits (any script: `۴۴۴` → 444) as ints, in order, duplicates kept."""
    if not text:
        return []
    try:
        return [int(run) for run in _NUMBER_RE.findall(str(text))]
    except ValueError:  # a digit run longer than Python's int conversion limit
        raise UnparseableInputError(
            "A number in the text has too many digits to read.", field=field
        ) from None


def _try_int(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):
        return None


def _chaldean_reduce(name: str | None) -> int:
    if not name:
        return 0
    return numerology_reduce(sum(CHALDEAN_VALUES.get(ch, 0) for ch in name.upper()))


def _chaldean_letters(text: str) -> list[tuple[str, int]]:
    return [(ch, CHALDEAN_VALUES[ch]) for ch in text.upper() if ch in CHALDEAN_VALUES]


def _parse_date(value: object, *, field: str = "date") -> tuple[int, int, int] | None:
    """`YYYY-MM-DD` (also `2026-2-3`, any script's digits) → `(year, month, day)`; falsy → None.

    Anything else — an impossible day (`2026-02-30`), month (`1990-13-01`) or text that is not a
    date — raises `InvalidDateError` naming `field` instead of being silently dropped (as V4 did).
    """
    if not value:
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.year, value.month, value.day
    text = str(value).strip()
    parts = text.split("-")
    numbers = [_try_int(part) for part in parts] if len(parts) == 3 else []
    if len(numbers) != 3 or None in numbers:
        raise InvalidDateError(f"'{text}' is not a date; use YYYY-MM-DD.", field=field)
    year, month, day = numbers
    try:
        date(year, month, day)  # type: ignore[arg-type]
    except (ValueError, OverflowError):
        raise InvalidDateError(
            f"{text} is not a real calendar date (year 1–9999, month 1–12, a day the month has).",
            field=field,
        ) from None
    return year, month, day  # type: ignore[return-value]


def _parse_time(value: object) -> tuple[int, int] | None:
    """`HH:MM` (extra `:SS` ignored) → `(hour, minute)`; anything else → None, as in V4."""
    if not value:
        return None
    parts = str(value).split(":")
    if len(parts) < 2:
        return None
    hour, minute = _try_int(parts[0]), _try_int(parts[1])
    if hour is None or minute is None or not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return hour, minute


def zodiac_of(month: int, day: int) -> dict[str, str]:
    """Western sign of a month/day (T13); Capricorn wraps the new year. Non-int input → Unknown."""
    if not isinstance(month, int) or not isinstance(day, int):
        return dict(_UNKNOWN_ZODIAC)
    index = bisect_right(_ZODIAC_STARTS, month * 100 + day) - 1
    return dict(_ZODIAC_RESULTS[index])  # index −1 is Capricorn, the wrap-around row


def _get_chinese_hour(hour: int) -> dict[str, object]:
    """Double-hour animal of the Chinese clock (T14): 23:00–00:59 Rat, 01:00–02:59 Ox, …"""
    start, end, animal, branch = _CHINESE_HOUR_BY_HOUR[hour % 24]
    return {"animal": animal, "branch": branch, "start": start, "end": end}


def _pythagorean_meaning(n: int) -> str:
    if n in NUMBER_MEANINGS:
        return tr(NUMBER_MEANINGS[n])
    return trf("Number {n} — explore its unique vibration", n=n)


def _pillar_name(stem: int, branch: int) -> str:
    """Same shape as `ganzhi_year_name`: `丙午 Fire Horse`."""
    animal_char = ANIMAL_CHINESE[branch].split()[0]
    return f"{STEM_CHINESE[stem]}{animal_char} " + element_animal(
        STEM_ELEMENTS[stem], ANIMAL_NAMES[branch]
    )


# ─── synchronicities ────────────────────────────────────────────────────────────────────────


def _check_synchronicity(numbers: list[int]) -> list[str]:
    """Angel, mirror, repeating, palindrome, sequence and pair patterns, in V4's order.

    A negative number simply has no digit sequence (V4 crashed on `int("-")` and
    lost every synchronicity). Each message appears once (V4 repeated it for every
    occurrence of its number).
    """
    found: dict[str, None] = {}  # insertion-ordered set

    for n in numbers:
        s = str(n)
        if n in ANGEL_NUMBERS:
            found[trf("Angel number {n}: {meaning}", n=n, meaning=tr(ANGEL_NUMBERS[n]))] = None
        if len(s) == 4:
            mirror = f"{s[:2]}:{s[2:]}"
            if mirror in MIRROR_NUMBERS:
                found[_mirror("Mirror number {mirror}: {meaning}", mirror)] = None
        elif len(s) == 3:
            mirror = f"0{s[0]}:{s[1:]}"
            if mirror in MIRROR_NUMBERS:
                found[_mirror("Mirror number {mirror}: {meaning}", mirror)] = None
        if len(s) >= 2 and s.count(s[0]) == len(s):
            found[
                trf(
                    "Repeating digit pattern {n}: the digit {digit} repeated {count} times"
                    " amplifies its energy",
                    n=n,
                    digit=s[0],
                    count=len(s),
                )
            ] = None
        if len(s) >= 3 and n >= 0:
            if s == s[::-1]:
                found[trf("Palindrome {n}: reflection pattern, what you send out returns", n=n)] = (
                    None
                )
            steps = {int(b) - int(a) for a, b in pairwise(s)}
            if steps == {1}:
                found[
                    trf("Ascending sequence {n}: forward momentum, step-by-step progress", n=n)
                ] = None
            elif steps == {-1}:
                found[trf("Descending sequence {n}: release, letting go, simplification", n=n)] = (
                    None
                )

    if len(numbers) >= 2:
        reduced = [numerology_reduce(n) for n in numbers]
        for i, a in enumerate(numbers):
            ra = reduced[i]
            for j in range(i + 1, len(numbers)):
                b = numbers[j]
                if a == b:
                    found[trf("Repeated appearance of {a}: this number demands attention", a=a)] = (
                        None
                    )
                total = a + b
                if total in ANGEL_NUMBERS:
                    found[
                        trf(
                            "{a} + {b} = {total} (angel number): {meaning}",
                            a=a,
                            b=b,
                            total=total,
                            meaning=tr(ANGEL_NUMBERS[total]),
                        )
                    ] = None
                rb = reduced[j]
                if ra + rb == 9:
                    found[
                        trf(
                            "{a} (reduces to {ra}) + {b} (reduces to {rb}) = 9:"
                            " completion pair, karmic balance",
                            a=a,
                            ra=ra,
                            b=b,
                            rb=rb,
                        )
                    ] = None
    return list(found)


def _mirror(template: str, mirror: str) -> str:
    return trf(template, mirror=mirror, meaning=tr(MIRROR_NUMBERS[mirror]))


# ─── read_sign ──────────────────────────────────────────────────────────────────────────────


def _sign_numbers(sign: object, sign_str: str, time_str: object) -> list[int]:
    numbers = _extract_numbers(sign_str)
    whole = _try_int(sign)
    if whole is not None and whole not in numbers:
        numbers.insert(0, whole)
    if ":" in sign_str:
        joined = _try_int(sign_str.replace(":", ""))
        if joined is not None and joined not in numbers:
            numbers.append(joined)
    if time_str:
        for n in _extract_numbers(time_str, field="time_str"):
            if n not in numbers:
                numbers.append(n)
        joined = _try_int(str(time_str).replace(":", ""))
        if joined is not None and joined not in numbers:
            numbers.append(joined)
    return numbers


def _number_entry(n: int) -> dict[str, object]:
    reduced = numerology_reduce(n)
    return {
        "value": n,
        "digit_sum": digit_sum(n),
        "reduced": reduced,
        "is_master": reduced in MASTER_NUMBERS,
        "pythagorean_meaning": _pythagorean_meaning(reduced),
    }


def _moon_of(encoded: dict) -> dict[str, object]:
    index = encoded["moon_phase_idx"]
    return {
        "phase_index": index,
        "phase_name": encoded["moon_name"],
        "emoji": MOON_PHASE_CODES[index],  # T5's 4-letter code, as in V4
        "age_days": round(encoded["moon_age"], 2),
        "illumination": round(encoded["moon_illumination"], 1),
        "meaning": encoded["moon_meaning"],
        "phase": encoded["moon_name"],  # the name the interpretation texts look up
    }


def _counts_as_system(value: dict) -> bool:
    return any(bool(v) for v in value.values())


def _generate_interpretation(systems: dict, synchronicities: list[str], system_count: int) -> str:
    lines = [tr("=== ORACLE READING ==="), ""]

    numbers = systems["numerology"]["numbers"]
    if numbers:
        lines.append(tr("-- Numerology --"))
        for entry in numbers:
            # V4 wrote " [MASTER NUMBER]": a tag, not words for the reader.
            tag = tr(", a master number") if entry["is_master"] else ""
            lines.append(
                trf(
                    "  {value} -> reduces to {reduced}{tag}",
                    value=entry["value"],
                    reduced=entry["reduced"],
                    tag=tag,
                )
            )
            if entry["pythagorean_meaning"]:
                lines.append(trf("    Meaning: {meaning}", meaning=entry["pythagorean_meaning"]))
        lines.append("")

    chaldean = systems["chaldean"]
    if chaldean.get("value"):
        lines.append(tr("-- Chaldean Numerology --"))
        lines.append(trf("  Text reduces to: {value}", value=chaldean["value"]))
        if chaldean.get("meaning"):
            lines.append(trf("  Meaning: {meaning}", meaning=chaldean["meaning"]))
        lines.append("")

    matches = systems["angel"]["matches"]
    if matches:
        lines.append(tr("-- Angel Numbers --"))
        lines.extend(f"  {match['number']}: {match['meaning']}" for match in matches)
        lines.append("")

    fc60 = systems["fc60"]
    if fc60.get("stamp"):
        lines.append(tr("-- FC60 Encoding --"))
        lines.append(trf("  Stamp: {stamp}", stamp=fc60["stamp"]))
        if fc60.get("weekday_name"):
            lines.append(
                trf(
                    "  Day: {weekday} ({planet})",
                    weekday=tr(fc60["weekday_name"]),
                    planet=tr(fc60["weekday_planet"]),
                )
            )
            lines.append(trf("  Domain: {domain}", domain=fc60["weekday_domain"]))
        lines.append("")

    moon = systems["moon"]
    if moon.get("phase_name"):
        lines.append(tr("-- Moon Phase --"))
        lines.append(
            trf(
                "  {emoji} {phase_name} ({illumination:.0f}% illuminated)",
                emoji=moon["emoji"],
                phase_name=tr(moon["phase_name"]),
                illumination=moon["illumination"],
            )
        )
        if moon.get("meaning"):
            lines.append(trf("  Energy: {meaning}", meaning=moon["meaning"]))
        lines.append("")

    zodiac = systems["zodiac"]
    if zodiac.get("sign") and zodiac["sign"] != "Unknown":
        lines.append(tr("-- Western Zodiac --"))
        lines.append(
            trf(
                "  {sign} ({element} / {quality})",
                sign=tr(zodiac["sign"]),
                element=tr(zodiac["element"]),
                quality=tr(zodiac["quality"]),
            )
        )
        lines.append(trf("  Ruler: {planet}", planet=tr(zodiac["ruling_planet"])))
        lines.append("")

    ganzhi = systems["ganzhi"]
    if ganzhi:
        lines.append(tr("-- Chinese Cosmology --"))
        if ganzhi.get("year_name"):
            lines.append(trf("  Year: {year}", year=ganzhi["year_name"]))
        if ganzhi.get("hour_animal"):
            lines.append(
                trf(
                    "  Hour: {animal} ({branch})",
                    animal=tr(ganzhi["hour_animal"]),
                    branch=tr(ganzhi["hour_branch"]),
                )
            )
        if ganzhi.get("stem_element"):
            lines.append(
                trf(
                    "  Element: {element} ({polarity})",
                    element=tr(ganzhi["stem_element"]),
                    polarity=tr(ganzhi["stem_polarity"]),
                )
            )
        lines.append("")

    if synchronicities:
        lines.append(tr("-- Synchronicities --"))
        lines.extend(f"  * {sync}" for sync in synchronicities)
        lines.append("")

    count = len(synchronicities)
    template = (
        "Reading assembled from {systems} system(s) with {count} synchronicity detected."
        if count == 1
        else "Reading assembled from {systems} system(s) with {count} synchronicities detected."
    )
    lines.append(trf(template, systems=system_count, count=count))
    return "\n".join(lines)


def _safe_str(value: object) -> str:
    try:
        return str(value)
    except ValueError:  # an int beyond Python's str conversion limit
        raise UnparseableInputError(
            "The sign is a number too long to read.", field="sign"
        ) from None


def _epoch_seconds(now: datetime | None) -> float | None:
    if now is None:
        return None
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return now.timestamp()


def read_sign(
    sign: object,
    date: object = None,
    time_str: object = None,
    location: object = None,
    context: object = None,
    *,
    now: datetime | None = None,
) -> dict:
    """Read a sign (text, number or clock time someone saw), optionally at a date and time.

    `date` is `YYYY-MM-DD`; an impossible or malformed date raises `InvalidDateError`.
    `time_str` is `HH:MM`; like V4, an out-of-range time is used for its numbers only. `location`
    and `context` are echoed. `timestamp` in the result is `now` as Unix seconds (naive = UTC), or
    None when no `now` is given — the engine never reads the clock.

    Keys are V4's; the systems carry the context interpreters look for (V4's lacked it), after V4's
    keys: `numerology.reductions`/`life_path` (life path of the date, or None), and when a date is
    given `fc60.token/animal/element` (the day's FC60 token, the stamp's core energy), `moon.phase`,
    `ganzhi.year_pillar/day_pillar` and, with a valid time, `ganzhi.hour_pillar`.
    """
    timestamp = _epoch_seconds(now)
    sign_str = "" if sign is None else _safe_str(sign)
    numbers = _sign_numbers(sign, sign_str, time_str)
    parsed_date = _parse_date(date)
    parsed_time = _parse_time(time_str)

    numerology_system = {"numbers": [_number_entry(n) for n in numbers]}
    fc60_system: dict = {}
    moon_system: dict = {}
    ganzhi_system: dict = {}
    zodiac_system: dict = {}
    extra_ganzhi: dict = {}
    if parsed_date is not None:
        year, month, day = parsed_date
        hour, minute = parsed_time or (0, 0)
        encoded = encode_fc60(year, month, day, hour, minute, 0, 0, 0, hour != 0 or minute != 0)
        fc60_system = {key: encoded[key] for key in _FC60_KEPT_KEYS}
        moon_system = _moon_of(encoded)
        stem, branch = ganzhi_year(year)
        ganzhi_system = {
            "year_name": encoded["gz_name"],
            "year_animal": ANIMAL_NAMES[branch],
            "year_stem": STEM_NAMES[stem],
            "year_stem_chinese": STEM_CHINESE[stem],
            "stem_element": STEM_ELEMENTS[stem],
            "stem_polarity": STEM_POLARITY[stem],
        }
        day_stem, day_branch = ganzhi_day(encoded["jdn"])
        extra_ganzhi = {
            "year_pillar": encoded["gz_name"],
            "day_pillar": _pillar_name(day_stem, day_branch),
        }
        if parsed_time is not None:
            chinese_hour = _get_chinese_hour(hour)
            # The hour pillar comes from the day stem (V4 used the year stem).
            hour_stem, hour_branch = ganzhi_hour(hour, day_stem)
            ganzhi_system.update(
                hour_animal=chinese_hour["animal"],
                hour_branch=chinese_hour["branch"],
                hour_stem=STEM_NAMES[hour_stem],
                hour_stem_chinese=STEM_CHINESE[hour_stem],
            )
            extra_ganzhi["hour_pillar"] = _pillar_name(hour_stem, hour_branch)
        zodiac_system = zodiac_of(month, day)

    angel_system = {
        "matches": [
            {"number": n, "meaning": tr(ANGEL_NUMBERS[n])} for n in numbers if n in ANGEL_NUMBERS
        ]
    }

    chaldean_system: dict = {}
    if any(ch.isalpha() for ch in sign_str.upper()):
        letters = _chaldean_letters(sign_str)
        raw_sum = sum(value for _, value in letters)
        value = numerology_reduce(raw_sum)
        chaldean_system = {
            "value": value,
            "meaning": _pythagorean_meaning(value),
            "letter_values": ", ".join(f"{ch}={v}" for ch, v in letters),
            "raw_sum": raw_sum,
        }

    systems = {
        "numerology": numerology_system,
        "fc60": fc60_system,
        "moon": moon_system,
        "ganzhi": ganzhi_system,
        "zodiac": zodiac_system,
        "angel": angel_system,
        "chaldean": chaldean_system,
    }
    # V4's count of contributing systems, taken before the added life path can make an otherwise
    # empty numerology system count.
    system_count = sum(1 for value in systems.values() if _counts_as_system(value))

    numerology_system["reductions"] = [entry["reduced"] for entry in numerology_system["numbers"]]
    numerology_system["life_path"] = life_path(*parsed_date) if parsed_date else None
    if parsed_date is not None:
        day = parsed_date[2]
        fc60_system.update(
            token=token60(day), animal=ANIMAL_NAMES[day // 5], element=ELEMENT_NAMES[day % 5]
        )
        ganzhi_system.update(extra_ganzhi)

    synchronicities = _check_synchronicity(numbers)
    if isinstance(time_str, str) and time_str in MIRROR_NUMBERS:
        mirror_time = _mirror("Mirror time {mirror}: {meaning}", time_str)
        if mirror_time not in synchronicities:
            synchronicities.append(mirror_time)

    return {
        "sign": sign_str,
        "numbers": numbers,
        "systems": systems,
        "interpretation": _generate_interpretation(systems, synchronicities, system_count),
        "synchronicities": synchronicities,
        "timestamp": timestamp,
        "location": location,
        "context": context,
    }


# ─── read_name ──────────────────────────────────────────────────────────────────────────────

_NO_NAME = {
    "name": "",
    "error": "No name provided",
    "expression": 0,
    "soul_urge": 0,
    "personality": 0,
    "life_path": None,
    "chaldean": 0,
    "interpretation": "No name provided for reading.",
}


def read_name(
    name: str | None,
    birthday: object = None,
    mother_name: str | None = None,
    *,
    system: str = "auto",
) -> dict:
    """Name reading: Expression, Soul Urge, Personality (numerology `system`, default automatic:
    Persian/Arabic script is counted with Abjad, anything else Pythagorean) beside the Chaldean
    value.

    Empty input follows V4: an empty or blank name returns the `No name provided`
    result (zeros, `life_path` None). A name with no letter the chosen system can count (`123`,
    `!!!`) raises numerology's `InvalidNameError`; so does such a `mother_name` (field
    `mother_name`; a blank one is ignored). A `birthday` that is not a real `YYYY-MM-DD` date
    raises `InvalidDateError` (field `birthday`). Added key (after V4's):
    `numerology_system`, the system actually used.
    """
    if name is None or (isinstance(name, str) and not name.strip()):
        return {
            **_NO_NAME,
            "error": tr(_NO_NAME["error"]),
            "interpretation": tr(_NO_NAME["interpretation"]),
        }
    used_system = resolve_numerology_system(name, system)
    expression = name_to_number(name, system=used_system)
    soul_urge = name_soul_urge(name, system=used_system)
    personality = name_personality(name, system=used_system)
    chaldean = _chaldean_reduce(name)

    result: dict = {
        "name": name,
        "expression": expression,
        "soul_urge": soul_urge,
        "personality": personality,
        "life_path": None,
        "chaldean": chaldean,
        "interpretation": "",
        "expression_meaning": life_path_meaning_text(expression),
        "soul_urge_meaning": life_path_meaning_text(soul_urge),
        "personality_meaning": life_path_meaning_text(personality),
    }
    parsed = _parse_date(birthday, field="birthday")
    if parsed is not None:
        result["life_path"] = life_path(*parsed)
        result["life_path_meaning"] = life_path_meaning_text(result["life_path"])
        result["birthday_zodiac"] = zodiac_of(parsed[1], parsed[2])
    letters = _chaldean_letters(name)
    result["chaldean_meaning"] = _pythagorean_meaning(chaldean)
    result["chaldean_breakdown"] = " + ".join(f"{ch}={v}" for ch, v in letters)
    result["chaldean_raw_sum"] = sum(v for _, v in letters)
    if mother_name and (not isinstance(mother_name, str) or mother_name.strip()):
        result["mother_influence"] = _mother_influence(mother_name, system)
    result["interpretation"] = _name_interpretation(result, _SYSTEM_TITLES[used_system])
    result["numerology_system"] = used_system
    return result


def _mother_influence(mother_name: str, system: str) -> dict[str, object]:
    try:
        expression = name_to_number(
            mother_name, system=resolve_numerology_system(mother_name, system)
        )
    except InvalidNameError as error:
        raise InvalidNameError(str(error), field="mother_name") from None
    return {
        "name": mother_name,
        "chaldean": _chaldean_reduce(mother_name),
        "expression": expression,
        "expression_meaning": life_path_meaning_text(expression),
    }


def _name_interpretation(r: dict, system_title: str) -> str:
    lines = [
        trf("=== NAME READING: {name} ===", name=r["name"].upper()),
        "",
        trf("-- {system} Numerology --", system=tr(system_title)),
        trf(
            "  Expression (full name): {number} - {meaning}",
            number=r["expression"],
            meaning=r["expression_meaning"],
        ),
        trf(
            "  Soul Urge (vowels): {number} - {meaning}",
            number=r["soul_urge"],
            meaning=r["soul_urge_meaning"],
        ),
        trf(
            "  Personality (consonants): {number} - {meaning}",
            number=r["personality"],
            meaning=r["personality_meaning"],
        ),
    ]
    if r["life_path"] is not None:
        lines.append(
            trf(
                "  Life Path: {number} - {meaning}",
                number=r["life_path"],
                meaning=r["life_path_meaning"],
            )
        )
    lines += ["", tr("-- Chaldean Numerology --")]
    chaldean_line = trf(
        "  Chaldean value: {number} - {meaning}",
        number=r["chaldean"],
        meaning=r["chaldean_meaning"],
    )
    if r["chaldean_breakdown"]:
        lines.append(chaldean_line)
        lines.append(trf("  Breakdown: {breakdown}", breakdown=r["chaldean_breakdown"]))
    elif system_title == "Abjad":
        # Chaldean counts Latin letters only; "0 - explore its vibration" would read as a result.
        lines.append(tr("  Chaldean counts Latin letters; this name is read with Abjad above."))
    else:
        lines.append(chaldean_line)
    lines.append("")
    zodiac = r.get("birthday_zodiac")
    if zodiac is not None:
        lines += [
            tr("-- Birthday Zodiac --"),
            trf(
                "  {sign} ({element} / {quality}), ruled by {planet}",
                sign=tr(zodiac["sign"]),
                element=tr(zodiac["element"]),
                quality=tr(zodiac["quality"]),
                planet=tr(zodiac["ruling_planet"]),
            ),
            "",
        ]
    mother = r.get("mother_influence")
    if mother is not None:
        lines += [
            # Never the mother's name itself: interpretations are stored, shared and exported.
            tr("-- Mother's Influence --"),
            trf(
                "  Expression: {number} - {meaning}",
                number=mother["expression"],
                meaning=mother["expression_meaning"],
            ),
            trf("  Chaldean: {number}", number=mother["chaldean"]),
            "",
        ]
    expression, chaldean = r["expression"], r["chaldean"]
    if expression and chaldean:
        if expression == chaldean:
            lines.append(tr(_COMPARISON_SAME).format(expression))
        else:
            lines.append(tr(_COMPARISON_DIFFERENT).format(expression, chaldean))
    return "\n".join(lines)


# ─── question_sign, get_human_meaning, daily_insight ──────────────────────────────


def get_human_meaning(code: str | None) -> str:
    """Meaning of an FC60 code: a combined pair, a single 2-letter code, or the known parts of a
    `-`-separated code joined with ` + `."""
    if not code:
        return tr("No code provided")
    text = str(code)
    upper = text.strip().upper()
    if upper in COMBINED_MEANINGS:
        return tr(COMBINED_MEANINGS[upper])
    if upper in FC60_MEANINGS:
        return tr(FC60_MEANINGS[upper])
    parts = (part.strip() for part in upper.split("-"))
    meanings = [tr(FC60_MEANINGS[part]) for part in parts if part in FC60_MEANINGS]
    if meanings:
        return " + ".join(meanings)
    return trf("Unknown FC60 symbol: {code}", code=text)


def _moment_date(moment: object, argument: str) -> date:
    if not isinstance(moment, date):
        raise TypeError(f"{argument} must be a date or datetime, not {type(moment).__name__}")
    return moment


def _moon_line(moon: dict) -> str:
    return trf(
        "Moon: {phase_name} ({illumination:.0f}% illuminated) — {meaning}",
        phase_name=tr(moon["phase_name"]),
        illumination=moon["illumination"],
        meaning=moon["meaning"],
    )


def question_sign(question: str | None, timestamp: datetime) -> dict:
    """Question reading at `timestamp` — the asker's moment, passed in (no hidden clock).

    The wall-clock date and time of `timestamp` are used as given (its zone is the caller's
    choice). `fc60.raw` is the FC60 record of that moment — its date, time and UTC offset (V4
    encoded the date at 00:00:00, so a question asked at 15:35 carried a midnight stamp beside
    the moment's own; a `date`, or a naive midnight, gives V4's record).
    `fc60.code` is that stamp and `fc60.meaning` its meaning, and `moon` holds the moment's moon
    phase; both are in `reading` (V4 said "No code provided" and gave an empty moon).
    """
    moment = _moment_date(timestamp, "timestamp")
    hour = getattr(moment, "hour", 0)
    minute = getattr(moment, "minute", 0)
    numbers = _extract_numbers(question, field="question")
    numerology: dict = {}
    if numbers:
        reduced = [numerology_reduce(n) for n in numbers]
        numerology = {
            "numbers": numbers,
            "reduced": reduced,
            "meanings": [_pythagorean_meaning(r) for r in reduced],
        }
    raw = (
        encode_datetime(moment)
        if isinstance(moment, datetime)
        else encode_fc60(moment.year, moment.month, moment.day)
    )
    code = raw["stamp"]
    fc60 = {"code": code, "meaning": get_human_meaning(code), "raw": raw}
    moon = _moon_of(raw)

    parts = []
    if numerology:
        parts.append(trf("Numerology: {meanings}", meanings=", ".join(numerology["meanings"])))
    parts.append(trf("FC60: {code} ({meaning})", code=code, meaning=fc60["meaning"]))
    parts.append(_moon_line(moon))

    if numbers:
        synchronicities = _check_synchronicity(numbers)
        advice = (
            trf(SYNCHRONICITY_ADVICE, synchronicity=synchronicities[0])
            if synchronicities
            else tr("The numbers carry their message — reflect on what drew your attention")
        )
    else:
        advice = tr("No numbers in your question — focus on the feeling, not the logic")

    return {
        "question": question,
        "moment": f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d} {hour:02d}:{minute:02d}",
        "numerology": numerology,
        "fc60": fc60,
        "moon": moon,
        "reading": " | ".join(parts),
        "advice": advice,
    }


def daily_insight(date: date) -> dict:
    """Insight for one calendar day (a `date` or `datetime`; its wall-clock date is used).

    V4 keys `date`, `insight`, `lucky_numbers`, `energy`; unlike V4's, the insight names
    the day's real FC60 stamp and its meaning and the moon phase, also given as the added keys
    `fc60` (`{"code", "meaning"}`) and `moon` (same shape as `read_sign`'s moon system).
    """
    day = _moment_date(date, "date")
    y, m, d = day.year, day.month, day.day
    day_number = numerology_reduce(int(f"{y:04d}{m:02d}{d:02d}"))
    month_number = numerology_reduce(m)
    year_number = numerology_reduce(y)
    energy, quality = DAILY_ENERGIES.get(day_number, _DAILY_DEFAULT)

    encoded = encode_fc60(y, m, d, include_time=False)
    code = encoded["stamp"]
    fc60 = {"code": code, "meaning": get_human_meaning(code)}
    moon = _moon_of(encoded)
    insight = trf(
        "Day of {energy} — {quality}. Day number: {day_number} | FC60: {code} ({meaning}) | {moon}",
        energy=tr(energy),
        quality=tr(quality),
        day_number=day_number,
        code=code,
        meaning=fc60["meaning"],
        moon=_moon_line(moon),
    )
    return {
        "date": f"{y:04d}-{m:02d}-{d:02d}",
        "insight": insight,
        "lucky_numbers": sorted({day_number, month_number, year_number})[:4],
        "energy": energy,
        "fc60": fc60,
        "moon": moon,
    }
