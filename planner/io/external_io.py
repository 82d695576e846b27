"""Importing a replacement mapping of the external frameworks (CSV, Excel or JSON), and its downloads.

Reading the file into rows and cells is shared with the curriculum's import (rows.py, cells.py).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from pydantic import BaseModel, ValidationError

from planner.domain.external import Area, ExternalFramework, ExternalFrameworks, FrameworkDetails
from planner.domain.models import Framework, is_indicator_code
from planner.io import cells, rows, stated
from planner.io.cells import safe_cell
from planner.io.rows import FileRefused, ImportProblems, RowProblem, Rows
from planner.io.shipped import describe_validation_error

COLUMNS: tuple[str, ...] = (
    "framework_id",
    "framework_name",
    "body",
    "area_id",
    "area_name",
    "area_description",
    "indicators",
)
"""The columns of a mapping spreadsheet, in order: one row per area."""

REQUIRED_COLUMNS: tuple[str, ...] = tuple(c for c in COLUMNS if c != "area_description")

MAX_AREAS = 2_000

# Where each model field is written in a spreadsheet row.
_FRAMEWORK_COLUMNS = {"id": "framework_id", "name": "framework_name", "body": "body"}
_AREA_COLUMNS = {"id": "area_id", "name": "area_name", "description": "area_description",
                 "indicators": "indicators"}
_FRAMEWORK_FIELDS = ("id", "name", "body", "award", "awards", "purpose", "note", "areas")
_AREA_FIELDS = ("id", "name", "description", "indicators")


class MappingImportError(ImportProblems):
    """An imported mapping has problems; every one is listed and nothing was replaced."""

    subject = "mapping"


def _fail(message: str, unit: str = "row") -> ImportProblems:
    return MappingImportError.about_file(message, unit=unit)


def parse_mapping(
    data: bytes, filename: str, fw: Framework, known: ExternalFrameworks | None = None
) -> ExternalFrameworks:
    """Read and check a replacement mapping from a CSV, Excel (.xlsx) or JSON file.

    A spreadsheet has a header row (COLUMNS) and one row per area; the framework's id, name
    and body are repeated on each of its rows, and indicators are written like "2.3.4; 3.3.1".
    JSON has the shape of data/external_frameworks.json. Nothing is kept here: the caller saves
    the result, so an invalid file never replaces anything.

    Args:
        data: the file's bytes.
        filename: the file's name; its extension says which format to expect.
        fw: the framework version in use, whose indicator codes the areas must use; the mapping is
            stamped with it.
        known: the mapping in use; a framework with the same id keeps its award and purpose
            when the file does not give them (a spreadsheet has no columns for them).

    Returns:
        The checked mapping, each framework's note saying which file it came from.

    Raises:
        MappingImportError: listing every problem found, by row (or framework) and field.
    """
    try:
        kind = rows.file_kind(data, filename)
        table = rows.read_table(data, kind) if kind != "json" else []
    except FileRefused as exc:
        raise _fail(exc.message) from None
    if kind == "json":
        try:
            document = rows.read_json(data)
        except FileRefused as exc:
            raise _fail(exc.message, unit="framework") from None
        return _parse_json(document, filename, fw, known)
    return _parse_table(table, filename, fw, known)


# --- Checking one framework or area ----------------------------------------------------------


def _model_problems(
    model: type[BaseModel], document: dict[str, Any], names: dict[str, str], fields: tuple[str, ...]
) -> list[tuple[str, str]]:
    """(field as the person wrote it, plain-English message) for each problem of one record."""
    try:
        model.model_validate(document)
    except ValidationError as exc:
        return [_plain(dict(error), names, fields) for error in exc.errors()]
    return []


def _plain(error: dict[str, Any], names: dict[str, str], fields: tuple[str, ...]) -> tuple[str, str]:
    loc = error["loc"]
    key = str(loc[0]) if loc else ""
    field = names.get(key, key)
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "extra_forbidden":
        return field, f"'{key}' is not a field here; use {', '.join(fields)}"
    if kind == "value_error":
        return field, str(ctx.get("error", error["msg"]))
    if key == "indicators" and len(loc) > 1:
        return field, f"indicator {loc[1] + 1} must be a code written as text, like 2.3.4"
    if kind == "missing" or (kind == "string_too_short" and value == ""):
        return field, f"{field} is missing"
    if kind == "too_short" and key == "indicators":
        return field, "indicators must name at least one indicator of the framework, like 2.3.4; 3.3.1"
    if kind == "too_short":
        return field, f"there must be at least one entry in {field}"
    if kind in ("string_too_long", "too_long"):
        unit = "characters" if kind == "string_too_long" else "entries"
        return field, f"{field} is too long: the most is {ctx.get('max_length')} {unit}"
    if kind == "string_pattern_mismatch":
        return field, (f"'{value}' is not a usable id: use up to 64 lower-case letters, digits and "
                       f"hyphens, like records-management")
    if kind == "string_type":
        return field, f"{field} must be text"
    if kind == "list_type":
        return field, f"{field} must be a list"
    return field, f"{field}: {error['msg']}"


def _unknown_codes(area: dict[str, Any], known_codes: set[str]) -> list[str]:
    codes = area.get("indicators")
    if not isinstance(codes, list):
        return []
    return [
        f"indicator {code} is not in the framework"
        for code in codes
        if is_indicator_code(code) and code not in known_codes
    ]


def _details(document: dict[str, Any], filename: str, known: ExternalFrameworks | None) -> dict[str, Any]:
    """A framework's details with the award and purpose carried over from the mapping in use."""
    details = {k: v for k, v in document.items() if k != "areas"}
    details.setdefault("note", f"Imported from {filename}.")
    if known is not None and isinstance(details.get("id"), str) and details["id"] in known.ids:
        earlier = known.framework(details["id"])
        details.setdefault("award", earlier.award)
        details.setdefault("awards", earlier.awards)
        details.setdefault("purpose", earlier.purpose)
    return details


