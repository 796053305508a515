"""The prompts of V4's formats: the system prompt, the format instructions, the context templates
of each kind of reading and of a group, and how a template is filled."""

from __future__ import annotations

import string
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from oracle.engines.interpretation.contexts import NOT_AVAILABLE

FORMATS: tuple[str, ...] = ("simple", "advice", "action_steps", "universe_message")

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


_KIND_FIELDS: Mapping[str, str] = MappingProxyType(
    {
        "reading": READING_FIELDS,
        "name": NAME_FIELDS,
        "question": QUESTION_FIELDS,
        "daily": DAILY_FIELDS,
    }
)


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
