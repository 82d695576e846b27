"""Benchmark: how many sessions one Streamlit process holds before its reruns take twice as long, and their memory.

Then the same through three replicas behind HAProxy.

What it measures. Sessions are added in steps (1, 5, 10, 20, 40 by default), each its own
person with a profile and a saved self-assessment, all on the same page (Assess yourself unless
--page says otherwise); every session open reruns that page again and again, a pause of about
--think seconds between reruns (chosen at random between half and one and a half times it, so the
sessions do not keep in step), as a person rating indicators does. A step's figure is the p95 of
every rerun's time in it, from asking for the rerun to the server's "script finished", beside
the p95 of one session rerunning alone, measured in the same moments: about every --think seconds
the other sessions are held back while one reruns twice alone, so a busy moment of this shared
machine weighs on both alike. The steps stop at the first whose p95 is more than twice that, and
the process is said to hold the step before it. Memory
per session is the server's resident memory (RSS, from /proc) once a step's sessions are all
open, less its RSS with no session open after a warm-up one, shared among the sessions open.

Then the same through three replicas behind HAProxy, sharing one PostgreSQL, started from the
files in deploy/ by tests/browser/replicas.py (the RSS is that of the three replicas together).
The one process is started the same way (the same systemd unit's command line and environment),
on the same PostgreSQL, so the number of processes is the only difference. PostgreSQL is the
server KIM_PATHWAYS_BENCH_DATABASE_URL names, else a throw-away cluster from tests/pg.py.

How sessions are driven: by Streamlit's own websocket protocol, the one its page in a browser
speaks (a BackMsg asking for a rerun of the page, for the person in the address, ?profile=<id>;
then ForwardMsgs until "script finished"), from one asyncio client, not by Playwright. On this
machine's two cores, forty Chromium pages drawing every rerun would take the CPU the server
needs, and the count at which reruns slow would be the browsers', not the server's. The server
does for each such session all it does for a browser's: a session with its own state, the whole
script run of the page for that person, every element sent. Left out: the browser's own drawing,
the page's static files (fetched once per browser) and the widget values a browser sends back
(each rerun runs the page with the values its session keeps). The client's own work (reading the
messages) shares the cores with the servers, as a browser's would, but is far smaller.

Run from the repository root: .venv/bin/python bench/sessions.py
  --quick               steps 1, 5, 10; 4 reruns a session; a rerun every ~1 s
  --steps 1,5,10,20,40  --reruns N (per session per step; 8)  --think SECONDS (2)
  --page URL_PATH (assess)  --skip-replicas  --skip-single
A full run takes about five to eight minutes. Exits 0 whatever the figures: a benchmark reports.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.pg and tests.browser.replicas

import websockets  # noqa: E402  (installed with Streamlit's server)
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from planner.domain.models import Assessment, Profile, Rating  # noqa: E402
from planner.io.shipped import load_framework  # noqa: E402

BENCH_DATABASE_URL_ENV = "KIM_PATHWAYS_BENCH_DATABASE_URL"
DOUBLED = 2.0
RERUN_TIMEOUT_S = 120
CREATED = datetime(2026, 1, 5, tzinfo=UTC)


# --- A session, as a browser's page speaks to the server --------------------------------------------


class Session:
    """One Streamlit session over the websocket, for one person on one page."""

    def __init__(self, ws_url: str, person: Profile, page: str) -> None:
        self.ws_url = ws_url
        self.person = person
        self.page = page
        self.page_hash = ""  # the page's script hash, learnt from the first run's navigation
        self.ws: Any = None

    async def open(self) -> float:
        """Connect and run the page once (the page load); its milliseconds.

        Raises:
            RuntimeError: The page did not show this person, or showed an error.
        """
        self.ws = await websockets.connect(self.ws_url, subprotocols=["streamlit"], max_size=None,
                                           open_timeout=RERUN_TIMEOUT_S)
        took, frames = await self._run()
        if not any(self.person.name.encode() in frame for frame in frames):
            raise RuntimeError(f"the page did not show {self.person.name}: is ?profile= still how a person is chosen?")
        return took

    async def rerun(self) -> float:
        """Rerun the page, as a click does; milliseconds until the server says the script finished."""
        return (await self._run())[0]

    async def _run(self) -> tuple[float, list[bytes]]:
        ask = BackMsg()
        ask.rerun_script.query_string = f"profile={self.person.id}"
        ask.rerun_script.page_name = self.page
        ask.rerun_script.page_script_hash = self.page_hash
        frames: list[bytes] = []
        start = time.perf_counter()
        await self.ws.send(ask.SerializeToString())
        while True:
            frame = await asyncio.wait_for(self.ws.recv(), RERUN_TIMEOUT_S)
            message = ForwardMsg()
            message.ParseFromString(frame)
            frames.append(frame)
            kind = message.WhichOneof("type")
            if kind == "navigation" and not self.page_hash:
                self.page_hash = next(
                    (p.page_script_hash for p in message.navigation.app_pages if p.url_pathname == self.page), "")
            elif kind == "delta" and message.delta.new_element.WhichOneof("type") == "exception":
                raise RuntimeError(f"the page showed an error: {message.delta.new_element.exception.message}")
            elif kind == "script_finished":
                took = (time.perf_counter() - start) * 1000
                if message.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                    raise RuntimeError(f"the run ended with status {message.script_finished}")
                return took, frames

    async def close(self) -> None:
        await self.ws.close()


# --- Steps -------------------------------------------------------------------------------------------


def rss_mb(pids: list[int]) -> float:
    """The resident memory of these processes together, in MB (Linux's /proc)."""
    total_kb = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total_kb += int(line.split()[1])
    return total_kb / 1024


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20, method="inclusive")[-1]


