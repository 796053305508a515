"""Persian readings: composed with ``speaking("fa")`` every prose string of every reading type is
Persian, the English output is untouched, and every engine text has its Persian (no dead ones)."""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from oracle.engines import fc60, i18n, interpretation, signs
from oracle.engines.compose import (
    ReadingProfile,
    compose_daily,
    compose_multi_user,
    compose_name,
    compose_question,
    compose_time_reading,
    profile_user,
)
from oracle.engines.i18n import speaking, tr, trf
from oracle.engines.multi_user.group_dynamics import ROLE_DESCRIPTIONS
from oracle.engines.multi_user.group_energy import ARCHETYPE_DESCRIPTIONS
from oracle.engines.numerology import LIFE_PATH_MEANINGS
from oracle.engines.texts_fa import TERMS_FA, TEXTS_FA

ENGINES = Path(fc60.__file__).parent
PERSIAN = {**TEXTS_FA, **TERMS_FA}

# FC60's own Latin: tokens, stamps and codes stay Latin inside Persian text.
FC60_WORDS = frozenset(
    {*fc60.TOKENS60, *fc60.ANIMALS, *fc60.ELEMENTS, *fc60.WEEKDAYS, *fc60.STEMS}
    | set(signs.FC60_MEANINGS)
    | {"FC60", "NEG"}
)
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:[+\-]\d{2}:\d{2}|Z)?)?")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
# Keys whose values are not prose: what the engine echoes or codes (the page never shows them as
# text, or shows them through |term / as Latin tokens).
NOT_PROSE_KEYS = frozenset({"format", "language", "emoji", "tz60", "question", "prompt_version"})

ALICE = ReadingProfile(
    full_name="Alice Smith", birth_date=date(1990, 5, 17), mother_name="Mary", tz="Asia/Tehran"
)
ALI = ReadingProfile(
    full_name="Ali Rezaei", birth_date=date(1985, 11, 29), persian_name="علی رضایی"
)
MASTER = ReadingProfile(full_name="Mona Lee", birth_date=date(1992, 9, 29))  # life path 33
TYPED = {"Alice", "Smith", "Mary", "Ali", "Rezaei", "Mona", "Lee", "Sam", "Will", "Jo"}


def _strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in NOT_PROSE_KEYS:
                yield from _strings(item, f"{path}.{key}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")


def english_words(result: dict[str, Any], typed: set[str] = TYPED) -> list[str]:
    """``path: text`` of every string holding an English word (a term key the page translates
    through |term, FC60 tokens, typed names and the letters of a name are allowed)."""
    allowed = FC60_WORDS | typed | {word.upper() for word in typed}
    offenders = []
    for path, text in _strings(result):
        if text in TERMS_FA:  # a key: the page shows it through |term
            continue
        words = set(_LATIN_WORD.findall(_ISO.sub("", text)))
        leftover = {word for word in words if word not in allowed and len(word) > 1}
        if path.endswith(".letter") or path.endswith("letter_values"):
            continue  # the letters of the name typed
        if "breakdown" in path and all(len(word) == 1 for word in words):
            continue
        if leftover:
            offenders.append(f"{path}: {text!r} ({', '.join(sorted(leftover))})")
    return offenders


# --------------------------------------------------------------------------------------------
# Inputs covering every animal, element, moon phase, zodiac sign, number meaning and answer

MOMENTS = [
    datetime(2020, 1, 1, 0, 0, tzinfo=UTC) + timedelta(days=day * 37.3, hours=day * 7, minutes=day)
    for day in range(150)
]
QUESTIONS = [f"Is {n} my number?" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 22, 33)] + [
    "Will it rain 444 or 1234 times at 12:21?",
    "Should I go",
]


def _fa(compose, *args, **kwargs) -> dict[str, Any]:
    with speaking("fa"):
        return compose(*args, **kwargs)


def test_time_readings_in_persian_have_no_english_and_cover_every_name():
    seen: dict[str, set] = {key: set() for key in ("animal", "element", "moon", "zodiac", "lp")}
    offenders, synchronicities = [], 0
    for index, moment in enumerate(MOMENTS):
        profile = (None, ALICE, MASTER)[index % 3]
        result = _fa(compose_time_reading, moment, profile=profile)
        offenders += english_words(result)
        seen["animal"] |= {result["chinese"]["animal"], result["systems"]["fc60"]["animal"]}
        seen["element"] |= {result["fc60"]["element"], result["systems"]["fc60"]["element"]}
        seen["moon"].add(result["systems"]["moon"]["phase_name"])
        seen["zodiac"].add(result["zodiac"]["sign"])
        seen["lp"].add(result["numerology"]["life_path"])
        synchronicities += len(result["synchronicities"])
    assert not offenders, "English in Persian time readings:\n" + "\n".join(offenders[:8])
    assert seen["animal"] == set(fc60.ANIMAL_NAMES)
    assert seen["element"] == set(fc60.ELEMENT_NAMES)
    assert seen["moon"] == set(fc60.MOON_PHASE_NAMES)
    assert seen["zodiac"] == {row[2] for row in signs.ZODIAC_SIGNS}
    assert {11, 22, 33} & seen["lp"] and set(range(1, 10)) <= seen["lp"]
    assert synchronicities > 20


