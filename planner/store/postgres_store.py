"""The PostgreSQL repository: everyone's data in one database, shared by every server process.

Chosen by `KIM_PATHWAYS_DATABASE_URL` (planner/store/factory.py) when the app runs as several
processes behind a load balancer. Each record is kept as the same JSON document the TinyDB files
hold (`documents.to_document`), in a jsonb column beside the columns it is found by, and with its
schema version as a column too (migrations/0001_initial.sql describes the tables). The schema is
created and upgraded by the numbered SQL files of `planner.store.migrations` when the store opens.

Connections come from a `psycopg_pool.ConnectionPool`, each checked before it is handed out (so
a connection the server closed meanwhile is replaced, not used). Each contract operation is one
transaction; inside `transaction()` every operation of that thread shares one connection and
one database transaction, so a use case's writes are kept together or not at all. Every write
to a person's data first updates their profile row: that locks it, so two sessions changing
one person take turns, and gives it a new change mark from a sequence, in the same transaction.

Sessions run in parallel: the repository's own lock is held only around what this process keeps
in memory, never across a call to the database. Every database error becomes a `StoreError`
in plain English that names the server but never a password.
"""

from __future__ import annotations

import builtins
import threading
from collections.abc import Hashable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

import psycopg
from psycopg import errors as pg_errors
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg.pq import TransactionStatus
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool, PoolTimeout
from pydantic import BaseModel

from planner.bulk import without_cyclic_collection
from planner.domain.models import SCHEMA_VERSION, Profile, ProfileRef, Settings
from planner.errors import StoreError
from planner.store.documents import (
    PERSON_TABLES,
    M,
    UnreadableRecord,
    from_document,
    kind_name,
    one_person,
    owner_and_id,
    person_export,
    readable_models,
    readable_models_from_json,
    refuse_newer,
    shared_table_for,
    still_unreadable,
    table_for,
    to_document,
)
from planner.store.migrations import migrate
from planner.store.repository import (
    Repository,
    already_saved,
    check_data_set_name,
    check_profile_id,
    no_profile,
)

__all__ = ["PostgresRepository", "describe_database"]

_T = TypeVar("_T")

_BATCH = 1000  # records a statement, when many are saved at once

CONNECT_TIMEOUT_SECONDS = 10
"""How long opening one connection may take before the database counts as out of reach."""

# A session waits this long for another to finish with the same person before it gives up; a
# transaction left idle this long (its process stopped answering) is ended by the server, so
# its locks are freed for everyone else.
_SESSION_SETTINGS = b"SET lock_timeout = '30s'; SET idle_in_transaction_session_timeout = '120s'"


def describe_database(url: str) -> str:
    """Where a database URL points, for messages people read: "the database kim on db.example, port 5432".

    Never the user's password: only the host, the port and the database's name.
    """
    try:
        parts = conninfo_to_dict(url)
    except psycopg.Error:
        return "the database KIM_PATHWAYS_DATABASE_URL names"
    host = str(parts.get("host") or parts.get("hostaddr") or "")
    port = str(parts.get("port") or "5432")
    name = str(parts.get("dbname") or parts.get("user") or "")
    if not host:
        server = f"this computer's local socket (port {port})"
    elif host.startswith("/"):
        server = f"the local socket in {host} (port {port})"
    else:
        server = f"{host}, port {port}"
    return f"the database {name} on {server}" if name else f"the database on {server}"


class PostgresRepository(Repository):
    """Everyone's data in one PostgreSQL database, through a pool of connections.

    Args:
        url: A libpq connection URL or string (`postgresql://user:password@host:5432/kim`).
        min_size: Connections kept open while idle.
        max_size: Connections at most: sessions beyond that many at the same moment wait for one.

    Raises:
        StoreError: The database could not be reached, or its schema is newer than this version
            knows, or could not be brought up to date (then nothing is changed).
    """

    def __init__(self, url: str, *, min_size: int = 1, max_size: int = 10) -> None:
        super().__init__()
        self.where = describe_database(url)
        self._local = threading.local()  # .conn: the connection of this thread's transaction
        # profile id -> (the change mark it was read at, their unreadable records then)
        self._unreadable_seen: dict[str, tuple[Hashable, builtins.list[UnreadableRecord]]] = {}
        try:
            settings = conninfo_to_dict(url)
        except psycopg.Error:
            raise StoreError(
                "KIM_PATHWAYS_DATABASE_URL is not a database address KIM Pathways can read: use the form "
                "postgresql://user:password@host:5432/database."
            ) from None
        settings.setdefault("connect_timeout", CONNECT_TIMEOUT_SECONDS)
        settings.setdefault("application_name", "kim-pathways")
        conninfo = make_conninfo("", **settings)
        try:
            first = psycopg.connect(conninfo)
        except psycopg.Error as exc:
            raise self._plain(exc, connecting=True) from exc
        with first:
            try:
                migrate(first)
            except psycopg.Error as exc:
                raise StoreError(
                    f"The schema of {self.where} could not be brought up to date: {_primary(exc)}. "
                    f"Nothing has been changed."
                ) from exc
        self._pool: ConnectionPool[psycopg.Connection[Any]] = ConnectionPool(
            conninfo,
            kwargs={"autocommit": True},
            min_size=min_size,
            max_size=max_size,
            open=False,
            configure=_configure,
            check=ConnectionPool.check_connection,
            name="kim-pathways",
        )
        self._pool.open()

    def close(self) -> None:
        """Close every connection of the pool; the repository cannot be used afterwards."""
        self._pool.close()

    def __enter__(self) -> PostgresRepository:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # Connections ----------------------------------------------------------------------------------

    @contextmanager
    def connection(self) -> Iterator[psycopg.Connection[Any]]:
        """A connection for SQL of one's own: this thread's transaction's, or one of the pool's for a while.

        For tools that speak SQL to the same database (the data-moving command, tests). A pool's
        connection is in autocommit mode: wrap several statements in `conn.transaction()` to keep
        them together. Inside `transaction()` they are part of it.

        Raises:
            StoreError: No connection could be had, or a statement failed (in plain English).
        """
        joined = getattr(self._local, "conn", None)
        with self._translated():
            if joined is not None:
                yield joined
                return
            with self._pool.connection() as conn:
                yield conn

    @contextmanager
    def _writing(self) -> Iterator[psycopg.Connection[Any]]:
        """A connection in a transaction for one operation's statements: this thread's, or a new one."""
        joined = getattr(self._local, "conn", None)
        with self._translated():
            if joined is not None:
                yield joined
                return
            with self._pool.connection() as conn, conn.transaction():
                yield conn

    @contextmanager
    def transaction(self, *, people: Iterable[str] = (), data_sets: Iterable[str] = ()) -> Iterator[None]:
        wanted = sorted(set(people))
        sets = sorted(set(data_sets))
        joined = getattr(self._local, "conn", None)
        if joined is not None:
            with self._translated():
                _lock_profiles(joined, wanted)
                _lock_data_sets(joined, sets)
            yield
            return
        with self._translated(), self._pool.connection() as conn, conn.transaction():
            self._local.conn = conn
            try:
                _lock_profiles(conn, wanted)
                _lock_data_sets(conn, sets)
                yield
                if conn.info.transaction_status != TransactionStatus.INTRANS:
                    # A step failed in the database (or the connection was lost) and its error was
                    # caught: the database keeps none of the transaction, so ending quietly would lose it.
                    raise StoreError(
                        f"A step of this change failed in {self.where}, so none of it was saved. Try again."
                    )
            finally:
                self._local.conn = None

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except psycopg.Error as exc:
            raise self._plain(exc) from exc

    def _plain(self, exc: psycopg.Error, *, connecting: bool = False) -> StoreError:
        """A database error as a sentence for the person who was saving or reading (no password, no traceback)."""
        if isinstance(exc, PoolTimeout):
            return StoreError(
                f"KIM Pathways waited too long for a connection to {self.where}: it may be out of reach, or "
                f"every connection busy. Nothing was changed; try again in a moment."
            )
        state = exc.sqlstate or ""
        where = self.where[:1].upper() + self.where[1:]
        if connecting:
            return StoreError(f"{where} could not be reached: {_why_not_connected(exc, state)}. Check that "
                              f"PostgreSQL is running there and that KIM_PATHWAYS_DATABASE_URL names it.")
        if isinstance(exc, psycopg.OperationalError) and not state:
            return StoreError(f"The connection to {self.where} was lost before this was finished, so a change may "
                              f"not have been saved. Look again before you repeat it.")
        if state.startswith("08") or state in {"57P01", "57P02", "57P03"}:
            return StoreError(f"{where} ended the connection (it may be restarting), so a change may not have been "
                              f"saved. Look again before you repeat it.")
        if isinstance(exc, pg_errors.DeadlockDetected | pg_errors.SerializationFailure):
            return StoreError("Someone else was changing the same data at the same moment, so this change was not "
                              "saved. Try again.")
        if isinstance(exc, pg_errors.LockNotAvailable | pg_errors.QueryCanceled):
            return StoreError("Someone else has been changing the same data for too long, so this change was not "
                              "saved. Try again in a moment.")
        if isinstance(exc, pg_errors.UntranslatableCharacter | pg_errors.CharacterNotInRepertoire):
            return StoreError("The text holds a character the database cannot keep (a NUL character, U+0000), so "
                              "nothing was saved. Remove it and save again.")
        return StoreError(f"{where} refused this: {_primary(exc)}. Nothing was changed.")

    # Profiles ---------------------------------------------------------------------------------

    def list_profiles(self) -> builtins.list[ProfileRef]:
        with self.connection() as conn:
            rows = conn.execute(
                "SELECT id, document ->> 'name' FROM profiles WHERE jsonb_typeof(document -> 'name') = 'string'"
            ).fetchall()
        refs = [ProfileRef(id=profile_id, name=name) for profile_id, name in rows]
        return sorted(refs, key=lambda ref: (ref.name.casefold(), ref.id))

    def get_profile(self, profile_id: str) -> Profile | None:
        with self.connection() as conn:
            row = conn.execute("SELECT document FROM profiles WHERE id = %s", (profile_id,)).fetchone()
        return None if row is None else from_document(Profile, row[0])

    def save_profile(self, profile: Profile) -> None:
        self.save_profiles([profile])

    def save_profiles(self, profiles: Iterable[Profile], records: Iterable[BaseModel] = ()) -> None:
        profiles, records = builtins.list(profiles), builtins.list(records)
        for profile in profiles:
            check_profile_id(profile.id)
        owners = {owner_and_id(record)[0] for record in records}
        if not profiles and not owners:
            return
        named = {profile.id for profile in profiles}
        with self._writing() as conn:
            # Everyone concerned is locked first, in one order, so two such writes cannot deadlock.
            versions = dict(conn.execute(
                'SELECT id, schema_version FROM profiles WHERE id = ANY(%b) ORDER BY id COLLATE "C" FOR UPDATE',
                (sorted(named | owners),),
            ).fetchall())
            missing = sorted(owners - named - versions.keys())
            if missing:
                raise no_profile(missing[0])
            for profile in profiles:
                refuse_newer({"schema_version": versions.get(profile.id)}, "profile")
            _refuse_replacing_newer(conn, records)
            if profiles:
                conn.cursor().executemany(
                    "INSERT INTO profiles (id, document) VALUES (%s, %s) ON CONFLICT (id) "
                    "DO UPDATE SET document = EXCLUDED.document, change_mark = EXCLUDED.change_mark",
                    [(profile.id, Jsonb(to_document(profile))) for profile in profiles],
                )
            _upsert(conn, records)
            if owners - named:  # records only: their people's marks change as well
                conn.execute("UPDATE profiles SET change_mark = nextval('change_marks') WHERE id = ANY(%b)",
                             (sorted(owners - named),))

    # Per-person records -----------------------------------------------------------------------

    def add(self, record: BaseModel) -> None:
        owner, record_id = owner_and_id(record)
        with self._writing() as conn:
            if not _touch(conn, owner):
                raise no_profile(owner)
            added = conn.execute(
                "INSERT INTO person_records (profile_id, kind, id, document) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT (profile_id, kind, id) DO NOTHING RETURNING position",
                (owner, table_for(type(record)), record_id, Jsonb(to_document(record))),
            ).fetchone()
            if added is None:
                raise already_saved(record)

    def put(self, record: BaseModel) -> None:
        self.put_many([record])

    def put_many(self, records: Iterable[BaseModel]) -> None:
        records = builtins.list(records)
        if not records:
            return
        profile_id = one_person(records)
        with self._writing() as conn:
            if not _touch(conn, profile_id):
                raise no_profile(profile_id)
            _refuse_replacing_newer(conn, records)
            _upsert(conn, records)

    def get(self, model_cls: type[M], profile_id: str, record_id: str) -> M | None:
        table = table_for(model_cls)
        with self.connection() as conn:
            row = conn.execute(
                "SELECT document FROM person_records WHERE profile_id = %s AND kind = %s AND id = %s",
                (profile_id, table, record_id),
            ).fetchone()
        return None if row is None else from_document(model_cls, row[0])

    def list(self, model_cls: type[M], profile_id: str) -> builtins.list[M]:
        table = table_for(model_cls)
        with self.connection() as conn:
            rows = conn.execute(
                "SELECT document FROM person_records WHERE profile_id = %s AND kind = %s ORDER BY position",
                (profile_id, table),
            ).fetchall()
        return readable_models(model_cls, [row[0] for row in rows])

    def change_marks(self, profile_ids: Iterable[str]) -> dict[str, Hashable | None]:
        wanted = builtins.list(dict.fromkeys(profile_ids))
        with self.connection() as conn:
            rows = conn.execute("SELECT id, change_mark FROM profiles WHERE id = ANY(%b)", (wanted,)).fetchall()
        marks = {row[0]: int(row[1]) for row in rows}
        return {profile_id: marks.get(profile_id) for profile_id in wanted}

    def get_profiles(self, profile_ids: Iterable[str]) -> dict[str, Profile]:
        wanted = builtins.list(dict.fromkeys(profile_ids))
        with without_cyclic_collection(), self.connection() as conn:
            rows = conn.execute("SELECT id, document FROM profiles WHERE id = ANY(%b)", (wanted,)).fetchall()
            documents = dict(rows)
            return {pid: from_document(Profile, documents[pid]) for pid in wanted if pid in documents}

    def list_many(self, model_cls: type[M], profile_ids: Iterable[str]) -> dict[str, builtins.list[M]]:
        table = table_for(model_cls)
        wanted = builtins.list(dict.fromkeys(profile_ids))
        # Thousands of documents become Python objects, then models: see without_cyclic_collection.
        with without_cyclic_collection(), self.connection() as conn:
            # As text, which pydantic reads straight into models (readable_models_from_json).
            rows = conn.execute(
                "SELECT profile_id, document::text FROM person_records WHERE profile_id = ANY(%b) AND kind = %s "
                "ORDER BY profile_id, position",
                (wanted, table),
            ).fetchall()
            documents: dict[str, builtins.list[str]] = {pid: [] for pid in wanted}
            for profile_id, document in rows:
                documents[profile_id].append(document)
            return {pid: readable_models_from_json(model_cls, docs) for pid, docs in documents.items()}

    def add_many(self, records: Iterable[BaseModel]) -> None:
        records = builtins.list(records)
        if not records:
            return
        owners = sorted({owner_and_id(record)[0] for record in records})
        with self._writing() as conn:
            # Locked in id order (two leads recording looks at once never wait on each other in a
            # circle), then one new change mark each and one statement per thousand records.
            locked_ids = {row[0] for row in conn.execute(
                "SELECT id FROM profiles WHERE id = ANY(%b) ORDER BY id FOR UPDATE", (owners,)).fetchall()}
            missing = [owner for owner in owners if owner not in locked_ids]
            if missing:
                raise no_profile(missing[0])
            conn.execute("UPDATE profiles SET change_mark = nextval('change_marks') WHERE id = ANY(%b)", (owners,))
            for batch in _batches(records):
                columns = [owner_and_id(record) for record in batch]
                added = conn.execute(
                    "INSERT INTO person_records (profile_id, kind, id, document) "
                    "SELECT * FROM unnest(%b::text[], %b::text[], %b::text[], %b::jsonb[]) "
                    "ON CONFLICT (profile_id, kind, id) DO NOTHING RETURNING profile_id, kind, id",
                    ([c[0] for c in columns], [table_for(type(record)) for record in batch], [c[1] for c in columns],
                     [Jsonb(to_document(record)) for record in batch]),
                ).fetchall()
                if len(added) < len(batch):
                    made = {(row[0], row[2], row[1]) for row in added}
                    first = next(r for r in batch if (*owner_and_id(r), table_for(type(r))) not in made)
                    raise already_saved(first)

    def change_mark(self, profile_id: str) -> Hashable | None:
        with self.connection() as conn:
            row = conn.execute("SELECT change_mark FROM profiles WHERE id = %s", (profile_id,)).fetchone()
        return None if row is None else int(row[0])

    def remove(self, model_cls: type[BaseModel], profile_id: str, record_id: str) -> bool:
        table = table_for(model_cls)
        with self._writing() as conn:
            # Locked first, as every write; the mark changes only when something was removed.
            if conn.execute("SELECT id FROM profiles WHERE id = %s FOR UPDATE", (profile_id,)).fetchone() is None:
                return False
            gone = conn.execute(
                "DELETE FROM person_records WHERE profile_id = %s AND kind = %s AND id = %s RETURNING position",
                (profile_id, table, record_id),
            ).fetchone()
            return gone is not None and _touch(conn, profile_id)

    # Settings ---------------------------------------------------------------------------------

    def get_settings(self) -> Settings | None:
        with self.connection() as conn:
            row = conn.execute("SELECT document FROM settings").fetchone()
        return None if row is None else from_document(Settings, row[0])

    def save_settings(self, settings: Settings) -> None:
        with self._writing() as conn:
            row = conn.execute("SELECT schema_version FROM settings FOR UPDATE").fetchone()
            refuse_newer({"schema_version": None if row is None else row[0]}, "settings")
            conn.execute(
                "INSERT INTO settings (document) VALUES (%s) "
                "ON CONFLICT (singleton) DO UPDATE SET document = EXCLUDED.document",
                (Jsonb(to_document(settings)),),
            )

    # Records shared between people -------------------------------------------------------------

    def list_shared(self, model_cls: type[M]) -> builtins.list[M]:
        table = shared_table_for(model_cls)
        with self.connection() as conn:
            rows = conn.execute("SELECT document FROM shared_records WHERE kind = %s ORDER BY position",
                                (table,)).fetchall()
        return readable_models(model_cls, [row[0] for row in rows])

    def put_shared(self, record: BaseModel) -> None:
        table = shared_table_for(type(record))
        record_id = str(getattr(record, "id"))  # noqa: B009 - every shared kind has an id
        with self._writing() as conn:
            row = conn.execute("SELECT schema_version FROM shared_records WHERE kind = %s AND id = %s FOR UPDATE",
                               (table, record_id)).fetchone()
            if row is not None:
                refuse_newer({"schema_version": row[0]}, kind_name(type(record)))
            conn.execute(
                "INSERT INTO shared_records (kind, id, document) VALUES (%s, %s, %s) "
                "ON CONFLICT (kind, id) DO UPDATE SET document = EXCLUDED.document",
                (table, record_id, Jsonb(to_document(record))),
            )

    def remove_shared(self, model_cls: type[BaseModel], record_ids: Iterable[str]) -> int:
        table = shared_table_for(model_cls)
        doomed = sorted(set(record_ids))
        if not doomed:
            return 0
        with self.connection() as conn:
            cursor = conn.execute("DELETE FROM shared_records WHERE kind = %s AND id = ANY(%b)", (table, doomed))
            return cursor.rowcount

    # Imported data sets -------------------------------------------------------------------------

    def get_data_set(self, name: str) -> dict[str, Any] | None:
        check_data_set_name(name)
        with self.connection() as conn:
            row = conn.execute("SELECT document FROM data_sets WHERE name = %s", (name,)).fetchone()
        return None if row is None else dict(row[0])

    def put_data_set(self, name: str, doc: Mapping[str, Any]) -> None:
        check_data_set_name(name)
        with self.connection() as conn:
            conn.execute(
                "INSERT INTO data_sets (name, document) VALUES (%s, %s) "
                "ON CONFLICT (name) DO UPDATE SET document = EXCLUDED.document, change_mark = EXCLUDED.change_mark",
                (name, Jsonb(dict(doc))),
            )

    def remove_data_set(self, name: str) -> bool:
        check_data_set_name(name)
        with self.connection() as conn:
            return conn.execute("DELETE FROM data_sets WHERE name = %s", (name,)).rowcount > 0

    def data_set_mark(self, name: str) -> Hashable | None:
        check_data_set_name(name)
        with self.connection() as conn:
            row = conn.execute("SELECT change_mark FROM data_sets WHERE name = %s", (name,)).fetchone()
        return None if row is None else int(row[0])

    # A person's data as a whole ----------------------------------------------------------------

    def export_person(self, profile_id: str) -> dict[str, Any]:
        with self.connection() as conn:
            # One statement, so the profile and the records are read as they were at one moment.
            row = conn.execute(
                "SELECT p.document, (SELECT coalesce(jsonb_agg(jsonb_build_array(r.kind, r.document) "
                "ORDER BY r.position), '[]') FROM person_records r WHERE r.profile_id = p.id) "
                "FROM profiles p WHERE p.id = %s",
                (profile_id,),
            ).fetchone()
        if row is None:
            raise no_profile(profile_id)
        tables: dict[str, builtins.list[dict[str, Any]]] = {}
        for kind, doc in row[1]:
            tables.setdefault(kind, []).append(doc)
        return person_export(row[0], tables)

    def delete_person(self, profile_id: str) -> None:
        with self.connection() as conn:
            # Their records and set-aside records go with the profile row (ON DELETE CASCADE).
            gone = conn.execute("DELETE FROM profiles WHERE id = %s RETURNING id", (profile_id,)).fetchone()
        if gone is None:
            raise no_profile(profile_id)
        with self._lock:
            self._unreadable_seen.pop(profile_id, None)

    # Records that cannot be read ---------------------------------------------------------------

    def set_aside_record(self, profile_id: str, record: UnreadableRecord) -> str:
        with self._writing() as conn:
            found: dict[str, dict[str, dict[str, Any]]] = {}
            if _touch(conn, profile_id) and record.key.isdigit():
                row = conn.execute(
                    "SELECT document FROM person_records WHERE profile_id = %s AND kind = %s AND position = %s",
                    (profile_id, record.table, int(record.key)),
                ).fetchone()
                if row is not None:
                    found = {record.table: {record.key: row[0]}}
            still_unreadable(found, record)  # refuses, before anything moves, when it is gone or mended
            number = conn.execute(
                "WITH moved AS (DELETE FROM person_records WHERE profile_id = %s AND kind = %s AND position = %s "
                "RETURNING profile_id, kind, id, position, document) "
                "INSERT INTO set_aside_records (profile_id, kind, id, position, document) "
                "SELECT profile_id, kind, id, position, document FROM moved RETURNING number",
                (profile_id, record.table, int(record.key)),
            ).fetchone()
        assert number is not None  # the row was there, under the person's lock
        return f"the set-aside records in {self.where} (table set_aside_records, number {number[0]})"

    def set_aside_documents(self, profile_id: str) -> builtins.list[dict[str, Any]]:
        with self.connection() as conn:
            rows = conn.execute("SELECT document FROM set_aside_records WHERE profile_id = %s ORDER BY number",
                                (profile_id,)).fetchall()
        return [row[0] for row in rows]

    def unreadable_records(self, profile_id: str) -> builtins.list[UnreadableRecord]:
        # Every page asks on every run: the answer is kept while the person's change mark is the same
        # (every write gives a new one), so most runs cost one small query, not reading every record.
        # The mark is read first: a write in between is then found again at the next call, never missed.
        mark = self.change_mark(profile_id)
        if mark is None:
            return []
        with self._lock:
            seen = self._unreadable_seen.get(profile_id)
        if seen is not None and seen[0] == mark:
            return builtins.list(seen[1])
        found = super().unreadable_records(profile_id)
        with self._lock:
            self._unreadable_seen[profile_id] = (mark, found)
        return builtins.list(found)

    def _person_documents(self, profile_id: str) -> Mapping[str, Mapping[str, dict[str, Any]]]:
        with self.connection() as conn:
            rows = conn.execute(
                "SELECT kind, position, document FROM person_records WHERE profile_id = %s AND kind = ANY(%b) "
                "ORDER BY position",
                (profile_id, builtins.list(PERSON_TABLES.values())),
            ).fetchall()
        tables: dict[str, dict[str, dict[str, Any]]] = {}
        for kind, position, doc in rows:
            tables.setdefault(kind, {})[str(position)] = doc
        return tables


