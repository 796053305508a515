"""The nine-section interpretation: prompt, defensive parsing, deterministic sections."""

import json

import pytest

from oracle.engines.interpretation import (
    PROMPT_VERSION,
    SECTION_KEYS,
    fallback_sections,
    interpret_question,
    interpret_reading,
    parse_sections,
    sections_prompt,
)
from oracle.engines.signs import read_sign

FULL = {key: f"text of {key}" for key in SECTION_KEYS}


def sign():
    return read_sign("777", date="2026-02-08", time_str="14:30")


@pytest.mark.parametrize(
    "answer",
    [
        json.dumps(FULL),
        "```json\n" + json.dumps(FULL) + "\n```",
        "Here you are: " + json.dumps({**FULL, "extra": "dropped"}) + " — enjoy",
    ],
    ids=["bare", "fenced", "with-words-and-an-extra-key"],
)
def test_sections_are_read_from_a_json_answer(answer):
    assert parse_sections(answer) == FULL


def test_missing_and_null_sections_are_empty():
    parsed = parse_sections(json.dumps({"message": " Go. ", "caution": None}))
    assert parsed["message"] == "Go."
    assert parsed["caution"] == parsed["header"] == ""
    assert list(parsed) == list(SECTION_KEYS)


@pytest.mark.parametrize(
    "answer",
    [
        None,
        "",
        "The stars say yes.",
        "{not json}",
        json.dumps({**FULL, "advice": ["a", "list"]}),
        json.dumps({**FULL, "message": 7}),
        json.dumps({"header": "Only a title", "footer": "and an end"}),
    ],
    ids=["none", "empty", "prose", "broken-json", "a-list-value", "a-number", "no-body"],
)
def test_malformed_answers_are_refused(answer):
    assert parse_sections(answer) is None


def test_prompt_names_the_language_and_the_learned_preferences_slot():
    from oracle.engines.interpretation import build_reading_context

    ctx = build_reading_context(sign(), "Alice")
    persian = sections_prompt("reading", ctx, language="fa", preferences="Shorter advice")
    english = sections_prompt("reading", ctx)

    assert "in Persian (Farsi)" in persian and "in English" in english
    assert "Learned preferences of this reader (follow them): Shorter advice" in persian
    assert "Learned preferences" not in english
    for line in ("Person: Alice", "FC60 Sign: OXMT", "Moon Phase: Waning Gibbous"):
        assert line in english


def test_question_category_reaches_the_prompt():
    prompts = []

    def generate(prompt, *, system_prompt, temperature):
        prompts.append(prompt)
        return json.dumps(FULL)

    result = interpret_question(
        {"question": "Will it work?", "category": "career"}, generate=generate
    )
    assert "Question Category: career" in prompts[0]
    assert result["ai_generated"] is True


def test_ai_sections_give_the_text_and_the_prompt_version():
    result = interpret_reading(sign(), generate=lambda *a, **k: json.dumps(FULL), language="fa")
    assert result["sections"] == FULL
    assert result["text"].startswith("text of universal_address\n\ntext of core_identity")
    assert (result["language"], result["prompt_version"]) == ("fa", PROMPT_VERSION)


def test_malformed_ai_answer_falls_back_to_deterministic_sections():
    result = interpret_reading(sign(), "simple", "Alice", generate=lambda *a, **k: "Nope")
    assert result["ai_generated"] is False
    assert result["sections"]["core_identity"].startswith("Your FC60 signature is Metal Ox")
    assert result["sections"]["header"] == "A reading for Alice"


@pytest.mark.parametrize("kind", ["reading", "name", "question", "daily"])
def test_every_kind_has_nine_deterministic_sections_with_a_body(kind):
    from collections import defaultdict

    ctx = defaultdict(lambda: "(not available)", {"name": "Alice", "answer": "yes"})
    sections = fallback_sections(kind, ctx)
    assert list(sections) == list(SECTION_KEYS)
    assert sections["core_identity"] and sections["message"] and sections["header"]


# --- the Caution section: what to watch for, from the reading itself ------------------------


def _fallback(kind, **values):
    from collections import defaultdict

    return fallback_sections(kind, defaultdict(lambda: "(not available)", values))


def test_caution_warns_from_the_life_path_element_and_moon_not_practice_tips():
    sections = _fallback(
        "reading", name="Alice", life_path="7", element="Fire", moon_phase="Full Moon"
    )
    assert sections["caution"] == (
        "With Life Path 7, watch for overthinking, and shutting out the people who could help. "
        "Fire burns quickly: beware of haste, and of words spoken in the heat of the moment. "
        "Under a Full Moon feelings run high: sleep on big decisions."
    )
    # The practice tips moved to the advice, after the advice itself.
    assert "**Daily Practice**" not in sections["caution"]
    assert sections["advice"].startswith("Dear Alice")
    assert (
        "**Daily Practice**: Spend 5 minutes each morning connecting with your Fire energy"
        in (sections["advice"])
    )


def test_caution_follows_the_numbers_at_hand():
    seven = _fallback("reading", life_path="7", element="Water")["caution"]
    eight = _fallback("reading", life_path="8", element="Wood")["caution"]
    assert "overthinking" in seven and "drifting along" in seven
    assert "money or power" in eight and "Wood grows fast" in eight


@pytest.mark.parametrize(
    ("kind", "values", "expected"),
    [
        (
            "question",
            {"answer": "no", "sign_number": "22"},
            "A no is not forever: do not close the door in frustration. With the sign number "
            "22, watch for taking on more plans than one life can carry.",
        ),
        (
            "name",
            {"expression": "1", "soul_urge": "6", "personality": "4", "element": "Metal"},
            "With Destiny number 1, watch for stubbornness, and deciding for others without "
            "asking them. Your Soul Urge 6 and Personality 4 differ: people may meet someone "
            "other than who you are inside, so say plainly what you want. Metal cuts: beware of "
            "judging yourself and others too sharply.",
        ),
        (
            "daily",
            {"day_number": "11", "moon_phase": "New Moon"},
            "With today's number 11, watch for nervous strain, and doubting the intuition you do "
            "have. Under a New Moon plans are seeds: do not judge them by what shows yet.",
        ),
    ],
    ids=["question", "name", "daily"],
)
def test_caution_of_each_kind_of_reading(kind, values, expected):
    values = {"name": "Alice", "answer": "yes", "date": "2026-02-08", **values}
    assert _fallback(kind, **values)["caution"] == expected


def test_caution_is_persian_in_persian():
    from oracle.engines.i18n import speaking

    with speaking("fa"):
        sections = _fallback(
            "question", name="Alice", answer="yes", sign_number="5", moon_phase="Last Quarter"
        )
    assert sections["caution"] == (
        "«بله» تضمین نیست: پیش از آنکه متعهد شوی، جزئیات را بسنج. با عدد نشانهٔ 5، مراقب "
        "بی‌قراری‌ای که درست پیش از رسیدن پاداش دست می‌کشد باش. تربیع دوم رها کردن می‌خواهد: از "
        "نگه داشتن از سر عادت بپرهیز."
    )


def test_every_element_moon_phase_number_and_answer_has_a_caution():
    from oracle.engines import fc60, interpretation

    assert set(interpretation.ELEMENT_CAUTIONS) == set(fc60.ELEMENT_NAMES)
    assert set(interpretation.MOON_CAUTIONS) == set(fc60.MOON_PHASE_NAMES)
    assert set(interpretation.NUMBER_SHADOWS) == {*range(1, 10), 11, 22, 33}
    assert set(interpretation.ANSWER_CAUTIONS) == {"yes", "no", "maybe"}
