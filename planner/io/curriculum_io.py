"""Importing a replacement curriculum from CSV, Excel or JSON, and the curriculum downloads."""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from pydantic import ValidationError

from planner.documents.spreadsheet import FORMULA_STARTS, safe_cell
from planner.domain import framework
from planner.domain.curriculum import (
    CATEGORIES,
    COLUMNS,
    FORMATS,
    REQUIRED_COLUMNS,
    Activity,
    Curriculum,
    Development,
    _as_list,
    _reference_problems,
)
from planner.domain.models import INDICATOR_CODE, Framework
from planner.errors import PlannerError
from planner.io import uploads

MAX_ACTIVITIES = 5_000
_MAX_SHEET_ROWS = 20_000
_MAX_SHEET_COLUMNS = 60
_LIST_SEPARATORS = re.compile(r"[;,\n]+")
_CODE_SHAPE = re.compile(r"^\d+\.\d+\.\d+$")
# What Excel writes for a code such as 1.2.3 that it read as a date: 2003-02-01 (with a time in
# a workbook), or 01/02/2003 in a CSV it saved.
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00)?)?$")
_SLASH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})$")
NOTE_MARK = "#"
"""A spreadsheet row whose first cell starts with this is a note to people, not an activity."""

_Rows = list[tuple[int, list[str]]]
"""(row number, cells) for each row of a spreadsheet, the header being row 1."""
_Numbered = list[tuple[int, dict[str, Any]]]
"""(row or position a person sees, document for Activity) for each activity."""


# --- Import --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowProblem:
    """One problem found in an imported file, where a person would look for it.

    Attributes:
        row: the spreadsheet row (the header is row 1), or for JSON the activity's position
            (1 for the first); None for a problem with the file as a whole.
        field: the column or field, such as "cost"; "file" or "columns" for the whole file.
        message: what is wrong, in plain English.
    """

    row: int | None
    field: str
    message: str

    def describe(self, unit: str = "row") -> str:
        """The problem as one sentence, such as "Row 4, cost: cost must be 0 or more; got -5".

        Args:
            unit: what a person calls one entry: "row" for a spreadsheet, "activity" for JSON.
        """
        whole_file = self.field in ("", "file")
        if self.row is None:
            if whole_file:
                return self.message[:1].upper() + self.message[1:]
            return f"{self.field}: {self.message}"
        where = f"{unit.capitalize()} {self.row}"
        if whole_file:
            return f"{where}: {self.message}"
        return f"{where}, {self.field}: {self.message}"


@dataclass(frozen=True)
class CurriculumImport:
    """A checked curriculum and what a person should know about how its file was read."""

    curriculum: Curriculum
    notes: tuple[str, ...] = ()


class CurriculumImportError(PlannerError):
    """An imported curriculum has problems; every one is listed and nothing was replaced."""

    def __init__(self, problems: list[RowProblem], unit: str = "row"):
        self.problems = problems
        self.unit = unit
        count = len(problems)
        listed = "; ".join(p.describe(unit) for p in problems[:10])
        more = f" (and {count - 10} more)" if count > 10 else ""
        noun = "problem" if count == 1 else "problems"
        super().__init__(
            f"The curriculum was not replaced because the file has {count} {noun}. {listed}{more}."
        )


def parse_curriculum(data: bytes, filename: str, fw: Framework) -> Curriculum:
    """The checked curriculum of a CSV, Excel (.xlsx) or JSON file (read_curriculum without its notes).

    Raises:
        CurriculumImportError: listing every problem found, by row and field.
    """
    return read_curriculum(data, filename, fw).curriculum


