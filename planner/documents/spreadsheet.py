"""Plan items as a CSV spreadsheet, with every cell made safe from formula injection."""

from __future__ import annotations

import csv
import io

from planner.documents.report import PlanRow
from planner.io.cells import safe_cell

PLAN_COLUMNS = {
    "objective": "Objective",
    "indicators": "Indicators",
    "activity": "Activity",
    "source": "Source of activity",
    "owner": "Owner",
    "target_date": "Target date",
    "review_date": "Review date",
    "status": "Status",
    "evidence": "Evidence of completion",
    "flags": "Flags",
}
"""Each PlanRow field and its column heading, in column order."""


def plan_csv(rows: list[PlanRow]) -> bytes:
    """The plan as CSV: a header row, then one row per item.

    Args:
        rows: the plan's rows, from build_report or report.plan_rows.

    Returns:
        UTF-8 bytes with a byte order mark, so that Excel reads accents and other scripts.
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(PLAN_COLUMNS.values())
    for row in rows:
        writer.writerow(safe_cell(getattr(row, name)) for name in PLAN_COLUMNS)
    return out.getvalue().encode("utf-8-sig")
