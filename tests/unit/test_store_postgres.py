"""The PostgreSQL store beyond the contract: concurrency, faults, schema migrations, and choosing it.

Every test runs against a real PostgreSQL (tests/pg.py, through the `postgres` fixtures of
tests/conftest.py): a throw-away cluster, or the server KIM_PATHWAYS_TEST_DATABASE_URL names.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import tomllib
import uuid
from pathlib import Path

import psycopg
import pytest

from planner import store
from planner.domain.models import SCHEMA_VERSION, Mentorship, PlanItem, Profile, Settings
from planner.errors import StoreError
from planner.store import migrations
from planner.store.postgres_store import PostgresRepository
from planner.store.tinydb_store import TinyDBRepository

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def empty_database(postgres, request) -> tuple[str, str]:
    """The name and URL of a new database that has never seen KIM Pathways, dropped at the end."""
    name = f"kim_empty_{uuid.uuid4().hex[:12]}"  # unique: a server named by the environment may be shared
    url = postgres.create_database(name)
    request.addfinalizer(lambda: postgres.drop_database(name))
    return name, url


@pytest.fixture
def pg_repo(postgres_url):
    repo = PostgresRepository(postgres_url, max_size=10)
    yield repo
    repo.close()


@pytest.fixture
def person(pg_repo) -> Profile:
    profile = Profile(name="Llŷr Siân", current_grade="HEO")
    pg_repo.save_profile(profile)
    return profile


def _objectives(repo, profile_id) -> list[str]:
    return [item.objective for item in repo.list(PlanItem, profile_id)]


def _run_together(work, count: int) -> list[BaseException]:
    """Run `work(n)` on `count` threads started together; the exceptions any of them raised."""
    start, failures = threading.Barrier(count), []

    def run(n: int) -> None:
        start.wait()
        try:
            work(n)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            failures.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return failures


# --- Many sessions writing to one person at once ----------------------------------------------


def test_eight_threads_each_saving_fifty_records_to_one_person_lose_none(pg_repo, person):
    def save_fifty(thread: int) -> None:
        for n in range(50):
            pg_repo.put(PlanItem(id=f"t{thread}-{n:02d}", profile_id=person.id, objective=f"{thread} {n}"))

    assert _run_together(save_fifty, 8) == []

    saved = [item.id for item in pg_repo.list(PlanItem, person.id)]
    assert sorted(saved) == sorted(f"t{t}-{n:02d}" for t in range(8) for n in range(50))
    for thread in range(8):  # each session's records in the order it saved them
        own = [i for i in saved if i.startswith(f"t{thread}-")]
        assert own == sorted(own)


def test_eight_threads_counting_in_one_record_in_transactions_lose_no_count(pg_repo, person):
    counter = PlanItem(id="counter", profile_id=person.id, objective="0")
    pg_repo.put(counter)

    def count_up(thread: int) -> None:
        for _ in range(25):
            # Read, then write what was read plus one: without the person's row lock two sessions
            # would read the same number and one count would be lost.
            with pg_repo.transaction(people=[person.id]):
                seen = int(pg_repo.get(PlanItem, person.id, "counter").objective)
                pg_repo.put(counter.model_copy(update={"objective": str(seen + 1)}))

    assert _run_together(count_up, 8) == []
    assert pg_repo.get(PlanItem, person.id, "counter").objective == "200"


def test_an_import_of_many_people_and_records_is_saved_whole_and_in_order(pg_repo, person):
    people = [Profile(id=f"person-{n}", name=f"Person {n}", current_grade="EO") for n in range(3)]
    records = [PlanItem(id=f"item-{n:04d}", profile_id=people[n % 3].id, objective=f"{n}") for n in range(2_500)]
    records.append(PlanItem(id="mine", profile_id=person.id, objective="Of someone saved before"))

    pg_repo.save_profiles(people, records)

    for n, profile in enumerate(people):
        assert _objectives(pg_repo, profile.id) == [str(i) for i in range(n, 2_500, 3)]
    assert _objectives(pg_repo, person.id) == ["Of someone saved before"]


def test_a_session_waiting_for_one_persons_lock_does_not_hold_up_another_person(pg_repo, person):
    other = Profile(name="Grace Hopper", current_grade="G7")
    pg_repo.save_profile(other)
    holding, release = threading.Event(), threading.Event()

    def long_use_case() -> None:
        with pg_repo.transaction(people=[person.id]):
            pg_repo.put(PlanItem(profile_id=person.id, objective="Slow"))
            holding.set()
            release.wait(20)

    slow = threading.Thread(target=long_use_case)
    slow.start()
    try:
        assert holding.wait(20)
        # Neither the database nor this process's lock keeps another person's session waiting.
        pg_repo.put(PlanItem(profile_id=other.id, objective="Meanwhile"))
        assert _objectives(pg_repo, other.id) == ["Meanwhile"]
        assert _objectives(pg_repo, person.id) == []  # not yet committed, so not seen
        assert release.is_set() is False
    finally:
        release.set()
        slow.join(30)
    assert _objectives(pg_repo, person.id) == ["Slow"]


WRITER = r"""
import sys
from planner.domain.models import PlanItem
from planner.store.postgres_store import PostgresRepository

