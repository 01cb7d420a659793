"""Every metric is declared once and documented where users look."""

from __future__ import annotations

from pathlib import Path

from shequn.metrics.catalogue import CATALOGUE
from shequn.metrics.members import STAGES
from shequn.metrics.settings import Settings, settings_document

DOC = (Path(__file__).parent.parent / "docs" / "metrics.md").read_text(encoding="utf-8")


def test_every_metric_has_its_definition_in_the_docs() -> None:
    for metric in CATALOGUE:
        assert f"| `{metric.name}` | {metric.definition} |" in DOC, metric.name


def test_metric_names_are_unique_and_every_stage_is_defined() -> None:
    assert len({metric.name for metric in CATALOGUE}) == len(CATALOGUE)
    stage = next(metric for metric in CATALOGUE if metric.name == "stage")
    assert all(name in stage.definition for name in STAGES)


def test_the_documented_default_settings_are_the_defaults() -> None:
    assert settings_document(Settings()).strip() in DOC
