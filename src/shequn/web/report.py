"""The analytics charts for the pages and the one-file report, and the report itself: one HTML file
with its CSS and SVG charts inline, no script and no external request, so it opens offline."""

from __future__ import annotations

from typing import Any

from ..metrics.calendar import period_label
from ..metrics.funnel import FUNNEL_STEPS
from .analytics_charts import heatmap, ranked_bars
from .charts import Series, line_chart
from .i18n import HTML_LANG, Translator, format_number
from .templating import templates


def activity_chart(figures: dict[str, Any], t: Translator) -> str:
    weeks = figures["periods"]["week"]
    labels = [row["period"] for row in weeks]
    series = [
        Series(t("analytics.active"), [row["active"] for row in weeks], "#2563eb", area=True),
        Series(t("analytics.new"), [row["new"] for row in weeks], "#0d9488"),
        Series(t("analytics.churned"), [row["churned"] for row in weeks], "#dc2626"),
    ]
    return line_chart(labels, series, t("analytics.activity_title"), empty=t("chart.empty"))


def retention_chart(figures: dict[str, Any], t: Translator, key: str = "still_member") -> str:
    rows = figures["retention"]
    weeks = len(rows[0][key]) if rows else 0
    rates = [[None if n is None else n / row["members"] for n in row[key]] for row in rows]
    return heatmap(
        [period_label(row["week"], "week") for row in rows], [f"{k}" for k in range(weeks)], rates,
        t("analytics.retention_title"), empty=t("chart.empty"),
    )  # fmt: skip


def funnel_chart(figures: dict[str, Any], t: Translator) -> str:
    rows = figures["funnel"]["by_channel"]
    totals = [sum(row[step] for row in rows) for step in FUNNEL_STEPS]
    labels = [t(f"analytics.step.{step}") for step in FUNNEL_STEPS]
    return ranked_bars(labels, totals, t("analytics.funnel_title"), "#7c3aed", empty=t("chart.empty"))


def stages_chart(figures: dict[str, Any], t: Translator) -> str:
    stages = figures["stages"]
    labels = [t(f"analytics.stage.{name}") for name in stages]
    return ranked_bars(
        labels, list(stages.values()), t("analytics.stages_title"), "#ea580c", empty=t("chart.empty")
    )


def groups_chart(figures: dict[str, Any], t: Translator, most: int = 15) -> str:
    ranked = ranked_groups(figures)[:most]
    return ranked_bars(
        [group["name"] for group in ranked], [group["messages_per_day"] for group in ranked],
        t("analytics.groups_title"), empty=t("chart.empty"),
    )  # fmt: skip


def ranked_groups(figures: dict[str, Any]) -> list[dict[str, Any]]:
    """Healthiest first: by active share, then messages per day."""
    return sorted(figures["groups"], key=lambda g: (-(g["active_share"] or 0), -g["messages_per_day"]))


def render_report(figures: dict[str, Any], community: str, lang: str) -> str:
    t = Translator(lang)
    template = templates.env.get_template("report.html")
    return template.render(
        t=t, lang=lang, html_lang=HTML_LANG[lang], community=community, figures=figures, number=format_number,
        groups=ranked_groups(figures),
        charts={
            "activity": activity_chart(figures, t), "retention": retention_chart(figures, t),
            "funnel": funnel_chart(figures, t), "stages": stages_chart(figures, t),
            "groups": groups_chart(figures, t),
        },
    )  # fmt: skip
