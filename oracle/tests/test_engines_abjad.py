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
    [
        # ع70 + ل30 + ی10 = 110 → 1+1+0 = 2
        pytest.param("علی", 110, 2, id="Ali"),
        # ح8 + م40 + ز7 + ه5 = 60 → 6
        pytest.param("حمزه", 60, 6, id="Hamzeh"),
        # م40 + ح8 + م40 + د4 = 92 → 11 (master)
        pytest.param("محمد", 92, 11, id="Mohammad"),
        # ر200 + ض800 + ا1 = 1001 → 2
        pytest.param("رضا", 1001, 2, id="Reza"),
        # ف80 + ا1 + ط9 + م40 + ه5 = 135 → 9
        pytest.param("فاطمه", 135, 9, id="Fatemeh"),
        # ز7 + ه5 + ر200 + ا1 = 213 → 6
        pytest.param("زهرا", 213, 6, id="Zahra"),
        # م40 + ر200 + ی10 + م40 = 290 → 11 (master)
        pytest.param("مریم", 290, 11, id="Maryam"),
        # ح8 + س60 + ی10 + ن50 = 128 → 11 (master)
        pytest.param("حسین", 128, 11, id="Hossein"),
        # ح8 + س60 + ن50 = 118 → 10 → 1
        pytest.param("حسن", 118, 1, id="Hassan"),
        # آ1 + ر200 + ش300 = 501 → 6   (آ alef madda)
        pytest.param("آرش", 501, 6, id="Arash-alef-madda"),
        # پ2 + ر200 + و6 + ی10 + ز7 = 225 → 9   (پ)
        pytest.param("پرویز", 225, 9, id="Parviz-pe"),
        # م40 + ن50 + و6 + چ3 + ه5 + ر200 = 304 → 7   (چ)
        pytest.param("منوچهر", 304, 7, id="Manouchehr-che"),
        # چ3 + ن50 + گ20 + ی10 + ز7 = 90 → 9   (چ and گ)
        pytest.param("چنگیز", 90, 9, id="Changiz-che-gaf"),
        # ژ7 + ا1 + ل30 + ه5 = 43 → 7   (ژ)
        pytest.param("ژاله", 43, 7, id="Zhaleh-zhe"),
        # گ20 + ل30 + ن50 + ا1 + ز7 = 108 → 9   (گ)
        pytest.param("گلناز", 108, 9, id="Golnaz-gaf"),
        # علی 110 + ZWNJ 0 + رضا 1001 = 1111 → 4
        pytest.param("علی" + ZWNJ + "رضا", 1111, 4, id="Alireza-ZWNJ"),
        # ذ700 + ب2 + ی10 + ح8 + ZWNJ0 + ا1 + ل30 + ل30 + ه5 = 786 → 21 → 3
        pytest.param("ذبیح" + ZWNJ + "الله", 786, 3, id="Zabihollah-ZWNJ"),
        # م40 + ◌ُ0 + ح8 + ◌َ0 + م40 + ◌َّ0 + د4 = 92 → 11   (damma, fatha, shadda+fatha)
        pytest.param("مُحَمَّد", 92, 11, id="Mohammad-diacritics"),
        # ع70 + ل30 + ـ0 ـ0 ـ0 + ی10 = 110 → 2   (tatweel)
        pytest.param("علـــی", 110, 2, id="Ali-tatweel"),
        # Arabic spelling: ع70 + ل30 + ي10 (Arabic yeh) = 110 → 2
        pytest.param("علي", 110, 2, id="Ali-arabic-yeh"),
        # ك20 (Arabic kaf) + ر200 + ي10 + م40 = 270 → 9
        pytest.param("كريم", 270, 9, id="Karim-arabic-kaf"),
        # ک20 (Persian keheh) + ر200 + ی10 + م40 = 270 → 9
        pytest.param("کریم", 270, 9, id="Karim-persian-kaf"),
        # أ1 + ح8 + م40 + د4 = 53 → 8   (alef with hamza above)
        pytest.param("أحمد", 53, 8, id="Ahmad-alef-hamza"),
        # إ1 + ب2 + ر200 + ا1 + ه5 + ي10 + م40 = 259 → 16 → 7   (alef with hamza below)
        pytest.param("إبراهيم", 259, 7, id="Ebrahim-alef-hamza-below"),
        # ع70 + ب2 + د4 + ٱ1 + ل30 + ل30 + ه5 = 142 → 7   (alef wasla)
        pytest.param("عبدٱلله", 142, 7, id="Abdollah-alef-wasla"),
        # غ1000 + ل30 + ا1 + م40 + ر200 + ض800 + ا1 = 2072 → 11 (master)
        pytest.param("غلامرضا", 2072, 11, id="Gholamreza"),
        # خ600 + د4 + ی10 + ج3 + ه5 = 622 → 10 → 1
        pytest.param("خدیجه", 622, 1, id="Khadijeh"),
        # ث500 + ر200 + ی10 + ا1 = 711 → 9
        pytest.param("ثریا", 711, 9, id="Soraya"),
        # ص90 + ا1 + د4 + ق100 = 195 → 15 → 6
        pytest.param("صادق", 195, 6, id="Sadegh"),
        # ظ900 + ف80 + ر200 = 1180 → 10 → 1
        pytest.param("ظفر", 1180, 1, id="Zafar"),
        # ط9 + ا1 + ه5 + ر200 + ه5 = 220 → 4
        pytest.param("طاهره", 220, 4, id="Tahereh"),
        # ش300 + ه5 + ر200 + ز7 + ا1 + د4 = 517 → 13 → 4
        pytest.param("شهرزاد", 517, 4, id="Shahrzad"),
        # ت400 + ی10 + ن50 + ا1 = 461 → 11 (master)
        pytest.param("تینا", 461, 11, id="Tina"),
        # علی 110 + space + رضایی (ر200 + ض800 + ا1 + ی10 + ی10 = 1021) = 1131 → 6
        pytest.param("علی رضایی", 1131, 6, id="Ali-Rezaei-two-words"),
        # presentation forms ﻋ ﻠ ﻲ fold (NFKC) to ع70 + ل30 + ي10 = 110 → 2
        pytest.param("\ufecb\ufee0\ufef2", 110, 2, id="Ali-presentation-forms"),
        # ف80 + ا1 + ط9 + م40 + ة5 (teh marbuta counted as ه) = 135 → 9, as the Persian spelling
        pytest.param("فاطمة", 135, 9, id="Fatima-teh-marbuta"),
    ],
)
def test_persian_and_arabic_names_have_their_abjad_value(name, total, expression):
    assert name_sum(name) == total  # auto-selected: Persian script → Abjad
    assert name_sum(name, system="abjad") == total
    assert name_to_number(name) == expression


