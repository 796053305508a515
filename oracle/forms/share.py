"""The reading page's share form: how long the new link opens."""

from django import forms
from django.utils.translation import gettext_lazy as _

EXPIRY_CHOICES = [
    ("", _("Never expires")),
    ("1", _("1 day")),
    ("7", _("7 days")),
    ("30", _("30 days")),
    ("90", _("90 days")),
    ("365", _("1 year")),
]


class ShareForm(forms.Form):
    expires_in_days = forms.TypedChoiceField(
        label=_("The link opens for"),
        choices=EXPIRY_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )
