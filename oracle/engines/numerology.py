"""Name and date numerology in three letter systems: Pythagorean, Chaldean and Abjad.

Pythagorean results for Latin names are NPS V4's, value for value. Beyond V4:
Chaldean (T8) and Abjad (Persian/Arabic letter values) are full systems, chosen
automatically from the name's script (any Persian/Arabic letter → Abjad) unless the caller names
one.

One reduction rule everywhere: `numerology_reduce` sums decimal digits of
|n| until one digit remains, keeping the master numbers 11, 22 and 33. V4 reduced the *digit sum*
of sign numbers (11 → 2) while flagging them as masters; here 11 stays 11 wherever it is reduced.

Pure Python: no Django, no I/O, no clock, no mutable module state.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from .errors import InvalidDateError, InvalidNameError, require_int
from .errors import InvalidNumerologySystemError as _InvalidSystemError
from .fc60 import (
    MAX_YEAR,
    MIN_YEAR,
    validate_date,
)
from .i18n import tr

__all__ = [
    "ABJAD",
    "ABJAD_VALUES",
    "ABJAD_VOWELS",
    "AUTO",
    "CHALDEAN",
    "CHALDEAN_VALUES",
    "LETTER_VALUES",
    "LIFE_PATH_MEANINGS",
    "MASTER_NUMBERS",
    "NUMEROLOGY_SYSTEMS",
    "PYTHAGOREAN",
    "VOWELS",
    "detect_system",
    "digit_sum",
    "has_countable_letter",
    "has_persian_arabic_letters",
    "letter_value",
    "life_path",
    "life_path_meaning_text",
    "name_personality",
    "name_soul_urge",
    "name_sum",
    "name_to_number",
    "numerology_reduce",
    "personal_day",
    "personal_month",
    "personal_year",
    "resolve_numerology_system",
]

MASTER_NUMBERS: Final = frozenset({11, 22, 33})

PYTHAGOREAN: Final = "pythagorean"
CHALDEAN: Final = "chaldean"
ABJAD: Final = "abjad"
AUTO: Final = "auto"
NUMEROLOGY_SYSTEMS: Final = (PYTHAGOREAN, CHALDEAN, ABJAD)

#: T7 — A–I = 1–9, J–R = 1–9, S–Z = 1–8.
LETTER_VALUES: Final[Mapping[str, int]] = MappingProxyType(
    {chr(ord("A") + i): i % 9 + 1 for i in range(26)}
)
#: Latin vowels for soul urge; Y is a consonant (as in V4).
VOWELS: Final = frozenset("AEIOU")

#: T8 — Chaldean values (no letter is worth 9).
CHALDEAN_VALUES: Final[Mapping[str, int]] = MappingProxyType(
    dict(
        zip(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            (1, 2, 3, 4, 5, 8, 3, 5, 1, 1, 2, 3, 4, 5, 7, 8, 1, 2, 3, 4, 6, 6, 6, 5, 1, 7),
            strict=True,
        )
    )
)

#: The Abjad table (ا1 ب2 … غ1000). Persian letters take their Arabic counterpart's value and
#: alef variants count as alef. Diacritics, tatweel and ZWNJ/ZWJ are absent, i.e. worth 0.
#: Beyond the classical list: ى ئ (forms of yeh) = 10, ؤ = 6, ة ۀ ھ (forms of heh) = 5 and
#: hamza ء = 1, so the Arabic and Persian spellings of a name (فاطمة / فاطمه) get the same number.
ABJAD_VALUES: Final[Mapping[str, int]] = MappingProxyType(
    {
        "ا": 1,
        "آ": 1,
        "أ": 1,
        "إ": 1,
        "ٱ": 1,
        "ء": 1,
        "ب": 2,
        "پ": 2,
        "ج": 3,
        "چ": 3,
        "د": 4,
        "ه": 5,
        "ة": 5,
        "ۀ": 5,
        "ھ": 5,
        "و": 6,
        "ؤ": 6,
        "ز": 7,
        "ژ": 7,
        "ح": 8,
        "ط": 9,
        "ي": 10,
        "ی": 10,
        "ى": 10,
        "ئ": 10,
        "ک": 20,
        "ك": 20,
        "گ": 20,
        "ل": 30,
        "م": 40,
        "ن": 50,
        "س": 60,
        "ع": 70,
        "ف": 80,
        "ص": 90,
        "ق": 100,
        "ر": 200,
        "ش": 300,
        "ت": 400,
        "ث": 500,
        "خ": 600,
        "ذ": 700,
        "ض": 800,
        "ظ": 900,
        "غ": 1000,
    }
)
#: Long-vowel letters (and alef variants) — the Abjad "vowels" for soul urge; alef maksura ى is
#: added beside ا و ي ی because it spells the same long vowel.
ABJAD_VOWELS: Final = frozenset("اويیآأإٱى")

_TABLES: Final[Mapping[str, Mapping[str, int]]] = MappingProxyType(
    {PYTHAGOREAN: LETTER_VALUES, CHALDEAN: CHALDEAN_VALUES, ABJAD: ABJAD_VALUES}
)
_SYSTEM_VOWELS: Final[Mapping[str, frozenset[str]]] = MappingProxyType(
    {PYTHAGOREAN: VOWELS, CHALDEAN: VOWELS, ABJAD: ABJAD_VOWELS}
)
_SYSTEM_LABELS: Final[Mapping[str, str]] = MappingProxyType(
    {PYTHAGOREAN: "Pythagorean", CHALDEAN: "Chaldean", ABJAD: "Abjad"}
)

#: T9 — number → (title, message).
LIFE_PATH_MEANINGS: Final[Mapping[int, tuple[str, str]]] = MappingProxyType(
    {
        1: ("The Pioneer", "Lead, start, go first"),
        2: ("The Bridge", "Connect, harmonize, feel"),
        3: ("The Voice", "Create, express, beautify"),
        4: ("The Architect", "Build, structure, stabilize"),
        5: ("The Explorer", "Change, adapt, experience"),
        6: ("The Guardian", "Nurture, heal, protect"),
        7: ("The Seeker", "Question, analyze, find meaning"),
        8: ("The Powerhouse", "Master, achieve, build legacy"),
        9: ("The Sage", "Complete, teach, transcend"),
        11: ("The Visionary", "See what hasn't been built (master)"),
        22: ("The Master Builder", "Turn impossible visions into reality (master)"),
        33: ("The Master Teacher", "Heal through compassionate leadership (master)"),
    }
)

# Blocks of the Arabic script (Arabic, Supplement, Extended-A, presentation forms A and B).
_ARABIC_RANGES: Final = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x08A0, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)


# ---------------------------------------------------------------------------------------------
# Reduction
# ---------------------------------------------------------------------------------------------


def digit_sum(n: int) -> int:
    """Sum of the decimal digits of |n|."""
    n = abs(require_int(n, "number"))
    total = 0
    while n:
        n, digit = divmod(n, 10)
        total += digit
    return total


def numerology_reduce(n: int) -> int:
    """The one reduction rule: digit-sum |n| until 0–9, stopping at a master number 11/22/33.

    0 → 0, 29 → 11, 38 → 11, 44 → 8, 1999 → 1. Negative numbers reduce like their absolute value
    (V4 returned them unreduced, e.g. −15; every V4 caller took the digit sum of |n| first).
    """
    n = abs(require_int(n, "number"))
    while n > 9 and n not in MASTER_NUMBERS:
        n = digit_sum(n)
    return n


def life_path_meaning_text(n: int) -> str:
    """`"{title}: {message}"` from T9, or `""` for numbers without an entry (such as 0)."""
    meaning = LIFE_PATH_MEANINGS.get(n)
    return f"{tr(meaning[0])}: {tr(meaning[1])}" if meaning else ""


# ---------------------------------------------------------------------------------------------
# Systems and script detection
# ---------------------------------------------------------------------------------------------


def _is_arabic_letter(ch: str) -> bool:
    code = ord(ch)
    return ch.isalpha() and any(low <= code <= high for low, high in _ARABIC_RANGES)


def _is_latin_letter(ch: str) -> bool:
    code = ord(ch)
    return ch.isalpha() and (code < 0x0250 or 0x1E00 <= code <= 0x1EFF)


def has_persian_arabic_letters(text: str) -> bool:
    """Whether the text contains at least one letter of the Persian/Arabic script."""
    return any(_is_arabic_letter(ch) for ch in text)


def _normalize_system(system: str) -> str:
    chosen = system.strip().lower() if isinstance(system, str) else None
    if chosen not in (*NUMEROLOGY_SYSTEMS, AUTO):
        raise _InvalidSystemError(
            f"Unknown numerology system {system!r}: use auto, pythagorean, chaldean or abjad."
        )
    return chosen


def detect_system(name: str, preferred: str | None = None, locale: str | None = None) -> str:
    """The letter system for a name: `pythagorean`, `chaldean` or `abjad`.

    An explicit preference wins (`None`, `""` and `auto` mean "no preference"). Otherwise a name
    with any Persian/Arabic letter is Abjad and a name with Latin letters is Pythagorean. The
    locale (`fa*`/`ar*` → Abjad) decides only for names with letters of neither script: V4-later
    let the locale pick Abjad outright, but a Latin name in Abjad would have no letter to count.
    """
    if preferred:
        chosen = _normalize_system(preferred)
        if chosen != AUTO:
            return chosen
    if not isinstance(name, str):
        raise InvalidNameError(f"A name must be text, not {name!r}.")
    if has_persian_arabic_letters(name):
        return ABJAD
    if any(_is_latin_letter(ch) for ch in name):
        return PYTHAGOREAN
    if isinstance(locale, str) and locale.strip().lower()[:2] in ("fa", "ar"):
        return ABJAD
    return PYTHAGOREAN


def resolve_numerology_system(
    name: str, system: str | None = AUTO, locale: str | None = None
) -> str:
    """`detect_system` with the argument order of a per-profile setting: (name, setting)."""
    return detect_system(name, preferred=system, locale=locale)


def has_countable_letter(name: str, system: str | None = AUTO, locale: str | None = None) -> bool:
    """Whether the name has at least one letter its (detected or given) system can count."""
    if not isinstance(name, str):
        return False
    chosen = detect_system(name, preferred=system, locale=locale)
    text = unicodedata.normalize("NFKC", name) if chosen == ABJAD else name.upper()
    table = _TABLES[chosen]
    return any(ch in table for ch in text)


def _prepare(name: str, system: str, locale: str | None) -> tuple[str, str]:
    """(text to count, system) for a validated name; raises when nothing in it can be counted."""
    if not isinstance(name, str):
        raise InvalidNameError(f"A name must be text, not {name!r}.")
    if not name.strip():
        raise InvalidNameError("The name is empty: enter a name with at least one letter.")
    chosen = detect_system(name, preferred=system, locale=locale)
    # Abjad counts letters as written; NFKC folds presentation forms (ﻋ → ع) onto them.
    # Latin names keep V4's full Unicode upper-casing (ß → SS) and no other normalisation.
    text = unicodedata.normalize("NFKC", name) if chosen == ABJAD else name.upper()
    table = _TABLES[chosen]
    if not any(ch in table for ch in text):
        if chosen == ABJAD:
            allowed = "Persian or Arabic letters"
        else:
            allowed = "Latin letters A–Z (or choose Abjad for a Persian/Arabic name)"
        raise InvalidNameError(
            f"{name!r} has no letter that {_SYSTEM_LABELS[chosen]} numerology can count: "
            f"write it with {allowed}."
        )
    return text, chosen


def letter_value(ch: str, system: str = PYTHAGOREAN) -> int:
    """Value of one character in a system (0 for characters the system does not count)."""
    chosen = _normalize_system(system)
    if chosen == AUTO:
        chosen = ABJAD if _is_arabic_letter(ch) else PYTHAGOREAN
    if chosen == ABJAD:
        return sum(ABJAD_VALUES.get(c, 0) for c in unicodedata.normalize("NFKC", ch))
    return sum(_TABLES[chosen].get(c, 0) for c in ch.upper())


def name_sum(name: str, *, system: str = AUTO, locale: str | None = None) -> int:
    """Unreduced letter total of a name (علی → 110 in Abjad)."""
    text, chosen = _prepare(name, system, locale)
    table = _TABLES[chosen]
    return sum(table.get(ch, 0) for ch in text)


def name_to_number(name: str, *, system: str = AUTO, locale: str | None = None) -> int:
    """Expression (destiny) number: the reduced total of every letter of the name."""
    return numerology_reduce(name_sum(name, system=system, locale=locale))


def name_soul_urge(name: str, *, system: str = AUTO, locale: str | None = None) -> int:
    """Soul urge: the reduced total of the vowels (AEIOU; in Abjad ا و ی and alef forms)."""
    text, chosen = _prepare(name, system, locale)
    table, vowels = _TABLES[chosen], _SYSTEM_VOWELS[chosen]
    return numerology_reduce(sum(table[ch] for ch in text if ch in vowels and ch in table))


def name_personality(name: str, *, system: str = AUTO, locale: str | None = None) -> int:
    """Personality: the reduced total of the counted letters that are not vowels."""
    text, chosen = _prepare(name, system, locale)
    table, vowels = _TABLES[chosen], _SYSTEM_VOWELS[chosen]
    return numerology_reduce(sum(table[ch] for ch in text if ch in table and ch not in vowels))


# ---------------------------------------------------------------------------------------------
# Date numbers
# ---------------------------------------------------------------------------------------------


def life_path(year: int, month: int, day: int) -> int:
    """Life path of a real birth date: reduce(reduce(day) + reduce(month) + reduce(year)).

    Masters survive at every stage (day 29 → 11, month 11 → 11). V4 reduced the year's digit
    sum, which differs only for the years 11, 22 and 33, now kept as masters like everything else.
    """
    validate_date(year, month, day)
    return numerology_reduce(
        numerology_reduce(day) + numerology_reduce(month) + numerology_reduce(year)
    )


def _validate_birthday(month: int, day: int) -> None:
    """Month and day of a birthday without its year: 29 February is allowed."""
    validate_date(2000, month, day)


def _validate_year(year: int, what: str) -> None:
    if isinstance(year, bool) or not isinstance(year, int):
        raise InvalidDateError(f"The {what} must be a whole number, not {year!r}.")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidDateError(
            f"Year {year} is not supported: use a year from {MIN_YEAR} to {MAX_YEAR}."
        )


def personal_year(birth_month: int, birth_day: int, current_year: int) -> int:
    """Personal year: reduce(reduce(birth month) + reduce(birth day) + reduce(current year))."""
    _validate_birthday(birth_month, birth_day)
    _validate_year(current_year, "current year")
    return numerology_reduce(
        numerology_reduce(birth_month)
        + numerology_reduce(birth_day)
        + numerology_reduce(current_year)
    )


def personal_month(birth_month: int, birth_day: int, current_year: int, current_month: int) -> int:
    """Personal month from a real birthday: reduce(personal year + current month) (V4-later)."""
    if isinstance(current_month, bool) or not isinstance(current_month, int):
        raise InvalidDateError(f"The month must be a whole number, not {current_month!r}.")
    if not 1 <= current_month <= 12:
        raise InvalidDateError(f"Month {current_month} does not exist: use a month from 1 to 12.")
    return numerology_reduce(personal_year(birth_month, birth_day, current_year) + current_month)


def personal_day(
    birth_month: int, birth_day: int, current_year: int, current_month: int, current_day: int
) -> int:
    """Personal day from a real birthday: reduce(personal month + current day) (V4-later)."""
    validate_date(current_year, current_month, current_day)
    month_number = personal_month(birth_month, birth_day, current_year, current_month)
    return numerology_reduce(month_number + current_day)


# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------------
# personal reading
# ---------------------------------------------------------------------------------------------
