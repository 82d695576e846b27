"""Importing a replacement curriculum, the template and the curriculum downloads."""

import csv
import io
import json
import zipfile

import pytest

from planner.domain.curriculum import COLUMNS, Curriculum
from planner.io import curriculum_io, curriculum_sheets, dataset
from planner.io.curriculum_io import CurriculumImportError, RowProblem


@pytest.fixture(scope="module")
def sample() -> Curriculum:
    return dataset.load_curriculum()


def _row(**overrides) -> dict[str, str]:
    """A valid spreadsheet row; keyword arguments replace cells."""
    cells = {
        "id": "shadow-foi-officer",
        "title": "Shadow an FOI officer",
        "provider": "Your department",
        "format": "shadowing",
        "category": "experience",
        "level": "1",
        "hours": "30",
        "cost": "0",
        "develops": "1.3.2:2; 2.3.1",
        "prerequisites": "",
        "min_years_experience": "",
        "link": "",
        "description": "See how requests are handled.",
    }
    return cells | overrides


def _csv(*rows: dict[str, str], columns=COLUMNS, delimiter: str = ",") -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(row.get(c, "") for c in columns)
    return out.getvalue().encode("utf-8")


def _xlsx(*rows: list) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _problems(data: bytes, filename: str, fw) -> list[RowProblem]:
    with pytest.raises(CurriculumImportError) as caught:
        curriculum_io.parse_curriculum(data, filename, fw)
    return caught.value.problems


def _only(problems: list[RowProblem]) -> RowProblem:
    assert len(problems) == 1, problems
    return problems[0]


# --- Importing a replacement ---------------------------------------------------------------


def test_a_valid_csv_imports_with_points_defaulting_to_one(fw):
    data = _csv(_row(), _row(id="lead-records-review", format="project", level="2",
                             develops="2.2.3:3", prerequisites="shadow-foi-officer",
                             min_years_experience="1.5", link="https://www.nationalarchives.gov.uk"))
    result = curriculum_io.parse_curriculum(data, "ours.csv", fw)
    assert [a.id for a in result.activities] == ["shadow-foi-officer", "lead-records-review"]
    first, second = result.activities
    assert [(d.indicator, d.points) for d in first.develops] == [("1.3.2", 2), ("2.3.1", 1)]
    assert second.prerequisites == ["shadow-foi-officer"]
    assert second.min_years_experience == 1.5
    assert "ours.csv" in result.note


def test_a_csv_from_windows_excel_with_semicolons_and_pounds_imports(fw):
    data = _csv(_row(title="Course at £1,200", cost="£1,200"), delimiter=";")
    result = curriculum_io.parse_curriculum(data.decode("utf-8").encode("cp1252"), "old.csv", fw)
    assert result.activities[0].cost == 1200
    assert result.activities[0].title == "Course at £1,200"


def test_a_valid_xlsx_imports(fw):
    headings = [c.replace("_", " ").title() for c in COLUMNS]  # "Min Years Experience" is fine
    values = [_row()[c] for c in COLUMNS]
    values[5:8] = [1, 30, 0]
    result = curriculum_io.parse_curriculum(_xlsx(headings, values), "ours.xlsx", fw)
    assert result.activities[0].id == "shadow-foi-officer"
    assert result.activities[0].hours == 30


def test_a_valid_json_imports(fw, sample):
    document = {"note": "Our own curriculum.", "activities": sample.model_dump(mode="json")["activities"][:5]}
    result = curriculum_io.parse_curriculum(json.dumps(document).encode(), "ours.json", fw)
    assert result.note == "Our own curriculum."
    assert result.activities == sample.activities[:5]


