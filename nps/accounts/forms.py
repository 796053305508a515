from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


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
        help_text=_("At least 8 characters, not only digits, not a common password."),
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


class PreferencesForm(forms.Form):
    """The settings page's preferences; the service checks the values again (the API's too)."""

    language = forms.ChoiceField(label=_("Language"), required=False)
    theme = forms.ChoiceField(label=_("Theme"))
    numerology_system = forms.ChoiceField(label=_("Default numerology system"))
    timezone = forms.CharField(
        label=_("Default time zone"),
        required=False,
        max_length=64,
        help_text=_("An IANA zone such as Asia/Tehran or Europe/Berlin; blank for UTC."),
        widget=forms.TextInput(attrs={"list": "timezone-options", "dir": "ltr"}),
    )
    default_reading_type = forms.ChoiceField(label=_("Default reading type"))
    default_profile_id = forms.TypedChoiceField(
        label=_("Default profile"), coerce=int, empty_value=None, required=False
    )

    def __init__(self, *args, profiles=(), **kwargs):
        from django.conf import settings

        from nps.accounts.models import Theme
        from oracle.forms.consult import READING_TYPE_LABELS
        from oracle.models import NumerologySystem

        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("The browser's"))] + [
            (code, name) for code, name in settings.LANGUAGES
        ]
        self.fields["theme"].choices = Theme.choices
        self.fields["numerology_system"].choices = NumerologySystem.choices
        self.fields["default_reading_type"].choices = list(READING_TYPE_LABELS.items())
        self.fields["default_profile_id"].choices = [("", _("None"))] + [
            (str(profile.pk), profile.name) for profile in profiles
        ]


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
