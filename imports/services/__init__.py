"""Importing NPS V4 databases and V3 data folders: the report and the shared import loop.

Each source has its module (`v4`, `v3`); both run the same way:

* everything happens in one transaction; a dry run (the default) rolls it back at the end, so its
  report counts exactly what `--execute` would write;
* every record is imported in its own savepoint: one that fails (corrupt, undecryptable,
  impossible) is reported with the reason and skipped, the others go on;
* every imported row gets an `ImportedRecord` with its source identity, so running again imports
  nothing twice; nothing already in NPS is changed (a V4 profile that matches one of the account's
  live profiles is linked to it, not merged into it).
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import DatabaseError, transaction
from django.db.models import BigIntegerField, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from imports.legacy_crypto import UndecryptableValue
from imports.models import Source

logger = logging.getLogger(__name__)

IMPORTED = "imported"
ALREADY = "already imported"
MATCHED = "matched existing"
FAILED = "failed"
OUTCOMES = (IMPORTED, MATCHED, ALREADY, FAILED)


class RecordFailure(ValueError):
    """A source record that cannot be imported; the message says why (no user data in it)."""


@dataclass
class Report:
    source: str
    execute: bool
    counts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    failures: list[dict[str, str]] = field(default_factory=list)
    skipped: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def count(self, kind: str, outcome: str, n: int = 1) -> None:
        self.counts[kind][outcome] += n

    def fail(self, kind: str, key: str, reason: str) -> None:
        self.count(kind, FAILED)
        self.failures.append({"kind": kind, "record": key, "reason": reason})

    @property
    def imported(self) -> int:
        return sum(c[IMPORTED] for c in self.counts.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "execute": self.execute,
            "counts": {kind: dict(c) for kind, c in self.counts.items()},
            "failures": self.failures,
            "skipped": self.skipped,
            "notes": self.notes,
        }

    def text(self) -> str:
        return report_text(self.as_dict())


# The names a report uses for kinds, outcomes and skipped data: stored in English, shown in the
# active language. Reasons and notes are technical and stay English (as the commands print them).
REPORT_WORDS = (
    gettext_noop("account"),
    gettext_noop("profile"),
    gettext_noop("reading"),
    gettext_noop("audit"),
    gettext_noop("learning"),
    gettext_noop("telegram"),
    gettext_noop("imported"),
    gettext_noop("matched existing"),
    gettext_noop("already imported"),
    gettext_noop("failed"),
    gettext_noop("files"),
    gettext_noop("records"),
    gettext_noop("corrupt lines"),
    gettext_noop("clear secret values"),
    gettext_noop("encrypted values no password opens"),
    gettext_noop("encrypted values the passwords open"),
    gettext_noop("truncated .tmp files"),
    gettext_noop("corrupt files"),
    gettext_noop("V2 session lists (arrays)"),
    gettext_noop("session files"),
)


def report_text(report: dict[str, Any]) -> str:
    """The report as a person reads it (the commands print it, the admin shows it)."""
    if report["execute"]:
        mode = _("IMPORTED")
    else:
        mode = _("DRY RUN — nothing was written (add --execute)")
    source = report["source"].upper()
    lines = [_("Import from %(source)s: %(mode)s") % {"source": source, "mode": mode}, ""]
    for kind, counts in report["counts"].items():
        ordered = sorted(counts.items(), key=lambda item: OUTCOMES.index(item[0]))
        parts = ", ".join(f"{n} {_(outcome)}" for outcome, n in ordered)
        lines.append(f"  {_(kind)}: {parts}")
    if report["skipped"]:
        lines += ["", _("Not imported:")]
        for name, value in report["skipped"].items():
            if isinstance(value, dict):
                value = ", ".join(f"{n} {_(what)}" for what, n in value.items())
            lines.append(f"  {_(name)}: {value}")
    if report["failures"]:
        count = len(report["failures"])
        lines += ["", _("Failed records (%(count)s):") % {"count": count}]
        for failure in report["failures"]:
            lines.append(f"  {_(failure['kind'])} {failure['record']}: {failure['reason']}")
    if report["notes"]:
        lines += ["", _("Notes:")]
        lines += [f"  {note}" for note in report["notes"]]
    return "\n".join(lines)


class _DryRun(Exception):
    pass


class Importer:
    """The import loop shared by the sources; subclasses implement `import_all()`."""

    source: str = ""

    def __init__(self, *, owner, execute: bool = False, job=None, progress: bool = False) -> None:
        self.owner = owner
        self.execute = execute
        self.job = job
        self.progress = progress
        self.report = Report(self.source, execute)
        self._known: dict[str, str] = {}

    # ---- the loop

    def run(self) -> Report:
        try:
            with transaction.atomic():
                self.load_known()
                self.import_all()
                if self.execute:
                    self.audit()
                else:
                    raise _DryRun
        except _DryRun:
            pass
        return self.report

    def import_all(self) -> None:
        raise NotImplementedError

    def audit(self) -> None:
        from nps.core import audit

        audit.record(
            f"import.{self.source}",
            actor=getattr(self.job, "created_by", None),
            details={
                "owner": str(self.owner.pk),
                "imported": {k: c[IMPORTED] for k, c in self.report.counts.items()},
                "failed": len(self.report.failures),
            },
        )

    def attempt(
        self,
        kind: str,
        key: str,
        create: Callable[[], tuple[Any, bool] | None],
        *,
        label: str | None = None,
    ) -> Any:
        """Import one record: skip it when its key is known, else `create()` it in a savepoint.

        `create` returns `(object, created)` (created False: matched to an existing object) or
        raises `RecordFailure` / `UndecryptableValue`; the record is then reported (as `label`, or
        its key) and skipped.
        """
        label = label or key
        if key in self._known:
            self.report.count(kind, ALREADY)
            return self._known[key]
        try:
            with transaction.atomic():
                result = create()
                if result is None:
                    return None
                obj, created = result
                self.remember(kind, key, obj.pk, created=created)
        except (RecordFailure, UndecryptableValue) as exc:
            self.report.fail(kind, label, str(exc))
            return None
        except (DatabaseError, ValueError, TypeError, KeyError) as exc:
            logger.info("import: %s %s refused: %s", kind, label, type(exc).__name__)
            self.report.fail(kind, label, f"refused by the database or invalid: {_reason(exc)}")
            return None
        self.report.count(kind, IMPORTED if created else MATCHED)
        return obj.pk

    # ---- source identities

    def load_known(self) -> None:
        from imports.models import ImportedRecord

        rows = ImportedRecord.objects.filter(source=self.source).values_list(
            "source_key", "object_id"
        )
        self._known = dict(rows)

    def known_id(self, key: str) -> str | None:
        return self._known.get(key)

    def remember(self, kind: str, key: str, object_id, *, created: bool = True) -> None:
        from imports.models import ImportedRecord

        ImportedRecord.objects.create(
            source=self.source,
            source_key=key,
            kind=kind,
            object_id=str(object_id),
            created=created,
            job=self.job,
        )
        self._known[key] = str(object_id)

    def bar(self, iterable: Iterable, *, total: int | None, desc: str) -> Iterable:
        if not self.progress:
            return iterable
        from tqdm import tqdm

        return tqdm(iterable, total=total, desc=desc, unit="rec", leave=True)


def index_for_search(readings: Iterable) -> None:
    """Store the history search terms of imported readings written in bulk (`bulk_create` sends
    no `post_save`, which indexes readings saved one by one): oracle's blind index."""
    from oracle.services import search_index

    for reading in readings:
        search_index.index_reading(reading)


