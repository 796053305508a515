"""The account's reading counters (the dashboard and `GET /api/oracle/stats`: one service), and
the history totals they, the journal and the Learning page are counted from.

Counted over the caller's *own* live readings (an admin's dashboard is about their readings, not
everyone's), with "today", "this week" (from Monday) and "this month" in the zone given — the
account's default time zone, else UTC. The streak is the number of consecutive days, ending today
(or yesterday, when nothing was read yet today), with at least one reading.

The cost does not follow the size of the history: `history_totals` keeps what is counted over
every reading (readings per day, numbers, answers, confidence) in the cache and counts only the
readings added since; each request runs one grouped query over plain columns to know whether
anything changed.
"""

from __future__ import annotations

import datetime as dt
import time
import zoneinfo
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any, NamedTuple, TypeVar

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, FloatField, Max, QuerySet, Sum
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, TruncDate
from django.utils import timezone

from nps.accounts.principal import Principal
from nps.core.kept import Memory
from oracle.models import HistoryVersion, Reading, SignType

HISTORY_TOTALS_KEY = "oracle:history-totals:v3:{account}:{zone}"
HISTORY_TOTALS_SECONDS = 30 * 24 * 3600
KEPT_KEY = "oracle:kept:v1:{name}:{account}"
TRIGGERED_VENDORS = ("postgresql", "sqlite")  # where migration oracle 0016 made the triggers
# What `kept_while(private=True)` keeps: in this worker only, for 1,000 accounts' values at most.
PRIVATE = Memory(capacity=1000)
T = TypeVar("T")


class Versions(NamedTuple):
    """An account's `HistoryVersion`."""

    version: int
    changes: int
    journal: int
    feedback: int


# Where a reading's result holds a personal number: life path, expression, an answer's sign number.
NUMBER_PATHS = (
    "reading_result__numerology__life_path",
    "reading_result__life_path",
    "reading_result__destiny_number",
    "reading_result__sign_number",
)


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


def streaks(days: Iterable[dt.date], *, today: dt.date) -> tuple[int, int]:
    """(longest run of consecutive days, the run that ends today or — nothing yet today —
    yesterday)."""
    return _streaks_of(_runs(days), today)


def _runs(days: Iterable[dt.date]) -> tuple[int, dt.date | None, int]:
    """(longest run of consecutive days, the last day, the run that ends on it)."""
    longest = run = 0
    previous = None
    for day in sorted(set(days)):
        run = run + 1 if previous is not None and day - previous == dt.timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    return longest, previous, run


def _streaks_of(runs: tuple[int, dt.date | None, int], today: dt.date) -> tuple[int, int]:
    longest, last, run = runs
    return longest, run if last is not None and today - last <= dt.timedelta(days=1) else 0


@dataclass(frozen=True)
class HistoryTotals:
    """What is counted over a whole history, kept per account and zone (`history_totals`).
    ``count``, ``id_sum`` and ``last_id`` describe the live readings counted."""

    count: int
    id_sum: int
    last_id: int
    days: Counter  # readings per day in the zone
    numbers: Counter  # positive whole numbers of `NUMBER_PATHS`, how often each
    answers: Counter  # question readings per answer given
    confidence_sum: float = 0.0  # of the question readings that have one
    confidence_count: int = 0

    def __add__(self, other: HistoryTotals) -> HistoryTotals:
        return HistoryTotals(
            count=self.count + other.count,
            id_sum=self.id_sum + other.id_sum,
            last_id=max(self.last_id, other.last_id),
            days=self.days + other.days,
            numbers=self.numbers + other.numbers,
            answers=self.answers + other.answers,
            confidence_sum=self.confidence_sum + other.confidence_sum,
            confidence_count=self.confidence_count + other.confidence_count,
        )

    @property
    def average_confidence(self) -> float | None:
        return self.confidence_sum / self.confidence_count if self.confidence_count else None

    def since(self, day: dt.date) -> int:
        """Readings from ``day`` on."""
        return sum(count for counted, count in self.days.items() if counted >= day)

    @cached_property
    def runs(self) -> tuple[int, dt.date | None, int]:
        """The runs of days (`_runs`), walked once: kept with the totals (`history_totals`
        computes them before keeping), so a page's streaks cost nothing however long the
        history."""
        return _runs(self.days)

    def streaks(self, today: dt.date) -> tuple[int, int]:
        return _streaks_of(self.runs, today)


