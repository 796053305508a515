"""Timing advisor (engines.md §5) against V4's frozen-clock vectors (§10.7).

DECISIONS §2 keeps timing scores exact, so every vector is V4's value for value. The clock is the
`now` argument (defect 21 fixed); V4 read `datetime.now(timezone.utc)`.
"""

from __future__ import annotations

import inspect
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oracle.engines import timing
from oracle.engines.timing import (
    get_cosmic_alignment,
    get_current_quality,
    get_optimal_hours_today,
)

from .vectors import load, params

VECTORS = load("timing")

FEB_06 = datetime(2026, 2, 6, 1, 15, tzinfo=UTC)
FEB_05 = datetime(2026, 2, 5, 11, 0, tzinfo=UTC)
JAN_25 = datetime(2024, 1, 25, 0, 30, tzinfo=UTC)
DEC_31 = datetime(2025, 12, 31, 22, 0, tzinfo=UTC)

# The hour groups of §5.2, best first; every vector's list is these hours with three scores.
POWER_HOURS = (0, 1, 8, 9, 10, 11, 17, 18, 19, 22)
ACTIVE_HOURS = (3, 5, 7, 12, 14, 16, 21, 23)
OTHER_HOURS = (2, 4, 6, 13, 15, 20)


def _hours(high: float, middle: float, low: float) -> list[tuple[int, float]]:
    return (
        [(hour, high) for hour in POWER_HOURS]
        + [(hour, middle) for hour in ACTIVE_HOURS]
        + [(hour, low) for hour in OTHER_HOURS]
    )


@pytest.mark.parametrize(
    ("now", "expected"),
    params(VECTORS["test_current_quality_vectors"], "datetime"),
)
def test_current_quality_vectors(now: datetime, expected: dict) -> None:
    assert get_current_quality(now) == expected


def hours_as_tuples(hours: list) -> list[tuple[int, float]]:
    """The (hour, score) pairs of get_optimal_hours_today; JSON keeps them as lists."""
    return [tuple(pair) for pair in hours]


@pytest.mark.parametrize(
    ("now", "expected"),
    params(VECTORS["test_optimal_hours_vectors"], "datetime", hours_as_tuples),
)
def test_optimal_hours_vectors(now: datetime, expected: list[tuple[int, float]]) -> None:
    assert get_optimal_hours_today(now) == expected


def test_optimal_hours_follow_the_three_hour_groups() -> None:
    assert get_optimal_hours_today(FEB_06) == _hours(0.8125, 0.7625, 0.7125)


_ALIGNMENT_VECTORS = {
    "2026-02-06T01:15Z": (FEB_06, [0.52, 0.42, 0.52, 0.52, 0.52, 0.56]),
    "2026-02-05T11:00Z": (FEB_05, [0.42, 0.42, 0.52, 0.62, 0.52, 0.42]),
    "2024-01-25T00:30Z": (JAN_25, [0.42, 0.56, 0.62, 0.52, 0.52, 0.42]),
    "2025-12-31T22:00Z": (DEC_31, [0.42, 0.56, 0.62, 0.66, 0.42, 0.42]),
}
_KEYS = (0, 7, 11, 29, 1234, 73786976294838206463)


@pytest.mark.parametrize(
    ("now", "key", "expected"),
    [
        pytest.param(now, key, score, id=f"{label}-key-{key}")
        for label, (now, scores) in _ALIGNMENT_VECTORS.items()
        for key, score in zip(_KEYS, scores, strict=True)
    ],
)
def test_cosmic_alignment_vectors(now: datetime, key: int, expected: float) -> None:
    assert get_cosmic_alignment(key, now) == expected


def test_cosmic_alignment_keeps_v4_digit_sum_first_key_reduction() -> None:
    """DECISIONS keeps timing scores exact, and §11 item 8 concerns sign/question readings: the key
    11 is still reduced as 1+1 = 2, which pairs with day number 7 to 9 (0.62, not 0.52)."""
    assert get_cosmic_alignment(11, DEC_31) == 0.62


def test_now_is_converted_to_utc_as_v4_did() -> None:
    """The day and hour are UTC's: 04:45 at +03:30 is V4's 01:15Z vector; 23:30 at −02:00 on the
    5th is already the 6th in UTC."""
    tehran = timezone(timedelta(hours=3, minutes=30))
    assert get_current_quality(FEB_06.astimezone(tehran)) == get_current_quality(FEB_06)
    west = datetime(2026, 2, 5, 23, 30, tzinfo=timezone(timedelta(hours=-2)))
    assert get_current_quality(west)["reasoning"].startswith(
        "Moon: Waning Gibbous (81% illum, score 0.7); Day number: 9"
    )
    assert get_optimal_hours_today(west) == get_optimal_hours_today(FEB_06)
    assert get_cosmic_alignment(29, west) == get_cosmic_alignment(29, FEB_06)


def test_naive_now_is_taken_as_utc() -> None:
    assert get_current_quality(FEB_06.replace(tzinfo=None)) == get_current_quality(FEB_06)


def test_no_hidden_clock() -> None:
    """Defect 21: the advisor never reads the clock itself."""
    source = inspect.getsource(timing)
    for clock in ("datetime.now", "date.today", "time.time", "utcnow"):
        assert clock not in source


MOMENTS = st.datetimes(
    min_value=datetime(1, 1, 2),
    max_value=datetime(9999, 12, 30),
    timezones=st.integers(-12 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m))),
)


@given(now=MOMENTS)
def test_quality_score_is_within_unit_interval(now: datetime) -> None:
    quality = get_current_quality(now)
    assert 0.0 <= quality["score"] <= 1.0
    assert quality["quality"] in {"excellent", "good", "fair", "poor"}


@given(now=MOMENTS)
def test_optimal_hours_are_24_distinct_hours_sorted_by_score(now: datetime) -> None:
    hours = get_optimal_hours_today(now)
    assert sorted(hour for hour, _ in hours) == list(range(24))
    scores = [score for _, score in hours]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= score <= 1.0 for score in scores)


@given(now=MOMENTS, key=st.integers())
def test_cosmic_alignment_is_within_unit_interval(now: datetime, key: int) -> None:
    assert 0.0 <= get_cosmic_alignment(key, now) <= 1.0
