"""`manage.py import_v3`: readings, learning state and Telegram chat id of a V3 `nps` folder."""

from pathlib import Path

from django.core.management.base import CommandError, no_translations

from imports.management.commands._common import ImportCommand
from imports.services.v3 import V3Importer
from nps.core.validators import validate_timezone_name


class Command(ImportCommand):
    help = (
        "Import a V3 desktop installation's folder (data/oracle_readings.json, the learning "
        "state, config.json's Telegram chat id; Bitcoin artefacts are counted and skipped). "
        "A dry run unless --execute. See docs/MIGRATION.md."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--path", required=True, help="The V3 `nps` folder (holding data/).")
        parser.add_argument(
            "--password",
            action="append",
            default=[],
            help="A V3 master password (repeat for each one ever used).",
        )
        parser.add_argument(
            "--password-file",
            help="A file with one V3 master password per line (kept out of the shell history).",
        )
        parser.add_argument(
            "--salt-file",
            action="append",
            default=[],
            help="An old data/.vault_salt (repeatable: V3 replaced it on a new password).",
        )
        parser.add_argument(
            "--timezone",
            default="UTC",
            help="Where V3 ran: its timestamps carry no zone (IANA name, e.g. Asia/Tehran).",
        )
        self.add_common_arguments(parser)

    @no_translations  # the report in English, whatever the shell's locale
    def handle(self, *args, **options) -> None:
        owner = self.owner(options["owner"])
        try:
            validate_timezone_name(options["timezone"])
        except Exception:
            raise CommandError(f"Unknown time zone {options['timezone']!r}.") from None
        passwords = list(options["password"])
        if options["password_file"]:
            text = Path(options["password_file"]).read_text(encoding="utf-8")
            passwords += [line.rstrip("\r\n") for line in text.splitlines() if line.strip()]
        self.run_importer(
            lambda: V3Importer(
                path=Path(options["path"]),
                passwords=passwords,
                salt_files=[Path(p) for p in options["salt_file"]],
                tz=options["timezone"],
                owner=owner,
                execute=options["execute"],
                progress=not options["no_progress"],
            )
        )
