"""What a PDP document shows and in what order, shared by the PDF, Word and Markdown exports."""

from __future__ import annotations

import functools
import json
from datetime import date
from typing import Any

from planner.documents.report import (
    PdpReport,
    PlanRow,
    _date,  # the one date format of every PDP document
)

HEADING = "Personal development plan"

SUMMARY = "Summary"
SKILLS = "Skill profile"
GAPS = "Gaps to close"
PLAN = "Development objectives"
EVIDENCE = "Evidence of completion"
REVIEWS = "Upcoming review dates"
COMMENTS = "Line manager comments"
SIGN_OFF = "Agreement"

PLAN_HEADINGS = ("Objective", "Indicators", "Activity", "Target date", "Review date", "Status", "Flags")

NO_GAPS = "There are no gaps against the target."
NO_ITEMS = "The plan has no objectives yet."
NO_REVIEWS = "No review dates are set for open objectives."
NO_ASSESSMENT = "No assessment yet"
COMMENTS_PROMPT = "To be completed by the line manager at the review meeting."
SIGN_OFF_TEXT = "We have discussed and agreed this development plan."
SIGNATORIES = ("Job holder", "Line manager")
SIGNATURE_FIELDS = ("Name", "Signature", "Date")

CHART_WIDTH = 380
"""Plot width in pixels: the spec's "container" width needs a browser, so exports fix it."""

# Long skill names go on two lines (broken at the last space before 34 characters) rather
# than being cut short, since a printed chart has no tooltip to show the rest.
_WRAP_LABEL = (
    "length(datum.label) > 34 ? ["
    "substring(datum.label, 0, lastindexof(substring(datum.label, 0, 34), ' ')), "
    "substring(datum.label, lastindexof(substring(datum.label, 0, 34), ' ') + 1)"
    "] : datum.label"
)


def details(report: PdpReport) -> list[tuple[str, str]]:
    """The person and the plan's dates as label-value pairs, in reading order."""
    return [
        ("Name", report.person),
        ("Current grade", report.current_grade),
        ("Current role", report.current_role),
        ("Target grade", report.target_grade),
        ("Target role", report.target_role),
        ("Target levels", report.target_levels),
        ("Assessment date", _date(report.assessment_date) or NO_ASSESSMENT),
        ("Prepared on", _date(report.prepared_on)),
    ]


def long_date(value: date | None) -> str:
    """A date as every PDP document writes it, such as "2 June 2025"; "" for None."""
    return _date(value)


def subtitle(report: PdpReport) -> str:
    """The line under the title: the profession and the day the document was prepared."""
    return (
        "Knowledge and Information Management (KIM) profession. Prepared with KIM Pathways on "
        f"{_date(report.prepared_on)}."
    )


def plan_cells(row: PlanRow) -> list[str]:
    """One plan row as the cells under PLAN_HEADINGS."""
    return [row.objective, row.indicators, row.activity, row.target_date, row.review_date,
            row.status, row.flags]


def evidence(report: PdpReport) -> list[tuple[str, str]]:
    """(objective, evidence) for every item with evidence of completion."""
    return [(row.objective, row.evidence) for row in report.items if row.evidence.strip()]


def columns(rows: list[dict[str, Any]]) -> tuple[list[str], list[list[str]]]:
    """A table of dicts as headings and rows of text (headings from the first row)."""
    if not rows:
        return [], []
    headings = list(rows[0])
    return headings, [[_text(row.get(h, "")) for h in headings] for row in rows]


def chart_description(report: PdpReport) -> str:
    """The skill chart in words: its alternative text."""
    by_skill: dict[str, dict[str, Any]] = {}
    for row in report.skill_chart_rows:
        by_skill.setdefault(row["skill"], {})[row["measure"]] = row["level"]
    parts = [
        f"{skill}: attained level {levels.get('Attained', 0)}, target level {levels.get('Target', 0)}"
        for skill, levels in by_skill.items()
    ]
    return "Bar chart of attained and target level in each skill. " + "; ".join(parts) + "."


def skill_chart_png(report: PdpReport) -> bytes:
    """The skill profile chart as a PNG, drawn without a browser.

    Args:
        report: the PDP; its skill_chart_rows are drawn.

    Returns:
        PNG bytes at twice the nominal size, sharp enough to print.
    """
    return _chart_png(json.dumps(report.skill_chart_rows, sort_keys=True))


@functools.lru_cache(maxsize=16)
def _chart_png(rows_json: str) -> bytes:
    # Cached by the rows drawn: the same chart is asked for by each format of one download.
    import vl_convert

    from planner.documents import charts

    spec = charts.skill_profile(json.loads(rows_json)).to_dict()
    spec["width"] = CHART_WIDTH
    spec.setdefault("config", {})["axisY"] = {"labelExpr": _WRAP_LABEL, "labelLimit": 260, "labelFontSize": 13}
    return vl_convert.vegalite_to_png(spec, scale=2)


def _text(value: Any) -> str:
    return "" if value is None else str(value)
