"""Curriculum: browse and filter, download, and import a replacement checked row by row."""

import csv
import io
import json

from planner.io import dataset
from planner.store import open_repository
from tests.app.conftest import ROOT, csv_rows, open_page, texts, xlsx_rows

SHIPPED = ROOT / "data" / "curriculum.json"

GOOD_CSV = (
    b"id,title,provider,format,category,level,hours,cost,develops,prerequisites,min_years_experience,link,description\n"
    b"dept-records-101,Records basics,Our KIM team,course,formal,1,3,0,1.2.3:2; 1.2.1:1,,0,,Our own course\n"
    b"dept-foi-desk,FOI desk rotation,Our KIM team,secondment,experience,2,40,0,2.3.2:2,,0,,A month on the FOI desk\n"
)


def test_the_curriculum_is_listed_and_can_be_filtered(data_dir):
    at = open_page("pages/curriculum.py")
    total = len(dataset.load_curriculum().activities)
    assert f"{total} of {total} activities match." in texts(at)
    at.multiselect(key="cur_providers").set_value(["The National Archives"]).run()
    frame = at.dataframe[0].value
    assert set(frame["Provider"]) == {"The National Archives"} and len(frame) == 7
    assert f"{len(frame)} of {total} activities match." in texts(at)


def test_a_valid_spreadsheet_replaces_the_curriculum(data_dir):
    at = open_page("pages/curriculum.py")
    at.file_uploader(key="cur_import_file").upload("ours.csv", GOOD_CSV, "text/csv").run()
    at.button(key="cur_import").click().run()
    assert "Imported 2 activities." in texts(at)
    assert "own curriculum: 2 activities" in texts(at)
    assert [a.id for a in dataset.CURRICULUM.active(open_repository(data_dir)).activities] == ["dept-records-101", "dept-foi-desk"]


def test_a_file_with_errors_lists_every_problem_and_replaces_nothing(data_dir):
    bad = GOOD_CSV.replace(b"Records basics", b"").replace(b"1.2.3:2", b"9.9.9:2").replace(b",40,0,", b",40,-5,")
    at = open_page("pages/curriculum.py")
    at.file_uploader(key="cur_import_file").upload("ours.csv", bad, "text/csv").run()
    at.button(key="cur_import").click().run()
    assert any("not replaced" in e.value and "3 problems" in e.value for e in at.error)
    problems = at.dataframe[-1].value
    assert list(problems["Row"]) == [2, 2, 3]
    assert set(problems["Column"]) == {"title", "develops", "cost"}
    assert not dataset.CURRICULUM.is_imported(open_repository(data_dir))


def test_the_downloads_give_the_template_and_every_activity_of_the_curriculum(data_dir, downloads):
    at = open_page("pages/curriculum.py")
    shipped = [activity["id"] for activity in json.loads(SHIPPED.read_text(encoding="utf-8"))["activities"]]
    assert [row["id"] for row in csv_rows(downloads.of(at, "cur_download_csv").data)] == shipped
    header, *rows = xlsx_rows(downloads.of(at, "cur_download_xlsx").data)
    assert [row[header.index("id")] for row in rows] == shipped
    # The template explains each column in lines starting "#", then has the columns an import reads.
    lines = [row for row in csv.reader(io.StringIO(downloads.of(at, "cur_download_template").text))]
    explained = [row[0] for row in lines if row[0].startswith("#")]
    (columns, *examples) = [row for row in lines if not row[0].startswith("#")]
    assert tuple(columns) == header and examples
    assert all(any(line.startswith(f"# {column}") for line in explained) for column in ("id", "develops"))


def test_going_back_to_the_sample_after_an_import(data_dir):
    at = open_page("pages/curriculum.py")
    at.file_uploader(key="cur_import_file").upload(
        "ours.json", json.dumps(dataset.load_curriculum().model_dump(mode="json")).encode(), "application/json"
    ).run()
    at.button(key="cur_import").click().run()
    assert dataset.CURRICULUM.is_imported(open_repository(data_dir))
    at.button(key="cur_use_sample").click().run()
    assert not dataset.CURRICULUM.is_imported(open_repository(data_dir))


OWN_CSV = (
    b"id,title,provider,format,category,level,hours,cost,develops,Owner,Last reviewed\n"
    b"dept-records-101,Records basics,Our KIM team,course,formal,1,12,300,1.2.3:2,Priya Shah,01/10/2026\n"
    b"dept-foi-desk,FOI desk rotation,Our KIM team,secondment,experience,2,40,120,2.3.2:2,Tom Okafor,01/09/2026\n"
)


def _import(at, name: str, data: bytes):
    at.file_uploader(key="cur_import_file").upload(name, data, "text/csv").run()
    at.button(key="cur_import").click().run()
    return at


def test_a_teams_own_columns_are_ignored_with_a_note_on_the_page(data_dir):
    at = _import(open_page("pages/curriculum.py"), "ours.csv", OWN_CSV)
    assert not at.error, [e.value for e in at.error]
    shown = texts(at)
    assert "Imported 2 activities." in shown
    assert "Owner and Last reviewed" in shown and "ignored" in shown


def test_a_missing_indicator_and_a_code_excel_made_a_date_are_explained_on_the_page(data_dir):
    bad = OWN_CSV.replace(b"1.2.3:2", b"01/02/2003").replace(b"2.3.2:2", b"2.4.1:2")
    at = _import(open_page("pages/curriculum.py"), "ours.csv", bad)
    problems = " ".join(at.dataframe[-1].value["Problem"])
    assert "Excel changed 1.2.3 into a date" in problems and "format the develops column as Text" in problems
    assert "there is no indicator 2.4.1 in the framework" in problems
    assert not dataset.CURRICULUM.is_imported(open_repository(data_dir))


def test_the_browse_filters_follow_the_imported_curriculums_own_ranges(data_dir):
    at = open_page("pages/curriculum.py")
    sample = dataset.load_curriculum().activities
    assert at.number_input(key="cur_max_cost").value == max(a.cost for a in sample)
    assert at.number_input(key="cur_max_hours").value == max(a.hours for a in sample)
    _import(at, "ours.csv", OWN_CSV)
    assert (at.number_input(key="cur_max_cost").value, at.number_input(key="cur_max_hours").value) == (300, 40)
    assert "2 of 2 activities match." in texts(at)
    at.button(key="cur_use_sample").click().run()
    assert at.number_input(key="cur_max_cost").value == max(a.cost for a in sample)


def test_the_page_explains_the_columns_beside_the_template(data_dir):
    at = open_page("pages/curriculum.py")
    shown = texts(at)
    assert "develops: indicator codes" in shown and "format the develops column as Text" in shown
