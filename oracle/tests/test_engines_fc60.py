"""FC60 engine: engines.md §10.1–§10.2 vectors, the V4 defects fixed by DECISIONS §2, and properties.

Expected values are copied verbatim from the spec (hence the long lines). Where a vector was produced
by a V4 defect that is now fixed, the test says so and asserts the fixed value.
"""

# ruff: noqa: E501

from __future__ import annotations

import inspect
import re
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oracle.engines import fc60
from oracle.engines.errors import (
    EngineError,
    InvalidDateError,
    InvalidNumberError,
    InvalidTimeError,
    InvalidTimezoneError,
    UnparseableInputError,
)
from oracle.engines.fc60 import (
    compute_jdn,
    decode_base60,
    decode_stamp,
    digit60,
    encode_base60,
    encode_datetime,
    encode_fc60,
    encode_tz,
    format_compact_output,
    format_full_output,
    from_base60,
    ganzhi_day,
    ganzhi_hour,
    ganzhi_year,
    ganzhi_year_name,
    generate_symbolic_reading,
    jdn_to_gregorian,
    moon_illumination,
    moon_phase,
    parse_input,
    self_test,
    to_base60,
    token60,
    weekday_from_jdn,
    weighted_check,
)

from .vectors import load, params

VECTORS = load("fc60")

V4_KEYS = VECTORS["V4_KEYS"]

# ── §10.1 encode_fc60: all 24 keys ──────────────────────────────────────────────────────────────

ENCODE_VECTORS = params(VECTORS["ENCODE_VECTORS"], "tuple")


@pytest.mark.parametrize(("args", "kwargs", "expected"), ENCODE_VECTORS)
def test_encode_fc60_matches_v4_vector(args, kwargs, expected):
    result = encode_fc60(*args, **kwargs)
    assert result == expected
    assert list(result) == V4_KEYS  # V4's 24 keys, in V4's order


# ── §1.2 base-60 primitives ─────────────────────────────────────────────────────────────────────


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


@pytest.mark.parametrize(
    ("n", "encoded"),
    params(VECTORS["test_encode_base60"]),
)
def test_encode_base60(n, encoded):
    assert encode_base60(n) == encoded
    assert decode_base60(encoded) == n


@pytest.mark.parametrize(
    ("text", "value"),
    [
        pytest.param("rafi", 1, id="lower-case"),
        pytest.param("NEG-RAFI", -1, id="negative"),
        pytest.param("RAFI-RAWU", 60, id="two-tokens"),
    ],
)
def test_decode_base60(text, value):
    assert decode_base60(text) == value


def test_to_base60_and_from_base60():
    assert to_base60(0) == [0]
    assert to_base60(3661) == [1, 1, 1]
    assert from_base60([1, 1, 1]) == 3661


def test_to_base60_rejects_negative_numbers():
    with pytest.raises(InvalidNumberError, match="negative"):
        to_base60(-1)


def test_from_base60_rejects_digits_outside_0_to_59():
    with pytest.raises(InvalidNumberError, match="0 to 59"):
        from_base60([1, 60])


# ── §1.3 calendar ───────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("ymd", "jdn"),
    [
        pytest.param((2000, 1, 1), 2451545, id="2000-01-01"),
        pytest.param((2026, 2, 6), 2461078, id="2026-02-06"),
        pytest.param((1970, 1, 1), 2440588, id="1970-01-01"),
        pytest.param((1, 1, 1), 1721426, id="0001-01-01"),
    ],
)
def test_compute_jdn_and_back(ymd, jdn):
    assert compute_jdn(*ymd) == jdn
    assert jdn_to_gregorian(jdn) == ymd


