"""The layers of docs/architecture.md, enforced: shells -> services -> domain; store and sources below."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "src" / "shequn"

# For each layer, the layers it must never import.
FORBIDDEN = {
    "domain": {"store", "sources", "services", "web", "cli", "metrics"},
    "metrics": {"store", "sources", "services", "web", "cli"},
    "sources": {"store", "services", "web", "cli"},
    "store": {"sources", "services", "web", "cli"},
    "services": {"web", "cli"},
    "web": {"cli"},
}


def _imported_layers(path: Path) -> set[str]:
    layers = set()
    depth = len(path.relative_to(PACKAGE).parts) - 1
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                parts = path.relative_to(PACKAGE).parts[: depth - node.level + 1] + tuple(
                    (node.module or "").split(".")
                )
                layers.add(parts[0] if parts and parts[0] else "")
            elif node.module and node.module.startswith("shequn."):
                layers.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            layers.update(
                alias.name.split(".")[1] for alias in node.names if alias.name.startswith("shequn.")
            )
    return layers


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_only_what_is_below_it(layer: str) -> None:
    offences = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        wrong = _imported_layers(path) & FORBIDDEN[layer]
        if wrong:
            offences.append(f"{path.relative_to(PACKAGE)} imports {sorted(wrong)}")
    assert offences == []


# Importers that read the same platform's other export share its rules (Telegram's service actions
# and accounts); anything more general lives in sources/ itself.
SAME_PLATFORM = {"telegram_html": {"telegram_json"}}


def test_an_importer_imports_no_other_importers_modules() -> None:
    sources = PACKAGE / "sources"
    importers = {path.parent.name for path in sources.glob("*/importer.py")}
    offences = []
    for name in sorted(importers):
        for path in sorted((sources / name).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            imported = {
                node.module.split(".")[0]
                for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and node.level == 2 and node.module
            }
            wrong = (imported & importers) - SAME_PLATFORM.get(name, set())
            if wrong:
                offences.append(f"{path.relative_to(PACKAGE)} imports {sorted(wrong)}")
    assert offences == []
