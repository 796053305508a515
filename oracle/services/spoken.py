"""A stored reading in the page's language.

A reading keeps the texts of the language it was made in (``"language": "fa"`` in its response,
none for English). Opened on a page of the other language, its engine texts (the question's
interpretation and advice, a time reading's summary, a name's breakdown, the day's insight, a
number's meaning, a group's roles…) would stay in that language. :func:`in_language` re-makes
them: the reading is composed again in the page's language from its stored inputs (the question
and its moment, the moment, the name and its letter system, the day, the group's birth dates),
deterministically and without the AI, and its texts replace the stored ones — only when every
number of the new composition equals the stored one (a profile changed since, or a row imported
from V4, keeps its stored texts). Numbers, keys, stamps and what the person typed are never
changed; an interpretation written by the AI is kept (the interpretation section translates it).
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
from collections.abc import Callable, Mapping
from typing import Any

from django.utils import translation

from nps.core.errors import InvalidField
from oracle.engines.compose import (
    ReadingProfile,
    compose_daily,
    compose_multi_user,
    compose_name,
    compose_question,
    compose_time_reading,
)
from oracle.engines.errors import EngineError
from oracle.engines.i18n import LANGUAGES, speaking
from oracle.models import Reading, SignType

logger = logging.getLogger(__name__)

# Parts of a response that are not re-made: what varies between equal compositions, what the
# reading was asked about, the person's own block, and the conventions.
_KEPT = frozenset(
    {
        "ai_interpretation",
        "reading_id",
        "computation_ms",
        "best_hours",
        "sky",
        "method",
        "language",
        "person",
        "question",
        "name",
        "category",
    }
)


def language_of(response: Mapping[str, Any]) -> str:
    """The language a stored response was made in (``en`` when it says none, as in V4)."""
    return "fa" if response.get("language") == "fa" else "en"


def in_language(
    reading: Reading, response: dict[str, Any], language: str, *, person: ReadingProfile | None
) -> dict[str, Any]:
    """``response`` (the reading's stored response) with its engine texts in ``language``.

    ``person`` is the reading's profile as the engines take it (None for a reading without one,
    or a profile that is gone): the texts of a profile's reading may name its numbers."""
    language = language if language in LANGUAGES else "en"
    if language_of(response) == language or not isinstance(response, dict):
        return response
    recompose = _RECOMPOSERS.get(reading.sign_type)
    if recompose is None:
        return response
    try:
        with speaking(language):
            fresh = recompose(response, person if "person" in response else None)
    except (EngineError, KeyError, TypeError, ValueError) as error:
        logger.info("Reading %s kept its texts (%s)", reading.pk, type(error).__name__)
        return response
    if _numbers(fresh) != _numbers(response):
        return response
    shown = copy.deepcopy(response)
    for key, value in fresh.items():
        if key not in _KEPT and key in shown:
            shown[key] = _texts_over(shown[key], value)
    stored_ai = response.get("ai_interpretation")
    if isinstance(stored_ai, dict) and not stored_ai.get("ai_generated"):
        fresh_ai = fresh.get("ai_interpretation")
        if isinstance(fresh_ai, dict):
            shown["ai_interpretation"] = {
                **stored_ai,
                **fresh_ai,
                "cached": stored_ai.get("cached"),
            }
    if language == "en":
        shown.pop("language", None)
    else:
        shown["language"] = language
    return shown


def for_page(reading: Reading, response: dict[str, Any]) -> dict[str, Any]:
    """``response`` of ``reading`` with its engine texts in the active (page) language."""
    language = "fa" if (translation.get_language() or "").startswith("fa") else "en"
    if language_of(response) == language:
        return response
    person = None
    if reading.profile is not None and reading.sign_type != SignType.MULTI_USER:
        from oracle.services.readings import reading_profile

        try:
            person = reading_profile(reading.profile)
        except (InvalidField, EngineError):
            person = None
    return in_language(reading, response, language, person=person)


def _texts_over(stored: Any, fresh: Any) -> Any:
    """``stored`` with every text replaced by the text at the same place in ``fresh``."""
    if isinstance(stored, str) and isinstance(fresh, str):
        return fresh
    if isinstance(stored, dict) and isinstance(fresh, dict):
        return {
            key: _texts_over(value, fresh[key]) if key in fresh else value
            for key, value in stored.items()
        }
    if isinstance(stored, list) and isinstance(fresh, list) and len(stored) == len(fresh):
        return [_texts_over(old, new) for old, new in zip(stored, fresh, strict=True)]
    return stored


def _numbers(value: Any, key: str = "") -> Any:
    """The numbers (and yes/no flags) of a response, in its shape: what must match."""
    if isinstance(value, dict):
        return {
            name: _numbers(item, name)
            for name, item in value.items()
            if name not in _KEPT and _numbers(item, name) is not None
        }
    if isinstance(value, list):
        return [_numbers(item) for item in value]
    if isinstance(value, bool | int | float):
        return value
    return None


def _moment(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def _time(response: Mapping[str, Any], person: ReadingProfile | None) -> dict[str, Any]:
    return compose_time_reading(_moment(response["generated_at"]), profile=person)


def _question(response: Mapping[str, Any], person: ReadingProfile | None) -> dict[str, Any]:
    return compose_question(response["question"], _moment(response["moment"]), profile=person)


def _name(response: Mapping[str, Any], person: ReadingProfile | None) -> dict[str, Any]:
    return compose_name(
        response["name"], profile=person, system=response.get("numerology_system") or None
    )


def _daily(response: Mapping[str, Any], person: ReadingProfile | None) -> dict[str, Any]:
    return compose_daily(dt.date.fromisoformat(response["date"]), profile=person)


def _group(response: Mapping[str, Any], person: ReadingProfile | None) -> dict[str, Any]:
    users = [
        {key: member[key] for key in ("name", "birth_year", "birth_month", "birth_day")}
        for member in response["profiles"]
    ]
    return compose_multi_user(
        users, include_interpretation=response.get("ai_interpretation") is not None
    )


_RECOMPOSERS: Mapping[str, Callable[[Mapping[str, Any], ReadingProfile | None], dict[str, Any]]] = {
    SignType.READING: _time,
    SignType.TIME: _time,
    SignType.QUESTION: _question,
    SignType.NAME: _name,
    SignType.DAILY: _daily,
    SignType.MULTI_USER: _group,
}
