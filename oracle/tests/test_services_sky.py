"""The sky of a moment against the published almanac (vectors/sky.json), not against Skyfield."""

from __future__ import annotations

import datetime as dt

import pytest

from oracle.engines.fc60 import MOON_PHASE_NAMES, julian_day_number, moon_phase
from oracle.services import sky
from oracle.tests.vectors import load

VECTORS = load("sky")
KINDS = {"new_moon": 0, "first_quarter": 1, "full_moon": 2, "last_quarter": 3}
TOLERANCE = dt.timedelta(seconds=VECTORS["TOLERANCE_SECONDS"])
PHASE_ROWS = [
    pytest.param(kind, dt.datetime.fromisoformat(instant), id=f"{kind}-{instant[:10]}")
    for kind, instants in VECTORS["PHASES_2024"].items()
    for instant in instants
]


def _events_of_2024() -> list[tuple[dt.datetime, int]]:
    events, instants = sky._phase_events(2024)
    return [(instant, kind) for instant, (_tt, kind) in zip(instants, events, strict=True)]


@pytest.mark.parametrize(("kind", "instant"), PHASE_ROWS)
def test_phase_instants_of_2024_match_the_almanac_within_two_minutes(kind, instant):
    nearest = min(
        (abs(found - instant), found)
        for found, found_kind in _events_of_2024()
        if found_kind == KINDS[kind]
    )
    assert nearest[0] <= TOLERANCE, f"{kind} {instant}: computed {nearest[1]}"


def test_the_sky_finds_exactly_the_almanacs_phases_of_2024():
    in_2024 = [(found, kind) for found, kind in _events_of_2024() if found.year == 2024]
    for name, kind in KINDS.items():
        assert sum(1 for _f, k in in_2024 if k == kind) == len(VECTORS["PHASES_2024"][name])


@pytest.mark.parametrize(("kind", "instant"), PHASE_ROWS)
def test_illumination_at_the_almanacs_phase_instants_within_one_point(kind, instant):
    block = sky.sky_block(instant)
    expected = VECTORS["ILLUMINATION_AT_PHASE"][kind]
    assert abs(block["moon"]["illumination"] - expected) <= VECTORS["TOLERANCE_PERCENT"]


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        pytest.param(dt.datetime.fromisoformat(moment), percent, id=moment[:10])
        for moment, percent in VECTORS["ILLUMINATION_ON_DATES"]["rows"]
    ],
)
def test_illumination_on_chosen_dates_matches_the_published_table_within_one_point(
    moment, expected
):
    block = sky.sky_block(moment)
    assert abs(block["moon"]["illumination"] - expected) <= VECTORS["TOLERANCE_PERCENT"]


def test_next_new_and_full_moon_are_the_almanacs():
    block = sky.sky_block(dt.datetime(2024, 3, 1, 12, tzinfo=dt.UTC))
    next_new = dt.datetime.fromisoformat(block["next_new_moon"])
    next_full = dt.datetime.fromisoformat(block["next_full_moon"])
    assert abs(next_new - dt.datetime(2024, 3, 10, 9, 0, tzinfo=dt.UTC)) <= TOLERANCE
    assert abs(next_full - dt.datetime(2024, 3, 25, 7, 0, tzinfo=dt.UTC)) <= TOLERANCE


def test_next_new_moon_crosses_into_the_next_year():
    block = sky.sky_block(dt.datetime(2024, 12, 31, 12, tzinfo=dt.UTC))
    next_new = dt.datetime.fromisoformat(block["next_new_moon"])
    assert next_new.date() == dt.date(2025, 1, 29)
    assert block["previous_new_moon"].startswith("2024-12-30T22:2")


def test_age_counts_days_since_the_last_new_moon_of_the_almanac():
    last_new = dt.datetime(2024, 4, 8, 18, 21, tzinfo=dt.UTC)
    block = sky.sky_block(last_new + dt.timedelta(days=10))
    assert block["moon"]["age_days"] == pytest.approx(10.0, abs=2 / 1440)


def test_instants_are_shown_in_the_moments_offset():
    tehran = dt.timezone(dt.timedelta(hours=3, minutes=30))
    block = sky.sky_block(dt.datetime(2024, 3, 1, 12, tzinfo=tehran))
    assert block["next_new_moon"].startswith("2024-03-10T12:30")
    assert block["next_new_moon"].endswith("+03:30")


def test_eclipse_new_moon_is_new_in_the_sky_while_fc60_says_waning_crescent():
    """The drift the sky exists to show: FC60's mean month is late on 8 April 2024."""
    moment = dt.datetime(2024, 4, 8, 18, 21, tzinfo=dt.UTC)
    block = sky.sky_block(moment)
    fc60 = MOON_PHASE_NAMES[moon_phase(julian_day_number(2024, 4, 8))[0]]
    assert block["moon"]["phase"] == "New Moon"
    assert block["fc60_phase"] == fc60 == "Waning Crescent"
    assert block["agrees_with_fc60"] is False
    assert block["moon"]["sign"] == block["sun"]["sign"] == "Aries"


def test_the_sky_agrees_with_fc60_when_both_name_the_same_phase():
    block = sky.sky_block(dt.datetime(2025, 6, 1, 12, tzinfo=dt.UTC))
    assert block["moon"]["phase"] == block["fc60_phase"] == "Waxing Crescent"
    assert block["agrees_with_fc60"] is True


def test_sun_changes_sign_at_the_almanacs_equinox():
    equinox = dt.datetime.fromisoformat(VECTORS["EQUINOX_2024"])
    before = sky.sky_block(equinox - dt.timedelta(minutes=2))
    after = sky.sky_block(equinox + dt.timedelta(minutes=2))
    assert (before["sun"]["sign"], after["sun"]["sign"]) == ("Pisces", "Aries")


def test_birth_on_the_equinox_day_names_both_sun_signs_of_that_day():
    birth = sky.birth_signs(dt.date(2024, 3, 20), dt.UTC)
    assert birth["sun_signs_that_day"] == ["Pisces", "Aries"]
    assert birth["sun_sign"] == "Aries"  # at noon
    assert birth["moon_sign"] in birth["moon_signs_that_day"]


def test_a_moment_outside_the_ephemeris_has_no_sky():
    assert sky.sky_block(dt.datetime(1850, 1, 1, tzinfo=dt.UTC)) is None
    assert sky.birth_signs(dt.date(1890, 1, 1), dt.UTC) is None
    with pytest.raises(sky.SkyOutOfRange) as error:
        sky.require_sky_block(dt.datetime(2999, 1, 1, tzinfo=dt.UTC), field="datetime")
    assert error.value.field == "datetime"
    assert "1900–2050" in str(error.value)