url, who, person, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
repo = PostgresRepository(url, max_size=2)
print("ready", flush=True)
sys.stdin.readline()  # every writer starts at the same moment
for n in range(count):
    repo.put(PlanItem(id=f"{who}-{n:03d}", profile_id=person, objective=f"{who} {n}"))
repo.close()
print("done", flush=True)
"""


def _processes(script: str, *argument_lists: list[str]) -> list[subprocess.Popen[str]]:
    """Start one Python process per argument list, wait until each says it is ready, then let them all go."""
    started = [subprocess.Popen([sys.executable, "-c", script, *arguments], cwd=ROOT, text=True,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE) for arguments in argument_lists]
    for process in started:
        assert process.stdout.readline().strip() == "ready"
    for process in started:
        process.stdin.write("go\n")
        process.stdin.flush()
    return started


def _finish(process: subprocess.Popen[str]) -> str:
    out, _ = process.communicate(timeout=120)
    assert process.returncode == 0, out
    return out


def test_two_processes_saving_to_one_person_at_once_lose_nothing(pg_repo, person, postgres_url):
    mark = pg_repo.change_mark(person.id)

    writers = _processes(WRITER, [postgres_url, "a", person.id, "60"], [postgres_url, "b", person.id, "60"])
    for writer in writers:
        assert _finish(writer).split() == ["done"]

    saved = [item.id for item in pg_repo.list(PlanItem, person.id)]
    assert sorted(saved) == sorted(f"{w}-{n:03d}" for w in "ab" for n in range(60))
    assert [i for i in saved if i.startswith("a-")] == [f"a-{n:03d}" for n in range(60)]
    assert pg_repo.change_mark(person.id) != mark  # another process's writes change the mark seen here


# --- A connection lost part way ----------------------------------------------------------------


def _terminate(url: str, backend_pid: int) -> None:
    with psycopg.connect(url, autocommit=True) as admin:
        assert admin.execute("SELECT pg_terminate_backend(%s)", (backend_pid,)).fetchone() == (True,)


def test_a_connection_killed_mid_transaction_leaves_nothing_half_written_and_the_store_usable(
    pg_repo, person, postgres_url
):
    before = PlanItem(profile_id=person.id, objective="Saved before")
    pg_repo.put(before)
    mark = pg_repo.change_mark(person.id)

    with pytest.raises(StoreError) as lost:
        with pg_repo.transaction(people=[person.id]):
            pg_repo.put_many([PlanItem(profile_id=person.id, objective=f"Part {n}") for n in range(3)])
            pg_repo.put(before.model_copy(update={"objective": "Changed in the transaction"}))
            pg_repo.put_shared(Mentorship(asked_by="mentee", mentee_id=person.id, mentee_name=person.name,
                                          mentor_email="grace@example.gov.uk"))
            with pg_repo.connection() as conn:  # the transaction's own connection
                _terminate(postgres_url, conn.info.backend_pid)
            pg_repo.put(PlanItem(profile_id=person.id, objective="After the connection went"))

    assert "connection" in str(lost.value) and "Traceback" not in str(lost.value)
    assert _objectives(pg_repo, person.id) == ["Saved before"]
    assert pg_repo.list_shared(Mentorship) == []
    assert pg_repo.change_mark(person.id) == mark
    pg_repo.put(PlanItem(profile_id=person.id, objective="Carrying on"))
    assert _objectives(pg_repo, person.id) == ["Saved before", "Carrying on"]


def test_a_lost_connection_whose_error_was_caught_inside_the_transaction_still_saves_nothing(
    pg_repo, person, postgres_url
):
    with pytest.raises(StoreError, match="none of it was saved"):
        with pg_repo.transaction(people=[person.id]):
            pg_repo.put(PlanItem(profile_id=person.id, objective="Part"))
            with pg_repo.connection() as conn:
                _terminate(postgres_url, conn.info.backend_pid)
            with pytest.raises(StoreError):
                pg_repo.put(PlanItem(profile_id=person.id, objective="Lost"))
            # The use case carries on as if the error did not matter: the transaction must not end quietly.

    assert _objectives(pg_repo, person.id) == []


def test_connections_the_server_closed_while_idle_are_replaced_unnoticed(pg_repo, person, postgres_url):
    pg_repo.put(PlanItem(profile_id=person.id, objective="Before the restart"))
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        ended = admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchone()
    assert ended[0] >= 1  # the pool's idle connection

    assert _objectives(pg_repo, person.id) == ["Before the restart"]


def test_removing_a_record_that_is_not_there_leaves_the_change_mark_alone(pg_repo, person):
    mark = pg_repo.change_mark(person.id)

    assert pg_repo.remove(PlanItem, person.id, "no-such-item") is False

    assert pg_repo.change_mark(person.id) == mark  # what was worked out from their data still holds


def test_text_the_database_cannot_keep_is_refused_in_plain_words(pg_repo):
    with pytest.raises(StoreError, match=r"a NUL character, U\+0000.*nothing was saved"):
        pg_repo.save_profile(Profile(name="Nul\x00Name", current_grade="HEO"))
    assert pg_repo.list_profiles() == []


# --- Every record with its schema version ------------------------------------------------------


def test_every_stored_record_has_its_schema_version_as_a_column_and_in_its_document(pg_repo, person, postgres_url):
    pg_repo.put(PlanItem(profile_id=person.id, objective="Versioned"))
    pg_repo.put_shared(Mentorship(asked_by="mentee", mentee_id=person.id, mentee_name=person.name,
                                  mentor_email="grace@example.gov.uk"))
    pg_repo.save_settings(Settings(min_months_in_grade=9))

    with psycopg.connect(postgres_url) as conn:
        for table in ("profiles", "person_records", "shared_records", "settings"):
            rows = conn.execute(f"SELECT schema_version, document -> 'schema_version' FROM {table}").fetchall()
            assert rows and set(rows) == {(SCHEMA_VERSION, SCHEMA_VERSION)}, table


# --- Schema migrations -------------------------------------------------------------------------


def _applied(url: str) -> list[tuple[int, int]]:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT version, count(*) FROM schema_migrations GROUP BY version ORDER BY version").fetchall()


def test_the_migrations_are_numbered_from_one_without_gaps_and_shipped_with_the_package():
    found = migrations.migrations()
    assert [m.version for m in found] == list(range(1, len(found) + 1))
    assert migrations.known_version() == len(found) >= 1
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    assert package_data["planner.store.migrations"] == ["*.sql"]  # or a wheel would hold no schema


def test_an_empty_database_is_migrated_at_open_and_opening_it_again_applies_nothing_twice(empty_database):
    url = empty_database[1]

    for _ in range(2):
        PostgresRepository(url).close()
    with psycopg.connect(url) as conn:
        assert migrations.migrate(conn) == []
        assert migrations.schema_version(conn) == migrations.known_version()

    assert _applied(url) == [(version, 1) for version in range(1, migrations.known_version() + 1)]


MIGRATOR = r"""
import json, sys
import psycopg
from planner.store import migrations

