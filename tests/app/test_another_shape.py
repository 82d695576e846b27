"""The whole journey on a framework of another shape: 5 skills x 6 levels with codes like DM-3-2.

The invented Data Management Professional Framework (tests/shapes.py) is made the framework in use,
with its curriculum and roles imported, and a person goes through every page: profile, assessment
across six levels, gaps, charts and their text twins, recommendations, the plan and its files, routes
and roles, a job specification, a mentor's view and ratings, a team view and its files. Where the roles
(or the curriculum) in use are still the KIM ones, pages say so and offer targets by grade only.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from planner.domain.models import Assessment, Conversation, Mentee, MentorRating, PlanItem, Profile, Rating
from planner.io import dataset, roles_io, shipped
from tests import shapes
from tests.app.conftest import (
    button,
    csv_rows,
    docx_text,
    edit_cells,
    open_page,
    pdf_text,
    texts,
    xlsx_rows,
)
from tests.app.test_pages import PAGE_FILES

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def dm(repo):
    """The DM pack in use, with its curriculum and roles imported."""
    return shapes.install_dm(repo)


@pytest.fixture
def dana(repo, dm) -> Profile:
    """An SEO data steward aiming to be a head of data at G6 (level 5 in every skill)."""
    profile = Profile(name="Dana Kaur", current_grade="SEO", current_role="Data steward", target_grade="G6",
                      target_role="Head of data", created_at=NOW)
    repo.save_profile(profile)
    return profile


def _up_to(dm, level: int, score: int = 3) -> dict[str, Rating]:
    return {i.code: Rating(score=score) for i in dm.indicators if i.level <= level}


@pytest.fixture
def rated_dana(repo, dm, dana) -> Profile:
    """Dana with a saved assessment in the DM framework: levels 1 to 3 met, some of level 4."""
    ratings = _up_to(dm, 3) | {"DG-4-1": Rating(score=4), "DM-4-1": Rating(score=2)}
    repo.add(Assessment(profile_id=dana.id, taken_on=date(2026, 11, 1), framework_version=dm.ref, ratings=ratings))
    return dana


def _charts(at) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("vega_lite_chart")]


def _tables(at) -> str:
    return "\n".join(df.value.to_csv() for df in at.dataframe)  # every column, none elided


def _no_failure(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


# --- Every page ---------------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGE_FILES)
@pytest.mark.parametrize("imported", [True, False], ids=["with its curriculum and roles", "with the KIM ones"])
def test_every_page_opens_without_an_error_on_the_dm_framework(data_dir, repo, page, imported):
    shapes.install_dm(repo, curriculum=imported, roles=imported)
    person = Profile(name="Dana Kaur", current_grade="SEO", current_role="Data steward", target_grade="G6",
                     target_role="Head of data")
    repo.save_profile(person)
    repo.add(Assessment(profile_id=person.id, taken_on=date(2026, 11, 1), framework_version=shapes.dm_framework().ref,
                        ratings={"DM-3-2": Rating(score=3), "DA-6-1": Rating(score=1)}))
    _no_failure(open_page(page, profile_id=person.id))


def test_the_framework_explorer_describes_five_skills_six_levels_and_finds_dm_codes(data_dir, dm):
    at = open_page("pages/framework.py")
    shown = texts(at)
    assert "has 5 skills at 6 levels, described by 70 numbered indicators" in shown
    assert "A code such as **DA-2-2** means level 2, skill 5, statement 2 there." in shown
    at.text_input(key="framework_search").input("DM-3").run()
    assert "3 of 70 indicators match." in texts(at)


def test_settings_offer_the_six_levels_of_the_framework(data_dir, dm):
    at = open_page("pages/settings.py")
    _no_failure(at)
    assert "Level 6: Strategic" in _tables(at)


# --- Profile and assessment ----------------------------------------------------------------------


def test_the_profile_offers_the_dm_roles_and_each_grades_dm_level(data_dir, dm, dana):
    at = open_page("pages/profile.py", profile_id=dana.id)
    assert at.selectbox(key="edit_profile_current_role").options == ["Data steward", "Data quality analyst",
                                                                      "Head of data"]
    assert "Grade 6 (G6): guide level 5" in at.selectbox(key="edit_profile_target_grade").options


def test_the_profile_offers_no_kim_roles_for_the_dm_framework(data_dir, repo):
    shapes.install_dm(repo, roles=False)
    at = open_page("pages/profile.py")
    assert at.selectbox(key="new_profile_current_role").options == []
    assert "written for another framework" in at.selectbox(key="new_profile_current_role").help


def test_a_person_rates_dm_indicators_up_to_level_six_and_saves_them(data_dir, repo, dm, dana):
    at = open_page("pages/assess.py", profile_id=dana.id)
    assert at.selectbox(key="assess_scope").options == ["Level 1 only", *(f"Levels 1 to {n}" for n in range(2, 7))]
    assert at.selectbox(key="assess_scope").value == 5  # G6 asks level 5
    at.selectbox(key="assess_scope").select(6).run()
    assert "0 of 70 indicators rated" in at.get("progress")[0].proto.text
    at.radio(key="assess_skill").set_value(3).run()
    assert "Skill 3: Data modelling and metadata (DM)" in [h.value for h in at.header]
    assert [s.value for s in at.subheader if s.value.startswith("Level ")][-1].startswith("Level 6")
    at.radio(key="rate_DM-5-1").set_value(3).run()
    at.radio(key="rate_DM-6-2").set_value(4).run()
    at.radio(key="assess_skill").set_value(5).run()
    at.radio(key="rate_DA-6-1").set_value(2).run()
    assert "3 of 70 indicators rated" in at.get("progress")[0].proto.text
    at.button(key="assess_save").click().run()
    _no_failure(at)
    (saved,) = repo.list(Assessment, dana.id)
    assert saved.framework_version == dm.ref
    assert {c: r.score for c, r in saved.ratings.items()} == {"DM-5-1": 3, "DM-6-2": 4, "DA-6-1": 2}


# --- Gaps, charts and their text twins ----------------------------------------------------------


def test_gaps_attained_levels_and_charts_run_over_six_levels_with_dm_codes(data_dir, dm, rated_dana):
    at = open_page("pages/gaps.py", profile_id=rated_dana.id)
    _no_failure(at)
    shown = texts(at)
    assert "You meet Level 3 in all five skills." in shown
    assert "in Data modelling and metadata (DM): DM-4-1, DM-4-2, DM-5-1 and DM-5-2." in shown
    profile_chart = next(c for c in _charts(at) if "Attained and target level" in json.dumps(c))
    assert '"domain": [0, 6]' in json.dumps(profile_chart)
    tables = _tables(at)
    assert "Level 6 met" in tables and "DM-4-1" in tables and "Level 4: 1 of 2 met" in tables


def test_a_target_by_hand_offers_levels_up_to_six_for_each_of_five_skills(data_dir, dm, rated_dana):
    at = open_page("pages/gaps.py", profile_id=rated_dana.id)
    at.radio(key="gaps_target_kind").set_value("by_hand").run()
    for number in range(1, 6):
        assert at.selectbox(key=f"gaps_hand_{number}").options == [str(n) for n in range(7)]
    at.selectbox(key="gaps_hand_5").select(6).run()
    _no_failure(at)
    assert "DA-6-1" in _tables(at)


# --- Recommendations and the plan --------------------------------------------------------------------


def test_recommendations_come_from_the_dm_curriculum_and_go_into_the_plan(data_dir, repo, dm, rated_dana):
    at = open_page("pages/recommend.py", profile_id=rated_dana.id)
    at.number_input(key="rec_budget").set_value(4000.0)
    at.number_input(key="rec_hours").set_value(20.0)
    at.number_input(key="rec_years").set_value(6.0)
    button(at, "Update the recommendations").click().run()
    _no_failure(at)
    ranked = [h.value for h in at.subheader if h.value[:2] in {f"{n}." for n in range(1, 10)}]
    assert ranked
    dm_titles = {a.title for a in shapes.dm_curriculum().activities}
    assert all(h.split(". ", 1)[1].replace("\\", "") in dm_titles for h in ranked)
    at.button(key="rec_add_all").click().run()
    items = repo.list(PlanItem, rated_dana.id)
    assert items and all(code in dm.codes for i in items for code in i.indicators)


def test_the_plans_files_hold_dm_codes_and_six_levels(data_dir, repo, dm, rated_dana, downloads):
    repo.put(PlanItem(profile_id=rated_dana.id, objective="Lead the data quality plan", indicators=["DQ-5-1"],
                      target_date=date(2027, 3, 1), review_date=date(2027, 2, 1)))
    at = open_page("pages/plan.py", profile_id=rated_dana.id)
    _no_failure(at)
    pdf = " ".join(pdf_text(downloads.of(at, "plan_download_pdf").data).split())
    word = docx_text(downloads.of(at, "plan_download_docx").data)
    markdown = downloads.of(at, "plan_download_md").text
    for text in (pdf, word, markdown):
        assert "DQ-5-1" in text and "Level 6 met" in text and "DM-4-1" in text
    assert csv_rows(downloads.of(at, "plan_download_csv").data)[0]["Indicators"] == "DQ-5-1"
    assert "Lead the data quality plan" in downloads.of(at, "plan_download_ics").text


# --- Roles, routes and job specifications ---------------------------------------------------------


def test_career_paths_explore_dm_roles_and_plan_a_route_to_head_of_data(data_dir, dm, rated_dana):
    at = open_page("pages/careers.py", profile_id=rated_dana.id)
    _no_failure(at)
    frames = [df.value for df in at.dataframe]
    assert any("Skill 5 level" in f.columns for f in frames)
    assert at.radio(key="careers_route_choice").options[0].startswith("Fastest route: about")
    assert "Data steward (SEO) → Head of data (G6)" in texts(at)
    assert "skill 1: level 5, skill 2: level 5, skill 3: level 5, skill 4: level 5, skill 5: level 5" in texts(at)


def test_with_kim_roles_career_paths_say_so_and_offer_targets_by_grade(data_dir, repo):
    dm = shapes.install_dm(repo, roles=False)
    person = Profile(name="Dana Kaur", current_grade="HEO", target_grade="G6")
    repo.save_profile(person)
    repo.add(Assessment(profile_id=person.id, taken_on=date(2026, 11, 1), framework_version=dm.ref,
                        ratings=_up_to(dm, 3)))
    at = open_page("pages/careers.py", profile_id=person.id)
    _no_failure(at)
    assert any("Professional Skills Framework, version 1, not for Data Management Professional Framework, version 1"
               in w.value for w in at.warning)
    steps = next(df.value for df in at.dataframe if "Level in every skill" in df.value.columns)
    assert list(steps["Level in every skill"]) == [3, 3, 4, 5]
    assert list(steps["Ready?"])[0] == "Ready"


def test_a_lead_imports_the_dm_roles_on_career_paths_and_they_are_used_at_once(data_dir, repo):
    shapes.install_dm(repo, roles=False)
    at = open_page("pages/careers.py")
    kim = (shipped.DATA_DIR / shipped.ROLES_FILE).read_bytes()
    at.file_uploader(key="roles_import_file").upload("roles.json", kim, "application/json").run()
    at.button(key="roles_import").click().run()
    assert any(e.value.startswith("The set of roles was not replaced. The file has") for e in at.error)
    assert "give a level for skills 1, 2, 3, 4 and 5" in _tables(at)
    at.file_uploader(key="roles_import_file").upload("roles_dm.json", shapes.ROLES_FILE.read_bytes(),
                                                    "application/json").run()
    at.button(key="roles_import").click().run()
    _no_failure(at)
    assert dataset.ROLES.active(repo).framework_version == shapes.dm_framework().ref
    assert "Imported 3 roles for Data Management Professional Framework, version 1" in texts(at)
    assert at.selectbox(key="careers_role_a").options[0] == "Data steward"


def test_a_job_specification_for_a_dm_role_gives_dm_criteria_in_every_file(data_dir, dm, downloads):
    at = open_page("pages/jobspec.py")
    _no_failure(at)
    assert at.multiselect(key="spec_roles").value == ["data-steward"]
    at.selectbox(key="spec_grade").select("SEO").run()
    shown = texts(at)
    assert "skill 5 (Data analysis and use (DA)): level 2" in shown
    codes = list(at.data_editor[0].value["Code"])
    assert {"DG-3-3", "DG-4-1", "DM-3-1"} <= set(codes)
    for key, read in (("spec_pdf", pdf_text), ("spec_docx", docx_text), ("spec_md", lambda d: d.decode())):
        advert = " ".join(read(downloads.of(at, key).data).split())
        assert "Data Management Professional Framework" in advert and "DG-4-1" in advert, key
        assert "KIM Professional Skills" not in advert, key
    header = list(xlsx_rows(downloads.of(at, "spec_sift_xlsx").data)[0])
    assert any(str(h).startswith("[E] DG-4-1") for h in header)


def test_with_kim_roles_a_job_specification_is_by_grade_alone(data_dir, repo, downloads):
    shapes.install_dm(repo, roles=False)
    at = open_page("pages/jobspec.py")
    _no_failure(at)
    assert not [m for m in at.multiselect if m.key == "spec_roles"]
    assert any("not applied to it" in w.value for w in at.warning)
    frame = at.data_editor[0].value
    assert set(frame["Level"]) == {3} and set(frame["Use as"]) == {"Essential"}  # HEO asks level 3
    assert "DA-3-3" in downloads.of(at, "spec_md").text


# --- Mentoring -----------------------------------------------------------------------------------


@pytest.fixture
def mentor(repo, dm) -> Profile:
    profile = Profile(name="Sam Ito", current_grade="G6", current_role="Head of data")
    repo.save_profile(profile)
    return profile


def test_a_mentor_sees_and_rates_a_local_mentee_in_the_dm_framework(data_dir, repo, dm, mentor, rated_dana):
    repo.put(Mentee(profile_id=mentor.id, mentee_profile_id=rated_dana.id, name=rated_dana.name, source="local"))
    at = open_page("pages/mentees.py", profile_id=mentor.id)
    _no_failure(at)
    assert "Dana Kaur meets Level 3 in all five skills." in texts(at)
    editor = at.data_editor(key="mentees_rating_editor").value
    assert list(editor["Code"])[:3] == ["DG-1-1", "DG-1-2", "DG-1-3"]
    assert max(dm.indicator(c).level for c in editor["Code"]) == 5  # up to the level G6 asks
    row = list(editor["Code"]).index("DM-3-2")
    edit_cells(at, "mentees_rating_editor", {row: {"Your rating": "1 Aware", "Your comment": "Not seen it"}})
    button(at, "Save my ratings").click().run()
    _no_failure(at)
    (saved,) = repo.list(MentorRating, mentor.id)
    assert saved.framework_version == dm.ref and saved.ratings["DM-3-2"].score == 1
    assert any("DM-3-2" in w.value for w in at.warning)
    assert "5. Data analysis and use (DA)" in _tables(at)


def test_a_conversation_record_with_dm_actions_reaches_the_mentee_and_its_files(data_dir, repo, dm, mentor,
                                                                              rated_dana, downloads):
    repo.put(Mentee(profile_id=mentor.id, mentee_profile_id=rated_dana.id, name=rated_dana.name, source="local"))
    at = open_page("pages/conversations.py", profile_id=mentor.id)
    _no_failure(at)
    at.session_state[at.data_editor[1].key] = {
        "edited_rows": {0: {"Objective": "Model one service's data", "Indicators": "DM-4-1"}},
        "added_rows": [], "deleted_rows": []}
    at.run()
    button(at, "Save the record").click().run()
    _no_failure(at)
    (record,) = repo.list(Conversation, mentor.id)
    assert record.actions[0].indicators == ["DM-4-1"]
    assert "Model one service's data" in {i.objective for i in repo.list(PlanItem, rated_dana.id)}
    markdown = downloads.of(at, f"conv_{record.id}_md").text
    assert "DM-4-1" in markdown
    assert "DM-4-1" in " ".join(pdf_text(downloads.of(at, f"conv_{record.id}_pdf").data).split())


# --- Team view -----------------------------------------------------------------------------------


def test_a_team_view_of_dm_ratings_over_six_levels_and_its_files(data_dir, repo, dm, rated_dana, downloads):
    colleague = Profile(name="Bo Chen", current_grade="G7", current_role="Data quality analyst")
    repo.save_profile(colleague)
    repo.add(Assessment(profile_id=colleague.id, taken_on=date(2026, 10, 1), framework_version=dm.ref,
                        ratings={c: Rating(score=4) for c in dm.codes}))
    at = open_page("pages/team.py")
    at.multiselect(key="team_local_profiles").set_value([rated_dana.id, colleague.id]).run()
    _no_failure(at)
    levels = next(df.value for df in at.dataframe if "Level 6" in df.value.columns)
    assert list(levels["Skill"])[-1] == "5. Data analysis and use (DA)"
    tables = _tables(at)
    assert "DM-4-2" in tables and "Bo Chen coaches Dana Kaur" in tables
    heatmap = next(c for c in _charts(at) if "Each person's rating" in json.dumps(c))
    assert "DA-6-2" in json.dumps(heatmap)
    header = downloads.of(at, "team_download_csv").text.splitlines()[0]
    assert "DG-1-1" in header and "DA-6-2" in header
    assert "Level 6" in pdf_text(downloads.of(at, "team_download_pdf").data)


# --- Imports for leads ---------------------------------------------------------------------------


def test_a_lead_imports_the_dm_curriculum_and_it_is_stamped_with_the_dm_version(data_dir, repo):
    dm = shapes.install_dm(repo, curriculum=False)
    at = open_page("pages/curriculum.py")
    assert any("written for Government Knowledge and Information Management" in w.value for w in at.warning)
    at.file_uploader(key="cur_import_file").upload("curriculum_dm.json", shapes.CURRICULUM_FILE.read_bytes(),
                                                  "application/json").run()
    at.button(key="cur_import").click().run()
    _no_failure(at)
    assert dataset.CURRICULUM.active(repo).framework_version == dm.ref
    assert at.multiselect(key="cur_levels").options == [str(n) for n in range(1, 7)]


def test_a_roles_file_read_back_from_its_download_imports_again(data_dir, repo, dm, downloads):
    at = open_page("pages/careers.py")
    data = downloads.of(at, "roles_download_json").data
    again = roles_io.read_roles(data, "roles.json", dm, shipped.load_grades())
    assert again.roles == dataset.ROLES.active(repo)
