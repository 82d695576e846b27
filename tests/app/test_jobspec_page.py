"""Job specification page: criteria from a role, edits, post details and downloads."""

from tests.app.conftest import csv_rows, docx_text, edit_cells, open_page, pdf_text, texts, xlsx_rows


def test_a_hiring_manager_gets_criteria_for_an_heo_records_manager(data_dir, downloads):
    at = open_page("pages/jobspec.py")
    frame = at.data_editor[0].value
    assert set(frame["Weight"]) == {"Essential", "Desirable"}
    assert "essential and" in texts(at)
    criteria = list(frame["Criterion"])
    readers = {"spec_pdf": pdf_text, "spec_docx": docx_text, "spec_md": lambda data: data.decode("utf-8")}
    for key, read in readers.items():
        advert = " ".join(read(downloads.of(at, key).data).split())  # a PDF wraps long lines
        assert "Job advert: Records manager, Higher Executive Officer (HEO)" in advert, key
        assert all(criterion in advert for criterion in criteria), key
    # The sift sheet: a column per criterion, essential ones first, marked [E] or [D], by code.
    marked = [f"[{weight[0]}] {code}" for weight, code in zip(frame["Weight"], frame["Code"])]
    header = list(xlsx_rows(downloads.of(at, "spec_sift_xlsx").data)[0])
    assert [column.split(" ", 2)[0] + " " + column.split(" ", 2)[1] for column in header[1:-2]] == marked
    rows = csv_rows(downloads.of(at, "spec_sift_csv").data)
    assert list(rows[0])[1:-2] == header[1:-2] and rows[0]["Candidate"] == "Candidate 1"


def test_blending_roles_and_changing_the_grade_changes_the_levels(data_dir):
    at = open_page("pages/jobspec.py")
    at.multiselect(key="spec_roles").set_value(["records-manager", "information-architect"])
    at.selectbox(key="spec_grade").select("SEO").run()
    assert "Levels the post asks for:" in texts(at)
    assert not at.error


def test_leaving_out_every_criterion_is_refused(data_dir):
    at = open_page("pages/jobspec.py")
    rows = len(at.data_editor[0].value)
    edit_cells(at, at.data_editor[0].key, {n: {"Weight": "Leave out"} for n in range(rows)})
    at.run()
    assert any("at least one criterion" in e.value for e in at.error)


def test_a_missing_title_is_explained(data_dir):
    at = open_page("pages/jobspec.py")
    at.text_input(key="spec_title").input("").run()
    assert any("Give the post a title." in e.value for e in at.error)


def test_a_saved_draft_fills_the_boxes_and_the_weights_and_discarding_it_starts_again(data_dir, repo, person):
    from planner.domain.models import JobSpecDraft

    at = open_page("pages/jobspec.py", profile_id=person.id)
    first_code = at.data_editor[0].value["Code"].iloc[0]
    repo.put(JobSpecDraft(profile_id=person.id, roles=["records-manager"], grade="HEO", summary="Keeps the records.",
                          team="KIM", weights={first_code: "Leave out"}))
    at = open_page("pages/jobspec.py", profile_id=person.id)
    assert at.text_area(key="spec_summary").value == "Keeps the records."
    assert at.text_input(key="spec_team").value == "KIM"
    frame = at.data_editor[0].value
    assert frame.loc[frame["Code"] == first_code, "Weight"].iloc[0] == "Leave out"

    at.button(key="spec_discard").click().run()
    assert not at.exception
    assert at.text_area(key="spec_summary").value == ""
    assert repo.get(JobSpecDraft, person.id, "current") is None
