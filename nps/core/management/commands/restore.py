"""`manage.py restore PATH [--yes]`: replace the whole database with a backup."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from nps.core import backups


class Command(BaseCommand):
    help = (
        "Replace the WHOLE database with a backup made by `manage.py backup`. Refuses a backup "
        "whose encryption key is not configured in NPS_ENCRYPTION_KEY or whose file is damaged; "
        "afterwards compares every table's row count with the backup."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the backup file (nps-backup-….tar)")
        parser.add_argument(
            "--yes", action="store_true", help="do not ask before replacing the database"
        )

    def handle(self, *args, path: str, yes: bool, **options):
        try:
            manifest = backups.read_manifest(Path(path))
            backups.check_key(manifest)
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["row_counts"].values())
        self.stdout.write(
            f"Backup of {manifest['created_at']} (NPS {manifest['app_version']}, "
            f"{manifest['database']['vendor']}, {rows} rows)."
        )
        if not yes:
            answer = input("This replaces everything in the configured database. Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled; nothing was changed.")
        try:
            result = backups.restore(Path(path))
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored {len(result.row_counts)} tables; every row count matches the backup."
        )
        if not result.key_is_current:
            self.stdout.write(
                "The backup was written with an older key of NPS_ENCRYPTION_KEY: run "
                "`manage.py rotate_encryption_key` to move it to the current key."
            )
        if result.unapplied_migrations:
            self.stdout.write(
                f"This code has {len(result.unapplied_migrations)} migration(s) the backup "
                "predates: run `manage.py migrate`."
            )
        if result.unknown_migrations:
            self.stdout.write(
                self.style.WARNING(
                    "The backup comes from a newer version of NPS (migrations unknown here: "
                    + ", ".join(result.unknown_migrations)
                    + "): run that version's code on it."
                )
            )
