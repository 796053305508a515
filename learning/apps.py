from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = _("Learning")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from learning.services import learned_preferences
        from oracle.services import interpretation

        # The oracle's AI prompt asks for what readers' feedback favours; the oracle, below this
        # app, does not import it.
        interpretation.register_learned_preferences(learned_preferences)
