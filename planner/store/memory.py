"""The repository's twin in memory: for tests, and for code that needs a store but no files.

It keeps the documents the TinyDB files would hold, in dictionaries, so it follows the same
contract (tests/unit/test_store_contract.py) down to the words of its refusals.
"""

from __future__ import annotations

import builtins
import copy
import itertools
from collections.abc import Hashable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from pydantic import BaseModel

from planner.domain.models import Profile, ProfileRef, Settings
from planner.store.documents import (
    PROFILE_TABLE,
    M,
    UnreadableRecord,
    from_document,
    kind_name,
    one_person,
    owner_and_id,
    person_export,
    readable_models,
    refuse_newer,
    shared_table_for,
    still_unreadable,
    table_for,
    to_document,
)
from planner.store.repository import Repository, already_saved, check_data_set_name, check_profile_id, no_profile


class MemoryRepository(Repository):
    """Keeps documents in dictionaries; every read builds new objects, so callers get copies."""

    def __init__(self) -> None:
        super().__init__()
        self._profiles: dict[str, dict[str, Any]] = {}
        # profile id -> table -> record id -> document (dicts keep insertion order)
        self._records: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}
        self._settings: dict[str, Any] | None = None
        # table -> record id -> document, for records that belong to no one person
        self._shared: dict[str, dict[str, dict[str, Any]]] = {}
        # profile id -> table -> documents set aside as unreadable
        self._set_aside: dict[str, dict[str, builtins.list[dict[str, Any]]]] = {}
        # profile id -> the number of the last change to their data (the changes of all are counted)
        self._marks: dict[str, int] = {}
        self._changes = itertools.count(1)
        # data set name -> (its document, the number of the change that saved it)
        self._data_sets: dict[str, tuple[dict[str, Any], int]] = {}
        self._in_transaction = False

    def list_profiles(self) -> builtins.list[ProfileRef]:
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
        profiles, records = builtins.list(profiles), builtins.list(records)
        with self._lock:
            for profile in profiles:
                check_profile_id(profile.id)
            known = {p.id for p in profiles} | set(self._profiles)
            for record in records:
                owner = owner_and_id(record)[0]
                if owner not in known:
                    raise no_profile(owner)
            for profile in profiles:
                old = self._profiles.get(profile.id)
                if old is not None:
                    refuse_newer(old, "profile")
            self._check_replaceable(records)
            for profile in profiles:
                self._profiles[profile.id] = to_document(profile)
                self._records.setdefault(profile.id, {})
                self._changed(profile.id)
            for record in records:
                self._store(record, replace=True)

    def add(self, record: BaseModel) -> None:
        with self._lock:
            self._require_profile(owner_and_id(record)[0])
            self._store(record, replace=False)

    def put(self, record: BaseModel) -> None:
        self.put_many([record])

    def put_many(self, records: Iterable[BaseModel]) -> None:
        records = builtins.list(records)
        if not records:
            return
        profile_id = one_person(records)
        with self._lock:
            self._require_profile(profile_id)
            self._check_replaceable(records)  # all or none, as one write of a file
            for record in records:
                self._store(record, replace=True)

    def get(self, model_cls: type[M], profile_id: str, record_id: str) -> M | None:
        table = table_for(model_cls)
        with self._lock:
            doc = self._records.get(profile_id, {}).get(table, {}).get(record_id)
            return None if doc is None else from_document(model_cls, doc)

    def list(self, model_cls: type[M], profile_id: str) -> builtins.list[M]:
        table = table_for(model_cls)
        with self._lock:
            return readable_models(model_cls, self._records.get(profile_id, {}).get(table, {}).values())

    def change_mark(self, profile_id: str) -> Hashable | None:
        with self._lock:
            return self._marks.get(profile_id) if profile_id in self._profiles else None

    def remove(self, model_cls: type[BaseModel], profile_id: str, record_id: str) -> bool:
        table = table_for(model_cls)
        with self._lock:
            removed = self._records.get(profile_id, {}).get(table, {}).pop(record_id, None) is not None
            if removed:
                self._changed(profile_id)
            return removed

    def get_settings(self) -> Settings | None:
        with self._lock:
            return None if self._settings is None else from_document(Settings, self._settings)

    def save_settings(self, settings: Settings) -> None:
        with self._lock:
            self._settings = to_document(settings)

    def list_shared(self, model_cls: type[M]) -> builtins.list[M]:
        table = shared_table_for(model_cls)
        with self._lock:
            return readable_models(model_cls, copy.deepcopy(builtins.list(self._shared.get(table, {}).values())))

    def put_shared(self, record: BaseModel) -> None:
        table = shared_table_for(type(record))
        record_id = str(getattr(record, "id"))  # noqa: B009 - every shared kind has an id
        with self._lock:
            docs = self._shared.setdefault(table, {})
            if record_id in docs:
                refuse_newer(docs[record_id], kind_name(type(record)))
            docs[record_id] = to_document(record)

    def remove_shared(self, model_cls: type[BaseModel], record_ids: Iterable[str]) -> int:
        table = shared_table_for(model_cls)
        with self._lock:
            docs = self._shared.get(table, {})
            return sum(docs.pop(record_id, None) is not None for record_id in set(record_ids))

    def get_data_set(self, name: str) -> dict[str, Any] | None:
        check_data_set_name(name)
        with self._lock:
            kept = self._data_sets.get(name)
            return None if kept is None else copy.deepcopy(kept[0])

    def put_data_set(self, name: str, doc: Mapping[str, Any]) -> None:
        check_data_set_name(name)
        with self._lock:
            self._data_sets[name] = (copy.deepcopy(dict(doc)), next(self._changes))

    def remove_data_set(self, name: str) -> bool:
        check_data_set_name(name)
        with self._lock:
            return self._data_sets.pop(name, None) is not None

    def data_set_mark(self, name: str) -> Hashable | None:
        check_data_set_name(name)
        with self._lock:
            kept = self._data_sets.get(name)
            return None if kept is None else kept[1]

    @contextmanager
    def transaction(self, *, people: Iterable[str] = (), data_sets: Iterable[str] = ()) -> Iterator[None]:
        # The lock keeps every other session out until the end; what was kept before is put back on failure.
        with self._lock:
            if self._in_transaction:
                yield
                return
            before = copy.deepcopy((self._profiles, self._records, self._settings, self._shared,
                                    self._set_aside, self._marks, self._data_sets))
            self._in_transaction = True
            try:
                yield
            except BaseException:
                (self._profiles, self._records, self._settings, self._shared,
                 self._set_aside, self._marks, self._data_sets) = before
                raise
            finally:
                self._in_transaction = False

    def export_person(self, profile_id: str) -> dict[str, Any]:
        with self._lock:
            self._require_profile(profile_id)
            tables = self._records.get(profile_id, {})
            return person_export(self._profiles[profile_id], {t: docs.values() for t, docs in tables.items()})

    def delete_person(self, profile_id: str) -> None:
        with self._lock:
            self._require_profile(profile_id)
            del self._profiles[profile_id]
            self._records.pop(profile_id, None)
            self._set_aside.pop(profile_id, None)
            self._marks.pop(profile_id, None)

    def set_aside_record(self, profile_id: str, record: UnreadableRecord) -> str:
        with self._lock:
            tables = self._records.get(profile_id, {})
            doc = still_unreadable(tables, record)
            self._set_aside.setdefault(profile_id, {}).setdefault(record.table, []).append(doc)
            del tables[record.table][record.key]
            self._changed(profile_id)
            return "a separate place in memory"

    def set_aside_documents(self, profile_id: str) -> builtins.list[dict[str, Any]]:
        with self._lock:
            kept = self._set_aside.get(profile_id, {})
            return copy.deepcopy([doc for docs in kept.values() for doc in docs])

    def plant_document(self, profile_id: str, table: str, doc: Mapping[str, Any]) -> None:
        """Keep a document exactly as given, bypassing the models, as another version might have saved it.

        For tests of what a store does with data it did not write (newer, or spoilt by hand). A
        profile document replaces the profile; a record replaces the one with the same id.
        """
        with self._lock:
            if table == PROFILE_TABLE:
                self._profiles[profile_id] = copy.deepcopy(dict(doc))
            else:
                tables = self._records.setdefault(profile_id, {})
                tables.setdefault(table, {})[str(doc.get("id"))] = copy.deepcopy(dict(doc))
            self._changed(profile_id)

    def _person_documents(self, profile_id: str) -> Mapping[str, Mapping[str, dict[str, Any]]]:
        return copy.deepcopy(self._records.get(profile_id, {}))

    def _require_profile(self, profile_id: str) -> None:
        if profile_id not in self._profiles:
            raise no_profile(profile_id)

    def _check_replaceable(self, records: Iterable[BaseModel]) -> None:
        """Refuse, before anything changes, to replace a record a newer version saved."""
        for record in records:
            owner, record_id = owner_and_id(record)
            old = self._records.get(owner, {}).get(table_for(type(record)), {}).get(record_id)
            if old is not None:
                refuse_newer(old, kind_name(type(record)))

    def _store(self, record: BaseModel, *, replace: bool) -> None:
        owner, record_id = owner_and_id(record)
        table = self._records[owner].setdefault(table_for(type(record)), {})
        old = table.get(record_id)
        if old is not None:
            if not replace:
                raise already_saved(record)
            refuse_newer(old, kind_name(type(record)))
        table[record_id] = to_document(record)
        self._changed(owner)

    def _changed(self, profile_id: str) -> None:
        self._marks[profile_id] = next(self._changes)
