"""The analytics charts that charts.py does not draw: a retention heatmap and ranked horizontal bars.
Same contract as charts.py: pure functions to standalone SVG, every text escaped."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from .charts import FONT, INK, format_tick


def heatmap(
    row_labels: Sequence[str], column_labels: Sequence[str], rates: Sequence[Sequence[float | None]],
    title: str, empty: str = "No data", cell: int = 34,
) -> str:  # fmt: skip
    """One row per cohort, one cell per week after it, shaded by the rate (0 to 1); None is blank."""
    if not row_labels:
        return _svg(title, 600, 80, [_text(300, 44, empty, "middle")])
    left, top = 96, 26
    width, height = left + cell * len(column_labels) + 8, top + 22 * len(row_labels) + 8
    parts = [_text(left + cell * i + cell / 2, 18, label, "middle") for i, label in enumerate(column_labels)]
    for r, (label, values) in enumerate(zip(row_labels, rates, strict=True)):
        y = top + 22 * r
        parts.append(_text(left - 8, y + 15, label, "end"))
        for c, rate in enumerate(values):
            if rate is None:
                continue
            x = left + cell * c
            ink = "#ffffff" if rate > 0.55 else "#1f2937"
            parts.append(
                f'<rect class="cell" x="{x}" y="{y}" width="{cell - 2}" height="20" rx="2" '
                f'fill="#1d4ed8" fill-opacity="{0.08 + 0.92 * rate:.3f}">'
                f"<title>{escape(label)} +{escape(column_labels[c])}: {rate:.0%}</title></rect>"
            )
            parts.append(_text(x + (cell - 2) / 2, y + 14, f"{rate * 100:.0f}", "middle", ink, 10))
    return _svg(title, width, height, parts)


def ranked_bars(
    labels: Sequence[str], values: Sequence[float], title: str, color: str = "#0d9488",
    empty: str = "No data", width: int = 1000,
) -> str:  # fmt: skip
    """One horizontal bar per label, in the order given, each with its value at its end."""
    if not labels:
        return _svg(title, width, 80, [_text(width / 2, 44, empty, "middle")])
    left, bar_height, gap = 190, 18, 8
    height = 12 + (bar_height + gap) * len(labels)
    most = max(max(values), 1e-9)
    span = width - left - 90
    parts = []
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = 8 + (bar_height + gap) * i
        length = max(1.0, span * value / most) if value else 0.0
        parts.append(_text(left - 8, y + 13, label[:28], "end", "#374151"))
        parts.append(
            f'<rect class="bar" x="{left}" y="{y}" width="{length:.1f}" height="{bar_height}" rx="2" '
            f'fill="{color}"><title>{escape(label)}: {format_tick(value)}</title></rect>'
        )
        parts.append(_text(left + length + 6, y + 13, format_tick(value), "start"))
    return _svg(title, width, height, parts)


def _text(x: float, y: float, text: str, anchor: str, color: str = INK, size: int | None = None) -> str:
    sized = f' font-size="{size}"' if size else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{color}"{sized}>{escape(text)}</text>'


def _svg(title: str, width: float, height: float, parts: Sequence[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" font-size="12" font-family="{escape(FONT)}">'
        f"<title>{escape(title)}</title>{''.join(parts)}</svg>"
    )
