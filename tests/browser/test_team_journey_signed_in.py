"""In a real browser, on a department's server: a lead makes a team and invites Bob; Bob joins, then leaves.

A real OpenID Connect provider and a real Streamlit server on free ports of 127.0.0.1; the lead and
Bob each sign in from their own browser context, as two people on two computers would.
"""

from __future__ import annotations

import pytest

from planner import store
from planner.domain.models import AccessRecord
from planner.services.acting import profile_id_for
from tests.browser.conftest import create_profile, go_to, rate, settle, shot
from tests.browser.signin import sign_in

BOB = "Bob Quennell-Hartley"  # found nowhere else on the lead's screen unless Bob is in the team


@pytest.fixture(scope="module")
def server(signed_in_server):
    return signed_in_server


@pytest.fixture
def two_people(browser):
    """Two browser contexts: two people, each with their own cookies."""
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(2)]
    for context in contexts:
        context.set_default_timeout(20_000)
    yield [context.new_page() for context in contexts]
    for context in contexts:
        context.close()


def _shown(page) -> str:
    settle(page)
    return page.get_by_test_id("stApp").inner_text()


def _cell(page, text: str):
    """A cell of any table on the page holding this text (tables draw on a canvas; this is their accessible copy)."""
    return page.locator("[data-testid='stDataFrame'] td[role='gridcell']", has_text=text)


def _form(page, heading: str):
    return page.get_by_test_id("stForm").filter(has=page.get_by_role("heading", name=heading))


def test_the_lead_sees_bob_only_while_he_is_in_the_team(server, provider, two_people):
    lead, bob = two_people

    # The lead makes a team and invites Bob by the address he signs in with.
    sign_in(lead, server, "lena")
    lead.goto(server.url + "/team")
    settle(lead)
    assert lead.get_by_role("combobox", name="People who use this installation").count() == 0
    make = _form(lead, "Make a team")
    make.get_by_role("textbox", name="Team name").fill("Records team")
    make.get_by_role("button", name="Make the team").click()
    settle(lead)
    lead.get_by_text("Made the team Records team").wait_for()
    invite = _form(lead, "Invite someone")
    invite.get_by_role("textbox", name="Their email address").fill("bob@example.gov.uk")
    invite.get_by_role("button", name="Invite them").click()
    settle(lead)
    lead.get_by_text("They will see the invitation on their Sharing page").wait_for()
    _cell(lead, "no answer yet").wait_for(state="attached")

    # Bob signs in, makes his profile, assesses himself: the lead still sees nothing of his.
    sign_in(bob, server, "bob")
    create_profile(bob, server, BOB, "Higher Executive Officer (HEO): guide level 2",
                   target="Senior Executive Officer (SEO): guide level 3")
    go_to(bob, "Assess yourself")
    rate(bob, "1.1.1", "4 Expert")
    bob.get_by_role("button", name="Save assessment").click()
    settle(bob)
    go_to(lead, "Team capability")
    assert BOB not in _shown(lead) and _cell(lead, BOB).count() == 0

    # Bob finds the invitation on his Sharing page, with what the lead would see, and joins.
    go_to(bob, "Sharing")
    shown = _shown(bob)
    assert "Records team" in shown and "latest self-assessment ratings" in shown
    bob.get_by_role("button", name="Join the team").click()
    settle(bob)
    bob.get_by_text("You have joined Records team").wait_for()

    # The lead's capability view now has Bob, and his look is recorded for him.
    go_to(lead, "Team capability")
    lead.get_by_text("1 who joined Records team").wait_for()
    lead.get_by_role("heading", name="Biggest shared gaps").wait_for()
    _cell(lead, BOB).first.wait_for(state="attached")
    lead.locator("[data-testid='stVegaLiteChart']").first.wait_for()
    lead.wait_for_timeout(500)
    shot(lead, "team-consent-lead-sees-bob")
    repo = store.open_repository(server.data_dir)
    looks = repo.list(AccessRecord, profile_id_for(provider.issuer, "bob"))
    assert [(look.by_name, look.as_role) for look in looks] == [("Lena", "team lead")]

    # Bob leaves; the lead's next page shows nothing of his, only the address typed and that he left.
    go_to(bob, "Sharing")
    bob.get_by_role("button", name="Leave the team").click()
    settle(bob)
    bob.get_by_text("You have left Records team").wait_for()
    go_to(lead, "Team capability")
    lead.get_by_text("When people join your team, or you upload their share files").wait_for()
    assert BOB not in _shown(lead) and _cell(lead, BOB).count() == 0
    _cell(lead, "Left on").wait_for(state="attached")
    shot(lead, "team-consent-lead-after-bob-left")
