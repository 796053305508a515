"""`request.principal` for page views (who is logged in, as the services expect it), and the
calendar and time zone the account reads dates in."""

from nps.accounts import preferences
from nps.accounts.principal import principal_for_account
from nps.core import dates


class PrincipalMiddleware:
    """Sets `request.principal`: the session's account as a `Principal` (its role's scopes), or
    `None` without an authenticated session. Must come after `AuthenticationMiddleware`.

    It is computed at once, not lazily: a lazy proxy could never be `None`, and the cost is the
    session lookup that `request.user` makes anyway (no query at all without a session cookie).
    API views authenticate for themselves (Bearer first) and use `ApiView.principal`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        request.principal = (
            principal_for_account(user, auth_type="session") if user.is_authenticated else None
        )
        return self.get_response(request)


class CalendarMiddleware:
    """Shows dates in the account's calendar and times on its zone's clock (`nps.core.dates`) for
    this request: the preferences are looked up only if a date is shown (no query otherwise);
    "automatic" and UTC without a login."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        preference = (
            (lambda: preferences.calendar_of(user)) if user.is_authenticated else dates.AUTO
        )
        token = dates.activate(preference)
        # Times on the clock of the account's zone (UTC when it chose none), looked up the same way.
        zone_token = dates.activate_zone(
            (lambda: preferences.zone_of(user)) if user.is_authenticated else None
        )
        try:
            return self.get_response(request)
        finally:
            dates.deactivate_zone(zone_token)
            dates.deactivate(token)
