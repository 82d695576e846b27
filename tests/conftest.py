"""Shared fixtures and factories for the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

from planner.io import shipped  # noqa: E402


@pytest.fixture(scope="session")
def fw():
    """The shipped framework."""
    return shipped.load_framework()


def guide_levels(ladder) -> dict[str, int]:
    """The shipped framework's own guide to the level expected at each grade of the ladder."""
    from planner.domain import framework

    return framework.default_grade_levels(shipped.load_framework(), ladder)


@pytest.fixture(scope="session")
def grades():
    """The shipped grade ladder."""
    return shipped.load_grades()


# --- Store: repositories, the backends under them, and record factories (planner/store/) -----
# Kept in one block so that other fixtures can be added around it without clashes.

import json as _json  # noqa: E402
from collections.abc import Callable as _Callable  # noqa: E402
from dataclasses import dataclass as _store_dataclass  # noqa: E402
from datetime import date as _date  # noqa: E402
from uuid import uuid4 as _uuid4  # noqa: E402

from psycopg.types.json import Jsonb as _Jsonb  # noqa: E402
from tinydb import TinyDB as _TinyDB  # noqa: E402
from tinydb import where as _where  # noqa: E402

from planner import store as _store  # noqa: E402
from planner.domain import models as _models  # noqa: E402
from planner.store import tinydb_store as _store_tinydb  # noqa: E402
from planner.store.postgres_store import PostgresRepository as _PostgresRepository  # noqa: E402
from tests.pg import PostgresCluster as _PostgresCluster  # noqa: E402


@_store_dataclass(frozen=True)
class Backend:
    """One implementation of the repository, and how the contract suite reaches under it.

    Attributes:
        name: Which store it is.
        repo: A fresh, empty repository of that store.
        reopen: Opens the same saved data again, as a second process or a restart would.
    """

    name: str
    repo: _store.Repository
    reopen: _Callable[[], _store.Repository]

    def plant(self, table: str, profile_id: str, doc: dict) -> None:
        """Save a document by hand, bypassing the models, as another version of the app might."""
        plant_document(self.repo, table, profile_id, doc)


def _plant_in_memory(repo: _store.MemoryRepository, table: str, profile_id: str, doc: dict) -> None:
    repo.plant_document(profile_id, table, doc)


def _plant_in_tinydb(repo: _store_tinydb.TinyDBRepository, table: str, profile_id: str, doc: dict) -> None:
    # Through TinyDB itself, as any program that opens the file might.
    db = _TinyDB(repo.people_dir / f"{profile_id}.json", storage=_store_tinydb.AtomicJSONStorage)
    docs = db.table(table)
    if table == _store.PROFILE_TABLE:
        docs.truncate()

    def replace(stored: dict) -> None:
        stored.clear()
        stored.update(doc)

    if not docs.update(replace, _where("id") == doc.get("id")):
        docs.insert(doc)


def _plant_in_postgres(repo: _PostgresRepository, table: str, profile_id: str, doc: dict) -> None:
    # In SQL, as any program that opens the database might; it gives the person a new change mark,
    # as every writer to a person's data must (migrations/0001_initial.sql).
    with repo.connection() as conn, conn.transaction():
        if table == _store.PROFILE_TABLE:
            conn.execute("INSERT INTO profiles (id, document) VALUES (%s, %s) ON CONFLICT (id) DO UPDATE "
                         "SET document = EXCLUDED.document, change_mark = EXCLUDED.change_mark",
                         (profile_id, _Jsonb(doc)))
            return
        conn.execute("UPDATE profiles SET change_mark = nextval('change_marks') WHERE id = %s", (profile_id,))
        conn.execute("INSERT INTO person_records (profile_id, kind, id, document) VALUES (%s, %s, %s, %s) "
                     "ON CONFLICT (profile_id, kind, id) DO UPDATE SET document = EXCLUDED.document",
                     (profile_id, table, str(doc.get("id")), _Jsonb(doc)))


# Each store: how to open a fresh one in a folder, and how to plant a document in it. A new store
# adds one entry here; the contract suite (tests/unit/test_store_contract.py) is not edited. The
# request is for a store that needs fixtures of its own (PostgreSQL: the server) and closes what
# it opened when the test ends.
_BACKENDS: dict[str, _Callable[[Path, pytest.FixtureRequest], Backend]] = {
    "memory": lambda folder, request: _memory_backend(),
    "tinydb": lambda folder, request: Backend(
        "tinydb", _store_tinydb.TinyDBRepository(folder), lambda: _store_tinydb.TinyDBRepository(folder)
    ),
    "postgres": lambda folder, request: _postgres_backend(request),
}
_PLANTERS: dict[type, _Callable[..., None]] = {
    _store.MemoryRepository: _plant_in_memory,
    _store_tinydb.TinyDBRepository: _plant_in_tinydb,
    _PostgresRepository: _plant_in_postgres,
}


def _memory_backend() -> Backend:
    repo = _store.MemoryRepository()
    return Backend("memory", repo, lambda: repo)  # memory lives as long as its one instance


