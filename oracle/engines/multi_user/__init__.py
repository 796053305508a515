"""Multi-user (2–10 people) compatibility analysis.

Pure Python; V4's result keys. Deviations from V4, all deliberate (V4's defects fixed):

* the dominant animal's tie-break picks the alphabetically *first* animal (V4: the last);
* people sharing a name are told apart everywhere the result names a person (``roles``
  keys, pair ``user1``/``user2``, bonds, synergies, challenges, narratives) by
  :func:`member_labels` — ``Sam (1)``, ``Sam (2)`` in input order — and role counts cover everyone.
  ``profiles[i]["name"]`` stays the name as given; ``member_labels`` maps it to its label;
* impossible birth dates (1990-02-30) are refused; a blank name is refused like an empty one;
* names are counted in a numerology system (``auto``: Persian/Arabic script → Abjad), chosen per
  person with the optional ``numerology_system`` key of a user dict;
* the group average is an exactly rounded mean (``math.fsum``), so it does not depend on order.
"""

from oracle.engines.multi_user.compatibility import PairCompatibility, classify, pair_compatibility
from oracle.engines.multi_user.group_dynamics import (
    ROLE_DESCRIPTIONS,
    GroupDynamics,
    calculate_group_dynamics,
    member_labels,
    role_for,
)
from oracle.engines.multi_user.group_energy import (
    ARCHETYPE_DESCRIPTIONS,
    GroupEnergy,
    calculate_group_energy,
    dominant_animal,
    dominant_element,
    tied_leaders,
)
from oracle.engines.multi_user.matrices import (
    ANIMAL_COMPATIBILITY,
    ELEMENT_COMPATIBILITY,
    LIFE_PATH_COMPATIBILITY,
    animal_compatibility,
    element_compatibility,
    life_path_compatibility,
)
from oracle.engines.multi_user.profiles import (
    MAX_USERS,
    MIN_USERS,
    UserProfile,
    calculate_profile,
    calculate_profiles,
)
from oracle.engines.multi_user.service import analyze

__all__ = [
    "ANIMAL_COMPATIBILITY",
    "ARCHETYPE_DESCRIPTIONS",
    "ELEMENT_COMPATIBILITY",
    "LIFE_PATH_COMPATIBILITY",
    "MAX_USERS",
    "MIN_USERS",
    "ROLE_DESCRIPTIONS",
    "GroupDynamics",
    "GroupEnergy",
    "PairCompatibility",
    "UserProfile",
    "analyze",
    "animal_compatibility",
    "calculate_group_dynamics",
    "calculate_group_energy",
    "calculate_profile",
    "calculate_profiles",
    "classify",
    "dominant_animal",
    "dominant_element",
    "element_compatibility",
    "life_path_compatibility",
    "member_labels",
    "pair_compatibility",
    "role_for",
    "tied_leaders",
]