@pytest.mark.parametrize(
    ("ymd", "weekday"),
    [
        pytest.param((2000, 1, 1), 6, id="2000-01-01-Saturday"),
        pytest.param((2026, 2, 6), 5, id="2026-02-06-Friday"),
        pytest.param((2026, 4, 22), 3, id="2026-04-22-Wednesday"),
        pytest.param((1999, 4, 22), 4, id="1999-04-22-Thursday"),
    ],
)
def test_weekday_from_jdn(ymd, weekday):
    assert weekday_from_jdn(compute_jdn(*ymd)) == weekday


# ── §1.4 timezone token ─────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("tz", "token"),
    [
        pytest.param((8, 0), "+OXMT-RAWU", id="+08:00"),
        pytest.param((-5, 0), "-OXWU-RAWU", id="-05:00"),
        pytest.param((5, 30), "+OXWU-HOWU", id="+05:30"),
        pytest.param((0, 30), "+RAWU-HOWU", id="+00:30"),
        pytest.param((0, 0), "Z", id="UTC"),
    ],
)
def test_encode_tz(tz, token):
    assert encode_tz(*tz) == token


# ── §1.5 moon, §1.6 Gānzhī, §1.7 checksum ───────────────────────────────────────────────────────


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


def test_weighted_check_worked_example():
    # 46 + 4 + 18 + 4 + 75 + 0 + 7·58 = 553 → 553 mod 60 = 13 → TIMT (§1.7)
    assert weighted_check(2026, 2, 6, 1, 15, 0) == "TIMT"
    assert weighted_check(2026, 2, 6, include_time=False) == "DOWA"


# ── §10.2 symbolic text and formatted outputs ───────────────────────────────────────────────────

SYMBOLIC_VECTORS = params(VECTORS["SYMBOLIC_VECTORS"], "tuple")


@pytest.mark.parametrize(("args", "text"), SYMBOLIC_VECTORS)
def test_generate_symbolic_reading_matches_v4_vector(args, text):
    assert generate_symbolic_reading(*args) == text


# Each vector names the formatter applied to encode_fc60(*args, **kwargs).
FORMATTERS = {
    "format_full_output": format_full_output,
    "format_compact_output": format_compact_output,
}
FORMAT_VECTORS = [
    pytest.param(
        lambda row=row: FORMATTERS[row["formatter"]](encode_fc60(*row["args"], **row["kwargs"])),
        row["text"],
        id=row["id"],
    )
    for row in VECTORS["FORMAT_VECTORS"]
]


@pytest.mark.parametrize(("render", "text"), FORMAT_VECTORS)
def test_formatted_output_matches_v4_vector(render, text):
    assert render() == text


# ── §10.2 parse_input ───────────────────────────────────────────────────────────────────────────

WITH_TIME_0115 = {"stamp": "VE-OX-OXFI ☀OX-RUWU-RAWU", "chk": "TIMT"}
DATE_ONLY_0206 = {
    "stamp": "VE-OX-OXFI",
    "iso": "2026-02-06",
    "tz60": "Z",
    "unix": 1770336000,
    "chk": "DOWA",
}
UNIX_1770311700 = {
    "stamp": "JO-OX-OXWU 🌙SN-RUWU-RAWU",
    "iso": "2026-02-05T17:15:00+00:00",
    "tz60": "Z",
    "unix": 1770311700,
    "chk": "OXER",
}


@pytest.mark.parametrize(
    ("text", "expected"),
    params(VECTORS["test_parse_input_moment_matches_v4_vector"]),
)
def test_parse_input_moment_matches_v4_vector(text, expected):
    result = parse_input(text)
    assert {key: result[key] for key in expected} == expected
    assert list(result) == V4_KEYS


@pytest.mark.parametrize(
    ("text", "expected"),
    params(VECTORS["test_parse_input_number_and_token_vectors"]),
)
def test_parse_input_number_and_token_vectors(text, expected):
    assert parse_input(text) == expected


def test_parse_input_reads_persian_digits_as_digits():
    assert parse_input("۲۰۲۶۰۲۰۶")["iso"] == "2026-02-06"


