"""A person's whole plan and assessments as one JSON file, and importing it again losslessly."""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import BaseModel

from planner import store
from planner.domain.models import SCHEMA_VERSION, Assessment, Draft, PlanItem, Profile
from planner.domain.wording import long_date
from planner.errors import NewerVersionError, PlannerError, StoreError
from planner.io import uploads
from planner.store.documents import from_document, to_document

FORMAT = "kim-pathways-bundle"
# Two computers' clocks may differ a little; a time further ahead than this is not a real one.
CLOCK_DIFFERENCE = timedelta(minutes=10)

_NOT_OURS = "The file is not a KIM Pathways plan file"
_RECORD_LISTS: dict[str, tuple[type[BaseModel], str]] = {
    "assessments": (Assessment, "assessment"),
    "plan_items": (PlanItem, "plan item"),
}


@dataclass(frozen=True)
class Bundle:
    """The records of one person read from a plan file, checked and ready to import."""

    profile: Profile
    assessments: list[Assessment] = field(default_factory=list)
    plan_items: list[PlanItem] = field(default_factory=list)
    draft: Draft | None = None
    exported_at: datetime | None = None


# --- Export ----------------------------------------------------------------------------------


def export_bundle(
    profile: Profile,
    assessments: list[Assessment],
    items: list[PlanItem],
    now: datetime,
    draft: Draft | None = None,
) -> bytes:
    """A person's profile, assessments, plan and draft as one JSON file the app can import.

    Args:
        profile: the person.
        assessments: their assessment snapshots.
        items: their plan items.
        now: the time of the export.
        draft: their ratings in progress, if any.

    Returns:
        UTF-8 JSON bytes: {"format", "schema_version", "exported_at", "profile",
        "assessments", "plan_items", "draft"}, each record as the store keeps it.
    """
    document = {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "exported_at": now.isoformat(),
        "profile": to_document(profile),
        "assessments": [to_document(a) for a in assessments],
        "plan_items": [to_document(i) for i in items],
        "draft": to_document(draft) if draft is not None else None,
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


# --- Reading ---------------------------------------------------------------------------------


def open_document(data: bytes, expected_format: str, not_ours: str, holds: str) -> dict[str, Any]:
    """Parse a KIM Pathways JSON file and check its kind and version, before reading its records.

    Args:
        data: the file's bytes.
        expected_format: the value its "format" field must have.
        not_ours: the start of the message for a file of another kind, such as
            "The file is not a KIM Pathways plan file".
        holds: what such a file holds, such as "plan", for messages.

    Returns:
        The parsed JSON object.

    Raises:
        PlannerError: the file is empty, not UTF-8, not JSON, of another kind or from a newer version.
    """
    try:
        document = uploads.read_json(data)
    except uploads.UploadEmpty:
        raise PlannerError("The file is empty. Choose the .json file that KIM Pathways exported.") from None
    except uploads.UploadTooLarge:
        raise
    except uploads.UploadError as exc:
        raise PlannerError(f"{not_ours}: it {exc.reason}.") from None
    if not isinstance(document, dict):
        raise PlannerError(f"{not_ours}: it holds no {holds}.")
    kind = document.get("format")
    if kind is None:
        raise PlannerError(f"{not_ours}: it does not say what it holds (no \"format\" field).")
    if kind != expected_format:
        raise PlannerError(f"{not_ours}: it is a file of another kind (\"{_short(kind)}\").")
    version = document.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise PlannerError(f"{not_ours}: its format version is missing or not a whole number.")
    if version > SCHEMA_VERSION:
        raise PlannerError(
            f"This file was made by a newer version of KIM Pathways (format version {version}). "
            f"This version reads version {SCHEMA_VERSION} and earlier. Update the app, then "
            f"import it again."
        )
    return document


def exported_at(document: Mapping[str, Any]) -> datetime | None:
    """When the file says it was exported, or None if it does not say clearly."""
    value = document.get("exported_at")
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def read_bundle(data: bytes, *, grades: Collection[str] | None = None, now: datetime | None = None) -> Bundle:
    """Read and check a plan file, without saving anything.

    Args:
        data: the file's bytes.
        grades: the grade codes of this installation's ladder; the profile's grades must be among
            them, or the pages that plan from a grade could not work. Required when the records
            are to be saved (import_plan); a share file only read by a mentor or lead may skip it.
        now: the time of reading; no record may have been made or changed later than this
            (give or take CLOCK_DIFFERENCE), since a time in the future would win every later
            merge. Required, like grades, when the records are to be saved.

    Returns:
        The person's records, every one checked.

    Raises:
        PlannerError: the file is empty, not UTF-8 text, not JSON, not a KIM Pathways plan
            file, from a newer version of the app, or has a record that is not valid,
            belongs to another person, has a grade this installation does not have, or has a
            time in the future. The message names the record and the field.
    """
    document = open_document(data, FORMAT, _NOT_OURS, "plan")
    profile_doc = document.get("profile")
    if not isinstance(profile_doc, dict):
        raise PlannerError(f"{_NOT_OURS}: it has no profile.")
    profile = _record(Profile, profile_doc, "the profile")
    try:
        store.check_profile_id(profile.id)
    except StoreError as exc:
        raise PlannerError(f"The profile in the file cannot be imported: {exc}") from None
    if grades is not None:
        _known_grades(profile, grades)
    latest = moment(now) + CLOCK_DIFFERENCE if now is not None else None
    _not_in_future(profile, "the profile", latest)
    stamp = exported_at(document)
    if latest is not None and stamp is not None and stamp > latest:
        raise PlannerError(
            f"The file cannot be imported: the file says it was exported in the future "
            f"({long_date(stamp.date())}). Export it again on a computer whose clock is right."
        )

    lists: dict[str, list[Any]] = {}
    for key, (model_cls, noun) in _RECORD_LISTS.items():
        docs = document.get(key, [])
        if not isinstance(docs, list):
            raise PlannerError(f"The file has a problem: its {noun}s are not a list.")
        records = []
        seen: dict[str, int] = {}
        for number, doc in enumerate(docs, start=1):
            name = f"{noun} {number}"
            if not isinstance(doc, dict):
                raise PlannerError(f"The file has a problem in {name}: it is not a record.")
            record = _record(model_cls, doc, name)
            _same_person(record, profile, name)
            _not_in_future(record, name, latest)
            if record.id in seen:
                raise PlannerError(
                    f"The file has a problem in {name}: it has the same id as {noun} {seen[record.id]}."
                )
            seen[record.id] = number
            records.append(record)
        lists[key] = records

    draft = None
    draft_doc = document.get("draft")
    if draft_doc is not None:
        if not isinstance(draft_doc, dict):
            raise PlannerError("The file has a problem in the draft: it is not a record.")
        draft = _record(Draft, draft_doc, "the draft")
        _same_person(draft, profile, "the draft")
        _not_in_future(draft, "the draft", latest)
    return Bundle(profile=profile, assessments=lists["assessments"], plan_items=lists["plan_items"],
                  draft=draft, exported_at=stamp)


def _known_grades(profile: Profile, grades: Collection[str]) -> None:
    for grade in (profile.current_grade, profile.target_grade):
        if grade is not None and grade not in grades:
            raise PlannerError(
                f"The profile in the file has the grade \"{_short(grade)}\", which this installation "
                f"does not have (its grades are {', '.join(grades)}). The file may come from an "
                f"installation with other grades: ask its owner to choose one of these grades, "
                f"export it again, and import that file."
            )


def _not_in_future(record: BaseModel, name: str, latest: datetime | None) -> None:
    if latest is None:
        return
    for field_name in ("created_at", "updated_at"):
        when = getattr(record, field_name, None)
        if isinstance(when, datetime) and moment(when) > latest:
            raise PlannerError(
                f"The file cannot be imported: {name} has a time in the future "
                f"({long_date(moment(when).date())}, field '{field_name}'). Times in a plan file "
                f"must be in the past; export it again on a computer whose clock is right."
            )
    taken_on = getattr(record, "taken_on", None)
    if taken_on is not None and taken_on > latest.date():
        raise PlannerError(
            f"The file cannot be imported: {name} has a date in the future ({long_date(taken_on)}, "
            f"field 'taken_on'). Export it again on a computer whose clock is right."
        )


def _record(model_cls: type[BaseModel], doc: Mapping[str, Any], name: str) -> Any:
    try:
        return from_document(model_cls, doc)
    except NewerVersionError:
        raise PlannerError(
            f"The file has a problem in {name}: it was made by a newer version of KIM Pathways. "
            f"Update the app, then import it again."
        ) from None
    except StoreError as exc:
        raise PlannerError(f"The file has a problem in {name}{_field_problem(exc)}.") from None


def _field_problem(exc: StoreError) -> str:
    # from_document keeps pydantic's error as the cause: name the first field it found wrong.
    cause = exc.__cause__
    errors_of = getattr(cause, "errors", None)
    errors = errors_of() if callable(errors_of) else []
    if not errors:
        return f": {exc}"
    first = errors[0]
    where = ".".join(str(part) for part in first.get("loc", ()))
    message = first.get("msg", "is not valid")
    if first.get("type") == "extra_forbidden":
        message = "this field is not one KIM Pathways knows"
    elif first.get("type") == "missing":
        message = "this field is missing"
    more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
    return f", field '{where}': {message}{more}"


def _same_person(record: Any, profile: Profile, name: str) -> None:
    if record.profile_id != profile.id:
        raise PlannerError(
            f"The file has a problem in {name}: it belongs to another person (profile id "
            f"{_short(record.profile_id)}), not to {profile.name} (profile id {profile.id})."
        )


def moment(value: datetime) -> datetime:
    """A time from a plan file, with its zone; a hand-edited file may hold times without one, taken as UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def _short(value: Any, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
