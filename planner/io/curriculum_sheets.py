"""The curriculum as spreadsheets to download: the one in use, in the import layout, and a template."""

from __future__ import annotations

import csv
import io
from typing import Any

from planner.domain.curriculum import COLUMNS, FORMATS, Activity, Curriculum, Development
from planner.domain.models import Framework
from planner.io.cells import safe_cell
from planner.io.rows import NOTE_MARK


def _row(a: Activity) -> list[Any]:
    """The activity's cells in the order of COLUMNS, text made safe to open in a spreadsheet."""
    cells = [
        a.id,
        a.title,
        a.provider,
        a.format,
        a.category,
        a.level,
        _plain_number(a.hours),
        _plain_number(a.cost),
        "; ".join(f"{d.indicator}:{d.points}" for d in a.develops),
        "; ".join(a.prerequisites),
        _plain_number(a.min_years_experience),
        a.link or "",
        a.description,
    ]
    return [safe_cell(cell) if isinstance(cell, str) else cell for cell in cells]


def _plain_number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _csv_bytes(activities: list[Activity], guide: tuple[str, ...] = ()) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    for line in guide:
        # One cell a line, marked as a note, so the filled-in template imports as it is.
        writer.writerow([f"{NOTE_MARK} {line}"])
    writer.writerow(COLUMNS)
    for a in activities:
        writer.writerow(_row(a))
    # A byte order mark, so that Excel reads the pound sign and curly quotes correctly.
    return out.getvalue().encode("utf-8-sig")


def curriculum_csv(c: Curriculum) -> bytes:
    """The curriculum as CSV in the import layout, safe to open in a spreadsheet.

    Args:
        c: the curriculum to write.
        fw: the framework in use, whose levels and codes the About sheet's notes give.

    Returns:
        UTF-8 bytes with a byte order mark: a header row, then one row per activity.
    """
    return _csv_bytes(c.activities)


def curriculum_xlsx(c: Curriculum, fw: Framework | None = None) -> bytes:
    """The curriculum as an Excel workbook in the import layout, with a sheet about it.

    Args:
        c: the curriculum to write.

    Returns:
        The .xlsx file's bytes: a "Curriculum" sheet to edit and import, and an "About" sheet.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Curriculum"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for a in c.activities:
        sheet.append(_row(a))
    sheet.freeze_panes = "A2"
    widths = {"id": 28, "title": 48, "provider": 30, "develops": 28, "prerequisites": 28,
              "link": 32, "description": 60}
    for index, column in enumerate(COLUMNS):
        letter = sheet.cell(row=1, column=index + 1).column_letter
        sheet.column_dimensions[letter].width = widths.get(column, 14)
    about = workbook.create_sheet("About")
    about.column_dimensions["A"].width = 100
    for text in (c.note, "", *column_guide(fw)):
        about.append([safe_cell(text)])
    for row in about.iter_rows():
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


KIM_TOP_LEVEL = 4
"""The KIM framework's top level, for the notes written without a framework at hand (COLUMN_GUIDE)."""


def column_guide(fw: Framework | None = None) -> tuple[str, ...]:
    """What each column of a curriculum spreadsheet holds: the Excel file's About sheet and the CSV template's notes.

    Args:
        fw: the framework in use, whose levels and codes the notes give; None gives the KIM framework's.
    """
    top = fw.top_level if fw is not None else KIM_TOP_LEVEL
    first, second = ("2.3.4", "3.3.1")  # the KIM framework's, as the notes always gave them
    if fw is not None and not {first, second} <= set(fw.codes):
        first, second = fw.indicators[0].code, fw.indicators[-1].code
    return (
        "Edit the Curriculum sheet (one row per activity) and import it; the columns are:",
        "id: a unique short name of lower-case letters, digits and hyphens, like bcs-dp-foundation.",
        "title, provider: who offers what.",
        f"format: one of {', '.join(FORMATS)}.",
        "category: experience (learning by doing), others (learning from others) or formal.",
        f"level: the framework level the activity is pitched at, 1 to {top}.",
        "hours: the time it takes; cost: in pounds, 0 if free.",
        f"develops: indicator codes with points 1 to 3, like {first}:2; {second}:1.",
        "prerequisites: ids of activities to do first, separated by semicolons.",
        "min_years_experience, link (a web address) and description are optional.",
        "Excel changes codes such as 1.2.3 into dates: format the develops column as Text before typing them.",
        "Other columns you keep (such as Owner) are ignored; rows starting with # are notes and are not imported.",
    )


COLUMN_GUIDE = column_guide()
"""The notes for the KIM framework (column_guide gives them for the framework in use)."""


_TEMPLATE = (
    Activity(
        id="csl-records-management-basics",
        title="Records management basics (e-learning)",
        provider="Civil Service Learning",
        format="e-learning",
        category="formal",
        develops=[
            Development(indicator="1.2.3", points=2),
            Development(indicator="1.2.1", points=1),
        ],
        level=1,
        hours=1.5,
        cost=0,
        link="https://learn.civilservice.gov.uk",
        description="Why records matter and how to keep, find and dispose of your own.",
    ),
    Activity(
        id="write-retention-schedule",
        title="Write a retention schedule for your team",
        provider="Your department",
        format="project",
        category="experience",
        develops=[
            Development(indicator="2.2.3", points=3),
            Development(indicator="2.3.2", points=1),
        ],
        level=2,
        hours=40,
        cost=0,
        prerequisites=["csl-records-management-basics"],
        min_years_experience=1,
        description="Agree with the team how long each kind of record is kept, and why.",
    ),
)


def template_csv(fw: Framework | None = None) -> bytes:
    """A CSV to fill in: notes on each column, the header row and two example activities to copy or overwrite.

    Args:
        fw: the framework in use: the examples develop its indicators (at its levels 1 and 2), so the
            template imports as it is; None gives the KIM framework's.
    """
    return _csv_bytes(_examples_for(fw), guide=column_guide(fw))


def _examples_for(fw: Framework | None) -> list[Activity]:
    if fw is None or {code for a in _TEMPLATE for code in a.indicators} <= set(fw.codes):
        return list(_TEMPLATE)
    examples = []
    for activity in _TEMPLATE:
        level = min(activity.level, fw.top_level)
        codes = [i.code for i in fw.indicators if i.level == level][: len(activity.develops)]
        develops = [d.model_copy(update={"indicator": code}) for d, code in zip(activity.develops, codes)]
        examples.append(activity.model_copy(update={"level": level, "develops": develops}))
    return examples
