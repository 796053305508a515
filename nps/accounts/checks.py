"""System checks of the accounts' configuration (`manage.py check`, run on start by `migrate`)."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security)
def password_reset_needs_a_mail_server(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if settings.NPS_PASSWORD_RESET_ENABLED:
        return []
    return [
        checks.Warning(
            "Password reset by e-mail is switched off: EMAIL_HOST is not set.",
            hint=(
                "Set EMAIL_HOST (and EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD) to an SMTP "
                "server; until then an administrator sets forgotten passwords in the admin "
                "console."
            ),
            id="accounts.W001",
        )
    ]
