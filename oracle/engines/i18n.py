"""The language the engines write in (pure Python, no Django).

The engines write English unless told otherwise. The web layer composes a reading inside
``with speaking("fa"):`` and every piece of prose the engines produce for output passes through
:func:`tr`, which returns its Persian from :mod:`oracle.engines.texts_fa` (or the English text
itself in English, or when a text has no Persian). Sentences with values are translated as their
English *template* (``"Angel number {number}: {meaning}"``) and formatted afterwards
(:func:`trf`), so the Persian may put the values in its own order.

Rules the engines follow so the English output stays byte for byte V4's:

* ``tr`` is called only on text going out, never on a value the logic compares or looks up;
* short names that are keys (animal, element, polarity, moon phase, zodiac sign/element/quality/
  planet, weekday, numerology system, answer, day energy, role, archetype, classification) stay
  English in the response; the pages show them through :func:`term` (the ``|term`` filter);
* inside Persian prose the names appear in Persian: the prose builders pass them through ``tr``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from oracle.engines.texts_fa import TERMS_FA, TEXTS_FA

__all__ = [
    "LANGUAGES",
    "and_list",
    "language",
    "speaking",
    "term",
    "tr",
    "translate",
    "trf",
]

LANGUAGES: tuple[str, ...] = ("en", "fa")

_LANGUAGE: ContextVar[str] = ContextVar("nps_engine_language", default="en")

#: How a term reads in English where the engine's key is not itself the display form.
_TERMS_EN: dict[str, str] = {
    "pythagorean": "Pythagorean",
    "chaldean": "Chaldean",
    "abjad": "Abjad",
    "auto": "Automatic",
    "yes": "Yes",
    "no": "No",
    "maybe": "Maybe",
    "excellent": "Excellent",
    "good": "Good",
    "fair": "Fair",
    "poor": "Poor",
}

_PERSIAN: dict[str, str] = {**TEXTS_FA, **TERMS_FA}


def _normalize(value: str | None) -> str:
    """``"fa"``, ``"fa-IR"``, ``"FA"`` → ``"fa"``; anything not Persian → ``"en"``."""
    if isinstance(value, str) and value.strip().lower().split("-")[0].split("_")[0] == "fa":
        return "fa"
    return "en"


def language() -> str:
    """The language the engines write in now (``"en"`` or ``"fa"``)."""
    return _LANGUAGE.get()


@contextmanager
def speaking(value: str | None) -> Iterator[str]:
    """Compose inside ``with speaking("fa"):`` to get Persian prose; restores the language after."""
    token = _LANGUAGE.set(_normalize(value))
    try:
        yield _LANGUAGE.get()
    finally:
        _LANGUAGE.reset(token)


def translate(text: str, value: str | None) -> str:
    """The text in the language ``value`` (Persian from the tables, else the text itself)."""
    if _normalize(value) == "fa":
        return _PERSIAN.get(text, text)
    return text


def tr(text: str) -> str:
    """An English engine text (or template) in the current language."""
    if _LANGUAGE.get() == "fa":
        return _PERSIAN.get(text, text)
    return text


# Persian joins a noun to the word after it with the ezafe, written ی after a final alef:
# «اژدها» + «آتش» → «اژدهای آتش».
_EZAFE_AFTER_ALEF = re.compile(r"(?<=[\u0600-\u06FF]ا) (?=(?:چوب|آتش|خاک|فلز|آب)\b)")


def trf(template: str, /, **values: Any) -> str:
    """Translate an English template, then fill it: ``trf("Hour {hour}", hour=3)``."""
    text = tr(template).format(**values)
    if _LANGUAGE.get() == "fa":
        text = _EZAFE_AFTER_ALEF.sub("ی ", text)
    return text


def and_list(items: Sequence[str]) -> str:
    """Items as a person lists them: ``A``, ``A and B``, ``A, B and C`` (Persian ``A، B و C``)."""
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return tr(", ").join(items[:-1]) + tr(" and ") + items[-1]


def term(value: Any, lang: str | None = None) -> Any:
    """A short engine name (a key such as ``Fire``, ``New Moon``, ``pythagorean``, ``yes``) as a
    person reads it in ``lang`` (default: the current language); other values unchanged."""
    if not isinstance(value, str):
        return value
    if _normalize(lang if lang is not None else _LANGUAGE.get()) == "fa":
        return TERMS_FA.get(value, TEXTS_FA.get(value, value))
    return _TERMS_EN.get(value, value)
