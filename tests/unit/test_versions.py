"""Framework versions: what differs between two, checking a crosswalk, carrying ratings, and flags for a lead."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from planner.domain import crosswalk, versions
from planner.domain.curriculum import Activity, Curriculum, Development
from planner.domain.external import Area, ExternalFramework, ExternalFrameworks
from planner.domain.models import (
    MAX_TEXT,
    Assessment,
    Evidence,
    Framework,
    FrameworkRef,
    PlanItem,
    Rating,
)
from planner.domain.roles import Role, RoleGrade, Roles
from planner.domain.versions import Crosswalk
from planner.errors import PlannerError
from planner.io import dataset, shipped

NOW = datetime(2027, 6, 2, 9, tzinfo=UTC)

# --- The packs: built here so that each test shows the versions it compares ------------------

MERGED_STATEMENT = (
    "Recognises the benefits of collaborative working, uses tools to support it, and helps others "
    "find and reuse the organisation's KIM resources."
)
ADDED_STATEMENT = "Uses automated tools, including AI, to organise information, and checks what they produce."


def revised_kim() -> Framework:
    """Version 2 of the KIM pack: four statements reworded (one of them the merge), 1.1.5 merged into
    1.1.4, 1.3.3 retired, and 2.2.5 added."""
    doc = shipped.load_framework().model_dump()
    doc.update(version="2", released=date(2027, 6, 1))
    reworded = {
        "1.1.1": "Knows the basic principles, tools, techniques and processes of KIM.",
        "1.1.4": MERGED_STATEMENT,
        "2.3.1": "Leads the organisation's approach to information governance and its compliance.",
        "3.3.5": "Sets the direction for managing information risk across the organisation.",
    }
    indicators = []
    for ind in doc["indicators"]:
        if ind["code"] in ("1.1.5", "1.3.3"):
            continue
        indicators.append({**ind, "statement": reworded.get(ind["code"], ind["statement"])})
        if ind["code"] == "2.2.4":
            indicators.append({"code": "2.2.5", "level": 2, "skill": 2, "number": 5, "statement": ADDED_STATEMENT})
    doc["indicators"] = indicators
    return Framework.model_validate(doc)


def kim_crosswalk(**changes: object) -> Crosswalk:
    """The crosswalk from the shipped KIM pack to revised_kim()."""
    doc: dict[str, object] = {
        "from_version": {"id": "kim-professional-skills", "version": "1"},
        "to_version": {"id": "kim-professional-skills", "version": "2"},
        "entries": [
            {"old": "1.1.5", "new": ["1.1.4"], "note": "Collaboration and reuse are one indicator in version 2."},
            {"old": "1.3.3", "new": [], "note": "Retired: version 2 covers it at level 2."},
        ],
    }
    doc.update(changes)
    return Crosswalk.model_validate(doc)


def pack(version: str, indicators: list[tuple[str, int, int, str]], *, skills: tuple[str, ...] = ("Data", "Records"),
         levels: tuple[str, ...] = ("Aware", "Practised")) -> Framework:
    """A small pack of another framework (codes such as DM-1 follow no level.skill.number form)."""
    numbers: dict[tuple[int, int], int] = {}
    rows = []
    for code, level, skill, statement in indicators:
        numbers[(level, skill)] = numbers.get((level, skill), 0) + 1
        rows.append({"code": code, "level": level, "skill": skill, "number": numbers[(level, skill)],
                     "statement": statement})
    return Framework.model_validate({
        "id": "data-skills", "version": version, "released": date(2027, 1, 1), "title": "Data skills",
        "skills": [{"number": n, "name": name, "description": f"{name} skills."} for n, name in enumerate(skills, 1)],
        "levels": [{"number": n, "name": name, "description": f"{name}."} for n, name in enumerate(levels, 1)],
        "indicators": rows,
    })


def small_v1() -> Framework:
    return pack("1", [("DM-1", 1, 1, "Names the data it holds."), ("DM-2", 1, 1, "Keeps data tidy."),
                      ("DM-3", 1, 2, "Files records."), ("DM-4", 2, 1, "Shares data safely."),
                      ("DM-5", 2, 2, "Plans records.")])


def small_crosswalk(entries: list[dict[str, object]], new_version: str = "2") -> Crosswalk:
    return Crosswalk.model_validate({"from_version": {"id": "data-skills", "version": "1"},
                                     "to_version": {"id": "data-skills", "version": new_version},
                                     "entries": entries})


def snapshot_of(fw: Framework, ratings: dict[str, Rating], **fields: object) -> Assessment:
    return Assessment.model_validate({"profile_id": "p1", "taken_on": date(2027, 1, 10),
                                      "framework_version": fw.ref.model_dump(), "ratings": ratings, **fields})


# --- What differs ------------------------------------------------------------------------------


def test_a_version_compared_with_itself_has_no_differences():
    fw = shipped.load_framework()
    found = crosswalk.diff(fw, fw)
    assert found.is_empty
    assert found.summary().startswith("No differences")


def test_without_a_crosswalk_the_revision_adds_one_removes_two_and_rewords_four():
    found = crosswalk.diff(shipped.load_framework(), revised_kim())
    assert [i.code for i in found.added] == ["2.2.5"]
    assert [i.code for i in found.removed] == ["1.1.5", "1.3.3"]
    assert [r.code for r in found.reworded] == ["1.1.1", "1.1.4", "2.3.1", "3.3.5"]
    assert not found.is_empty
    assert found.summary() == "1 indicator added, 2 removed and 4 reworded."


def test_with_the_crosswalk_the_merged_indicator_is_reported_as_merged_not_removed():
    found = crosswalk.diff(shipped.load_framework(), revised_kim(), kim_crosswalk())
    assert [i.code for i in found.removed] == ["1.3.3"]
    [merged] = found.replaced
    assert (merged.old.code, merged.how, merged.new_codes) == ("1.1.5", "merged into", ["1.1.4"])
    assert merged.sentence == "1.1.5 is merged into 1.1.4. Collaboration and reuse are one indicator in version 2."
    assert found.summary() == "1 indicator added, 1 removed, 1 merged into another and 4 reworded."


def test_a_reworded_indicator_keeps_both_statements():
    old = shipped.load_framework()
    found = crosswalk.diff(old, revised_kim())
    reworded = next(r for r in found.reworded if r.code == "1.1.4")
    assert reworded.old_statement == old.indicator("1.1.4").statement
    assert reworded.new_statement == MERGED_STATEMENT


def test_an_indicator_kept_under_its_code_at_another_level_or_skill_is_moved():
    new = pack("2", [("DM-1", 1, 1, "Names the data it holds."), ("DM-2", 2, 1, "Keeps data tidy."),
                     ("DM-3", 1, 1, "Files records."), ("DM-4", 2, 1, "Shares data safely."),
                     ("DM-5", 2, 2, "Plans records.")])
    found = crosswalk.diff(small_v1(), new)
    assert [(m.code, m.old_level, m.old_skill, m.new_level, m.new_skill) for m in found.moved] == [
        ("DM-2", 1, 1, 2, 1), ("DM-3", 1, 2, 1, 1)]
    assert found.moved[0].sentence == "DM-2 moves from level 1 of skill 1 to level 2 of skill 1."
    assert not found.added and not found.removed and not found.reworded
    assert found.summary() == "2 indicators moved."


def test_renamed_added_and_removed_skills_and_levels_are_reported():
    old = small_v1()
    kept = [(i.code, i.level, i.skill, i.statement) for i in old.indicators]
    new = pack("2", [*kept, ("DM-6", 1, 3, "Cleans data.")], skills=("Data management", "Records", "Data quality"),
               levels=("Aware", "Practised", "Expert"))
    found = crosswalk.diff(old, new)
    assert [(r.number, r.old_name, r.new_name) for r in found.skills_renamed] == [(1, "Data", "Data management")]
    assert [s.name for s in found.skills_added] == ["Data quality"]
    assert [lv.name for lv in found.levels_added] == ["Expert"]
    shrunk = crosswalk.diff(new, old)
    assert [s.name for s in shrunk.skills_removed] == ["Data quality"]
    assert [lv.name for lv in shrunk.levels_removed] == ["Expert"]
    assert found.summary() == "1 indicator added, 1 skill added, 1 renamed and 1 level added."


def test_an_indicator_carried_to_one_new_code_alone_is_replaced_and_to_several_is_split():
    new = pack("2", [("DM-1", 1, 1, "Names the data it holds."), ("DM-6", 1, 1, "Keeps data tidy and dated."),
                     ("DM-7", 1, 2, "Files paper records."), ("DM-8", 1, 2, "Files digital records."),
                     ("DM-4", 2, 1, "Shares data safely."), ("DM-5", 2, 2, "Plans records.")])
    cw = small_crosswalk([{"old": "DM-2", "new": ["DM-6"]}, {"old": "DM-3", "new": ["DM-7", "DM-8"]}])
    found = crosswalk.diff(small_v1(), new, cw)
    assert [(r.old.code, r.how, r.new_codes) for r in found.replaced] == [
        ("DM-2", "replaced by", ["DM-6"]), ("DM-3", "split into", ["DM-7", "DM-8"])]
    assert found.removed == []
    assert found.replaced[1].sentence == "DM-3 is split into DM-7 and DM-8."


def test_an_indicator_the_crosswalk_sends_only_to_codes_the_new_version_lacks_is_still_removed():
    cw = kim_crosswalk(entries=[{"old": "1.1.5", "new": ["1.1.9"]}])
    found = crosswalk.diff(shipped.load_framework(), revised_kim(), cw)
    assert [i.code for i in found.removed] == ["1.1.5", "1.3.3"]
    assert found.replaced == []


# --- Whether a crosswalk fits -------------------------------------------------------------------


def test_a_crosswalk_that_fits_both_versions_has_no_problems():
    assert crosswalk.check_crosswalk(kim_crosswalk(), shipped.load_framework(), revised_kim()) == []


def test_each_problem_names_the_entry_from_one_and_the_code():
    cw = kim_crosswalk(entries=[{"old": "1.1.5", "new": ["1.1.4"]}, {"old": "1.9.9", "new": []},
                                {"old": "1.3.3", "new": ["2.2.5", "5.1.1"]}])
    problems = crosswalk.check_crosswalk(cw, shipped.load_framework(), revised_kim())
    assert problems == [
        "Entry 2 (1.9.9): there is no indicator 1.9.9 in "
        "Government Knowledge and Information Management (KIM) Professional Skills Framework, version 1.",
        "Entry 3 (1.3.3): it carries to 5.1.1, but there is no indicator 5.1.1 in "
        "Government Knowledge and Information Management (KIM) Professional Skills Framework, version 2.",
    ]


def test_a_crosswalk_between_other_versions_is_reported_at_each_end():
    problems = crosswalk.check_crosswalk(small_crosswalk([], new_version="3"), shipped.load_framework(),
                                         revised_kim())
    assert problems == [
        "The crosswalk goes from version 1 of data-skills, but the version it carries from is "
        "version 1 of kim-professional-skills.",
        "The crosswalk goes to version 3 of data-skills, but the version it carries to is "
        "version 2 of kim-professional-skills.",
    ]


def test_a_new_code_named_twice_in_one_entry_is_reported():
    cw = kim_crosswalk(entries=[{"old": "1.1.5", "new": ["1.1.4", "1.1.4"]}])
    problems = crosswalk.check_crosswalk(cw, shipped.load_framework(), revised_kim())
    assert problems == ["Entry 1 (1.1.5): it names 1.1.4 more than once; name each one once."]


# --- Carrying ratings ---------------------------------------------------------------------------


def test_an_indicator_the_crosswalk_does_not_name_carries_to_the_same_code_with_its_evidence():
    old = shipped.load_framework()
    rating = Rating(score=3, evidence=Evidence(situation="Audit", result="Passed"), comment="Reviewed in June")
    carried = crosswalk.carry(old, revised_kim(), kim_crosswalk(), snapshot_of(old, {"2.1.1": rating}))
    assert carried.ratings == {"2.1.1": rating}
    assert [(c.code, c.from_codes, c.score, c.note) for c in carried.carried] == [("2.1.1", ["2.1.1"], 3, "")]


def test_a_merge_carries_the_lower_of_the_two_ratings_and_says_so():
    old = shipped.load_framework()
    snap = snapshot_of(old, {"1.1.4": Rating(score=4), "1.1.5": Rating(score=2)})
    carried = crosswalk.carry(old, revised_kim(), kim_crosswalk(), snap)
    assert carried.ratings["1.1.4"].score == 2
    [merge] = carried.carried
    assert (merge.code, merge.from_codes, merge.score) == ("1.1.4", ["1.1.4", "1.1.5"], 2)
    assert merge.note == (
        "Collaboration and reuse are one indicator in version 2. Merged from 1.1.4 and 1.1.5. Their ratings were "
        "1.1.4 (4 Expert) and 1.1.5 (2 Developing): the lower, 2, is carried; raise it if you meet the merged "
        "indicator.")


def test_a_merge_keeps_the_first_evidence_given_and_joins_the_comments():
    old = shipped.load_framework()
    later = Evidence(action="Ran the intranet review")
    snap = snapshot_of(old, {"1.1.4": Rating(score=3, comment="Team site"),
                             "1.1.5": Rating(score=3, evidence=later, comment="Catalogue"),
                             })
    carried = crosswalk.carry(old, revised_kim(), kim_crosswalk(), snap)
    assert carried.ratings["1.1.4"].evidence == later
    assert carried.ratings["1.1.4"].comment == "Team site\n\nCatalogue"


def test_a_merge_of_which_only_one_was_rated_carries_that_rating():
    old = shipped.load_framework()
    carried = crosswalk.carry(old, revised_kim(), kim_crosswalk(), snapshot_of(old, {"1.1.5": Rating(score=4)}))
    assert carried.ratings["1.1.4"].score == 4
    assert carried.carried[0].from_codes == ["1.1.5"]
    assert "Only 1.1.5 was rated" in carried.carried[0].note


def test_merged_comments_longer_than_a_rating_holds_are_cut_to_fit():
    old = shipped.load_framework()
    snap = snapshot_of(old, {"1.1.4": Rating(score=3, comment="a" * MAX_TEXT),
                             "1.1.5": Rating(score=3, comment="b" * 10)})
    comment = crosswalk.carry(old, revised_kim(), kim_crosswalk(), snap).ratings["1.1.4"].comment
    assert len(comment) == MAX_TEXT and comment.endswith("…")
    assert snap.ratings["1.1.4"].comment == "a" * MAX_TEXT  # the snapshot keeps it whole


def test_a_split_carries_the_rating_to_each_new_indicator():
    new = pack("2", [("DM-1", 1, 1, "Names the data it holds."), ("DM-2", 1, 1, "Keeps data tidy."),
                     ("DM-7", 1, 2, "Files paper records."), ("DM-8", 1, 2, "Files digital records."),
                     ("DM-4", 2, 1, "Shares data safely."), ("DM-5", 2, 2, "Plans records.")])
    cw = small_crosswalk([{"old": "DM-3", "new": ["DM-7", "DM-8"], "note": "Paper and digital filing differ."}])
    old = small_v1()
    carried = crosswalk.carry(old, new, cw, snapshot_of(old, {"DM-3": Rating(score=3, comment="Mine")}))
    assert {code: r.score for code, r in carried.ratings.items()} == {"DM-7": 3, "DM-8": 3}
    assert carried.ratings["DM-8"].comment == "Mine"
    assert [(c.code, c.from_codes, c.note) for c in carried.carried] == [
        ("DM-7", ["DM-3"], "Paper and digital filing differ."), ("DM-8", ["DM-3"], "Paper and digital filing differ.")]
    assert carried.retired == []


def test_an_entry_with_no_new_codes_retires_the_rating_with_its_old_statement_and_note():
    old = shipped.load_framework()
    carried = crosswalk.carry(old, revised_kim(), kim_crosswalk(), snapshot_of(old, {"1.3.3": Rating(score=3)}))
    assert carried.ratings == {}
    assert [(r.code, r.statement, r.note) for r in carried.retired] == [
        ("1.3.3", old.indicator("1.3.3").statement, "Retired: version 2 covers it at level 2.")]


def test_an_entry_with_no_new_codes_retires_an_indicator_even_when_the_new_version_has_its_code():
    old = small_v1()
    new = pack("2", [(i.code, i.level, i.skill, i.statement) for i in old.indicators])
    cw = small_crosswalk([{"old": "DM-2", "new": [], "note": "Means something else now."}])
    carried = crosswalk.carry(old, new, cw, snapshot_of(old, {"DM-2": Rating(score=3)}))
    assert "DM-2" not in carried.ratings
    assert [r.code for r in carried.retired] == ["DM-2"]
    assert "DM-2" in carried.new_to_rate


def test_without_a_crosswalk_an_indicator_the_new_version_lacks_is_retired():
    old = shipped.load_framework()
    snap = snapshot_of(old, {"1.1.5": Rating(score=3), "1.1.1": Rating(score=2)})
    carried = crosswalk.carry(old, revised_kim(), None, snap)
    assert set(carried.ratings) == {"1.1.1"}
    assert [(r.code, r.note) for r in carried.retired] == [("1.1.5", "")]


def test_an_unrated_indicator_is_neither_carried_nor_retired():
    old = shipped.load_framework()
    carried = crosswalk.carry(old, revised_kim(), kim_crosswalk(), snapshot_of(old, {"2.1.1": Rating(score=1)}))
    assert [c.code for c in carried.carried] == ["2.1.1"]
    assert carried.retired == []


def test_new_to_rate_lists_the_indicators_nothing_was_carried_to_in_the_new_versions_order():
    old = shipped.load_framework()
    new = revised_kim()
    rated = {code: Rating(score=3) for code in old.codes}
    carried = crosswalk.carry(old, new, kim_crosswalk(), snapshot_of(old, rated))
    assert carried.new_to_rate == ["2.2.5"]
    fewer = crosswalk.carry(old, new, kim_crosswalk(), snapshot_of(old, {"1.1.2": Rating(score=3)}))
    assert fewer.new_to_rate == [code for code in new.codes if code != "1.1.2"]


def test_carrying_never_changes_the_snapshot():
    old = shipped.load_framework()
    snap = snapshot_of(old, {"1.1.4": Rating(score=4, evidence=Evidence(task="Wiki")),
                             "1.1.5": Rating(score=2, comment="Reuse"), "1.3.3": Rating(score=3),
                             "2.1.1": Rating(score=1, evidence=Evidence(result="Done"))})
    before = snap.model_copy(deep=True)
    carried = crosswalk.carry(old, revised_kim(), kim_crosswalk(), snap)
    carried.ratings["2.1.1"].evidence.result = "Changed afterwards"
    assert snap == before
    assert snap.ratings["2.1.1"].evidence.result == "Done"


def test_a_snapshot_made_in_another_version_is_not_carried():
    old = shipped.load_framework()
    snap = snapshot_of(revised_kim(), {"1.1.1": Rating(score=3)})
    with pytest.raises(PlannerError, match="version 2 of kim-professional-skills, not in"):
        crosswalk.carry(old, revised_kim(), kim_crosswalk(), snap)


def test_a_crosswalk_between_other_versions_is_not_used_to_carry():
    old = shipped.load_framework()
    with pytest.raises(PlannerError, match="The crosswalk goes from version 1 of data-skills"):
        crosswalk.carry(old, revised_kim(), small_crosswalk([]), snapshot_of(old, {}))


# --- The carried draft --------------------------------------------------------------------------


def test_the_carried_draft_is_in_the_new_version_and_names_the_snapshot_it_came_from():
    old, new = shipped.load_framework(), revised_kim()
    snap = snapshot_of(old, {"1.1.4": Rating(score=3), "1.1.5": Rating(score=2)})
    carried = crosswalk.carry(old, new, kim_crosswalk(), snap)
    draft = crosswalk.carried_draft(new, snap, carried, 2, NOW)
    assert draft.framework_version == FrameworkRef(id="kim-professional-skills", version="2")
    assert draft.carried_from == snap.id
    assert draft.profile_id == "p1"
    assert draft.ratings == carried.ratings
    assert (draft.scope_level, draft.updated_at) == (2, NOW)


def test_the_carried_drafts_scope_is_clipped_to_the_new_versions_top_level():
    old = small_v1()
    new = pack("2", [(i.code, i.level, i.skill, i.statement) for i in old.indicators])
    snap = snapshot_of(old, {"DM-1": Rating(score=3)})
    draft = crosswalk.carried_draft(new, snap, crosswalk.carry(old, new, None, snap), 4, NOW)
    assert draft.scope_level == 2


def test_ratings_carried_to_another_version_are_not_put_in_a_draft():
    old = shipped.load_framework()
    snap = snapshot_of(old, {"1.1.1": Rating(score=3)})
    carried = crosswalk.carry(old, revised_kim(), kim_crosswalk(), snap)
    with pytest.raises(PlannerError, match="has no indicator 1.1.1"):
        crosswalk.carried_draft(small_v1(), snap, carried, 2, NOW)


# --- Flags for a lead ---------------------------------------------------------------------------


def activity(activity_id: str, codes: list[str]) -> Activity:
    return Activity(id=activity_id, title=f"Course {activity_id}", provider="CSL", format="course",
                    category="formal", develops=[Development(indicator=c, points=2) for c in codes], level=1,
                    hours=3, cost=0)


def test_a_curriculum_activity_that_develops_a_retired_indicator_is_flagged_and_kept():
    curriculum = Curriculum(note="Sample.", activities=[activity("intro", ["1.1.1", "1.1.5"]),
                                                        activity("gov", ["2.1.1"])])
    [flag] = versions.retired_references(revised_kim(), curriculum=curriculum)
    assert (flag.kind, flag.record_id, flag.record_name, flag.codes) == (
        "curriculum activity", "intro", "Course intro", ["1.1.5"])
    assert flag.sentence == (
        "The curriculum activity 'Course intro' (intro) develops indicator 1.1.5, which Government Knowledge and "
        "Information Management (KIM) Professional Skills Framework, version 2 does not have.")
    assert curriculum.activity("intro").indicators == ["1.1.1", "1.1.5"]


def test_a_role_is_flagged_for_retired_key_indicators_and_for_a_level_in_a_skill_the_version_lacks():
    roles = Roles(note="Sample.", roles=[
        Role(id="records", name="Records manager", kind="core", description="Keeps records.", grades=[
            RoleGrade(grade="HEO", levels={1: 2, 2: 2, 3: 1, 4: 1}, key_indicators=["1.3.3", "2.1.1"]),
            RoleGrade(grade="SEO", levels={1: 3, 2: 3, 3: 2, 4: 2}, key_indicators=["1.3.3", "1.1.5"])]),
        Role(id="analyst", name="Analyst", kind="allied", description="Analyses.", grades=[
            RoleGrade(grade="HEO", levels={1: 2, 2: 2, 3: 2}, key_indicators=["2.1.1"])]),
    ])
    [flag] = versions.retired_references(revised_kim(), roles=roles)
    assert (flag.kind, flag.record_id, flag.codes, flag.skills) == ("role", "records", ["1.3.3", "1.1.5"], [4])
    assert flag.sentence.startswith(
        "The role 'Records manager' (records) names indicators 1.3.3 and 1.1.5 among its key indicators and asks "
        "for a level in skill 4, which Government")
    assert flag.sentence.endswith("version 2 do not have.")


def test_a_mapping_area_that_takes_evidence_from_a_retired_indicator_is_flagged():
    mapping = ExternalFrameworks(frameworks=[ExternalFramework(
        id="cilip", name="CILIP PKSB", body="CILIP",
        areas=[Area(id="collections", name="Collections", indicators=["1.1.2", "1.3.3"]),
               Area(id="ethics", name="Ethics", indicators=["2.1.1"])])])
    [flag] = versions.retired_references(revised_kim(), mapping=mapping)
    assert (flag.kind, flag.record_id, flag.record_name, flag.codes) == (
        "professional bodies' mapping area", "cilip/collections", "CILIP PKSB: Collections", ["1.3.3"])
    assert "takes evidence from indicator 1.3.3" in flag.sentence


def test_the_shipped_data_points_only_at_the_shipped_versions_indicators():
    fw = shipped.load_framework()
    found = versions.retired_references(fw, curriculum=dataset.load_curriculum(), mapping=dataset.load_mapping(),
                                        roles=shipped.load_roles(fw, shipped.load_grades()))
    assert found == []


def test_against_the_revision_the_shipped_data_is_flagged_wherever_it_names_a_removed_indicator():
    fw = shipped.load_framework()
    curriculum, mapping = dataset.load_curriculum(), dataset.load_mapping()
    found = versions.retired_references(revised_kim(), curriculum=curriculum, mapping=mapping,
                                        roles=shipped.load_roles(fw, shipped.load_grades()))
    expected = [a.id for a in curriculum.activities if {"1.1.5", "1.3.3"} & set(a.indicators)]
    assert [f.record_id for f in found if f.kind == "curriculum activity"] == expected
    assert {"role", "professional bodies' mapping area"} <= {f.kind for f in found}
    assert all(set(f.codes) <= {"1.1.5", "1.3.3"} and f.codes for f in found)


def test_plan_items_that_name_indicators_the_version_lacks_are_listed_with_those_codes():
    items = [PlanItem(id="a", profile_id="p1", objective="Reuse", indicators=["1.1.4", "1.1.5"]),
             PlanItem(id="b", profile_id="p1", objective="Govern", indicators=["2.1.1"]),
             PlanItem(id="c", profile_id="p1", objective="Both", indicators=["1.3.3", "1.1.5"])]
    assert versions.retired_in_plan(items, revised_kim()) == {"a": ["1.1.5"], "c": ["1.3.3", "1.1.5"]}
    assert items[0].indicators == ["1.1.4", "1.1.5"]

