"""Filters of the consultation results (``{% load consult %}``): the engines' English terms and
numbers as the page shows them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nps.core.templatetags.nps import persian_digits
from oracle import pictures
from oracle.engines.interpretation import meaning_of
from oracle.forms.consult import QUESTION_CATEGORIES

register = template.Library()

ANSWERS = {
    "yes": pgettext_lazy("oracle answer", "Yes"),
    "no": pgettext_lazy("oracle answer", "No"),
    "maybe": pgettext_lazy("oracle answer", "Maybe"),
}
POLARITIES = {"Yang": _("Yang"), "Yin": _("Yin")}
SYSTEMS = {
    "pythagorean": _("Pythagorean"),
    "chaldean": _("Chaldean"),
    "abjad": _("Abjad"),
    "auto": _("Automatic"),
}
TERMS: Mapping[str, Any] = {
    **{name: label for _code, name, label in pictures.ANIMALS},
    **{name: label for _code, name, label in pictures.ELEMENTS},
    **{str(name): pictures.MOON_PHASES[name] for name in pictures.MOON_PHASES},
    **POLARITIES,
    **SYSTEMS,
}


@register.filter
def term(value: Any) -> Any:
    """An engine's English name (element, animal, polarity, moon phase, system), translated;
    anything else as the engine gave it."""
    return TERMS.get(value, value) if isinstance(value, str) else value


@register.filter
def answer(value: Any) -> Any:
    return ANSWERS.get(value, value)


@register.filter
def category(value: Any) -> Any:
    """A question's stored category key as its label ("" for none or an unknown key)."""
    return QUESTION_CATEGORIES.get(value, "") if isinstance(value, str) else ""


@register.filter
def meaning(number: Any) -> str:
    """``7`` → ``The Seeker: Question, analyze, find meaning`` (the engines' English)."""
    return meaning_of(number)


@register.filter
def share(value: Any) -> int:
    """A 0–1 score as a whole percentage (``0.513`` → ``51``)."""
    try:
        return round(float(value) * 100)
    except (TypeError, ValueError):
        return 0


@register.filter
def letter_total(letters: Iterable[Mapping[str, Any]] | None) -> int:
    """The sum of a name's letter values (its Abjad value, for Persian script)."""
    return sum(letter.get("value") or 0 for letter in letters or ())


@register.filter
def digits(value: Any) -> Any:
    return persian_digits(value)


HOUR_QUALITIES = {
    "excellent": pgettext_lazy("timing", "Excellent"),
    "good": pgettext_lazy("timing", "Good"),
    "fair": pgettext_lazy("timing", "Fair"),
    "poor": pgettext_lazy("timing", "Poor"),
}


@register.filter
def hour_quality(value: Any) -> Any:
    """The timing advisor's quality of an hour (``excellent`` … ``poor``) as its label."""
    return HOUR_QUALITIES.get(value, value)
