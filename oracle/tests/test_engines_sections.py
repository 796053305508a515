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
