"""The multi-user analysis pipeline: V4's ``MultiUserFC60Service().analyze(users).to_dict()``."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from itertools import combinations
from typing import Any

from oracle.engines.multi_user.compatibility import pair_compatibility
from oracle.engines.multi_user.group_dynamics import calculate_group_dynamics, member_labels
from oracle.engines.multi_user.group_energy import calculate_group_energy
from oracle.engines.multi_user.profiles import calculate_profiles


def analyze(users: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Profiles → every pair (input order, i < j) → group energy → group dynamics, as V4's
    result dict.

    ``computation_ms`` is the measured duration (a stopwatch, not a clock: it is the only value
    that varies between runs).
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
    return {
        "user_count": len(profiles),
        "pair_count": len(pairs),
        "computation_ms": round((time.perf_counter() - started) * 1000, 1),
        "profiles": [profile.to_dict() for profile in profiles],
        "pairwise_compatibility": [pair.to_dict() for pair in pairs],
        "group_energy": energy.to_dict(),
        "group_dynamics": dynamics.to_dict(),
    }
