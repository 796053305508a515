"""An account's preferences (`/settings`, `GET/PUT /api/settings`): read with defaults, updated
with checks, and where they take effect (the language after login, the zone of "today")."""

from __future__ import annotations

import zoneinfo
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from nps.accounts import extensions
from nps.accounts.models import Preferences, Theme
from nps.accounts.principal import Principal
from nps.core import audit, dates
from nps.core.errors import InvalidField

READING_TYPES = ("time", "name", "question", "daily", "multi")
# The hours of the day the timing advisor's best hours are offered in (from 07:00 to 22:00),
# unless the account chose others (`waking_from`, `waking_until`).
WAKING_HOURS = (7, 22)
SYSTEMS = ("auto", "pythagorean", "chaldean", "abjad")
FIELDS = (
    "language",
    "theme",
    "numerology_system",
    "timezone",
    "default_reading_type",
    "default_profile_id",
    "waking_from",
    "waking_until",
    "calendar",
)
# `daily_delivery` is kept by the delivery app, which registers it (delivery/apps.py,
# `extensions.register_preference`): shown and changed here so the settings page and
# `GET/PUT /api/settings` stay one way.
DELIVERY = "daily_delivery"
# The account's own e-mail address (the `users` row, not its preferences): changed here like a
# preference, checked as sign-up checks it (nps/accounts/signup.py).
EMAIL = "email"
EMAIL_MAX_LENGTH = 254
KEYS = (*FIELDS, EMAIL, DELIVERY)


def preferences_of(account) -> Preferences:
    """The account's preferences; an account that never saved any gets the defaults (unsaved)."""
    if account is None:
        return Preferences()
    try:
        return account.preferences
    except Preferences.DoesNotExist:
        return Preferences(account=account)


def as_dict(preferences: Preferences) -> dict[str, Any]:
    values = {name: getattr(preferences, name) for name in FIELDS}
    account = preferences.account if preferences.account_id else None
    values[EMAIL] = account.email if account is not None else ""
    return values | extensions.preference_values(account)


def calendar_of(account) -> str:
    """The account's calendar preference: `auto` (by language), `jalali` or `gregorian`."""
    return preferences_of(account).calendar or dates.AUTO


def waking_hours_of(account) -> tuple[int, int]:
    """The hours (from, until) the account's best hours are chosen in; 07–22 by default."""
    chosen = preferences_of(account)
    return (chosen.waking_from, chosen.waking_until)


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
    if EMAIL in changes:  # first: the daily delivery below checks the address
        _change_email(principal.account, changes[EMAIL], client_address=client_address)
    for field, value in changes.items():
        if extensions.is_kept_elsewhere(field):
            extensions.update_preference(
                field, principal=principal, client_address=client_address, value=value
            )
    for field, value in changes.items():
        if extensions.is_kept_elsewhere(field) or field == EMAIL:
            continue
        if field not in FIELDS:
            raise InvalidField((field,), "Unknown setting")
        if field == "language":
            _check(field, value, ["", *dict(settings.LANGUAGES)])
        elif field == "theme":
            _check(field, value, Theme.values)
        elif field == "calendar":
            _check(field, value, dates.CALENDARS)
        elif field == "numerology_system":
            _check(field, value, SYSTEMS)
        elif field == "default_reading_type":
            _check(field, value, READING_TYPES)
        elif field == "waking_from":
            _check(field, value, range(24))
        elif field == "waking_until":
            _check(field, value, range(1, 25))
        elif field == "timezone" and value:
            try:
                zoneinfo.ZoneInfo(value)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                raise InvalidField((field,), "Unknown time zone") from None
        elif (
            field == "default_profile_id"
            and value is not None
            and not extensions.profile_visible(principal, value)
        ):
            raise InvalidField((field,), "Profile not found")
        setattr(preferences, field, value)
    if preferences.waking_from == preferences.waking_until:
        changed = "waking_until" if "waking_until" in changes else "waking_from"
        raise InvalidField((changed,), "The waking hours must not start and end at the same hour")
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


def _change_email(account, value: Any, *, client_address: str | None) -> None:
    """A new address for the account (or none: `""`), refused when it is not an address or
    another account has it, whatever its case. Removing it turns off what needs it (the daily
    e-mail, through `extensions.email_removed`). Audited as `account.email` (no address kept)."""
    from nps.accounts.models import User

    if not isinstance(value, str):
        raise InvalidField((EMAIL,), _("Enter a valid e-mail address."))
    address = User.objects.normalize_email(value.strip())
    if address:
        try:
            if len(address) > EMAIL_MAX_LENGTH:
                raise ValidationError("too long")
            validate_email(address)
        except ValidationError:
            raise InvalidField((EMAIL,), _("Enter a valid e-mail address.")) from None
        others = User.objects.exclude(pk=account.pk).filter(email__iexact=address)
        if others.exists():
            # Says no more than that the address cannot be used (never whose it is).
            raise InvalidField(
                (EMAIL,), _("This e-mail address is already used by another account.")
            )
    previous = account.email
    if address == previous:
        return
    account.email = address
    try:
        with transaction.atomic():
            account.save(update_fields=["email"])
    except IntegrityError:  # taken by another account between the check and the save
        account.email = previous
        raise InvalidField(
            (EMAIL,), _("This e-mail address is already used by another account.")
        ) from None
    audit.record(
        "account.email",
        actor=account,
        client_address=client_address,
        resource_type="account",
        resource_id=None,
        details={"had_address": bool(previous), "has_address": bool(address)},
    )
    if previous and not address:
        extensions.email_removed(account, client_address=client_address)
