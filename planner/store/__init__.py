"""People's saved data: the repository contract and the stores that keep it.

- `repository`: the contract every store follows (`Repository`) and the rules they share;
- `documents`: the one place a model becomes a stored document and back;
- `memory`: the twin in memory, for tests;
- `tinydb_store`: one TinyDB file per person (`data_folder` around them, with `name_index` for
  the list of names, `files` and `tinydb_storage` to write atomically and read with care);
- `postgres_store`: everyone's data in one PostgreSQL database, for several server processes
  (`migrations`: its schema, as numbered SQL files);
- `transfer`, `transfer_check`: copying everything from one store into another, and comparing
  them (the command `python -m planner.transfer`);
- `factory`: opens the configured store (`open_repository`: PostgreSQL when
  KIM_PATHWAYS_DATABASE_URL is set, else TinyDB).

The names callers use are re-exported here: `from planner import store; store.open_repository()`.
"""

from __future__ import annotations

from planner.errors import NewerVersionError, RecordExists, StoreError
from planner.store.documents import (
    PERSON_TABLES,
    PROFILE_TABLE,
    UnreadableRecord,
    from_document,
    to_document,
)
from planner.store.factory import DATA_DIR_ENV, DATABASE_URL_ENV, default_data_dir, open_repository
from planner.store.memory import MemoryRepository
from planner.store.repository import Repository, check_profile_id, is_usable_profile_id

__all__ = [
    "DATABASE_URL_ENV",
    "DATA_DIR_ENV",
    "PERSON_TABLES",
    "PROFILE_TABLE",
    "MemoryRepository",
    "NewerVersionError",
    "RecordExists",
    "Repository",
    "StoreError",
    "UnreadableRecord",
    "check_profile_id",
    "default_data_dir",
    "from_document",
    "is_usable_profile_id",
    "open_repository",
    "to_document",
]
