"""Installing a framework pack or a crosswalk from a file (JSON, CSV or Excel), checked whole before anything is kept.

Reading a file into rows and cells is shared with the other imports (rows.py, cells.py), and a pack's
spreadsheet layout, read cell by cell, is in framework_sheets.py with the files to download; what is
here is a pack checked as a whole (numbering, codes, places), its JSON, and crosswalks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import TypeAdapter, ValidationError

from planner.domain.models import CODE_EXAMPLE, Framework, Indicator, Level, Skill, is_indicator_code
from planner.domain.versions import Crosswalk, CrosswalkEntry
from planner.io import cells, rows
from planner.io.framework_sheets import (
    COLUMNS,
    CROSSWALK_COLUMNS,
    DETAIL_FIELDS,
    DETAILS_PREFIX,
    DETAILS_SHEET,
    MAX_INDICATORS,
    PackDetails,
    code_form_problem,
    column_key,
    crosswalk_csv,
    pack_json,
    pack_sheet,
    plain_error,
    read_details_sheet,
    read_indicator_rows,
)
from planner.io.rows import FileRefused, ImportProblems, RowProblem, Rows
from planner.io.shipped import describe_validation_error

__all__ = [
    "COLUMNS", "CROSSWALK_COLUMNS", "DETAIL_FIELDS", "MAX_INDICATORS", "CrosswalkImportError", "FrameworkImportError",
    "PackDetails", "crosswalk_csv", "pack_json", "pack_sheet", "read_crosswalk", "read_pack",
]


class _NotInstalled(ImportProblems):
    def __init__(self, problems: list[RowProblem], unit: str = "row"):
        super().__init__(problems, unit)
        # A pack or a crosswalk is installed beside those already there, not in place of one.
        self.args = (str(self.args[0]).replace(" was not replaced ", " was not installed ", 1),)


class FrameworkImportError(_NotInstalled):
    """A framework pack's file has problems; every one is listed (`problems`) and nothing was installed."""

    subject = "framework"


class CrosswalkImportError(_NotInstalled):
    """A crosswalk's file has problems; every one is listed (`problems`) and nothing was installed."""

    subject = "crosswalk"


# How a pack's problems name its parts: a sheet by its columns, JSON by its fields.
_SHEET = {"unit": "row", "code": "Code", "number": "Number", "level": "Level", "skill": "Skill",
          "grade_alignment": DETAILS_PREFIX + DETAIL_FIELDS["grade_alignment"]}
_JSON = {"unit": "indicator", "code": "code", "number": "number", "level": "level", "skill": "skill",
         "grade_alignment": "grade_alignment"}


def _field_check(name: str) -> TypeAdapter[Any]:
    form: Any = Annotated[Framework.model_fields[name].annotation, Framework.model_fields[name]]
    return TypeAdapter(form)


# Each detail checked as the pack's own field is, so that its limits are written once, in the model.
_DETAIL_CHECKS = {name: _field_check(name) for name in DETAIL_FIELDS}


# --- Packs ---------------------------------------------------------------------------------


def read_pack(data: bytes, file_name: str, *, details: PackDetails | None = None) -> Framework:
    """Read and check a framework pack from a JSON, CSV or Excel (.xlsx) file.

    JSON has the shape of data/framework.json. A spreadsheet has a header row (COLUMNS, matched
    whatever their case; Level grade guide and Number may be left out) and one row per indicator, its
    level's and skill's names and descriptions repeated on each row; rows whose first cell starts with
    # are notes. A workbook's first sheet holds the rows and a sheet named Framework the details (Field
    and Value columns, fields named as DETAIL_FIELDS); a CSV holds the rows alone, and its details are
    given as `details`. Nothing is kept here: the caller installs the result.

    Args:
        data: the file's bytes.
        file_name: the file's name; its ending (.json, .csv or .xlsx) says which format to expect.
        details: the pack's details, for a CSV or a workbook without a Framework sheet (a Framework
            sheet is used before them); not used for JSON, which carries its own.

    Returns:
        The checked pack.

    Raises:
        FrameworkImportError: listing every problem found, each by row (or indicator) and column.
    """
    try:
        kind = rows.file_kind(data, file_name)
        if kind == "json":
            return _pack_from_json(rows.read_json(data))
        table = rows.read_table(data, kind)
        sheet_names, sheet_details, problems = read_details_sheet(data) if kind == "xlsx" else ([], None, [])
        if sheet_names and sheet_names[0].strip().lower() == DETAILS_SHEET.lower():
            raise FileRefused(f"the first sheet is {sheet_names[0]}; put the sheet of indicators first "
                              f"and the {DETAILS_SHEET} sheet after it")
        read = read_indicator_rows(table)
    except FileRefused as exc:
        raise FrameworkImportError.about_file(exc.message) from None
    details = sheet_details or details
    document: dict[str, Any] = {}
    if details is not None:
        document, detail_problems = _details_checked(details)
        problems += detail_problems
    elif not problems:  # else there is a Framework sheet, and its problems are listed
        problems.append(RowProblem(None, "file", (
            f"the framework's details are missing: a workbook gives them on a sheet named {DETAILS_SHEET} "
            f"(Field and Value columns); a CSV holds the indicators alone, so give them beside it")))
    problems += read.problems
    level_numbers, skill_numbers = [lv["number"] for lv in read.levels], [s["number"] for s in read.skills]
    if read.levels:  # else the header was wrong, and nothing below it was read
        problems += _pack_problems(document, level_numbers, skill_numbers, read.indicators, _SHEET)
    if read.complete:  # else a row left out would read as a gap in the numbering
        problems += _numbering_problems(level_numbers, skill_numbers, read.indicators, _SHEET)
    if problems:
        raise FrameworkImportError(_in_order(problems))
    document |= {"skills": read.skills, "levels": read.levels,
                 "indicators": [ind.model_dump() for _, ind in read.indicators]}
    try:
        return Framework.model_validate(document)
    except ValidationError as exc:
        # Each row and detail was checked already; this catches anything only the whole can show.
        raise FrameworkImportError(_file_problems(exc, document)) from None


def _details_checked(details: PackDetails) -> tuple[dict[str, Any], list[RowProblem]]:
    """The details that are right, as fields of a Framework document, and a problem for each of the others."""
    document: dict[str, Any] = {}
    problems: list[RowProblem] = []
    for name, text in details.as_text().items():
        text = rows.unescape(text.strip())
        value: Any = text
        problem = None
        if not text and Framework.model_fields[name].is_required():
            problem = "it is empty"
        elif name == "released":
            try:
                value = datetime.fromisoformat(text).date()
            except ValueError:
                problem = f"'{text}' is not a date written like 2026-11-24"
        elif name == "grade_alignment":
            value, problem = _grade_alignment(text)
        elif name == "code_form" and text:
            problem = code_form_problem(text)
        if problem is None:
            try:
                value = _DETAIL_CHECKS[name].validate_python(value)
            except ValidationError as exc:
                problem = plain_error(exc.errors()[0], name)
        if problem:
            problems.append(RowProblem(None, DETAILS_PREFIX + DETAIL_FIELDS[name], problem))
        else:
            document[name] = value.isoformat() if isinstance(value, date) else value
    return document, problems


def _grade_alignment(text: str) -> tuple[dict[str, int], str | None]:
    """Read "AA: 1; AO: 1" into levels by grade code."""
    alignment: dict[str, int] = {}
    for part in cells.split_list(text):
        grade, _, level = (p.strip() for p in part.replace("=", ":").partition(":"))
        if not grade or not level.isdigit():
            return {}, f"'{part}' is not a grade and its level, written like AA: 1; AO: 1; EO: 2"
        if grade in alignment:
            return {}, f"grade {grade} is given more than once"
        alignment[grade] = int(level)
    return alignment, None


def _pack_from_json(document: Any) -> Framework:
    if not isinstance(document, dict):
        raise FrameworkImportError.about_file(
            'the file must hold one framework pack, an object like {"id": ..., "version": ..., "indicators": '
            '[...]}', unit="indicator")
    try:
        fw = Framework.model_validate(document)
    except ValidationError as exc:
        problems = _file_problems(exc, document)
        if not any(error["loc"] for error in exc.errors()):
            # Every field is right and the pack as a whole is not: list each of its problems, not only the first.
            problems = _json_pack_problems(document) or problems
        raise FrameworkImportError(_in_order(problems), unit="indicator") from None
    gaps = _numbering_problems([lv.number for lv in fw.levels], [s.number for s in fw.skills],
                               list(enumerate(fw.indicators, start=1)), _JSON)
    if gaps:
        raise FrameworkImportError(gaps, unit="indicator")
    return fw


def _json_pack_problems(document: dict[str, Any]) -> list[RowProblem]:
    code_form = str(document.get("code_form") or "")
    form_problem = code_form_problem(code_form) if code_form else None
    problems = [RowProblem(None, "code_form", form_problem)] if form_problem else []
    level_numbers = [Level.model_validate(d).number for d in document["levels"]]
    skill_numbers = [Skill.model_validate(d).number for d in document["skills"]]
    placed = [(n, Indicator.model_validate(d)) for n, d in enumerate(document["indicators"], start=1)]
    return (problems + _pack_problems(document, level_numbers, skill_numbers, placed, _JSON)
            + _numbering_problems(level_numbers, skill_numbers, placed, _JSON))


def _pack_problems(
    document: Mapping[str, Any], level_numbers: list[int], skill_numbers: list[int],
    placed: list[tuple[int, Indicator]], names: Mapping[str, str],
) -> list[RowProblem]:
    """What is wrong with a pack as a whole: each indicator's code and place among the others, and its grade
    alignment; every problem, not only the first.

    Args:
        document: the pack's details (code_form and grade_alignment are used).
        level_numbers: the levels' numbers, in order.
        skill_numbers: the skills' numbers, in order.
        placed: (row or position, indicator) for each indicator.
        names: how problems name the unit (row or indicator) and each field.
    """
    unit = names["unit"]
    problems: list[RowProblem] = []
    code_form = str(document.get("code_form") or "")
    usable_form = bool(code_form) and code_form_problem(code_form) is None
    first_code: dict[str, int] = {}
    first_place: dict[tuple[int, int, int], int] = {}
    for position, ind in placed:
        expected = code_form.format(level=ind.level, skill=ind.skill, number=ind.number) if usable_form else ind.code
        earlier = first_code.setdefault(ind.code, position)
        if ind.code != expected:  # said first: it also says what to write, and so what a repeat should be
            problems.append(RowProblem(position, names["code"], (
                f"the code of level {ind.level}, skill {ind.skill}, number {ind.number} is {expected} "
                f"(codes are written {code_form}), not {ind.code}")))
        elif earlier != position:
            problems.append(RowProblem(position, names["code"], f"{ind.code} is also the code of {unit} {earlier}"))
        earlier = first_place.setdefault((ind.level, ind.skill, ind.number), position)
        if earlier != position:
            problems.append(RowProblem(position, names["number"], (
                f"level {ind.level}, skill {ind.skill} already has an indicator numbered {ind.number} "
                f"({unit} {earlier})")))
        for noun, value, numbers in (("level", ind.level, level_numbers), ("skill", ind.skill, skill_numbers)):
            if value not in numbers:
                problems.append(RowProblem(position, names[noun], f"there is no {noun} {value} in the framework"))
    top = max(level_numbers, default=0)
    alignment = document.get("grade_alignment")
    for grade, level in (alignment.items() if isinstance(alignment, dict) else ()):
        if not 1 <= level <= top:
            problems.append(RowProblem(None, names["grade_alignment"], (
                f"grade {grade} is aligned with level {level}, but the levels run from 1 to {top}")))
    return problems


def _numbering_problems(
    level_numbers: list[int], skill_numbers: list[int], placed: list[tuple[int, Indicator]], names: Mapping[str, str],
) -> list[RowProblem]:
    """A problem for the levels, the skills, and each level and skill's indicators, unless numbered 1, 2, 3...
    with none left out."""
    problems = [
        RowProblem(None, names[noun], f"{noun}s are numbered from 1 with none left out, but here they are {numbers}")
        for noun, numbers in (("level", level_numbers), ("skill", skill_numbers))
        if numbers != list(range(1, len(numbers) + 1))
    ]
    numbers: dict[tuple[int, int], set[int]] = defaultdict(set)
    for _, ind in placed:
        numbers[ind.level, ind.skill].add(ind.number)
    for (level, skill), found in sorted(numbers.items()):
        missing = sorted(set(range(1, max(found) + 1)) - found)
        if missing:
            several = len(missing) > 1
            problems.append(RowProblem(None, names["number"], (
                f"the indicators of level {level}, skill {skill} are numbered {', '.join(map(str, sorted(found)))}: "
                f"number{'s' * several} {', '.join(map(str, missing))} {'are' if several else 'is'} missing")))
    return problems


def _file_problems(exc: ValidationError, document: Any) -> list[RowProblem]:
    return [RowProblem(None, "file", line) for line in describe_validation_error(exc, document)]


def _in_order(problems: list[RowProblem]) -> list[RowProblem]:
    # The file's and its details' problems first, then row by row in the order they were found.
    return sorted(problems, key=lambda p: (p.row is not None, p.row or 0))


# --- Crosswalks ----------------------------------------------------------------------------


_CROSSWALK_KEYS = {column_key(h): h for h in CROSSWALK_COLUMNS}


def read_crosswalk(data: bytes, file_name: str, old: Framework, new: Framework) -> Crosswalk:
    """Read and check a crosswalk from one version of a framework to another, from JSON, CSV or Excel.

    JSON has the shape of the Crosswalk model. A spreadsheet has the columns Old code, New codes (codes
    separated by commas or semicolons; empty when the old indicator was retired) and optionally Note, one
    row per old indicator.

    Args:
        data: the file's bytes.
        file_name: the file's name; its ending (.json, .csv or .xlsx) says which format to expect.
        old: the version the ratings are carried from; every old code must be one of its codes.
        new: the version they are carried to; every new code must be one of its codes.

    Returns:
        The checked crosswalk.

    Raises:
        CrosswalkImportError: listing every problem found, each by row (or entry) and column.
    """
    if old.ref == new.ref:
        raise CrosswalkImportError.about_file(
            f"a crosswalk goes from one version to another, and both here are {old.label}")
    try:
        kind = rows.file_kind(data, file_name)
        if kind == "json":
            return _crosswalk_from_json(rows.read_json(data), old, new)
        table = rows.read_table(data, kind)
    except FileRefused as exc:
        raise CrosswalkImportError.about_file(exc.message) from None
    return _crosswalk_from_table(table, old, new)


def _crosswalk_from_table(table: Rows, old: Framework, new: Framework) -> Crosswalk:
    filled = rows.filled_rows(table)
    if not filled:
        raise CrosswalkImportError.about_file("the file has no rows: there is no header row and no entries")
    header_row, header = filled[0]
    columns = [column_key(h) for h in header]
    problems = rows.header_problems(header_row, header, columns, _CROSSWALK_KEYS, ["old code", "new codes"],
                                    refuse_unknown=True)
    if problems:
        raise CrosswalkImportError(problems)
    entries: list[tuple[int, CrosswalkEntry]] = []
    olds, news = _Codes(old), _Codes(new)
    for row_number, cells_read in filled[1:]:
        stray = rows.stray_value(cells_read, columns)
        if stray:
            problems.append(RowProblem(row_number, "columns", stray))
        text = {key: rows.unescape(cells_read[i]).strip() if i < len(cells_read) else ""
                for i, key in enumerate(columns) if key in _CROSSWALK_KEYS}
        new_codes = cells.split_list(text["new codes"])
        found = {column: problem for column, problem in (("Old code", _code_problem(text["old code"], olds)),
                                                         ("New codes", _codes_problem(new_codes, news))) if problem}
        if not found:
            try:
                entries.append((row_number, CrosswalkEntry(old=text["old code"], new=new_codes,
                                                           note=text.get("note", ""))))
            except ValidationError as exc:
                found["Note"] = plain_error(exc.errors()[0])  # the codes are the packs' own: only the note is left
        problems += [RowProblem(row_number, column, message) for column, message in found.items()]
    problems += _repeated_olds(entries, "row", "Old code")
    if problems:
        raise CrosswalkImportError(_in_order(problems))
    document = {"from_version": old.ref, "to_version": new.ref, "entries": [e for _, e in entries]}
    try:
        return Crosswalk.model_validate(document)
    except ValidationError as exc:
        raise CrosswalkImportError(_file_problems(exc, document)) from None


def _crosswalk_from_json(document: Any, old: Framework, new: Framework) -> Crosswalk:
    if not isinstance(document, dict):
        raise CrosswalkImportError.about_file(
            'the file must hold one crosswalk, an object like {"from_version": ..., "to_version": ..., '
            '"entries": [...]}', unit="entry")
    try:
        crosswalk = Crosswalk.model_validate(document)
    except ValidationError as exc:
        problems = _file_problems(exc, document)
        if not any(error["loc"] for error in exc.errors()):
            # The fields are right and the whole is not (an old code given twice): say where.
            entries = [CrosswalkEntry.model_validate(e) for e in document["entries"]]
            problems = _repeated_olds(list(enumerate(entries, start=1)), "entry", "old") or problems
        raise CrosswalkImportError(problems, unit="entry") from None
    problems = [
        RowProblem(None, name, f"the crosswalk goes {direction} {given.key}, but the version here is {fw.ref.key}")
        for name, direction, given, fw in (("from_version", "from", crosswalk.from_version, old),
                                           ("to_version", "to", crosswalk.to_version, new))
        if given != fw.ref
    ]
    olds, news = _Codes(old), _Codes(new)
    for position, entry in enumerate(crosswalk.entries, start=1):
        for name, problem in (("old", _code_problem(entry.old, olds)), ("new", _codes_problem(entry.new, news))):
            if problem:
                problems.append(RowProblem(position, name, problem))
    if problems:
        raise CrosswalkImportError(problems, unit="entry")
    return crosswalk


class _Codes:
    """A pack's codes, gathered once for the rows of a file."""

    def __init__(self, fw: Framework):
        self.fw = fw
        self.codes = frozenset(fw.codes)


def _code_problem(text: str, pack: _Codes) -> str | None:
    """What is wrong with a code that must be one of a pack's, in words that say what to do; None if nothing."""
    fw, codes = pack.fw, pack.codes
    if text in codes:
        return None
    if not text:
        return "it is empty"
    dated = [c for c in cells.date_codes(text) if c in codes]
    if dated:
        return f"Excel changed {dated[0]} into a date ('{text}'); format the column as Text, then type {dated[0]} again"
    if not is_indicator_code(text):
        return f"'{text}' is not an indicator code like {CODE_EXAMPLE}"
    return f"there is no indicator {text} in {fw.label}"


def _codes_problem(texts: list[str], pack: _Codes) -> str | None:
    """What is wrong with each of several codes that must be a pack's, in one sentence; None if nothing."""
    return "; ".join(p for p in (_code_problem(text, pack) for text in texts) if p) or None


def _repeated_olds(entries: list[tuple[int, CrosswalkEntry]], unit: str, name: str) -> list[RowProblem]:
    first: dict[str, int] = {}
    problems = []
    for position, entry in entries:
        earlier = first.setdefault(entry.old, position)
        if earlier != position:
            problems.append(RowProblem(position, name, (
                f"{entry.old} is also in {unit} {earlier}: give each old indicator one {unit}")))
    return problems
