"""Journal tags are encrypted at rest: the raw `vault_entry_tags` columns hold no tag text, while
filtering by a tag and listing the account's tags still work (tracker issue 21, item 11)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from nps.accounts.roles import Role
from nps.accounts.tests.factories import UserFactory
from nps.core import blind_index
from vault import services
from vault.tests.factories import principal, question_reading

TAGS = ("Travel", "سفر شیراز")


def raw_tag_rows() -> list[tuple[bytes, str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tag, tag_hash FROM vault_entry_tags ORDER BY id")
        return [(bytes(tag), tag_hash) for tag, tag_hash in cursor.fetchall()]


def assert_no_tag_text(rows) -> None:
    assert rows
    for tag, tag_hash in rows:
        for text in ("travel", "Travel", "سفر", "شیراز"):
            assert text.encode() not in tag, f"{text!r} in clear in vault_entry_tags.tag"
            assert text not in tag_hash


@pytest.mark.django_db
def test_tags_are_stored_encrypted_and_still_filter_and_count(user):
    first, second, untagged = question_reading(user), question_reading(user), question_reading(user)
    services.update_entry(principal=principal(user), reading_id=first.pk, tags=list(TAGS))
    services.update_entry(principal=principal(user), reading_id=second.pk, tags="TRAVEL, home")
    stranger = UserFactory(role=Role.USER)
    services.update_entry(
        principal=principal(stranger), reading_id=question_reading(stranger).pk, tags="travel"
    )

    assert_no_tag_text(raw_tag_rows())
    assert services.get_entry(principal=principal(user), reading_id=first.pk).tags == [
        "travel",
        "سفر شیراز",
    ]
    found = services.list_entries(principal=principal(user), tag="Travel")
    assert sorted(entry.reading_id for entry in found.entries) == sorted([first.pk, second.pk])
    assert untagged.pk not in [entry.reading_id for entry in found.entries]
    persian = services.list_entries(principal=principal(user), tag="سفر  شیراز")
    assert [entry.reading_id for entry in persian.entries] == [first.pk]
    assert services.account_tags(principal(user)) == [("travel", 2), ("home", 1), ("سفر شیراز", 1)]
    assert services.account_tags(principal(stranger)) == [("travel", 1)]


@pytest.mark.django_db
def test_tag_hashes_are_rebuilt_for_key_rotation(user, settings):
    reading = question_reading(user)
    services.update_entry(principal=principal(user), reading_id=reading.pk, tags="travel")
    old_key = settings.NPS_ENCRYPTION_KEY
    settings.NPS_ENCRYPTION_KEY = f"a-new-encryption-key-0123456789abcdef,{old_key}"
    assert services.list_entries(principal=principal(user), tag="travel").total == 0

    assert services.rebuild_tag_hashes in blind_index.REBUILDERS
    assert services.rebuild_tag_hashes() == 1
    assert services.list_entries(principal=principal(user), tag="travel").total == 1
    assert services.account_tags(principal(user)) == [("travel", 1)]


@pytest.mark.django_db(transaction=True)
def test_migration_encrypts_the_tags_already_stored(user):
    reading = question_reading(user)
    executor = MigrationExecutor(connection)
    executor.migrate([("vault", "0001_initial")])
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO vault_journal_entries (reading_id, pinned, created_at, updated_at) "
                "VALUES (%s, false, now(), now()) RETURNING id",
                [reading.pk],
            )
            entry_id = cursor.fetchone()[0]
            for tag in ("travel", "سفر شیراز"):
                cursor.execute(
                    "INSERT INTO vault_entry_tags (entry_id, tag) VALUES (%s, %s)", [entry_id, tag]
                )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    assert_no_tag_text(raw_tag_rows())
    assert services.get_entry(principal=principal(user), reading_id=reading.pk).tags == [
        "travel",
        "سفر شیراز",
    ]
    assert services.list_entries(principal=principal(user), tag="سفر شیراز").total == 1
