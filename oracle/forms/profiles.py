"""The profile form of the profiles page (create and edit), and what its fields show while typed."""

import datetime

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nps.core import places
from nps.core.dates import FIRST_DAY, EntryDateField
from nps.core.privacy import masked
from nps.core.validators import validate_timezone_name
from nps.core.widgets import DualCalendarDateInput, PersianKeyboardInput, TimeZoneSelect
from oracle.engines.numerology import AUTO, has_countable_letter, resolve_numerology_system
from oracle.models import Gender, NumerologySystem
from oracle.services import location
from oracle.services.profiles import PRIVATE_PROFILE_FIELDS
from oracle.validators import validate_persian_name

SYSTEM_LABELS = dict(NumerologySystem.choices)


def auto_system(name: str, name_persian: str = "") -> str | None:
    """The system "auto" picks for these names, as a reading of the profile counts them: the
    name's script decides (Abjad for Persian script, else Pythagorean); a name without a letter
    to count falls back on the Persian name. `None` when there is nothing to decide from yet."""
    name, name_persian = name.strip(), name_persian.strip()
    if name_persian and not has_countable_letter(name, AUTO):
        name = name_persian
    if not has_countable_letter(name, AUTO):
        return None
    return resolve_numerology_system(name, AUTO)


def country_choices(current: str = "") -> list[tuple[str, str]]:
    """Every current ISO 3166-1 country by its code (what the profile stores), named and sorted
    in the reader's language; a stored value that names no current country is kept as a choice so
    editing does not lose it."""
    countries = [
        (country.code, places.country_name(country.code, country.name))
        for country in location.list_countries()
    ]
    countries.sort(key=lambda choice: places.sort_key(choice[1]))
    if current and location.country_code_of(current) is None:
        countries.insert(0, (current, current))
    return [("", _("— Choose a country —")), *countries]


