"""A real Streamlit server on a free port and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A running `streamlit run app.py` with its own data directory."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, KIM_PATHWAYS_DATA_DIR=str(data_dir))
        self.log = open(data_dir.parent / f"server-{self.port}.log", "w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true",
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )
        self._wait_healthy()

    def _wait_healthy(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited early; see {self.log.name}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.read().decode().strip() == "ok":
                        return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError("streamlit did not become healthy in time")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("browser") / "data"
    data_dir.mkdir()
    running = Server(data_dir)
    yield running
    running.stop()


@pytest.fixture
def empty_server(tmp_path):
    """A server of its own with nothing saved, so nothing another test of the module saved shows."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    running = Server(data_dir)
    yield running
    running.stop()


@pytest.fixture(scope="session")
def provider(tmp_path_factory):
    """A real OpenID Connect provider on a free port (tests/browser/signin.py), one per test process."""
    from tests.browser.signin import OidcProvider

    running = OidcProvider(tmp_path_factory.mktemp("oidc"))
    yield running
    running.stop()


@pytest.fixture(scope="module")
def signed_in_server(tmp_path_factory, provider):
    """The app as on a department's server, signing people in with `provider`, with its own data directory."""
    from tests.browser.signin import SignedInServer

    data_dir = tmp_path_factory.mktemp("signed-in") / "data"
    data_dir.mkdir()
    running = SignedInServer(data_dir, provider)
    yield running
    running.stop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed; run `bash scripts/test.sh`, which installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.set_default_timeout(20_000)
    opened = context.new_page()
    yield opened
    context.close()


def settle(page) -> None:
    """Wait until Streamlit has finished running the script after an interaction."""
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=30_000)
    page.wait_for_timeout(150)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=30_000)


_WATCH_FOR_A_RUN = """() => {
    const app = document.querySelector("[data-testid='stApp']");
    window.__kimRunSeen = false;
    new MutationObserver((changes, watcher) => {
        if (app.getAttribute("data-test-script-state") !== "notRunning") {
            window.__kimRunSeen = true;
            watcher.disconnect();
        }
    }).observe(app, {attributes: true, attributeFilter: ["data-test-script-state"]});
}"""


def leave_box(page, box) -> None:
    """Leave a box with Tab, as a person moves on, and wait for the run that takes its text.

    `settle` alone can return before that run has begun when the server is busy: the box's message
    is then still on its way, and a link followed at once is the merge the README describes ("Where
    your data is kept"). A person sees the page run, then stop; so does this (a run too short for the
    page to show is already over, and `settle` covers it). For a box whose text was changed: leaving
    an unchanged box starts no run, and this would wait its ten seconds for nothing.
    """
    page.evaluate(_WATCH_FOR_A_RUN)
    box.press("Tab")
    try:
        page.wait_for_function("() => window.__kimRunSeen === true", timeout=10_000)
    except PlaywrightTimeoutError:
        pass  # the run began and ended between two frames
    settle(page)


def shot(page, name: str) -> Path:
    """Save a full-page screenshot under artifacts/screenshots for a person to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    # Streamlit scrolls inside its main block, so grow the window to the content's height.
    size = page.viewport_size
    height = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], [data-testid=stMainBlockContainer]')]"
        ".map(e => e.scrollHeight), window.innerHeight)"
    )
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 80, 12000)})
    page.wait_for_timeout(300)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    return path


def go_to(page, link_name: str) -> None:
    """Follow a link in the sidebar navigation and wait for the page to finish running."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=link_name).click()
    settle(page)


def create_profile(page, server, name: str, grade: str, target: str | None = None, role: str = "") -> None:
    """Create a profile through the Your profile page, as a person would."""
    page.goto(server.url + "/profile")
    settle(page)
    another = page.get_by_text("Create another profile")
    if another.count():
        another.click()
        form = page.get_by_test_id("stForm").last
    else:
        form = page.get_by_test_id("stForm").first
    form.get_by_label("Your name").fill(name)
    choose_option(page, form.get_by_role("combobox", name="Current grade"), grade)
    if role:
        choose_option(page, form.get_by_role("combobox", name="Current role"), role)
    if target:
        choose_option(page, form.get_by_role("combobox", name="Target grade (optional)"), target)
    form.get_by_role("button", name="Create profile").click()
    settle(page)
    page.get_by_text(f"Created the profile of {name}").wait_for()


