"""Benchmark: the stores stay as fast with many people as with few, in TinyDB files and in PostgreSQL.

What it measures, in one run, each figure beside a baseline measured in the same run:
1. Saving one person's snapshot (an Assessment of 54 ratings), editing their profile, and what
   one page run reads of them (profile, snapshots, plan, unreadable records), and creating a
   new profile: TinyDB with 10 and 10,000 people stored, PostgreSQL with 100 and 100,000. The
   few and the many take turns, call by call, so the machine's load falls on both alike; the
   target is the many within 1.5x of the few for snapshots and new profiles. A rename, which
   writes TinyDB's index whole, is shown for what it costs (no target).
2. 50 sessions saving at once (50 threads, each its own person, each saving snapshots back to
   back, started together): median and p95 latency of a save, beside one session saving alone
   in the same store just before and after. No target is set: the figures are reported.
3. The team view of 4,000 people: what a lead's Team capability page does on a server, that is
   `teams.joined_members` (each member's profile and latest self-assessment, read live, each
   look recorded in the member's own file) and then the page's tables (bench/team.py). The first
   look records 4,000 looks; a look again within the visit records none. Target: under 1 s
   for reading the members from PostgreSQL; TinyDB is timed in turns with it, for comparison.

The large stores are seeded in bulk (TinyDB by `save_profiles`; PostgreSQL by COPY, as its
rows would be after `save_profiles`); seeding time is printed, not judged. PostgreSQL is the
server `KIM_PATHWAYS_BENCH_DATABASE_URL` names (a URL whose user may create databases; the
databases made are dropped at the end), or else a throw-away cluster from tests/pg.py, which
keeps its files in memory with fsync off: its commits cost less than a real server's would.
TinyDB folders are made in the system's temporary folder (on disk, every write fsynced) unless
--folder says where.

Run from the repository root: .venv/bin/python bench/store.py
  --quick               smaller stores (TinyDB 10 / 2,000, PostgreSQL 100 / 10,000, a team of 500)
  --only tinydb|postgres   one store only
  --skip-sessions, --skip-team   leave a part out
  --saves N             timed calls of each kind in part 1 (default 50)
Exits 0 whatever the figures: a benchmark reports, it does not test.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.pg, the throw-away PostgreSQL

from team import make_people, team_page  # noqa: E402  (bench/team.py, beside this script)

from planner.domain import team as team_domain  # noqa: E402
from planner.domain.framework import default_grade_levels  # noqa: E402
from planner.domain.models import (  # noqa: E402
    AccessRecord,
    Assessment,
    Draft,
    PlanItem,
    Profile,
    Rating,
    Team,
    TeamMember,
)
from planner.io.dataset import load_curriculum  # noqa: E402
from planner.io.shipped import load_framework, load_grades  # noqa: E402
from planner.services import teams  # noqa: E402
from planner.services.acting import Actor  # noqa: E402
from planner.store import Repository, from_document, name_index, to_document  # noqa: E402
from planner.store.documents import shared_table_for, table_for  # noqa: E402
from planner.store.tinydb_store import TinyDBRepository  # noqa: E402

BENCH_DATABASE_URL_ENV = "KIM_PATHWAYS_BENCH_DATABASE_URL"
TARGET_RATIO = 1.5
TEAM_TARGET_SECONDS = 1.0
WARM_UP = 3
SESSIONS = 50
CREATED = datetime(2026, 1, 5, tzinfo=UTC)


@dataclass(frozen=True)
class Sizes:
    tinydb: tuple[int, int]
    postgres: tuple[int, int]
    team: int
    saves: int
    saves_each_session: int


FULL = Sizes(tinydb=(10, 10_000), postgres=(100, 100_000), team=4_000, saves=50, saves_each_session=5)
QUICK = Sizes(tinydb=(10, 2_000), postgres=(100, 10_000), team=500, saves=20, saves_each_session=3)


# --- Stores ----------------------------------------------------------------------------------------


class Stores:
    """Where the benchmark's stores are made, and their removal at the end."""

    def __init__(self, folder: Path | None, postgres: bool) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="kim-bench-store-", dir=folder))
        self.cluster: Any = None
        self._repos: list[Any] = []
        if postgres:
            from tests.pg import PostgresCluster

            self.cluster = PostgresCluster(os.environ.get(BENCH_DATABASE_URL_ENV, "").strip() or None)

    def tinydb(self, name: str) -> TinyDBRepository:
        return TinyDBRepository(self.folder / name)

    def postgres(self, name: str) -> Repository:
        from planner.store.postgres_store import PostgresRepository

        self.cluster.drop_database(name)
        repo = PostgresRepository(self.cluster.create_database(name))
        self._repos.append(repo)
        return repo

    def close(self) -> None:
        for repo in self._repos:
            repo.close()
        if self.cluster is not None:
            self.cluster.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def population(people: int, codes: list[str]) -> tuple[list[Profile], list[Any]]:
    """`people` profiles, each with a plan item and a small draft."""
    profiles = [Profile(name=f"Person {n:06d}", current_grade="HEO", created_at=CREATED, updated_at=CREATED)
                for n in range(people)]
    records: list[Any] = []
    for profile in profiles:
        records.append(PlanItem(profile_id=profile.id, objective="Shadow a records manager"))
        records.append(Draft(profile_id=profile.id, ratings={code: Rating(score=2) for code in codes[:5]}))
    return profiles, records


