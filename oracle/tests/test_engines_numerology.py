"""Numerology engine: V4's vectors, Chaldean, the one master-number rule, errors.

Expected values are copied from the spec. Where a V4 vector was produced by a defect that is now
fixed (one master-number rule: 11/22/33 kept; empty/non-letter names; Persian names worth 0), the test
says so and asserts the fixed value.
"""

# ruff: noqa: E501

from __future__ import annotations

import inspect
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oracle.engines import numerology
from oracle.engines.errors import (
    EngineError,
    InvalidDateError,
    InvalidNameError,
    InvalidNumberError,
    InvalidNumerologySystemError,
)
from oracle.engines.numerology import (
    CHALDEAN_VALUES,
    LETTER_VALUES,
    LIFE_PATH_MEANINGS,
    VOWELS,
    life_path,
    name_personality,
    name_soul_urge,
    name_sum,
    name_to_number,
    numerology_reduce,
    personal_day,
    personal_month,
    personal_year,
)

from .vectors import load, params

VECTORS = load("numerology")

REDUCED_VALUES = frozenset({*range(10), 11, 22, 33})

# ── Tables ──────────────────────────────────────────────────────────────────────────────────────


def test_pythagorean_letter_values_are_table_t7():
    assert "".join(str(LETTER_VALUES[ch]) for ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == (
        "12345678912345678912345678"
    )
    assert frozenset("AEIOU") == VOWELS  # Y is a consonant


def test_chaldean_letter_values_are_table_t8():
    values = [CHALDEAN_VALUES[ch] for ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    assert values == [1, 2, 3, 4, 5, 8, 3, 5, 1, 1, 2, 3, 4, 5, 7, 8, 1, 2, 3, 4, 6, 6, 6, 5, 1, 7]


def test_life_path_meanings_are_table_t9():
    assert sorted(LIFE_PATH_MEANINGS) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 22, 33]
    assert LIFE_PATH_MEANINGS[1] == ("The Pioneer", "Lead, start, go first")
    assert LIFE_PATH_MEANINGS[7] == ("The Seeker", "Question, analyze, find meaning")
    assert LIFE_PATH_MEANINGS[11] == ("The Visionary", "See what hasn't been built (master)")
    assert LIFE_PATH_MEANINGS[22] == (
        "The Master Builder",
        "Turn impossible visions into reality (master)",
    )
    assert LIFE_PATH_MEANINGS[33] == (
        "The Master Teacher",
        "Heal through compassionate leadership (master)",
    )


# ── name numbers (Pythagorean) ────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("name", "expression", "soul_urge", "personality"),
    params(VECTORS["test_name_numbers_match_v4_vector"]),
)
def test_name_numbers_match_v4_vector(name, expression, soul_urge, personality):
    assert name_to_number(name) == expression
    assert name_soul_urge(name) == soul_urge
    assert name_personality(name) == personality
    # Latin names are Pythagorean by default: naming the system changes nothing.
    assert name_to_number(name, system="pythagorean") == expression


def test_persian_name_gets_real_numbers_instead_of_v4_zeros():
    """V4 vector 'علی رضایی' → 0, 0, 0 (no Abjad at V4); Persian script is counted with Abjad."""
    # علی 110 + رضایی (ر200 + ض800 + ا1 + ی10 + ی10 = 1021) = 1131 → 6
    assert name_sum("علی رضایی") == 1131
    assert name_to_number("علی رضایی") == 6
    # vowels ی10 + ا1 + ی10 + ی10 = 31 → 4; consonants ع70 + ل30 + ر200 + ض800 = 1100 → 2
    assert name_soul_urge("علی رضایی") == 4
    assert name_personality("علی رضایی") == 2


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_empty_name_is_rejected_with_clear_error(name):
    """V4 vector '' → 0, 0, 0: an empty name now raises instead of reading as 0."""
    for function in (name_to_number, name_soul_urge, name_personality):
        with pytest.raises(InvalidNameError, match="The name is empty") as caught:
            function(name)
        assert caught.value.field == "name"


@pytest.mark.parametrize("name", ["123", "!!!", "— —", "Иван"])
def test_name_without_countable_letters_is_rejected_with_clear_error(name):
    with pytest.raises(
        InvalidNameError, match="has no letter that Pythagorean numerology can count"
    ):
        name_to_number(name)


def test_non_text_name_is_rejected():
    with pytest.raises(InvalidNameError, match="must be text"):
        name_to_number(None)  # type: ignore[arg-type]


def test_unknown_numerology_system_is_rejected():
    with pytest.raises(
        InvalidNumerologySystemError, match="use auto, pythagorean, chaldean or abjad"
    ):
        name_to_number("Alice", system="kabbalah")


# ── Chaldean as a full system (T8) ──────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("name", "raw", "expression", "soul_urge", "personality"),
    params(VECTORS["test_chaldean_name_numbers"]),
)
def test_chaldean_name_numbers(name, raw, expression, soul_urge, personality):
    assert name_sum(name, system="chaldean") == raw
    assert name_to_number(name, system="chaldean") == expression
    assert name_soul_urge(name, system="chaldean") == soul_urge
    assert name_personality(name, system="chaldean") == personality


# ── reduction ──────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("n", "reduced"),
    params(VECTORS["test_numerology_reduce_matches_v4_vector"]),
)
def test_numerology_reduce_matches_v4_vector(n, reduced):
    assert numerology_reduce(n) == reduced


