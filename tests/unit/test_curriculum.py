"""The sample curriculum, and keeping a replacement one."""

import json
import shutil
from collections import Counter

import pytest
from pydantic import ValidationError

from planner.domain import curriculum
from planner.domain.curriculum import Curriculum
from planner.errors import DataFileError
from planner.io import curriculum_io, curriculum_sheets, dataset, shipped
from planner.store import open_repository


@pytest.fixture(scope="module")
def sample() -> Curriculum:
    return dataset.load_curriculum()


# --- The shipped sample --------------------------------------------------------------------


def test_the_shipped_curriculum_loads_with_at_least_80_activities(sample):
    assert len(sample.activities) >= 80


def test_every_indicator_is_developed_by_at_least_two_shipped_activities(sample, fw):
    counts = curriculum.coverage_counts(sample, fw)
    assert set(counts) == set(fw.codes)
    assert {code: n for code, n in counts.items() if n < 2} == {}


def test_shipped_activities_develop_indicators_at_or_near_their_own_level(sample, fw):
    far = [
        (a.id, d.indicator)
        for a in sample.activities
        for d in a.develops
        if abs(fw.indicator(d.indicator).level - a.level) > 1
    ]
    assert far == []
    at_level = {d.indicator for a in sample.activities for d in a.develops
                if fw.indicator(d.indicator).level == a.level}
    assert at_level == set(fw.codes)


def test_shipped_ids_are_unique_and_prerequisites_exist_without_cycles(sample):
    ids = [a.id for a in sample.activities]
    assert len(ids) == len(set(ids))
    graph = {a.id: a.prerequisites for a in sample.activities}
    assert all(p in graph for needs in graph.values() for p in needs)

    def depth(activity_id: str, seen: tuple[str, ...] = ()) -> int:
        assert activity_id not in seen, f"cycle through {activity_id}"
        return 1 + max((depth(p, seen + (activity_id,)) for p in graph[activity_id]), default=0)

    assert max(depth(i) for i in graph) >= 2


def test_the_shipped_note_says_the_curriculum_is_illustrative_and_to_be_replaced(sample):
    note = sample.note.lower()
    assert "illustrative" in note
    assert "replace" in note


def test_the_shipped_mix_leans_to_experience_then_others_then_formal(sample):
    by_category = Counter(a.category for a in sample.activities)
    assert by_category["experience"] > by_category["others"] > by_category["formal"] > 0
    assert set(Counter(a.format for a in sample.activities)) == set(curriculum.FORMATS)


def test_shipped_links_are_only_well_known_home_pages(sample):
    links = {a.link for a in sample.activities if a.link}
    assert links <= {
        "https://www.bcs.org",
        "https://www.cilip.org.uk",
        "https://www.archives.org.uk",
        "https://irms.org.uk",
        "https://www.nationalarchives.gov.uk",
        "https://learn.civilservice.gov.uk",
    }


def test_a_shipped_curriculum_naming_an_unknown_indicator_says_which_record_and_field(tmp_path, sample):
    shutil.copy(shipped.DATA_DIR / "framework.json", tmp_path / "framework.json")
    document = sample.model_dump(mode="json")
    document["activities"][3]["develops"][0]["indicator"] = "1.1.9"
    (tmp_path / "curriculum.json").write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        dataset.load_curriculum(tmp_path)
    message = str(caught.value)
    assert f"activities[3] ({sample.activities[3].id})" in message
    assert "develops.0.indicator" in message and "1.1.9" in message


def test_the_model_rejects_duplicate_ids_missing_prerequisites_and_cycles(sample):
    first, second = (a.model_dump() for a in sample.activities[:2])
    with pytest.raises(ValidationError, match="already used"):
        Curriculum(note="n", activities=[first, first])
    with pytest.raises(ValidationError, match="no activity has that id"):
        Curriculum(note="n", activities=[first | {"prerequisites": ["nowhere"]}])
    looped = [first | {"prerequisites": [second["id"]]}, second | {"prerequisites": [first["id"]]}]
    with pytest.raises(ValidationError, match="circle"):
        Curriculum(note="n", activities=looped)


