"""Framework packs and crosswalks read from JSON, CSV and Excel, every problem listed by row, and written back."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from openpyxl import load_workbook

from planner.domain.models import Framework, Indicator, Level, Skill
from planner.domain.versions import Crosswalk, CrosswalkEntry
from planner.io import framework_io, shipped, uploads
from planner.io.framework_io import CrosswalkImportError, FrameworkImportError, PackDetails


def data_management_pack() -> Framework:
    """A pack of another shape: 5 skills, 6 levels, codes like DM-3-2, not every skill at every level."""
    skills = [Skill(number=s, name=f"Skill {s} of data", description=f"What skill {s} covers.") for s in range(1, 6)]
    levels = [Level(number=lv, name=f"Stage {lv}", description=f"Stage {lv}, in full.") for lv in range(1, 7)]
    indicators = [
        Indicator(code=f"DM-{lv}-{s}", level=lv, skill=s, number=1,
                  statement=f"Does the work of skill {s} at stage {lv}, café-style.")
        for lv in range(1, 7) for s in range(1, 6) if not (lv == 1 and s == 5)
    ]
    # A statement a spreadsheet would run as a formula unless it is written as text.
    indicators[0] = indicators[0].model_copy(update={"statement": "=SUM(A1:A9) is not a formula here"})
    return Framework(
        id="data-management", version="2024.1", released=date(2024, 3, 1), title="Data management skills",
        source="Made for this test.", grade_alignment_note="A guide.", grade_alignment={"B1": 1, "B6": 6},
        code_form="DM-{level}-{skill}", skills=skills, levels=levels, indicators=indicators,
    )


@pytest.fixture(scope="module")
def shipped_csv_rows(fw) -> list[list[str]]:
    """The shipped pack's CSV as a list of rows (the header first), for a test to change and write back."""
    return list(csv.reader(io.StringIO(framework_io.pack_sheet(fw, "csv").decode("utf-8-sig"))))


