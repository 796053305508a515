"""Journal tags encrypted: the tag text in an encrypted column, its keyed hash beside it.

Filtering by a tag and counting the account's tags look the hash up (`vault.models.tag_digest`);
the text is decrypted only to show it. The tags already stored are encrypted and hashed here,
then the clear column is dropped.

A migration's historical model has django-cryptography's own encrypted field, keyed differently
from the app's: the encrypted column is written and read raw (`dump_stored` / `load_stored`).
"""

import django_cryptography.fields
from django.db import migrations, models


def _update_raw(connection, table: str, column: str, value, pk: int) -> None:
    quoted = connection.ops.quote_name(table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quoted} SET {connection.ops.quote_name(column)} = %s WHERE id = %s",
            [value, pk],
        )


def _checks_now(connection) -> None:
    """PostgreSQL refuses to alter a table whose rows this transaction updated while their
    deferred foreign-key checks are still pending: run the checks at each statement instead."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def encrypt_tags(apps, schema_editor):
    from nps.core.fields import dump_stored
    from vault.models import tag_digest

    EntryTag = apps.get_model("vault", "EntryTag")
    connection = schema_editor.connection
    _checks_now(connection)
    table = EntryTag._meta.db_table
    for pk, tag in EntryTag.objects.order_by("pk").values_list("pk", "tag").iterator():
        EntryTag.objects.filter(pk=pk).update(tag_hash=tag_digest(tag))
        _update_raw(connection, table, "sealed_tag", connection.Database.Binary(dump_stored(tag)), pk)


def decrypt_tags(apps, schema_editor):
    from nps.core.fields import UnreadableValue, load_stored

    EntryTag = apps.get_model("vault", "EntryTag")
    connection = schema_editor.connection
    _checks_now(connection)
    quoted = connection.ops.quote_name(EntryTag._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, sealed_tag FROM {quoted} WHERE sealed_tag IS NOT NULL")  # noqa: S608
        rows = cursor.fetchall()
    for pk, stored in rows:
        try:
            tag = load_stored(stored)
        except UnreadableValue:
            continue
        EntryTag.objects.filter(pk=pk).update(tag=tag)


class Migration(migrations.Migration):
    dependencies = [
        ("vault", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="entrytag", name="vault_entry_tag_unique"),
        migrations.RemoveIndex(model_name="entrytag", name="idx_vault_entry_tag"),
        migrations.AlterField(
            model_name="entrytag",
            name="tag",
            field=models.CharField(max_length=40, null=True, verbose_name="tag"),
        ),
        migrations.AddField(
            model_name="entrytag",
            name="tag_hash",
            field=models.CharField(default="", max_length=64, verbose_name="tag hash"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="entrytag",
            name="sealed_tag",
            field=django_cryptography.fields.encrypt(models.TextField(null=True, verbose_name="tag")),
        ),
        migrations.RunPython(encrypt_tags, decrypt_tags),
        migrations.RemoveField(model_name="entrytag", name="tag"),
        migrations.RenameField(model_name="entrytag", old_name="sealed_tag", new_name="tag"),
        migrations.AlterField(
            model_name="entrytag",
            name="tag",
            field=django_cryptography.fields.encrypt(models.TextField(verbose_name="tag")),
        ),
        migrations.AddConstraint(
            model_name="entrytag",
            constraint=models.UniqueConstraint(
                fields=("entry", "tag_hash"), name="vault_entry_tag_unique"
            ),
        ),
        migrations.AddIndex(
            model_name="entrytag",
            index=models.Index(fields=["tag_hash"], name="idx_vault_entry_tag"),
        ),
    ]
