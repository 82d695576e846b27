"""The list of people's names: index.json, written whole now and then, and a log of the people added since.

Listing people reads the index (and its log) instead of every person's file. Creating a profile
used to rewrite the whole index for one new name, so it cost more the more people were saved
(1.8 times as much with 10,000 as with 10). Now, once the index is past `LOG_FROM_BYTES`, a new
person is one line appended to the log, `index-log.jsonl`, and the index is written whole again
(the log folded in, then deleted) only when the log would pass a `LOG_SHARE`th of the index's
size: an addition costs the same at any size, and the rewrites add about `LOG_SHARE` bytes
written per byte added. Below `LOG_FROM_BYTES` (a few hundred people, as on one computer) the
index is rewritten whole, which costs well under a millisecond there, and no log is ever made.

A rename or a removal always writes the index whole, so the log only ever adds people: no old or
removed name lingers in it. That is also what makes it safe without more bookkeeping. Every name
in the log is in that person's own file too, which is written first; so whatever befalls the log
(a writer killed mid-line, a log lost in a power cut or damaged, a use case undone after its
line was written) can only leave people out of the list or name people who have no file, and
both show when a listing compares the ids with the files in people/, and repairs the index from
the people's own files. The index wins over the log: a log left behind by a crash between
writing the index and deleting the log only repeats what the index already says.

Every write of either file holds the index's file lock (threads and processes alike); readers
take none. A reader keeps what it parsed of the log and, while the log only grows, reads just the
lines added since. An unfinished last line (an append under way, or cut short by a crash) is not
read; the next writer cuts it off before appending.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from planner.domain.models import SCHEMA_VERSION
from planner.errors import StoreError
from planner.jsontext import NotJSON, parse_json
from planner.store.file_cache import UnchangedFileCache
from planner.store.files import UnreadableFile, delete_file, explain_os_error, write_json
from planner.store.repository import is_usable_profile_id

LOG_FROM_BYTES = 64 * 1024
"""The size of index from which people added go to the log (below it the index is rewritten whole)."""

LOG_SHARE = 4
"""The log is folded into the index once it would pass this share of the index's size (a quarter)."""


def index_shape_problem(data: dict[str, Any]) -> str | None:
    """What keeps a JSON object from being the index of names, or None."""
    names = data.get("profiles")
    if not isinstance(names, dict) or not all(isinstance(n, str) for n in names.values()):
        return "it is not a list of profiles"
    return None


class _LogRead(NamedTuple):
    """What has been read of the log file: its complete lines up to `end`, as id -> name."""

    inode: int
    head: bytes
    """Its first line: a new log that happens to get the same inode starts with another."""
    end: int
    lines: int
    names: Mapping[str, str]


