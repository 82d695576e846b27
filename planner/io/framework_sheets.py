"""A framework pack as a spreadsheet, both ways: its layout, its rows read and checked cell by cell, and the
files to download (the pack's JSON and spreadsheets, a crosswalk's CSV).

One row per indicator, its level's and skill's names and descriptions repeated on each of their rows;
in a workbook a second sheet, Framework, holds the pack's details as Field and Value. The checks of the
pack as a whole, and the entry points, are in framework_io.py.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal
from xml.etree.ElementTree import ParseError

from pydantic import BaseModel, ValidationError

from planner.domain.models import Framework, Indicator, Level, Skill, is_indicator_code
from planner.domain.versions import Crosswalk
from planner.io import cells, rows
from planner.io.cells import safe_cell
from planner.io.rows import FileRefused, RowProblem, Rows

COLUMNS: tuple[str, ...] = (
    "Code", "Level", "Level name", "Level grade guide", "Level description",
    "Skill", "Skill name", "Skill description", "Number", "Statement",
)
"""The headings of a pack's indicator sheet, in the order they are written: one row per indicator."""

OPTIONAL_COLUMNS: tuple[str, ...] = ("Level grade guide", "Number")
"""Columns a sheet may leave out: without Number, indicators are numbered in order within level and skill."""

DETAILS_SHEET = "Framework"
"""The name of a workbook's sheet of the pack's details (Field and Value)."""

DETAIL_FIELDS: dict[str, str] = {
    "id": "Id", "version": "Version", "released": "Released", "title": "Title", "source": "Source",
    "grade_alignment_note": "Grade alignment note", "grade_alignment": "Grade alignment", "code_form": "Code form",
}
"""Each detail of a pack (a field of Framework) and how a Framework sheet or a form names it."""

DETAILS_PREFIX = "Framework details, "
"""How a problem names a detail, as in "Framework details, Released: it is empty"."""

CROSSWALK_COLUMNS: tuple[str, ...] = ("Old code", "New codes", "Note")
"""The headings of a crosswalk's sheet: one row per old indicator; New codes empty when it was retired."""

MAX_INDICATORS = 5_000
MAX_DETAIL_ROWS = 100


def column_key(heading: str) -> str:
    """The column a heading names, in plain lower-case words: "Level  Name" and "level-name" are "level name"."""
    return rows.column_name(heading).replace("_", " ")


_KEYS = {column_key(h): h for h in COLUMNS}
_REQUIRED = [column_key(h) for h in COLUMNS if h not in OPTIONAL_COLUMNS]
_DETAIL_KEYS = {column_key(label): name for name, label in DETAIL_FIELDS.items()}
# Which column of a sheet each model's field is read from.
_COLUMN_OF: dict[type[BaseModel], dict[str, str]] = {
    Indicator: {"code": "code", "level": "level", "skill": "skill", "number": "number", "statement": "statement"},
    Level: {"number": "level", "name": "level name", "grade_guide": "level grade guide",
            "description": "level description"},
    Skill: {"number": "skill", "name": "skill name", "description": "skill description"},
}


# --- The details ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PackDetails:
    """What a pack says about itself, as a person writes it: a workbook's Framework sheet, or a form's fields
    beside a CSV of indicators. Nothing is checked when it is made; framework_io.read_pack checks it.

    Attributes:
        id: the framework's id, such as kim-professional-skills (the same for every version).
        version: this version, such as 2.
        released: when it was released: a date, or written like 2026-11-24 (None: not given).
        title: the framework's title.
        source: where it comes from.
        grade_alignment_note: the framework's own words on its guide to levels by grade.
        grade_alignment: the level expected at each grade, written like "AA: 1; AO: 1; EO: 2".
        code_form: how codes are written from level, skill and number, like {level}.{skill}.{number};
            empty when the codes follow no such rule.
    """

    id: str = ""
    version: str = ""
    released: date | str | None = ""
    title: str = ""
    source: str = ""
    grade_alignment_note: str = ""
    grade_alignment: str = ""
    code_form: str = ""

    @classmethod
    def of(cls, fw: Framework) -> PackDetails:
        """The details of a pack, as its Framework sheet writes them."""
        alignment = "; ".join(f"{grade}: {level}" for grade, level in fw.grade_alignment.items())
        return cls(id=fw.id, version=fw.version, released=fw.released, title=fw.title, source=fw.source,
                   grade_alignment_note=fw.grade_alignment_note, grade_alignment=alignment, code_form=fw.code_form)

    def as_text(self) -> dict[str, str]:
        """Each detail as text, by field name (a date written like 2026-11-24)."""
        values = {name: getattr(self, name) for name in DETAIL_FIELDS}
        return {name: value.isoformat() if isinstance(value, date) else "" if value is None else str(value)
                for name, value in values.items()}


