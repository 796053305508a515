"""import_v4 against a real V4-schema PostgreSQL database with V4-encrypted rows."""

import datetime as dt
import io
import json

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from django.db.models import QuerySet
from psycopg import sql
from psycopg.types.json import Jsonb

from imports.legacy_crypto import v4_key
from imports.models import ImportedRecord
from imports.services.v4 import V4Importer
from imports.tests.legacy import V4Crypto, tamper, v3_encrypt, v4_database
from nps.accounts.models import User
from nps.accounts.roles import Role
from nps.core.models import AuditLog
from oracle.models import Profile, Reading, ReadingParticipant
from oracle.services import sealing

KEY = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
SALT = "00112233445566778899aabbccddeeff"
V4 = V4Crypto(KEY, SALT)
CREATED = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC)

pytestmark = pytest.mark.django_db


def _insert(conn, table: str, **values) -> dict:
    query = sql.SQL("INSERT INTO {} ({}) VALUES ({}) RETURNING *").format(
        sql.Identifier(table),
        sql.SQL(", ").join(map(sql.Identifier, values)),
        sql.SQL(", ").join(sql.Placeholder() * len(values)),
    )
    return conn.execute(query, list(values.values())).fetchone()


@pytest.fixture(scope="module")
def v4_url(django_db_blocker):
    """V4 rows: ENC4 under a known key and salt, one ENC (V3 format, V4's key), PLAIN, clear
    (a V4 run without a key), one tampered value; single, name, question and group readings."""
    with django_db_blocker.unblock(), v4_database() as url:
        with psycopg.connect(url, autocommit=True, row_factory=psycopg.rows.dict_row) as conn:
            _insert(conn, "users", username="hamzeh", password_hash="$2b$12$x", role="admin")
            _insert(conn, "users", username="taken", password_hash="$2b$12$y", role="user")
            _insert(conn, "api_keys", key_hash="ab" * 32, name="old client")
            _insert(conn, "findings", address="1BoatSLRHtKNngkdXEeobR76b53LETtpyT")
            sara = _insert(
                conn,
                "oracle_users",
                name="Sara",
                name_persian="سارا",
                birthday=dt.date(1995, 7, 14),
                mother_name=V4.encrypt("Maryam مریم"),
                mother_name_persian=V4.encrypt("مریم"),
                country="Iran",
                city="Isfahan",
                coordinates="(51.6776,32.6546)",
                created_at=CREATED,
            )
            ali = _insert(
                conn,
                "oracle_users",
                name="Ali",
                birthday=dt.date(1988, 11, 2),
                mother_name="PLAIN:Zahra",
                created_at=CREATED,
            )
            clear = _insert(
                conn,
                "oracle_users",
                name="Reza",
                birthday=dt.date(1980, 1, 1),
                mother_name="Leila",  # V4 without a key stored clear text
                created_at=CREATED,
            )
            broken = _insert(
                conn,
                "oracle_users",
                name="Broken",
                birthday=dt.date(1970, 1, 1),
                mother_name=tamper(V4.encrypt("Secret")),
                created_at=CREATED,
            )
            legacy = _insert(
                conn,
                "oracle_users",
                name="Old V3",
                birthday=dt.date(1960, 5, 5),
                mother_name=_v3_with_v4_key("Parvin"),
                deleted_at=CREATED,
                created_at=CREATED,
            )
            question = _insert(
                conn,
                "oracle_readings",
                user_id=sara["id"],
                question=V4.encrypt("Will I move to Shiraz?"),
                sign_type="question",
                sign_value="yes",
                reading_result=Jsonb(
                    {
                        "question": "Will I move to Shiraz?",
                        "answer": "yes",
                        "sign_number": 7,
                        "interpretation": "Seven seeks the inner road.",
                        "confidence": 0.7,
                    }
                ),
                ai_interpretation=V4.encrypt("Seven seeks the inner road."),
                created_at=CREATED,
            )
            _insert(
                conn,
                "oracle_readings",
                question=V4.encrypt("Sara"),
                sign_type="name",
                sign_value="Sara",
                reading_result=Jsonb({"name": "Sara", "destiny_number": 5, "soul_urge": 1}),
                ai_interpretation=V4.encrypt("Five is freedom."),
                created_at=CREATED,
            )
            _insert(
                conn,
                "oracle_readings",
                user_id=broken["id"],
                question=V4.encrypt("2024-01-15T10:00:00"),
                sign_type="reading",
                sign_value="2024-01-15T10:00:00+00:00",
                reading_result=Jsonb({"summary": "A day of beginnings.", "fc60": {"cycle": 3}}),
                ai_interpretation=V4.encrypt("A day of beginnings."),
                created_at=CREATED,
            )
            _insert(
                conn,
                "oracle_readings",
                question=tamper(V4.encrypt("lost question")),
                sign_type="question",
                sign_value="no",
                created_at=CREATED,
            )
            group = _insert(
                conn,
                "oracle_readings",
                is_multi_user=True,
                primary_user_id=sara["id"],
                question="",
                sign_type="multi_user",
                sign_value="3-user analysis",
                reading_result=Jsonb({"user_count": 3, "ai_interpretation": {"text": "Harmony"}}),
                ai_interpretation=V4.encrypt(json.dumps({"text": "Harmony"})),
                individual_results=Jsonb([{"name": "Sara"}, {"name": "Ali"}, {"name": "Reza"}]),
                created_at=CREATED,
            )
            for profile, primary in ((sara, True), (ali, False), (clear, False)):
                _insert(
                    conn,
                    "oracle_reading_users",
                    reading_id=group["id"],
                    user_id=profile["id"],
                    is_primary=primary,
                )
            _insert(
                conn,
                "oracle_audit_log",
                action="oracle_reading.create",
                resource_type="oracle_reading",
                resource_id=question["id"],
                user_id=sara["id"],
                details=Jsonb({"sign_type": "question"}),
            )
            _insert(conn, "oracle_audit_log", action="oracle_user.delete", user_id=legacy["id"])
        yield url