def choose_option(page, combobox, option: str) -> None:
    """Pick an option of a Streamlit selectbox by typing part of it and choosing it from the list."""
    # A list opened while a run is still drawing the page can be closed again by that run; a
    # person would open it again, and so does this (three tries, then the failure shows).
    for attempt in range(3):
        settle(page)
        combobox.click()
        if attempt:
            combobox.fill("")
        combobox.press_sequentially(option)
        choice = page.get_by_role("option", name=option, exact=True).first
        try:
            choice.wait_for(timeout=10_000)
        except PlaywrightTimeoutError:
            if attempt == 2:
                raise
            combobox.press("Escape")
            continue
        choice.click()
        break
    settle(page)


def rating_group(page, code: str):
    """The ratings of the indicator with this code on Assess yourself: the radio group named after it."""
    return page.get_by_role("radiogroup", name=re.compile(rf"^{re.escape(code)} "))


def rate(page, code: str, score_label: str) -> None:
    """Choose a rating (such as '3 Competent') for the indicator with this code."""
    rating_group(page, code).get_by_text(score_label, exact=True).click()
    settle(page)


def type_into_first_cell(page, grid, text: str) -> None:
    """Replace the text of the first cell of a Streamlit data editor (a canvas grid), as a person would.

    A double click opens the cell's own editor, which is then filled: typing into a merely selected
    cell can lose its first key presses while the grid is still opening the editor.
    """
    grid.scroll_into_view_if_needed()
    grid.locator("canvas").first.wait_for()
    box = grid.bounding_box()
    page.mouse.dblclick(box["x"] + 80, box["y"] + 35 + 17)
    editor = page.locator(".gdg-input, .gdg-growing-entry textarea").first
    editor.wait_for()
    editor.fill(text)
    page.keyboard.press("Enter")  # keep the value
    settle(page)


def person_page(browser):
    """A browser context of its own (one person, their own cookies) and its page: (context, page)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    return context, context.new_page()


def table_with_column(page, column: str):
    """The table with a column of exactly this name."""
    header = page.locator("th[role='columnheader']", has_text=re.compile(f"^{re.escape(column)}$"))
    return page.get_by_test_id("stDataFrame").filter(has=header)


def table_rows(table) -> list[list[str]]:
    """The texts of the cells of each row of a table, once it is drawn."""
    table.locator("td[role='gridcell']").first.wait_for(state="attached")
    return [[cell.strip() for cell in row.locator("td").all_inner_texts()] for row in table.locator("tbody tr").all()]


def choose_in_grid(page, grid, row: int, column: int, option: str) -> None:
    """Choose an option in a selectbox cell of a data editor: select a cell, move with the keys, pick."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    grid.evaluate("element => element.scrollIntoView({block: 'center'})")
    grid.locator("canvas").first.wait_for()
    box = None
    while box != grid.bounding_box():  # the page may still be moving after the scroll
        box = grid.bounding_box()
        page.wait_for_timeout(200)
    for _ in range(10):
        # The first cell of the first row; a click while the grid is still drawn only focuses it.
        page.mouse.click(box["x"] + 30, box["y"] + 35 + 17)
        try:
            page.wait_for_function("() => document.activeElement && document.activeElement.tagName === 'TD'",
                                   timeout=2_000)
            break
        except PlaywrightTimeoutError:
            page.keyboard.press("Escape")
    else:
        raise AssertionError("the table never took the click")
    for _ in range(row):
        page.keyboard.press("ArrowDown")
    for _ in range(column):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")  # opens the cell's list
    page.get_by_role("option", name=option, exact=True).first.click()
    settle(page)