def read_curriculum(data: bytes, filename: str, fw: Framework) -> CurriculumImport:
    """Read and check a replacement curriculum from a CSV, Excel (.xlsx) or JSON file.

    A spreadsheet has a header row and one row per activity; develops is written like
    "2.3.4:2; 3.3.1:1" (points 1 if left out) and prerequisites as ids separated by
    semicolons. Columns the app does not use (a team's Owner or Last reviewed) are ignored and
    named in a note; rows whose first cell starts with # are notes to people. JSON has the shape
    of data/curriculum.json. Nothing is kept here: the caller saves the result, so an invalid
    file never replaces anything.

    Args:
        data: the file's bytes.
        filename: the file's name; its extension says which format to expect.
        fw: the framework whose indicator codes the activities must use.

    Returns:
        The checked curriculum, and notes such as which columns were ignored.

    Raises:
        CurriculumImportError: listing every problem found, by row and field.
    """
    kind = _file_kind(data, filename)
    if kind == "json":
        return CurriculumImport(_parse_json(data, filename, fw))
    rows = _csv_rows(data) if kind == "csv" else _xlsx_rows(data)
    return _parse_table(rows, filename, fw)


def _fail(message: str, unit: str = "row") -> CurriculumImportError:
    return CurriculumImportError([RowProblem(None, "file", message)], unit=unit)


def _file_kind(data: bytes, filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    if suffix in (".xls", ".xlsm", ".xlsb", ".ods", ".numbers"):
        raise _fail(
            f"'{filename}' is a {suffix} spreadsheet; save it as an Excel Workbook (.xlsx) "
            f"or as CSV, then import that"
        )
    if suffix not in (".csv", ".xlsx", ".json"):
        raise _fail(f"'{filename}' is not a CSV (.csv), Excel (.xlsx) or JSON (.json) file")
    try:
        uploads.check_size(data)
    except uploads.UploadError as exc:
        raise _fail(f"the file {exc.reason}") from None
    if not data.strip():
        raise _fail("the file is empty")
    looks_like_zip = data.startswith(b"PK\x03\x04")
    if suffix == ".xlsx":
        if not looks_like_zip:
            raise _fail(
                "the file is named .xlsx but is not an Excel workbook inside; if it is CSV "
                "text, give it a .csv name"
            )
        return "xlsx"
    if looks_like_zip:
        raise _fail(
            f"the file is named {suffix} but looks like an Excel workbook inside; give it an "
            f".xlsx name, or save it as {suffix[1:].upper()}"
        )
    if b"\x00" in data[:4096] or data.startswith((b"%PDF", b"\xd0\xcf\x11\xe0")):
        raise _fail(f"the file is named {suffix} but its content is not text")
    return suffix[1:]


def _parse_json(data: bytes, filename: str, fw: Framework) -> Curriculum:
    def fail(message: str) -> CurriculumImportError:
        return _fail(message, unit="activity")

    try:
        document = uploads.read_json(data)
    except uploads.UploadError as exc:
        raise fail(f"the file {exc.reason}") from None
    if not isinstance(document, dict):
        raise fail('the file must hold an object like {"note": ..., "activities": [...]}')
    problems = [
        RowProblem(None, str(key), f"'{key}' is not a field of a curriculum; use note, activities")
        for key in document
        if key not in ("note", "activities")
    ]
    note = document.get("note", f"Imported from {filename}.")
    if not isinstance(note, str) or not note.strip():
        problems.append(RowProblem(None, "note", "the note must be some text"))
    items = document.get("activities")
    if not isinstance(items, list):
        raise CurriculumImportError(
            problems + [RowProblem(None, "activities", "there must be a list of activities")],
            unit="activity",
        )
    if not items:
        problems.append(RowProblem(None, "activities", "the list of activities is empty"))
    if len(items) > MAX_ACTIVITIES:
        raise fail(f"the file has more than {MAX_ACTIVITIES} activities")
    numbered: _Numbered = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            problems.append(RowProblem(number, "", "each activity must be an object of fields"))
            continue
        numbered.append((number, item))
    return _build(str(note), numbered, fw, "activity", problems)


def _csv_rows(data: bytes) -> _Rows:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            # Excel's plain "CSV (Comma delimited)" on Windows writes this encoding.
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise _fail("the file is not readable text; save it from Excel as CSV UTF-8") from None
    lines = [line for line in text.splitlines() if line.strip()]
    first_line = next((line for line in lines if not line.lstrip('"').startswith(NOTE_MARK)), "")
    # Some locales' Excel separates CSV cells with semicolons; the header shows which is used.
    delimiter = max((",", ";", "\t"), key=first_line.count)
    if first_line.count(delimiter) == 0:
        delimiter = ","
    rows: _Rows = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, record in enumerate(reader, start=1):
            if number > _MAX_SHEET_ROWS:
                raise _fail(f"the file has more than {_MAX_SHEET_ROWS} rows")
            if len(record) > _MAX_SHEET_COLUMNS:
                # As in a workbook, columns past the last one read must be empty.
                if any(cell.strip() for cell in record[_MAX_SHEET_COLUMNS:]):
                    raise _fail(f"the file has values in more than {_MAX_SHEET_COLUMNS} columns")
                record = record[:_MAX_SHEET_COLUMNS]
            rows.append((number, record))
    except csv.Error as exc:
        raise _fail(f"the CSV cannot be read near line {reader.line_num} ({exc})") from None
    return rows


def _xlsx_rows(data: bytes) -> _Rows:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # Measured before openpyxl opens it: openpyxl reads every shared string into memory.
        uploads.check_workbook(data)
    except uploads.UploadError as exc:
        raise _fail(f"the file {exc.reason}") from None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, ParseError):
        raise _fail("the file cannot be opened as an Excel workbook (.xlsx)") from None
    try:
        if not workbook.worksheets:
            raise _fail("the workbook has no sheets")
        named = "Curriculum" in workbook.sheetnames
        sheet = workbook["Curriculum"] if named else workbook.worksheets[0]
        rows: _Rows = []
        for number, values in enumerate(
            sheet.iter_rows(min_row=1, max_col=_MAX_SHEET_COLUMNS, values_only=True), start=1
        ):
            if number > _MAX_SHEET_ROWS:
                if any(v is not None for v in values):
                    raise _fail(f"the sheet has more than {_MAX_SHEET_ROWS} rows")
                break
            rows.append((number, [_cell_text(v) for v in values]))
        return rows
    except (KeyError, ValueError, ParseError, zipfile.BadZipFile):
        raise _fail("the file cannot be read as an Excel workbook (.xlsx)") from None
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _column_name(heading: str) -> str:
    # "Min years experience" and "Cost (£)" are read as min_years_experience and cost.
    without_units = re.sub(r"\(.*?\)", "", heading)
    return re.sub(r"[\s\-]+", "_", without_units.strip().lower())


