"""`manage.py telegram_webhook --set URL` / `--delete`: where Telegram sends the bot's updates."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from delivery.services import telegram


class Command(BaseCommand):
    help = (
        "Register the bot's webhook with Telegram (with TELEGRAM_WEBHOOK_SECRET as its secret "
        "header), or remove it. URL is the public https address of /telegram/webhook."
    )

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument(
            "--set", metavar="URL", help="e.g. https://nps.example.com/telegram/webhook"
        )
        group.add_argument("--delete", action="store_true", help="stop sending updates here")

    def handle(self, *args, **options):
        if not settings.TELEGRAM_BOT_TOKEN:
            raise CommandError("TELEGRAM_BOT_TOKEN is not set: Telegram is off.")
        try:
            if options["delete"]:
                telegram.delete_webhook()
                self.stdout.write("Webhook removed.")
                return
            url = options["set"]
            if not url.startswith("https://"):
                raise CommandError("Telegram sends updates only to an https:// address.")
            if not settings.TELEGRAM_WEBHOOK_SECRET:
                raise CommandError("Set TELEGRAM_WEBHOOK_SECRET first: the webhook checks it.")
            telegram.set_webhook(url)
        except telegram.TelegramError as error:
            raise CommandError(f"Telegram refused: {error}") from None
        self.stdout.write(f"Webhook set: {url}")
