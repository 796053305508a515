"""The two moons and the method stamp of a reading (``{% load sky %}``)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django import template

from nps.core.dates import format_date
from nps.core.templatetags.nps import is_persian, to_persian_digits
from oracle.engines.version import ENGINE_VERSION
from oracle.services import method

register = template.Library()


@register.filter
def reading_clock(value: Any) -> str:
    """An ISO instant of the sky block on the reading's own clock (the offset it was made in),
    in the account's calendar, to the minute: ``2024-04-24 03:19``."""
    if not isinstance(value, str):
        return ""
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        return value
    # To the nearest minute, as almanacs print them.
    nearest = (moment + datetime.timedelta(seconds=30)).replace(second=0, microsecond=0)
    return format_date(nearest.replace(tzinfo=None), with_time=True)


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
