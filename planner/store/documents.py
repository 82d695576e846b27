"""Saved documents and the models they hold: the one place one becomes the other.

Also what is wrong with a document that does not fit its model, so a store can leave it out of
listings and say so, instead of refusing all of a person's records for one spoilt one.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar, cast

from pydantic import BaseModel, ValidationError

from planner.bulk import without_cyclic_collection
from planner.domain.models import (
    SCHEMA_VERSION,
    AccessRecord,
    Assessment,
    BehaviourExample,
    Conversation,
    ConversationDraft,
    CpdEntry,
    DeletionNote,
    Draft,
    JobSpec,
    JobSpecDraft,
    LineManagement,
    Mentee,
    MentorFileImport,
    MentorRating,
    Mentorship,
    PdpDetails,
    PlanItem,
    PlanItemDraft,
    PlanSignOff,
    ProposedAction,
    RevalidationStatement,
    Team,
    TeamMember,
    ValidatedRatings,
    utc_now,
)
from planner.errors import NewerVersionError, StoreError, describe_invalid

M = TypeVar("M", bound=BaseModel)

PERSON_TABLES: dict[type[BaseModel], str] = {
    Assessment: "assessments",
    Draft: "drafts",
    PlanItem: "plan_items",
    PlanItemDraft: "plan_item_drafts",
    Mentee: "mentees",
    MentorRating: "mentor_ratings",
    Conversation: "conversations",
    MentorFileImport: "mentor_file_imports",
    JobSpecDraft: "jobspec_drafts",
    ConversationDraft: "conversation_drafts",
    AccessRecord: "access_records",
    ProposedAction: "proposed_actions",
    CpdEntry: "cpd_entries",
    RevalidationStatement: "revalidation_statements",
    BehaviourExample: "behaviour_examples",
    PdpDetails: "pdp_details",
    ValidatedRatings: "validated_ratings",
    PlanSignOff: "plan_sign_offs",
    JobSpec: "job_specs",
}
"""Every kind of per-person record and the table it lives in. Add a kind here and nothing else."""

SHARED_TABLES: dict[type[BaseModel], str] = {
    Mentorship: "mentorships",
    Team: "teams",
    TeamMember: "team_members",
    DeletionNote: "deletions",
    LineManagement: "line_managements",
}
"""Records that belong to no one person (consents between two people, teams, notes of deletions),
kept apart from everyone's own file, and the table each lives in."""


def shared_table_for(model_cls: type[BaseModel]) -> str:
    """The table of a kind of shared record.

    Raises:
        ValueError: It is not a kind of shared record.
    """
    try:
        return SHARED_TABLES[model_cls]
    except KeyError:
        raise ValueError(f"{model_cls.__name__} is not a kind of shared record") from None

PROFILE_TABLE = "profile"
"""The table of a person's file that holds their profile (one document)."""


class _PersonRecord(Protocol):
    id: str
    profile_id: str


def owner_and_id(record: BaseModel) -> tuple[str, str]:
    """Whose record it is and its own id: (profile id, record id).

    Raises:
        ValueError: The record is not a kind the store keeps.
    """
    table_for(type(record))
    kept = cast(_PersonRecord, record)  # every kind in PERSON_TABLES has both fields
    return kept.profile_id, kept.id


def one_person(records: Iterable[BaseModel]) -> str:
    """The one person all these records belong to (there must be at least one record).

    Raises:
        ValueError: They belong to more than one person, or one is not a kind the store keeps.
    """
    people = {owner_and_id(record)[0] for record in records}
    if len(people) != 1:
        raise ValueError("put_many saves the records of one person at a time")
    return people.pop()


def to_document(model: BaseModel) -> dict[str, Any]:
    """A model as the JSON-ready document that is stored."""
    return model.model_dump(mode="json")


def from_document(model_cls: type[M], doc: Mapping[str, Any]) -> M:
    """A stored document as a model.

    Raises:
        NewerVersionError: The document was written by a newer version of the app.
        StoreError: The document does not fit the model.
    """
    refuse_newer(doc, kind_name(model_cls))
    try:
        return model_cls.model_validate(doc)
    except ValidationError as exc:
        # Not framework.describe_validation_error: that one speaks of files and their records.
        problems = "; ".join(
            f"field '{'.'.join(str(part) for part in error['loc'])}': {error['msg']}"
            for error in exc.errors()[:3]
        )
        raise StoreError(f"A saved {kind_name(model_cls)} could not be read: {problems}.") from exc


@dataclass(frozen=True)
class UnreadableRecord:
    """A saved record of a person that does not fit its model: left out of listings until set aside.

    Attributes:
        kind: What it is, in words ("plan item").
        table: The table it is kept in.
        key: Where it is kept in that table (what `set_aside_record` moves).
        record_id: Its id, or None when the id itself is missing or not text.
        reason: What is wrong with it, in plain English.
    """

    kind: str
    table: str
    key: str
    record_id: str | None
    reason: str

    def describe(self) -> str:
        """A sentence for the person whose record it is."""
        which = f"id {self.record_id}" if self.record_id else "it has no id"
        return (
            f"One of your saved {self.kind}s ({which}) could not be read, so it is left out of "
            f"what you see: {self.reason} Setting it aside moves it, exactly as it was saved, to "
            f"a file beside your saved data, so nothing is deleted."
        )