def _postgres_backend(request: pytest.FixtureRequest) -> Backend:
    """A store in a fresh database (`postgres_url`); every repository opened on it is closed at the test's end."""
    url = request.getfixturevalue("postgres_url")
    opened: list[_PostgresRepository] = []

    def open_it() -> _PostgresRepository:
        opened.append(_PostgresRepository(url, min_size=1, max_size=4))
        return opened[-1]

    def close_all() -> None:
        for repo in opened:
            repo.close()

    request.addfinalizer(close_all)
    return Backend("postgres", open_it(), open_it)


@pytest.fixture(scope="session")
def postgres():
    """A real PostgreSQL for this test process (tests/pg.py): KIM_PATHWAYS_TEST_DATABASE_URL's, or a throw-away one."""
    cluster = _PostgresCluster()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def postgres_template(postgres) -> str:
    """The name of a database with the store's schema, migrated once, that each test's database copies."""
    name = f"kim_template_{_uuid4().hex[:12]}"
    _PostgresRepository(postgres.create_database(name)).close()
    return name


@pytest.fixture
def postgres_url(postgres, postgres_template, request) -> str:
    """The URL of a fresh database with the store's schema, dropped at the end of the test."""
    name = f"kim_test_{_uuid4().hex[:12]}"
    url = postgres.create_database(name, template=postgres_template)
    request.addfinalizer(lambda: postgres.drop_database(name))
    return url


@pytest.fixture(params=sorted(_BACKENDS))
def backend(request, tmp_path) -> Backend:
    """Each repository implementation in turn, empty (files in a fresh temporary folder, a fresh database)."""
    return _BACKENDS[request.param](tmp_path / "data", request)


@pytest.fixture
def repo(backend) -> _store.Repository:
    """Each repository implementation in turn (TinyDB in a fresh temporary folder)."""
    return backend.repo


@pytest.fixture
def tinydb_repo(tmp_path) -> _store_tinydb.TinyDBRepository:
    """A TinyDB repository in a fresh temporary folder."""
    return _store_tinydb.TinyDBRepository(tmp_path / "data")


@pytest.fixture
def make_profile():
    """Build a Profile; keyword arguments override the defaults."""

    def build(**overrides) -> _models.Profile:
        fields = {"name": "Ada Lovelace", "current_grade": "HEO"} | overrides
        return _models.Profile(**fields)

    return build


@pytest.fixture
def make_assessment(fw):
    """Build a self-assessment of one person with a rating for every indicator of the framework."""

    def build(profile_id: str, **overrides) -> _models.Assessment:
        ratings = {code: _models.Rating(score=2) for code in fw.codes}
        fields = {"profile_id": profile_id, "taken_on": _date(2025, 3, 1), "ratings": ratings}
        return _models.Assessment(**(fields | overrides))

    return build


@pytest.fixture
def make_plan_item():
    """Build a PDP item of one person."""

    def build(profile_id: str, **overrides) -> _models.PlanItem:
        fields = {
            "profile_id": profile_id,
            "objective": "Run a records-review workshop",
            "indicators": ["2.1.3"],
        }
        return _models.PlanItem(**(fields | overrides))

    return build


@pytest.fixture
def make_draft():
    """Build the ratings-in-progress draft of one person."""

    def build(profile_id: str, **overrides) -> _models.Draft:
        fields = {"profile_id": profile_id, "ratings": {"1.1.1": _models.Rating(score=3)}}
        return _models.Draft(**(fields | overrides))

    return build


def plant_document(repo: _store.Repository, table: str, profile_id: str, doc: dict) -> None:
    """Save a document by hand, bypassing the models, as another version of the app might.

    A profile document replaces the profile; a record replaces the one with the same id.
    """
    _PLANTERS[type(repo)](repo, table, profile_id, _json.loads(_json.dumps(doc)))


# --- End of the store block ----------------------------------------------------------------


# --- Privacy: a person other people hold records about (planner/services/privacy.py) -----------------

from dataclasses import dataclass as _dataclass  # noqa: E402
from datetime import UTC  # noqa: E402
from datetime import datetime as _datetime  # noqa: E402
from pathlib import Path as _Path  # noqa: E402

DISTINCTIVE_NAME = "Zephyrine Quill"
"""A name found nowhere else, so searching the data folder for it finds only her."""


@_dataclass(frozen=True)
class KnownToOthers:
    """Who is who in `make_known_to_others`, and the records that are not about her."""

    person: _models.Profile
    grace: _models.Profile
    ida: _models.Profile
    bob: _models.Profile
    grace_mentee_bob: _models.Mentee
    grace_rating_of_bob: _models.MentorRating
    grace_conversation_with_bob: _models.Conversation