def csv_bytes(table: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(table)
    return out.getvalue().encode("utf-8")


def changed(table: list[list[str]], row: int, column: str, value: str) -> list[list[str]]:
    """The table with one cell changed; `row` is the spreadsheet's row number (the header is row 1)."""
    copy = [list(r) for r in table]
    copy[row - 1][copy[0].index(column)] = value
    return copy


def problems_of(data: bytes, name: str = "pack.csv", **kwargs) -> list[str]:
    with pytest.raises(FrameworkImportError) as caught:
        framework_io.read_pack(data, name, **kwargs)
    return [p.describe(caught.value.unit) for p in caught.value.problems]


# --- Round trips ----------------------------------------------------------------------------


def test_the_shipped_pack_as_json_reads_back_equal_to_the_loaded_pack(fw):
    assert framework_io.read_pack(framework_io.pack_json(fw), "kim.json") == fw


def test_the_shipped_pack_as_json_holds_what_the_shipped_file_holds(fw):
    written = json.loads(framework_io.pack_json(fw).decode("utf-8"))
    assert written == json.loads((shipped.DATA_DIR / shipped.FRAMEWORK_FILE).read_text(encoding="utf-8"))


def test_the_shipped_pack_as_a_workbook_reads_back_equal_without_details_given(fw):
    assert framework_io.read_pack(framework_io.pack_sheet(fw, "xlsx"), "kim.xlsx") == fw


def test_the_shipped_pack_as_csv_reads_back_equal_with_its_details_given_beside_it(fw):
    data = framework_io.pack_sheet(fw, "csv")
    assert framework_io.read_pack(data, "kim.csv", details=PackDetails.of(fw)) == fw


@pytest.mark.parametrize("kind", ["json", "xlsx", "csv"])
def test_a_pack_of_another_shape_round_trips(kind):
    pack = data_management_pack()
    data = framework_io.pack_json(pack) if kind == "json" else framework_io.pack_sheet(pack, kind)
    details = PackDetails.of(pack) if kind == "csv" else None
    read = framework_io.read_pack(data, f"dm.{kind}", details=details)
    assert read == pack
    assert read.indicator("DM-3-2").statement == "Does the work of skill 2 at stage 3, café-style."


def test_exported_cells_never_run_as_formulas_and_still_read_back_as_typed():
    pack = data_management_pack()
    assert "'=SUM(A1:A9)" in framework_io.pack_sheet(pack, "csv").decode("utf-8-sig")
    sheet = load_workbook(io.BytesIO(framework_io.pack_sheet(pack, "xlsx")))["Indicators"]
    assert sheet["J2"].value == "'=SUM(A1:A9) is not a formula here"
    assert framework_io.read_pack(framework_io.pack_sheet(pack, "xlsx"), "dm.xlsx").indicators[0].statement \
        == "=SUM(A1:A9) is not a formula here"


def test_a_workbook_has_the_indicators_first_and_the_details_as_field_and_value(fw):
    workbook = load_workbook(io.BytesIO(framework_io.pack_sheet(fw, "xlsx")))
    assert workbook.sheetnames == ["Indicators", "Framework"]
    assert [c.value for c in workbook["Indicators"][1]] == list(framework_io.COLUMNS)
    details = {row[0]: row[1] for row in workbook["Framework"].iter_rows(min_row=2, values_only=True)}
    assert details["Id"] == "kim-professional-skills"
    assert details["Released"] == "2026-11-24"
    assert details["Grade alignment"].startswith("AA: 1; AO: 1; EO: 2")
    assert details["Code form"] == "{level}.{skill}.{number}"


def test_the_csv_holds_one_row_per_indicator_and_no_details(fw, shipped_csv_rows):
    assert shipped_csv_rows[0] == list(framework_io.COLUMNS)
    assert len(shipped_csv_rows) == 1 + 54
    assert shipped_csv_rows[1][:2] == ["1.1.1", "1"]
    assert not any("kim-professional-skills" in cell for row in shipped_csv_rows for cell in row)


def test_headings_match_whatever_their_case_and_without_a_number_indicators_are_numbered_in_order(fw, shipped_csv_rows):
    header = [h.upper() for h in shipped_csv_rows[0]]
    number = header.index("NUMBER")
    table = [[cell for i, cell in enumerate(row) if i != number] for row in [header, *shipped_csv_rows[1:]]]
    assert framework_io.read_pack(csv_bytes(table), "kim.csv", details=PackDetails.of(fw)) == fw


def test_a_workbook_without_a_framework_sheet_takes_the_details_given(fw):
    workbook = load_workbook(io.BytesIO(framework_io.pack_sheet(fw, "xlsx")))
    del workbook["Framework"]
    out = io.BytesIO()
    workbook.save(out)
    assert framework_io.read_pack(out.getvalue(), "kim.xlsx", details=PackDetails.of(fw)) == fw
    assert problems_of(out.getvalue(), "kim.xlsx") == [
        "The framework's details are missing: a workbook gives them on a sheet named Framework (Field and Value "
        "columns); a CSV holds the indicators alone, so give them beside it"
    ]


# --- Problems, row by row -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "column", "value", "expected"),
    [
        (7, "Statement", "", "Row 7, Statement: it is empty"),
        (4, "Level", "two", "Row 4, Level: it must be a whole number; got 'two'"),
        (4, "Level", "21", "Row 4, Level: it must be 20 or less; got 21"),
        (5, "Skill", "0", "Row 5, Skill: it must be 1 or more; got 0"),
        (9, "Code", "records", "Row 9, Code: 'records' is not an indicator code like 2.3.4 or DM-3-2"),
        (9, "Code", "01/02/2001",
         "Row 9, Code: Excel changed the code into a date ('01/02/2001'); format the Code column as Text, then type the code again"),
        (3, "Code", "1.1.9", "Row 3, Code: the code of level 1, skill 1, number 2 is 1.1.2 (codes are written {level}.{skill}.{number}), not 1.1.9"),
        (3, "Number", "1", "Row 3, Number: level 1, skill 1 already has an indicator numbered 1 (row 2)"),
        (11, "Skill name", "Info Gov",
         "Row 11, Skill name: skill 3 has 'Information Governance' as its name in 16 other rows (the first is row 12); every row of a skill gives the same"),
        (2, "Level description", "Routine tasks.",
         "Row 2, Level description: level 1 has another as its description in 11 other rows (the first is row 3); every row of a level gives the same"),
        (2, "Level name", "", "Row 2, Level name: it is empty"),
    ],
)
def test_each_kind_of_bad_row_is_reported_with_its_row_and_column(fw, shipped_csv_rows, row, column, value, expected):
    problems = problems_of(csv_bytes(changed(shipped_csv_rows, row, column, value)), details=PackDetails.of(fw))
    assert expected in problems