def test_question_readings_in_persian_cover_every_number_meaning_and_answer():
    offenders, answers, numbers = [], set(), set()
    for index, question in enumerate(QUESTIONS):
        moment = MOMENTS[index * 9]
        result = _fa(compose_question, question, moment, profile=ALICE if index % 2 else None)
        offenders += english_words(result)
        answers.add(result["answer"])
        numbers.add(result["sign_number"])
    assert not offenders, "English in Persian question readings:\n" + "\n".join(offenders[:8])
    assert answers == {"yes", "no", "maybe"}
    assert numbers >= set(signs.NUMBER_MEANINGS)


def test_daily_and_name_readings_in_persian_have_no_english():
    offenders = []
    for index, moment in enumerate(MOMENTS[:40]):
        offenders += english_words(
            _fa(compose_daily, moment.date(), profile=(None, ALI)[index % 2])
        )
    for name, profile in (
        ("Alice Smith", ALICE),
        ("Alice Smith", None),
        ("علی رضایی", ALI),
        ("علی رضایی", None),
        ("Mona Lee", None),
    ):
        offenders += english_words(_fa(compose_name, name, profile=profile))
    offenders += english_words(_fa(compose_name, "Jo", system="chaldean"))
    assert not offenders, "English in Persian daily/name readings:\n" + "\n".join(offenders[:8])


@pytest.mark.parametrize("size", [3, 10])
def test_group_readings_in_persian_have_no_english(size):
    users = [
        {
            "name": ("Sam", "Alice", "Ali", "Jo", "Lee", "Mona", "Mary", "Will", "Smith", "Sam")[i],
            "birth_year": 1950 + i * 7,
            "birth_month": 1 + i % 12,
            "birth_day": 1 + i * 3 % 28,
        }
        for i in range(size)
    ]
    result = _fa(compose_multi_user, users)
    offenders = english_words(result)
    assert not offenders, "English in a Persian group reading:\n" + "\n".join(offenders[:8])
    assert result["ai_interpretation"]["dynamics_narrative"].startswith("این گروه")
    assert result["group_dynamics"]["synergies"] or result["group_dynamics"]["challenges"]


def test_the_english_output_is_unchanged_and_persian_differs_only_in_texts():
    moment = datetime(2026, 3, 3, 14, 41, tzinfo=UTC)
    english = compose_time_reading(moment, profile=ALICE)
    with speaking("en"):
        assert compose_time_reading(moment, profile=ALICE) == english
    persian = _fa(compose_time_reading, moment, profile=ALICE)
    assert persian["fc60"] == english["fc60"]  # keys, numbers and terms are the same
    assert persian["zodiac"] == english["zodiac"]
    assert persian["summary"] != english["summary"]
    assert "خوانش پیشگو" in persian["summary"]
    assert i18n.language() == "en"  # speaking() restored the language


def test_speaking_restores_the_language_after_an_error():
    with pytest.raises(ValueError), speaking("fa"):
        assert tr("Fire") == "آتش"
        raise ValueError
    assert tr("Fire") == "Fire"
    with speaking("fa-IR"):
        assert i18n.language() == "fa"
    with speaking(None):
        assert i18n.language() == "en"


def test_term_reads_keys_in_either_language():
    assert i18n.term("Full Moon", "fa") == "بدر"
    assert i18n.term("pythagorean", "en") == "Pythagorean"
    assert i18n.term("Ali", "fa") == "Ali"  # not a term: unchanged
    assert i18n.term(7, "fa") == 7


# --------------------------------------------------------------------------------------------
# The Persian table itself


def _engine_sources() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text())) for path in sorted(ENGINES.rglob("*.py"))]


def _translated_literals() -> set[str]:
    """First arguments of tr()/trf() that are string literals or module constants."""
    found = set()
    for _path, tree in _engine_sources():
        constants = {
            target.id: node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("tr", "trf")):
                continue
            if not node.args:
                continue
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.add(arg.value)
            elif isinstance(arg, ast.Name) and arg.id in constants:
                found.add(constants[arg.id])
    return found


