"""Loading and validating the shipped reference data in data/ (framework, grades)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from planner.domain.models import Framework, GradeLadder, Indicator, Settings
from planner.errors import DataFileError

DATA_DIR = Path(__file__).resolve().parents[2] / "data"

M = TypeVar("M", bound=BaseModel)


def describe_validation_error(error: ValidationError, document: Any) -> list[str]:
    """Turn a pydantic error into lines that name the record and the field in plain English.

    Args:
        error: the error pydantic raised.
        document: the parsed document that failed, used to name records by their code or id.

    Returns:
        One line per problem, such as "record indicators[12] (2.3.4), field 'statement': ...".
    """
    problems = []
    for item in error.errors():
        loc = list(item["loc"])
        record, field = _record_and_field(loc, document)
        message = item["msg"]
        if message.startswith("Value error, "):
            message = message[len("Value error, ") :]
        where = f"record {record}" if record else "the file as a whole"
        if field:
            where += f", field '{field}'"
        problems.append(f"{where}: {message}")
    return problems


def _record_and_field(loc: list[Any], document: Any) -> tuple[str, str]:
    """Split a pydantic location such as ('indicators', 12, 'statement') into record and field."""
    for i, part in enumerate(loc):
        if isinstance(part, int):
            collection = ".".join(str(p) for p in loc[:i])
            record = f"{collection}[{part}]"
            name = _record_name(document, loc[: i + 1])
            if name:
                record += f" ({name})"
            return record, ".".join(str(p) for p in loc[i + 1 :])
    return "", ".".join(str(p) for p in loc)


def _record_name(document: Any, path: list[Any]) -> str:
    node = document
    try:
        for part in path:
            node = node[part]
    except (KeyError, IndexError, TypeError):
        return ""
    if isinstance(node, dict):
        for key in ("code", "id", "title", "name"):
            if isinstance(node.get(key), (str, int)):
                return str(node[key])
    return ""


def load_model(path: Path, model: type[M]) -> M:
    """Read a JSON data file and validate it against a model.

    Args:
        path: the file to read.
        model: the pydantic model the whole file must match.

    Returns:
        The validated model.

    Raises:
        DataFileError: the file is missing, is not valid JSON, or does not match the model;
            the message names the file, the record and the field.
    """
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(name, ["the file is missing"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(name, [f"it cannot be read ({exc.__class__.__name__})"]) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFileError(
            name, [f"it is not valid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg})"]
        ) from None
    try:
        return model.model_validate(document)
    except ValidationError as exc:
        raise DataFileError(name, describe_validation_error(exc, document)) from None


def load_framework(data_dir: Path = DATA_DIR) -> Framework:
    """The KIM Professional Skills Framework: 3 skills, 4 levels, 54 indicators."""
    return load_model(data_dir / "framework.json", Framework)


def load_grades(data_dir: Path = DATA_DIR) -> GradeLadder:
    """The Civil Service grade ladder with the framework's default level for each grade."""
    return load_model(data_dir / "grades.json", GradeLadder)


def grade_levels(ladder: GradeLadder, settings: Settings | None) -> dict[str, int]:
    """The level expected at each grade: the saved mapping where there is one, else the default.

    Args:
        ladder: the grade ladder, which holds the framework's default alignment.
        settings: the saved settings, or None when nothing has been saved yet.

    Returns:
        A level (1-4) for every grade on the ladder, in ladder order.
    """
    saved = settings.grade_levels if settings else {}
    return {g.code: saved.get(g.code, g.default_level) for g in ladder.grades}


def search_indicators(fw: Framework, query: str) -> list[Indicator]:
    """Indicators whose code or statement matches every word of a query.

    A word made of digits and dots (such as "2.3" or "2.3.4") matches codes that start with
    it; any other word matches statements, ignoring case. An empty query matches everything.

    Args:
        fw: the framework to search.
        query: what the person typed.

    Returns:
        The matching indicators in framework order.
    """
    words = query.lower().split()
    code_words = [w.rstrip(".") for w in words if _CODE_PREFIX.match(w)]
    text_words = [w for w in words if not _CODE_PREFIX.match(w)]
    return [
        ind
        for ind in fw.indicators
        if all(ind.code == w or ind.code.startswith(w + ".") for w in code_words)
        and all(w in ind.statement.lower() for w in text_words)
    ]


_CODE_PREFIX = re.compile(r"^[1-4](\.[1-9]){0,2}\.?$")
