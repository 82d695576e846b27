"""Opening the configured store: where people's data is kept, and the repository that keeps it there."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from planner.store.repository import Repository
from planner.store.tinydb_store import TinyDBRepository

DATA_DIR_ENV = "KIM_PATHWAYS_DATA_DIR"
"""The environment variable that names the data folder."""


def default_data_dir() -> Path:
    """Where people's data is kept unless told otherwise.

    Returns:
        The folder named by the KIM_PATHWAYS_DATA_DIR environment variable if it is set,
        otherwise the user data folder of this operating system (outside the repository).
    """
    chosen = os.environ.get(DATA_DIR_ENV, "").strip()
    if chosen:
        return Path(chosen).expanduser()
    return Path(platformdirs.user_data_dir("kim-pathways", appauthor=False))


def open_repository(data_dir: Path | None = None) -> Repository:
    """Open the saved data in a folder.

    Args:
        data_dir: The folder to use; `default_data_dir()` when None.

    Returns:
        A TinyDB repository for that folder (created if absent).

    Raises:
        StoreError: The folder could not be created.
    """
    return TinyDBRepository(data_dir if data_dir is not None else default_data_dir())
