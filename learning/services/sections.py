"""The interpretation's sections as feedback names them: their keys and labels, V4-later's
aliases, and the share of helpful marks per section."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.utils.translation import gettext_lazy

from nps.core.errors import InvalidField

# The interpretation's sections, in reading order (the AI interpretation uses the same keys).
SECTIONS: dict[str, Any] = {
    "header": gettext_lazy("Header"),
    "universal_address": gettext_lazy("Universal address"),
    "core_identity": gettext_lazy("Core identity"),
    "right_now": gettext_lazy("Right now"),
    "patterns": gettext_lazy("Patterns"),
    "message": gettext_lazy("Message"),
    "advice": gettext_lazy("Advice"),
    "caution": gettext_lazy("Caution"),
    "footer": gettext_lazy("Footer"),
}
# V4-later's section names, accepted by the API and stored under the matching key.
SECTION_ALIASES = {
    "simple": "core_identity",
    "action_steps": "right_now",
    "universe_message": "message",
}


def clean_sections(section_feedback: Mapping[str, Any] | Sequence[Any] | None) -> dict[str, bool]:
    """``{section: helpful}`` or V4's ``[{section, helpful}]`` → ``{section: bool}``; a helpful of
    None (a thumb clicked again) drops the section."""
    if section_feedback is None:
        return {}
    if isinstance(section_feedback, Mapping):
        items = [{"section": key, "helpful": value} for key, value in section_feedback.items()]
    else:
        items = list(section_feedback)
    cleaned: dict[str, bool] = {}
    for position, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise InvalidField(("section_feedback", position), "Expected {section, helpful}.")
        name = SECTION_ALIASES.get(item.get("section"), item.get("section"))
        if name not in SECTIONS:
            raise InvalidField(("section_feedback", position, "section"), "Unknown section.")
        helpful = item.get("helpful")
        if helpful is None:
            cleaned.pop(name, None)
        elif isinstance(helpful, bool):
            cleaned[name] = helpful
        else:
            raise InvalidField(("section_feedback", position, "helpful"), "Use true or false.")
    return cleaned


def section_list(section_feedback: Mapping[str, bool]) -> list[dict[str, Any]]:
    """V4's list shape, in the sections' order."""
    return [
        {"section": name, "helpful": section_feedback[name]}
        for name in SECTIONS
        if name in section_feedback
    ]


def section_helpfulness(
    sections: Iterable[Mapping[str, bool]],
) -> dict[str, tuple[float, int]]:
    """``{section: (share helpful, votes)}`` over feedback section dicts, in section order."""
    helpful: Counter = Counter()
    votes: Counter = Counter()
    for marks in sections:
        for name, value in (marks or {}).items():
            if name in SECTIONS:
                votes[name] += 1
                helpful[name] += bool(value)
    return {name: (helpful[name] / votes[name], votes[name]) for name in SECTIONS if votes[name]}