@pytest.mark.parametrize(
    ("cells", "field", "words"),
    [
        ({"title": ""}, "title", "title is missing"),
        ({"develops": "2.3.4:2; 1.1.9:1"}, "develops", "there is no indicator 1.1.9 in the framework"),
        ({"develops": "9.9.9"}, "develops", "there is no indicator 9.9.9 in the framework"),
        ({"develops": "records"}, "develops", "'records' is not an indicator code like 2.3.4"),
        ({"cost": "-5"}, "cost", "cost must be 0 or more; got -5"),
        ({"cost": ""}, "cost", "cost is missing"),
        ({"hours": "two days"}, "hours", "hours must be a number; got 'two days'"),
        ({"hours": "0"}, "hours", "hours must be more than 0"),
        ({"level": "2.5"}, "level", "level must be a whole number"),
        ({"level": "5"}, "level", "level must be 4 or less"),
        ({"format": "webinar"}, "format", "'webinar' is not a known format; use one of: course"),
        ({"category": "fun"}, "category", "'fun' is not a known category; use one of: experience"),
        ({"develops": "2.3.4:5"}, "develops", "the points for indicator 2.3.4 must be 1, 2 or 3; got 5"),
        ({"develops": "2.3.4:lots"}, "develops", "points must be a whole number"),
        ({"develops": ""}, "develops", "develops must name at least one indicator"),
        ({"link": "ftp://example.org"}, "link", "not a web address starting with http"),
        ({"link": "www.bcs.org"}, "link", "not a web address starting with http"),
        ({"id": "Shadow FOI"}, "id", "is not a usable id"),
        ({"prerequisites": "nowhere"}, "prerequisites", "needs 'nowhere' first, but no activity has that id"),
        ({"prerequisites": "shadow-foi-officer"}, "prerequisites", "go round in a circle"),
        ({"min_years_experience": "50"}, "min_years_experience", "must be 40 or less"),
    ],
)
def test_each_bad_cell_is_reported_with_its_row_and_field(fw, cells, field, words):
    problem = _only(_problems(_csv(_row(id="first"), _row(**cells)), "bad.csv", fw))
    assert (problem.row, problem.field) == (3, field)
    assert words in problem.message


def test_a_duplicate_id_names_the_row_that_used_it_first(fw):
    problem = _only(_problems(_csv(_row(), _row(title="Another")), "dup.csv", fw))
    assert (problem.row, problem.field) == (3, "id")
    assert "already used by row 2" in problem.message


def test_a_circle_of_prerequisites_is_reported_once_with_its_route(fw):
    data = _csv(_row(id="a", prerequisites="b"), _row(id="b", prerequisites="c"), _row(id="c", prerequisites="a"))
    problem = _only(_problems(data, "loop.csv", fw))
    assert (problem.row, problem.field) == (2, "prerequisites")
    assert "a → b → c → a" in problem.message


def test_every_problem_in_a_file_is_listed_at_once_in_row_order(fw):
    data = _csv(
        _row(id="a", title="", cost="-1"),
        _row(id="b", hours="lots", format="webinar", develops="2.3.4:7", link="nope"),
        _row(id="a", prerequisites="missing"),
    )
    problems = _problems(data, "many.csv", fw)
    found = [(p.row, p.field) for p in problems]
    assert found == [
        (2, "title"), (2, "cost"),
        (3, "format"), (3, "hours"), (3, "develops"), (3, "link"),
        (4, "id"), (4, "prerequisites"),
    ]
    with pytest.raises(CurriculumImportError) as caught:
        curriculum_io.parse_curriculum(data, "many.csv", fw)
    message = str(caught.value)
    assert message.startswith("The curriculum was not replaced because the file has 8 problems.")
    assert "Row 3, hours: hours must be a number; got 'lots'" in message


def test_row_numbers_match_the_spreadsheet_when_blank_rows_come_between(fw):
    data = _csv(_row(id="a"), {}, _row(id="b", cost="free"))
    problem = _only(_problems(data, "gaps.csv", fw))
    assert (problem.row, problem.field) == (4, "cost")


def test_xlsx_problems_carry_the_sheets_own_row_numbers(fw):
    values = [_row(id="Bad Id")[c] for c in COLUMNS]
    problem = _only(_problems(_xlsx([], list(COLUMNS), values), "ours.xlsx", fw))
    assert (problem.row, problem.field) == (3, "id")


def test_json_problems_name_the_activity_by_its_position(fw, sample):
    activities = sample.model_dump(mode="json")["activities"][:3]
    activities[2]["cost"] = -10
    with pytest.raises(CurriculumImportError) as caught:
        curriculum_io.parse_curriculum(json.dumps({"activities": activities}).encode(), "ours.json", fw)
    problem = _only(caught.value.problems)
    assert (problem.row, problem.field) == (3, "cost")
    assert "Activity 3, cost" in str(caught.value)


@pytest.mark.parametrize(
    ("data", "filename", "words"),
    [
        (b"", "empty.csv", "The file is empty"),
        (b"   \n", "blank.xlsx", "The file is empty"),
        (b"%PDF-1.7 ...", "curriculum.pdf", "is not a CSV (.csv), Excel (.xlsx) or JSON (.json) file"),
        (b"\xd0\xcf\x11\xe0 old excel", "curriculum.xls", "save it as an Excel Workbook (.xlsx)"),
        (b"id,title\n", "curriculum.xlsx", "is not an Excel workbook inside"),
        (b"PK\x03\x04 a zip", "curriculum.csv", "looks like an Excel workbook inside"),
        (b"PK\x03\x04 a zip", "curriculum.xlsx", "cannot be opened as an Excel workbook"),
        (b"\x00\x01\x02binary", "curriculum.csv", "its content is not text"),
        (b"{not json", "curriculum.json", "is not valid JSON at line 1"),
        (b"[]", "curriculum.json", "must hold an object"),
        (b'{"activities": []}', "curriculum.json", "the list of activities is empty"),
        (b"\r\n,,,\r\n", "curriculum.csv", "has no rows"),
        (",".join(COLUMNS).encode(), "curriculum.csv", "header row but no activities"),
    ],
)
def test_files_that_are_not_a_curriculum_are_refused_in_plain_english(fw, data, filename, words):
    with pytest.raises(CurriculumImportError) as caught:
        curriculum_io.parse_curriculum(data, filename, fw)
    assert words in str(caught.value)
    assert len(caught.value.problems) == 1


def test_an_xlsx_with_no_rows_is_refused(fw):
    assert "has no rows" in _only(_problems(_xlsx(), "blank.xlsx", fw)).message


def test_a_zip_that_is_not_a_workbook_is_refused(fw):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "hello")
    problem = _only(_problems(out.getvalue(), "fake.xlsx", fw))
    assert "cannot be opened as an Excel workbook" in problem.message


def test_missing_required_columns_are_named(fw):
    columns = [c for c in COLUMNS if c not in ("cost", "develops")]
    problem = _only(_problems(_csv(_row(), columns=columns), "short.csv", fw))
    assert (problem.row, problem.field) == (1, "columns")
    assert "required columns missing: cost, develops" in problem.message


def test_unknown_columns_are_named_in_a_note_so_that_typos_are_seen(fw):
    columns = [*COLUMNS, "Notes"]
    result = curriculum_io.read_curriculum(_csv(_row(Notes="x"), columns=columns), "extra.csv", fw)
    assert [a.id for a in result.curriculum.activities] == ["shadow-foi-officer"]
    assert any("Notes" in note for note in result.notes)


# --- A lead's own spreadsheet --------------------------------------------------------------


def _own_workbook(develops) -> bytes:
    """A team's workbook: the import columns, then Owner and Last reviewed, with Excel's own dates."""
    from datetime import datetime

    values = [_row()[c] for c in COLUMNS]
    values[5:8] = [1, 30, 0]
    values[COLUMNS.index("develops")] = develops
    return _xlsx([*COLUMNS, "Owner", "Last reviewed"], [*values, "Priya Shah", datetime(2026, 10, 1)])


def test_an_indicator_of_the_right_shape_that_the_framework_lacks_is_called_missing_not_misshapen(fw):
    problem = _only(_problems(_csv(_row(develops="2.4.1:2")), "ours.csv", fw))
    assert problem.field == "develops"
    assert "there is no indicator 2.4.1 in the framework" in problem.message
    assert "not an indicator code" not in problem.message


def test_extra_columns_a_team_keeps_are_ignored_with_a_note(fw):
    data = _own_workbook("1.3.2:2; 2.3.1")
    assert [a.id for a in curriculum_io.parse_curriculum(data, "ours.xlsx", fw).activities] == ["shadow-foi-officer"]
    [note] = curriculum_io.read_curriculum(data, "ours.xlsx", fw).notes
    assert "Owner" in note and "Last reviewed" in note and "ignored" in note


def test_a_code_excel_turned_into_a_date_in_a_workbook_is_recognised_and_explained(fw):
    from datetime import datetime

    problem = _only(_problems(_own_workbook(datetime(2003, 2, 1)), "ours.xlsx", fw))
    assert (problem.row, problem.field) == (2, "develops")
    assert "Excel changed 1.2.3 into a date" in problem.message
    assert "format the develops column as Text" in problem.message


@pytest.mark.parametrize("cell", ["01/02/2003", "2003-02-01", "2003-02-01T00:00:00", "2003-02-01 00:00:00"])
def test_a_code_excel_turned_into_a_date_in_a_csv_is_recognised_and_explained(fw, cell):
    problem = _only(_problems(_csv(_row(develops=cell)), "ours.csv", fw))
    assert "Excel changed 1.2.3 into a date" in problem.message


def test_the_csv_template_explains_its_columns_and_still_imports(fw):
    rows = list(csv.reader(io.StringIO(curriculum_sheets.template_csv().decode("utf-8-sig"))))
    header = rows.index(list(COLUMNS))
    guide = " ".join(row[0] for row in rows[:header])
    assert header > 0 and all(column in guide for column in COLUMNS)
    assert "format the develops column as Text" in guide
    assert len(rows) - header - 1 == 2
    assert len(curriculum_io.parse_curriculum(curriculum_sheets.template_csv(), "template.csv", fw).activities) == 2


