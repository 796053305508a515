"""Re-encrypt every encrypted value under the current key of `NPS_ENCRYPTION_KEY`.

Rotation (docs/OPERATIONS.md): set `NPS_ENCRYPTION_KEY=NEW,OLD` everywhere and restart (the site
then reads with either key and writes with NEW), run this command, then drop OLD from the setting.

Each table is walked in primary-key order, `--batch-size` rows at a time; each batch is its own
transaction. A value already under the current key is left alone, so a re-run after an
interruption only does what is left, and at every moment every value is readable with the
configured keys (a value is either still under an old key or already under the new one). After
the values, every blind index registered with `nps.core.blind_index.register_rebuilder` is rebuilt
under the current key.
"""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from tqdm import tqdm

from nps.core import blind_index
from nps.core.fields import (
    UnreadableValue,
    configured_keys,
    decrypt_bytes,
    encrypt_bytes,
    encrypted_fields,
)


def encrypted_models() -> list:
    return [model for model in apps.get_models() if encrypted_fields(model)]


def reencrypt_batch(model, fields, after, batch_size: int) -> tuple[object, int, int, int]:
    """Re-encrypt one batch of `model`'s rows with a primary key above `after`, in one transaction.

    Returns (last primary key seen or None at the end, rows seen, values rewritten, values no
    configured key opens).
    """
    table = connection.ops.quote_name(model._meta.db_table)
    pk = connection.ops.quote_name(model._meta.pk.column)
    columns = [connection.ops.quote_name(field.column) for field in fields]
    where = f"WHERE {pk} > %s " if after is not None else ""
    select = f"SELECT {pk}, {', '.join(columns)} FROM {table} {where}ORDER BY {pk} LIMIT %s"  # noqa: S608
    params = [after] if after is not None else []
    rewritten = unreadable = 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(select, [*params, batch_size])
        rows = cursor.fetchall()
        for row in rows:
            updates = {}
            for column, stored in zip(columns, row[1:], strict=True):
                if stored is None:
                    continue
                try:
                    clear, key_index = decrypt_bytes(bytes(stored))
                except UnreadableValue:
                    unreadable += 1
                    continue
                if key_index:
                    updates[column] = encrypt_bytes(clear)
            if updates:
                assignments = ", ".join(f"{column} = %s" for column in updates)
                cursor.execute(
                    f"UPDATE {table} SET {assignments} WHERE {pk} = %s",  # noqa: S608
                    [*(connection.Database.Binary(v) for v in updates.values()), row[0]],
                )
                rewritten += len(updates)
    last = rows[-1][0] if rows else None
    return last, len(rows), rewritten, unreadable


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted value under the current (first) key of NPS_ENCRYPTION_KEY, "
        "in committed batches (safe to stop and re-run), then rebuild the search indexes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=500, help="rows per transaction (default 500)"
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="no progress bar (logs, cron jobs)"
        )

    def handle(self, *args, batch_size: int, no_progress: bool, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        keys = configured_keys()
        self.stdout.write(
            f"Re-encrypting under the current key ({len(keys) - 1} old key(s) configured)."
        )
        totals = {"rewritten": 0, "unreadable": 0}
        for model in encrypted_models():
            fields = encrypted_fields(model)
            count = model._base_manager.count()
            label = model._meta.label
            with tqdm(
                total=count, desc=label, unit="row", disable=no_progress, file=self.stderr._out
            ) as bar:
                after = None
                while True:
                    after, seen, rewritten, unreadable = reencrypt_batch(
                        model, fields, after, batch_size
                    )
                    totals["rewritten"] += rewritten
                    totals["unreadable"] += unreadable
                    bar.update(seen)
                    if seen < batch_size:
                        break
        rebuilt = 0
        for rebuild in blind_index.REBUILDERS:
            rebuilt += rebuild() or 0
        self.stdout.write(
            f"Done: {totals['rewritten']} value(s) re-encrypted, {rebuilt} search index row(s) "
            "rebuilt."
        )
        if totals["unreadable"]:
            raise CommandError(
                f"{totals['unreadable']} value(s) could not be decrypted with any configured key "
                "and were left as they are. Add the key they were written with to "
                "NPS_ENCRYPTION_KEY (after the current one) and run the command again."
            )
        self.stdout.write(
            "Every value is now under the current key: old keys can be removed from "
            "NPS_ENCRYPTION_KEY."
        )
