"""Template filters for Persian display: digits and Jalali dates, applied only in Persian.

Dates are stored Gregorian (UTC for datetimes); these filters change only how they are shown.
"""

import datetime

import jdatetime
from django import template
from django.utils import timezone, translation

register = template.Library()

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

JALALI_MONTHS_FA = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)


def is_persian() -> bool:
    return (translation.get_language() or "").startswith("fa")


def to_persian_digits(value) -> str:
    return str(value).translate(PERSIAN_DIGITS)


@register.filter
def persian_digits(value):
    """Latin digits → Persian digits, in Persian only. `None` stays empty."""
    if value is None:
        return ""
    return to_persian_digits(value) if is_persian() else value


def to_jalali_text(value: datetime.date | datetime.datetime, *, with_time: bool) -> str:
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        jalali = jdatetime.datetime.fromgregorian(datetime=local)
        text = f"{jalali.day} {JALALI_MONTHS_FA[jalali.month - 1]} {jalali.year}"
        if with_time:
            text += f"، {jalali.hour:02d}:{jalali.minute:02d}"
    else:
        jalali = jdatetime.date.fromgregorian(date=value)
        text = f"{jalali.day} {JALALI_MONTHS_FA[jalali.month - 1]} {jalali.year}"
    return to_persian_digits(text)


@register.filter
def localdate(value, with_time: str = ""):
    """A date (or datetime) as a person reads it: Jalali with Persian digits in FA, ISO in EN.

    `{{ reading.created_at|localdate:"time" }}` adds the hour and minute.
    """
    if not isinstance(value, datetime.date):
        return value if value is not None else ""
    show_time = bool(with_time) and isinstance(value, datetime.datetime)
    if is_persian():
        return to_jalali_text(value, with_time=show_time)
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return local.strftime("%Y-%m-%d %H:%M" if show_time else "%Y-%m-%d")
    return value.isoformat()


@register.filter
def jalali(value):
    """Always Jalali (Persian digits), whatever the language — for dual-calendar displays."""
    if not isinstance(value, datetime.date):
        return value if value is not None else ""
    return to_jalali_text(value, with_time=False)
