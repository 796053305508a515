"""`AuditLog.profile` (was `user`): the oracle profile an entry concerns, V4's `user_id` column.

State only: the column and its foreign key (with the ON DELETE rule from 0003) are unchanged.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ('core', '0004_audit_verbose_name'),
        ('oracle', '0003_profile_names'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RenameField('auditlog', 'user', 'profile'),
                migrations.AlterField(
                    model_name='auditlog',
                    name='profile',
                    field=models.ForeignKey(
                        blank=True,
                        db_column='user_id',
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name='audit_entries',
                        to='oracle.profile',
                        verbose_name='profile',
                    ),
                ),
            ],
        ),
    ]
