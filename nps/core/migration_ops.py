"""Migration helpers for what Django 5.2 cannot declare on a model: ON DELETE rules in the database.

Django enforces `on_delete` itself; V4's schema also had the rules in PostgreSQL so that a plain SQL
`DELETE` behaves the same. `on_delete_in_database()` rewrites a foreign key created by Django with
the rule. SQLite (the embedded development database) keeps Django-side enforcement only.
"""

from django.db import migrations

RULES = {"CASCADE", "SET NULL", "RESTRICT", "NO ACTION"}

_SQL = """
DO $$
DECLARE
    fk record;
BEGIN
    SELECT con.conname, ref.relname AS ref_table, refatt.attname AS ref_column
      INTO fk
      FROM pg_constraint con
      JOIN pg_class tbl ON tbl.oid = con.conrelid
      JOIN pg_class ref ON ref.oid = con.confrelid
      JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = con.conkey[1]
      JOIN pg_attribute refatt ON refatt.attrelid = con.confrelid AND refatt.attnum = con.confkey[1]
     WHERE con.contype = 'f' AND tbl.relname = '{table}' AND att.attname = '{column}';
    IF fk IS NULL THEN
        RAISE EXCEPTION 'No foreign key on {table}.{column}';
    END IF;
    EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', '{table}', fk.conname);
    EXECUTE format(
        'ALTER TABLE %I ADD CONSTRAINT %I FOREIGN KEY (%I) REFERENCES %I (%I) {rule} '
        'DEFERRABLE INITIALLY DEFERRED',
        '{table}', fk.conname, '{column}', fk.ref_table, fk.ref_column
    );
END $$;
"""


def on_delete_in_database(table: str, column: str, rule: str) -> migrations.RunPython:
    if rule not in RULES:
        raise ValueError(f"ON DELETE rule must be one of {sorted(RULES)}")

    def rewrite(schema_editor, new_rule: str) -> None:
        if schema_editor.connection.vendor == "postgresql":
            sql = _SQL.format(table=table, column=column, rule=f"ON DELETE {new_rule}")
            # Straight to the cursor: without parameters psycopg leaves format()'s %I alone.
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(sql)

    def apply(apps, schema_editor):
        rewrite(schema_editor, rule)

    def revert(apps, schema_editor):
        rewrite(schema_editor, "NO ACTION")

    return migrations.RunPython(apply, revert, elidable=False)
