"""Three replicas behind HAProxy, one killed in the middle: its people carry on elsewhere, nothing acknowledged is lost.

What a department runs (deploy/): three Streamlit replicas started with the ExecStart of
deploy/kim-pathways@.service, sharing one database, and HAProxy running deploy/haproxy.cfg in front,
all on free ports of 127.0.0.1 (tests/browser/replicas.py), the database a real PostgreSQL
(tests/pg.py). Thirty people, each in their own browser context (their own cookie jar, so their
own SERVERID stickiness cookie), all in one Chromium driven with Playwright's async API, go
through the load balancer: open Your profile and create a profile; rate two indicators on Assess
yourself and save the assessment; add an item on My plan and read the plan. Each step is taken
by everyone before anyone takes the next, AT_ONCE people at the same moment. Once a third of the
people have saved their assessment, the replica serving the most people who are in the middle of
that step is killed (SIGKILL).

A person whose replica died does what a person does: Streamlit's frontend reconnects its
websocket by itself (through HAProxy, to another replica), and they reload the page, because what
it still shows was drawn by the dead replica, and the new one holds none of that page's session
(a rating clicked on the stale page is drawn but not yet counted). Then they take up the step
again from what the page shows: their draft ratings and saved assessment come from the shared
database, and the profile from the page's address (or, if the replica died before the new page
had written it there, from the sidebar, where the person chooses it again: see take_up).

Then: the sessions were spread over the three replicas; the killed replica's people each reached
another replica and finished every step; everyone else's session went on without a break (the
same websocket from first page to last, the same replica, no reload); and every write the app
acknowledged on screen (the profile, the ratings counted, the assessment saved, the plan item
added) is in the database.
"""

from __future__ import annotations

import asyncio
import json
import re
import secrets
import threading
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from contextlib import suppress
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any
from uuid import uuid4

import pytest

from planner.domain.models import RATING_LABELS, Assessment, Draft, PlanItem
from planner.services.acting import profile_id_for
from planner.store.postgres_store import PostgresRepository
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, SHOTS, rating_group
from tests.browser.conftest import create_profile as create_profile_sync
from tests.browser.conftest import go_to as sync_go_to
from tests.browser.conftest import settle as sync_settle
from tests.browser.replicas import Replica, Replicas, filled_secrets
from tests.browser.signin import sign_in
from tests.browser.test_load import choose_option, go_to, keep_what_was_seen, settle

pytestmark = pytest.mark.browser

PEOPLE = 30
AT_ONCE = 6
"""How many people take a step at the same moment (as in test_signed_in_sessions: on two cores,
thirty page loads at once only make each wait for the others)."""
KILL_AFTER = PEOPLE // 3
"""The replica is killed once this many people have saved their assessment."""
TIMEOUT_MS = 90_000
"""Generous: thirty sessions share two cores with Chromium, three replicas and HAProxy."""
RECONNECT_TIMEOUT_S = 30
GRADE = "Administrative Officer (AO): guide level 1"
GRADE_TYPED = "(AO)"
IN_SCOPE = 12
"""Indicators at level 1, the default scope for an AO with no target grade: the lightest Assess
yourself page to draw thirty times over (skill 1 shows five indicators)."""
SKILL_1_CODES = ("1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.1.5")
"""Indicators of the first skill shown on Assess yourself, so nobody needs to switch skill."""
RATINGS = 2
SAVED = re.compile(rf"^(Saved|Replaced) your assessment of .+ with {RATINGS} ratings")
VIEWPORT = {"width": 1024, "height": 768}
"""A common laptop screen; smaller than the other browser tests' to spare two cores some drawing."""
PAGE_TEXT = """() => {
    const app = document.querySelector("[data-testid='stApp']");
    const values = [...app.querySelectorAll("input, textarea")].map(box => box.value);
    return app.textContent + "\\n" + values.join("\\n");
}"""


