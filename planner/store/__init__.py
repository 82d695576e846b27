"""The repository of people's saved data: the contract, and its twin in memory.

Model <-> document conversion is in `planner.store.documents` (re-exported here); the TinyDB
implementation on files is in `planner.store.tinydb_store`.
"""

from __future__ import annotations

import copy
import os
import re
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs
from pydantic import BaseModel

from planner.domain.models import SCHEMA_VERSION, Profile, ProfileRef, Settings, utc_now
from planner.errors import RecordExists, StoreError
from planner.store.documents import (  # the conversion, re-exported: callers know it as store.*
    PERSON_TABLES,
    PROFILE_TABLE,
    M,
    UnreadableRecord,
    from_document,
    kind_name,
    readable_models,
    refuse_newer,
    table_for,
    to_document,
    unreadable_record,
)

if TYPE_CHECKING:
    from planner.store.tinydb_store import TinyDBRepository

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
    # Imported here: planner.store.tinydb_store builds on this module.
    from planner.store.tinydb_store import TinyDBRepository

    return TinyDBRepository(data_dir if data_dir is not None else default_data_dir())


def _no_profile(profile_id: str) -> StoreError:
    return StoreError(
        f"No profile with this id ({profile_id}) is saved, so nothing can be saved for it. "
        f"Choose or create a profile first."
    )


def _already_saved(record: BaseModel) -> RecordExists:
    kind = kind_name(type(record))
    return RecordExists(
        f"This {kind} (id {record.id}) is already saved for this person, and a saved {kind} is "
        f"never overwritten. Save it as a new one instead."
    )


def _one_person(records: list[BaseModel]) -> str:
    people = {record.profile_id for record in records}
    if len(people) > 1:
        raise ValueError("put_many saves the records of one person at a time")
    for record in records:
        table_for(type(record))
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
        # Notices by the person they concern; None for those about no one person (index, settings).
        self._notices: dict[str | None, list[str]] = {}

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
        """Every readable record of one kind for a person, in the order they were first saved.

        A record that does not fit its model is left out, so the rest can still be used; it is
        named by `unreadable_records` and kept until `set_aside_record` moves it.

        Raises:
            NewerVersionError: A record was saved by a newer version of the app.
        """

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

    @abstractmethod
    def set_aside_record(self, profile_id: str, record: UnreadableRecord) -> str:
        """Move one unreadable record of a person out of their data, keeping it whole elsewhere.

        Returns:
            Where it was moved to, for telling the person.

        Raises:
            StoreError: The record is no longer saved, or can be read now (then nothing is moved),
                or it could not be moved.
        """

    @abstractmethod
    def set_aside_documents(self, profile_id: str) -> list[dict[str, Any]]:
        """The stored documents that have been set aside for a person (to mend or restore by hand)."""

    @abstractmethod
    def _person_documents(self, profile_id: str) -> Mapping[str, Mapping[str, dict[str, Any]]]:
        """A person's stored documents: table -> key -> document (empty when there is no one)."""

    def unreadable_records(self, profile_id: str) -> list[UnreadableRecord]:
        """Every saved record of a person that does not fit its model, table by table, in order."""
        with self._lock:
            tables = self._person_documents(profile_id)
            found = []
            for model_cls, table in PERSON_TABLES.items():
                for key, doc in tables.get(table, {}).items():
                    problem = unreadable_record(model_cls, key, doc)
                    if problem is not None:
                        found.append(problem)
            return found

    def take_notices(self, profile_id: str | None = None) -> list[str]:
        """Plain-English messages about data problems found since they were last taken; clears them.

        Args:
            profile_id: The person reading, who is given the notices about their own data as well
                as those about no one person. Notices about anyone else are never given.
        """
        with self._lock:
            taken = self._notices.pop(None, [])
            if profile_id is not None:
                taken += self._notices.pop(profile_id, [])
            return taken

    def _tell(self, profile_id: str | None, notice: str) -> None:
        """Keep a notice for the person it concerns (None: it concerns no one person)."""
        with self._lock:
            self._notices.setdefault(profile_id, []).append(notice)

    @staticmethod
    def _recheck_unreadable(tables: Mapping[str, Mapping[str, Any]], record: UnreadableRecord) -> dict[str, Any]:
        """The document to set aside, once it is sure to be the same unreadable one."""
        doc = tables.get(record.table, {}).get(record.key)
        model_cls = next((m for m, t in PERSON_TABLES.items() if t == record.table), None)
        if doc is None or model_cls is None:
            raise StoreError(f"That {record.kind} is no longer saved, so there was nothing to set aside.")
        if unreadable_record(model_cls, record.key, doc) is None:
            raise StoreError(f"That {record.kind} can be read now, so it has not been set aside.")
        return doc

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
        # profile id -> table -> documents set aside as unreadable
        self._set_aside: dict[str, dict[str, list[dict[str, Any]]]] = {}

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
                table_for(type(record))
                if record.profile_id not in known:
                    raise _no_profile(record.profile_id)
            for profile in profiles:
                old = self._profiles.get(profile.id)
                if old is not None:
                    refuse_newer(old, "profile")
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
        table = table_for(model_cls)
        with self._lock:
            doc = self._records.get(profile_id, {}).get(table, {}).get(record_id)
            return None if doc is None else from_document(model_cls, doc)

    def list(self, model_cls: type[M], profile_id: str) -> list[M]:
        table = table_for(model_cls)
        with self._lock:
            return readable_models(model_cls, self._records.get(profile_id, {}).get(table, {}).values())

    def remove(self, model_cls: type[BaseModel], profile_id: str, record_id: str) -> bool:
        table = table_for(model_cls)
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
            self._set_aside.pop(profile_id, None)

    def set_aside_record(self, profile_id: str, record: UnreadableRecord) -> str:
        with self._lock:
            tables = self._records.get(profile_id, {})
            doc = self._recheck_unreadable(tables, record)
            self._set_aside.setdefault(profile_id, {}).setdefault(record.table, []).append(doc)
            del tables[record.table][record.key]
            return "a separate place in memory"

    def set_aside_documents(self, profile_id: str) -> list[dict[str, Any]]:
        with self._lock:
            kept = self._set_aside.get(profile_id, {})
            return copy.deepcopy([doc for docs in kept.values() for doc in docs])

    def _person_documents(self, profile_id: str) -> Mapping[str, Mapping[str, dict[str, Any]]]:
        return copy.deepcopy(self._records.get(profile_id, {}))

    def _require_profile(self, profile_id: str) -> None:
        if profile_id not in self._profiles:
            raise _no_profile(profile_id)

    def _store(self, record: BaseModel, *, replace: bool) -> None:
        table = self._records[record.profile_id].setdefault(table_for(type(record)), {})
        old = table.get(record.id)
        if old is not None:
            if not replace:
                raise _already_saved(record)
            refuse_newer(old, kind_name(type(record)))
        table[record.id] = to_document(record)
