"""The readings' blind index as one row per reading (issue 22): the keyed hashes of its words and
their prefixes in one column (`bigint[]` on PostgreSQL), instead of one row per term. The GIN
index, the ON DELETE rule, the rebuild and the removal of the former table are in 0014."""

import django.db.models.deletion
from django.db import migrations, models

import nps.core.blind_index


class Migration(migrations.Migration):
    dependencies = [
        ("oracle", "0012_sign_type_labels"),
    ]

    operations = [
        migrations.CreateModel(
            name="ReadingSearchIndex",
            fields=[
                (
                    "reading",
                    models.OneToOneField(
                        db_column="reading_id",
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_index",
                        serialize=False,
                        to="oracle.reading",
                    ),
                ),
                ("terms", nps.core.blind_index.TermHashesField(verbose_name="terms")),
            ],
            options={
                "verbose_name": "reading search index",
                "verbose_name_plural": "reading search indexes",
                "db_table": "oracle_reading_search_index",
            },
        ),
    ]
