"""ON DELETE rules in the database, so plain SQL deletes behave as Django does.

Separate from the migration that creates the tables: Django adds foreign keys at the end of a
migration, after any operation in it could rewrite them.
"""

from django.db import migrations

from nps.core.migration_ops import on_delete_in_database


class Migration(migrations.Migration):
    dependencies = [
        ('core', '0002_auditlog_user'),
    ]

    operations = [
        on_delete_in_database('oracle_audit_log', 'user_id', 'SET NULL'),
        on_delete_in_database('oracle_audit_log', 'actor_user_id', 'SET NULL'),
    ]
