"""Sign and name readers against V4's vectors, with V4's defects fixed.

`V4_*` below are V4's outputs copied verbatim from the V4 reference (`<time.time()>` → None; the
`raw` placeholders of QS2/QS3 → None and filled as the spec describes). Where a fixed V4
shows in a vector, the test changes a copy of the vector explicitly (`_changed`) and its id
names the fix; every other field must equal V4's. Keys the port adds for interpreters are checked
on their own; `_v4_view` compares only V4's keys, in V4's order.
"""

from __future__ import annotations

import copy
import inspect
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oracle.engines import signs
from oracle.engines.errors import (
    EngineError,
    InvalidDateError,
    InvalidNameError,
    UnparseableInputError,
)
from oracle.engines.fc60 import ANIMAL_NAMES, ANIMALS, WEEKDAY_PLANETS, WEEKDAYS, encode_fc60
from oracle.engines.signs import (
    COMBINED_MEANINGS,
    FC60_MEANINGS,
    NUMBER_MEANINGS,
    _check_synchronicity,
    _extract_numbers,
    _get_chinese_hour,
    daily_insight,
    get_human_meaning,
    question_sign,
    read_name,
    read_sign,
    zodiac_of,
)

from .vectors import load, params

VECTORS = load("oracle")

NOW = datetime(2026, 2, 6, 1, 15, tzinfo=UTC)

MASTER_11 = NUMBER_MEANINGS[11]
FC60_MEANING_0206 = (
    "Venus — love, beauty, harmony, attraction + Ox — strength, patience, steady progress"
)
MOON_LINE_0206 = "Moon: Waning Gibbous (81% illuminated) — Gratitude, sharing, distribution"
MOON_0206 = {
    "phase_index": 5,
    "phase_name": "Waning Gibbous",
    "emoji": "WnGb",
    "age_days": 19.05,
    "illumination": 80.6,
    "meaning": "Gratitude, sharing, distribution",
    "phase": "Waning Gibbous",
}


# ─── V4 vectors, verbatim ─────────────────────────────────────────────────────

V4_RS1 = VECTORS["V4_RS1"]
V4_RS2 = VECTORS["V4_RS2"]
V4_RS3 = VECTORS["V4_RS3"]
V4_RS4 = VECTORS["V4_RS4"]
V4_RS5 = VECTORS["V4_RS5"]
V4_RS6 = VECTORS["V4_RS6"]
V4_RS7 = VECTORS["V4_RS7"]
V4_RS8 = VECTORS["V4_RS8"]
V4_RS9 = VECTORS["V4_RS9"]
V4_RS10 = VECTORS["V4_RS10"]
V4_RS11 = VECTORS["V4_RS11"]
V4_RS12 = VECTORS["V4_RS12"]
V4_RN1 = VECTORS["V4_RN1"]
V4_RN2 = VECTORS["V4_RN2"]
V4_RN3 = VECTORS["V4_RN3"]
V4_RN4 = VECTORS["V4_RN4"]
V4_QS1 = VECTORS["V4_QS1"]
V4_QS2 = VECTORS["V4_QS2"]
V4_QS3 = VECTORS["V4_QS3"]


# ─── helpers ─────────────────────────────────────────────────────────────────────────────────────


