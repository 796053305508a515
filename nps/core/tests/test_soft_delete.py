"""The soft-delete base, on a throw-away model so it is tested apart from any app."""

import pytest
from django.db import connection, models
from django.test.utils import isolate_apps

from nps.core.models import SoftDeleteModel


@pytest.fixture
def note_model(transactional_db):
    with isolate_apps("nps.core"):

        class Note(SoftDeleteModel):
            title = models.CharField(max_length=50)

            class Meta(SoftDeleteModel.Meta):
                app_label = "core"
                db_table = "test_soft_delete_note"

        with connection.schema_editor() as editor:
            editor.create_model(Note)
        yield Note
        with connection.schema_editor() as editor:
            editor.delete_model(Note)


def test_deleted_row_is_hidden_from_objects(note_model):
    kept = note_model.objects.create(title="kept")
    gone = note_model.objects.create(title="gone")
    gone.delete()
    assert list(note_model.objects.all()) == [kept]


def test_deleted_row_stays_in_all_objects(note_model):
    gone = note_model.objects.create(title="gone")
    gone.delete()
    row = note_model.all_objects.get(pk=gone.pk)
    assert row.is_deleted
    assert row.deleted_at is not None


def test_restore_brings_a_row_back(note_model):
    note = note_model.objects.create(title="back")
    note.delete()
    note.restore()
    assert note_model.objects.filter(pk=note.pk).exists()
    assert note_model.all_objects.get(pk=note.pk).deleted_at is None


def test_bulk_delete_is_soft(note_model):
    for title in ("a", "b", "c"):
        note_model.objects.create(title=title)
    count, _ = note_model.objects.filter(title__in=["a", "b"]).delete()
    assert count == 2
    assert note_model.objects.count() == 1
    assert note_model.all_objects.count() == 3
    assert note_model.all_objects.dead().count() == 2


def test_queryset_restore_revives_only_deleted_rows(note_model):
    for title in ("a", "b"):
        note_model.objects.create(title=title)
    note_model.objects.all().delete()
    assert note_model.all_objects.restore() == 2
    assert note_model.objects.count() == 2


def test_deleting_twice_keeps_the_first_deletion_time(note_model):
    note = note_model.objects.create(title="once")
    note.delete()
    first = note_model.all_objects.get(pk=note.pk).deleted_at
    note_model.all_objects.get(pk=note.pk).delete()
    assert note_model.all_objects.get(pk=note.pk).deleted_at == first


def test_hard_delete_removes_the_row(note_model):
    note = note_model.objects.create(title="erase")
    note.hard_delete()
    assert not note_model.all_objects.filter(pk=note.pk).exists()


def test_queryset_hard_delete_removes_rows(note_model):
    note_model.objects.create(title="x")
    note_model.all_objects.all().hard_delete()
    assert note_model.all_objects.count() == 0


def test_alive_filters_a_queryset_of_all_objects(note_model):
    live = note_model.objects.create(title="live")
    note_model.objects.create(title="dead").delete()
    assert list(note_model.all_objects.alive()) == [live]
