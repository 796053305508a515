"""Account services shared by the API and the admin: logging in for tokens, API keys."""

import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.db.models import F
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.tokens import RefreshToken

from nps.accounts.authentication import hash_api_key
from nps.accounts.models import ApiKey, TokenSession, User
from nps.accounts.principal import Principal
from nps.accounts.roles import ALL_SCOPES, KEYS_SCOPE, expand_scopes, scopes_for_role
from nps.core import audit, ratelimit
from nps.core.errors import Forbidden, InvalidField, NotAuthenticated, NotFound
from nps.core.http import client_ip


class LoginRefused(NotAuthenticated):
    """Wrong username or password, or an invalid, expired or used refresh token."""

    message = "Invalid username or password"


class ApiKeyScopeError(InvalidField):
    """Requested scopes the creator does not hold (or that do not exist)."""

    def __init__(self, message: str) -> None:
        super().__init__("scopes", message)


class ApiKeyNotFound(NotFound):
    message = "API key not found"


INVALID_REFRESH = "Invalid or expired refresh token"

# The claim of access and refresh tokens naming their `TokenSession`.
SESSION_CLAIM = "sid"


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int

    def as_response(self) -> dict:
        return {
            "access_token": self.access_token,
            "token_type": "bearer",
            "expires_in": self.expires_in,
            "refresh_token": self.refresh_token,
        }


def _tokens_for(session: TokenSession) -> TokenPair:
    """A new refresh/access pair of `session`; the session must then remember the refresh's id."""
    account = session.account
    refresh = RefreshToken.for_user(account)
    refresh[SESSION_CLAIM] = str(session.pk)
    access = refresh.access_token  # copies `sub` and `sid`, with its own id and expiry
    # V4's claims, so V4 clients that read them keep working; authorization never trusts them
    # (every request re-reads the account and its session).
    access["username"] = account.username
    access["role"] = account.role
    access["scopes"] = sorted(expand_scopes(scopes_for_role(account.role)))
    session.refresh_jti = refresh[jwt_settings.JTI_CLAIM]
    lifetime = jwt_settings.ACCESS_TOKEN_LIFETIME
    return TokenPair(str(access), str(refresh), int(lifetime.total_seconds()))


def _session_expiry():
    return timezone.now() + jwt_settings.REFRESH_TOKEN_LIFETIME


def start_session(account: User) -> TokenPair:
    """A new API login session for `account` and its first pair of tokens."""
    session = TokenSession(account=account, expires_at=_session_expiry())
    tokens = _tokens_for(session)
    session.save()
    return tokens


LOGIN_DELAY = "login"


def check_login_allowed(address: str | None) -> None:
    """Refuse (429, `Retry-After`) a login while its address waits out the delay of its last
    failure. The password is not checked then, so a guesser gains nothing by trying sooner; a
    person behind the same address (an office's NAT) logs in once the few seconds are over."""
    wait = ratelimit.delay_remaining(LOGIN_DELAY, address or "unknown")
    if wait:
        limit = ratelimit.rate_for("login_failures").limit
        raise ratelimit.RateLimitExceeded(ratelimit.RateState(limit, -1, wait))


def login_delay_seconds(failures_past_allowance: int) -> int:
    """1, 2, 4, 8 … seconds after the 1st, 2nd, 3rd … failure past the address's allowance, at
    most `NPS_LOGIN_DELAY_MAX_SECONDS`."""
    ceiling = settings.NPS_LOGIN_DELAY_MAX_SECONDS
    return min(2 ** min(failures_past_allowance - 1, ceiling.bit_length()), ceiling)


@receiver(user_login_failed)
def count_login_failure(sender, credentials=None, request=None, **kwargs) -> None:
    """Every failed password login (API, pages, admin) counts against its address; past the
    allowance (`login_failures`, across usernames) each one makes the address wait longer before
    its next try. No address is ever refused for the whole window: the lockout of one username
    from one address is django-axes' (AXES_FAILURE_LIMIT)."""
    address = client_ip(request) or "unknown"
    state = ratelimit.hit("login_failures", address)
    if state.exceeded:
        ratelimit.impose_delay(LOGIN_DELAY, address, login_delay_seconds(-state.remaining))


def log_in(*, request: HttpRequest, username: str, password: str) -> TokenPair:
    """Check the password through django-axes (lockout per username and address; an address
    that failed too often across usernames waits a growing delay), then start a token session.

    Successes and failures are both audited; a failure's row must survive the refusal, so this
    function is not one transaction. It takes the request (not only its address) because
    django-axes reads it during `authenticate()`.
    """
    client_address = client_ip(request)
    check_login_allowed(client_address)
    account = authenticate(request, username=username, password=password)
    if account is None:
        # A disabled account is refused exactly as a wrong password is (same status, body and
        # work: its password is never checked here), so the answer confirms no password. The
        # audit log, which only admins read, still tells the two apart.
        known = User.objects.filter(username=username).first()
        disabled = known is not None and not known.is_active
        audit.record(
            "auth.failed",
            actor=known,
            client_address=client_address,
            success=False,
            details={"reason": "account_disabled" if disabled else "invalid_credentials"},
        )
        raise LoginRefused()
    with transaction.atomic():
        account.last_login = timezone.now()
        account.save(update_fields=["last_login"])
        audit.record("auth.login", actor=account, client_address=client_address)
        return start_session(account)


def _verified_refresh(refresh_token: str) -> RefreshToken:
    try:
        return RefreshToken(refresh_token)
    except TokenError as exc:
        raise LoginRefused(INVALID_REFRESH) from exc


def _session_id(token: RefreshToken) -> uuid.UUID:
    try:
        return uuid.UUID(str(token.get(SESSION_CLAIM)))
    except ValueError:
        raise LoginRefused(INVALID_REFRESH) from None  # a token from before token sessions