def _v4_view(actual: object, expected: object) -> object:
    """`actual` cut down to the keys V4 had; fails if a V4 key is missing or out of V4's order."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), actual
        assert list(actual)[: len(expected)] == list(expected), (list(actual), list(expected))
        return {key: _v4_view(actual[key], value) for key, value in expected.items()}
    if isinstance(expected, list) and isinstance(actual, list) and len(actual) == len(expected):
        return [_v4_view(a, e) for a, e in zip(actual, expected, strict=True)]
    return actual


def _changed(vector: dict, changes: dict[tuple, object]) -> dict:
    """A deep copy of a V4 vector with the values at the given key paths replaced."""
    result = copy.deepcopy(vector)
    for path, value in changes.items():
        target = result
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return result


def _replaced(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    return text


def _subset(result: dict, keys: list[str]) -> dict:
    """Named parts of a `read_sign` result (`chaldean`, `angel`, `fc60`, `ganzhi` are systems)."""
    top_level = {"numbers", "synchronicities"}
    return {k: result[k] if k in top_level else result["systems"][k] for k in keys}


# RS1 as fixed: 11 reduces to 11 (master kept, its own meaning) and the
# repeating-digit line for 11 appears once, so 5 synchronicities instead of 6.
_RS1_V4_NUMBER_11 = (
    "  11 -> reduces to 2, a master number\n    Meaning: "
    + V4_RS1["systems"]["numerology"]["numbers"][0]["pythagorean_meaning"]
)
_RS1_REPEATING_11 = V4_RS1["synchronicities"][0]
RS1_FIXED = _changed(
    V4_RS1,
    {
        ("systems", "numerology", "numbers", 0, "reduced"): 11,
        ("systems", "numerology", "numbers", 0, "pythagorean_meaning"): MASTER_11,
        ("systems", "numerology", "numbers", 1, "reduced"): 11,
        ("systems", "numerology", "numbers", 1, "pythagorean_meaning"): MASTER_11,
        ("synchronicities",): V4_RS1["synchronicities"][1:],
        ("timestamp",): NOW.timestamp(),
        ("interpretation",): _replaced(
            V4_RS1["interpretation"],
            (
                _RS1_V4_NUMBER_11,
                f"  11 -> reduces to 11, a master number\n    Meaning: {MASTER_11}",
            ),
            (f"  * {_RS1_REPEATING_11}\n  * {_RS1_REPEATING_11}\n", f"  * {_RS1_REPEATING_11}\n"),
            ("with 6 synchronicities", "with 5 synchronicities"),
        ),
    },
)
# RS2 as fixed: the 14:30 hour stem comes from the day stem (癸, 2026-02-08), not the
# year stem (丙): 己 Jǐ instead of V4's 乙 Yǐ. Nothing else changes.
RS2_FIXED = _changed(
    V4_RS2,
    {
        ("systems", "ganzhi", "hour_stem"): "Jǐ",
        ("systems", "ganzhi", "hour_stem_chinese"): "己",
        ("timestamp",): NOW.timestamp(),
    },
)
# RS5 with masters kept: 33 reduces to 33, not 6, so it makes no 3+6 "completion pair".
RS5_FIXED = _changed(
    V4_RS5,
    {("synchronicities",): [s for s in V4_RS5["synchronicities"] if "completion pair" not in s]},
)


# ─── vectors ───────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("args", "kwargs", "expected"),
    [
        pytest.param(
            ("11:11",),
            {"date": "2026-02-06", "time_str": "11:11"},
            RS1_FIXED,
            id="RS1-fixed-master-11-kept-and-no-duplicate-synchronicity",
        ),
        pytest.param(
            ("777",),
            {
                "date": "2026-02-08",
                "time_str": "14:30",
                "location": "Tehran",
                "context": "license plate",
            },
            RS2_FIXED,
            id="RS2-fixed-hour-stem-from-day-stem",
        ),
        pytest.param(
            ("test",), {}, _changed(V4_RS3, {("timestamp",): NOW.timestamp()}), id="RS3-test"
        ),
        pytest.param(
            (None,), {}, _changed(V4_RS4, {("timestamp",): NOW.timestamp()}), id="RS4-None"
        ),
    ],
)
def test_read_sign_full_vectors(args: tuple, kwargs: dict, expected: dict) -> None:
    assert _v4_view(read_sign(*args, **kwargs, now=NOW), expected) == expected


@pytest.mark.parametrize(
    ("args", "kwargs", "expected"),
    [
        pytest.param(
            ("I saw a hawk at 3:33 near 444",),
            {},
            RS5_FIXED,
            id="RS5-hawk-fixed-33-is-master-no-completion-pair",
        ),
        pytest.param(("12:21",), {"time_str": "12:21"}, V4_RS6, id="RS6-mirror-12:21"),
        pytest.param(("110 and 27 then 36",), {}, V4_RS7, id="RS7-mirror-110"),
        pytest.param((-5,), {}, V4_RS8, id="RS8-int-minus-5"),
        pytest.param(("1234 and 4321 and 56",), {}, V4_RS9, id="RS9-sequences"),
        pytest.param(("555 + 333",), {}, V4_RS10, id="RS10-angel-sum"),
        pytest.param(("۴۴۴",), {}, V4_RS11, id="RS11-persian-digits"),
        pytest.param(
            ("x",), {"date": "2026-02-06", "time_str": "25:61"}, V4_RS12, id="RS12-bad-time"
        ),
    ],
)
def test_read_sign_subset_vectors(args: tuple, kwargs: dict, expected: dict) -> None:
    result = read_sign(*args, **kwargs)
    assert _v4_view(_subset(result, list(expected)), expected) == expected


@pytest.mark.parametrize(
    ("args", "kwargs", "expected"),
    [
        pytest.param(
            ("Alice Smith",),
            {"birthday": "1990-05-15", "mother_name": "Mary"},
            V4_RN1,
            id="RN1-alice-smith-birthday-mother",
        ),
        pytest.param(("DAVE",), {}, V4_RN2, id="RN2-dave"),
    ],
)
def test_read_name_vectors(args: tuple, kwargs: dict, expected: dict) -> None:
    result = read_name(*args, **kwargs)
    assert _v4_view(result, expected) == expected
    assert result["numerology_system"] == "pythagorean"


def test_empty_name_gives_v4_no_name_result() -> None:
    """RN3 exactly (V4 defines empty input): no error, zeros, `No name provided`."""
    assert read_name("") == V4_RN3
    assert read_name(None) == V4_RN3
    assert read_name("   ") == V4_RN3


def test_persian_name_is_counted_with_abjad_not_zero() -> None:
    """RN4 without its impossible birthday: علی is 110 in Abjad → 2 (V4 gave 0 everywhere).

    Soul urge counts ی (10 → 1), personality ع + ل (100 → 1). The Chaldean fields stay V4's: the
    Chaldean table has Latin letters only.
    """
    result = read_name("علی")
    assert result["numerology_system"] == "abjad"
    assert (result["expression"], result["soul_urge"], result["personality"]) == (2, 1, 1)
    assert result["expression_meaning"] == "The Bridge: Connect, harmonize, feel"
    for key in ("name", "life_path", "chaldean", "chaldean_meaning", "chaldean_breakdown"):
        assert result[key] == V4_RN4[key]
    assert result["chaldean_raw_sum"] == V4_RN4["chaldean_raw_sum"]
    assert result["interpretation"].startswith(
        "=== NAME READING: علی ===\n\n-- Abjad Numerology --\n"
        "  Expression (full name): 2 - The Bridge: Connect, harmonize, feel\n"
    )


def test_read_name_rejects_impossible_birthday() -> None:
    """RN4 gave a reading that silently dropped `1990-13-01`; now the date is a clear error."""
    with pytest.raises(InvalidDateError, match="1990-13-01") as caught:
        read_name("علی", birthday="1990-13-01")
    assert caught.value.field == "birthday"


QS1_FC60_CODE = "VE-OX-OXFI ☀OX-RUWU-RAWU"  # 01:15
QS_FC60_CODE = "VE-OX-OXFI 🌙OX-ROWU-RAWU"  # 13:45


def _qs_reading(code: str) -> str:
    return f"FC60: {code} ({FC60_MEANING_0206}) | {MOON_LINE_0206}"


# The question vectors as fixed: fc60.code is the stamp of `raw` (V4: "") with its
# meaning (V4: "No code provided"), `moon` holds the day's moon (V4: {}), and both are in `reading`.
# Issue 20: `raw` is the record of the moment asked, its time included (V4: the date at 00:00:00,
# so the reading showed a midnight stamp beside the moment's own).
QS1_FIXED = _changed(
    V4_QS1,
    {
        ("fc60", "code"): QS1_FC60_CODE,
        ("fc60", "meaning"): FC60_MEANING_0206,
        ("fc60", "raw"): encode_fc60(2026, 2, 6, 1, 15),
        ("moon",): MOON_0206,
        ("reading",): _replaced(
            V4_QS1["reading"], ("FC60: No code provided", _qs_reading(QS1_FC60_CODE))
        ),
    },
)
QS2_FIXED = _changed(
    V4_QS2,
    {
        ("fc60", "code"): QS_FC60_CODE,
        ("fc60", "meaning"): FC60_MEANING_0206,
        ("fc60", "raw"): encode_fc60(2026, 2, 6, 13, 45),
        ("moon",): MOON_0206,
        ("reading",): _qs_reading(QS_FC60_CODE),
    },
)


def test_question_vectors_fixed_real_fc60_code_and_moon() -> None:
    assert question_sign("Will I see 444 again?", datetime(2026, 2, 6, 1, 15)) == QS1_FIXED
    assert question_sign("Should I move?", datetime(2026, 2, 6, 13, 45)) == QS2_FIXED


def test_question_vector_qs3_fixed_real_fc60_code_and_moon() -> None:
    result = question_sign("3 and 6", datetime(2024, 2, 29))
    raw = encode_fc60(2024, 2, 29)  # the spec's "<encode_fc60(2024,2,29)>"
    for key in ("question", "moment", "numerology", "advice"):
        assert result[key] == V4_QS3[key]
    assert result["fc60"]["raw"] == raw
    assert result["fc60"]["code"] == "JO-OX-SNWA ☀RA-RAWU-RAWU"
    assert result["moon"]["phase_name"] == "Waning Gibbous"
    assert result["reading"] == (
        "Numerology: Creativity, expression, joy, communication, Harmony, nurturing,"
        " responsibility, love | FC60: JO-OX-SNWA ☀RA-RAWU-RAWU (Jupiter — expansion, wisdom,"
        " abundance + Ox — strength, patience, steady progress) | Moon: Waning Gibbous"
        " (74% illuminated) — Gratitude, sharing, distribution"
    )


@pytest.mark.parametrize(
    ("day", "v4_insight", "lucky_numbers", "energy", "fixed_tail"),
    params(VECTORS["test_daily_insight_vectors"], "date"),
)
def test_daily_insight_vectors(
    day: date, v4_insight: str, lucky_numbers: list, energy: str, fixed_tail: str
) -> None:
    """V4's `date`, `lucky_numbers`, `energy` exactly; the insight keeps V4's text up to the FC60
    part, which now names the day's real stamp and meaning, followed by the moon."""
    moment = datetime(day.year, day.month, day.day)
    result = daily_insight(moment)
    assert result["date"] == day.isoformat()
    assert result["lucky_numbers"] == lucky_numbers
    assert result["energy"] == energy
    assert result["insight"] == v4_insight.replace("FC60: No code provided", fixed_tail)
    assert daily_insight(day) == result


