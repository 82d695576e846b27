"""Importing a replacement curriculum from CSV, Excel or JSON, checked row by row before anything is replaced.

Reading the file into rows and cells is shared with the mapping's import (rows.py, cells.py);
what is here is the curriculum's own: its columns, its activities, and the words for its problems.
The downloads of the curriculum are in curriculum_sheets.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from planner.domain.curriculum import (
    CATEGORIES,
    COLUMNS,
    FORMATS,
    REQUIRED_COLUMNS,
    Activity,
    Curriculum,
    as_list,
    reference_problems,
)
from planner.domain.models import Framework
from planner.io import cells, rows, stated
from planner.io.rows import FileRefused, ImportProblems, RowProblem, Rows
from planner.io.shipped import describe_validation_error

MAX_ACTIVITIES = 5_000

_Numbered = list[tuple[int, dict[str, Any]]]
"""(row or position a person sees, document for Activity) for each activity."""

__all__ = [
    "MAX_ACTIVITIES", "CurriculumImport", "CurriculumImportError", "RowProblem", "parse_curriculum", "read_curriculum",
]


@dataclass(frozen=True)
class CurriculumImport:
    """A checked curriculum and what a person should know about how its file was read."""

    curriculum: Curriculum
    notes: tuple[str, ...] = ()


class CurriculumImportError(ImportProblems):
    """An imported curriculum has problems; every one is listed and nothing was replaced."""

    subject = "curriculum"


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
    try:
        kind = rows.file_kind(data, filename)
        table = rows.read_table(data, kind) if kind != "json" else []
    except FileRefused as exc:
        raise CurriculumImportError.about_file(exc.message) from None
    if kind == "json":
        try:
            document = rows.read_json(data)
        except FileRefused as exc:
            raise CurriculumImportError.about_file(exc.message, unit="activity") from None
        return _parse_json(document, filename, fw)
    return _parse_table(table, filename, fw)


_JSON_FIELDS = ("note", "framework_version", "activities")


def _parse_json(document: Any, filename: str, fw: Framework) -> CurriculumImport:
    def fail(message: str) -> ImportProblems:
        return CurriculumImportError.about_file(message, unit="activity")

    if not isinstance(document, dict):
        raise fail('the file must hold an object like {"note": ..., "activities": [...]}')
    problems = [
        RowProblem(None, str(key), f"'{key}' is not a field of a curriculum; use {', '.join(_JSON_FIELDS)}")
        for key in document
        if key not in _JSON_FIELDS
    ]
    version_problem, version_note = stated.stated_version(document.get("framework_version"), fw, "curriculum")
    if version_problem:
        problems.append(RowProblem(None, "framework_version", version_problem))
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
    notes = (version_note,) if version_note else ()
    return CurriculumImport(_build(str(note), numbered, fw, "activity", problems), notes)


def _fail(message: str) -> ImportProblems:
    return CurriculumImportError.about_file(message)


def _parse_table(table: Rows, filename: str, fw: Framework) -> CurriculumImport:
    filled = rows.filled_rows(table)
    if not filled:
        raise _fail("the file has no rows: there is no header row and no activities")
    header_row, header = filled[0]
    columns = [rows.column_name(c) for c in header]
    problems = rows.header_problems(header_row, header, columns, COLUMNS, REQUIRED_COLUMNS, refuse_unknown=False)
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
    for number, row in body:
        stray = rows.stray_value(row, columns)
        if stray:
            problems.append(RowProblem(number, "columns", stray))
        record = {
            column: rows.unescape(row[i]) if i < len(row) else ""
            for i, column in enumerate(columns)
            if column in COLUMNS
        }
        document, cell_problems = _activity_document(record)
        problems += [RowProblem(number, field, message) for field, message in cell_problems]
        numbered.append((number, document))
    return CurriculumImport(_build(f"Imported from {filename}.", numbered, fw, "row", problems), notes)


def _ignored_note(headings: list[str]) -> str:
    named = headings[0] if len(headings) == 1 else f"{', '.join(headings[:-1])} and {headings[-1]}"
    noun, verb, it = ("column", "is", "it was") if len(headings) == 1 else ("columns", "are", "they were")
    return (f"The {noun} {named} {verb} not part of the curriculum, so {it} ignored; the rest of each row "
            f"was read. The columns the app reads are {', '.join(COLUMNS)}.")


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
        "prerequisites": cells.split_list(text["prerequisites"]),
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
        value, problem = cells.number(text[column], column, whole)
        if problem:
            problems.append((column, problem))
        else:
            document[column] = value
    develops, develops_problems = _developments(text["develops"])
    document["develops"] = develops
    problems += [("develops", message) for message in develops_problems]
    return document, problems


def _developments(text: str) -> tuple[list[dict[str, Any]], list[str]]:
    """Read "2.3.4:2; 3.3.1" into indicator codes with points (1 where none are given)."""
    developments: list[dict[str, Any]] = []
    problems: list[str] = []
    for part in cells.split_list(text):
        if cells.date_codes(part):
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
        for development in as_list(document.get("develops")):
            code = development.get("indicator") if isinstance(development, dict) else None
            problem = cells.code_problem(code, fw, "develops") if isinstance(code, str) else None
            if problem:
                problems.append(RowProblem(number, "develops", problem))
        level = document.get("level")
        flagged = {p.field for p in problems if p.row == number} | {f for n, f in already if n == number}
        if isinstance(level, int) and level > fw.top_level and "level" not in flagged:
            # The model allows any framework's levels; this framework's top is checked here.
            problems.append(RowProblem(number, "level", f"level must be {fw.top_level} or less; got {level}"))
    entries = [(d.get("id"), d.get("prerequisites")) for _, d in numbered]
    numbers = [n for n, _ in numbered]
    for index, field, message in reference_problems(entries, unit, numbers):
        problems.append(RowProblem(numbers[index], field, message))
    return problems


def _is_code_error(error: Mapping[str, Any]) -> bool:
    loc = error["loc"]
    return (len(loc) == 3 and loc[0] == "develops" and loc[2] == "indicator"
            and error["type"] == "value_error")


def _plain(error: Mapping[str, Any], document: dict[str, Any]) -> tuple[str, str]:
    """A pydantic error about one activity as (field, plain-English message)."""
    loc = error["loc"]
    field = str(loc[0]) if loc else ""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    shown = _shown(value)
    subject = field
    if field == "develops" and len(loc) >= 3:
        entry = as_list(document.get("develops"))[loc[1]] if isinstance(loc[1], int) else {}
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
        # Stamped with the version it was checked against, so that a later revision can flag it.
        return Curriculum(note=note, framework_version=fw.ref, activities=documents)
    except ValidationError as exc:
        # Rows were checked one by one already; this catches anything only the whole can show.
        problems = [RowProblem(None, "file", line) for line in describe_validation_error(
            exc, {"note": note, "framework_version": fw.ref.model_dump(), "activities": documents})]
        raise CurriculumImportError(problems, unit=unit) from None
