"""Timing advisor: how favourable a moment is, and the best hours of a day.

The scores are V4's exactly: the moon phase, the day's number, the hour's number and the weekday,
each scored and averaged, for the UTC day and hour of the moment (V4 read the UTC wall clock; here
the moment is always passed in — no hidden clock). A naive moment is taken to be UTC already.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo

from oracle.engines.fc60 import (
    MOON_PHASE_NAMES,
    WEEKDAY_PLANETS,
    julian_day_number,
    moon_illumination,
    moon_phase,
)
from oracle.engines.numerology import MASTER_NUMBERS, numerology_reduce

__all__ = ["get_best_hours", "get_current_quality", "get_group_best_hours"]

MOON_SCORES: dict[int, float] = {0: 0.9, 1: 0.5, 2: 0.6, 3: 0.7, 4: 1.0, 5: 0.7, 6: 0.6, 7: 0.4}
WEEKDAY_SCORES: dict[int, float] = {0: 0.7, 1: 0.5, 2: 0.6, 3: 0.6, 4: 0.9, 5: 0.8, 6: 0.5}
POWER_NUMBERS = frozenset({1, 8, 9, 11, 22, 33})
# The local hours a person is taken to be awake and free for a group's plans: 08:00 to 22:00.
WAKING_START, WAKING_END = 8, 22
ACTIVE_NUMBERS = frozenset({3, 5, 7})


def _utc(moment: datetime) -> datetime:
    if not isinstance(moment, datetime):
        raise TypeError(f"The moment must be a datetime, not {type(moment).__name__}")
    return moment if moment.tzinfo is None else moment.astimezone(UTC)


def _is_master(n: int) -> bool:
    return numerology_reduce(n) in MASTER_NUMBERS


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
    )

    def __init__(self, year: int, month: int, day: int) -> None:
        jdn = julian_day_number(year, month, day)
        self.phase, age = moon_phase(jdn)
        self.illumination = moon_illumination(age)
        self.moon_score = MOON_SCORES[self.phase]
        day_sum = year + month + day
        self.day_reduced = numerology_reduce(day_sum)
        self.day_master = _is_master(day_sum)
        if self.day_master or self.day_reduced in POWER_NUMBERS:
            self.day_score = 0.9
        elif self.day_reduced in ACTIVE_NUMBERS:
            self.day_score = 0.7
        else:
            self.day_score = 0.5
        self.weekday = (jdn + 1) % 7  # 0 = Sunday
        self.weekday_score = WEEKDAY_SCORES[self.weekday]


def _hour_reduced(hour: int) -> int:
    return numerology_reduce(hour) if hour > 0 else 1


def _hour_score(hour: int) -> float:
    reduced = _hour_reduced(hour)
    if _is_master(hour) or reduced in POWER_NUMBERS:
        return 0.85
    if reduced in ACTIVE_NUMBERS:
        return 0.65
    return 0.45


def _quality(score: float) -> str:
    if score >= 0.8:
        return "excellent"
    if score >= 0.65:
        return "good"
    if score >= 0.5:
        return "fair"
    return "poor"


def _score(day: _Day, hour: int) -> float:
    total = (day.moon_score + day.day_score + _hour_score(hour) + day.weekday_score) / 4
    return round(total, 4)


def get_current_quality(now: datetime) -> dict:
    """`{"quality", "score", "moon_phase", "reasoning"}` for the UTC day and hour of `now`."""
    moment = _utc(now)
    day = _Day(moment.year, moment.month, moment.day)
    hour = moment.hour
    score = _score(day, hour)
    phase_name = MOON_PHASE_NAMES[day.phase]
    reasoning = "; ".join(
        [
            f"Moon: {phase_name} ({day.illumination:.0f}% illum, score {day.moon_score:.1f})",
            f"Day number: {day.day_reduced} (master={day.day_master}, score {day.day_score:.1f})",
            f"Hour {hour} (reduces to {_hour_reduced(hour)}, score {_hour_score(hour):.1f})",
            f"Weekday: {WEEKDAY_PLANETS[day.weekday]} (score {day.weekday_score:.1f})",
        ]
    )
    return {
        "quality": _quality(score),
        "score": score,
        "moon_phase": phase_name,
        "reasoning": reasoning,
    }


def get_best_hours(day: date, tz: tzinfo = UTC) -> list[dict]:
    """The 24 hours of the local calendar `day` in `tz`, best first (ties in hour order).

    Each hour is scored at its UTC moment, so for `tz=UTC` these are V4's "optimal hours today";
    elsewhere an hour may fall on the UTC day before or after, with that day's moon and number.
    Entries: `{"hour": local hour 0–23, "score", "quality"}`. On the first and last days of the
    calendar, hours whose UTC moment falls outside the years 1–9999 are left out.
    """
    hours = []
    for hour in range(24):
        try:
            moment = datetime(day.year, day.month, day.day, hour, tzinfo=tz).astimezone(UTC)
        except OverflowError:
            continue
        if moment.minute:  # a zone offset with minutes (+03:30): score the UTC hour it falls in
            moment -= timedelta(minutes=moment.minute)
        score = _score(_Day(moment.year, moment.month, moment.day), moment.hour)
        hours.append({"hour": hour, "score": score, "quality": _quality(score)})
    return sorted(hours, key=lambda entry: entry["score"], reverse=True)


def _awake(local: datetime) -> bool:
    """An hour starting at `local` ends by the end of the waking day."""
    start = local.hour * 60 + local.minute
    return WAKING_START * 60 <= start <= (WAKING_END - 1) * 60


def get_group_best_hours(
    day: date, zones: Sequence[tzinfo], *, reference: tzinfo = UTC, limit: int = 3
) -> dict:
    """The best hours of the calendar `day` in `reference` for a group living in `zones`.

    An hour's score is the moment's (as in `get_best_hours`: the same for everyone at once); an hour
    suits the whole group when it falls in every member's waking day (08:00–22:00 local). The
    `limit` best hours that suit everyone come first, best first; when fewer exist (members far
    apart), the hours that suit the most members fill the list and `everyone_awake` is False.

    `{"day", "everyone_awake", "hours": [{"hour" (local to `reference`), "score", "quality",
    "awake" (how many members), "local_times" (each member's "HH:MM", in `zones` order)}]}`.
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    candidates = []
    for entry in get_best_hours(day, reference):
        start = datetime(day.year, day.month, day.day, entry["hour"], tzinfo=reference)
        locals_ = [start.astimezone(zone) for zone in zones]
        candidates.append(
            {
                **entry,
                "awake": sum(_awake(local) for local in locals_),
                "local_times": [local.strftime("%H:%M") for local in locals_],
            }
        )
    everyone = len(zones)
    # Stable sort: among equally awake hours the timing order (best score, then hour) is kept.
    candidates.sort(key=lambda entry: entry["awake"], reverse=True)
    best = candidates[:limit]
    return {
        "day": day.isoformat(),
        "everyone_awake": bool(best) and all(entry["awake"] == everyone for entry in best),
        "hours": best,
    }