@pytest.mark.parametrize(
    ("code", "meaning"),
    params(VECTORS["test_get_human_meaning_vectors"]),
)
def test_get_human_meaning_vectors(code: str, meaning: str) -> None:
    assert get_human_meaning(code) == meaning


# ─── one test per fixed defect ──────────────────────────────────────────────────


def test_question_sign_shows_real_fc60_code() -> None:
    """Defect 1: V4 always said `No code provided`."""
    result = question_sign("Should I move?", datetime(2026, 2, 6, 13, 45))
    assert result["fc60"]["code"] == result["fc60"]["raw"]["stamp"] == QS_FC60_CODE
    assert "No code provided" not in result["reading"]
    assert f"FC60: {QS_FC60_CODE}" in result["reading"]


def test_question_sign_includes_the_moon() -> None:
    """Defect 2: V4's moon was always `{}`."""
    result = question_sign("Should I move?", datetime(2000, 1, 1, 9, 0))
    assert result["moon"]["phase_name"] == "Last Quarter"
    assert result["moon"]["emoji"] == "3rdQ"
    assert result["reading"].endswith(
        "| Moon: Last Quarter (27% illuminated) — Letting go, forgiveness, release"
    )


def test_daily_insight_shows_real_fc60_code_and_moon() -> None:
    """Defects 1 and 2 for the daily reading; the parts are also given as keys."""
    result = daily_insight(date(2026, 2, 6))
    assert result["fc60"] == {"code": "VE-OX-OXFI", "meaning": FC60_MEANING_0206}
    assert result["moon"] == MOON_0206
    assert "No code provided" not in result["insight"]


