"""The journal: every reading of the account with its note, tags, pin and outcome; search,
filters, totals, the outcome ledger's hit rate, and the export. Pages and the API share these.

The journal is the account's own: a reading of another account is "not found" here for everyone,
admins included (notes are decrypted for their owner only), and a principal without an account
(V4's legacy secret) has an empty journal.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import jdatetime
from django.db import transaction
from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from nps.accounts.principal import Principal
from nps.core import audit, blind_index
from nps.core.errors import InvalidField, NotFound
from oracle.engines import i18n
from oracle.models import Reading, ReadingKind, SignType
from oracle.services import history, profiles, sealing, stats
from oracle.services.export import reading_profile_name
from oracle.services.reading_document import kind_label
from vault.models import EntryTag, JournalEntry, NoteTerm, Outcome, tag_digest

NOTE_MAX = 5000
TAG_MAX = 40
TAGS_PER_ENTRY = 10
# Below this many scored outcomes the hit rate is shown as "not enough data yet".
MIN_OUTCOMES = 10
COIN_RATE = 0.5
MONTHS_SHOWN = 12
RESOURCE_TYPE = "journal_entry"
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class EntryNotFound(NotFound):
    message = "Reading not found"


_UNSET: Any = object()


@dataclass(frozen=True)
class Entry:
    """A reading as the journal shows it, with what its owner wrote (None: nothing yet)."""

    reading: Reading
    journal: JournalEntry | None

    @property
    def reading_id(self) -> int:
        return self.reading.pk

    @property
    def note(self) -> str:
        return (self.journal.note or "") if self.journal else ""

    @property
    def tags(self) -> list[str]:
        return self.journal.tags if self.journal else []

    @property
    def pinned(self) -> bool:
        return bool(self.journal and self.journal.pinned)

    @property
    def outcome(self) -> str | None:
        return self.journal.outcome if self.journal else None

    @property
    def outcome_on(self) -> dt.date | None:
        return self.journal.outcome_on if self.journal else None

    @property
    def outcome_note(self) -> str:
        return (self.journal.outcome_note or "") if self.journal else ""

    @property
    def answer(self) -> str | None:
        """The oracle's answer (question readings: yes / no / maybe)."""
        result = self.reading.reading_result
        return result.get("answer") if isinstance(result, dict) else None

    @property
    def can_have_outcome(self) -> bool:
        return self.reading.sign_type == SignType.QUESTION


@dataclass(frozen=True)
class EntryPage:
    entries: list[Entry]
    total: int


@dataclass(frozen=True)
class HitRate:
    """How often the oracle's yes/no answers matched what happened, against a fair coin.

    ``scored``: question readings answered yes or no whose outcome is yes, no or partly (a
    "partly" counts as half a hit); "maybe" answers and "unknown" outcomes are not scored.
    """

    recorded: int
    scored: int
    hits: float
    threshold: int = MIN_OUTCOMES

    @property
    def rate(self) -> float | None:
        return self.hits / self.scored if self.scored else None

    @property
    def coin_hits(self) -> float:
        return self.scored * COIN_RATE

    @property
    def enough_data(self) -> bool:
        return self.scored >= self.threshold

    @property
    def percent(self) -> int | None:
        return round(100 * self.rate) if self.rate is not None else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "recorded": self.recorded,
            "scored": self.scored,
            "hits": self.hits,
            "hit_rate": round(self.rate, 4) if self.rate is not None else None,
            "coin_rate": COIN_RATE,
            "coin_hits": self.coin_hits,
            "enough_data": self.enough_data,
            "threshold": self.threshold,
        }


