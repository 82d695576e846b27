"""Importing replacement roles from JSON, checked whole against the framework in use before anything is replaced.

The roles (what each role asks at each grade, and the moves people make between them) are written
for one framework: their levels are levels of its skills, their key indicators its codes. The
shipped data/roles.json is written for the KIM framework; a profession that uses another framework
imports roles written for it. A file has the shape of data/roles.json, optionally naming the
framework version it was written for ("framework_version"); whatever it names, it is checked
against the version in use and kept as written for that version, so that a later revision can flag it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from planner.domain import roles as roles_module
from planner.domain.models import Framework, GradeLadder
from planner.domain.roles import Roles
from planner.errors import DataFileError
from planner.io import rows, stated
from planner.io.rows import FileRefused, ImportProblems, RowProblem
from planner.io.shipped import describe_validation_error

MAX_ROLES = 500

_FIELDS = ("note", "framework_version", "roles")


@dataclass(frozen=True)
class RolesImport:
    """Checked roles and what a lead should know about how their file was read."""

    roles: Roles
    notes: tuple[str, ...] = ()


class RolesImportError(ImportProblems):
    """An imported roles file has problems; every one is listed and nothing was replaced."""

    subject = "set of roles"


def read_roles(data: bytes, filename: str, fw: Framework, ladder: GradeLadder) -> RolesImport:
    """Read and check a replacement set of roles from a JSON file shaped like data/roles.json.

    Nothing is kept here: the caller saves the result, so an invalid file never replaces anything.

    Args:
        data: the file's bytes.
        filename: the file's name; it must be a .json file.
        fw: the framework version in use: every role's levels must be levels of its skills, and
            every key indicator one of its codes. The roles are stamped with this version.
        ladder: the grade ladder every grade the roles name must be on.

    Returns:
        The checked roles, and notes such as "written for another version of this framework".

    Raises:
        RolesImportError: listing every problem found, by role, grade and field.
    """
    if not filename.lower().endswith(".json"):
        raise RolesImportError.about_file(
            "roles are imported as JSON, in the shape of the roles file you can download here", unit="role")
    try:
        document = rows.read_json(data)
    except FileRefused as exc:
        raise RolesImportError.about_file(exc.message, unit="role") from None
    if not isinstance(document, dict) or not isinstance(document.get("roles"), list):
        raise RolesImportError.about_file('the file must hold an object like {"note": ..., "roles": [...]}',
                                          unit="role")
    if len(document["roles"]) > MAX_ROLES:
        raise RolesImportError.about_file(f"the file has more than {MAX_ROLES} roles", unit="role")
    problems = [
        RowProblem(None, str(key), f"'{key}' is not a field of a roles file; use {', '.join(_FIELDS)}")
        for key in document
        if key not in _FIELDS
    ]
    version_problem, version_note = stated.stated_version(document.get("framework_version"), fw, "set of roles")
    if version_problem:
        problems.append(RowProblem(None, "framework_version", version_problem))
    stamped: dict[str, Any] = {
        "note": document.get("note", f"Imported from {filename}."),
        "framework_version": fw.ref.model_dump(mode="json"),
        "roles": document["roles"],
    }
    try:
        checked = roles_module.checked_against(Roles.model_validate(stamped), fw, ladder, filename)
    except ValidationError as exc:
        problems += [RowProblem(None, "", line) for line in describe_validation_error(exc, stamped)]
    except DataFileError as exc:
        problems += [RowProblem(None, "", line) for line in exc.problems]
    if problems:
        raise RolesImportError(problems, unit="role")
    return RolesImport(checked, (version_note,) if version_note else ())


def roles_json(roles: Roles) -> bytes:
    """The roles as the JSON file a lead edits and imports again."""
    return (json.dumps(roles.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