@pytest.fixture
def make_known_to_others():
    """Save Zephyrine Quill with every kind of record, and two mentors' records about her.

    She has two snapshots, a draft and two plan items, and as a mentor two mentees (Bob, who
    uses this installation, and Carol, from a share file) with a rating and a conversation.
    Grace Hopper mentors her (a local mentee record, a rating, a conversation naming her) and
    Bob too; Ida Wells holds her share file (copies of her profile, a snapshot and her plan)
    and a conversation. In a TinyDB folder there are also settings, an old set-aside copy of
    her file, and a set-aside index that names her.
    """

    def build(repo: _store.Repository) -> KnownToOthers:
        rating = {"1.1.1": _models.Rating(score=3)}
        when = _datetime(2026, 2, 1, 9, tzinfo=UTC)
        her = _models.Profile(name=DISTINCTIVE_NAME, current_grade="HEO", target_grade="SEO",
                              notes=f"{DISTINCTIVE_NAME} wants to lead a records team.")
        grace = _models.Profile(name="Grace Hopper", current_grade="G7")
        ida = _models.Profile(name="Ida Wells", current_grade="SEO")
        bob = _models.Profile(name="Bob Builder", current_grade="EO")
        first = _models.Assessment(profile_id=her.id, taken_on=_date(2026, 1, 10), ratings=rating,
                                   comment=f"{DISTINCTIVE_NAME} ran the review")
        second = _models.Assessment(profile_id=her.id, taken_on=_date(2026, 2, 10), ratings=rating)
        item = _models.PlanItem(profile_id=her.id, objective="Lead a file-plan review", indicators=["2.1.3"])
        her_bob = _models.Mentee(profile_id=her.id, mentee_profile_id=bob.id, name=bob.name, source="local")
        carol = _models.Profile(id="carol-elsewhere", name="Carol Danvers", current_grade="EO")
        her_carol = _models.Mentee(profile_id=her.id, mentee_profile_id=carol.id, name=carol.name,
                                   source="share", shared_profile=carol, shared_at=when)
        grace_her = _models.Mentee(profile_id=grace.id, mentee_profile_id=her.id, name=her.name, source="local")
        grace_bob = _models.Mentee(profile_id=grace.id, mentee_profile_id=bob.id, name=bob.name, source="local")
        grace_rates_bob = _models.MentorRating(profile_id=grace.id, mentee_id=grace_bob.id,
                                               taken_on=_date(2026, 2, 2), ratings=rating)
        grace_meets_bob = _models.Conversation(profile_id=grace.id, mentee_id=grace_bob.id,
                                               held_on=_date(2026, 2, 3), participants=[grace.name, bob.name])
        ida_her = _models.Mentee(profile_id=ida.id, mentee_profile_id=her.id, name=her.name, source="share",
                                 shared_profile=her, shared_assessments=[second], shared_plan_items=[item],
                                 shared_at=when)
        repo.save_profiles([her, grace, ida, bob], [
            first, second, item,
            _models.PlanItem(profile_id=her.id, objective="Shadow the data protection officer"),
            _models.Draft(profile_id=her.id, ratings=rating),
            her_bob, her_carol,
            _models.MentorRating(profile_id=her.id, mentee_id=her_bob.id, taken_on=_date(2026, 2, 4),
                                 ratings=rating),
            _models.Conversation(profile_id=her.id, mentee_id=her_bob.id, held_on=_date(2026, 2, 5),
                                 participants=[her.name, bob.name]),
            grace_her, grace_bob, grace_rates_bob, grace_meets_bob,
            _models.MentorRating(profile_id=grace.id, mentee_id=grace_her.id, taken_on=_date(2026, 2, 6),
                                 ratings=rating, comment=f"{DISTINCTIVE_NAME} coaches others well"),
            _models.Conversation(
                profile_id=grace.id, mentee_id=grace_her.id, held_on=_date(2026, 2, 7),
                participants=[grace.name, her.name],
                actions=[_models.AgreedAction(objective="Present the review", owner=her.name)],
            ),
            ida_her,
            _models.Conversation(profile_id=ida.id, mentee_id=ida_her.id, held_on=_date(2026, 2, 8),
                                 participants=[ida.name, her.name]),
            _models.Assessment(profile_id=bob.id, taken_on=_date(2026, 1, 20), ratings=rating),
        ])
        if isinstance(repo, _store_tinydb.TinyDBRepository):
            repo.save_settings(_models.Settings(min_months_in_grade=18))
            her_file = repo.people_dir / f"{her.id}.json"
            (her_file.parent / f"{her_file.name}.unreadable-20260101T000000Z").write_bytes(her_file.read_bytes())
            # A cut-short index is set aside on the next listing, and keeps her id and name.
            repo.index_path.write_bytes(repo.index_path.read_bytes()[:-3])
            repo.list_profiles()
            repo.take_notices()
            assert list(repo.data_dir.glob("index.json.unreadable-*"))
        return KnownToOthers(her, grace, ida, bob, grace_bob, grace_rates_bob, grace_meets_bob)

    return build


def files_naming(data_dir: _Path, *needles: str) -> dict[str, list[str]]:
    """Every file under the data folder (index, settings, locks, set-aside copies) holding any needle."""
    found: dict[str, list[str]] = {}
    for path in sorted(p for p in _Path(data_dir).rglob("*") if p.is_file()):
        content = path.read_bytes()
        hits = [n for n in needles if n.encode("utf-8") in content]
        if hits:
            found[str(path.relative_to(data_dir))] = hits
    return found


# --- End of the privacy block --------------------------------------------------------------
