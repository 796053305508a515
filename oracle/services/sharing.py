"""Share links: the owner makes a public link to one reading (optionally expiring), sees its
views, revokes it; anyone with the link sees the reading without private data.

A token is 32 random hex characters (128 bits, `secrets`); only its SHA-256 is stored, so the URL
is shown once, when the link is made. A link of a deleted reading, a revoked or an expired link,
and a link whose owner's account is deleted or disabled is "gone" (410), an unknown token "not
found" (404). Deleting an account revokes its links (:func:`revoke_links_of_account`).

What a share shows is decided once, by :func:`public_response`, for the page and the JSON alike:
the reading as its owner saw it, without

* the owner's handle on it: the reading's number (``reading_id``), so the page offers nothing
  that needs the owner (feedback, the interpretation's "ask again" or "translate", the vault);
* any birth date: the ``person`` block of a single reading (the subject's birth date; the
  numbers the reading draws from it — life path, personal year, birthday zodiac — are the
  reading itself and stay);
* in a group reading, anything about one member that comes from their birth date or profile:
  a member is only a name. Kept are the pairs (names, scores, classification) and what belongs
  to the whole group (how it was computed, archetype, joint life path, dominant element and
  animal, how many members have each element and each animal, average, strongest and weakest
  bond, synergies, challenges, growth areas). Left out are each member's birth date, life
  path, element, animal, stem, branch, polarity and birth FC60 sign, their roles (a role is
  their life path), the pairs' strengths and challenges (they name both members' life paths,
  elements or animals), the interpretation (its texts describe each member by those numbers,
  and an AI's text cannot be vetted), and the best hours (each member's time zone).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from nps.accounts.principal import Principal
from nps.core.errors import Forbidden, InvalidField, NotFound
from oracle.models import Reading, ShareLink, SignType
from oracle.services import history, sealing
from oracle.services.readings import record_action

MAX_DAYS = 365
# What a share of any reading leaves out: the owner's number of the reading, and the person block
# (the profile's birth date).
PRIVATE_KEYS = ("reading_id", "person")
# A shared group reading: the only keys kept, per level (see the module's docstring).
GROUP_KEYS = ("user_count", "pair_count", "profiles", "pairwise_compatibility", "method")
GROUP_MEMBER_KEYS = ("name",)
GROUP_PAIR_KEYS = ("user1", "user2", "scores", "overall", "classification")
GROUP_ENERGY_KEYS = (
    "archetype",
    "archetype_description",
    "joint_life_path",
    "dominant_element",
    "dominant_animal",
    "element_distribution",
    "animal_distribution",
)
GROUP_DYNAMICS_KEYS = (
    "avg_compatibility",
    "strongest_bond",
    "weakest_bond",
    "synergies",
    "challenges",
    "growth_areas",
)


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
    reading = history.get_full_reading(principal=principal, reading_id=reading_id)
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


def _owned_link(principal: Principal, **lookup) -> ShareLink:
    links = ShareLink.objects.filter(**lookup).select_related("reading")
    readings = Reading.all_objects.visible_to(principal)
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


def _only(value: Any, keys: tuple[str, ...]) -> dict[str, Any]:
    return {key: value[key] for key in keys if key in value} if isinstance(value, dict) else {}


def _public_group(response: dict[str, Any]) -> dict[str, Any]:
    public = _only(response, GROUP_KEYS)
    public["profiles"] = [_only(member, GROUP_MEMBER_KEYS) for member in public.get("profiles", [])]
    public["pairwise_compatibility"] = [
        _only(pair, GROUP_PAIR_KEYS) for pair in public.get("pairwise_compatibility", [])
    ]
    public["group_energy"] = _only(response.get("group_energy"), GROUP_ENERGY_KEYS)
    public["group_dynamics"] = _only(response.get("group_dynamics"), GROUP_DYNAMICS_KEYS)
    return public


def public_response(reading: Reading) -> dict[str, Any]:
    """What a share shows of ``reading``, on the page and in the JSON (the module's docstring)."""
    response = sealing.reading_response(reading)
    if reading.sign_type == SignType.MULTI_USER:
        return _public_group(response)
    for key in PRIVATE_KEYS:
        response.pop(key, None)
    if isinstance(response.get("sky"), dict):  # birth signs follow from the birth date
        response["sky"] = {key: value for key, value in response["sky"].items() if key != "birth"}
    return response


def _owner_is_gone(link: ShareLink) -> bool:
    """The account that made the link, or whose reading it shows, is deleted or disabled."""
    accounts = (link.owner, link.reading.owner)
    return any(account is not None and not account.is_active for account in accounts)


@transaction.atomic
def open_share_link(*, token: str) -> SharedReading:
    """The shared reading (no login), counting the view. Unknown: 404; revoked, expired, of a
    deleted reading or of a deleted or disabled account: 410."""
    links = ShareLink.objects.select_related("reading", "owner", "reading__owner")
    link = links.filter(token_hash=hash_token(token)).first()
    if link is None:
        raise ShareLinkNotFound()
    if not link.is_active or link.reading.deleted_at is not None or _owner_is_gone(link):
        raise ShareLinkGone()
    ShareLink.objects.filter(pk=link.pk).update(
        view_count=F("view_count") + 1, last_viewed_at=timezone.now()
    )
    link.refresh_from_db(fields=["view_count", "last_viewed_at"])
    return SharedReading(link, link.reading, public_response(link.reading))


def revoke_links_of_account(*, account: AbstractBaseUser) -> int:
    """Revoke every live link the account made or that shows one of its readings (the account is
    being deleted: nobody could revoke them afterwards). Returns how many were revoked."""
    links = ShareLink.objects.filter(Q(owner=account) | Q(reading__owner=account))
    return links.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


def delete_stale_share_links(*, now: dt.datetime | None = None) -> int:
    """Delete the links that stopped opening more than ``NPS_SHARE_LINK_RETENTION_DAYS`` ago
    (expired or revoked; the daily job). Until then the owner still sees them in the reading's
    list and a visitor gets "expired or revoked" (410); afterwards the link is unknown (404)."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.NPS_SHARE_LINK_RETENTION_DAYS)
    stale = ShareLink.objects.filter(Q(expires_at__lt=cutoff) | Q(revoked_at__lt=cutoff))
    deleted, _by_model = stale.delete()
    return deleted
