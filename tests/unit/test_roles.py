"""The shipped KIM roles are realistic and consistent, broken roles files say where, and blending works."""

import json

import pytest

from planner.domain.roles import RoleGrade, Roles, blend, blended_key_indicators
from planner.errors import DataFileError, PlannerError
from planner.io.shipped import DATA_DIR, load_roles
from tests.conftest import guide_levels

CORE = {
    "librarian",
    "information-manager",
    "records-manager",
    "information-rights-officer",
    "information-architect",
    "knowledge-manager",
}
ALLIED_AT_LEAST = {"archivist", "information-risk-manager", "data-manager"}


@pytest.fixture(scope="module")
def roles(fw, grades):
    return load_roles(fw, grades)


@pytest.fixture(scope="module")
def rank(grades):
    return {g.code: g.rank for g in grades.grades}


def _every_role_grade(roles):
    return [(role, at) for role in roles.roles for at in role.grades]


# --- The shipped file ----------------------------------------------------------------------


def test_the_shipped_roles_file_loads_against_the_framework_and_grade_ladder(roles):
    assert roles.roles


def test_the_six_core_roles_and_at_least_three_allied_roles_are_there(roles):
    core = {r.id for r in roles.roles if r.kind == "core"}
    allied = {r.id for r in roles.roles if r.kind == "allied"}
    assert core == CORE
    assert ALLIED_AT_LEAST <= allied


def test_the_note_says_which_parts_are_illustrative_and_that_grades_are_a_guide_only(roles):
    note = roles.note.lower()
    for words in ("illustrative", "level", "key indicators", "moves", "combine", "career paths",
                  "departments differ", "guide only"):
        assert words in note, words


def test_every_role_has_a_plain_description_of_a_few_sentences(roles):
    for role in roles.roles:
        sentences = role.description.count(". ") + 1
        assert role.description.endswith("."), role.id
        assert 2 <= sentences <= 3, role.id


def test_every_role_is_found_at_two_or_more_grades_on_the_ladder_listed_junior_first(roles, rank):
    for role in roles.roles:
        assert len(role.grades) >= 2, role.id
        assert all(code in rank for code in role.grade_codes), role.id
        ranks = [rank[code] for code in role.grade_codes]
        assert ranks == sorted(set(ranks)), role.id


def test_every_level_is_between_0_and_4_and_senior_civil_service_posts_ask_4(roles):
    for role, at in _every_role_grade(roles):
        assert sorted(at.levels) == [1, 2, 3]
        assert all(0 <= level <= 4 for level in at.levels.values()), (role.id, at.grade)
        if at.grade.startswith("SCS"):
            assert set(at.levels.values()) == {4}, (role.id, at.grade)


def test_levels_never_go_down_as_a_role_goes_up_the_grades(roles):
    for role in roles.roles:
        for lower, higher in zip(role.grades, role.grades[1:]):
            for skill in (1, 2, 3):
                assert higher.levels[skill] >= lower.levels[skill], (role.id, higher.grade, skill)


def test_each_role_leans_on_its_main_skill_at_the_grades_default_level(roles, grades):
    default = guide_levels(grades)
    main = {"information-rights-officer": 3, "information-architect": 2, "knowledge-manager": 1,
            "records-manager": 2, "information-risk-manager": 3, "data-manager": 2}
    for role_id, skill in main.items():
        for at in roles.role(role_id).grades:
            assert at.levels[skill] == default[at.grade], (role_id, at.grade)
            assert at.levels[skill] == max(at.levels.values()), (role_id, at.grade)


def test_key_indicators_exist_and_sit_at_or_below_the_roles_level_for_their_skill(roles, fw):
    indicators = {i.code: i for i in fw.indicators}
    for role, at in _every_role_grade(roles):
        assert 3 <= len(at.key_indicators) <= 6, (role.id, at.grade)
        assert len(set(at.key_indicators)) == len(at.key_indicators), (role.id, at.grade)
        for code in at.key_indicators:
            ind = indicators[code]
            assert ind.level <= at.levels[ind.skill], (role.id, at.grade, code)


