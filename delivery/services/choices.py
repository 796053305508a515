"""`daily_delivery` of the settings (`/settings`, `GET/PUT /api/settings`): read with defaults,
changed with checks.

`{"email": bool, "telegram": bool, "time": "HH:MM"}`, the time in the account's time zone. E-mail
can be chosen only where the server can send mail (the rule of password reset: an SMTP server,
or development) and the account has an address; Telegram only with a bot configured and a chat
linked.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.conf import settings
from django.db import transaction

from delivery.models import DeliveryChoice, TelegramLink
from nps.accounts.principal import Principal
from nps.core import audit
from nps.core.errors import InvalidField

FIELD = "daily_delivery"
KEYS = ("email", "telegram", "time")
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def email_available() -> bool:
    """Mail leaves the server only through an SMTP server (development prints it)."""
    return bool(settings.EMAIL_HOST) or settings.DEBUG


def telegram_available() -> bool:
    return bool(settings.TELEGRAM_BOT_TOKEN)


def choice_of(account) -> DeliveryChoice:
    """The account's choice; an account that never chose gets the defaults (unsaved)."""
    if account is None:
        return DeliveryChoice()
    try:
        return account.daily_delivery
    except DeliveryChoice.DoesNotExist:
        return DeliveryChoice(account=account)


def as_dict(choice: DeliveryChoice) -> dict[str, Any]:
    return {"email": choice.email, "telegram": choice.telegram, "time": format_time(choice.time)}


def format_time(value: datetime.time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def parse_time(text: Any, *, path: tuple = (FIELD, "time")) -> datetime.time:
    """`HH:MM` (24-hour clock) → a time; anything else is a field error."""
    match = _TIME.match(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise InvalidField(path, "Use a time of day as HH:MM (00:00 to 23:59)")
    return datetime.time(int(match.group(1)), int(match.group(2)))


def is_linked(account) -> bool:
    return account is not None and TelegramLink.objects.filter(account=account).exists()


def check_value(value: Any) -> dict[str, Any]:
    """The `daily_delivery` object of the API, checked for shape: only its three keys, booleans
    and an `HH:MM` time (any may be left out)."""
    if not isinstance(value, dict):
        raise InvalidField((FIELD,), 'Must be an object: {"email", "telegram", "time"}')
    unknown = sorted(set(value) - set(KEYS))
    if unknown:
        raise InvalidField((FIELD, unknown[0]), "Unknown key")
    changes: dict[str, Any] = {}
    for key in ("email", "telegram"):
        if key in value:
            if not isinstance(value[key], bool):
                raise InvalidField((FIELD, key), "Must be true or false")
            changes[key] = value[key]
    if "time" in value:
        changes["time"] = parse_time(value["time"])
    return changes


@transaction.atomic
def update_choice(
    *,
    principal: Principal,
    client_address: str | None = None,
    email: bool | None = None,
    telegram: bool | None = None,
    time: datetime.time | None = None,
) -> DeliveryChoice:
    """Change the account's daily delivery (only what is given). Turning a channel on where it
    cannot work is a field error; turning it off always works."""
    account = principal.account
    if account is None:
        raise InvalidField((FIELD,), "The legacy secret has no account to deliver to")
    if email:
        if not email_available():
            raise InvalidField((FIELD, "email"), "E-mail delivery is not available on this server")
        if not account.email:
            raise InvalidField((FIELD, "email"), "The account has no e-mail address")
    if telegram:
        if not telegram_available():
            raise InvalidField((FIELD, "telegram"), "Telegram is not configured on this server")
        if not is_linked(account):
            raise InvalidField((FIELD, "telegram"), "Link a Telegram chat first")
    choice = DeliveryChoice.objects.select_for_update().filter(account=account).first()
    choice = choice or DeliveryChoice(account=account)
    changed = []
    for name, value in (("email", email), ("telegram", telegram), ("time", time)):
        if value is not None:
            setattr(choice, name, value)
            changed.append(name)
    choice.save()
    audit.record(
        "account.daily_delivery",
        actor=account,
        client_address=client_address,
        resource_type="account",
        details={"fields": changed, **as_dict(choice)},
    )
    return choice
