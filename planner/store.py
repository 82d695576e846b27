"""The repository of people's saved data: the contract, model<->document conversion, in memory.

The TinyDB implementation on files is in `planner.store_tinydb`.
"""

from __future__ import annotations

import copy
import os
import re
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import platformdirs
from pydantic import BaseModel, ValidationError

from planner.errors import NewerVersionError, RecordExists, StoreError
from planner.models import (
    SCHEMA_VERSION,
    Assessment,
    Conversation,
    Draft,
    Mentee,
    MentorRating,
    PlanItem,
    PlanItemDraft,
    Profile,
    ProfileRef,
    Settings,
    utc_now,
)

if TYPE_CHECKING:
    from planner.store_tinydb import TinyDBRepository

M = TypeVar("M", bound=BaseModel)

PERSON_TABLES: dict[type[BaseModel], str] = {
    Assessment: "assessments",
    Draft: "drafts",
    PlanItem: "plan_items",
    PlanItemDraft: "plan_item_drafts",
    Mentee: "mentees",
    MentorRating: "mentor_ratings",
    Conversation: "conversations",
}
"""Every kind of per-person record and the table it lives in. Add a kind here and nothing else."""

PROFILE_TABLE = "profile"
DATA_DIR_ENV = "KIM_PATHWAYS_DATA_DIR"

# Profile ids become file names, so only plain characters are allowed (no path tricks).
_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def default_data_dir() -> Path:
    """Where people's data is kept unless told otherwise.

    Returns:
        The folder named by the KIM_PATHWAYS_DATA_DIR environment variable if it is set,
        otherwise the user data folder of this operating system (outside the repository).
    """
    chosen = os.environ.get(DATA_DIR_ENV, "").strip()
    if chosen:
        return Path(chosen).expanduser()
    return Path(platformdirs.user_data_dir("kim-pathways", appauthor=False))


def open_repository(data_dir: Path | None = None) -> TinyDBRepository:
    """Open the saved data in a folder.

    Args:
        data_dir: The folder to use; `default_data_dir()` when None.

    Returns:
        A TinyDB repository for that folder (created if absent).
    """
    # Imported here: planner.store_tinydb builds on this module.
    from planner.store_tinydb import TinyDBRepository

    return TinyDBRepository(data_dir if data_dir is not None else default_data_dir())


# --- Conversion between models and stored documents (the only place it happens) ------------


def to_document(model: BaseModel) -> dict[str, Any]:
    """A model as the JSON-ready document that is stored."""
    return model.model_dump(mode="json")


def from_document(model_cls: type[M], doc: Mapping[str, Any]) -> M:
    """A stored document as a model.

    Raises:
        NewerVersionError: The document was written by a newer version of the app.
        StoreError: The document does not fit the model.
    """
    _refuse_newer(doc, _kind_name(model_cls))
    try:
        return model_cls.model_validate(doc)
    except ValidationError as exc:
        # Not framework.describe_validation_error: that one speaks of files and their records.
        problems = "; ".join(
            f"field '{'.'.join(str(part) for part in error['loc'])}': {error['msg']}"
            for error in exc.errors()[:3]
        )
        raise StoreError(f"A saved {_kind_name(model_cls)} could not be read: {problems}.") from exc


def _refuse_newer(doc: Mapping[str, Any], kind: str) -> None:
    version = doc.get("schema_version")
    if isinstance(version, int) and version > SCHEMA_VERSION:
        raise NewerVersionError(
            f"A saved {kind} was saved by a newer version of KIM Pathways (data version "
            f"{version}; this version understands up to {SCHEMA_VERSION}). Update KIM Pathways "
            f"to open it. Nothing has been changed."
        )


def _kind_name(model_cls: type[BaseModel]) -> str:
    # "PlanItem" -> "plan item", for messages people read.
    return re.sub(r"(?<!^)(?=[A-Z])", " ", model_cls.__name__).lower()


def _table_for(model_cls: type[BaseModel]) -> str:
    try:
        return PERSON_TABLES[model_cls]
    except KeyError:
        raise ValueError(f"{model_cls.__name__} is not a kind of record the store keeps") from None


def _no_profile(profile_id: str) -> StoreError:
    return StoreError(
        f"No profile with this id ({profile_id}) is saved, so nothing can be saved for it. "
        f"Choose or create a profile first."
    )