def test_read_sign_carries_interpreter_context() -> None:
    """Defect 4: the keys the interpreter reads exist and hold the reading's values."""
    systems = read_sign("11:11", date="2026-02-06", time_str="11:11")["systems"]
    assert (systems["fc60"]["token"], systems["fc60"]["animal"], systems["fc60"]["element"]) == (
        "OXFI",
        "Ox",
        "Fire",
    )
    assert systems["numerology"]["life_path"] == 9  # life path of 2026-02-06
    assert systems["numerology"]["reductions"] == [11, 11, 4]
    assert systems["moon"]["phase"] == "Waning Gibbous"
    assert systems["ganzhi"]["year_pillar"] == "丙午 Fire Horse"
    assert systems["ganzhi"]["day_pillar"] == "辛亥 Metal Pig"
    assert systems["ganzhi"]["hour_pillar"] == "甲午 Wood Horse"


def test_interpreter_context_is_absent_without_a_date() -> None:
    systems = read_sign("777")["systems"]
    assert systems["numerology"]["life_path"] is None
    assert systems["numerology"]["reductions"] == [3]
    assert systems["fc60"] == systems["moon"] == systems["ganzhi"] == {}


def test_added_context_does_not_change_the_system_count() -> None:
    """A dated sign without numbers: the life path is context, not a V4 system (V4 counted 5)."""
    result = read_sign("test", date="2026-02-06")
    assert result["systems"]["numerology"]["life_path"] == 9
    assert result["interpretation"].endswith(
        "Reading assembled from 5 system(s) with 0 synchronicities detected."
    )