# --- Keeping an imported curriculum --------------------------------------------------------


def test_without_an_import_the_active_curriculum_is_the_sample(tmp_path, sample):
    assert not dataset.CURRICULUM.is_imported(open_repository(tmp_path))
    assert dataset.CURRICULUM.active(open_repository(tmp_path)) == sample


def test_a_saved_import_is_the_active_curriculum_until_removed(tmp_path, fw, sample):
    imported = curriculum_io.parse_curriculum(curriculum_sheets.template_csv(), "ours.csv", fw)
    folder = tmp_path / "user"
    dataset.CURRICULUM.save(imported, open_repository(folder))
    assert dataset.CURRICULUM.active(open_repository(folder)) == imported
    assert sorted(p.name for p in folder.iterdir()) == ["curriculum.json", "people"]  # no temp file left behind
    assert dataset.CURRICULUM.remove(open_repository(folder)) is True
    assert dataset.CURRICULUM.active(open_repository(folder)) == sample
    assert dataset.CURRICULUM.remove(open_repository(folder)) is False


def test_a_broken_imported_curriculum_is_reported_not_silently_replaced_by_the_sample(tmp_path):
    (tmp_path / "curriculum.json").write_text('{"note": "x", "activities": [', encoding="utf-8")
    with pytest.raises(DataFileError, match="the imported curriculum"):
        dataset.CURRICULUM.active(open_repository(tmp_path))


def test_coverage_counts_give_zero_for_indicators_nothing_develops(fw):
    imported = curriculum_io.parse_curriculum(curriculum_sheets.template_csv(), "ours.csv", fw)
    counts = curriculum.coverage_counts(imported, fw)
    assert counts["1.2.3"] == 1 and counts["4.3.3"] == 0
    assert list(counts) == fw.codes


# --- Links: only plain http(s) addresses -------------------------------------------------------

HOSTILE_LINKS = [
    ("https://a.example/x)![t](https://tracker.example/pixel.png)", "')'"),
    ("https://a.example/x](https://phish.example)", "']'"),
    ("https://a.example/<script>", "'<'"),
    ('https://a.example/"onmouseover="x', "'\"'"),
    ("https://a.example/a b", "a space"),
    ("https://a.example/\u202etxt.exe", "'\u202e'"),
    ("javascript:alert(1)", "'('"),
    ("data:text/html;base64,PHNjcmlwdD4=", "http"),
    ("https://user:secret@a.example/", "name or password"),
    ("https://a.example:99999/", "http"),
    ("https:///no-host", "http"),
]


@pytest.mark.parametrize("link, words", HOSTILE_LINKS)
def test_a_link_that_is_not_a_plain_web_address_is_refused_saying_why(sample, link, words):
    activity = sample.activities[0].model_dump()
    with pytest.raises(ValidationError) as refused:
        curriculum.Activity.model_validate(activity | {"link": link})
    assert words in str(refused.value)


@pytest.mark.parametrize("link", [
    "https://learn.civilservice.gov.uk", "http://a.example/path/to?x=1&y=two#part", "HTTPS://A.EXAMPLE/%28a%29",
    "https://a.example:8443/~me/a-b_c.d;e,f*g+h=i$j@k",
])
def test_a_plain_web_address_is_kept_exactly(sample, link):
    activity = sample.activities[0].model_dump()
    assert curriculum.Activity.model_validate(activity | {"link": link}).link == link


def test_an_imported_file_with_a_hostile_link_names_the_row_and_how_to_write_it(fw):
    import csv
    import io

    exported = curriculum_sheets.curriculum_csv(dataset.load_curriculum())
    rows = list(csv.reader(io.StringIO(exported.decode("utf-8-sig"))))
    rows[1][rows[0].index("link")] = "https://a.example/x)![t](https://tracker.example/pixel.png)"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    with pytest.raises(curriculum_io.CurriculumImportError) as refused:
        curriculum_io.parse_curriculum(out.getvalue().encode(), "ours.csv", fw)
    (problem,) = refused.value.problems
    assert (problem.row, problem.field) == (2, "link") and "write that as %29" in problem.message
