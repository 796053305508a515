"""`manage.py import_v4`: profiles, readings, links, audit log and accounts of a V4 database."""

import os

from django.core.management.base import no_translations

from imports.management.commands._common import ImportCommand
from imports.services.v4 import V4Importer


class Command(ImportCommand):
    help = (
        "Import an NPS V4 PostgreSQL database (oracle_users, oracle_readings, "
        "oracle_reading_users, oracle_audit_log; users as accounts that must set a new "
        "password). A dry run unless --execute. See docs/MIGRATION.md."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--database-url", required=True, help="postgres://user:password@host:5432/nps (V4)"
        )
        parser.add_argument(
            "--encryption-key",
            default=os.environ.get("V4_ENCRYPTION_KEY", ""),
            help="V4's NPS_ENCRYPTION_KEY (or set V4_ENCRYPTION_KEY). Empty: V4 ran without one.",
        )
        parser.add_argument(
            "--salt",
            default=os.environ.get("V4_ENCRYPTION_SALT", ""),
            help="V4's NPS_ENCRYPTION_SALT (or set V4_ENCRYPTION_SALT); empty: V4's default.",
        )
        self.add_common_arguments(parser)

    @no_translations  # the report in English, whatever the shell's locale
    def handle(self, *args, **options) -> None:
        owner = self.owner(options["owner"])
        self.run_importer(
            lambda: V4Importer(
                database_url=options["database_url"],
                encryption_key=options["encryption_key"],
                salt=options["salt"],
                owner=owner,
                execute=options["execute"],
                progress=not options["no_progress"],
            )
        )
