"""The pictures of the results pages: what each SVG template draws, computed from a reading's dicts.

Pure functions over the dicts that :mod:`oracle.engines.compose` returns (no drawing here, no
colours: the templates in ``oracle/templates/oracle/pictures/`` draw, ``static/css/nps.css``
colours). Geometry is in SVG user units. Pictures that have an inline direction (bars, heat map,
tiles) take ``rtl``: positions are computed for the reading direction, and text anchors are
logical (``start`` is the right end in Persian), so one template serves both directions.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from oracle.engines import fc60
from oracle.terms import lazy_label

# The FC60 alphabet of the engines (token index = animal index × 5 + element index), with the
# names people read: the engines' English name, and its translation.
ANIMALS: tuple[tuple[str, str, Any], ...] = tuple(
    zip(
        fc60.ANIMALS,
        fc60.ANIMAL_NAMES,
        tuple(lazy_label(name) for name in fc60.ANIMAL_NAMES),
        strict=True,
    )
)
ELEMENTS: tuple[tuple[str, str, Any], ...] = tuple(
    zip(
        fc60.ELEMENTS,
        fc60.ELEMENT_NAMES,
        tuple(lazy_label(name) for name in fc60.ELEMENT_NAMES),
        strict=True,
    )
)
WEEKDAYS: tuple[tuple[str, Any, Any], ...] = tuple(
    zip(
        fc60.WEEKDAYS,
        tuple(lazy_label(name) for name in fc60.WEEKDAY_NAMES),
        tuple(lazy_label(planet.split()[0]) for planet in fc60.WEEKDAY_PLANETS),
        strict=True,
    )
)
# The moon's caption: "Full moon" in English, the engines' Persian name (بدر) in Persian.
MOON_PHASES: Mapping[str, Any] = {
    name: lazy_label(name, caption)
    for name, caption in zip(
        fc60.MOON_PHASE_NAMES,
        (
            "New moon",
            "Waxing crescent moon",
            "First quarter moon",
            "Waxing gibbous moon",
            "Full moon",
            "Waning gibbous moon",
            "Last quarter moon",
            "Waning crescent moon",
        ),
        strict=True,
    )
}
# The multi-user engine's classification of a pair's overall score: the heat
# map's colour bands, best first.
COMPATIBILITY_BANDS: tuple[tuple[str, float, Any], ...] = (
    ("excellent", 0.8, pgettext_lazy("compatibility", "Excellent")),
    ("good", 0.6, pgettext_lazy("compatibility", "Good")),
    ("neutral", 0.4, pgettext_lazy("compatibility", "Neutral")),
    ("challenging", 0.0, pgettext_lazy("compatibility", "Challenging")),
)

ELEMENT_LABELS: Mapping[str, Any] = {name: label for _code, name, label in ELEMENTS}
SYNODIC_MONTH = fc60.SYNODIC_MONTH


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        return None
    return float(value)


def _first(data: Mapping[str, Any], *keys: str) -> Any:
    return next((data[key] for key in keys if data.get(key) is not None), None)


# --------------------------------------------------------------------------------------------
# Moon


@dataclass(frozen=True, slots=True)
class MoonPicture:
    """A moon of radius ``r`` at (``cx``, ``cy``) seen from the north: waxing is lit on the right.

    ``lit_path`` is the lit part (``None`` at new moon); the terminator crosses the middle line at
    ``terminator_x``.
    """

    percent: int
    waxing: bool
    phase: Any
    lit_path: str | None
    terminator_x: float
    cx: float
    cy: float
    r: float
    size: float


def moon_picture(moon: Mapping[str, Any], *, size: float = 120.0) -> MoonPicture:
    """The moon of a reading: its ``moon`` block (``illumination``, ``age_days``, ``phase_name``,
    ``phase_index``) or its ``fc60_encoding`` (``moon_illumination``, ``moon_age``, …).

    The illumination (percent) is clamped to 0–100 and rounded; the drawing uses the rounded value
    so it shows what the text says. Waxing/waning comes from the age (before/after half the
    synodic month), else from the phase index (0–3 waxing).
    """
    illumination = _number(_first(moon, "illumination", "moon_illumination")) or 0.0
    percent = round(min(100.0, max(0.0, illumination)))
    age = _number(_first(moon, "age_days", "moon_age"))
    index = _number(_first(moon, "phase_index", "moon_phase_idx"))
    if age is not None:
        waxing = age % SYNODIC_MONTH < SYNODIC_MONTH / 2
    else:
        waxing = index is None or index <= 3
    name = _first(moon, "phase_name", "moon_name", "phase") or ""
    r = size / 2 - 2
    cx = cy = size / 2
    # The terminator is half an ellipse whose half-width is r·|1 − 2k| for the lit fraction k; it
    # bulges towards the lit limb while less than half is lit (a crescent), away from it after.
    k = percent / 100
    rx = r * abs(1 - 2 * k)
    lit_sign = 1 if waxing else -1
    crescent = k < 0.5
    terminator_x = cx + lit_sign * (rx if crescent else -rx)
    if percent == 0:
        lit_path = None
    else:
        limb_sweep = 1 if waxing else 0
        terminator_sweep = limb_sweep ^ 1 if crescent else limb_sweep
        top, bottom = f"{cx:g},{cy - r:g}", f"{cx:g},{cy + r:g}"
        terminator = f"L{top}" if rx < 0.01 else f"A{rx:.2f},{r:g} 0 0 {terminator_sweep} {top}"
        lit_path = f"M{top} A{r:g},{r:g} 0 0 {limb_sweep} {bottom} {terminator} Z"
    return MoonPicture(
        percent=percent,
        waxing=waxing,
        phase=MOON_PHASES.get(name, name),
        lit_path=lit_path,
        terminator_x=round(terminator_x, 2),
        cx=cx,
        cy=cy,
        r=r,
        size=size,
    )


# --------------------------------------------------------------------------------------------
# Element balance


@dataclass(frozen=True, slots=True)
class ElementBar:
    element: str
    label: Any
    shown: int
    bar_x: float
    bar_width: float
    y: float
    text_y: float
    label_x: float
    value_x: float
    dominant: bool


@dataclass(frozen=True, slots=True)
class ElementBars:
    """Five bars, one per element in the generating cycle's order, longest = the largest value.

    ``as_share``: the values were weights (a reading's ``element_balance``), shown as each one's
    share of the total in percent; otherwise they were counts (a group's distribution), shown as
    counts.
    """

    bars: tuple[ElementBar, ...]
    as_share: bool
    width: float
    height: float
    track_x: float
    track_width: float
    bar_height: float


_LABEL_WIDTH = 76.0
_VALUE_WIDTH = 52.0
_GAP = 8.0


def _inline(x: float, length: float, total: float, rtl: bool) -> float:
    """The physical x of something ``length`` long that starts ``x`` from the inline start."""
    return total - x - length if rtl else x


def element_bars(
    values: Mapping[str, Any], *, rtl: bool = False, width: float = 360.0
) -> ElementBars:
    """Bars for ``{"Fire": 0.4, "Wood": 0.2, …}`` (``fc60.element_balance``) or ``{"Metal": 2,
    …}`` (``group_energy.element_distribution``); missing elements count 0."""
    amounts = {name: _number(values.get(name)) or 0.0 for _code, name, _label in ELEMENTS}
    amounts = {name: max(0.0, amount) for name, amount in amounts.items()}
    as_share = any(
        not isinstance(value, int) or isinstance(value, bool) for value in values.values()
    )
    largest, total = max(amounts.values()), sum(amounts.values())
    track_x = _LABEL_WIDTH + _GAP
    track_width = width - track_x - _VALUE_WIDTH
    row, bar_height = 30.0, 14.0
    bars = []
    for position, (name, amount) in enumerate(amounts.items()):
        length = track_width * amount / largest if largest else 0.0
        shown = round(100 * amount / total) if as_share and total else round(amount)
        bars.append(
            ElementBar(
                element=name.lower(),
                label=ELEMENT_LABELS[name],
                shown=shown,
                bar_x=round(_inline(track_x, length, width, rtl), 2),
                bar_width=round(length, 2),
                y=position * row + 8,
                text_y=position * row + 8 + bar_height / 2,
                label_x=_inline(0, 0, width, rtl),
                value_x=_inline(track_x + track_width + _GAP, 0, width, rtl),
                dominant=bool(largest) and amount == largest,
            )
        )
    return ElementBars(
        bars=tuple(bars),
        as_share=as_share,
        width=width,
        height=len(bars) * row + 8,
        track_x=_inline(track_x, track_width, width, rtl),
        track_width=track_width,
        bar_height=bar_height,
    )


# --------------------------------------------------------------------------------------------
# Compatibility heat map


@dataclass(frozen=True, slots=True)
class HeatCell:
    row_name: str
    column_name: str
    x: float
    y: float
    cx: float
    cy: float
    score: int | None
    band: str
    band_label: Any


@dataclass(frozen=True, slots=True)
class HeatLabel:
    name: str
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class Heatmap:
    """An n×n grid, person i's row and column in input order (from the inline start); the
    diagonal (a person with themself) has no score. Column labels are slanted away from the grid
    towards the inline end, so long names need no clipping."""

    cells: tuple[HeatCell, ...]
    pairs: tuple[HeatCell, ...]
    rows: tuple[HeatLabel, ...]
    columns: tuple[HeatLabel, ...]
    cell: float
    width: float
    height: float
    slant: int

    @property
    def cell_size(self) -> float:
        return self.cell - 2 * _CELL_INSET


_MAX_LABEL_CHARS = 18
_CELL_INSET = 2.0
_CHAR_WIDTH = 8.0  # generous for 13px Latin or Persian text


def band(overall: float) -> tuple[str, Any]:
    """The colour band of an overall score (0–1), by the engine's classification thresholds."""
    for name, threshold, label in COMPATIBILITY_BANDS:
        if overall >= threshold:
            return name, label
    return COMPATIBILITY_BANDS[-1][0], COMPATIBILITY_BANDS[-1][2]


@dataclass(frozen=True, slots=True)
class LegendBand:
    band: str
    label: Any
    low: int
    high: int


def compatibility_legend() -> tuple[LegendBand, ...]:
    """The heat map's key: each band with its range of scores (out of 100), weakest first."""
    bands, high = [], 100
    for name, threshold, label in COMPATIBILITY_BANDS:
        low = round(threshold * 100)
        bands.append(LegendBand(name, label, low, high))
        high = low - 1
    return tuple(reversed(bands))


def person_labels(names: Sequence[str]) -> list[str]:
    """Names told apart as the engine does (``Sam (1)``, ``Sam (2)``), shortened for a label."""
    labels = []
    for position, name in enumerate(names):
        label = str(name).strip()
        if names.count(name) > 1:
            label = f"{label} ({names[: position + 1].count(name)})"
        if len(label) > _MAX_LABEL_CHARS:
            label = label[: _MAX_LABEL_CHARS - 1].rstrip() + "…"
        labels.append(label)
    return labels


def compatibility_heatmap(
    result: Mapping[str, Any], *, rtl: bool = False, cell: float = 52.0
) -> Heatmap:
    """The heat map of a multi-user result (``profiles`` + ``pairwise_compatibility``, whose pairs
    come in ``combinations(range(n), 2)`` order); a pair's score is ``round(overall × 100)``."""
    names = person_labels([profile["name"] for profile in result["profiles"]])
    count = len(names)
    overall: dict[tuple[int, int], float] = {}
    for (i, j), pair in zip(
        combinations(range(count), 2), result["pairwise_compatibility"], strict=True
    ):
        overall[i, j] = overall[j, i] = float(pair["overall"])
    lengths = [len(name) * _CHAR_WIDTH for name in names]
    label_width = max(lengths, default=0) + 12
    # A label slanted at 45° rises and runs on by length·sin 45° from its column's middle.
    slant = math.sin(math.radians(45))
    overhang = max(
        (
            (column + 0.5) * cell + length * slant - count * cell
            for column, length in enumerate(lengths)
        ),
        default=0,
    )
    width = label_width + count * cell + max(0.0, overhang) + 8
    top = max(lengths, default=0) * slant + 16
    height = top + count * cell + 4

    def column_x(column: int) -> float:
        return _inline(label_width + column * cell, cell, width, rtl)

    cells = []
    for row, column in ((row, column) for row in range(count) for column in range(count)):
        score = overall.get((row, column))
        band_name, band_label = band(score) if score is not None else ("self", "")
        x, y = column_x(column), top + row * cell
        cells.append(
            HeatCell(
                row_name=names[row],
                column_name=names[column],
                x=round(x + _CELL_INSET, 2),
                y=y + _CELL_INSET,
                cx=round(x + cell / 2, 2),
                cy=y + cell / 2,
                score=round(score * 100) if score is not None else None,
                band=band_name,
                band_label=band_label,
            )
        )
    return Heatmap(
        cells=tuple(cells),
        pairs=tuple(cells[i * count + j] for i, j in combinations(range(count), 2)),
        rows=tuple(
            HeatLabel(name, _inline(label_width - 8, 0, width, rtl), top + row * cell + cell / 2)
            for row, name in enumerate(names)
        ),
        columns=tuple(
            HeatLabel(name, round(column_x(column) + cell / 2, 2), top - 8)
            for column, name in enumerate(names)
        ),
        cell=cell,
        width=round(width, 2),
        height=round(height, 2),
        slant=45 if rtl else -45,
    )


# --------------------------------------------------------------------------------------------
# FC60 stamp

_STAMP_RE = re.compile(
    r"([A-Z]{2})-([A-Z]{2})-([A-Z]{4})(?: ([☀🌙])([A-Z]{2})-([A-Z]{4})-([A-Z]{4}))?"
)
_ANIMAL_INDEX = {code: index for index, (code, _name, _label) in enumerate(ANIMALS)}
_ELEMENT_INDEX = {code: index for index, (code, _name, _label) in enumerate(ELEMENTS)}
_WEEKDAY_INDEX = {code: index for index, (code, _name, _planet) in enumerate(WEEKDAYS)}
_TILE_WIDTH, _TILE_GAP = 104.0, 10.0
_ROW_WIDTH = 3 * _TILE_WIDTH + 2 * _TILE_GAP


@dataclass(frozen=True, slots=True)
class Fc60Tile:
    """One token of a stamp: what it encodes (``part``), its animal (or weekday) and element (or
    planet, or half of the day) names, and the number it stands for (``None`` for the weekday)."""

    part: Any
    token: str
    name: Any
    detail: Any
    element: str
    value: int | None
    x: float


@dataclass(frozen=True, slots=True)
class Fc60Tiles:
    """The date row of a stamp's tiles and, when it has a time, the time row (three tiles each,
    ``row_width`` × ``tile_height``, first tile at the inline start)."""

    stamp: str
    date: tuple[Fc60Tile, ...]
    time: tuple[Fc60Tile, ...]
    row_width: float = _ROW_WIDTH
    tile_width: float = _TILE_WIDTH
    tile_height: float = 118.0

    @property
    def tiles(self) -> tuple[Fc60Tile, ...]:
        return self.date + self.time

    @property
    def rows(self) -> tuple[tuple[Fc60Tile, ...], ...]:
        return (self.date, self.time) if self.time else (self.date,)

    @property
    def date_code(self) -> str:
        return self.stamp.split(" ")[0]

    @property
    def time_code(self) -> str:
        return self.stamp.partition(" ")[2]

    @property
    def tile_center(self) -> float:
        return self.tile_width / 2

    @property
    def tile_inner(self) -> float:
        return self.tile_width - 2

    @property
    def tile_inner_height(self) -> float:
        return self.tile_height - 2

    @property
    def mark_width(self) -> float:
        return self.tile_width - 28

    @property
    def mark_y(self) -> float:
        return self.tile_height - 12


def stamp_text(stamp: str | Mapping[str, Any]) -> str:
    """The stamp itself, from a stamp or a dict holding it as ``stamp`` or ``code``."""
    return (stamp if isinstance(stamp, str) else _first(stamp, "stamp", "code") or "").strip()


def fc60_tiles(stamp: str | Mapping[str, Any], *, rtl: bool = False) -> Fc60Tiles:
    """Tiles of an FC60 stamp (``"ME-PI-RAER 🌙OX-HOWU-RAWU"``, or a dict with it as ``stamp``
    — ``fc60_encoding`` — or ``code`` — a question's ``fc60``): weekday, month animal, day token
    and, when the stamp has a time, hour animal (☀ before noon, 🌙 after), minute and second.

    Raises ``ValueError`` for text that is not a stamp."""
    text = stamp_text(stamp)
    match = _STAMP_RE.fullmatch(text.upper())
    weekday_code, month_code, day, half, hour_code, minute, second = (
        match.groups() if match else (None,) * 7
    )
    animals = [code for code in (month_code, hour_code, day, minute, second) if code]
    elements = [token[2:] for token in (day, minute, second) if token]
    if (
        weekday_code not in _WEEKDAY_INDEX
        or any(code[:2] not in _ANIMAL_INDEX for code in animals)
        or any(code not in _ELEMENT_INDEX for code in elements)
    ):
        raise ValueError(f"{text!r} is not an FC60 stamp such as 'VE-OX-OXFI ☀OX-RUWU-RAWU'.")

    def x(position: int) -> float:
        return _inline(position * (_TILE_WIDTH + _TILE_GAP), _TILE_WIDTH, _ROW_WIDTH, rtl)

    def token_tile(part: Any, token: str, position: int) -> Fc60Tile:
        animal, element = _ANIMAL_INDEX[token[:2]], _ELEMENT_INDEX[token[2:]]
        _code, element_name, element_label = ELEMENTS[element]
        return Fc60Tile(
            part,
            token,
            ANIMALS[animal][2],
            element_label,
            element_name.lower(),
            animal * 5 + element,
            x(position),
        )

    _code, weekday, planet = WEEKDAYS[_WEEKDAY_INDEX[weekday_code]]
    month = _ANIMAL_INDEX[month_code]
    date = (
        Fc60Tile(_("Weekday"), weekday_code, weekday, planet, "weekday", None, x(0)),
        Fc60Tile(_("Month"), month_code, ANIMALS[month][2], "", "month", month + 1, x(1)),
        token_tile(_("Day"), day, 2),
    )
    if half is None:
        return Fc60Tiles(stamp=text, date=date, time=())
    after_noon = half == "🌙"
    hour = _ANIMAL_INDEX[hour_code]
    time = (
        Fc60Tile(
            _("Hour"),
            hour_code,
            ANIMALS[hour][2],
            _("after noon") if after_noon else _("before noon"),
            "hour",
            hour + (12 if after_noon else 0),
            x(0),
        ),
        token_tile(_("Minute"), minute, 1),
        token_tile(_("Second"), second, 2),
    )
    return Fc60Tiles(stamp=text, date=date, time=time)
