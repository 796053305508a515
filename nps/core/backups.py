"""Backups of the database with what a restore needs (`manage.py backup` / `manage.py restore`).

A backup is one tar file holding
- `database.dump`: PostgreSQL's `pg_dump --format=custom`, taken inside the same REPEATABLE READ
  snapshot the row counts are read in (`pg_dump --snapshot`), so dump and counts agree even while
  the site writes; or `database.sqlite3` for the embedded development database (SQLite's online
  backup API);
- `manifest.json`: the app version, the applied migrations, the number of rows of every table,
  the SHA-256 of the database file and the *fingerprint* of the encryption key the data was
  written with (an HMAC of the derived key: it identifies the key and reveals nothing of it).

The encryption key itself is never in a backup: keep it apart (docs/OPERATIONS.md). `restore`
refuses a backup whose key is not among the configured `NPS_ENCRYPTION_KEY` keys, checks the
file's checksum, replaces the whole database, then compares every table's row count with the
manifest.
"""

import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.db.migrations.loader import MigrationLoader

from nps.core.fields import configured_keys, current_key, key_fingerprint

FORMAT = 1
MANIFEST = "manifest.json"
PG_DUMP_FILE = "database.dump"
SQLITE_FILE = "database.sqlite3"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says what to do."""


@dataclass
class RestoreResult:
    manifest: dict
    row_counts: dict[str, int]
    key_is_current: bool
    unapplied_migrations: list[str]
    unknown_migrations: list[str]


# --- What the manifest records -------------------------------------------------------------


def applied_migrations(cursor) -> dict[str, list[str]]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    rows = cursor.fetchall()
    applied: dict[str, list[str]] = {}
    for app, name in rows:
        applied.setdefault(app, []).append(name)
    return applied


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def row_counts(cursor, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT count(*) FROM {_quote(table)}")  # noqa: S608 — introspected names
        counts[table] = cursor.fetchone()[0]
    return counts


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _base_manifest() -> dict:
    return {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "app_version": settings.NPS_VERSION,
        "encryption_key_fingerprint": key_fingerprint(current_key()),
    }


# --- PostgreSQL tools ----------------------------------------------------------------------


def _tool_major(tool: str) -> int:
    path = shutil.which(tool)
    if path is None:
        raise BackupError(
            f"{tool} is not installed. Install PostgreSQL's client tools of the server's major "
            "version (Debian: apt-get install postgresql-client)."
        )
    # The tool found on PATH, with a fixed argument.
    output = subprocess.run(  # noqa: S603
        [path, "--version"], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", output)
    if match is None:
        raise BackupError(f"Cannot tell the version of {tool} ({output.strip()!r}).")
    return int(match.group(1))


def _require_tool(tool: str, server_major: int) -> str:
    major = _tool_major(tool)
    if major < server_major:
        raise BackupError(
            f"{tool} is version {major} but the database server is PostgreSQL {server_major}: "
            f"install the client tools of version {server_major} or newer "
            f"(Debian: apt-get install postgresql-client-{server_major})."
        )
    return shutil.which(tool)


def _pg_arguments_and_env(settings_dict: dict) -> tuple[list[str], dict]:
    args = []
    if settings_dict.get("HOST"):
        args += ["--host", settings_dict["HOST"]]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", settings_dict["USER"]]
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    sslmode = (settings_dict.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = sslmode
    return [*args, "--no-password"], env


def _run(command: list[str], env: dict, what: str) -> None:
    # The arguments are the configured database settings, passed as a list (no shell).
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{what} failed: {result.stderr.strip() or result.stdout.strip()}")


# --- Backup --------------------------------------------------------------------------------


def _backup_postgresql(workdir: Path) -> dict:
    settings_dict = connection.settings_dict
    connection.ensure_connection()
    server_major = connection.pg_version // 10000
    pg_dump = _require_tool("pg_dump", server_major)
    import psycopg

    raw = connection.get_new_connection(connection.get_connection_params())
    try:
        raw.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        raw.read_only = True
        with raw.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
            tables = [name for (name,) in cursor.fetchall()]
            counts = row_counts(cursor, tables)
            migrations = applied_migrations(cursor)
        args, env = _pg_arguments_and_env(settings_dict)
        _run(
            [
                pg_dump,
                *args,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={workdir / PG_DUMP_FILE}",
                settings_dict["NAME"],
            ],
            env,
            "pg_dump",
        )
    finally:
        raw.rollback()
        raw.close()
    return {
        "database": {
            "vendor": "postgresql",
            "server_major_version": server_major,
            "file": PG_DUMP_FILE,
            "sha256": _sha256(workdir / PG_DUMP_FILE),
        },
        "migrations": migrations,
        "row_counts": counts,
    }


def _backup_sqlite(workdir: Path) -> dict:
    connection.ensure_connection()
    target_path = workdir / SQLITE_FILE
    target = sqlite3.connect(target_path)
    try:
        connection.connection.backup(target)  # a consistent copy, even while others write
        cursor = target.cursor()
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        counts = row_counts(cursor, [name for (name,) in cursor.fetchall()])
        migrations = applied_migrations(cursor)
    finally:
        target.close()
    return {
        "database": {"vendor": "sqlite", "file": SQLITE_FILE, "sha256": _sha256(target_path)},
        "migrations": migrations,
        "row_counts": counts,
    }


def backup(output: Path) -> tuple[Path, dict]:
    """Write a backup file to `output` (a file name, or an existing directory to put it in)."""
    output = Path(output)
    if output.is_dir():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        output = output / f"nps-backup-{stamp}.tar"
    if output.exists():
        raise BackupError(f"{output} exists already: choose another name.")
    with tempfile.TemporaryDirectory(prefix="nps-backup-") as tmp:
        workdir = Path(tmp)
        if connection.vendor == "postgresql":
            details = _backup_postgresql(workdir)
        elif connection.vendor == "sqlite":
            details = _backup_sqlite(workdir)
        else:
            raise BackupError(f"Backups of {connection.vendor} databases are not supported.")
        manifest = {**_base_manifest(), **details}
        (workdir / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w") as archive:
            archive.add(workdir / MANIFEST, arcname=MANIFEST)
            archive.add(workdir / details["database"]["file"], arcname=details["database"]["file"])
        partial.chmod(0o600)
        partial.rename(output)
    return output, manifest


# --- Restore -------------------------------------------------------------------------------


def read_manifest(path: Path) -> dict:
    try:
        with tarfile.open(path, "r") as archive:
            member = archive.extractfile(MANIFEST)
            if member is None:
                raise KeyError(MANIFEST)
            manifest = json.load(io.TextIOWrapper(member, encoding="utf-8"))
    except (OSError, tarfile.TarError, KeyError, ValueError) as error:
        raise BackupError(f"{path} is not an NPS backup ({type(error).__name__}).") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path} has backup format {manifest.get('format')}, not {FORMAT}.")
    return manifest


def check_key(manifest: dict) -> bool:
    """True when the backup's key is the current one, False when it is an old configured one;
    refuses a backup written with a key that is not configured at all."""
    fingerprints = [key_fingerprint(key) for key in configured_keys()]
    wanted = manifest.get("encryption_key_fingerprint")
    if wanted not in fingerprints:
        raise BackupError(
            "This backup was written with an encryption key that is not in NPS_ENCRYPTION_KEY "
            f"(its fingerprint is {wanted}; the configured keys' are {', '.join(fingerprints)}). "
            "Its encrypted fields could not be read: set the key it was made with (first, or "
            "after the current one) and run restore again."
        )
    return fingerprints.index(wanted) == 0


def _extract(path: Path, name: str, workdir: Path, sha256: str) -> Path:
    with tarfile.open(path, "r") as archive:
        archive.extract(name, workdir, filter="data")
    extracted = workdir / name
    if _sha256(extracted) != sha256:
        raise BackupError(f"{path}: the database file is damaged (its checksum does not match).")
    return extracted


def _restore_postgresql(dump: Path, manifest: dict) -> None:
    settings_dict = connection.settings_dict
    connection.ensure_connection()
    server_major = connection.pg_version // 10000
    dumped_by = manifest["database"].get("server_major_version", 0)
    pg_restore = _require_tool("pg_restore", max(server_major, dumped_by))
    connections.close_all()
    raw = connection.get_new_connection(connection.get_connection_params())
    try:
        raw.autocommit = True
        with raw.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
    finally:
        raw.close()
    args, env = _pg_arguments_and_env(settings_dict)
    _run(
        [
            pg_restore,
            *args,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={settings_dict['NAME']}",
            str(dump),
        ],
        env,
        "pg_restore",
    )


def _restore_sqlite(copy: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(copy)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    connections.close_all()


def current_row_counts() -> dict[str, int]:
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        return row_counts(cursor, tables)


# What apps keep outside the database that was counted from it (`after_restore`): forgotten once a
# restore replaced the database, whose numbers then start again.
_after_restore: list = []


def after_restore(forget) -> None:
    """``forget()`` runs after every successful restore."""
    _after_restore.append(forget)


def restore(path: Path) -> RestoreResult:
    """Replace the whole database with the backup at `path` (after every check has passed)."""
    path = Path(path)
    manifest = read_manifest(path)
    key_is_current = check_key(manifest)
    database = manifest["database"]
    if database["vendor"] != connection.vendor:
        raise BackupError(
            f"This is a {database['vendor']} backup; the configured database is "
            f"{connection.vendor}."
        )
    with tempfile.TemporaryDirectory(prefix="nps-restore-") as tmp:
        extracted = _extract(path, database["file"], Path(tmp), database["sha256"])
        if database["vendor"] == "postgresql":
            _restore_postgresql(extracted, manifest)
        else:
            _restore_sqlite(extracted)
    counts = current_row_counts()
    expected = manifest["row_counts"]
    differing = sorted(t for t in expected if counts.get(t) != expected[t])
    if differing:
        raise BackupError(
            "The restored database does not match the backup's row counts in: "
            + ", ".join(f"{t} ({counts.get(t)} instead of {expected[t]})" for t in differing)
        )
    for forget in _after_restore:
        forget()
    restored = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    return RestoreResult(
        manifest=manifest,
        row_counts=counts,
        key_is_current=key_is_current,
        unapplied_migrations=sorted(f"{a}.{n}" for a, n in known - restored),
        unknown_migrations=sorted(f"{a}.{n}" for a, n in restored - known),
    )
