"""API authentication: `Authorization: Bearer <token>`, where the token is one of

1. V4's legacy shared secret `API_SECRET_KEY` (acts as admin; compared in constant time),
2. a JWT access token signed with `JWT_SECRET_KEY` (a different secret),
3. an API key (looked up by its SHA-256);

or, with no Bearer header, the site's login session (the browsable API; CSRF enforced).

Every request re-reads the account: a disabled account or a revoked key stops working at once. A JWT
works only while its login session (`TokenSession`, claim `sid`) is live, so logout and password
changes end it at once.

Bad credentials are answered 403 and counted per client address; past the `auth_failures` limit
they are answered 429. Valid credentials are always accepted, whatever others sent from the same
address (offices and NATs share one): the tokens carry at least 256 random or signed bits, so the
limit is there to spare the server and its log, not to make guessing feasible-but-slow.
"""

import hashlib
import hmac
import uuid

from django.conf import settings
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import (
    BaseAuthentication,
    SessionAuthentication,
    get_authorization_header,
)
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import AccessToken

from nps.accounts.models import ApiKey, TokenSession
from nps.accounts.principal import (
    LEGACY_PRINCIPAL,
    Principal,
    principal_for_account,
    principal_for_api_key,
)
from nps.core import ratelimit
from nps.core.http import client_ip

# How often last_used is written for a busy key (V4 wrote it on every request).
LAST_USED_RESOLUTION_SECONDS = 60


def hash_api_key(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode()).hexdigest()


def is_legacy_secret(token: str) -> bool:
    secret = settings.API_SECRET_KEY
    return bool(secret) and hmac.compare_digest(token.encode(), secret.encode())


def live_session(session_id, account_id) -> TokenSession | None:
    """The live login session a token names, with its (active) account and the account's
    preferences (a reading reads its waking hours and zone); None for anything else."""
    try:
        session_id = uuid.UUID(str(session_id))
    except ValueError:
        return None
    sessions = TokenSession.objects.live().select_related("account", "account__preferences")
    return sessions.filter(pk=session_id, account_id=account_id).first()


def principal_from_jwt(token: str) -> Principal | None:
    try:
        access = AccessToken(token)
    except TokenError:
        return None
    session = live_session(access.get("sid"), access.get("sub"))
    if session is None:
        return None
    return principal_for_account(session.account, auth_type="jwt")


def principal_from_api_key(token: str) -> Principal | None:
    api_key = ApiKey.objects.usable().select_related("user").filter(key_hash=hash_api_key(token))
    api_key = api_key.first()
    if api_key is None:
        return None
    now = timezone.now()
    stale = api_key.last_used is None or (
        (now - api_key.last_used).total_seconds() > LAST_USED_RESOLUTION_SECONDS
    )
    if stale:
        ApiKey.objects.filter(pk=api_key.pk).update(last_used=now)
    return principal_for_api_key(api_key)


def resolve_bearer_token(token: str) -> Principal | None:
    if is_legacy_secret(token):
        return LEGACY_PRINCIPAL
    if token.count(".") == 2:
        return principal_from_jwt(token)
    return principal_from_api_key(token)


class InvalidCredentials(exceptions.PermissionDenied):
    default_detail = "Invalid credentials"


class BearerAuthentication(BaseAuthentication):
    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != b"bearer":
            return None  # → 401 "Not authenticated" when the view needs a principal
        principal = None
        if len(header) == 2:
            try:
                principal = resolve_bearer_token(header[1].decode())
            except UnicodeDecodeError:
                principal = None
        if principal is None:
            failures = ratelimit.hit("auth_failures", client_ip(request) or "unknown")
            if failures.exceeded:
                raise ratelimit.RateLimitExceeded(failures)
            raise InvalidCredentials()
        return principal.account, principal

    def authenticate_header(self, request):
        return "Bearer"


class SessionPrincipalAuthentication(SessionAuthentication):
    """The site's login session, for the browsable API: the account's role decides its scopes.

    DRF's class enforces CSRF on unsafe methods (403 without the token). It comes after
    `BearerAuthentication`, so a Bearer header always wins; with neither, the view still answers
    401 before reading the body.
    """

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        account, _ = result
        return account, principal_for_account(account, auth_type="session")