@dataclass(frozen=True)
class Summary:
    total: int
    by_type: dict[str, int]
    by_month: list[tuple[str, int]]
    frequent_numbers: list[tuple[int, int]]
    answers: dict[str, int]
    longest_streak: int
    current_streak: int
    hit_rate: HitRate
    tags: list[tuple[str, int]] = field(default_factory=list)
    history: stats.HistoryTotals | None = None  # what they were counted from (not in the API)

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "by_type": self.by_type,
            "by_month": [{"month": month, "count": count} for month, count in self.by_month],
            "frequent_numbers": [
                {"number": number, "count": count} for number, count in self.frequent_numbers
            ],
            "answers": self.answers,
            "longest_streak": self.longest_streak,
            "current_streak": self.current_streak,
            "tags": [{"tag": tag, "count": count} for tag, count in self.tags],
            "hit_rate": self.hit_rate.as_dict(),
        }


# --------------------------------------------------------------------------------------------
# Reading the journal


def journal_readings(principal: Principal) -> QuerySet:
    """The principal's own live readings (the journal never shows another account's)."""
    return Reading.objects.owned_by(principal)


def of_journal(principal: Principal, reading: str) -> Q:
    """Rows whose reading (the relation ``reading``) is in the principal's journal, as a join
    (a ``reading__in`` subquery of every reading of the account was planned worse)."""
    if principal.account is None:
        return Q(pk__in=[])
    return Q(**{f"{reading}__owner": principal.account, f"{reading}__deleted_at__isnull": True})


def _with_journal(readings: QuerySet) -> QuerySet:
    return readings.select_related("journal_entry").prefetch_related("journal_entry__tag_rows")


def _entry(reading: Reading) -> Entry:
    try:
        journal = reading.journal_entry
    except JournalEntry.DoesNotExist:
        journal = None
    return Entry(reading, journal)


def get_entry(*, principal: Principal, reading_id: int) -> Entry:
    reading = _with_journal(journal_readings(principal)).filter(pk=reading_id).first()
    if reading is None:
        raise EntryNotFound()
    return _entry(reading)


def normalise_tag(tag: str) -> str:
    return " ".join(str(tag).split()).casefold()


def parse_month(
    month: str, *, jalali: bool = False, path: str = "month"
) -> tuple[dt.datetime, dt.datetime]:
    """``"2026-03"`` (or a Jalali ``"1405-01"`` with ``jalali``) → the UTC start of that month
    and of the next."""
    match = _MONTH.match(month.strip())
    if not match or not 1 <= int(match.group(2)) <= 12 or not 1 <= int(match.group(1)) <= 9000:
        raise InvalidField(path, "Use a month as YYYY-MM.")
    year, number = int(match.group(1)), int(match.group(2))
    following = (year + 1, 1) if number == 12 else (year, number + 1)
    if jalali:
        start = jdatetime.date(year, number, 1).togregorian()
        end = jdatetime.date(*following, 1).togregorian()
    else:
        start, end = dt.date(year, number, 1), dt.date(*following, 1)
    return _utc_midnight(start), _utc_midnight(end)


def _utc_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def month_key(moment: dt.datetime | dt.date, *, jalali: bool = False) -> str:
    """The ``YYYY-MM`` a moment falls in (UTC), in the Gregorian or the Jalali calendar (a day
    the Jalali calendar cannot write, before 622 or after 9999-03-20, keeps its Gregorian month:
    it is never among the recent months counted)."""
    if isinstance(moment, dt.datetime):
        moment = moment.astimezone(dt.UTC).date()
    if jalali:
        with contextlib.suppress(ValueError):
            moment = jdatetime.date.fromgregorian(date=moment)
    return f"{moment.year:04d}-{moment.month:02d}"


def _note_matches(search: str) -> QuerySet | None:
    """Reading ids whose note or outcome note holds every word of ``search`` (blind index)."""
    terms = blind_index.query_terms(search)
    if not terms:
        return None
    return (
        NoteTerm.objects.filter(term__in=terms)
        .values("entry__reading_id")
        .annotate(found=Count("term", distinct=True))
        .filter(found=len(terms))
        .values("entry__reading_id")
    )