@pytest.mark.parametrize(
    ("name", "soul_urge", "personality"),
    [
        # vowels ی10 → 1; consonants ع70 + ل30 = 100 → 1
        pytest.param("علی", 1, 1, id="Ali"),
        # no long vowel → 0; consonants ح8 + م40 + ز7 + ه5 = 60 → 6
        pytest.param("حمزه", 0, 6, id="Hamzeh"),
        # vowels ا1 → 1; consonants ف80 + ط9 + م40 + ه5 = 134 → 8
        pytest.param("فاطمه", 1, 8, id="Fatemeh"),
        # vowels و6 + ی10 = 16 → 7; consonants پ2 + ر200 + ز7 = 209 → 11
        pytest.param("پرویز", 7, 11, id="Parviz"),
        # vowels ی10 + ا1 = 11 (master); consonants ع70 + ل30 + ر200 + ض800 = 1100 → 2
        pytest.param("علی" + ZWNJ + "رضا", 11, 2, id="Alireza"),
        # vowels آ1 → 1; consonants ر200 + ش300 = 500 → 5
        pytest.param("آرش", 1, 5, id="Arash"),
        # vowels ی10 + ا1 = 11 (master); consonants ت400 + ن50 = 450 → 9
        pytest.param("تینا", 11, 9, id="Tina"),
    ],
)
def test_abjad_soul_urge_counts_long_vowels_and_personality_the_rest(name, soul_urge, personality):
    assert name_soul_urge(name) == soul_urge
    assert name_personality(name) == personality


# ── Automatic choice (script detector) ──────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("name", "preferred", "locale", "system"),
    [
        pytest.param("Alice", None, None, "pythagorean", id="latin-is-pythagorean"),
        pytest.param("علی", None, None, "abjad", id="persian-is-abjad"),
        pytest.param("محمد", None, "en", "abjad", id="arabic-script-beats-english-locale"),
        pytest.param("Ali علی", None, None, "abjad", id="any-persian-letter-is-abjad"),
        pytest.param("Alice", "chaldean", None, "chaldean", id="explicit-chaldean-wins"),
        pytest.param("علی", "pythagorean", None, "pythagorean", id="explicit-pythagorean-wins"),
        pytest.param("Alice", "abjad", None, "abjad", id="explicit-abjad-wins"),
        pytest.param("Alice", "auto", None, "pythagorean", id="auto-is-no-preference"),
        pytest.param("Alice", " Chaldean ", None, "chaldean", id="preference-case-insensitive"),
        pytest.param("۱۲۳", None, "fa-IR", "abjad", id="persian-locale-decides-scriptless"),
        pytest.param("۱۲۳", None, "en-US", "pythagorean", id="persian-digits-are-not-letters"),
        pytest.param("Ali", None, "fa", "pythagorean", id="latin-name-stays-countable-in-fa"),
    ],
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
