"""The account's history versions (`HistoryVersion`), moved by triggers: on `oracle_readings`
an added reading moves ``version``, a reading deleted or updated in a column the counts read (to
another value) moves ``version`` and ``changes``; any write of `vault_journal_entries` or
`vault_entry_tags` moves ``journal``, of `oracle_reading_feedback` ``feedback``. On PostgreSQL
PL/pgSQL functions; on SQLite (the embedded default) one trigger per event."""

from django.db import migrations, models

TABLE = "oracle_history_versions"
COUNTED_COLUMNS = ("deleted_at", "account_id", "sign_type", "created_at", "reading_result")


def bump(account: str, *columns: str, source: str = "") -> str:
    """Add 1 to ``columns`` of the account ``account`` (an SQL expression; with ``source``, a
    ``FROM … WHERE …`` that finds it), creating its row."""
    values = ", ".join("1" if name in columns else "0" for name in ("version", "changes", "journal", "feedback"))
    added = ", ".join(f"{name} = {TABLE}.{name} + 1" for name in columns)
    chosen = f"SELECT {account}, {values} {source}" if source else f"VALUES ({account}, {values})"
    return (
        f"INSERT INTO {TABLE} (account_id, version, changes, journal, feedback) {chosen} "
        f"ON CONFLICT (account_id) DO UPDATE SET {added}"
    )


READING_OF_ENTRY = "FROM oracle_readings WHERE id = {row}.reading_id AND account_id IS NOT NULL"
READING_OF_TAG = (
    "FROM vault_journal_entries JOIN oracle_readings ON oracle_readings.id = "
    "vault_journal_entries.reading_id WHERE vault_journal_entries.id = {row}.entry_id "
    "AND oracle_readings.account_id IS NOT NULL"
)


def journal_bump(row: str) -> str:
    return bump("account_id", "journal", source=READING_OF_ENTRY.format(row=row))


def tag_bump(row: str) -> str:
    return bump("oracle_readings.account_id", "journal", source=READING_OF_TAG.format(row=row))


def feedback_bump(row: str) -> str:
    return bump(f"{row}.user_id", "feedback", source=f"WHERE {row}.user_id IS NOT NULL")


def plpgsql(name: str, table: str, body_for_row, *, when: str = "") -> list[str]:
    """A trigger function running ``body_for_row('OLD')`` after an update or delete and
    ``body_for_row('NEW')`` after an insert or update, and its trigger."""
    return [
        f"""
        CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$
        BEGIN
          IF TG_OP <> 'INSERT' THEN {body_for_row("OLD")}; END IF;
          IF TG_OP <> 'DELETE' THEN {body_for_row("NEW")}; END IF;
          RETURN NULL;
        END
        $$ LANGUAGE plpgsql
        """,
        f"""
        CREATE TRIGGER {name} AFTER INSERT OR DELETE OR UPDATE ON {table}
        FOR EACH ROW {when} EXECUTE FUNCTION {name}()
        """,
    ]


POSTGRESQL_DIFFERS = " OR ".join(f"OLD.{name} IS DISTINCT FROM NEW.{name}" for name in COUNTED_COLUMNS)
POSTGRESQL = [
    f"""
    CREATE OR REPLACE FUNCTION oracle_readings_history() RETURNS trigger AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        IF NEW.account_id IS NOT NULL THEN {bump("NEW.account_id", "version")}; END IF;
        RETURN NULL;
      END IF;
      IF OLD.account_id IS NOT NULL THEN {bump("OLD.account_id", "version", "changes")}; END IF;
      IF TG_OP = 'UPDATE' AND NEW.account_id IS NOT NULL
         AND NEW.account_id IS DISTINCT FROM OLD.account_id THEN
        {bump("NEW.account_id", "version", "changes")};
      END IF;
      RETURN NULL;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER oracle_readings_history_added AFTER INSERT ON oracle_readings
    FOR EACH ROW EXECUTE FUNCTION oracle_readings_history()
    """,
    """
    CREATE TRIGGER oracle_readings_history_removed AFTER DELETE ON oracle_readings
    FOR EACH ROW EXECUTE FUNCTION oracle_readings_history()
    """,
    f"""
    CREATE TRIGGER oracle_readings_history_changed AFTER UPDATE ON oracle_readings
    FOR EACH ROW WHEN ({POSTGRESQL_DIFFERS}) EXECUTE FUNCTION oracle_readings_history()
    """,
    *plpgsql("vault_journal_entries_history", "vault_journal_entries", journal_bump),
    *plpgsql("vault_entry_tags_history", "vault_entry_tags", tag_bump),
    *plpgsql("oracle_reading_feedback_history", "oracle_reading_feedback", feedback_bump),
]
POSTGRESQL_REVERSE = [
    *(
        f"DROP TRIGGER IF EXISTS oracle_readings_history_{name} ON oracle_readings"
        for name in ("added", "removed", "changed")
    ),
    "DROP TRIGGER IF EXISTS vault_journal_entries_history ON vault_journal_entries",
    "DROP TRIGGER IF EXISTS vault_entry_tags_history ON vault_entry_tags",
    "DROP TRIGGER IF EXISTS oracle_reading_feedback_history ON oracle_reading_feedback",
    *(
        f"DROP FUNCTION IF EXISTS {name}()"
        for name in (
            "oracle_readings_history",
            "vault_journal_entries_history",
            "vault_entry_tags_history",
            "oracle_reading_feedback_history",
        )
    ),
]


