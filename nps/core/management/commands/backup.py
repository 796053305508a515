"""`manage.py backup [--output PATH]`: a consistent database dump plus its manifest, in one file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from nps.core import backups


class Command(BaseCommand):
    help = (
        "Back up the database (PostgreSQL: pg_dump in one snapshot; SQLite: its backup API) with "
        "a manifest (version, migrations, row counts, encryption-key fingerprint) into one tar "
        "file. The encryption key is never in it: keep NPS_ENCRYPTION_KEY safe apart."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=".",
            help="file to write, or a directory for nps-backup-<UTC time>.tar (default: here)",
        )

    def handle(self, *args, output: str, **options):
        try:
            path, manifest = backups.backup(Path(output))
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["row_counts"].values())
        self.stdout.write(
            f"Backup written to {path} ({len(manifest['row_counts'])} tables, {rows} rows, "
            f"encryption key {manifest['encryption_key_fingerprint']})."
        )
