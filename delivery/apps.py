from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    name = "delivery"
    verbose_name = _("Daily delivery")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from delivery.services.linking import rebuild_chat_digests
        from nps.core import blind_index

        # A chat is found by a keyed digest of its id: a key rotation rebuilds the digests.
        blind_index.register_rebuilder(rebuild_chat_digests)
        register_setting()


def register_setting() -> None:
    """The account's daily delivery, shown and changed with its other settings (`nps/` imports
    no app above it: nps/core/tests/test_layers.py)."""
    from delivery.services import choices
    from nps.accounts import extensions

    def update(*, principal, client_address, value) -> None:
        fields = choices.check_value(value)
        choices.update_choice(principal=principal, client_address=client_address, **fields)

    extensions.register_preference(
        choices.FIELD,
        read=lambda account: choices.as_dict(choices.choice_of(account)),
        update=update,
    )

    def email_removed(*, account, client_address) -> None:
        from delivery.services import mail

        mail.unsubscribe(account, client_address=client_address, source="e-mail address removed")

    # The daily e-mail needs an address: removing it in the settings turns the e-mail off.
    extensions.register_email_removed(email_removed)