def _parse_table(rows: _Rows, filename: str, fw: Framework) -> CurriculumImport:
    filled = [
        (n, cells) for n, cells in rows
        if any(c.strip() for c in cells) and not (cells and cells[0].strip().startswith(NOTE_MARK))
    ]
    if not filled:
        raise _fail("the file has no rows: there is no header row and no activities")
    header_row, header = filled[0]
    columns = [_column_name(c) for c in header]
    problems = _header_problems(header_row, columns)
    ignored = [h.strip() for h, c in zip(header, columns) if c and c not in COLUMNS]
    notes = (_ignored_note(ignored),) if ignored else ()
    if problems:
        # Without the right columns every row would be wrong in the same way; say it once.
        raise CurriculumImportError(problems)
    body = filled[1:]
    if not body:
        raise _fail("the file has a header row but no activities below it")
    if len(body) > MAX_ACTIVITIES:
        raise _fail(f"the file has more than {MAX_ACTIVITIES} activities")
    numbered: _Numbered = []
    for number, cells in body:
        stray = [
            i + 1
            for i, cell in enumerate(cells)
            if cell.strip() and (i >= len(columns) or not columns[i])
        ]
        if stray:
            message = f"there is a value in column {stray[0]}, which has no heading"
            problems.append(RowProblem(number, "columns", message))
        record = {
            column: _unescape(cells[i]) if i < len(cells) else ""
            for i, column in enumerate(columns)
            if column in COLUMNS
        }
        document, cell_problems = _activity_document(record)
        problems += [RowProblem(number, field, message) for field, message in cell_problems]
        numbered.append((number, document))
    return CurriculumImport(_build(f"Imported from {filename}.", numbered, fw, "row", problems), notes)