def test_a_code_given_twice_names_the_row_that_has_it_first(fw, shipped_csv_rows):
    details = PackDetails(**{**PackDetails.of(fw).as_text(), "code_form": ""})
    problems = problems_of(csv_bytes(changed(shipped_csv_rows, 3, "Code", "1.1.1")), details=details)
    assert problems == ["Row 3, Code: 1.1.1 is also the code of row 2"]


def test_a_gap_in_the_numbering_of_indicators_is_named(fw, shipped_csv_rows):
    table = changed(changed(shipped_csv_rows, 3, "Number", "3"), 3, "Code", "1.1.3")
    table = changed(changed(table, 4, "Number", "2"), 4, "Code", "1.1.2")
    table = changed(changed(table, 6, "Number", "7"), 6, "Code", "1.1.7")
    assert problems_of(csv_bytes(table), details=PackDetails.of(fw)) == [
        "Number: the indicators of level 1, skill 1 are numbered 1, 2, 3, 4, 7: numbers 5, 6 are missing"
    ]


def test_a_level_left_out_is_named(fw, shipped_csv_rows):
    table = [row for row in shipped_csv_rows if row[1] != "2"]
    assert problems_of(csv_bytes(table), details=PackDetails.of(fw)) == [
        "Level: levels are numbered from 1 with none left out, but here they are [1, 3, 4]"
    ]


def test_unknown_and_missing_columns_are_named(fw, shipped_csv_rows):
    header = ["Colour" if h == "Statement" else h for h in shipped_csv_rows[0]]
    problems = problems_of(csv_bytes([header, *shipped_csv_rows[1:]]), details=PackDetails.of(fw))
    assert problems[0] == "Row 1, columns: required column missing: statement"
    assert problems[1].startswith("Row 1, columns: unknown column: Colour; the columns are code, level, level name")
    assert len(problems) == 2


def test_several_problems_are_listed_at_once_in_row_order(fw, shipped_csv_rows):
    table = changed(changed(shipped_csv_rows, 30, "Statement", ""), 5, "Level", "x")
    table = changed(table, 12, "Code", "1.3.1")
    with pytest.raises(FrameworkImportError) as caught:
        framework_io.read_pack(csv_bytes(table), "kim.csv", details=PackDetails.of(fw, ))
    error = caught.value
    assert [(p.row, p.field) for p in error.problems] == [(5, "Level"), (12, "Code"), (30, "Statement")]
    assert str(error).startswith("The framework was not installed because the file has 3 problems. Row 5, Level:")


def test_each_detail_given_beside_a_csv_is_checked_with_the_rows(fw, shipped_csv_rows):
    details = PackDetails(id="KIM skills", version="2", released="24/11/2026", title="",
                          grade_alignment="AA: 1; AO one", code_form="{level}.{skill}.{colour}")
    problems = problems_of(csv_bytes(changed(shipped_csv_rows, 2, "Statement", "")), details=details)
    assert problems == [
        "Framework details, Id: 'KIM skills' cannot be used: write it with lower-case letters, digits and hyphens, like kim-professional-skills",
        "Framework details, Released: '24/11/2026' is not a date written like 2026-11-24",
        "Framework details, Title: it is empty",
        "Framework details, Grade alignment: 'AO one' is not a grade and its level, written like AA: 1; AO: 1; EO: 2",
        "Framework details, Code form: it may name only {level}, {skill} and {number}, like {level}.{skill}.{number}",
        "Row 2, Statement: it is empty",
    ]