@transaction.atomic
def refresh(*, refresh_token: str) -> TokenPair:
    """Rotate a refresh token: exactly one use of each token succeeds, even when several arrive at
    once (a conditional UPDATE on its id), and only while its session and account are live."""
    old = _verified_refresh(refresh_token)
    session = (
        TokenSession.objects.live()
        .select_related("account")
        .filter(pk=_session_id(old), account_id=old.get("sub"))
        .first()
    )
    if session is None:
        raise LoginRefused(INVALID_REFRESH)
    used_jti = old.get(jwt_settings.JTI_CLAIM)
    tokens = _tokens_for(session)
    # One UPDATE on the session's own columns (no join: PostgreSQL re-checks this WHERE against a
    # row a concurrent refresh has just changed, so only one of them matches).
    won = TokenSession.objects.filter(
        pk=session.pk, refresh_jti=used_jti, revoked_at__isnull=True
    ).update(
        refresh_jti=session.refresh_jti,
        refreshed_at=timezone.now(),
        expires_at=_session_expiry(),
    )
    if won != 1:
        raise LoginRefused(INVALID_REFRESH)  # already used (or revoked) by a concurrent request
    return tokens


def log_out(*, refresh_token: str) -> None:
    """End the session of `refresh_token`: its refresh and access tokens stop working at once."""
    old = _verified_refresh(refresh_token)
    ended = TokenSession.objects.filter(pk=_session_id(old), account_id=old.get("sub")).revoke()
    if ended != 1:
        raise LoginRefused(INVALID_REFRESH)


def log_out_everywhere(*, principal: Principal, client_address: str | None = None) -> int:
    """End every token session of the principal's account and its sessions in every browser;
    returns how many token sessions were live."""
    if principal.account is None:
        raise Forbidden("Only an account can log out; the legacy secret has no sessions.")
    with transaction.atomic():
        ended = TokenSession.objects.filter(account=principal.account).revoke()
        User.objects.filter(pk=principal.account.pk).update(session_epoch=F("session_epoch") + 1)
        audit.record(
            "auth.logout_all",
            actor=principal.account,
            client_address=client_address,
            api_key_hash=principal.api_key_hash,
            details={"sessions_ended": ended},
        )
    return ended


def generate_raw_key() -> str:
    """43 URL-safe characters, as V4 (`secrets.token_urlsafe(32)`)."""
    return secrets.token_urlsafe(32)


def default_key_scopes(principal: Principal) -> list[str]:
    """The scopes of a key created without a list: the creator's own, except key management."""
    return sorted(principal.scopes - {KEYS_SCOPE})


@transaction.atomic
def create_api_key(
    *,
    principal: Principal,
    name: str,
    scopes: list[str] | None,
    expires_in_days: int | None,
    client_address: str | None = None,
    actor: User | None = None,
) -> tuple[ApiKey, str]:
    """A new key for `principal` with scopes ⊆ its own; returns the row and the raw key (shown
    once). `actor` is who made it when that is someone else (an admin, in the console).

    `scopes=None` gives `default_key_scopes()`; an empty list is refused (a key that may do
    nothing is a mistake). The stored list is explicit: a key never acts with more than it lists.
    """
    if scopes is None:
        scopes = default_key_scopes(principal)
    if not scopes:
        raise ApiKeyScopeError(
            "Choose at least one scope, or leave 'scopes' out to give the key your own scopes "
            "(without key management)."
        )
    unknown = sorted(set(scopes) - set(ALL_SCOPES))
    if unknown:
        raise ApiKeyScopeError(f"Unknown scope(s): {', '.join(unknown)}")
    beyond = sorted(set(expand_scopes(scopes)) - principal.scopes)
    if beyond:
        raise ApiKeyScopeError(f"You cannot grant scope(s) you do not have: {', '.join(beyond)}")
    raw_key = generate_raw_key()
    expires_at = timezone.now() + timedelta(days=expires_in_days) if expires_in_days else None
    api_key = ApiKey.objects.create(
        user=principal.account,
        key_hash=hash_api_key(raw_key),
        name=name,
        scopes=sorted(set(scopes)),
        expires_at=expires_at,
    )
    audit.record(
        "api_key.create",
        actor=actor or principal.account,
        client_address=client_address,
        details={"key_id": str(api_key.pk), "scopes": api_key.scopes},
    )
    return api_key, raw_key


def api_keys_of(principal: Principal):
    if principal.account is None:
        return ApiKey.objects.none()
    return ApiKey.objects.filter(user=principal.account, is_active=True)


@transaction.atomic
def revoke_api_key(*, principal: Principal, key_id, client_address: str | None = None) -> None:
    api_key = ApiKey.objects.filter(pk=key_id).first()
    owns = (
        api_key is not None
        and principal.account is not None
        and api_key.user_id == principal.account.pk
    )
    if api_key is None or not (owns or principal.is_admin_role):
        # Another account's key answers exactly like a missing one: ids cannot be probed.
        raise ApiKeyNotFound()
    if api_key.is_active:
        api_key.is_active = False
        api_key.save(update_fields=["is_active"])
        audit.record(
            "api_key.revoke",
            actor=principal.account,
            client_address=client_address,
            details={"key_id": str(api_key.pk)},
        )


def delete_expired_token_sessions(*, now=None) -> int:
    """Remove the token sessions past their expiry (their tokens no longer work); returns how many.

    Run on a schedule by Celery beat (`nps.accounts.tasks`); live and merely revoked sessions that
    have not expired yet stay, so a revoked session still refuses its tokens until then.
    """
    deleted, _ = TokenSession.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted
