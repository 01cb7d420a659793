"""The referral tree as SVG, drawn on the server: each drawn person a row, their invitees indented to
the right of them, and the branches not drawn summed up in one grey line ("+3 more: 41 people")."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from ..services.read_referral_tree import TreeNode
from .charts import FONT, INK

ROW, INDENT, LEFT = 22, 28, 8
LINE = "#cbd5e1"
Label = Callable[[TreeNode], str]
More = Callable[[int, int], str]


def referral_tree_svg(trees: list[TreeNode], title: str, label: Label, more: More, empty: str) -> str:
    """`label(node)` names a person; `more(branches, people)` says what is not drawn."""
    parts: list[str] = []
    rows = 0
    for tree in trees:
        rows = _draw(tree, 0, rows, parts, label, more)
    if not rows:
        parts.append(_text(LEFT, ROW, empty, INK))
        rows = 1
    width = 640
    height = rows * ROW + 8
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart tree" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" font-size="13" font-family="{escape(FONT)}">'
        f"<title>{escape(title)}</title>{''.join(parts)}</svg>"
    )


def _draw(node: TreeNode, level: int, row: int, parts: list[str], label: Label, more: More) -> int:
    """Draw `node` on `row` and its children below it; return the next free row."""
    x, y = LEFT + level * INDENT, row * ROW + ROW
    parts.append(
        f'<g data-member="{node.member_id}">{_text(x, y, label(node), "#111827")}'
        f"<title>{escape(label(node))}</title></g>"
    )
    next_row = row + 1
    for child in node.children:
        child_y = next_row * ROW + ROW
        parts.append(_elbow(x + 4, y + 4, child_y - 4))
        next_row = _draw(child, level + 1, next_row, parts, label, more)
    if node.hidden_branches:
        hidden_y = next_row * ROW + ROW
        parts.append(_elbow(x + 4, y + 4, hidden_y - 4))
        parts.append(_text(x + INDENT, hidden_y, more(node.hidden_branches, node.hidden_people), INK))
        next_row += 1
    return next_row


def _elbow(x: float, top: float, bottom: float) -> str:
    return (
        f'<path d="M{x:.1f},{top:.1f} V{bottom:.1f} H{x + INDENT - 8:.1f}" fill="none" '
        f'stroke="{LINE}" stroke-width="1"/>'
    )


def _text(x: float, y: float, text: str, color: str) -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" fill="{color}">{escape(text)}</text>'