def seed(repo: Repository, profiles: list[Profile], records: list[Any], shared: Sequence[Any] = ()) -> float:
    """Store people, their records and shared records in bulk; the seconds it took."""
    start = time.perf_counter()
    if isinstance(repo, TinyDBRepository):
        repo.save_profiles(profiles, records)
        if shared:
            # One write of the shared file, not one a record (each put_shared rewrites all of it).
            def add_all(tables: dict[str, Any]) -> None:
                for record in shared:
                    tables.setdefault(shared_table_for(type(record)), {})[record.id] = to_document(record)

            repo.folder.write_shared(add_all)
    else:
        _copy_into_postgres(repo, profiles, records, shared)
    return time.perf_counter() - start


def _copy_into_postgres(repo: Any, profiles: list[Profile], records: list[Any], shared: Sequence[Any]) -> None:
    """The rows `save_profiles` and `put_shared` would write, by COPY, then ANALYZE as autovacuum would."""
    with repo.connection() as conn, conn.transaction(), conn.cursor() as cursor:
        with cursor.copy("COPY profiles (id, document) FROM STDIN") as copy:
            for profile in profiles:
                copy.write_row((profile.id, json.dumps(to_document(profile))))
        with cursor.copy("COPY person_records (profile_id, kind, id, document) FROM STDIN") as copy:
            for record in records:
                copy.write_row((record.profile_id, table_for(type(record)), record.id,
                                json.dumps(to_document(record))))
        with cursor.copy("COPY shared_records (kind, id, document) FROM STDIN") as copy:
            for record in shared:
                copy.write_row((shared_table_for(type(record)), record.id, json.dumps(to_document(record))))
    with repo.connection() as conn:
        conn.execute("ANALYZE")


# --- Timing ----------------------------------------------------------------------------------------


def in_turns(actions: dict[str, Callable[[int], None]], times: int) -> dict[str, list[float]]:
    """Milliseconds of each action's calls, the actions taking turns call by call, after a few unmeasured ones."""
    for n in range(WARM_UP):
        for action in actions.values():
            action(-1 - n)
    samples: dict[str, list[float]] = {key: [] for key in actions}
    for n in range(times):
        order = list(actions.items())
        for key, action in order if n % 2 == 0 else reversed(order):  # neither side always goes first
            start = time.perf_counter()
            action(n)
            samples[key].append((time.perf_counter() - start) * 1000)
    return samples


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20, method="inclusive")[-1]