class ProfileForm(forms.Form):
    name = forms.CharField(label=_("Name"), min_length=2, max_length=200)
    name_persian = forms.CharField(
        label=_("Name in Persian"),
        max_length=200,
        required=False,
        validators=[validate_persian_name],
        widget=PersianKeyboardInput(),
    )
    birthday = EntryDateField(
        label=_("Birthday"),
        widget=DualCalendarDateInput(min_date=FIRST_DAY, max_date=timezone.localdate),
    )
    mother_name = forms.CharField(label=_("Mother's name"), max_length=200)
    mother_name_persian = forms.CharField(
        label=_("Mother's name in Persian"),
        max_length=200,
        required=False,
        validators=[validate_persian_name],
        widget=PersianKeyboardInput(),
    )
    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=[("", _("Not given")), *Gender.choices],
        required=False,
    )
    country = forms.CharField(
        label=_("Country"), max_length=100, required=False, widget=forms.Select
    )
    city = forms.CharField(
        label=_("City"),
        max_length=100,
        required=False,
        help_text=_(
            "Type a few letters, then choose the city: its coordinates and time zone fill in."
        ),
    )
    latitude = forms.FloatField(
        label=_("Latitude"),
        required=False,
        min_value=-90,
        max_value=90,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal", "dir": "ltr"}),
    )
    longitude = forms.FloatField(
        label=_("Longitude"),
        required=False,
        min_value=-180,
        max_value=180,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal", "dir": "ltr"}),
    )
    timezone = forms.CharField(
        label=_("Time zone"),
        max_length=64,
        initial="UTC",
        validators=[validate_timezone_name],
        widget=TimeZoneSelect(),
    )
    numerology_system = forms.ChoiceField(
        label=_("Numerology system"),
        choices=NumerologySystem.choices,
        initial=NumerologySystem.AUTO,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, private_hidden: bool = False, **kwargs):
        """``private_hidden``: the editor may not read the profile's mother's names (a moderator
        on another account's profile): they show as the mask, cannot be changed, and are not
        among the `profile_fields` saved."""
        super().__init__(*args, **kwargs)
        self.private_hidden = private_hidden
        if private_hidden:
            self._hide_private_fields()
        current = self.data.get("country") if self.is_bound else self.initial.get("country")
        code = location.country_code_of(current) if current else None
        if code and not self.is_bound:
            self.initial["country"] = code  # a name stored before codes: its code is chosen
        self.fields["country"].widget.choices = country_choices(current or "")
        for field in ("name_persian", "mother_name_persian"):
            self.fields[field].widget.attrs.update({"lang": "fa", "dir": "rtl"})
        for field in self.fields.values():
            if field.required and not isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["aria-required"] = "true"
        self._enhance_with_htmx()

    def _hide_private_fields(self) -> None:
        for name in PRIVATE_PROFILE_FIELDS:
            field = self.fields[name]
            field.disabled, field.required = True, False
            field.validators = []  # the mask shown is not judged: it is not saved
            field.help_text = _("Only the owner of this profile and administrators see it.")
            field.widget = forms.TextInput()
            self.initial[name] = masked(self.initial.get(name)) or ""

    def _enhance_with_htmx(self) -> None:
        """The live parts: the cities of the chosen country while the city is typed, and the
        system "auto" picks while the name is typed. Without JavaScript the server does both on
        submit (the city's coordinates in `clean`, the system on the saved profile)."""
        cities = {
            "hx-get": reverse("oracle:profile-cities"),
            "hx-target": "#city-options",
            "hx-swap": "innerHTML",
        }
        self.fields["country"].widget.attrs.update(
            cities, **{"hx-trigger": "change", "hx-include": "[name='city']"}
        )
        self.fields["city"].widget.attrs.update(
            cities,
            **{
                "hx-trigger": "input changed delay:300ms, search",
                "hx-include": "[name='country']",
                "autocomplete": "off",
                "aria-controls": "city-options",
            },
        )
        hint = {
            "hx-get": reverse("oracle:profile-system"),
            "hx-target": "#system-hint",
            "hx-swap": "outerHTML",
            "hx-trigger": "input changed delay:300ms",
            "hx-include": "[name='name'], [name='name_persian']",
        }
        for field in ("name", "name_persian"):
            self.fields[field].widget.attrs.update(hint)

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        if not any(character.isalpha() for character in name):
            raise forms.ValidationError(_("The name must contain letters."), code="no_letters")
        return name

    def clean_country(self) -> str:
        """The country's ISO code (a name, from an older form or a link, is read as its code)."""
        value = self.cleaned_data["country"].strip()
        if not value:
            return ""
        code = location.country_code_of(value)
        if code is None:
            if value == self.initial.get("country"):
                return value  # kept as it was stored: editing does not lose it
            raise forms.ValidationError(_("Choose a country from the list."), code="unknown")
        return code

    def clean_mother_name(self) -> str:
        return self.cleaned_data["mother_name"].strip()

    def clean_birthday(self) -> datetime.date:
        birthday = self.cleaned_data["birthday"]
        if birthday > timezone.localdate():
            raise forms.ValidationError(_("The birthday cannot be in the future."), code="future")
        return birthday

    def clean(self) -> dict:
        data = super().clean()
        latitude, longitude = data.get("latitude"), data.get("longitude")
        if self.has_error("latitude") or self.has_error("longitude"):
            return data
        if latitude is None and longitude is None and data.get("city"):
            self._fill_from_city(data)
        elif (latitude is None) != (longitude is None):
            missing = "longitude" if longitude is None else "latitude"
            self.add_error(missing, _("Give the latitude and the longitude together."))
        return data

    def _fill_from_city(self, data: dict) -> None:
        """Without JavaScript nobody picked the city from the list: look it up here."""
        try:
            city, country = location.find_city(city=data["city"], country=data.get("country"))
        except location.CityNotFound:
            return
        data.update(latitude=city.latitude, longitude=city.longitude, country=country.code)
        if not self.has_error("timezone") and data.get("timezone") in ("", "UTC", None):
            data["timezone"] = city.timezone

    def profile_fields(self) -> dict:
        """The cleaned data as the profile services take it (empty optional texts as None)."""
        data = dict(self.cleaned_data)
        for field in ("name_persian", "mother_name_persian", "country", "city", "gender"):
            data[field] = data.get(field) or None
        if data["country"] and location.country_code_of(data["country"]) is None:
            data.pop("country")  # an old value naming no current country, left as it is
        if self.private_hidden:
            for field in PRIVATE_PROFILE_FIELDS:
                data.pop(field, None)
        return data

    def auto_system_label(self) -> str | None:
        source = self.data if self.is_bound else self.initial
        system = auto_system(source.get("name") or "", source.get("name_persian") or "")
        return SYSTEM_LABELS.get(system) if system else None


def initial_for(profile) -> dict:
    """The form's initial values for editing a stored profile."""
    latitude = longitude = None
    if profile.coordinates:
        longitude, latitude = profile.coordinates
    return {
        "name": profile.name,
        "name_persian": profile.name_persian or "",
        "birthday": profile.birthday,
        "mother_name": profile.mother_name or "",
        "mother_name_persian": profile.mother_name_persian or "",
        "gender": profile.gender or "",
        "country": profile.country or "",
        "city": profile.city or "",
        "latitude": latitude,
        "longitude": longitude,
        "timezone": profile.timezone,
        "numerology_system": profile.numerology_system,
    }
