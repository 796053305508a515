"""The interpretation of a single reading (time/sign, name, question, daily) in one format, and
of any composed result by its kind: asked of the AI when a generator is given, else (or when it
fails) the deterministic texts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from oracle.engines.i18n import language as current_language
from oracle.engines.interpretation.contexts import (
    build_daily_context,
    build_name_context,
    build_question_context,
    build_reading_context,
)
from oracle.engines.interpretation.fallbacks import FALLBACKS
from oracle.engines.interpretation.generator import TextGenerator, call_generator
from oracle.engines.interpretation.group import interpret_group
from oracle.engines.interpretation.prompts import FORMATS, SYSTEM_PROMPT, reading_prompt
from oracle.engines.interpretation.sections import (
    LANGUAGE_NAMES,
    PROMPT_VERSION,
    fallback_sections,
    parse_sections,
    sections_prompt,
    sections_text,
)


def _unknown_format(fmt: str) -> dict[str, Any]:
    return {
        "format": fmt,
        "text": f"Unknown format '{fmt}'. Valid: {', '.join(FORMATS)}",
        "ai_generated": False,
        "elapsed_ms": 0.0,
        "cached": False,
    }


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
        FALLBACKS[kind](fmt, ctx),
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
