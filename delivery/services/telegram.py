"""The Telegram Bot API over HTTPS (httpx): sending messages and registering the webhook.

`TELEGRAM_API_URL` is the API's base address (the public one by default; tests and private
deployments point elsewhere). The bot token is part of every URL, so errors are reported by
kind only — an exception's text would carry the URL, and the token with it, into logs and the
delivery records.
"""

from __future__ import annotations

import logging
from typing import Any

import httpx2
from django.conf import settings

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10.0
# Telegram refuses longer messages.
MAX_MESSAGE_LENGTH = 4096


class TelegramError(Exception):
    """The Bot API could not be reached or refused the call (the text never holds the token)."""


def _call(method: str, payload: dict[str, Any]) -> Any:
    token = settings.TELEGRAM_BOT_TOKEN
    if not token:
        raise TelegramError("Telegram is not configured (TELEGRAM_BOT_TOKEN)")
    url = f"{settings.TELEGRAM_API_URL}/bot{token}/{method}"
    try:
        response = httpx2.post(url, json=payload, timeout=TIMEOUT_SECONDS)
    except httpx2.HTTPError as error:
        raise TelegramError(f"{method}: {type(error).__name__}") from None
    try:
        body = response.json()
    except ValueError:
        body = {}
    if response.status_code != 200 or not isinstance(body, dict) or not body.get("ok"):
        description = body.get("description", "") if isinstance(body, dict) else ""
        raise TelegramError(
            f"{method}: HTTP {response.status_code} {str(description)[:200]}".strip()
        )
    return body.get("result")


def send_message(chat_id: int | str, text: str) -> None:
    if len(text) > MAX_MESSAGE_LENGTH:
        text = text[: MAX_MESSAGE_LENGTH - 1] + "…"
    _call(
        "sendMessage",
        {"chat_id": chat_id, "text": text, "link_preview_options": {"is_disabled": True}},
    )


def set_webhook(url: str) -> None:
    """Send the bot's updates to `url`, with the secret header the webhook view checks."""
    _call(
        "setWebhook",
        {
            "url": url,
            "secret_token": settings.TELEGRAM_WEBHOOK_SECRET,
            "allowed_updates": ["message"],
            "drop_pending_updates": False,
        },
    )


def delete_webhook() -> None:
    _call("deleteWebhook", {})
