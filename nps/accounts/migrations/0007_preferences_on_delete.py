"""ON DELETE rules of the preferences' foreign keys in the database (apart from 0006: Django adds
foreign keys at the end of a migration)."""

from django.db import migrations

from nps.core.migration_ops import on_delete_in_database


class Migration(migrations.Migration):
    dependencies = [
        ('accounts', '0006_preferences'),
    ]

    operations = [
        on_delete_in_database('account_preferences', 'user_id', 'CASCADE'),
        on_delete_in_database('account_preferences', 'default_profile_id', 'SET NULL'),
    ]
