"""What the reading endpoints return."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oracle.engines.compose import (
    ReadingProfile,
    compose_daily,
    compose_multi_user,
    compose_name,
    compose_question,
    compose_time_reading,
    parse_reading_datetime,
    resolve_timezone,
)
from oracle.engines.errors import (
    EngineError,
    InvalidDateError,
    InvalidGroupError,
    InvalidNameError,
    InvalidNumerologySystemError,
    InvalidTimeError,
    InvalidTimezoneError,
    UnparseableInputError,
)
from oracle.engines.interpretation import (
    NOT_AVAILABLE,
    interpret_daily,
    interpret_name,
    interpret_question,
    interpret_reading,
)

from .vectors import load

VECTORS = load("compose")

# V4's vectors, copied exactly: GR get_reading(datetime) → response.
SPEC_TIME_READINGS = VECTORS["SPEC_TIME_READINGS"]

# V4's vectors, Question vectors, copied exactly (V4 had no FC60 code or moon; see tests).
SPEC_QUESTIONS = VECTORS["SPEC_QUESTIONS"]

# V4's vectors, Name vectors, copied exactly.
SPEC_NAMES = VECTORS["SPEC_NAMES"]

# V4's vectors, Daily vectors, copied exactly.
SPEC_DAILIES = VECTORS["SPEC_DAILIES"]


V4_READING_KEYS = ["fc60", "numerology", "zodiac", "chinese", "summary", "generated_at"]
ASKED_AT = datetime(2026, 2, 6, 1, 15)  # the question vectors' moment is not given; any works
ALICE = ReadingProfile("Alice Smith", date(1990, 5, 15), mother_name="Mary")


# --- time reading ---------------------------------------------------------------------


@pytest.mark.parametrize("text", list(SPEC_TIME_READINGS))
def test_time_reading_vector(text):
    result = compose_time_reading(parse_reading_datetime(text))
    assert {key: result[key] for key in V4_READING_KEYS} == SPEC_TIME_READINGS[text]


def test_time_reading_keys_start_with_v4s_and_always_hold_an_interpretation():
    result = compose_time_reading(parse_reading_datetime("2026-02-06T01:15:00+08:00"))
    assert list(result)[:6] == V4_READING_KEYS
    assert list(result)[6:] == [
        "fc60_encoding",
        "systems",
        "synchronicities",
        "best_hours",
        "ai_interpretation",
    ]
    interpretation = result["ai_interpretation"]
    assert interpretation["ai_generated"] is False
    assert interpretation["text"] == (
        "Your FC60 signature is Fire Ox with Life Path 9. As an Aquarius, you carry that sign's "
        "natural gifts. The Fire element shapes how you interact with the world, while the Ox "
        "energy guides your instincts."
    )


def test_negative_utc_offset_keeps_its_sign():
    # V4 turned −05:00 into +19 h (quirk 14). The FC60 record now matches encode_fc60 vector V5.
    result = compose_time_reading(parse_reading_datetime("1990-05-15T23:59:59-05:00"))
    encoding = result["fc60_encoding"]
    assert encoding["iso"] == "1990-05-15T23:59:59-05:00"
    assert encoding["tz60"] == "-OXWU-RAWU"
    assert encoding["unix"] == 642833999
    assert encoding["u60"] == "ROWA-GOFI-RAWA-PIWA-PIWA"


def test_negative_half_hour_offset_keeps_its_minutes_negative():
    # encode_fc60 vector V9: 2026-04-22 21:05:09 −03:30.
    encoding = compose_time_reading(parse_reading_datetime("2026-04-22T21:05:09-03:30"))[
        "fc60_encoding"
    ]
    assert (encoding["tz60"], encoding["unix"]) == ("-RAMT-HOWU", 1776904509)


def test_reading_for_a_profile_uses_the_birth_date_for_personal_numbers():
    moment = parse_reading_datetime("2026-02-06T01:15:00+08:00")
    anonymous = compose_time_reading(moment)["numerology"]
    personal = compose_time_reading(moment, profile=ALICE)["numerology"]
    # Without a profile (quirk 9 kept): personal year = life path of the date itself.
    assert (anonymous["personal_year"], anonymous["personal_month"], anonymous["personal_day"]) == (
        9,
        3,
        9,
    )
    # Alice, born 1990-05-15, on 2026-02-06:
    #   personal year  = reduce(5) + reduce(15 → 6) + reduce(2026 → 1) = 12 → 3
    #   personal month = reduce(3 + 2) = 5
    #   personal day   = reduce(5 + 6) = 11 (a master number, kept)
    #   life path      = reduce(15 → 6) + 5 + reduce(1990 → 1) = 12 → 3
    assert (personal["personal_year"], personal["personal_month"], personal["personal_day"]) == (
        3,
        5,
        11,
    )
    assert personal["life_path"] == 3
    assert personal["interpretation"] == "The Voice: Create, express, beautify"
    assert personal["day_vibration"] == anonymous["day_vibration"] == 6


def test_reading_for_a_profile_describes_the_person():
    result = compose_time_reading(
        parse_reading_datetime("2026-02-06T01:15:00+08:00"), profile=ALICE
    )
    assert result["person"] == {
        "name": "Alice Smith",
        "birth_date": "1990-05-15",
        "numerology_system": "pythagorean",
        "life_path": 3,
        "expression": 9,
        "soul_urge": 6,
        "personality": 3,
        "zodiac": "Taurus",
        "element": "Metal",
        "animal": "Horse",
        "mother_expression": 3,
    }
    text = result["ai_interpretation"]["text"]
    assert "with Life Path 3. As a Taurus," in text


def test_naive_moment_is_wall_time_in_the_given_zone():
    result = compose_time_reading(datetime(2024, 2, 29, 13, 45, 30), tz="Asia/Tehran")
    assert result["generated_at"] == "2024-02-29T13:45:30+03:30"
    assert result["fc60_encoding"]["tz60"] == "+RAMT-HOWU"
    assert result["fc60"]["day_number"] == 11  # still the 29th


def test_aware_moment_is_converted_to_the_given_zone():
    moment = parse_reading_datetime("2026-02-06T01:15:00+08:00")
    result = compose_time_reading(moment, tz="UTC")
    assert result["generated_at"] == "2026-02-05T17:15:00+00:00"
    assert result["fc60"]["day_number"] == 5


def test_profile_zone_applies_when_no_zone_is_given():
    tehran = ReadingProfile("Alice Smith", date(1990, 5, 15), tz="+03:30")
    result = compose_time_reading(datetime(2026, 2, 5, 22, 0, tzinfo=UTC), profile=tehran)
    assert result["generated_at"] == "2026-02-06T01:30:00+03:30"


def test_time_reading_passes_the_ai_generator_through():
    def generate(prompt, *, system_prompt, temperature):
        return '{"header": "By AI", "message": "A reading by AI."}'

    result = compose_time_reading(datetime(2026, 2, 6, 1, 15), generate=generate)
    assert result["ai_interpretation"]["text"] == "A reading by AI."
    assert result["ai_interpretation"]["sections"]["header"] == "By AI"
    assert result["ai_interpretation"]["ai_generated"] is True


# --- datetime parsing -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-02-06", datetime(2026, 2, 6, tzinfo=UTC)),
        ("2026-2-6", datetime(2026, 2, 6, tzinfo=UTC)),
        ("2024-02-29T13:45:30", datetime(2024, 2, 29, 13, 45, 30)),
        ("2000-01-01T00:00:00Z", datetime(2000, 1, 1, tzinfo=UTC)),
        (
            " 2026-02-06T01:15:00+08:00 ",
            datetime(2026, 2, 6, 1, 15, tzinfo=timezone(timedelta(hours=8))),
        ),
        ("2026-02-06T01:15", datetime(2026, 2, 6, 1, 15)),
        ("2026-02-06T01:15:00.250", datetime(2026, 2, 6, 1, 15, 0, 250000)),
    ],
    ids=["date", "short-date", "naive", "zulu", "offset-and-spaces", "no-seconds", "fraction"],
)
def test_parse_reading_datetime_accepts_v4_forms(text, expected):
    parsed = parse_reading_datetime(text)
    assert parsed == expected
    assert parsed.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("tomorrow", UnparseableInputError),
        ("2026/02/06", UnparseableInputError),
        ("2026-02-30", InvalidDateError),
        ("2026-13-01T10:00", InvalidDateError),
        ("2026-02-06T25:00", InvalidTimeError),
        ("2026-02-06T10:61", InvalidTimeError),
        ("2026-02-06T10:00+15:00", InvalidTimezoneError),
    ],
    ids=["word", "slashes", "feb-30", "month-13", "hour-25", "minute-61", "offset-15h"],
)
def test_unparseable_datetime_raises_instead_of_using_now(text, error):
    with pytest.raises(error) as raised:
        parse_reading_datetime(text)
    assert raised.value.field == "datetime"


def test_blank_datetime_returns_the_callers_now_or_raises():
    now = datetime(2026, 2, 6, 9, 0, tzinfo=UTC)
    assert parse_reading_datetime("", default=now) is now
    assert parse_reading_datetime(None, default=now) is now
    with pytest.raises(UnparseableInputError):
        parse_reading_datetime("  ")


@pytest.mark.parametrize(
    ("value", "offset"),
    [
        (None, timedelta(0)),
        ("UTC", timedelta(0)),
        ("+03:30", timedelta(hours=3, minutes=30)),
        ("-05:00", timedelta(hours=-5)),
        ("UTC+4", timedelta(hours=4)),
        ("Asia/Tehran", timedelta(hours=3, minutes=30)),
    ],
    ids=["none", "utc", "plus-0330", "minus-0500", "utc-plus-4", "iana"],
)
def test_resolve_timezone(value, offset):
    assert resolve_timezone(value).utcoffset(datetime(2026, 2, 6)) == offset


@pytest.mark.parametrize("value", ["Mars/Olympus", "+15:00", "+03:75", "../etc/passwd", 5])
def test_unknown_time_zone_is_rejected(value):
    with pytest.raises(InvalidTimezoneError):
        resolve_timezone(value)


# --- question -------------------------------------------------------------------------

QUESTION_IDS = {
    "Will I see 444 again?": "angel-444",
    "Should I move?": "letters-11-maybe",
    "Is 22 my number?": "master-22-kept-defect-8",
    "What about 0?": "zero",
    "???": "no-letters-7",
    "آیا باید بروم؟": "persian-letters-11",
    "Is 29 lucky": "29-to-11",
    "12 or 13?": "first-number-wins",
}
# Defect 8 (one master-number rule): V4 turned 22 into 2+2 = 4 → "no".
FIXED_BY_DEFECT_8 = {"Is 22 my number?": {"answer": "maybe", "sign_number": 22}}


@pytest.mark.parametrize("vector", SPEC_QUESTIONS, ids=lambda v: QUESTION_IDS[v["question"]])
def test_question_vector(vector):
    expected = {**vector, **FIXED_BY_DEFECT_8.get(vector["question"], {})}
    result = compose_question(vector["question"], ASKED_AT)
    for key in ("question", "answer", "sign_number", "confidence"):
        assert result[key] == expected[key]


def test_question_sign_number_keeps_master_numbers():
    result = compose_question("Is 22 my number?", ASKED_AT)
    assert (result["sign_number"], result["answer"]) == (22, "maybe")


def test_question_interpretation_names_the_real_fc60_code_and_moon():
    # V4 always wrote "FC60: No code provided" and never the moon.
    result = compose_question("Will I see 444 again?", ASKED_AT)
    assert result["interpretation"] == (
        "Numerology: Creativity, expression, joy, communication | FC60: VE-OX-OXFI ☀OX-RUWU-RAWU "
        "(Venus — love, beauty, harmony, attraction + Ox — strength, patience, steady progress) "
        "| Moon: Waning Gibbous (81% illuminated) — Gratitude, sharing, distribution"
    )


def test_question_result_keys_and_interpretation():
    result = compose_question("Will I see 444 again?", ASKED_AT, profile=ALICE)
    assert list(result)[:5] == ["question", "answer", "sign_number", "interpretation", "confidence"]
    assert result["moment"] == "2026-02-06T01:15:00"
    assert result["fc60"]["code"] == "VE-OX-OXFI ☀OX-RUWU-RAWU"  # 01:15, the moment asked
    assert result["advice"].startswith("Synchronicity detected: Angel number 444")
    text = result["ai_interpretation"]["text"]
    assert text.startswith(
        "The oracle answers yes. Your question carries the sign number 3 (Creativity, "
        "expression, joy, communication), asked under a Waning Gibbous moon at the FC60 moment "
        "VE-OX-OXFI ☀OX-RUWU-RAWU."
    )
    assert NOT_AVAILABLE not in text


# --- name -----------------------------------------------------------------------------

NAME_IDS = {
    "Alice Smith": "alice-smith",
    "Mary-Jane O'Neil": "hyphen-apostrophe",
    "Björn": "umlaut",
    "علی": "persian-abjad",
}


@pytest.mark.parametrize(
    "vector", [v for v in SPEC_NAMES if v["name"] != "علی"], ids=lambda v: NAME_IDS[v["name"]]
)
def test_name_vector(vector):
    result = compose_name(vector["name"])
    assert {key: result[key] for key in vector} == vector
    assert list(result)[:6] == list(vector)


def test_persian_name_reading_uses_abjad():
    # V4 had no Abjad and gave علی zeros (vector); Persian script is counted in Abjad:
    # ع 70 + ل 30 + ی 10 = 110 → 2; vowel ی 10 → 1; consonants 100 → 1.
    v4 = next(v for v in SPEC_NAMES if v["name"] == "علی")
    assert (v4["destiny_number"], v4["soul_urge"], v4["personality"]) == (0, 0, 0)
    result = compose_name("علی")
    assert (result["destiny_number"], result["soul_urge"], result["personality"]) == (2, 1, 1)
    assert result["numerology_system"] == "abjad"
    assert result["letters"] == [
        {"letter": "ع", "value": 70, "element": "Earth"},
        {"letter": "ل", "value": 30, "element": "Metal"},
        {"letter": "ی", "value": 10, "element": "Fire"},
    ]
    assert "-- Abjad Numerology --" in result["interpretation"]


def test_explicit_system_overrides_the_automatic_one():
    result = compose_name("Alice Smith", system="chaldean")
    assert result["numerology_system"] == "chaldean"
    assert result["letters"][5] == {"letter": "S", "value": 3, "element": "Metal"}


def test_empty_name_gives_v4s_empty_reading():
    result = compose_name("")
    assert {k: result[k] for k in ("destiny_number", "soul_urge", "personality", "letters")} == {
        "destiny_number": 0,
        "soul_urge": 0,
        "personality": 0,
        "letters": [],
    }
    assert result["interpretation"] == "No name provided for reading."


def test_name_reading_of_the_profiles_own_name_adds_birthday_and_mother():
    result = compose_name("Alice Smith", profile=ALICE)
    assert result["life_path"] == 3
    assert result["birthday_zodiac"]["sign"] == "Taurus"
    assert "-- Mother's Influence --" in result["interpretation"]
    assert "Mary" not in result["interpretation"]
    other = compose_name("Bob", profile=ALICE)
    assert other["life_path"] is None


def test_name_interpretation_without_ai():
    result = compose_name("Alice Smith")["ai_interpretation"]
    assert result["ai_generated"] is False
    assert result["text"].startswith("The name Alice Smith carries Destiny number 9")


# --- daily ----------------------------------------------------------------------------


@pytest.mark.parametrize("vector", SPEC_DAILIES, ids=lambda v: v["date"])
def test_daily_vector(vector):
    result = compose_daily(date.fromisoformat(vector["date"]))
    for key in ("date", "lucky_numbers", "optimal_activity"):
        assert result[key] == vector[key]
    assert list(result)[:4] == list(vector)


def test_daily_insight_names_the_real_fc60_code_and_moon():
    # V4: "Day of Completion — Universal love. Day number: 9 | FC60: No code provided".
    assert compose_daily(date(2026, 2, 6))["insight"] == (
        "Day of Completion — Universal love. Day number: 9 | FC60: VE-OX-OXFI (Venus — love, "
        "beauty, harmony, attraction + Ox — strength, patience, steady progress) | Moon: Waning "
        "Gibbous (81% illuminated) — Gratitude, sharing, distribution"
    )


def test_daily_reading_for_a_profile_has_personal_numbers():
    result = compose_daily(date(2026, 2, 6), profile=ALICE)
    # Same arithmetic as the time reading for Alice on 2026-02-06.
    assert result["personal"] == {"personal_year": 3, "personal_month": 5, "personal_day": 11}
    assert "For you it is personal day 11." in result["ai_interpretation"]["text"]


def test_daily_date_of_an_aware_moment_is_taken_in_the_zone():
    late_utc = datetime(2026, 2, 5, 22, 0, tzinfo=UTC)  # already the 6th in Tehran
    assert compose_daily(late_utc)["date"] == "2026-02-05"
    assert compose_daily(late_utc, tz="Asia/Tehran")["date"] == "2026-02-06"


def test_daily_interpretation_without_ai():
    text = compose_daily(date(2026, 2, 6))["ai_interpretation"]["text"]
    assert text == (
        "2026-02-06 is a day of Completion — Universal love, with day number 9. Your lucky "
        "numbers are 1, 2, 9. The Waning Gibbous moon sets the tone."
    )


# --- multi-user -----------------------------------------------------------------------

PAIR = [
    {"name": "Alice", "birth_year": 1990, "birth_month": 5, "birth_day": 15, "user_id": 7},
    {"name": "Bob", "birth_year": 1992, "birth_month": 3, "birth_day": 20},
]


def test_multi_user_profiles_have_polarity_stem_and_branch():
    result = compose_multi_user(PAIR)
    assert result["profiles"][0] == {
        "name": "Alice",
        "element": "Metal",
        "animal": "Horse",
        "polarity": "Yang",
        "life_path": 3,
        "destiny_number": 3,
        "stem": "Gēng",
        "branch": "Horse",
        "birth_year": 1990,
        "birth_month": 5,
        "birth_day": 15,
        "fc60_sign": "MA-DR-RUWU",
        "name_energy": 6,
    }
    assert result["profiles"][1]["stem"] == "Rén"  # 1992: stem 8 Rén (Water, Yang), Monkey
    assert result["profiles"][1]["polarity"] == "Yang"


def test_multi_user_result_keys():
    result = compose_multi_user(PAIR)
    assert list(result) == [
        "user_count",
        "pair_count",
        "computation_ms",
        "profiles",
        "pairwise_compatibility",
        "group_energy",
        "group_dynamics",
        "ai_interpretation",
    ]
    assert result["ai_interpretation"]["ai_available"] is False
    assert "at 58% overall compatibility" in result["ai_interpretation"]["compatibility_narrative"]
    assert compose_multi_user(PAIR, include_interpretation=False)["ai_interpretation"] is None


@pytest.mark.parametrize("index", [-1, 2, True, "0"], ids=["negative", "too-big", "bool", "text"])
def test_primary_user_index_out_of_range_is_rejected(index):
    with pytest.raises(InvalidGroupError) as raised:
        compose_multi_user(PAIR, primary_user_index=index)
    assert str(raised.value) == "primary_user_index must be between 0 and 1"
    assert raised.value.field == "primary_user_index"


def test_multi_user_accepts_profiles_and_counts_persian_names_in_abjad():
    ali = ReadingProfile(
        "Ali Rezaei", date(1990, 5, 15), persian_name="علی", numerology_system="abjad"
    )
    result = compose_multi_user([ali, ALICE])
    assert [p["name"] for p in result["profiles"]] == ["علی", "Alice Smith"]
    assert result["profiles"][0]["destiny_number"] == 2
    assert result["profiles"][1]["destiny_number"] == 9


@pytest.mark.parametrize("size", [1, 11], ids=["one-person", "eleven-people"])
def test_multi_user_group_size_is_checked(size):
    with pytest.raises(InvalidGroupError, match="users"):
        compose_multi_user([PAIR[0]] * size)


# --- ReadingProfile ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"full_name": "  "}, InvalidNameError),
        ({"numerology_system": "kabbalah"}, InvalidNumerologySystemError),
        ({"tz": "Mars/Olympus"}, InvalidTimezoneError),
        ({"birth_date": "1990-05-15"}, InvalidDateError),
    ],
    ids=["blank-name", "unknown-system", "unknown-zone", "date-as-text"],
)
def test_reading_profile_rejects_bad_fields(kwargs, error):
    with pytest.raises(error):
        ReadingProfile(**{"full_name": "Alice", "birth_date": date(1990, 5, 15), **kwargs})


def test_reading_profile_normalizes_its_fields():
    profile = ReadingProfile("Ali", datetime(1990, 5, 15, 8, 0), numerology_system=" Abjad ")
    assert profile.birth_date == date(1990, 5, 15)
    assert profile.numerology_system == "abjad"
    with pytest.raises(FrozenInstanceError):
        profile.full_name = "Bob"  # type: ignore[misc]


def test_abjad_profile_counts_its_persian_name():
    profile = ReadingProfile(
        "Ali", date(1990, 5, 15), persian_name="علی", numerology_system="abjad"
    )
    assert profile.name_for_numbers() == "علی"
    assert ReadingProfile("Ali", date(1990, 5, 15), persian_name="علی").name_for_numbers() == "Ali"


# --- properties: only EngineError for arbitrary strings ------------------------------------

moments = st.datetimes(
    min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.none()
)


date_like_text = st.from_regex(
    r"\d{4}-\d{1,2}-\d{1,2}([T ]\d{1,2}:\d{1,2}(:\d{1,2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?",
    fullmatch=True,
)


@settings(max_examples=300)
@given(st.one_of(st.text(max_size=40), date_like_text))
def test_parse_and_compose_time_reading_raise_only_engine_errors(text):
    try:
        moment = parse_reading_datetime(text)
        result = compose_time_reading(moment)
    except EngineError:
        return
    assert result["generated_at"]


@given(st.text(max_size=60), moments)
def test_compose_question_raises_only_engine_errors(question, moment):
    try:
        result = compose_question(question, moment)
    except EngineError:
        return
    assert result["answer"] in ("yes", "no", "maybe")


@given(st.text(max_size=40))
def test_compose_name_raises_only_engine_errors(name):
    try:
        result = compose_name(name)
    except EngineError:
        return
    assert result["name"] == name


@given(st.text(max_size=30), st.text(max_size=30))
def test_compose_multi_user_raises_only_engine_errors(first, second):
    users = [{**PAIR[0], "name": first}, {**PAIR[1], "name": second}]
    try:
        result = compose_multi_user(users)
    except EngineError:
        return
    assert result["pair_count"] == 1


@given(st.text(max_size=30))
def test_time_zone_text_raises_only_engine_errors(text):
    try:
        zone = resolve_timezone(text)
    except EngineError:
        return
    assert zone.utcoffset(datetime(2026, 1, 1)) is not None


ZONES = ["UTC", "Asia/Tehran", "America/St_Johns", "Pacific/Kiritimati", "-12:00", "+14:00"]


@given(moments, st.sampled_from(ZONES), st.sampled_from([None, *ZONES]))
def test_every_moment_in_every_zone_gives_a_reading(moment, zone, own_zone):
    if own_zone is not None:  # an aware moment, converted to `zone`
        moment = moment.replace(tzinfo=resolve_timezone(own_zone))
    try:
        result = compose_time_reading(moment, tz=zone)
    except InvalidDateError:  # only at the very ends of year 1 and year 9999
        assert moment.year in (1, 9999)
        return
    assert result["ai_interpretation"]["text"]
    assert result["fc60_encoding"]["tz60"]


def test_historical_local_mean_time_is_rounded_to_whole_minutes():
    # Tehran kept local mean time (+03:25:44) until 1946.
    result = compose_time_reading(datetime(1920, 6, 1, 12, 0), tz="Asia/Tehran")
    assert result["generated_at"] == "1920-06-01T12:00:00+03:26"


@pytest.mark.parametrize("fmt", ["simple", "advice", "action_steps", "universe_message"])
@pytest.mark.parametrize("kind", ["time", "question", "name", "daily"])
def test_every_format_of_every_profile_reading_is_fully_filled_without_ai(kind, fmt):
    moment = datetime(2026, 2, 6, 1, 15)
    reading, interpret = {
        "time": (compose_time_reading(moment, profile=ALICE), interpret_reading),
        "question": (
            compose_question("Will I see 444 again?", moment, profile=ALICE),
            interpret_question,
        ),
        "name": (compose_name("Alice Smith", profile=ALICE), interpret_name),
        "daily": (compose_daily(moment, profile=ALICE), interpret_daily),
    }[kind]
    result = interpret(reading, fmt)
    assert result["format"] == fmt
    assert result["ai_generated"] is False
    assert NOT_AVAILABLE not in result["text"]
    if fmt in ("advice", "universe_message"):  # both address the person by name
        assert "Alice" in result["text"]


def test_readings_depend_only_on_their_arguments():
    # No hidden clock: the same arguments give the same reading, whenever it runs.
    moment = datetime(2026, 2, 6, 1, 15)
    assert compose_time_reading(moment, profile=ALICE) == compose_time_reading(
        moment, profile=ALICE
    )
    assert compose_question("Is 7 lucky?", moment) == compose_question("Is 7 lucky?", moment)
    assert compose_daily(moment) == compose_daily(moment)


def test_daily_insight_gives_the_best_hours_of_the_local_day():
    from oracle.engines.timing import get_best_hours

    in_utc = compose_daily(date(2026, 2, 6))
    in_tehran = compose_daily(date(2026, 2, 6), tz="Asia/Tehran")
    assert in_utc["best_hours"] == get_best_hours(date(2026, 2, 6))
    assert in_utc["best_hours"][0] == {"hour": 0, "score": 0.8125, "quality": "excellent"}
    assert sorted(h["hour"] for h in in_tehran["best_hours"]) == list(range(24))
    assert in_tehran["best_hours"] != in_utc["best_hours"]  # hours fall on other UTC moments


def test_daily_insight_at_the_end_of_the_calendar_has_no_hours_beyond_it():
    """At UTC−12 the last day's hours from noon on are in the year 10000 in UTC: left out."""
    hours = compose_daily(date(9999, 12, 31), tz="Etc/GMT+12")["best_hours"]
    assert sorted(h["hour"] for h in hours) == list(range(12))


