"""The reading page's context, shared by `/readings/<id>` (`history`) and by the share panel,
which answers with the whole reading page when htmx is not there (`share`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from nps.accounts.principal import Principal
from oracle.models import Reading, SignType
from oracle.services import sealing, spoken


def _day_of(reading: Reading) -> dt.date | None:
    """A daily reading's day (its ``sign_value``), shown in the reader's calendar."""
    if reading.sign_type != SignType.DAILY:
        return None
    try:
        return dt.date.fromisoformat(reading.sign_value)
    except (TypeError, ValueError):
        return None


def annotate(readings: list[Reading], principal: Principal) -> list[Reading]:
    """What the lists and the reading page show of each reading, for this reader."""
    for reading in readings:
        # `Reading.title` masks what this reader may not read
        reading.private_hidden = not principal.may_read_private_texts(reading.owner_id)
    return readings


def reading_page_context(request: HttpRequest, reading: Reading) -> dict[str, Any]:
    """What the reading page shows: the stored response through the result templates, and the
    owner's share links. A reader who may not read the reading's private texts (a moderator,
    another account's reading) gets them masked, and neither exports nor shares it."""
    annotate([reading], request.principal)
    hidden = reading.private_hidden
    return {
        "reading": reading,
        # the engine texts in the page's language (a masked reading keeps its stored ones)
        "result": sealing.masked_response(reading)
        if hidden
        else spoken.for_page(reading, sealing.reading_response(reading)),
        "private_hidden": hidden,
        "stored_reading": True,
        "reading_type": reading.kind,
        "result_date": _day_of(reading),
        "subject": reading.profile if reading.sign_type != SignType.MULTI_USER else None,
        "can_write": request.principal.has_scope("oracle:write"),
        "here": reverse("oracle:reading", args=[reading.pk]),
        "share_links": list(reading.share_links.order_by("-created_at", "-id")),
        # feedback is the owner's own: a moderator or admin reading it is offered none
        "others_reading": reading.owner_id != getattr(request.principal.account, "pk", None),
    }
