"""The account's reading counters (the dashboard and `GET /api/oracle/stats`: one service).

Counted over the caller's *own* live readings (an admin's dashboard is about their readings, not
everyone's), with "today", "this week" (from Monday) and "this month" in the zone given — the
account's default time zone, else UTC. The streak is the number of consecutive days, ending today
(or yesterday, when nothing was read yet today), with at least one reading.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db.models import Avg, Count, FloatField, Q
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, TruncDate
from django.utils import timezone

from nps.accounts.principal import Principal
from oracle.models import Reading, SignType

STREAK_WINDOW_DAYS = 366


@dataclass(frozen=True)
class ReadingStats:
    total_readings: int
    readings_by_type: dict[str, int] = field(default_factory=dict)
    most_used_type: str | None = None
    average_confidence: float | None = None
    readings_today: int = 0
    readings_this_week: int = 0
    readings_this_month: int = 0
    streak_days: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def own_readings(principal: Principal):
    return Reading.objects.owned_by(principal)


def _midnight(day: dt.date, zone: dt.tzinfo) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=zone)


def streak(days: set[dt.date], today: dt.date) -> int:
    """Consecutive days with a reading, ending today or (if none today) yesterday."""
    day = today if today in days else today - dt.timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= dt.timedelta(days=1)
    return count


def reading_stats(
    *, principal: Principal, zone: dt.tzinfo | None = None, now: dt.datetime | None = None
) -> ReadingStats:
    zone = zone or zoneinfo.ZoneInfo("UTC")
    today = timezone.localtime(now or timezone.now(), zone).date()
    week_start = today - dt.timedelta(days=today.weekday())
    month_start = today.replace(day=1)
    readings = own_readings(principal)
    by_type = dict(
        readings.order_by()
        .values_list("sign_type")
        .annotate(n=Count("pk"))
        .values_list("sign_type", "n")
    )
    counters = readings.aggregate(
        total=Count("pk"),
        today=Count("pk", filter=Q(created_at__gte=_midnight(today, zone))),
        week=Count("pk", filter=Q(created_at__gte=_midnight(week_start, zone))),
        month=Count("pk", filter=Q(created_at__gte=_midnight(month_start, zone))),
        confidence=Avg(
            Cast(KT("reading_result__confidence"), FloatField()),
            filter=Q(sign_type=SignType.QUESTION),
        ),
    )
    since = _midnight(today - dt.timedelta(days=STREAK_WINDOW_DAYS), zone)
    days = set(
        readings.filter(created_at__gte=since)
        .annotate(day=TruncDate("created_at", tzinfo=zone))
        .order_by()
        .values_list("day", flat=True)
        .distinct()
    )
    most_used = max(sorted(by_type), key=lambda kind: by_type[kind]) if by_type else None
    confidence = counters["confidence"]
    return ReadingStats(
        total_readings=counters["total"],
        readings_by_type=by_type,
        most_used_type=most_used,
        average_confidence=round(confidence, 3) if confidence is not None else None,
        readings_today=counters["today"],
        readings_this_week=counters["week"],
        readings_this_month=counters["month"],
        streak_days=streak(days, today),
    )
