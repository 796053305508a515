"""Roles and the API scopes they grant.

V4's scopes without the scanner's (`oracle:*`, `vault:*`, `admin`), plus `keys:manage`: creating,
listing and revoking API keys. Every role holds it, so anyone logged in manages their own keys; an
API key holds it only when it was given it explicitly.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    MODERATOR = "moderator", _("Moderator")
    USER = "user", _("User")
    READONLY = "readonly", _("Read-only")


KEYS_SCOPE = "keys:manage"

ALL_SCOPES = (
    "oracle:read",
    "oracle:write",
    "oracle:admin",
    "vault:read",
    "vault:write",
    "vault:admin",
    "admin",
    KEYS_SCOPE,
)

ROLE_SCOPES: dict[str, tuple[str, ...]] = {
    Role.ADMIN: (
        "oracle:admin",
        "oracle:write",
        "oracle:read",
        "vault:admin",
        "vault:write",
        "vault:read",
        "admin",
        KEYS_SCOPE,
    ),
    Role.MODERATOR: ("oracle:admin", "oracle:write", "oracle:read", "vault:read", KEYS_SCOPE),
    Role.USER: ("oracle:write", "oracle:read", "vault:write", "vault:read", KEYS_SCOPE),
    Role.READONLY: ("oracle:read", "vault:read", KEYS_SCOPE),
}

# Roles that see and manage every account's profiles and readings, not only their own.
ROLES_SEEING_ALL = frozenset({Role.ADMIN, Role.MODERATOR})

_IMPLIED = {"admin": ("write", "read"), "write": ("read",)}


def scopes_for_role(role: str) -> tuple[str, ...]:
    """The default scopes of a role; an unknown role gets the read-only set (as V4)."""
    return ROLE_SCOPES.get(role, ROLE_SCOPES[Role.READONLY])


def expand_scopes(scopes) -> frozenset[str]:
    """Apply `X:admin` ⇒ `X:write` ⇒ `X:read`; the bare `admin` scope implies nothing more."""
    expanded = set()
    for scope in scopes:
        expanded.add(scope)
        area, _sep, level = scope.partition(":")
        for implied in _IMPLIED.get(level, ()) if area and level else ():
            expanded.add(f"{area}:{implied}")
    return frozenset(expanded)
