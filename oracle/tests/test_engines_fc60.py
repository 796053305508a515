"""FC60 engine: V4's vectors, the V4 defects that are fixed, and properties.

Expected values are copied verbatim from the spec (hence the long lines). Where a vector was produced
by a V4 defect that is now fixed, the test says so and asserts the fixed value.
"""

# ruff: noqa: E501

from __future__ import annotations

import inspect
import re
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oracle.engines import fc60
from oracle.engines.errors import (
    InvalidDateError,
    InvalidNumberError,
    InvalidTimeError,
    InvalidTimezoneError,
    UnparseableInputError,
)
from oracle.engines.fc60 import (
    decode_stamp,
    digit60,
    encode_base60,
    encode_datetime,
    encode_fc60,
    ganzhi_day,
    ganzhi_hour,
    ganzhi_year,
    ganzhi_year_name,
    moon_illumination,
    moon_phase,
    to_base60,
    token60,
)

from .vectors import load, params

VECTORS = load("fc60")

V4_KEYS = VECTORS["V4_KEYS"]

# ── encode_fc60: all 24 keys ──────────────────────────────────────────────────────────────

ENCODE_VECTORS = params(VECTORS["ENCODE_VECTORS"], "tuple")


@pytest.mark.parametrize(("args", "kwargs", "expected"), ENCODE_VECTORS)
def test_encode_fc60_matches_v4_vector(args, kwargs, expected):
    result = encode_fc60(*args, **kwargs)
    assert result == expected
    assert list(result) == V4_KEYS  # V4's 24 keys, in V4's order


# ── base-60 primitives ─────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("n", "token"),
    [
        pytest.param(0, "RAWU", id="0"),
        pytest.param(1, "RAFI", id="1"),
        pytest.param(26, "SNFI", id="26"),
        pytest.param(57, "PIER", id="57"),
        pytest.param(59, "PIWA", id="59"),
        pytest.param(-1, "PIWA", id="negative-wraps"),
        pytest.param(3.7, "RAMT", id="float-truncates"),
        pytest.param(60, "RAWU", id="60-wraps"),
    ],
)
def test_token60(n, token):
    assert token60(n) == token


@pytest.mark.parametrize("token", ["RAFI", "rafi", "RaFi"])
def test_digit60_is_case_insensitive(token):
    assert digit60(token) == 1


@pytest.mark.parametrize("bad", ["XXXX", "RA", "RAFIX", "", "WURA"])
def test_digit60_rejects_unknown_token_as_value_error(bad):
    with pytest.raises(UnparseableInputError, match="not an FC60 token") as caught:
        digit60(bad)
    assert isinstance(caught.value, ValueError)  # V4 callers catch ValueError


def test_to_base60_rejects_negative_numbers():
    with pytest.raises(InvalidNumberError, match="negative"):
        to_base60(-1)


# ── moon, Gānzhī, checksum ───────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("jdn", "expected"),
    [
        pytest.param(2451550, (7, 29.43058885290687), id="2451550"),
        pytest.param(2451551, (0, 0.8999999999068677), id="2451551"),
    ],
)
def test_moon_phase(jdn, expected):
    assert moon_phase(jdn) == expected


def test_moon_illumination_is_zero_at_new_and_full_at_half_cycle():
    assert moon_illumination(0.0) == 0.0
    assert moon_illumination(fc60.SYNODIC_MONTH / 2) == pytest.approx(100.0)


@pytest.mark.parametrize(
    ("year", "pillar", "name"),
    [
        pytest.param(2024, (0, 4), "甲辰 Wood Dragon", id="2024"),
        pytest.param(2025, (1, 5), "乙巳 Wood Snake", id="2025"),
        pytest.param(2026, (2, 6), "丙午 Fire Horse", id="2026"),
        pytest.param(1984, (0, 0), "甲子 Wood Rat", id="1984"),
        pytest.param(2000, (6, 4), "庚辰 Metal Dragon", id="2000"),
    ],
)
def test_ganzhi_year(year, pillar, name):
    assert ganzhi_year(year) == pillar
    assert ganzhi_year_name(year) == name


