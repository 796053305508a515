import datetime

import pytest
from django.utils import translation

from nps.core.templatetags.nps import jalali, localdate, persian_digits


def test_persian_digits_in_persian():
    with translation.override("fa"):
        assert persian_digits("Room 2024") == "Room ۲۰۲۴"


def test_digits_stay_latin_in_english():
    with translation.override("en"):
        assert persian_digits(2024) == 2024


@pytest.mark.parametrize(
    ("gregorian", "expected"),
    [
        pytest.param(datetime.date(2024, 3, 20), "۱ فروردین ۱۴۰۳", id="nowruz-1403"),
        pytest.param(datetime.date(1990, 3, 21), "۱ فروردین ۱۳۶۹", id="nowruz-1369"),
        pytest.param(datetime.date(2026, 11, 25), "۴ آذر ۱۴۰۵", id="today"),
    ],
)
def test_localdate_is_jalali_with_persian_digits_in_persian(gregorian, expected):
    with translation.override("fa"):
        assert localdate(gregorian) == expected


def test_localdate_is_iso_in_english():
    with translation.override("en"):
        assert localdate(datetime.date(2024, 3, 20)) == "2024-03-20"


def test_localdate_with_time_shows_local_hour(settings):
    moment = datetime.datetime(2024, 3, 20, 8, 5, tzinfo=datetime.UTC)
    with translation.override("fa"):
        assert localdate(moment, "time") == "۱ فروردین ۱۴۰۳، ۰۸:۰۵ UTC"
    with translation.override("en"):
        assert localdate(moment, "time") == "2024-03-20 08:05 UTC"


def test_jalali_is_jalali_in_any_language():
    with translation.override("en"):
        assert jalali(datetime.date(2024, 3, 20)) == "۱ فروردین ۱۴۰۳"


def test_non_dates_pass_through():
    assert localdate("not a date") == "not a date"
    assert localdate(None) == ""
