"""A link straight to any page works as the very first request a freshly started server gets."""

from __future__ import annotations

import ast
from concurrent.futures import ThreadPoolExecutor

import pytest

from planner import store
from planner.domain.models import Profile
from tests.browser.conftest import ROOT, Server, go_to, settle
from ui import navigation

pytestmark = pytest.mark.browser

PERSON = Profile(id="deep-link-person", name="Nia Roberts", current_grade="HEO", target_grade="SEO")
# Only pages other than the default: the default page is what "/" opens.
DEEP_PAGES = [entry for entry in navigation.pages_of(server=False) if not entry.default]


def heading_of(entry: navigation.PageEntry) -> str:
    """The title the page file gives itself with context.start_page("...")."""
    tree = ast.parse((ROOT / entry.path).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "start_page":
            return node.args[0].value
    raise AssertionError(f"{entry.path} never calls context.start_page")


def start_fresh_server(tmp_path_factory, entry: navigation.PageEntry) -> Server:
    data_dir = tmp_path_factory.mktemp(f"deep-{entry.url_path}") / "data"
    store.open_repository(data_dir).save_profile(PERSON)
    return Server(data_dir)


@pytest.fixture(scope="module")
def fresh_servers(request, tmp_path_factory):
    """One server per page being tested, started together; none has had a request but health checks."""
    wanted = [item.callspec.params["entry"] for item in request.session.items
              if item.module is request.module and hasattr(item, "callspec")]
    with ThreadPoolExecutor(max_workers=len(wanted)) as pool:
        started = list(pool.map(lambda entry: start_fresh_server(tmp_path_factory, entry), wanted))
    servers = dict(zip((entry.url_path for entry in wanted), started))
    yield servers
    for running in servers.values():
        running.stop()


@pytest.mark.parametrize("entry", DEEP_PAGES, ids=[entry.url_path for entry in DEEP_PAGES])
def test_the_first_request_to_a_fresh_server_opens_the_page_with_the_shared_sidebar(fresh_servers, page, entry):
    server = fresh_servers[entry.url_path]
    page.goto(f"{server.url}/{entry.url_path}?profile={PERSON.id}")
    settle(page)

    page.get_by_role("heading", name=heading_of(entry), exact=True).first.wait_for(timeout=60_000)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Who is using the app").wait_for()
    # The chooser took the person up from the address, as app.py does on a refresh.
    assert sidebar.get_by_role("combobox", name="Profile").input_value() == PERSON.name
    nav = page.get_by_test_id("stSidebarNav")
    assert nav.get_by_role("link", name=entry.title, exact=True).count() == 1
    # Streamlit's legacy navigation lists the file names, starting with the router itself.
    assert nav.get_by_role("link", name="app", exact=True).count() == 0
    assert page.get_by_role("dialog").filter(has_text="Page not found").count() == 0
    assert page.title() == f"{entry.title} – KIM Pathways"

    # The session carries on as any other: the navigation works and the person is still chosen.
    go_to(page, "Home")
    page.get_by_text(f"You are using the profile of {PERSON.name}.").wait_for()
