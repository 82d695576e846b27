"""Files of saved data: written atomically (a crash never leaves half a file), read with care, locked.

A file that is not what it should be raises `UnreadableFile` with the reason in plain English,
whatever is wrong with it (cut short, not JSON, nested or numbered past what a reader can take).
Every other failure of the file system becomes a `StoreError` that says what to do.
"""

from __future__ import annotations

import errno
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from planner.domain.models import utc_now
from planner.errors import StoreError
from planner.jsontext import NotJSON, parse_json

LOCK_TIMEOUT_SECONDS = 30

ShapeCheck = Callable[[dict[str, Any]], str | None]
"""What is wrong with a file's JSON object for its purpose, in words, or None when nothing is."""


# The files changed so far by the use case under way on this thread, with what each held before
# (None: there was no file): see `journalled`.
_JOURNAL: ContextVar[dict[Path, bytes | None] | None] = ContextVar("kim_pathways_file_journal", default=None)


@contextmanager
def journalled() -> Iterator[None]:
    """Put every file changed inside back as it was if anything raises: one use case, all or nothing.

    Each file is remembered just before its first change (`write_json`, `delete_file`,
    `move_aside`). Used inside another, it joins that one. It undoes changes made by this thread
    of this process; the caller keeps other threads out (the repository's lock). A crash of the
    process in the middle leaves the files already replaced, each of them whole.

    Raises:
        StoreError: Putting a file back failed (after the error that caused it, which is chained).
    """
    if _JOURNAL.get() is not None:
        yield
        return
    journal: dict[Path, bytes | None] = {}
    token = _JOURNAL.set(journal)
    try:
        yield
    except BaseException:
        _JOURNAL.reset(token)
        _put_back(journal)
        raise
    else:
        _JOURNAL.reset(token)


def _remember(path: Path) -> None:
    journal = _JOURNAL.get()
    if journal is None or path in journal:
        return
    try:
        journal[path] = path.read_bytes()
    except FileNotFoundError:
        journal[path] = None
    except OSError as exc:
        raise StoreError(f"Could not read {path} before changing it: {explain_os_error(exc)}.") from exc


def _put_back(journal: dict[Path, bytes | None]) -> None:
    """Every remembered file as it was before the use case (newest change undone first)."""
    for path, before in reversed(journal.items()):
        try:
            try:
                now = path.read_bytes()
            except FileNotFoundError:
                now = None
            if now == before:
                continue  # its change never happened (a write that failed leaves the file as it was)
            if before is None:
                path.unlink()
            else:
                _write_bytes(path, before)
        except OSError as exc:
            raise StoreError(
                f"A change could not be completed, and {path} could not be put back as it was: "
                f"{explain_os_error(exc)}."
            ) from exc


class UnreadableFile(Exception):
    """A data file's content is not what it should be (the reason is plain English)."""


def read_json_object(path: Path, shape_problem: ShapeCheck | None = None) -> dict[str, Any] | None:
    """A file's JSON object, or None when there is no file.

    Args:
        path: The file.
        shape_problem: Checks the object is of the right shape for its purpose.

    Raises:
        UnreadableFile: The file is empty, not UTF-8 JSON, or not an object of the right shape.
        StoreError: The file could not be opened.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"Could not read {path}: {explain_os_error(exc)}.") from exc
    if not raw.strip():
        raise UnreadableFile("it is empty")
    try:
        data = parse_json(raw)
    except NotJSON as exc:
        raise UnreadableFile(f"it {exc.reason}") from None
    if not isinstance(data, dict):
        raise UnreadableFile("it does not hold a JSON object")
    problem = shape_problem(data) if shape_problem is not None else None
    if problem:
        raise UnreadableFile(problem)
    return data


def write_json(path: Path, data: Any) -> None:
    """Replace a file with `data` as UTF-8 JSON: temp file in the same folder, fsync, then rename.

    Raises:
        StoreError: The file could not be written; the previous file is unchanged.
    """
    encoded = json.dumps(data, ensure_ascii=False).encode("utf-8")
    _remember(path)
    try:
        _write_bytes(path, encoded)
    except OSError as exc:
        raise StoreError(
            f"Could not save to {path}: {explain_os_error(exc)}. The data saved before is unchanged."
        ) from exc


def _write_bytes(path: Path, encoded: bytes) -> None:
    """Replace a file with `encoded`: temp file in the same folder, fsync, then rename (raises OSError)."""
    temp_path: str | None = None
    try:
        fd, temp_path = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
        try:
            view = memoryview(encoded)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp_path, path)
        temp_path = None
        _fsync_folder(path.parent)
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
    """What a failure of the file system means for the person, in a few words."""
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


def move_aside(path: Path) -> Path:
    """Move an unreadable file to a new name beside it, whole, and say where it went.

    Raises:
        StoreError: It could not be moved.
    """
    target = aside_name(path)
    _remember(path)
    _remember(target)
    try:
        os.replace(path, target)
    except OSError as exc:
        raise StoreError(f"Could not move the unreadable file {path} aside: {explain_os_error(exc)}.") from exc
    return target


def delete_file(path: Path) -> None:
    """Delete a file if it is there.

    Raises:
        StoreError: It is there and could not be deleted.
    """
    _remember(path)
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        raise StoreError(f"Could not delete {path}: {explain_os_error(exc)}.") from exc


def lock_path(path: Path) -> Path:
    """The lock file that guards writes to `path` across processes."""
    return Path(str(path) + ".lock")


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the lock of `path` against other processes (reentrant within one thread).

    Raises:
        StoreError: Another process held it too long, or the lock file could not be made.
    """
    # One reentrant instance per path (is_singleton), so nested use in one operation is safe.
    lock = FileLock(str(lock_path(path)), timeout=LOCK_TIMEOUT_SECONDS, is_singleton=True)
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


def remove_leftover(leftover: Path, target: Path) -> None:
    """Delete the temporary file of a write to `target` that was killed before renaming it into place.

    It is a copy of personal data. It goes only under its file's lock, so the temporary file of a
    write still at work (in another process) is left alone; no lock file is left for a target
    that is not there.
    """
    lock_file = lock_path(target)
    had_lock_file = lock_file.exists()
    lock = FileLock(str(lock_file), timeout=LOCK_TIMEOUT_SECONDS, is_singleton=True)
    try:
        lock.acquire(timeout=0)
    except (Timeout, OSError):
        return  # being written now, or not ours to lock: left for a later opening
    try:
        delete_file(leftover)
    finally:
        lock.release()
    if not had_lock_file and not target.exists():
        with suppress(OSError):
            lock_file.unlink()
