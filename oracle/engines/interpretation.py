"""Interpretation texts for every reading, with or without AI.

Design (pure, no network):

* Every ``interpret_*`` function builds a *context* from a reading (``build_*_context``), and then
  either asks an optional AI text generator (``generate=``) with a prompt built by
  :func:`build_prompt`, or — when no generator is given, or it fails or answers nothing — returns a
  deterministic fallback text. The result always says which: ``ai_generated`` (single readings) or
  ``ai_available`` (group / all formats).
* The web layer owns the AI client (key, model, cache, rate limit). It passes a callable matching
  :class:`TextGenerator`; an exception raised by it is treated as an AI failure, like V4.
* The fallback texts of V4 are kept word for word for the time/sign reading formats and the group
  narratives. Readings V4 never interpreted without AI (name, question, daily) get their own
  fallback texts here, so every reading has an interpretation with no AI configured.

V4 defects fixed here: 3 (the pair narrative uses the pair's real overall score
and says ``strong`` above 60 %), 4 (contexts are filled from the reading's real keys: FC60 token,
element, animal, life path, moon, Gānzhī pillars, zodiac; ``interpret_name`` uses the name's
context), 11 (group members with the same name are told apart by the labels of
:mod:`oracle.engines.multi_user`).
"""

from __future__ import annotations

import json
import re
import string
import time
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Protocol

from oracle.engines.errors import EngineError
from oracle.engines.fc60 import element_animal
from oracle.engines.i18n import and_list, tr, trf
from oracle.engines.i18n import language as current_language
from oracle.engines.multi_user import member_labels, tied_leaders
from oracle.engines.numerology import (
    LIFE_PATH_MEANINGS,
    life_path_meaning_text,
    name_personality,
    name_soul_urge,
    name_to_number,
)
from oracle.engines.signs import SYNCHRONICITY_ADVICE

NOT_AVAILABLE = "(not available)"
FORMATS: tuple[str, ...] = ("simple", "advice", "action_steps", "universe_message")


class TextGenerator(Protocol):
    """An AI text generator supplied by the caller (the web layer's AI client).

    Returns the generated text, or ``None``/``""`` when it has nothing (unavailable, failed).
    """

    def __call__(self, prompt: str, *, system_prompt: str, temperature: float) -> str | None: ...


def call_generator(
    generate: TextGenerator, prompt: str, *, system_prompt: str, temperature: float = 0.7
) -> tuple[str | None, float]:
    """Ask ``generate``; return ``(text or None, elapsed milliseconds rounded to 0.1)``."""
    started = time.perf_counter()
    try:
        text = generate(prompt, system_prompt=system_prompt, temperature=temperature)
    except Exception:  # any AI failure falls back to the deterministic text, as in V4
        text = None
    elapsed_ms = round((time.perf_counter() - started) * 1000, 1)
    if not isinstance(text, str) or not text.strip():
        return None, elapsed_ms
    return text.strip(), elapsed_ms


# --------------------------------------------------------------------------------------------
# Prompts

SYSTEM_PROMPT = (
    "You are the NPS Oracle, a wise and warm numerology guide. You know FC60 (the base-60 "
    "alphabet of the 12 animals and 5 elements), the Wu Xing generating and overcoming cycles, "
    "Pythagorean, Chaldean and Abjad numerology (life path, expression, soul urge, personality, "
    "the master numbers 11, 22 and 33), the Gānzhī sixty-year cycle, lunar phases and the "
    "Western zodiac. Speak with authority and warmth, weave the systems together into one "
    "message, and never mock the person or the practice."
)

FORMAT_INSTRUCTIONS: Mapping[str, str] = MappingProxyType(
    {
        "simple": (
            "Explain this reading in friendly, simple words a fifth-grader would understand, "
            "with an everyday analogy. At most 150 words."
        ),
        "advice": (
            "Give warm, friend-to-friend advice based on this reading: empathetic, connecting the "
            "systems below into one picture. 200 to 250 words."
        ),
        "action_steps": (
            "Give exactly 3 action steps based on this reading, one for each category Daily "
            "Practice, Decision-Making and Relationships, each written as **Category**: action."
        ),
        "universe_message": (
            'Write a poetic message in the third person that starts with "The universe sees…". '
            "150 to 200 words."
        ),
    }
)

READING_FIELDS = (
    "Person: {name}\nFC60 Sign: {fc60_sign}\nElement: {element}\nAnimal: {animal}\n"
    "Life Path: {life_path}\nZodiac: {zodiac_sign}\nMoon Phase: {moon_phase}\nGanzhi: {ganzhi}\n"
    "{numerology_core}Interpretation Summary: {interpretation}\nSynchronicities: {synchronicities}"
)
NAME_FIELDS = (
    "Name: {name}\nNumerology System: {numerology_system}\n"
    "Expression (Destiny): {expression} — {expression_meaning}\n"
    "Soul Urge: {soul_urge} — {soul_urge_meaning}\n"
    "Personality: {personality} — {personality_meaning}\nLife Path: {life_path}\n"
    "Zodiac: {zodiac_sign}\nElement: {element}\nAnimal: {animal}"
)
QUESTION_FIELDS = (
    "Person: {name}\nQuestion: {question}\nAnswer: {answer}\nSign Number: {sign_number} — "
    "{sign_meaning}\nFC60 Sign: {fc60_sign}\nMoon Phase: {moon_phase}\nWeekday: {weekday}\n"
    "Ganzhi: {ganzhi}\nSynchronicity: {synchronicity}"
)
DAILY_FIELDS = (
    "Person: {name}\nDate: {date}\nDay Energy: {energy} — {quality}\nDay Number: {day_number}\n"
    "Lucky Numbers: {lucky_numbers}\nPersonal Day: {personal_day}\nFC60 Sign: {fc60_sign}\n"
    "Moon Phase: {moon_phase}\nWeekday: {weekday}\nGanzhi: {ganzhi}"
)
GROUP_TEMPLATE = (
    "Write 200 to 300 words on how this group functions together: its strengths and its growth "
    "areas. Name the people and their roles.\n\n"
    "Group Size: {group_size}\nMembers: {members}\nRoles: {roles}\n"
    "Average Compatibility: {avg_compatibility}\nStrongest Bond: {strongest_bond}\n"
    "Weakest Bond: {weakest_bond}\nSynergies: {synergies}\nChallenges: {challenges}\n"
    "Growth Areas: {growth_areas}\nGroup Archetype: {archetype} — {archetype_description}\n"
    "Dominant Element: {dominant_element}\nDominant Animal: {dominant_animal}\n"
    "Joint Life Path: {joint_life_path}"
)
PAIR_TEMPLATE = (
    "Write 100 to 150 warm words on the compatibility of these two people: their strengths, and "
    "gently their challenges.\n\n"
    "Person 1: {person1}\nPerson 2: {person2}\nOverall Score: {overall:.1%}\n"
    "Life Path: {life_path_score:.1%}\nElement: {element_score:.1%}\nAnimal: {animal_score:.1%}\n"
    "Destiny: {destiny_score:.1%}\nName Energy: {name_energy_score:.1%}\n"
    "Classification: {classification}\nStrengths: {strengths}\nChallenges: {challenges}"
)
ENERGY_TEMPLATE = (
    "Write 100 to 150 words on this group's combined energy.\n\n"
    "Joint Life Path: {joint_life_path}\nDominant Element: {dominant_element}\n"
    "Dominant Animal: {dominant_animal}\nArchetype: {archetype}\n"
    "Element Distribution: {element_distribution}\nLife Path Distribution: {life_path_distribution}"
)

