"""Twenty people signed in to one server at once: each one's data stays intact and their own.

A real OpenID Connect provider and a real Streamlit server (tests/browser/signin.py), both on free
ports of 127.0.0.1. One Chromium, a browser context per person, all twenty driven together with
Playwright's async API (the sync API drives one page at a time). Everyone signs in, then everyone
creates a profile with a name and a note of their own, then everyone adds a plan item with an
objective of their own: each step is taken by everyone before anyone takes the next, AT_ONCE
people at the same moment, so their reruns and saves interleave on the server. No session is
closed until the end, so from the last sign-in on the server holds twenty websocket sessions, and
each page keeps the one it signed in with. Then each person's Your profile and My plan show their
own text and none of the other nineteen's, and each person's file in the data folder holds only
their data.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from planner import store
from planner.domain.models import PlanItem
from planner.services.acting import profile_id_for
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, SHOTS
from tests.browser.signin import SignedInServer
from tests.browser.test_load import choose_option, go_to, keep_what_was_seen, settle

pytestmark = pytest.mark.browser

PEOPLE = 20
GRADE = "Executive Officer (EO): guide level 2"
GRADE_TYPED = "(EO)"
TIMEOUT_MS = 120_000
"""Generous: twenty sessions share two cores with Chromium, the server and the identity provider."""
AT_ONCE = 5
"""How many people take a step at the same moment. All twenty sessions stay open throughout, and
their steps interleave, but on two cores twenty full page loads at once only make each one wait
for the others; a few at a time, everyone's step finishes in about the same total time."""

# All the text a page holds for the person, drawn or not (the table's cells for screen readers,
# a closed list's choice) and what its boxes hold (an edit form's note is a text area's value).
PAGE_TEXT = """() => {
    const app = document.querySelector("[data-testid='stApp']");
    const values = [...app.querySelectorAll("input, textarea")].map(box => box.value);
    return app.textContent + "\\n" + values.join("\\n");
}"""
WORD_JOINER = "\u2060"
"""The app puts one inside an email address it shows (after the @), so it is never made a link."""


async def page_text(page) -> str:
    """PAGE_TEXT, read as a person reads it (without the invisible word joiners)."""
    return (await page.evaluate(PAGE_TEXT)).replace(WORD_JOINER, "")


@dataclass(frozen=True)
class Person:
    """One of the twenty, with words nobody else has (no one's is part of another's)."""

    n: int

    @property
    def login(self) -> str:
        return f"person{self.n:02d}"

    @property
    def email(self) -> str:
        return f"{self.login}@example.gov.uk"  # what the test identity provider gives

    @property
    def name(self) -> str:
        return f"Quill{self.n:02d} Marlowe"

    @property
    def note(self) -> str:
        return f"NOTE-{self.n:02d}-mine-alone"

    @property
    def objective(self) -> str:
        return f"OBJECTIVE-{self.n:02d}: index the ledgers of room {self.n:02d}"

    def markers(self) -> tuple[str, ...]:
        """What of this person's must appear nowhere but in their own sessions and their own file."""
        return (f"Quill{self.n:02d}", f"NOTE-{self.n:02d}-", f"OBJECTIVE-{self.n:02d}:", self.email)


EVERYONE = [Person(n) for n in range(1, PEOPLE + 1)]


def others_seen(person: Person, text: str) -> list[str]:
    return [marker for other in EVERYONE if other != person for marker in other.markers() if marker in text]


# --- One person's steps, with Playwright's async API -----------------------------------------


@dataclass
class Session:
    """A person's browser context and page, and every Streamlit websocket the page opened."""

    person: Person
    context: Any
    page: Any
    sockets: list[Any] = field(default_factory=list)
    signed_in_socket: Any = None
    shown: dict[str, str] = field(default_factory=dict)
    same_session_at_end: bool = False

    def keep_socket(self, ws: Any) -> None:
        if "/_stcore/stream" in ws.url:
            self.sockets.append(ws)

    def still_the_same_session(self) -> bool:
        """Whether the websocket the page had once signed in is still open and is its only one since.

        (A page left by navigating does not always report its websocket closed, so the sockets of
        the pages before the sign-in are not counted.)
        """
        return (self.signed_in_socket is not None and self.sockets[-1] is self.signed_in_socket
                and not self.signed_in_socket.is_closed())


