"""Sectioned interpretations (V4-later's nine sections): the prompt that asks the AI for them,
reading its answer, and the sections built from the deterministic texts when there is no answer."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from oracle.engines.fc60 import element_animal
from oracle.engines.i18n import tr, trf
from oracle.engines.interpretation.cautions import caution_text
from oracle.engines.interpretation.contexts import NOT_AVAILABLE, available, weekday_text
from oracle.engines.interpretation.fallbacks import FALLBACKS, paragraphs
from oracle.engines.interpretation.prompts import (
    DAILY_FIELDS,
    GROUP_TEMPLATE,
    NAME_FIELDS,
    QUESTION_FIELDS,
    READING_FIELDS,
    build_prompt,
)

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
        return weekday_text(value)
    if key == "ganzhi":
        pillars = value.replace(", hour: ", tr(", hour: "))
        return _PILLAR_WORDS.sub(lambda match: element_animal(match[1], match[2]), pillars)
    return value


def _address(ctx: Mapping[str, str], *keys: str) -> str:
    parts = [
        f"{tr(_ADDRESS_LABELS[key])}: {_address_value(key, ctx[key])}"
        for key in keys
        if available(ctx.get(key, NOT_AVAILABLE))
    ]
    return " · ".join(parts)


def fallback_sections(kind: str, ctx: Mapping[str, str]) -> dict[str, str]:
    """The nine sections built from the deterministic texts (the page always has sections)."""
    fallback = FALLBACKS[kind]
    name = ctx.get("name", "Seeker")
    sections = dict.fromkeys(SECTION_KEYS, "")
    sections["core_identity"] = fallback("simple", ctx)
    sections["message"] = fallback("universe_message", ctx)
    # The advice, then the concrete steps; the caution is what to watch for, not more practice.
    sections["advice"] = paragraphs(fallback("advice", ctx), fallback("action_steps", ctx))
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
        sections["patterns"] = sync if available(sync) else ""
    else:  # daily
        sections["header"] = trf("The day {date}", date=ctx["date"])
        sections["universal_address"] = _address(
            ctx, "fc60_sign", "ganzhi", "moon_phase", "weekday"
        )
        lucky = ctx.get("lucky_numbers", NOT_AVAILABLE)
        sections["patterns"] = (
            trf("Lucky numbers: {lucky}", lucky=lucky) if available(lucky) else ""
        )
    return sections
