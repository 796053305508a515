"""The Vault list's entry cards, rendered once and kept (issue 22, `nps.core.kept`).

A card is ~15 template renders (its note/tags and outcome forms go through the form renderer field
by field), so a page of 20 cards spent three quarters of its time in Django's template engine to
produce the same HTML as the visit before. Each card is kept under *everything* the `#entry-card`
partial reads — the entry's values, the language, calendar, zone and day (dates, the date input's
`max`), the permissions — so a changed note, pin or outcome, or another language, is another key.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from nps.core.kept import Fragments, reader_parts
from vault import services

TEMPLATE = "vault/index.html#entry-card"
CARDS = Fragments("vault entry cards", capacity=2000)  # ~4 KB each: ~8 MB per worker at most


def _key(entry: services.Entry, card: dict, *, can_write: bool, can_rate: bool) -> tuple:
    reading = entry.reading
    return (
        # The account's clock (times are shown in it, with its name) and today in it.
        reader_parts(),
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


def card_html(request, card: dict, *, can_write: bool, can_rate: bool) -> SafeString:
    """The `#entry-card` of an unedited card (`vault.views.entry_forms` without forms given)."""
    return CARDS.html(
        request,
        _key(card["entry"], card, can_write=can_write, can_rate=can_rate),
        lambda csrf_token: render_to_string(
            TEMPLATE,
            {"card": card, "can_write": can_write, "can_rate": can_rate, "csrf_token": csrf_token},
        ),
    )