def filtered_readings(
    *,
    principal: Principal,
    search: str = "",
    sign_type: str | None = None,
    kind: str | None = None,
    tag: str | None = None,
    profile_id: int | None = None,
    month: str | None = None,
    jalali: bool = False,
    pinned: bool | None = None,
) -> QuerySet:
    """The journal's readings matching the filters. ``sign_type`` is a stored value (the API's
    filter); ``kind`` a `ReadingKind` (the page's, which finds V4's "reading" rows as Time)."""
    readings = journal_readings(principal)
    if sign_type:
        if sign_type not in SignType.values:
            raise InvalidField("sign_type", "Unknown reading type.")
        readings = readings.filter(sign_type=sign_type)
    if kind:
        if kind not in ReadingKind.values:
            raise InvalidField("kind", "Unknown reading type.")
        readings = readings.filter(sign_type__in=ReadingKind(kind).sign_types)
    if tag:
        readings = readings.filter(journal_entry__tag_rows__tag_hash=tag_digest(normalise_tag(tag)))
    if profile_id is not None:
        profile = profiles.get_profile(principal=principal, profile_id=profile_id)
        readings = readings.involving(profile)
    if month:
        start, end = parse_month(month, jalali=jalali)
        readings = readings.filter(created_at__gte=start, created_at__lt=end)
    if pinned is True:
        readings = readings.filter(journal_entry__pinned=True)
    elif pinned is False:
        readings = readings.exclude(journal_entry__pinned=True)
    search = search.strip()
    if search:
        in_texts = history.readings_matching(readings, search).values("pk")
        in_notes = _note_matches(search)
        condition = Q(pk__in=in_texts)
        if in_notes is not None:
            condition |= Q(pk__in=in_notes)
        readings = readings.filter(condition)
    return readings


def list_entries(
    *,
    principal: Principal,
    search: str = "",
    sign_type: str | None = None,
    kind: str | None = None,
    tag: str | None = None,
    profile_id: int | None = None,
    month: str | None = None,
    jalali: bool = False,
    pinned: bool | None = None,
    limit: int = 20,
    offset: int = 0,
) -> EntryPage:
    """The journal, pinned entries first, then newest first. ``month`` is ``YYYY-MM``, a Jalali
    month with ``jalali``."""
    readings = filtered_readings(
        principal=principal,
        search=search,
        sign_type=sign_type,
        kind=kind,
        tag=tag,
        profile_id=profile_id,
        month=month,
        jalali=jalali,
        pinned=pinned,
    )
    # Two slices, each an index walk newest first, rather than one sort of the whole journal by
    # "pinned": the pinned entries (few), then the others.
    pinned_rows = readings.filter(journal_entry__pinned=True)
    pinned_count = pinned_rows.count()
    newest = ("-created_at", "-id")
    rows = []
    if offset < pinned_count:
        rows = list(_with_journal(pinned_rows).order_by(*newest)[offset : offset + limit])
    if len(rows) < limit:
        start = max(0, offset - pinned_count)
        others = _with_journal(readings.exclude(journal_entry__pinned=True)).order_by(*newest)
        rows += list(others[start : start + limit - len(rows)])
    return EntryPage([_entry(reading) for reading in rows], readings.count())


def account_tags(principal: Principal) -> list[tuple[str, int]]:
    """The account's tags with how many entries carry each, most used first.

    The tags are counted by their keyed hash; one row of each is decrypted for its text. Kept in
    the worker's memory (the texts are decrypted) while the journal and the readings stand."""
    return stats.kept_while(
        principal, "tags", ("journal", "changes"), lambda: _count_tags(principal), private=True
    )


def _count_tags(principal: Principal) -> list[tuple[str, int]]:
    counts = (
        EntryTag.objects.filter(of_journal(principal, "entry__reading"))
        .values("tag_hash")
        .annotate(count=Count("id"), first=Min("id"))
    )
    counted = {row["first"]: row["count"] for row in counts}
    texts = EntryTag.objects.filter(pk__in=counted).only("id", "tag")
    tags = [(row.tag, counted[row.pk]) for row in texts if row.tag is not None]
    return sorted(tags, key=lambda item: (-item[1], item[0]))


# --------------------------------------------------------------------------------------------
# Writing


