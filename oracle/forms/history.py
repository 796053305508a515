"""The history page's filters: search, type, profile, date range, favourites, sort."""

from collections.abc import Sequence

from django import forms
from django.utils.translation import gettext_lazy as _

from nps.core.dates import FIRST_DAY, LAST_DAY, EntryDateField
from nps.core.widgets import DualCalendarDateInput
from oracle.models import Profile, SignType

MAX_SEARCH = 200

# The stored kinds a person can filter by (a time reading is stored as V4's "reading"), named
# as their `ReadingKind`.
TYPE_CHOICES = [
    ("", _("All types")),
    *(
        (sign_type, sign_type.label)
        for sign_type in (
            SignType.READING,
            SignType.QUESTION,
            SignType.NAME,
            SignType.MULTI_USER,
            SignType.DAILY,
        )
    ),
]
SORT_CHOICES = [("newest", _("Newest first")), ("oldest", _("Oldest first"))]


class HistoryFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        max_length=MAX_SEARCH,
        required=False,
        help_text=_("Words of a question or a name; each word may be its beginning."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    type = forms.ChoiceField(label=_("Type"), choices=TYPE_CHOICES, required=False)
    profile = forms.TypedChoiceField(
        label=_("Profile"), coerce=int, empty_value=None, required=False
    )
    date_from = EntryDateField(
        label=_("From"), required=False, widget=DualCalendarDateInput(min_date=FIRST_DAY)
    )
    date_to = EntryDateField(
        label=_("To"), required=False, widget=DualCalendarDateInput(max_date=LAST_DAY)
    )
    favorites = forms.BooleanField(label=_("Favourites only"), required=False)
    sort = forms.ChoiceField(label=_("Sort"), choices=SORT_CHOICES, required=False)

    def __init__(self, *args, profiles: Sequence[Profile] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profile"].choices = [("", _("All profiles"))] + [
            (str(profile.pk), profile.name) for profile in profiles
        ]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the range is before its start."))
        return cleaned

    def service_arguments(self) -> dict:
        """What `history.list_readings` takes; an invalid field is left out (not applied)."""
        data = self.cleaned_data if self.is_bound else {}
        return {
            "search": data.get("q") or "",
            "sign_type": data.get("type") or None,
            "profile_id": data.get("profile"),
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "is_favorite": True if data.get("favorites") else None,
            "order": data.get("sort") or "newest",
        }
