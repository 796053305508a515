"""Per-person FC60 profile of a multi-user reading (V4 ``multi_user_fc60``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from oracle.engines.errors import EngineError, InvalidDateError, InvalidGroupError, InvalidNameError
from oracle.engines.fc60 import ANIMAL_NAMES, STEM_ELEMENTS, encode_fc60, ganzhi_year
from oracle.engines.numerology import life_path, name_soul_urge, name_to_number

MIN_USERS = 2
MAX_USERS = 10
REQUIRED_FIELDS: tuple[str, ...] = ("name", "birth_year", "birth_month", "birth_day")


@dataclass(frozen=True, slots=True)
class UserProfile:
    """One person of a group. ``to_dict`` has V4's keys in V4's order."""

    name: str
    birth_year: int
    birth_month: int
    birth_day: int
    fc60_sign: str
    element: str
    animal: str
    life_path: int
    destiny_number: int
    name_energy: int
    stem_index: int
    branch_index: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "birth_year": self.birth_year,
            "birth_month": self.birth_month,
            "birth_day": self.birth_day,
            "fc60_sign": self.fc60_sign,
            "element": self.element,
            "animal": self.animal,
            "life_path": self.life_path,
            "destiny_number": self.destiny_number,
            "name_energy": self.name_energy,
        }


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _field(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


def calculate_profile(
    name: str,
    birth_year: int,
    birth_month: int,
    birth_day: int,
    *,
    numerology_system: str = "auto",
    field_prefix: str = "",
) -> UserProfile:
    """Profile of one person; raises an :class:`~oracle.engines.errors.EngineError` subclass.

    V4's messages are kept. Beyond V4: a blank name is refused like an empty one, an impossible
    date (1990-02-30) is refused, and the name is counted in ``numerology_system``
    (``auto``: Persian/Arabic script → Abjad, otherwise Pythagorean; or ``pythagorean``,
    ``chaldean``, ``abjad``). A name with no letter that system can count (``123``) is refused by
    the numerology engine (:class:`InvalidNameError`); V4 gave it the number 0.
    """
    if not isinstance(name, str) or not name.strip():
        raise InvalidNameError(
            "Name must be a non-empty string", field=_field(field_prefix, "name")
        )
    if not _is_int(birth_year) or not 1 <= birth_year <= dt.MAXYEAR:
        raise InvalidDateError(
            f"Invalid birth year: {birth_year}", field=_field(field_prefix, "birth_year")
        )
    if not _is_int(birth_month) or not 1 <= birth_month <= 12:
        raise InvalidDateError(
            f"Invalid birth month: {birth_month}", field=_field(field_prefix, "birth_month")
        )
    if not _is_int(birth_day) or not 1 <= birth_day <= 31:
        raise InvalidDateError(
            f"Invalid birth day: {birth_day}", field=_field(field_prefix, "birth_day")
        )
    try:
        dt.date(birth_year, birth_month, birth_day)
    except ValueError:
        raise InvalidDateError(
            f"Invalid birth date: {birth_year:04d}-{birth_month:02d}-{birth_day:02d} "
            "does not exist",
            field=_field(field_prefix, "birth_day"),
        ) from None
    try:
        destiny_number = name_to_number(name, system=numerology_system)
        name_energy = name_soul_urge(name, system=numerology_system)
    except EngineError as error:
        # Same error, but naming the person's field (``users.3.name``) for the web layer.
        raise type(error)(str(error), field=_field(field_prefix, error.field or "name")) from None
    stem, branch = ganzhi_year(birth_year)
    return UserProfile(
        name=name,
        birth_year=birth_year,
        birth_month=birth_month,
        birth_day=birth_day,
        fc60_sign=encode_fc60(birth_year, birth_month, birth_day, include_time=False)["stamp"],
        element=STEM_ELEMENTS[stem],
        animal=ANIMAL_NAMES[branch],
        life_path=life_path(birth_year, birth_month, birth_day),
        destiny_number=destiny_number,
        name_energy=name_energy,
        stem_index=stem,
        branch_index=branch,
    )


def calculate_profiles(users: Sequence[Mapping[str, Any]]) -> list[UserProfile]:
    """Profiles of a group of 2–10 people given as V4's user dicts.

    Each dict needs ``name, birth_year, birth_month, birth_day`` and may add
    ``numerology_system``; other keys (``user_id``…) are ignored.
    """
    if not isinstance(users, list | tuple):
        raise InvalidGroupError("Users must be a list")
    if len(users) < MIN_USERS:
        raise InvalidGroupError(f"At least {MIN_USERS} users required for multi-user analysis")
    if len(users) > MAX_USERS:
        raise InvalidGroupError(f"Maximum {MAX_USERS} users supported")
    profiles = []
    for index, user in enumerate(users):
        if not isinstance(user, Mapping):
            raise InvalidGroupError(f"User at index {index} must be a dict", field=f"users.{index}")
        missing = [key for key in REQUIRED_FIELDS if key not in user]
        if missing:
            raise InvalidGroupError(
                f"User at index {index} missing fields: {missing}", field=f"users.{index}"
            )
        profiles.append(
            calculate_profile(
                user["name"],
                user["birth_year"],
                user["birth_month"],
                user["birth_day"],
                numerology_system=user.get("numerology_system") or "auto",
                field_prefix=f"users.{index}",
            )
        )
    return profiles