def test_ganzhi_day_and_hour():
    assert ganzhi_day(2451545) == (4, 6)
    assert ganzhi_hour(13, 4) == (5, 7)


# ── Fixed V4 defects ─────────────────────────────────────────────


def test_encode_fc60_minutes_follow_the_sign_of_negative_hours():
    """Defect 12 at its root: (−5, 30) printed −05:30 but V4 computed unix for −04:30."""
    assert encode_fc60(2026, 2, 6, 1, 15, 0, -5, 30) == encode_fc60(2026, 2, 6, 1, 15, 0, -5, -30)
    assert encode_fc60(2026, 2, 6, 1, 15, 0, -5, 30)["unix"] == 1770360300


def test_half_hour_west_of_utc_is_written_with_a_minus_sign():
    result = encode_fc60(2026, 2, 6, 1, 15, 0, 0, -30)
    assert result["iso"] == "2026-02-06T01:15:00-00:30"
    assert result["tz60"] == "-RAWU-HOWU"
    assert result["unix"] == 1770340500 + 30 * 60


def test_leap_day_is_accepted_only_in_leap_years():
    assert encode_fc60(2024, 2, 29)["iso"].startswith("2024-02-29")
    with pytest.raises(InvalidDateError, match="February 2100 has days 1 to 28"):
        encode_fc60(2100, 2, 29)


@pytest.mark.parametrize(
    ("ymd", "message"),
    params(VECTORS["test_invalid_date_parts_are_rejected_with_what_is_allowed"], "tuple"),
)
def test_invalid_date_parts_are_rejected_with_what_is_allowed(ymd, message):
    with pytest.raises(InvalidDateError) as caught:
        encode_fc60(*ymd)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("hms", "message"),
    params(VECTORS["test_out_of_range_time_is_rejected_with_clear_error"], "tuple"),
)
def test_out_of_range_time_is_rejected_with_clear_error(hms, message):
    with pytest.raises(InvalidTimeError) as caught:
        encode_fc60(2026, 2, 6, *hms)
    assert str(caught.value) == message
    assert caught.value.field == "time"


@pytest.mark.parametrize(
    ("tz", "message"),
    params(VECTORS["test_zone_outside_range_is_rejected_with_clear_error"], "tuple"),
)
def test_zone_outside_range_is_rejected_with_clear_error(tz, message):
    with pytest.raises(InvalidTimezoneError) as caught:
        encode_fc60(2026, 2, 6, 1, 15, 0, *tz)
    assert str(caught.value) == message
    assert caught.value.field == "timezone"


@pytest.mark.parametrize(("tz"), [(14, 0), (-12, 0), (5, 45), (-9, -30)])
def test_zones_at_the_edges_and_with_odd_minutes_are_accepted(tz):
    assert encode_fc60(2026, 2, 6, 1, 15, 0, *tz)["tz60"] != "Z"


def test_iso_prints_plus_0000_for_utc_while_tz60_prints_z():
    """Quirk 13 is kept: `iso` never uses `Z`."""
    result = encode_fc60(2000, 1, 1, 0, 0, 0, 0, 0)
    assert result["iso"].endswith("+00:00")
    assert result["tz60"] == "Z"


def test_encode_datetime_uses_the_moments_own_zone():
    moment = datetime(2026, 2, 6, 1, 15, tzinfo=timezone(timedelta(hours=8)))
    assert encode_datetime(moment) == encode_fc60(2026, 2, 6, 1, 15, 0, 8, 0)
    assert encode_datetime(moment, include_time=False) == encode_fc60(
        2026, 2, 6, tz_hours=8, include_time=False
    )


# ── Properties ──────────────────────────────────────────────────────────────────────────────────