def test_every_move_leads_to_a_role_and_grade_in_the_file(roles):
    places = {(role.id, at.grade) for role, at in _every_role_grade(roles)}
    for role, at in _every_role_grade(roles):
        for move in at.moves:
            assert (move.to_role, move.to_grade) in places, (role.id, at.grade, move)


def test_promotions_go_up_the_ladder_and_lateral_moves_stay_at_the_same_grade(roles, rank):
    for role, at in _every_role_grade(roles):
        for move in at.moves:
            if move.kind == "promotion":
                assert rank[move.to_grade] > rank[at.grade], (role.id, at.grade, move)
            else:
                assert move.to_grade == at.grade and move.to_role != role.id, (role.id, at.grade, move)


def test_every_grade_below_a_roles_top_grade_offers_promotion_within_the_role(roles):
    for role in roles.roles:
        for at, above in zip(role.grades, role.grades[1:]):
            assert any(m.kind == "promotion" and m.to_role == role.id and m.to_grade == above.grade
                       for m in at.moves), (role.id, at.grade)


def _routes(roles, rank, start, goal, max_steps=6):
    """Every route of up to max_steps moves that never goes down a grade or visits a place twice."""
    found = []

    def walk(here, path, seen):
        if here == goal:
            found.append(path)
            return
        if len(path) == max_steps:
            return
        for move in roles.role(here[0]).at(here[1]).moves:
            there = (move.to_role, move.to_grade)
            if there not in seen and rank[there[1]] >= rank[here[1]]:
                walk(there, [*path, move.kind], seen | {there})

    walk(start, [], {start})
    return found


@pytest.mark.parametrize(
    ("start", "goal"),
    [
        (("records-manager", "EO"), ("knowledge-manager", "G7")),
        (("information-rights-officer", "HEO"), ("information-manager", "G7")),
        (("librarian", "AO"), ("knowledge-manager", "G6")),
        (("information-architect", "HEO"), ("data-manager", "G7")),
    ],
)
def test_more_than_one_route_of_promotions_and_lateral_moves_leads_to_a_related_role(roles, rank, start, goal):
    found = _routes(roles, rank, start, goal)
    assert len(found) >= 2
    assert any({"promotion", "lateral"} <= set(kinds) for kinds in found)


# --- Broken roles files --------------------------------------------------------------------


def _minimal_roles() -> dict:
    return {
        "note": "Illustrative.",
        "roles": [
            {
                "id": "records-manager",
                "name": "Records manager",
                "kind": "core",
                "description": "Looks after records.",
                "grades": [
                    {"grade": "EO", "levels": {"1": 1, "2": 2, "3": 2}, "key_indicators": ["2.2.3"],
                     "moves": [{"to_role": "records-manager", "to_grade": "HEO", "kind": "promotion"}]},
                    {"grade": "HEO", "levels": {"1": 2, "2": 2, "3": 2}, "key_indicators": ["2.3.2"]},
                ],
            }
        ],
    }


def _unknown_grade(doc):
    doc["roles"][0]["grades"][0]["grade"] = "EO9"


def _bad_indicator(doc):
    doc["roles"][0]["grades"][1]["key_indicators"] = ["2.2.3", "2.3.9"]


def _move_to_missing_role(doc):
    doc["roles"][0]["grades"][0]["moves"][0]["to_role"] = "astronaut"


def _level_seven(doc):
    doc["roles"][0]["grades"][1]["levels"]["3"] = 7


