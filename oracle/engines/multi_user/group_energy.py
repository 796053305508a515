"""Combined energy of a group (V4 ``group_energy``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from oracle.engines.fc60 import ANIMAL_NAMES
from oracle.engines.i18n import tr
from oracle.engines.multi_user.matrices import ELEMENTS_IN_ORDER
from oracle.engines.multi_user.profiles import UserProfile
from oracle.engines.numerology import numerology_reduce

MASTER_NUMBERS = frozenset({11, 22, 33})

ARCHETYPE_DESCRIPTIONS: Mapping[str, str] = MappingProxyType(
    {
        "Complementary Duo": "Two forces creating balance through difference",
        "Collaborative Builders": "Grounded team focused on steady, structured creation",
        "Dynamic Innovators": "High-energy group driven by change and new ideas",
        "Strategic Thinkers": "Analytical minds combining wisdom with precision",
        "Action Catalysts": "Fast-moving collective of doers and achievers",
        "Growth Explorers": "Seekers and learners pushing boundaries together",
        "Balanced Harmonizers": "Diverse group achieving natural equilibrium",
        "Master Collective": "Group with concentrated master-number energy",
    }
)
ELEMENT_ARCHETYPES: Mapping[str, str] = MappingProxyType(
    {
        "Earth": "Collaborative Builders",
        "Fire": "Dynamic Innovators",
        "Water": "Strategic Thinkers",
        "Metal": "Action Catalysts",
        "Wood": "Growth Explorers",
    }
)


@dataclass(frozen=True, slots=True)
class GroupEnergy:
    joint_life_path: int
    dominant_element: str
    dominant_animal: str
    archetype: str
    archetype_description: str
    element_distribution: tuple[tuple[str, int], ...]
    animal_distribution: tuple[tuple[str, int], ...]
    life_path_distribution: tuple[tuple[int, int], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "joint_life_path": self.joint_life_path,
            "dominant_element": self.dominant_element,
            "dominant_animal": self.dominant_animal,
            "archetype": self.archetype,
            "archetype_description": self.archetype_description,
            "element_distribution": dict(self.element_distribution),
            "animal_distribution": dict(self.animal_distribution),
            "life_path_distribution": {str(lp): count for lp, count in self.life_path_distribution},
        }


def dominant_element(counts: Counter[str]) -> str:
    """Most frequent element; ties go to the earliest in Wu Xing order (Wood, Fire, …)."""
    order = {element: index for index, element in enumerate(ELEMENTS_IN_ORDER)}
    return min(counts, key=lambda element: (-counts[element], order.get(element, len(order))))


def dominant_animal(counts: Counter[str]) -> str:
    """Most frequent animal; ties go to the alphabetically FIRST name (V4: the last)."""
    return min(counts, key=lambda animal: (-counts[animal], animal))


def tied_leaders(distribution: Mapping[str, int]) -> list[str]:
    """Every element or animal of a distribution that shares the highest count, in Wu Xing
    order for elements and zodiac order for animals: one name when one leads, several on a tie
    (``dominant_element``/``dominant_animal`` pick one of them, as V4 did)."""
    if not distribution:
        return []
    top = max(distribution.values())
    order = {name: index for index, name in enumerate((*ELEMENTS_IN_ORDER, *ANIMAL_NAMES))}
    leaders = [name for name, count in distribution.items() if count == top]
    return sorted(leaders, key=lambda name: (order.get(name, len(order)), name))


def _archetype(profiles: Sequence[UserProfile], elements: Counter[str]) -> str:
    size = len(profiles)
    if size == 2:
        return "Complementary Duo"
    if sum(profile.life_path in MASTER_NUMBERS for profile in profiles) >= size / 2:
        return "Master Collective"
    if len(elements) >= 4:
        return "Balanced Harmonizers"
    top = dominant_element(elements)
    if elements[top] / size >= 0.5:
        return ELEMENT_ARCHETYPES[top]
    life_paths = [profile.life_path for profile in profiles]
    if max(life_paths) - min(life_paths) >= 7:
        return "Growth Explorers"
    return "Balanced Harmonizers"


def calculate_group_energy(profiles: Sequence[UserProfile]) -> GroupEnergy:
    """Joint life path, dominant element/animal, distributions and archetype of a group."""
    elements = Counter(profile.element for profile in profiles)
    animals = Counter(profile.animal for profile in profiles)
    life_paths = Counter(profile.life_path for profile in profiles)
    archetype = _archetype(profiles, elements)
    return GroupEnergy(
        joint_life_path=numerology_reduce(sum(profile.life_path for profile in profiles)),
        dominant_element=dominant_element(elements),
        dominant_animal=dominant_animal(animals),
        archetype=archetype,
        archetype_description=tr(ARCHETYPE_DESCRIPTIONS[archetype]),
        element_distribution=tuple(elements.items()),
        animal_distribution=tuple(animals.items()),
        life_path_distribution=tuple(life_paths.items()),
    )
