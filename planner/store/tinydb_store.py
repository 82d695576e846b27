"""The TinyDB repository: each person's file is a TinyDB database, written atomically under file locks.

A person's file is opened as `TinyDB(path, storage=AtomicJSONStorage)`: the profile in table
"profile", each kind of record in its own table (`PERSON_TABLES`), found by TinyDB queries on
their ids, numbered by TinyDB's document ids in the order they were first saved. Every operation
reads the file once and writes it at most once, all or nothing, under the file's lock (threads
of this process and other processes alike). The folder around the files (the index of names, the
settings, setting aside what cannot be read) is `DataFolder`'s.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, MutableMapping
from contextlib import contextmanager, nullcontext
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any, cast

from pydantic import BaseModel
from tinydb import TinyDB, where
from tinydb.table import Document, Table

from planner.domain.models import Profile, ProfileRef, Settings
from planner.errors import UnreadableDataSet
from planner.store.data_folder import DataFolder
from planner.store.documents import (
    PERSON_TABLES,
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
from planner.store.file_cache import UnchangedFileCache, file_stamp
from planner.store.files import (
    UnreadableFile,
    aside_name,
    delete_file,
    journalled,
    locked,
    read_json_object,
    write_json,
)
from planner.store.repository import (
    Repository,
    already_saved,
    check_data_set_name,
    check_profile_id,
    is_usable_profile_id,
    no_profile,
)
from planner.store.tinydb_storage import AtomicJSONStorage, tinydb_shape_problem

__all__ = ["AtomicJSONStorage", "TinyDBRepository"]


class TinyDBRepository(Repository):
    """One TinyDB file per person, an index of names, and a settings file, in one folder.

    Layout: `people/<profile_id>.json` (tables "profile" and one per kind of record),
    `index.json` (profile id -> name, so listing opens one file) and `settings.json`.
    """

    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self.folder = DataFolder(data_dir, self._tell)
        self.data_dir = self.folder.data_dir
        self.people_dir = self.folder.people_dir
        self.index_path = self.folder.index_path
        self.settings_path = self.folder.settings_path
        # profile id -> (the file's identity, size and change time; its unreadable records)
        self._unreadable_seen: dict[str, tuple[tuple[int, int, int], builtins.list[UnreadableRecord]]] = {}
        # Every page run reads the same person's file several times: parsed once while unchanged.
        self._read_cache = UnchangedFileCache()
        # kind -> (the shared file's kept content they were read from, the records, whether all their
        # values are immutable): a server page lists the same shared records several times a run.
        self._shared_models: dict[type[BaseModel], tuple[Mapping[str, Any], builtins.list[Any], bool]] = {}

    # Profiles ---------------------------------------------------------------------------------

    def list_profiles(self) -> builtins.list[ProfileRef]:
        with self._lock:
            names = self.folder.profile_names(self._name_in_file)
        refs = [ProfileRef(id=pid, name=name) for pid, name in names.items()]
        return sorted(refs, key=lambda ref: (ref.name.casefold(), ref.id))

    def get_profile(self, profile_id: str) -> Profile | None:
        with self._lock, self._person(profile_id) as db:
            doc = _profile_doc(db)
            return None if doc is None else from_document(Profile, doc)

    def save_profile(self, profile: Profile) -> None:
        self.save_profiles([profile])

    def save_profiles(self, profiles: Iterable[Profile], records: Iterable[BaseModel] = ()) -> None:
        profiles, records = builtins.list(profiles), builtins.list(records)
        with self._lock:
            for profile in profiles:
                check_profile_id(profile.id)
            by_person: dict[str, builtins.list[BaseModel]] = {}
            for record in records:
                by_person.setdefault(owner_and_id(record)[0], []).append(record)
            for profile_id in by_person.keys() - {p.id for p in profiles}:
                if self.get_profile(profile_id) is None:
                    raise no_profile(profile_id)
            renamed: dict[str, str | None] = {}
            for profile in profiles:
                with self._person(profile.id, write=True) as db:
                    old = _profile_doc(db)
                    _save_profile(db, profile, old)
                    _put_records(db, by_person.pop(profile.id, []))
                # The index changes only on create or rename, so ordinary saves stay fast.
                if old is None or old.get("name") != profile.name:
                    renamed[profile.id] = profile.name
            for profile_id, person_records in by_person.items():
                with self._person(profile_id, write=True, require_profile=True) as db:
                    _put_records(db, person_records)
            if renamed:
                self.folder.update_index(renamed)

    # Per-person records -----------------------------------------------------------------------

    def add(self, record: BaseModel) -> None:
        owner, record_id = owner_and_id(record)
        with self._lock, self._person(owner, write=True, require_profile=True) as db:
            if db.table(table_for(type(record))).get(where("id") == record_id) is not None:
                raise already_saved(record)
            _put_records(db, [record])

    def put(self, record: BaseModel) -> None:
        self.put_many([record])

    def put_many(self, records: Iterable[BaseModel]) -> None:
        records = builtins.list(records)
        if not records:
            return
        profile_id = one_person(records)
        with self._lock, self._person(profile_id, write=True, require_profile=True) as db:
            _put_records(db, records)

    def get(self, model_cls: type[M], profile_id: str, record_id: str) -> M | None:
        table = table_for(model_cls)
        with self._lock, self._person(profile_id) as db:
            doc = db.table(table).get(where("id") == record_id)
            return None if doc is None else from_document(model_cls, doc)

    def list(self, model_cls: type[M], profile_id: str) -> builtins.list[M]:
        table = table_for(model_cls)
        with self._lock, self._person(profile_id) as db:
            return readable_models(model_cls, _in_order(db.table(table)))

    def change_mark(self, profile_id: str) -> Hashable | None:
        # Every write renames a new file into place (files.write_json), so the file's inode alone changes with it.
        return self._file_stamp(profile_id)

    def remove(self, model_cls: type[BaseModel], profile_id: str, record_id: str) -> bool:
        table = table_for(model_cls)
        with self._lock:
            with self._person(profile_id) as db:
                if db.table(table).get(where("id") == record_id) is None:
                    return False  # nothing to do, so no lock file is made for an unknown person
            with self._person(profile_id, write=True, require_profile=True) as db:
                return bool(db.table(table).remove(where("id") == record_id))

    # Settings ---------------------------------------------------------------------------------

    def get_settings(self) -> Settings | None:
        with self._lock:
            doc = self.folder.read_settings()
            return None if doc is None else from_document(Settings, doc)

    def save_settings(self, settings: Settings) -> None:
        def replace(old: dict[str, Any] | None) -> dict[str, Any]:
            if old is not None:
                refuse_newer(old, "settings")
            return to_document(settings)

        with self._lock:
            self.folder.write_settings(replace)

    # Records shared between people -------------------------------------------------------------

    def list_shared(self, model_cls: type[M]) -> builtins.list[M]:
        table = shared_table_for(model_cls)
        with self._lock:
            tables = self.folder.read_shared()  # the very same object while the file is unchanged
            kept = self._shared_models.get(model_cls)
            if kept is None or kept[0] is not tables:
                models = readable_models(model_cls, builtins.list(tables.get(table, {}).values()))
                kept = (tables, models, all(_plain(model) for model in models))
                self._shared_models[model_cls] = kept
            # Copies, so a caller that changes one changes nothing kept: a record of plain values
            # (every shared kind today) needs only a shallow copy, which is cheaper than reading it again.
            return [model.model_copy(deep=not kept[2]) for model in kept[1]]

    def put_shared(self, record: BaseModel) -> None:
        table = shared_table_for(type(record))
        record_id = str(getattr(record, "id"))  # noqa: B009 - every shared kind has an id

        def change(tables: dict[str, Any]) -> None:
            docs = tables.setdefault(table, {})
            if record_id in docs:
                refuse_newer(docs[record_id], kind_name(type(record)))
            docs[record_id] = to_document(record)

        with self._lock:
            self.folder.write_shared(change)

    def remove_shared(self, model_cls: type[BaseModel], record_ids: Iterable[str]) -> int:
        table = shared_table_for(model_cls)
        doomed = set(record_ids)
        removed = 0

        def change(tables: dict[str, Any]) -> None:
            nonlocal removed
            docs = tables.get(table, {})
            removed = sum(docs.pop(record_id, None) is not None for record_id in doomed)

        if doomed:
            with self._lock:
                self.folder.write_shared(change)
        return removed

    # Imported data sets: each a JSON file in the data folder, named as the shipped one in data/ ---

    def get_data_set(self, name: str) -> dict[str, Any] | None:
        check_data_set_name(name)
        try:
            return read_json_object(self.data_dir / name)
        except UnreadableFile as exc:
            raise UnreadableDataSet(f"The imported file {self.data_dir / name} could not be read: {exc}.",
                                    f"{self.data_dir / name}: {exc}") from None

    def put_data_set(self, name: str, doc: Mapping[str, Any]) -> None:
        check_data_set_name(name)
        with self._lock:
            write_json(self.data_dir / name, dict(doc))

    def remove_data_set(self, name: str) -> bool:
        check_data_set_name(name)
        with self._lock:
            path = self.data_dir / name
            if not path.is_file():
                return False
            delete_file(path)
            return True

    def data_set_mark(self, name: str) -> Hashable | None:
        check_data_set_name(name)
        return file_stamp(self.data_dir / name)

    # Use cases as one unit ------------------------------------------------------------------------

    @contextmanager
    def transaction(self, *, people: Iterable[str] = (), data_sets: Iterable[str] = ()) -> Iterator[None]:
        # One process: the repository's lock keeps every other session out until the end, and the
        # files changed meanwhile are put back as they were if anything raises.
        with self._lock, journalled():
            yield

    # A person's data as a whole ----------------------------------------------------------------

    def export_person(self, profile_id: str) -> dict[str, Any]:
        with self._lock, self._person(profile_id) as db:
            profile_doc = _profile_doc(db)
            if profile_doc is None:
                raise no_profile(profile_id)
            return person_export(profile_doc, {name: _in_order(db.table(name)) for name in sorted(db.tables())})

    def delete_person(self, profile_id: str) -> None:
        with self._lock:
            with self._person(profile_id) as db:
                if _profile_doc(db) is None:  # a profile that cannot be read is deleted all the same
                    raise no_profile(profile_id)
            self.folder.forget_person(profile_id)

    # Records that cannot be read ---------------------------------------------------------------

    def set_aside_record(self, profile_id: str, record: UnreadableRecord) -> str:
        with self._lock, self._person(profile_id, write=True, require_profile=True) as db:
            doc = still_unreadable(_documents(db), record)
            # Written beside the person's file before it leaves that file: a crash in between
            # leaves two copies, never none. The copy is a TinyDB database of the same shape.
            target = aside_name(self.folder.person_path(profile_id))
            aside = TinyDB(target, storage=AtomicJSONStorage)
            aside.table(record.table).insert(Document(doc, doc_id=int(record.key)))
            db.table(record.table).remove(doc_ids=[int(record.key)])
            return str(target)

    def set_aside_documents(self, profile_id: str) -> builtins.list[dict[str, Any]]:
        with self._lock:
            found = []
            for aside in self.folder.set_aside_copies(profile_id):
                try:
                    content = read_json_object(aside, tinydb_shape_problem)
                except UnreadableFile:
                    continue  # a whole file set aside as it was: it is kept, but holds no records
                db = TinyDB(aside, storage=AtomicJSONStorage)
                with _storage(db).holding(content, write_back=False):
                    found += [dict(doc) for name in sorted(db.tables()) for doc in _in_order(db.table(name))]
            return found

    def unreadable_records(self, profile_id: str) -> builtins.list[UnreadableRecord]:
        # Every page asks on every run; checking every record each time is the cost of a listing
        # of all of them, so the answer is kept until the file changes (a write always replaces it).
        with self._lock:
            stamp = self._file_stamp(profile_id)
            seen = self._unreadable_seen.get(profile_id)
            if stamp is not None and seen is not None and seen[0] == stamp:
                return builtins.list(seen[1])
            found = super().unreadable_records(profile_id)
            if stamp is not None:
                self._unreadable_seen[profile_id] = (stamp, found)
            return builtins.list(found)

    def _file_stamp(self, profile_id: str) -> tuple[int, int, int] | None:
        if not is_usable_profile_id(profile_id):
            return None
        return file_stamp(self.folder.person_path(profile_id))

    def _person_documents(self, profile_id: str) -> Mapping[str, Mapping[str, dict[str, Any]]]:
        with self._person(profile_id) as db:
            return _documents(db)

    # A person's file as a TinyDB database -------------------------------------------------------

    @contextmanager
    def _person(self, profile_id: str, *, write: bool = False, require_profile: bool = False) -> Iterator[TinyDB]:
        """A person's file as a TinyDB database for one operation: read once, written at most once.

        Args:
            profile_id: Whose file (an unusable id reads as an empty file and is never written).
            write: The operation changes the file: it holds the file's lock throughout, and the
                file is written once at the end if nothing raised.
            require_profile: Refuse when the person has no saved profile.

        Raises:
            StoreError: No profile (with `require_profile`), or the file could not be read or written.
        """
        usable = is_usable_profile_id(profile_id)
        # An unusable id names no file: its database is empty, and is neither read nor written.
        path = self.folder.person_path(profile_id if usable else "no-such-file")
        if require_profile and not (usable and path.exists()):
            raise no_profile(profile_id)  # checked before locking, so no stray lock file
        db = TinyDB(path, storage=AtomicJSONStorage)
        if not write:
            # A reading shares the kept content (TinyDB hands out copies of its documents, and
            # validation builds new models from them), so it must not change it: the storage
            # refuses writes, and anything going wrong forgets the kept content, to be safe.
            content = self._read_cache.read(path, lambda: self.folder.read_person(profile_id)) if usable else None
            try:
                with _storage(db).holding(cast(dict[str, Any] | None, content), write_back=False, read_only=True):
                    if require_profile and _profile_doc(db) is None:
                        raise no_profile(profile_id)  # deleted by another process meanwhile
                    yield db
            except BaseException:
                self._read_cache.forget(path)
                raise
            return
        with locked(path) if usable else nullcontext():
            # A change starts from the file as it is now, under its lock, never from kept content.
            self._read_cache.forget(path)
            try:
                with _storage(db).holding(self.folder.read_person(profile_id), write_back=usable):
                    if require_profile and _profile_doc(db) is None:
                        raise no_profile(profile_id)  # deleted by another process meanwhile
                    yield db
            finally:
                self._read_cache.forget(path)

    def _name_in_file(self, profile_id: str) -> str | None:
        with self._person(profile_id) as db:
            doc = _profile_doc(db)
        name = None if doc is None else doc.get("name")
        return name if isinstance(name, str) else None


_IMMUTABLE = (str, int, float, bool, type(None), date, datetime, Enum)


def _plain(model: BaseModel) -> bool:
    """Whether every value of the record is immutable, so a shallow copy of it is a full one."""
    return all(isinstance(value, _IMMUTABLE) for value in model.__dict__.values())


def _storage(db: TinyDB) -> AtomicJSONStorage:
    return cast(AtomicJSONStorage, db.storage)


def _in_order(table: Table) -> builtins.list[Document]:
    """A table's documents in the order they were first saved (TinyDB numbers them so)."""
    return sorted(table.all(), key=lambda doc: doc.doc_id)