def code_form_problem(code_form: str) -> str | None:
    """What is wrong with a code form, or None: the rule Framework.references_are_whole keeps, asked first
    so that every row can be checked against a form that works."""
    try:
        code_form.format(level=1, skill=1, number=1)
    except (KeyError, IndexError, ValueError):
        return "it may name only {level}, {skill} and {number}, like {level}.{skill}.{number}"
    return None


def plain_error(error: Mapping[str, Any], name: str = "") -> str:
    """A pydantic error about one cell or detail in plain English, such as "it is empty"."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing" or value == "":
        return "it is empty"
    if kind == "string_too_long":
        return f"it is too long: the most is {ctx.get('max_length')} characters"
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = f"{ctx.get('ge')} or more" if kind == "greater_than_equal" else f"{ctx.get('le')} or less"
        return f"it must be {bound}; got {value}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "string_pattern_mismatch":
        allowed, example = (("lower-case letters, digits and hyphens", "kim-professional-skills") if name == "id"
                            else ("letters, digits, dots and hyphens", "2 or 2024.1"))
        return f"'{value}' cannot be used: write it with {allowed}, like {example}"
    return str(error["msg"])


def read_details_sheet(data: bytes) -> tuple[list[str], PackDetails | None, list[RowProblem]]:
    """A workbook's sheet names, the details on its Framework sheet (None if it has none), and that sheet's problems.

    rows.xlsx_rows reads one sheet, so this opens the workbook again for the other: call it only after
    xlsx_rows has measured the workbook and read its first sheet.

    Raises:
        FileRefused: the workbook cannot be read, or the sheet is far longer than details need.
    """
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, ParseError):
        raise FileRefused("the file cannot be opened as an Excel workbook (.xlsx)") from None
    try:
        names = list(workbook.sheetnames)
        name = next((n for n in names if n.strip().lower() == DETAILS_SHEET.lower()), None)
        if name is None:
            return names, None, []
        table: Rows = []
        for number, values in enumerate(workbook[name].iter_rows(max_col=3, values_only=True), start=1):
            if number > MAX_DETAIL_ROWS:
                raise FileRefused(f"the {DETAILS_SHEET} sheet has more than {MAX_DETAIL_ROWS} rows")
            table.append((number, [_detail_text(v) for v in values]))
    except (KeyError, ValueError, ParseError, zipfile.BadZipFile):
        raise FileRefused("the file cannot be read as an Excel workbook (.xlsx)") from None
    finally:
        workbook.close()
    details, problems = _details_from_rows(table)
    return names, details, problems


def _detail_text(value: Any) -> str:
    # A release date that Excel keeps as a date is read as that day, without a time.
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _details_from_rows(table: Rows) -> tuple[PackDetails, list[RowProblem]]:
    where = f"{DETAILS_SHEET} sheet"
    filled = rows.filled_rows(table)
    if not filled or [column_key(c) for c in filled[0][1][:2]] != ["field", "value"]:
        return PackDetails(), [RowProblem(None, where, "its first row must be the headings Field and Value")]
    problems: list[RowProblem] = []
    values: dict[str, str] = {}
    for number, row in filled[1:]:
        place = f"{where}, row {number}"
        label = row[0].strip()
        name = _DETAIL_KEYS.get(column_key(label))
        if len(row) > 2 and row[2].strip():
            problems.append(RowProblem(None, place, "there is a value in column 3; the sheet has two columns"))
        if name is None:
            problems.append(RowProblem(None, place, (
                f"'{label}' is not a detail of a framework; the fields are {', '.join(DETAIL_FIELDS.values())}")))
        elif name in values:
            problems.append(RowProblem(None, place, f"{DETAIL_FIELDS[name]} is given more than once"))
        else:
            values[name] = row[1] if len(row) > 1 else ""
    return PackDetails(**values), problems


# --- The indicator rows --------------------------------------------------------------------


@dataclass
class SheetRows:
    """A sheet's indicator rows as read: what could be read, and each cell's problem.

    Attributes:
        indicators: (row, indicator) for each row whose indicator cells are right.
        levels: a document for Level for each level the rows name, by number, in order.
        skills: a document for Skill for each skill the rows name, by number, in order.
        problems: each cell's problem, by row and column (with the header's, nothing else is read).
        complete: whether every row gave its indicator, so that the numbering of the whole can be judged.
    """

    indicators: list[tuple[int, Indicator]] = field(default_factory=list)
    levels: list[dict[str, Any]] = field(default_factory=list)
    skills: list[dict[str, Any]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    complete: bool = False


def read_indicator_rows(table: Rows) -> SheetRows:
    """Read a sheet of indicators (COLUMNS) cell by cell; each level and skill must read the same on every row.

    Raises:
        FileRefused: the sheet has no header, no rows below it, or too many.
    """
    filled = rows.filled_rows(table)
    if not filled:
        raise FileRefused("the file has no rows: there is no header row and no indicators")
    header_row, header = filled[0]
    columns = [column_key(h) for h in header]
    header_problems = rows.header_problems(header_row, header, columns, _KEYS, _REQUIRED, refuse_unknown=True)
    if header_problems:
        return SheetRows(problems=header_problems)  # every row would be wrong in the same way: said once
    body = filled[1:]
    if not body:
        raise FileRefused("the file has a header row but no indicators below it")
    if len(body) > MAX_INDICATORS:
        raise FileRefused(f"the file has more than {MAX_INDICATORS} indicators")
    read = SheetRows()
    levels, skills = _SameOnEveryRow("level", Level), _SameOnEveryRow("skill", Skill)
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for row_number, cells_read in body:
        stray = rows.stray_value(cells_read, columns)
        if stray:
            read.problems.append(RowProblem(row_number, "columns", stray))
        text = {key: rows.unescape(cells_read[i]).strip() if i < len(cells_read) else ""
                for i, key in enumerate(columns) if key in _KEYS}
        found: dict[str, str] = {}  # column: its problem, one a cell
        number_of = {key: _whole(text[key], key, found) for key in ("level", "skill", "number") if key in text}
        level, skill = number_of["level"], number_of["skill"]
        if "number" not in text and level is not None and skill is not None:
            counts[level, skill] += 1
            number_of["number"] = counts[level, skill]
        code = text["code"]
        if code and not is_indicator_code(code) and cells.date_codes(code):
            found["code"] = (f"Excel changed the code into a date ('{code}'); format the Code column as Text, "
                             f"then type the code again")
        indicator = _model_of(Indicator, {"code": code, "level": level, "skill": skill,
                                          "number": number_of.get("number"), "statement": text["statement"]}, found)
        if level is not None:
            levels.add(row_number, {"number": level, "name": text["level name"],
                                    "grade_guide": text.get("level grade guide", ""),
                                    "description": text["level description"]}, found)
        if skill is not None:
            skills.add(row_number, {"number": skill, "name": text["skill name"],
                                    "description": text["skill description"]}, found)
        read.problems += [RowProblem(row_number, _KEYS[key], message) for key, message in found.items()]
        if isinstance(indicator, Indicator):
            read.indicators.append((row_number, indicator))
    read.levels, read.skills = levels.records(), skills.records()
    read.problems += levels.problems() + skills.problems()
    read.complete = len(read.indicators) == len(body)
    return read


def _whole(text: str, key: str, found: dict[str, str]) -> int | None:
    """A whole number typed in a cell, or None with its problem recorded."""
    value, problem = cells.number(text, "it", whole=True) if text else (None, "it is empty")
    if problem:
        found[key] = problem
    return None if value is None else int(value)


def _model_of(model: type[BaseModel], document: dict[str, Any], found: dict[str, str]) -> BaseModel | None:
    """The model of one row's cells, or None with each cell's problem recorded (one a cell)."""
    try:
        return model.model_validate(document)
    except ValidationError as exc:
        for error in exc.errors():
            column = _COLUMN_OF[model].get(str(error["loc"][0]), "") if error["loc"] else ""
            # A cell read as None could not be read at all, and its problem is recorded already.
            if column and column not in found and error.get("input") is not None:
                found[column] = plain_error(error)
        return None


class _SameOnEveryRow:
    """The levels (or skills) a sheet names: each must read the same on every one of its rows.

    What most of a level's rows say is taken as meant, so that one row typed differently is the
    one named, whichever row it is.
    """

    def __init__(self, noun: str, model: type[BaseModel]):
        self.noun = noun
        self.model = model
        # number: field: (row, value) for each row that gives it
        self.given: dict[int, dict[str, list[tuple[int, str]]]] = defaultdict(lambda: defaultdict(list))

    def add(self, row_number: int, document: dict[str, Any], found: dict[str, str]) -> None:
        _model_of(self.model, document, found)
        for name, value in document.items():
            if name != "number" and value and _COLUMN_OF[self.model][name] not in found:
                self.given[document["number"]][name].append((row_number, value))

    def _usual(self, number: int, name: str) -> str:
        given = self.given[number].get(name, [])
        # most_common keeps the first seen of values given equally often
        return Counter(value for _, value in given).most_common(1)[0][0] if given else ""

    def problems(self) -> list[RowProblem]:
        """A problem for each row whose level (or skill) reads otherwise than most of that level's rows."""
        problems = []
        for number, fields in self.given.items():
            for name, given in fields.items():
                usual = self._usual(number, name)
                usual_rows = [row for row, value in given if value == usual]
                elsewhere = (f"row {usual_rows[0]}" if len(usual_rows) == 1
                             else f"{len(usual_rows)} other rows (the first is row {usual_rows[0]})")
                shown = f"'{usual}'" if len(usual) <= 80 else "another"
                column = _COLUMN_OF[self.model][name]
                problems += [
                    RowProblem(row, _KEYS[column], (
                        f"{self.noun} {number} has {shown} as its {column.removeprefix(self.noun + ' ')} in "
                        f"{elsewhere}; every row of a {self.noun} gives the same"))
                    for row, value in given if value != usual
                ]
        return problems

    def records(self) -> list[dict[str, Any]]:
        names = [n for n in _COLUMN_OF[self.model] if n != "number"]
        return [{"number": n, **{name: self._usual(n, name) for name in names}} for n in sorted(self.given)]


