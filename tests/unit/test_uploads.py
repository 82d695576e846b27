"""The one upload reader: its limit, and workbooks and JSON that would cost too much refused before parsing."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import UTC
from pathlib import Path

import pytest

from planner.domain.models import Profile
from planner.io import bundle, curriculum_io, curriculum_sheets, dataset, external_io, uploads
from planner.services import mentoring as mentoring_service
from planner.services import team as team_service

ROOT = Path(__file__).resolve().parents[2]


# --- Files made to cost a reader dearly --------------------------------------------------------


def sample_workbook() -> bytes:
    return curriculum_sheets.curriculum_xlsx(dataset.load_curriculum())


def rewritten(workbook: bytes, part: str, change) -> bytes:
    """The workbook with one part's bytes changed (or added), squeezed as hard as zip allows."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        names = [info.filename for info in source.infolist()]
        for name in names:
            target.writestr(name, change(source.read(name)) if name == part else source.read(name))
        if part not in names:
            target.writestr(part, change(b""))
    return out.getvalue()


def with_shared_strings(shared_strings: bytes) -> bytes:
    """The sample workbook with a shared strings part, as Excel writes one (openpyxl writes none)."""
    kind = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    override = b'<Override PartName="/xl/sharedStrings.xml" ContentType="' + kind + b'"/></Types>'
    listed = rewritten(sample_workbook(), "[Content_Types].xml", lambda body: body.replace(b"</Types>", override))
    return rewritten(listed, "xl/sharedStrings.xml", lambda body: shared_strings)


def shared_strings_bomb(expanded: int) -> bytes:
    """A valid workbook whose shared strings hold one unused string of `expanded` bytes."""
    return with_shared_strings(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                               b"<si><t>" + b"A" * expanded + b"</t></si></sst>")


