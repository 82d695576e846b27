"""External frameworks (CILIP, ARA, IRMS): the shipped mapping, a person's portfolio, import and CSV."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from planner.documents import charts
from planner.domain import external
from planner.domain.external import Area, ExternalFramework, ExternalFrameworks
from planner.domain.models import Evidence, Rating
from planner.errors import DataFileError
from planner.io import dataset, external_io
from planner.io.external_io import COLUMNS, MappingImportError
from planner.io.shipped import DATA_DIR, MAPPING_FILE, load_model
from planner.store import open_repository


@pytest.fixture(scope="module")
def shipped() -> ExternalFrameworks:
    return dataset.load_mapping()


# --- The shipped mapping -----------------------------------------------------------------------


def test_the_shipped_mapping_has_cilip_ara_and_irms(shipped):
    assert shipped.ids == ["cilip-pksb", "ara-competency", "irms-competency"]
    assert [f.body for f in shipped.frameworks] == ["CILIP", "ARA", "IRMS"]
    assert [f.portfolio_title for f in shipped.frameworks] == [
        "CILIP Chartership portfolio", "ARA Registration portfolio", "IRMS Accreditation portfolio"]


def test_each_framework_says_what_it_is_for_and_that_the_mapping_is_illustrative(shipped):
    for f in shipped.frameworks:
        assert f.purpose and f.name
        assert "illustrative" in f.note and "import" in f.note
    assert "Chartership" in shipped.framework("cilip-pksb").purpose
    assert "novice" in shipped.framework("ara-competency").purpose
    assert "5 years" in shipped.framework("irms-competency").purpose


def test_the_pksb_areas_include_professional_expertise_generic_skills_and_wider_context(shipped):
    names = {a.name for a in shipped.framework("cilip-pksb").areas}
    assert {"Research", "Information Governance and Compliance", "Records Management and Archiving",
            "Leadership and Advocacy", "IT and Communication",
            "Wider Organisational and Environmental Context"} <= names


def test_every_area_has_at_least_two_indicators_that_exist(shipped, fw):
    for f in shipped.frameworks:
        for a in f.areas:
            assert len(a.indicators) >= 2, (f.id, a.id)
            assert set(a.indicators) <= set(fw.codes)


def test_every_kim_indicator_gives_evidence_for_some_area(shipped, fw):
    assert external.unmapped(shipped, fw) == []


def test_an_indicator_the_kim_framework_lacks_is_named_by_framework_area_and_field(shipped, fw):
    broken = shipped.model_copy(deep=True)
    broken.frameworks[1].areas[2].indicators.append("4.3.9")
    with pytest.raises(DataFileError) as caught:
        external.checked_against(broken, fw, MAPPING_FILE)
    assert caught.value.problems == [
        "record frameworks[1] (ara-competency), field 'areas.2.indicators': indicator 4.3.9 in area "
        "cataloguing-description is not in the framework"]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d["frameworks"][1].update(id="cilip-pksb"), "framework id cilip-pksb is used more than once"),
        (lambda d: d["frameworks"][0]["areas"][1].update(id="research"), "area id research is used more than once"),
        (lambda d: d["frameworks"][0]["areas"][0]["indicators"].append("records"),
         "'records' is not an indicator code"),
        (lambda d: d["frameworks"][0]["areas"][0]["indicators"].append("1.1.3"), "1.1.3 is listed more than once"),
        (lambda d: d["frameworks"][2]["areas"][0].update(indicators=[]), "at least 1 item"),
    ],
)
def test_a_broken_data_file_is_refused_with_the_record_and_field(tmp_path, change, words):
    document = json.loads((DATA_DIR / MAPPING_FILE).read_text(encoding="utf-8"))
    change(document)
    (tmp_path / MAPPING_FILE).write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_model(tmp_path / MAPPING_FILE, ExternalFrameworks)
    assert any(words in problem for problem in caught.value.problems), caught.value.problems


def test_the_shipped_mapping_is_used_until_one_is_imported_and_again_after_it_is_removed(tmp_path, shipped):
    assert dataset.MAPPING.active(open_repository(tmp_path)) == shipped
    own = ExternalFrameworks(frameworks=[shipped.frameworks[2]])
    dataset.MAPPING.save(own, open_repository(tmp_path / "user"))
    assert dataset.MAPPING.is_imported(open_repository(tmp_path / "user"))
    assert dataset.MAPPING.active(open_repository(tmp_path / "user")) == own
    assert dataset.MAPPING.remove(open_repository(tmp_path / "user")) is True
    assert dataset.MAPPING.remove(open_repository(tmp_path / "user")) is False
    assert dataset.MAPPING.active(open_repository(tmp_path / "user")) == shipped


def test_a_broken_imported_mapping_is_reported_not_ignored(tmp_path):
    (tmp_path / MAPPING_FILE).write_text('{"frameworks": []}', encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        dataset.MAPPING.active(open_repository(tmp_path))
    assert "the imported mapping" in str(caught.value)


# --- The portfolio -----------------------------------------------------------------------------


@pytest.fixture
def small_framework() -> ExternalFramework:
    return ExternalFramework(
        id="test-body", name="Test framework", body="TB", award="Registration",
        areas=[
            Area(id="alpha", name="Alpha", indicators=["1.1.1", "1.1.2"]),
            Area(id="beta", name="Beta", indicators=["2.2.3", "2.3.1"]),
            Area(id="gamma", name="Gamma", indicators=["1.2.1", "3.1.1"]),
        ],
    )


@pytest.fixture
def portfolio(small_framework, fw):
    ratings = {
        "1.1.1": Rating(score=3, evidence=Evidence(situation="Team drive", result="Found in a minute")),
        "1.1.2": Rating(score=4),
        "2.2.3": Rating(score=2, evidence=Evidence(action="Drafted a schedule")),
        "1.2.1": Rating(score=3, comment="A comment is not evidence"),
        "3.1.1": Rating(score=1),
    }
    return external.build_portfolio(small_framework, fw, ratings, "Ada Lovelace", date(2026, 10, 20),
                                    date(2026, 11, 1))


def test_each_indicator_has_its_rating_in_words_whether_met_and_its_evidence(portfolio, fw):
    alpha, beta, gamma = portfolio.areas
    first = alpha.indicators[0]
    assert (first.code, first.rating, first.met) == ("1.1.1", "3 Competent", True)
    assert first.statement == fw.indicator("1.1.1").statement
    assert first.evidence == "Situation: Team drive\nResult: Found in a minute"
    assert (alpha.indicators[1].rating, alpha.indicators[1].met, alpha.indicators[1].evidence) == ("4 Expert", True, "")
    assert (beta.indicators[0].rating, beta.indicators[0].met) == ("2 Developing", False)
    assert beta.indicators[0].evidence == "Action: Drafted a schedule"
    assert (beta.indicators[1].rating, beta.indicators[1].met) == ("Not rated", False)
    assert gamma.indicators[0].evidence == ""


def test_an_area_is_covered_only_by_a_met_indicator_with_evidence(portfolio):
    assert [a.covered for a in portfolio.areas] == [True, False, False]
    assert (portfolio.covered, portfolio.total) == (1, 3)
    assert portfolio.coverage == pytest.approx(1 / 3)


def test_what_is_missing_names_indicators_not_met_or_without_evidence(portfolio):
    alpha, beta, gamma = portfolio.areas
    assert alpha.missing == ["1.1.2 is met but has no written evidence"]
    assert beta.missing == [
        "2.2.3 is rated 2 Developing: it needs a rating of 3 or more",
        "2.3.1 is not rated yet: it needs a rating of 3 or more and written evidence",
    ]
    assert gamma.missing == [
        "1.2.1 is met but has no written evidence",
        "3.1.1 is rated 1 Aware: it needs a rating of 3 or more and written evidence",
    ]


def test_the_summary_gives_the_coverage_and_the_quickest_wins(portfolio):
    first, second, third = external.summary(portfolio)
    assert first.startswith("You have evidence for 1 of the 3 areas (33%) of the Test framework.")
    assert second == "1 area would be covered if you wrote evidence for an indicator you already meet: Gamma."
    assert third == "1 area needs an indicator you do not meet yet: Beta."


def test_the_portfolio_is_titled_by_body_award_and_person(portfolio):
    assert portfolio.title == "TB Registration portfolio: Ada Lovelace"


def test_the_portfolio_tables_have_a_row_per_area_and_per_supporting_indicator(portfolio):
    assert external.coverage_table(portfolio)[1] == {
        "Area": "Beta", "Covered": "No", "KIM indicators": 2,
        "Met with evidence": 0, "Met, no evidence": 0, "Not met or not rated": 2}
    rows = external.portfolio_table(portfolio)
    assert len(rows) == 6
    assert rows[0] | {"Statement": ""} == {
        "Area": "Alpha", "Indicator": "1.1.1", "Statement": "", "Rating": "3 Competent", "Met": "Yes",
        "Evidence": "Situation: Team drive\nResult: Found in a minute", "Still needed": ""}


def test_the_chart_rows_give_every_status_of_every_area_with_a_label_in_words(portfolio):
    rows = external.coverage_rows(portfolio)
    assert len(rows) == 9
    assert {r["status"] for r in rows} == set(external.STATUSES)
    assert rows[0] == {"area": "Alpha", "status": "Met with evidence", "indicators": 1,
                       "label": "Covered: 1 of 2 met with evidence"}
    assert rows[3]["label"] == "Not covered: 0 of 2 met with evidence"


def test_the_area_coverage_chart_has_a_title_safe_colours_and_text_labels(portfolio):
    assert list(charts.COVERAGE_COLOURS) == list(external.STATUSES)
    spec = charts.area_coverage(external.coverage_rows(portfolio)).to_dict()
    bars, labels = spec["layer"]
    assert bars["title"] == "Evidence for each area of the professional body's framework"
    assert bars["encoding"]["color"]["scale"]["range"] == [charts.BLUE, charts.ORANGE, charts.GREY]
    assert labels["mark"]["type"] == "text" and labels["encoding"]["text"]["field"] == "label"


def test_a_person_with_no_ratings_has_no_area_covered(shipped, fw):
    p = external.build_portfolio(shipped.frameworks[0], fw, {}, "Ada", None, date(2026, 1, 1))
    assert p.covered == 0 and all(i.rating == "Not rated" for a in p.areas for i in a.indicators)


# --- Import: spreadsheets ------------------------------------------------------------------------


def _row(**overrides) -> dict[str, str]:
    cells = {
        "framework_id": "our-body", "framework_name": "Our framework", "body": "OB",
        "area_id": "records", "area_name": "Records", "area_description": "Keeping records.",
        "indicators": "1.2.3; 2.2.3",
    }
    return cells | overrides


def _csv(*rows: dict[str, str], columns=COLUMNS, delimiter: str = ",") -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(row.get(c, "") for c in columns)
    return out.getvalue().encode("utf-8")


def _problems(data: bytes, fw, filename: str = "ours.csv") -> list[tuple]:
    with pytest.raises(MappingImportError) as caught:
        external_io.parse_mapping(data, filename, fw)
    return [(p.row, p.field, p.message) for p in caught.value.problems]


def test_a_valid_spreadsheet_becomes_a_mapping_grouped_by_framework(fw):
    data = _csv(_row(), _row(area_id="rights", area_name="Rights", indicators="2.3.2,3.3.5"),
                _row(framework_id="other", framework_name="Other", body="OT", area_description=""))
    mapping = external_io.parse_mapping(data, "ours.csv", fw)
    assert mapping.ids == ["our-body", "other"]
    assert [a.indicators for a in mapping.framework("our-body").areas] == [["1.2.3", "2.2.3"], ["2.3.2", "3.3.5"]]
    assert mapping.framework("other").note == "Imported from ours.csv."
    assert mapping.framework("other").award == "" and mapping.framework("other").portfolio_title == "OT portfolio"


@pytest.mark.parametrize(
    ("row", "field", "words"),
    [
        (_row(framework_id=""), "framework_id", "framework_id is missing"),
        (_row(framework_id="Our Body"), "framework_id", "'Our Body' is not a usable id"),
        (_row(framework_name=""), "framework_name", "framework_name is missing"),
        (_row(body=""), "body", "body is missing"),
        (_row(area_id=""), "area_id", "area_id is missing"),
        (_row(area_id="records_1"), "area_id", "'records_1' is not a usable id"),
        (_row(area_name=""), "area_name", "area_name is missing"),
        (_row(area_name="x" * 201), "area_name", "too long: the most is 200 characters"),
        (_row(indicators=""), "indicators", "must name at least one indicator of the framework"),
        (_row(indicators="records; 1.1.1"), "indicators", "'records' is not an indicator code like 2.3.4"),
        # Written like a code (any framework's codes may have two parts), but not one of this framework's.
        (_row(indicators="2.3; 1.1.1"), "indicators", "indicator 2.3 is not in the framework"),
        (_row(indicators="4.3.9"), "indicators", "indicator 4.3.9 is not in the framework"),
        (_row(indicators="1.1.1; 1.1.1"), "indicators", "1.1.1 is listed more than once"),
    ],
)
def test_each_problem_in_a_row_is_named_by_row_and_column(fw, row, field, words):
    problems = _problems(_csv(_row(area_id="first"), row), fw)
    assert len(problems) == 1, problems
    assert problems[0][:2] == (3, field)
    assert words in problems[0][2]


def test_every_problem_of_every_row_is_listed_together(fw):
    data = _csv(
        _row(),
        _row(area_id="records", framework_name="Another name"),
        _row(area_id="rights", body="Another body", indicators="9.9"),
        _row(framework_id="", area_name=""),
    )
    problems = _problems(data, fw)
    assert [(row, field) for row, field, _ in problems] == [
        (3, "framework_name"), (3, "area_id"), (4, "body"), (4, "indicators"),
        (5, "framework_id"), (5, "area_name"),
    ]
    assert "framework our-body has name 'Our framework' in row 2" in problems[0][2]
    assert problems[1][2] == "the area id 'records' is already used by row 2 for framework our-body"


def test_the_error_message_lists_the_problems_by_row_and_says_nothing_was_replaced(fw):
    with pytest.raises(MappingImportError) as caught:
        external_io.parse_mapping(_csv(_row(area_name="")), "ours.csv", fw)
    assert str(caught.value) == (
        "The mapping was not replaced because the file has 1 problem. Row 2, area_name: area_name is missing.")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (_csv(_row(), columns=COLUMNS[:-1]), "required column missing: indicators"),
        (_csv(_row(), columns=(*COLUMNS, "award")), "unknown column: award"),
        (_csv(_row(), columns=(*COLUMNS, "body")), "repeated column: body"),
    ],
)
def test_a_header_problem_is_said_once_for_row_one(fw, data, words):
    problems = _problems(data, fw)
    assert len(problems) == 1 and problems[0][:2] == (1, "columns") and words in problems[0][2]


@pytest.mark.parametrize(
    ("data", "filename", "words"),
    [
        (b"", "ours.csv", "the file is empty"),
        (b"anything", "ours.pdf", "is not a CSV (.csv), Excel (.xlsx) or JSON (.json) file"),
        (",".join(COLUMNS).encode(), "ours.csv", "a header row but no areas"),
        (b"{not json", "ours.json", "not valid JSON at line 1"),
        (b"[]", "ours.json", 'like {"frameworks": [...]}'),
    ],
)
def test_a_file_that_cannot_be_read_is_one_problem_with_the_whole_file(fw, data, filename, words):
    problems = _problems(data, fw, filename)
    assert len(problems) == 1 and problems[0][:2] == (None, "file") and words in problems[0][2]


def test_a_stray_value_in_a_column_without_a_heading_is_a_problem(fw):
    data = _csv(_row()).replace(b"2.2.3\r\n", b"2.2.3,extra\r\n")
    assert _problems(data, fw) == [(2, "columns", "there is a value in column 8, which has no heading")]


def test_headings_may_be_written_for_people_and_cells_separated_by_semicolons(fw):
    header = ["Framework ID", "Framework name", "Body", "Area ID", "Area name", "Area description", "Indicators"]
    data = _csv(_row(), columns=COLUMNS, delimiter=";").replace(
        ";".join(COLUMNS).encode(), ";".join(header).encode())
    assert external_io.parse_mapping(data, "ours.csv", fw).ids == ["our-body"]


def test_an_excel_workbook_is_read_like_a_csv(fw):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(list(COLUMNS))
    workbook.active.append(list(_row().values()))
    out = io.BytesIO()
    workbook.save(out)
    assert external_io.parse_mapping(out.getvalue(), "ours.xlsx", fw).framework("our-body").areas[0].id == "records"


# --- Import: JSON --------------------------------------------------------------------------------


def test_the_shipped_file_imports_as_json_unchanged(fw, shipped):
    data = (DATA_DIR / MAPPING_FILE).read_bytes()
    assert external_io.parse_mapping(data, "external_frameworks.json", fw) == shipped


def test_json_problems_are_named_by_framework_area_and_field(fw, shipped):
    document = shipped.model_dump(mode="json")
    document["extra"] = 1
    document["frameworks"][0]["name"] = ""
    document["frameworks"][0]["areas"][2]["indicators"] = ["4.3.9", 7]
    document["frameworks"][0]["areas"][3]["colour"] = "red"
    document["frameworks"][1]["id"] = "cilip-pksb"
    document["frameworks"][1]["areas"][1]["id"] = document["frameworks"][1]["areas"][0]["id"]
    document["frameworks"][2] = "IRMS"
    with pytest.raises(MappingImportError) as caught:
        external_io.parse_mapping(json.dumps(document).encode(), "ours.json", fw)
    problems = caught.value.problems
    assert caught.value.unit == "framework"
    assert [(p.row, p.field) for p in problems] == [
        (None, "extra"), (1, "name"), (1, "area 3, indicators"), (1, "area 3, indicators"),
        (1, "area 4, colour"), (2, "id"), (2, "area 2, id"), (3, ""),
    ]
    assert problems[2].message == "indicator 2 must be a code written as text, like 2.3.4"
    assert problems[3].message == "indicator 4.3.9 is not in the framework"
    assert problems[5].message == "the framework id 'cilip-pksb' is already used by framework 1"
    assert problems[6].describe("framework").startswith("Framework 2, area 2, id: the area id")


# --- Downloads and the round trip ----------------------------------------------------------------


def test_the_current_mapping_survives_a_round_trip_through_csv(fw, shipped):
    data = external_io.mapping_csv(shipped)
    assert data.startswith("\ufeff".encode())
    again = external_io.parse_mapping(data, "professional-bodies.csv", fw, known=shipped)
    assert again.model_dump(exclude={"frameworks": {"__all__": {"note"}}}) == shipped.model_dump(
        exclude={"frameworks": {"__all__": {"note"}}})
    assert {f.note for f in again.frameworks} == {"Imported from professional-bodies.csv."}


def test_the_csv_has_a_row_per_area_and_is_safe_to_open_in_a_spreadsheet(fw, shipped):
    risky = shipped.model_copy(deep=True)
    risky.frameworks[0].areas[0].name = "=HYPERLINK(\"http://example.com\")"
    data = external_io.mapping_csv(risky)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == list(COLUMNS)
    assert len(rows) == 1 + sum(len(f.areas) for f in shipped.frameworks)
    assert rows[1][4].startswith("'=")
    again = external_io.parse_mapping(data, "x.csv", fw, known=shipped)
    assert again.frameworks[0].areas[0].name == risky.frameworks[0].areas[0].name


def test_the_template_imports_as_it_is(fw):
    mapping = external_io.parse_mapping(external_io.template_csv(), "template.csv", fw)
    assert len(mapping.frameworks) == 1 and len(mapping.frameworks[0].areas) == 2


def test_a_mapping_of_more_frameworks_than_the_areas_allowed_is_refused_before_each_is_checked(fw, monkeypatch):
    """A 5 MB file of a million empty frameworks once took minutes and gigabytes to report on."""
    checked = []
    monkeypatch.setattr(external_io, "_model_problems", lambda *args: checked.append(args) or [])
    data = json.dumps({"frameworks": [{}] * (external_io.MAX_AREAS + 1)}).encode()
    with pytest.raises(external_io.MappingImportError) as refused:
        external_io.parse_mapping(data, "ours.json", fw)
    assert f"more than {external_io.MAX_AREAS} frameworks" in str(refused.value) and checked == []


# --- The framework version an import is checked against ------------------------------------------


def test_an_imported_mapping_is_stamped_with_the_version_it_was_checked_against(fw, shipped):
    revision = fw.model_copy(update={"version": "2"})
    assert external_io.parse_mapping(_csv(_row()), "ours.csv", revision).framework_version == revision.ref
    written_for_the_first = json.dumps(shipped.model_dump(mode="json")).encode()
    assert shipped.framework_version == fw.ref
    assert external_io.parse_mapping(written_for_the_first, "ours.json", revision).framework_version == revision.ref


def test_a_json_mapping_for_another_framework_is_refused_by_name(fw, shipped):
    document = shipped.model_dump(mode="json") | {"framework_version": {"id": "data-management", "version": "3"}}
    problems = _problems(json.dumps(document).encode(), fw, "theirs.json")
    assert [(row, field) for row, field, _ in problems] == [(None, "framework_version")]
    assert "the mapping is written for another framework (data-management, version 3)" in problems[0][2]
