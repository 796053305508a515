"""Profiles of the people readings are made for (`oracle_users`), owned by accounts."""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.http import HttpRequest

from nps.accounts.principal import Principal
from nps.core import audit
from nps.core.errors import Conflict, NotFound
from oracle.models import OracleUser

# Fields a person may set on a profile (location is set as latitude/longitude).
PROFILE_FIELDS = (
    "name",
    "name_persian",
    "birthday",
    "mother_name",
    "mother_name_persian",
    "country",
    "city",
    "timezone",
    "gender",
    "numerology_system",
)


class DuplicateProfile(Conflict):
    message = "User with this name and birthday already exists"


class ProfileNotFound(NotFound):
    message = "User not found"


@dataclass(frozen=True)
class ProfilePage:
    profiles: list[OracleUser]
    total: int


def visible_profiles(principal: Principal):
    return OracleUser.objects.visible_to(principal)


def get_profile(*, principal: Principal, profile_id: int) -> OracleUser:
    """A live profile the principal may see; anything else is 'not found' (never 'forbidden')."""
    profile = visible_profiles(principal).filter(pk=profile_id).first()
    if profile is None:
        raise ProfileNotFound()
    return profile


def list_profiles(
    *, principal: Principal, search: str = "", limit: int = 20, offset: int = 0
) -> ProfilePage:
    profiles = visible_profiles(principal)
    if search:
        profiles = profiles.filter(name__icontains=search) | profiles.filter(
            name_persian__icontains=search
        )
    return ProfilePage(list(profiles[offset : offset + limit]), profiles.count())


def _location(fields: dict) -> dict:
    """`latitude`/`longitude` → V4's `coordinates (longitude, latitude)` column."""
    if "latitude" not in fields and "longitude" not in fields:
        return {}
    latitude, longitude = fields.pop("latitude", None), fields.pop("longitude", None)
    if latitude is None or longitude is None:
        return {"coordinates": None}
    return {"coordinates": (longitude, latitude)}


def _name_birthday_taken(owner, name: str, birthday: datetime.date, *, exclude_id=None) -> bool:
    clash = OracleUser.objects.filter(owner=owner, name=name, birthday=birthday)
    if exclude_id is not None:
        clash = clash.exclude(pk=exclude_id)
    return clash.exists()


@transaction.atomic
def create_profile(
    *, principal: Principal, request: HttpRequest | None = None, **fields
) -> OracleUser:
    owner = principal.account
    if _name_birthday_taken(owner, fields["name"], fields["birthday"]):
        raise DuplicateProfile()
    fields.update(_location(fields))
    try:
        with transaction.atomic():
            profile = OracleUser.objects.create(owner=owner, **fields)
    except IntegrityError:
        raise DuplicateProfile() from None  # a concurrent create won the race
    record_action(
        principal=principal, action="oracle_user.create", profile_id=profile.pk, request=request
    )
    return profile


@transaction.atomic
def update_profile(
    *, principal: Principal, profile_id: int, request: HttpRequest | None = None, **fields
) -> OracleUser:
    profile = get_profile(principal=principal, profile_id=profile_id)
    updated_fields = sorted(fields)
    fields.update(_location(fields))
    name = fields.get("name", profile.name)
    birthday = fields.get("birthday", profile.birthday)
    if (name, birthday) != (profile.name, profile.birthday) and _name_birthday_taken(
        profile.owner, name, birthday, exclude_id=profile.pk
    ):
        raise DuplicateProfile()
    for field, value in fields.items():
        setattr(profile, field, value)
    try:
        with transaction.atomic():
            profile.save()
    except IntegrityError:
        raise DuplicateProfile() from None
    record_action(
        principal=principal,
        action="oracle_user.update",
        profile_id=profile.pk,
        request=request,
        details={"updated_fields": updated_fields},
    )
    return profile


@transaction.atomic
def delete_profile(
    *, principal: Principal, profile_id: int, request: HttpRequest | None = None
) -> OracleUser:
    """Soft delete: the profile disappears from lists, its readings are kept, it can be restored."""
    profile = get_profile(principal=principal, profile_id=profile_id)
    profile.delete()
    record_action(
        principal=principal, action="oracle_user.delete", profile_id=profile.pk, request=request
    )
    return profile


def record_action(
    *,
    principal: Principal,
    action: str,
    profile_id: int | None = None,
    request: HttpRequest | None = None,
    details: dict | None = None,
) -> None:
    """Audit an action on profiles (api.md §6); `profile_id` None for list actions."""
    audit.record(
        action,
        actor=principal.account,
        profile_id=profile_id,
        request=request,
        resource_type="oracle_user",
        resource_id=profile_id,
        api_key_hash=principal.api_key_hash,
        details=details,
    )
