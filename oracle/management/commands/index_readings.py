"""`manage.py index_readings`: recompute the search terms of every reading (blind index)."""

from django.core.management.base import BaseCommand

from oracle.services import search_index


class Command(BaseCommand):
    help = (
        "Recompute the keyed search terms of every stored reading (after rotating "
        "NPS_ENCRYPTION_KEY, or for readings stored before the index existed)."
    )

    def handle(self, *args, **options) -> None:
        count = search_index.rebuild()
        self.stdout.write(f"{count} readings indexed.")