def _configure(conn: psycopg.Connection[Any]) -> None:
    """Set up a connection the pool has just opened."""
    conn.execute(_SESSION_SETTINGS)


def _primary(exc: psycopg.Error) -> str:
    """The server's own one-line message of an error, without its full stop."""
    said = exc.diag.message_primary or str(exc).strip().splitlines()[0]
    return said.rstrip(".")


def _why_not_connected(exc: psycopg.Error, state: str) -> str:
    """Why a connection could not be opened, in words (psycopg's message names no password, but is not plain)."""
    said = str(exc).lower()
    if state in {"28P01", "28000"} or "password" in said or "authentication" in said:
        return "it refused the user name or password"
    if state == "3D000" or ("database" in said and "does not exist" in said):
        return "there is no database of that name on the server"
    if state == "53300" or "too many" in said:
        return "it has no connection free"
    if state == "57P03" or "starting up" in said or "shutting down" in said:
        return "it is starting up or shutting down"
    if "timeout" in said or "timed out" in said:
        return "it did not answer in time"
    if "translate host name" in said or "name or service not known" in said:
        return "no computer of that name was found"
    if "refused" in said or "no such file" in said:
        return "nothing answered there"
    return "the connection failed"


def _lock_profiles(conn: psycopg.Connection[Any], profile_ids: builtins.list[str]) -> None:
    """Lock people's profile rows against other sessions' writes until the transaction ends, in one order."""
    if profile_ids:
        conn.execute('SELECT id FROM profiles WHERE id = ANY(%b) ORDER BY id COLLATE "C" FOR UPDATE', (profile_ids,))


