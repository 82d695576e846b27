"""A framework of another shape (5 skills x 6 levels, codes like DM-3-2) through every rule and every file.

Nothing outside the KIM pack's own data and tests may assume 3 skills, 4 levels, 54 indicators or the
level.skill.number code form: these build the invented Data Management Professional Framework
(tests/shapes.py) and run each rule, chart and export on it, reading the files back as a person would.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from planner.documents import charts, pdp
from planner.documents import jobspec as jobspec_export
from planner.documents.downloads import PlanDownloads, RecordDownloads, TeamDownloads
from planner.domain import (
    assessment,
    external,
    framework,
    jobspec,
    progression,
    recommend,
    roles,
    tables,
    team,
    team_learning,
    team_tables,
)
from planner.domain.models import (
    AgendaPoint,
    AgreedAction,
    Assessment,
    Conversation,
    ItemStatus,
    PlanItem,
    Profile,
    Rating,
    code_order,
)
from planner.domain.selection import gap_weight
from planner.errors import PlannerError
from planner.io import cells, curriculum_io, curriculum_sheets, dataset, external_io, roles_io, shipped
from planner.io.roles_io import RolesImportError
from planner.services import shared_data
from planner.services.acting import Actor, NotAllowed
from planner.store.memory import MemoryRepository
from tests import readback, shapes
from tests.unit import export_fixtures as fx

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
TODAY = date(2026, 12, 2)


@pytest.fixture(scope="module")
def dm():
    return shapes.dm_framework()


@pytest.fixture(scope="module")
def dm_roles():
    return shapes.dm_roles()


@pytest.fixture(scope="module")
def dm_curriculum():
    return shapes.dm_curriculum()


@pytest.fixture(scope="module")
def ladder():
    return shipped.load_grades()


@pytest.fixture(scope="module")
def dm_levels(dm, ladder):
    return framework.default_grade_levels(dm, ladder)


def _up_to(dm, level: int, score: int = 3) -> dict[str, Rating]:
    """Every indicator at `level` and below rated `score`."""
    return {i.code: Rating(score=score) for i in dm.indicators if i.level <= level}


# --- The pack ------------------------------------------------------------------------------------


def test_the_test_pack_has_five_skills_six_levels_and_codes_that_begin_with_each_skills_letters(dm):
    assert (len(dm.skills), dm.top_level, len(dm.indicators)) == (5, 6, 70)
    assert dm.code_form == ""
    for ind in dm.indicators:
        assert ind.code == f"{shapes.SKILL_CODES[ind.skill - 1]}-{ind.level}-{ind.number}"
    assert "DM-3-2" in dm.codes


def test_its_grade_alignment_reaches_level_six_at_the_senior_civil_service(dm, dm_levels):
    assert dm_levels["AA"] == 1 and dm_levels["G7"] == 4 and dm_levels["G6"] == 5 and dm_levels["SCS1"] == 6


# --- Attained level, gaps and the summary -----------------------------------------------------------


def test_attained_level_and_the_share_met_run_over_all_six_levels(dm):
    ratings = _up_to(dm, 5) | {"DM-6-1": Rating(score=4)}
    standings = assessment.standing(dm, ratings)
    assert [s.attained for s in standings] == [5] * 5
    assert [share.level for share in standings[0].levels] == [1, 2, 3, 4, 5, 6]
    assert assessment.next_level_progress(dm, ratings, 3) == "Level 6: 1 of 2 met; DM-6-2 still to meet"
    assert assessment.next_level_progress(dm, _up_to(dm, 6), 3) == "Every level met"


def test_gaps_against_level_six_come_lower_levels_first_with_dm_codes(dm):
    ratings = _up_to(dm, 4) | {"DG-5-1": Rating(score=2)}
    found = assessment.gaps(dm, ratings, {s.number: 6 for s in dm.skills})
    assert {g.indicator.level for g in found} == {5, 6}
    assert [g.indicator.level for g in found] == sorted(g.indicator.level for g in found)
    assert found[0].code == "DG-5-2" and found[0].shortfall == 3  # unrated, so the larger shortfall first
    assert next(g for g in found if g.code == "DG-5-1").shortfall == 1
    assert all(g.indicator.level <= g.top_level == 6 for g in found)


def test_the_summary_counts_five_skills_and_lists_codes_in_the_frameworks_order(dm):
    ratings = _up_to(dm, 3)
    sentences = assessment.summary(dm, ratings, {s.number: 4 for s in dm.skills}, "G7")
    assert sentences[0] == "You meet Level 3 in all five skills."
    assert "For G7 (Level 4) you need 2 more indicators in Data modelling and metadata (DM): DM-4-1 and DM-4-2." \
        in sentences


def test_a_target_by_hand_runs_to_the_frameworks_top_level(dm):
    assert assessment.target_by_hand(dm, {s.number: 6 for s in dm.skills}) == {1: 6, 2: 6, 3: 6, 4: 6, 5: 6}
    with pytest.raises(PlannerError, match="from 0 to 6 for skill 1"):
        assessment.target_by_hand(dm, {s.number: 7 for s in dm.skills})


def test_codes_of_any_form_sort_part_by_part_numbers_by_value():
    assert sorted(["DM-10-1", "DM-3-2", "DG-1-1", "1.1.10", "1.1.9"], key=code_order) == [
        "1.1.9", "1.1.10", "DG-1-1", "DM-3-2", "DM-10-1"]


def test_what_changed_between_two_snapshots_is_listed_with_dm_codes(dm):
    older = Assessment(profile_id="p", taken_on=date(2026, 1, 1), ratings={"DM-3-2": Rating(score=1)})
    newer = Assessment(profile_id="p", taken_on=date(2026, 6, 1),
                       ratings={"DM-3-2": Rating(score=3), "DA-6-1": Rating(score=4)})
    changed = assessment.difference(older, newer)
    assert changed.newly_met == ["DA-6-1", "DM-3-2"]


# --- Charts and their text twins --------------------------------------------------------------------


def test_the_skill_profile_chart_and_its_table_run_to_level_six(dm):
    ratings = _up_to(dm, 2)
    target = {s.number: 5 for s in dm.skills}
    spec = charts.skill_profile(tables.skill_profile_rows(dm, ratings, target), top_level=dm.top_level).to_dict()
    x = next(layer["encoding"]["x"] for layer in spec["layer"] if "scale" in layer["encoding"]["x"])
    assert x["scale"]["domain"] == [0, 6] and x["axis"]["values"] == [0, 1, 2, 3, 4, 5, 6]
    assert x["title"] == "Level (0 to 6)"
    table = tables.skill_profile_table(dm, ratings, target)
    assert len(table) == 5
    assert [k for k in table[0] if k.startswith("Level ")] == [f"Level {n} met" for n in range(1, 7)]
    assert table[2]["Skill"] == "3. Data modelling and metadata (DM)"


def test_the_progress_chart_gives_each_of_five_skills_its_own_colour_and_shape(dm):
    snaps = [Assessment(profile_id="p", taken_on=date(2026, m, 1), ratings=_up_to(dm, m)) for m in (1, 6)]
    spec = charts.progress_over_time(tables.progress_rows(dm, snaps), top_level=dm.top_level).to_dict()
    encoding = spec["layer"][1]["encoding"]
    assert len(set(encoding["color"]["scale"]["range"])) == 5
    assert len(set(encoding["shape"]["scale"]["range"])) == 5
    assert spec["layer"][0]["encoding"]["y"]["scale"]["domain"] == [0, 6]
    table = tables.progress_table(dm, snaps)
    assert table[0]["Skill 5 level"] == 6 and table[1]["Skill 5 level"] == 1


def test_the_heatmap_and_its_table_cover_every_indicator_in_scope(dm):
    rows = tables.heatmap_rows(dm, _up_to(dm, 6), 6)
    assert len(rows) == 70 and {r["level"] for r in rows} == set(range(1, 7))
    assert len(tables.heatmap_table(dm, {}, 6)) == 70


# --- Recommendations ---------------------------------------------------------------------------------


def test_a_gaps_weight_runs_from_level_one_to_the_frameworks_top(dm):
    found = assessment.gaps(dm, {}, {s.number: 6 for s in dm.skills})
    weights = {g.indicator.level: gap_weight(g) for g in found}
    assert weights[1] == 1.75 and weights[6] == 1.0
    assert [weights[lv] for lv in range(1, 7)] == sorted(weights.values(), reverse=True)


def test_recommendations_from_the_dm_curriculum_close_dm_gaps(dm, dm_curriculum):
    found = assessment.gaps(dm, _up_to(dm, 4), {s.number: 6 for s in dm.skills})
    means = recommend.Constraints(budget=5_000, hours_per_month=40, horizon_months=24, max_items=10,
                                  years_experience=6)
    result = recommend.recommend(found, dm_curriculum, means)
    assert result.items
    assert all(i.activity.level >= 4 for i in result.items)
    closed = {code for i in result.items for code in i.activity.indicators}
    assert closed & {g.code for g in found}
    assert any("DG-5-1" in i.reason or "DA-5-1" in i.reason for i in result.items)


# --- Roles, routes and job specifications ----------------------------------------------------------


def test_roles_written_for_the_dm_framework_apply_to_it_and_the_kim_roles_do_not(dm, dm_roles, fw, ladder):
    assert roles.applied_to(dm_roles, dm) is dm_roles
    kim_roles = shipped.load_roles(fw, ladder)
    assert roles.applied_to(kim_roles, dm) is None
    assert roles.applied_to(kim_roles, fw) is kim_roles
    assert "not for Data Management Professional Framework, version 1" in roles.not_applied(fw.label, dm)


def test_roles_of_another_version_of_the_framework_apply_without_the_indicators_it_lacks(dm, dm_roles):
    revised = dm.model_copy(update={"version": "2", "indicators": [i for i in dm.indicators if i.code != "DG-2-1"]})
    applied = roles.applied_to(dm_roles, revised)
    assert applied is not None
    assert "DG-2-1" not in applied.role("data-steward").at("EO").key_indicators
    fewer_skills = dm.model_copy(update={"version": "2", "skills": dm.skills[:4]})
    assert roles.applied_to(dm_roles, fewer_skills) is None


def test_a_blend_of_dm_roles_asks_the_highest_level_of_each_of_five_skills(dm_roles):
    steward, analyst = dm_roles.role("data-steward").at("SEO"), dm_roles.role("data-quality-analyst").at("SEO")
    assert roles.blend([steward, analyst]) == {1: 4, 2: 4, 3: 3, 4: 3, 5: 3}


def test_a_route_through_the_dm_roles_climbs_to_head_of_data(dm, dm_roles, dm_curriculum, ladder):
    found = progression.routes(dm, dm_roles, ladder, dm_curriculum, _up_to(dm, 2),
                               progression.Place("data-steward", "EO"), progression.Place("head-of-data", "G6"),
                               recommend.Constraints(budget=3_000, hours_per_month=20))
    route = found[0]
    assert route.places[-1] == progression.Place("head-of-data", "G6")
    assert route.steps[-1].levels == {1: 5, 2: 5, 3: 5, 4: 5, 5: 5}
    assert any(g.code.startswith("DI-5") for step in route.steps for g in step.gaps)
    rows = progression.timeline_rows(route, dm_roles, TODAY)
    assert rows[-1]["step"].endswith("Head of data, G6")


def test_targets_by_grade_alone_give_each_grade_its_level_and_the_gaps_for_it(dm, ladder, dm_levels):
    rows = progression.grade_steps(dm, ladder, dm_levels, _up_to(dm, 3), "HEO", "G6")
    assert [r["Level in every skill"] for r in rows] == [3, 3, 4, 5]
    assert rows[0]["Your gaps for it"] == 0 and rows[0]["Ready?"] == "Ready"
    assert rows[-1]["Your gaps for it"] == 20 and rows[-1]["Ready?"] == "Not yet"
    with pytest.raises(PlannerError, match="below your current grade"):
        progression.grade_steps(dm, ladder, dm_levels, {}, "G6", "HEO")


def test_a_job_advert_for_a_dm_role_names_the_framework_its_skills_and_dm_codes(dm, dm_roles, dm_levels):
    spec = jobspec.draft(dm, dm_roles, ["head-of-data"], "SCS1", "SCS1 (Deputy Director)", dm_levels)
    assert spec.levels == {1: 6, 2: 5, 3: 6, 4: 5, 5: 6}
    assert {c.code for c in spec.essential} == {"DG-6-1", "DM-6-1", "DA-6-2"}
    spec = jobspec.with_post(spec, jobspec.Post(title="Head of data"), TODAY)
    markdown = jobspec_export.advert_markdown(spec).decode()
    assert "Data Management Professional Framework" in markdown and "KIM Professional Skills" not in markdown
    assert "Data governance (DG): level 6" in markdown and "Data quality (DQ): level 5" in markdown
    for text in (markdown, readback.pdf_text(jobspec_export.advert_pdf(spec)),
                 readback.word_text(readback.word(jobspec_export.advert_docx(spec)))):
        assert "DM-6-1" in text and "DA-6-2" in text
    header = next(csv.reader(io.StringIO(jobspec_export.sift_csv(spec, 3).decode("utf-8-sig"))))
    assert any(h.startswith("[E] DG-6-1") for h in header)
    assert jobspec_export.sift_xlsx(spec, 3)[:2] == b"PK"


def test_a_post_by_its_grade_alone_asks_the_grades_level_in_every_skill(dm, dm_levels):
    spec = jobspec.draft_for_grade(dm, "G6", "Grade 6", dm_levels)
    assert spec.role_names == () and spec.levels == {n: 5 for n in range(1, 6)}
    assert {c.code for c in spec.essential} == {i.code for i in dm.indicators if i.level == 5}
    spec = jobspec.with_post(spec, jobspec.Post(title="Data lead"), TODAY)
    text = jobspec_export.advert_markdown(spec).decode()
    assert "Role in the profession" not in text and "DQ-5-2" in text


# --- Imports: curriculum and roles ---------------------------------------------------------------


def test_the_dm_curriculum_imports_stamped_with_the_dm_version_and_is_refused_against_kim(dm, fw):
    data = shapes.CURRICULUM_FILE.read_bytes()
    assert curriculum_io.parse_curriculum(data, "curriculum_dm.json", dm).framework_version == dm.ref
    with pytest.raises(curriculum_io.CurriculumImportError) as caught:
        curriculum_io.parse_curriculum(data, "curriculum_dm.json", fw)
    assert caught.value.problems[0].field == "framework_version"


def test_the_curriculum_template_and_its_notes_are_written_for_the_framework_in_use(dm):
    guide = curriculum_sheets.column_guide(dm)
    assert "level: the framework level the activity is pitched at, 1 to 6." in guide
    assert "develops: indicator codes with points 1 to 3, like DG-1-1:2; DA-6-2:1." in guide
    template = curriculum_io.parse_curriculum(curriculum_sheets.template_csv(dm), "template.csv", dm)
    assert [d.indicator for a in template.activities for d in a.develops] == ["DG-1-1", "DG-1-2", "DG-2-1", "DG-2-2"]
    assert curriculum_sheets.column_guide() == curriculum_sheets.COLUMN_GUIDE  # the KIM framework's, as before


def test_a_mapping_written_for_another_framework_is_not_applied_to_it(dm, fw):
    kim_mapping = dataset.load_mapping()
    assert external.applied_to(kim_mapping, dm) is None
    assert external.applied_to(kim_mapping, fw) is kim_mapping
    revised = fw.model_copy(update={"version": "2", "indicators": [i for i in fw.indicators if i.code != "1.1.3"]})
    applied = external.applied_to(kim_mapping, revised)
    assert applied is not None and "1.1.3" not in {c for f in applied.frameworks for c in f.codes}


def test_the_mapping_template_names_the_frameworks_own_indicators(dm):
    mapping = external_io.parse_mapping(external_io.template_csv(dm), "template.csv", dm)
    assert mapping.framework_version == dm.ref
    assert [a.indicators for a in mapping.frameworks[0].areas] == [["DG-1-1", "DG-1-2", "DG-1-3"],
                                                                   ["DG-2-1", "DG-2-2"]]


def test_a_dm_code_the_framework_lacks_is_named_with_how_its_codes_are_written(dm):
    assert cells.code_problem("DM-9-9", dm, "develops") == (
        "there is no indicator DM-9-9 in the framework: codes are written like DG-1-1, with levels 1 to 6 "
        "and skills 1 to 5")


def test_the_dm_roles_import_is_stamped_and_a_roles_file_for_three_skills_is_refused(dm, fw, ladder):
    read = roles_io.read_roles(shapes.ROLES_FILE.read_bytes(), "roles_dm.json", dm, ladder)
    assert read.roles.framework_version == dm.ref and [r.id for r in read.roles.roles][0] == "data-steward"
    kim = json.loads((shipped.DATA_DIR / shipped.ROLES_FILE).read_text(encoding="utf-8"))
    with pytest.raises(RolesImportError) as caught:
        roles_io.read_roles(json.dumps(kim).encode(), "roles.json", dm, ladder)
    messages = " ".join(p.message for p in caught.value.problems)
    assert "give a level for skills 1, 2, 3, 4 and 5, not for [1, 2, 3]" in messages
    assert "unknown indicators 1.1.5" in messages
    with pytest.raises(RolesImportError, match="imported as JSON"):
        roles_io.read_roles(b"id,name\n", "roles.csv", dm, ladder)


def test_roles_written_for_another_version_of_the_framework_are_read_as_this_ones_and_say_so(dm, ladder):
    revision = dm.model_copy(update={"version": "2"})
    read = roles_io.read_roles(shapes.ROLES_FILE.read_bytes(), "roles_dm.json", revision, ladder)
    assert read.roles.framework_version == revision.ref
    assert read.notes == ("The file says its set of roles was written for version 1 of the framework; it was "
                          "checked against version 2, the one in use, and is kept as written for it.",)


def test_only_a_lead_replaces_the_roles_and_the_store_then_keeps_them_until_they_go_back(dm_roles, fw, ladder):
    repo = MemoryRepository()
    with pytest.raises(NotAllowed):
        shared_data.replace_roles(repo, Actor("p", "Pat", manages_shared_data=False), dm_roles)
    assert dataset.ROLES.active(repo) == shipped.load_roles(fw, ladder)
    shapes.install_dm(repo)
    assert dataset.ROLES.active(repo) == dm_roles
    lead = Actor("lead", "Lee", manages_shared_data=True)
    assert shared_data.remove_roles(repo, lead) is True
    assert dataset.ROLES.active(repo).framework_version.id == "kim-professional-skills"


# --- Exports: the PDP, a mentoring record, a team -------------------------------------------------


@pytest.fixture(scope="module")
def plan_files(dm, ladder) -> PlanDownloads:
    person = Profile(id="dana", name="Dana Kaur", current_grade="G7", target_grade="G6",
                     current_role="Data steward", target_role="Head of data", created_at=NOW, updated_at=NOW)
    snapshot = Assessment(id="s1", profile_id="dana", taken_on=date(2026, 11, 30), created_at=NOW,
                          framework_version=dm.ref, ratings=_up_to(dm, 4) | {"DG-5-1": Rating(score=2)})
    items = [PlanItem(id=f"i{n}", profile_id="dana", objective=f"Objective {n}", indicators=[code],
                      target_date=TODAY + timedelta(days=30 * n), review_date=TODAY + timedelta(days=20 * n),
                      status=ItemStatus.PLANNED, created_at=NOW, updated_at=NOW)
             for n, code in enumerate(["DG-5-1", "DQ-5-2", "DA-6-1"], start=1)]
    return PlanDownloads(fw=dm, profile=person, grade_label=fx.grade_label(ladder), snapshot=snapshot,
                         target={s.number: 5 for s in dm.skills}, target_grade="G6", items=items, today=TODAY)


def test_the_pdp_in_every_format_holds_dm_codes_and_six_levels(plan_files):
    report = plan_files.report()
    assert report.top_level == 6
    markdown = plan_files.markdown().decode()
    word = readback.word_text(readback.word(plan_files.word()))
    pdf = readback.pdf_text(plan_files.pdf())
    for text in (markdown, word, pdf):
        assert "DG-5-1" in text and "DQ-5-2" in text and "DA-6-1" in text
        assert "Level 6 met" in " ".join(text.split())
    assert "Data governance (DG): attained level 4, target level 5" in markdown
    rows = list(csv.DictReader(io.StringIO(plan_files.csv().decode("utf-8-sig"))))
    assert [r["Indicators"] for r in rows] == ["DG-5-1", "DQ-5-2", "DA-6-1"]
    events = Calendar.from_ical(plan_files.calendar(NOW)).walk("VEVENT")
    assert any("DG-5-1" in str(e.get("DESCRIPTION")) for e in events)


def test_the_pdp_chart_is_drawn_with_a_level_axis_to_six(plan_files):
    png = pdp.skill_chart_png(plan_files.report())
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_mentoring_record_compares_ratings_skill_by_skill_over_five_skills(dm):
    mine = _up_to(dm, 3)
    mentor = dict(mine) | {"DM-3-2": Rating(score=1)}
    conversation = Conversation(
        id="c1", profile_id="mentor", mentee_id="mentee", held_on=date(2026, 11, 30),
        participants=["Dana Kaur", "Sam Ito"],
        agenda=[AgendaPoint(title="DM-3-2: we rate this differently", kind="difference")],
        actions=[AgreedAction(objective="Model one service's data", indicators=["DM-3-2"], owner="Dana Kaur",
                              due=date(2027, 1, 15))],
        next_meeting=date(2027, 1, 20))
    files = RecordDownloads(fw=dm, conversation=conversation, mentee_name="Dana Kaur", mentor_name="Sam Ito",
                            self_ratings=mine, mentor_ratings=mentor, today=TODAY)
    report = files.report()
    assert len(report.skill_comparison) == 5
    for text in (files.markdown().decode(), readback.pdf_text(files.pdf()),
                 readback.word_text(readback.word(files.word()))):
        assert "DM-3-2" in text and "Data analysis and use (DA)" in text
    assert b"BEGIN:VEVENT" in files.calendar(NOW)


def test_a_teams_capability_over_six_levels_in_every_file(dm, dm_levels, dm_curriculum):
    members = [
        team.Member(profile_id="ann", name="Ann Jones", grade="G7", role="Data steward", target_grade="G6",
                    scores={c: r.score for c, r in _up_to(dm, 4).items()} | {"DG-5-1": 4}, source="local"),
        team.Member(profile_id="bo", name="Bo Chen", grade="HEO", role="Data quality analyst", target_grade="G7",
                    scores={c: r.score for c, r in _up_to(dm, 2).items()}, source="local"),
    ]
    summary = team.summarise(dm, members, dm_levels)
    levels = team_tables.levels_table(summary)
    assert [k for k in levels[0] if k != "Skill"] == [f"Level {n}" for n in range(1, 7)]
    assert {r["level"] for r in team_tables.levels_rows(summary)} == {f"Level {n}" for n in range(1, 7)}
    assert team_tables.shared_gaps_table(summary, False)[0]["Code"].startswith("D")
    plan = team_learning.recommend_for_team(summary, dm_curriculum, team_learning.TeamConstraints(budget=10_000))
    assert plan.items
    files = TeamDownloads(summary=summary, plan=plan, hide_names=False, today=TODAY)
    table = files.csv().decode("utf-8-sig")
    assert "DM-3-2" in table.splitlines()[0] and "DA-6-2" in table.splitlines()[0]
    pdf = readback.pdf_text(files.pdf())
    assert "Data Management Professional Framework" in readback.pdf(files.pdf()).metadata.subject
    assert "Level 6" in pdf and "DG-3-1" in pdf and "DG-5-2" in pdf  # a code is never broken at its hyphens
