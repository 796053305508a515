"""The keyed blind index of readings: the terms that let history search encrypted texts.

Whenever a reading is saved — by the readings service, the admin, an importer — `index_reading`
(a `post_save` receiver connected in `OracleConfig.ready`) writes the terms
(`nps.core.blind_index.index_terms`) of every text search looks in (`sealing.search_texts`: the
question or name read, the sign value, the interpretations) into `oracle_reading_search_terms`.
`oracle.services.history.readings_matching` looks them up. `rebuild` recomputes every reading's
terms under the current key (after a key rotation, or to backfill rows written by `bulk_create`
or SQL: `manage.py index_readings`).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction

from nps.core import blind_index
from oracle.models import Reading, ReadingSearchTerm
from oracle.services import sealing

BATCH = 500


def terms_of(reading) -> set[str]:
    return blind_index.index_terms(*sealing.search_texts(reading))


# A save that names only other fields (favourite, soft delete) leaves the terms alone.
TEXT_FIELDS = frozenset({"question", "sign_value", "ai_interpretation", "sign_type"})


def _insert_terms(term_model, rows: list[tuple[str, int]]) -> None:
    """Write ``(term, reading id)`` rows as multi-row `INSERT`s of plain values, 500 rows each:
    building as many model instances for `bulk_create` cost a time reading half of its CPU
    (docs/PERFORMANCE.md). ``term_model`` may be a migration's historical model."""
    table = connection.ops.quote_name(term_model._meta.db_table)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            chunk = rows[start : start + BATCH]
            placeholders = ", ".join(["(%s, %s)"] * len(chunk))
            values = [value for row in chunk for value in row]
            # Only placeholders are formatted in: the table name is the model's, the values bound.
            sql = f"INSERT INTO {table} (term, reading_id) VALUES {placeholders}"  # noqa: S608
            cursor.execute(sql, values)


def index_reading(reading: Reading) -> None:
    """(Re)write the terms of a reading (in the caller's transaction); a reading has a few
    hundred (every 3–12-letter prefix of every word of its texts)."""
    ReadingSearchTerm.objects.filter(reading_id=reading.pk).delete()
    _insert_terms(ReadingSearchTerm, [(term, reading.pk) for term in sorted(terms_of(reading))])


def on_reading_saved(sender, instance: Reading, created: bool, update_fields=None, **kwargs):
    """`post_save` receiver: a new reading, or a change of one of its texts, is (re)indexed.
    (`bulk_create` and `QuerySet.update` send no signal: `rebuild` catches such rows up.)"""
    if created or update_fields is None or TEXT_FIELDS & set(update_fields):
        index_reading(instance)


def _rebuild_rows(readings: Iterable, term_model) -> int:
    count = 0
    rows: list[tuple[str, int]] = []
    for reading in readings:
        rows.extend((term, reading.pk) for term in terms_of(reading))
        count += 1
        if len(rows) >= BATCH * 20:
            _insert_terms(term_model, rows)
            rows = []
    _insert_terms(term_model, rows)
    return count


def rebuild(*, reading_model=Reading, term_model=ReadingSearchTerm) -> int:
    """Recompute the terms of every reading, deleted ones included (they may be restored).

    Returns the number of readings indexed. The models may be a migration's historical ones.
    """
    fields = ("id", "sign_type", "sign_value", "question", "ai_interpretation")
    with transaction.atomic():
        term_model.objects.all().delete()
        readings = reading_model._base_manager.only(*fields).order_by("pk")
        return _rebuild_rows(readings.iterator(chunk_size=BATCH), term_model)
