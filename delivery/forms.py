from django import forms
from django.utils.translation import gettext_lazy as _

from delivery.services import choices


class DailyDeliveryForm(forms.Form):
    """The settings page's daily delivery; the service checks the values again (the API's too)."""

    email = forms.BooleanField(label=_("By e-mail"), required=False)
    telegram = forms.BooleanField(label=_("By Telegram"), required=False)
    time = forms.TimeField(
        label=_("At"),
        input_formats=["%H:%M"],
        help_text=_("Your local time (the time zone of your preferences)."),
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
    )

    def __init__(self, *args, account=None, **kwargs):
        # Its own ids: the settings page also has the preferences' `email` (the address), and a
        # shared `id_email` sent the label "By e-mail" to the address field.
        kwargs.setdefault("auto_id", "id_delivery_%s")
        super().__init__(*args, **kwargs)
        self.account = account
        if not choices.email_available():
            self.fields["email"].disabled = True
            self.fields["email"].help_text = _("E-mail delivery is not available on this server.")
        elif account is not None and not account.email:
            self.fields["email"].help_text = _("Your account has no e-mail address.")
        if not choices.telegram_available():
            self.fields["telegram"].disabled = True
            self.fields["telegram"].help_text = _("Telegram is not configured on this server.")
        elif account is not None and not choices.is_linked(account):
            self.fields["telegram"].help_text = _("Link a Telegram chat below first.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("email") and self.account is not None and not self.account.email:
            self.add_error("email", _("Your account has no e-mail address."))
        if (
            cleaned.get("telegram")
            and self.account is not None
            and not choices.is_linked(self.account)
        ):
            self.add_error("telegram", _("Link a Telegram chat first."))
        return cleaned
