"""Importing an NPS V4 PostgreSQL database (its tables, and its `ENC4:` encrypted columns).

Read in one read-only REPEATABLE READ transaction (a consistent snapshot; V4 is never written):

* ``users`` → accounts with the same username and role and an unusable password (the person sets
  a new one: V4's bcrypt hashes are not carried over). A username already in NPS is left alone.
* ``api_keys`` → not imported: the list is reported so that keys can be made again. V4 stored the
  same SHA-256 of the key as NPS does, so they *could* work — but V4 let any principal create a
  key with any scope it liked, keys of the legacy secret have no account, and the issue asks
  for accounts without their secrets; a key nobody re-checked must not become a credential here.
* ``oracle_users`` → profiles of ``--owner`` (deleted ones stay deleted); a live profile with the
  same name and birthday already in that account is linked to, not changed.
* ``oracle_readings`` (+ ``oracle_reading_users``) → readings of ``--owner`` with their profile
  links; V4's clear copies of sensitive texts (``reading_result``'s question, summary,
  interpretation; a name reading's ``sign_value``) go into the encrypted columns, as NPS stores
  its own readings (oracle.services.sealing).
* ``oracle_audit_log`` → audit entries, pointed at the imported profiles and readings.

``ENC4:``/``ENC:``/``PLAIN:`` values are decrypted with V4's key derivation; a V4 that ran without
a key stored clear text, which is taken as it is. The scanner and the unused vault/learning tables
are counted and skipped.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

import psycopg
from django.db import DatabaseError, transaction
from django.utils.translation import gettext_noop
from psycopg import sql
from psycopg.rows import dict_row

from imports.legacy_crypto import LegacyDecoder, UndecryptableValue, v4_key
from imports.models import ImportedRecord, Kind, Source
from imports.services import ALREADY, IMPORTED, Importer, RecordFailure, index_for_search
from nps.accounts.models import User
from nps.accounts.roles import Role
from nps.core.models import AuditLog
from oracle.models import Profile, Reading, ReadingParticipant, SignType
from oracle.services import sealing

SKIPPED_TABLES = {
    "sessions": gettext_noop("scanner sessions"),
    "findings": gettext_noop("vault findings (Bitcoin)"),
    "readings": gettext_noop("generic readings table (unused by V4)"),
    "learning_data": gettext_noop("learning data (scanner XP)"),
    "insights": gettext_noop("learning insights"),
    "oracle_suggestions": gettext_noop("oracle suggestions"),
    "health_checks": gettext_noop("health checks"),
    "audit_log": gettext_noop("generic audit log (unused by V4)"),
}
# Readings written per bulk insert.
BATCH = 500
ROLES = {Role.ADMIN: Role.ADMIN, Role.MODERATOR: Role.MODERATOR, Role.READONLY: Role.READONLY}


def connect(database_url: str) -> psycopg.Connection:
    try:
        conn = psycopg.connect(database_url, row_factory=dict_row, connect_timeout=10)
    except psycopg.Error as exc:
        raise RecordFailure(f"cannot connect to the V4 database: {_first_line(exc)}") from None
    conn.read_only = True
    conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    return conn


def _first_line(exc: Exception) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0]


def _stamp(value) -> str:
    return value.isoformat() if value is not None else "-"


class V4Importer(Importer):
    source = Source.V4

    def __init__(
        self, *, database_url: str, encryption_key: str = "", salt: str = "", **kwargs
    ) -> None:
        super().__init__(**kwargs)
        self.database_url = database_url
        keys = [v4_key(encryption_key, salt)] if encryption_key else []
        self.decoder = LegacyDecoder(v4_keys=keys)
        self.profile_ids: dict[int, int] = {}  # V4 oracle_users.id → Profile.pk
        self.reading_ids: dict[int, int] = {}  # V4 oracle_readings.id → Reading.pk

    # ---- reading V4

    def import_all(self) -> None:
        with connect(self.database_url) as conn:
            self.conn = conn
            tables = self._tables()
            if "oracle_users" not in tables or "oracle_readings" not in tables:
                raise RecordFailure("this database has no V4 oracle tables (oracle_users)")
            if "users" in tables:
                self.import_accounts()
            if "api_keys" in tables:
                self.report_api_keys()
            self.import_profiles()
            self.import_readings(with_participants="oracle_reading_users" in tables)
            if "oracle_audit_log" in tables:
                self.import_audit()
            for table, label in SKIPPED_TABLES.items():
                if table in tables:
                    rows = self._count(table)
                    if rows:
                        self.report.skipped[label] = {"records": rows}

    def _tables(self) -> set[str]:
        rows = self.conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchall()
        return {row["table_name"] for row in rows}

    def _count(self, table: str) -> int:
        query = sql.SQL("SELECT count(*) AS n FROM {}").format(sql.Identifier(table))
        return self.conn.execute(query).fetchone()["n"]

    def _rows(self, table: str, order: str):
        """Every row of a V4 table, streamed by a server-side cursor; `order` is ours (SQL)."""
        total = self._count(table)
        cursor = self.conn.cursor(name=f"nps_import_{table}")
        cursor.itersize = 2000
        query = sql.SQL("SELECT * FROM {} ORDER BY ").format(sql.Identifier(table))
        cursor.execute(query + sql.SQL(order))
        return self.bar(cursor, total=total, desc=table)

    def decode(self, row: dict, column: str) -> str | None:
        try:
            return self.decoder.decode(row.get(column))
        except ValueError as exc:
            raise RecordFailure(f"{column}: {exc}") from None

    # ---- accounts

    def import_accounts(self) -> None:
        for row in self._rows("users", "created_at NULLS FIRST, username"):
            self.attempt(Kind.ACCOUNT, f"users:{row['id']}", lambda row=row: self._account(row))

    def _account(self, row: dict):
        username = (row.get("username") or "").strip()
        existing = User.objects.filter(username=username).first()
        if existing is not None:
            return existing, False
        account = User(
            username=username,
            role=ROLES.get(row.get("role"), Role.USER),
            is_active=row.get("is_active") is not False,
        )
        if row.get("created_at") is not None:
            account.created_at = row["created_at"]
        try:
            account.full_clean(exclude=["password", "email"])
        except Exception as exc:
            raise RecordFailure(f"username not accepted: {exc}") from None
        account.set_unusable_password()  # V4's bcrypt hash is not carried over
        account.save()
        return account, True

    def report_api_keys(self) -> None:
        rows = self.conn.execute("SELECT name, is_active FROM api_keys ORDER BY name").fetchall()
        if rows:
            active = sum(1 for row in rows if row["is_active"] is not False)
            self.report.skipped[gettext_noop("API keys (create new ones in NPS)")] = (
                f"{len(rows)} ({active} active): " + ", ".join(row["name"] for row in rows)
            )

    # ---- profiles

    def import_profiles(self) -> None:
        for row in self._rows("oracle_users", "id"):
            key = f"oracle_users:{row['id']}:{_stamp(row.get('created_at'))}"
            pk = self.attempt(Kind.PROFILE, key, lambda row=row: self._profile(row))
            if pk is not None:
                self.profile_ids[row["id"]] = int(pk)

    def _profile(self, row: dict):
        mother = self.decode(row, "mother_name")
        mother_persian = self.decode(row, "mother_name_persian")
        name = (row.get("name") or "").strip()
        if len(name) < 2:
            raise RecordFailure("name shorter than 2 characters")
        if row.get("birthday") is None:
            raise RecordFailure("no birthday")
        deleted_at = row.get("deleted_at")
        if deleted_at is None:
            existing = Profile.objects.filter(
                owner=self.owner, name=name, birthday=row["birthday"]
            ).first()
            if existing is not None:
                return existing, False
        coordinates = Profile._meta.get_field("coordinates").to_python(row.get("coordinates"))
        profile = Profile(
            owner=self.owner,
            name=name,
            name_persian=row.get("name_persian") or None,
            birthday=row["birthday"],
            mother_name=mother or "",
            mother_name_persian=mother_persian or None,
            country=row.get("country") or None,
            city=row.get("city") or None,
            coordinates=coordinates,
            deleted_at=deleted_at,
        )
        if row.get("created_at") is not None:
            profile.created_at = row["created_at"]
        profile.save()
        return profile, True

    # ---- readings

    def import_readings(self, *, with_participants: bool) -> None:
        participants: dict[int, list[dict]] = defaultdict(list)
        if with_participants:
            for row in self.conn.execute("SELECT * FROM oracle_reading_users").fetchall():
                participants[row["reading_id"]].append(row)
        self.dropped_links = 0
        chunk: list[tuple[str, dict, list[dict]]] = []
        for row in self._rows("oracle_readings", "id"):
            key = f"oracle_readings:{row['id']}:{_stamp(row.get('created_at'))}"
            chunk.append((key, row, participants[row["id"]]))
            if len(chunk) >= BATCH:
                self._import_reading_batch(chunk)
                chunk = []
        self._import_reading_batch(chunk)
        if self.dropped_links:
            self.report.notes.append(
                f"{self.dropped_links} links from readings to profiles that were not imported "
                "were left out."
            )

    def _import_reading_batch(self, chunk: list[tuple[str, dict, list[dict]]]) -> None:
        """Readings are written a batch at a time (bulk inserts in one savepoint); if the
        database refuses the batch, its readings are written one by one, so only the bad one
        fails."""
        prepared = []
        for key, row, participants in chunk:
            if key in self._known:
                self.report.count(Kind.READING, ALREADY)
                continue
            try:
                prepared.append((key, row, *self._build_reading(row, participants)))
            except (RecordFailure, UndecryptableValue) as exc:
                self.report.fail(Kind.READING, key, str(exc))
        if not prepared:
            return
        try:
            with transaction.atomic():
                Reading.objects.bulk_create([reading for _, _, reading, _ in prepared])
                ReadingParticipant.objects.bulk_create(
                    [link for _, _, reading, links in prepared for link in _links(reading, links)]
                )
                ImportedRecord.objects.bulk_create(
                    [
                        ImportedRecord(
                            source=self.source,
                            source_key=key,
                            kind=Kind.READING,
                            object_id=str(reading.pk),
                            job=self.job,
                        )
                        for key, _, reading, _ in prepared
                    ]
                )
                index_for_search(reading for _, _, reading, _ in prepared)
        except DatabaseError:
            for key, row, reading, links in prepared:
                reading.pk = None
                pk = self.attempt(
                    Kind.READING,
                    key,
                    lambda reading=reading, links=links: self._save_reading(reading, links),
                )
                if pk is not None:
                    self.reading_ids[row["id"]] = int(pk)
            return
        for key, row, reading, _ in prepared:
            self._known[key] = str(reading.pk)
            self.reading_ids[row["id"]] = reading.pk
            self.report.count(Kind.READING, IMPORTED)

    def _save_reading(self, reading: Reading, links: list[tuple[int, bool, Any]]):
        reading.save(force_insert=True)
        ReadingParticipant.objects.bulk_create(_links(reading, links))
        index_for_search([reading])
        return reading, True

    def _profile_for(self, v4_id: int | None) -> int | None:
        if v4_id is None:
            return None
        pk = self.profile_ids.get(v4_id)
        if pk is None:
            self.dropped_links += 1
        return pk

    def _build_reading(
        self, row: dict, participants: list[dict]
    ) -> tuple[Reading, list[tuple[int, bool, Any]]]:
        """The reading to write (not saved) and its participants as (profile id, primary, when)."""
        sign_type = row.get("sign_type")
        if sign_type not in SignType.values:
            raise RecordFailure(f"unknown sign_type {sign_type!r}")
        question = self.decode(row, "question")
        question_persian = self.decode(row, "question_persian")
        interpretation = self.decode(row, "ai_interpretation")
        interpretation_persian = self.decode(row, "ai_interpretation_persian")
        v4_result = _json(row.get("reading_result"))
        v4_columns = {
            "individual_results": _json(row.get("individual_results")),
            "compatibility_matrix": _json(row.get("compatibility_matrix")),
            "combined_energy": _json(row.get("combined_energy")),
        }
        if sign_type == SignType.MULTI_USER and isinstance(v4_result, dict):
            # V4's group columns name the members: they become copies of the sealed clear result.
            v4_result = sealing.with_group_columns(v4_result, **v4_columns)
        clear, sealed_text, sign_value = seal_v4_reading(
            sign_type,
            v4_result,
            question=question,
            interpretation=interpretation,
            sign_value=row.get("sign_value") or "",
        )
        reading = Reading(
            owner=self.owner,
            profile_id=self._profile_for(row.get("user_id")),
            primary_profile_id=self._profile_for(row.get("primary_user_id")),
            is_multi_user=bool(row.get("is_multi_user")),
            question=question,
            question_persian=question_persian,
            sign_type=sign_type,
            sign_value=sign_value[:100],
            reading_result=clear,
            ai_interpretation=sealed_text,
            ai_interpretation_persian=interpretation_persian,
            **(sealing.group_columns(clear) if sign_type == SignType.MULTI_USER else v4_columns),
            deleted_at=row.get("deleted_at"),
        )
        if row.get("created_at") is not None:
            reading.created_at = row["created_at"]
        links = []
        for link in participants:
            profile_id = self._profile_for(link["user_id"])
            if profile_id is not None:
                links.append((profile_id, bool(link.get("is_primary")), link.get("created_at")))
        return reading, links

    # ---- audit

    def import_audit(self) -> None:
        for row in self._rows("oracle_audit_log", "id"):
            key = f"oracle_audit_log:{row['id']}:{_stamp(row.get('timestamp'))}"
            self.attempt(Kind.AUDIT, key, lambda row=row: self._audit(row))

    def _audit(self, row: dict):
        details = _json(row.get("details"))
        details = dict(details) if isinstance(details, dict) else {"v4_details": details}
        details["imported_from"] = "v4"
        resource_type, resource_id = row.get("resource_type"), row.get("resource_id")
        mapped = None
        if resource_id is not None:
            if resource_type == "oracle_user":
                mapped = self.profile_ids.get(resource_id)
            elif resource_type == "oracle_reading":
                mapped = self.reading_ids.get(resource_id)
            if mapped is None:
                details["v4_resource_id"] = resource_id
        entry = AuditLog(
            profile_id=self.profile_ids.get(row.get("user_id")),
            action=(row.get("action") or "unknown")[:100],
            resource_type=resource_type,
            resource_id=mapped,
            success=row.get("success") is not False,
            ip_address=row.get("ip_address"),
            api_key_hash=row.get("api_key_hash"),
            details=details,
        )
        if row.get("timestamp") is not None:
            entry.timestamp = row["timestamp"]
        entry.save()
        return entry, True


def _links(reading: Reading, links: list[tuple[int, bool, Any]]) -> list[ReadingParticipant]:
    return [
        ReadingParticipant(
            reading=reading,
            profile_id=profile_id,
            is_primary=primary,
            created_at=created_at or reading.created_at,
        )
        for profile_id, primary, created_at in links
    ]


def _json(value: Any) -> Any:
    """A JSONB value (a dict from psycopg), or V4's ORM's JSON text in a TEXT column."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            raise RecordFailure("a JSON column holds text that is not JSON") from None
    return value