def _header_problems(row: int, columns: list[str]) -> list[RowProblem]:
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    repeated = sorted({c for c in columns if c in COLUMNS and columns.count(c) > 1})
    return [
        RowProblem(row, "columns", words.format(s="s" * (len(names) > 1), names=", ".join(names)))
        for names, words in (
            (missing, "required column{s} missing: {names}"),
            (repeated, "repeated column{s}: {names}"),
        )
        if names
    ]


def _ignored_note(headings: list[str]) -> str:
    named = headings[0] if len(headings) == 1 else f"{', '.join(headings[:-1])} and {headings[-1]}"
    noun, verb, it = ("column", "is", "it was") if len(headings) == 1 else ("columns", "are", "they were")
    return (f"The {noun} {named} {verb} not part of the curriculum, so {it} ignored; the rest of each row "
            f"was read. The columns the app reads are {', '.join(COLUMNS)}.")


def _unescape(cell: str) -> str:
    # Undo the quote that safe_cell puts before a formula-like cell, so exports round-trip.
    if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def _activity_document(record: dict[str, str]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """One spreadsheet row as a document for Activity, and the cells that could not be read."""
    problems: list[tuple[str, str]] = []
    text = {column: record.get(column, "").strip() for column in COLUMNS}
    document: dict[str, Any] = {
        "id": text["id"],
        "title": text["title"],
        "provider": text["provider"],
        "format": text["format"].lower(),
        "category": text["category"].lower(),
        "prerequisites": [
            p.strip() for p in _LIST_SEPARATORS.split(text["prerequisites"]) if p.strip()
        ],
        "link": text["link"] or None,
        "description": text["description"],
    }
    for column, whole, default in (
        ("level", True, None),
        ("hours", False, None),
        ("cost", False, None),
        ("min_years_experience", False, 0),
    ):
        if not text[column]:
            if default is None:
                hint = "; write 0 if the activity is free" if column == "cost" else ""
                problems.append((column, f"{column} is missing{hint}"))
            else:
                document[column] = default
            continue
        value, problem = _number(text[column], column, whole)
        if problem:
            problems.append((column, problem))
        else:
            document[column] = value
    develops, develops_problems = _developments(text["develops"])
    document["develops"] = develops
    problems += [("develops", message) for message in develops_problems]
    return document, problems


def _number(text: str, column: str, whole: bool) -> tuple[float | int | None, str | None]:
    cleaned = text.replace("£", "").replace(",", "").strip()
    kind = "a whole number" if whole else "a number"
    try:
        value = float(cleaned)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or (whole and not value.is_integer()):
        return None, f"{column} must be {kind}; got '{text}'"
    return (int(value) if whole else value), None


def _developments(text: str) -> tuple[list[dict[str, Any]], list[str]]:
    """Read "2.3.4:2; 3.3.1" into indicator codes with points (1 where none are given)."""
    developments: list[dict[str, Any]] = []
    problems: list[str] = []
    for part in _LIST_SEPARATORS.split(text):
        part = part.strip()
        if not part:
            continue
        if _date_codes(part):
            # A code Excel turned into a date, with its time: reported as such, not as bad points.
            developments.append({"indicator": part, "points": 1})
            continue
        code, _, points = (p.strip() for p in part.partition(":"))
        if not points:
            developments.append({"indicator": code, "points": 1})
            continue
        try:
            developments.append({"indicator": code, "points": int(points)})
        except ValueError:
            problems.append(
                f"in '{part}' the points must be a whole number, 1, 2 or 3, written like 2.3.4:2"
            )
    return developments, problems


def _activity_problems(
    numbered: _Numbered, fw: Framework, unit: str, reported: list[RowProblem]
) -> list[RowProblem]:
    """Every problem with the activities: each one's fields, then ids and prerequisites."""
    problems: list[RowProblem] = []
    already = {(p.row, p.field) for p in reported}
    known_codes = set(fw.codes)
    for number, document in numbered:
        try:
            Activity.model_validate(document)
        except ValidationError as exc:
            for error in exc.errors():
                if _is_code_error(error):
                    continue  # said better below, knowing the framework's codes
                field, message = _plain(error, document)
                if (number, field) not in already:
                    problems.append(RowProblem(number, field, message))
        for development in _as_list(document.get("develops")):
            code = development.get("indicator") if isinstance(development, dict) else None
            problem = code_problem(code, known_codes, "develops") if isinstance(code, str) else None
            if problem:
                problems.append(RowProblem(number, "develops", problem))
    entries = [(d.get("id"), d.get("prerequisites")) for _, d in numbered]
    numbers = [n for n, _ in numbered]
    for index, field, message in _reference_problems(entries, unit, numbers):
        problems.append(RowProblem(numbers[index], field, message))
    return problems


def code_problem(text: str, known_codes: Collection[str], column: str) -> str | None:
    """What is wrong with an indicator code a person wrote, in words that say what to do.

    Args:
        text: the code as read from the file.
        known_codes: the framework's indicator codes.
        column: the column or field the code is in, named in the advice about dates.

    Returns:
        None for a code of the framework; otherwise the problem: a code Excel changed into a
        date, a code of the right shape that the framework does not have, or text that is no code.
    """
    text = text.strip()
    if text in known_codes:
        return None
    dated = _date_codes(text)
    if dated:
        code = next((c for c in dated if c in known_codes), dated[0])
        return (f"Excel changed {code} into a date ('{text}'); format the {column} column as Text, "
                f"then type {code} again")
    if _CODE_SHAPE.match(text):
        levels = sorted({c.split(".")[0] for c in known_codes}, key=int)
        skills = sorted({c.split(".")[1] for c in known_codes}, key=int)
        return (f"there is no indicator {text} in the framework: codes are level.skill.number, "
                f"with levels {_span(levels)} and skills {_span(skills)}")
    return f"'{text}' is not an indicator code like 2.3.4"


def _span(numbers: list[str]) -> str:
    return f"{numbers[0]} to {numbers[-1]}" if len(numbers) > 1 else "".join(numbers)


def _date_codes(text: str) -> list[str]:
    """The indicator codes a date may have been typed as: day.month.year first, as UK Excel reads them."""
    iso = _ISO_DATE.match(text)
    slash = _SLASH_DATE.match(text)
    if iso:
        year, month, day = (int(v) for v in iso.groups())
    elif slash:
        day, month, year = (int(v) for v in slash.groups())
    else:
        return []
    readings = [f"{day}.{month}.{year % 100}", f"{month}.{day}.{year % 100}"]
    return list(dict.fromkeys(code for code in readings if INDICATOR_CODE.match(code)))


def _is_code_error(error: dict[str, Any]) -> bool:
    loc = error["loc"]
    return (len(loc) == 3 and loc[0] == "develops" and loc[2] == "indicator"
            and error["type"] == "value_error")


def _plain(error: dict[str, Any], document: dict[str, Any]) -> tuple[str, str]:
    """A pydantic error about one activity as (field, plain-English message)."""
    loc = error["loc"]
    field = str(loc[0]) if loc else ""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    shown = _shown(value)
    subject = field
    if field == "develops" and len(loc) >= 3:
        entry = _as_list(document.get("develops"))[loc[1]] if isinstance(loc[1], int) else {}
        code = entry.get("indicator", "?") if isinstance(entry, dict) else "?"
        if loc[-1] == "points":
            return field, f"the points for indicator {code} must be 1, 2 or 3; got {shown}"
        subject = f"the indicator in develops entry {loc[1] + 1}"
    if kind == "value_error":
        return field, str(ctx.get("error", error["msg"]))
    if kind == "missing" or (kind in ("string_too_short", "literal_error") and value == ""):
        return field, f"{subject} is missing"
    if kind == "too_short" and field == "develops":
        return field, "develops must name at least one indicator, like 2.3.4:2"
    if kind == "too_short" and field == "activities":
        return field, "there must be at least one activity"
    if kind == "string_too_long":
        return field, f"{subject} is too long: the most is {ctx.get('max_length')} characters"
    if kind == "string_pattern_mismatch":
        return field, (
            f"'{value}' is not a usable id: use up to 64 lower-case letters, digits and "
            f"hyphens, like bcs-dp-foundation"
        )
    if kind == "literal_error":
        options = FORMATS if field == "format" else CATEGORIES
        return field, f"'{value}' is not a known {field}; use one of: {', '.join(options)}"
    limits = {
        "greater_than_equal": ("ge", "{} or more"),
        "greater_than": ("gt", "more than {}"),
        "less_than_equal": ("le", "{} or less"),
        "less_than": ("lt", "less than {}"),
    }
    if kind in limits:
        key, bound = limits[kind]
        return field, f"{subject} must be {bound.format(_shown(ctx.get(key)))}; got {shown}"
    for kinds, words in (
        (("int_parsing", "int_type", "int_from_float"), f"must be a whole number; got {shown}"),
        (("float_parsing", "float_type", "finite_number"), f"must be a number; got {shown}"),
        (("string_type",), "must be text"),
        (("list_type",), "must be a list"),
        (("model_type", "dict_type"), "must be an object of fields"),
    ):
        if kind in kinds:
            return field, f"{subject} {words}"
    if kind == "extra_forbidden":
        return field, f"'{field}' is not a field an activity can have"
    return field, f"{subject}: {error['msg']}"


def _shown(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return f"'{value}'"
    return str(value)


_FIELD_ORDER = {name: i for i, name in enumerate(("file", "columns", *COLUMNS))}


def _in_order(problems: list[RowProblem]) -> list[RowProblem]:
    return sorted(
        problems,
        key=lambda p: (p.row is not None, p.row or 0, _FIELD_ORDER.get(p.field, len(_FIELD_ORDER))),
    )


def _build(
    note: str, numbered: _Numbered, fw: Framework, unit: str, problems: list[RowProblem]
) -> Curriculum:
    """The curriculum, or every problem found so far and with the activities, in order."""
    problems = problems + _activity_problems(numbered, fw, unit, reported=problems)
    if problems:
        raise CurriculumImportError(_in_order(problems), unit=unit)
    documents = [document for _, document in numbered]
    try:
        return Curriculum(note=note, activities=documents)
    except ValidationError as exc:
        # Rows were checked one by one already; this catches anything only the whole can show.
        problems = [RowProblem(None, "file", line) for line in framework.describe_validation_error(
            exc, {"note": note, "activities": documents})]
        raise CurriculumImportError(problems, unit=unit) from None


# --- Export --------------------------------------------------------------------------------


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

    Returns:
        UTF-8 bytes with a byte order mark: a header row, then one row per activity.
    """
    return _csv_bytes(c.activities)


def curriculum_xlsx(c: Curriculum) -> bytes:
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
    for text in (c.note, "", *COLUMN_GUIDE):
        about.append([safe_cell(text)])
    for row in about.iter_rows():
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


COLUMN_GUIDE = (
    "Edit the Curriculum sheet (one row per activity) and import it; the columns are:",
    "id: a unique short name of lower-case letters, digits and hyphens, like bcs-dp-foundation.",
    "title, provider: who offers what.",
    f"format: one of {', '.join(FORMATS)}.",
    "category: experience (learning by doing), others (learning from others) or formal.",
    "level: the framework level the activity is pitched at, 1 to 4.",
    "hours: the time it takes; cost: in pounds, 0 if free.",
    "develops: indicator codes with points 1 to 3, like 2.3.4:2; 3.3.1:1.",
    "prerequisites: ids of activities to do first, separated by semicolons.",
    "min_years_experience, link (a web address) and description are optional.",
    "Excel changes codes such as 1.2.3 into dates: format the develops column as Text before typing them.",
    "Other columns you keep (such as Owner) are ignored; rows starting with # are notes and are not imported.",
)
"""What each column of a curriculum spreadsheet holds: the Excel file's About sheet and the CSV template's notes."""


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


def template_csv() -> bytes:
    """A CSV to fill in: notes on each column, the header row and two example activities to copy or overwrite."""
    return _csv_bytes(list(_TEMPLATE), guide=COLUMN_GUIDE)