def test_parse_input_rejects_non_text():
    with pytest.raises(UnparseableInputError):
        parse_input(20260206)  # type: ignore[arg-type]


# ── §1.11 self_test ─────────────────────────────────────────────────────────────────────────────


def test_self_test_runs_v4s_29_checks_and_all_pass():
    results = self_test()
    assert len(results) == 29
    assert [name for name, passed, _ in results if not passed] == []
    names = [name for name, _, _ in results]
    assert names[0] == "TOKEN60 round-trip (0–59)"
    for expected in (
        "JDN 2000-01-01",
        "JDN→Gregorian 2451545",
        "Weekday 1999-04-22",
        "Base60 round-trip 999999",
        "J60 2440588",
        "Gānzhī 2026",
        "TOKEN60(57)",
        "Full encode 2026-02-06 01:15:00+08:00",
    ):
        assert expected in names


# ── Fixed V4 defects (engines.md §11, DECISIONS §2) ─────────────────────────────────────────────


@pytest.mark.parametrize(
    ("text", "value"),
    [
        pytest.param("TIFI-DRMT-GOER-PIMT", 2461078, id="starts-with-TI"),
        pytest.param("RAMT", 3, id="ends-with-MT"),
        pytest.param("RAER-RUFI-GOWU-DOMT-RUWU-RAWU", 1770311700, id="u60-of-V1"),
        pytest.param("NEG-RAFI-TIMT", -73, id="negative-with-T"),
    ],
)
def test_parse_input_decodes_token_strings_containing_T(text, value):
    """Defect 12: V4 took any text with a `T` for an ISO date and raised ValueError."""
    assert parse_input(text) == {"decoded_integer": value, "base60": text}


def test_parse_input_reads_minus_0530_as_minus_five_and_a_half_hours():
    """Defect 12: V4 passed (−5, +30) and got unix 1770356700 (−04:30); 01:15 at −05:30 is 06:45Z."""
    result = parse_input("2026-02-06t01:15:00-05:30")
    assert result["iso"] == "2026-02-06T01:15:00-05:30"
    assert result["tz60"] == "-OXWU-HOWU"
    assert result["stamp"] == "VE-OX-OXFI ☀OX-RUWU-RAWU"
    assert result["chk"] == "TIMT"
    assert result["unix"] == 1770360300  # V4 vector: 1770356700
    assert result["unix"] == int(datetime(2026, 2, 6, 6, 45, tzinfo=UTC).timestamp())


def test_encode_fc60_minutes_follow_the_sign_of_negative_hours():
    """Defect 12 at its root: (−5, 30) printed −05:30 but V4 computed unix for −04:30."""
    assert encode_fc60(2026, 2, 6, 1, 15, 0, -5, 30) == encode_fc60(2026, 2, 6, 1, 15, 0, -5, -30)
    assert encode_fc60(2026, 2, 6, 1, 15, 0, -5, 30)["unix"] == 1770360300


