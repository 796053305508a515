"""The database itself (plain SQL, as a V4 client or a DBA would use it): defaults, CHECKs,
partial indexes and ON DELETE rules."""

import pytest
from django.db import IntegrityError, connection, transaction

from nps.accounts.tests.factories import UserFactory
from oracle.models import Profile, Reading

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="ON DELETE rules live in PostgreSQL; the SQLite development database relies on Django",
)


def sql(statement: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else None


def insert_profile(name="Hamzeh", birthday="1990-03-21", owner=None) -> int:
    owner_id = owner.pk if owner else None
    if connection.vendor == "sqlite" and owner_id is not None:
        owner_id = owner_id.hex
    return sql(
        "INSERT INTO oracle_users (name, birthday, mother_name, created_by) "
        "VALUES (%s, %s, %s, %s) RETURNING id",
        [name, birthday, b"opaque", owner_id],
    )[0][0]


def insert_reading(**columns) -> int:
    columns = {"sign_type": "time", "sign_value": "14:30", **columns}
    names = ", ".join(columns)
    marks = ", ".join(["%s"] * len(columns))
    return sql(
        f"INSERT INTO oracle_readings ({names}) VALUES ({marks}) RETURNING id",  # noqa: S608
        list(columns.values()),
    )[0][0]


def test_profile_insert_gets_database_defaults():
    profile_id = insert_profile()
    profile = Profile.objects.get(pk=profile_id)
    assert profile.created_at is not None
    assert profile.updated_at is not None
    assert profile.timezone == "UTC"
    assert profile.numerology_system == "auto"
    assert profile.deleted_at is None


def test_reading_insert_gets_database_defaults():
    reading = Reading.objects.get(pk=insert_reading())
    assert reading.is_multi_user is False
    assert reading.is_favorite is False
    assert reading.created_at is not None


def test_name_shorter_than_two_characters_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_profile(name="A")


def test_unknown_sign_type_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_reading(sign_type="tarot")


@pytest.mark.parametrize(
    "sign_type", ["time", "name", "question", "reading", "multi_user", "daily"]
)
def test_the_six_sign_types_are_accepted(sign_type):
    assert insert_reading(sign_type=sign_type)


def test_anonymous_single_and_multi_user_readings_are_allowed():
    assert insert_reading(user_id=None)
    assert insert_reading(sign_type="multi_user", is_multi_user=True, primary_user_id=None)


def test_live_name_and_birthday_are_unique_per_account():
    owner = UserFactory()
    insert_profile(owner=owner)
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_profile(owner=owner)


def test_deleted_profile_frees_its_name_and_birthday():
    owner = UserFactory()
    first = insert_profile(owner=owner)
    sql("UPDATE oracle_users SET deleted_at = CURRENT_TIMESTAMP WHERE id = %s", [first])
    assert insert_profile(owner=owner) != first


def test_partial_indexes_exist():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "oracle_users")
    assert "idx_oracle_users_active" in constraints
    assert constraints["idx_oracle_users_name_birthday_active"]["unique"] is True


@on_postgres
def test_deleting_a_profile_in_sql_cascades_to_its_readings_and_participations():
    profile = insert_profile()
    other = insert_profile(name="Sara")
    own = insert_reading(user_id=profile)
    group = insert_reading(sign_type="multi_user", is_multi_user=True, primary_user_id=profile)
    sql(
        "INSERT INTO oracle_reading_users (reading_id, user_id, is_primary) VALUES "
        "(%s, %s, true), (%s, %s, false)",
        [group, profile, group, other],
    )
    sql(
        "INSERT INTO oracle_audit_log (action, user_id) VALUES ('oracle_user.read', %s)",
        [profile],
    )
    sql("DELETE FROM oracle_users WHERE id = %s", [profile])
    assert sql("SELECT count(*) FROM oracle_readings WHERE id = %s", [own]) == [(0,)]
    assert sql("SELECT primary_user_id FROM oracle_readings WHERE id = %s", [group]) == [(None,)]
    assert sql("SELECT user_id FROM oracle_reading_users WHERE reading_id = %s", [group]) == [
        (other,)
    ]
    assert sql("SELECT user_id FROM oracle_audit_log WHERE action = 'oracle_user.read'") == [
        (None,)
    ]


@on_postgres
def test_deleting_a_reading_in_sql_removes_its_participants():
    profile = insert_profile()
    group = insert_reading(sign_type="multi_user", is_multi_user=True)
    sql("INSERT INTO oracle_reading_users (reading_id, user_id) VALUES (%s, %s)", [group, profile])
    sql("DELETE FROM oracle_readings WHERE id = %s", [group])
    assert sql("SELECT count(*) FROM oracle_reading_users") == [(0,)]


@on_postgres
def test_deleting_an_account_in_sql_keeps_its_profiles_and_drops_its_keys():
    owner = UserFactory()
    profile = insert_profile(owner=owner)
    sql(
        "INSERT INTO api_keys (user_id, key_hash, name) VALUES (%s, %s, %s)",
        [owner.pk, "0" * 64, "k"],
    )
    sql("DELETE FROM users WHERE id = %s", [owner.pk])
    assert sql("SELECT created_by FROM oracle_users WHERE id = %s", [profile]) == [(None,)]
    assert sql("SELECT count(*) FROM api_keys") == [(0,)]


def test_api_key_hash_is_unique():
    sql("INSERT INTO api_keys (key_hash, name) VALUES (%s, %s)", ["a" * 64, "one"])
    with pytest.raises(IntegrityError), transaction.atomic():
        sql("INSERT INTO api_keys (key_hash, name) VALUES (%s, %s)", ["a" * 64, "two"])


def test_api_key_insert_gets_database_defaults():
    sql("INSERT INTO api_keys (key_hash, name) VALUES (%s, %s)", ["b" * 64, "plain"])
    row = sql("SELECT id, is_active, created_at, scopes FROM api_keys WHERE name = 'plain'")[0]
    assert row[0] is not None
    assert row[1] in (True, 1)
    assert row[2] is not None
