"""The interpretation of a group (multi-user) analysis: V4's narratives of the group's dynamics,
energy and pairs, and its nine sections."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any

from oracle.engines.i18n import and_list, tr, trf
from oracle.engines.i18n import language as current_language
from oracle.engines.interpretation.contexts import NOT_AVAILABLE
from oracle.engines.interpretation.generator import TextGenerator, call_generator
from oracle.engines.interpretation.prompts import (
    ENERGY_TEMPLATE,
    GROUP_TEMPLATE,
    PAIR_TEMPLATE,
    SYSTEM_PROMPT,
    build_prompt,
)
from oracle.engines.interpretation.sections import (
    LANGUAGE_NAMES,
    PROMPT_VERSION,
    SECTION_KEYS,
    parse_sections,
    sections_prompt,
)
from oracle.engines.multi_user import member_labels, tied_leaders


def _profile_labels(profiles: Sequence[Mapping[str, Any]]) -> list[str]:
    return member_labels([str(profile.get("name", "")) for profile in profiles])


def _pair_fallback(pair: Mapping[str, Any], people: Mapping[str, Mapping[str, Any]]) -> str:
    first, second = people.get(pair["user1"], {}), people.get(pair["user2"], {})
    overall = float(pair.get("overall") or 0.0)
    template = (
        "{user1} ({element1} {animal1}) and {user2} ({element2} {animal2}) share a "
        "{classification} connection at {overall:.0%} overall compatibility. Their bond draws "
        "from strong elemental and life path resonance."
        if overall > 0.6
        else "{user1} ({element1} {animal1}) and {user2} ({element2} {animal2}) share a "
        "{classification} connection at {overall:.0%} overall compatibility. Their bond draws "
        "from growing elemental and life path resonance."
    )
    return trf(
        template,
        user1=pair["user1"],
        element1=tr(first.get("element", "")),
        animal1=tr(first.get("animal", "")),
        user2=pair["user2"],
        element2=tr(second.get("element", "")),
        animal2=tr(second.get("animal", "")),
        classification=tr(str(pair.get("classification", "")).lower()),
        overall=overall,
    )


def _pair_prompt(pair: Mapping[str, Any], people: Mapping[str, Mapping[str, Any]]) -> str:
    def describe(label: str) -> str:
        person = people.get(label, {})
        return (
            f"{label} ({person.get('element', '')} {person.get('animal', '')}, "
            f"LP {person.get('life_path', '')})"
        )

    scores = pair.get("scores") or {}
    return build_prompt(
        PAIR_TEMPLATE,
        {
            "person1": describe(pair["user1"]),
            "person2": describe(pair["user2"]),
            "overall": float(pair.get("overall") or 0.0),
            "life_path_score": scores.get("life_path", 0.0),
            "element_score": scores.get("element", 0.0),
            "animal_score": scores.get("animal", 0.0),
            "destiny_score": scores.get("destiny", 0.0),
            "name_energy_score": scores.get("name_energy", 0.0),
            "classification": pair.get("classification", ""),
            "strengths": ", ".join(pair.get("strengths") or []) or "none",
            "challenges": ", ".join(pair.get("challenges") or []) or "none",
        },
    )


def _members_text(people: Mapping[str, Mapping[str, Any]]) -> str:
    """The members with their element, animal and life path, in the current language."""
    return tr("; ").join(
        trf(
            "{label} ({element} {animal}, LP {life_path})",
            label=label,
            element=tr(p.get("element", "")),
            animal=tr(p.get("animal", "")),
            life_path=p.get("life_path", ""),
        )
        for label, p in people.items()
    )


def _roles_text(roles: Mapping[str, Any]) -> str:
    """Who plays which role, as a sentence: ``Ann is the Leader, Ben the Supporter and Cy the
    Challenger`` (V4 pasted each role's dict here)."""
    return and_list(
        [
            trf(
                "{label} is the {role}" if index == 0 else "{label} the {role}",
                label=label,
                role=tr(str(role.get("role", ""))),
            )
            for index, (label, role) in enumerate(roles.items())
        ]
    )


def dominant_text(distribution: Mapping[str, int] | None) -> str:
    """The leading element or animal of a group distribution in the current language, or on a
    tie every leader: ``Balanced: Wood, Fire, Earth and Metal equally``."""
    leaders = tied_leaders(distribution or {})
    if len(leaders) == 1:
        return tr(leaders[0])
    return trf("Balanced: {names} equally", names=and_list([tr(name) for name in leaders]))


def _energy_text(energy: Mapping[str, Any], archetype: str) -> str:
    """V4's energy narrative; a tie for the leading element or animal is said as a tie (V4
    named the one its tie-break picked)."""
    elements = tied_leaders(energy.get("element_distribution") or {})
    animals = tied_leaders(energy.get("animal_distribution") or {})
    if len(elements) > 1:
        text = trf(
            "The group's combined energy signature reveals a collective balanced equally "
            "between {elements}",
            elements=and_list([tr(element) for element in elements]),
        )
    else:
        text = trf(
            "The group's combined energy signature reveals a {element}-dominant collective",
            element=tr(energy.get("dominant_element", "")),
        )
    if len(animals) > 1:
        text += trf(
            ", with no single animal prevailing: {animals} are equally present.",
            animals=and_list([tr(animal) for animal in animals]),
        )
    else:
        text += trf(
            " with {animal} as the prevailing animal energy.",
            animal=tr(energy.get("dominant_animal", "")),
        )
    return text + trf(
        " Their joint Life Path of {life_path} suggests a shared destiny direction. As "
        "'{archetype}', this group naturally gravitates toward collective evolution.",
        life_path=energy.get("joint_life_path", ""),
        archetype=tr(archetype),
    )


def _group_caution(dynamics: Mapping[str, Any], pairs: Sequence[Mapping[str, Any]]) -> str:
    """The group's challenges, one a line; when no pair is in friction (and there is more than
    one pair), the weakest bond too."""
    lines = list(dynamics.get("challenges") or [])
    scored = [pair for pair in pairs if pair.get("overall") is not None]
    weakest = min(scored, key=lambda pair: float(pair["overall"])) if len(scored) > 1 else None
    if weakest is not None and float(weakest["overall"]) >= 0.4:
        lines.append(
            trf(
                "Give the most care to {user1} and {user2}: at {overall:.0%} theirs is the "
                "group's weakest bond.",
                user1=weakest["user1"],
                user2=weakest["user2"],
                overall=float(weakest["overall"]),
            )
        )
    return "\n".join(lines)


def _percent(value: Any) -> str:
    """A 0–1 score for a prompt, as a person reads it (``0.585`` → ``58%``)."""
    try:
        return f"{float(value):.0%}"
    except (TypeError, ValueError):
        return NOT_AVAILABLE


def _counts_text(distribution: Mapping[str, int] | None) -> str:
    """A distribution for a prompt: ``Metal 2, Water 1`` (not a Python dict the AI may echo)."""
    return ", ".join(f"{name} {count}" for name, count in (distribution or {}).items()) or "none"


def _bond_text(bond: Mapping[str, Any] | None) -> str:
    if not bond:
        return NOT_AVAILABLE
    return f"{bond['pair']} ({_percent(bond['score'])}, {bond['classification']})"


def interpret_group(
    analysis: Mapping[str, Any],
    *,
    generate: TextGenerator | None = None,
    language: str | None = None,
    preferences: str | None = None,
) -> dict[str, Any]:
    """Narratives for a multi-user analysis (``analyze(users)`` result), V4's ``interpret_group``.

    Keys: ``compatibility_narrative, dynamics_narrative, energy_narrative, individual_insights,
    ai_available, computation_ms``. With ``generate``: one call for the dynamics, one for the
    energy, one per pair; each failure falls back on its own.
    """
    started = time.perf_counter()
    profiles = list(analysis.get("profiles") or [])
    labels = _profile_labels(profiles)
    people = dict(zip(labels, profiles, strict=True))
    energy = analysis.get("group_energy") or {}
    dynamics = analysis.get("group_dynamics") or {}
    pairs = analysis.get("pairwise_compatibility") or []
    roles = dynamics.get("roles") or {}
    archetype = energy.get("archetype", "")

    members = "; ".join(
        f"{label} ({p.get('element', '')} {p.get('animal', '')}, LP {p.get('life_path', '')})"
        for label, p in people.items()
    )
    # V4 wrote the roles as Python dicts and the average as a fraction (0.585): both are
    # written for people here, the numbers unchanged.
    dynamics_text = trf(
        "This group of {count} individuals — {members} — forms {archetype}. {roles}. The group "
        "achieves an average compatibility of {average:.0%}. Their combined energies create a "
        "dynamic where each member's strengths complement the others' areas for growth.",
        count=analysis.get("user_count", len(profiles)),
        members=_members_text(people),
        archetype=tr(archetype),
        roles=_roles_text(roles),
        average=float(dynamics.get("avg_compatibility") or 0.0),
    )
    energy_text = _energy_text(energy, archetype)
    pair_texts = [_pair_fallback(pair, people) for pair in pairs]
    # The reading's language: the one the engines are speaking unless the caller says otherwise.
    language = language or current_language()
    language = language if language in LANGUAGE_NAMES else "en"
    sections: dict[str, str] | None = None

    if generate is not None:
        group_ctx = {
            "group_size": analysis.get("user_count", len(profiles)),
            "members": members,
            "roles": "; ".join(f"{label}: {role.get('role', '')}" for label, role in roles.items()),
            "avg_compatibility": _percent(dynamics.get("avg_compatibility")),
            "strongest_bond": _bond_text(dynamics.get("strongest_bond")),
            "weakest_bond": _bond_text(dynamics.get("weakest_bond")),
            "synergies": "; ".join(dynamics.get("synergies") or []) or "none",
            "challenges": "; ".join(dynamics.get("challenges") or []) or "none",
            "growth_areas": "; ".join(dynamics.get("growth_areas") or []) or "none",
            **{key: value for key, value in energy.items() if not isinstance(value, dict)},
            "element_distribution": _counts_text(energy.get("element_distribution")),
            "life_path_distribution": _counts_text(energy.get("life_path_distribution")),
        }
        # The sections first: they are what the page shows; V4's narratives follow.
        answer, _ = call_generator(
            generate,
            sections_prompt("group", group_ctx, language=language, preferences=preferences),
            system_prompt=SYSTEM_PROMPT,
        )
        sections = parse_sections(answer)
        text, _ = call_generator(
            generate, build_prompt(GROUP_TEMPLATE, group_ctx), system_prompt=SYSTEM_PROMPT
        )
        dynamics_text = text or dynamics_text
        text, _ = call_generator(
            generate, build_prompt(ENERGY_TEMPLATE, group_ctx), system_prompt=SYSTEM_PROMPT
        )
        energy_text = text or energy_text
        for index, pair in enumerate(pairs):
            text, _ = call_generator(
                generate, _pair_prompt(pair, people), system_prompt=SYSTEM_PROMPT
            )
            pair_texts[index] = text or pair_texts[index]

    insights = {
        label: trf(
            "{label}: {element} {animal}, Life Path {life_path}, Destiny {destiny}",
            label=label,
            element=tr(p.get("element", "")),
            animal=tr(p.get("animal", "")),
            life_path=p.get("life_path", ""),
            destiny=p.get("destiny_number", ""),
        )
        for label, p in people.items()
    }
    ai_generated = sections is not None
    if sections is None:
        sections = dict.fromkeys(SECTION_KEYS, "")
        sections.update(
            header=trf("A group of {count}", count=analysis.get("user_count", len(profiles))),
            universal_address=tr(archetype) if archetype else "",
            core_identity=dynamics_text,
            right_now=energy_text,
            patterns="\n\n".join(pair_texts),
            message="\n".join(insights.values()),
            advice="\n".join(dynamics.get("growth_areas") or []),
            caution=_group_caution(dynamics, pairs),
        )
    return {
        "compatibility_narrative": "\n\n".join(pair_texts),
        "dynamics_narrative": dynamics_text,
        "energy_narrative": energy_text,
        "individual_insights": insights,
        "ai_available": generate is not None,
        "computation_ms": round((time.perf_counter() - started) * 1000, 1),
        "ai_generated": ai_generated,
        "sections": sections,
        "language": language,
        "prompt_version": PROMPT_VERSION,
    }
