"""ON DELETE rules in the database, so plain SQL deletes behave as Django does.

Separate from the migration that creates the tables: Django adds foreign keys at the end of a
migration, after any operation in it could rewrite them.
"""

from django.db import migrations

from nps.core.migration_ops import on_delete_in_database


class Migration(migrations.Migration):
    dependencies = [
        ('accounts', '0002_apikey'),
    ]

    operations = [
        on_delete_in_database('api_keys', 'user_id', 'CASCADE'),
    ]
