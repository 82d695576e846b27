"""In a real browser: a lead installs version 2 of the KIM framework with its crosswalk, and a person
with earlier assessments starts their next one with their ratings carried."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from planner import store
from planner.domain.models import Assessment, Profile, Rating
from planner.io import shipped
from tests import revisions
from tests.browser.conftest import go_to, rate, settle, shot

pytestmark = pytest.mark.browser


@pytest.fixture
def person(server):
    fw = shipped.load_framework()
    repo = store.open_repository(server.data_dir)
    profile = Profile(name="Nia Evans", current_grade="HEO", target_grade="SEO")
    repo.save_profile(profile)
    for year in (2024, 2025, 2026):
        ratings = {i.code: Rating(score=3) for i in fw.indicators if i.level <= 2}
        ratings["1.1.5"] = Rating(score=1)
        repo.add(Assessment(profile_id=profile.id, taken_on=date(year, 3, 1), ratings=ratings,
                            created_at=datetime(year, 3, 1, 9, tzinfo=UTC)))
    return profile


def test_a_lead_installs_a_revision_and_a_person_carries_their_ratings_into_it(server, page, person, tmp_path):
    fw = shipped.load_framework()
    pack, crosswalk = tmp_path / "kim-2.json", tmp_path / "kim-1-to-2.csv"
    pack.write_bytes(revisions.pack_file(fw))
    crosswalk.write_bytes(revisions.crosswalk_file(fw))

    page.goto(f"{server.url}/frameworks?profile={person.id}")
    settle(page)
    page.get_by_test_id("stFileUploader").filter(has_text="Framework file").locator("input[type='file']") \
        .set_input_files(str(pack))
    settle(page)
    page.get_by_test_id("stFileUploader").filter(has_text="Crosswalk file").locator("input[type='file']") \
        .set_input_files(str(crosswalk))
    settle(page)
    page.get_by_role("button", name="Check the files").click()
    settle(page)
    page.get_by_text("1 indicator added, 1 removed, 1 merged into another and 4 reworded.").wait_for()
    shot(page, "60-framework-revision-checked")
    page.get_by_role("button", name="Install and use it now").click()
    settle(page)
    page.get_by_text("and it is now the version in use").wait_for()

    go_to(page, "Assess yourself")
    page.get_by_text("The framework in use is now version 2").wait_for()
    shot(page, "61-carry-offer")
    page.get_by_role("button", name="Start from my carried ratings").click()
    settle(page)
    page.get_by_text("These ratings were carried from your assessment of 1 March 2026").wait_for()
    rate(page, "1.1.4", "2 Developing")  # merged with 1.1.5: carried as the lower rating, 1
    page.get_by_role("button", name="Save assessment").click()
    settle(page)

    repo = store.open_repository(server.data_dir)
    saved = [a for a in repo.list(Assessment, person.id) if a.framework_version.version == "2"]
    assert len(saved) == 1 and saved[0].ratings["1.1.4"].score == 2
    assert saved[0].ratings["2.2.1"].score == 3 and "1.1.5" not in saved[0].ratings
    assert len([a for a in repo.list(Assessment, person.id) if a.framework_version.version == "1"]) == 3

    go_to(page, "Gaps and progress")
    page.get_by_role("heading", name="Your assessments as they were").wait_for()
    shot(page, "62-gaps-across-versions")
