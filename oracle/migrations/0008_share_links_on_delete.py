"""ON DELETE rules of the share links' foreign keys in the database (apart from 0007: Django adds
foreign keys at the end of a migration)."""

from django.db import migrations

from nps.core.migration_ops import on_delete_in_database


class Migration(migrations.Migration):
    dependencies = [
        ('oracle', '0007_share_links'),
    ]

    operations = [
        on_delete_in_database('oracle_share_links', 'reading_id', 'CASCADE'),
        on_delete_in_database('oracle_share_links', 'account_id', 'CASCADE'),
    ]
