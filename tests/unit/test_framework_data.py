"""The shipped framework matches its source word for word, and broken data files say where."""

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from planner.domain import framework
from planner.errors import DataFileError
from planner.io import shipped
from tests.conftest import guide_levels

# The framework's published source text, kept beside the tests so the check runs on every checkout.
SEED = Path(__file__).resolve().parents[1] / "fixtures" / "framework_source.txt"


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def test_the_framework_has_three_skills_four_levels_and_54_indicators(fw):
    assert [s.number for s in fw.skills] == [1, 2, 3]
    assert [lv.number for lv in fw.levels] == [1, 2, 3, 4]
    assert len(fw.indicators) == 54


def test_indicator_counts_per_level_and_skill_match_the_framework(fw):
    counts = Counter((i.level, i.skill) for i in fw.indicators)
    expected = {
        (1, 1): 5, (1, 2): 4, (1, 3): 3,
        (2, 1): 5, (2, 2): 4, (2, 3): 6,
        (3, 1): 5, (3, 2): 4, (3, 3): 5,
        (4, 1): 5, (4, 2): 5, (4, 3): 3,
    }
    assert dict(counts) == expected


def test_every_statement_is_word_for_word_the_source(fw, seed_text):
    source = dict(re.findall(r"<p>(\d\.\d\.\d) (.*?)</p>", seed_text))
    assert len(source) == 54
    shipped = {i.code: i.statement for i in fw.indicators}
    assert shipped == source


def test_skill_and_level_names_and_descriptions_are_the_source(fw, seed_text):
    for skill in fw.skills:
        assert f"Skill {skill.number}: {skill.name}" in seed_text
        assert skill.description in seed_text
    for level in fw.levels:
        assert f"Level {level.number}: {level.name} ({level.grade_guide})" in seed_text
        assert level.description in seed_text
    assert fw.grade_alignment_note in seed_text


def test_grade_ladder_runs_from_aa_to_scs4_with_the_framework_alignment(grades):
    assert grades.codes == ["AA", "AO", "EO", "HEO", "SEO", "G7", "G6", "SCS1", "SCS2", "SCS3", "SCS4"]
    assert guide_levels(grades) == {
        "AA": 1, "AO": 1, "EO": 2, "HEO": 2, "SEO": 3, "G7": 3,
        "G6": 4, "SCS1": 4, "SCS2": 4, "SCS3": 4, "SCS4": 4,
    }


def _broken_copy(tmp_path, mutate):
    doc = json.loads((shipped.DATA_DIR / "framework.json").read_text(encoding="utf-8"))
    mutate(doc)
    (tmp_path / "framework.json").write_text(json.dumps(doc), encoding="utf-8")
    return tmp_path


def test_a_blank_statement_is_reported_with_file_record_and_field(tmp_path):
    def blank(doc):
        doc["indicators"][21]["statement"] = ""

    with pytest.raises(DataFileError) as caught:
        shipped.load_framework(_broken_copy(tmp_path, blank))
    message = str(caught.value)
    assert "framework.json" in message
    assert "indicators[21] (2.3.1)" in message
    assert "field 'statement'" in message


def test_a_code_that_disagrees_with_its_level_is_reported(tmp_path):
    def wrong(doc):
        doc["indicators"][0]["level"] = 2

    with pytest.raises(DataFileError, match=r"indicators\[0\]: code '1\.1\.1' does not match level 2"):
        shipped.load_framework(_broken_copy(tmp_path, wrong))


def test_a_duplicated_indicator_is_reported(tmp_path):
    def duplicate(doc):
        doc["indicators"].append(dict(doc["indicators"][0]))

    with pytest.raises(DataFileError, match="1.1.1 appears more than once"):
        shipped.load_framework(_broken_copy(tmp_path, duplicate))


def test_an_unknown_field_is_reported_by_name(tmp_path):
    def extra(doc):
        doc["skills"][1]["colour"] = "blue"

    with pytest.raises(DataFileError, match=r"skills\[1\].*field 'colour'"):
        shipped.load_framework(_broken_copy(tmp_path, extra))


def test_invalid_json_is_reported_with_its_line(tmp_path):
    (tmp_path / "framework.json").write_text('{"title": "x",\n  "skills": [,]}', encoding="utf-8")
    with pytest.raises(DataFileError, match="not valid JSON at line 2"):
        shipped.load_framework(tmp_path)


def test_a_missing_file_is_reported(tmp_path):
    with pytest.raises(DataFileError, match="grades.json.*missing"):
        shipped.load_grades(tmp_path)


def test_grades_with_a_level_out_of_range_are_reported(tmp_path):
    doc = json.loads((shipped.DATA_DIR / "grades.json").read_text(encoding="utf-8"))
    doc["grades"][3]["default_level"] = 7
    (tmp_path / "grades.json").write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"grades\[3\] \(HEO\), field 'default_level'"):
        shipped.load_grades(tmp_path)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("2.3.4", ["2.3.4"]),
        ("2.3", ["2.3.1", "2.3.2", "2.3.3", "2.3.4", "2.3.5", "2.3.6"]),
        ("RETENTION", ["1.2.3", "2.2.3"]),
        ("3 risk", ["3.3.1", "3.3.2", "3.3.4"]),
        ("no such words here", []),
    ],
)
def test_search_matches_codes_by_prefix_and_words_in_statements(fw, query, expected):
    assert [i.code for i in framework.search_indicators(fw, query)] == expected


def test_an_empty_search_shows_every_indicator(fw):
    assert len(framework.search_indicators(fw, "   ")) == 54


def test_saved_grade_levels_override_the_guide_and_the_rest_keep_it(grades):
    from planner.domain.models import Settings

    levels = framework.grade_levels(shipped.load_framework(), grades, Settings(grade_levels={"HEO": 3}))
    assert levels["HEO"] == 3
    assert levels["EO"] == 2
    assert framework.grade_levels(shipped.load_framework(), grades, None) == guide_levels(grades)


def test_no_domain_module_reads_files_or_touches_storage():
    """The shipped data is read by planner.io; the domain holds the models and their checks only."""
    import ast

    domain = Path(shipped.__file__).resolve().parents[1] / "domain"
    offenders = {}
    for path in domain.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        names |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        found = sorted(n for n in names if n.split(".")[0] in ("pathlib", "tinydb") or n.startswith("planner.store"))
        if found:
            offenders[path.name] = found
    assert offenders == {}
