"""`manage.py recalculate_learning`: recompute the feedback metrics and prompt emphasis (cron)."""

from django.core.management.base import BaseCommand

from learning import services


class Command(BaseCommand):
    help = "Recompute the learning metrics and the active prompt emphasis from all feedback."

    def handle(self, *args, **options):
        stats = services.recalculate()
        self.stdout.write(
            f"Recalculated from {stats['total_feedback']} feedback entries; "
            f"active adjustments: {len(stats['active_prompt_adjustments'])}."
        )
