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

V4_KEYS = [
    "stamp",
    "iso",
    "tz60",
    "y60",
    "y2k",
    "j60",
    "jdn",
    "mjd60",
    "rd60",
    "u60",
    "unix",
    "moon_phase_idx",
    "moon_phase",
    "moon_name",
    "moon_age",
    "moon_illumination",
    "moon_meaning",
    "gz_token",
    "gz_name",
    "chk",
    "weekday_idx",
    "weekday_name",
    "weekday_planet",
    "weekday_domain",
]

# ── encode_fc60: all 24 keys ──────────────────────────────────────────────────────────────

ENCODE_VECTORS = [
    pytest.param(
        (2026, 2, 6, 1, 15, 0, 8, 0),
        {},
        {
            "stamp": "VE-OX-OXFI ☀OX-RUWU-RAWU",
            "iso": "2026-02-06T01:15:00+08:00",
            "tz60": "+OXMT-RAWU",
            "y60": "HOMT-ROFI",
            "y2k": "SNFI",
            "j60": "TIFI-DRMT-GOER-PIMT",
            "jdn": 2461078,
            "mjd60": "RUFI-PIER-PIER",
            "rd60": "RAMT-SNWU-SNER-HOMT",
            "u60": "RAER-RUFI-GOWU-DOMT-RUWU-RAWU",
            "unix": 1770311700,
            "moon_phase_idx": 5,
            "moon_phase": "🌖",
            "moon_name": "Waning Gibbous",
            "moon_age": 19.0503893339065,
            "moon_illumination": 80.61878676212149,
            "moon_meaning": "Gratitude, sharing, distribution",
            "gz_token": "BI-HO",
            "gz_name": "丙午 Fire Horse",
            "chk": "TIMT",
            "weekday_idx": 5,
            "weekday_name": "Friday",
            "weekday_planet": "Venus ♀",
            "weekday_domain": "Love, values, beauty",
        },
        id="V1-2026-02-06T01:15:00+08:00",
    ),
    pytest.param(
        (2000, 1, 1, 0, 0, 0, 0, 0),
        {},
        {
            "stamp": "SA-RA-RAFI ☀RA-RAWU-RAWU",
            "iso": "2000-01-01T00:00:00+00:00",
            "tz60": "Z",
            "y60": "HOMT-DRWU",
            "y2k": "RAWU",
            "j60": "TIFI-DRWU-PIWA-OXWU",
            "jdn": 2451545,
            "mjd60": "TIWA-RUWA-RAWA",
            "rd60": "RAMT-DRER-ROMT-MOWU",
            "u60": "RAFI-TIMT-RAER-ROMT-RAWU-RAWU",
            "unix": 946684800,
            "moon_phase_idx": 6,
            "moon_phase": "🌗",
            "moon_name": "Last Quarter",
            "moon_age": 24.43058885290687,
            "moon_illumination": 26.659689596102897,
            "moon_meaning": "Letting go, forgiveness, release",
            "gz_token": "GE-DR",
            "gz_name": "庚辰 Metal Dragon",
            "chk": "RAWU",
            "weekday_idx": 6,
            "weekday_name": "Saturday",
            "weekday_planet": "Saturn ♄",
            "weekday_domain": "Discipline, lessons, mastery",
        },
        id="V2-2000-01-01T00:00:00+00:00",
    ),
    pytest.param(
        (1970, 1, 1, 0, 0, 0, 0, 0),
        {},
        {
            "stamp": "JO-RA-RAFI ☀RA-RAWU-RAWU",
            "iso": "1970-01-01T00:00:00+00:00",
            "tz60": "Z",
            "y60": "HOER-DOWU",
            "y2k": "HOWU",
            "j60": "TIFI-RUER-PIFI-SNMT",
            "jdn": 2440588,
            "mjd60": "TIFI-RUFI-SNER",
            "rd60": "RAMT-RUWA-ROFI-RAMT",
            "u60": "RAWU",
            "unix": 0,
            "moon_phase_idx": 6,
            "moon_phase": "🌗",
            "moon_name": "Last Quarter",
            "moon_age": 23.27905331590729,
            "moon_illumination": 38.08256593818227,
            "moon_meaning": "Letting go, forgiveness, release",
            "gz_token": "GE-DO",
            "gz_name": "庚戌 Metal Dog",
            "chk": "TIFI",
            "weekday_idx": 4,
            "weekday_name": "Thursday",
            "weekday_planet": "Jupiter ♃",
            "weekday_domain": "Expansion, wisdom, abundance",
        },
        id="V3-1970-01-01T00:00:00+00:00",
    ),
    pytest.param(
        (2024, 2, 29, 13, 45, 30, 0, 0),
        {},
        {
            "stamp": "JO-OX-SNWA 🌙OX-ROWU-HOWU",
            "iso": "2024-02-29T13:45:30+00:00",
            "tz60": "Z",
            "y60": "HOMT-MOWA",
            "y2k": "DRWA",
            "j60": "TIFI-DRMT-SNFI-TIWU",
            "jdn": 2460370,
            "mjd60": "RUFI-ROFI-OXWA",
            "rd60": "RAMT-SNWU-RUWU-ROWU",
            "u60": "RAER-TIFI-DOMT-RAFI-ROWU-HOWU",
            "unix": 1709214330,
            "moon_phase_idx": 5,
            "moon_phase": "🌖",
            "moon_name": "Waning Gibbous",
            "moon_age": 19.78452180590653,
            "moon_illumination": 74.09675145479943,
            "moon_meaning": "Gratitude, sharing, distribution",
            "gz_token": "JA-DR",
            "gz_name": "甲辰 Wood Dragon",
            "chk": "RAER",
            "weekday_idx": 4,
            "weekday_name": "Thursday",
            "weekday_planet": "Jupiter ♃",
            "weekday_domain": "Expansion, wisdom, abundance",
        },
        id="V4-2024-02-29T13:45:30+00:00",
    ),
    pytest.param(
        (1990, 5, 15, 23, 59, 59, -5, 0),
        {},
        {
            "stamp": "MA-DR-RUWU 🌙PI-PIWA-PIWA",
            "iso": "1990-05-15T23:59:59-05:00",
            "tz60": "-OXWU-RAWU",
            "y60": "HOMT-TIWU",
            "y2k": "DOWU",
            "j60": "TIFI-DRWU-RAWU-SNER",
            "jdn": 2448027,
            "mjd60": "TIMT-DRWU-SNFI",
            "rd60": "RAMT-DRFI-DOWU-RAER",
            "u60": "ROWA-GOFI-RAWA-PIWA-PIWA",
            "unix": 642833999,
            "moon_phase_idx": 5,
            "moon_phase": "🌖",
            "moon_name": "Waning Gibbous",
            "moon_age": 20.570662359907004,
            "moon_illumination": 66.46658381150039,
            "moon_meaning": "Gratitude, sharing, distribution",
            "gz_token": "GE-HO",
            "gz_name": "庚午 Metal Horse",
            "chk": "GOWU",
            "weekday_idx": 2,
            "weekday_name": "Tuesday",
            "weekday_planet": "Mars ♂",
            "weekday_domain": "Drive, action, courage",
        },
        id="V5-1990-05-15T23:59:59-05:00",
    ),
    pytest.param(
        (2025, 12, 31, 12, 0, 0, 5, 30),
        {},
        {
            "stamp": "ME-PI-HOFI 🌙RA-RAWU-RAWU",
            "iso": "2025-12-31T12:00:00+05:30",
            "tz60": "+OXWU-HOWU",
            "y60": "HOMT-ROWU",
            "y2k": "SNWU",
            "j60": "TIFI-DRMT-GOER-DRFI",
            "jdn": 2461041,
            "mjd60": "RUFI-PIER-DRWU",
            "rd60": "RAMT-SNWU-SNFI-PIFI",
            "u60": "RAER-RUFI-DRFI-RUMT-HOWU-RAWU",
            "unix": 1767162600,
            "moon_phase_idx": 3,
            "moon_phase": "🌔",
            "moon_name": "Waxing Gibbous",
            "moon_age": 11.580978186906503,
            "moon_illumination": 88.95639699913265,
            "moon_meaning": "Refinement, patience, almost there",
            "gz_token": "YI-SN",
            "gz_name": "乙巳 Wood Snake",
            "chk": "PIER",
            "weekday_idx": 3,
            "weekday_name": "Wednesday",
            "weekday_planet": "Mercury ☿",
            "weekday_domain": "Communication, thought, connection",
        },
        id="V6-2025-12-31T12:00:00+05:30",
    ),
    pytest.param(
        (1969, 7, 20, 20, 17, 40, 0, 0),
        {},
        {
            "stamp": "SO-HO-DRWU 🌙MO-RUER-MOWU",
            "iso": "1969-07-20T20:17:40+00:00",
            "tz60": "Z",
            "y60": "HOER-ROWA",
            "y2k": "SNWA",
            "j60": "TIFI-RUER-DOMT-MOMT",
            "jdn": 2440423,
            "mjd60": "TIFI-TIMT-MOER",
            "rd60": "RAMT-RUWA-MOMT-RUMT",
            "u60": "NEG-RAFI-OXWU-GOWA-MOER-DRWU",
            "unix": -14182940,
            "moon_phase_idx": 1,
            "moon_phase": "🌒",
            "moon_name": "Waxing Crescent",
            "moon_age": 5.9319975809072965,
            "moon_illumination": 34.81122873625579,
            "moon_meaning": "Setting intentions, building",
            "gz_token": "JI-RO",
            "gz_name": "己酉 Earth Rooster",
            "chk": "ROWA",
            "weekday_idx": 0,
            "weekday_name": "Sunday",
            "weekday_planet": "Sun ☉",
            "weekday_domain": "Identity, vitality, core self",
        },
        id="V7-1969-07-20T20:17:40+00:00",
    ),
    pytest.param(
        (1999, 4, 22, 6, 30, 0, 3, 30),
        {},
        {
            "stamp": "JO-RU-DRER ☀HO-HOWU-RAWU",
            "iso": "1999-04-22T06:30:00+03:30",
            "tz60": "+RAMT-HOWU",
            "y60": "HOMT-RUWA",
            "y2k": "PIWA",
            "j60": "TIFI-DRWU-DOWA-DOFI",
            "jdn": 2451291,
            "mjd60": "TIWA-TIWA-DOWU",
            "rd60": "RAMT-DRER-MOWA-SNFI",
            "u60": "RAFI-TIFI-DRFI-RUWU-RAWU-RAWU",
            "unix": 924750000,
            "moon_phase_idx": 1,
            "moon_phase": "🌒",
            "moon_name": "Waxing Crescent",
            "moon_age": 6.675299676906878,
            "moon_illumination": 42.50330468361094,
            "moon_meaning": "Setting intentions, building",
            "gz_token": "JI-RU",
            "gz_name": "己卯 Earth Rabbit",
            "chk": "DRWA",
            "weekday_idx": 4,
            "weekday_name": "Thursday",
            "weekday_planet": "Jupiter ♃",
            "weekday_domain": "Expansion, wisdom, abundance",
        },
        id="V8-1999-04-22T06:30:00+03:30",
    ),
    pytest.param(
        (2026, 4, 22, 21, 5, 9, -3, -30),
        {},
        {
            "stamp": "ME-RU-DRER 🌙RO-OXWU-OXWA",
            "iso": "2026-04-22T21:05:09-03:30",
            "tz60": "-RAMT-HOWU",
            "y60": "HOMT-ROFI",
            "y2k": "SNFI",
            "j60": "TIFI-DRMT-GOWA-TIMT",
            "jdn": 2461153,
            "mjd60": "RUFI-PIWA-TIER",
            "rd60": "RAMT-SNWU-SNMT-ROMT",
            "u60": "RAER-RUER-OXFI-DRWA-GOWU-OXWA",
            "unix": 1776904509,
            "moon_phase_idx": 1,
            "moon_phase": "🌒",
            "moon_name": "Waxing Crescent",
            "moon_age": 5.458622774906498,
            "moon_illumination": 30.098326018096333,
            "moon_meaning": "Setting intentions, building",
            "gz_token": "BI-HO",
            "gz_name": "丙午 Fire Horse",
            "chk": "TIWA",
            "weekday_idx": 3,
            "weekday_name": "Wednesday",
            "weekday_planet": "Mercury ☿",
            "weekday_domain": "Communication, thought, connection",
        },
        id="V9-2026-04-22T21:05:09-03:30",
    ),
    pytest.param(
        (1955, 3, 31, 11, 11, 11, 0, 0),
        {},
        {
            "stamp": "JO-TI-HOFI ☀PI-TIFI-TIFI",
            "iso": "1955-03-31T11:11:11+00:00",
            "tz60": "Z",
            "y60": "HOER-GOWU",
            "y2k": "RUWU",
            "j60": "TIFI-RUFI-SNFI-GOMT",
            "jdn": 2435198,
            "mjd60": "OXWA-ROFI-GOER",
            "rd60": "RAMT-RUMT-RUFI-TIMT",
            "u60": "NEG-GOWU-PIWU-ROMT-ROMT-ROWA",
            "unix": -465655729,
            "moon_phase_idx": 2,
            "moon_phase": "🌓",
            "moon_name": "First Quarter",
            "moon_age": 7.846224561907498,
            "moon_illumination": 54.92374496036723,
            "moon_meaning": "Challenges, decisions, action",
            "gz_token": "YI-GO",
            "gz_name": "乙未 Wood Goat",
            "chk": "SNWU",
            "weekday_idx": 4,
            "weekday_name": "Thursday",
            "weekday_planet": "Jupiter ♃",
            "weekday_domain": "Expansion, wisdom, abundance",
        },
        id="V10-1955-03-31T11:11:11+00:00",
    ),
    pytest.param(
        (2026, 2, 8),
        {"include_time": False},
        {
            "stamp": "SO-OX-OXMT",
            "iso": "2026-02-08",
            "tz60": "Z",
            "y60": "HOMT-ROFI",
            "y2k": "SNFI",
            "j60": "TIFI-DRMT-GOMT-RAWU",
            "jdn": 2461080,
            "mjd60": "RUFI-PIER-PIWA",
            "rd60": "RAMT-SNWU-SNER-GOWU",
            "u60": "RAER-RUFI-GOFI-ROMT-RAWU-RAWU",
            "unix": 1770508800,
            "moon_phase_idx": 5,
            "moon_phase": "🌖",
            "moon_name": "Waning Gibbous",
            "moon_age": 21.0503893339065,
            "moon_illumination": 61.57040342600858,
            "moon_meaning": "Gratitude, sharing, distribution",
            "gz_token": "BI-HO",
            "gz_name": "丙午 Fire Horse",
            "chk": "TIWA",
            "weekday_idx": 0,
            "weekday_name": "Sunday",
            "weekday_planet": "Sun ☉",
            "weekday_domain": "Identity, vitality, core self",
        },
        id="V11-2026-02-08",
    ),
    pytest.param(
        (2026, 2, 6),
        {"include_time": False},
        {
            "stamp": "VE-OX-OXFI",
            "iso": "2026-02-06",
            "tz60": "Z",
            "y60": "HOMT-ROFI",
            "y2k": "SNFI",
            "j60": "TIFI-DRMT-GOER-PIMT",
            "jdn": 2461078,
            "mjd60": "RUFI-PIER-PIER",
            "rd60": "RAMT-SNWU-SNER-HOMT",
            "u60": "RAER-RUFI-GOFI-RAWU-RAWU-RAWU",
            "unix": 1770336000,
            "moon_phase_idx": 5,
            "moon_phase": "🌖",
            "moon_name": "Waning Gibbous",
            "moon_age": 19.0503893339065,
            "moon_illumination": 80.61878676212149,
            "moon_meaning": "Gratitude, sharing, distribution",
            "gz_token": "BI-HO",
            "gz_name": "丙午 Fire Horse",
            "chk": "DOWA",
            "weekday_idx": 5,
            "weekday_name": "Friday",
            "weekday_planet": "Venus ♀",
            "weekday_domain": "Love, values, beauty",
        },
        id="V12-2026-02-06",
    ),
    pytest.param(
        (1, 1, 1),
        {"include_time": False},
        {
            "stamp": "LU-RA-RAFI",
            "iso": "0001-01-01",
            "tz60": "Z",
            "y60": "RAFI",
            "y2k": "MOFI",
            "j60": "OXER-PIMT-TIWU-SNFI",
            "jdn": 1721426,
            "mjd60": "NEG-RAMT-OXMT-SNWA-GOWU",
            "rd60": "RAFI",
            "u60": "NEG-RAFI-RUWA-DOWA-DRWA-ROMT-RAWU-RAWU",
            "unix": -62135596800,
            "moon_phase_idx": 5,
            "moon_phase": "🌖",
            "moon_name": "Waning Gibbous",
            "moon_age": 19.709390424934984,
            "moon_illumination": 74.79397785926062,
            "moon_meaning": "Gratitude, sharing, distribution",
            "gz_token": "XI-RO",
            "gz_name": "辛酉 Metal Rooster",
            "chk": "OXMT",
            "weekday_idx": 1,
            "weekday_name": "Monday",
            "weekday_planet": "Moon ☽",
            "weekday_domain": "Emotions, intuition, inner world",
        },
        id="V13-0001-01-01",
    ),
]


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
    [
        pytest.param(
            (2026, 13, 1), "Month 13 does not exist: use a month from 1 to 12.", id="month-13"
        ),
        pytest.param(
            (2026, 0, 1), "Month 0 does not exist: use a month from 1 to 12.", id="month-0"
        ),
        pytest.param(
            (2026, 4, 31),
            "2026-04-31 is not a real date: April 2026 has days 1 to 30.",
            id="april-31",
        ),
        pytest.param(
            (2026, 1, 0),
            "2026-01-00 is not a real date: January 2026 has days 1 to 31.",
            id="day-0",
        ),
        pytest.param((0, 1, 1), "Year 0 is not supported: use a year from 1 to 9999.", id="year-0"),
        pytest.param(
            (10000, 1, 1),
            "Year 10000 is not supported: use a year from 1 to 9999.",
            id="year-10000",
        ),
        pytest.param(
            (2026.0, 1, 1), "The year must be a whole number, not 2026.0.", id="float-year"
        ),
    ],
)
def test_invalid_date_parts_are_rejected_with_what_is_allowed(ymd, message):
    with pytest.raises(InvalidDateError) as caught:
        encode_fc60(*ymd)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("hms", "message"),
    [
        pytest.param(
            (24, 0, 0), "Hour 24 is not on the clock: use an hour from 0 to 23.", id="hour-24"
        ),
        pytest.param(
            (-1, 0, 0), "Hour -1 is not on the clock: use an hour from 0 to 23.", id="hour-negative"
        ),
        pytest.param(
            (12, 60, 0), "Minute 60 is not on the clock: use a minute from 0 to 59.", id="minute-60"
        ),
        pytest.param(
            (12, 0, 60), "Second 60 is not on the clock: use a second from 0 to 59.", id="second-60"
        ),
    ],
)
def test_out_of_range_time_is_rejected_with_clear_error(hms, message):
    with pytest.raises(InvalidTimeError) as caught:
        encode_fc60(2026, 2, 6, *hms)
    assert str(caught.value) == message
    assert caught.value.field == "time"


@pytest.mark.parametrize(
    ("tz", "message"),
    [
        pytest.param(
            (15, 0), "UTC offset hours +15 do not exist: use hours from -12 to +14.", id="+15"
        ),
        pytest.param(
            (-13, 0), "UTC offset hours -13 do not exist: use hours from -12 to +14.", id="-13"
        ),
        pytest.param(
            (14, 30),
            "UTC offset +14:30 does not exist: use an offset from -12:00 to +14:00.",
            id="+14:30",
        ),
        pytest.param(
            (-12, -30),
            "UTC offset -12:30 does not exist: use an offset from -12:00 to +14:00.",
            id="-12:30",
        ),
        pytest.param(
            (5, 60),
            "UTC offset minutes 60 are not valid: use minutes from 0 to 59.",
            id="minutes-60",
        ),
        pytest.param(
            (3, -30),
            "UTC offset (3, -30) mixes signs: write +05:30 as (5, 30) and -05:30 as (-5, -30).",
            id="mixed-signs",
        ),
    ],
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