def many_cells(count: int) -> bytes:
    """A valid workbook with `count` extra empty cells, 50 to a row, in its first sheet."""
    rows = b"".join(b'<row r="%d">' % (10_000 + r) + b"<c/>" * min(50, count - 50 * r) + b"</row>"
                    for r in range((count + 49) // 50))
    return rewritten(sample_workbook(), "xl/worksheets/sheet1.xml",
                     lambda body: body.replace(b"</sheetData>", rows + b"</sheetData>"))


def nested(depth: int) -> bytes:
    return b'{"note": "x", "activities": ' + b"[" * depth + b"]" * depth + b"}"


@pytest.fixture
def openpyxl_never_opens(monkeypatch):
    """Fail if openpyxl is asked to open the workbook: the check must come first."""
    import openpyxl

    def refuse(*args, **kwargs):
        raise AssertionError("openpyxl opened a workbook that should have been refused first")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


def _problem(exc_info) -> str:
    return " ".join(p.message for p in exc_info.value.problems)


# --- One limit -----------------------------------------------------------------------------------


def test_the_upload_limit_is_the_servers_and_written_in_one_place():
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == uploads.MAX_UPLOAD_MB
    assert uploads.MAX_UPLOAD_BYTES == uploads.MAX_UPLOAD_MB * 1024 * 1024
    written = re.compile(r"5\s*\*\s*1024\s*\*\s*1024|5_?242_?880")
    sources = [p for folder in ("planner", "pages", "ui") for p in (ROOT / folder).rglob("*.py")]
    elsewhere = [str(p.relative_to(ROOT)) for p in sources
                 if written.search(p.read_text()) and p != ROOT / "planner" / "io" / "uploads.py"]
    assert elsewhere == []
    assert written.search((ROOT / "planner" / "io" / "uploads.py").read_text()) is None  # MB times 1,024 x 1,024


@pytest.mark.parametrize("read", [
    lambda data, fw: curriculum_io.parse_curriculum(data, "ours.json", fw),
    lambda data, fw: external_io.parse_mapping(data, "ours.json", fw),
    lambda data, fw: bundle.read_bundle(data),
    lambda data, fw: mentoring_service.read_return(data),
], ids=["curriculum", "mapping", "plan file", "mentor's file"])
def test_every_reader_refuses_a_file_over_the_limit_and_reads_one_at_it(fw, read):
    from planner.errors import PlannerError

    with pytest.raises(PlannerError, match=f"larger than {uploads.MAX_UPLOAD_MB} MB"):
        read(b"{" + b" " * uploads.MAX_UPLOAD_BYTES + b"}", fw)
    with pytest.raises(PlannerError) as at_limit:
        read(b"{" + b" " * (uploads.MAX_UPLOAD_BYTES - 2) + b"}", fw)
    assert "larger than" not in str(at_limit.value)  # refused for what is in it, not its size


def test_a_team_share_file_over_the_limit_is_named_and_the_others_kept():
    read = team_service.members_from_share_files([("huge.json", b" " * (uploads.MAX_UPLOAD_BYTES + 1))])
    assert [(n.file_name, "larger than 5 MB" in n.reason) for n in read.problems] == [("huge.json", True)]


# --- Workbooks -------------------------------------------------------------------------------------


def test_a_workbook_whose_shared_strings_expand_past_the_limit_is_refused_before_it_is_opened(fw, openpyxl_never_opens):
    bomb = shared_strings_bomb(uploads.MAX_UNZIPPED_BYTES + 1)
    assert len(bomb) < uploads.MAX_UPLOAD_BYTES / 10  # small as a file; large once unzipped
    with pytest.raises(curriculum_io.CurriculumImportError) as refused:
        curriculum_io.parse_curriculum(bomb, "ours.xlsx", fw)
    limit_mb = uploads.MAX_UNZIPPED_BYTES // (1024 * 1024)
    assert "when unzipped" in _problem(refused) and f"{limit_mb} MB" in _problem(refused)


def test_a_mapping_workbook_that_expands_too_far_is_refused_too(fw, openpyxl_never_opens):
    with pytest.raises(external_io.MappingImportError) as refused:
        external_io.parse_mapping(shared_strings_bomb(uploads.MAX_UNZIPPED_BYTES + 1), "ours.xlsx", fw)
    assert "when unzipped" in " ".join(p.message for p in refused.value.problems)


def test_a_workbook_with_more_cells_than_the_limit_is_refused_before_it_is_opened(fw, openpyxl_never_opens):
    workbook = many_cells(uploads.MAX_CELLS)
    with pytest.raises(curriculum_io.CurriculumImportError) as refused:
        curriculum_io.parse_curriculum(workbook, "ours.xlsx", fw)
    assert f"more than {uploads.MAX_CELLS:,} cells" in _problem(refused)


def test_cells_are_counted_exactly_whatever_pieces_the_sheet_is_unzipped_in(monkeypatch):
    """A cell tag split between two pieces is counted once; the limit is exact."""
    workbook = many_cells(1_000)
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        sheets = [archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/")]
    expected = sum(len(re.findall(rb"<c[\s/>]", sheet)) for sheet in sheets)
    for piece in (7, 64, 1000, 1 << 20):
        monkeypatch.setattr(uploads, "_READ_CHUNK", piece)
        monkeypatch.setattr(uploads, "MAX_CELLS", expected)
        uploads.check_workbook(workbook)  # exactly at the limit: read
        monkeypatch.setattr(uploads, "MAX_CELLS", expected - 1)
        with pytest.raises(uploads.UploadError, match="cells"):
            uploads.check_workbook(workbook)


def test_a_workbook_that_declares_xml_entities_is_refused(fw, openpyxl_never_opens):
    laughs = (b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
              b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&b;</t></si></sst>')
    with pytest.raises(curriculum_io.CurriculumImportError) as refused:
        curriculum_io.parse_curriculum(with_shared_strings(laughs), "ours.xlsx", fw)
    assert "XML entities" in _problem(refused)


def test_a_normal_workbook_passes_the_checks_and_is_read(fw):
    uploads.check_workbook(sample_workbook())
    assert curriculum_io.parse_curriculum(sample_workbook(), "ours.xlsx", fw) == dataset.load_curriculum().model_copy(
        update={"note": "Imported from ours.xlsx."})


def test_a_csv_with_values_past_the_last_column_read_is_refused_and_empty_ones_ignored(fw):
    good = curriculum_sheets.curriculum_csv(dataset.load_curriculum())
    lines = good.decode("utf-8-sig").split("\r\n")
    trailing = "\r\n".join(line + "," * 100 if line else line for line in lines).encode()
    assert curriculum_io.parse_curriculum(trailing, "ours.csv", fw).activities == dataset.load_curriculum().activities
    with pytest.raises(curriculum_io.CurriculumImportError) as refused:
        curriculum_io.parse_curriculum(b"id," + b"," * 1_000_000 + b"x\n", "ours.csv", fw)
    assert "more than 60 columns" in _problem(refused)


# --- JSON ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [uploads.MAX_JSON_DEPTH + 1, 900])
def test_json_nested_past_the_limit_is_refused_before_it_is_parsed(fw, monkeypatch, depth):
    def refuse(*args, **kwargs):
        raise AssertionError("json.loads was given a file that should have been refused first")

    monkeypatch.setattr(json, "loads", refuse)
    with pytest.raises(curriculum_io.CurriculumImportError) as refused:
        curriculum_io.parse_curriculum(nested(depth), "ours.json", fw)
    assert f"more than {uploads.MAX_JSON_DEPTH} levels deep" in _problem(refused)


def test_a_plan_file_nested_past_the_limit_is_refused_in_plain_english():
    from planner.errors import PlannerError

    document = (b'{"format": "' + bundle.FORMAT.encode() + b'", "schema_version": 1, "x": '
                + b"[" * 100 + b"]" * 100 + b"}")
    with pytest.raises(PlannerError, match="levels deep"):
        bundle.read_bundle(document)


def test_json_at_the_limit_is_read(fw):
    with pytest.raises(curriculum_io.CurriculumImportError) as refused:
        curriculum_io.parse_curriculum(nested(uploads.MAX_JSON_DEPTH - 1), "ours.json", fw)
    assert "levels deep" not in _problem(refused)  # read, then refused for what it holds


@pytest.mark.parametrize("text, deeper", [
    (b"[]", False), (b"[[]]", False), (b"[[[]]]", True), (b'{"a": [{}]}', True), (b'{"a": "[[[[[[["}', False),
    (b'["\\"[[[[", [[]]]', True), (b'["\\\\", []]', False), (b"[[[", True), (b"]]][[[", True), (b"]]]", False),
    (b"", False),
])
def test_nesting_is_measured_by_brackets_outside_strings(text, deeper):
    """Opening brackets in a row nest that deep whether or not they are closed (unclosed is not JSON)."""
    assert uploads.nests_deeper_than(text, 2) is deeper


def test_a_json_number_too_long_to_read_is_refused_in_plain_english(fw):
    long_number = b'{"note": "x", "activities": [' + b"9" * 5_000 + b"]}"
    with pytest.raises(curriculum_io.CurriculumImportError) as refused:
        curriculum_io.parse_curriculum(long_number, "ours.json", fw)
    assert "number too long" in _problem(refused)
    from planner.errors import PlannerError

    with pytest.raises(PlannerError, match="number too long"):
        bundle.read_bundle(b'{"format": ' + b"9" * 5_000 + b"}")


def test_a_good_plan_file_is_still_read():
    person = Profile(name="Ada", current_grade="HEO")
    from datetime import datetime

    data = bundle.export_bundle(person, [], [], datetime(2026, 11, 1, tzinfo=UTC))
    assert bundle.read_bundle(data).profile == person
