from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OracleConfig(AppConfig):
    name = "oracle"
    verbose_name = _("Oracle")
    default_auto_field = "django.db.models.BigAutoField"