def test_the_minimal_roles_file_used_below_is_itself_valid(fw, grades, tmp_path):
    (tmp_path / "roles.json").write_text(json.dumps(_minimal_roles()), encoding="utf-8")
    assert load_roles(fw, grades, tmp_path).role("records-manager").grade_codes == ["EO", "HEO"]


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        (_unknown_grade, ["roles[0] (records-manager), grades[0]", "field 'grade'", "EO9"]),
        (_bad_indicator, ["roles[0] (records-manager), grades[1]", "field 'key_indicators'", "2.3.9"]),
        (_move_to_missing_role, ["records-manager at EO", "astronaut at HEO"]),
        (_level_seven, ["roles[0] (records-manager), grades[1]", "field 'levels'", "level 7", "levels run from 0 to 4"]),
    ],
    ids=["an unknown grade", "an unknown indicator", "a move to a missing role", "a level of 7"],
)
def test_a_broken_roles_file_is_refused_with_the_file_record_and_field(fw, grades, tmp_path, breakage, expected):
    doc = _minimal_roles()
    breakage(doc)
    (tmp_path / "roles.json").write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_roles(fw, grades, tmp_path)
    message = str(caught.value)
    assert caught.value.file == "roles.json"
    assert "roles.json" in message
    for words in expected:
        assert words in message


def test_a_missing_roles_file_is_refused_by_name(fw, grades, tmp_path):
    with pytest.raises(DataFileError, match="roles.json"):
        load_roles(fw, grades, tmp_path)


# --- Blended posts -------------------------------------------------------------------------


def _at(levels, keys=()):
    return RoleGrade(grade="G7", levels=dict(zip((1, 2, 3), levels)), key_indicators=list(keys))


def test_a_blended_post_asks_the_highest_level_any_of_its_roles_needs_in_each_skill():
    assert blend([_at((3, 2, 2)), _at((2, 3, 3)), _at((1, 1, 3))]) == {1: 3, 2: 3, 3: 3}


def test_blending_one_role_gives_that_roles_own_levels(roles):
    at = roles.role("information-rights-officer").at("HEO")
    assert blend([at]) == at.levels


def test_blending_shipped_roles_at_the_same_grade_takes_each_skills_highest_level(roles):
    records = roles.role("records-manager").at("G7")
    knowledge = roles.role("knowledge-manager").at("G7")
    blended = blend([records, knowledge])
    assert blended == {s: max(records.levels[s], knowledge.levels[s]) for s in (1, 2, 3)}


def test_blending_no_roles_is_refused_in_plain_english():
    with pytest.raises(PlannerError, match="at least one role"):
        blend([])


def test_blended_key_indicators_list_each_indicator_once_in_the_order_given(roles):
    records = roles.role("records-manager").at("G7")
    information = roles.role("information-manager").at("G7")
    assert set(records.key_indicators) & set(information.key_indicators)  # they do overlap
    merged = blended_key_indicators([records, information])
    assert len(merged) == len(set(merged))
    assert set(merged) == set(records.key_indicators) | set(information.key_indicators)
    assert merged[: len(records.key_indicators)] == records.key_indicators


def test_blended_key_indicators_of_hand_made_roles_drop_repeats():
    assert blended_key_indicators([_at((2, 2, 2), ["2.1.1", "2.3.2"]), _at((2, 2, 2), ["2.3.2", "2.2.3"])]) == [
        "2.1.1", "2.3.2", "2.2.3",
    ]


def test_the_shipped_data_dir_is_where_load_roles_looks_by_default(fw, grades, tmp_path):
    document = json.loads((DATA_DIR / "roles.json").read_text(encoding="utf-8"))
    by_default = load_roles(fw, grades)
    assert by_default == Roles.model_validate(document)  # exactly what data/roles.json holds
    assert {r.id for r in by_default.roles} == {r["id"] for r in document["roles"]}

    document["roles"][0]["name"] = "Renamed elsewhere"
    (tmp_path / "roles.json").write_text(json.dumps(document), encoding="utf-8")
    assert load_roles(fw, grades, tmp_path).roles[0].name == "Renamed elsewhere"
    assert load_roles(fw, grades).roles[0].name != "Renamed elsewhere"  # another folder only when asked
