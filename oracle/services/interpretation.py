"""Sectioned interpretations of readings, asked of the AI after the reading is shown.

The pages store a reading with its deterministic interpretation at once (no AI call in that
request); the interpretation section then loads through a request of its own, which calls this
module:

* :func:`interpret_stored` — the interpretation of one of the caller's stored readings, in a
  language (``en``/``fa``). An AI interpretation already stored in that language is returned as
  it is; otherwise the AI is asked (bounded by ``NPS_AI_TIMEOUT`` in all), and an AI answer is
  stored back into the reading's encrypted ``ai_interpretation`` (audited as
  ``oracle_reading.interpret``). Without AI, or when it fails, the deterministic interpretation
  comes back, marked ``ai_generated: false``, and nothing is stored.
* :func:`interpret_daily` — the same for a daily insight (not stored, as in the API).
* :func:`translate_interpretation` — the sections of a stored interpretation translated EN ⇄ FA
  through the provider, FC60 terms and numbers protected (not stored).

Interpretations are cached in the shared cache by a hash of the reading's context, the language,
the prompt version and the learned preferences, so the same reading asked twice makes one call.
The hash is keyed and the cached interpretation is encrypted with the app's encryption key
(`nps.core.sealed_values`): it names the people and repeats the question.
Owner-only: another account's reading (admins and moderators included) is "not found" — asking
the AI costs the caller's own rate limit.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache

from nps.accounts.principal import Principal
from nps.core import sealed_values
from oracle.engines import interpretation as engine
from oracle.engines.i18n import speaking
from oracle.models import Reading, SignType
from oracle.services import ai, history, readings, sealing, translation

logger = logging.getLogger(__name__)

LANGUAGES = ("en", "fa")
CACHE_TTL_SECONDS = 86_400
# V3's imported time readings (`sign_type` "time") hold no engine result to interpret.
NOT_INTERPRETED = frozenset({SignType.TIME})
# Keys of a result that are not part of its context (they vary between equal readings).
_NOT_CONTEXT = frozenset({"ai_interpretation", "reading_id", "computation_ms", "best_hours"})


@dataclass(frozen=True)
class Interpretation:
    """An interpretation for the page: ``data`` is the ``ai_interpretation`` dict (with
    ``sections``); ``notice`` a message for the reader (e.g. the AI limit was reached)."""

    data: dict[str, Any]
    ai_available: bool
    notice: str = ""

    @property
    def ai_generated(self) -> bool:
        return bool(self.data.get("ai_generated"))

    @property
    def sections(self) -> dict[str, str]:
        sections = self.data.get("sections")
        return sections if isinstance(sections, dict) else {}

    @property
    def language(self) -> str:
        return self.data.get("language") or "en"


# What readers' feedback asks the prompt to emphasise comes from the learning app, which sits
# above this one (it reads readings): it registers its source in `LearningConfig.ready()`.
_registered: dict[str, Callable[..., str | None]] = {}


def register_learned_preferences(source: Callable[..., str | None]) -> None:
    """``source(sign_type=…)``: the prompt's "learned preferences" for a kind of reading, or
    None."""
    _registered["learned_preferences"] = source


def learned_preferences(kind: str) -> str | None:
    """What the Learning app's feedback asks the prompt to emphasise (None when nothing does, or
    no source is registered); the prompt works without it when the learning tables cannot be
    read."""
    source = _registered.get("learned_preferences")
    if source is None:
        return None
    try:
        return source(sign_type=kind)
    except Exception as error:
        logger.warning("Learned preferences unavailable (%s)", type(error).__name__)
        return None


def cache_key(kind: str, result: Mapping[str, Any], language: str, preferences: str | None) -> str:
    context = {key: value for key, value in result.items() if key not in _NOT_CONTEXT}
    material = json.dumps(
        [kind, context, language, engine.PROMPT_VERSION, preferences or ""],
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return "interpretation:" + sealed_values.keyed_digest("interpretation-cache", material)


def _cached(key: str) -> dict[str, Any] | None:
    try:
        stored = cache.get(key)
    except Exception as error:
        logger.warning("Interpretation cache unreachable (%s)", type(error).__name__)
        return None
    value = sealed_values.unseal(stored)
    return value if isinstance(value, dict) and value.get("sections") else None


def _remember(key: str, data: dict[str, Any]) -> None:
    try:
        cache.set(key, sealed_values.seal(data), CACHE_TTL_SECONDS)
    except Exception as error:
        logger.warning("Interpretation cache unreachable (%s)", type(error).__name__)


def deterministic(kind: str, result: Mapping[str, Any], language: str) -> Interpretation:
    """The deterministic interpretation of ``result`` in ``language`` (no AI; a few
    milliseconds)."""
    with speaking(language):  # the deterministic texts in the reading's language
        data = engine.interpret_result(kind, result, language=language)
    return Interpretation(data, ai_available=ai.is_available())


def shown(kind: str | None, result: Mapping[str, Any], language: str) -> Interpretation:
    """The stored interpretation of ``result`` as a page or an export in ``language`` shows it:
    a deterministic one stored in the other language is made again in ``language`` (a reading
    made in English, read in Persian); the AI's is shown as written."""
    data = result.get("ai_interpretation") if isinstance(result, Mapping) else None
    found = Interpretation(data if isinstance(data, dict) else {}, ai_available=ai.is_available())
    if found.sections and not found.ai_generated and found.language != language and kind:
        return deterministic(kind, result, language)
    return found


