"""The pictures of a reading, one tag each (``{% load oracle_pictures %}``).

``{% moon_picture reading.moon %}``, ``{% element_bars reading.fc60.element_balance %}``,
``{% compatibility_heatmap result %}``, ``{% fc60_tiles reading.fc60_encoding %}``: each renders
an inline SVG (``role="img"`` with a title and description) drawn for the active language's
direction and coloured by ``static/css/nps.css`` (its pictures section).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from django import template
from django.utils import translation
from django.utils.translation import gettext

from nps.core.templatetags.nps import persian_digits
from oracle import pictures

register = template.Library()


def _picture(**context: Any) -> dict[str, Any]:
    return {"picture_id": f"pic-{uuid.uuid4().hex[:8]}", **context}


def _rtl() -> bool:
    return translation.get_language_bidi()


@register.filter
def percent(value: Any) -> str:
    """``44`` → ``44%`` (``۴۴٪`` in Persian)."""
    return gettext("%(number)s%%") % {"number": persian_digits(value)}


@register.inclusion_tag("oracle/pictures/moon.svg.html")
def moon_picture(moon: Mapping[str, Any]) -> dict[str, Any]:
    """A reading's ``moon`` block (``systems.moon`` of a time reading) or its ``fc60_encoding``."""
    return _picture(moon=pictures.moon_picture(moon))


@register.inclusion_tag("oracle/pictures/elements.svg.html")
def element_bars(values: Mapping[str, Any]) -> dict[str, Any]:
    """``fc60.element_balance`` of a time reading or ``group_energy.element_distribution``."""
    return _picture(chart=pictures.element_bars(values, rtl=_rtl()), rtl=_rtl())


@register.inclusion_tag("oracle/pictures/compatibility.svg.html")
def compatibility_heatmap(result: Mapping[str, Any]) -> dict[str, Any]:
    """A multi-user result (``profiles`` and ``pairwise_compatibility``)."""
    return _picture(
        heatmap=pictures.compatibility_heatmap(result, rtl=_rtl()),
        legend=pictures.compatibility_legend(),
        rtl=_rtl(),
    )


@register.inclusion_tag("oracle/pictures/fc60_stamp.svg.html")
def fc60_tiles(stamp: str | Mapping[str, Any]) -> dict[str, Any]:
    """A stamp, a reading's ``fc60_encoding`` (its ``stamp``) or an ``fc60`` with ``code``."""
    return _picture(stamp=pictures.fc60_tiles(stamp, rtl=_rtl()), rtl=_rtl())
