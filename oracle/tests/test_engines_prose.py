"""Interpretations are sentences for people: no Python values and no bare fractions.

Every reading type (time, question, name, daily, group) in English and Persian: every section, the
reading's summary, the group narratives and every deterministic fallback format are walked for
what a Python value looks like when it is pasted into a sentence (``{'role': …}``, ``[3, 7]``,
``None``, ``True``) and for a score written as a fraction (``0.536``) instead of a percentage.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from oracle.engines.compose import (
    ReadingProfile,
    compose_daily,
    compose_multi_user,
    compose_name,
    compose_question,
    compose_time_reading,
)
from oracle.engines.i18n import speaking
from oracle.engines.interpretation import (
    FORMATS,
    SECTION_KEYS,
    interpret_daily,
    interpret_group,
    interpret_name,
    interpret_question,
    interpret_reading,
)
from oracle.engines.multi_user import analyze

LANGUAGES = ("en", "fa")

# What a Python value looks like inside a sentence.
PYTHON_MARKS = ("{'", "[", "]")
PYTHON_WORDS = re.compile(r"\b(?:None|True|False)\b")
# A number with a decimal separator (Latin or Persian digits) not written as a percentage.
BARE_FRACTION = re.compile(r"(?<![0-9۰-۹])[0-9۰-۹]+[.٫][0-9۰-۹]+(?!\s?[%٪])(?![0-9۰-۹])")

ALICE = ReadingProfile(
    full_name="Alice Smith", birth_date=date(1990, 5, 17), mother_name="Mary", tz="Asia/Tehran"
)
ALI = ReadingProfile(
    full_name="Ali Rezaei", birth_date=date(1985, 11, 29), persian_name="علی رضایی"
)
MASTER = ReadingProfile(full_name="Mona Lee", birth_date=date(1992, 9, 29))  # life path 33
PROFILES = (None, ALICE, ALI, MASTER)
MOMENTS = [
    datetime(2021, 1, 1, 0, 0, tzinfo=UTC) + timedelta(days=day * 41.7, hours=day * 5, minutes=day)
    for day in range(24)
]
QUESTIONS = ("Is 7 my number?", "Will it work out?", "Should I move in 2026?", "22 or 11?")
NAMES = ("Alice Smith", "Ali Rezaei", "علی رضایی", "Mona Lee", "Jo")


def person(name: str, year: int, month: int, day: int) -> dict[str, Any]:
    return {"name": name, "birth_year": year, "birth_month": month, "birth_day": day}


GROUPS = {
    "duo": [person("Alice", 1990, 5, 15), person("Bob", 1992, 3, 20)],
    "four-elements-tied": [
        person("Alice", 1990, 5, 15),  # Metal
        person("Bob", 1992, 3, 20),  # Water
        person("Carol", 1988, 11, 7),  # Earth
        person("Dave", 1995, 8, 25),  # Wood
    ],
    "same-names": [
        person("Sam", 1990, 1, 1),
        person("Sam", 1991, 2, 2),
        person("Lee", 1993, 3, 3),
    ],
    "leaders": [person(f"Leader {n}", 1980 + n, 1, 1) for n in range(1, 4)],
    "ten": [person(f"P{n} Doe", 1950 + n * 7, 1 + n % 12, 1 + n * 3 % 28) for n in range(10)],
    "persian": [person("مریم", 1984, 1, 1), person("علی", 1985, 2, 2), person("Cat", 1984, 3, 3)],
}


def _single_readings() -> Iterator[tuple[str, str, dict[str, Any]]]:
    """``(what, summary, composed result)`` of time, question, name and daily readings."""
    for index, moment in enumerate(MOMENTS):
        profile = PROFILES[index % len(PROFILES)]
        reading = compose_time_reading(moment, profile=profile)
        yield f"time {moment:%Y-%m-%d %H:%M}", reading["summary"], reading
        question = QUESTIONS[index % len(QUESTIONS)]
        reading = compose_question(question, moment, profile=profile)
        yield f"question {question!r}", reading["interpretation"], reading
        reading = compose_daily(moment.date(), profile=profile)
        yield f"daily {moment:%Y-%m-%d}", reading["insight"], reading
    for index, name in enumerate(NAMES):
        reading = compose_name(name, profile=PROFILES[index % len(PROFILES)])
        yield f"name {name!r}", reading["interpretation"], reading


_INTERPRETERS = {
    "time": interpret_reading,
    "question": interpret_question,
    "daily": interpret_daily,
    "name": interpret_name,
}


def unavailable_ai(prompt: str, *, system_prompt: str, temperature: float) -> str:
    raise RuntimeError("provider down")


def interpretation_texts() -> Iterator[tuple[str, str]]:
    """``(where, text)`` of every interpretation text of every reading type, in the current
    language."""
    for what, summary, reading in _single_readings():
        yield f"{what} summary", summary
        interpretation = reading["ai_interpretation"]
        for key in SECTION_KEYS:
            yield f"{what} section {key}", interpretation["sections"][key]
        interpret = _INTERPRETERS[what.split()[0]]
        for fmt in FORMATS:  # what the reader gets when the AI fails
            yield f"{what} fallback {fmt}", interpret(reading, fmt, generate=unavailable_ai)["text"]
    for what, users in GROUPS.items():
        result = compose_multi_user(users)
        interpretation = result["ai_interpretation"]
        for key in ("compatibility_narrative", "dynamics_narrative", "energy_narrative"):
            yield f"group {what} {key}", interpretation[key]
        for label, insight in interpretation["individual_insights"].items():
            yield f"group {what} insight {label}", insight
        for key in SECTION_KEYS:
            yield f"group {what} section {key}", interpretation["sections"][key]
        fallback = interpret_group(result, generate=unavailable_ai)
        for key in ("compatibility_narrative", "dynamics_narrative", "energy_narrative"):
            yield f"group {what} fallback {key}", fallback[key]


def python_in_prose(text: str) -> list[str]:
    """What in ``text`` is a Python value or a bare fraction rather than words for a person."""
    found = [mark for mark in PYTHON_MARKS if mark in text]
    found += PYTHON_WORDS.findall(text)
    found += BARE_FRACTION.findall(text)
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_interpretations_hold_no_python_values_or_bare_fractions(language):
    with speaking(language):
        offenders = [
            f"{where}: {found} in {text!r}"
            for where, text in interpretation_texts()
            if (found := python_in_prose(text))
        ]
    assert not offenders, f"{len(offenders)} texts show Python:\n" + "\n".join(offenders[:12])


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Ann: {'role': 'Leader'}", ["{'"]),
        ("lucky [3, 7]", ["[", "]"]),
        ("the moon None", ["None"]),
        ("average compatibility of 0.536.", ["0.536"]),
        ("میانگین ۰٫۵۳۶", ["۰٫۵۳۶"]),
        ("58% or 58 % or ۵۸٪ at 12:30 on 2026-02-08, Life Path 7.", []),
        ("illumination 45.3%", []),
    ],
)
def test_the_check_tells_python_from_prose(text, found):
    assert python_in_prose(text) == found


def test_every_reading_type_is_walked_in_both_languages():
    for language in LANGUAGES:
        with speaking(language):
            kinds = {where.split()[0] for where, _ in interpretation_texts()}
        assert kinds == {"time", "question", "daily", "name", "group"}


def test_group_narrative_names_each_member_with_their_role():
    text = interpret_group(analyze(GROUPS["duo"]))["dynamics_narrative"]
    assert "Alice is the Harmonizer and Bob the Leader." in text
    assert "average compatibility of 58%" in text
    with speaking("fa"):
        persian = interpret_group(analyze(GROUPS["duo"]))["dynamics_narrative"]
    assert "Alice هماهنگ‌کننده است و Bob رهبر." in persian
    assert "میانگین سازگاری گروه به 58% می‌رسد" in persian  # the page writes ۵۸٪
