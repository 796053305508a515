"""Profiles of the people readings are made for (`oracle_users`), owned by accounts.

Every action on a profile is audited here, listing and reading included, so a page and the API
cannot differ in what they record. `get_profile` is the unaudited lookup other services build on.
"""

import datetime
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy

from nps.accounts.principal import Principal
from nps.core import audit
from nps.core.errors import Conflict, InvalidField, NotFound
from oracle.models import Profile
from oracle.services import location

# The private texts of a profile: read in clear by its owner and admins only
# (`Principal.may_read_private_texts`); a moderator's update of another account's profile leaves
# them as they are.
PRIVATE_PROFILE_FIELDS = ("mother_name", "mother_name_persian")


class DuplicateProfile(Conflict):
    message = "User with this name and birthday already exists"


class ProfileNotFound(NotFound):
    message = "User not found"


@dataclass(frozen=True)
class ProfilePage:
    profiles: list[Profile]
    total: int


LIST_ORDERS = {
    "newest": ("-created_at", "-id"),
    "name": (Lower("name"), "name", "id"),
}


def get_profile(*, principal: Principal, profile_id: int) -> Profile:
    """A live profile the principal may see; anything else is 'not found' (never 'forbidden').

    Not audited: this is the lookup behind other services. Showing a profile is `read_profile`.
    """
    profile = Profile.objects.visible_to(principal).filter(pk=profile_id).first()
    if profile is None:
        raise ProfileNotFound()
    return profile


def read_profile(
    *, principal: Principal, profile_id: int, client_address: str | None = None
) -> Profile:
    """A profile shown to the principal, audited as ``oracle_user.read``."""
    profile = get_profile(principal=principal, profile_id=profile_id)
    record_action(
        principal=principal,
        action="oracle_user.read",
        profile_id=profile.pk,
        client_address=client_address,
    )
    return profile


# The most profiles a picker offers (the consultation's, history's and settings' choices).
CHOICES_LIMIT = 500


def choices(
    principal: Principal, *, limit: int = CHOICES_LIMIT, names_only: bool = False
) -> list[Profile]:
    """The principal's live profiles by name, for a picker. Not audited: a picker shows names to
    choose from, which is no reading of the profiles (each render of the consultation, history and
    settings pages used to write an `oracle_user.list` row). A picker never shows a mother's name:
    the two are not read (nor decrypted). ``names_only``: the id and the name alone (a picker that
    shows nothing else, as the settings' default profile)."""
    listed = Profile.objects.visible_to(principal)
    if names_only:
        listed = listed.only("id", "name")
    else:
        listed = listed.defer("mother_name", "mother_name_persian")
    return list(listed.order_by(*LIST_ORDERS["name"])[:limit])


def list_profiles(
    *,
    principal: Principal,
    search: str = "",
    limit: int = 20,
    offset: int = 0,
    order: str = "newest",
    client_address: str | None = None,
) -> ProfilePage:
    """The principal's live profiles, audited as ``oracle_user.list``; `search` matches the name
    or the Persian name. `order` is ``"newest"`` (the API's, V4's order) or ``"name"`` (the
    profiles page: case-insensitive, ties by creation)."""
    if order not in LIST_ORDERS:
        raise ValueError(f"Unknown profile order {order!r}: use one of {sorted(LIST_ORDERS)}.")
    profiles = Profile.objects.visible_to(principal)
    if search:
        profiles = profiles.filter(name__icontains=search) | profiles.filter(
            name_persian__icontains=search
        )
    profiles = profiles.order_by(*LIST_ORDERS[order])
    page = ProfilePage(list(profiles[offset : offset + limit]), profiles.count())
    record_action(principal=principal, action="oracle_user.list", client_address=client_address)
    return page


def _location(fields: dict) -> dict:
    """`latitude`/`longitude` → V4's `coordinates (longitude, latitude)` column."""
    if "latitude" not in fields and "longitude" not in fields:
        return {}
    latitude, longitude = fields.pop("latitude", None), fields.pop("longitude", None)
    if latitude is None or longitude is None:
        return {"coordinates": None}
    return {"coordinates": (longitude, latitude)}


COUNTRY_MESSAGE = gettext_lazy("Unknown country: give its ISO 3166-1 code (IR) or its name (Iran).")


def _country(fields: dict) -> dict:
    """The country as stored: its ISO 3166-1 alpha-2 code, whether it was given as a code
    (``IR``, ``IRN``) or a name (``Iran``, ``ایران``); blank is None. Anything else is refused."""
    if "country" not in fields:
        return {}
    value = (fields["country"] or "").strip()
    if not value:
        return {"country": None}
    code = location.country_code_of(value)
    if code is None:
        raise InvalidField("country", str(COUNTRY_MESSAGE))
    return {"country": code}


