"""Reading an imported table (CSV or an Excel workbook) into rows, and saying what is wrong where.

The curriculum and the professional bodies' mapping are both imported from such a file; this
holds what their imports share: which kind of file it is, its rows of cell text, its header's
column names, and the problems found, each by row and column, in one error that lists them all.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar
from xml.etree.ElementTree import ParseError

from planner.errors import PlannerError
from planner.io import uploads
from planner.io.cells import FORMULA_STARTS

MAX_SHEET_ROWS = 20_000
MAX_SHEET_COLUMNS = 60
NOTE_MARK = "#"
"""A spreadsheet row whose first cell starts with this is a note to people, not an entry."""

Rows = list[tuple[int, list[str]]]
"""(row number, cells) for each row of a spreadsheet, the header being row 1."""


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



class ImportProblems(PlannerError):
    """An imported file has problems; every one is listed and nothing was replaced.

    Attributes:
        problems: each problem, where a person would look for it.
        unit: what a person calls one entry of the file: "row" for a spreadsheet, or for JSON
            "activity" or "framework".
    """

    subject: ClassVar[str] = "data"
    """What the file would have replaced, such as "curriculum"; each import names its own."""

    def __init__(self, problems: list[RowProblem], unit: str = "row"):
        self.problems = problems
        self.unit = unit
        count = len(problems)
        listed = "; ".join(p.describe(unit) for p in problems[:10])
        more = f" (and {count - 10} more)" if count > 10 else ""
        noun = "problem" if count == 1 else "problems"
        super().__init__(
            f"The {self.subject} was not replaced because the file has {count} {noun}. {listed}{more}."
        )

    @classmethod
    def about_file(cls, message: str, unit: str = "row") -> ImportProblems:
        """The error for one problem with the file as a whole, such as "the file is empty"."""
        return cls([RowProblem(None, "file", message)], unit=unit)


class FileRefused(PlannerError):
    """The file as a whole cannot be read as a table; `message` says why, as a problem with the file."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def file_kind(data: bytes, filename: str) -> str:
    """Which kind of file an upload is, "csv", "xlsx" or "json", from its name and a look at its bytes.

    Raises:
        FileRefused: it is of another kind, too large, empty, or its content is not what its name says.
    """
    suffix = Path(filename).suffix.lower()
    if suffix in (".xls", ".xlsm", ".xlsb", ".ods", ".numbers"):
        raise FileRefused(
            f"'{filename}' is a {suffix} spreadsheet; save it as an Excel Workbook (.xlsx) "
            f"or as CSV, then import that"
        )
    if suffix not in (".csv", ".xlsx", ".json"):
        raise FileRefused(f"'{filename}' is not a CSV (.csv), Excel (.xlsx) or JSON (.json) file")
    try:
        uploads.check_size(data)
    except uploads.UploadError as exc:
        raise FileRefused(f"the file {exc.reason}") from None
    if not data.strip():
        raise FileRefused("the file is empty")
    looks_like_zip = data.startswith(b"PK\x03\x04")
    if suffix == ".xlsx":
        if not looks_like_zip:
            raise FileRefused(
                "the file is named .xlsx but is not an Excel workbook inside; if it is CSV "
                "text, give it a .csv name"
            )
        return "xlsx"
    if looks_like_zip:
        raise FileRefused(
            f"the file is named {suffix} but looks like an Excel workbook inside; give it an "
            f".xlsx name, or save it as {suffix[1:].upper()}"
        )
    if b"\x00" in data[:4096] or data.startswith((b"%PDF", b"\xd0\xcf\x11\xe0")):
        raise FileRefused(f"the file is named {suffix} but its content is not text")
    return suffix[1:]



def read_table(data: bytes, kind: str) -> Rows:
    """The rows of a CSV or Excel file (kind as file_kind gives it), each row's cells as text.

    Raises:
        FileRefused: the file cannot be read as that kind, or has too many rows or columns.
    """
    return csv_rows(data) if kind == "csv" else xlsx_rows(data)


def read_json(data: bytes) -> Any:
    """The parsed JSON of an upload.

    Raises:
        FileRefused: the file is too large, empty, nested too deeply or not JSON.
    """
    try:
        return uploads.read_json(data)
    except uploads.UploadError as exc:
        raise FileRefused(f"the file {exc.reason}") from None


