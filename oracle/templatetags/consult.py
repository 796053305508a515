"""Filters of the consultation results (``{% load consult %}``): the engines' English terms and
numbers as the page shows them."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from typing import Any

from django import template
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import pgettext_lazy

from nps.core.dates import JALALI, active_calendar, format_date
from nps.core.templatetags.nps import is_persian, persian_digits, to_persian_digits
from oracle.engines import i18n
from oracle.engines.interpretation import dominant_text, meaning_of
from oracle.forms.consult import QUESTION_CATEGORIES
from oracle.models import ReadingKind

register = template.Library()


@register.filter
def kind_label(value: Any) -> Any:
    """A reading type (``ReadingKind``'s value: ``time``, ``multi``…) as a person names it."""
    return ReadingKind(value).label if value in ReadingKind.values else value


@register.filter
def term(value: Any) -> Any:
    """An engine's short English name (element, animal, polarity, moon phase, zodiac sign,
    planet, weekday, numerology system, day energy, role, archetype…) in the active language,
    from the engines' own Persian table; anything else as the engine gave it."""
    return i18n.term(value, translation.get_language())


@register.filter
def answer(value: Any) -> Any:
    """``yes``/``no``/``maybe`` as a word of the active language."""
    return i18n.term(value, translation.get_language())


@register.filter
def category(value: Any) -> Any:
    """A question's stored category key as its label ("" for none or an unknown key)."""
    return QUESTION_CATEGORIES.get(value, "") if isinstance(value, str) else ""


@register.filter
def meaning(number: Any) -> str:
    """``7`` → ``The Seeker: Question, analyze, find meaning`` (جوینده: … in Persian)."""
    with i18n.speaking(translation.get_language()):
        return meaning_of(number)


@register.filter
def dominant(distribution: Any) -> str:
    """A group's element or animal distribution as its leader (``Fire``), or on a tie as a tie
    (``Balanced: Wood, Fire, Earth and Metal equally``), in the active language."""
    if not isinstance(distribution, Mapping) or not distribution:
        return ""
    with i18n.speaking(translation.get_language()):
        return dominant_text(distribution)


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


# Runs of Latin text inside Persian prose: words starting with a Latin letter and what joins them
# (FC60 tokens and stamps ``MA-TI-RAMT 🌙TI-MOFI-RAWU``, codes, Latin names, ``A=1 + L=3``, a
# list ``Sam Roe, Jo Park and Ali`` — one isolate, or the bidi algorithm reverses its words), or
# numbers with their signs (``14:41``, ``1 + 8 = 9``, ``74%``, ``2026-03-20``).
_WORD = r"[A-Za-z][A-Za-z0-9']*"
_LATIN_RUN = re.compile(
    rf"{_WORD}(?:[-=+ ☀🌙.]+[A-Za-z0-9][A-Za-z0-9']*|[,;] *{_WORD})*"
    r"|[0-9](?:[0-9:.\-+=%/ ]*[0-9%])?"
)
_ISO_DATE = re.compile(r"\b([0-9]{4})-([0-9]{2})-([0-9]{2})\b(?!T)")
_LETTER = re.compile(r"[A-Za-z]")
_BOLD = re.compile(r"\*\*([^*\n]+?)\*\*")
_DECIMAL_POINT = re.compile(r"(?<=[0-9])\.(?=[0-9])")


def _local_date(match: re.Match[str]) -> str:
    """A Gregorian ``YYYY-MM-DD`` in a text as the reader's calendar writes it (Jalali, or the
    Gregorian day in Persian words and digits)."""
    try:
        day = datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return match.group(0)
    return format_date(day)


def _persian_run(run: str) -> str:
    if _LETTER.search(run):  # tokens, stamps, codes and Latin names stay Latin, left to right
        return f'<bdi dir="ltr">{escape(run)}</bdi>'
    number = to_persian_digits(_DECIMAL_POINT.sub("٫", run)).replace("%", "٪")
    return number if number.isdigit() else f'<bdi dir="ltr">{escape(number)}</bdi>'


@register.filter(is_safe=True)
def prose(value: Any) -> SafeString:
    """An engine text for the page, escaped, its ``**emphasis**`` bold: in Persian its digits are
    Persian and its Latin runs (FC60 tokens, stamps, codes, Latin names) and
    formulas are isolated left to right; its ``YYYY-MM-DD`` dates are in the reader's calendar
    (Jalali in Persian unless the account chose Gregorian)."""
    text = "" if value is None else str(value)
    if not is_persian():
        if active_calendar() == JALALI:
            text = _ISO_DATE.sub(_local_date, text)
        return _bold(str(escape(text)))
    text = _ISO_DATE.sub(_local_date, text)
    pieces, end = [], 0
    for match in _LATIN_RUN.finditer(text):
        pieces += [escape(text[end : match.start()]), _persian_run(match.group(0))]
        end = match.end()
    pieces.append(escape(text[end:]))
    return _bold("".join(pieces))


def _bold(escaped: str) -> SafeString:
    """``**Daily Practice**`` (the engines' and the AI's emphasis) as bold. Every piece of
    ``escaped`` is escaped already; only <strong> and <bdi> are added."""
    return mark_safe(_BOLD.sub(r"<strong>\1</strong>", escaped))  # noqa: S308