TABLES: dict[str, list[str]] = {
    "NUMBER_MEANINGS": list(signs.NUMBER_MEANINGS.values()),
    "ANGEL_NUMBERS": list(signs.ANGEL_NUMBERS.values()),
    "MIRROR_NUMBERS": list(signs.MIRROR_NUMBERS.values()),
    "FC60_MEANINGS": list(signs.FC60_MEANINGS.values()),
    "COMBINED_MEANINGS": list(signs.COMBINED_MEANINGS.values()),
    "DAILY_ENERGIES": [text for pair in signs.DAILY_ENERGIES.values() for text in pair],
    "LIFE_PATH_MEANINGS": [text for pair in LIFE_PATH_MEANINGS.values() for text in pair],
    "MOON_PHASE_MEANINGS": list(fc60.MOON_PHASE_MEANINGS),
    "WEEKDAY_DOMAINS": list(fc60.WEEKDAY_DOMAINS),
    "ROLE_DESCRIPTIONS": list(ROLE_DESCRIPTIONS.values()),
    "ARCHETYPE_DESCRIPTIONS": list(ARCHETYPE_DESCRIPTIONS.values()),
    "NUMBER_SHADOWS": list(interpretation.NUMBER_SHADOWS.values()),
    "ELEMENT_CAUTIONS": list(interpretation.ELEMENT_CAUTIONS.values()),
    "MOON_CAUTIONS": list(interpretation.MOON_CAUTIONS.values()),
    "ANSWER_CAUTIONS": list(interpretation.ANSWER_CAUTIONS.values()),
    "shadow templates": [template for _key, template in interpretation.SHADOW_TEMPLATES.values()],
    "names": [
        *fc60.ANIMAL_NAMES,
        *fc60.ELEMENT_NAMES,
        *fc60.MOON_PHASE_NAMES,
        *fc60.WEEKDAY_NAMES,
        *fc60.WEEKDAY_PLANETS,
        *fc60.STEM_NAMES,
        *fc60.STEM_POLARITY,
        *(branch for *_rest, branch in signs.CHINESE_HOURS),
        *(text for row in signs.ZODIAC_SIGNS for text in row[2:]),
        *ROLE_DESCRIPTIONS,
        *ARCHETYPE_DESCRIPTIONS,
    ],
}


def test_every_engine_text_has_its_persian():
    missing = sorted(text for text in _translated_literals() if text not in PERSIAN)
    assert not missing, "tr()/trf() texts without Persian:\n" + "\n".join(missing)
    for table, texts in TABLES.items():
        untranslated = [text for text in texts if text not in PERSIAN]
        assert not untranslated, f"{table} without Persian: {untranslated}"


def test_every_persian_entry_is_used():
    strings = {
        node.value
        for _path, tree in _engine_sources()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    used = strings | {text for texts in TABLES.values() for text in texts}
    dead = sorted(key for key in PERSIAN if key not in used)
    assert not dead, f"Persian entries no engine writes: {dead}"


def _fields(template: str) -> list[str]:
    return sorted(
        f"{name}:{spec}"
        for _, name, spec, _ in string.Formatter().parse(template)
        if name is not None
    )


def test_persian_templates_have_the_same_placeholders():
    wrong = [
        english
        for english, persian in PERSIAN.items()
        if _fields(english) != _fields(persian)
        and english != "  {emoji} {phase_name} ({illumination:.0f}% illuminated)"
    ]
    assert not wrong, f"Persian templates with other placeholders: {wrong}"
    # The moon line drops FC60's four-letter phase code (WxCr…), which is English.
    assert "{emoji}" not in PERSIAN["  {emoji} {phase_name} ({illumination:.0f}% illuminated)"]


def test_templates_are_formatted_after_translating():
    with speaking("fa"):
        text = trf("Angel number {n}: {meaning}", n=444, meaning=tr(signs.ANGEL_NUMBERS[444]))
    assert text == "عدد فرشته 444: فرشتگان حاضرند، بنیان، پناه"


def test_the_walker_finds_english():
    """The check above can fail: an English reading is full of offenders, found by path."""
    offenders = english_words(compose_time_reading(MOMENTS[0], profile=ALICE))
    assert any(line.startswith(".summary:") for line in offenders)
    assert any(line.startswith(".ai_interpretation.text:") for line in offenders)
    group = english_words(compose_multi_user([profile_user(ALICE), profile_user(MASTER)]))
    assert any(".group_dynamics" in line or ".ai_interpretation" in line for line in group)


def test_persian_writes_the_ezafe_after_a_final_alef():
    with speaking("fa"):
        assert fc60.ganzhi_year_name(2024) == "甲辰 اژدهای چوب"
        assert fc60.ganzhi_year_name(2026) == "丙午 اسب آتش"
    assert fc60.ganzhi_year_name(2024) == "甲辰 Wood Dragon"