def test_a_grade_aligned_with_a_level_the_pack_lacks_is_named(fw):
    details = PackDetails.of(fw)
    details = PackDetails(**{**details.as_text(), "grade_alignment": "AA: 1; G6: 5"})
    assert problems_of(framework_io.pack_sheet(fw, "csv"), details=details) == [
        "Framework details, Grade alignment: grade G6 is aligned with level 5, but the levels run from 1 to 4"
    ]


def test_a_release_date_a_form_left_empty_is_said_to_be_empty(fw):
    details = PackDetails(**{**PackDetails.of(fw).as_text(), "released": None})
    assert problems_of(framework_io.pack_sheet(fw, "csv"), details=details) == ["Framework details, Released: it is empty"]


def test_a_csv_without_its_details_says_they_are_missing(fw):
    problems = problems_of(framework_io.pack_sheet(fw, "csv"))
    assert problems == ["The framework's details are missing: a workbook gives them on a sheet named Framework "
                        "(Field and Value columns); a CSV holds the indicators alone, so give them beside it"]


def _workbook_with(fw, change) -> bytes:
    workbook = load_workbook(io.BytesIO(framework_io.pack_sheet(fw, "xlsx")))
    change(workbook)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_framework_sheet_with_an_unknown_or_repeated_field_names_its_row(fw):
    def change(workbook):
        workbook["Framework"].append(["Colour", "blue"])
        workbook["Framework"].append(["version", "3"])
        workbook["Framework"]["B4"] = "1 March"

    assert problems_of(_workbook_with(fw, change), "kim.xlsx") == [
        "Framework sheet, row 10: 'Colour' is not a detail of a framework; the fields are Id, Version, Released, "
        "Title, Source, Grade alignment note, Grade alignment, Code form",
        "Framework sheet, row 11: Version is given more than once",
        "Framework details, Released: '1 March' is not a date written like 2026-11-24",
    ]


def test_a_release_date_excel_keeps_as_a_date_is_read_as_that_day(fw):
    def change(workbook):
        workbook["Framework"]["B4"] = date(2027, 1, 5)

    assert framework_io.read_pack(_workbook_with(fw, change), "kim.xlsx").released == date(2027, 1, 5)


def test_a_workbook_with_the_framework_sheet_first_says_to_move_it(fw):
    def change(workbook):
        workbook.move_sheet("Framework", offset=-1)

    assert problems_of(_workbook_with(fw, change), "kim.xlsx") == [
        "The first sheet is Framework; put the sheet of indicators first and the Framework sheet after it"
    ]


def test_a_json_pack_lists_each_problem_of_the_whole_with_its_indicator(fw):
    document = fw.model_dump(mode="json")
    document["indicators"][5]["code"] = "1.1.1"  # 1.2.1 written as 1.1.1: not its code, and a repeat
    document["code_form"] = ""
    late = fw.codes.index("4.2.1")
    document["indicators"][late]["skill"] = 7
    problems = problems_of(json.dumps(document).encode(), "kim.json")
    assert problems == [
        "number: the indicators of level 4, skill 2 are numbered 2, 3, 4, 5: number 1 is missing",
        "Indicator 6, code: 1.1.1 is also the code of indicator 1",
        f"Indicator {late + 1}, skill: there is no skill 7 in the framework",
    ]


def test_a_code_that_breaks_the_code_form_says_what_it_should_be_before_that_it_is_a_repeat(fw):
    document = fw.model_dump(mode="json")
    document["indicators"][5]["code"] = "1.1.1"
    assert problems_of(json.dumps(document).encode(), "kim.json") == [
        "Indicator 6, code: the code of level 1, skill 2, number 1 is 1.2.1 (codes are written {level}.{skill}.{number}), not 1.1.1",
    ]