def _already_saved(record: BaseModel) -> RecordExists:
    kind = _kind_name(type(record))
    return RecordExists(
        f"This {kind} (id {record.id}) is already saved for this person, and a saved {kind} is "
        f"never overwritten. Save it as a new one instead."
    )


def _one_person(records: list[BaseModel]) -> str:
    people = {record.profile_id for record in records}
    if len(people) > 1:
        raise ValueError("put_many saves the records of one person at a time")
    for record in records:
        _table_for(type(record))
    return people.pop()


def _check_profile_id(profile_id: str) -> None:
    if not _SAFE_ID.match(profile_id):
        raise StoreError(
            f"'{profile_id}' cannot be used as a profile id: use up to 64 letters, digits, "
            f"dashes or underscores."
        )


# --- The contract ---------------------------------------------------------------------------


class Repository(ABC):
    """Everything saved about people, and the installation's settings."""

    def __init__(self) -> None:
        # Streamlit runs sessions on threads of one process: one lock serialises every operation.
        self._lock = threading.RLock()
        self._notices: list[str] = []

    @abstractmethod
    def list_profiles(self) -> list[ProfileRef]:
        """Every saved profile, sorted by name (ignoring case), then id."""

    @abstractmethod
    def get_profile(self, profile_id: str) -> Profile | None:
        """The profile with this id, or None if there is none."""

    @abstractmethod
    def save_profile(self, profile: Profile) -> None:
        """Insert a profile, or replace the one with the same id.

        Raises:
            StoreError: The id is not usable or the data could not be written.
        """

    @abstractmethod
    def save_profiles(self, profiles: Iterable[Profile], records: Iterable[BaseModel] = ()) -> None:
        """Insert or replace many profiles and their records at once (seeding and imports).

        Args:
            profiles: Profiles to insert or replace by id.
            records: Per-person records to insert or replace by id; each must belong to one
                of `profiles` or to a profile already saved.

        Raises:
            StoreError: A record belongs to no profile (checked before anything is written).
        """

    @abstractmethod
    def add(self, record: BaseModel) -> None:
        """Insert a per-person record that must not already exist.

        Raises:
            RecordExists: A record with this id is already saved for this person.
            StoreError: The person has no profile.
        """

    @abstractmethod
    def put(self, record: BaseModel) -> None:
        """Insert a per-person record, or replace the one with the same id.

        Raises:
            StoreError: The person has no profile.
        """

    @abstractmethod
    def put_many(self, records: Iterable[BaseModel]) -> None:
        """Insert or replace several records of one person in a single write.

        Raises:
            ValueError: The records belong to more than one person.
            StoreError: The person has no profile.
        """

    @abstractmethod
    def get(self, model_cls: type[M], profile_id: str, record_id: str) -> M | None:
        """One record of a person, or None."""

    @abstractmethod
    def list(self, model_cls: type[M], profile_id: str) -> list[M]:
        """Every record of one kind for a person, in the order they were first saved."""

    @abstractmethod
    def remove(self, model_cls: type[BaseModel], profile_id: str, record_id: str) -> bool:
        """Remove one record of a person.

        Returns:
            True if a record was removed, False if there was none.
        """

    @abstractmethod
    def get_settings(self) -> Settings | None:
        """The saved settings, or None when none have been saved."""

    @abstractmethod
    def save_settings(self, settings: Settings) -> None:
        """Replace the saved settings."""

    @abstractmethod
    def export_person(self, profile_id: str) -> dict[str, Any]:
        """Everything held about a person, ready for `json.dumps`.

        Returns:
            {"schema_version", "exported_at", "profile", "records": {table: [documents]}}
            with a (possibly empty) list for every registered kind of record.

        Raises:
            StoreError: There is no profile with this id.
        """

    @abstractmethod
    def delete_person(self, profile_id: str) -> None:
        """Remove a profile and every record of that person, leaving no trace.

        Raises:
            StoreError: There is no profile with this id.
        """

    def take_notices(self) -> list[str]:
        """Plain-English messages about data problems found since the last call; clears them."""
        with self._lock:
            taken, self._notices = self._notices, []
            return taken

    def _export(self, profile_doc: dict[str, Any], tables: Mapping[str, Any]) -> dict[str, Any]:
        # Tables this version does not know (written by a newer one) are held data too.
        names = [*PERSON_TABLES.values()]
        names += [t for t in tables if t not in names and t != PROFILE_TABLE]
        return {
            "schema_version": SCHEMA_VERSION,
            "exported_at": utc_now().isoformat(),
            "profile": copy.deepcopy(profile_doc),
            "records": {t: copy.deepcopy(list(tables.get(t, {}).values())) for t in names},
        }