# `history_totals`'s answer, passed on by a caller that asks once for several counts.
KeptTotals = tuple[dict[str, int], HistoryTotals]


def _numbers(readings: QuerySet) -> Counter:
    grouped = [
        readings.filter(**{f"{path}__isnull": False})
        .values_list(path)
        .annotate(count=Count("pk"))
        .values_list(path, "count")
        for path in NUMBER_PATHS
    ]
    numbers: Counter = Counter()
    for value, count in grouped[0].union(*grouped[1:], all=True):
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            numbers[value] += count
    return numbers


def tally(readings: QuerySet, zone: dt.tzinfo) -> HistoryTotals:
    """`HistoryTotals` of ``readings``, counted in SQL: grouped by day in ``zone`` (with the
    count, sum and largest id), by number, and by answer (with the confidence); one row per
    group, none per reading."""
    readings = readings.order_by()
    days: Counter = Counter()
    count = id_sum = last_id = 0
    for day, n, ids, largest in (
        readings.annotate(day=TruncDate("created_at", tzinfo=zone))
        .values_list("day")
        .annotate(n=Count("pk"), ids=Sum("pk"), largest=Max("pk"))
        .values_list("day", "n", "ids", "largest")
    ):
        days[day] = n
        count, id_sum, last_id = count + n, id_sum + ids, max(last_id, largest)
    answers: Counter = Counter()
    confidence_sum, confidence_count = 0.0, 0
    confidence = Cast(KT("reading_result__confidence"), FloatField())
    for answer, n, total, counted in (
        readings.filter(sign_type=SignType.QUESTION)
        .values_list("reading_result__answer")
        .annotate(n=Count("pk"), total=Sum(confidence), counted=Count(confidence))
        .values_list("reading_result__answer", "n", "total", "counted")
    ):
        if isinstance(answer, str):
            answers[answer] += n
        confidence_sum += total or 0.0
        confidence_count += counted
    return HistoryTotals(
        count=count,
        id_sum=id_sum,
        last_id=last_id,
        days=days,
        numbers=_numbers(readings),
        answers=answers,
        confidence_sum=confidence_sum,
        confidence_count=confidence_count,
    )


def history_version(account_id) -> Versions:
    """The account's `HistoryVersion` (all 0 before its first reading). A database without the
    triggers (neither PostgreSQL nor SQLite) gets numbers that never stand: nothing kept is used."""
    if connection.vendor not in TRIGGERED_VENDORS:
        return Versions(*(time.monotonic_ns(),) * 4)
    found = HistoryVersion.objects.filter(account_id=account_id).values_list(
        "version", "changes", "journal", "feedback"
    )
    return Versions(*next(iter(found), (0, 0, 0, 0)))


def kept_while(
    principal: Principal,
    name: str,
    moved_by: Iterable[str],
    count: Callable[[], T],
    *,
    private: bool = False,
) -> T:
    """``count()``, kept per account while the `HistoryVersion` numbers named in ``moved_by``
    have not moved: in the shared cache (Redis), or — ``private``, for what holds decrypted text —
    in this worker's memory only (`PRIVATE`)."""
    if principal.account is None:
        return count()
    key = KEPT_KEY.format(name=name, account=principal.account.pk)
    versions = history_version(principal.account.pk)  # before counting: a write after moves it
    under = tuple(getattr(versions, number) for number in moved_by)
    kept = PRIVATE.get(key) if private else cache.get(key)
    if kept is not None and kept[0] == under:
        return kept[1]
    value = count()
    if private:
        PRIVATE.put(key, (under, value))
    else:
        cache.set(key, (under, value), HISTORY_TOTALS_SECONDS)
    return value