def _v3_with_v4_key(text: str) -> str:
    """An `ENC:` value as V4 wrote it: V3's format under V4's derived key."""
    return v3_encrypt(text, key=v4_key(KEY, SALT))


@pytest.fixture
def owner(db):
    User.objects.create_user("taken", "a-long-password-1")
    return User.objects.create_user("importer", "a-long-password-2")


def run(url, owner, execute=True, key=KEY):
    return V4Importer(
        database_url=url, encryption_key=key, salt=SALT, owner=owner, execute=execute
    ).run()


def test_dry_run_reports_and_writes_nothing(v4_url, owner):
    report = run(v4_url, owner, execute=False)
    assert report.counts["profile"]["imported"] == 4
    assert report.counts["reading"]["imported"] == 4
    assert report.counts["reading"]["failed"] == 1
    assert Profile.all_objects.count() == 0
    assert Reading.all_objects.count() == 0
    assert ImportedRecord.objects.count() == 0
    assert not User.objects.filter(username="hamzeh").exists()


def test_execute_imports_decrypted_values_links_and_accounts(v4_url, owner):
    report = run(v4_url, owner)
    assert report.counts["profile"] == {"imported": 4, "failed": 1}
    failure = next(f for f in report.failures if f["kind"] == "profile")
    assert "mother_name" in failure["reason"] and "tampered" in failure["reason"]

    sara = Profile.objects.get(name="Sara")
    assert sara.owner == owner
    assert sara.mother_name == "Maryam مریم"
    assert sara.mother_name_persian == "مریم"
    assert sara.coordinates == (51.6776, 32.6546)
    assert Profile.objects.get(name="Ali").mother_name == "Zahra"  # PLAIN:
    assert Profile.objects.get(name="Reza").mother_name == "Leila"  # no key in V4: clear
    old = Profile.all_objects.get(name="Old V3")
    assert old.mother_name == "Parvin" and old.is_deleted  # ENC: with V4's key, still deleted

    question = Reading.objects.get(sign_type="question")
    assert question.profile == sara and question.created_at == CREATED
    assert question.question == "Will I move to Shiraz?"
    assert "Will I move" not in json.dumps(question.reading_result)
    assert "inner road" not in json.dumps(question.reading_result)
    response = sealing.reading_response(question)
    assert response["question"] == "Will I move to Shiraz?"
    assert response["interpretation"] == "Seven seeks the inner road."

    name = Reading.objects.get(sign_type="name")
    assert name.sign_value == "expression 5" and name.question == "Sara"
    assert sealing.reading_response(name)["interpretation"] == "Five is freedom."

    orphan = Reading.objects.get(sign_type="reading")  # its profile failed: imported unlinked
    assert orphan.profile is None and orphan.question == "2024-01-15T10:00:00"
    assert any("links" in note for note in report.notes)

    group = Reading.objects.get(sign_type="multi_user")
    assert group.primary_profile == sara and group.is_multi_user
    assert sealing.reading_response(group)["ai_interpretation"] == {"text": "Harmony"}
    assert "ai_interpretation" not in group.reading_result
    assert sealing.member_names(group) == ["Sara", "Ali", "Reza"]  # V4 kept them in clear
    assert "Sara" not in json.dumps([group.reading_result, group.individual_results])
    people = ReadingParticipant.objects.filter(reading=group)
    assert {p.profile.name: p.is_primary for p in people} == {
        "Sara": True,
        "Ali": False,
        "Reza": False,
    }

    hamzeh = User.objects.get(username="hamzeh")
    assert hamzeh.role == Role.ADMIN and not hamzeh.has_usable_password()
    assert report.counts["account"] == {"imported": 1, "matched existing": 1}
    assert User.objects.get(username="taken").check_password("a-long-password-1")
    assert "API keys (create new ones in NPS)" in report.skipped
    assert report.skipped["vault findings (Bitcoin)"] == {"records": 1}

    entry = AuditLog.objects.get(action="oracle_reading.create")
    assert entry.profile == sara and entry.resource_id == question.pk
    assert entry.details["imported_from"] == "v4"
    assert AuditLog.objects.filter(action="import.v4").count() == 1