# The response key V4 copied its encrypted interpretation column from, per kind.
_INTERPRETATION_KEY = {SignType.QUESTION: "interpretation", SignType.NAME: "interpretation"}


def seal_v4_reading(
    sign_type: str,
    reading_result: Any,
    *,
    question: str | None,
    interpretation: str | None,
    sign_value: str,
) -> tuple[dict, str | None, str]:
    """``(reading_result, ai_interpretation, sign_value)`` as NPS stores a reading of this kind.

    V4 kept clear copies of the sensitive texts in ``reading_result`` (and a name reading's name
    in ``sign_value``); they move into the encrypted ``ai_interpretation`` object, which
    ``sealing.reading_response`` merges back, so the history shows the reading as V4 did.
    """
    result = _json(reading_result)
    result = dict(result) if isinstance(result, dict) else {}
    if sign_type == SignType.MULTI_USER:
        # The members' names and the interpretation are sealed together (`sealing`); V4's text of
        # the interpretation, when it has one, is its JSON dict (or a plain text, kept as it is).
        if interpretation:
            try:
                result["ai_interpretation"] = json.loads(interpretation)
            except ValueError:
                result["ai_interpretation"] = interpretation
        sealed = sealing.seal(SignType.MULTI_USER, result)
        return sealed.reading_result, sealed.ai_interpretation, sign_value
    key = _INTERPRETATION_KEY.get(sign_type, "summary")
    if interpretation and key not in result:
        result[key] = interpretation
    extra: dict[str, Any] = {}
    if sign_type != SignType.QUESTION and "question" in result:
        extra["question"] = result.pop("question")
    if sign_type == SignType.NAME:
        asked = result.get("name") or sign_value
        if asked and asked != question:
            extra["name"] = asked
        number = result.get("destiny_number")
        if number is None and isinstance(result.get("numerology"), dict):
            number = result["numerology"].get("name_number")
        sign_value = f"expression {number}" if number is not None else "expression"
    paths = sign_type if sign_type in sealing.SEALED_PATHS else SignType.READING
    sealed = sealing.seal(paths, result)
    if not extra:
        return sealed.reading_result, sealed.ai_interpretation, sign_value
    merged = json.loads(sealed.ai_interpretation or "{}")
    merged.update(extra)
    return sealed.reading_result, json.dumps(merged, ensure_ascii=False), sign_value