_FIELD_TEMPLATES = (
    READING_FIELDS,
    NAME_FIELDS,
    QUESTION_FIELDS,
    DAILY_FIELDS,
    GROUP_TEMPLATE,
    PAIR_TEMPLATE,
    ENERGY_TEMPLATE,
)
KNOWN_PLACEHOLDERS: frozenset[str] = frozenset(
    field
    for template in _FIELD_TEMPLATES
    for _, field, _, _ in string.Formatter().parse(template)
    if field
)


def build_prompt(template: str, ctx: Mapping[str, Any]) -> str:
    """Fill a prompt template (V4's ``build_prompt``).

    Known placeholders missing from ``ctx`` become ``(not available)``; extra keys pass through.
    If formatting fails (unknown placeholder, a non-number for a ``%`` format…) the template is
    returned with the context appended.
    """
    values: dict[str, Any] = dict.fromkeys(KNOWN_PLACEHOLDERS, NOT_AVAILABLE)
    values.update(ctx)
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError, TypeError, AttributeError):
        return f"{template}\n\nContext: {dict(ctx)}"


# --------------------------------------------------------------------------------------------
# Context builders


def _text(value: Any) -> str:
    """A context value as text; missing/empty values are ``(not available)``."""
    if value is None or value == "" or value == [] or value == {}:
        return NOT_AVAILABLE
    return str(value)


def _available(value: str) -> bool:
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


# --------------------------------------------------------------------------------------------
# Deterministic fallback texts


def _steps(*steps: str) -> str:
    return "\n\n".join(steps)


def _lower(text: str) -> str:
    """A day energy or quality inside a sentence: lower-cased in English (as V4), the term itself
    in Persian."""
    return text.lower() if current_language() == "en" else tr(text)


_WEEKDAY = re.compile(r"^(?P<day>[A-Za-z]+) \((?P<planet>[A-Za-z]+) (?P<symbol>\S+)\)$")


def _weekday_text(value: str) -> str:
    """A context's weekday, ``Wednesday (Mercury ☿)``, in the current language."""
    match = _WEEKDAY.match(value)
    if match is None:
        return tr(value)
    return f"{tr(match['day'])} ({tr(match['planet'])} {match['symbol']})"


def _reading_fallback(fmt: str, ctx: Mapping[str, str]) -> str:
    """V4's fallback texts for time/sign readings, word for word (and their Persian)."""
    name, lp, zodiac, moon = ctx["name"], ctx["life_path"], ctx["zodiac_sign"], ctx["moon_phase"]
    names = {"element": tr(ctx["element"]), "animal": tr(ctx["animal"])}
    if fmt == "simple":
        text = trf("Your FC60 signature is {element} {animal} with Life Path {lp}.", **names, lp=lp)
        if _available(zodiac):
            text += trf(" As a {zodiac}, you carry that sign's natural gifts.", zodiac=tr(zodiac))
        return text + trf(
            " The {element} element shapes how you interact with the world, while the {animal} "
            "energy guides your instincts.",
            **names,
        )
    if fmt == "advice":
        text = trf(
            "Dear {name}, your {element} {animal} nature gives you a unique perspective. ",
            name=name,
            **names,
        ) + trf("With Life Path {lp}, you're drawn to understanding and growth. ", lp=lp)
        if _available(moon):
            text += trf(
                "The current {moon} moon phase supports reflection and planning. ", moon=tr(moon)
            )
        return text + tr(
            "Trust the patterns you see — they are not coincidence. Your numerological signature "
            "suggests this is a time for thoughtful action rather than rushing forward."
        )
    if fmt == "action_steps":
        return _steps(
            trf(
                "**Daily Practice**: Spend 5 minutes each morning connecting with your {element} "
                "energy — notice where it shows up in your environment.",
                element=names["element"],
            ),
            trf(
                "**Decision-Making**: When faced with choices, ask yourself: 'What would "
                "{animal} energy guide me toward?' — trust your instincts.",
                animal=names["animal"],
            ),
            tr(
                "**Relationships**: Share your numerological insights with someone close to you "
                "today. Understanding each other's energetic signatures deepens connection."
            ),
        )
    return trf(
        "The universe sees {name} as a bearer of {element} energy, walking the path of {animal} "
        "with the wisdom of Life Path {lp}. Every number you encounter, every pattern that "
        "catches your eye, is the cosmos whispering its secrets to one who listens. You are not "
        "separate from the great mathematical fabric — you are woven into it, a unique thread "
        "that the pattern needs.",
        name=name,
        lp=lp,
        **names,
    )


def _with_meaning(number: str, meaning: str) -> str:
    return f"{number} ({meaning})" if _available(meaning) else number