# --- Spreadsheets ----------------------------------------------------------------------------


def _parse_table(table: Rows, filename: str, fw: Framework, known: ExternalFrameworks | None) -> ExternalFrameworks:
    filled = [(n, row) for n, row in table if any(c.strip() for c in row)]
    if not filled:
        raise _fail("the file has no rows: there is no header row and no areas")
    header_row, header = filled[0]
    columns = [rows.column_name(c) for c in header]
    problems = rows.header_problems(header_row, header, columns, COLUMNS, REQUIRED_COLUMNS, refuse_unknown=True)
    if problems:
        # Without the right columns every row would be wrong in the same way; say it once.
        raise MappingImportError(problems)
    body = filled[1:]
    if not body:
        raise _fail("the file has a header row but no areas below it")
    if len(body) > MAX_AREAS:
        raise _fail(f"the file has more than {MAX_AREAS} areas")
    known_codes = set(fw.codes)
    frameworks: dict[str, dict[str, Any]] = {}
    first_row: dict[str, int] = {}
    area_rows: dict[tuple[str, str], int] = {}
    for number, row in body:
        stray = rows.stray_value(row, columns)
        if stray:
            problems.append(RowProblem(number, "columns", stray))
        text = {c: "" for c in COLUMNS}
        text |= {c: rows.unescape(row[i]).strip() for i, c in enumerate(columns) if c and i < len(row)}
        details = {"id": text["framework_id"], "name": text["framework_name"], "body": text["body"]}
        area: dict[str, Any] = {
            "id": text["area_id"],
            "name": text["area_name"],
            "description": text["area_description"],
            "indicators": cells.split_list(text["indicators"]),
        }
        found = []
        framework_id = details["id"]
        if framework_id in frameworks:
            found += _consistency(frameworks[framework_id], details, first_row[framework_id])
        else:
            found += _model_problems(FrameworkDetails, details, _FRAMEWORK_COLUMNS, COLUMNS)
            if framework_id:
                frameworks[framework_id] = _details(details, filename, known) | {"areas": []}
                first_row[framework_id] = number
        found += _model_problems(Area, area, _AREA_COLUMNS, COLUMNS)
        found += [("indicators", message) for message in _unknown_codes(area, known_codes)]
        if framework_id and area["id"]:
            earlier = area_rows.setdefault((framework_id, area["id"]), number)
            if earlier != number:
                found.append(("area_id", f"the area id '{area['id']}' is already used by row {earlier} "
                                         f"for framework {framework_id}"))
        problems += [RowProblem(number, field, message) for field, message in found]
        if framework_id in frameworks:
            frameworks[framework_id]["areas"].append(area)
    return _build(list(frameworks.values()), problems, "row", fw)


def _consistency(first: dict[str, Any], details: dict[str, str], row: int) -> list[tuple[str, str]]:
    """A later row of a framework must give the same name and body as its first row."""
    problems = []
    for key, column, what in (("name", "framework_name", "name"), ("body", "body", "body")):
        if not first[key] or details[key] == first[key]:
            continue
        if not details[key]:
            problems.append((column, f"{column} is missing; write '{first[key]}' as in row {row}"))
        else:
            problems.append((column, f"framework {details['id']} has {what} '{first[key]}' in row {row}; "
                                     f"give every row of a framework the same {what}"))
    return problems


# --- JSON --------------------------------------------------------------------------------------