async def keep_rerunning(sessions: list[Session], reruns: int, think: float,
                         seed: int) -> tuple[list[float], list[float]]:
    """Every session reruns `reruns` times, about `think` seconds apart, and about every `think` seconds the
    others are held back while the first session reruns twice alone.

    Returns:
        The milliseconds of every session's reruns, and of the first session's reruns alone (the
        baseline, measured in the same moments, so a busy moment of the machine weighs on both).
    """
    may_run = asyncio.Event()
    may_run.set()
    none_running = asyncio.Event()
    none_running.set()
    running = 0
    took: list[float] = []
    alone: list[float] = []

    async def person(session: Session, rng: random.Random) -> None:
        nonlocal running
        await asyncio.sleep(rng.uniform(0, think))  # not all at the same moment
        for _ in range(reruns):
            while not may_run.is_set():  # held back: let go at moments of their own, not all at once
                await may_run.wait()
                await asyncio.sleep(rng.uniform(0, think / 2))
            running += 1
            none_running.clear()
            try:
                took.append(await session.rerun())
            finally:
                running -= 1
                if running == 0:
                    none_running.set()
            await asyncio.sleep(rng.uniform(0.5, 1.5) * think)

    async def baseline(done: asyncio.Event) -> None:
        while True:
            try:
                await asyncio.wait_for(done.wait(), think)
                return
            except TimeoutError:
                pass
            may_run.clear()
            await none_running.wait()
            for _ in range(2):
                alone.append(await sessions[0].rerun())
            may_run.set()

    done = asyncio.Event()
    measuring = asyncio.create_task(baseline(done))
    try:
        await asyncio.gather(*(person(s, random.Random(seed + n)) for n, s in enumerate(sessions)))
    finally:
        done.set()
        await measuring
    return took, alone


async def step_up(title: str, ws_url: str, pids: list[int], people: list[Profile], args: argparse.Namespace) -> None:
    """Open sessions step by step until the p95 of reruns is more than twice one session's; print the table."""
    # Each process's first runs (imports, caches) are not measured: one session warms each (held open
    # together, the load balancer gives each a replica of its own), then they are closed.
    warming = []
    for _ in pids:
        warming.append(Session(ws_url, people[0], args.page))
        await warming[-1].open()
    for session in warming:
        for _ in range(3):
            await session.rerun()
        await session.close()
    await asyncio.sleep(1)
    idle_mb = rss_mb(pids)
    print(f"\n{title}: {args.page}, a rerun every ~{args.think:g} s a session, {args.reruns} reruns a session a "
          f"step; RSS with no session open {idle_mb:.0f} MB")
    header = (f"{'sessions':>8} | {'reruns':>6} | {'median ms':>9} | {'p95 ms':>7} | {'alone p95':>9} | "
              f"{'p95 rise':>8} | {'RSS MB':>7} | {'MB a session':>12} | within 2x")
    print(header)
    print("-" * len(header))
    opened: list[Session] = []
    held, last = 0, (0, 0.0)
    try:
        for count in args.steps:
            for person in people[1 + len(opened):1 + count]:
                session = Session(ws_url, person, args.page)
                await session.open()
                opened.append(session)
            took, alone = await keep_rerunning(opened, args.reruns, args.think, seed=count)
            ratio = p95(took) / p95(alone)
            used = rss_mb(pids)
            print(f"{count:>8} | {len(took):>6} | {statistics.median(took):>9.0f} | {p95(took):>7.0f} | "
                  f"{p95(alone):>9.0f} | {ratio:>7.2f}x | {used:>7.0f} | {(used - idle_mb) / count:>12.1f} | "
                  f"{'PASS' if ratio <= DOUBLED else 'MISSED'}", flush=True)
            last = (count, ratio)
            if ratio > DOUBLED:
                break
            held = count
    finally:
        for session in opened:
            await session.close()
    if last[0] != held:
        print(f"Held {held} session{'s' if held != 1 else ''} with the p95 of reruns within {DOUBLED:g}x of one "
              f"session's alone; {last[0]} took it to {last[1]:.1f}x.")
    else:
        print(f"Held every step, {held} sessions, with the p95 of reruns within {DOUBLED:g}x of one session's "
              f"alone (add a larger step with --steps to find where it doubles).")


