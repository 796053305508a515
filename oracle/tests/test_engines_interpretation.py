"""Interpretations with and without AI: real pair scores, the reading's context, group roles."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oracle.engines.i18n import speaking
from oracle.engines.interpretation import (
    FORMATS,
    NOT_AVAILABLE,
    PAIR_TEMPLATE,
    SYSTEM_PROMPT,
    build_prompt,
    build_reading_context,
    dominant_text,
    interpret_group,
    interpret_name,
    interpret_reading,
)
from oracle.engines.multi_user import analyze
from oracle.engines.signs import read_name, read_sign

from .vectors import load

VECTORS = load("interpretation")

MU1_USERS = [
    {"name": "Alice", "birth_year": 1990, "birth_month": 5, "birth_day": 15},
    {"name": "Bob", "birth_year": 1992, "birth_month": 3, "birth_day": 20},
]
MU2_USERS = [
    *MU1_USERS,
    {"name": "Carol", "birth_year": 1988, "birth_month": 11, "birth_day": 7},
    {"name": "Dave", "birth_year": 1995, "birth_month": 8, "birth_day": 25},
]

# V4's vectors, AI-G1 (AI unavailable), without its elapsed times. Their dynamics and energy
# narratives are rewritten for people: V4 pasted each role's Python dict and the
# average as a fraction (0.585), and named one element and animal where they tie; the numbers are
# V4's.
SPEC_AI_G1 = VECTORS["SPEC_AI_G1"]

# V4's vectors, AI-G2 (AI unavailable), without its elapsed times (narratives as AI-G1).
SPEC_AI_G2 = VECTORS["SPEC_AI_G2"]

# V4's vectors, AI-R1 (AI unavailable), without its elapsed times.
SPEC_AI_R1 = VECTORS["SPEC_AI_R1"]


class FakeAI:
    """Records prompts; answers with a fixed text, nothing, or an exception."""

    def __init__(self, answer="AI text", fail_on=()):
        self.answer = answer
        self.fail_on = fail_on
        self.calls = []

    def __call__(self, prompt, *, system_prompt, temperature):
        self.calls.append((prompt, system_prompt, temperature))
        if len(self.calls) in self.fail_on:
            raise RuntimeError("provider down")
        return self.answer


def sign_777():
    return read_sign("777", date="2026-02-08", time_str="14:30")


# --- group fallbacks (AI-G1, AI-G2) --------------------------------------------------------


@pytest.mark.parametrize(
    ("users", "vector"),
    [(MU1_USERS, SPEC_AI_G1), (MU2_USERS, SPEC_AI_G2)],
    ids=["AI-G1-duo", "AI-G2-four-people"],
)
def test_group_fallback_vector_keeps_v4_numbers_in_sentences(users, vector):
    result = interpret_group(analyze(users))
    assert result["dynamics_narrative"] == vector["dynamics_narrative"]
    assert result["energy_narrative"] == vector["energy_narrative"]
    assert result["individual_insights"] == vector["individual_insights"]
    assert result["ai_available"] is vector["ai_available"] is False
    assert list(result) == [
        *vector,
        "computation_ms",
        "ai_generated",
        "sections",
        "language",
        "prompt_version",
    ]
    assert result["ai_generated"] is False
    assert result["sections"]["core_identity"] == vector["dynamics_narrative"]
    assert isinstance(result["computation_ms"], float)


def test_pair_narrative_uses_real_overall_score():
    # V4 read a missing key and always wrote "0%".
    assert "at 0% overall compatibility" in SPEC_AI_G1["compatibility_narrative"]
    assert interpret_group(analyze(MU1_USERS))["compatibility_narrative"] == (
        "Alice (Metal Horse) and Bob (Water Monkey) share a neutral connection at 58% overall "
        "compatibility. Their bond draws from growing elemental and life path resonance."
    )
    narratives = interpret_group(analyze(MU2_USERS))["compatibility_narrative"].split("\n\n")
    assert [text.split(" at ")[1].split("%")[0] for text in narratives] == [
        "58",  # Alice & Bob 0.585
        "50",  # Alice & Carol 0.496
        "57",  # Alice & Dave 0.575
        "59",  # Bob & Carol 0.586
        "50",  # Bob & Dave 0.501
        "40",  # Carol & Dave 0.396
    ]
    assert narratives[5].startswith("Carol (Earth Dragon) and Dave (Wood Pig) share a challenging")


def test_pair_narrative_says_strong_above_sixty_percent():
    trio = [
        {"name": "Ann", "birth_year": 1984, "birth_month": 1, "birth_day": 1},
        {"name": "Ben", "birth_year": 1985, "birth_month": 2, "birth_day": 2},
        {"name": "Cat", "birth_year": 1984, "birth_month": 3, "birth_day": 3},
    ]
    narratives = interpret_group(analyze(trio))["compatibility_narrative"].split("\n\n")
    assert narratives[0] == (
        "Ann (Wood Rat) and Ben (Wood Ox) share a good connection at 69% overall compatibility. "
        "Their bond draws from strong elemental and life path resonance."
    )
    assert all("from strong elemental" in text for text in narratives)  # 0.694, 0.619, 0.72


def test_pair_narrative_says_growing_at_sixty_percent_or_less():
    narratives = interpret_group(analyze(MU2_USERS))["compatibility_narrative"].split("\n\n")
    assert all("from growing elemental" in text for text in narratives)  # all ≤ 0.586


def test_group_narrative_writes_roles_and_average_for_people():
    # V4: "With roles spanning Alice: {'role': 'Harmonizer', …}; Bob: {…}, the group achieves
    # an average compatibility of 0.585."
    text = interpret_group(analyze(MU2_USERS))["dynamics_narrative"]
    assert (
        "Alice is the Harmonizer, Bob the Leader, Carol the Leader and Dave the Harmonizer. "
        "The group achieves an average compatibility of 52%." in text
    )
    assert "{" not in text and "0.523" not in text


def test_energy_narrative_says_a_tie_is_a_tie():
    # V4 named the tie-break's pick: "a Metal-dominant collective with Monkey as the prevailing
    # animal energy" for one Metal Horse and one Water Monkey.
    assert interpret_group(analyze(MU1_USERS))["energy_narrative"] == (
        "The group's combined energy signature reveals a collective balanced equally between "
        "Metal and Water, with no single animal prevailing: Horse and Monkey are equally present. "
        "Their joint Life Path of 11 suggests a shared destiny direction. As 'Complementary Duo', "
        "this group naturally gravitates toward collective evolution."
    )
    four = interpret_group(analyze(MU2_USERS))["energy_narrative"]
    assert "balanced equally between Wood, Earth, Metal and Water" in four


def test_energy_narrative_keeps_v4_words_when_one_element_and_animal_lead():
    trio = [
        {"name": "Ann", "birth_year": 1984, "birth_month": 1, "birth_day": 1},
        {"name": "Ben", "birth_year": 1985, "birth_month": 2, "birth_day": 2},
        {"name": "Cat", "birth_year": 1984, "birth_month": 3, "birth_day": 3},
    ]
    assert interpret_group(analyze(trio))["energy_narrative"] == (
        "The group's combined energy signature reveals a Wood-dominant collective with Rat as "
        "the prevailing animal energy. Their joint Life Path of 7 suggests a shared destiny "
        "direction. As 'Growth Explorers', this group naturally gravitates toward collective "
        "evolution."
    )


def test_duplicate_names_are_kept_apart_in_individual_insights():
    users = [
        {"name": "Sam", "birth_year": 1990, "birth_month": 1, "birth_day": 1},
        {"name": "Sam", "birth_year": 1991, "birth_month": 2, "birth_day": 2},
        {"name": "Lee", "birth_year": 1993, "birth_month": 3, "birth_day": 3},
    ]
    result = interpret_group(analyze(users))
    assert result["individual_insights"] == {
        "Sam (1)": "Sam (1): Metal Horse, Life Path 3, Destiny 6",
        "Sam (2)": "Sam (2): Metal Goat, Life Path 6, Destiny 6",
        "Lee": "Lee: Water Rooster, Life Path 1, Destiny 4",
    }
    assert result["dynamics_narrative"].startswith(
        "This group of 3 individuals — Sam (1) (Metal Horse, LP 3); Sam (2) (Metal Goat, LP 6); "
        "Lee (Water Rooster, LP 1) — forms Action Catalysts. Sam (1) is the Harmonizer, Sam (2) "
        "the Supporter and Lee the Leader."
    )


def test_group_interpretation_with_ai_makes_one_call_per_narrative_and_pair():
    ai = FakeAI()
    result = interpret_group(analyze(MU2_USERS), generate=ai)
    assert len(ai.calls) == 1 + 2 + 6  # the sections, then V4's narratives and pairs
    assert result["dynamics_narrative"] == result["energy_narrative"] == "AI text"
    assert result["compatibility_narrative"] == "\n\n".join(["AI text"] * 6)
    assert result["ai_available"] is True
    assert all(system_prompt == SYSTEM_PROMPT for _, system_prompt, _ in ai.calls)


def test_group_ai_pair_prompt_carries_the_real_overall_score():
    ai = FakeAI()
    interpret_group(analyze(MU1_USERS), generate=ai)
    pair_prompt = ai.calls[3][0]
    assert "Overall Score: 58.5%" in pair_prompt  # V4 sent 0.0%
    assert "Person 1: Alice (Metal Horse, LP 3)" in pair_prompt
    assert "Destiny: 77.8%" in pair_prompt


def test_group_ai_failures_fall_back_one_by_one():
    ai = FakeAI(fail_on=(2, 4))  # dynamics call and the first pair call fail
    result = interpret_group(analyze(MU1_USERS), generate=ai)
    assert result["dynamics_narrative"].startswith("This group of 2 individuals")
    assert result["energy_narrative"] == "AI text"
    assert result["compatibility_narrative"].startswith("Alice (Metal Horse) and Bob")


# --- individual readings (AI-R1) -----------------------------------------------------------


def test_reading_context_holds_every_system():
    assert build_reading_context(sign_777(), "Alice") == {
        "fc60_sign": "OXMT",
        "element": "Metal",
        "animal": "Ox",
        "life_path": "11",
        "moon_phase": "Waning Gibbous",
        "ganzhi": "丙午 Fire Horse, hour: 己未 Earth Goat",
        "zodiac_sign": "Aquarius",
        "interpretation": sign_777()["interpretation"],
        "synchronicities": (
            "Angel number 777: Divine luck, spiritual awakening; Repeating digit pattern 777: the "
            "digit 7 repeated 3 times amplifies its energy; Palindrome 777: reflection pattern, "
            "what you send out returns"
        ),
        "expression": "3",
        "soul_urge": "6",
        "personality": "6",
        "name": "Alice",
    }


def test_reading_without_date_leaves_missing_values_marked():
    ctx = build_reading_context(read_sign("test"))
    assert ctx["name"] == "Seeker"
    assert ctx["element"] == ctx["moon_phase"] == ctx["zodiac_sign"] == NOT_AVAILABLE
    text = interpret_reading(read_sign("test"))["text"]
    assert "As a" not in text  # the zodiac sentence needs a zodiac


def test_interpret_name_uses_the_name_context():
    # V4 discarded the name's context and interpreted an empty reading.
    result = interpret_name(read_name("Alice Smith"))
    assert result["text"] == (
        "The name Alice Smith carries Destiny number 9 (The Sage: Complete, teach, transcend). "
        "Its Soul Urge 6 (The Guardian: Nurture, heal, protect) is what the heart longs for, and "
        "its Personality 3 (The Voice: Create, express, beautify) is the face the world meets "
        "first."
    )
    assert result["ai_generated"] is False


def test_unknown_format_is_reported_like_v4():
    assert interpret_reading(sign_777(), "poem") == {
        "format": "poem",
        "text": "Unknown format 'poem'. Valid: simple, advice, action_steps, universe_message",
        "ai_generated": False,
        "elapsed_ms": 0.0,
        "cached": False,
    }


def test_interpretation_with_ai_uses_the_ai_text_and_a_filled_prompt():
    ai = FakeAI("The stars say hello.")
    result = interpret_reading(sign_777(), "advice", "Alice", generate=ai)
    assert result["text"] == "The stars say hello."
    assert result["ai_generated"] is True
    prompt, system_prompt, temperature = ai.calls[0]
    assert system_prompt == SYSTEM_PROMPT
    assert temperature == 0.7
    for line in (
        "Person: Alice",
        "FC60 Sign: OXMT",
        "Element: Metal",
        "Animal: Ox",
        "Life Path: 11",
        "Moon Phase: Waning Gibbous",
        "Numerology Core: Expression 3, Soul Urge 6, Personality 6",
    ):
        assert line in prompt


@pytest.mark.parametrize(
    "ai",
    [FakeAI(None), FakeAI("   "), FakeAI(fail_on=(1,))],
    ids=["no-answer", "blank-answer", "raises"],
)
def test_interpretation_falls_back_when_ai_fails(ai):
    result = interpret_reading(sign_777(), "simple", "Alice", generate=ai)
    assert result["ai_generated"] is False
    assert result["text"].startswith("Your FC60 signature is Metal Ox with Life Path 11.")


# --- prompts -------------------------------------------------------------------------------


def test_build_prompt_marks_missing_known_fields_and_keeps_extra_ones():
    prompt = build_prompt(
        "Person: {name}\nElement: {element}\nExtra: {mood}", {"name": "Ann", "mood": "calm"}
    )
    assert prompt == "Person: Ann\nElement: (not available)\nExtra: calm"


@pytest.mark.parametrize(
    ("template", "ctx"),
    [("Hello {unknown_field}", {"name": "Ann"}), (PAIR_TEMPLATE, {"overall": "high"})],
    ids=["unknown-placeholder", "text-for-percent-format"],
)
def test_build_prompt_appends_the_context_when_formatting_fails(template, ctx):
    assert build_prompt(template, ctx) == f"{template}\n\nContext: {ctx}"


@given(st.text(max_size=40), st.sampled_from([*FORMATS, "other"]))
def test_any_name_gets_a_text_without_error(name, fmt):
    result = interpret_reading({"systems": {}, "interpretation": ""}, fmt, name)
    assert isinstance(result["text"], str)
    assert result["text"]
    assert result["ai_generated"] is False


def test_reading_context_is_filled_from_the_reading():
    """Defect 4: V4's texts said "(not available)" for every value but the zodiac."""
    result = {
        fmt: interpret_reading(sign_777(), fmt, "Alice")
        for fmt in ("simple", "advice", "action_steps", "universe_message")
    }
    assert not any(NOT_AVAILABLE in part["text"] for part in result.values())
    # 2026-02-08: day 8 → FC60 token OXMT (Ox, Metal); life path 8 + 2 + 1 = 11; Waning Gibbous.
    assert result["simple"]["text"] == (
        "Your FC60 signature is Metal Ox with Life Path 11. As an Aquarius, you carry that sign's "
        "natural gifts. The Metal element shapes how you interact with the world, while the Ox "
        "energy guides your instincts."
    )
    assert result["advice"]["text"] == (
        "Dear Alice, your Metal Ox nature gives you a unique perspective. With Life Path 11, "
        "you're drawn to understanding and growth. The current Waning Gibbous moon phase supports "
        "reflection and planning. Trust the patterns you see — they are not coincidence. Your "
        "numerological signature suggests this is a time for thoughtful action rather than "
        "rushing forward."
    )
    assert result["action_steps"]["text"] == (
        "**Daily Practice**: Spend 5 minutes each morning connecting with your Metal energy — "
        "notice where it shows up in your environment.\n\n"
        "**Decision-Making**: When faced with choices, ask yourself: 'What would Ox energy guide "
        "me toward?' — trust your instincts.\n\n"
        "**Relationships**: Share your numerological insights with someone close to you today. "
        "Understanding each other's energetic signatures deepens connection."
    )
    assert result["universe_message"]["text"].startswith(
        "The universe sees Alice as a bearer of Metal energy, walking the path of Ox with the "
        "wisdom of Life Path 11. Every number you encounter"
    )