class NameIndex:
    """Profile id -> name of everyone with a file: the index, and the log of people added since.

    `update` and `repair` must be called holding the index's file lock (`files.locked(index_path)`);
    `read` takes no lock.

    Args:
        index_path: The index (index.json).
        log_path: Its log (index-log.jsonl).
        read_index: Reads the index with care: its content, or None when it is missing or was
            unreadable (then set aside, and someone told).
        log_unreadable: Sets an unreadable log aside, and tells someone.
    """

    def __init__(
        self,
        index_path: Path,
        log_path: Path,
        read_index: Callable[[], dict[str, Any] | None],
        log_unreadable: Callable[[Path, UnreadableFile], None],
    ) -> None:
        self.index_path = index_path
        self.log_path = log_path
        self._read_index = read_index
        self._log_unreadable = log_unreadable
        # The index is read on every page run (the sidebar lists everyone): parsed once while unchanged.
        self._index_cache = UnchangedFileCache(size=1)
        self._log_read: _LogRead | None = None
        self._lock = threading.Lock()

    # Reading ------------------------------------------------------------------------------------

    def read(self) -> dict[str, str] | None:
        """Profile id -> name as the files say now; None when the index is missing or unreadable, or the log unreadable.

        None asks for `repair` (under the lock), which sets an unreadable log aside.
        """
        index = self._index_cache.read(self.index_path, self._read_index)
        if index is None:
            return None
        try:
            log = self._read_log()
        except UnreadableFile:
            return None
        return _folded(index["profiles"], log)

    def repair(self, on_disk: set[str], name_in_file: Callable[[str], str | None]) -> dict[str, str]:
        """The names of the people with a file, the index written whole if it was out of step with them.

        Args:
            on_disk: The ids of the people with a file.
            name_in_file: Reads the name from one person's own file (None if it has none).
        """
        self._index_cache.forget(self.index_path)
        index = self._read_index()
        names = _folded(index["profiles"] if index is not None else {}, self._read_log_with_care())
        if index is not None and names.keys() == on_disk:
            return names  # put right meanwhile: the listing waited for the lock while a writer held it
        names = {profile_id: name for profile_id, name in names.items() if profile_id in on_disk}
        for profile_id in sorted(on_disk - names.keys()):
            name = name_in_file(profile_id)
            if name is not None:
                names[profile_id] = name
        self._write_whole(names)
        return names

    # Writing ------------------------------------------------------------------------------------

    def update(self, changes: Mapping[str, str | None]) -> None:
        """Set the names of some people (None: remove them from the list)."""
        if not changes:
            return
        # Which ids are new is judged from the index as kept only while its file is provably
        # unchanged (the cache compares its stamp), and no one else writes it while the lock is held.
        index = self._index_cache.read(self.index_path, self._read_index)
        log = self._read_log_with_care()
        known = index["profiles"] if index is not None else {}
        lines = b"".join(
            _log_line(profile_id, name) for profile_id, name in changes.items() if name is not None
        )
        only_additions = all(
            name is not None and profile_id not in known and profile_id not in log
            for profile_id, name in changes.items()
        )
        if index is not None and only_additions and self._log_has_room_for(len(lines)):
            self._append(lines)
            return
        # Written whole: a change starts from the file as it is now, never from kept content.
        self._index_cache.forget(self.index_path)
        index = self._read_index()
        names = _folded(index["profiles"] if index is not None else {}, log)
        for profile_id, name in changes.items():
            if name is None:
                names.pop(profile_id, None)
            else:
                names[profile_id] = name
        self._write_whole(names)

    def _log_has_room_for(self, size: int) -> bool:
        index_size = _size(self.index_path)
        return index_size >= LOG_FROM_BYTES and _size(self.log_path) + size <= index_size // LOG_SHARE

    def _append(self, lines: bytes) -> None:
        # The log was read just now, under the lock: what lies past its complete lines is the
        # unfinished line of a writer killed mid-append, cut off so the new lines start clean.
        end = self._log_read.end if self._log_read is not None else 0
        try:
            # No need to make the folder's entry for a new log survive a power cut: a lost log
            # only leaves people out of the list, who are found again from their own files.
            with open(self.log_path, "ab", buffering=0) as log:
                if os.fstat(log.fileno()).st_size > end:
                    log.truncate(end)
                try:
                    view = memoryview(lines)
                    while view:
                        view = view[log.write(view) or 0 :]
                    os.fsync(log.fileno())
                except OSError:
                    log.truncate(end)  # all of this change or none of it
                    raise
        except OSError as exc:
            raise StoreError(
                f"Could not save to {self.log_path}: {explain_os_error(exc)}. The data saved before is unchanged."
            ) from exc

    def _write_whole(self, names: dict[str, str]) -> None:
        write_json(self.index_path, {"schema_version": SCHEMA_VERSION, "profiles": names})
        # Only after the index holds everything in it: a crash in between leaves a log the index repeats.
        delete_file(self.log_path)
        with self._lock:
            self._log_read = None
        self._index_cache.forget(self.index_path)

    # The log ------------------------------------------------------------------------------------

    def _read_log_with_care(self) -> Mapping[str, str]:
        """The log's names (under the lock); an unreadable log is set aside and read as empty."""
        try:
            return self._read_log()
        except UnreadableFile as problem:
            with self._lock:
                self._log_read = None
            self._log_unreadable(self.log_path, problem)
            return {}

    def _read_log(self) -> Mapping[str, str]:
        """Id -> name of the people in the log (empty when there is none), reading only lines not read before.

        Raises:
            UnreadableFile: A complete line is not a person added to the list.
            StoreError: The log could not be opened.
        """
        with self._lock:
            try:
                log = open(self.log_path, "rb")
            except FileNotFoundError:
                self._log_read = None
                return {}
            except OSError as exc:
                raise StoreError(f"Could not read {self.log_path}: {explain_os_error(exc)}.") from exc
            try:
                status = os.fstat(log.fileno())
                seen = self._log_read
                if seen is None or seen.inode != status.st_ino or status.st_size < seen.end or (
                    log.read(len(seen.head)) != seen.head
                ):
                    seen = _LogRead(status.st_ino, b"", 0, 0, {})
                log.seek(seen.end)
                added = log.read(status.st_size - seen.end)
            except OSError as exc:
                raise StoreError(f"Could not read {self.log_path}: {explain_os_error(exc)}.") from exc
            finally:
                log.close()
            complete = added[: added.rfind(b"\n") + 1]
            if complete:
                new_names = _parse_log_lines(complete, seen.lines + 1)
                seen = _LogRead(
                    seen.inode,
                    seen.head or complete[: complete.index(b"\n") + 1],
                    seen.end + len(complete),
                    seen.lines + complete.count(b"\n"),
                    {**seen.names, **new_names},
                )
            self._log_read = seen
            return seen.names


def _folded(index: Mapping[str, str], log: Mapping[str, str]) -> dict[str, str]:
    """The index's names and the people the log adds (the index wins: a log it repeats is one left by a crash)."""
    names = dict(index)
    for profile_id, name in log.items():
        names.setdefault(profile_id, name)
    return names


def _log_line(profile_id: str, name: str) -> bytes:
    entry = {"schema_version": SCHEMA_VERSION, "id": profile_id, "name": name}
    return json.dumps(entry, ensure_ascii=False).encode("utf-8") + b"\n"


def _parse_log_lines(complete: bytes, first_line: int) -> dict[str, str]:
    """Id -> name from complete lines of the log, numbered from `first_line` for the reason when one is not right.

    Raises:
        UnreadableFile: A line is not JSON, or not a person added to the list.
    """
    try:
        # One parse of all the lines as a JSON list: a JSON text holds no raw newline.
        entries = parse_json(b"[" + complete[:-1].replace(b"\n", b",") + b"]")
    except NotJSON:
        entries = None
    if isinstance(entries, list) and all(_is_entry(entry) for entry in entries):
        return {entry["id"]: entry["name"] for entry in entries}
    for number, line in enumerate(complete[:-1].split(b"\n"), first_line):
        try:
            entry = parse_json(line)
        except NotJSON as exc:
            raise UnreadableFile(f"its line {number} {exc.reason}") from None
        if not _is_entry(entry):
            raise UnreadableFile(f"its line {number} is not a person added to the list")
    raise UnreadableFile("it is not a list of people added")  # every line fine alone, yet not together


def _is_entry(entry: Any) -> bool:
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("schema_version"), int)
        and isinstance(entry.get("id"), str)
        and is_usable_profile_id(entry["id"])
        and isinstance(entry.get("name"), str)
        and bool(entry["name"])
    )


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except FileNotFoundError:
        return 0
    except OSError as exc:
        raise StoreError(f"Could not look at {path}: {explain_os_error(exc)}.") from exc
