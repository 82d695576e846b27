"""The repository contract: everything saved about people, whichever store keeps it.

Every store (in memory, TinyDB files, and any added later) implements `Repository` and passes
the one contract suite in tests/unit/test_store_contract.py. The rules every store shares (which
profile ids may be used, the words of its refusals) are public functions here.
"""

from __future__ import annotations

import builtins
import re
import threading
from abc import ABC, abstractmethod
from collections.abc import Hashable, Iterable, Mapping
from contextlib import AbstractContextManager
from typing import Any

from pydantic import BaseModel

from planner.domain.models import Profile, ProfileRef, Settings
from planner.errors import RecordExists, StoreError
from planner.store.documents import PERSON_TABLES, M, UnreadableRecord, kind_name, owner_and_id, unreadable_record

# Profile ids become file names, so only plain characters are allowed (no path tricks).
_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def is_usable_profile_id(profile_id: str) -> bool:
    """Whether a profile id is up to 64 letters, digits, dashes or underscores (safe as a file name)."""
    return bool(_SAFE_ID.match(profile_id))


def check_profile_id(profile_id: str) -> None:
    """Refuse a profile id that cannot be used.

    Raises:
        StoreError: It is not up to 64 letters, digits, dashes or underscores.
    """
    if not is_usable_profile_id(profile_id):
        raise StoreError(
            f"'{profile_id}' cannot be used as a profile id: use up to 64 letters, digits, "
            f"dashes or underscores."
        )


# Data sets are kept under the name of their shipped file, which a store may use as a file name.
_DATA_SET_NAME = re.compile(r"^[a-z][a-z0-9_]{0,40}\.json$")


def check_data_set_name(name: str) -> None:
    """Refuse a data set name that is not a plain JSON file name (such as "curriculum.json").

    Raises:
        ValueError: It is not one.
    """
    if not _DATA_SET_NAME.match(name):
        raise ValueError(f"'{name}' is not the name of a data set")


def no_profile(profile_id: str) -> StoreError:
    """The refusal to save anything for a person with no saved profile."""
    return StoreError(
        f"No profile with this id ({profile_id}) is saved, so nothing can be saved for it. "
        f"Choose or create a profile first."
    )


def already_saved(record: BaseModel) -> RecordExists:
    """The refusal to overwrite a saved record that must never be overwritten."""
    kind = kind_name(type(record))
    return RecordExists(
        f"This {kind} (id {owner_and_id(record)[1]}) is already saved for this person, and a saved "
        f"{kind} is never overwritten. Save it as a new one instead."
    )