def test_decode_stamp_refuses_a_day_no_year_has():
    with pytest.raises(UnparseableInputError) as raised:
        decode_stamp("SO-OX-HOWU")  # 30 February
    assert raised.value.field == "stamp"
    assert decode_stamp("SO-OX-SNWA")["day"] == 29  # 29 February exists in leap years


@pytest.mark.parametrize(
    ("n", "encoded"),
    [
        pytest.param(0, "RAWU", id="0"),
        pytest.param(1, "RAFI", id="1"),
        pytest.param(59, "PIWA", id="59"),
        pytest.param(60, "RAFI-RAWU", id="60"),
        pytest.param(3600, "RAFI-RAWU-RAWU", id="3600"),
        pytest.param(2461072, "TIFI-DRMT-GOER-DOER", id="2461072"),
        pytest.param(999999, "RAWA-GOER-ROFI-GOWA", id="999999"),
        pytest.param(2451545, "TIFI-DRWU-PIWA-OXWU", id="J60-2451545"),
        pytest.param(2461078, "TIFI-DRMT-GOER-PIMT", id="J60-2461078"),
        pytest.param(2440588, "TIFI-RUER-PIFI-SNMT", id="J60-2440588"),
        pytest.param(2026, "HOMT-ROFI", id="Y60-2026"),
        pytest.param(-61, "NEG-RAFI-RAFI", id="negative"),
    ],
)
def test_encode_base60(n, encoded):
    assert encode_base60(n) == encoded


def test_to_base60():
    assert to_base60(0) == [0]
    assert to_base60(3661) == [1, 1, 1]


@given(st.integers(min_value=0, max_value=10**40))
def test_to_base60_digits_are_0_to_59_without_leading_zeros(n):
    digits = to_base60(n)
    assert all(0 <= digit < 60 for digit in digits)
    assert digits == [0] or digits[0] != 0
    assert sum(digit * 60**power for power, digit in enumerate(reversed(digits))) == n


@pytest.mark.parametrize(
    ("ymd", "jdn", "weekday"),
    [
        pytest.param((2000, 1, 1), 2451545, 6, id="2000-01-01-Saturday"),
        pytest.param((2026, 2, 6), 2461078, 5, id="2026-02-06-Friday"),
        pytest.param((1970, 1, 1), 2440588, 4, id="1970-01-01-Thursday"),
        pytest.param((1, 1, 1), 1721426, 1, id="0001-01-01-Monday"),
    ],
)
def test_jdn_and_weekday_of_the_record(ymd, jdn, weekday):
    record = encode_fc60(*ymd)
    assert (record["jdn"], record["weekday_idx"]) == (jdn, weekday)


def test_impossible_date_is_rejected_with_clear_error():
    """Defect 15: V4 silently encoded 2026-02-30 as the JDN of 2026-03-02."""
    with pytest.raises(InvalidDateError) as caught:
        encode_fc60(2026, 2, 30)
    assert str(caught.value) == "2026-02-30 is not a real date: February 2026 has days 1 to 28."
    assert caught.value.field == "date"


def test_no_hidden_clock():
    """Defect 21: V4 read the wall clock for `now`, `today` and time-only input."""
    source = inspect.getsource(fc60)
    assert not re.search(r"\.now\(|\.today\(|\.utcnow\(|time\.time\(|import time\b", source)


def test_weekday_planet_keeps_its_symbol():
    """Quirk 22 is kept: `Venus ♀` in the record."""
    assert encode_fc60(2026, 2, 6)["weekday_planet"] == "Venus ♀"


def test_decode_stamp_reads_back_the_fields_of_a_stamp():
    assert decode_stamp("JO-OX-SNWA 🌙OX-ROWU-HOWU") == {
        "weekday_idx": 4,
        "weekday_name": "Thursday",
        "month": 2,
        "day": 29,
        "hour": 13,
        "minute": 45,
        "second": 30,
    }
    assert decode_stamp("SO-OX-OXMT") == {
        "weekday_idx": 0,
        "weekday_name": "Sunday",
        "month": 2,
        "day": 8,
    }