def test_half_hour_west_of_utc_is_written_with_a_minus_sign():
    result = encode_fc60(2026, 2, 6, 1, 15, 0, 0, -30)
    assert result["iso"] == "2026-02-06T01:15:00-00:30"
    assert result["tz60"] == "-RAWU-HOWU"
    assert result["unix"] == 1770340500 + 30 * 60


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda: encode_fc60(2026, 2, 30), id="encode_fc60"),
        pytest.param(lambda: compute_jdn(2026, 2, 30), id="compute_jdn"),
        pytest.param(lambda: generate_symbolic_reading(2026, 2, 30), id="symbolic-reading"),
        pytest.param(lambda: weighted_check(2026, 2, 30), id="weighted_check"),
        pytest.param(lambda: parse_input("2026-02-30"), id="parse-date"),
        pytest.param(lambda: parse_input("20260230"), id="parse-compact-date"),
        pytest.param(lambda: parse_input("2026-02-30T10:00:00Z"), id="parse-iso"),
    ],
)
def test_impossible_date_is_rejected_with_clear_error(call):
    """Defect 15: V4 silently encoded 2026-02-30 as the JDN of 2026-03-02."""
    with pytest.raises(InvalidDateError) as caught:
        call()
    assert str(caught.value) == "2026-02-30 is not a real date: February 2026 has days 1 to 28."
    assert caught.value.field == "date"


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
    ("text", "error"),
    [
        pytest.param("2026-02-06T25:00", InvalidTimeError, id="iso-hour-25"),
        pytest.param("12:61", InvalidTimeError, id="time-only-minute-61"),
        pytest.param("2026-02-06T10:00+15:00", InvalidTimezoneError, id="iso-offset-15h"),
        pytest.param("2026-02-06T10:00-12:30", InvalidTimezoneError, id="iso-offset-below-12h"),
        pytest.param("2026-02-06T10:00+05:75", InvalidTimezoneError, id="iso-offset-minutes-75"),
    ],
)
def test_parse_input_rejects_impossible_moments(text, error):
    with pytest.raises(error):
        parse_input(text, now=datetime(2026, 2, 6, tzinfo=UTC))


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


def test_no_hidden_clock_now_must_be_passed_in():
    """Defect 21: V4 read the wall clock for `now`, `today` and time-only input."""
    for text in ("now", "TODAY", "13:45"):
        with pytest.raises(UnparseableInputError, match="needs the current date and time"):
            parse_input(text)
    source = inspect.getsource(fc60)
    assert not re.search(r"\.now\(|\.today\(|\.utcnow\(|time\.time\(|import time\b", source)


def test_parse_input_now_is_the_given_moment_in_the_given_zone():
    now = datetime(2026, 2, 5, 17, 15, 0, 999, tzinfo=UTC)
    result = parse_input("now", 8, 0, now=now)
    assert result == encode_fc60(2026, 2, 6, 1, 15, 0, 8, 0)
    assert parse_input("today", now=now)["iso"] == "2026-02-05T17:15:00+00:00"


def test_parse_input_naive_now_is_taken_as_utc():
    assert parse_input("now", now=datetime(2026, 2, 5, 17, 15))["unix"] == 1770311700


def test_parse_input_time_only_uses_the_date_of_now_in_the_given_zone():
    now = datetime(2026, 2, 5, 20, 0, tzinfo=UTC)  # already 2026-02-06 at +08:00
    result = parse_input("01:15", 8, 0, now=now)
    assert result == encode_fc60(2026, 2, 6, 1, 15, 0, 8, 0)


def test_iso_prints_plus_0000_for_utc_while_tz60_prints_z():
    """Quirk 13 is kept: `iso` never uses `Z`."""
    result = encode_fc60(2000, 1, 1, 0, 0, 0, 0, 0)
    assert result["iso"].endswith("+00:00")
    assert result["tz60"] == "Z"


def test_weekday_planet_keeps_its_symbol_and_the_reading_uses_the_first_word():
    """Quirk 22 is kept: `Venus ♀` in the record, `Venus day` in the text."""
    assert encode_fc60(2026, 2, 6)["weekday_planet"] == "Venus ♀"
    assert generate_symbolic_reading(2026, 2, 6).startswith("At 00:00 on this Venus day (")


def test_encode_datetime_uses_the_moments_own_zone():
    moment = datetime(2026, 2, 6, 1, 15, tzinfo=timezone(timedelta(hours=8)))
    assert encode_datetime(moment) == encode_fc60(2026, 2, 6, 1, 15, 0, 8, 0)
    assert encode_datetime(moment, include_time=False) == encode_fc60(
        2026, 2, 6, tz_hours=8, include_time=False
    )


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
    assert parse_input("SO-OX-OXMT") == {
        "decoded_stamp": {"weekday_idx": 0, "weekday_name": "Sunday", "month": 2, "day": 8},
        "stamp": "SO-OX-OXMT",
    }


