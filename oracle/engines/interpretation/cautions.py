"""The deterministic "Caution" section: what to watch for, from the reading's own numbers,
element, moon and answer."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from oracle.engines.i18n import tr, trf
from oracle.engines.interpretation.contexts import NOT_AVAILABLE

# The shadow side of each number: what "watch for …" names.
NUMBER_SHADOWS: Mapping[int, str] = MappingProxyType(
    {
        1: "stubbornness, and deciding for others without asking them",
        2: "swallowing your own needs to keep the peace",
        3: "scattering your energy over many starts and few finishes",
        4: "holding on to the plan after the facts have changed",
        5: "a restlessness that quits just before the reward",
        6: "control dressed up as care, and carrying everyone's load",
        7: "overthinking, and shutting out the people who could help",
        8: "measuring everything by money or power",
        9: "old grievances, and giving beyond your limits",
        11: "nervous strain, and doubting the intuition you do have",
        22: "taking on more plans than one life can carry",
        33: "self-sacrifice, and taking on other people's pain as your own",
    }
)
ELEMENT_CAUTIONS: Mapping[str, str] = MappingProxyType(
    {
        "Wood": "Wood grows fast: do not start more than you can tend.",
        "Fire": "Fire burns quickly: beware of haste, and of words spoken in the heat of the "
        "moment.",
        "Earth": "Earth holds on: beware of clinging to what is safe when change is due.",
        "Metal": "Metal cuts: beware of judging yourself and others too sharply.",
        "Water": "Water yields: beware of drifting along with other people's moods.",
    }
)
MOON_CAUTIONS: Mapping[str, str] = MappingProxyType(
    {
        "New Moon": "Under a New Moon plans are seeds: do not judge them by what shows yet.",
        "Waxing Crescent": "Under a Waxing Crescent intentions are fragile: keep them to yourself "
        "until they have roots.",
        "First Quarter": "The First Quarter brings friction: do not take the first obstacle for "
        "a final no.",
        "Waxing Gibbous": "Under a Waxing Gibbous moon impatience rises: do not drop what is "
        "almost ready.",
        "Full Moon": "Under a Full Moon feelings run high: sleep on big decisions.",
        "Waning Gibbous": "Under a Waning Gibbous moon, hold back from lecturing: share what you "
        "have learned when you are asked.",
        "Last Quarter": "The Last Quarter asks for release: beware of holding on out of habit.",
        "Waning Crescent": "Under a Waning Crescent energy is low: start nothing big before you "
        "have rested.",
    }
)
ANSWER_CAUTIONS: Mapping[str, str] = MappingProxyType(
    {
        "yes": "A yes is not a guarantee: check the details before you commit.",
        "no": "A no is not forever: do not close the door in frustration.",
        "maybe": "A maybe can become a reason to wait forever: do not let time choose for you.",
    }
)
# "With Life Path 7, watch for …": the number each kind of reading speaks through.
SHADOW_TEMPLATES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "reading": ("life_path", "With Life Path {number}, watch for {shadow}."),
        "name": ("expression", "With Destiny number {number}, watch for {shadow}."),
        "question": ("sign_number", "With the sign number {number}, watch for {shadow}."),
        "daily": ("day_number", "With today's number {number}, watch for {shadow}."),
    }
)


def _number(value: str) -> int | None:
    return int(value) if value.isdigit() else None


def caution_text(kind: str, ctx: Mapping[str, str]) -> str:
    """The deterministic "Caution" section: what to watch for, from the reading's number (life
    path, destiny, sign or day number), its element and moon, a question's answer, and a name's
    inner and outer numbers when they differ. Empty when the reading has none of these."""
    cautions: list[str] = []
    if kind == "question" and ctx.get("answer") in ANSWER_CAUTIONS:
        cautions.append(tr(ANSWER_CAUTIONS[ctx["answer"]]))
    key, template = SHADOW_TEMPLATES[kind]
    number = _number(ctx.get(key, NOT_AVAILABLE))
    if number in NUMBER_SHADOWS:
        cautions.append(trf(template, number=number, shadow=tr(NUMBER_SHADOWS[number])))
    if kind == "name":
        soul_urge, personality = ctx.get("soul_urge", ""), ctx.get("personality", "")
        numbers = (_number(soul_urge), _number(personality))
        if None not in numbers and soul_urge != personality:
            cautions.append(
                trf(
                    "Your Soul Urge {soul_urge} and Personality {personality} differ: people "
                    "may meet someone other than who you are inside, so say plainly what you "
                    "want.",
                    soul_urge=soul_urge,
                    personality=personality,
                )
            )
    if ctx.get("element") in ELEMENT_CAUTIONS:
        cautions.append(tr(ELEMENT_CAUTIONS[ctx["element"]]))
    if ctx.get("moon_phase") in MOON_CAUTIONS:
        cautions.append(tr(MOON_CAUTIONS[ctx["moon_phase"]]))
    return " ".join(cautions)
