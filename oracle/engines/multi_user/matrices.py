"""Compatibility matrices (effective tables T17–T19)."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import combinations
from types import MappingProxyType

from oracle.engines.fc60 import ANIMAL_NAMES

LIFE_PATH_NUMBERS: tuple[int, ...] = (1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 22, 33)
DEFAULT_SCORE = 0.5

# T17, upper triangle including the diagonal, rows in LIFE_PATH_NUMBERS order.
_LIFE_PATH_ROWS: dict[int, tuple[float, ...]] = {
    1: (0.6, 0.5, 0.8, 0.4, 0.9, 0.5, 0.7, 0.6, 0.7, 0.7, 0.5, 0.6),
    2: (0.7, 0.6, 0.8, 0.4, 0.9, 0.5, 0.7, 0.6, 0.9, 0.7, 0.8),
    3: (0.7, 0.3, 0.8, 0.7, 0.5, 0.4, 0.8, 0.7, 0.4, 0.9),
    4: (0.7, 0.3, 0.7, 0.6, 0.8, 0.4, 0.5, 0.9, 0.5),
    5: (0.6, 0.4, 0.8, 0.5, 0.7, 0.6, 0.4, 0.5),
    6: (0.7, 0.3, 0.5, 0.8, 0.7, 0.6, 0.9),
    7: (0.7, 0.4, 0.6, 0.8, 0.5, 0.4),
    8: (0.7, 0.5, 0.5, 0.8, 0.6),
    9: (0.6, 0.7, 0.5, 0.8),
    11: (0.8, 0.7, 0.8),
    22: (0.8, 0.7),
    33: (0.8,),
}


def _life_path_table() -> dict[tuple[int, int], float]:
    table = {}
    for row_index, row_number in enumerate(LIFE_PATH_NUMBERS):
        for offset, score in enumerate(_LIFE_PATH_ROWS[row_number]):
            table[(row_number, LIFE_PATH_NUMBERS[row_index + offset])] = score
    return table


# Keyed by (smaller, larger) life path.
LIFE_PATH_COMPATIBILITY: Mapping[tuple[int, int], float] = MappingProxyType(_life_path_table())

_TRINES = (
    ("Rat", "Dragon", "Monkey"),
    ("Ox", "Snake", "Rooster"),
    ("Tiger", "Horse", "Dog"),
    ("Rabbit", "Goat", "Pig"),
)
_SIX_HARMONIES = (
    ("Rat", "Ox"),
    ("Tiger", "Pig"),
    ("Rabbit", "Dog"),
    ("Dragon", "Rooster"),
    ("Snake", "Monkey"),
    ("Horse", "Goat"),
)
_CLASHES = (
    ("Rat", "Horse"),
    ("Ox", "Goat"),
    ("Tiger", "Monkey"),
    ("Rabbit", "Rooster"),
    ("Dragon", "Dog"),
    ("Snake", "Pig"),
)
_HARMS = (
    ("Rat", "Goat"),
    ("Ox", "Horse"),
    ("Tiger", "Snake"),
    ("Rabbit", "Dragon"),
    ("Monkey", "Pig"),
    ("Rooster", "Dog"),
)


def _sorted_pair(first: str, second: str) -> tuple[str, str]:
    return (first, second) if first <= second else (second, first)


def _animal_table() -> dict[tuple[str, str], float]:
    table = {(animal, animal): 0.7 for animal in ANIMAL_NAMES}
    for trine in _TRINES:
        for first, second in combinations(trine, 2):
            table[_sorted_pair(first, second)] = 0.9
    for pairs, score in ((_SIX_HARMONIES, 0.95), (_CLASHES, 0.1), (_HARMS, 0.25)):
        for first, second in pairs:
            table[_sorted_pair(first, second)] = score
    return table


# Keyed by the alphabetically sorted pair of animal names; absent pairs score 0.5.
ANIMAL_COMPATIBILITY: Mapping[tuple[str, str], float] = MappingProxyType(_animal_table())

ELEMENTS_IN_ORDER: tuple[str, ...] = ("Wood", "Fire", "Earth", "Metal", "Water")  # generating cycle


def _element_table() -> dict[tuple[str, str], float]:
    table = {}
    for index, element in enumerate(ELEMENTS_IN_ORDER):
        child = ELEMENTS_IN_ORDER[(index + 1) % 5]
        controlled = ELEMENTS_IN_ORDER[(index + 2) % 5]
        table[(element, element)] = 0.6
        table[(element, child)] = 0.9
        table[(child, element)] = 0.4
        table[(element, controlled)] = 0.3
        table[(controlled, element)] = 0.2
    return table


# Directional E(from → to): same 0.6, parent→child 0.9, child→parent 0.4,
# controller→controlled 0.3, controlled→controller 0.2.
ELEMENT_COMPATIBILITY: Mapping[tuple[str, str], float] = MappingProxyType(_element_table())


def life_path_compatibility(first: int, second: int) -> float:
    """T17: symmetric; any number outside 1–9, 11, 22, 33 gives 0.5."""
    return LIFE_PATH_COMPATIBILITY.get((min(first, second), max(first, second)), DEFAULT_SCORE)


def element_compatibility(source: str, target: str) -> float:
    """T19, directional ``E(source → target)``; unknown elements give 0.5."""
    return ELEMENT_COMPATIBILITY.get((source, target), DEFAULT_SCORE)


def animal_compatibility(first: str, second: str) -> float:
    """T18: symmetric; pairs in no relation give 0.5."""
    return ANIMAL_COMPATIBILITY.get(_sorted_pair(first, second), DEFAULT_SCORE)