def _lock_data_sets(conn: psycopg.Connection[Any], names: builtins.list[str]) -> None:
    """Make other sessions' transactions naming these data sets wait until this one ends, in one order.

    An advisory lock, not a row lock: a data set nobody has imported yet has no row to lock.
    """
    for name in names:
        conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (f"kim-pathways data set {name}",))


def _touch(conn: psycopg.Connection[Any], profile_id: str) -> bool:
    """Lock a person's profile row and give it a new change mark, before a write to their data.

    Returns:
        False when the person has no profile (nothing is locked or changed).
    """
    return conn.execute(
        "UPDATE profiles SET change_mark = nextval('change_marks') WHERE id = %s RETURNING id", (profile_id,)
    ).fetchone() is not None


def _refuse_replacing_newer(conn: psycopg.Connection[Any], records: builtins.list[BaseModel]) -> None:
    """Refuse, before anything is written, to replace a record that a newer version saved.

    Raises:
        NewerVersionError: One of the records would replace one saved by a newer version.
    """
    for batch in _batches(records):
        wanted = {(*owner_and_id(record), table_for(type(record))): record for record in batch}
        owners, ids, kinds = (builtins.list(column) for column in zip(*wanted))
        rows = conn.execute(
            "SELECT r.profile_id, r.id, r.kind, r.schema_version FROM person_records r "
            "JOIN unnest(%b::text[], %b::text[], %b::text[]) AS w (profile_id, id, kind) USING (profile_id, id, kind) "
            "WHERE r.schema_version > %s",
            (owners, ids, kinds, SCHEMA_VERSION),
        ).fetchall()
        for owner, record_id, kind, version in rows:
            refuse_newer({"schema_version": version}, kind_name(type(wanted[(owner, record_id, kind)])))


