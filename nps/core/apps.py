from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "nps.core"
    label = "core"
    verbose_name = _("Audit")  # what the admin shows of it: the audit events
    default = True  # the app's own config (this module also holds django-axes')
    default_auto_field = "django.db.models.BigAutoField"


class LockoutConfig(AxesAppConfig):
    """django-axes (the login lockout), under a name the admin can show in both languages."""

    default = False
    verbose_name = _("Login lockouts")