def test_hour_pillar_uses_day_stem() -> None:
    """Defect 5: 2026-02-08 is a 癸 (Guǐ) day, so its 未 (Goat) hour is 己未; V4 used the year
    stem 丙 and said 乙 Yǐ."""
    ganzhi = read_sign("777", date="2026-02-08", time_str="14:30")["systems"]["ganzhi"]
    assert ganzhi["day_pillar"] == "癸丑 Water Ox"
    assert (ganzhi["hour_stem"], ganzhi["hour_stem_chinese"]) == ("Jǐ", "己")
    assert ganzhi["hour_pillar"] == "己未 Earth Goat"


def test_two_hour_animals_are_kept() -> None:
    """Quirk 6 is kept: the FC60 stamp's hour animal is hour % 12 (13:00 → OX), the Chinese
    double hour of the same moment is the Goat."""
    result = read_sign("13:00", date="2026-02-06", time_str="13:00")
    assert result["systems"]["fc60"]["stamp"].endswith("🌙OX-RAWU-RAWU")
    assert result["systems"]["ganzhi"]["hour_animal"] == "Goat"


def test_negative_numbers_do_not_kill_synchronicities() -> None:
    """Defect 7: in V4 `-111` raised inside the check and the reading had no synchronicity."""
    result = read_sign("-111")
    assert result["numbers"] == [-111, 111]
    assert result["synchronicities"] == [
        "Angel number 111: New beginnings, manifestation",
        "Repeating digit pattern 111: the digit 1 repeated 3 times amplifies its energy",
        "Palindrome 111: reflection pattern, what you send out returns",
    ]
    assert _check_synchronicity([-123, 444])[0] == (
        "Angel number 444: Angels present, foundation, protection"
    )


def test_master_numbers_are_kept_in_sign_and_question_readings() -> None:
    """Defect 8: one rule — 11/22/33 stay masters (V4 turned 22 into 4 while flagging it master)."""
    entry = read_sign("22")["systems"]["numerology"]["numbers"][0]
    assert entry == {
        "value": 22,
        "digit_sum": 4,
        "reduced": 22,
        "is_master": True,
        "pythagorean_meaning": NUMBER_MEANINGS[22],
    }
    assert question_sign("Is 22 my number?", NOW)["numerology"]["reduced"] == [22]
    assert "reduces to 22, a master number" in read_sign("22")["interpretation"]
    assert read_sign("29")["systems"]["numerology"]["numbers"][0]["reduced"] == 11