# --- Downloads -----------------------------------------------------------------------------


def pack_json(fw: Framework) -> bytes:
    """The pack as JSON in the shape of data/framework.json.

    Args:
        fw: the pack to write.

    Returns:
        UTF-8 bytes, indented by two spaces, ending with a new line; the shipped pack gives its file's bytes.
    """
    return (json.dumps(fw.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _indicator_rows(fw: Framework) -> list[list[str | int]]:
    """The pack's indicators in the order of COLUMNS, text made safe to open in a spreadsheet."""
    table: list[list[str | int]] = []
    for ind in fw.indicators:
        level, skill = fw.level(ind.level), fw.skill(ind.skill)
        table.append([
            safe_cell(ind.code), ind.level, safe_cell(level.name), safe_cell(level.grade_guide),
            safe_cell(level.description), ind.skill, safe_cell(skill.name), safe_cell(skill.description),
            ind.number, safe_cell(ind.statement),
        ])
    return table


def _csv(header: tuple[str, ...], body: list[list[str | int]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(body)
    # A byte order mark, so that Excel reads curly quotes and accents correctly.
    return out.getvalue().encode("utf-8-sig")


def pack_sheet(fw: Framework, kind: Literal["csv", "xlsx"]) -> bytes:
    """The pack as a spreadsheet in the layout framework_io.read_pack reads.

    Args:
        fw: the pack to write.
        kind: "csv" for the indicator rows alone (their details are given beside the file when it is
            read back), or "xlsx" for a workbook whose first sheet, Indicators, holds the rows and whose
            second, Framework, the details.

    Returns:
        The file's bytes: CSV as UTF-8 with a byte order mark.
    """
    if kind == "csv":
        return _csv(COLUMNS, _indicator_rows(fw))
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Indicators"
    sheet.append(list(COLUMNS))
    for row in _indicator_rows(fw):
        sheet.append(row)
    for cell in sheet["A"][1:]:
        cell.number_format = "@"  # text, so that Excel keeps a code such as 1.2.3 as typed, not as a date
    sheet.freeze_panes = "A2"
    widths = {"Code": 10, "Level": 7, "Skill": 7, "Number": 8, "Level grade guide": 18, "Statement": 80}
    for index, heading in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = widths.get(heading, 30)
    details = workbook.create_sheet(DETAILS_SHEET)
    details.append(["Field", "Value"])
    for name, value in PackDetails.of(fw).as_text().items():
        details.append([DETAIL_FIELDS[name], safe_cell(value)])
    for cell in details["B"]:
        cell.number_format = "@"  # a version such as 1.10 stays text, not the number 1.1
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    details.column_dimensions["A"].width = 22
    details.column_dimensions["B"].width = 100
    for header_cell in (*sheet[1], *details[1]):
        header_cell.font = Font(bold=True)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def crosswalk_csv(cw: Crosswalk) -> bytes:
    """The crosswalk's entries as CSV (CROSSWALK_COLUMNS), safe to open in a spreadsheet.

    The versions it goes between are not in the file (it is read back against the two packs, by
    framework_io.read_crosswalk), nor its note.

    Args:
        cw: the crosswalk to write.

    Returns:
        UTF-8 bytes with a byte order mark: a header row, then one row per entry.
    """
    return _csv(CROSSWALK_COLUMNS, [[safe_cell(e.old), "; ".join(e.new), safe_cell(e.note)] for e in cw.entries])
