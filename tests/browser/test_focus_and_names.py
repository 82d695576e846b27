"""Every page with the Tab key: each focus stop is in view, clearly marked and named in plain words.

A person who uses a keyboard tabs through every page, once round, and then back again with
Shift+Tab (going backwards scrolls the page up, towards the header). At each stop the test checks
three things WCAG 2.2 AA asks for:

- 2.4.11 Focus Not Obscured: no part of the focused control is hidden under Streamlit's fixed
  header (or anything else drawn over it);
- 2.4.7 Focus Visible and 1.4.11 Non-text Contrast: the pixels that change when the control takes
  the focus change by at least 3:1, over at least half its outline (a tint of 1.1:1 is no indicator);
- 1.3.1, 4.1.2 and 2.5.3 Label in Name: the name a screen reader announces, as the browser computes it
  (and the name of a radio button's group), holds no Markdown or escape characters.

It also fails on "Link to heading" stops, which only lengthen the way through a page.
The pages hold a lived-in person: ratings, a saved assessment, a plan, a CPD entry and a mentee whose
conversation is being written, with an agenda point and a name that Markdown would act on.
"""

from __future__ import annotations

import io
import re
from datetime import date

import pytest

from planner import store
from planner.domain.models import (
    Assessment,
    ConversationDraft,
    DraftPoint,
    Mentee,
    PlanItem,
    Profile,
    Rating,
)
from tests.browser.conftest import Server, choose_option, create_profile, go_to, person_page, settle
from tests.browser.signin import sign_in
from ui import navigation

pytestmark = pytest.mark.browser

PAGES = navigation.pages_of(server=False)
# The pages only a department's server has, where people sign in.
SERVER_ONLY = [e for e in navigation.pages_of(server=True) if e not in PAGES]

# What is focused, the box its focus indicator is drawn around, and what covers it, if anything.
FOCUS_STOP = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const seen = window.__focusSeen || (window.__focusSeen = new WeakSet());
  const again = seen.has(el);
  const first = window.__focusFirst || (window.__focusFirst = el);
  const stuck = el === window.__focused;
  seen.add(el);
  window.__focused = el;
  // A radio button or check box is drawn by its label; a text box or list by its frame.
  let shown = el;
  const grid = el.closest('[data-testid=stDataFrameResizable]');
  // Inside a grid the focus is on its canvas, its scroller or a hidden cell: the grid shows it.
  if (grid) shown = grid;
  else if (el.tagName === 'INPUT' && (el.type === 'radio' || el.type === 'checkbox')) shown = el.closest('label') || el;
  else if (['INPUT', 'TEXTAREA', 'SPAN', 'BUTTON'].includes(el.tagName)) {
    const frame = el.closest('[data-testid=stTextAreaRootElement], [data-testid=stTextInputRootElement],'
                             + ' [data-testid=stNumberInputContainer], [data-testid=stDateInputField]');
    const tags = el.closest('[data-testid=stMultiSelectTagsContainer]');
    const list = el.tagName === 'INPUT' && el.closest('[data-testid=stSelectbox]');
    shown = frame || (tags ? tags.parentElement : (list ? el.parentElement : el));
  }
  const r = shown.getBoundingClientRect();
  const header = document.querySelector('[data-testid=stHeader]');
  const container = ['MAIN', 'SECTION', 'DIV', 'UL', 'OL'].includes(el.tagName) && !el.getAttribute('role');
  // Points a little inside each corner and the middle: what is drawn on top there?
  const inset = Math.min(3, r.width / 2, r.height / 2);
  const points = [[r.left + inset, r.top + inset], [r.right - inset, r.top + inset],
                  [r.left + inset, r.bottom - inset], [r.right - inset, r.bottom - inset],
                  [(r.left + r.right) / 2, (r.top + r.bottom) / 2]];
  const covered = [];
  for (const [x, y] of points) {
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) { covered.push('outside the window'); continue; }
    const hit = document.elementFromPoint(x, y);
    if (!hit || hit === shown || shown.contains(hit) || hit.contains(shown) || el.contains(hit)) continue;
    // A part of the same control drawn over it (a grid's scroller over its canvas) hides nothing.
    const own = el.closest('[data-testid=stElementContainer]');
    if (own && own.contains(hit)) continue;
    const by = hit.closest('[data-testid]');
    covered.push(header && header.contains(hit) ? 'the header' : (by ? by.dataset.testid : hit.tagName));
  }
  const where = el.closest('[data-testid]');
  return {
    again, stuck, closed: again && el === first, container, tag: el.tagName,
    testid: el.dataset.testid || (where ? where.dataset.testid : ''),
    text: (el.innerText || el.value || el.getAttribute('aria-label') || '').replace(/\\s+/g, ' ').slice(0, 50),
    heading_link: !!el.closest('[data-testid=stHeaderActionElements]'),
    rect: [r.left, r.top, r.width, r.height], covered, points: points.length,
  };
}"""

# Markup a screen reader would read out: bold or italic markers, code ticks, escapes, link syntax, icons.
MARKUP = re.compile(r"\*\*|__|`|\\|\]\(|:material/|:[a-z_]+:")


def _names(cdp) -> tuple[str, str]:
    """The focused element's accessible name, and the name of the group (radio group) holding it."""
    handle = cdp.send("Runtime.evaluate", {"expression": "document.activeElement"})["result"]["objectId"]
    backend = cdp.send("DOM.describeNode", {"objectId": handle})["node"]["backendNodeId"]
    nodes = cdp.send("Accessibility.getPartialAXTree", {"objectId": handle, "fetchRelatives": True})["nodes"]
    by_id = {n["nodeId"]: n for n in nodes}
    node = next((n for n in nodes if n.get("backendDOMNodeId") == backend), None)
    own = ((node or {}).get("name") or {}).get("value", "")
    group = ""
    while node is not None:
        if (node.get("role") or {}).get("value") == "radiogroup":
            group = (node.get("name") or {}).get("value", "")
            break
        node = by_id.get(node.get("parentId"))
    return own, group


