"""Timing advisor: how favourable a moment is (engines.md §5).

Scores are V4's exactly (DECISIONS §2). V4 read the UTC wall clock; here the moment is the
`now` argument (defect 21), converted to UTC as V4 did — a naive `now` is taken to be UTC already.
"""

from __future__ import annotations

from datetime import UTC, datetime

from oracle.engines.fc60 import (
    MOON_PHASE_NAMES,
    WEEKDAY_PLANETS,
    compute_jdn,
    moon_illumination,
    moon_phase,
    weekday_from_jdn,
)
from oracle.engines.numerology import digit_sum, is_master_number, numerology_reduce

__all__ = ["get_cosmic_alignment", "get_current_quality", "get_optimal_hours_today"]

MOON_SCORES: dict[int, float] = {0: 0.9, 1: 0.5, 2: 0.6, 3: 0.7, 4: 1.0, 5: 0.7, 6: 0.6, 7: 0.4}
WEEKDAY_SCORES: dict[int, float] = {0: 0.7, 1: 0.5, 2: 0.6, 3: 0.6, 4: 0.9, 5: 0.8, 6: 0.5}
POWER_NUMBERS = frozenset({1, 8, 9, 11, 22, 33})
_ACTIVE_NUMBERS = frozenset({3, 5, 7})


def _utc(now: datetime) -> datetime:
    if not isinstance(now, datetime):
        raise TypeError(f"now must be a datetime, not {type(now).__name__}")
    if now.tzinfo is None:
        return now
    return now.astimezone(UTC)


class _Day:
    """Everything the scores need about one UTC calendar day."""

    __slots__ = (
        "day_master",
        "day_reduced",
        "day_score",
        "illumination",
        "moon_score",
        "phase",
        "weekday",
        "weekday_score",
        "year",
    )

    def __init__(self, year: int, month: int, day: int) -> None:
        jdn = compute_jdn(year, month, day)
        self.year = year
        self.phase, age = moon_phase(jdn)
        self.illumination = moon_illumination(age)
        self.moon_score = MOON_SCORES[self.phase]
        day_sum = year + month + day
        self.day_reduced = numerology_reduce(day_sum)
        self.day_master = is_master_number(day_sum)
        if self.day_master or self.day_reduced in POWER_NUMBERS:
            self.day_score = 0.9
        elif self.day_reduced in _ACTIVE_NUMBERS:
            self.day_score = 0.7
        else:
            self.day_score = 0.5
        self.weekday = weekday_from_jdn(jdn)
        self.weekday_score = WEEKDAY_SCORES[self.weekday]


def _hour_reduced(hour: int) -> int:
    return numerology_reduce(hour) if hour > 0 else 1


def _hour_score(hour: int) -> float:
    reduced = _hour_reduced(hour)
    if is_master_number(hour) or reduced in POWER_NUMBERS:
        return 0.85
    if reduced in _ACTIVE_NUMBERS:
        return 0.65
    return 0.45


def get_current_quality(now: datetime) -> dict:
    """`{"quality", "score", "moon_phase", "reasoning"}` for the UTC day and hour of `now`."""
    moment = _utc(now)
    day = _Day(moment.year, moment.month, moment.day)
    hour = moment.hour
    hour_score = _hour_score(hour)
    total = sum([day.moon_score, day.day_score, hour_score, day.weekday_score]) / 4
    if total >= 0.8:
        quality = "excellent"
    elif total >= 0.65:
        quality = "good"
    elif total >= 0.5:
        quality = "fair"
    else:
        quality = "poor"
    phase_name = MOON_PHASE_NAMES[day.phase]
    reasoning = "; ".join(
        [
            f"Moon: {phase_name} ({day.illumination:.0f}% illum, score {day.moon_score:.1f})",
            f"Day number: {day.day_reduced} (master={day.day_master}, score {day.day_score:.1f})",
            f"Hour {hour} (reduces to {_hour_reduced(hour)}, score {hour_score:.1f})",
            f"Weekday: {WEEKDAY_PLANETS[day.weekday]} (score {day.weekday_score:.1f})",
        ]
    )
    return {
        "quality": quality,
        "score": round(total, 4),
        "moon_phase": phase_name,
        "reasoning": reasoning,
    }


def get_optimal_hours_today(now: datetime) -> list[tuple[int, float]]:
    """All 24 hours of `now`'s UTC day as `(hour, score)`, best first (ties in hour order)."""
    moment = _utc(now)
    day = _Day(moment.year, moment.month, moment.day)
    base = (day.moon_score, day.day_score)
    hours = [
        (hour, round((base[0] + base[1] + _hour_score(hour) + day.weekday_score) / 4.0, 4))
        for hour in range(24)
    ]
    return sorted(hours, key=lambda item: item[1], reverse=True)


def get_cosmic_alignment(key_int: int, now: datetime) -> float:
    """How well an integer key resonates with the moment `now`, in [0, 1] (V4's scanner score).

    The key is reduced digit-sum-first as V4 did (so 11 → 2): DECISIONS keeps timing scores exact.
    """
    moment = _utc(now)
    day = _Day(moment.year, moment.month, moment.day)
    key = int(key_int)
    key_reduced = numerology_reduce(digit_sum(key))
    if key_reduced == day.day_reduced:
        day_match = 1.0
    elif key_reduced + day.day_reduced == 9:
        day_match = 0.8
    else:
        day_match = 0.3
    hour_match = 0.9 if key_reduced == _hour_reduced(moment.hour) else 0.4
    master = 0.9 if is_master_number(key) else 0.4
    if day.phase in (0, 4):
        moon = 0.95
    elif day.phase in (3, 5):
        moon = 0.7
    else:
        moon = 0.45
    year_match = 1.0 if key % 12 == (day.year - 4) % 12 else 0.3
    mean = sum([day_match, hour_match, master, moon, year_match]) / 5
    return round(max(0.0, min(1.0, mean)), 4)
