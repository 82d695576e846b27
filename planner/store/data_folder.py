"""The folder of saved data: its layout, the index of names, the settings, and reading every file with care.

Layout: `people/<profile_id>.json` (one TinyDB database per person), `index.json` (profile id
-> name, so listing people opens one file, and beside it `index-log.jsonl`, the people added
since it was last written whole: see `name_index`) and `settings.json`. A file that cannot be
read is moved aside whole, with a timestamp, and the person it concerns is told; nothing is deleted.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import suppress
from pathlib import Path
from typing import Any

from planner.errors import StoreError
from planner.store.file_cache import UnchangedFileCache
from planner.store.files import (
    ShapeCheck,
    UnreadableFile,
    delete_file,
    explain_os_error,
    lock_path,
    locked,
    move_aside,
    read_json_object,
    remove_leftover,
    write_json,
)
from planner.store.name_index import NameIndex, index_shape_problem
from planner.store.repository import is_usable_profile_id
from planner.store.tinydb_storage import tinydb_shape_problem

PERSON_FILE = "your saved data"
INDEX_FILE = "the list of people"
INDEX_LOG_FILE = "the people added lately to the list of people"
SETTINGS_FILE = "the settings"
SHARED_FILE = "the records shared between people (mentoring consents and teams)"
# What carrying on without each kind of file means, for the notice.
_AFTER = {
    PERSON_FILE: " (your profile no longer appears in the list of people)",
    INDEX_FILE: " (the list has been rebuilt from the people's own files)",
    INDEX_LOG_FILE: " (the list has been rebuilt from the people's own files)",
    SETTINGS_FILE: " (the default settings apply until they are saved again)",
    SHARED_FILE: " (mentoring consents and teams start again from none)",
}

Tell = Callable[[str | None, str], None]
"""Keeps a notice for the person it concerns (None: no one person)."""


def _shared_shape_problem(data: dict[str, Any]) -> str | None:
    for table, docs in data.items():
        if not isinstance(docs, dict) or not all(isinstance(doc, dict) for doc in docs.values()):
            return f"its table '{table}' is not a set of records"
    return None


class DataFolder:
    """One folder of saved data, read with care and written under file locks.

    Args:
        data_dir: The folder (created if absent).
        tell: Where notices about unreadable files go, for the person each concerns.

    Raises:
        StoreError: The folder could not be created.
    """

    def __init__(self, data_dir: Path, tell: Tell) -> None:
        self.data_dir = Path(data_dir)
        self.people_dir = self.data_dir / "people"
        self.index_path = self.data_dir / "index.json"
        self.settings_path = self.data_dir / "settings.json"
        self.shared_path = self.data_dir / "shared.json"
        self.index_log_path = self.data_dir / "index-log.jsonl"
        self._tell = tell
        self._names = NameIndex(
            self.index_path,
            self.index_log_path,
            read_index=lambda: self.read(self.index_path, index_shape_problem, INDEX_FILE),
            log_unreadable=lambda path, problem: self._set_aside(path, INDEX_LOG_FILE, None, problem),
        )
        # So are the shared records on a server (several times a run: consents, teams), by every session.
        self._shared_cache = UnchangedFileCache(size=1)
        try:
            self.people_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"Could not create the data folder {self.people_dir}: {explain_os_error(exc)}.") from exc
        self._remove_temporary_leftovers()

    def person_path(self, profile_id: str) -> Path:
        """The file of a person (the id must be usable: see `is_usable_profile_id`)."""
        return self.people_dir / f"{profile_id}.json"

    # Reading with care ------------------------------------------------------------------------

    def read_person(self, profile_id: str) -> dict[str, Any] | None:
        """A person's file as stored; None if there is none (or it was unreadable and set aside)."""
        if not is_usable_profile_id(profile_id):
            return None
        return self.read(self.person_path(profile_id), tinydb_shape_problem, PERSON_FILE, owner=profile_id)

    def read(
        self, path: Path, shape_problem: ShapeCheck | None, what: str, owner: str | None = None
    ) -> dict[str, Any] | None:
        """A file's content; None if missing or unreadable (then set aside, with a notice).

        The notice is kept for `owner`, the person whose file it is (None: no one person), so
        nobody else is told of their file.

        Raises:
            StoreError: The file could not be opened (the message names no one; its owner is told).
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
        self, path: Path, shape_problem: ShapeCheck | None, what: str, owner: str | None
    ) -> dict[str, Any] | None:
        try:
            return read_json_object(path, shape_problem)
        except UnreadableFile:
            pass
        with locked(path):
            try:
                return read_json_object(path, shape_problem)  # another process may have replaced it meanwhile
            except UnreadableFile as problem:
                self._set_aside(path, what, owner, problem)
                return None

    def _set_aside(self, path: Path, what: str, owner: str | None, problem: UnreadableFile) -> None:
        """Move an unreadable file aside (under its lock, or the one guarding it) and tell `owner`."""
        moved_to = move_aside(path)
        self._tell(
            owner,
            f"The file with {what}, {path}, could not be read ({problem}). It has been "
            f"moved to {moved_to} and KIM Pathways carried on without it{_AFTER[what]}. "
            f"Nothing was deleted: it can be repaired or restored from there.",
        )

    # Settings ---------------------------------------------------------------------------------

    def read_settings(self) -> dict[str, Any] | None:
        """The settings document, or None when none are saved (or they were unreadable)."""
        return self.read(self.settings_path, None, SETTINGS_FILE)

    def write_settings(self, replace: Callable[[dict[str, Any] | None], dict[str, Any]]) -> None:
        """Replace the settings document by `replace(old)`, under the file's lock."""
        with locked(self.settings_path):
            write_json(self.settings_path, replace(self.read_settings()))

    # Records shared between people ------------------------------------------------------------

    def read_shared(self) -> Mapping[str, Any]:
        """The shared records as stored: table -> record id -> document (empty when none are saved).

        Parsed once while the file is unchanged (by anyone: see `UnchangedFileCache`), so what it
        gives is shared by every reader: read it, never change it.
        """
        return self._shared_cache.read(self.shared_path, self._read_shared_file) or {}

    def _read_shared_file(self) -> dict[str, Any] | None:
        return self.read(self.shared_path, _shared_shape_problem, SHARED_FILE)

    def write_shared(self, change: Callable[[dict[str, Any]], None]) -> None:
        """Change the shared records in place by `change(tables)` and write them, under the file's lock."""
        with locked(self.shared_path):
            # A change starts from the file as it is now, under its lock, never from kept content.
            self._shared_cache.forget(self.shared_path)
            try:
                tables = self._read_shared_file() or {}
                change(tables)
                write_json(self.shared_path, tables)
            finally:
                self._shared_cache.forget(self.shared_path)

    # The index of names -----------------------------------------------------------------------

    def profile_names(self, name_in_file: Callable[[str], str | None]) -> dict[str, str]:
        """Profile id -> name of everyone with a file, from the index (repaired when out of step).

        Args:
            name_in_file: Reads the name from one person's own file (None if it has none).
        """
        names = self._names.read()
        if names is not None and names.keys() == self._ids_on_disk():
            return names
        # Missing, set aside or out of step after a crash: repaired from people/.
        with locked(self.index_path):
            return self._names.repair(self._ids_on_disk(), lambda pid: self._name_or_tell(name_in_file, pid))

    def _name_or_tell(self, name_in_file: Callable[[str], str | None], profile_id: str) -> str | None:
        try:
            return name_in_file(profile_id)
        except StoreError as exc:
            # One file the system will not open must not stop everyone's list of people.
            self._tell(profile_id, str(exc))
            return None

    def update_index(self, changes: Mapping[str, str | None]) -> None:
        """Set the names of some people in the index (None: remove them from it)."""
        # Always after the person file is written: a crash in between is repaired on listing.
        with locked(self.index_path):
            self._names.update(changes)

    def _ids_on_disk(self) -> set[str]:
        with os.scandir(self.people_dir) as entries:
            return {
                entry.name[: -len(".json")]
                for entry in entries
                if entry.name.endswith(".json") and is_usable_profile_id(entry.name[: -len(".json")])
            }

    # Set-aside copies and deletion ------------------------------------------------------------

    def set_aside_copies(self, profile_id: str) -> Iterator[Path]:
        """The copies of a person's file, or of records from it, set aside as unreadable, oldest first."""
        if not is_usable_profile_id(profile_id):
            return iter(())
        return iter(sorted(self.people_dir.glob(self.person_path(profile_id).name + ".unreadable-*")))

    def forget_person(self, profile_id: str) -> None:
        """Delete a person's file, every copy set aside from it, its lock, and their name from the index.

        Raises:
            StoreError: A file could not be deleted.
        """
        path = self.person_path(profile_id)
        with locked(path):
            delete_file(path)
            # Copies set aside when unreadable hold this person's data too.
            for leftover in self.people_dir.glob(path.name + ".*"):
                if not leftover.name.endswith(".lock"):
                    delete_file(leftover)
        # Unlinked only after release; a waiting process finds no profile and writes nothing.
        with suppress(FileNotFoundError):
            os.unlink(lock_path(path))
        self.update_index({profile_id: None})  # the index written whole, and its log deleted
        # A set-aside copy of the index or its log is derived data; one naming this person goes too.
        old_copies = [*self.data_dir.glob(self.index_path.name + ".unreadable-*"),
                      *self.data_dir.glob(self.index_log_path.name + ".unreadable-*")]
        for old_index in old_copies:
            try:
                names_them = profile_id.encode() in old_index.read_bytes()
            except OSError as exc:
                raise StoreError(f"Could not check {old_index}: {explain_os_error(exc)}.") from exc
            if names_them:
                delete_file(old_index)

    def _remove_temporary_leftovers(self) -> None:
        """Delete the temporary files of writes that were killed before renaming them into place."""
        leftovers = [*self.people_dir.glob("*.json.*.tmp")]
        for name in (self.index_path.name, self.settings_path.name):
            leftovers += self.data_dir.glob(f"{name}.*.tmp")
        for leftover in leftovers:
            remove_leftover(leftover, leftover.with_name(leftover.name.split(".json.", 1)[0] + ".json"))
