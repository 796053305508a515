"""Dates as people enter them and as they read them.

Entering: every date or date-time a person types (a reading's moment, a birthday, a history
filter) must fall in the years `MIN_YEAR`–`MAX_YEAR`. Both calendars shown here can write every
day of that range (Jalali 378–2378), and far dates mean a typo, not a person or a question.

Reading: dates are stored Gregorian (datetimes in UTC) and shown in the account's calendar —
Jalali or Gregorian, or "automatic" (Jalali in Persian, Gregorian in English). The preference is
activated per request (`activate`, from `nps.accounts.middleware`) like Django's time zone, and
read by the template filters through `active_calendar`. A stored moment's hour and minute are
shown on the clock of the account's time zone (`activate_zone`; UTC when it chose none), named
after it: "2024-03-20 14:05 Tehran time", "… ۱۴:۰۵ به وقت تهران", or "… 14:05 UTC".

Showing a date never fails: a date the Jalali calendar cannot write (before 622 or after
9999-03-20, e.g. a row stored before the years were checked) is shown Gregorian.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Callable, Iterator
from contextvars import ContextVar

import jdatetime
from babel import Locale
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

MIN_YEAR = 1000
MAX_YEAR = 2999
FIRST_DAY = datetime.date(MIN_YEAR, 1, 1)
LAST_DAY = datetime.date(MAX_YEAR, 12, 31)

AUTO, JALALI, GREGORIAN = "auto", "jalali", "gregorian"
CALENDARS = (AUTO, JALALI, GREGORIAN)
CALENDAR_CHOICES = [
    (AUTO, _("Automatic (Solar Hijri in Persian, Gregorian in English)")),
    (JALALI, _("Solar Hijri (Jalali)")),
    (GREGORIAN, _("Gregorian")),
]

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
JALALI_MONTHS_EN = (
    "Farvardin",
    "Ordibehesht",
    "Khordad",
    "Tir",
    "Mordad",
    "Shahrivar",
    "Mehr",
    "Aban",
    "Azar",
    "Dey",
    "Bahman",
    "Esfand",
)
GREGORIAN_MONTHS_FA = (
    "ژانویه",
    "فوریه",
    "مارس",
    "آوریل",
    "مه",
    "ژوئن",
    "ژوئیه",
    "اوت",
    "سپتامبر",
    "اکتبر",
    "نوامبر",
    "دسامبر",
)


def is_persian() -> bool:
    return (translation.get_language() or "").startswith("fa")


def line_separator() -> str:
    """What separates two parts of a line: " · " in English; "، " in Persian, where a middle dot
    beside a Persian digit reads as a zero ("۵ خوانش · ۰" as ۵۰). Pages (`{% sep %}`) and files
    alike."""
    return "، " if is_persian() else " · "


def to_persian_digits(value) -> str:
    return str(value).translate(PERSIAN_DIGITS)


def localised_digits(value) -> str:
    return to_persian_digits(value) if is_persian() else str(value)


# ---------------------------------------------------------------------------------------------
# Entering dates


def year_out_of_range(value: datetime.date | None) -> bool:
    """True for a date or date-time (as written, in its own zone) outside the entry years."""
    return value is not None and not MIN_YEAR <= value.year <= MAX_YEAR


def range_message() -> str:
    """The English message of the API (the pages translate `validate_entry_date`'s)."""
    return f"Use a year from {MIN_YEAR} to {MAX_YEAR}."


def validate_entry_date(value: datetime.date | None) -> None:
    """A form field validator: the date (or date-time) is in the years people may enter."""
    if year_out_of_range(value):
        raise ValidationError(
            _("Enter a date in the years %(first)s to %(last)s."),
            code="year_range",
            params={"first": localised_digits(MIN_YEAR), "last": localised_digits(MAX_YEAR)},
        )


class EntryDateField(forms.DateField):
    """A page form's date a person enters: its message beside the field names the years. Give its
    widget `min_date=FIRST_DAY` (and `max_date`) so the picker offers only those years."""

    default_validators = [validate_entry_date]


# ---------------------------------------------------------------------------------------------
# The calendar of the request

Preference = str | Callable[[], str]
_preference: ContextVar[Preference] = ContextVar("nps_calendar", default=AUTO)


def activate(preference: Preference) -> object:
    """Use `preference` (a calendar name, or a function that finds it when a date is first shown)
    in this context; returns the token `deactivate` takes."""
    return _preference.set(preference)


def deactivate(token) -> None:
    _preference.reset(token)


@contextlib.contextmanager
def override(preference: Preference) -> Iterator[None]:
    token = activate(preference)
    try:
        yield
    finally:
        deactivate(token)


def active_calendar() -> str:
    """`jalali` or `gregorian`: the active preference, "automatic" decided by the language."""
    preference = _preference.get()
    if callable(preference):
        preference = preference()
        _preference.set(preference)  # looked up once per request
    if preference in (JALALI, GREGORIAN):
        return preference
    return JALALI if is_persian() else GREGORIAN


def uses_jalali() -> bool:
    return active_calendar() == JALALI


# ---------------------------------------------------------------------------------------------
# The time zone of the request

ZonePreference = datetime.tzinfo | Callable[[], datetime.tzinfo] | None
_zone: ContextVar[ZonePreference] = ContextVar("nps_zone", default=None)
UTC_KEYS = frozenset({"UTC", "Etc/UTC", "Etc/GMT", "Etc/Universal", "Etc/Zulu", "GMT", "Universal"})


def activate_zone(preference: ZonePreference) -> object:
    """Show moments on the clock of `preference` (a zone, or a function that finds it when a time
    is first shown) in this context; returns the token `deactivate_zone` takes. Without one,
    Django's current zone (UTC, or a `timezone.override`)."""
    return _zone.set(preference)


def deactivate_zone(token) -> None:
    _zone.reset(token)


def display_zone() -> datetime.tzinfo:
    preference = _zone.get()
    if callable(preference):
        preference = preference()
        _zone.set(preference)  # looked up once per request
    return preference or timezone.get_current_timezone()


def _offset_name(offset: datetime.timedelta | None) -> str:
    minutes = round((offset or datetime.timedelta()) / datetime.timedelta(minutes=1))
    if not minutes:
        return "UTC"
    sign = "+" if minutes > 0 else "−"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def zone_suffix(zone: datetime.tzinfo, moment: datetime.datetime) -> str:
    """What follows a clock to name its zone: "Tehran time" / "به وقت تهران" (the zone's city,
    in the language of the page), or "UTC" / "UTC+03:30" for UTC and zones without a city."""
    key = getattr(zone, "key", None)
    if not key or key in UTC_KEYS or key.startswith("Etc/"):
        return localised_digits(_offset_name(moment.utcoffset()))
    try:
        from nps.core.places import zone_city

        city = zone_city(key, Locale.parse("fa" if is_persian() else "en"))
    except (LookupError, ValueError):
        city = key.rsplit("/", 1)[-1].replace("_", " ")
    # Translators: a clock's zone, after the clock: "14:05 Tehran time" ("۱۴:۰۵ به وقت تهران").
    return gettext("%(city)s time") % {"city": city}


# ---------------------------------------------------------------------------------------------
# Showing dates


def _local(value: datetime.datetime) -> datetime.datetime:
    """An aware moment on the wall clock of the displayed zone (`display_zone`); where that clock
    would leave the years 1–9999 (the first and last hours of the range), the moment as stored."""
    if timezone.is_naive(value):
        return value
    try:
        return timezone.localtime(value, display_zone())
    except (OverflowError, ValueError):
        return value


def _clock(value: datetime.date) -> str:
    return f"{value.hour:02d}:{value.minute:02d}" if isinstance(value, datetime.datetime) else ""


def jalali_text(value: datetime.date, *, with_time: bool = False) -> str | None:
    """`1 فروردین 1403` (Persian) / `1 Farvardin 1403` (English), or None where the Jalali
    calendar has no such day."""
    try:
        day = jdatetime.date.fromgregorian(year=value.year, month=value.month, day=value.day)
    except (ValueError, OverflowError):
        return None
    persian = is_persian()
    months = JALALI_MONTHS_FA if persian else JALALI_MONTHS_EN
    text = f"{day.day} {months[day.month - 1]} {day.year}"
    if with_time and (clock := _clock(value)):
        text += f"، {clock}" if persian else f", {clock}"
    return to_persian_digits(text) if persian else text


def gregorian_text(value: datetime.date, *, with_time: bool = False) -> str:
    """`2024-03-20 08:05` (English), `۲۰ مارس ۲۰۲۴، ۰۸:۰۵` (Persian)."""
    clock = _clock(value) if with_time else ""
    if not is_persian():
        text = f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
        return f"{text} {clock}" if clock else text
    text = f"{value.day} {GREGORIAN_MONTHS_FA[value.month - 1]} {value.year}"
    return to_persian_digits(f"{text}، {clock}" if clock else text)


def format_date(value: datetime.date, *, with_time: bool = False, calendar: str | None = None):
    """A date or date-time as a person reads it, in `calendar` (default: the active one). An
    aware date-time (a stored moment) is on the displayed zone's clock, and with its time the
    zone is named: "2024-03-20 14:05 Tehran time". A naive one is a wall clock shown as it is."""
    suffix = ""
    if isinstance(value, datetime.datetime):
        value = _local(value)
        if with_time and timezone.is_aware(value):
            suffix = " " + zone_suffix(value.tzinfo, value)
    if (calendar or active_calendar()) == JALALI:
        text = jalali_text(value, with_time=with_time)
        if text is not None:
            return text + suffix
    return gregorian_text(value, with_time=with_time) + suffix
