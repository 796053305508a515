from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from nps.core.widgets import TimeZoneSelect


class LoginForm(AuthenticationForm):
    """Django's login form with the site's labels.

    A refused login is an error of the pair, not of one field: both inputs are then marked invalid
    and described by the message shown above the form (`error_id`).
    """

    error_id = "login-error"

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["password"].label = _("Password")

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            for field in self.fields.values():
                field.widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": self.error_id}
                )
            raise


class SignupForm(forms.Form):
    """The fields of a new account; the service checks the name is free and the password good."""

    username = forms.CharField(
        label=_("Username"),
        max_length=100,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Letters, digits and @/./+/-/_ only."),
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("Used only to reset a forgotten password."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        help_text=_("At least 10 characters, not easy to guess: a few uncommon words work well."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password"), cleaned.get("password_again")
        if first and second and first != second:
            self.add_error("password_again", _("The two passwords differ."))
        return cleaned


def _hour_choices(hours) -> list[tuple[int, str]]:
    """Hours as "07:00" (Persian digits on the Persian page)."""
    from django.utils import translation

    from nps.core.templatetags.nps import to_persian_digits

    persian = translation.get_language() == "fa"
    labels = (f"{hour:02d}:00" for hour in hours)
    return [
        (hour, to_persian_digits(label) if persian else label)
        for hour, label in zip(hours, labels, strict=True)
    ]


class PreferencesForm(forms.Form):
    """The settings page's preferences; the service checks the values again (the API's too)."""

    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        help_text=_("For a forgotten password and the daily e-mail. Leave empty for none."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    theme = forms.ChoiceField(label=_("Theme"))
    numerology_system = forms.ChoiceField(label=_("Default numerology system"))
    timezone = forms.CharField(
        label=_("Default time zone"),
        required=False,
        max_length=64,
        help_text=_("Type a city's first letters to find its zone."),
        widget=TimeZoneSelect(),
    )
    calendar = forms.ChoiceField(
        label=_("Calendar"),
        required=False,
        help_text=_("How dates are shown, whatever the language."),
    )
    default_reading_type = forms.ChoiceField(label=_("Default reading type"))
    waking_from = forms.TypedChoiceField(
        label=_("Awake from"), coerce=int, empty_value=None, required=False
    )
    waking_until = forms.TypedChoiceField(
        label=_("Until"), coerce=int, empty_value=None, required=False
    )
    default_profile_id = forms.TypedChoiceField(
        label=_("Default profile"), coerce=int, empty_value=None, required=False
    )

    def __init__(self, *args, profiles=(), **kwargs):
        from django.conf import settings

        from nps.accounts import extensions, preferences
        from nps.accounts.models import Theme
        from nps.core.dates import CALENDAR_CHOICES

        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("The browser's"))] + [
            (code, name) for code, name in settings.LANGUAGES
        ]
        self.fields["theme"].choices = Theme.choices
        self.fields["calendar"].choices = CALENDAR_CHOICES
        self.fields["numerology_system"].choices = extensions.choices_of(
            "numerology_system", preferences.SYSTEMS
        )
        self.fields["default_reading_type"].choices = extensions.choices_of(
            "default_reading_type", preferences.READING_TYPES
        )
        self.fields["waking_from"].choices = _hour_choices(range(24))
        self.fields["waking_until"].choices = _hour_choices(range(1, 25))
        self.fields["default_profile_id"].choices = [("", _("None"))] + [
            (str(profile.pk), profile.name) for profile in profiles
        ]

    def clean_email(self) -> str:
        """Left out of the post (an older page): the address stays as it was."""
        if "email" not in self.data:
            return self.initial.get("email", "")
        return self.cleaned_data["email"]

    def clean_calendar(self) -> str:
        """Left out of the post (an older page): the calendar stays as it was."""
        return self.cleaned_data["calendar"] or self.initial.get("calendar") or "auto"

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("waking_from"), cleaned.get("waking_until")
        if start is not None and start == end:
            self.add_error("waking_until", _("Waking hours cannot start and end at the same hour."))
        return cleaned

    def clean_waking_from(self) -> int:
        return self._kept("waking_from")

    def clean_waking_until(self) -> int:
        return self._kept("waking_until")

    def _kept(self, field: str) -> int:
        """Left out of the post (an older page): the hour stays as it was."""
        value = self.cleaned_data[field]
        return value if value is not None else self.initial[field]


class PasswordChangeForm(forms.Form):
    current_password = forms.CharField(
        label=_("Current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new_password = forms.CharField(
        label=_("New password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    new_password_again = forms.CharField(
        label=_("New password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("new_password"), cleaned.get("new_password_again")
        if first and second and first != second:
            self.add_error("new_password_again", _("The two passwords differ."))
        return cleaned


KEY_EXPIRY_CHOICES = [
    ("", _("Never")),
    ("30", _("30 days")),
    ("90", _("90 days")),
    ("365", _("1 year")),
]


class ApiKeyForm(forms.Form):
    name = forms.CharField(label=_("Key name"), max_length=100)
    expires_in_days = forms.TypedChoiceField(
        label=_("Expires after"),
        choices=KEY_EXPIRY_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )


class ConfirmForm(forms.Form):
    """A dangerous action typed out: the person writes their username to confirm."""

    confirm = forms.CharField(label=_("Type your username to confirm"), max_length=100)

    def __init__(self, *args, expected: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.expected = expected

    def clean_confirm(self):
        value = self.cleaned_data["confirm"]
        if value != self.expected:
            raise forms.ValidationError(_("That is not your username."))
        return value


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset request with the sign-up page's label for the address."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mail address")


class SetPasswordForm(auth_forms.SetPasswordForm):
    """Django's new-password form (the reset link's page) worded as the sign-up and settings
    pages are: one sentence of help, not the validators' bulleted list."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password1"].help_text = _(
            "At least 10 characters, not easy to guess: a few uncommon words work well."
        )
        self.fields["new_password2"].label = _("New password again")
        self.fields["new_password2"].help_text = ""