def unreadable_record(model_cls: type[BaseModel], key: str, doc: Mapping[str, Any]) -> UnreadableRecord | None:
    """What is wrong with a stored document of a person, or None when it reads as its model.

    A document saved by a newer version is not unreadable: this version refuses it on reading
    (NewerVersionError) and it must not be set aside.
    """
    version = doc.get("schema_version")
    if isinstance(version, int) and version > SCHEMA_VERSION:
        return None
    try:
        model_cls.model_validate(doc)
    except ValidationError as exc:
        record_id = doc.get("id")
        return UnreadableRecord(
            kind=kind_name(model_cls),
            table=table_for(model_cls),
            key=key,
            record_id=record_id if isinstance(record_id, str) and record_id else None,
            reason=describe_invalid(exc),
        )
    return None


def readable_models(model_cls: type[M], docs: Iterable[Mapping[str, Any]]) -> list[M]:
    """The documents that read as `model_cls`, in order; the others are left out (see `unreadable_records`).

    Raises:
        NewerVersionError: A document was written by a newer version of the app.
    """
    models = []
    with without_cyclic_collection():
        for doc in docs:
            refuse_newer(doc, kind_name(model_cls))
            try:
                models.append(model_cls.model_validate(doc))
            except ValidationError:
                continue  # one spoilt record must not hide the rest; Repository.unreadable_records names it
    return models




def readable_models_from_json(model_cls: type[M], texts: Iterable[str | bytes]) -> list[M]:
    """As `readable_models`, for documents as JSON text (a database's rows): each parsed and checked in one step.

    pydantic reads the text straight into the model, about twice as quick as parsing it first; a
    document that does not read is parsed alone, so that one saved by a newer version is still refused.

    Raises:
        NewerVersionError: A document was written by a newer version of the app.
    """
    models = []
    kind = kind_name(model_cls)
    with without_cyclic_collection():
        for text in texts:
            try:
                model = model_cls.model_validate_json(text)
            except ValidationError:
                doc = json.loads(text)
                if isinstance(doc, Mapping):
                    refuse_newer(doc, kind)
                continue  # one spoilt record must not hide the rest; Repository.unreadable_records names it
            version = getattr(model, "schema_version", None)
            if isinstance(version, int) and version > SCHEMA_VERSION:
                refuse_newer({"schema_version": version}, kind)
            models.append(model)
    return models


def refuse_newer(doc: Mapping[str, Any], kind: str) -> None:
    """Stop before a document saved by a newer version of the app is read or replaced.

    Raises:
        NewerVersionError: Its schema version is newer than this version understands.
    """
    version = doc.get("schema_version")
    if isinstance(version, int) and version > SCHEMA_VERSION:
        raise NewerVersionError(
            f"A saved {kind} was saved by a newer version of KIM Pathways (data version "
            f"{version}; this version understands up to {SCHEMA_VERSION}). Update KIM Pathways "
            f"to open it. Nothing has been changed."
        )


def kind_name(model_cls: type[BaseModel]) -> str:
    """What a kind of record is called in messages people read: "PlanItem" -> "plan item"."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", model_cls.__name__).lower()


def table_for(model_cls: type[BaseModel]) -> str:
    """The table a kind of record lives in.

    Raises:
        ValueError: It is not a kind the store keeps.
    """
    try:
        return PERSON_TABLES[model_cls]
    except KeyError:
        raise ValueError(f"{model_cls.__name__} is not a kind of record the store keeps") from None


def model_for(table: str) -> type[BaseModel] | None:
    """The kind of record a table holds, or None for a table this version does not know."""
    return next((model for model, name in PERSON_TABLES.items() if name == table), None)


def still_unreadable(tables: Mapping[str, Mapping[str, Any]], record: UnreadableRecord) -> dict[str, Any]:
    """The stored document to set aside, once it is sure to be the same unreadable one.

    Args:
        tables: The person's documents as stored now: table -> key -> document.
        record: What was found unreadable earlier.

    Raises:
        StoreError: The record is no longer saved, or can be read now (then nothing must be moved).
    """
    doc = tables.get(record.table, {}).get(record.key)
    model_cls = model_for(record.table)
    if doc is None or model_cls is None:
        raise StoreError(f"That {record.kind} is no longer saved, so there was nothing to set aside.")
    if unreadable_record(model_cls, record.key, doc) is None:
        raise StoreError(f"That {record.kind} can be read now, so it has not been set aside.")
    return dict(doc)


def person_export(profile_doc: Mapping[str, Any], tables: Mapping[str, Iterable[Mapping[str, Any]]]) -> dict[str, Any]:
    """Everything held about a person as one JSON-ready document (copies, never what is stored).

    Args:
        profile_doc: Their stored profile.
        tables: Their stored documents by table, each in the order they were first saved.

    Returns:
        {"schema_version", "exported_at", "profile", "records": {table: [documents]}} with a
        (possibly empty) list for every registered kind, and for tables a newer version wrote.
    """
    # Tables this version does not know (written by a newer one) are held data too.
    names = [*PERSON_TABLES.values()]
    names += [t for t in tables if t not in names and t != PROFILE_TABLE]
    return {
        "schema_version": SCHEMA_VERSION,
        "exported_at": utc_now().isoformat(),
        "profile": copy.deepcopy(dict(profile_doc)),
        "records": {t: [copy.deepcopy(dict(doc)) for doc in tables.get(t, ())] for t in names},
    }
