"""In a real browser, signed in through a real OpenID Connect provider: a profession admin replaces the
curriculum; someone who is not an admin reads it and has no way to change it.

"admin-ann"'s ID token puts her in the group kim-profession-admins, which the server's secrets name
as admins (tests/browser/signin.py); "bob" is in no group. Each has their own browser context, so
nothing of one sign-in is seen by the other.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import go_to, settle, shot
from tests.browser.signin import sign_in

pytestmark = pytest.mark.browser

OUR_CURRICULUM = (
    "id,title,provider,format,category,level,hours,cost,develops,prerequisites,min_years_experience,link,description\n"
    "dept-records-101,Records basics at our department,Our KIM team,course,formal,1,3,0,1.2.3:2; 1.2.1:1,,0,,"
    "Our own course\n"
    "dept-foi-desk,FOI desk rotation,Our KIM team,secondment,experience,2,40,0,2.3.2:2,,0,,A month on the FOI desk\n"
)
READ_ONLY = "Only the profession's admins can change the curriculum; ask your KIM profession lead"


def _new_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.set_default_timeout(20_000)
    return context, context.new_page()


def _cell(page, text: str):
    """A cell of a table on the page (the grid is drawn on a canvas; its cells are also in the page, for
    screen readers and for this)."""
    return page.locator("[data-testid='stDataFrame'] td[role='gridcell']", has_text=text)


def test_an_admin_imports_a_curriculum_and_someone_else_reads_it_without_a_way_to_change_it(
        signed_in_server, browser, tmp_path):
    server = signed_in_server
    upload = tmp_path / "our-curriculum.csv"
    upload.write_text(OUR_CURRICULUM, encoding="utf-8")

    ann_context, ann = _new_page(browser)
    bob_context, bob = _new_page(browser)
    try:
        # Ann, a profession admin by her group, imports her department's curriculum on the page.
        sign_in(ann, server, "admin-ann")
        ann.get_by_text("Profession admin: you can change the curriculum").wait_for()
        go_to(ann, "Curriculum")
        ann.get_by_role("heading", name="Replace the curriculum").wait_for()
        ann.get_by_test_id("stFileUploader").filter(has_text="Curriculum file") \
            .locator("input[type=file]").set_input_files(str(upload))
        settle(ann)
        ann.get_by_role("button", name="Check and import").click()
        settle(ann)
        ann.get_by_text("Imported 2 activities.").wait_for()
        ann.get_by_text("You are using your organisation's own curriculum: 2 activities.").wait_for()
        ann.get_by_text("2 of 2 activities match.").wait_for()
        _cell(ann, "Records basics at our department").first.wait_for(state="attached")
        _cell(ann, "FOI desk rotation").first.wait_for(state="attached")
        assert server.data_dir.joinpath("curriculum.json").is_file()

        # Bob, not an admin, sees the same curriculum and nothing to change it with.
        sign_in(bob, server, "bob")
        assert bob.get_by_text("Profession admin").count() == 0
        go_to(bob, "Curriculum")
        bob.get_by_text("You are using your organisation's own curriculum: 2 activities.").wait_for()
        _cell(bob, "Records basics at our department").first.wait_for(state="attached")
        bob.get_by_text(READ_ONLY).wait_for()
        assert bob.get_by_test_id("stFileUploader").count() == 0
        assert bob.get_by_role("button", name="Check and import").count() == 0
        assert bob.get_by_role("button", name="Use the sample curriculum again").count() == 0
        assert bob.get_by_role("heading", name="Replace the curriculum").count() == 0
        # Reading stays: he can still download the curriculum in use.
        assert bob.get_by_role("button", name="Current curriculum (CSV)").count() == 1
        assert bob.get_by_role("button", name="Template (CSV)").count() == 0  # it is for making an import
        bob.get_by_test_id("stDataFrame").first.wait_for()
        bob.wait_for_timeout(500)
        shot(bob, "70-curriculum-read-only")
    finally:
        ann_context.close()
        bob_context.close()
