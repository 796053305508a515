"""Small SVG charts of the journal and the learning dashboard, laid out for the reading direction.

Each function returns the geometry a template draws (``vault/charts/*.svg.html``); colours come
from ``static/css/nps.css``. In right-to-left pages the drawing is mirrored here (the first
column and the labels start at the right), so the CSS has nothing to flip.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


def _inline(x: float, length: float, total: float, rtl: bool) -> float:
    """The physical x of something ``length`` long that starts ``x`` from the inline start."""
    return total - x - length if rtl else x


@dataclass(frozen=True, slots=True)
class Column:
    label: str
    count: int
    x: float
    y: float
    width: float
    height: float
    label_x: float
    count_y: float


@dataclass(frozen=True, slots=True)
class ColumnChart:
    columns: tuple[Column, ...]
    width: float
    height: float
    baseline: float
    label_y: float


def columns(
    items: Sequence[tuple[str, int]],
    *,
    rtl: bool = False,
    width: float = 480.0,
    plot_height: float = 120.0,
) -> ColumnChart:
    """Vertical bars for ``[(label, count), …]`` in order (the first at the inline start)."""
    top, label_band = 18.0, 22.0
    slot = width / max(1, len(items))
    bar_width = min(28.0, slot * 0.6)
    largest = max((count for _label, count in items), default=0)
    baseline = top + plot_height
    built = []
    for position, (label, count) in enumerate(items):
        height = plot_height * count / largest if largest else 0.0
        start = position * slot + (slot - bar_width) / 2
        x = _inline(start, bar_width, width, rtl)
        built.append(
            Column(
                label=label,
                count=count,
                x=round(x, 2),
                y=round(baseline - height, 2),
                width=round(bar_width, 2),
                height=round(height, 2),
                label_x=round(x + bar_width / 2, 2),
                count_y=round(baseline - height - 5, 2),
            )
        )
    return ColumnChart(
        columns=tuple(built),
        width=width,
        height=baseline + label_band,
        baseline=baseline,
        label_y=baseline + 15,
    )


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float
    shown: str
    bar_x: float
    bar_width: float
    y: float
    text_y: float
    label_x: float
    value_x: float


@dataclass(frozen=True, slots=True)
class BarChart:
    bars: tuple[Bar, ...]
    width: float
    height: float
    track_x: float
    track_width: float
    bar_height: float
    anchor: str


def bars(
    items: Sequence[tuple[str, float, str]],
    *,
    rtl: bool = False,
    width: float = 400.0,
    label_width: float = 120.0,
    maximum: float | None = None,
) -> BarChart:
    """Horizontal bars for ``[(label, value, value as shown), …]``; ``maximum`` fixes the scale
    (e.g. 100 for percentages), else the largest value fills the track."""
    gap, value_width, row, bar_height = 10.0, 52.0, 30.0, 14.0
    track_start = label_width + gap
    track_width = width - track_start - value_width
    largest = maximum or max((value for _l, value, _s in items), default=0) or 1
    built = []
    for position, (label, value, shown) in enumerate(items):
        length = track_width * max(0.0, value) / largest
        built.append(
            Bar(
                label=label,
                value=value,
                shown=shown,
                bar_x=round(_inline(track_start, length, width, rtl), 2),
                bar_width=round(length, 2),
                y=position * row + 8,
                text_y=position * row + 8 + bar_height / 2,
                label_x=_inline(0, 0, width, rtl),
                value_x=_inline(track_start + track_width + gap, 0, width, rtl),
            )
        )
    return BarChart(
        bars=tuple(built),
        width=width,
        height=len(built) * row + 8,
        track_x=_inline(track_start, track_width, width, rtl),
        track_width=track_width,
        bar_height=bar_height,
        anchor="start",
    )