def _name_fallback(fmt: str, ctx: Mapping[str, str]) -> str:
    name, expression = ctx["name"], ctx["expression"]
    soul_urge, personality, lp = ctx["soul_urge"], ctx["personality"], ctx["life_path"]
    numbers = {"expression": expression, "soul_urge": soul_urge, "personality": personality}
    if fmt == "simple":
        text = trf(
            "The name {name} carries Destiny number {expression}. Its Soul Urge {soul_urge} is "
            "what the heart longs for, and its Personality {personality} is the face the world "
            "meets first.",
            name=name,
            expression=_with_meaning(expression, ctx["expression_meaning"]),
            soul_urge=_with_meaning(soul_urge, ctx["soul_urge_meaning"]),
            personality=_with_meaning(personality, ctx["personality_meaning"]),
        )
        if _available(lp):
            text += trf(" Life Path {lp} is the road these gifts travel.", lp=lp)
        return text
    if fmt == "advice":
        text = trf(
            "Dear {name}, your name vibrates to the number {expression}. Lean on that strength "
            "in the choices ahead, and let your Soul Urge {soul_urge} remind you what truly "
            "matters to you. When others misread you, remember that Personality {personality} "
            "is only the doorway — the house behind it is larger.",
            name=name,
            **numbers,
        )
        if _available(ctx["element"]):
            text += trf(
                " The {element} element colours how your name is heard.", element=tr(ctx["element"])
            )
        return text
    if fmt == "action_steps":
        return _steps(
            trf(
                "**Daily Practice**: Each morning, say your name and its Destiny number, "
                "{expression}, aloud — a small ritual to remember what you came to do.",
                expression=expression,
            ),
            trf(
                "**Decision-Making**: Before a choice, ask whether it feeds your Soul Urge "
                "{soul_urge} or only your Personality {personality} — choose what feeds the "
                "heart.",
                soul_urge=soul_urge,
                personality=personality,
            ),
            tr(
                "**Relationships**: Tell someone close what your name's numbers say about you, and "
                "ask about theirs. Names meet before people do."
            ),
        )
    return trf(
        "The universe sees {name} as a name that hums with the number {expression}. Each time "
        "it is spoken, Soul Urge {soul_urge} and Personality {personality} travel with it, a "
        "small song the cosmos recognises. A name is not an accident — it is the first word the "
        "world learned to call you by.",
        name=name,
        **numbers,
    )


_ANSWER_SENTENCES = {
    "yes": "An odd number moves forward: the way is open.",
    "no": "An even number rests: wait, or look for another way.",
    "maybe": "A master number holds both answers: the outcome is yours to shape.",
}


def _question_fallback(fmt: str, ctx: Mapping[str, str]) -> str:
    name, answer, number = ctx["name"], ctx["answer"], ctx["sign_number"]
    moon, stamp = ctx["moon_phase"], ctx["fc60_sign"]
    if fmt == "simple":
        text = trf(
            "The oracle answers {answer}. Your question carries the sign number {number}",
            answer=tr(answer),
            number=_with_meaning(number, ctx["sign_meaning"]),
        )
        if _available(moon):
            text += trf(", asked under a {moon} moon", moon=tr(moon))
        if _available(stamp):
            text += trf(" at the FC60 moment {stamp}", stamp=stamp)
        sentence = _ANSWER_SENTENCES.get(answer, "")
        return f"{text}{tr('.')} {tr(sentence) if sentence else ''}".rstrip()
    if fmt == "advice":
        text = trf(
            "Dear {name}, the answer “{answer}” is a signpost, not a verdict. The number "
            "{number} came to your question for a reason: sit with it before you act. ",
            name=name,
            answer=tr(answer),
            number=number,
        )
        if _available(moon):
            text += trf(
                "The {moon} moon asks you to move with its rhythm, not against it. ", moon=tr(moon)
            )
        return text + tr("Take the step that feels honest, and watch the signs that follow.")
    if fmt == "action_steps":
        return _steps(
            trf(
                "**Daily Practice**: Write your question and the number {number} down this "
                "morning, and read them again tonight.",
                number=number,
            ),
            trf(
                "**Decision-Making**: Treat “{answer}” as a direction to test with one small "
                "step, not a final ruling.",
                answer=tr(answer),
            ),
            tr(
                "**Relationships**: Ask someone you trust how they see the question — a second "
                "voice often carries the missing piece."
            ),
        )
    return trf(
        "The universe sees {name} asking, and answers {answer} through the number {number}. "
        "Questions are doors the cosmos leaves ajar; the one who knocks already half knows the "
        "answer. Listen for the echo in the days ahead — it will sound like your own voice.",
        name=name,
        answer=tr(answer),
        number=number,
    )


def _daily_fallback(fmt: str, ctx: Mapping[str, str]) -> str:
    name, date, energy, quality = ctx["name"], ctx["date"], ctx["energy"], ctx["quality"]
    day_number, moon = ctx["day_number"], ctx["moon_phase"]
    if fmt == "simple":
        text = trf(
            "{date} is a day of {energy} — {quality}, with day number {day_number}.",
            date=date,
            energy=tr(energy),
            quality=tr(quality),
            day_number=day_number,
        )
        if _available(ctx["lucky_numbers"]):
            lucky = ctx["lucky_numbers"].replace(", ", tr(", "))
            text += trf(" Your lucky numbers are {numbers}.", numbers=lucky)
        if _available(moon):
            text += trf(" The {moon} moon sets the tone.", moon=tr(moon))
        if _available(ctx["personal_day"]):
            text += trf(" For you it is personal day {day}.", day=ctx["personal_day"])
        return text
    if fmt == "advice":
        text = trf(
            "Dear {name}, today favours {energy}. Let {quality} guide you. ",
            name=name,
            energy=_lower(energy),
            quality=_lower(quality),
        )
        if _available(ctx["weekday"]):
            text += trf(
                "It is {weekday}: use its ruling energy rather than fight it. ",
                weekday=_weekday_text(ctx["weekday"]),
            )
        return text + tr("Small, steady acts today will matter more than grand plans.")
    if fmt == "action_steps":
        return _steps(
            trf(
                "**Daily Practice**: Begin the day by naming one thing you will do for {energy}.",
                energy=_lower(energy),
            ),
            trf(
                "**Decision-Making**: When you hesitate today, choose the option that brings "
                "{quality}.",
                quality=_lower(quality),
            ),
            trf(
                "**Relationships**: Share today's number {day_number} with someone and notice "
                "where it shows up for each of you.",
                day_number=day_number,
            ),
        )
    return trf(
        "The universe sees {name} on {date}, a day shaped by {energy} and {quality}. The number "
        "{day_number} hums beneath the hours; follow it and the day will open like a door you "
        "did not know was there.",
        name=name,
        date=date,
        energy=_lower(energy),
        quality=_lower(quality),
        day_number=day_number,
    )


