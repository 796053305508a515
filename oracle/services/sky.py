"""The Moon and the Sun as they really were: an ephemeris beside FC60's symbolic moon.

FC60's moon (`oracle.engines.fc60.moon_phase`) is a mean synodic month counted from one epoch,
kept exactly as V4 defined it. It drifts from the real Moon by up to about 18 hours at the phase
instants. This module computes the sky of a moment from JPL's DE421 ephemeris with Skyfield
(`skyfield-data` ships the file: nothing is downloaded at run time), so a reading can show both
and say when they disagree. It is a service, not an engine: Skyfield needs numpy.

* The ephemeris and the time scale load once per process (`_sky`), on first use (~0.5 s).
* The instants of the principal phases are searched once per calendar year and cached
  (`_phase_events`, ~0.2 s a year); a block then costs two positions and two bisections.
* Phase names use FC60's own eight sectors (`MOON_BOUNDARIES`, read as angles of the Moon's
  elongation from the Sun), so a difference between the two moons is the drift of the mean
  month, never a different naming rule.
* Longitudes are apparent, geocentric, ecliptic of date (tropical signs, 30° each).
* DE421 covers 1899-07-29 – 2053-10-09; moments outside `FIRST_DAY`–`LAST_DAY` have no sky
  (`sky_block` returns None, `require_sky_block` raises `SkyOutOfRange` naming the field).

Accuracy (checked in `oracle/tests/test_services_sky.py` against the published 2024 tables, not
against Skyfield): every new, first-quarter, full and last-quarter instant within 2 minutes,
illumination within 1 percentage point (at those instants, and on eight dates of JPL HORIZONS'
published table in `oracle/tests/vectors/sky.json`, where it agrees within 0.05 point).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import importlib.resources
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from oracle.engines.errors import InvalidDateError
from oracle.engines.fc60 import (
    MOON_BOUNDARIES,
    MOON_PHASE_NAMES,
    SYNODIC_MONTH,
    julian_day_number,
    moon_phase,
)

EPHEMERIS_FILE = "de421.bsp"
MODEL = "JPL DE421 (Skyfield 1.55)"
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2050, 12, 31)
# Ecliptic order from 0° (Aries): the engines' own names, so the pages' `term` translates them.
SIGNS: tuple[str, ...] = (
    "Aries",
    "Taurus",
    "Gemini",
    "Cancer",
    "Leo",
    "Virgo",
    "Libra",
    "Scorpio",
    "Sagittarius",
    "Capricorn",
    "Aquarius",
    "Pisces",
)
# FC60's phase boundaries (days of a mean month) as elongation angles, degrees.
PHASE_ANGLES: tuple[float, ...] = tuple(bound / SYNODIC_MONTH * 360.0 for bound in MOON_BOUNDARIES)
NEW, FIRST_QUARTER, FULL, LAST_QUARTER = 0, 1, 2, 3


class SkyOutOfRange(InvalidDateError):
    """A moment the ephemeris does not cover (a 422 naming the field)."""


@dataclass(frozen=True)
class _Sky:
    timescale: Any
    earth: Any
    moon: Any
    sun: Any
    ecliptic: Any
    moon_phases: Any
    find_discrete: Any


_LOCK = threading.Lock()


@functools.cache
def _sky() -> _Sky:
    """The ephemeris, read once per process (thread-safe: the first caller loads it)."""
    with _LOCK:
        from skyfield import almanac
        from skyfield.api import Loader
        from skyfield.framelib import ecliptic_frame

        folder = importlib.resources.files("skyfield_data") / "data"
        # `expire=False`: the shipped files are used as they are, never fetched again. The
        # time scale is Skyfield's built-in one (leap seconds and ΔT ship with it).
        load = Loader(str(folder), expire=False, verbose=False)
        ephemeris = load(EPHEMERIS_FILE)
        return _Sky(
            timescale=load.timescale(builtin=True),
            earth=ephemeris["earth"],
            moon=ephemeris["moon"],
            sun=ephemeris["sun"],
            ecliptic=ecliptic_frame,
            moon_phases=almanac.moon_phases(ephemeris),
            find_discrete=almanac.find_discrete,
        )


def warm_up() -> None:
    """Load the ephemeris and this year's phases now (a worker's start, a benchmark), not on
    the first request."""
    _sky()
    _phase_events(dt.datetime.now(dt.UTC).year)


def covers(moment: dt.datetime) -> bool:
    return FIRST_DAY <= moment.astimezone(dt.UTC).date() <= LAST_DAY


@functools.lru_cache(maxsize=32)
def _phase_events(year: int) -> tuple[tuple[tuple[float, int], ...], tuple[dt.datetime, ...]]:
    """The principal phases from 40 days before ``year`` to 40 days after it, as
    ``((tt, kind), …)`` with kind 0 new, 1 first quarter, 2 full, 3 last quarter."""
    sky = _sky()
    start = sky.timescale.utc(year, 1, 1 - 40)
    end = sky.timescale.utc(year + 1, 1, 1 + 40)
    times, kinds = sky.find_discrete(start, end, sky.moon_phases)
    events = tuple((float(t), int(k)) for t, k in zip(times.tt, kinds, strict=True))
    instants = tuple(t.utc_datetime() for t in times)
    return events, instants


def _sign(longitude: float) -> str:
    return SIGNS[int(longitude // 30) % 12]


def _sector(elongation: float) -> int:
    """FC60's phase index for an elongation (0–360°) of the Moon from the Sun."""
    for index, bound in enumerate(PHASE_ANGLES):
        if elongation < bound:
            return index
    return 7


