"""`theme` for templates/base.html: the account's chosen theme (light, dark, or the system's)."""

from django.http import HttpRequest

from nps.accounts import preferences


def theme(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"theme": "dark"}
    return {"theme": preferences.preferences_of(user).theme}
