"""Opening the configured store: where people's data is kept, and the repository that keeps it there.

TinyDB files in a folder unless `KIM_PATHWAYS_DATABASE_URL` names a PostgreSQL database (a
department's server running several processes); the README's first command sets neither.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from planner.store.repository import Repository
from planner.store.tinydb_store import TinyDBRepository

DATA_DIR_ENV = "KIM_PATHWAYS_DATA_DIR"
"""The environment variable that names the data folder."""

DATABASE_URL_ENV = "KIM_PATHWAYS_DATABASE_URL"
"""The environment variable that names a PostgreSQL database to keep everything in instead."""


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
    """Open the configured store.

    Args:
        data_dir: A folder of TinyDB files to use, whatever the environment says; when None, the
            database KIM_PATHWAYS_DATABASE_URL names if it is set, else `default_data_dir()`.

    Returns:
        A PostgreSQL repository (its schema brought up to date), or a TinyDB repository for the
        folder (created if absent).

    Raises:
        StoreError: The folder could not be created, or the database could not be reached or is
            at a newer schema version than this version of KIM Pathways knows.
    """
    url = os.environ.get(DATABASE_URL_ENV, "").strip()
    if data_dir is None and url:
        # Imported here, so that running on TinyDB files never loads the database driver.
        from planner.store.postgres_store import PostgresRepository

        return PostgresRepository(url)
    return TinyDBRepository(data_dir if data_dir is not None else default_data_dir())
