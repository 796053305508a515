"""The keyed blind index of readings: the terms that let history search encrypted texts.

Whenever a reading is saved — by the readings service, the admin, an importer — `index_reading`
(a `post_save` receiver connected in `OracleConfig.ready`) writes one row of
`oracle_reading_search_index`: the 64-bit keyed hashes (`nps.core.blind_index.index_hashes`) of
every word, and every 3–12-letter prefix of it, of the texts search looks in
(`sealing.search_texts`: the question or name read, the sign value, the interpretations — names
typed into a group reading included). `oracle.services.history.readings_matching` looks them up.
`rebuild` recomputes every reading's row under the current key (after a key rotation, or to
backfill rows written by `bulk_create` or SQL: `manage.py index_readings`).
"""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

from django.db import connection, transaction

from nps.core import blind_index
from nps.core.fields import UnreadableValue, load_stored
from oracle.models import Reading, ReadingSearchIndex
from oracle.services import sealing

BATCH = 500


def terms_of(reading) -> set[int]:
    """The hashes to store for ``reading`` (anything with `sign_type`, `sign_value`, `question`
    and `ai_interpretation`, decrypted)."""
    return blind_index.index_hashes(*sealing.search_texts(reading))


# A save that names only other fields (favourite, soft delete) leaves the terms alone.
TEXT_FIELDS = frozenset({"question", "sign_value", "ai_interpretation", "sign_type"})


def _write(index_model, rows: list) -> None:
    """Insert or replace the index rows (one statement per `BATCH` rows): ``index_model`` may be a
    migration's historical model."""
    index_model._base_manager.bulk_create(
        rows,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["reading"],
        update_fields=["terms"],
    )


def index_reading(reading: Reading) -> None:
    """(Re)write the index row of a reading (in the caller's transaction): one statement."""
    _write(ReadingSearchIndex, [ReadingSearchIndex(reading_id=reading.pk, terms=terms_of(reading))])


def on_reading_saved(sender, instance: Reading, created: bool, update_fields=None, **kwargs):
    """`post_save` receiver: a new reading, or a change of one of its texts, is (re)indexed.
    (`bulk_create` and `QuerySet.update` send no signal: `rebuild` catches such rows up.)"""
    if created or update_fields is None or TEXT_FIELDS & set(update_fields):
        index_reading(instance)


def _opened(stored) -> str | None:
    """An encrypted column's raw value, decrypted with whichever configured key opens it (None
    when none does, as the model's field reads it)."""
    if stored is None:
        return None
    try:
        value = load_stored(stored)
    except UnreadableValue:
        return None
    return value if isinstance(value, str) else None


def _stored_readings(table: str) -> Iterator[SimpleNamespace]:
    """Every row of the readings table, deleted ones included, its texts decrypted from the raw
    columns: a migration's historical model cannot decrypt them (its encrypted field is
    django-cryptography's own), so the app and the migrations read them the same way."""
    quoted = connection.ops.quote_name(table)
    # Only the table name is formatted in (the model's); the values are bound.
    sql = (
        "SELECT id, sign_type, sign_value, question, ai_interpretation "  # noqa: S608
        f"FROM {quoted} WHERE id > %s ORDER BY id LIMIT {BATCH}"
    )
    last = 0
    while True:
        with connection.cursor() as cursor:
            cursor.execute(sql, [last])
            rows = cursor.fetchall()
        if not rows:
            return
        for pk, sign_type, sign_value, question, interpretation in rows:
            yield SimpleNamespace(
                pk=pk,
                sign_type=sign_type,
                sign_value=sign_value,
                question=_opened(question),
                ai_interpretation=_opened(interpretation),
            )
        last = rows[-1][0]


def rebuild(*, reading_model=Reading, index_model=ReadingSearchIndex) -> int:
    """Recompute the index row of every reading, deleted ones included (they may be restored).

    Returns the number of readings indexed. The models may be a migration's historical ones.
    """
    count = 0
    with transaction.atomic():
        index_model._base_manager.all().delete()
        rows = []
        for reading in _stored_readings(reading_model._meta.db_table):
            rows.append(index_model(reading_id=reading.pk, terms=terms_of(reading)))
            if len(rows) == BATCH:
                _write(index_model, rows)
                count, rows = count + len(rows), []
        _write(index_model, rows)
        if connection.vendor == "postgresql":  # the planner's statistics of the new rows
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(index_model._meta.db_table)}")
    return count + len(rows)