# --- The servers -------------------------------------------------------------------------------------


def seed_people(url: str, count: int) -> list[Profile]:
    """`count` people in the database, each with a profile and one full self-assessment."""
    from planner.store.postgres_store import PostgresRepository

    codes = [indicator.code for indicator in load_framework().indicators]
    people = [Profile(id=f"bench-person-{n:03d}", name=f"Bench Person {n:03d}", current_grade="HEO",
                      created_at=CREATED, updated_at=CREATED) for n in range(count)]
    snapshots = [Assessment(profile_id=p.id, taken_on=date(2026, 10, 1), created_at=CREATED,
                            ratings={code: Rating(score=(k + n) % 5) for k, code in enumerate(codes)})
                 for n, p in enumerate(people)]
    with PostgresRepository(url) as repo:
        repo.save_profiles(people, snapshots)
    return people


def one_process(work: Path, url: str) -> Any:
    """One replica started as deploy/kim-pathways@.service starts it, on its own (no load balancer)."""
    from tests.browser.replicas import Replica, environment_text, replica_recipe
    from tests.browser.signin import free_port

    (work / "etc").mkdir()
    secrets = work / "etc" / "secrets.toml"
    secrets.write_text("", encoding="utf-8")
    (work / "state").mkdir()
    port = free_port()
    recipe = replica_recipe(port, secrets_path=secrets, state_dir=work / "state",
                            environment_text=environment_text(database_url=url))
    replica = Replica("single", port, recipe, work / f"single-{port}.log")
    try:
        replica.wait_healthy()
    except BaseException:
        replica.stop()
        raise
    return replica


def ws_of(http_url: str) -> str:
    return http_url.replace("http://", "ws://", 1) + "/_stcore/stream"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="steps 1, 5, 10; 4 reruns a session; ~1 s pauses")
    parser.add_argument("--steps", help="session counts, such as 1,5,10,20,40 (the first is the baseline)")
    parser.add_argument("--reruns", type=int, help="reruns a session a step (default 8; 4 with --quick)")
    parser.add_argument("--think", type=float, help="seconds between one session's reruns, about (default 2)")
    parser.add_argument("--page", default="assess", help="the page's address, such as assess, plan, gaps")
    parser.add_argument("--skip-single", action="store_true", help="leave out the one process")
    parser.add_argument("--skip-replicas", action="store_true", help="leave out the three replicas")
    args = parser.parse_args()
    args.steps = [int(n) for n in (args.steps or ("1,5,10" if args.quick else "1,5,10,20,40")).split(",")]
    args.reruns = args.reruns or (4 if args.quick else 8)
    args.think = args.think if args.think is not None else (1.0 if args.quick else 2.0)
    if args.steps[0] != 1:
        parser.error("the first step is the baseline of one session: --steps must start with 1")

    from tests.browser.replicas import Replicas
    from tests.pg import PostgresCluster

    started = time.perf_counter()
    cluster = PostgresCluster(os.environ.get(BENCH_DATABASE_URL_ENV, "").strip() or None)
    work = Path(tempfile.mkdtemp(prefix="kim-bench-sessions-"))
    try:
        cluster.drop_database("kim_bench_sessions")
        url = cluster.create_database("kim_bench_sessions")
        people = seed_people(url, 1 + max(args.steps))
        where = (f"on the server {BENCH_DATABASE_URL_ENV} names" if not cluster.started
                 else "in a throw-away cluster (tests/pg.py)")
        print(f"Sessions benchmark: PostgreSQL {where}; {len(people)} people seeded; logs in {work}")
        if not args.skip_single:
            (work / "single").mkdir()
            server = one_process(work / "single", url)
            try:
                asyncio.run(step_up("One Streamlit process", ws_of(server.url), [server.process.pid], people, args))
            finally:
                server.stop()
        if not args.skip_replicas:
            (work / "replicas").mkdir()
            with Replicas(work / "replicas", url) as replicas:
                pids = [r.process.pid for r in replicas.replicas.values()]
                asyncio.run(step_up(f"Three replicas behind HAProxy ({', '.join(replicas.replicas)})",
                                    ws_of(replicas.url), pids, people, args))
    finally:
        cluster.stop()
    print(f"\nThe whole run took {time.perf_counter() - started:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
