"""Professional bodies: the mapping to CILIP, ARA and IRMS, a portfolio, and importing a mapping."""

import json

from planner.io import dataset, shipped
from planner.store import open_repository
from tests.app.conftest import ROOT, csv_rows, docx_text, open_page, pdf_text, texts

PAGE = "pages/external.py"

GOOD_CSV = (
    b"framework_id,framework_name,body,area_id,area_name,area_description,indicators\n"
    b"dept-standard,Our KIM standard,Our department,records,Records,Keeping records,1.2.3; 2.2.3\n"
    b"dept-standard,Our KIM standard,Our department,rights,Information rights,FOI and data protection,2.3.2\n"
)


def _frame(at, column: str):
    """The first table on the page that has this column."""
    matches = [df.value for df in at.dataframe if column in df.value.columns]
    assert matches, f"no table with a {column!r} column"
    return matches[0]


def _charts(at) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("vega_lite_chart")]


def test_the_page_opens_without_a_profile_and_shows_the_mapping(data_dir):
    at = open_page(PAGE)
    assert not at.exception and not at.error
    assert "Choose a profile in the sidebar" in texts(at)
    areas = _frame(at, "What it covers")
    assert "Information Governance and Compliance" in set(areas["Area"])
    assert not _charts(at)


def test_choosing_a_framework_shows_its_areas(data_dir):
    at = open_page(PAGE)
    at.selectbox(key="ext_framework").set_value("irms-competency").run()
    assert set(_frame(at, "What it covers")["Area"]) == {a.name for a in dataset.load_mapping().framework(
        "irms-competency").areas}
    at.selectbox(key="ext_framework").set_value("cilip-pksb").run()
    areas = _frame(at, "What it covers")
    assert len(areas) == 16 and "Records Management and Archiving" in set(areas["Area"])
    statements = _frame(at, "Statement")
    assert "1.2.3" in set(statements[statements["Area"] == "Records Management and Archiving"]["Indicator"])


def test_a_person_with_no_ratings_is_asked_to_rate_themselves(data_dir, person):
    at = open_page(PAGE, profile_id=person.id)
    assert not at.exception and not at.error
    assert "You have not rated yourself yet" in texts(at)


def test_the_portfolio_of_a_rated_person_has_a_summary_a_chart_and_tables(data_dir, rated_person, downloads):
    at = open_page(PAGE, profile_id=rated_person.id)
    assert not at.exception and not at.error
    assert "From your self-assessment of 20 October 2026." in texts(at)
    assert "You have evidence for 0 of the 16 areas" in texts(at)
    portfolio = _frame(at, "Still needed")
    records = portfolio[portfolio["Area"] == "Records Management and Archiving"]
    assert list(records["Indicator"]) == ["1.2.3", "2.2.3", "3.2.1", "3.2.3"]
    assert list(records["Rating"]) == ["3 Competent", "3 Competent", "Not rated", "Not rated"]
    assert list(records["Met"]) == ["Yes", "Yes", "No", "No"]
    assert records["Still needed"].iloc[0] == "1.2.3 is met but has no written evidence"
    twin = _frame(at, "Met, no evidence")
    assert set(twin["Covered"]) == {"No"}
    (chart,) = _charts(at)
    assert "Evidence for each area" in json.dumps(chart)
    readers = {"ext_download_pdf": pdf_text, "ext_download_docx": docx_text,
               "ext_download_md": lambda data: data.decode("utf-8")}
    for key, read in readers.items():
        portfolio_file = read(downloads.of(at, key).data)  # each reader raises if the file does not open
        assert "Chartership portfolio: Ada Lovelace" in portfolio_file, key
        assert "Records Management and Archiving" in portfolio_file, key


def test_a_bad_import_lists_every_problem_and_replaces_nothing(data_dir):
    bad = GOOD_CSV.replace(b"Records,", b",").replace(b"2.3.2", b"4.3.9")
    at = open_page(PAGE)
    at.file_uploader(key="ext_import_file").upload("ours.csv", bad, "text/csv").run()
    at.button(key="ext_import").click().run()
    assert any("not replaced" in e.value and "2 problems" in e.value for e in at.error)
    problems = _frame(at, "Problem")
    assert list(problems["Row"]) == [2, 3]
    assert list(problems["Column"]) == ["area_name", "indicators"]
    assert not dataset.MAPPING.is_imported(open_repository(data_dir))
    assert len(_frame(at, "What it covers")) == 16


def test_a_good_import_replaces_the_mapping_and_the_shipped_one_can_come_back(data_dir, downloads):
    at = open_page(PAGE)
    offered = csv_rows(downloads.of(at, "ext_download_csv").data)
    assert {row["body"] for row in offered} == {"CILIP", "ARA", "IRMS"}
    mapping = json.loads((ROOT / "data" / "external_frameworks.json").read_text(encoding="utf-8"))
    assert [row["area_id"] for row in offered] == [a["id"] for f in mapping["frameworks"] for a in f["areas"]]
    template = csv_rows(downloads.of(at, "ext_download_template").data)
    assert template and set(template[0]) == set(offered[0])  # the same columns an import reads
    at.file_uploader(key="ext_import_file").upload("ours.csv", GOOD_CSV, "text/csv").run()
    at.button(key="ext_import").click().run()
    assert not at.exception and not at.error
    assert "Imported 1 framework with 2 areas." in texts(at)
    assert dataset.MAPPING.active(open_repository(data_dir)).ids == ["dept-standard"]
    assert at.selectbox(key="ext_framework").options == ["Our department: Our KIM standard"]
    assert list(_frame(at, "What it covers")["Area"]) == ["Records", "Information rights"]
    at.button(key="ext_use_shipped").click().run()
    assert not dataset.MAPPING.is_imported(open_repository(data_dir))
    assert len(_frame(at, "What it covers")) == 16


def test_a_broken_imported_file_is_reported_and_the_shipped_mapping_shown(data_dir):
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / shipped.MAPPING_FILE).write_text("{broken", encoding="utf-8")
    at = open_page(PAGE)
    assert any("the imported mapping" in e.value for e in at.error)
    assert len(_frame(at, "What it covers")) == 16
    at.button(key="ext_use_shipped").click().run()
    assert not at.error and not dataset.MAPPING.is_imported(open_repository(data_dir))


def test_the_portfolio_is_named_for_the_award_chosen_not_always_chartership(data_dir, rated_person):
    at = open_page(PAGE, profile_id=rated_person.id)
    award = at.selectbox(key="ext_award_cilip-pksb")
    assert {"Certification", "Chartership", "Fellowship"} <= set(award.options)
    award.select("Fellowship").run()
    assert not at.exception and not at.error
    assert f"CILIP Fellowship portfolio: {rated_person.name}" in texts(at)
    assert "Chartership portfolio" not in texts(at)
