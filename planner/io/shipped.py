"""Reading the data shipped in data/: the framework, the grades, the roles, the Success Profiles behaviours
(and, through dataset.py, the samples).

Each file is validated against its model when it is read, and checked against the framework
(and the grade ladder) it refers to; a broken file raises DataFileError naming the file, the
record and the field, so whoever edited it can put it right.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from planner.domain import roles
from planner.domain.behaviours import BehaviourSet
from planner.domain.models import Framework, FrameworkRef, GradeLadder
from planner.domain.roles import Roles
from planner.errors import DataFileError
from planner.jsontext import NotJSON, parse_json

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
"""The folder of the shipped data."""

FRAMEWORK_FILE = "framework.json"
GRADES_FILE = "grades.json"
ROLES_FILE = "roles.json"
CURRICULUM_FILE = "curriculum.json"
"""The file name of the shipped sample curriculum, and of an imported one (planner.io.dataset)."""
BEHAVIOURS_FILE = "behaviours.json"
"""What the Success Profiles behaviours ask at each level, summarised in plain words."""
MAPPING_FILE = "external_frameworks.json"
"""The file name of the shipped professional bodies' mapping, and of an imported one."""

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
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataFileError(name, ["the file is missing"]) from None
    except OSError as exc:
        raise DataFileError(name, [f"it cannot be read ({exc.__class__.__name__})"]) from None
    try:
        document = parse_json(data)
    except NotJSON as exc:
        raise DataFileError(name, [f"it {exc.reason}"]) from None
    return model_from_document(document, model, name)


def model_from_document(document: object, model: type[M], name: str) -> M:
    """A JSON document validated against a model.

    Raises:
        DataFileError: it does not match the model; the message names `name`, the record and the field.
    """
    try:
        return model.model_validate(document)
    except ValidationError as exc:
        raise DataFileError(name, describe_validation_error(exc, document)) from None


def load_checked(
    path: Path, model: type[M], check: Callable[[M, Framework, str], M], fw: Framework, label: str = ""
) -> M:
    """A data file that refers to the framework: validated, then checked against the framework.

    Args:
        path: the file to read.
        model: the pydantic model the whole file must match.
        check: the domain's check of the model against the framework, such as curriculum.checked_against.
        fw: the framework it must agree with.
        label: how messages name the file; by default its name.

    Raises:
        DataFileError: naming the file (as `label`), the record and the field.
    """
    try:
        value = load_model(path, model)
    except DataFileError as exc:
        if not label:
            raise
        raise DataFileError(label, exc.problems) from None
    return check(value, fw, label or path.name)


def load_framework(data_dir: Path = DATA_DIR) -> Framework:
    """The shipped framework pack: the KIM Professional Skills Framework, word for word from its source.

    Read once per process while the file is unchanged (every page and check asks for it), and
    given as a copy, so that nothing a caller does to it reaches another.
    """
    return _read_while_unchanged(data_dir / FRAMEWORK_FILE, Framework)


def shipped_framework_ref(data_dir: Path = DATA_DIR) -> FrameworkRef:
    """Which framework and version the shipped pack is, without copying the pack (asked on every run)."""
    return _kept_while_unchanged(data_dir / FRAMEWORK_FILE, Framework).ref


def load_behaviours(data_dir: Path = DATA_DIR) -> BehaviourSet:
    """The nine Success Profiles behaviours and what each asks at each of its five levels.

    Read once per process while the file is unchanged, and given as a copy, as the framework is.

    Raises:
        DataFileError: the file is missing or broken; the message names the file, the record and the field.
    """
    return _read_while_unchanged(data_dir / BEHAVIOURS_FILE, BehaviourSet)


def shared_behaviours(data_dir: Path = DATA_DIR) -> BehaviourSet:
    """The behaviours as load_behaviours reads them, but the one copy every caller shares: never change it.

    For pages, which only show it (a copy each run cost about 4 ms).
    """
    return _kept_while_unchanged(data_dir / BEHAVIOURS_FILE, BehaviourSet)


def _read_while_unchanged(path: Path, model: type[M]) -> M:
    return _kept_while_unchanged(path, model).model_copy(deep=True)


def _kept_while_unchanged(path: Path, model: type[M]) -> M:
    # Keyed on the file's modification time and size, so an edited file is read again.
    try:
        seen = path.stat()
    except OSError:
        return load_model(path, model)  # names what is wrong with it
    value: M = _read(path, model, seen.st_mtime_ns, seen.st_size)
    return value


@functools.lru_cache(maxsize=8)
def _read(path: Path, model: type[M], _mtime_ns: int, _size: int) -> M:
    return load_model(path, model)


def load_grades(data_dir: Path = DATA_DIR) -> GradeLadder:
    """The Civil Service grade ladder with the framework's default level for each grade."""
    return load_model(data_dir / GRADES_FILE, GradeLadder)


def load_roles(fw: Framework, ladder: GradeLadder, data_dir: Path = DATA_DIR) -> Roles:
    """The roles in data/roles.json, checked against the framework and the grade ladder.

    Raises:
        DataFileError: the file is broken, or names a grade or indicator that does not exist.
    """
    return roles.checked_against(load_model(data_dir / ROLES_FILE, Roles), fw, ladder, ROLES_FILE)