def test_second_run_imports_nothing_twice(v4_url, owner):
    run(v4_url, owner)
    counts = (Profile.all_objects.count(), Reading.all_objects.count(), AuditLog.objects.count())
    again = run(v4_url, owner)
    assert again.imported == 0
    assert again.counts["profile"]["already imported"] == 4
    assert again.counts["reading"]["already imported"] == 4
    assert counts[:2] == (Profile.all_objects.count(), Reading.all_objects.count())
    assert AuditLog.objects.count() == counts[2] + 1  # only the second import's own entry


def test_existing_profile_is_linked_not_changed(v4_url, owner):
    mine = Profile.objects.create(
        owner=owner, name="Sara", birthday=dt.date(1995, 7, 14), mother_name="Mine"
    )
    report = run(v4_url, owner)
    assert report.counts["profile"]["matched existing"] == 1
    mine.refresh_from_db()
    assert mine.mother_name == "Mine" and mine.country is None
    assert Reading.objects.get(sign_type="question").profile == mine


def test_wrong_key_fails_only_the_encrypted_records(v4_url, owner):
    report = run(v4_url, owner, key="not-the-key")
    imported = set(Profile.all_objects.values_list("name", flat=True))
    assert imported == {"Ali", "Reza"}  # PLAIN and clear values need no key
    assert report.counts["profile"]["failed"] == 3
    reasons = [f["reason"] for f in report.failures if f["kind"] == "profile"]
    assert len(reasons) == 3 and all("wrong" in reason for reason in reasons)


def test_command_dry_run_prints_a_report(v4_url, owner):
    out = io.StringIO()
    call_command(
        "import_v4",
        "--database-url",
        v4_url,
        "--encryption-key",
        KEY,
        "--salt",
        SALT,
        "--owner",
        "importer",
        "--no-progress",
        stdout=out,
    )
    text = out.getvalue()
    assert "DRY RUN" in text and "profile: 4 imported, 1 failed" in text
    assert "record(s) to import" in text
    assert Profile.all_objects.count() == 0


def test_command_refuses_an_unreachable_database(owner):
    with pytest.raises(CommandError, match="cannot connect"):
        call_command(
            "import_v4",
            "--database-url",
            "postgresql://postgres@127.0.0.1:1/none",
            "--owner",
            "importer",
            "--no-progress",
        )


def test_a_batch_the_database_refuses_is_written_one_by_one(v4_url, owner, monkeypatch):
    """Readings go in bulk; when the database refuses a batch, only the bad reading fails."""
    real_bulk, real_save = QuerySet.bulk_create, Reading.save

    def refuse_reading_batches(self, objs, *args, **kwargs):
        if self.model is Reading:
            raise IntegrityError("batch refused")
        return real_bulk(self, objs, *args, **kwargs)

    def refuse_name_readings(self, *args, **kwargs):
        if self.sign_type == "name":
            raise IntegrityError("row refused")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "bulk_create", refuse_reading_batches)
    monkeypatch.setattr(Reading, "save", refuse_name_readings)
    report = run(v4_url, owner)
    assert report.counts["reading"] == {"imported": 3, "failed": 2}
    assert not Reading.objects.filter(sign_type="name").exists()
    group = Reading.objects.get(sign_type="multi_user")
    assert ReadingParticipant.objects.filter(reading=group).count() == 3
    assert ImportedRecord.objects.filter(kind="reading").count() == 3
