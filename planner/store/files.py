"""Files of saved data: written atomically (a crash never leaves half a file), and read with care.

A file that is not what it should be raises `UnreadableFile` with the reason in plain English,
whatever is wrong with it (cut short, not JSON, nested or numbered past what a reader can take).
"""

from __future__ import annotations

import errno
import json
import os
import tempfile
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from planner.domain.models import utc_now
from planner.errors import StoreError
from planner.jsontext import NotJSON, parse_json


class UnreadableFile(Exception):
    """A data file's content is not what it should be (the reason is plain English)."""


def tinydb_shape_problem(data: dict[str, Any]) -> str | None:
    for table in data.values():
        if not isinstance(table, dict) or not all(isinstance(doc, dict) for doc in table.values()):
            return "it is not a TinyDB database of tables of records"
    return None


class AtomicJSONStorage(Storage):
    """A TinyDB storage that replaces its file atomically, so a crash never leaves half a file.

    Usable as `TinyDB(path, storage=AtomicJSONStorage)`; the repository calls it directly so that
    every change is exactly one read and one write of the file.
    """

    def __init__(
        self,
        path: str | Path,
        shape_problem: Callable[[dict[str, Any]], str | None] = tinydb_shape_problem,
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self._shape_problem = shape_problem

    def read(self) -> dict[str, Any] | None:
        """The file's content, or None when there is no file.

        Raises:
            UnreadableFile: The file is empty, not UTF-8 JSON, or not an object of the right shape.
            StoreError: The file could not be opened.
        """
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StoreError(f"Could not read {self.path}: {explain_os_error(exc)}.") from exc
        if not raw.strip():
            raise UnreadableFile("it is empty")
        try:
            data = parse_json(raw)
        except NotJSON as exc:
            raise UnreadableFile(f"it {exc.reason}") from None
        if not isinstance(data, dict):
            raise UnreadableFile("it does not hold a JSON object")
        problem = self._shape_problem(data)
        if problem:
            raise UnreadableFile(problem)
        return data

    def write(self, data: dict[str, Any]) -> None:
        """Replace the file with `data`: temp file in the same folder, fsync, then rename.

        Raises:
            StoreError: The file could not be written; the previous file is unchanged.
        """
        encoded = json.dumps(data, ensure_ascii=False).encode("utf-8")
        temp_path: str | None = None
        try:
            fd, temp_path = tempfile.mkstemp(
                dir=self.path.parent, prefix=self.path.name + ".", suffix=".tmp"
            )
            try:
                view = memoryview(encoded)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(temp_path, self.path)
            temp_path = None
            _fsync_folder(self.path.parent)
        except OSError as exc:
            raise StoreError(
                f"Could not save to {self.path}: {explain_os_error(exc)}. "
                f"The data saved before is unchanged."
            ) from exc
        finally:
            if temp_path is not None:
                with suppress(OSError):
                    os.unlink(temp_path)


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself survive a power cut; not possible (nor needed) on Windows.
    if os.name != "posix":
        return
    # Best effort: the file itself is already complete and in place, and some file systems
    # refuse to fsync a folder.
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def explain_os_error(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full; free some space and try again"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "the folder is read-only or this program may not write to it"
    return exc.strerror or str(exc)


def aside_name(path: Path) -> Path:
    """A new name beside `path` for something set aside now, never one already taken."""
    stamp = utc_now().strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.unreadable-{stamp}")
    suffix = 1
    while target.exists():
        suffix += 1
        target = path.with_name(f"{path.name}.unreadable-{stamp}-{suffix}")
    return target