# --- In memory (tests, and a fake twin of the real store) ----------------------------------


class MemoryRepository(Repository):
    """Keeps documents in dictionaries; every read builds new objects, so callers get copies."""

    def __init__(self) -> None:
        super().__init__()
        self._profiles: dict[str, dict[str, Any]] = {}
        # profile id -> table -> record id -> document (dicts keep insertion order)
        self._records: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}
        self._settings: dict[str, Any] | None = None

    def list_profiles(self) -> list[ProfileRef]:
        with self._lock:
            refs = [ProfileRef(id=pid, name=doc["name"]) for pid, doc in self._profiles.items()]
        return sorted(refs, key=lambda ref: (ref.name.casefold(), ref.id))

    def get_profile(self, profile_id: str) -> Profile | None:
        with self._lock:
            doc = self._profiles.get(profile_id)
            return None if doc is None else from_document(Profile, doc)

    def save_profile(self, profile: Profile) -> None:
        self.save_profiles([profile])

    def save_profiles(self, profiles: Iterable[Profile], records: Iterable[BaseModel] = ()) -> None:
        profiles, records = list(profiles), list(records)
        with self._lock:
            for profile in profiles:
                _check_profile_id(profile.id)
            known = {p.id for p in profiles} | set(self._profiles)
            for record in records:
                _table_for(type(record))
                if record.profile_id not in known:
                    raise _no_profile(record.profile_id)
            for profile in profiles:
                old = self._profiles.get(profile.id)
                if old is not None:
                    _refuse_newer(old, "profile")
                self._profiles[profile.id] = to_document(profile)
                self._records.setdefault(profile.id, {})
            for record in records:
                self._store(record, replace=True)

    def add(self, record: BaseModel) -> None:
        with self._lock:
            self._require_profile(record.profile_id)
            self._store(record, replace=False)

    def put(self, record: BaseModel) -> None:
        self.put_many([record])

    def put_many(self, records: Iterable[BaseModel]) -> None:
        records = list(records)
        if not records:
            return
        profile_id = _one_person(records)
        with self._lock:
            self._require_profile(profile_id)
            for record in records:
                self._store(record, replace=True)

    def get(self, model_cls: type[M], profile_id: str, record_id: str) -> M | None:
        table = _table_for(model_cls)
        with self._lock:
            doc = self._records.get(profile_id, {}).get(table, {}).get(record_id)
            return None if doc is None else from_document(model_cls, doc)

    def list(self, model_cls: type[M], profile_id: str) -> list[M]:
        table = _table_for(model_cls)
        with self._lock:
            docs = self._records.get(profile_id, {}).get(table, {}).values()
            return [from_document(model_cls, doc) for doc in docs]

    def remove(self, model_cls: type[BaseModel], profile_id: str, record_id: str) -> bool:
        table = _table_for(model_cls)
        with self._lock:
            return self._records.get(profile_id, {}).get(table, {}).pop(record_id, None) is not None

    def get_settings(self) -> Settings | None:
        with self._lock:
            return None if self._settings is None else from_document(Settings, self._settings)

    def save_settings(self, settings: Settings) -> None:
        with self._lock:
            self._settings = to_document(settings)

    def export_person(self, profile_id: str) -> dict[str, Any]:
        with self._lock:
            self._require_profile(profile_id)
            return self._export(self._profiles[profile_id], self._records.get(profile_id, {}))

    def delete_person(self, profile_id: str) -> None:
        with self._lock:
            self._require_profile(profile_id)
            del self._profiles[profile_id]
            self._records.pop(profile_id, None)

    def _require_profile(self, profile_id: str) -> None:
        if profile_id not in self._profiles:
            raise _no_profile(profile_id)

    def _store(self, record: BaseModel, *, replace: bool) -> None:
        table = self._records[record.profile_id].setdefault(_table_for(type(record)), {})
        old = table.get(record.id)
        if old is not None:
            if not replace:
                raise _already_saved(record)
            _refuse_newer(old, _kind_name(type(record)))
        table[record.id] = to_document(record)
