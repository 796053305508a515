"""The consultation page's forms: one per reading type, checking shape only (the services decide).

Every form carries the chosen profile (or none) and a one-time ``token``: the view lets one
submission per token store a reading, so a double click or a resent plain POST stores it once.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from collections.abc import Sequence

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nps.core.dates import FIRST_DAY, LAST_DAY, EntryDateField
from nps.core.validators import validate_timezone_name
from nps.core.widgets import DualCalendarDateInput, TimeZoneSelect
from oracle.models import NumerologySystem, Profile
from oracle.services.readings import MAX_NAME_LENGTH, MAX_QUESTION_LENGTH, MultiUserMember

MIN_GROUP = 2
MAX_GROUP = 10


QUESTION_CATEGORIES = {
    "love": _("Love and relationships"),
    "career": _("Work and career"),
    "money": _("Money"),
    "health": _("Health"),
    "family": _("Family"),
    "spiritual": _("Spiritual path"),
}


def profile_choices(profiles: Sequence[Profile]) -> list[tuple[str, str]]:
    return [("", _("No profile"))] + [(str(profile.pk), profile.name) for profile in profiles]


def now_in(zone_name: str) -> dt.datetime:
    return timezone.now().astimezone(zoneinfo.ZoneInfo(zone_name))


class ConsultForm(forms.Form):
    """What every reading form has: the profile read for and the one-time token."""

    reading_type: str = ""
    token = forms.CharField(widget=forms.HiddenInput)
    profile = forms.TypedChoiceField(
        label=_("Profile"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("The person the reading is for; their birth date gives the personal numbers."),
    )

    def __init__(
        self,
        *args,
        profiles: Sequence[Profile] = (),
        default_system: str = NumerologySystem.AUTO,
        default_zone: str = "",
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.profiles = {profile.pk: profile for profile in profiles}
        # The account's default numerology system and time zone (settings page), for forms that
        # choose one.
        self.default_system = default_system
        self.default_zone = default_zone
        self.fields["profile"].choices = profile_choices(profiles)
        # Choosing a profile reloads the form with its defaults (its zone, its names) under htmx;
        # without JavaScript the reading uses the chosen profile's zone all the same.
        self.fields["profile"].widget.attrs.update(
            {
                "hx-post": f"{reverse('oracle:consult')}?type={self.reading_type}",
                "hx-trigger": "change",
                "hx-target": "#consult-work",
                "hx-swap": "outerHTML",
                "hx-include": "closest form",
                "hx-vals": '{"refresh": "1"}',
                "hx-params": "not token",
            }
        )
        if not self.is_bound and not self.initial.get("token"):
            self.initial["token"] = uuid.uuid4().hex

    @property
    def zone(self) -> str:
        """The zone the form starts in: the chosen profile's, else the account's default, else
        "" (UTC)."""
        profile = self.chosen_profile
        return (profile.timezone if profile else "") or self.default_zone

    @property
    def chosen_profile(self) -> Profile | None:
        """The profile picked in the data (bound) or the initial values (unbound), if any."""
        raw = self.data.get("profile") if self.is_bound else self.initial.get("profile")
        try:
            return self.profiles.get(int(raw))
        except (TypeError, ValueError):
            return None

    def clean_token(self) -> str:
        token = self.cleaned_data["token"]
        try:
            return uuid.UUID(token).hex
        except ValueError:
            raise forms.ValidationError(_("The form expired: reload the page.")) from None


class TimeReadingForm(ConsultForm):
    reading_type = "time"

    use_now = forms.BooleanField(
        label=_("Use the current time"),
        required=False,
        help_text=_("Read the moment you press the button, whatever the date and time say."),
    )
    date = EntryDateField(
        label=_("Date"),
        required=False,
        widget=DualCalendarDateInput(min_date=FIRST_DAY, max_date=LAST_DAY),
    )
    time = forms.TimeField(
        label=_("Time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    timezone = forms.CharField(
        label=_("Time zone"),
        max_length=64,
        required=False,
        validators=[validate_timezone_name],
        help_text=_("Type a city's first letters to find its zone."),
        widget=TimeZoneSelect(blank_label=_("The profile's time zone (UTC without a profile)")),
    )

    field_order = ("profile", "date", "time", "timezone", "use_now")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            zone = self.zone
            now = now_in(zone or "UTC")
            self.initial.setdefault("date", now.date())
            self.initial.setdefault("time", now.time().replace(second=0, microsecond=0))
            self.initial["timezone"] = zone
        self.fields["timezone"].widget.attrs["placeholder"] = "UTC"

    def clean(self):
        data = super().clean()
        if not data.get("use_now"):
            if data.get("date") is None and "date" not in self.errors:
                self.add_error("date", _("Enter a date, or tick “Use the current time”."))
            if data.get("time") is None and "time" not in self.errors:
                self.add_error("time", _("Enter a time, or tick “Use the current time”."))
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        moment = None
        if not data["use_now"]:
            moment = dt.datetime.combine(data["date"], data["time"]).isoformat(timespec="minutes")
        return {
            "datetime_text": moment,
            "timezone_name": data["timezone"] or None,
            "profile_id": data["profile"],
        }


class NameReadingForm(ConsultForm):
    reading_type = "name"

    name = forms.CharField(
        label=_("Name"),
        max_length=MAX_NAME_LENGTH,
        help_text=_("In Latin or Persian letters; the profile's names are offered."),
        error_messages={"required": _("Enter a name to read.")},
        widget=forms.TextInput(attrs={"dir": "auto", "list": "name-suggestions"}),
    )
    numerology_system = forms.ChoiceField(
        label=_("Numerology system"),
        choices=NumerologySystem.choices,
        initial=NumerologySystem.AUTO,
        help_text=_(
            "Automatic reads Persian script with Abjad and Latin letters with Pythagorean."
        ),
    )

    field_order = ("profile", "name", "numerology_system")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        profile = self.chosen_profile
        if not self.is_bound and profile is not None:
            self.initial.setdefault("name", profile.name_persian or profile.name)
        if not self.is_bound:
            # The profile's own system when it has one, else the account's default.
            own = profile.numerology_system if profile is not None else NumerologySystem.AUTO
            chosen = own if own != NumerologySystem.AUTO else self.default_system
            if chosen not in NumerologySystem.values:
                chosen = NumerologySystem.AUTO
            self.initial.setdefault("numerology_system", chosen)

    @property
    def name_suggestions(self) -> list[str]:
        profile = self.chosen_profile
        if profile is None:
            return []
        return [name for name in (profile.name, profile.name_persian) if name]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        # The system shown is the system used: "automatic" too, whatever the profile's or the
        # account's default (both were offered as the form's initial choice).
        return {
            "name": data["name"],
            "numerology_system": data["numerology_system"],
            "profile_id": data["profile"],
        }


class QuestionReadingForm(ConsultForm):
    reading_type = "question"

    question = forms.CharField(
        label=_("Your question"),
        max_length=MAX_QUESTION_LENGTH,
        help_text=_("A question the oracle can answer with yes, no or maybe."),
        error_messages={
            "required": _("Write your question first: it is empty."),
            "max_length": _(
                "Your question is too long: at most %(limit_value)d characters, "
                "and it has %(show_value)d."
            ),
        },
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto", "data-counter": "question"}),
    )

    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("Any")), *QUESTION_CATEGORIES.items()],
        help_text=_("Optional: what the question is about."),
    )

    field_order = ("profile", "question", "category")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The counter shows the limit; the server's message explains it when it is passed.
        self.fields["question"].widget.attrs.pop("maxlength", None)
        self.fields["question"].widget.attrs["data-limit"] = MAX_QUESTION_LENGTH

    def service_arguments(self) -> dict:
        return {
            "question": self.cleaned_data["question"],
            "category": self.cleaned_data["category"] or None,
            "profile_id": self.cleaned_data["profile"],
        }


class DailyReadingForm(ConsultForm):
    reading_type = "daily"

    date = EntryDateField(
        label=_("Day"),
        widget=DualCalendarDateInput(min_date=FIRST_DAY, max_date=LAST_DAY),
        error_messages={"required": _("Choose the day to read.")},
    )

    field_order = ("profile", "date")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("date", now_in(self.zone or "UTC").date())

    def service_arguments(self) -> dict:
        return {
            "date_text": self.cleaned_data["date"].isoformat(),
            "profile_id": self.cleaned_data["profile"],
        }


class GroupReadingForm(ConsultForm):
    reading_type = "multi"

    members = forms.TypedMultipleChoiceField(
        label=_("People"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple(attrs={"data-group-limit": MAX_GROUP}),
        help_text=_(
            "Choose 2 to 10 profiles; the first of them in the list is the primary person."
        ),
        error_messages={"required": _("Choose at least 2 profiles for a group reading.")},
    )

    field_order = ("members",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["profile"]
        self.fields["members"].choices = [
            (profile.pk, profile.name) for profile in self.profiles.values()
        ]

    def clean_members(self) -> list[int]:
        members = list(dict.fromkeys(self.cleaned_data["members"]))
        if len(members) < MIN_GROUP:
            raise forms.ValidationError(_("Choose at least 2 profiles for a group reading."))
        if len(members) > MAX_GROUP:
            raise forms.ValidationError(
                _("A group reading takes at most 10 people; you chose %(count)d."),
                params={"count": len(members)},
            )
        return members

    def service_arguments(self) -> dict:
        people = [self.profiles[pk] for pk in self.cleaned_data["members"]]
        return {
            "users": [
                MultiUserMember(
                    name=person.name,
                    birth_year=person.birthday.year,
                    birth_month=person.birthday.month,
                    birth_day=person.birthday.day,
                    profile_id=person.pk,
                )
                for person in people
            ],
            "primary_user_index": 0,
        }


FORMS: dict[str, type[ConsultForm]] = {
    form.reading_type: form
    for form in (
        TimeReadingForm,
        NameReadingForm,
        QuestionReadingForm,
        DailyReadingForm,
        GroupReadingForm,
    )
}