# ── Properties ──────────────────────────────────────────────────────────────────────────────────

offsets = st.integers(min_value=-12 * 60, max_value=14 * 60)
moments = st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59))


@given(st.integers(min_value=0, max_value=10**40))
def test_to_base60_from_base60_round_trip(n):
    digits = to_base60(n)
    assert all(0 <= digit < 60 for digit in digits)
    assert digits == [0] or digits[0] != 0
    assert from_base60(digits) == n


@given(st.integers(min_value=-(10**40), max_value=10**40))
def test_encode_base60_decode_base60_round_trip(n):
    encoded = encode_base60(n)
    assert decode_base60(encoded) == n
    assert decode_base60(encoded.lower()) == n


@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_jdn_and_gregorian_round_trip_for_every_date_of_years_1_to_9999(day):
    jdn = compute_jdn(day.year, day.month, day.day)
    assert jdn == day.toordinal() + 1721425  # Rata Die 1 = JDN 1721426
    assert jdn_to_gregorian(jdn) == (day.year, day.month, day.day)
    assert weekday_from_jdn(jdn) == day.isoweekday() % 7


@given(st.integers(min_value=1721426, max_value=5373484))
def test_every_jdn_of_years_1_to_9999_is_a_real_date(jdn):
    year, month, day = jdn_to_gregorian(jdn)
    assert compute_jdn(year, month, day) == jdn


@given(moments, offsets)
def test_parse_input_of_an_encoded_moment_gives_the_moment_back(moment, offset):
    tz_hours, tz_minutes = fc60.offset_to_tz(offset)
    fields = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    result = encode_fc60(*fields, tz_hours, tz_minutes)
    aware = moment.replace(microsecond=0, tzinfo=timezone(timedelta(minutes=offset)))
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    assert result["unix"] == (aware - epoch) // timedelta(seconds=1)
    assert parse_input(result["iso"]) == result
    assert parse_input(result["u60"])["decoded_integer"] == result["unix"]
    assert parse_input(result["j60"])["decoded_integer"] == result["jdn"]
    stamp = decode_stamp(result["stamp"])
    assert (
        stamp["month"],
        stamp["day"],
        stamp["hour"],
        stamp["minute"],
        stamp["second"],
    ) == fields[1:]
    assert stamp["weekday_idx"] == result["weekday_idx"]


@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_parse_input_of_an_encoded_date_gives_the_date_back(day):
    result = encode_fc60(day.year, day.month, day.day, include_time=False)
    assert parse_input(result["iso"]) == result


@settings(max_examples=500)
@given(st.text())
def test_parse_input_raises_nothing_but_engine_errors_for_any_text(text):
    try:
        result = parse_input(text, now=datetime(2026, 2, 6, tzinfo=UTC))
    except EngineError:
        return
    assert isinstance(result, dict)


@settings(max_examples=500)
@given(st.text(alphabet="0123456789۰۱۲۳۴۵۶۷۸۹-:+.TtZzNEGRAFIWUMTO ☀🌙\u2212", max_size=40))
def test_parse_input_raises_nothing_but_engine_errors_for_date_like_text(text):
    try:
        result = parse_input(text)
    except EngineError:
        return
    assert isinstance(result, dict)


@given(st.integers(min_value=-20, max_value=20), st.integers(min_value=-70, max_value=70))
def test_timezone_pairs_are_encoded_or_refused_with_an_engine_error(tz_hours, tz_minutes):
    try:
        token = encode_tz(tz_hours, tz_minutes)
    except InvalidTimezoneError:
        return
    if token == "Z":
        assert (tz_hours, tz_minutes) == (0, 0)
    else:
        hours, minutes = (decode_base60(part) for part in token[1:].split("-"))
        assert (hours, minutes) == (abs(tz_hours), abs(tz_minutes))
        assert token[0] == ("-" if tz_hours < 0 or tz_minutes < 0 else "+")