# --- Templates and exports -----------------------------------------------------------------


def test_the_template_has_the_header_and_two_examples_and_imports(fw):
    template = curriculum_sheets.template_csv()
    rows = list(csv.reader(io.StringIO(template.decode("utf-8-sig"))))
    assert list(COLUMNS) in rows
    assert len(rows) - rows.index(list(COLUMNS)) == 3
    assert len(curriculum_io.parse_curriculum(template, "template.csv", fw).activities) == 2


def test_the_curriculum_as_csv_imports_back_to_the_same_activities(fw, sample):
    again = curriculum_io.parse_curriculum(curriculum_sheets.curriculum_csv(sample), "export.csv", fw)
    assert again.activities == sample.activities


def test_the_curriculum_as_xlsx_imports_back_to_the_same_activities(fw, sample):
    again = curriculum_io.parse_curriculum(curriculum_sheets.curriculum_xlsx(sample), "export.xlsx", fw)
    assert again.activities == sample.activities


def test_the_curriculum_as_json_imports_back_to_the_same_curriculum(fw, sample):
    data = json.dumps(sample.model_dump(mode="json")).encode()
    assert curriculum_io.parse_curriculum(data, "export.json", fw) == sample


def test_exported_cells_never_run_as_formulas_and_still_round_trip(fw, sample):
    risky = sample.activities[0].model_copy(update={
        "title": "=HYPERLINK(\"http://evil.example\",\"click\")",
        "provider": "+44 20 7946 0000",
        "description": "-1 and @SUM(A1)",
    })
    c = sample.model_copy(update={"activities": [risky]})
    exported = curriculum_sheets.curriculum_csv(c)
    row = list(csv.reader(io.StringIO(exported.decode("utf-8-sig"))))[1]
    assert row[1].startswith("'=") and row[2].startswith("'+") and row[12].startswith("'-")
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)
    assert curriculum_io.parse_curriculum(exported, "x.csv", fw).activities == [risky]

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(curriculum_sheets.curriculum_xlsx(c)))["Curriculum"]
    assert sheet["B2"].data_type == "s" and sheet["B2"].value.startswith("'=")
    assert curriculum_io.parse_curriculum(curriculum_sheets.curriculum_xlsx(c), "x.xlsx", fw).activities == [risky]


# --- The framework version an import is checked against ------------------------------------------


def test_an_imported_curriculum_is_stamped_with_the_version_it_was_checked_against(fw):
    revision = fw.model_copy(update={"version": "2"})
    from_csv = curriculum_io.parse_curriculum(_csv(_row()), "ours.csv", revision)
    document = {"note": "Ours.", "activities": [json.loads(from_csv.activities[0].model_dump_json())]}
    from_json = curriculum_io.parse_curriculum(json.dumps(document).encode(), "ours.json", revision)
    assert from_csv.framework_version == from_json.framework_version == revision.ref


def test_a_json_curriculum_written_for_an_earlier_version_is_checked_against_the_one_in_use_and_says_so(fw, sample):
    revision = fw.model_copy(update={"version": "2"})
    document = sample.model_dump(mode="json")
    assert document["framework_version"] == {"id": fw.id, "version": "1"}
    read = curriculum_io.read_curriculum(json.dumps(document).encode(), "export.json", revision)
    assert read.curriculum.framework_version == revision.ref
    assert read.notes == ("The file says its curriculum was written for version 1 of the framework; it was "
                          "checked against version 2, the one in use, and is kept as written for it.",)


def test_a_json_curriculum_for_another_framework_is_refused_by_name(fw, sample):
    document = sample.model_dump(mode="json") | {"framework_version": {"id": "data-management", "version": "3"}}
    problems = _problems(json.dumps(document).encode(), "theirs.json", fw)
    assert [(p.row, p.field) for p in problems] == [(None, "framework_version")]
    assert "written for another framework (data-management, version 3)" in problems[0].message
    document["framework_version"] = "kim 1"
    problems = _problems(json.dumps(document).encode(), "theirs.json", fw)
    assert 'framework_version must name a framework and a version, like {"id": "kim-professional-skills"' in (
        problems[0].message)


def test_a_level_above_the_frameworks_top_is_refused_and_one_within_a_taller_framework_is_not(fw):
    taller = fw.model_copy(update={"levels": [*fw.levels, fw.levels[-1].model_copy(update={"number": 5})]})
    assert _problems(_csv(_row(level="5")), "ours.csv", fw)[0].message == "level must be 4 or less; got 5"
    assert curriculum_io.parse_curriculum(_csv(_row(level="5")), "ours.csv", taller).activities[0].level == 5