def _clean_note(note: str | None, path: str) -> str:
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise InvalidField(path, f"At most {NOTE_MAX} characters.")
    return note


def clean_tags(tags: Iterable[str] | str) -> list[str]:
    """Tags as a list or a comma-separated text → distinct normalised tags, in order."""
    if isinstance(tags, str):
        tags = tags.split(",")
    cleaned: dict[str, None] = {}
    for position, tag in enumerate(tags):
        if not isinstance(tag, str):
            raise InvalidField(("tags", position), "A tag is a text.")
        value = normalise_tag(tag)
        if not value:
            continue
        if len(value) > TAG_MAX:
            raise InvalidField(("tags", position), f"A tag has at most {TAG_MAX} characters.")
        cleaned.setdefault(value, None)
    if len(cleaned) > TAGS_PER_ENTRY:
        raise InvalidField("tags", f"At most {TAGS_PER_ENTRY} tags.")
    return list(cleaned)


def _index(journal: JournalEntry) -> None:
    NoteTerm.objects.filter(entry=journal).delete()
    terms = blind_index.index_terms(journal.note, journal.outcome_note)
    NoteTerm.objects.bulk_create(NoteTerm(entry=journal, term=term) for term in terms)


def _locked_journal(principal: Principal, reading_id: int) -> JournalEntry:
    reading = journal_readings(principal).filter(pk=reading_id).first()
    if reading is None:
        raise EntryNotFound()
    journal, _created = JournalEntry.objects.select_for_update().get_or_create(reading=reading)
    journal.reading = reading
    return journal


def _audit(action: str, principal: Principal, journal: JournalEntry, client_address, fields):
    audit.record(
        action,
        actor=principal.account,
        profile_id=journal.reading.profile_id,
        client_address=client_address,
        resource_type=RESOURCE_TYPE,
        resource_id=journal.reading_id,
        api_key_hash=principal.api_key_hash,
        details={"fields": sorted(fields)},
    )


@transaction.atomic
def update_entry(
    *,
    principal: Principal,
    reading_id: int,
    note: str | None = _UNSET,
    tags: Sequence[str] | str = _UNSET,
    pinned: bool = _UNSET,
    client_address: str | None = None,
) -> Entry:
    """Change the note, the tags and/or the pin of a reading (arguments left out stay as they
    are). Audited as ``vault.entry.update`` with the names of the fields changed."""
    cleaned_note = _clean_note(note, "note") if note is not _UNSET else _UNSET
    cleaned_tags = clean_tags(tags) if tags is not _UNSET else _UNSET
    journal = _locked_journal(principal, reading_id)
    changed = []
    if cleaned_note is not _UNSET:
        journal.note = cleaned_note or None
        changed.append("note")
    if pinned is not _UNSET:
        journal.pinned = bool(pinned)
        changed.append("pinned")
    journal.save()
    if cleaned_tags is not _UNSET:
        EntryTag.objects.filter(entry=journal).delete()
        EntryTag.objects.bulk_create(EntryTag.of(journal, tag) for tag in cleaned_tags)
        changed.append("tags")
    if "note" in changed:
        _index(journal)
    _audit("vault.entry.update", principal, journal, client_address, changed)
    return get_entry(principal=principal, reading_id=reading_id)


