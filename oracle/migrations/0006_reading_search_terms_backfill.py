"""The search terms' ON DELETE rule in the database, and the terms of the readings already stored.

Separate from 0005: Django adds foreign keys at the end of a migration, after any operation in it
could rewrite them.
"""

from django.db import migrations

from nps.core.migration_ops import on_delete_in_database


def backfill(apps, schema_editor):
    from oracle.services import search_index

    search_index.rebuild(
        reading_model=apps.get_model('oracle', 'Reading'),
        term_model=apps.get_model('oracle', 'ReadingSearchTerm'),
    )


class Migration(migrations.Migration):
    dependencies = [
        ('oracle', '0005_reading_search_terms'),
    ]

    operations = [
        on_delete_in_database('oracle_reading_search_terms', 'reading_id', 'CASCADE'),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
