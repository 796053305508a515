"""The account's reading history version (`ReadingHistoryVersion`), moved by triggers on
`oracle_readings`: an added reading moves ``version``; a reading deleted, or updated in a column
the counts read (to another value), moves ``version`` and ``changes``. On PostgreSQL one PL/pgSQL
function; on SQLite (the embedded default) one trigger each."""

from django.db import migrations, models

COUNTED_COLUMNS = ("deleted_at", "account_id", "sign_type", "created_at", "reading_result")

ADDED = (
    "INSERT INTO oracle_reading_history_versions (account_id, version, changes) "
    "VALUES ({row}.account_id, 1, 0) ON CONFLICT (account_id) DO UPDATE "
    "SET version = oracle_reading_history_versions.version + 1"
)
CHANGED = (
    "INSERT INTO oracle_reading_history_versions (account_id, version, changes) "
    "VALUES ({row}.account_id, 1, 1) ON CONFLICT (account_id) DO UPDATE "
    "SET version = oracle_reading_history_versions.version + 1, "
    "changes = oracle_reading_history_versions.changes + 1"
)

POSTGRESQL_DIFFERS = " OR ".join(f"OLD.{name} IS DISTINCT FROM NEW.{name}" for name in COUNTED_COLUMNS)
POSTGRESQL = [
    f"""
    CREATE OR REPLACE FUNCTION oracle_reading_history_moved() RETURNS trigger AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        IF NEW.account_id IS NOT NULL THEN {ADDED.format(row="NEW")}; END IF;
        RETURN NULL;
      END IF;
      IF OLD.account_id IS NOT NULL THEN {CHANGED.format(row="OLD")}; END IF;
      IF TG_OP = 'UPDATE' AND NEW.account_id IS NOT NULL
         AND NEW.account_id IS DISTINCT FROM OLD.account_id THEN
        {CHANGED.format(row="NEW")};
      END IF;
      RETURN NULL;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER oracle_readings_history_added AFTER INSERT ON oracle_readings
    FOR EACH ROW EXECUTE FUNCTION oracle_reading_history_moved()
    """,
    """
    CREATE TRIGGER oracle_readings_history_removed AFTER DELETE ON oracle_readings
    FOR EACH ROW EXECUTE FUNCTION oracle_reading_history_moved()
    """,
    f"""
    CREATE TRIGGER oracle_readings_history_changed AFTER UPDATE ON oracle_readings
    FOR EACH ROW WHEN ({POSTGRESQL_DIFFERS}) EXECUTE FUNCTION oracle_reading_history_moved()
    """,
]
POSTGRESQL_REVERSE = [
    *(
        f"DROP TRIGGER IF EXISTS oracle_readings_history_{name} ON oracle_readings"
        for name in ("added", "removed", "changed")
    ),
    "DROP FUNCTION IF EXISTS oracle_reading_history_moved()",
]

SQLITE_DIFFERS = " OR ".join(f"OLD.{name} IS NOT NEW.{name}" for name in COUNTED_COLUMNS)
SQLITE = [
    f"""
    CREATE TRIGGER oracle_readings_history_added AFTER INSERT ON oracle_readings
    WHEN NEW.account_id IS NOT NULL BEGIN {ADDED.format(row="NEW")}; END
    """,
    f"""
    CREATE TRIGGER oracle_readings_history_removed AFTER DELETE ON oracle_readings
    WHEN OLD.account_id IS NOT NULL BEGIN {CHANGED.format(row="OLD")}; END
    """,
    f"""
    CREATE TRIGGER oracle_readings_history_changed AFTER UPDATE ON oracle_readings
    WHEN OLD.account_id IS NOT NULL AND ({SQLITE_DIFFERS})
    BEGIN {CHANGED.format(row="OLD")}; END
    """,
    f"""
    CREATE TRIGGER oracle_readings_history_moved_in AFTER UPDATE OF account_id ON oracle_readings
    WHEN NEW.account_id IS NOT NULL AND NEW.account_id IS NOT OLD.account_id
    BEGIN {CHANGED.format(row="NEW")}; END
    """,
]
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS oracle_readings_history_{name}"
    for name in ("added", "removed", "changed", "moved_in")
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("oracle", "0015_readings_owner_kind_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="ReadingHistoryVersion",
            fields=[
                ("account_id", models.UUIDField(primary_key=True, serialize=False)),
                ("version", models.BigIntegerField(default=0)),
                ("changes", models.BigIntegerField(default=0)),
            ],
            options={
                "db_table": "oracle_reading_history_versions",
            },
        ),
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
