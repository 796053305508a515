"""Dates as people read them (`nps.core.dates` and the date filters): the account's calendar, and
no date at all — year 1 to 9999, aware or naive, in any zone — can make a filter fail."""

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone, translation
from hypothesis import given, settings
from hypothesis import strategies as st

from nps.core import dates
from nps.core.templatetags.nps import jalali, localdate
from oracle.templatetags.consult import prose

# The zones at the ends of the offsets (+14:00, −11:00/−12:00) and one with half hours.
ZONES = ["UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Etc/GMT+12", "Asia/Tehran"]
LANGUAGES = ["en", "fa"]
PREFERENCES = list(dates.CALENDARS)
LATIN, PERSIAN = set("0123456789"), set("۰۱۲۳۴۵۶۷۸۹")

any_date = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
naive_datetimes = st.datetimes(
    min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31, 23, 59, 59)
)
aware_datetimes = st.datetimes(
    min_value=dt.datetime(1, 1, 1),
    max_value=dt.datetime(9999, 12, 31, 23, 59, 59),
    timezones=st.sampled_from([dt.UTC, *map(zoneinfo.ZoneInfo, ZONES)]),
)


@settings(max_examples=300, deadline=None)
@given(
    value=st.one_of(any_date, naive_datetimes, aware_datetimes),
    language=st.sampled_from(LANGUAGES),
    preference=st.sampled_from(PREFERENCES),
    zone=st.sampled_from(ZONES),
)
def test_any_date_from_year_1_to_9999_renders_in_both_languages(value, language, preference, zone):
    with translation.override(language), dates.override(preference), timezone.override(zone):
        shown = [localdate(value), localdate(value, "time")]
    with translation.override(language):
        shown.append(jalali(value))
    for text in shown:
        assert isinstance(text, str) and text
        latin, persian = any(c in LATIN for c in text), any(c in PERSIAN for c in text)
        # Persian digits in Persian, Latin ones in English (the |jalali filter is always Persian)
        assert (persian and not latin) if language == "fa" or text is shown[2] else latin


@settings(max_examples=200, deadline=None)
@given(value=any_date, language=st.sampled_from(LANGUAGES), preference=st.sampled_from(PREFERENCES))
def test_a_far_date_in_engine_prose_renders(value, language, preference):
    iso = f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    with translation.override(language), dates.override(preference):
        shown = str(prose(f"The day {iso} is near"))
        calendar = dates.active_calendar()
    writable_in_jalali = dates.jalali_text(value) is not None
    if language == "en" and (calendar == dates.GREGORIAN or not writable_in_jalali):
        assert shown == f"The day {iso} is near"
    else:
        assert iso not in shown and "The day" in shown


def test_a_day_the_jalali_calendar_cannot_write_is_shown_gregorian():
    with translation.override("fa"):
        assert localdate(dt.date(1, 1, 1)) == "۱ ژانویه ۱"
        assert localdate(dt.date(9999, 12, 31)) == "۳۱ دسامبر ۹۹۹۹"
        assert jalali(dt.date(9999, 12, 31)) == "۳۱ دسامبر ۹۹۹۹"
    with translation.override("en"), dates.override(dates.JALALI):
        assert localdate(dt.date(1, 1, 1)) == "0001-01-01"


def test_an_aware_moment_past_the_last_year_in_the_zone_is_shown_as_stored():
    last = dt.datetime(9999, 12, 31, 23, 30, tzinfo=dt.UTC)
    with translation.override("en"), timezone.override("Asia/Tehran"):
        assert localdate(last, "time") == "9999-12-31 23:30 UTC"


def test_automatic_calendar_follows_the_language():
    day = dt.date(2024, 3, 20)
    with dates.override(dates.AUTO):
        with translation.override("fa"):
            assert localdate(day) == "۱ فروردین ۱۴۰۳"
        with translation.override("en"):
            assert localdate(day) == "2024-03-20"


def test_gregorian_preference_in_persian_shows_gregorian_with_persian_digits():
    moment = dt.datetime(2024, 3, 20, 8, 5, tzinfo=dt.UTC)
    with translation.override("fa"), dates.override(dates.GREGORIAN):
        assert localdate(moment.date()) == "۲۰ مارس ۲۰۲۴"
        assert localdate(moment, "time") == "۲۰ مارس ۲۰۲۴، ۰۸:۰۵ UTC"
        assert "۲۰ مارس ۲۰۲۴" in str(prose("Your day 2024-03-20"))
        assert jalali(moment.date()) == "۱ فروردین ۱۴۰۳"  # the dual display stays Jalali


def test_jalali_preference_in_english_shows_jalali_months():
    moment = dt.datetime(2024, 3, 20, 8, 5, tzinfo=dt.UTC)
    with translation.override("en"), dates.override(dates.JALALI):
        assert localdate(moment.date()) == "1 Farvardin 1403"
        assert localdate(moment, "time") == "1 Farvardin 1403, 08:05 UTC"
        assert str(prose("Your day 2024-03-20")) == "Your day 1 Farvardin 1403"


def test_the_preference_is_looked_up_once_and_only_when_a_date_is_shown():
    calls = []

    def lookup():
        calls.append(1)
        return dates.GREGORIAN

    with dates.override(lookup), translation.override("fa"):
        assert calls == []
        assert localdate(dt.date(2024, 3, 20)) == "۲۰ مارس ۲۰۲۴"
        localdate(dt.date(2024, 3, 21))
    assert calls == [1]
    with translation.override("fa"):
        assert localdate(dt.date(2024, 3, 20)) == "۱ فروردین ۱۴۰۳"  # reset after the block


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        (dt.date(999, 12, 31), False),
        (dt.date(1000, 1, 1), True),
        (dt.date(2999, 12, 31), True),
        (dt.date(3000, 1, 1), False),
        (dt.datetime(1, 1, 1, tzinfo=dt.UTC), False),
    ],
)
def test_entry_years_are_1000_to_2999(value, valid):
    assert dates.year_out_of_range(value) is not valid