@pytest.mark.parametrize(
    "bad_date",
    [
        pytest.param("2026-02-30", id="february-30"),
        pytest.param("2023-02-29", id="not-a-leap-year"),
        pytest.param("1990-13-01", id="month-13"),
        pytest.param("2026-00-10", id="month-0"),
        pytest.param("0-01-01", id="year-0"),
        pytest.param("tomorrow", id="not-a-date"),
        pytest.param("2026-02", id="two-parts"),
    ],
)
def test_impossible_date_is_rejected_with_a_clear_error(bad_date: str) -> None:
    """Defect 15: V4 rolled 2026-02-30 over to March 2 and silently dropped other bad dates."""
    with pytest.raises(InvalidDateError) as caught:
        read_sign("7", date=bad_date, time_str="12:00")
    assert caught.value.field == "date"
    assert bad_date in str(caught.value)


def test_real_leap_day_is_accepted() -> None:
    assert read_sign("7", date="2024-02-29")["systems"]["fc60"]["iso"] == "2024-02-29"
    assert read_sign("7", date="2026-2-3")["systems"]["fc60"]["iso"] == "2026-02-03"


def test_repeated_numbers_give_one_synchronicity_each() -> None:
    """Defect 16: `7 7 7` gave three identical "Repeated appearance" lines in V4."""
    assert read_sign("7 7 7")["synchronicities"] == [
        "Repeated appearance of 7: this number demands attention"
    ]
    syncs = read_sign("11:11")["synchronicities"]
    assert len(syncs) == len(set(syncs))
    assert syncs.count(_RS1_REPEATING_11) == 1


def test_fc60_meanings_match_fc60_alphabet() -> None:
    """Defect 18: every FC60 animal and weekday token means its own animal/planet (V4: RA Rabbit,
    MO Moon); combined codes are made of known codes."""
    for token, name in zip(ANIMALS, ANIMAL_NAMES, strict=True):
        assert FC60_MEANINGS[token].startswith(f"{name} — "), token
    for token, planet in zip(WEEKDAYS, WEEKDAY_PLANETS, strict=True):
        assert FC60_MEANINGS[token].startswith(f"{planet.split()[0]} — "), token
    for combined in COMBINED_MEANINGS:
        assert all(part in FC60_MEANINGS for part in combined.split("-")), combined
    assert get_human_meaning("RA") == "Rat — instinct, resourcefulness, sharp perception"
    assert get_human_meaning("RU") == "Rabbit — gentleness, luck, quick thinking"


def test_no_hidden_clock() -> None:
    """Defect 21: the engine never reads the clock; `timestamp` is the `now` passed in."""
    source = inspect.getsource(signs)
    for clock in ("datetime.now", "date.today", "time.time", "utcnow"):
        assert clock not in source
    assert read_sign("7")["timestamp"] is None
    assert read_sign("7", now=NOW)["timestamp"] == 1770340500.0
    naive = read_sign("7", now=datetime(2026, 2, 6, 1, 15))["timestamp"]
    assert naive == 1770340500.0  # a naive `now` is UTC, whatever the machine's zone
    tehran = timezone(timedelta(hours=3, minutes=30))
    assert read_sign("7", now=NOW.astimezone(tehran))["timestamp"] == 1770340500.0


def test_question_moment_is_the_callers_wall_clock() -> None:
    tehran = timezone(timedelta(hours=3, minutes=30))
    result = question_sign("Now?", datetime(2026, 2, 6, 23, 50, tzinfo=tehran))
    assert result["moment"] == "2026-02-06 23:50"
    assert result["fc60"]["raw"]["iso"] == "2026-02-06T23:50:00+03:30"  # the moment, in its zone


# ─── inputs, errors, helpers ─────────────────────────────────────────────────────────────────────


def test_name_without_countable_letters_is_rejected() -> None:
    with pytest.raises(InvalidNameError) as caught:
        read_name("123 !!!")
    assert caught.value.field == "name"
    with pytest.raises(InvalidNameError) as caught:
        read_name("Alice", mother_name="42")
    assert caught.value.field == "mother_name"


def test_name_reading_with_explicit_system() -> None:
    result = read_name("DAVE", system="chaldean")
    assert result["numerology_system"] == "chaldean"
    assert result["expression"] == result["chaldean"] == 7
    assert (
        "Both Pythagorean and Chaldean systems agree on the core number 7"
        in (result["interpretation"])
    )