def _reason(exc: Exception) -> str:
    # Database messages name constraints and columns, not values (`DETAIL:` lines may hold them).
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:200]


def imported_ids(source: str | None, kind: str) -> Q:
    """A filter for the imported profiles or readings (integer keys) of one source, or any."""
    from imports.models import ImportedRecord

    rows = ImportedRecord.objects.filter(kind=kind, created=True)
    if source:
        rows = rows.filter(source=source)
    ids = rows.annotate(oid=Cast("object_id", BigIntegerField())).values("oid")
    return Q(pk__in=ids)


__all__ = ["ALREADY", "FAILED", "IMPORTED", "MATCHED", "Importer", "RecordFailure", "Report"]
__all__ += ["Source", "imported_ids", "report_text"]


@dataclass(frozen=True)
class LearningState:
    """V3's learning state of an account, for the Learning app (V3 levels 1–5 by XP:
    Novice 0, Student 100, Apprentice 500, Expert 2000, Master 10000)."""

    xp: int
    level: int
    model: str
    insights: list[str]
    recommendations: list[str]
    total_learn_calls: int
    last_learn: Any


def learning_state_for(account) -> LearningState | None:
    """The V3 learning state imported for `account`, or None."""
    import json

    from imports.models import LegacyLearningState

    row = LegacyLearningState.objects.filter(account=account).first()
    if row is None:
        return None
    return LearningState(
        xp=row.xp,
        level=row.level,
        model=row.model,
        insights=json.loads(row.insights or "[]"),
        recommendations=json.loads(row.recommendations or "[]"),
        total_learn_calls=row.total_learn_calls,
        last_learn=row.last_learn,
    )


__all__ += ["LearningState", "learning_state_for"]
