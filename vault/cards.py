"""The Vault list's entry cards, rendered once and kept (issue 22).

A card is ~15 template renders (its note/tags and outcome forms go through the form renderer field
by field), so a page of 20 cards spent three quarters of its time in Django's template engine to
produce the same HTML as the visit before. Each card's HTML is kept in this worker's memory, keyed
by *everything* the `#entry-card` partial reads — the entry's values, the language, calendar, zone
and day (dates, the date input's `max`), the permissions — so a changed note, pin or outcome, or
another language, is a different key and can never show stale. It is kept in the process, not
in Redis: the HTML holds the decrypted note, which must not sit in clear outside the worker.
The CSRF token differs per response, so the card is rendered with a placeholder for it.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from nps.core.dates import active_calendar, display_zone
from vault import services

TEMPLATE = "vault/index.html#entry-card"
CAPACITY = 2000  # cards (~4 KB each): ~8 MB per worker at most
_CSRF_PLACEHOLDER = "nps-card-csrf-placeholder"
_cards: OrderedDict[bytes, str] = OrderedDict()
_lock = threading.Lock()


def _key(entry: services.Entry, card: dict, *, can_write: bool, can_rate: bool) -> bytes:
    reading = entry.reading
    parts = (
        translation.get_language(),
        active_calendar(),
        # The account's clock (times are shown in it, with its name) and today in it.
        str(display_zone()),
        timezone.localdate(timezone=display_zone()).isoformat(),
        can_write,
        can_rate,
        reading.pk,
        reading.created_at.isoformat(),
        reading.sign_type,
        card["title"],
        entry.answer,
        entry.note,
        tuple(entry.tags),
        entry.pinned,
        entry.outcome,
        entry.outcome_on.isoformat() if entry.outcome_on else None,
        entry.outcome_note,
    )
    return hashlib.blake2b(repr(parts).encode(), digest_size=20).digest()


def card_html(request, card: dict, *, can_write: bool, can_rate: bool) -> SafeString:
    """The `#entry-card` of an unedited card (`vault.views.entry_forms` without forms given)."""
    key = _key(card["entry"], card, can_write=can_write, can_rate=can_rate)
    with _lock:
        html = _cards.get(key)
        if html is not None:
            _cards.move_to_end(key)
    if html is None:
        html = render_to_string(
            TEMPLATE,
            {
                "card": card,
                "can_write": can_write,
                "can_rate": can_rate,
                "csrf_token": _CSRF_PLACEHOLDER,
            },
        )
        with _lock:
            _cards[key] = html
            if len(_cards) > CAPACITY:
                _cards.popitem(last=False)
    return mark_safe(html.replace(_CSRF_PLACEHOLDER, str(get_token(request))))  # noqa: S308


def forget_all() -> None:
    """Empty the kept cards (tests)."""
    with _lock:
        _cards.clear()
