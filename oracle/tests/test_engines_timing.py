"""Timing advisor against V4's frozen-clock vectors: its scores are kept exact, value for value.

The clock is the `now` argument; V4 read `datetime.now(timezone.utc)`. V4's
"optimal hours today" are `get_best_hours(<the UTC date>, UTC)`.
"""

from __future__ import annotations

import inspect
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oracle.engines import timing
from oracle.engines.timing import get_best_hours, get_current_quality, get_group_best_hours

FEB_06 = datetime(2026, 2, 6, 1, 15, tzinfo=UTC)
FEB_05 = datetime(2026, 2, 5, 11, 0, tzinfo=UTC)
JAN_25 = datetime(2024, 1, 25, 0, 30, tzinfo=UTC)
DEC_31 = datetime(2025, 12, 31, 22, 0, tzinfo=UTC)

# The advisor's hour groups, best first; every vector's list is these hours with three scores.
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
    [
        pytest.param(
            FEB_06,
            {
                "quality": "excellent",
                "score": 0.8125,
                "moon_phase": "Waning Gibbous",
                "reasoning": "Moon: Waning Gibbous (81% illum, score 0.7); Day number: 9"
                " (master=False, score 0.9); Hour 1 (reduces to 1, score 0.8); Weekday: Venus ♀"
                " (score 0.8)",
            },
            id="2026-02-06T01:15Z",
        ),
        pytest.param(
            FEB_05,
            {
                "quality": "excellent",
                "score": 0.8375,
                "moon_phase": "Waning Gibbous",
                "reasoning": "Moon: Waning Gibbous (88% illum, score 0.7); Day number: 8"
                " (master=False, score 0.9); Hour 11 (reduces to 11, score 0.8); Weekday: Jupiter ♃"
                " (score 0.9)",
            },
            id="2026-02-05T11:00Z",
        ),
        pytest.param(
            JAN_25,
            {
                "quality": "good",
                "score": 0.7875,
                "moon_phase": "Waxing Gibbous",
                "reasoning": "Moon: Waxing Gibbous (100% illum, score 0.7); Day number: 7"
                " (master=False, score 0.7); Hour 0 (reduces to 1, score 0.8); Weekday: Jupiter ♃"
                " (score 0.9)",
            },
            id="2024-01-25T00:30Z",
        ),
        pytest.param(
            DEC_31,
            {
                "quality": "good",
                "score": 0.7125,
                "moon_phase": "Waxing Gibbous",
                "reasoning": "Moon: Waxing Gibbous (89% illum, score 0.7); Day number: 7"
                " (master=False, score 0.7); Hour 22 (reduces to 22, score 0.8); Weekday: Mercury ☿"
                " (score 0.6)",
            },
            id="2025-12-31T22:00Z",
        ),
    ],
)
def test_current_quality_vectors(now: datetime, expected: dict) -> None:
    assert get_current_quality(now) == expected


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        pytest.param(
            FEB_06,
            [(0, 0.8125), (1, 0.8125), (8, 0.8125), (9, 0.8125), (10, 0.8125), (11, 0.8125),
             (17, 0.8125), (18, 0.8125), (19, 0.8125), (22, 0.8125), (3, 0.7625), (5, 0.7625),
             (7, 0.7625), (12, 0.7625), (14, 0.7625), (16, 0.7625), (21, 0.7625), (23, 0.7625),
             (2, 0.7125), (4, 0.7125), (6, 0.7125), (13, 0.7125), (15, 0.7125), (20, 0.7125)],
            id="2026-02-06T01:15Z",
        ),
        pytest.param(
            FEB_05,
            [(0, 0.8375), (1, 0.8375), (8, 0.8375), (9, 0.8375), (10, 0.8375), (11, 0.8375),
             (17, 0.8375), (18, 0.8375), (19, 0.8375), (22, 0.8375), (3, 0.7875), (5, 0.7875),
             (7, 0.7875), (12, 0.7875), (14, 0.7875), (16, 0.7875), (21, 0.7875), (23, 0.7875),
             (2, 0.7375), (4, 0.7375), (6, 0.7375), (13, 0.7375), (15, 0.7375), (20, 0.7375)],
            id="2026-02-05T11:00Z",
        ),
        pytest.param(
            JAN_25,
            [(0, 0.7875), (1, 0.7875), (8, 0.7875), (9, 0.7875), (10, 0.7875), (11, 0.7875),
             (17, 0.7875), (18, 0.7875), (19, 0.7875), (22, 0.7875), (3, 0.7375), (5, 0.7375),
             (7, 0.7375), (12, 0.7375), (14, 0.7375), (16, 0.7375), (21, 0.7375), (23, 0.7375),
             (2, 0.6875), (4, 0.6875), (6, 0.6875), (13, 0.6875), (15, 0.6875), (20, 0.6875)],
            id="2024-01-25T00:30Z",
        ),
        pytest.param(
            DEC_31,
            [(0, 0.7125), (1, 0.7125), (8, 0.7125), (9, 0.7125), (10, 0.7125), (11, 0.7125),
             (17, 0.7125), (18, 0.7125), (19, 0.7125), (22, 0.7125), (3, 0.6625), (5, 0.6625),
             (7, 0.6625), (12, 0.6625), (14, 0.6625), (16, 0.6625), (21, 0.6625), (23, 0.6625),
             (2, 0.6125), (4, 0.6125), (6, 0.6125), (13, 0.6125), (15, 0.6125), (20, 0.6125)],
            id="2025-12-31T22:00Z",
        ),
    ],
)  # fmt: skip
def test_optimal_hours_vectors(now: datetime, expected: list[tuple[int, float]]) -> None:
    assert optimal_hours_today(now) == expected


