"""Pairwise compatibility (V4 ``compatibility_analyzer``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from oracle.engines.i18n import tr, trf
from oracle.engines.multi_user.matrices import (
    animal_compatibility,
    element_compatibility,
    life_path_compatibility,
)
from oracle.engines.multi_user.profiles import UserProfile


@dataclass(frozen=True, slots=True)
class PairCompatibility:
    """Compatibility of two group members; ``user1``/``user2`` are their labels."""

    user1: str
    user2: str
    life_path: float
    element: float
    animal: float
    destiny: float
    name_energy: float
    overall: float
    classification: str
    strengths: tuple[str, ...]
    challenges: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "user1": self.user1,
            "user2": self.user2,
            "scores": {
                "life_path": round(self.life_path, 3),
                "element": round(self.element, 3),
                "animal": round(self.animal, 3),
                "destiny": round(self.destiny, 3),
                "name_energy": round(self.name_energy, 3),
            },
            "overall": round(self.overall, 3),
            "classification": self.classification,
            "strengths": list(self.strengths),
            "challenges": list(self.challenges),
        }


def classify(overall: float) -> str:
    """``Excellent`` ≥ 0.8, ``Good`` ≥ 0.6, ``Neutral`` ≥ 0.4, else ``Challenging``."""
    if overall >= 0.8:
        return "Excellent"
    if overall >= 0.6:
        return "Good"
    if overall >= 0.4:
        return "Neutral"
    return "Challenging"


def _closeness(first: int, second: int) -> float:
    return max(0.0, 1.0 - abs(first - second) / 9.0)


def pair_compatibility(
    first: UserProfile, second: UserProfile, label1: str | None = None, label2: str | None = None
) -> PairCompatibility:
    """Score two profiles. Every component, and so ``overall``, is symmetric in the two people."""
    lp = life_path_compatibility(first.life_path, second.life_path)
    element = (
        element_compatibility(first.element, second.element)
        + element_compatibility(second.element, first.element)
    ) / 2
    animal = animal_compatibility(first.animal, second.animal)
    destiny = _closeness(first.destiny_number, second.destiny_number)
    name_energy = _closeness(first.name_energy, second.name_energy)
    overall = lp * 0.30 + element * 0.25 + animal * 0.25 + destiny * 0.10 + name_energy * 0.10

    strengths: list[str] = []
    challenges: list[str] = []

    def both(template: str, one: object, two: object) -> str:
        return trf(template, first=tr(str(one)), second=tr(str(two)))

    if lp >= 0.8:
        strengths.append(
            both(
                "Strong life path alignment ({first} & {second})", first.life_path, second.life_path
            )
        )
    elif lp <= 0.3:
        challenges.append(
            both("Divergent life paths ({first} & {second})", first.life_path, second.life_path)
        )
    # Kept from V4: the averaged element score never exceeds 0.65, so this branch is unreachable.
    if element >= 0.8:
        strengths.append(
            both("Harmonious elements ({first} & {second})", first.element, second.element)
        )
    elif element <= 0.3:
        challenges.append(
            both("Elemental tension ({first} & {second})", first.element, second.element)
        )
    if animal >= 0.9:
        strengths.append(both("Zodiac harmony ({first} & {second})", first.animal, second.animal))
    elif animal <= 0.2:
        challenges.append(both("Zodiac clash ({first} & {second})", first.animal, second.animal))
    if destiny >= 0.8:
        strengths.append(tr("Aligned destiny numbers"))
    elif destiny <= 0.3:
        challenges.append(tr("Different destiny vibrations"))
    if name_energy >= 0.8:
        strengths.append(tr("Resonant name energies"))
    elif name_energy <= 0.3:
        challenges.append(tr("Contrasting name energies"))

    return PairCompatibility(
        user1=first.name if label1 is None else label1,
        user2=second.name if label2 is None else label2,
        life_path=lp,
        element=element,
        animal=animal,
        destiny=destiny,
        name_energy=name_energy,
        overall=overall,
        classification=classify(overall),
        strengths=tuple(strengths),
        challenges=tuple(challenges),
    )