def sqlite_triggers(name: str, table: str, body_for_row) -> list[str]:
    return [
        f"CREATE TRIGGER {name}_added AFTER INSERT ON {table} BEGIN {body_for_row('NEW')}; END",
        f"CREATE TRIGGER {name}_removed AFTER DELETE ON {table} BEGIN {body_for_row('OLD')}; END",
        f"CREATE TRIGGER {name}_changed AFTER UPDATE ON {table} "
        f"BEGIN {body_for_row('OLD')}; {body_for_row('NEW')}; END",
    ]


# SQLite reads `INSERT … SELECT … ON CONFLICT` only with a WHERE in the SELECT: each has one.
SQLITE_DIFFERS = " OR ".join(f"OLD.{name} IS NOT NEW.{name}" for name in COUNTED_COLUMNS)
SQLITE = [
    f"""
    CREATE TRIGGER oracle_readings_history_added AFTER INSERT ON oracle_readings
    WHEN NEW.account_id IS NOT NULL BEGIN {bump("NEW.account_id", "version")}; END
    """,
    f"""
    CREATE TRIGGER oracle_readings_history_removed AFTER DELETE ON oracle_readings
    WHEN OLD.account_id IS NOT NULL BEGIN {bump("OLD.account_id", "version", "changes")}; END
    """,
    f"""
    CREATE TRIGGER oracle_readings_history_changed AFTER UPDATE ON oracle_readings
    WHEN OLD.account_id IS NOT NULL AND ({SQLITE_DIFFERS})
    BEGIN {bump("OLD.account_id", "version", "changes")}; END
    """,
    f"""
    CREATE TRIGGER oracle_readings_history_moved_in AFTER UPDATE OF account_id ON oracle_readings
    WHEN NEW.account_id IS NOT NULL AND NEW.account_id IS NOT OLD.account_id
    BEGIN {bump("NEW.account_id", "version", "changes")}; END
    """,
    *sqlite_triggers("vault_journal_entries_history", "vault_journal_entries", journal_bump),
    *sqlite_triggers("vault_entry_tags_history", "vault_entry_tags", tag_bump),
    *sqlite_triggers("oracle_reading_feedback_history", "oracle_reading_feedback", feedback_bump),
]
SQLITE_REVERSE = [
    *(
        f"DROP TRIGGER IF EXISTS oracle_readings_history_{name}"
        for name in ("added", "removed", "changed", "moved_in")
    ),
    *(
        f"DROP TRIGGER IF EXISTS {table}_history_{event}"
        for table in ("vault_journal_entries", "vault_entry_tags", "oracle_reading_feedback")
        for event in ("added", "removed", "changed")
    ),
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("oracle", "0015_readings_owner_kind_index"),
        ("vault", "0002_entry_tags_encrypted"),
        ("learning", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoryVersion",
            fields=[
                ("account_id", models.UUIDField(primary_key=True, serialize=False)),
                ("version", models.BigIntegerField(default=0)),
                ("changes", models.BigIntegerField(default=0)),
                ("journal", models.BigIntegerField(default=0)),
                ("feedback", models.BigIntegerField(default=0)),
            ],
            options={"db_table": TABLE},
        ),
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