def optimal_hours_today(now: datetime) -> list[tuple[int, float]]:
    """V4's `get_optimal_hours_today(now)`: the best hours of `now`'s UTC day."""
    moment = now.astimezone(UTC)
    return [(h["hour"], h["score"]) for h in get_best_hours(moment.date(), UTC)]


def test_optimal_hours_follow_the_three_hour_groups() -> None:
    assert optimal_hours_today(FEB_06) == _hours(0.8125, 0.7625, 0.7125)


def test_best_hours_carry_the_quality_of_their_score() -> None:
    hours = get_best_hours(date(2026, 2, 6))
    assert hours[0] == {"hour": 0, "score": 0.8125, "quality": "excellent"}
    assert hours[-1] == {"hour": 20, "score": 0.7125, "quality": "good"}


def test_best_hours_of_a_local_day_are_scored_at_their_utc_moments() -> None:
    """Tehran's 02:00 on 6 February is 22:30 UTC on the 5th: that day's moon and number, hour 22."""
    tehran = ZoneInfo("Asia/Tehran")
    by_hour = {h["hour"]: h["score"] for h in get_best_hours(date(2026, 2, 6), tehran)}
    assert sorted(by_hour) == list(range(24))
    assert by_hour[2] == get_current_quality(datetime(2026, 2, 5, 22, tzinfo=UTC))["score"]
    assert by_hour[12] == get_current_quality(datetime(2026, 2, 6, 8, tzinfo=UTC))["score"]


def test_now_is_converted_to_utc_as_v4_did() -> None:
    """The day and hour are UTC's: 04:45 at +03:30 is V4's 01:15Z vector; 23:30 at −02:00 on the
    5th is already the 6th in UTC."""
    tehran = timezone(timedelta(hours=3, minutes=30))
    assert get_current_quality(FEB_06.astimezone(tehran)) == get_current_quality(FEB_06)
    west = datetime(2026, 2, 5, 23, 30, tzinfo=timezone(timedelta(hours=-2)))
    assert get_current_quality(west)["reasoning"].startswith(
        "Moon: Waning Gibbous (81% illum, score 0.7); Day number: 9"
    )
    assert optimal_hours_today(west) == optimal_hours_today(FEB_06)


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
    hours = optimal_hours_today(now)
    assert sorted(hour for hour, _ in hours) == list(range(24))
    scores = [score for _, score in hours]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= score <= 1.0 for score in scores)


# --------------------------------------------------------------------------------------------
# The best hours of a whole group


def test_group_hours_in_one_zone_are_the_waking_best_hours_of_that_zone():
    tehran = ZoneInfo("Asia/Tehran")
    day = date(2026, 12, 2)
    group = get_group_best_hours(day, [tehran, tehran], reference=tehran)
    waking = [entry for entry in get_best_hours(day, tehran) if 8 <= entry["hour"] <= 21]
    assert [entry["hour"] for entry in group["hours"]] == [e["hour"] for e in waking[:3]]
    assert group["everyone_awake"] is True
    first = group["hours"][0]
    assert first["awake"] == 2
    assert first["local_times"] == [f"{first['hour']:02d}:00"] * 2


def test_group_hours_suit_every_member_across_zones():
    zones = [ZoneInfo("Asia/Tehran"), ZoneInfo("Europe/London"), ZoneInfo("America/New_York")]
    group = get_group_best_hours(date(2026, 6, 15), zones, reference=zones[0], limit=5)
    assert group["everyone_awake"] is True
    for entry in group["hours"]:
        assert entry["awake"] == 3
        for local in entry["local_times"]:
            hours, minutes = map(int, local.split(":"))
            assert 8 * 60 <= hours * 60 + minutes <= 21 * 60
    # Tehran is 3 h 30 ahead of London in summer: the minutes show in London's and New York's times.
    assert all(entry["local_times"][1].endswith(":30") for entry in group["hours"])
    scores = [entry["score"] for entry in group["hours"]]
    assert scores == sorted(scores, reverse=True)


def test_group_spread_around_the_world_gets_the_hours_most_can_share():
    zones = [ZoneInfo("America/Los_Angeles"), ZoneInfo("Europe/London"), ZoneInfo("Asia/Tokyo")]
    group = get_group_best_hours(date(2026, 3, 10), zones, reference=zones[1])
    # Los Angeles, London and Tokyo are 7, 0 and 9 hours from UTC: no hour is daytime for all three.
    assert group["everyone_awake"] is False
    assert [entry["awake"] for entry in group["hours"]] == [2, 2, 2]


def test_group_hours_need_a_positive_limit():
    with pytest.raises(ValueError):
        get_group_best_hours(date(2026, 1, 1), [UTC], limit=0)
