"""Account services shared by the API and the admin: logging in for tokens, API keys."""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import authenticate
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.tokens import RefreshToken

from nps.accounts.authentication import hash_api_key
from nps.accounts.models import ApiKey, User
from nps.accounts.principal import Principal
from nps.accounts.roles import ALL_SCOPES, expand_scopes, scopes_for_role
from nps.core import audit
from nps.core.errors import Forbidden, InvalidField, NotAuthenticated, NotFound
from nps.core.http import client_ip


class LoginRefused(NotAuthenticated):
    """Wrong username or password, or an invalid, expired or used refresh token."""

    message = "Invalid username or password"


class AccountDisabled(Forbidden):
    message = "Account is disabled"


class ApiKeyScopeError(InvalidField):
    """Requested scopes the creator does not hold (or that do not exist)."""

    def __init__(self, message: str) -> None:
        super().__init__("scopes", message)


class ApiKeyNotFound(NotFound):
    message = "API key not found"


INVALID_REFRESH = "Invalid or expired refresh token"


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


def tokens_for(account: User) -> TokenPair:
    refresh = RefreshToken.for_user(account)
    access = refresh.access_token
    # V4's claims, so V4 clients that read them keep working; authorization never trusts them
    # (every request re-reads the account).
    access["username"] = account.username
    access["role"] = account.role
    access["scopes"] = sorted(expand_scopes(scopes_for_role(account.role)))
    lifetime = jwt_settings.ACCESS_TOKEN_LIFETIME
    return TokenPair(str(access), str(refresh), int(lifetime.total_seconds()))


def log_in(*, request: HttpRequest, username: str, password: str) -> TokenPair:
    """Check the password through django-axes (lockout), then issue tokens.

    Successes and failures are both audited; a failure's row must survive the refusal, so this
    function is not one transaction.
    """
    account = authenticate(request, username=username, password=password)
    if account is None:
        known = User.objects.filter(username=username).first()
        if known is not None and not known.is_active and known.check_password(password):
            audit.record(
                "auth.failed",
                actor=known,
                client_address=client_ip(request),
                success=False,
                details={"reason": "account_disabled"},
            )
            raise AccountDisabled()
        audit.record(
            "auth.failed",
            actor=known,
            client_address=client_ip(request),
            success=False,
            details={"reason": "invalid_credentials"},
        )
        raise LoginRefused()
    with transaction.atomic():
        account.last_login = timezone.now()
        account.save(update_fields=["last_login"])
        audit.record("auth.login", actor=account, client_address=client_ip(request))
    return tokens_for(account)


def refresh(*, refresh_token: str) -> TokenPair:
    """Rotate a refresh token (the old one is blacklisted) for a still-active account."""
    try:
        old = RefreshToken(refresh_token)
    except TokenError as exc:
        raise LoginRefused(INVALID_REFRESH) from exc
    account = User.objects.filter(pk=old.get("sub"), is_active=True).first()
    if account is None:
        raise LoginRefused(INVALID_REFRESH)
    old.blacklist()
    return tokens_for(account)


def log_out(*, refresh_token: str) -> None:
    try:
        RefreshToken(refresh_token).blacklist()
    except TokenError as exc:
        raise LoginRefused(INVALID_REFRESH) from exc


def generate_raw_key() -> str:
    """43 URL-safe characters, as V4 (`secrets.token_urlsafe(32)`)."""
    return secrets.token_urlsafe(32)


@transaction.atomic
def create_api_key(
    *,
    principal: Principal,
    name: str,
    scopes: list[str],
    expires_in_days: int | None,
    request: HttpRequest | None = None,
    actor: User | None = None,
) -> tuple[ApiKey, str]:
    """A new key for `principal` with scopes ⊆ its own; returns the row and the raw key (shown
    once). `actor` is who made it when that is someone else (an admin, in the console)."""
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
        client_address=client_ip(request),
        details={"key_id": str(api_key.pk), "scopes": api_key.scopes},
    )
    return api_key, raw_key


def api_keys_of(principal: Principal):
    if principal.account is None:
        return ApiKey.objects.none()
    return ApiKey.objects.filter(user=principal.account, is_active=True)


@transaction.atomic
def revoke_api_key(*, principal: Principal, key_id, request: HttpRequest | None = None) -> None:
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
            client_address=client_ip(request),
            details={"key_id": str(api_key.pk)},
        )
