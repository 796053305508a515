"""Names that explain themselves: `Profile`, `ReadingParticipant`, `Reading.profile`,
`Reading.primary_profile`, `ReadingParticipant.profile`.

State only: the tables, columns, indexes and foreign keys (with their ON DELETE rules from 0002)
keep V4's names, so the database is not touched.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ('oracle', '0002_on_delete_rules'),
        # After every core migration that still names `oracle.OracleUser`.
        ('core', '0004_audit_verbose_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RenameModel('OracleUser', 'Profile'),
                migrations.RenameModel('ReadingUser', 'ReadingParticipant'),
                migrations.RenameField('reading', 'user', 'profile'),
                migrations.RenameField('reading', 'primary_user', 'primary_profile'),
                migrations.RemoveIndex('readingparticipant', 'idx_oracle_reading_users_user'),
                migrations.RenameField('readingparticipant', 'user', 'profile'),
                migrations.AlterField(
                    model_name='readingparticipant',
                    name='pk',
                    field=models.CompositePrimaryKey(
                        'reading_id',
                        'profile_id',
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                migrations.AlterField(
                    model_name='readingparticipant',
                    name='profile',
                    field=models.ForeignKey(
                        db_column='user_id',
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name='participations',
                        to='oracle.profile',
                    ),
                ),
                migrations.AddIndex(
                    model_name='readingparticipant',
                    index=models.Index(fields=['profile'], name='idx_oracle_reading_users_user'),
                ),
            ],
        ),
    ]
