"""Roles, synergies and challenges of a group (V4 ``group_dynamics``).

Members are keyed by their *label* (:func:`member_labels`), so two people with
the same name keep their own role, and every role count covers all members (V4 keyed them by
name, so a namesake overwrote the other).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from oracle.engines.i18n import tr, trf
from oracle.engines.multi_user.compatibility import PairCompatibility
from oracle.engines.multi_user.matrices import ELEMENTS_IN_ORDER
from oracle.engines.multi_user.profiles import UserProfile

ROLE_BY_LIFE_PATH: Mapping[int, str] = MappingProxyType(
    {
        **dict.fromkeys((1, 8, 11, 22), "Leader"),
        **dict.fromkeys((2, 6, 9), "Supporter"),
        **dict.fromkeys((5, 7), "Challenger"),
        **dict.fromkeys((3, 4, 33), "Harmonizer"),
    }
)
ROLE_DESCRIPTIONS: Mapping[str, str] = MappingProxyType(
    {
        "Leader": "Drives vision and initiative",
        "Supporter": "Nurtures connections and stability",
        "Challenger": "Pushes boundaries and questions assumptions",
        "Harmonizer": "Bridges differences and creates flow",
    }
)


def member_labels(names: Sequence[str]) -> list[str]:
    """How each member is named in a group result, in input order.

    A name that occurs once is its own label. A name shared by several members gets its
    occurrence number: ``["Sam", "Sam", "Lee"]`` → ``["Sam (1)", "Sam (2)", "Lee"]``; a number is
    skipped if the result would equal another member's name, so labels are always unique.
    """
    counts = Counter(names)
    taken = {name for name, count in counts.items() if count == 1}
    labels = []
    next_number: Counter[str] = Counter()
    for name in names:
        if counts[name] == 1:
            labels.append(name)
            continue
        while True:
            next_number[name] += 1
            label = f"{name} ({next_number[name]})"
            if label not in taken:
                break
        taken.add(label)
        labels.append(label)
    return labels


def role_for(life_path: int) -> str:
    return ROLE_BY_LIFE_PATH.get(life_path, "Harmonizer")


def _bond(pair: PairCompatibility) -> dict[str, Any]:
    return {
        "pair": f"{pair.user1} & {pair.user2}",
        "score": round(pair.overall, 3),
        "classification": pair.classification,
    }


@dataclass(frozen=True, slots=True)
class GroupDynamics:
    roles: tuple[tuple[str, str, int], ...]  # (label, role, life path) in member order
    synergies: tuple[str, ...]
    challenges: tuple[str, ...]
    growth_areas: tuple[str, ...]
    avg_compatibility: float
    strongest_bond: PairCompatibility | None
    weakest_bond: PairCompatibility | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "roles": {
                label: {
                    "role": role,
                    "description": tr(ROLE_DESCRIPTIONS[role]),
                    "life_path": life_path,
                }
                for label, role, life_path in self.roles
            },
            "synergies": list(self.synergies),
            "challenges": list(self.challenges),
            "growth_areas": list(self.growth_areas),
            "avg_compatibility": round(self.avg_compatibility, 3),
            "strongest_bond": _bond(self.strongest_bond) if self.strongest_bond else None,
            "weakest_bond": _bond(self.weakest_bond) if self.weakest_bond else None,
        }


def calculate_group_dynamics(
    profiles: Sequence[UserProfile],
    pairs: Sequence[PairCompatibility],
    labels: Sequence[str] | None = None,
) -> GroupDynamics:
    """Roles by life path, then synergies, challenges and growth areas (V4's order)."""
    if labels is None:
        labels = member_labels([profile.name for profile in profiles])
    size = len(profiles)
    roles = tuple(
        (label, role_for(profile.life_path), profile.life_path)
        for label, profile in zip(labels, profiles, strict=True)
    )
    role_counts = Counter(role for _, role, _ in roles)
    missing_roles = sorted(set(ROLE_DESCRIPTIONS) - set(role_counts))
    elements = {profile.element for profile in profiles}
    missing_elements = sorted(set(ELEMENTS_IN_ORDER) - elements)

    def pair_text(template: str, pair: PairCompatibility) -> str:
        return trf(
            template,
            user1=pair.user1,
            user2=pair.user2,
            classification=tr(pair.classification),
            overall=pair.overall,
        )

    def names(items: Sequence[str]) -> str:
        return tr(", ").join(tr(item) for item in items)

    synergies = [
        pair_text(
            "{user1} & {user2}: strong natural affinity ({classification}, {overall:.0%})", pair
        )
        for pair in pairs
        if pair.overall >= 0.7
    ]
    if len(role_counts) >= 3:
        synergies.append(
            trf(
                "Diverse role coverage: {roles}",
                roles=tr(", ").join(
                    trf("{count} {role}(s)", count=role_counts[role], role=tr(role))
                    for role in sorted(role_counts)
                ),
            )
        )
    if len(elements) >= 3:
        synergies.append(
            trf("Rich elemental diversity ({count} elements represented)", count=len(elements))
        )

    challenges = [
        pair_text("{user1} & {user2}: potential friction ({classification}, {overall:.0%})", pair)
        for pair in pairs
        if pair.overall < 0.4
    ]
    if missing_roles:
        challenges.append(trf("Missing role energy: {roles}", roles=names(missing_roles)))
    if role_counts["Leader"] > size / 2:
        challenges.append(
            trf(
                "Leadership overload ({count} Leaders may create power struggles)",
                count=role_counts["Leader"],
            )
        )
    if len(elements) == 1:
        challenges.append(
            trf(
                "Elemental homogeneity (all {element}) — limited perspective range",
                element=tr(profiles[0].element),
            )
        )

    growth_areas = []
    neutral = sum(0.4 <= pair.overall < 0.6 for pair in pairs)
    if neutral:
        growth_areas.append(
            trf(
                "{count} pair(s) in neutral zone — conscious effort can strengthen these bonds",
                count=neutral,
            )
        )
    growth_areas.extend(
        trf(
            "Cultivate {role} energy: {description}",
            role=tr(role),
            description=tr(ROLE_DESCRIPTIONS[role]),
        )
        for role in missing_roles
    )
    if missing_elements:
        growth_areas.append(
            trf(
                "Invite {elements} energy for fuller elemental balance",
                elements=names(missing_elements),
            )
        )

    overall_scores = [pair.overall for pair in pairs]
    return GroupDynamics(
        roles=roles,
        synergies=tuple(synergies),
        challenges=tuple(challenges),
        growth_areas=tuple(growth_areas),
        # fsum: exactly rounded, so the mean does not depend on the order of the members.
        avg_compatibility=math.fsum(overall_scores) / len(pairs) if pairs else 0.0,
        strongest_bond=max(pairs, key=lambda pair: pair.overall) if pairs else None,
        weakest_bond=min(pairs, key=lambda pair: pair.overall) if pairs else None,
    )
