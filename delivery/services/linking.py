"""Linking a Telegram chat to an account, and unlinking it.

The settings page (or `POST /api/settings/telegram/link`) makes a one-time code valid for 15
minutes; the person sends `/start <code>` (the deep link does it for them) or `/link <code>` to
the bot, which links the chat that sent it. Only a digest of the code is stored, and a code
works once. A chat imported from V3 (`imports.PendingTelegramLink`) is confirmed the same way:
the pending link is replaced by the real one. No password or key is ever asked for in a chat.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from delivery.models import DeliveryChoice, LinkCode, TelegramLink
from nps.accounts.principal import Principal
from nps.core import audit
from nps.core.errors import InvalidField
from nps.core.sealed_values import keyed_digest

CODE_LIFETIME = datetime.timedelta(minutes=15)


@dataclass(frozen=True)
class NewCode:
    code: str
    expires_at: datetime.datetime
    deep_link: str


def chat_digest(chat_id: int | str) -> str:
    return keyed_digest("telegram-chat", str(chat_id))


def _code_digest(code: str) -> str:
    return keyed_digest("telegram-link-code", code)


def deep_link(code: str) -> str:
    return f"https://t.me/{settings.TELEGRAM_BOT_USERNAME}?start={code}"


@transaction.atomic
def create_code(*, principal: Principal, client_address: str | None = None) -> NewCode:
    """A new one-time code for the caller's account (earlier unused codes stop working)."""
    if principal.account is None:
        raise InvalidField(("account",), "The legacy secret has no account to link")
    if not settings.TELEGRAM_BOT_TOKEN:
        raise InvalidField(("telegram",), "Telegram is not configured on this server")
    now = timezone.now()
    LinkCode.objects.filter(account=principal.account).delete()
    # Telegram passes at most 64 characters of [A-Za-z0-9_-] through a deep link's `start`.
    code = secrets.token_urlsafe(18)
    expires_at = now + CODE_LIFETIME
    LinkCode.objects.create(
        account=principal.account, code_digest=_code_digest(code), expires_at=expires_at
    )
    audit.record(
        "account.telegram_link_code",
        actor=principal.account,
        client_address=client_address,
        resource_type="account",
    )
    return NewCode(code=code, expires_at=expires_at, deep_link=deep_link(code))


@transaction.atomic
def redeem_code(*, code: str, chat_id: int | str):
    """Link the chat to the account the code was made for; the account, or None for a code that
    is unknown, used or expired. A chat linked to another account moves to this one."""
    found = (
        LinkCode.objects.select_for_update()
        .select_related("account")
        .filter(code_digest=_code_digest(code.strip()))
        .first()
    )
    if found is None:
        return None
    found.delete()  # once, expired or not
    account = found.account
    if found.expires_at <= timezone.now() or not account.is_active:
        return None
    digest = chat_digest(chat_id)
    TelegramLink.objects.filter(chat_digest=digest).exclude(account=account).delete()
    TelegramLink.objects.update_or_create(
        account=account,
        defaults={"chat_digest": digest, "chat_id": str(chat_id), "linked_at": timezone.now()},
    )
    confirmed_v3 = _confirm_pending(account)
    audit.record(
        "account.telegram_link",
        actor=account,
        resource_type="account",
        details={"confirmed_v3_link": confirmed_v3},
    )
    return account


def _confirm_pending(account) -> bool:
    """The V3 chat waiting for confirmation is settled by the link just made."""
    from imports.models import PendingTelegramLink

    deleted, _ = PendingTelegramLink.objects.filter(account=account).delete()
    return bool(deleted)


def pending_v3_link(account) -> bool:
    from imports.models import PendingTelegramLink

    return PendingTelegramLink.objects.filter(account=account).exists()


def account_for_chat(chat_id: int | str):
    link = (
        TelegramLink.objects.select_related("account")
        .filter(chat_digest=chat_digest(chat_id), account__is_active=True)
        .first()
    )
    return link.account if link is not None else None


@transaction.atomic
def unlink(*, account, client_address: str | None = None, source: str = "settings") -> bool:
    """Forget the account's chat (and stop Telegram delivery); False when none was linked."""
    deleted, _ = TelegramLink.objects.filter(account=account).delete()
    DeliveryChoice.objects.filter(account=account, telegram=True).update(telegram=False)
    if deleted:
        audit.record(
            "account.telegram_unlink",
            actor=account,
            client_address=client_address,
            resource_type="account",
            details={"from": source},
        )
    return bool(deleted)


def rebuild_chat_digests() -> int:
    """Recompute every chat digest under the current key (after a key rotation)."""
    count = 0
    for link in TelegramLink.objects.all():
        if link.chat_id is None:
            continue
        TelegramLink.objects.filter(pk=link.pk).update(chat_digest=chat_digest(link.chat_id))
        count += 1
    return count
