from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "nps.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported for their side effects: the OpenAPI auth scheme, the receiver counting
        # failed logins per address, and the system checks.
        from nps.accounts import checks, schema, services  # noqa: F401