def _documents(db: TinyDB) -> dict[str, dict[str, dict[str, Any]]]:
    """Every record of a person as stored: table -> document id -> document."""
    return {name: {str(doc.doc_id): dict(doc) for doc in _in_order(db.table(name))} for name in PERSON_TABLES.values()}


def _profile_doc(db: TinyDB) -> Document | None:
    docs = _in_order(db.table(PROFILE_TABLE))
    return docs[0] if docs else None


def _replaced_by(new: Mapping[str, Any]) -> Callable[[MutableMapping[str, Any]], None]:
    """A TinyDB update that replaces a document whole (TinyDB's own update merges fields)."""

    def replace(stored: MutableMapping[str, Any]) -> None:
        stored.clear()
        stored.update(new)

    return replace


def _save_profile(db: TinyDB, profile: Profile, old: Document | None) -> None:
    """Replace the profile of a person's file, or start the file with every table (empty) when new."""
    profiles = db.table(PROFILE_TABLE)
    if old is None:
        for name in [PROFILE_TABLE, *PERSON_TABLES.values()]:
            if name not in db.tables():
                db.table(name).truncate()  # the layout people see: every kind of record, even when none
        profiles.insert(to_document(profile))
        return
    refuse_newer(old, "profile")
    profiles.update(_replaced_by(to_document(profile)), doc_ids=[old.doc_id])


def _put_records(db: TinyDB, records: Iterable[BaseModel]) -> None:
    """Insert or replace records by their ids, each replaced record keeping its place."""
    for record in records:
        table = db.table(table_for(type(record)))
        doc = to_document(record)
        found = table.get(where("id") == owner_and_id(record)[1])
        if found is None:
            table.insert(doc)
            continue
        refuse_newer(found, kind_name(type(record)))
        table.update(_replaced_by(doc), doc_ids=[found.doc_id])