def _parse_json(document: Any, filename: str, fw: Framework, known: ExternalFrameworks | None) -> ExternalFrameworks:
    def fail(message: str) -> ImportProblems:
        return _fail(message, unit="framework")

    if not isinstance(document, dict) or not isinstance(document.get("frameworks"), list):
        raise fail('the file must hold an object like {"frameworks": [...]}')
    problems = [
        RowProblem(None, str(key), f"'{key}' is not a field of a mapping; use framework_version, frameworks")
        for key in document
        if key not in ("framework_version", "frameworks")
    ]
    # A note on another version of this framework has nowhere to go: the mapping is kept as the active one's.
    version_problem, _ = stated.stated_version(document.get("framework_version"), fw, "mapping")
    if version_problem:
        problems.append(RowProblem(None, "framework_version", version_problem))
    items = document["frameworks"]
    if not items:
        raise fail("the list of frameworks is empty")
    if len(items) > MAX_AREAS:
        # Each framework has an area at least; checking each of a million would take minutes.
        raise fail(f"the file has more than {MAX_AREAS} frameworks")
    area_lists = [f["areas"] for f in items if isinstance(f, dict) and isinstance(f.get("areas"), list)]
    if sum(map(len, area_lists)) > MAX_AREAS:
        raise fail(f"the file has more than {MAX_AREAS} areas")
    known_codes = set(fw.codes)
    frameworks: list[dict[str, Any]] = []
    first_seen: dict[str, int] = {}
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            problems.append(RowProblem(number, "", "each framework must be an object of fields"))
            continue
        details = _details(item, filename, known)
        found = _model_problems(FrameworkDetails, details, {}, _FRAMEWORK_FIELDS)
        framework_id = details.get("id")
        if isinstance(framework_id, str) and framework_id:
            earlier = first_seen.setdefault(framework_id, number)
            if earlier != number:
                found.append(("id", f"the framework id '{framework_id}' is already used by framework {earlier}"))
        areas = item.get("areas")
        if not isinstance(areas, list) or not areas:
            found.append(("areas", "there must be a list of areas, with at least one area"))
            areas = []
        seen_areas: dict[str, int] = {}
        for position, area in enumerate(areas, start=1):
            where = f"area {position}"
            if not isinstance(area, dict):
                found.append((where, "each area must be an object of fields"))
                continue
            area_found = _model_problems(Area, area, {}, _AREA_FIELDS)
            area_found += [("indicators", message) for message in _unknown_codes(area, known_codes)]
            if isinstance(area.get("id"), str) and area["id"]:
                earlier = seen_areas.setdefault(area["id"], position)
                if earlier != position:
                    area_found.append(("id", f"the area id '{area['id']}' is already used by area {earlier}"))
            found += [(f"{where}, {field}", message) for field, message in area_found]
        problems += [RowProblem(number, field, message) for field, message in found]
        frameworks.append(details | {"areas": areas})
    return _build(frameworks, problems, "framework", fw)


# --- Both ------------------------------------------------------------------------------------


def _build(
    frameworks: list[dict[str, Any]], problems: list[RowProblem], unit: str, fw: Framework
) -> ExternalFrameworks:
    """The mapping, or every problem found, in the order a person reads the file.

    It is stamped with the framework version it was checked against, so that a later revision can flag it.
    """
    if problems:
        raise MappingImportError(problems, unit=unit)
    document = {"framework_version": fw.ref.model_dump(mode="json"), "frameworks": frameworks}
    try:
        return ExternalFrameworks.model_validate(document)
    except ValidationError as exc:
        # Rows were checked one by one already; this catches anything only the whole can show.
        lines = describe_validation_error(exc, document)
        raise MappingImportError([RowProblem(None, "file", line) for line in lines], unit=unit) from None


# --- Downloads -------------------------------------------------------------------------------


def _csv_bytes(frameworks: list[ExternalFramework]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for f in frameworks:
        for a in f.areas:
            cells = (f.id, f.name, f.body, a.id, a.name, a.description, "; ".join(a.indicators))
            writer.writerow(safe_cell(cell) for cell in cells)
    # A byte order mark, so that Excel reads curly quotes and accents correctly.
    return out.getvalue().encode("utf-8-sig")


def mapping_csv(mapping: ExternalFrameworks) -> bytes:
    """The mapping as CSV in the import layout (one row per area), safe to open in a spreadsheet."""
    return _csv_bytes(mapping.frameworks)


_TEMPLATE = ExternalFramework(
    id="our-body-framework",
    name="Our professional body's competency framework",
    body="Our professional body",
    areas=[
        Area(id="records-management", name="Records management",
             description="Managing records through their lifecycle.", indicators=["1.2.3", "2.2.3", "3.2.1"]),
        Area(id="information-rights", name="Information rights",
             description="Freedom of information and data protection requests.", indicators=["2.3.2", "3.3.5"]),
    ],
)


def template_csv(fw: Framework | None = None) -> bytes:
    """A CSV to fill in: the header row and one example framework with two areas to overwrite.

    Args:
        fw: the framework in use: the example areas name its indicators, so the template imports as it
            is; None gives the KIM framework's.
    """
    if fw is None or _TEMPLATE.codes <= set(fw.codes):
        return _csv_bytes([_TEMPLATE])
    areas, start = [], 0
    for area in _TEMPLATE.areas:
        codes = fw.codes[start:start + len(area.indicators)]
        start += len(codes)
        areas.append(area.model_copy(update={"indicators": codes}))
    return _csv_bytes([_TEMPLATE.model_copy(update={"areas": areas})])