def forget_kept_counts() -> None:
    """Forget every count kept in the shared cache (after a restore: the restored database's
    `HistoryVersion` numbers start again, and could meet numbers kept from the one replaced). A
    cache without patterns is this process's own and goes with it."""
    delete_pattern = getattr(cache, "delete_pattern", None)
    if delete_pattern is not None:
        delete_pattern(HISTORY_TOTALS_KEY.split("{", 1)[0] + "*")
        delete_pattern(KEPT_KEY.split("{", 1)[0] + "*")


def history_totals(principal: Principal, zone: dt.tzinfo = dt.UTC) -> KeptTotals:
    """The principal's own live readings by type, and their `HistoryTotals` (days in ``zone``).

    Both are kept in the cache with the account's `HistoryVersion`, which the database
    moves on every change of its readings: while it has not moved, one look-up of one row
    answers. When only readings were added, one grouped query over plain columns (type, count,
    sum and largest id) runs and only the added readings (ids above ``last_id``) are counted;
    after any other change (a reading deleted, restored, re-dated…), everything is counted
    again."""
    readings = own_readings(principal).order_by()
    if principal.account is None:
        return _by_type(readings)[0], tally(readings, zone)
    key = HISTORY_TOTALS_KEY.format(account=principal.account.pk, zone=zone)
    versions = history_version(principal.account.pk)  # before counting: a write after moves it
    version = (versions.version, versions.changes)
    kept = cache.get(key)
    if kept is not None and kept[0] == version:
        return kept[1], kept[2]
    by_type, live = _by_type(readings)
    totals = None
    if kept is not None and kept[0][1] == version[1]:  # readings added, nothing else
        totals = kept[2]
        if totals.last_id < live[2]:
            totals = totals + tally(readings.filter(pk__gt=totals.last_id), zone)
        if (totals.count, totals.id_sum, totals.last_id) != live:  # e.g. an older id added
            totals = None
    if totals is None:
        totals = tally(readings, zone)
    totals.runs  # noqa: B018 — walked once, kept with them
    cache.set(key, (version, by_type, totals), HISTORY_TOTALS_SECONDS)
    return by_type, totals


def _by_type(readings: QuerySet) -> tuple[dict[str, int], tuple[int, int, int]]:
    """The readings by type, and (count, sum of ids, largest id) of them all: one grouped query
    (an index-only scan of `idx_oracle_readings_owner_kind`)."""
    by_type, live = {}, (0, 0, 0)
    for sign_type, n, ids, largest in (
        readings.values_list("sign_type")
        .annotate(n=Count("pk"), ids=Sum("pk"), largest=Max("pk"))
        .values_list("sign_type", "n", "ids", "largest")
    ):
        by_type[sign_type] = n
        live = (live[0] + n, live[1] + ids, max(live[2], largest))
    return by_type, live


def reading_stats(
    *, principal: Principal, zone: dt.tzinfo | None = None, now: dt.datetime | None = None
) -> ReadingStats:
    """The counters, from `history_totals` in ``zone``."""
    zone = zone or zoneinfo.ZoneInfo("UTC")
    today = timezone.localtime(now or timezone.now(), zone).date()
    by_type, totals = history_totals(principal, zone)
    most_used = max(sorted(by_type), key=lambda kind: by_type[kind]) if by_type else None
    confidence = totals.average_confidence
    return ReadingStats(
        total_readings=totals.count,
        readings_by_type=by_type,
        most_used_type=most_used,
        average_confidence=round(confidence, 3) if confidence is not None else None,
        readings_today=totals.since(today),
        readings_this_week=totals.since(today - dt.timedelta(days=today.weekday())),
        readings_this_month=totals.since(today.replace(day=1)),
        streak_days=totals.streaks(today)[1],
    )
