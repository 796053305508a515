"""ON DELETE rules of the delivery tables' foreign keys in the database (apart from 0001: Django
adds foreign keys at the end of a migration)."""

from django.db import migrations

from nps.core.migration_ops import on_delete_in_database


class Migration(migrations.Migration):
    dependencies = [
        ('delivery', '0001_initial'),
    ]

    operations = [
        on_delete_in_database('delivery_deliverychoice', 'account_id', 'CASCADE'),
        on_delete_in_database('delivery_telegramlink', 'account_id', 'CASCADE'),
        on_delete_in_database('delivery_linkcode', 'account_id', 'CASCADE'),
        on_delete_in_database('delivery_delivery', 'account_id', 'CASCADE'),
    ]