@pytest.mark.parametrize(("n", "reduced"), [(-5, 5), (-15, 6), (-29, 11), (-11, 11)])
def test_negative_numbers_reduce_like_their_magnitude(n, reduced):
    """V4 vectors −5 → −5, −15 → −15 (unreduced): the one rule reduces |n|, as every V4 caller did."""
    assert numerology_reduce(n) == reduced


@pytest.mark.parametrize("bad", [1.5, "12", None, True])
def test_reduction_rejects_non_integers(bad):
    with pytest.raises(InvalidNumberError, match="must be a whole number"):
        numerology_reduce(bad)


# ── date numbers ───────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("ymd", "number"),
    params(VECTORS["test_life_path_matches_v4_vector"], "tuple"),
)
def test_life_path_matches_v4_vector(ymd, number):
    assert life_path(*ymd) == number


def test_life_path_of_year_11_keeps_the_master_year():
    """Defect 8: V4 reduced the year's digit sum (year 11 → 2); the one rule keeps 11."""
    assert life_path(11, 1, 9) == 3  # 9 + 1 + 11 = 21 → 3 (V4: 9 + 1 + 2 = 12 → 3)
    assert life_path(33, 1, 2) == 9  # 2 + 1 + 33 = 36 → 9 (V4: 2 + 1 + 6 = 9)
    assert life_path(22, 1, 5) == 1  # 5 + 1 + 22 = 28 → 10 → 1 (V4: 5 + 1 + 4 = 10 → 1)
    assert life_path(11, 2, 9) == 22  # 9 + 2 + 11 = 22 (V4: 9 + 2 + 2 = 13 → 4)


@pytest.mark.parametrize(
    ("args", "number"),
    [
        pytest.param((5, 15, 2026), 3, id="5-15-2026"),
        pytest.param((3, 20, 2026), 6, id="3-20-2026"),
        pytest.param((11, 29, 2025), 4, id="11-29-2025"),
        pytest.param((1, 1, 2024), 1, id="1-1-2024"),
        pytest.param((12, 31, 2026), 8, id="12-31-2026"),
    ],
)
def test_personal_year_matches_v4_vector(args, number):
    assert personal_year(*args) == number


def test_personal_month_and_day_build_on_the_personal_year():
    # personal year (5, 15, 2026) = 3; month 2 → 5; day 6 → 11 (master kept)
    assert personal_month(5, 15, 2026, 2) == 5
    assert personal_day(5, 15, 2026, 2, 6) == 11


def test_impossible_birth_date_is_rejected_with_clear_error():
    """Defect 15: V4 computed a life path for 2026-02-30."""
    with pytest.raises(InvalidDateError, match="2026-02-30 is not a real date"):
        life_path(2026, 2, 30)
    with pytest.raises(InvalidDateError, match="is not a real date"):
        personal_year(2, 30, 2026)
    with pytest.raises(InvalidDateError, match="Month 13 does not exist"):
        personal_year(13, 1, 2026)
    with pytest.raises(InvalidDateError, match="Year 0 is not supported"):
        personal_year(1, 1, 0)


def test_birthday_on_29_february_has_a_personal_year_in_any_year():
    assert personal_year(2, 29, 2025) == numerology_reduce(2 + 11 + 9)


# ── No clock, no state ──────────────────────────────────────────────────────────────────────────


def test_numerology_reads_no_clock():
    """Defect 21: nothing in the engine reads the wall clock."""
    source = inspect.getsource(numerology)
    assert not re.search(r"\.now\(|\.today\(|\.utcnow\(|time\.time\(|import time\b", source)


# ── Properties ──────────────────────────────────────────────────────────────────────────────────


@given(st.integers(min_value=-(10**30), max_value=10**30))
def test_numerology_reduce_is_always_a_digit_or_a_master_number(n):
    reduced = numerology_reduce(n)
    assert reduced in REDUCED_VALUES
    assert numerology_reduce(reduced) == reduced  # reducing again changes nothing
    assert (reduced == 0) == (n == 0)


@given(st.integers(min_value=0, max_value=10**12))
def test_numerology_reduce_keeps_the_value_mod_9(n):
    """Digit sums keep n mod 9, so any non-master reduction is the classic digital root."""
    reduced = numerology_reduce(n)
    assert reduced % 9 == n % 9


@settings(max_examples=300)
@given(st.text(), st.sampled_from(["auto", "pythagorean", "chaldean", "abjad"]))
def test_name_functions_raise_nothing_but_engine_errors_for_any_text(text, system):
    for function in (name_to_number, name_soul_urge, name_personality):
        try:
            value = function(text, system=system)
        except EngineError:
            continue
        assert value in REDUCED_VALUES


@given(st.text(alphabet=st.characters(min_codepoint=ord("A"), max_codepoint=ord("z")), min_size=1))
def test_every_latin_name_has_an_expression_of_1_to_9_or_a_master(text):
    if not any(ch.isalpha() for ch in text):
        return
    assert name_to_number(text) in REDUCED_VALUES - {0}


def test_master_numbers_are_kept_by_the_one_reduction_rule():
    """Defect 8: V4 reduced sign numbers by digit sum first (11 → 2, 22 → 4) while calling them
    masters; here 11, 22 and 33 reduce to themselves."""
    assert [numerology_reduce(n) for n in (11, 22, 33, 29, 38)] == [11, 22, 33, 11, 11]
