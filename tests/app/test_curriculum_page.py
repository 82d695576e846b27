"""Curriculum: browse and filter, download, and import a replacement checked row by row."""

import json

from planner import curriculum
from tests.app.conftest import open_page, texts

GOOD_CSV = (
    "id,title,provider,format,category,level,hours,cost,develops,prerequisites,min_years_experience,link,description\n"
    "dept-records-101,Records basics,Our KIM team,course,formal,1,3,0,1.2.3:2; 1.2.1:1,,0,,Our own course\n"
    "dept-foi-desk,FOI desk rotation,Our KIM team,secondment,experience,2,40,0,2.3.2:2,,0,,A month on the FOI desk\n"
).encode()


def test_the_curriculum_is_listed_and_can_be_filtered(data_dir):
    at = open_page("pages/curriculum.py")
    total = len(curriculum.load_curriculum().activities)
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
    assert [a.id for a in curriculum.load_active_curriculum(data_dir).activities] == ["dept-records-101", "dept-foi-desk"]


def test_a_file_with_errors_lists_every_problem_and_replaces_nothing(data_dir):
    bad = GOOD_CSV.replace(b"Records basics", b"").replace(b"1.2.3:2", b"9.9.9:2").replace(b",40,0,", b",40,-5,")
    at = open_page("pages/curriculum.py")
    at.file_uploader(key="cur_import_file").upload("ours.csv", bad, "text/csv").run()
    at.button(key="cur_import").click().run()
    assert any("not replaced" in e.value and "3 problems" in e.value for e in at.error)
    problems = at.dataframe[-1].value
    assert list(problems["Row"]) == [2, 2, 3]
    assert set(problems["Column"]) == {"title", "develops", "cost"}
    assert not curriculum.has_imported_curriculum(data_dir)


def test_the_downloads_are_offered(data_dir):
    at = open_page("pages/curriculum.py")
    keys = {d.key for d in at.get("download_button")}
    assert {"cur_download_template", "cur_download_csv", "cur_download_xlsx"} <= keys


def test_going_back_to_the_sample_after_an_import(data_dir):
    at = open_page("pages/curriculum.py")
    at.file_uploader(key="cur_import_file").upload(
        "ours.json", json.dumps(curriculum.load_curriculum().model_dump(mode="json")).encode(), "application/json"
    ).run()
    at.button(key="cur_import").click().run()
    assert curriculum.has_imported_curriculum(data_dir)
    at.button(key="cur_use_sample").click().run()
    assert not curriculum.has_imported_curriculum(data_dir)
