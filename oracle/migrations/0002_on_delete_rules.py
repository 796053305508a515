"""ON DELETE rules in the database, so plain SQL deletes behave as Django does.

Separate from the migration that creates the tables: Django adds foreign keys at the end of a
migration, after any operation in it could rewrite them.
"""

from django.db import migrations

from nps.core.migration_ops import on_delete_in_database


class Migration(migrations.Migration):
    dependencies = [
        ('oracle', '0001_initial'),
    ]

    operations = [
        on_delete_in_database('oracle_users', 'created_by', 'SET NULL'),
        on_delete_in_database('oracle_readings', 'account_id', 'SET NULL'),
        on_delete_in_database('oracle_readings', 'user_id', 'CASCADE'),
        on_delete_in_database('oracle_readings', 'primary_user_id', 'SET NULL'),
        on_delete_in_database('oracle_reading_users', 'reading_id', 'CASCADE'),
        on_delete_in_database('oracle_reading_users', 'user_id', 'CASCADE'),
    ]
