"""Charts as SVG markup, drawn on the server: no script, no external request, printable.

Pure functions from numbers and labels to a string of SVG that stands on its own (it also reads
well pasted into a report). Every text is escaped; every number on an axis is a "nice" step.
Each x position carries a native tooltip (`<title>`) naming its label and every series' value.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

FONT = "-apple-system, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif"
GRID = "#e5e7eb"
INK = "#6b7280"


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[float]
    color: str = "#2563eb"
    area: bool = False  # fill the space under the line


@dataclass(frozen=True)
class _Frame:
    """The plot area inside the margins, and how values map onto it."""

    width: float
    height: float
    left: float
    top: float
    count: int  # points on the x axis
    y_max: float
    band: bool  # bars sit in the middle of a band; lines run edge to edge

    @property
    def bottom(self) -> float:
        return self.height - 28

    @property
    def right(self) -> float:
        return self.width - 36

    def x(self, index: int) -> float:
        span = self.right - self.left
        if self.band:
            return self.left + (index + 0.5) * span / self.count
        return self.left + (index * span / (self.count - 1) if self.count > 1 else span / 2)

    def y(self, value: float) -> float:
        return self.bottom - (value / self.y_max) * (self.bottom - self.top) if self.y_max else self.bottom


def line_chart(
    x_labels: Sequence[str], series: Sequence[Series], title: str, width: int = 1000, height: int = 280,
    empty: str = "No data",
) -> str:  # fmt: skip
    """Lines (optionally filled) over evenly spaced x positions, one value per label in each series."""
    if not x_labels or not series:
        return _empty(title, empty, width, height)
    frame, ticks = _frame(x_labels, [v for s in series for v in s.values], width, height, band=False)
    parts = _axes(frame, ticks, x_labels)
    for one in series:
        points = [(frame.x(i), frame.y(v)) for i, v in enumerate(one.values)]
        if one.area:
            parts.append(_area(points, frame.bottom, one.color))
        parts.append(_line(points, one.color))
    parts += _legend(series, frame)
    parts += _hover(frame, x_labels, series)
    return _svg(title, width, height, parts)


def bar_chart(
    x_labels: Sequence[str], values: Sequence[float], title: str, label: str, color: str = "#0d9488",
    width: int = 1000, height: int = 200, empty: str = "No data",
) -> str:  # fmt: skip
    """One vertical bar per label."""
    if not x_labels:
        return _empty(title, empty, width, height)
    frame, ticks = _frame(x_labels, values, width, height, band=True)
    parts = _axes(frame, ticks, x_labels)
    bar = max(1.0, (frame.right - frame.left) / frame.count * 0.7)
    for i, value in enumerate(values):
        top = frame.y(value)
        parts.append(
            f'<rect x="{frame.x(i) - bar / 2:.1f}" y="{top:.1f}" width="{bar:.1f}" '
            f'height="{frame.bottom - top:.1f}" fill="{color}" rx="1"/>'
        )
    parts += _hover(frame, x_labels, [Series(label, values, color)])
    return _svg(title, width, height, parts)


def nice_ticks(maximum: float, count: int = 4, whole: bool = True) -> list[float]:
    """Evenly spaced ticks from 0 past `maximum` in steps of 1, 2, 2.5 or 5 times a power of ten."""
    if maximum <= 0:
        return [0.0, 1.0]
    raw = maximum / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if whole:
        step = max(1.0, float(math.ceil(step)))
    steps = math.ceil(maximum / step - 1e-9)
    return [i * step for i in range(steps + 1)]


def format_tick(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _frame(
    x_labels: Sequence[str], values: Sequence[float], width: int, height: int, band: bool
) -> tuple[_Frame, list[float]]:
    ticks = nice_ticks(max(values, default=0))
    left = 14 + 7 * max(len(format_tick(t)) for t in ticks)
    return _Frame(width, height, left, 30, len(x_labels), ticks[-1], band), ticks


def _axes(frame: _Frame, ticks: Sequence[float], x_labels: Sequence[str]) -> list[str]:
    return _y_axis(frame, ticks) + _x_axis(frame, x_labels)


def _y_axis(frame: _Frame, ticks: Sequence[float]) -> list[str]:
    """A grid line and a label at each tick."""
    parts = []
    for tick in ticks:
        y = frame.y(tick)
        parts.append(
            f'<line x1="{frame.left:.1f}" x2="{frame.right:.1f}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
        )
        parts.append(_text(frame.left - 8, y + 4, format_tick(tick), "end"))
    return parts


def _x_axis(frame: _Frame, x_labels: Sequence[str]) -> list[str]:
    """A short tick and a label under a few evenly spaced positions."""
    parts, top, bottom = [], frame.bottom, frame.bottom + 4
    for index in _label_positions(len(x_labels)):
        x = frame.x(index)
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top:.1f}" y2="{bottom:.1f}" stroke="{INK}"/>')
        parts.append(_text(x, frame.bottom + 18, x_labels[index], "middle"))
    return parts


def _label_positions(count: int, most: int = 6) -> range:
    """Which x labels to print: at most `most`, evenly spaced, starting with the first."""
    return range(0, count, max(1, math.ceil(count / most)))


def _line(points: Sequence[tuple[float, float]], color: str) -> str:
    if len(points) == 1:
        x, y = points[0]
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{color}"/>'
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    return (
        f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2" stroke-linejoin="round"/>'
    )


def _area(points: Sequence[tuple[float, float]], base: float, color: str) -> str:
    if len(points) == 1:
        return ""
    path = " ".join(f"L{x:.1f},{y:.1f}" for x, y in points)
    first, last = points[0][0], points[-1][0]
    outline = f"M{first:.1f},{base:.1f} {path} L{last:.1f},{base:.1f} Z"
    return f'<path d="{outline}" fill="{color}" fill-opacity="0.12"/>'


def _legend(series: Sequence[Series], frame: _Frame) -> list[str]:
    parts, x = [], frame.left
    for one in series:
        parts.append(f'<rect x="{x:.1f}" y="8" width="12" height="12" rx="2" fill="{one.color}"/>')
        parts.append(_text(x + 18, 18, one.label, "start", "#374151"))
        x += 32 + 6.5 * _display_width(one.label)
    return parts


def _hover(frame: _Frame, x_labels: Sequence[str], series: Sequence[Series]) -> list[str]:
    """A transparent column over each x position whose tooltip reads out the values there."""
    span = (frame.right - frame.left) / max(1, frame.count - (0 if frame.band else 1))
    parts = ['<g class="hover">']
    for i, label in enumerate(x_labels):
        values = " · ".join(f"{one.label} {format_tick(one.values[i])}" for one in series)
        parts.append(
            f'<rect x="{frame.x(i) - span / 2:.1f}" y="{frame.top:.1f}" width="{span:.1f}" '
            f'height="{frame.bottom - frame.top:.1f}" fill="transparent">'
            f"<title>{escape(label)}: {escape(values)}</title></rect>"
        )
    return [*parts, "</g>"]


def _text(x: float, y: float, text: str, anchor: str, color: str = INK) -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{color}">{escape(text)}</text>'


def _display_width(text: str) -> float:
    """Roughly how many Latin letters wide a text is: a Chinese character counts as two."""
    return sum(2 if ord(char) > 0x2E80 else 1 for char in text)


def _empty(title: str, message: str, width: int, height: int) -> str:
    return _svg(title, width, height, [_text(width / 2, height / 2, message, "middle")])


def _svg(title: str, width: int, height: int, parts: Sequence[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" font-size="13" font-family="{escape(FONT)}">'
        f"<title>{escape(title)}</title>{''.join(parts)}</svg>"
    )