def _upsert(conn: psycopg.Connection[Any], records: builtins.list[BaseModel]) -> None:
    """Insert or replace records by owner and id, a statement per batch, each replaced one keeping its place."""
    # The same record twice in one write: the last one wins, in the place of the first (as in a dict).
    latest: dict[tuple[str, str, str], dict[str, Any]] = {}
    for record in records:
        latest[(*owner_and_id(record), table_for(type(record)))] = to_document(record)
    for batch in _batches(builtins.list(latest.items())):
        conn.execute(
            "INSERT INTO person_records (profile_id, id, kind, document) "
            "SELECT w.profile_id, w.id, w.kind, w.document FROM unnest(%b::text[], %b::text[], %b::text[], "
            "%b::jsonb[]) WITH ORDINALITY AS w (profile_id, id, kind, document, n) ORDER BY w.n "
            "ON CONFLICT (profile_id, kind, id) DO UPDATE SET document = EXCLUDED.document",
            ([key[0] for key, _ in batch], [key[1] for key, _ in batch], [key[2] for key, _ in batch],
             [Jsonb(doc) for _, doc in batch]),
        )


def _batches(items: builtins.list[_T]) -> Iterator[builtins.list[_T]]:
    """The items a thousand at a time: an import of many people is not sent as one enormous statement."""
    for start in range(0, len(items), _BATCH):
        yield items[start:start + _BATCH]
