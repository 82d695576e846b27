"""The framework packs this installation has: the shipped KIM pack, and those a lead installed.

The installed packs, crosswalks and the choice of the one in use are kept as one data set in the
store ("frameworks.json": a file in the data folder, or a row in PostgreSQL), so every process sees
the same. A record names the version it refers to; `pack_for` finds that version, whichever is in use.
"""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path
from typing import TYPE_CHECKING

from planner.domain.models import Framework, FrameworkRef
from planner.domain.versions import FrameworkLibrary
from planner.errors import DataFileError, UnknownFramework, UnreadableDataSet
from planner.io.shipped import DATA_DIR, load_framework, model_from_document, shipped_framework_ref

if TYPE_CHECKING:
    from planner.store.repository import Repository

LIBRARY_FILE = "frameworks.json"
"""The name the store keeps the installed framework packs under."""

_LABEL = f"{LIBRARY_FILE} (the installed framework versions)"


def read_library(repo: Repository) -> FrameworkLibrary:
    """The installed packs, crosswalks and the choice of version in use (empty until a lead installs one).

    Raises:
        DataFileError: the kept library is broken; it is never silently ignored.
        StoreError: the store could not be read.
    """
    try:
        document = repo.get_data_set(LIBRARY_FILE)
    except UnreadableDataSet as exc:
        raise DataFileError(_LABEL, [exc.reason]) from None
    if document is None:
        return FrameworkLibrary()
    return model_from_document(document, FrameworkLibrary, _LABEL)


def save_library(repo: Repository, library: FrameworkLibrary) -> None:
    """Keep the library whole in place of the earlier one.

    Raises:
        StoreError: it could not be written; the earlier one is unchanged.
    """
    repo.put_data_set(LIBRARY_FILE, library.model_dump(mode="json"))


def library_mark(repo: Repository) -> Hashable | None:
    """Different after every change to the library, by any process; None while nothing is installed."""
    return repo.data_set_mark(LIBRARY_FILE)


def every_pack(library: FrameworkLibrary, data_dir: Path = DATA_DIR) -> list[Framework]:
    """The shipped pack and every installed one, oldest release first within each framework."""
    packs = [load_framework(data_dir), *library.packs]
    return sorted(packs, key=lambda p: (p.id, p.released, p.version))


def find_pack(library: FrameworkLibrary, ref: FrameworkRef, data_dir: Path = DATA_DIR) -> Framework:
    """The pack of one version: the shipped one, or one installed.

    Raises:
        UnknownFramework: no such version is here, with a plain message naming it.
    """
    if ref == shipped_framework_ref(data_dir):
        return load_framework(data_dir)
    pack = library.pack(ref)
    if pack is None:
        raise UnknownFramework(ref.id, ref.version)
    return pack


def active_ref(library: FrameworkLibrary, data_dir: Path = DATA_DIR) -> FrameworkRef:
    """The version in use: the one a lead chose, else the shipped KIM pack."""
    return library.active if library.active is not None else shipped_framework_ref(data_dir)


def active_pack(repo: Repository, data_dir: Path = DATA_DIR) -> Framework:
    """The framework pack in use.

    Raises:
        DataFileError: the kept library is broken.
        UnknownFramework: the version chosen is no longer installed.
        StoreError: the store could not be read.
    """
    library = read_library(repo)
    return find_pack(library, active_ref(library, data_dir), data_dir)


def pack_for(repo: Repository, ref: FrameworkRef, data_dir: Path = DATA_DIR) -> Framework:
    """The pack of the version a record refers to, whichever version is in use (find_pack)."""
    return find_pack(read_library(repo), ref, data_dir)