def test_overlong_number_is_a_clear_engine_error() -> None:
    """Python refuses to convert digit runs over 4300 digits; that is bad input, not a crash."""
    with pytest.raises(UnparseableInputError) as caught:
        read_sign("9" * 5000)
    assert caught.value.field == "sign"
    with pytest.raises(UnparseableInputError) as caught:
        question_sign("Is " + "7" * 5000 + " lucky?", NOW)
    assert caught.value.field == "question"


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        pytest.param("1_000", [1000, 1, 0], id="underscore-int"),
        pytest.param("-5", [-5, 5], id="negative"),
        pytest.param("۱۲ and 12", [12, 12], id="persian-digits-duplicates-kept"),
        pytest.param("3:33", [3, 33, 333], id="clock-joined"),
        pytest.param("", [], id="empty"),
    ],
)
def test_sign_numbers(text: str, numbers: list[int]) -> None:
    assert read_sign(text)["numbers"] == numbers


def test_extract_numbers_keeps_duplicates() -> None:
    assert _extract_numbers("7 and ۷ and 07") == [7, 7, 7]
    assert _extract_numbers(None) == []


@pytest.mark.parametrize(
    ("month", "day", "sign"),
    params(VECTORS["test_zodiac_boundaries"]),
)
def test_zodiac_boundaries(month: int, day: int, sign: str) -> None:
    assert zodiac_of(month, day)["sign"] == sign


def test_zodiac_of_non_int_is_unknown() -> None:
    assert zodiac_of("5", 1) == dict.fromkeys(
        ("sign", "element", "quality", "ruling_planet"), "Unknown"
    )


@pytest.mark.parametrize(
    ("hour", "animal"),
    [(0, "Rat"), (23, "Rat"), (1, "Ox"), (2, "Ox"), (13, "Goat"), (21, "Pig"), (22, "Pig")],
)
def test_chinese_double_hours(hour: int, animal: str) -> None:
    assert _get_chinese_hour(hour)["animal"] == animal


# ─── properties ──────────────────────────────────────────────────────────────────────────────────

SIGNISH = st.one_of(
    st.text(),
    st.text(alphabet="0123456789:-+_ .۰۱۲۳۴۵۶۷۸۹aZعلی\n", max_size=40),
)
MAYBE_TEXT = st.one_of(st.none(), st.text(max_size=30), st.sampled_from(["2026-02-06", "11:11"]))


@settings(deadline=None)
@given(sign=SIGNISH, date_text=MAYBE_TEXT, time_text=MAYBE_TEXT)
def test_read_sign_raises_only_engine_errors(sign: str, date_text, time_text) -> None:
    try:
        result = read_sign(sign, date=date_text, time_str=time_text)
    except EngineError:
        return
    syncs = result["synchronicities"]
    assert len(syncs) == len(set(syncs))
    assert len(result["systems"]["numerology"]["numbers"]) == len(result["numbers"])


@settings(deadline=None)
@given(name=SIGNISH, birthday=MAYBE_TEXT, mother=st.one_of(st.none(), st.text(max_size=20)))
def test_read_name_raises_only_engine_errors(name: str, birthday, mother) -> None:
    try:
        result = read_name(name, birthday=birthday, mother_name=mother)
    except EngineError:
        return
    assert result["interpretation"]


@settings(deadline=None)
@given(
    question=SIGNISH,
    moment=st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)),
)
def test_question_sign_raises_only_engine_errors(question: str, moment: datetime) -> None:
    try:
        result = question_sign(question, moment)
    except EngineError:
        return
    assert result["fc60"]["code"] == result["fc60"]["raw"]["stamp"]


@given(code=st.text())
def test_get_human_meaning_always_answers(code: str) -> None:
    assert isinstance(get_human_meaning(code), str)


def test_persian_name_reading_does_not_show_an_empty_chaldean_value():
    text = read_name("علی")["interpretation"]
    assert "Chaldean value: 0" not in text
    assert "Chaldean counts Latin letters" in text
    assert "Chaldean value:" in read_name("Ali")["interpretation"]
