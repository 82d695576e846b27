"""The PostgreSQL store's schema: plain numbered SQL files, applied in order when a store opens.

Each file here, `NNNN_what_it_does.sql`, is one migration: version NNNN (from 0001, with no
gaps). `migrate` applies those the database has not had, in order, all in one transaction, and
records each in the table `schema_migrations`; a database that already has them all is left
as it is. Several server processes may start at once: a transaction-scoped advisory lock makes
them take turns, so each migration is applied once. A database at a newer version than the
files here (a newer KIM Pathways has been run on it) is refused before anything is changed.

Why plain SQL files and not a migration tool (Alembic, yoyo-migrations): the schema is a few
tables of JSON documents, with no ORM whose models a tool could compare against; a numbered
file is the change itself, readable and reviewable by a database administrator as it will be
run (and runnable by hand with psql); and the runner is the thirty lines below, not one more
dependency to install, keep up to date and learn. A migration must be able to run inside a
transaction (so no `CREATE INDEX CONCURRENTLY`), and a file, once released, is never edited:
a change is a new file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import psycopg

from planner.errors import StoreError

MIGRATIONS_LOCK = 0x4B494D_5041_5448  # "KIM" "PA" "TH": the advisory lock every starting process takes

_FILE_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
)
"""


@dataclass(frozen=True)
class Migration:
    """One numbered SQL file: its version, its name (the rest of the file name) and its statements."""

    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """Every migration this version of KIM Pathways has, in order of version.

    Raises:
        RuntimeError: The files are not numbered 0001, 0002 ... without a gap (a mistake in the release).
    """
    found = []
    for entry in resources.files(__package__).iterdir():
        matched = _FILE_NAME.match(entry.name)
        if matched:
            found.append(Migration(int(matched[1]), matched[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda migration: migration.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"The schema migrations are not numbered from 0001 without gaps: {versions}")
    return found


def known_version() -> int:
    """The newest schema version this version of KIM Pathways knows."""
    return len(migrations())


def schema_version(conn: psycopg.Connection[Any]) -> int:
    """The database's schema version: its newest applied migration, or 0 for a database never migrated."""
    if conn.execute("SELECT to_regclass('schema_migrations') IS NULL").fetchone() == (True,):
        return 0
    row = conn.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()
    return int(row[0]) if row else 0


def migrate(conn: psycopg.Connection[Any]) -> list[int]:
    """Bring a database's schema up to this version's, in one transaction.

    Args:
        conn: A connection that is not in a transaction (it is committed, or rolled back, here).

    Returns:
        The versions applied now (empty when the database was up to date).

    Raises:
        StoreError: The database is at a newer schema version than this version knows (nothing is changed).
        psycopg.Error: A migration failed (nothing of any of them is kept).
    """
    known = migrations()
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATIONS_LOCK,))
        conn.execute(_VERSION_TABLE)
        applied = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
        newest = max(applied, default=0)
        if newest > len(known):
            raise StoreError(
                f"The database is at schema version {newest}, but this version of KIM Pathways knows "
                f"versions up to {len(known)}. Update KIM Pathways to use this database. Nothing has been changed."
            )
        done = []
        for migration in known:
            if migration.version not in applied:
                conn.execute(migration.sql.encode("utf-8"))
                conn.execute("INSERT INTO schema_migrations (version, name) VALUES (%s, %s)",
                             (migration.version, migration.name))
                done.append(migration.version)
        return done
