"""Abjad (Persian/Arabic letter values) and automatic system choice.

Every expected value below was summed by hand, letter by letter, from the Abjad table:
ا1 ب2 ج3 د4 ه5 و6 ز7 ح8 ط9 ی/ي10 ک/ك20 ل30 م40 ن50 س60 ع70 ف80 ص90 ق100 ر200 ش300 ت400 ث500 خ600
ذ700 ض800 ظ900 غ1000; پ2 چ3 ژ7 گ20; آ أ إ ٱ = 1; diacritics, tatweel, ZWNJ/ZWJ = 0.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oracle.engines.errors import InvalidNameError, InvalidNumerologySystemError
from oracle.engines.numerology import (
    ABJAD_VALUES,
    detect_system,
    has_countable_letter,
    has_persian_arabic_letters,
    letter_value,
    name_personality,
    name_soul_urge,
    name_sum,
    name_to_number,
    resolve_numerology_system,
)

from .vectors import load, params

VECTORS = load("abjad")

ZWNJ = "\u200c"

SECTION_12_TABLE = {
    "ا": 1, "ب": 2, "ج": 3, "د": 4, "ه": 5, "و": 6, "ز": 7, "ح": 8, "ط": 9,
    "ي": 10, "ی": 10, "ک": 20, "ك": 20, "ل": 30, "م": 40, "ن": 50, "س": 60, "ع": 70,
    "ف": 80, "ص": 90, "ق": 100, "ر": 200, "ش": 300, "ت": 400, "ث": 500, "خ": 600,
    "ذ": 700, "ض": 800, "ظ": 900, "غ": 1000,
    "پ": 2, "چ": 3, "ژ": 7, "گ": 20,
    "آ": 1, "أ": 1, "إ": 1, "ٱ": 1,
}  # fmt: skip


@pytest.mark.parametrize(("letter", "value"), list(SECTION_12_TABLE.items()))
def test_abjad_table_has_every_section_12_value(letter, value):
    assert ABJAD_VALUES[letter] == value
    assert letter_value(letter, "abjad") == value


@pytest.mark.parametrize(
    "mark",
    [
        pytest.param("\u064e", id="fatha"),
        pytest.param("\u064f", id="damma"),
        pytest.param("\u0650", id="kasra"),
        pytest.param("\u0651", id="shadda"),
        pytest.param("\u0652", id="sukun"),
        pytest.param("\u064b", id="tanwin"),
        pytest.param("\u0640", id="tatweel"),
        pytest.param(ZWNJ, id="ZWNJ"),
        pytest.param("\u200d", id="ZWJ"),
    ],
)
def test_diacritics_tatweel_and_joiners_are_worth_zero(mark):
    assert letter_value(mark, "abjad") == 0
    assert name_sum("علی" + mark, system="abjad") == 110


@pytest.mark.parametrize(
    ("name", "total", "expression"),
    params(VECTORS["test_persian_and_arabic_names_have_their_abjad_value"]),
)
def test_persian_and_arabic_names_have_their_abjad_value(name, total, expression):
    assert name_sum(name) == total  # auto-selected: Persian script → Abjad
    assert name_sum(name, system="abjad") == total
    assert name_to_number(name) == expression


@pytest.mark.parametrize(
    ("name", "soul_urge", "personality"),
    params(VECTORS["test_abjad_soul_urge_counts_long_vowels_and_personality_the_rest"]),
)
def test_abjad_soul_urge_counts_long_vowels_and_personality_the_rest(name, soul_urge, personality):
    assert name_soul_urge(name) == soul_urge
    assert name_personality(name) == personality


# ── Automatic choice (script detector) ──────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("name", "preferred", "locale", "system"),
    params(VECTORS["test_detect_system"]),
)
def test_detect_system(name, preferred, locale, system):
    assert detect_system(name, preferred=preferred, locale=locale) == system


def test_resolve_numerology_system_takes_name_and_setting():
    assert resolve_numerology_system("علی", "auto") == "abjad"
    assert resolve_numerology_system("علی", "chaldean") == "chaldean"


def test_auto_and_explicit_system_give_the_same_numbers_for_latin_names():
    assert name_to_number("Alice Smith") == name_to_number("Alice Smith", system="pythagorean") == 9
    assert name_to_number("Alice Smith", system="chaldean") != 9  # the override is really used


def test_explicit_latin_system_on_a_persian_name_is_rejected_with_clear_error():
    with pytest.raises(InvalidNameError, match="choose Abjad for a Persian/Arabic name"):
        name_to_number("علی", system="pythagorean")
    assert has_countable_letter("علی", "pythagorean") is False
    assert has_countable_letter("علی", "auto") is True


def test_explicit_abjad_on_a_latin_name_is_rejected_with_clear_error():
    with pytest.raises(InvalidNameError, match="write it with Persian or Arabic letters"):
        name_to_number("Alice", system="abjad")


def test_unknown_system_is_rejected_with_clear_error():
    with pytest.raises(InvalidNumerologySystemError) as caught:
        detect_system("Alice", preferred="hebrew")
    assert str(caught.value) == (
        "Unknown numerology system 'hebrew': use auto, pythagorean, chaldean or abjad."
    )
    assert caught.value.field == "numerology_system"


def test_persian_digits_do_not_make_a_latin_name_persian():
    assert has_persian_arabic_letters("Ali ۱۳۷۰") is False
    assert name_to_number("Ali ۱۳۷۰") == 4  # A1 + L3 + I9 = 13 → 4


persian_letters = st.sampled_from(sorted(SECTION_12_TABLE))


@given(st.lists(persian_letters, min_size=1, max_size=30))
def test_persian_names_are_never_worth_zero(letters):
    name = "".join(letters)
    assert name_sum(name) == sum(SECTION_12_TABLE[ch] for ch in letters) > 0
    assert name_to_number(name) in {1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 22, 33}
