"""`manage.py deliver_daily [--at ISO-8601]`: send every daily reading due at that moment."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from delivery.services import sending


class Command(BaseCommand):
    help = (
        "Send the day's reading (e-mail, Telegram) to every account whose local hour has come, "
        "and retry failed sends that are due again. Each account, channel and local day is sent "
        "once, even when runs overlap. The beat job runs the same every few minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--at",
            help="The moment to act as if it were now, ISO-8601 with an offset "
            "(e.g. 2026-03-20T04:30:00+00:00); default now.",
        )

    def handle(self, *args, **options):
        now = timezone.now()
        if options["at"]:
            try:
                now = datetime.datetime.fromisoformat(options["at"])
            except ValueError:
                raise CommandError("--at: use ISO-8601, e.g. 2026-03-20T04:30:00+00:00") from None
            if timezone.is_naive(now):
                raise CommandError("--at: give the offset too (+00:00, Z, +03:30)")
        outcome = sending.deliver_due(now=now)
        counts = outcome.as_dict()
        self.stdout.write(" ".join(f"{name}={value}" for name, value in counts.items()))