def _positions(moment: dt.datetime) -> dict[str, float]:
    """The Moon's and the Sun's longitudes and the illumination at ``moment`` to the nearest
    minute (kept: `_minute_positions`), with the exact moment's Terrestrial Time (``tt``, which
    places the moment among the phase instants, so a moment seconds from a new moon stays on
    its side of it)."""
    utc = moment.astimezone(dt.UTC)
    minute = (utc + dt.timedelta(seconds=30)).replace(second=0, microsecond=0)
    return {
        "tt": float(_sky().timescale.from_datetime(utc).tt),
        **_minute_positions(minute),
    }


# Positions are two apparent places (most of a block's cost, ~2–9 ms); stored readings of "now"
# and the same moment asked again fall in the same minute. The precision given up: at most 30 s
# of motion, i.e. ≤ 0.005° of the Moon's longitude and elongation (it moves ~0.55°/hour), ≤ 0.0002°
# of the Sun's, ≤ 0.01 percentage point of illumination — below the 1-point accuracy documented
# above and at most one unit of the last shown decimal; the phase instants (yearly cache) and the
# Moon's age (from the exact moment) are untouched. A moment within 30 s of one of the eight
# phase sectors' boundaries may be named by its minute's side.
@functools.lru_cache(maxsize=4096)
def _minute_positions(minute: dt.datetime) -> dict[str, float]:
    sky = _sky()
    t = sky.timescale.from_datetime(minute)
    observer = sky.earth.at(t)
    moon = observer.observe(sky.moon).apparent()
    sun = observer.observe(sky.sun).apparent()
    _, moon_lon, _ = moon.frame_latlon(sky.ecliptic)
    _, sun_lon, _ = sun.frame_latlon(sky.ecliptic)
    return {
        "moon": float(moon_lon.degrees) % 360.0,
        "sun": float(sun_lon.degrees) % 360.0,
        "illumination": float(moon.fraction_illuminated(sky.sun)) * 100.0,
    }


def _fc60_phase(local: dt.datetime) -> int:
    return moon_phase(julian_day_number(local.year, local.month, local.day))[0]


def sky_block(moment: dt.datetime) -> dict[str, Any] | None:
    """The sky of an aware ``moment`` (instants shown in its offset), or None outside the
    ephemeris's years. ``fc60_phase``/``agrees_with_fc60`` compare it with FC60's moon of the
    moment's local date."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    if not covers(moment):
        return None
    here = _positions(moment)
    elongation = (here["moon"] - here["sun"]) % 360.0
    events, instants = _phase_events(moment.astimezone(dt.UTC).year)
    position = bisect.bisect_right(events, (here["tt"], 9))
    previous_new = _find(events, instants, range(position - 1, -1, -1), NEW)
    next_new = _find(events, instants, range(position, len(events)), NEW)
    next_full = _find(events, instants, range(position, len(events)), FULL)
    age = (moment - previous_new).total_seconds() / 86400.0 if previous_new else None
    phase = _sector(elongation)
    fc60 = _fc60_phase(moment)
    zone = moment.tzinfo
    return {
        "model": MODEL,
        "moment": moment.isoformat(),
        "moon": {
            "phase": MOON_PHASE_NAMES[phase],
            "phase_index": phase,
            "illumination": round(here["illumination"], 1),
            "age_days": round(age, 2) if age is not None else None,
            "elongation": round(elongation, 2),
            "longitude": round(here["moon"], 2),
            "sign": _sign(here["moon"]),
        },
        "sun": {"longitude": round(here["sun"], 2), "sign": _sign(here["sun"])},
        "previous_new_moon": _iso(previous_new, zone),
        "next_new_moon": _iso(next_new, zone),
        "next_full_moon": _iso(next_full, zone),
        "fc60_phase": MOON_PHASE_NAMES[fc60],
        "agrees_with_fc60": fc60 == phase,
    }


def require_sky_block(moment: dt.datetime, *, field: str = "datetime") -> dict[str, Any]:
    """`sky_block`, or a `SkyOutOfRange` naming ``field`` for a moment it does not cover."""
    block = sky_block(moment)
    if block is None:
        raise SkyOutOfRange(
            f"The sky is computed for {FIRST_DAY.year}–{LAST_DAY.year} only (the years of the "
            "DE421 ephemeris): choose a moment in those years.",
            field=field,
        )
    return block


def _find(
    events: Sequence[tuple[float, int]],
    instants: Sequence[dt.datetime],
    indexes: range,
    kind: int,
) -> dt.datetime | None:
    for index in indexes:
        if events[index][1] == kind:
            return instants[index]
    return None


def _iso(instant: dt.datetime | None, zone: dt.tzinfo | None) -> str | None:
    if instant is None:
        return None
    return instant.astimezone(zone).replace(microsecond=0).isoformat()


def birth_signs(birthday: dt.date, zone: dt.tzinfo) -> dict[str, Any] | None:
    """The Sun and Moon signs of a birth day (no birth time is known): at local noon, and every
    sign each had during that local day — the Moon moves ~13° a day, so on one day in about
    two and a half it changes sign and only the birth time could tell which is right."""
    start = dt.datetime.combine(birthday, dt.time(0, 0), zone)
    if not covers(start):
        return None
    moments = [start + dt.timedelta(hours=hours) for hours in (0, 12, 24)]
    moments[-1] -= dt.timedelta(seconds=1)
    signs = [_positions(moment) for moment in moments]

    def distinct(body: str) -> list[str]:
        names: list[str] = []
        for position in signs:
            name = _sign(position[body])
            if name not in names:
                names.append(name)
        return names

    return {
        "date": birthday.isoformat(),
        "sun_sign": _sign(signs[1]["sun"]),
        "moon_sign": _sign(signs[1]["moon"]),
        "sun_signs_that_day": distinct("sun"),
        "moon_signs_that_day": distinct("moon"),
    }
