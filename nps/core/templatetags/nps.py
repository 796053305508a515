"""Template filters for dates and digits as a person reads them: Persian digits in Persian, dates
in the account's calendar (`nps.core.dates`: Jalali or Gregorian, automatic by language).

Dates are stored Gregorian (UTC for datetimes); these filters change only how they are shown, and
never fail on a date: one the Jalali calendar cannot write is shown Gregorian.
"""

import datetime

from django import template
from django.utils import translation

from nps.core.dates import (
    JALALI,
    JALALI_MONTHS_FA,
    format_date,
    is_persian,
    line_separator,
    to_persian_digits,
)

# Re-exported for the code that imported them from here before `nps.core.dates` existed.
__all__ = (
    "JALALI_MONTHS_FA",
    "is_persian",
    "jalali",
    "localdate",
    "persian_digits",
    "sep",
    "to_persian_digits",
)

register = template.Library()


@register.filter
def persian_digits(value):
    """Latin digits → Persian digits, in Persian only. `None` stays empty."""
    if value is None:
        return ""
    return to_persian_digits(value) if is_persian() else value


@register.simple_tag
def sep() -> str:
    """What separates two parts of a line (`nps.core.dates.line_separator`)."""
    return line_separator()


@register.filter
def localdate(value, with_time: str = ""):
    """A date (or datetime) in the account's calendar: Jalali (`۱ فروردین ۱۴۰۳` in Persian,
    `1 Farvardin 1403` in English) or Gregorian (`2024-03-20` in English, `۲۰ مارس ۲۰۲۴` in
    Persian). By default Jalali in Persian and Gregorian in English.

    `{{ reading.created_at|localdate:"time" }}` adds the hour and minute.
    """
    if not isinstance(value, datetime.date):
        return value if value is not None else ""
    return format_date(value, with_time=bool(with_time))


@register.filter
def jalali(value):
    """Always Jalali in Persian, whatever the language and preference — for dual-calendar
    displays (a date the Jalali calendar cannot write stays Gregorian)."""
    if not isinstance(value, datetime.date):
        return value if value is not None else ""
    with translation.override("fa"):
        return format_date(value, calendar=JALALI)