@transaction.atomic
def record_outcome(
    *,
    principal: Principal,
    reading_id: int,
    outcome: str | None,
    outcome_on: dt.date | None = None,
    note: str | None = "",
    client_address: str | None = None,
) -> Entry:
    """What happened after a question reading: yes / no / partly / unknown, the date (today when
    left out) and a note; ``outcome`` None clears it. Audited as ``vault.entry.outcome``."""
    if outcome is not None and outcome not in Outcome.values:
        raise InvalidField("outcome", "Choose yes, no, partly or unknown.")
    cleaned_note = _clean_note(note, "outcome_note")
    journal = _locked_journal(principal, reading_id)
    if journal.reading.sign_type != SignType.QUESTION:
        raise InvalidField("outcome", "Only a question reading has an outcome.")
    if outcome is None:
        journal.outcome, journal.outcome_on, journal.outcome_note = None, None, None
    else:
        today = timezone.now().date()
        if outcome_on is not None and outcome_on > today:
            raise InvalidField("outcome_on", "The date cannot be in the future.")
        if outcome_on is not None and outcome_on < journal.reading.created_at.date():
            raise InvalidField("outcome_on", "The date cannot be before the question was asked.")
        journal.outcome = outcome
        journal.outcome_on = outcome_on or today
        journal.outcome_note = cleaned_note or None
    journal.save()
    _index(journal)
    _audit("vault.entry.outcome", principal, journal, client_address, ["outcome"])
    return get_entry(principal=principal, reading_id=reading_id)


# --------------------------------------------------------------------------------------------
# Totals and the outcome ledger


def hit_rate(principal: Principal) -> HitRate:
    """The hit rate of the recorded outcomes, counted in SQL by (outcome, answer): a few rows
    however long the journal; kept while the journal and the readings are unchanged."""
    answer = "reading__reading_result__answer"
    rows = (
        JournalEntry.objects.filter(
            of_journal(principal, "reading"),
            reading__sign_type=SignType.QUESTION,
            outcome__isnull=False,
        )
        .order_by()
        .values_list("outcome", answer)
        .annotate(count=Count("pk"))
        .values_list("outcome", answer, "count")
    )
    return stats.kept_while(
        principal, "hit-rate", ("journal", "changes"), lambda: score_outcomes(rows)
    )


def score_outcomes(rows: Iterable[tuple]) -> HitRate:
    """``(outcome, oracle's answer)`` pairs — or ``(outcome, answer, how many)`` — → the hit
    rate (see `HitRate`)."""
    recorded = scored = 0
    hits = 0.0
    for outcome, answer, *count in rows:
        times = count[0] if count else 1
        recorded += times
        if answer not in ("yes", "no") or outcome not in ("yes", "no", "partly"):
            continue
        scored += times
        if outcome == "partly":
            hits += 0.5 * times
        elif outcome == answer:
            hits += times
    return HitRate(recorded=recorded, scored=scored, hits=hits)


def _months(now: dt.datetime, *, jalali: bool) -> list[str]:
    year, month = (int(part) for part in month_key(now, jalali=jalali).split("-"))
    keys = []
    for _ in range(MONTHS_SHOWN):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return list(reversed(keys))


def month_counts(days: Counter, months: Sequence[str], *, jalali: bool) -> list[tuple[str, int]]:
    """``[(month, readings in it)]`` for ``months`` (``YYYY-MM`` keys, UTC) from readings per
    day."""
    first = parse_month(months[0], jalali=jalali)[0].date()
    last = parse_month(months[-1], jalali=jalali)[1].date()
    counted: Counter = Counter()
    day = first  # the days of these months only: the same cost however long the history
    while day < last:
        if days.get(day):
            counted[month_key(day, jalali=jalali)] += days[day]
        day += dt.timedelta(days=1)
    return [(month, counted[month]) for month in months]


def summary(
    principal: Principal,
    *,
    jalali: bool = False,
    with_tags: bool = True,
    kept: stats.KeptTotals | None = None,
) -> Summary:
    """Totals by type and by month (the last twelve, Jalali months with ``jalali``), the most
    frequent numbers (life path, expression, the answers' sign numbers), the answers given,
    streaks, the hit rate and (``with_tags``; a grouped query over every tagged entry) the tags
    most used: from `oracle.services.stats.history_totals` (``kept``: its answer, when the caller
    has it already), no reading row is loaded."""
    by_type, totals = kept or stats.history_totals(principal)
    now = timezone.now()
    longest, current = totals.streaks(now.date())
    return Summary(
        total=totals.count,
        by_type=dict(sorted(by_type.items())),
        by_month=month_counts(totals.days, _months(now, jalali=jalali), jalali=jalali),
        frequent_numbers=sorted(totals.numbers.items(), key=lambda item: (-item[1], item[0]))[:5],
        answers=dict(sorted(totals.answers.items())),
        longest_streak=longest,
        current_streak=current,
        hit_rate=hit_rate(principal),
        tags=account_tags(principal)[:20] if with_tags else [],
        history=totals,
    )


