"""Framework versions: a lead installs a revised KIM framework with a crosswalk, and a person with three
years of assessments reads each as it was, starts their next one with their ratings carried, and reads
their gaps against the new version."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from planner.domain.models import Assessment, Draft, Evidence, Rating
from planner.io import packs
from tests import revisions
from tests.app.conftest import button, open_page, texts

YEARS = (date(2024, 3, 1), date(2025, 3, 1), date(2026, 3, 1))


@pytest.fixture
def three_years(repo, person, fw):
    """Three yearly self-assessments in version 1, the person growing a little each year."""
    saved = []
    for year, when in enumerate(YEARS):
        ratings = {i.code: Rating(score=min(4, 1 + year + (i.level == 1))) for i in fw.indicators if i.level <= 2}
        ratings["1.1.4"] = Rating(score=4, evidence=Evidence(situation="Ran the team's knowledge café"))
        ratings["1.1.5"] = Rating(score=2)
        ratings[revisions.RETIRED] = Rating(score=3)
        snap = Assessment(profile_id=person.id, taken_on=when, ratings=ratings,
                          created_at=datetime(when.year, when.month, when.day, 9, tzinfo=UTC))
        repo.add(snap)
        saved.append(snap)
    return saved


def _install_revision(fw) -> None:
    at = open_page("pages/frameworks.py")
    at.file_uploader(key="fwv_pack_file").upload("kim-2.json", revisions.pack_file(fw), "application/json").run()
    at.file_uploader(key="fwv_crosswalk_file").upload("kim-1-to-2.csv", revisions.crosswalk_file(fw),
                                                      "text/csv").run()
    button(at, "Check the files").click().run()
    shown = texts(at)
    assert "1 indicator added" in shown and "1 merged into another" in shown and "1 removed" in shown
    assert "4 reworded" in shown  # three, and the merged 1.1.4
    reworded = next(t.value for t in at.dataframe if "Now" in t.value.columns)
    assert reworded.loc[reworded["Code"] == "2.2.1", "Now"].item() == revisions.REWORDED["2.2.1"]
    button(at, "Install and use it now").click().run()
    assert not at.exception
    assert "is now the version in use" in texts(at) or "Installed version 2" in texts(at)


def test_the_page_says_which_version_is_in_use_and_lists_the_shipped_one(data_dir):
    at = open_page("pages/frameworks.py")
    assert not at.exception
    assert "version 1" in texts(at) and "54 indicators" in texts(at)
    versions = at.dataframe[0].value
    assert list(versions["Version"]) == ["1"] and list(versions["In use"]) == ["Yes"]


def test_a_lead_installs_a_revision_with_its_crosswalk_and_the_earlier_version_stays(data_dir, repo, fw):
    _install_revision(fw)
    library = packs.read_library(repo)
    assert library.active == revisions.revised(fw).ref
    assert [p.version for p in packs.every_pack(library)] == ["1", "2"]
    assert library.crosswalk(fw.ref, library.active).entries == revisions.crosswalk(fw).entries
    at = open_page("pages/frameworks.py")
    assert "In use: " in texts(at) and "version 2" in texts(at) and "53 indicators" in texts(at)


def test_a_pack_with_problems_lists_them_and_installs_nothing(data_dir, repo, fw):
    broken = revisions.revised(fw).model_dump(mode="json")
    broken["indicators"][3]["statement"] = ""
    broken["indicators"][5]["code"] = "not a code"
    at = open_page("pages/frameworks.py")
    import json

    at.file_uploader(key="fwv_pack_file").upload("kim-2.json", json.dumps(broken).encode(), "application/json").run()
    button(at, "Check the files").click().run()
    assert not at.exception
    assert "Nothing was installed" in texts(at)
    problems = at.dataframe[-1].value
    assert len(problems) >= 2
    assert packs.read_library(repo).packs == []


def test_a_person_with_three_years_of_assessments_carries_them_into_the_new_version(
        data_dir, repo, person, fw, three_years):
    before = {a.id: a.model_dump() for a in repo.list(Assessment, person.id)}
    _install_revision(fw)
    new = revisions.revised(fw)

    # Gaps and progress: until they save one in version 2, their gaps read the ratings carried to it.
    at = open_page("pages/gaps.py", profile_id=person.id)
    assert not at.exception
    assert any("Carried to version 2" in str(o) for o in at.selectbox(key="gaps_source").options)
    # Each earlier assessment shows as it was: version 1's indicators, 1.1.5 and 1.3.3 among them.
    history = at.selectbox(key="history_snapshot")
    assert len(history.options) == 3 and all("version 1" in str(o) for o in history.options)
    for snap in three_years:
        history.set_value(snap.id).run()
        shown = at.dataframe[-1].value
        assert set(shown["Code"]) == set(fw.codes)
        assert shown.loc[shown["Code"] == "1.1.5", "Statement"].item() == fw.indicator("1.1.5").statement
        assert shown.loc[shown["Code"] == "1.1.4", "Evidence"].item() == "Ran the team's knowledge café"
        history = at.selectbox(key="history_snapshot")
    progress = next(t.value for t in at.dataframe if "Indicators met" in t.value.columns)
    assert len(progress) == 3

    # Assess yourself offers to carry the latest one, and says what is carried, new and retired.
    at = open_page("pages/assess.py", profile_id=person.id)
    assert not at.exception
    shown = texts(at)
    assert "The framework in use is now version 2" in shown
    assert "1 indicator new in this version" in shown and "1 rated indicator retired" in shown
    button(at, "Start from my carried ratings").click().run()
    assert not at.exception
    draft = repo.get(Draft, person.id, "current")
    assert draft.framework_version == new.ref and draft.carried_from == three_years[-1].id
    assert draft.ratings["1.1.4"].score == 2  # merged with 1.1.5: the lower of 4 and 2
    assert revisions.RETIRED not in draft.ratings and revisions.ADDED.code not in draft.ratings
    assert draft.ratings["2.2.1"].score == three_years[-1].ratings["2.2.1"].score
    assert "These ratings were carried from your assessment of 1 March 2026" in texts(at)

    button(at, "Save assessment").click().run()
    assert not at.exception
    saved = [a for a in repo.list(Assessment, person.id) if a.framework_version == new.ref]
    assert len(saved) == 1 and saved[0].carried_from == three_years[-1].id
    # Nothing in the old snapshots changed.
    assert {a.id: a.model_dump() for a in repo.list(Assessment, person.id) if a.id in before} == before

    # Gaps now read the version 2 assessment: the added indicator, not rated, is a gap at SEO's level 3.
    at = open_page("pages/gaps.py", profile_id=person.id)
    assert not at.exception
    gap_codes = set(next(t.value for t in at.dataframe if "Shortfall (points)" in t.value.columns)["Code"])
    assert revisions.ADDED.code in gap_codes
    assert revisions.RETIRED not in gap_codes and "1.1.5" not in gap_codes
    progress = next(t.value for t in at.dataframe if "Framework version" in t.value.columns)
    assert list(progress["Framework version"]) == ["2", "1", "1", "1"]


def test_plan_items_curriculum_and_roles_naming_retired_indicators_are_flagged_not_dropped(
        data_dir, repo, person, fw, three_years):
    from planner.domain.models import PlanItem

    item = PlanItem(profile_id=person.id, objective="Spot what the KIM guidance lacks", indicators=["1.3.3", "2.1.1"])
    repo.add(item)
    _install_revision(fw)

    at = open_page("pages/plan.py", profile_id=person.id)
    assert not at.exception
    warning = next(w.value for w in at.warning if "does not have" in w.value)
    assert "Spot what the KIM guidance lacks (1.3.3)" in warning
    assert repo.get(PlanItem, person.id, item.id).indicators == ["1.3.3", "2.1.1"]

    at = open_page("pages/frameworks.py")
    flags = next(t.value for t in at.dataframe if "What it names that this version lacks" in t.value.columns)
    assert "curriculum activity" in set(flags["Kind"])
    assert all("1.3.3" in s or "1.1.5" in s for s in flags["What it names that this version lacks"])