class Repository(ABC):
    """Everything saved about people, and the installation's settings."""

    def __init__(self) -> None:
        # Streamlit runs sessions on threads of one process: one lock serialises every operation.
        self._lock = threading.RLock()
        # Notices by the person they concern; None for those about no one person (index, settings).
        self._notices: dict[str | None, builtins.list[str]] = {}

    @abstractmethod
    def list_profiles(self) -> builtins.list[ProfileRef]:
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
        """Insert or replace several records of one person in a single write: all of them or none.

        Raises:
            ValueError: The records belong to more than one person.
            StoreError: The person has no profile.
        """

    @abstractmethod
    def get(self, model_cls: type[M], profile_id: str, record_id: str) -> M | None:
        """One record of a person, or None."""

    @abstractmethod
    def list(self, model_cls: type[M], profile_id: str) -> builtins.list[M]:
        """Every readable record of one kind for a person, in the order they were first saved.

        A record that does not fit its model is left out, so the rest can still be used; it is
        named by `unreadable_records` and kept until `set_aside_record` moves it.

        Raises:
            NewerVersionError: A record was saved by a newer version of the app.
        """

    @abstractmethod
    def change_mark(self, profile_id: str) -> Hashable | None:
        """A mark that is different after any change to a person's saved data, by any process.

        Two equal marks, read at two times, mean nothing of the person's was written in between,
        so what was worked out from their data at the first may be used again at the second.

        Returns:
            None when nothing is saved for the person.
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
    def list_shared(self, model_cls: type[M]) -> builtins.list[M]:
        """Every readable shared record of one kind (consents, teams: see SHARED_TABLES), in the order first saved.

        A document that does not fit its model is left out, so the rest can still be used.
        """

    @abstractmethod
    def put_shared(self, record: BaseModel) -> None:
        """Insert a shared record, or replace the one of its kind with the same id.

        Raises:
            ValueError: It is not a kind of shared record.
            NewerVersionError: The saved one was written by a newer version of the app.
        """

    @abstractmethod
    def remove_shared(self, model_cls: type[BaseModel], record_ids: Iterable[str]) -> int:
        """Remove shared records of one kind by id, in one write.

        Returns:
            How many were removed.
        """

    # Imported data sets (the curriculum, the professional bodies' mapping) -------------------------

    @abstractmethod
    def get_data_set(self, name: str) -> dict[str, Any] | None:
        """The imported replacement of a shipped data set, as its JSON document, or None when none is kept.

        Args:
            name: The data set's file name ("curriculum.json", "external_frameworks.json").
        """

    @abstractmethod
    def put_data_set(self, name: str, doc: Mapping[str, Any]) -> None:
        """Keep an imported replacement of a data set (already checked), replacing any earlier one whole."""

    @abstractmethod
    def remove_data_set(self, name: str) -> bool:
        """Go back to the shipped data set. Returns True if an imported replacement was removed."""

    @abstractmethod
    def data_set_mark(self, name: str) -> Hashable | None:
        """A mark that differs after the data set is replaced or removed, by any process; None when none is kept."""

    # Use cases as one unit -------------------------------------------------------------------------

    @abstractmethod
    def transaction(self, *, people: Iterable[str] = (),
                    data_sets: Iterable[str] = ()) -> AbstractContextManager[None]:
        """One use case's writes, saved together: if anything raises inside, none of them is kept.

        `with repo.transaction(people=[mentor_id, mentee_id]): ...` A transaction opened inside
        another joins it (its `people` are locked too). Reads inside see the transaction's own writes.

        Args:
            people: The profile ids whose data the use case reads and then changes: no other session
                can change their data until the transaction ends (row locks in PostgreSQL; the
                repository's lock in the stores of one process).
            data_sets: The data sets (by file name) the use case reads and then replaces: no other
                session's transaction naming them runs until this one ends, so two leads changing
                one data set at once cannot lose either change (an advisory lock in PostgreSQL).
        """

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
    def set_aside_documents(self, profile_id: str) -> builtins.list[dict[str, Any]]:
        """The stored documents that have been set aside for a person (to mend or restore by hand)."""

    @abstractmethod
    def _person_documents(self, profile_id: str) -> Mapping[str, Mapping[str, dict[str, Any]]]:
        """A person's stored documents: table -> key -> document (empty when there is no one)."""

    # Many people at once (a lead's team view): one query each in a database --------------------

    def add_many(self, records: Iterable[BaseModel]) -> None:
        """Insert records that must not already exist, of one person or many, together: all or none.

        Raises:
            RecordExists: One of them is already saved (then none is).
            StoreError: One of their people has no profile (then none is saved).
        """
        records = builtins.list(records)
        if not records:
            return
        with self.transaction(people=sorted({owner_and_id(record)[0] for record in records})):
            for record in records:
                self.add(record)

    def change_marks(self, profile_ids: Iterable[str]) -> dict[str, Hashable | None]:
        """`change_mark` of each person, by id (None for anyone with nothing saved)."""
        return {profile_id: self.change_mark(profile_id) for profile_id in dict.fromkeys(profile_ids)}

    def get_profiles(self, profile_ids: Iterable[str]) -> dict[str, Profile]:
        """The saved profiles among these ids, by id (anyone without one is left out)."""
        found = {}
        for profile_id in dict.fromkeys(profile_ids):
            profile = self.get_profile(profile_id)
            if profile is not None:
                found[profile_id] = profile
        return found

    def list_many(self, model_cls: type[M], profile_ids: Iterable[str]) -> dict[str, builtins.list[M]]:
        """`list` of each person, by id: every readable record of one kind, in the order first saved.

        Raises:
            NewerVersionError: A record was saved by a newer version of the app.
        """
        return {profile_id: self.list(model_cls, profile_id) for profile_id in dict.fromkeys(profile_ids)}

    def unreadable_records(self, profile_id: str) -> builtins.list[UnreadableRecord]:
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

    def take_notices(self, profile_id: str | None = None) -> builtins.list[str]:
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
