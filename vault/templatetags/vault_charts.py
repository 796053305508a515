"""The journal's charts (``{% load vault_charts %}``): inline SVG with ``role="img"``, a title and a
description listing every value, drawn for the active language's direction."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from django import template
from django.utils import translation

from nps.core.templatetags.nps import persian_digits
from vault import charts

register = template.Library()


def _context(**values) -> dict:
    return {"chart_id": f"chart-{uuid.uuid4().hex[:8]}", **values}


@register.inclusion_tag("vault/charts/columns.svg.html")
def column_chart(items: Sequence[tuple[str, int]], title: str) -> dict:
    """``[(label, count), …]`` as vertical bars (e.g. readings per month)."""
    rtl = translation.get_language_bidi()
    return _context(chart=charts.columns(list(items), rtl=rtl, width=640.0), title=title, rtl=rtl)


@register.inclusion_tag("vault/charts/bars.svg.html")
def bar_chart(items: Sequence[tuple[str, float]], title: str, unit: str = "") -> dict:
    """``[(label, value), …]`` as horizontal bars; ``unit="%"`` scales them to 100."""
    rtl = translation.get_language_bidi()
    shown = [
        (label, value, persian_digits(f"{value:g}") + ("٪" if unit == "%" and rtl else unit))
        for label, value in items
    ]
    maximum = 100.0 if unit == "%" else None
    return _context(chart=charts.bars(shown, rtl=rtl, maximum=maximum), title=title, rtl=rtl)