# --------------------------------------------------------------------------------------------
# Cautions: what to watch for, from the reading's own numbers, element, moon and answer

# The shadow side of each number: what "watch for …" names.
NUMBER_SHADOWS: Mapping[int, str] = MappingProxyType(
    {
        1: "stubbornness, and deciding for others without asking them",
        2: "swallowing your own needs to keep the peace",
        3: "scattering your energy over many starts and few finishes",
        4: "holding on to the plan after the facts have changed",
        5: "a restlessness that quits just before the reward",
        6: "control dressed up as care, and carrying everyone's load",
        7: "overthinking, and shutting out the people who could help",
        8: "measuring everything by money or power",
        9: "old grievances, and giving beyond your limits",
        11: "nervous strain, and doubting the intuition you do have",
        22: "taking on more plans than one life can carry",
        33: "self-sacrifice, and taking on other people's pain as your own",
    }
)
ELEMENT_CAUTIONS: Mapping[str, str] = MappingProxyType(
    {
        "Wood": "Wood grows fast: do not start more than you can tend.",
        "Fire": "Fire burns quickly: beware of haste, and of words spoken in the heat of the "
        "moment.",
        "Earth": "Earth holds on: beware of clinging to what is safe when change is due.",
        "Metal": "Metal cuts: beware of judging yourself and others too sharply.",
        "Water": "Water yields: beware of drifting along with other people's moods.",
    }
)
MOON_CAUTIONS: Mapping[str, str] = MappingProxyType(
    {
        "New Moon": "Under a New Moon plans are seeds: do not judge them by what shows yet.",
        "Waxing Crescent": "Under a Waxing Crescent intentions are fragile: keep them to yourself "
        "until they have roots.",
        "First Quarter": "The First Quarter brings friction: do not take the first obstacle for "
        "a final no.",
        "Waxing Gibbous": "Under a Waxing Gibbous moon impatience rises: do not drop what is "
        "almost ready.",
        "Full Moon": "Under a Full Moon feelings run high: sleep on big decisions.",
        "Waning Gibbous": "Under a Waning Gibbous moon, hold back from lecturing: share what you "
        "have learned when you are asked.",
        "Last Quarter": "The Last Quarter asks for release: beware of holding on out of habit.",
        "Waning Crescent": "Under a Waning Crescent energy is low: start nothing big before you "
        "have rested.",
    }
)
ANSWER_CAUTIONS: Mapping[str, str] = MappingProxyType(
    {
        "yes": "A yes is not a guarantee: check the details before you commit.",
        "no": "A no is not forever: do not close the door in frustration.",
        "maybe": "A maybe can become a reason to wait forever: do not let time choose for you.",
    }
)
# "With Life Path 7, watch for …": the number each kind of reading speaks through.
_SHADOW_TEMPLATES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "reading": ("life_path", "With Life Path {number}, watch for {shadow}."),
        "name": ("expression", "With Destiny number {number}, watch for {shadow}."),
        "question": ("sign_number", "With the sign number {number}, watch for {shadow}."),
        "daily": ("day_number", "With today's number {number}, watch for {shadow}."),
    }
)


def _number(value: str) -> int | None:
    return int(value) if value.isdigit() else None


def caution_text(kind: str, ctx: Mapping[str, str]) -> str:
    """The deterministic "Caution" section: what to watch for, from the reading's number (life
    path, destiny, sign or day number), its element and moon, a question's answer, and a name's
    inner and outer numbers when they differ. Empty when the reading has none of these."""
    cautions: list[str] = []
    if kind == "question" and ctx.get("answer") in ANSWER_CAUTIONS:
        cautions.append(tr(ANSWER_CAUTIONS[ctx["answer"]]))
    key, template = _SHADOW_TEMPLATES[kind]
    number = _number(ctx.get(key, NOT_AVAILABLE))
    if number in NUMBER_SHADOWS:
        cautions.append(trf(template, number=number, shadow=tr(NUMBER_SHADOWS[number])))
    if kind == "name":
        soul_urge, personality = ctx.get("soul_urge", ""), ctx.get("personality", "")
        numbers = (_number(soul_urge), _number(personality))
        if None not in numbers and soul_urge != personality:
            cautions.append(
                trf(
                    "Your Soul Urge {soul_urge} and Personality {personality} differ: people "
                    "may meet someone other than who you are inside, so say plainly what you "
                    "want.",
                    soul_urge=soul_urge,
                    personality=personality,
                )
            )
    if ctx.get("element") in ELEMENT_CAUTIONS:
        cautions.append(tr(ELEMENT_CAUTIONS[ctx["element"]]))
    if ctx.get("moon_phase") in MOON_CAUTIONS:
        cautions.append(tr(MOON_CAUTIONS[ctx["moon_phase"]]))
    return " ".join(cautions)


_FALLBACKS: Mapping[str, Callable[[str, Mapping[str, str]], str]] = MappingProxyType(
    {
        "reading": _reading_fallback,
        "name": _name_fallback,
        "question": _question_fallback,
        "daily": _daily_fallback,
    }
)
_KIND_FIELDS: Mapping[str, str] = MappingProxyType(
    {
        "reading": READING_FIELDS,
        "name": NAME_FIELDS,
        "question": QUESTION_FIELDS,
        "daily": DAILY_FIELDS,
    }
)


def _unknown_format(fmt: str) -> dict[str, Any]:
    return {
        "format": fmt,
        "text": f"Unknown format '{fmt}'. Valid: {', '.join(FORMATS)}",
        "ai_generated": False,
        "elapsed_ms": 0.0,
        "cached": False,
    }


