"""Share links: the owner makes a public link to one reading (optionally expiring), sees its
views, revokes it; anyone with the link sees the reading without private data.

A token is 32 random hex characters (128 bits, `secrets`); only its SHA-256 is stored, so the URL
is shown once, when the link is made. A link of a deleted reading, a revoked or an expired link
is "gone" (410), an unknown token "not found" (404).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from nps.accounts.principal import Principal
from nps.core.errors import Forbidden, InvalidField, NotFound
from oracle.models import Reading, ShareLink
from oracle.services import history, sealing
from oracle.services.readings import record_action

MAX_DAYS = 365
# What a public page never shows: the person block holds the birth date of the profile.
PRIVATE_KEYS = ("person",)


class ShareLinkNotFound(NotFound):
    message = "Share link not found"


class ShareLinkGone(NotFound):
    """The link existed but no longer opens (revoked, expired, or its reading deleted): 410."""

    message = "This share link has expired or was revoked"


@dataclass(frozen=True)
class NewShareLink:
    link: ShareLink
    token: str  # shown once


@dataclass(frozen=True)
class SharedReading:
    link: ShareLink
    reading: Reading
    response: dict[str, Any]


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _require_write(principal: Principal) -> None:
    if not principal.has_scope("oracle:write"):
        raise Forbidden("Insufficient scope: requires 'oracle:write'")


@transaction.atomic
def create_share_link(
    *,
    principal: Principal,
    reading_id: int,
    expires_in_days: int | None = None,
    client_address: str | None = None,
) -> NewShareLink:
    _require_write(principal)
    if expires_in_days is not None and not 1 <= expires_in_days <= MAX_DAYS:
        raise InvalidField(("expires_in_days",), f"Must be between 1 and {MAX_DAYS} days")
    reading = history.get_reading(principal=principal, reading_id=reading_id)
    token = secrets.token_hex(16)
    expires_at = timezone.now() + dt.timedelta(days=expires_in_days) if expires_in_days else None
    link = ShareLink.objects.create(
        reading=reading,
        owner=principal.account,
        token_hash=hash_token(token),
        token_prefix=token[:6],
        expires_at=expires_at,
    )
    record_action(
        "oracle_share.create",
        principal=principal,
        reading=reading,
        client_address=client_address,
        details={"share_link_id": link.pk, "expires_in_days": expires_in_days},
    )
    return NewShareLink(link, token)


def links_of(*, principal: Principal, reading_id: int) -> list[ShareLink]:
    """The links of one of the principal's readings, newest first (revoked ones included)."""
    reading = history.get_reading(principal=principal, reading_id=reading_id)
    return list(reading.share_links.order_by("-created_at", "-id"))


def _owned_link(principal: Principal, **lookup) -> ShareLink:
    links = ShareLink.objects.filter(**lookup).select_related("reading")
    readings = history.visible_readings(principal, include_deleted=True)
    link = links.filter(reading__in=readings).first()
    if link is None:
        raise ShareLinkNotFound()
    return link


@transaction.atomic
def revoke_share_link(
    *,
    principal: Principal,
    token: str | None = None,
    link_id: int | None = None,
    client_address: str | None = None,
) -> ShareLink:
    """Revoke by token (API) or by id (the reading page); another account's link is not found."""
    _require_write(principal)
    lookup = {"token_hash": hash_token(token)} if token is not None else {"pk": link_id}
    link = _owned_link(principal, **lookup)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    record_action(
        "oracle_share.revoke",
        principal=principal,
        reading=link.reading,
        client_address=client_address,
        details={"share_link_id": link.pk},
    )
    return link


def public_response(reading: Reading) -> dict[str, Any]:
    """The reading's stored response without what a stranger must not see."""
    response = sealing.reading_response(reading)
    for key in PRIVATE_KEYS:
        response.pop(key, None)
    return response


@transaction.atomic
def open_share_link(*, token: str) -> SharedReading:
    """The shared reading (no login), counting the view. Unknown: 404; revoked, expired or of a
    deleted reading: 410."""
    link = ShareLink.objects.select_related("reading").filter(token_hash=hash_token(token)).first()
    if link is None:
        raise ShareLinkNotFound()
    if not link.is_active or link.reading.deleted_at is not None:
        raise ShareLinkGone()
    ShareLink.objects.filter(pk=link.pk).update(
        view_count=F("view_count") + 1, last_viewed_at=timezone.now()
    )
    link.refresh_from_db(fields=["view_count", "last_viewed_at"])
    return SharedReading(link, link.reading, public_response(link.reading))


def delete_stale_share_links(*, now: dt.datetime | None = None) -> int:
    """Delete the links that stopped opening more than ``NPS_SHARE_LINK_RETENTION_DAYS`` ago
    (expired or revoked; the daily job). Until then the owner still sees them in the reading's
    list and a visitor gets "expired or revoked" (410); afterwards the link is unknown (404)."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.NPS_SHARE_LINK_RETENTION_DAYS)
    stale = ShareLink.objects.filter(Q(expires_at__lt=cutoff) | Q(revoked_at__lt=cutoff))
    deleted, _by_model = stale.delete()
    return deleted