with psycopg.connect(sys.argv[1]) as conn:
    print("ready", flush=True)
    sys.stdin.readline()
    print(json.dumps(migrations.migrate(conn)), flush=True)
"""


def test_processes_starting_at_once_on_an_empty_database_apply_each_migration_once(empty_database):
    url = empty_database[1]

    starting = _processes(MIGRATOR, [url], [url], [url])
    applied = sorted(json.loads(_finish(process).split("\n")[0]) for process in starting)

    everything = list(range(1, migrations.known_version() + 1))
    assert applied == [[], [], everything]  # one applied them all; the others waited, then found nothing to do
    assert _applied(url) == [(version, 1) for version in everything]


def test_a_migration_that_fails_part_way_keeps_nothing_of_any_migration_and_says_why(
    postgres, empty_database, monkeypatch
):
    name, url = empty_database
    known = migrations.migrations()
    broken = migrations.Migration(len(known) + 1, "broken", "CREATE TABLE extra (x integer); CREATE TABLE profiles (id text);")
    monkeypatch.setattr(migrations, "migrations", lambda: [*known, broken])

    with pytest.raises(StoreError) as refused:
        PostgresRepository(url)

    assert str(refused.value) == (f"The schema of the database {name} on {postgres.host}, port {postgres.port} could "
                                  f'not be brought up to date: relation "profiles" already exists. Nothing has been changed.')
    with psycopg.connect(url) as conn:  # not even the migrations before it, nor the table of versions
        assert conn.execute("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace").fetchone() == (0,)


def test_a_database_at_a_newer_schema_version_refuses_to_open_and_is_left_as_it_was(postgres_url):
    known = migrations.known_version()
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("INSERT INTO schema_migrations (version, name) VALUES (%s, 'from_a_newer_version')", (known + 1,))
        tables = conn.execute("SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace "
                              "ORDER BY relname").fetchall()

    with pytest.raises(StoreError) as refused:
        PostgresRepository(postgres_url)

    assert str(refused.value) == (
        f"The database is at schema version {known + 1}, but this version of KIM Pathways knows versions up to "
        f"{known}. Update KIM Pathways to use this database. Nothing has been changed.")
    with psycopg.connect(postgres_url) as conn:
        assert conn.execute("SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace "
                            "ORDER BY relname").fetchall() == tables
    assert _applied(postgres_url)[-1] == (known + 1, 1)


# --- A database out of reach ---------------------------------------------------------------------


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_database_that_cannot_be_reached_is_refused_in_plain_words_naming_the_server_not_the_password():
    port = _closed_port()

    with pytest.raises(StoreError) as refused:
        PostgresRepository(f"postgresql://kim:Sw0rdfish-secret@127.0.0.1:{port}/kim")

    assert str(refused.value) == (
        f"The database kim on 127.0.0.1, port {port} could not be reached: nothing answered there. Check that "
        f"PostgreSQL is running there and that KIM_PATHWAYS_DATABASE_URL names it.")


def test_a_database_missing_from_the_server_is_named_as_missing(postgres):
    with pytest.raises(StoreError, match="there is no database of that name on the server") as refused:
        PostgresRepository(postgres.url("kim_never_made"))
    assert f"kim_never_made on {postgres.host}, port {postgres.port} could not be reached" in str(refused.value)


@pytest.mark.parametrize("url", ["postgresql://kim:Sw0rdfish-secret@[bad/kim", "host=x port=notaport password=Sw0rdfish-secret"])
def test_a_database_url_that_cannot_be_read_is_refused_without_repeating_it(url):
    with pytest.raises(StoreError) as refused:
        PostgresRepository(url)
    assert "Sw0rdfish" not in str(refused.value)
    assert "KIM_PATHWAYS_DATABASE_URL" in str(refused.value)


# --- Choosing the store --------------------------------------------------------------------------


def test_the_database_url_in_the_environment_chooses_postgresql(monkeypatch, postgres_url, tmp_path):
    monkeypatch.setenv(store.DATABASE_URL_ENV, postgres_url)
    monkeypatch.setenv(store.DATA_DIR_ENV, str(tmp_path / "data"))

    chosen = store.open_repository()
    try:
        assert isinstance(chosen, PostgresRepository)
    finally:
        chosen.close()
    assert isinstance(store.open_repository(tmp_path / "folder"), TinyDBRepository)  # a folder asked for by name
    assert not (tmp_path / "data").exists()


def test_without_a_database_url_the_store_is_tinydb_files_as_before(monkeypatch, tmp_path):
    monkeypatch.delenv(store.DATABASE_URL_ENV, raising=False)
    monkeypatch.setenv(store.DATA_DIR_ENV, str(tmp_path / "data"))

    chosen = store.open_repository()

    assert isinstance(chosen, TinyDBRepository)
    assert chosen.data_dir == tmp_path / "data"