@dataclass(frozen=True)
class Person:
    """One of the thirty, with a name and an objective nobody else has."""

    n: int

    @property
    def name(self) -> str:
        return f"Replica tester {self.n:02d}"

    @property
    def objective(self) -> str:
        return f"OBJECTIVE-{self.n:02d}: index the minutes of board {self.n:02d}"

    @property
    def scores(self) -> dict[str, int]:
        """Two of the five indicators (n and n+2) and a score for each, no two people alike."""
        codes = (SKILL_1_CODES[self.n % 5], SKILL_1_CODES[(self.n + 2) % 5])
        return dict(zip(codes, ((self.n // 5) % 5, (self.n // 25 + self.n) % 5), strict=True))


EVERYONE = [Person(n) for n in range(1, PEOPLE + 1)]


@dataclass
class Session:
    """A person's browser context and page, every Streamlit websocket it opened, and what it was told."""

    person: Person
    context: Any
    page: Any
    url: str
    sockets: list[Any] = field(default_factory=list)
    reloading: bool = False
    dropped: asyncio.Event = field(default_factory=asyncio.Event)
    """Set when the page's websocket closes without the person having reloaded or left the page."""
    opened: asyncio.Event = field(default_factory=asyncio.Event)
    served_by: list[str] = field(default_factory=list)
    """The SERVERID cookie after each step: which replica HAProxy keeps this browser on."""
    busy_with: str | None = None
    interrupted: list[str] = field(default_factory=list)
    """The steps the person was in the middle of when their connection dropped."""
    reconnected_to: list[str] = field(default_factory=list)
    """The replica (SERVERID) the frontend had reconnected to by itself, each time the connection dropped."""
    reloaded_at: list[str] = field(default_factory=list)
    """The page's address each time the person reloaded it after their connection dropped."""
    chose_again: list[str] = field(default_factory=list)
    """The pages on which, after a reload, the person had to choose their profile again (see take_up)."""
    acknowledged: dict[str, Any] = field(default_factory=dict)
    """What the app confirmed on screen: profile (the name), ratings (counted), assessment, plan item."""
    last_look: str = ""

    def keep_socket(self, ws: Any) -> None:
        if "/_stcore/stream" not in ws.url:
            return
        self.sockets.append(ws)
        self.opened.set()
        ws.on("close", lambda _closed: self._socket_closed(ws))

    def _socket_closed(self, ws: Any) -> None:
        if ws is self.sockets[-1] and not self.reloading:
            self.dropped.set()

    async def server_id(self) -> str:
        values = [c["value"] for c in await self.context.cookies(self.url) if c["name"] == "SERVERID"]
        assert len(values) == 1, f"{self.person.name}: SERVERID cookies {values}"
        return values[0]


# --- One person's steps ----------------------------------------------------------------------


async def open_and_create_profile(session: Session) -> None:
    """The address of Your profile (as from a bookmark), then a profile at GRADE."""
    page, person = session.page, session.person
    await page.goto(f"{session.url}/profile")
    await settle(page)
    form = page.get_by_test_id("stForm").filter(has_text="Create profile").first
    await form.wait_for()
    await form.get_by_label("Your name").fill(person.name)
    await choose_option(page, form.get_by_role("combobox", name="Current grade"), GRADE, GRADE_TYPED)
    await form.get_by_role("button", name="Create profile").click()
    await settle(page)
    await page.get_by_text(f"Created the profile of {person.name}").wait_for()
    session.acknowledged["profile"] = person.name


def _radio(page, code: str):
    return rating_group(page, code)


async def _shown_score(page, code: str) -> int | None:
    checked = _radio(page, code).locator("label:has(input:checked)")
    return int((await checked.inner_text()).split()[0]) if await checked.count() else None


CHOOSE_A_PROFILE = re.compile(r"^Choose a profile in the sidebar")


async def take_up(session: Session, ready: Any) -> None:
    """Wait for the page to be ready; if it asks for a profile, choose one's own in the sidebar, as a person would.

    Without sign-in, the profile chosen is kept in the page's address, which each run writes. A replica
    killed after a link was followed but before the new page's run had written the address leaves the
    page's address without it: the reload then asks who is using the app. Only the choice is gone (the
    person's data is in the database), and only for someone whose connection dropped.
    """
    page = session.page
    prompt = page.get_by_text(CHOOSE_A_PROFILE)
    await ready.or_(prompt).first.wait_for()
    if await ready.count():
        return
    assert session.reconnected_to, f"{session.person.name} was asked to choose a profile without losing the connection"
    session.chose_again.append(page.url)
    await choose_option(page, page.get_by_test_id("stSidebar").get_by_role("combobox", name="Profile"),
                        session.person.name,
                        session.person.name.removeprefix("Replica "))
    await ready.wait_for()


async def rate_and_save(session: Session) -> None:
    """Assess yourself: the person's three ratings (those the page does not show already), then Save.

    Taken up again after a reload, the page shows the draft saved so far: only what is missing is
    clicked. If the save went through but its message was lost with the replica, the app asks
    whether this one replaces the assessment saved today; the person says yes.
    """
    page, chosen = session.page, session.person.scores
    await go_to(page, "Assess yourself")
    save = page.get_by_role("button", name="Save assessment")
    await take_up(session, save)
    await page.get_by_text(re.compile(rf"^\d+ of {IN_SCOPE} indicators rated$")).wait_for()
    in_place = {code for code, score in chosen.items() if await _shown_score(page, code) == score}
    # Taken up again, what the page shows is acknowledged too: all of it, when the draft had kept every
    # rating before the replica died (the loop below then clicks nothing).
    session.acknowledged["ratings"] = len(in_place)
    for code, score in chosen.items():
        if code in in_place:
            continue
        await _radio(page, code).get_by_text(f"{score} {RATING_LABELS[score]}", exact=True).click()
        await settle(page)
        in_place.add(code)
        # As a person waits to see a rating taken before the next (tests/browser/test_load.py says why).
        await page.get_by_text(f"{len(in_place)} of {IN_SCOPE} indicators rated", exact=True).wait_for()
        session.acknowledged["ratings"] = len(in_place)
    await save.click()
    await settle(page)
    saved = page.get_by_text(SAVED)
    replace = page.get_by_role("button", name="Replace the earlier one")
    await saved.or_(replace).first.wait_for()
    if not await saved.count():
        await replace.click()
        await settle(page)
        await saved.wait_for()
    session.acknowledged["assessment"] = (await saved.inner_text()).split(".")[0]


async def add_plan_item(session: Session) -> None:
    """My plan: an item with the person's own objective, then what the plan shows."""
    page = session.page
    await go_to(page, "My plan")
    await take_up(session, page.get_by_text("Your plan has no items yet."))
    await page.get_by_role("textbox", name="Objective").fill(session.person.objective)
    await page.get_by_role("button", name="Add to my plan").click()
    await settle(page)
    await page.get_by_text("Added the item to your plan.").wait_for()
    session.acknowledged["plan item"] = session.person.objective
    await page.get_by_text("Item to move").wait_for()
    session.last_look = await page.evaluate(PAGE_TEXT)


async def reconnect(session: Session) -> None:
    """The page lost its replica: wait until Streamlit's frontend has reconnected by itself, then reload."""
    page = session.page
    if session.sockets[-1].is_closed():
        session.opened.clear()
        await asyncio.wait_for(session.opened.wait(), RECONNECT_TIMEOUT_S)
    session.reconnected_to.append(await session.server_id())
    session.reloaded_at.append(page.url)
    session.reloading = True
    try:
        await page.reload()
        await settle(page)
    finally:
        session.reloading = False
    session.dropped.clear()


Step = Callable[[Session], Awaitable[None]]
STEPS: list[tuple[str, Step]] = [
    ("create a profile", open_and_create_profile),
    ("rate and save", rate_and_save),
    ("add a plan item", add_plan_item),
]


@dataclass
class Killing:
    """When and which replica is killed, and who was in the middle of a step on it."""

    after: int
    cluster: Replicas
    done: int = 0
    replica: Replica | None = None
    at: float = 0.0
    its_people: list[str] = field(default_factory=list)
    busy_on_it: list[str] = field(default_factory=list)

    def one_more_saved(self, sessions: list[Session]) -> None:
        self.done += 1
        if self.done != self.after:
            return
        on = {s.person.name: s.served_by[-1] for s in sessions if s.served_by}
        busy = Counter(on[s.person.name] for s in sessions if s.busy_with == "rate and save" and s.person.name in on)
        server_id = max(sorted(busy), key=busy.__getitem__) if busy else sorted(on.values())[0]
        self.replica = self.cluster.serving(server_id)
        self.its_people = sorted(name for name, sid in on.items() if sid == server_id)
        self.busy_on_it = sorted(s.person.name for s in sessions
                                 if s.busy_with == "rate and save" and on.get(s.person.name) == server_id)
        busy_elsewhere = sum(busy.values()) - len(self.busy_on_it)
        self.at = time.perf_counter()
        self.replica.kill()
        print(f"killed {self.replica.name} after {self.done} assessments were saved: it served "
              f"{len(self.its_people)} people, {len(self.busy_on_it)} in the middle of rating and saving "
              f"(and {busy_elsewhere} on the other replicas)", flush=True)


async def carry_out(session: Session, what: str, step: Step) -> None:
    """Take a step; if the connection drops in the middle, reconnect and take it up again."""
    for _attempt in range(3):
        if session.dropped.is_set():
            await reconnect(session)
        session.busy_with = what
        doing = asyncio.ensure_future(step(session))
        dropped = asyncio.ensure_future(session.dropped.wait())
        try:
            await asyncio.wait({doing, dropped}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            session.busy_with = None
            dropped.cancel()
        if doing.done():
            doing.result()  # its error, if it failed
            session.served_by.append(await session.server_id())
            return
        doing.cancel()
        with suppress(BaseException):
            await doing
        session.interrupted.append(what)
    raise AssertionError(f"{session.person.name}: the connection dropped in the middle of '{what}' three times")


def first_line(error: BaseException) -> str:
    return f"{type(error).__name__}: {str(error).strip().splitlines()[0] if str(error).strip() else ''}"


async def everyone_together(cluster: Replicas, killing: Killing) -> tuple[list[Session], dict[str, float]]:
    from playwright.async_api import async_playwright

    took: dict[str, float] = {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            sessions = []
            for person in EVERYONE:
                context = await browser.new_context(viewport=VIEWPORT)
                context.set_default_timeout(TIMEOUT_MS)
                page = await context.new_page()
                session = Session(person, context, page, cluster.url)
                page.on("websocket", session.keep_socket)
                sessions.append(session)
            at_once = asyncio.Semaphore(AT_ONCE)

            async def take(what: str, step: Step, session: Session) -> None:
                async with at_once:
                    await carry_out(session, what, step)
                if what == "rate and save":
                    killing.one_more_saved(sessions)

            for what, step in STEPS:
                started = time.perf_counter()
                results = await asyncio.gather(*(take(what, step, s) for s in sessions), return_exceptions=True)
                took[what] = time.perf_counter() - started
                print(f"{what}: {took[what]:.1f} s", flush=True)
                failed = {s.person.name: r for s, r in zip(sessions, results, strict=True) if r is not None}
                for session in sessions:
                    if session.person.name in failed:
                        await keep_what_was_seen(session.page, f"replicas-{what}-{session.person.n:02d}")
                if failed:
                    raise AssertionError(f"could not {what} (screenshots in {SHOTS}): "
                                         + "; ".join(f"{name}: {first_line(e)}" for name, e in failed.items()))
            return sessions, took
        finally:
            await browser.close()


def in_own_thread(cluster: Replicas, killing: Killing) -> tuple[list[Session], dict[str, float]]:
    # Its own thread, so its event loop never meets the sync API's loop of the `browser` fixture.
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["done"] = asyncio.run(everyone_together(cluster, killing))
        except BaseException as exc:  # handed to the test's thread, which re-raises it
            outcome["error"] = exc

    worker = threading.Thread(target=target, name="replica-sessions")
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["done"]


# --- The shared database ---------------------------------------------------------------------


@pytest.fixture
def cluster(tmp_path, postgres_url):
    """Three replicas sharing a fresh PostgreSQL database (tests/conftest.py), and HAProxy in front."""
    work_dir = tmp_path / "replicas"
    work_dir.mkdir()
    running = Replicas(work_dir, postgres_url)
    yield running
    running.stop()


@pytest.fixture
def database(postgres_url):
    """The replicas' database, as the test reads it afterwards."""
    repo = PostgresRepository(postgres_url)
    yield repo
    repo.close()


@pytest.mark.crowd
def test_thirty_people_through_the_load_balancer_carry_on_when_a_replica_dies(cluster, database):
    started = time.perf_counter()
    killing = Killing(KILL_AFTER, cluster)
    sessions, took = in_own_thread(cluster, killing)
    print(f"\n{PEOPLE} sessions through HAProxy, 3 replicas, one killed, took {time.perf_counter() - started:.1f} s: "
          + ", ".join(f"{what} {seconds:.1f} s" for what, seconds in took.items()))
    assert cluster.load_balancer is not None
    by_name = {s.person.name: s for s in sessions}
    first_served = Counter(s.served_by[0] for s in sessions)
    print("first served by:", dict(sorted(first_served.items())))

    # HAProxy spread the people over the three replicas (leastconn), and kept each on one.
    assert sorted(first_served) == sorted(cluster.load_balancer.cookies)
    assert min(first_served.values()) >= PEOPLE // 6, first_served

    # The replica was killed in the middle: while some of its people were rating and saving.
    assert killing.replica is not None and not killing.replica.alive
    assert killing.busy_on_it, "nobody was in the middle of a step on the killed replica"
    killed_id = next(sid for sid, name in cluster.load_balancer.cookies.items() if name == killing.replica.name)
    cluster.load_balancer.wait_for_log(rf"Server streamlit/{killing.replica.name} is DOWN")

    for name, session in by_name.items():
        steps_done = len(session.served_by)
        assert steps_done == len(STEPS), (name, session.served_by)
        if name in killing.its_people:
            # Its people: their connection dropped, the frontend reconnected to another replica by
            # itself, and every step after that was served by the others.
            assert session.reconnected_to, (name, "the connection never dropped")
            assert killed_id not in session.reconnected_to, (name, session.reconnected_to)
            assert killed_id not in session.served_by[2:], (name, session.served_by)
            assert session.sockets[-1] is not session.sockets[0], name
        else:
            # Everyone else: the same websocket from the first page to the last, on the same
            # replica, never interrupted, never reloaded.
            assert session.interrupted == [] and session.reconnected_to == [], (name, session.interrupted)
            assert len(set(session.served_by)) == 1, (name, session.served_by)
            assert len(session.sockets) == 1 and not session.sockets[0].is_closed(), (name, len(session.sockets))
        assert session.person.objective in session.last_look, (name, "own objective not on My plan")
    print("interrupted mid-step:", sorted(n for n, s in by_name.items() if s.interrupted),
          "reconnected:", sorted(n for n, s in by_name.items() if s.reconnected_to),
          "reloaded at:", {n: s.reloaded_at for n, s in sorted(by_name.items()) if s.reloaded_at},
          "chose their profile again on:", {n: s.chose_again for n, s in sorted(by_name.items()) if s.chose_again})

    # Every write acknowledged on screen is in the shared database, once.
    repo = database
    refs = {ref.name: ref.id for ref in repo.list_profiles()}
    assert sorted(refs) == sorted(p.name for p in EVERYONE)
    for person in EVERYONE:
        acknowledged = by_name[person.name].acknowledged
        assert acknowledged["profile"] == person.name and acknowledged["ratings"] == len(person.scores)
        assert acknowledged["assessment"].startswith(("Saved your assessment", "Replaced your assessment"))
        assert acknowledged["plan item"] == person.objective
        profile_id = refs[person.name]
        snapshots = repo.list(Assessment, profile_id)
        assert [{c: r.score for c, r in s.ratings.items()} for s in snapshots] == [person.scores], person.name
        draft = repo.get(Draft, profile_id, "current")
        assert draft is not None and {c: r.score for c, r in draft.ratings.items()} == person.scores, person.name
        assert [item.objective for item in repo.list(PlanItem, profile_id)] == [person.objective], person.name
    assert repo.take_notices() == []


# --- Signed in through the load balancer -------------------------------------------------------


@dataclass(frozen=True)
class ThroughTheLoadBalancer:
    """What tests/browser/signin.py's sign_in needs of a server: the address people use, the provider, a log."""

    url: str
    provider: Any
    log: Any


@pytest.fixture(scope="module")
def signed_in_cluster(tmp_path_factory, provider, postgres, postgres_template):
    """Three replicas signing people in with the test provider, all with the one secrets file filled in
    from deploy/secrets.replicas.toml.example (one cookie_secret), sharing a fresh database."""
    name = f"kim_replicas_{uuid4().hex[:12]}"
    url = postgres.create_database(name, template=postgres_template)
    work_dir = tmp_path_factory.mktemp("signed-in-replicas")

    def secrets_for(load_balancer_url: str) -> str:
        return filled_secrets({
            "redirect_uri": json.dumps(f"{load_balancer_url}/oauth2callback"),
            "cookie_secret": json.dumps(secrets.token_hex(32)),
            "client_id": json.dumps(provider.client_id),
            "client_secret": json.dumps(provider.client_secret),
            "server_metadata_url": json.dumps(provider.metadata_url),
            # Streamlit asks for prompt=select_account unless told otherwise; oidc-provider refuses it.
            "client_kwargs": '{ prompt = "login" }',
            "admin_emails": "[]",
        })

    running = Replicas(work_dir, url, secrets=secrets_for)
    try:
        yield running, url
    finally:
        running.stop()
        postgres.drop_database(name)


def _server_id(context, url: str) -> str:
    values = [c["value"] for c in context.cookies(url) if c["name"] == "SERVERID"]
    assert len(values) == 1, values
    return values[0]


def _identity_cookies(context, url: str) -> list[str]:
    return [c["name"] for c in context.cookies(url) if c["name"].startswith("_streamlit_user") and "tokens" not in c["name"]]


def _signed_in_context(browser):
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(30_000)
    return context


def test_a_sign_in_begun_on_one_replica_finishes_on_another_that_shares_its_cookie_secret(
        signed_in_cluster, browser, provider):
    # With Streamlit 1.67's server, the state of a sign-in in progress is not kept in the replica
    # that began it but in a cookie signed with [auth] cookie_secret (_streamlit_session), so any
    # replica with the same secret can finish it. Here the browser's SERVERID is changed, as when
    # its replica dies or a balancer is not sticky, between the app's Sign in button and the
    # provider's callback; the sign-in still succeeds, and the person is on the other replica.
    cluster, _url = signed_in_cluster
    context = _signed_in_context(browser)
    try:
        page = context.new_page()
        page.goto(cluster.url)
        sync_settle(page)
        page.get_by_role("button", name="Sign in", exact=True).click()
        page.wait_for_url(re.compile(re.escape(provider.issuer) + r"/interaction/"))
        began_on = _server_id(context, cluster.url)
        assert "_streamlit_session" in {c["name"] for c in context.cookies(cluster.url)}
        elsewhere = next(sid for sid, name in sorted(cluster.load_balancer.cookies.items())
                         if sid != began_on and cluster.replica(name).alive)
        context.add_cookies([{"name": "SERVERID", "value": elsewhere, "url": cluster.url}])
        page.locator("input[name='login']").fill("wanderer")
        page.locator("input[name='password']").fill("any password")
        with page.expect_navigation():
            page.get_by_role("button", name="Sign-in").click()
        page.wait_for_url(re.compile(re.escape(cluster.url) + r"(/(?!oauth2callback)[^?#]*)?([?#].*)?$"))
        sync_settle(page)
        assert _server_id(context, cluster.url) == elsewhere
        assert _identity_cookies(context, cluster.url) == ["_streamlit_user"]
        page.get_by_test_id("stSidebar").get_by_text("Signed in as").wait_for()
        assert "wanderer@example.gov.uk" in page.get_by_test_id("stSidebar").inner_text().replace("\u2060", "")
    finally:
        context.close()


def test_a_person_signed_in_through_the_load_balancer_is_still_signed_in_when_their_replica_dies(
        signed_in_cluster, browser, provider):
    cluster, url = signed_in_cluster
    through = ThroughTheLoadBalancer(cluster.url, provider, SimpleNamespace(name=str(cluster.work_dir)))
    context = _signed_in_context(browser)
    try:
        page = context.new_page()
        sign_in(page, through, "ria")
        create_profile_sync(page, through, "Ria Okafor", GRADE)
        first = _server_id(context, cluster.url)
        to_provider: list[str] = []
        page.on("request", lambda request: to_provider.append(request.url)
                if request.url.startswith(provider.issuer) else None)

        with page.expect_websocket(predicate=lambda ws: "/_stcore/stream" in ws.url, timeout=RECONNECT_TIMEOUT_S * 1000):
            cluster.serving(first).kill()  # the frontend reconnects by itself, through HAProxy
        then = _server_id(context, cluster.url)
        page.reload()  # as a person does when the page has said it lost its connection
        sync_settle(page)

        now = _server_id(context, cluster.url)
        assert now != first and cluster.serving(now).alive, (first, then, now)
        sidebar = page.get_by_test_id("stSidebar")
        sidebar.get_by_text("Signed in as").wait_for()
        assert "ria@example.gov.uk" in sidebar.inner_text().replace("\u2060", "")
        sync_go_to(page, "Your profile")
        page.get_by_text("You are using the profile of").wait_for()
        assert "Ria Okafor" in page.get_by_test_id("stMain").inner_text()
        assert to_provider == [], "the person was sent to sign in again"
        repo = PostgresRepository(url)
        try:
            profile = repo.get_profile(profile_id_for(provider.issuer, "ria"))
        finally:
            repo.close()
        assert profile is not None and profile.name == "Ria Okafor"
    finally:
        context.close()
