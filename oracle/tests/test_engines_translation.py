"""Translation support: protected terms are whole words, found in one scan."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oracle.engines.translation import (
    FC60_PRESERVED_TERMS,
    detect_language,
    protect_terms,
    restore_terms,
    translate,
)

from .vectors import load

VECTORS = load("translation")

# --- vectors -------------------------------------------------------------------------
# V4's _protect_terms output, then ours (no spurious "ER" from the
# "TERM" of a placeholder, no tokens inside words such as BOX).
# protect_terms answers (text, [(term, placeholder), …]); JSON keeps the tuples as lists.
PROTECTION_VECTORS = {
    name: (text, *((protected, [tuple(pair) for pair in pairs]) for protected, pairs in outputs))
    for name, (text, *outputs) in VECTORS["PROTECTION_VECTORS"].items()
}
# V4's translate(...)["preserved_terms"] and the value with whole-word, one-scan matching.
PRESERVED_TERMS_VECTORS = {
    "wood-dragon": (["Dragon", "Wood", "ER"], ["Dragon", "Wood"]),
    "ox-and-box": (["OX", "ER"], ["OX"]),
    "life-path-soul-urge-expression": (
        ["Expression", "Life Path", "Soul Urge", "ER"],
        ["Expression", "Life Path", "Soul Urge"],
    ),
    "hello": ([], []),
    "water-fire-fc60": (
        ["FrankenChron-60", "Water", "FC60", "Fire", "ER"],
        ["FrankenChron-60", "Water", "FC60", "Fire"],
    ),
}


@pytest.mark.parametrize("vector", list(PROTECTION_VECTORS))
def test_term_protection_vector_whole_words_one_scan(vector):
    text, v4_output, fixed_output = PROTECTION_VECTORS[vector]
    assert protect_terms(text) == fixed_output
    # None of these texts holds a real ER token: V4's only extra term is the spurious "ER".
    assert [term for term, _ in v4_output[1] if term != "ER"] == [t for t, _ in fixed_output[1]]


@pytest.mark.parametrize("vector", list(PRESERVED_TERMS_VECTORS))
def test_translate_without_ai_returns_the_original_text(vector):
    text = PROTECTION_VECTORS[vector][0]
    _, fixed_terms = PRESERVED_TERMS_VECTORS[vector]
    assert translate(text) == {
        "source_text": text,
        "translated_text": text,
        "source_lang": "en",
        "target_lang": "fa",
        "preserved_terms": fixed_terms,
        "ai_generated": False,
        "elapsed_ms": 0.0,
    }


def test_translate_empty_text_vector():
    assert translate("") == {
        "source_text": "",
        "translated_text": "",
        "source_lang": "en",
        "target_lang": "fa",
        "preserved_terms": [],
        "ai_generated": False,
        "elapsed_ms": 0.0,
    }


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("سلام", "fa"),
        ("hello", "en"),
        ("سلام hello", "en"),
        ("سلام hi", "fa"),
        ("", "en"),
        ("123", "en"),
        ("[\\]^_`", "en"),
    ],
    ids=["persian", "english", "more-latin", "more-persian", "empty", "digits", "ascii-symbols"],
)
def test_detect_language_vector(text, language):
    assert detect_language(text) == language


# --- whole words, one scan -----------------------------------------------------------------


def test_term_protection_ignores_tokens_inside_words():
    protected, replacements = protect_terms("The OX and the BOX, a DOG and a DOg, Woodland")
    assert protected == "The __TERM000__ and the BOX, a DOG and a DOg, Woodland"
    assert replacements == [("OX", "__TERM000__")]


def test_term_protection_reports_no_spurious_er():
    assert translate("Your Wood Dragon energy")["preserved_terms"] == ["Dragon", "Wood"]


def test_term_protection_still_protects_a_real_er_token():
    protected, replacements = protect_terms("Earth is ER in FC60")
    assert protected == "__TERM000__ is __TERM002__ in __TERM001__"
    assert [term for term, _ in replacements] == ["Earth", "FC60", "ER"]


def test_term_protection_finds_tokens_of_an_fc60_stamp():
    protected, _ = protect_terms("VE-OX-OXFI ☀OX-RUWU-RAWU")
    assert protected == "VE-__TERM000__-OXFI ☀__TERM000__-RUWU-RAWU"


def test_placeholder_numbering_skips_placeholders_already_in_the_text():
    protected, replacements = protect_terms("__TERM000__ and Wood")
    assert replacements == [("Wood", "__TERM001__")]
    assert restore_terms(protected, replacements) == "__TERM000__ and Wood"


def test_preserved_terms_table_is_v4s():
    assert len(FC60_PRESERVED_TERMS) == 41
    assert FC60_PRESERVED_TERMS[:4] == ("FC60", "FrankenChron-60", "Wu Xing", "Wood")
    assert FC60_PRESERVED_TERMS[-5:] == ("WU", "FI", "ER", "MT", "WA")


@given(st.text(max_size=200))
def test_protect_then_restore_gives_back_the_text(text):
    protected, replacements = protect_terms(text)
    assert restore_terms(protected, replacements) == text


# --- with an AI text generator -------------------------------------------------------------


def test_translate_with_ai_restores_the_protected_terms():
    prompts = []

    def generate(prompt, *, system_prompt, temperature):
        prompts.append((prompt, system_prompt, temperature))
        return "انرژی __TERM001__ __TERM000__ شما"

    result = translate("Your Wood Dragon energy", generate=generate)
    assert result["translated_text"] == "انرژی Wood Dragon شما"
    assert result["ai_generated"] is True
    assert result["preserved_terms"] == ["Dragon", "Wood"]
    prompt, system_prompt, temperature = prompts[0]
    assert "Your __TERM001__ __TERM000__ energy" in prompt
    assert "into Persian" in prompt
    assert temperature == 0.3
    assert system_prompt


def test_translate_persian_to_english_uses_the_fa_to_en_prompt():
    prompts = []

    def generate(prompt, *, system_prompt, temperature):
        prompts.append(prompt)
        return "Hello"

    result = translate("سلام", "fa", "en", generate=generate)
    assert result["translated_text"] == "Hello"
    assert "into English" in prompts[0]


@pytest.mark.parametrize(
    "failure",
    [lambda *a, **k: None, lambda *a, **k: "  ", lambda *a, **k: 1 / 0],
    ids=["no-answer", "blank-answer", "raises"],
)
def test_translate_falls_back_to_the_original_when_ai_fails(failure):
    result = translate("Your Wood Dragon energy", generate=failure)
    assert result["translated_text"] == "Your Wood Dragon energy"
    assert result["ai_generated"] is False
    assert result["preserved_terms"] == ["Dragon", "Wood"]
