"""The two moons and the method stamp of a reading (``{% load sky %}``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template

from nps.core.templatetags.nps import is_persian, to_persian_digits
from oracle.engines.version import ENGINE_VERSION
from oracle.services import method, reading_document

register = template.Library()


@register.filter
def reading_clock(value: Any) -> str:
    """An ISO instant of the sky block on the reading's own clock (the offset it was made in),
    in the account's calendar, to the nearest minute, with its zone: ``2024-04-24 03:19 UTC+03:30``
    — as the TXT and PDF write it."""
    if not isinstance(value, str):
        return ""
    return reading_document.sky_moment_text(value)


@register.filter
def decimal(value: Any, places: int = 1) -> str:
    """A number with ``places`` decimals in the language's digits: ``3.8`` / ``۳٫۸``."""
    try:
        text = f"{float(value):.{int(places)}f}"
    except (TypeError, ValueError):
        return ""
    return to_persian_digits(text.replace(".", "٫")) if is_persian() else text


@register.inclusion_tag("oracle/results/_method.html")
def method_stamp(result: Mapping[str, Any] | None, stored: bool = False) -> dict[str, Any]:
    """The "How this was computed" disclosure; ``stored``: a reading read again, which says so
    when today's engines are not the ones that computed it."""
    stamp = result.get("method") if isinstance(result, Mapping) else None
    return {
        "lines": method.method_lines(stamp),
        "has_method": isinstance(stamp, Mapping),
        "outdated": stored and method.is_outdated(stamp),
        "version": stamp.get("engine_version") if isinstance(stamp, Mapping) else None,
        "current_version": ENGINE_VERSION,
    }