def interpret(
    *,
    principal: Principal,
    kind: str,
    result: Mapping[str, Any],
    language: str = "en",
    use_ai: bool = True,
) -> Interpretation:
    """The sectioned interpretation of a composed ``result`` of ``kind`` in ``language``.

    Raises ``RateLimitExceeded`` when the AI would be called and the caller's `ai` limit is
    used up (nothing else escapes: a failing provider gives the deterministic interpretation).
    ``use_ai=False`` gives the deterministic interpretation without asking.
    """
    language = language if language in LANGUAGES else "en"
    if not ai.is_available() or not use_ai:
        return deterministic(kind, result, language)
    preferences = learned_preferences(kind)
    key = cache_key(kind, result, language, preferences)
    hit = _cached(key)
    if hit is not None:
        return Interpretation({**hit, "cached": True}, ai_available=True)
    generator = ai.Generator(principal)
    with speaking(language):
        data = engine.interpret_result(
            kind, result, generate=generator, language=language, preferences=preferences
        )
    generator.raise_if_refused()
    if data.get("ai_generated"):
        _remember(key, data)
    return Interpretation(data, ai_available=True)


def owned_reading(principal: Principal, reading_id: int) -> Reading:
    reading = history.get_reading(principal=principal, reading_id=reading_id)
    account = principal.account
    if account is None or reading.owner_id != account.pk or reading.sign_type in NOT_INTERPRETED:
        raise history.ReadingNotFound()
    return reading


def stored_ai_interpretation(reading: Reading, language: str) -> Interpretation | None:
    """The AI interpretation stored in ``reading`` in ``language``, if there is one."""
    stored = sealing.reading_response(reading).get("ai_interpretation")
    if (
        isinstance(stored, dict)
        and stored.get("ai_generated")
        and stored.get("language", "en") == language
        and isinstance(stored.get("sections"), dict)
    ):
        return Interpretation(stored, ai_available=ai.is_available())
    return None


def interpret_stored(
    *,
    principal: Principal,
    reading_id: int,
    language: str = "en",
    retry: bool = False,
    use_ai: bool = True,
    client_address: str | None = None,
) -> Interpretation:
    """The interpretation of the caller's own stored reading (see the module docstring)."""
    reading = owned_reading(principal, reading_id)
    if not retry:
        ready = stored_ai_interpretation(reading, language)
        if ready is not None:
            return ready
    response = sealing.reading_response(reading)
    kind = reading.kind.engine_kind
    found = interpret(
        principal=principal, kind=kind, result=response, language=language, use_ai=use_ai
    )
    if found.ai_generated:
        _store(reading, response, found.data, principal, client_address)
    return found


def _store(
    reading: Reading,
    response: dict[str, Any],
    data: dict[str, Any],
    principal: Principal,
    client_address: str | None,
) -> None:
    """Put the AI interpretation into the reading's encrypted column (nothing in clear)."""
    sealed = sealing.seal(reading.sign_type, {**response, "ai_interpretation": data})
    reading.ai_interpretation = sealed.ai_interpretation
    reading.save(update_fields=["ai_interpretation"])
    readings.record_action(
        "oracle_reading.interpret",
        principal=principal,
        reading=reading,
        client_address=client_address,
        details={"ai_generated": True, "language": data.get("language")},
    )


def interpret_daily(
    *,
    principal: Principal,
    date_text: str | None,
    profile_id: int | None = None,
    timezone_name: str | None = None,
    language: str = "en",
    use_ai: bool = True,
) -> Interpretation:
    """The interpretation of a daily insight (recomputed: daily insights are not stored)."""
    result = readings.daily_reading(
        principal=principal,
        date_text=date_text,
        timezone_name=timezone_name,
        profile_id=profile_id,
        use_ai=False,
    )
    return interpret(
        principal=principal, kind="daily", result=result, language=language, use_ai=use_ai
    )


def translate_interpretation(
    *, principal: Principal, reading_id: int, target_lang: str, language: str = "en"
) -> Interpretation:
    """The sections of the reading's interpretation translated into ``target_lang``.

    The source language is detected from the sections. Every section goes through the
    translation service (FC60 terms and numbers protected, results cached) with one shared time
    budget. Without AI the sections come back untranslated, ``ai_generated`` false. Raises
    ``RateLimitExceeded`` like :func:`interpret`.
    """
    current = interpret_stored(principal=principal, reading_id=reading_id, language=language)
    sections = current.sections
    names = _names(sealing.reading_response(owned_reading(principal, reading_id)))
    source = translation.engine.detect_language(" ".join(sections.values()))
    if source == target_lang:
        return current
    generator = ai.Generator(principal) if ai.is_available() else None
    translated: dict[str, str] = {}
    all_translated = generator is not None
    for key, text in sections.items():
        if not text:
            translated[key] = text
            continue
        answer = translation.translate(
            principal=principal,
            text=text,
            source_lang=source,
            target_lang=target_lang,
            generator=generator,
            names=names,
        )
        translated[key] = answer["translated_text"]
        all_translated = all_translated and answer["ai_generated"]
    data = {
        **current.data,
        "sections": translated,
        "text": engine.sections_text(translated),
        "language": target_lang if all_translated else source,
        "translated": all_translated,
        "translated_from": source,
    }
    return Interpretation(data, ai_available=generator is not None)


def _names(response: Mapping[str, Any]) -> list[str]:
    """The people's names of a reading, kept exactly through a translation."""
    names = []
    person = response.get("person")
    if isinstance(person, Mapping) and person.get("name"):
        names.append(str(person["name"]))
    if isinstance(response.get("name"), str):
        names.append(response["name"])
    for profile in response.get("profiles") or []:
        if isinstance(profile, Mapping) and profile.get("name"):
            names.append(str(profile["name"]))
    return names
