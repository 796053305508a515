"""The multi-user analysis pipeline (engines.md §6.6, V4 ``multi_user_service``)."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from oracle.engines.multi_user.compatibility import PairCompatibility, pair_compatibility
from oracle.engines.multi_user.group_dynamics import (
    GroupDynamics,
    calculate_group_dynamics,
    member_labels,
)
from oracle.engines.multi_user.group_energy import GroupEnergy, calculate_group_energy
from oracle.engines.multi_user.profiles import UserProfile, calculate_profiles


@dataclass(frozen=True, slots=True)
class MultiUserResult:
    profiles: tuple[UserProfile, ...]
    labels: tuple[str, ...]
    pairs: tuple[PairCompatibility, ...]
    group_energy: GroupEnergy
    group_dynamics: GroupDynamics
    computation_ms: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "user_count": len(self.profiles),
            "pair_count": len(self.pairs),
            "computation_ms": self.computation_ms,
            "profiles": [profile.to_dict() for profile in self.profiles],
            "pairwise_compatibility": [pair.to_dict() for pair in self.pairs],
            "group_energy": self.group_energy.to_dict(),
            "group_dynamics": self.group_dynamics.to_dict(),
        }


class MultiUserFC60Service:
    """V4's entry point: ``MultiUserFC60Service().analyze(users).to_dict()``."""

    def analyze(self, users: Sequence[Mapping[str, Any]]) -> MultiUserResult:
        """Profiles → every pair (input order, i < j) → group energy → group dynamics.

        ``computation_ms`` is the measured duration (a stopwatch, not a clock: it is the only
        value that varies between runs).
        """
        started = time.perf_counter()
        profiles = calculate_profiles(users)
        labels = member_labels([profile.name for profile in profiles])
        pairs = tuple(
            pair_compatibility(profiles[i], profiles[j], labels[i], labels[j])
            for i, j in combinations(range(len(profiles)), 2)
        )
        energy = calculate_group_energy(profiles)
        dynamics = calculate_group_dynamics(profiles, pairs, labels)
        return MultiUserResult(
            profiles=tuple(profiles),
            labels=tuple(labels),
            pairs=pairs,
            group_energy=energy,
            group_dynamics=dynamics,
            computation_ms=round((time.perf_counter() - started) * 1000, 1),
        )


def analyze(users: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """``MultiUserFC60Service().analyze(users).to_dict()``."""
    return MultiUserFC60Service().analyze(users).to_dict()
