"""The daily interpretation's query: which day, for which profile (daily insights are not
stored)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nps.core.dates import EntryDateField


class DailyInterpretationForm(forms.Form):
    date = EntryDateField(label=_("Date"))
    profile = forms.IntegerField(label=_("Profile"), required=False, min_value=1)
