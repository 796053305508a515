from django.contrib.auth.forms import AuthenticationForm
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
