"""The Vault page's forms: the filters, an entry's note and tags, its outcome.

Each entry's forms carry the reading id as their prefix, so every card's fields have ids (and
labels) of their own.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nps.core.widgets import DualCalendarDateInput
from oracle.models import ReadingKind
from vault.models import Outcome
from vault.services import NOTE_MAX, TAG_MAX, TAGS_PER_ENTRY


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Type"), required=False)
    tag = forms.ChoiceField(label=_("Tag"), required=False)
    profile = forms.ChoiceField(label=_("Profile"), required=False)
    month = forms.ChoiceField(label=_("Month"), required=False)
    pinned = forms.BooleanField(label=_("Pinned only"), required=False)

    def __init__(self, *args, tags=(), profiles=(), months=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            {"type": "search", "placeholder": _("Notes, questions, names")}
        )
        self.fields["kind"].choices = [("", _("All types")), *ReadingKind.choices]
        self.fields["tag"].choices = [("", _("All tags")), *((tag, tag) for tag in tags)]
        self.fields["profile"].choices = [
            ("", _("All profiles")),
            *((str(profile.pk), profile.name) for profile in profiles),
        ]
        self.fields["month"].choices = [("", _("All months")), *months]


class EntryForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Private: only you can read it; it is stored encrypted."),
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=TAGS_PER_ENTRY * (TAG_MAX + 2),
        help_text=_("Separated by commas, e.g. work, family."),
    )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What happened?"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    outcome_on = forms.DateField(
        label=_("When"),
        required=False,
        widget=DualCalendarDateInput(max_date=timezone.localdate),
        help_text=_("Today when left empty."),
    )
    outcome_note = forms.CharField(
        label=_("Note on the outcome"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
