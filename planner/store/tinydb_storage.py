"""The TinyDB storage of a person's file: JSON replaced atomically, read with care, one write per change.

`TinyDB(path, storage=AtomicJSONStorage)` opens a file as TinyDB does (tables of documents
numbered by id, queries, upserts), but every write goes through `files.write_json` (a crash never
leaves half a file) and every read through `files.read_json_object` (a damaged file raises
`UnreadableFile` instead of a traceback). TinyDB reads and writes the whole file for every table
operation; `holding` keeps one operation's content in memory, so a change of several tables is one
read and one write of the file, all or nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from planner.store.files import ShapeCheck, read_json_object, write_json


def tinydb_shape_problem(data: dict[str, Any]) -> str | None:
    """What keeps a JSON object from being a TinyDB database (tables of documents by number), or None."""
    for table in data.values():
        if not isinstance(table, dict) or not all(isinstance(doc, dict) for doc in table.values()):
            return "it is not a TinyDB database of tables of records"
        if not all(key.isascii() and key.isdigit() for key in table):
            return "it is not a TinyDB database: its records are not numbered"
    return None


class AtomicJSONStorage(Storage):
    """A TinyDB storage that replaces its file atomically, so a crash never leaves half a file.

    Usable as `TinyDB(path, storage=AtomicJSONStorage)`; other JSON files can pass their own
    `shape_problem`.
    """

    def __init__(self, path: str | Path, shape_problem: ShapeCheck | None = tinydb_shape_problem) -> None:
        super().__init__()
        self.path = Path(path)
        self.shape_problem = shape_problem
        self._held: dict[str, Any] | None = None
        self._holding = False
        self._changed = False
        self._read_only = False

    def read(self) -> dict[str, Any] | None:
        """The file's content (what is held, while holding), or None when there is no file.

        Raises:
            UnreadableFile: The file is empty, not UTF-8 JSON, or not an object of the right shape.
            StoreError: The file could not be opened.
        """
        if self._holding:
            return self._held
        return read_json_object(self.path, self.shape_problem)

    def write(self, data: dict[str, Any]) -> None:
        """Replace the file with `data` (while holding: at the end of the operation).

        Raises:
            StoreError: The file could not be written; the previous file is unchanged.
            RuntimeError: The content held is only for reading (see `holding`).
        """
        if self._read_only:
            raise RuntimeError(f"{self.path.name} is open only for reading here; nothing was changed")
        if self._holding:
            self._held, self._changed = data, True
            return
        write_json(self.path, data)

    @contextmanager
    def holding(
        self, content: dict[str, Any] | None, *, write_back: bool = True, read_only: bool = False
    ) -> Iterator[None]:
        """Serve reads from `content` (the file as just read) and write the file once, at the end.

        Nothing is written when nothing changed, when the operation raises (so a change that
        fails half way leaves the file as it was), or without `write_back` (a reading). The caller
        holds the file's lock throughout a change. With `read_only`, `content` may be shared with
        other readers, so any write is refused before it can change it.

        Raises:
            StoreError: The file could not be written; the previous file is unchanged.
        """
        self._held, self._holding, self._changed, self._read_only = content, True, False, read_only
        try:
            yield
            changed, data = self._changed, self._held
        finally:
            self._held, self._holding, self._changed, self._read_only = None, False, False, False
        if write_back and changed and data is not None:
            write_json(self.path, data)