def _painted(page) -> None:
    """Wait until the browser has drawn what just changed: two animation frames (on a busy machine a
    fixed pause could end before the frame with the change was drawn)."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.wait_for_timeout(20)


def _luminance(rgb):
    import numpy as np

    c = rgb.astype(float) / 255
    c = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * c[..., 0] + 0.7152 * c[..., 1] + 0.0722 * c[..., 2]


def _indicator_pixels(page, rect) -> tuple[int, float]:
    """How many pixels around and inside `rect` change by 3:1 or more when the focus leaves, and half
    the outline of the part of `rect` in the window (the least a visible indicator covers)."""
    import numpy as np
    from PIL import Image

    size = page.viewport_size
    left, top = max(0, rect[0] - 6), max(0, rect[1] - 6)
    right, bottom = min(size["width"], rect[0] + rect[2] + 6), min(size["height"], rect[1] + rect[3] + 6)
    if right - left < 2 or bottom - top < 2:
        return 0, 1.0
    clip = {"x": left, "y": top, "width": right - left, "height": bottom - top}

    def shot():
        return np.asarray(Image.open(io.BytesIO(page.screenshot(clip=clip, animations="disabled"))).convert("RGB"))

    focused = shot()
    # Take the focus away to a button off the screen, whatever inside the control now holds it (a
    # grid passes the focus from its canvas to a cell of its own a moment after the Tab).
    page.evaluate("""() => {
      let sink = document.getElementById('focus-test-sink');
      if (!sink) {
        sink = document.createElement('button');
        sink.id = 'focus-test-sink';
        sink.tabIndex = -1;
        sink.style.cssText = 'position: fixed; left: -200px; top: -200px; width: 10px; height: 10px;';
        document.body.appendChild(sink);
      }
      sink.focus({preventScroll: true});
    }""")
    _painted(page)
    unfocused = shot()
    page.evaluate("() => window.__focused.focus({preventScroll: true})")
    _painted(page)
    a, b = _luminance(focused), _luminance(unfocused)
    ratio = (np.maximum(a, b) + 0.05) / (np.minimum(a, b) + 0.05)
    visible_w = min(rect[0] + rect[2], size["width"]) - max(rect[0], 0)
    visible_h = min(rect[1] + rect[3], size["height"]) - max(rect[1], 0)
    return int((ratio >= 3).sum()), max(1.0, visible_w + visible_h)


def tab_through(page, cdp, where: str, key: str = "Tab", whole: bool = True, limit: int = 260) -> list[str]:
    """Press `key` (Tab, or Shift+Tab to go backwards) once round the page and return every problem
    found, in plain words; `whole` False checks only what depends on the direction (what covers
    the focus: going backwards scrolls up, towards the header)."""
    problems: list[str] = []
    page.evaluate("() => { window.__focusSeen = new WeakSet(); window.__focusFirst = null; window.__focused = null; }")
    stops = stuck = 0
    for _ in range(limit):
        page.keyboard.press(key)
        _painted(page)  # the focus has scrolled into view and been drawn
        stop = page.evaluate(FOCUS_STOP)
        if stop is None:
            continue
        if stop["stuck"]:  # the key left the focus where it was (a grid moves among its cells)
            stuck += 1
            if stuck >= 40:
                problems.append(f"{where} ({key}): the focus cannot leave {stop['tag']} {stop['testid']} "
                                f"{stop['text']!r} (2.1.2 No Keyboard Trap)")
                break
            continue
        stuck = 0
        if stop["closed"]:
            break
        if stop["again"]:
            continue
        stops += 1
        what = f"{where} ({key}), stop {stops} ({stop['tag']} {stop['testid']} {stop['text']!r})"
        if stop["heading_link"]:
            problems.append(f"{what}: a 'Link to heading' tab stop")
            continue
        # Nothing may be drawn over a control; a container that scrolls (the main area), or a box
        # taller than the window, need only be partly in the window.
        drawn_over = [c for c in stop["covered"] if c != "outside the window"]
        if (drawn_over and not stop["container"]) or len(stop["covered"]) == stop["points"]:
            problems.append(f"{what}: covered by {sorted(set(stop['covered']))}")
        if not whole:
            continue
        changed, least = _indicator_pixels(page, stop["rect"])
        if changed < least:
            problems.append(f"{what}: focus indicator too faint ({changed} pixels change by 3:1, "
                            f"at least {least:.0f} needed)")
        name, group = _names(cdp)
        for kind, text in (("name", name), ("group's name", group)):
            if MARKUP.search(text):
                problems.append(f"{what}: its {kind} has markup: {text[:90]!r}")
    else:
        problems.append(f"{where}: {limit} presses of Tab did not come back round")
    assert stops > 3, f"{where} ({key}): only {stops} focus stops were found, then {stop}"
    return problems


def _check_round_and_back(page, where: str) -> None:
    """Tab once round the page, checking every stop, then Shift+Tab back round, checking what covers it."""
    cdp = page.context.new_cdp_session(page)
    problems = tab_through(page, cdp, where)
    problems += tab_through(page, cdp, where, key="Shift+Tab", whole=False)
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def lived_in(tmp_path_factory):
    """A server where Siân (Ops) O'Neill has ratings, an assessment, a plan and a mentee's conversation under way."""
    data_dir = tmp_path_factory.mktemp("focus") / "data"
    repo = store.open_repository(data_dir)
    sian = Profile(name="Siân (Ops) O'Neill", current_grade="HEO", target_grade="SEO",
                   current_role="Knowledge manager")
    rhys = Profile(name="Rhys_Evans [KIM]", current_grade="EO", target_grade="HEO")
    repo.save_profiles([sian, rhys])
    ratings = {code: Rating(score=score) for code, score in (("1.1.1", 3), ("1.1.2", 2), ("2.1.1", 1), ("3.2.1", 4))}
    repo.add(Assessment(profile_id=sian.id, taken_on=date(2026, 10, 1), ratings=ratings))
    repo.add(Assessment(profile_id=rhys.id, taken_on=date(2026, 10, 2), ratings=ratings))
    repo.put(PlanItem(profile_id=sian.id, objective="Run a *knowledge* café for my team", indicators=["1.1.2"],
                      activity_title="Knowledge café", target_date=date(2027, 3, 31)))
    mentee = Mentee(profile_id=sian.id, mentee_profile_id=rhys.id, name=rhys.name, source="local")
    repo.put(mentee)
    repo.put(ConversationDraft(id=mentee.id, profile_id=sian.id, mentee_id=mentee.id,
                               agenda=[DraftPoint(title="1.1.4: a gap to close", notes="Shadow the records team")]))
    running = Server(data_dir)
    yield running, sian, rhys
    running.stop()


def _prepare(page, entry: navigation.PageEntry, rhys: Profile) -> None:
    """What a person does first on a page, so its controls are there to reach."""
    if entry.path == "pages/conversations.py":
        choose_option(page, page.get_by_role("combobox", name="Mentee"), f"{rhys.name} (this installation)")
        page.get_by_text("Notes on point 1", exact=False).first.wait_for()


@pytest.mark.parametrize("entry", PAGES, ids=[e.path.removeprefix("pages/").removesuffix(".py") for e in PAGES])
def test_every_focus_stop_is_in_view_clearly_marked_and_plainly_named(lived_in, page, entry):
    server, sian, rhys = lived_in
    page.goto(f"{server.url}/?profile={sian.id}")
    settle(page)
    page.get_by_text("You are using the profile of", exact=False).first.wait_for()
    go_to(page, entry.title)
    page.locator("[data-testid=stMain] h1").first.wait_for()
    _prepare(page, entry, rhys)
    _check_round_and_back(page, entry.title)


@pytest.fixture(scope="module")
def signed_in(signed_in_server, browser):
    """Nia, signed in to a department's server with a profile of her own, in a browser of her own."""
    context, page = person_page(browser)
    sign_in(page, signed_in_server, "nia")
    create_profile(page, signed_in_server, "Nia (Records) Jones", "Executive Officer (EO): guide level 2",
                   target="Higher Executive Officer (HEO): guide level 2")
    yield page
    context.close()


@pytest.mark.parametrize("entry", SERVER_ONLY,
                         ids=[e.path.removeprefix("pages/").removesuffix(".py") for e in SERVER_ONLY])
def test_every_focus_stop_on_a_signed_in_page_is_in_view_clearly_marked_and_plainly_named(signed_in, entry):
    page = signed_in
    go_to(page, entry.title)
    page.locator("[data-testid=stMain] h1").filter(has_text=entry.title).wait_for()
    _check_round_and_back(page, entry.title)