async def sign_in(session: Session, server: SignedInServer) -> None:
    """tests/browser/signin.py's sign_in, with the async API: the app's button, then the provider's page."""
    page, login, issuer = session.page, session.person.login, server.provider.issuer
    await page.goto(server.url)
    await settle(page)
    await page.get_by_role("button", name="Sign in", exact=True).first.click()
    await page.wait_for_url(re.compile(re.escape(issuer) + r"/interaction/"))
    await page.locator("input[name='login']").fill(login)
    await page.locator("input[name='password']").fill("any password")
    async with page.expect_navigation():
        await page.get_by_role("button", name="Sign-in").click()
    await page.wait_for_url(re.compile(re.escape(server.url) + r"(/(?!oauth2callback)[^?#]*)?([?#].*)?$"))
    await page.wait_for_selector("[data-testid='stApp']")
    await settle(page)
    names = {cookie["name"] for cookie in await session.context.cookies(server.url)}
    if not any(name.startswith("_streamlit_user") and "tokens" not in name for name in names):
        raise AssertionError(f"Streamlit did not sign {login!r} in (no identity cookie)")
    sidebar = page.get_by_test_id("stSidebar")
    await sidebar.get_by_text("Signed in as").wait_for()
    shown = (await sidebar.inner_text()).replace(WORD_JOINER, "")
    if session.person.email not in shown:
        raise AssertionError(f"the sidebar does not say {login!r} is signed in: {shown!r}")
    session.signed_in_socket = session.sockets[-1]


async def create_profile(session: Session, server: SignedInServer) -> None:
    """Your profile, reached by the sidebar: a name and a note of one's own, at GRADE."""
    page, person = session.page, session.person
    await go_to(page, "Your profile")
    form = page.get_by_test_id("stForm").filter(has_text="Create profile").first
    await form.wait_for()
    await form.get_by_label("Your name").fill(person.name)
    await form.get_by_role("textbox", name="Notes (optional)").fill(person.note)
    await choose_option(page, form.get_by_role("combobox", name="Current grade"), GRADE, GRADE_TYPED)
    await form.get_by_role("button", name="Create profile").click()
    await settle(page)
    await page.get_by_text(f"Created the profile of {person.name}").wait_for()


async def add_plan_item(session: Session, server: SignedInServer) -> None:
    """My plan: an item with an objective of one's own."""
    page = session.page
    await go_to(page, "My plan")
    await page.get_by_text("Your plan has no items yet.").wait_for()
    await page.get_by_role("textbox", name="Objective").fill(session.person.objective)
    # Leaving the box for the button sends what it holds with the click (as in test_journey_plan).
    await page.get_by_role("button", name="Add to my plan").click()
    await settle(page)
    await page.get_by_text("Added the item to your plan.").wait_for()


async def look(session: Session, server: SignedInServer) -> None:
    """What Your profile and My plan hold, once each has drawn the person's own data."""
    page = session.page
    await go_to(page, "Your profile")
    await page.get_by_text("You are using the profile of").wait_for()
    await settle(page)
    session.shown["Your profile"] = await page_text(page)
    await go_to(page, "My plan")
    await page.get_by_text("Item to move").wait_for()
    await settle(page)
    session.shown["My plan"] = await page_text(page)


def first_line(error: BaseException) -> str:
    return f"{type(error).__name__}: {str(error).strip().splitlines()[0] if str(error).strip() else ''}"


Step = Callable[[Session, SignedInServer], Awaitable[None]]
STEPS: list[tuple[str, Step]] = [
    ("sign in", sign_in), ("create a profile", create_profile), ("add a plan item", add_plan_item),
    ("look at their pages", look),
]