# --------------------------------------------------------------------------------------------
# Export

EXPORT_COLUMNS = (
    "reading_id",
    "created_at",
    "sign_type",
    "kind",
    "sign_value",
    "question",
    "answer",
    "profile_id",
    "profile",
    "note",
    "tags",
    "pinned",
    "outcome",
    "outcome_on",
    "outcome_note",
)
# The CSV is read by people in a spreadsheet: the reading kind's label and the profile's name,
# not internal names and ids (the JSON keeps both, for programs).
CSV_COLUMNS = tuple(
    column for column in EXPORT_COLUMNS if column not in ("sign_type", "profile_id")
)


def export_rows(*, principal: Principal, client_address: str | None = None) -> list[dict]:
    """Every journal entry, oldest first, with its texts decrypted (the owner's own only).
    Audited as ``vault.export``."""
    readings = (
        _with_journal(journal_readings(principal))
        .select_related("profile")
        .order_by("created_at", "id")
    )
    rows = []
    for reading in readings.iterator(chunk_size=200):
        entry = _entry(reading)
        asked = sealing.ASKED_KEY.get(reading.sign_type)
        rows.append(
            {
                "reading_id": reading.pk,
                "created_at": reading.created_at.isoformat(),
                "sign_type": reading.sign_type,
                "kind": kind_label(reading.sign_type),
                "sign_value": reading.sign_value,
                "question": (reading.question or "") if asked else "",
                "answer": entry.answer,
                "profile_id": reading.profile_id,
                "profile": reading_profile_name(reading),
                "note": entry.note,
                "tags": entry.tags,
                "pinned": entry.pinned,
                "outcome": entry.outcome,
                "outcome_on": entry.outcome_on.isoformat() if entry.outcome_on else None,
                "outcome_note": entry.outcome_note,
            }
        )
    audit.record(
        "vault.export",
        actor=principal.account,
        client_address=client_address,
        resource_type=RESOURCE_TYPE,
        api_key_hash=principal.api_key_hash,
        details={"count": len(rows)},
    )
    return rows


def export_json(rows: list[dict]) -> str:
    return json.dumps({"entries": rows, "count": len(rows)}, ensure_ascii=False, indent=2)


def _cell(value: Any) -> Any:
    """A text a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def export_csv(rows: list[dict]) -> str:
    """The journal for a spreadsheet: a UTF-8 byte-order mark first (so Excel and LibreOffice
    read Persian as UTF-8), the kind's label, the profile's name, answers and outcomes as words
    of the active language."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    language = "fa" if (get_language() or "").startswith("fa") else "en"
    for row in rows:
        shown = {
            **row,
            "tags": ", ".join(row["tags"]),
            "kind": kind_label(row["sign_type"]),
            "answer": i18n.term(row["answer"], language) if row["answer"] else "",
            "outcome": Outcome(row["outcome"]).label if row["outcome"] in Outcome.values else "",
        }
        writer.writerow({key: _cell(value) for key, value in shown.items()})
    return buffer.getvalue()


# --------------------------------------------------------------------------------------------
# Key rotation


def rebuild_tag_hashes() -> int:
    """Recompute every tag's keyed hash under the current key; the number of tags."""
    count = 0
    for row in EntryTag.objects.only("id", "tag").iterator(chunk_size=500):
        if row.tag is not None:
            EntryTag.objects.filter(pk=row.pk).update(tag_hash=tag_digest(row.tag))
            count += 1
    return count


def rebuild_note_terms() -> int:
    """Recompute every entry's note terms under the current key; the number of entries."""
    count = 0
    for journal in JournalEntry.objects.iterator(chunk_size=200):
        with transaction.atomic():
            _index(journal)
        count += 1
    return count
