"""History search on the keyed blind index: terms written with the reading (one row each), found
without decrypting, rebuilt on demand and by the migration that introduced the row."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from nps.accounts.principal import principal_for_account
from nps.accounts.roles import Role
from nps.accounts.tests.factories import UserFactory
from nps.core import blind_index
from oracle.models import Reading, ReadingSearchIndex
from oracle.services import history, readings, search_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def principal():
    return principal_for_account(UserFactory(role=Role.USER), auth_type="jwt")


def ask(principal, question: str) -> int:
    result = readings.create_question_reading(principal=principal, question=question, use_ai=False)
    return result["reading_id"]


def found(principal, search: str) -> list[int]:
    queryset = Reading.objects.visible_to(principal)
    return list(history.readings_matching(queryset, search).values_list("pk", flat=True))


def test_a_stored_reading_is_found_by_the_beginning_of_a_word_of_its_question(principal):
    wanted = ask(principal, "Will the new job bring happiness?")
    ask(principal, "Should I move to another city?")
    assert found(principal, "HAPPI") == [wanted]
    assert found(principal, "job happiness") == [wanted]
    assert found(principal, "job city") == []


def test_persian_question_is_found_whatever_the_arabic_letter_forms(principal):
    wanted = ask(principal, "آیا کار جدید برایم خوشبختی می‌آورد؟")
    assert found(principal, "كار") == [wanted]  # Arabic kaf typed
    assert found(principal, "خوشبخت") == [wanted]


def terms(reading_id: int) -> list[int] | None:
    row = ReadingSearchIndex.objects.filter(reading_id=reading_id).first()
    return None if row is None else row.terms


def test_the_terms_hold_no_word_in_clear(principal):
    reading_id = ask(principal, "Zanzibar sunrise")
    stored = terms(reading_id)
    assert stored and all(isinstance(term, int) and -(2**63) <= term < 2**63 for term in stored)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT CAST(terms AS text) FROM oracle_reading_search_index WHERE reading_id = %s",
            [reading_id],
        )
        raw = cursor.fetchone()[0].casefold()
    assert "zanz" not in raw and "sunri" not in raw


def test_a_search_of_only_punctuation_matches_nothing_and_a_blank_one_everything(principal):
    ask(principal, "Zanzibar?")
    assert found(principal, "?!") == []
    assert len(found(principal, "  ")) == 1


def test_rebuild_recomputes_the_terms_under_a_new_key(principal, settings):
    wanted = ask(principal, "Zanzibar sunrise")
    # A rotation: the new key first, the old one still listed so the texts can be read.
    new_key = "another-key-for-the-blind-index-0123456789"
    settings.NPS_ENCRYPTION_KEY = f"{new_key},{settings.NPS_ENCRYPTION_KEY}"
    assert found(principal, "zanzibar") == []  # the old terms are under the old key
    assert search_index.rebuild() == 1
    assert found(principal, "zanzibar") == [wanted]


def test_the_rebuilder_is_registered_for_key_rotation():
    assert search_index.rebuild in blind_index.REBUILDERS


def test_index_readings_command_backfills_readings_stored_without_terms(principal, capsys):
    wanted = ask(principal, "Zanzibar sunrise")
    ReadingSearchIndex.objects.all().delete()
    assert found(principal, "zanzibar") == []
    call_command("index_readings")
    assert found(principal, "zanzibar") == [wanted]
    assert "1 readings indexed" in capsys.readouterr().out


def test_hard_deleting_a_reading_removes_its_terms(principal):
    reading_id = ask(principal, "Zanzibar sunrise")
    Reading.all_objects.get(pk=reading_id).hard_delete()
    assert terms(reading_id) is None


def test_a_reading_saved_outside_the_services_is_indexed_and_reindexed_when_its_text_changes(
    principal,
):
    row = Reading.objects.create(
        owner=principal.account, sign_type="question", sign_value="yes", question="Zanzibar?"
    )
    assert found(principal, "zanzibar") == [row.pk]
    row.question = "Lisbon?"
    row.save()
    assert found(principal, "zanzibar") == [] and found(principal, "lisbon") == [row.pk]


def test_a_favourite_or_a_soft_delete_leaves_the_terms_alone(principal):
    reading_id = ask(principal, "Zanzibar sunrise")
    before = terms(reading_id)
    ReadingSearchIndex.objects.filter(reading_id=reading_id).update(terms=[*before, 7])
    history.toggle_favorite(principal=principal, reading_id=reading_id)
    history.delete_reading(principal=principal, reading_id=reading_id)
    history.restore_reading(principal=principal, reading_id=reading_id)
    assert terms(reading_id) == sorted([*before, 7])  # not rewritten
    assert found(principal, "sunrise") == [reading_id]


def test_a_reading_of_hundreds_of_terms_keeps_them_all_in_its_row(principal):
    words = " ".join(f"word{index:04d}zz" for index in range(120))  # 820 words and prefixes
    reading_id = ask(principal, words[:1000])
    reading = Reading.objects.get(pk=reading_id)

    assert len(terms(reading_id)) > 800
    assert set(terms(reading_id)) == search_index.terms_of(reading)
    assert found(principal, "word0050zz") == [reading_id]
    assert found(principal, "word0050zz word0003") == [reading_id]
    assert found(principal, "word0050zz word9999") == []


def test_a_deleted_reading_is_rebuilt_too_and_found_once_restored(principal):
    reading_id = ask(principal, "Zanzibar sunrise")
    history.delete_reading(principal=principal, reading_id=reading_id)
    ReadingSearchIndex.objects.all().delete()
    assert search_index.rebuild() == 1
    history.restore_reading(principal=principal, reading_id=reading_id)
    assert found(principal, "zanzi") == [reading_id]


def test_the_migration_builds_the_index_of_the_readings_already_stored(principal):
    """0014 rebuilds through the raw encrypted columns, with the migration's own models."""
    wanted = ask(principal, "Zanzibar sunrise")
    persian = readings.create_question_reading(
        principal=principal, question="آیا كار جديد خوب است؟", use_ai=False
    )["reading_id"]
    ReadingSearchIndex.objects.all().delete()
    migration = importlib.import_module("oracle.migrations.0014_reading_search_index_filled")
    state = MigrationExecutor(connection).loader.project_state(
        ("oracle", "0014_reading_search_index_filled")
    )
    migration.rebuild(state.apps, None)
    assert found(principal, "zanzibar sunr") == [wanted]
    assert found(principal, "کار") == [persian]
    assert django_apps.get_model("oracle", "ReadingSearchIndex").objects.count() == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN index is PostgreSQL's")
def test_the_hashes_have_a_gin_index_and_stay_in_the_row_on_postgresql():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'oracle_reading_search_index'"
        )
        definitions = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT attstorage FROM pg_attribute "
            "WHERE attrelid = 'oracle_reading_search_index'::regclass AND attname = 'terms'"
        )
        storage = cursor.fetchone()[0]
    assert any("USING gin (terms)" in definition for definition in definitions)
    assert storage == "m"  # MAIN: in the row, not out of line in TOAST


def test_a_search_of_many_words_looks_up_only_its_eight_longest(principal):
    """66 short words used to cost PostgreSQL seconds of planning (one EXISTS per word)."""
    words = [f"w{index:02d}" for index in range(60)] + ["bloom", "garden", "will", "the", "a", "x"]
    used = blind_index.query_words(" ".join(words))
    assert len(used) == blind_index.MAX_QUERY_WORDS
    assert used[:3] == ["garden", "bloom", "will"]
    assert "a" not in used and "x" not in used
    assert blind_index.query_words("a") == ["a"]  # a one-letter search still looks its letter up
    assert len(blind_index.query_hashes(" ".join(words))) == blind_index.MAX_QUERY_WORDS
