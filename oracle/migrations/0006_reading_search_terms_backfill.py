"""The search terms' ON DELETE rule in the database.

Separate from 0005: Django adds foreign keys at the end of a migration, after any operation in it
could rewrite them. (This migration also filled the terms of the readings already stored; the
index has since been redesigned, and 0014 builds it for every reading.)
"""

from django.db import migrations

from nps.core.migration_ops import on_delete_in_database


class Migration(migrations.Migration):
    dependencies = [
        ('oracle', '0005_reading_search_terms'),
    ]

    operations = [
        on_delete_in_database('oracle_reading_search_terms', 'reading_id', 'CASCADE'),
    ]
