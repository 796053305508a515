"""A reading's context: the values an interpretation speaks of (FC60 sign, element, animal, life
path, moon, Gānzhī, zodiac, name numbers, answer…), looked up in a reading's result and written as
text; a missing value is ``(not available)``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from oracle.engines.errors import EngineError
from oracle.engines.i18n import tr
from oracle.engines.numerology import (
    LIFE_PATH_MEANINGS,
    life_path_meaning_text,
    name_personality,
    name_soul_urge,
    name_to_number,
)
from oracle.engines.signs import SYNCHRONICITY_ADVICE

NOT_AVAILABLE = "(not available)"


def _text(value: Any) -> str:
    """A context value as text; missing/empty values are ``(not available)``."""
    if value is None or value == "" or value == [] or value == {}:
        return NOT_AVAILABLE
    return str(value)


def available(value: str) -> bool:
    """Whether a context value is there (not ``(not available)``)."""
    return value != NOT_AVAILABLE


def meaning_of(number: Any) -> str:
    """``"Title: message"`` of a life-path style number (T9), or ``""``."""
    if isinstance(number, int) and number in LIFE_PATH_MEANINGS:
        return life_path_meaning_text(number)
    return ""


def _name_numbers(name: str) -> dict[str, Any]:
    try:
        return {
            "expression": name_to_number(name),
            "soul_urge": name_soul_urge(name),
            "personality": name_personality(name),
        }
    except EngineError:
        return {}


def _synchronicity_text(items: Any) -> str:
    return "; ".join(str(item) for item in items) if items else "none detected"


def _first_present(*values: Any) -> Any:
    return next((value for value in values if value is not None and value != ""), None)


_CORE_NUMBERS = ("expression", "soul_urge", "personality")


def build_reading_context(
    reading: Mapping[str, Any], name: str = "", *, person: Mapping[str, Any] | None = None
) -> dict[str, str]:
    """Context of a time/sign reading: a ``read_sign`` result or a composed time reading.

    Looks the values up where V4's interpreter meant to (V4's found none): ``systems.fc60.token``,
    ``.element``, ``.animal`` (the day's FC60 energy), ``systems.numerology.life_path`` (or the
    first reduction), ``systems.moon.phase``, ``systems.ganzhi.year_pillar`` + ``hour_pillar``,
    ``systems.zodiac.sign``. A ``person`` (or the reading's ``person`` key) supplies the name,
    life path, birth zodiac and name numbers of a reading made for a profile; otherwise the name
    numbers come from ``name`` when given. Every value is text; a missing one is
    ``(not available)``.
    """
    person = person if person is not None else reading.get("person") or {}
    systems = reading.get("systems") or {}
    fc60 = systems.get("fc60") or {}
    numerology = systems.get("numerology") or {}
    moon = systems.get("moon") or {}
    ganzhi = systems.get("ganzhi") or {}
    zodiac = systems.get("zodiac") or {}
    reductions = numerology.get("reductions") or [None]
    year_pillar = _first_present(ganzhi.get("year_pillar"), ganzhi.get("year_name"))
    if year_pillar and ganzhi.get("hour_pillar"):
        year_pillar = f"{year_pillar}, hour: {ganzhi['hour_pillar']}"
    zodiac_sign = _first_present(person.get("zodiac"), zodiac.get("sign"))
    values: dict[str, Any] = {
        "fc60_sign": _first_present(fc60.get("token"), fc60.get("full_output"), fc60.get("stamp")),
        "element": fc60.get("element"),
        "animal": fc60.get("animal"),
        "life_path": _first_present(
            person.get("life_path"), numerology.get("life_path"), reductions[0]
        ),
        "moon_phase": _first_present(moon.get("phase"), moon.get("phase_name")),
        "ganzhi": year_pillar,
        "zodiac_sign": None if zodiac_sign == "Unknown" else zodiac_sign,
        "interpretation": _first_present(reading.get("interpretation"), reading.get("summary")),
        "synchronicities": _synchronicity_text(reading.get("synchronicities")),
    }
    display_name = name or person.get("name") or ""
    numbers = {key: person[key] for key in _CORE_NUMBERS if key in person}
    if not numbers and display_name:
        numbers = _name_numbers(display_name)
    values.update({key: numbers.get(key) for key in _CORE_NUMBERS})
    ctx = {key: _text(value) for key, value in values.items()}
    ctx["name"] = display_name or tr("Seeker")
    return ctx


def build_name_context(name_data: Mapping[str, Any]) -> dict[str, str]:
    """Context of a name reading: a ``read_name`` result or a composed name reading."""
    person = name_data.get("person") or {}
    expression = name_data.get("destiny_number", name_data.get("expression"))
    soul_urge = name_data.get("soul_urge")
    personality = name_data.get("personality")
    zodiac = name_data.get("birthday_zodiac") or {}
    letters = name_data.get("letters") or []
    element_counts: dict[str, int] = {}
    for letter in letters:
        if letter.get("element"):
            element_counts[letter["element"]] = element_counts.get(letter["element"], 0) + 1
    letter_element = max(element_counts, key=element_counts.__getitem__) if element_counts else None
    values = {
        "name": name_data.get("name") or tr("Seeker"),
        "numerology_system": name_data.get("numerology_system") or "pythagorean",
        "expression": expression,
        "expression_meaning": meaning_of(expression),
        "soul_urge": soul_urge,
        "soul_urge_meaning": meaning_of(soul_urge),
        "personality": personality,
        "personality_meaning": meaning_of(personality),
        "life_path": name_data.get("life_path") or person.get("life_path"),
        "zodiac_sign": zodiac.get("sign") or person.get("zodiac"),
        "element": person.get("element") or letter_element,
        "animal": person.get("animal"),
    }
    return {key: _text(value) for key, value in values.items()}


def _weekday(encoding: Mapping[str, Any]) -> str | None:
    if not encoding.get("weekday_name"):
        return None
    return f"{encoding['weekday_name']} ({encoding.get('weekday_planet', '')})"


def build_question_context(question_data: Mapping[str, Any]) -> dict[str, str]:
    """Context of a composed question reading (:func:`oracle.engines.compose.compose_question`)."""
    encoding = question_data.get("fc60_encoding") or {}
    person = question_data.get("person") or {}
    fc60 = question_data.get("fc60") or {}
    moon = question_data.get("moon") or {}
    advice = str(question_data.get("advice") or "")
    prefix = tr(SYNCHRONICITY_ADVICE).split("{", 1)[0]
    sign_number = question_data.get("sign_number")
    values = {
        "name": person.get("name") or tr("Seeker"),
        "question": question_data.get("question"),
        "answer": question_data.get("answer"),
        "sign_number": sign_number,
        "sign_meaning": question_data.get("sign_meaning") or meaning_of(sign_number),
        "fc60_sign": _first_present(fc60.get("code"), encoding.get("stamp")),
        "moon_phase": _first_present(moon.get("phase_name"), encoding.get("moon_name")),
        "weekday": _weekday(encoding),
        "ganzhi": encoding.get("gz_name"),
        "synchronicity": advice.removeprefix(prefix) if advice.startswith(prefix) else None,
    }
    return {key: _text(value) for key, value in values.items()}


def build_daily_context(daily_data: Mapping[str, Any]) -> dict[str, str]:
    """Context of a composed daily reading (:func:`oracle.engines.compose.compose_daily`)."""
    encoding = daily_data.get("fc60_encoding") or {}
    person = daily_data.get("person") or {}
    personal = daily_data.get("personal") or {}
    fc60 = daily_data.get("fc60") or {}
    moon = daily_data.get("moon") or {}
    values = {
        "name": person.get("name") or tr("Seeker"),
        "date": daily_data.get("date"),
        "energy": daily_data.get("optimal_activity"),
        "quality": daily_data.get("quality"),
        "day_number": daily_data.get("day_number"),
        "lucky_numbers": ", ".join(str(n) for n in daily_data.get("lucky_numbers") or []),
        "personal_day": personal.get("personal_day"),
        "fc60_sign": _first_present(fc60.get("code"), encoding.get("stamp")),
        "moon_phase": _first_present(moon.get("phase_name"), encoding.get("moon_name")),
        "weekday": _weekday(encoding),
        "ganzhi": encoding.get("gz_name"),
    }
    return {key: _text(value) for key, value in values.items()}


_WEEKDAY = re.compile(r"^(?P<day>[A-Za-z]+) \((?P<planet>[A-Za-z]+) (?P<symbol>\S+)\)$")


def weekday_text(value: str) -> str:
    """A context's weekday, ``Wednesday (Mercury ☿)``, in the current language."""
    match = _WEEKDAY.match(value)
    if match is None:
        return tr(value)
    return f"{tr(match['day'])} ({tr(match['planet'])} {match['symbol']})"
