"""In a real browser: with hostile words and links loaded everywhere, the app only ever talks to itself.

Profile names and notes, plan items, a mentee and an imported curriculum hold Markdown images
and links, maths, HTML, bare web addresses and emoji shortcodes; a plan file with a hostile
name is refused. Every page is visited, and every request the browser makes is recorded: none
may go anywhere but the app's own address, no page may show a link to a host the hostile words
name, a picture from elsewhere or rendered maths. (An activity's own plain link, to
provider.example, is a link the app builds, and is allowed.)
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from planner import store
from planner.domain.models import Assessment, Draft, Mentee, PlanItem, Profile, Rating
from planner.io import bundle, dataset
from tests.browser.conftest import Server, settle
from ui import navigation

pytestmark = pytest.mark.browser

# What a crafted file or a mischievous person may write: a picture that reports back, a link
# dressed as a system message, maths, HTML, bare addresses, an e-mail address, a shortcode.
PICTURE = "![t](https://tracker.example/pixel.png)"
LINK = "[Your session expired: sign in again](https://phish.example/login)"
HOSTILE = (f"{PICTURE} {LINK} $\\frac{{1}}{{2}}$ <img src='https://tracker.example/html.png'> "
           "https://bare.example/page www.bare.example ada@mail.example :smile: :material/home:")
NAME = "Ada ![t](https://tracker.example/n.png) $x^2$ https://bare.example"
HOSTILE_HOSTS = ("tracker.example", "phish.example", "bare.example", "mail.example")
NOW = datetime(2026, 11, 1, 9, tzinfo=UTC)


def _hostile_curriculum() -> bytes:
    sample = dataset.load_curriculum()
    activities = [
        a.model_copy(update={
            "title": f"{a.title} https://bare.example/{n} {PICTURE}"[:200],
            "provider": f"{a.provider} www.bare.example $x$",
            "description": HOSTILE,
            "link": "https://provider.example/course?id=1",
        })
        for n, a in enumerate(sample.activities)
    ]
    return json.dumps({"note": f"Imported. {HOSTILE}"[:2000],
                       "activities": [a.model_dump(mode="json") for a in activities]}).encode()


def _foreign_plan_file() -> bytes:
    """A plan file of a person named with a link, holding an item of someone else: it is refused."""
    person = Profile(name=f"Eve {LINK}"[:120], current_grade="EO")
    document = json.loads(bundle.export_bundle(person, [], [PlanItem(profile_id=person.id, objective="x")], NOW))
    document["plan_items"][0]["profile_id"] = "someone-else"
    return json.dumps(document).encode()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A server whose saved data is hostile everywhere, and the id of the person it belongs to."""
    data_dir = tmp_path_factory.mktemp("hostile") / "data"
    repo = store.open_repository(data_dir)
    person = Profile(name=NAME, current_grade="HEO", target_grade="SEO", current_role="Records manager",
                     notes=HOSTILE)
    mentee = Profile(name=f"Bo {PICTURE}", current_grade="EO", notes=HOSTILE)
    repo.save_profiles([person, mentee])
    ratings = {"1.1.1": Rating(score=1, comment=HOSTILE), "1.2.1": Rating(score=2)}
    repo.add(Assessment(profile_id=person.id, taken_on=date(2026, 10, 1), ratings=ratings, comment=HOSTILE))
    repo.put(Draft(profile_id=person.id, ratings=ratings))
    repo.put(PlanItem(profile_id=person.id, objective=HOSTILE, activity_title=NAME, evidence=HOSTILE))
    repo.put(Mentee(profile_id=person.id, mentee_profile_id=mentee.id, name=mentee.name, source="local"))
    running = Server(data_dir)
    yield running, person.id
    running.stop()


def test_every_page_with_hostile_data_only_ever_asks_the_apps_own_address(hostile, page, tmp_path):
    server, person_id = hostile
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))

    # The home page first: until a session has opened it, Streamlit runs a sub-page's file alone.
    page.goto(f"{server.url}/?profile={person_id}")
    settle(page)
    # A curriculum with hostile words is imported through the page, as a lead would.
    page.goto(f"{server.url}/curriculum?profile={person_id}")
    settle(page)
    upload = tmp_path / "ours.json"
    upload.write_bytes(_hostile_curriculum())
    page.get_by_test_id("stFileUploader").locator("input[type=file]").set_input_files(str(upload))
    settle(page)
    page.get_by_role("button", name="Check and import").click()
    settle(page)
    page.get_by_text("Imported", exact=False).first.wait_for(timeout=60_000)

    # A plan file naming its owner with a link dressed as a message is refused, as text.
    page.goto(f"{server.url}/plan?profile={person_id}")
    settle(page)
    foreign = tmp_path / "plan.json"
    foreign.write_bytes(_foreign_plan_file())
    uploader = page.get_by_test_id("stFileUploader").filter(has_text="Plan file")
    uploader.locator("input[type=file]").set_input_files(str(foreign))
    settle(page)
    page.get_by_role("button", name="Import the plan file").click()
    settle(page)
    page.get_by_text("belongs to another person", exact=False).wait_for(timeout=60_000)
    found = _outside_links_and_pictures(page, server)
    assert not found, f"the plan page after the refusal shows {found}"

    for entry in navigation.pages_of(server=False):
        page.goto(f"{server.url}/{entry.url_path}?profile={person_id}")
        settle(page)
        page.get_by_test_id("stSidebarNav").wait_for()
        found = _outside_links_and_pictures(page, server)
        assert not found, f"{entry.title} shows {found}"

    assert any(url.startswith(server.url) for url in requests)
    outside = sorted({url for url in requests if not url.startswith((server.url, "data:", "blob:"))})
    assert not outside, f"the browser asked outside hosts: {outside}"


def _outside_links_and_pictures(page, server: Server) -> list[str]:
    """Links to the hosts the hostile words name, pictures from anywhere else, and rendered maths."""
    return page.evaluate(
        """([own, hosts]) => {
            const away = (url) => url && !url.startsWith(own) && !url.startsWith('data:') && !url.startsWith('blob:');
            const found = [];
            for (const a of document.querySelectorAll('a[href]')) {
                if (a.href.startsWith('mailto:') || hosts.some(host => a.href.includes(host))) {
                    found.push(`link ${a.href} "${a.textContent}"`);
                }
            }
            for (const img of document.querySelectorAll('img')) {
                if (away(img.src)) found.push(`picture ${img.src}`);
            }
            for (const el of document.querySelectorAll('.katex')) found.push(`maths "${el.textContent}"`);
            return found;
        }""",
        [server.url, list(HOSTILE_HOSTS)],
    )