def verdict(passed: bool) -> str:
    return "PASS" if passed else "MISSED"


def snapshot(profile_id: str, codes: list[str], n: int) -> Assessment:
    return Assessment(profile_id=profile_id, taken_on=date(2026, 1, 1) + timedelta(days=n % 300),
                      ratings={code: Rating(score=(k + n) % 5) for k, code in enumerate(codes)})


# --- 1. Few and many people stored -----------------------------------------------------------------


@dataclass
class Row:
    store: str
    what: str
    few: list[float]
    many: list[float]
    target: bool


def few_and_many(store: str, repos: dict[int, Repository], people: dict[int, Profile], codes: list[str],
                 saves: int) -> list[Row]:
    """Each kind of call on the few and the many, in turns."""
    few, many = sorted(repos)

    def on_each(call: Callable[[Repository, Profile, int], None]) -> dict[str, Callable[[int], None]]:
        return {str(size): (lambda n, size=size: call(repos[size], people[size], n)) for size in (few, many)}

    def new_snapshot(repo: Repository, person: Profile, n: int) -> None:
        repo.add(snapshot(person.id, codes, n))

    def edit_profile(repo: Repository, person: Profile, n: int) -> None:
        repo.save_profile(person.model_copy(update={"notes": f"Edit {n}"}))

    def page_reads(repo: Repository, person: Profile, n: int) -> None:
        repo.get_profile(person.id)
        repo.list(Assessment, person.id)
        repo.list(PlanItem, person.id)
        repo.unreadable_records(person.id)

    def create_profile(repo: Repository, person: Profile, n: int) -> None:
        repo.save_profile(Profile(name=f"Newcomer {n + WARM_UP:04d}", current_grade="EO"))

    def rename(repo: Repository, person: Profile, n: int) -> None:
        repo.save_profile(person.model_copy(update={"name": f"{person.name} {'ab'[n % 2]}"}))

    rows = []
    for what, call, target in [("snapshot save", new_snapshot, True), ("profile edit", edit_profile, False),
                               ("page reads", page_reads, False), ("profile create", create_profile, True),
                               ("profile rename", rename, False)]:
        samples = in_turns(on_each(call), saves)
        rows.append(Row(store, what, samples[str(few)], samples[str(many)], target))
    return rows


def print_few_and_many(rows: list[Row], sizes: dict[str, tuple[int, int]]) -> None:
    print("\n1. One person's saves and reads, and new profiles, with few and many people stored "
          "(ms; calls taken in turns)")
    header = (f"{'store':<10} | {'what':<14} | {'people':>15} | {'median':>13} | {'p95':>13} | {'many/few':>8} | "
              f"{'target':>7} | verdict")
    print(header)
    print("-" * len(header))
    for row in rows:
        few, many = sizes[row.store]
        ratio = statistics.median(row.many) / statistics.median(row.few)
        target = f"<= {TARGET_RATIO}x" if row.target else "none"
        judged = verdict(ratio <= TARGET_RATIO) if row.target else "-"
        print(f"{row.store:<10} | {row.what:<14} | {few:>6,} / {many:>6,} | "
              f"{statistics.median(row.few):>5.2f} / {statistics.median(row.many):>5.2f} | "
              f"{p95(row.few):>5.2f} / {p95(row.many):>5.2f} | {ratio:>7.2f}x | {target:>7} | {judged}")