def test_group_caution_holds_the_challenges_and_the_weakest_bond():
    caution = interpret_group(analyze(MU2_USERS))["sections"]["caution"]
    assert caution.splitlines() == [
        "Carol & Dave: potential friction (Challenging, 40%)",
        "Missing role energy: Challenger, Supporter",
    ]
    trio = [
        {"name": "Ann", "birth_year": 1984, "birth_month": 1, "birth_day": 1},
        {"name": "Ben", "birth_year": 1985, "birth_month": 2, "birth_day": 2},
        {"name": "Cat", "birth_year": 1984, "birth_month": 3, "birth_day": 3},
    ]
    # No pair in friction: the weakest bond (Ann & Cat, 0.619) is the one to look after.
    assert interpret_group(analyze(trio))["sections"]["caution"].splitlines()[-1] == (
        "Give the most care to Ann and Cat: at 62% theirs is the group's weakest bond."
    )


def test_group_prompt_gives_scores_as_percentages():
    ai = FakeAI()
    interpret_group(analyze(MU2_USERS), generate=ai)
    group_prompt = ai.calls[1][0]
    assert "Average Compatibility: 52%" in group_prompt
    assert "Weakest Bond: Carol & Dave (40%, Challenging)" in group_prompt
    energy_prompt = ai.calls[2][0]
    assert "Element Distribution: Metal 1, Water 1, Earth 1, Wood 1" in energy_prompt
    assert "{'" not in group_prompt + energy_prompt


@pytest.mark.parametrize(
    ("distribution", "english", "persian"),
    [
        (
            {"Metal": 1, "Water": 1, "Earth": 1, "Wood": 1},
            "Balanced: Wood, Earth, Metal and Water equally",
            "متوازن: چوب، خاک، فلز و آب به یک اندازه",
        ),
        (
            {"Fire": 2, "Wood": 2, "Water": 1},
            "Balanced: Wood and Fire equally",
            "متوازن: چوب و آتش به یک اندازه",
        ),
        ({"Water": 1, "Fire": 3}, "Fire", "آتش"),
        ({"Pig": 2, "Rat": 2}, "Balanced: Rat and Pig equally", "متوازن: موش و خوک به یک اندازه"),
    ],
    ids=["four-way-tie", "two-way-tie", "one-leads", "animals"],
)
def test_dominant_text_says_a_tie_in_both_languages(distribution, english, persian):
    assert dominant_text(distribution) == english
    with speaking("fa"):
        assert dominant_text(distribution) == persian