def test_a_json_pack_with_bad_fields_names_each_record_and_field(fw):
    document = fw.model_dump(mode="json")
    document["indicators"][21]["statement"] = ""
    document["released"] = "soon"
    problems = problems_of(json.dumps(document).encode(), "kim.json")
    assert len(problems) == 2
    assert problems[0].startswith("The file as a whole, field 'released':")
    assert problems[1].startswith("Record indicators[21] (2.3.1), field 'statement':")


def test_a_json_pack_with_a_gap_in_its_numbering_is_refused(fw):
    document = fw.model_dump(mode="json")
    document["indicators"][4] |= {"code": "1.1.6", "number": 6}
    assert problems_of(json.dumps(document).encode(), "kim.json") == [
        "number: the indicators of level 1, skill 1 are numbered 1, 2, 3, 4, 6: number 5 is missing"
    ]


@pytest.mark.parametrize(
    ("data", "name", "words"),
    [
        (b'{"id": "\xff"}', "kim.json", "is not text (UTF-8), so it cannot be JSON"),
        (b"\xff\xfe{\x00}\x00", "kim.json", "is named .json but its content is not text"),
        (b'{"id": "kim",', "kim.json", "is not valid JSON at line 1"),
        (b"[1, 2]", "kim.json", "must hold one framework pack"),
        (b"PK\x03\x04 this is no workbook", "kim.xlsx", "cannot be opened as an Excel workbook"),
        (b"Code,Level\n1.1.1,1\n", "kim.xlsx", "is named .xlsx but is not an Excel workbook"),
        (b"\x81\x8d\x8f\x90\x9d" * 10, "kim.csv", "is not readable text"),
        (b"x" * (uploads.MAX_UPLOAD_BYTES + 1), "kim.csv", f"larger than {uploads.MAX_UPLOAD_MB} MB"),
        (b"   ", "kim.csv", "The file is empty"),
        (b"anything", "kim.txt", "is not a CSV (.csv), Excel (.xlsx) or JSON (.json) file"),
        (",".join(framework_io.COLUMNS).encode() + b"\n", "kim.csv", "header row but no indicators"),
    ],
)
def test_broken_bytes_give_a_plain_message(data, name, words):
    with pytest.raises(FrameworkImportError) as caught:
        framework_io.read_pack(data, name, details=PackDetails())
    message = str(caught.value)
    assert message.startswith("The framework was not installed because the file has 1 problem.")
    assert words in message
    assert "Traceback" not in message and "Error" not in message


# --- Crosswalks -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def revision(fw) -> Framework:
    """Version 2 of the KIM pack: the same indicators, so that any of its codes may be a new code."""
    return Framework.model_validate(fw.model_dump() | {"version": "2"})


def sample_crosswalk(fw, revision) -> Crosswalk:
    return Crosswalk(from_version=fw.ref, to_version=revision.ref, entries=[
        CrosswalkEntry(old="1.1.1", new=["1.1.1", "1.1.2"], note="split in two"),
        CrosswalkEntry(old="2.3.6", new=[], note="retired"),
        CrosswalkEntry(old="3.3.1", new=["3.3.2"]),
    ])


def test_a_crosswalk_as_csv_reads_back_equal(fw, revision):
    crosswalk = sample_crosswalk(fw, revision)
    data = framework_io.crosswalk_csv(crosswalk)
    assert data.decode("utf-8-sig").splitlines()[:2] == ["Old code,New codes,Note", "1.1.1,1.1.1; 1.1.2,split in two"]
    assert framework_io.read_crosswalk(data, "walk.csv", fw, revision) == crosswalk


def test_a_crosswalk_as_json_reads_back_equal(fw, revision):
    crosswalk = sample_crosswalk(fw, revision).model_copy(update={"note": "From the first to the second."})
    assert framework_io.read_crosswalk(crosswalk.model_dump_json().encode(), "walk.json", fw, revision) == crosswalk


def test_new_codes_may_be_separated_by_commas_or_semicolons_and_headings_by_any_case(fw, revision):
    data = b'OLD CODE,new codes\n1.1.1,"1.1.1, 1.1.2"\n2.3.6,\n3.3.1,3.3.2;3.3.3\n'
    crosswalk = framework_io.read_crosswalk(data, "walk.csv", fw, revision)
    assert [(e.old, e.new) for e in crosswalk.entries] == [
        ("1.1.1", ["1.1.1", "1.1.2"]), ("2.3.6", []), ("3.3.1", ["3.3.2", "3.3.3"])]
    assert crosswalk.from_version == fw.ref and crosswalk.to_version == revision.ref