def index_note(repo: Any, rename_ms: list[float]) -> str:
    """What the rewrites of TinyDB's index add to a new profile on average, in the larger folder."""
    index_bytes = repo.index_path.stat().st_size
    line_bytes = len(json.dumps({"schema_version": 1, "id": "0" * 32, "name": "Newcomer 0000"})) + 1
    every = max(1, index_bytes // name_index.LOG_SHARE // line_bytes)
    if index_bytes < name_index.LOG_FROM_BYTES:
        return "   TinyDB: the larger index is small enough to be written whole for every new profile."
    rewrite = statistics.median(rename_ms)
    return (f"   TinyDB: with {len(repo.list_profiles()):,} people a new profile is one line of index-log.jsonl; about "
            f"once every {every:,} new profiles the log is folded into index.json, which costs about what a rename "
            f"does ({rewrite:.1f} ms): {rewrite / every:.3f} ms a new profile on average.")


# --- 2. Sessions saving at once --------------------------------------------------------------------


def saving_at_once(repo: Repository, people: list[Profile], codes: list[str], saves_each: int) -> list[float]:
    """Milliseconds of every save when each person's session saves `saves_each` snapshots, all starting together."""
    start_together = threading.Barrier(len(people))
    latencies: list[float] = []
    record = threading.Lock()
    failures: list[BaseException] = []

    def session(person: Profile) -> None:
        try:
            start_together.wait()
            for n in range(saves_each):
                start = time.perf_counter()
                repo.add(snapshot(person.id, codes, 1000 + n))
                with record:
                    latencies.append((time.perf_counter() - start) * 1000)
        except BaseException as exc:  # reported below: a lost save must not pass as a fast one
            failures.append(exc)

    threads = [threading.Thread(target=session, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise RuntimeError(f"{len(failures)} sessions failed: {failures[0]!r}")
    return latencies


def sessions(store: str, repo: Repository, people: list[Profile], codes: list[str], saves_each: int) -> str:
    alone_before = saving_at_once(repo, people[:1], codes, saves_each * 4)
    together = saving_at_once(repo, people[:SESSIONS], codes, saves_each)
    alone = alone_before + saving_at_once(repo, people[SESSIONS:SESSIONS + 1], codes, saves_each * 4)
    return (f"{store:<10} | {statistics.median(alone):>7.2f} | {p95(alone):>7.2f} | "
            f"{statistics.median(together):>8.2f} | {p95(together):>8.2f} | "
            f"{p95(together) / p95(alone):>8.1f}x | {len(together):>5} | none")


# --- 3. The team view -------------------------------------------------------------------------------


@dataclass
class TeamStore:
    repo: Repository
    lead: Actor
    team_id: str
    seeded_s: float


def team_store(repo: Repository, size: int, fw: Any) -> TeamStore:
    """`size` people, each with a profile and one full self-assessment, all joined to one lead's team."""
    profiles, assessments = make_people(size, fw, seed=2026)
    lead = Profile(id="team-lead", name="Lee Lead", current_grade="G7", email="lead@example.org")
    team = Team(lead_id=lead.id, lead_name=lead.name, name="The whole profession", created_at=CREATED)
    members = [TeamMember(team_id=team.id, email=f"{p.id}@example.org", profile_id=p.id, name=p.name,
                          status="joined", asked_at=CREATED, answered_at=CREATED) for p in profiles]
    seeded = seed(repo, [lead, *profiles], [a for each in assessments.values() for a in each], [team, *members])
    return TeamStore(repo, Actor.on_server(lead.id, lead.name, lead.email, admin=False), team.id, seeded)


def team_looks(stores: dict[str, TeamStore], size: int, looks_again: int) -> None:
    fw = load_framework()
    grade_levels = default_grade_levels(fw, load_grades())
    activities = load_curriculum()
    first_look = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    times: dict[str, dict[str, list[tuple[float, float]]]] = {s: {"first": [], "again": []} for s in stores}
    for n in range(1 + looks_again):
        which = "first" if n == 0 else "again"
        for store, team in (stores.items() if n % 2 == 0 else reversed(stores.items())):
            start = time.perf_counter()
            members = teams.joined_members(team.repo, team.lead, team.team_id, first_look + timedelta(minutes=n))
            read = time.perf_counter() - start
            team_page(fw, grade_levels, activities, members)
            times[store][which].append((read, time.perf_counter() - start - read))
            assert len(members) == size, f"{store}: {len(members)} members read, not {size}"
    for store, team in stores.items():
        recorded = len(team.repo.list(AccessRecord, "person00000"))
        assert recorded == 1, f"{store}: {recorded} looks recorded for one member over one visit"
    bulk = [bulk_read(stores["PostgreSQL"].repo, size) for _ in range(looks_again)] if "PostgreSQL" in stores else []
    print(f"\n3. The team view of {size:,} people: a lead's teams.joined_members (profile and latest assessment of "
          f"each, each look recorded for them), then the page's tables (s)")
    header = (f"{'store':<10} | {'look':<33} | {'read':>6} | {'tables':>6} | {'total':>6} | "
              f"{'target for read':>15} | verdict")
    print(header)
    print("-" * len(header))
    for store, looks in times.items():
        for which, label in (("first", f"first (records {size:,} looks)"),
                             ("again", f"again in the visit (median of {looks_again})")):
            read = statistics.median(t[0] for t in looks[which])
            tables = statistics.median(t[1] for t in looks[which])
            judged = store == "PostgreSQL"
            print(f"{store:<10} | {label:<33} | {read:>6.2f} | {tables:>6.2f} | {read + tables:>6.2f} | "
                  f"{f'< {TEAM_TARGET_SECONDS:g} s' if judged else 'none':>15} | "
                  f"{verdict(read < TEAM_TARGET_SECONDS) if judged else '-'}")
    if bulk:
        read = statistics.median(t[0] for t in bulk)
        print(f"{'PostgreSQL':<10} | {'the same read in three queries':<33} | {read:>6.2f} | {'':>6} | {'':>6} | "
              f"{f'< {TEAM_TARGET_SECONDS:g} s':>15} | {verdict(read < TEAM_TARGET_SECONDS)}")
        print(f"   The last line reads every member's profile, assessments and records of looks in one query each, "
              f"as joined_members does in a process that has not read them yet (another replica: each process "
              f"keeps the members it made until their change marks move); of its {read:.2f} s, "
              f"{statistics.median(t[1] for t in bulk):.2f} s go to making models of the rows.")
    print(f"   Seeded in {', '.join(f'{s} {t.seeded_s:.0f} s' for s, t in stores.items())}.")


def bulk_read(repo: Any, size: int) -> tuple[float, float]:
    """Seconds to read what joined_members reads of every member (profile, assessments, looks) in three
    queries, and of those the seconds spent making models of the rows (pydantic's validation)."""
    start = time.perf_counter()
    ids = [m.profile_id for m in repo.list_shared(TeamMember) if m.status == "joined"]
    with repo.connection() as conn:
        profile_rows = conn.execute("SELECT document FROM profiles WHERE id = ANY(%s)", (ids,)).fetchall()
        rows = {kind: conn.execute("SELECT profile_id, document FROM person_records WHERE kind = %s AND "
                                   "profile_id = ANY(%s) ORDER BY profile_id, position", (kind, ids)).fetchall()
                for kind in ("assessments", "access_records")}
    fetched = time.perf_counter()
    profiles = [from_document(Profile, row[0]) for row in profile_rows]
    assessments: dict[str, list[Assessment]] = {}
    for owner, document in rows["assessments"]:
        assessments.setdefault(owner, []).append(from_document(Assessment, document))
    looks = [from_document(AccessRecord, document) for _, document in rows["access_records"]]
    members = team_domain.members_from_profiles(profiles, {p.id: assessments.get(p.id, []) for p in profiles})
    assert len(members) == size and len(looks) >= size
    done = time.perf_counter()
    return done - start, done - fetched


# --- Running -----------------------------------------------------------------------------------------


def indicator_codes() -> list[str]:
    """The 54 indicator codes of the shipped framework."""
    framework = json.loads((ROOT / "data" / "framework.json").read_text(encoding="utf-8"))
    codes = [indicator["code"] for indicator in framework["indicators"]]
    assert len(codes) == 54, f"expected 54 indicators, found {len(codes)}"
    return codes


@contextmanager
def stores_made(args: argparse.Namespace) -> Iterator[Stores]:
    stores = Stores(args.folder, postgres=args.only != "tinydb")
    try:
        yield stores
    finally:
        stores.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller stores, fewer calls")
    parser.add_argument("--only", choices=("tinydb", "postgres"), help="one store only")
    parser.add_argument("--skip-sessions", action="store_true", help="leave out 50 sessions saving at once")
    parser.add_argument("--skip-team", action="store_true", help="leave out the team view")
    parser.add_argument("--saves", type=int, help="timed calls of each kind in part 1")
    parser.add_argument("--folder", type=Path, help="where to make the TinyDB folders (default: the temporary folder)")
    args = parser.parse_args()
    sizes = QUICK if args.quick else FULL
    saves = args.saves or sizes.saves
    codes = indicator_codes()
    kinds = [kind for kind, flag in (("TinyDB", "tinydb"), ("PostgreSQL", "postgres")) if args.only in (None, flag)]
    size_of = {"TinyDB": sizes.tinydb, "PostgreSQL": sizes.postgres}
    with stores_made(args) as stores:
        where = [f"TinyDB in {stores.folder}"] if "TinyDB" in kinds else []
        if stores.cluster is not None:
            where.append(f"PostgreSQL on the server {BENCH_DATABASE_URL_ENV} names" if not stores.cluster.started
                         else "PostgreSQL in a throw-away cluster (tests/pg.py: in memory, fsync off)")
        print(f"Store benchmark ({'quick' if args.quick else 'full'} run): {'; '.join(where)}")
        rows: list[Row] = []
        large: dict[str, tuple[Repository, list[Profile]]] = {}
        for kind in kinds:
            repos: dict[int, Repository] = {}
            people: dict[int, Profile] = {}
            for size in size_of[kind]:
                name = f"kim_bench_{size}"
                repo = stores.tinydb(name) if kind == "TinyDB" else stores.postgres(name)
                profiles, records = population(size, codes)
                took = seed(repo, profiles, records)
                assert len(repo.list_profiles()) == size
                print(f"   {kind}: {size:,} people seeded in {took:.1f} s", flush=True)
                repos[size], people[size] = repo, profiles[size // 2]  # the same place in each
                large[kind] = (repo, profiles)
            rows += few_and_many(kind, repos, people, codes, saves)
        print_few_and_many(rows, size_of)
        if "TinyDB" in kinds:
            print(index_note(large["TinyDB"][0], next(r for r in rows if r.what == "profile rename" and
                                                      r.store == "TinyDB").many))

        if not args.skip_sessions:
            print(f"\n2. {SESSIONS} sessions saving at once (threads, each its own person, {sizes.saves_each_session} "
                  f"snapshots each) beside one session alone, in the larger store (ms)")
            header = (f"{'store':<10} | {'alone':>7} | {'alone':>7} | {'at once':>8} | {'at once':>8} | "
                      f"{'p95 rise':>9} | {'saves':>5} | target")
            print(header)
            print(f"{'':<10} | {'median':>7} | {'p95':>7} | {'median':>8} | {'p95':>8} | {'':>9} | {'':>5} |")
            print("-" * len(header))
            for kind in kinds:
                repo, profiles = large[kind]
                print(sessions(kind, repo, profiles, codes, sizes.saves_each_session), flush=True)

        if not args.skip_team:
            fw = load_framework()
            team_stores = {kind: team_store(stores.tinydb("kim_bench_team") if kind == "TinyDB"
                                            else stores.postgres("kim_bench_team"), sizes.team, fw)
                           for kind in kinds}
            team_looks(team_stores, sizes.team, looks_again=3)
    return 0


if __name__ == "__main__":
    sys.exit(main())
