"""The keyed blind index of readings: the terms that let history search encrypted texts.

When a reading is stored, `index_reading` writes the terms (`nps.core.blind_index.index_terms`)
of every text search looks in (`sealing.search_texts`: the question or name read, the sign value,
the interpretations) into `oracle_reading_search_terms`. `oracle.services.history.readings_matching`
looks them up. `rebuild` recomputes every reading's terms under the current key (after a key
rotation, or to backfill readings stored before the index existed: `manage.py index_readings`).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from nps.core import blind_index
from oracle.models import Reading, ReadingSearchTerm
from oracle.services import sealing

BATCH = 500


def terms_of(reading) -> set[str]:
    return blind_index.index_terms(*sealing.search_texts(reading))


def index_reading(reading: Reading) -> None:
    """Store the terms of a new reading (in the caller's transaction)."""
    ReadingSearchTerm.objects.bulk_create(
        ReadingSearchTerm(term=term, reading=reading) for term in terms_of(reading)
    )


def _rebuild_rows(readings: Iterable, term_model) -> int:
    count = 0
    batch: list = []
    for reading in readings:
        batch.extend(term_model(term=term, reading_id=reading.pk) for term in terms_of(reading))
        count += 1
        if len(batch) >= BATCH * 20:
            term_model.objects.bulk_create(batch, batch_size=5000)
            batch = []
    term_model.objects.bulk_create(batch, batch_size=5000)
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
