"""The pictures of a reading, one tag each (``{% load oracle_pictures %}``).

``{% moon_picture reading.moon %}``, ``{% element_bars reading.fc60.element_balance %}``,
``{% compatibility_heatmap result %}``, ``{% fc60_tiles reading.fc60_encoding %}``: each renders
an inline SVG (``role="img"`` with a title and description) drawn for the active language's
direction and coloured by ``static/css/nps.css`` (its pictures section).
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Mapping
from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from nps.core.templatetags.nps import persian_digits
from oracle import pictures

register = template.Library()


def _picture(**context: Any) -> dict[str, Any]:
    return {"picture_id": _new_id(), **context}


def _new_id() -> str:
    return f"pic-{uuid.uuid4().hex[:8]}"


# The moon, the element bars and the FC60 stamp are drawn once per value and language and kept
# in the worker (a stamp's SVG was a fifth of a reading page's server time); each page gets them
# with ids of its own in place of this one.
KEPT_ID = "pic-kept-picture"
KEPT_PICTURES = {
    "moon": (
        "oracle/pictures/moon.svg.html",
        lambda moon: {"moon": pictures.moon_picture(dict(moon))},
    ),
    "elements": (
        "oracle/pictures/elements.svg.html",
        lambda values: {"chart": pictures.element_bars(dict(values), rtl=_rtl())},
    ),
    "fc60": (
        "oracle/pictures/fc60_stamp.svg.html",
        lambda stamp: {"stamp": pictures.fc60_tiles(stamp, rtl=_rtl())},
    ),
}


def _kept(picture: str, value: str | Mapping[str, Any]) -> SafeString:
    """The picture of ``value`` (a stamp, or a flat mapping of numbers and names), with fresh
    ids; a mapping that cannot be a key (nested values) is drawn each time."""
    key: Any = value
    if not isinstance(value, str):
        key = tuple(sorted(value.items()))
        try:
            hash(key)
        except TypeError:
            return _with_an_id(_drawn.__wrapped__(picture, value, translation.get_language()))
    return _with_an_id(_drawn(picture, key, translation.get_language()))


@functools.lru_cache(maxsize=2048)
def _drawn(picture: str, value: Any, language: str) -> str:
    template_name, draw = KEPT_PICTURES[picture]
    return render_to_string(template_name, {"picture_id": KEPT_ID, "rtl": _rtl(), **draw(value)})


def _with_an_id(svg: str) -> SafeString:
    return mark_safe(svg.replace(KEPT_ID, _new_id()))  # noqa: S308 — rendered by a template


def _rtl() -> bool:
    return translation.get_language_bidi()


@register.filter
def percent(value: Any) -> str:
    """``44`` → ``44%`` (``۴۴٪`` in Persian)."""
    return gettext("%(number)s%%") % {"number": persian_digits(value)}


@register.simple_tag
def moon_picture(moon: Mapping[str, Any]) -> SafeString:
    """A reading's ``moon`` block (``systems.moon`` of a time reading) or its ``fc60_encoding``."""
    return _kept("moon", moon)


@register.simple_tag
def element_bars(values: Mapping[str, Any]) -> SafeString:
    """``fc60.element_balance`` of a time reading or ``group_energy.element_distribution``."""
    return _kept("elements", values)


@register.inclusion_tag("oracle/pictures/compatibility.svg.html")
def compatibility_heatmap(result: Mapping[str, Any]) -> dict[str, Any]:
    """A multi-user result (``profiles`` and ``pairwise_compatibility``)."""
    return _picture(
        heatmap=pictures.compatibility_heatmap(result, rtl=_rtl()),
        legend=pictures.compatibility_legend(),
        rtl=_rtl(),
    )


@register.simple_tag
def fc60_tiles(stamp: str | Mapping[str, Any]) -> SafeString:
    """A stamp, a reading's ``fc60_encoding`` (its ``stamp``) or an ``fc60`` with ``code``."""
    return _kept("fc60", pictures.stamp_text(stamp))