def test_every_crosswalk_row_is_checked_and_its_problems_listed_by_row(fw, revision):
    data = (b"Old code,New codes,Note\n"
            b"1.1.1,1.1.2,\n"
            b"9.9.9,1.1.1,\n"
            b"1.2.1,\"1.2.2; 5.1.1, nonsense\",\n"
            b"1.1.1,,\n"
            b"01/02/2001,1.2.1,\n"
            b"1.3.1,1.3.1," + b"x" * 1001 + b"\n")
    with pytest.raises(CrosswalkImportError) as caught:
        framework_io.read_crosswalk(data, "walk.csv", fw, revision)
    assert [p.describe() for p in caught.value.problems] == [
        f"Row 3, Old code: there is no indicator 9.9.9 in {fw.label}",
        f"Row 4, New codes: there is no indicator 5.1.1 in {revision.label}; 'nonsense' is not an indicator code like 2.3.4 or DM-3-2",
        "Row 5, Old code: 1.1.1 is also in row 2: give each old indicator one row",
        "Row 6, Old code: Excel changed 1.2.1 into a date ('01/02/2001'); format the column as Text, then type 1.2.1 again",
        "Row 7, Note: it is too long: the most is 1000 characters",
    ]
    assert str(caught.value).startswith("The crosswalk was not installed because the file has 5 problems.")


def test_a_crosswalk_for_a_pack_of_another_shape_names_codes_it_lacks(fw):
    pack = data_management_pack()
    with pytest.raises(CrosswalkImportError) as caught:
        framework_io.read_crosswalk(b"Old code,New codes\n1.1.1,DM-1-1; 5.1.1\n", "walk.csv", fw, pack)
    assert [p.describe() for p in caught.value.problems] == [
        f"Row 2, New codes: there is no indicator 5.1.1 in {pack.label}"]


def test_a_crosswalk_in_json_names_the_wrong_version_and_each_entry_by_its_position(fw, revision):
    document = sample_crosswalk(fw, revision).model_dump(mode="json")
    document["from_version"]["version"] = "0"
    document["entries"][2]["new"] = ["4.4.4"]
    with pytest.raises(CrosswalkImportError) as caught:
        framework_io.read_crosswalk(json.dumps(document).encode(), "walk.json", fw, revision)
    assert [p.describe(caught.value.unit) for p in caught.value.problems] == [
        "from_version: the crosswalk goes from kim-professional-skills@0, but the version here is kim-professional-skills@1",
        f"Entry 3, new: there is no indicator 4.4.4 in {revision.label}",
    ]


def test_a_crosswalk_in_json_with_an_old_code_twice_names_the_entry(fw, revision):
    document = sample_crosswalk(fw, revision).model_dump(mode="json")
    document["entries"].append({"old": "2.3.6", "new": ["2.3.5"]})
    with pytest.raises(CrosswalkImportError) as caught:
        framework_io.read_crosswalk(json.dumps(document).encode(), "walk.json", fw, revision)
    assert [p.describe(caught.value.unit) for p in caught.value.problems] == [
        "Entry 4, old: 2.3.6 is also in entry 2: give each old indicator one entry"]


def test_a_crosswalk_from_a_version_to_itself_is_refused(fw):
    with pytest.raises(CrosswalkImportError, match="from one version to another"):
        framework_io.read_crosswalk(b"Old code,New codes\n1.1.1,1.1.1\n", "walk.csv", fw, fw)


def test_a_crosswalk_file_that_is_no_table_gives_a_plain_message(fw, revision):
    with pytest.raises(CrosswalkImportError, match="cannot be opened as an Excel workbook"):
        framework_io.read_crosswalk(b"PK\x03\x04 broken", "walk.xlsx", fw, revision)
