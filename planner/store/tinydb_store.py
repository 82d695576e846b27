"""The TinyDB repository: one JSON file per person, written atomically under file locks."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from pydantic import BaseModel

from planner.domain.models import SCHEMA_VERSION, Profile, ProfileRef, Settings
from planner.errors import StoreError
from planner.store import (
    _SAFE_ID,
    PERSON_TABLES,
    PROFILE_TABLE,
    M,
    Repository,
    UnreadableRecord,
    _already_saved,
    _check_profile_id,
    _no_profile,
    _one_person,
    from_document,
    kind_name,
    readable_models,
    refuse_newer,
    table_for,
    to_document,
)
from planner.store.files import (
    AtomicJSONStorage,
    UnreadableFile,
    aside_name,
    explain_os_error,
    tinydb_shape_problem,
)

LOCK_TIMEOUT_SECONDS = 30


def _index_shape_problem(data: dict[str, Any]) -> str | None:
    names = data.get("profiles")
    if not isinstance(names, dict) or not all(isinstance(n, str) for n in names.values()):
        return "it is not a list of profiles"
    return None


def _no_shape_check(data: dict[str, Any]) -> str | None:
    return None


_PERSON_FILE = "your saved data"
_INDEX_FILE = "the list of people"
_SETTINGS_FILE = "the settings"
# What carrying on without each kind of file means, for the notice.
_AFTER = {
    _PERSON_FILE: " (your profile no longer appears in the list of people)",
    _INDEX_FILE: " (the list has been rebuilt from the people's own files)",
    _SETTINGS_FILE: " (the default settings apply until they are saved again)",
}


# --- TinyDB files ---------------------------------------------------------------------------


class TinyDBRepository(Repository):
    """One TinyDB file per person, an index of names, and a settings file, in one folder.

    Layout: `people/<profile_id>.json` (tables "profile" and one per kind of record),
    `index.json` (profile id -> name, so listing opens one file) and `settings.json`.
    """

    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self.data_dir = Path(data_dir)
        self.people_dir = self.data_dir / "people"
        self.index_path = self.data_dir / "index.json"
        self.settings_path = self.data_dir / "settings.json"
        try:
            self.people_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"Could not create the data folder {self.people_dir}: {explain_os_error(exc)}."
            ) from exc
        self._remove_temporary_leftovers()
        # profile id -> (the file's identity, size and change time; its unreadable records)
        self._unreadable_seen: dict[str, tuple[tuple[int, int, int], list[UnreadableRecord]]] = {}

    # Profiles ---------------------------------------------------------------------------------

    def list_profiles(self) -> list[ProfileRef]:
        with self._lock:
            names = self._read(self.index_path, _index_shape_problem, _INDEX_FILE)
            names = None if names is None else names["profiles"]
            on_disk = self._ids_on_disk()
            if names is None or set(names) != on_disk:
                # Missing, set aside or out of step after a crash: rebuild from people/.
                names = self._repair_index(on_disk)
        refs = [ProfileRef(id=pid, name=name) for pid, name in names.items()]
        return sorted(refs, key=lambda ref: (ref.name.casefold(), ref.id))

    def get_profile(self, profile_id: str) -> Profile | None:
        with self._lock:
            doc = self._profile_doc(self._read_person(profile_id))
            return None if doc is None else from_document(Profile, doc)

    def save_profile(self, profile: Profile) -> None:
        self.save_profiles([profile])

    def save_profiles(self, profiles: Iterable[Profile], records: Iterable[BaseModel] = ()) -> None:
        profiles, records = list(profiles), list(records)
        with self._lock:
            for profile in profiles:
                _check_profile_id(profile.id)
            by_person: dict[str, list[BaseModel]] = {}
            for record in records:
                table_for(type(record))
                by_person.setdefault(record.profile_id, []).append(record)
            new_ids = {p.id for p in profiles}
            for profile_id in by_person.keys() - new_ids:
                if self.get_profile(profile_id) is None:
                    raise _no_profile(profile_id)
            renamed: dict[str, str | None] = {}
            for profile in profiles:
                with self._editing_person(profile.id) as tables:
                    old = self._profile_doc(tables)
                    if old is not None:
                        refuse_newer(old, "profile")
                    tables[PROFILE_TABLE] = {"1": to_document(profile)}
                    _put_docs(tables, by_person.pop(profile.id, []))
                # The index changes only on create or rename, so ordinary saves stay fast.
                if old is None or old.get("name") != profile.name:
                    renamed[profile.id] = profile.name
            for profile_id, person_records in by_person.items():
                with self._editing_person(profile_id, require_profile=True) as tables:
                    _put_docs(tables, person_records)
            if renamed:
                self._update_index(renamed)

    # Per-person records -----------------------------------------------------------------------

    def add(self, record: BaseModel) -> None:
        table = table_for(type(record))
        with self._lock, self._editing_person(record.profile_id, require_profile=True) as tables:
            if _find_key(tables.get(table, {}), record.id) is not None:
                raise _already_saved(record)
            _put_docs(tables, [record])

    def put(self, record: BaseModel) -> None:
        self.put_many([record])

    def put_many(self, records: Iterable[BaseModel]) -> None:
        records = list(records)
        if not records:
            return
        profile_id = _one_person(records)
        with self._lock, self._editing_person(profile_id, require_profile=True) as tables:
            _put_docs(tables, records)

    def get(self, model_cls: type[M], profile_id: str, record_id: str) -> M | None:
        table = table_for(model_cls)
        with self._lock:
            docs = self._read_person(profile_id).get(table, {})
            key = _find_key(docs, record_id)
            return None if key is None else from_document(model_cls, docs[key])

    def list(self, model_cls: type[M], profile_id: str) -> list[M]:
        table = table_for(model_cls)
        with self._lock:
            docs = self._read_person(profile_id).get(table, {})
            # TinyDB numbers documents in insertion order; replacing keeps the number.
            ordered = sorted(docs.items(), key=lambda item: _doc_number(item[0]))
            return readable_models(model_cls, (doc for _, doc in ordered))

    def remove(self, model_cls: type[BaseModel], profile_id: str, record_id: str) -> bool:
        table = table_for(model_cls)
        with self._lock:
            if _find_key(self._read_person(profile_id).get(table, {}), record_id) is None:
                return False  # nothing to do, so no lock file is made for an unknown person
            with self._editing_person(profile_id, require_profile=True) as tables:
                key = _find_key(tables.get(table, {}), record_id)
                if key is None:
                    return False
                del tables[table][key]
                return True

    # Settings ---------------------------------------------------------------------------------

    def get_settings(self) -> Settings | None:
        with self._lock:
            doc = self._read(self.settings_path, _no_shape_check, _SETTINGS_FILE)
            return None if doc is None else from_document(Settings, doc)

    def save_settings(self, settings: Settings) -> None:
        with self._lock, self._file_lock(self.settings_path):
            old = self._read(self.settings_path, _no_shape_check, _SETTINGS_FILE)
            if old is not None:
                refuse_newer(old, "settings")
            AtomicJSONStorage(self.settings_path, _no_shape_check).write(to_document(settings))

    # A person's data as a whole ------------------------------------------------------------------

    def export_person(self, profile_id: str) -> dict[str, Any]:
        with self._lock:
            tables = self._read_person(profile_id)
            profile_doc = self._profile_doc(tables)
            if profile_doc is None:
                raise _no_profile(profile_id)
            return self._export(profile_doc, tables)

    def delete_person(self, profile_id: str) -> None:
        with self._lock:
            if self._profile_doc(self._read_person(profile_id)) is None:
                raise _no_profile(profile_id)
            path = self._person_path(profile_id)
            with self._file_lock(path):
                self._unlink(path)
                # Copies set aside when unreadable hold this person's data too.
                for leftover in self.people_dir.glob(path.name + ".*"):
                    if not leftover.name.endswith(".lock"):
                        self._unlink(leftover)
            # Unlinked only after release; a waiting process finds no profile and writes nothing.
            with suppress(FileNotFoundError):
                os.unlink(str(path) + ".lock")
            self._update_index({profile_id: None})
            # A set-aside copy of the index is derived data; one naming this person goes too.
            for old_index in self.data_dir.glob(self.index_path.name + ".unreadable-*"):
                try:
                    names_them = profile_id.encode() in old_index.read_bytes()
                except OSError as exc:
                    raise StoreError(f"Could not check {old_index}: {explain_os_error(exc)}.") from exc
                if names_them:
                    self._unlink(old_index)

    # Records that cannot be read ---------------------------------------------------------------

    def set_aside_record(self, profile_id: str, record: UnreadableRecord) -> str:
        with self._lock:
            path = self._person_path(profile_id)
            with self._editing_person(profile_id, require_profile=True) as tables:
                doc = self._recheck_unreadable(tables, record)
                # Written beside the person's file before it leaves that file: a crash in between
                # leaves two copies, never none.
                target = aside_name(path)
                AtomicJSONStorage(target).write({record.table: {record.key: doc}})
                del tables[record.table][record.key]
            return str(target)

    def set_aside_documents(self, profile_id: str) -> list[dict[str, Any]]:
        with self._lock:
            if not _SAFE_ID.match(profile_id):
                return []
            path = self._person_path(profile_id)
            found = []
            for aside in sorted(self.people_dir.glob(path.name + ".unreadable-*")):
                try:
                    tables = AtomicJSONStorage(aside).read() or {}
                except UnreadableFile:
                    continue  # a whole file set aside as it was: it is kept, but holds no records
                found += [doc for docs in tables.values() for doc in docs.values()]
            return found

    def unreadable_records(self, profile_id: str) -> list[UnreadableRecord]:
        # Every page asks on every run; checking every record each time is the cost of a listing
        # of all of them, so the answer is kept until the file changes (a write always replaces it).
        with self._lock:
            stamp = self._file_stamp(profile_id)
            seen = self._unreadable_seen.get(profile_id)
            if stamp is not None and seen is not None and seen[0] == stamp:
                return list(seen[1])
            found = super().unreadable_records(profile_id)
            if stamp is not None:
                self._unreadable_seen[profile_id] = (stamp, found)
            return list(found)

    def _file_stamp(self, profile_id: str) -> tuple[int, int, int] | None:
        if not _SAFE_ID.match(profile_id):
            return None
        try:
            stat = self._person_path(profile_id).stat()
        except OSError:
            return None
        return stat.st_ino, stat.st_mtime_ns, stat.st_size

    def _person_documents(self, profile_id: str) -> Mapping[str, Mapping[str, dict[str, Any]]]:
        tables = self._read_person(profile_id)
        return {table: tables.get(table, {}) for table in PERSON_TABLES.values()}

    # Internals --------------------------------------------------------------------------------

    def _person_path(self, profile_id: str) -> Path:
        return self.people_dir / f"{profile_id}.json"

    def _read_person(self, profile_id: str) -> dict[str, Any]:
        if not _SAFE_ID.match(profile_id):
            return {}
        path = self._person_path(profile_id)
        return self._read(path, tinydb_shape_problem, _PERSON_FILE, owner=profile_id) or {}

    @staticmethod
    def _profile_doc(tables: Mapping[str, Any]) -> dict[str, Any] | None:
        docs = list(tables.get(PROFILE_TABLE, {}).values())
        return docs[0] if docs else None

    @contextmanager
    def _editing_person(
        self, profile_id: str, *, require_profile: bool = False
    ) -> Iterator[dict[str, Any]]:
        """Yield a person's tables under the file lock; write them back once if no error."""
        saved = _SAFE_ID.match(profile_id) and self._person_path(profile_id).exists()
        if require_profile and not saved:
            raise _no_profile(profile_id)  # checked before locking, so no stray lock file
        path = self._person_path(profile_id)
        with self._file_lock(path):
            tables = self._read_person(profile_id)
            if require_profile and self._profile_doc(tables) is None:
                raise _no_profile(profile_id)  # deleted by another process meanwhile
            yield tables
            for table in [PROFILE_TABLE, *PERSON_TABLES.values()]:
                tables.setdefault(table, {})
            AtomicJSONStorage(path).write(tables)

    def _read(
        self,
        path: Path,
        shape_problem: Callable[[dict[str, Any]], str | None],
        what: str,
        owner: str | None = None,
    ) -> dict[str, Any] | None:
        """A file's content; None if missing or unreadable (then set aside, with a notice).

        The notice is kept for `owner`, the person whose file it is (None: no one person), so
        nobody else is told of their file.
        """
        try:
            return self._read_or_set_aside(path, shape_problem, what, owner)
        except StoreError as exc:
            if owner is None:
                raise
            # Someone else's page may be reading it (a team lead's, a mentor's): the file's name,
            # which holds the person's id, goes to its owner only.
            self._tell(owner, str(exc))
            raise StoreError(
                "The saved data of one person could not be opened just now, so this could not be "
                "done. Nothing was changed. Try again in a moment."
            ) from exc

    def _read_or_set_aside(
        self,
        path: Path,
        shape_problem: Callable[[dict[str, Any]], str | None],
        what: str,
        owner: str | None,
    ) -> dict[str, Any] | None:
        storage = AtomicJSONStorage(path, shape_problem)
        try:
            return storage.read()
        except UnreadableFile:
            pass
        with self._file_lock(path):
            try:
                return storage.read()  # another process may have replaced it meanwhile
            except UnreadableFile as problem:
                moved_to = self._set_aside(path)
                self._tell(
                    owner,
                    f"The file with {what}, {path}, could not be read ({problem}). It has been "
                    f"moved to {moved_to} and KIM Pathways carried on without it{_AFTER[what]}. "
                    f"Nothing was deleted: it can be repaired or restored from there.",
                )
                return None

    @staticmethod
    def _set_aside(path: Path) -> Path:
        target = aside_name(path)
        try:
            os.replace(path, target)
        except OSError as exc:
            raise StoreError(
                f"Could not move the unreadable file {path} aside: {explain_os_error(exc)}."
            ) from exc
        return target

    def _ids_on_disk(self) -> set[str]:
        with os.scandir(self.people_dir) as entries:
            return {
                entry.name[: -len(".json")]
                for entry in entries
                if entry.name.endswith(".json") and _SAFE_ID.match(entry.name[: -len(".json")])
            }

    def _repair_index(self, on_disk: set[str]) -> dict[str, str]:
        with self._file_lock(self.index_path):
            old = self._read(self.index_path, _index_shape_problem, _INDEX_FILE)
            names = {pid: n for pid, n in (old or {}).get("profiles", {}).items() if pid in on_disk}
            for profile_id in sorted(on_disk - names.keys()):
                try:
                    doc = self._profile_doc(self._read_person(profile_id))
                except StoreError as exc:
                    # One file the system will not open must not stop everyone's list of people.
                    self._tell(profile_id, str(exc))
                    continue
                if doc is not None and isinstance(doc.get("name"), str):
                    names[profile_id] = doc["name"]
            AtomicJSONStorage(self.index_path, _index_shape_problem).write(
                {"schema_version": SCHEMA_VERSION, "profiles": names}
            )
            return names

    def _update_index(self, changes: Mapping[str, str | None]) -> None:
        # Always after the person file is written: a crash in between is repaired on listing.
        with self._file_lock(self.index_path):
            old = self._read(self.index_path, _index_shape_problem, _INDEX_FILE)
            names = dict((old or {}).get("profiles", {}))
            for profile_id, name in changes.items():
                if name is None:
                    names.pop(profile_id, None)
                else:
                    names[profile_id] = name
            AtomicJSONStorage(self.index_path, _index_shape_problem).write(
                {"schema_version": SCHEMA_VERSION, "profiles": names}
            )

    @contextmanager
    def _file_lock(self, path: Path) -> Iterator[None]:
        # One reentrant instance per path (is_singleton), so nested use in one operation is safe.
        lock = FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT_SECONDS, is_singleton=True)
        try:
            lock.acquire()
        except Timeout:
            raise StoreError(
                f"{path.name} is being saved by another copy of KIM Pathways and did not become "
                f"free within {LOCK_TIMEOUT_SECONDS} seconds. Try again."
            ) from None
        except OSError as exc:
            raise StoreError(f"Could not lock {path} for saving: {explain_os_error(exc)}.") from exc
        try:
            yield
        finally:
            lock.release()

    def _remove_temporary_leftovers(self) -> None:
        """Delete the temporary files of writes that were killed before renaming them into place.

        They are copies of personal data. Each goes only under its file's lock, so the temporary
        file of a write still at work (in another process) is left alone.
        """
        leftovers = [*self.people_dir.glob("*.json.*.tmp")]
        for name in (self.index_path.name, self.settings_path.name):
            leftovers += self.data_dir.glob(f"{name}.*.tmp")
        for leftover in leftovers:
            target = leftover.with_name(leftover.name.split(".json.", 1)[0] + ".json")
            lock_path = Path(str(target) + ".lock")
            had_lock_file = lock_path.exists()
            lock = FileLock(str(lock_path), timeout=LOCK_TIMEOUT_SECONDS, is_singleton=True)
            try:
                lock.acquire(timeout=0)
            except (Timeout, OSError):
                continue  # being written now, or not ours to lock: left for a later opening
            try:
                self._unlink(leftover)
            finally:
                lock.release()
            if not had_lock_file and not target.exists():
                with suppress(OSError):
                    lock_path.unlink()

    @staticmethod
    def _unlink(path: Path) -> None:
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise StoreError(f"Could not delete {path}: {explain_os_error(exc)}.") from exc


def _doc_number(key: str) -> int:
    return int(key) if key.isdigit() else 0


def _find_key(docs: Mapping[str, Any], record_id: str) -> str | None:
    for key, doc in docs.items():
        if doc.get("id") == record_id:
            return key
    return None


def _put_docs(tables: dict[str, Any], records: Iterable[BaseModel]) -> None:
    """Insert or replace records in a person's tables, keeping each replaced record's place."""
    for record in records:
        docs = tables.setdefault(table_for(type(record)), {})
        key = _find_key(docs, record.id)
        if key is None:
            key = str(max((_doc_number(k) for k in docs), default=0) + 1)
        else:
            refuse_newer(docs[key], kind_name(type(record)))
        docs[key] = to_document(record)