def csv_rows(data: bytes) -> Rows:
    """The rows of a CSV file: UTF-8 (or Windows' cp1252), cells separated as its header row shows."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            # Excel's plain "CSV (Comma delimited)" on Windows writes this encoding.
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise FileRefused("the file is not readable text; save it from Excel as CSV UTF-8") from None
    lines = [line for line in text.splitlines() if line.strip()]
    first_line = next((line for line in lines if not line.lstrip('"').startswith(NOTE_MARK)), "")
    # Some locales' Excel separates CSV cells with semicolons; the header shows which is used.
    delimiter = max((",", ";", "\t"), key=first_line.count)
    if first_line.count(delimiter) == 0:
        delimiter = ","
    rows: Rows = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, record in enumerate(reader, start=1):
            if number > MAX_SHEET_ROWS:
                raise FileRefused(f"the file has more than {MAX_SHEET_ROWS} rows")
            if len(record) > MAX_SHEET_COLUMNS:
                # As in a workbook, columns past the last one read must be empty.
                if any(cell.strip() for cell in record[MAX_SHEET_COLUMNS:]):
                    raise FileRefused(f"the file has values in more than {MAX_SHEET_COLUMNS} columns")
                record = record[:MAX_SHEET_COLUMNS]
            rows.append((number, record))
    except csv.Error as exc:
        raise FileRefused(f"the CSV cannot be read near line {reader.line_num} ({exc})") from None
    return rows


def xlsx_rows(data: bytes) -> Rows:
    """The rows of an Excel workbook's sheet named Curriculum, or else its first sheet, measured before it is opened."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # Measured before openpyxl opens it: openpyxl reads every shared string into memory.
        uploads.check_workbook(data)
    except uploads.UploadError as exc:
        raise FileRefused(f"the file {exc.reason}") from None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, ParseError):
        raise FileRefused("the file cannot be opened as an Excel workbook (.xlsx)") from None
    try:
        if not workbook.worksheets:
            raise FileRefused("the workbook has no sheets")
        named = "Curriculum" in workbook.sheetnames
        sheet = workbook["Curriculum"] if named else workbook.worksheets[0]
        rows: Rows = []
        for number, values in enumerate(
            sheet.iter_rows(min_row=1, max_col=MAX_SHEET_COLUMNS, values_only=True), start=1
        ):
            if number > MAX_SHEET_ROWS:
                if any(v is not None for v in values):
                    raise FileRefused(f"the sheet has more than {MAX_SHEET_ROWS} rows")
                break
            rows.append((number, [_cell_text(v) for v in values]))
        return rows
    except (KeyError, ValueError, ParseError, zipfile.BadZipFile):
        raise FileRefused("the file cannot be read as an Excel workbook (.xlsx)") from None
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
        return str(value.isoformat())
    return str(value)


def column_name(heading: str) -> str:
    """The column a heading names, as the app spells it: "Cost (£)" is cost."""
    # "Min years experience" and "Cost (£)" are read as min_years_experience and cost.
    without_units = re.sub(r"\(.*?\)", "", heading)
    return re.sub(r"[\s\-]+", "_", without_units.strip().lower())



def filled_rows(rows: Rows) -> Rows:
    """The rows that hold something, leaving out notes to people (rows whose first cell starts with #)."""
    return [
        (n, cells) for n, cells in rows
        if any(c.strip() for c in cells) and not (cells and cells[0].strip().startswith(NOTE_MARK))
    ]


def header_problems(
    row: int, header: Sequence[str], columns: list[str], known: Collection[str], required: Collection[str],
    refuse_unknown: bool,
) -> list[RowProblem]:
    """What is wrong with a header row: required columns missing, unknown ones (if refused), repeated ones.

    Args:
        row: the header's row number.
        header: the headings as written.
        columns: the column each heading names (column_name), "" for an empty heading.
        known: the columns the import reads, in their order.
        required: the columns every file must have.
        refuse_unknown: whether a column the import does not read is a problem (else it is ignored).
    """
    missing = [c for c in required if c not in columns]
    unknown = [h.strip() for h, c in zip(header, columns) if c and c not in known] if refuse_unknown else []
    repeated = sorted({c for c in columns if c and (refuse_unknown or c in known) and columns.count(c) > 1})
    return [
        RowProblem(row, "columns", words.format(s="s" * (len(names) > 1), names=", ".join(names)))
        for names, words in (
            (missing, "required column{s} missing: {names}"),
            (unknown, "unknown column{s}: {names}; the columns are " + ", ".join(known)),
            (repeated, "repeated column{s}: {names}"),
        )
        if names
    ]


def stray_value(cells: list[str], columns: list[str]) -> str | None:
    """The problem of a row with a value in a column that has no heading, or None."""
    stray = [i + 1 for i, cell in enumerate(cells) if cell.strip() and (i >= len(columns) or not columns[i])]
    return f"there is a value in column {stray[0]}, which has no heading" if stray else None


def unescape(cell: str) -> str:
    """The cell as typed: without the quote that safe_cell puts before a formula-like cell."""
    # Undo the quote that safe_cell puts before a formula-like cell, so exports round-trip.
    if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell
