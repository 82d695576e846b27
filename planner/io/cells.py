"""One spreadsheet cell: written so a spreadsheet never runs it, and read back as a person typed it
(a number, a list, an indicator code, or one Excel turned into a date)."""

from __future__ import annotations

import math
import re

from planner.domain.models import CODE_EXAMPLE, Framework, is_indicator_code

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet may run a cell that starts with one of these as a formula."""

def safe_cell(value: str) -> str:
    """Text that a spreadsheet shows as text, never runs as a formula.

    Args:
        value: the text of one cell.

    Returns:
        The text with a single quote in front if it starts with =, +, -, @, a tab or a
        carriage return (the quote tells Excel and LibreOffice the cell is text); otherwise
        the text unchanged.
    """
    value = "" if value is None else str(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


LIST_SEPARATORS = re.compile(r"[;,\n]+")
"""What separates the entries of a list in one cell: semicolons, commas or new lines."""

# What Excel writes for a code such as 1.2.3 that it read as a date: 2003-02-01 (with a time in
# a workbook), or 01/02/2003 in a CSV it saved.
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00)?)?$")
_SLASH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})$")


def split_list(text: str) -> list[str]:
    """The entries of a list typed in one cell, such as "a; b, c", without blanks."""
    return [part.strip() for part in LIST_SEPARATORS.split(text) if part.strip()]


def number(text: str, column: str, whole: bool) -> tuple[float | int | None, str | None]:
    """A number typed in a cell (a pound sign and thousands commas allowed), or None and the problem."""
    cleaned = text.replace("£", "").replace(",", "").strip()
    kind = "a whole number" if whole else "a number"
    try:
        value = float(cleaned)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or (whole and not value.is_integer()):
        return None, f"{column} must be {kind}; got '{text}'"
    return (int(value) if whole else value), None


def code_problem(text: str, fw: Framework, column: str) -> str | None:
    """What is wrong with an indicator code a person wrote, in words that say what to do.

    Args:
        text: the code as read from the file.
        fw: the framework whose indicator codes are allowed.
        column: the column or field the code is in, named in the advice about dates.

    Returns:
        None for a code of the framework; otherwise the problem: a code Excel changed into a
        date, a well-formed code that the framework does not have, or text that is no code.
    """
    text = text.strip()
    known_codes = set(fw.codes)
    if text in known_codes:
        return None
    dated = date_codes(text)
    if dated:
        code = next((c for c in dated if c in known_codes), dated[0])
        return (f"Excel changed {code} into a date ('{text}'); format the {column} column as Text, "
                f"then type {code} again")
    if is_indicator_code(text):
        return f"there is no indicator {text} in the framework: {how_codes_are_written(fw)}"
    return f"'{text}' is not an indicator code like {CODE_EXAMPLE}"


def how_codes_are_written(fw: Framework) -> str:
    """A sentence on how the framework's codes are written, such as "codes are level.skill.number,
    with levels 1 to 4 and skills 1 to 3", or "codes are written like DM-1-1" for a pack with no rule."""
    levels, skills = _span(1, fw.top_level), _span(1, len(fw.skills))
    if fw.code_form:
        form = fw.code_form.replace("{level}", "level").replace("{skill}", "skill").replace("{number}", "number")
        return f"codes are {form}, with levels {levels} and skills {skills}"
    return f"codes are written like {fw.codes[0]}, with levels {levels} and skills {skills}"


def _span(first: int, last: int) -> str:
    return f"{first} to {last}" if last > first else str(first)


def date_codes(text: str) -> list[str]:
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
    return list(dict.fromkeys(code for code in readings if is_indicator_code(code)))
