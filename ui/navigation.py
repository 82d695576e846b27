"""The one list of pages (app.py registers it), and the hand-over of a page run on its own to app.py."""

from __future__ import annotations

import base64
import copy
import runpy
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from ui.memo import Memo

APP = Path(__file__).resolve().parent.parent / "app.py"

ICON = "data:image/svg+xml;base64," + base64.b64encode((APP.parent / "ui" / "route-icon.svg").read_bytes()).decode()
"""The browser tab's icon, as the data address Streamlit would make of the file on every run."""


@dataclass(frozen=True)
class PageEntry:
    section: str
    path: str
    title: str
    url_path: str
    icon: str
    default: bool = False
    personal: bool = True
    """Shows a person's own data, so on a department's server it asks them to sign in first."""
    server_only: bool = False
    """Only on a department's server (sharing by consent needs people who sign in)."""


PAGES: list[PageEntry] = [
    PageEntry("Start", "pages/home.py", "Home", "home", ":material/home:", default=True, personal=False),
    PageEntry("Assess", "pages/profile.py", "Your profile", "profile", ":material/person:"),
    PageEntry("Assess", "pages/assess.py", "Assess yourself", "assess", ":material/checklist:"),
    PageEntry("Assess", "pages/gaps.py", "Gaps and progress", "gaps", ":material/insights:"),
    PageEntry("Plan", "pages/plan.py", "My plan", "plan", ":material/event_note:"),
    PageEntry("Plan", "pages/behaviours.py", "Behaviour examples", "behaviours", ":material/psychology:"),
    PageEntry("Plan", "pages/recommend.py", "Recommendations", "recommend", ":material/lightbulb:"),
    PageEntry("Plan", "pages/cpd.py", "CPD log", "cpd", ":material/fact_check:"),
    PageEntry("Mentoring", "pages/sharing.py", "Sharing", "sharing", ":material/share:", server_only=True),
    PageEntry("Mentoring", "pages/mentees.py", "Mentees", "mentees", ":material/group:"),
    PageEntry("Mentoring", "pages/conversations.py", "Conversations", "conversations", ":material/forum:"),
    PageEntry("Mentoring", "pages/reports.py", "Line reports", "reports", ":material/supervisor_account:",
              server_only=True),
    PageEntry("Explore", "pages/careers.py", "Career paths", "careers", ":material/route:",
              personal=False),
    PageEntry("Explore", "pages/framework.py", "Framework explorer", "framework", ":material/menu_book:",
              personal=False),
    PageEntry("Explore", "pages/external.py", "Professional bodies", "external", ":material/workspace_premium:"),
    PageEntry("Lead a team", "pages/team.py", "Team capability", "team", ":material/groups:"),
    PageEntry("Lead a team", "pages/jobspec.py", "Job specification", "jobspec", ":material/work:"),
    PageEntry("Manage data", "pages/curriculum.py", "Curriculum", "curriculum", ":material/school:"),
    PageEntry("Manage data", "pages/frameworks.py", "Framework versions", "frameworks", ":material/history_edu:",
              personal=False),
    PageEntry("Manage data", "pages/settings.py", "Settings", "settings", ":material/settings:"),
    PageEntry("About", "pages/accessibility.py", "Accessibility statement", "accessibility",
              ":material/accessibility:", personal=False),
]


def pages_of(*, server: bool) -> list[PageEntry]:
    """The pages of one way of running (on a server, or on one's own computer), in the order listed."""
    return [entry for entry in PAGES if server or not entry.server_only]


def sections(*, server: bool) -> dict[str, list[PageEntry]]:
    """The pages of this way of running, grouped by section, in the order they are listed."""
    grouped: dict[str, list[PageEntry]] = {}
    for entry in pages_of(server=server):
        grouped.setdefault(entry.section, []).append(entry)
    return grouped


def entry_titled(title: str) -> PageEntry | None:
    """The page with this title (titles are unique; the default page's address is ""), or None."""
    return next((entry for entry in PAGES if entry.title == title), None)


# st.Page checks its file on disk and works out its address each time it is made: sixteen of them
# were a fifth of a plain page's rerun. They are made once per process, and each run is given its
# own copies, because st.navigation marks the copy it returns as the one this run may call. Each is
# made from its full path, so where the script that first makes them lives does not matter.
_made_pages: Memo = Memo(max_entries=2)


def _make_pages(server: bool) -> dict[str, list[st.Page]]:
    return {
        section: [
            st.Page(APP.parent / e.path, title=e.title, icon=e.icon, url_path=e.url_path, default=e.default)
            for e in entries
        ]
        for section, entries in sections(server=server).items()
    }


def streamlit_pages(*, server: bool = False) -> dict[str, list[st.Page]]:
    """This run's st.Page for every entry of this way of running, grouped by section, for st.navigation."""
    made = _made_pages.get(("pages", server), lambda: _make_pages(server))
    return {section: [copy.copy(page) for page in pages] for section, pages in made.items()}


# Why pages hand over to app.py. Streamlit treats a folder named pages/ beside the script it runs as
# its legacy multipage app, and keeps doing so, in every session, until some run calls
# st.navigation (documented: "As soon as any session of your app executes the st.navigation
# command, your app will ignore the pages/ directory (across all sessions)"). So the very first
# request after the server starts, if it names a page (/assess), runs pages/assess.py on its own:
# no app.py, so no profile chooser and Streamlit's list of file names as the navigation. The first
# thing every page does is context.start_page(), which calls hand_over_to_router(): a page run
# outside app.py runs app.py in its place, which calls st.navigation (Streamlit stops using
# pages/ from then on), finds the same page from the address and runs it inside app.py's frame.
# Streamlit itself runs app.py the same way when that first request is for "/". The legacy mode
# finds a page by its file name, and shows "Page not found" for any other address before any code
# of ours runs, so each page's address is its file name (a unit test checks). Other ways were
# weighed: .streamlit/config.toml has no setting for this, and setting Streamlit's private
# PagesManager.uses_pages_directory could not help anyway, as no code of ours runs before that
# first request; this way uses only documented behaviour (st.navigation, st.stop).
_routed: ContextVar[bool] = ContextVar("routed_by_app", default=False)


@contextmanager
def routed() -> Iterator[None]:
    """Mark the page app.py runs inside this block as run through app.py's navigation."""
    token = _routed.set(True)
    try:
        yield
    finally:
        _routed.reset(token)


def is_routed() -> bool:
    """Whether the code running now is a page app.py runs (not one Streamlit ran on its own)."""
    return _routed.get()


def hand_over_to_router() -> None:
    """When Streamlit's legacy multipage mode runs a page file on its own, run app.py instead.

    app.py runs the page itself; this run of the page then stops, so nothing is drawn twice.
    """
    if is_routed():
        return
    runpy.run_path(str(APP), run_name="__main__")
    st.stop()