def reading_prompt(kind: str, fmt: str, ctx: Mapping[str, str]) -> str:
    """The AI prompt for one format of a reading of ``kind`` (reading, name, question, daily)."""
    core = ""
    if kind == "reading" and fmt == "advice":
        core = (
            f"Numerology Core: Expression {ctx.get('expression', NOT_AVAILABLE)}, Soul Urge "
            f"{ctx.get('soul_urge', NOT_AVAILABLE)}, Personality "
            f"{ctx.get('personality', NOT_AVAILABLE)}\n"
        )
    template = f"{FORMAT_INSTRUCTIONS[fmt]}\n\n{_KIND_FIELDS[kind]}"
    return build_prompt(template, {**ctx, "numerology_core": core})


def interpret_context(
    kind: str,
    ctx: Mapping[str, str],
    fmt: str = "simple",
    *,
    generate: TextGenerator | None = None,
    language: str | None = None,
    preferences: str | None = None,
    extra: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Interpret a ready context: ``{"format", "text", "ai_generated", "elapsed_ms", "cached",
    "sections", "language", "prompt_version"}``.

    The default format (``simple``) asks the AI for the nine :data:`SECTION_KEYS` in
    ``language`` (see :func:`sections_prompt`); ``text`` is then the sections' body joined. A
    malformed answer falls back. The other formats are V4's single-text prompts. The
    deterministic path fills ``sections`` from the fallback texts, so there are always sections.
    """
    if fmt not in FORMATS:
        return _unknown_format(fmt)
    elapsed_ms = 0.0
    # The reading's language: the one the engines are speaking unless the caller says otherwise.
    language = language or current_language()
    language = language if language in LANGUAGE_NAMES else "en"
    if generate is not None and fmt == "simple":
        prompt = sections_prompt(kind, ctx, language=language, preferences=preferences, extra=extra)
        answer, elapsed_ms = call_generator(generate, prompt, system_prompt=SYSTEM_PROMPT)
        sections = parse_sections(answer)
        if sections is not None:
            return _with_sections(
                fmt, sections_text(sections), True, elapsed_ms, sections, language
            )
    elif generate is not None:
        text, elapsed_ms = call_generator(
            generate, reading_prompt(kind, fmt, ctx), system_prompt=SYSTEM_PROMPT
        )
        if text is not None:
            return _with_sections(
                fmt, text, True, elapsed_ms, fallback_sections(kind, ctx), language
            )
    return _with_sections(
        fmt,
        _FALLBACKS[kind](fmt, ctx),
        False,
        elapsed_ms,
        fallback_sections(kind, ctx),
        # The deterministic texts are in the language the engines are speaking.
        current_language() if current_language() in LANGUAGE_NAMES else "en",
    )


def _with_sections(
    fmt: str,
    text: str,
    ai_generated: bool,
    elapsed_ms: float,
    sections: dict[str, str],
    language: str,
) -> dict[str, Any]:
    return {
        "format": fmt,
        "text": text,
        "ai_generated": ai_generated,
        "elapsed_ms": elapsed_ms,
        "cached": False,
        "sections": sections,
        "language": language,
        "prompt_version": PROMPT_VERSION,
    }


# --------------------------------------------------------------------------------------------
# Sectioned interpretations (V4-later's nine sections)

PROMPT_VERSION = "sections-1"
SECTION_KEYS: tuple[str, ...] = (
    "header",
    "universal_address",
    "core_identity",
    "right_now",
    "patterns",
    "message",
    "advice",
    "caution",
    "footer",
)
# The sections that make up ``text`` (header and footer frame it).
BODY_SECTIONS: tuple[str, ...] = SECTION_KEYS[1:-1]
LANGUAGE_NAMES: Mapping[str, str] = MappingProxyType({"en": "English", "fa": "Persian (Farsi)"})
MAX_SECTION_LENGTH = 4000

SECTIONS_INSTRUCTION = (
    "Write this person's reading in {language_name}, as nine sections. Answer with one JSON "
    "object and nothing else, with exactly these keys, each a string (a section may be empty):\n"
    '"header": a title of one line;\n'
    '"universal_address": the moment’s place in the cosmos — the FC60 stamp, Gānzhī and moon in '
    "words;\n"
    '"core_identity": who the person is by their numbers, element and animal;\n'
    '"right_now": what this moment or day brings them;\n'
    '"patterns": the synchronicities and repeating numbers, and what they point to;\n'
    '"message": the oracle’s message to them;\n'
    '"advice": what to do, concretely;\n'
    '"caution": what to watch out for, gently;\n'
    '"footer": one closing line.\n'
    "Keep FC60 tokens, numbers and people's names exactly as written below, in Latin letters "
    "and Western digits if they are written so. Weave the systems together; 250 to 400 words in "
    "all."
)
_SECTION_TEMPLATES: Mapping[str, str] = MappingProxyType(
    {
        "reading": READING_FIELDS,
        "name": NAME_FIELDS,
        "question": QUESTION_FIELDS,
        "daily": DAILY_FIELDS,
        "group": GROUP_TEMPLATE.split("\n\n", 1)[1],
    }
)
_JSON_OBJECT = re.compile(r"\{.*\}", re.DOTALL)


def sections_prompt(
    kind: str,
    ctx: Mapping[str, Any],
    *,
    language: str | None = None,
    preferences: str | None = None,
    extra: Mapping[str, str] | None = None,
) -> str:
    """The prompt asking for the nine sections of a reading of ``kind`` (``reading``, ``name``,
    ``question``, ``daily``, ``group``) in ``language``.

    ``extra`` adds labelled context lines (e.g. the question's category); ``preferences`` is the
    "learned preferences" slot (what readers' feedback asks for), left out when None or blank.
    """
    core = ""
    if kind == "reading":
        core = (
            f"Numerology Core: Expression {ctx.get('expression', NOT_AVAILABLE)}, Soul Urge "
            f"{ctx.get('soul_urge', NOT_AVAILABLE)}, Personality "
            f"{ctx.get('personality', NOT_AVAILABLE)}\n"
        )
    fields = build_prompt(_SECTION_TEMPLATES[kind], {**ctx, "numerology_core": core})
    lines = [
        SECTIONS_INSTRUCTION.format(language_name=LANGUAGE_NAMES.get(language, "English")),
        "",
        fields,
    ]
    lines.extend(f"{label}: {value}" for label, value in (extra or {}).items() if value)
    if preferences and preferences.strip():
        lines += ["", "Learned preferences of this reader (follow them): " + preferences.strip()]
    return "\n".join(lines)


def parse_sections(answer: str | None) -> dict[str, str] | None:
    """The nine sections of an AI answer, or None when it is not a usable sections object.

    Accepts the JSON object alone, in a code fence, or with words around it. Unknown keys are
    dropped, missing ones are empty, each value must be a string (or null) and is trimmed and
    capped; an answer with no body section at all is refused.
    """
    if not answer:
        return None
    match = _JSON_OBJECT.search(answer)
    if match is None:
        return None
    try:
        value = json.loads(match.group(0))
    except ValueError:
        return None
    if not isinstance(value, dict):
        return None
    sections: dict[str, str] = {}
    for key in SECTION_KEYS:
        item = value.get(key)
        if item is None:
            item = ""
        if not isinstance(item, str):
            return None
        sections[key] = item.strip()[:MAX_SECTION_LENGTH]
    if not any(sections[key] for key in BODY_SECTIONS):
        return None
    return sections


def sections_text(sections: Mapping[str, str]) -> str:
    """One text of the body sections (V4's ``text``), paragraphs separated by blank lines."""
    return "\n\n".join(sections[key] for key in BODY_SECTIONS if sections.get(key))


_ADDRESS_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "fc60_sign": "FC60",
        "ganzhi": "Gānzhī",
        "moon_phase": "FC60 moon",
        "weekday": "Weekday",
        "date": "Date",
        "zodiac_sign": "Zodiac",
    }
)
# "Fire Horse" in a Gānzhī pillar of a reading composed in English.
_PILLAR_WORDS = re.compile(r"\b([A-Z][a-z]+) ([A-Z][a-z]+)\b")


def _address_value(key: str, value: str) -> str:
    """One value of the universal address in the current language (a reading composed in
    English may be shown in Persian): names through the tables, FC60 tokens and dates as they
    are."""
    if key in ("moon_phase", "zodiac_sign"):
        return tr(value)
    if key == "weekday":
        return _weekday_text(value)
    if key == "ganzhi":
        pillars = value.replace(", hour: ", tr(", hour: "))
        return _PILLAR_WORDS.sub(lambda match: element_animal(match[1], match[2]), pillars)
    return value


def _address(ctx: Mapping[str, str], *keys: str) -> str:
    parts = [
        f"{tr(_ADDRESS_LABELS[key])}: {_address_value(key, ctx[key])}"
        for key in keys
        if _available(ctx.get(key, NOT_AVAILABLE))
    ]
    return " · ".join(parts)


def fallback_sections(kind: str, ctx: Mapping[str, str]) -> dict[str, str]:
    """The nine sections built from the deterministic texts (the page always has sections)."""
    fallback = _FALLBACKS[kind]
    name = ctx.get("name", "Seeker")
    sections = dict.fromkeys(SECTION_KEYS, "")
    sections["core_identity"] = fallback("simple", ctx)
    sections["message"] = fallback("universe_message", ctx)
    # The advice, then the concrete steps; the caution is what to watch for, not more practice.
    sections["advice"] = _steps(fallback("advice", ctx), fallback("action_steps", ctx))
    sections["caution"] = caution_text(kind, ctx)
    if kind == "reading":
        sections["header"] = trf("A reading for {name}", name=name)
        sections["universal_address"] = _address(ctx, "fc60_sign", "ganzhi", "moon_phase")
        syncs = ctx.get("synchronicities", "")
        sections["patterns"] = "" if syncs in ("none detected", NOT_AVAILABLE) else syncs
    elif kind == "name":
        sections["header"] = trf("The name {name}", name=name)
        sections["universal_address"] = _address(ctx, "zodiac_sign")
    elif kind == "question":
        sections["header"] = trf("The oracle answers: {answer}", answer=tr(ctx["answer"]))
        sections["universal_address"] = _address(
            ctx, "fc60_sign", "ganzhi", "moon_phase", "weekday"
        )
        sync = ctx.get("synchronicity", NOT_AVAILABLE)
        sections["patterns"] = sync if _available(sync) else ""
    else:  # daily
        sections["header"] = trf("The day {date}", date=ctx["date"])
        sections["universal_address"] = _address(
            ctx, "fc60_sign", "ganzhi", "moon_phase", "weekday"
        )
        lucky = ctx.get("lucky_numbers", NOT_AVAILABLE)
        sections["patterns"] = (
            trf("Lucky numbers: {lucky}", lucky=lucky) if _available(lucky) else ""
        )
    return sections


def interpret_reading(
    reading_data: Mapping[str, Any],
    format_type: str = "simple",
    name: str = "",
    *,
    generate: TextGenerator | None = None,
    language: str | None = None,
    preferences: str | None = None,
) -> dict[str, Any]:
    """One format of a time/sign reading (a ``read_sign`` result or a composed time reading)."""
    return interpret_context(
        "reading",
        build_reading_context(reading_data, name),
        format_type,
        generate=generate,
        language=language,
        preferences=preferences,
    )


def interpret_name(
    name_data: Mapping[str, Any],
    fmt: str = "simple",
    *,
    generate: TextGenerator | None = None,
    language: str | None = None,
    preferences: str | None = None,
) -> dict[str, Any]:
    """One format of a name reading (``read_name`` result or composed name reading)."""
    return interpret_context(
        "name",
        build_name_context(name_data),
        fmt,
        generate=generate,
        language=language,
        preferences=preferences,
    )


def interpret_question(
    question_data: Mapping[str, Any],
    fmt: str = "simple",
    *,
    generate: TextGenerator | None = None,
    language: str | None = None,
    preferences: str | None = None,
) -> dict[str, Any]:
    """One format of a composed question reading (its ``category``, when set, is in the prompt)."""
    category = question_data.get("category")
    return interpret_context(
        "question",
        build_question_context(question_data),
        fmt,
        generate=generate,
        language=language,
        preferences=preferences,
        extra={"Question Category": str(category)} if category else None,
    )


def interpret_daily(
    daily_data: Mapping[str, Any],
    fmt: str = "simple",
    *,
    generate: TextGenerator | None = None,
    language: str | None = None,
    preferences: str | None = None,
) -> dict[str, Any]:
    """One format of a composed daily reading."""
    return interpret_context(
        "daily",
        build_daily_context(daily_data),
        fmt,
        generate=generate,
        language=language,
        preferences=preferences,
    )


INTERPRETERS: Mapping[str, Callable[..., dict[str, Any]]] = MappingProxyType(
    {
        "reading": interpret_reading,
        "name": interpret_name,
        "question": interpret_question,
        "daily": interpret_daily,
    }
)


def interpret_result(
    kind: str,
    result: Mapping[str, Any],
    *,
    generate: TextGenerator | None = None,
    language: str | None = None,
    preferences: str | None = None,
) -> dict[str, Any]:
    """The interpretation of a composed result of ``kind`` (``reading``, ``name``,
    ``question``, ``daily`` or ``group``) — what ``compose_*`` put in ``ai_interpretation``."""
    if kind == "group":
        return interpret_group(
            result, generate=generate, language=language, preferences=preferences
        )
    return INTERPRETERS[kind](result, generate=generate, language=language, preferences=preferences)


# --------------------------------------------------------------------------------------------
# Group (multi-user) interpretation


def _profile_labels(profiles: Sequence[Mapping[str, Any]]) -> list[str]:
    return member_labels([str(profile.get("name", "")) for profile in profiles])


def _pair_fallback(pair: Mapping[str, Any], people: Mapping[str, Mapping[str, Any]]) -> str:
    first, second = people.get(pair["user1"], {}), people.get(pair["user2"], {})
    overall = float(pair.get("overall") or 0.0)
    template = (
        "{user1} ({element1} {animal1}) and {user2} ({element2} {animal2}) share a "
        "{classification} connection at {overall:.0%} overall compatibility. Their bond draws "
        "from strong elemental and life path resonance."
        if overall > 0.6
        else "{user1} ({element1} {animal1}) and {user2} ({element2} {animal2}) share a "
        "{classification} connection at {overall:.0%} overall compatibility. Their bond draws "
        "from growing elemental and life path resonance."
    )
    return trf(
        template,
        user1=pair["user1"],
        element1=tr(first.get("element", "")),
        animal1=tr(first.get("animal", "")),
        user2=pair["user2"],
        element2=tr(second.get("element", "")),
        animal2=tr(second.get("animal", "")),
        classification=tr(str(pair.get("classification", "")).lower()),
        overall=overall,
    )


def _pair_prompt(pair: Mapping[str, Any], people: Mapping[str, Mapping[str, Any]]) -> str:
    def describe(label: str) -> str:
        person = people.get(label, {})
        return (
            f"{label} ({person.get('element', '')} {person.get('animal', '')}, "
            f"LP {person.get('life_path', '')})"
        )

    scores = pair.get("scores") or {}
    return build_prompt(
        PAIR_TEMPLATE,
        {
            "person1": describe(pair["user1"]),
            "person2": describe(pair["user2"]),
            "overall": float(pair.get("overall") or 0.0),
            "life_path_score": scores.get("life_path", 0.0),
            "element_score": scores.get("element", 0.0),
            "animal_score": scores.get("animal", 0.0),
            "destiny_score": scores.get("destiny", 0.0),
            "name_energy_score": scores.get("name_energy", 0.0),
            "classification": pair.get("classification", ""),
            "strengths": ", ".join(pair.get("strengths") or []) or "none",
            "challenges": ", ".join(pair.get("challenges") or []) or "none",
        },
    )


def _members_text(people: Mapping[str, Mapping[str, Any]]) -> str:
    """The members with their element, animal and life path, in the current language."""
    return tr("; ").join(
        trf(
            "{label} ({element} {animal}, LP {life_path})",
            label=label,
            element=tr(p.get("element", "")),
            animal=tr(p.get("animal", "")),
            life_path=p.get("life_path", ""),
        )
        for label, p in people.items()
    )


def _roles_text(roles: Mapping[str, Any]) -> str:
    """Who plays which role, as a sentence: ``Ann is the Leader, Ben the Supporter and Cy the
    Challenger`` (V4 pasted each role's dict here)."""
    return and_list(
        [
            trf(
                "{label} is the {role}" if index == 0 else "{label} the {role}",
                label=label,
                role=tr(str(role.get("role", ""))),
            )
            for index, (label, role) in enumerate(roles.items())
        ]
    )


def dominant_text(distribution: Mapping[str, int] | None) -> str:
    """The leading element or animal of a group distribution in the current language, or on a
    tie every leader: ``Balanced: Wood, Fire, Earth and Metal equally``."""
    leaders = tied_leaders(distribution or {})
    if len(leaders) == 1:
        return tr(leaders[0])
    return trf("Balanced: {names} equally", names=and_list([tr(name) for name in leaders]))


def _energy_text(energy: Mapping[str, Any], archetype: str) -> str:
    """V4's energy narrative; a tie for the leading element or animal is said as a tie (V4
    named the one its tie-break picked)."""
    elements = tied_leaders(energy.get("element_distribution") or {})
    animals = tied_leaders(energy.get("animal_distribution") or {})
    if len(elements) > 1:
        text = trf(
            "The group's combined energy signature reveals a collective balanced equally "
            "between {elements}",
            elements=and_list([tr(element) for element in elements]),
        )
    else:
        text = trf(
            "The group's combined energy signature reveals a {element}-dominant collective",
            element=tr(energy.get("dominant_element", "")),
        )
    if len(animals) > 1:
        text += trf(
            ", with no single animal prevailing: {animals} are equally present.",
            animals=and_list([tr(animal) for animal in animals]),
        )
    else:
        text += trf(
            " with {animal} as the prevailing animal energy.",
            animal=tr(energy.get("dominant_animal", "")),
        )
    return text + trf(
        " Their joint Life Path of {life_path} suggests a shared destiny direction. As "
        "'{archetype}', this group naturally gravitates toward collective evolution.",
        life_path=energy.get("joint_life_path", ""),
        archetype=tr(archetype),
    )


def _group_caution(dynamics: Mapping[str, Any], pairs: Sequence[Mapping[str, Any]]) -> str:
    """The group's challenges, one a line; when no pair is in friction (and there is more than
    one pair), the weakest bond too."""
    lines = list(dynamics.get("challenges") or [])
    scored = [pair for pair in pairs if pair.get("overall") is not None]
    weakest = min(scored, key=lambda pair: float(pair["overall"])) if len(scored) > 1 else None
    if weakest is not None and float(weakest["overall"]) >= 0.4:
        lines.append(
            trf(
                "Give the most care to {user1} and {user2}: at {overall:.0%} theirs is the "
                "group's weakest bond.",
                user1=weakest["user1"],
                user2=weakest["user2"],
                overall=float(weakest["overall"]),
            )
        )
    return "\n".join(lines)


def _percent(value: Any) -> str:
    """A 0–1 score for a prompt, as a person reads it (``0.585`` → ``58%``)."""
    try:
        return f"{float(value):.0%}"
    except (TypeError, ValueError):
        return NOT_AVAILABLE


def _counts_text(distribution: Mapping[str, int] | None) -> str:
    """A distribution for a prompt: ``Metal 2, Water 1`` (not a Python dict the AI may echo)."""
    return ", ".join(f"{name} {count}" for name, count in (distribution or {}).items()) or "none"


def _bond_text(bond: Mapping[str, Any] | None) -> str:
    if not bond:
        return NOT_AVAILABLE
    return f"{bond['pair']} ({_percent(bond['score'])}, {bond['classification']})"


def interpret_group(
    analysis: Mapping[str, Any],
    *,
    generate: TextGenerator | None = None,
    language: str | None = None,
    preferences: str | None = None,
) -> dict[str, Any]:
    """Narratives for a multi-user analysis (``analyze(users)`` result), V4's ``interpret_group``.

    Keys: ``compatibility_narrative, dynamics_narrative, energy_narrative, individual_insights,
    ai_available, computation_ms``. With ``generate``: one call for the dynamics, one for the
    energy, one per pair; each failure falls back on its own.
    """
    started = time.perf_counter()
    profiles = list(analysis.get("profiles") or [])
    labels = _profile_labels(profiles)
    people = dict(zip(labels, profiles, strict=True))
    energy = analysis.get("group_energy") or {}
    dynamics = analysis.get("group_dynamics") or {}
    pairs = analysis.get("pairwise_compatibility") or []
    roles = dynamics.get("roles") or {}
    archetype = energy.get("archetype", "")

    members = "; ".join(
        f"{label} ({p.get('element', '')} {p.get('animal', '')}, LP {p.get('life_path', '')})"
        for label, p in people.items()
    )
    # V4 wrote the roles as Python dicts and the average as a fraction (0.585): both are
    # written for people here, the numbers unchanged.
    dynamics_text = trf(
        "This group of {count} individuals — {members} — forms {archetype}. {roles}. The group "
        "achieves an average compatibility of {average:.0%}. Their combined energies create a "
        "dynamic where each member's strengths complement the others' areas for growth.",
        count=analysis.get("user_count", len(profiles)),
        members=_members_text(people),
        archetype=tr(archetype),
        roles=_roles_text(roles),
        average=float(dynamics.get("avg_compatibility") or 0.0),
    )
    energy_text = _energy_text(energy, archetype)
    pair_texts = [_pair_fallback(pair, people) for pair in pairs]
    # The reading's language: the one the engines are speaking unless the caller says otherwise.
    language = language or current_language()
    language = language if language in LANGUAGE_NAMES else "en"
    sections: dict[str, str] | None = None

    if generate is not None:
        group_ctx = {
            "group_size": analysis.get("user_count", len(profiles)),
            "members": members,
            "roles": "; ".join(f"{label}: {role.get('role', '')}" for label, role in roles.items()),
            "avg_compatibility": _percent(dynamics.get("avg_compatibility")),
            "strongest_bond": _bond_text(dynamics.get("strongest_bond")),
            "weakest_bond": _bond_text(dynamics.get("weakest_bond")),
            "synergies": "; ".join(dynamics.get("synergies") or []) or "none",
            "challenges": "; ".join(dynamics.get("challenges") or []) or "none",
            "growth_areas": "; ".join(dynamics.get("growth_areas") or []) or "none",
            **{key: value for key, value in energy.items() if not isinstance(value, dict)},
            "element_distribution": _counts_text(energy.get("element_distribution")),
            "life_path_distribution": _counts_text(energy.get("life_path_distribution")),
        }
        # The sections first: they are what the page shows; V4's narratives follow.
        answer, _ = call_generator(
            generate,
            sections_prompt("group", group_ctx, language=language, preferences=preferences),
            system_prompt=SYSTEM_PROMPT,
        )
        sections = parse_sections(answer)
        text, _ = call_generator(
            generate, build_prompt(GROUP_TEMPLATE, group_ctx), system_prompt=SYSTEM_PROMPT
        )
        dynamics_text = text or dynamics_text
        text, _ = call_generator(
            generate, build_prompt(ENERGY_TEMPLATE, group_ctx), system_prompt=SYSTEM_PROMPT
        )
        energy_text = text or energy_text
        for index, pair in enumerate(pairs):
            text, _ = call_generator(
                generate, _pair_prompt(pair, people), system_prompt=SYSTEM_PROMPT
            )
            pair_texts[index] = text or pair_texts[index]

    insights = {
        label: trf(
            "{label}: {element} {animal}, Life Path {life_path}, Destiny {destiny}",
            label=label,
            element=tr(p.get("element", "")),
            animal=tr(p.get("animal", "")),
            life_path=p.get("life_path", ""),
            destiny=p.get("destiny_number", ""),
        )
        for label, p in people.items()
    }
    ai_generated = sections is not None
    if sections is None:
        sections = dict.fromkeys(SECTION_KEYS, "")
        sections.update(
            header=trf("A group of {count}", count=analysis.get("user_count", len(profiles))),
            universal_address=tr(archetype) if archetype else "",
            core_identity=dynamics_text,
            right_now=energy_text,
            patterns="\n\n".join(pair_texts),
            message="\n".join(insights.values()),
            advice="\n".join(dynamics.get("growth_areas") or []),
            caution=_group_caution(dynamics, pairs),
        )
    return {
        "compatibility_narrative": "\n\n".join(pair_texts),
        "dynamics_narrative": dynamics_text,
        "energy_narrative": energy_text,
        "individual_insights": insights,
        "ai_available": generate is not None,
        "computation_ms": round((time.perf_counter() - started) * 1000, 1),
        "ai_generated": ai_generated,
        "sections": sections,
        "language": language,
        "prompt_version": PROMPT_VERSION,
    }
