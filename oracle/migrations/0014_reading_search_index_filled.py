"""Fill the new search index of readings and drop the former one (one row per term).

In the database: the ON DELETE rule of the new table, and on PostgreSQL its GIN index over the
hashes (what `terms @> ARRAY[…]` probes; Django 5.2 cannot declare a GIN index that SQLite would
skip, so it is created here) and `STORAGE MAIN` for them: a reading's 200–350 hashes (1.6–2.8 kB)
stay in the row instead of going out of line into TOAST once past 2 kB, which made every row a
search reads cost a TOAST fetch (and the table look small to the planner): 110–140 ms over 10,000
readings instead of 10–40 ms (docs/PERFORMANCE.md). The rows are rebuilt by
`search_index.rebuild`, which reads the encrypted columns raw (`fields.load_stored`): a
migration's historical model cannot decrypt them. Separate from 0013: Django adds foreign keys
at the end of a migration. Going back recreates the former table empty (`manage.py
index_readings` of that release refills it).
"""

from django.db import migrations

from nps.core.migration_ops import on_delete_in_database

GIN = "idx_oracle_reading_search_gin"


def postgresql_layout(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE oracle_reading_search_index ALTER COLUMN terms SET STORAGE MAIN"
        )
        schema_editor.execute(
            f"CREATE INDEX {GIN} ON oracle_reading_search_index USING gin (terms)"
        )


def drop_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {GIN}")


def rebuild(apps, schema_editor):
    from oracle.services import search_index

    search_index.rebuild(
        reading_model=apps.get_model("oracle", "Reading"),
        index_model=apps.get_model("oracle", "ReadingSearchIndex"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("oracle", "0013_reading_search_index"),
    ]

    operations = [
        on_delete_in_database("oracle_reading_search_index", "reading_id", "CASCADE"),
        migrations.RunPython(postgresql_layout, drop_gin_index),
        migrations.RunPython(rebuild, migrations.RunPython.noop),
        migrations.DeleteModel(name="ReadingSearchTerm"),
    ]
