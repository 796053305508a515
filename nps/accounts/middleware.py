"""`request.principal` for page views: who is logged in, as the services expect it."""

from nps.accounts.principal import principal_for_account


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
