"""What `import_v4` and `import_v3` share: the owner, --execute, the report."""

from django.core.management.base import BaseCommand, CommandError

from imports.services import RecordFailure
from nps.accounts.models import User


class ImportCommand(BaseCommand):
    def add_common_arguments(self, parser) -> None:
        parser.add_argument(
            "--owner", required=True, help="Username of the NPS account that receives the data."
        )
        parser.add_argument(
            "--execute",
            action="store_true",
            help="Write the data. Without it the import is a dry run: a report, nothing written.",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def owner(self, username: str) -> User:
        account = User.objects.filter(username=username).first()
        if account is None:
            raise CommandError(f"No NPS account named {username!r} (create it first).")
        return account

    def run_importer(self, make) -> None:
        try:
            report = make().run()
        except RecordFailure as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(report.text())
        failed = len(report.failures)
        summary = f"{report.imported} record(s) {'imported' if report.execute else 'to import'}"
        summary += f", {failed} failed." if failed else ", none failed."
        style = self.style.WARNING if failed else self.style.SUCCESS
        self.stdout.write("")
        self.stdout.write(style(summary))
