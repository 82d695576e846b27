"""The content of files read lately, kept while each file is provably unchanged, so a page run parses it once.

A file is known by what one `os.stat` says of it: its inode, change time and size. Every write of
saved data replaces the file by renaming a new one into place (`files.write_json`), so a write by
any thread or any other process gives the file a new inode, and the next look finds the entry out
of date. Only files that were read whole and well are kept: a missing or damaged file is never
kept, so it is set aside, and its owner told, exactly as without the cache.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

FileStamp = tuple[int, int, int]
"""What proves a file unchanged: (inode, change time in nanoseconds, size in bytes)."""

DEFAULT_SIZE = 64
"""How many files are kept at most; the one used longest ago goes first."""


def file_stamp(path: Path) -> FileStamp | None:
    """The file's inode, change time and size, or None when it cannot be looked at (or is not there)."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


class UnchangedFileCache:
    """The parsed content of the files read last, each kept only while its stamp is the same.

    What it hands out is the very object it keeps: a reader must treat it as read-only (copy
    before changing anything in it). Safe across threads.

    Args:
        size: How many files are kept at most.
    """

    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        self.size = size
        self._entries: OrderedDict[Path, tuple[FileStamp, Mapping[str, Any]]] = OrderedDict()
        self._lock = threading.Lock()

    def read(self, path: Path, read_file: Callable[[], dict[str, Any] | None]) -> Mapping[str, Any] | None:
        """The file's content: kept from the last read while the file is unchanged, else `read_file()`.

        What `read_file` returns is kept only when the file had the same stamp before and after
        reading it (so no write slipped in between) and it is not None (no file, or it could not be
        read and was set aside).

        Raises:
            Whatever `read_file` raises; nothing is kept then.
        """
        before = file_stamp(path)
        if before is not None:
            with self._lock:
                entry = self._entries.get(path)
                if entry is not None and entry[0] == before:
                    self._entries.move_to_end(path)
                    return entry[1]
        content = read_file()
        after = file_stamp(path)
        with self._lock:
            if content is None or before is None or after != before:
                self._entries.pop(path, None)
                return content
            self._entries[path] = (before, content)
            self._entries.move_to_end(path)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return content

    def forget(self, path: Path) -> None:
        """Drop what is kept of a file (it is being written, deleted or set aside)."""
        with self._lock:
            self._entries.pop(path, None)
