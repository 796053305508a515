from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VaultConfig(AppConfig):
    name = "vault"
    verbose_name = _("Vault")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from nps.core import blind_index
        from vault.services import rebuild_note_terms, rebuild_tag_hashes

        blind_index.register_rebuilder(rebuild_note_terms)
        blind_index.register_rebuilder(rebuild_tag_hashes)