def _name_birthday_taken(owner, name: str, birthday: datetime.date, *, exclude_id=None) -> bool:
    clash = Profile.objects.filter(owner=owner, name=name, birthday=birthday)
    if exclude_id is not None:
        clash = clash.exclude(pk=exclude_id)
    return clash.exists()


@contextmanager
def _refusing_duplicates():
    """A write that the live name + birthday index refuses (a concurrent request won the race
    the check before it lost) is the same `DuplicateProfile`, never a 500."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        raise DuplicateProfile() from None


@transaction.atomic
def create_profile(*, principal: Principal, client_address: str | None = None, **fields) -> Profile:
    owner = principal.account
    if _name_birthday_taken(owner, fields["name"], fields["birthday"]):
        raise DuplicateProfile()
    fields.update(_location(fields))
    fields.update(_country(fields))
    with _refusing_duplicates():
        profile = Profile.objects.create(owner=owner, **fields)
    record_action(
        principal=principal,
        action="oracle_user.create",
        profile_id=profile.pk,
        client_address=client_address,
    )
    return profile


def private_texts_hidden(*, principal: Principal, profile_id: int) -> bool:
    """Whether ``principal`` may not change this profile's mother's names (a moderator on another
    account's profile): what they send for them is ignored (see `update_profile`)."""
    owner_id = (
        Profile.objects.visible_to(principal)
        .filter(pk=profile_id)
        .values_list("owner_id", flat=True)
        .first()
    )
    return owner_id is not None and not principal.may_read_private_texts(owner_id)


@transaction.atomic
def update_profile(
    *, principal: Principal, profile_id: int, client_address: str | None = None, **fields
) -> Profile:
    """Change the given fields. The mother's names are changed only by a principal who may read
    them (the owner, an admin); from anyone else they are ignored."""
    profile = get_profile(principal=principal, profile_id=profile_id)
    if not principal.may_read_private_texts(profile.owner_id):
        # What they were shown is the mask: sending it back (or anything) changes nothing.
        for field in PRIVATE_PROFILE_FIELDS:
            fields.pop(field, None)
    updated_fields = sorted(fields)
    fields.update(_location(fields))
    fields.update(_country(fields))
    name = fields.get("name", profile.name)
    birthday = fields.get("birthday", profile.birthday)
    if (name, birthday) != (profile.name, profile.birthday) and _name_birthday_taken(
        profile.owner, name, birthday, exclude_id=profile.pk
    ):
        raise DuplicateProfile()
    for field, value in fields.items():
        setattr(profile, field, value)
    with _refusing_duplicates():
        profile.save()
    record_action(
        principal=principal,
        action="oracle_user.update",
        profile_id=profile.pk,
        client_address=client_address,
        details={"updated_fields": updated_fields},
    )
    return profile


@transaction.atomic
def delete_profile(
    *, principal: Principal, profile_id: int, client_address: str | None = None
) -> Profile:
    """Soft delete: the profile disappears from lists, its readings are kept, it can be restored."""
    profile = get_profile(principal=principal, profile_id=profile_id)
    profile.delete()
    record_action(
        principal=principal,
        action="oracle_user.delete",
        profile_id=profile.pk,
        client_address=client_address,
    )
    return profile


@transaction.atomic
def restore_profile(
    *, principal: Principal, profile_id: int, client_address: str | None = None
) -> Profile:
    """Undo a delete. Refused (`DuplicateProfile`) while a live profile of the same account has
    the same name and birthday; restoring a live profile changes nothing."""
    profile = Profile.all_objects.visible_to(principal).filter(pk=profile_id).first()
    if profile is None:
        raise ProfileNotFound()
    with _refusing_duplicates():
        profile.restore()
    record_action(
        principal=principal,
        action="oracle_user.restore",
        profile_id=profile.pk,
        client_address=client_address,
    )
    return profile


def record_action(
    *,
    principal: Principal,
    action: str,
    profile_id: int | None = None,
    client_address: str | None = None,
    details: dict | None = None,
) -> None:
    """Audit an action on profiles; `profile_id` None for list actions."""
    audit.record(
        action,
        actor=principal.account,
        profile_id=profile_id,
        client_address=client_address,
        resource_type="oracle_user",
        resource_id=profile_id,
        api_key_hash=principal.api_key_hash,
        details=details,
    )
