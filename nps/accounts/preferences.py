"""An account's preferences (`/settings`, `GET/PUT /api/settings`): read with defaults, updated
with checks, and where they take effect (the language after login, the zone of "today")."""

from __future__ import annotations

import zoneinfo
from typing import Any

from django.conf import settings
from django.db import transaction

from nps.accounts.models import Preferences, Theme
from nps.accounts.principal import Principal
from nps.core import audit
from nps.core.errors import InvalidField

READING_TYPES = ("time", "name", "question", "daily", "multi")
SYSTEMS = ("auto", "pythagorean", "chaldean", "abjad")
FIELDS = (
    "language",
    "theme",
    "numerology_system",
    "timezone",
    "default_reading_type",
    "default_profile_id",
)


def preferences_of(account) -> Preferences:
    """The account's preferences; an account that never saved any gets the defaults (unsaved)."""
    if account is None:
        return Preferences()
    try:
        return account.preferences
    except Preferences.DoesNotExist:
        return Preferences(account=account)


def as_dict(preferences: Preferences) -> dict[str, Any]:
    return {name: getattr(preferences, name) for name in FIELDS}


def zone_of(account) -> zoneinfo.ZoneInfo:
    """The zone an account's "today" is counted in: its default time zone, else UTC."""
    name = preferences_of(account).timezone
    try:
        return zoneinfo.ZoneInfo(name) if name else zoneinfo.ZoneInfo("UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def _check(field: str, value: Any, allowed) -> None:
    if value not in allowed:
        choices = ", ".join(str(choice) or '""' for choice in allowed)
        raise InvalidField((field,), f"Must be one of: {choices}")


@transaction.atomic
def update_preferences(
    *, principal: Principal, client_address: str | None = None, **changes: Any
) -> Preferences:
    """Change some preferences (only the names in `FIELDS`); each value is checked. A default
    profile the account may not see is a field error, like any unknown profile."""
    if principal.account is None:
        raise InvalidField(("account",), "The legacy secret has no account to keep settings for")
    preferences = preferences_of(principal.account)
    for field, value in changes.items():
        if field not in FIELDS:
            raise InvalidField((field,), "Unknown setting")
        if field == "language":
            _check(field, value, ["", *dict(settings.LANGUAGES)])
        elif field == "theme":
            _check(field, value, Theme.values)
        elif field == "numerology_system":
            _check(field, value, SYSTEMS)
        elif field == "default_reading_type":
            _check(field, value, READING_TYPES)
        elif field == "timezone" and value:
            try:
                zoneinfo.ZoneInfo(value)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                raise InvalidField((field,), "Unknown time zone") from None
        elif field == "default_profile_id" and value is not None:
            from oracle.services import profiles

            try:
                profiles.get_profile(principal=principal, profile_id=value)
            except profiles.ProfileNotFound:
                raise InvalidField((field,), "Profile not found") from None
        setattr(preferences, field, value)
    preferences.save()
    audit.record(
        "account.settings",
        actor=principal.account,
        client_address=client_address,
        resource_type="account",
        resource_id=None,
        details={"fields": sorted(changes)},
    )
    return preferences