async def everyone_together(server: SignedInServer) -> tuple[list[Session], dict[str, float]]:
    """Each step for everyone, AT_ONCE at a time, the next once all have done it; nobody's session closes."""
    from playwright.async_api import async_playwright

    took: dict[str, float] = {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            sessions = []
            for person in EVERYONE:
                context = await browser.new_context(viewport={"width": 1280, "height": 900})
                context.set_default_timeout(TIMEOUT_MS)
                page = await context.new_page()
                session = Session(person, context, page)
                page.on("websocket", session.keep_socket)
                sessions.append(session)
            at_once = asyncio.Semaphore(AT_ONCE)

            async def take(step: Step, session: Session) -> None:
                async with at_once:
                    await step(session, server)

            for what, step in STEPS:
                started = time.perf_counter()
                results = await asyncio.gather(*(take(step, s) for s in sessions), return_exceptions=True)
                took[what] = time.perf_counter() - started
                print(f"{what}: {took[what]:.1f} s", flush=True)
                failed = {s.person.login: r for s, r in zip(sessions, results, strict=True) if r is not None}
                for login, _error in failed.items():
                    await keep_what_was_seen(sessions[int(login[-2:]) - 1].page, f"sessions-{what}-{login}")
                if failed:
                    raise AssertionError(f"could not {what} (screenshots in {SHOTS}): "
                                         + "; ".join(f"{login}: {first_line(error)}" for login, error in failed.items()))
            for session in sessions:
                session.same_session_at_end = session.still_the_same_session()
            return sessions, took
        finally:
            await browser.close()


def in_own_thread(server: SignedInServer) -> tuple[list[Session], dict[str, float]]:
    # Its own thread, so its event loop never meets the sync API's loop of the `browser` fixture.
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["done"] = asyncio.run(everyone_together(server))
        except BaseException as exc:  # handed to the test's thread, which re-raises it
            outcome["error"] = exc

    worker = threading.Thread(target=target, name="signed-in-sessions")
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["done"]


@pytest.mark.crowd
def test_twenty_people_signed_in_at_once_each_see_and_keep_only_their_own_data(signed_in_server, provider):
    started = time.perf_counter()
    sessions, took = in_own_thread(signed_in_server)
    print(f"\n{PEOPLE} signed-in sessions at once took {time.perf_counter() - started:.1f} s: "
          + ", ".join(f"{what} {seconds:.1f} s" for what, seconds in took.items()))

    # Every session opened at sign-in was still open at the end: the server held all twenty at once.
    assert [s.person.login for s in sessions if not s.same_session_at_end] == []

    for session in sessions:
        person = session.person
        profile_page, plan_page = session.shown["Your profile"], session.shown["My plan"]
        assert person.name in profile_page, (person.login, "own name not on Your profile")
        assert person.note in profile_page, (person.login, "own note not on Your profile")
        assert person.email in profile_page, (person.login, "own email not in the sidebar")
        assert person.objective in plan_page, (person.login, "own objective not on My plan")
        assert others_seen(person, profile_page) == [], (person.login, "Your profile")
        assert others_seen(person, plan_page) == [], (person.login, "My plan")

    # Each person's data is saved under the id of their identity, in their own file, and only there.
    data_dir = signed_in_server.data_dir
    repo = store.open_repository(data_dir)
    ids = {person: profile_id_for(provider.issuer, person.login) for person in EVERYONE}
    assert sorted(ref.id for ref in repo.list_profiles()) == sorted(ids.values())
    assert sorted(p.stem for p in (data_dir / "people").glob("*.json")) == sorted(ids.values())
    assert repo.take_notices() == []
    for person, profile_id in ids.items():
        profile = repo.get_profile(profile_id)
        assert profile is not None, person.login
        assert (profile.name, profile.notes, profile.email) == (person.name, person.note, person.email)
        assert [item.objective for item in repo.list(PlanItem, profile_id)] == [person.objective]
        exported = repo.export_person(profile_id)
        everything = json.dumps(exported, ensure_ascii=False)
        assert person.objective in everything and person.note in everything, person.login
        assert others_seen(person, everything) == [], person.login
        file_text = (data_dir / "people" / f"{profile_id}.json").read_text(encoding="utf-8")
        assert others_seen(person, file_text) == [], person.login
        held_for = {doc.get("profile_id") for table in json.loads(file_text).values()
                    for doc in table.values() if isinstance(doc, dict) and "profile_id" in doc}
        assert held_for <= {profile_id}, (person.login, held_for)
