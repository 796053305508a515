"""Interpretation texts for every reading, with or without AI.

Design (pure, no network):

* Every ``interpret_*`` function builds a *context* from a reading (:mod:`.contexts`), and then
  either asks an optional AI text generator (``generate=``, :mod:`.generator`) with a prompt
  (:mod:`.prompts`, :mod:`.sections`), or — when no generator is given, or it fails or answers
  nothing — returns the deterministic texts (:mod:`.fallbacks`, :mod:`.cautions`). The result
  always says which: ``ai_generated`` (single readings, :mod:`.interpreters`) or
  ``ai_available`` (group, :mod:`.group`).
* The web layer owns the AI client (key, model, cache, rate limit). It passes a callable matching
  :class:`TextGenerator`; an exception raised by it is treated as an AI failure, like V4.
* The fallback texts of V4 are kept word for word for the time/sign reading formats and the group
  narratives. Readings V4 never interpreted without AI (name, question, daily) get their own
  fallback texts here, so every reading has an interpretation with no AI configured.

Where V4 went wrong and this does not: the pair narrative uses the pair's real overall score and
says ``strong`` above 60 %; contexts are filled from the reading's real keys (FC60 token,
element, animal, life path, moon, Gānzhī pillars, zodiac), and ``interpret_name`` uses the name's
context; group members with the same name are told apart by the labels of
:mod:`oracle.engines.multi_user`.
"""

from oracle.engines.interpretation.cautions import (
    ANSWER_CAUTIONS,
    ELEMENT_CAUTIONS,
    MOON_CAUTIONS,
    NUMBER_SHADOWS,
    SHADOW_TEMPLATES,
)
from oracle.engines.interpretation.contexts import NOT_AVAILABLE, build_reading_context, meaning_of
from oracle.engines.interpretation.generator import TextGenerator, call_generator
from oracle.engines.interpretation.group import dominant_text, interpret_group
from oracle.engines.interpretation.interpreters import (
    interpret_daily,
    interpret_name,
    interpret_question,
    interpret_reading,
    interpret_result,
)
from oracle.engines.interpretation.prompts import (
    FORMATS,
    PAIR_TEMPLATE,
    SYSTEM_PROMPT,
    build_prompt,
)
from oracle.engines.interpretation.sections import (
    PROMPT_VERSION,
    SECTION_KEYS,
    fallback_sections,
    parse_sections,
    sections_prompt,
    sections_text,
)

__all__ = [
    "ANSWER_CAUTIONS",
    "ELEMENT_CAUTIONS",
    "FORMATS",
    "MOON_CAUTIONS",
    "NOT_AVAILABLE",
    "NUMBER_SHADOWS",
    "PAIR_TEMPLATE",
    "PROMPT_VERSION",
    "SECTION_KEYS",
    "SHADOW_TEMPLATES",
    "SYSTEM_PROMPT",
    "TextGenerator",
    "build_prompt",
    "build_reading_context",
    "call_generator",
    "dominant_text",
    "fallback_sections",
    "interpret_daily",
    "interpret_group",
    "interpret_name",
    "interpret_question",
    "interpret_reading",
    "interpret_result",
    "meaning_of",
    "parse_sections",
    "sections_prompt",
    "sections_text",
]