def test_question_reading_carries_the_timing_quality_of_its_moment():
    from oracle.engines.timing import get_current_quality

    moment = datetime(2026, 2, 6, 1, 15, tzinfo=UTC)
    result = compose_question("Should I travel?", moment)
    assert result["timing"] == get_current_quality(moment)
    assert result["timing"]["quality"] == "excellent"


def test_time_reading_gives_the_best_hours_of_its_local_day():
    from zoneinfo import ZoneInfo

    from oracle.engines.timing import get_best_hours

    tehran = ZoneInfo("Asia/Tehran")
    result = compose_time_reading(datetime(2026, 2, 6, 9, 30, tzinfo=tehran))
    assert result["best_hours"] == get_best_hours(date(2026, 2, 6), tehran)
    assert result["best_hours"] != get_best_hours(date(2026, 2, 6), UTC)


def test_question_reading_has_one_stamp_the_moments():
    """Issue 20: the tiles showed the moment's stamp (15:35:37) while `fc60.code` and the
    interpretation named the day's midnight stamp. One moment, one stamp."""
    tehran = timezone(timedelta(hours=3, minutes=30))
    result = compose_question("Should I move?", datetime(2026, 2, 6, 15, 35, 37, tzinfo=tehran))
    stamp = result["fc60_encoding"]["stamp"]
    assert stamp == "VE-OX-OXFI 🌙RU-GOWU-GOER"  # 15:35:37, not the day's midnight ☀RA-RAWU-RAWU
    assert result["fc60"]["code"] == stamp
    assert f"FC60: {stamp} (" in result["interpretation"]
    assert result["fc60_encoding"]["iso"] == "2026-02-06T15:35:37+03:30"
