"""Job specification page: criteria from a role, edits, post details and downloads."""

from tests.app.conftest import edit_cells, open_page, texts


def test_a_hiring_manager_gets_criteria_for_an_heo_records_manager(data_dir):
    at = open_page("pages/jobspec.py")
    frame = at.data_editor[0].value
    assert set(frame["Weight"]) == {"Essential", "Desirable"}
    assert "essential and" in texts(at)
    keys = {d.key for d in at.get("download_button")}
    assert {"spec_docx", "spec_pdf", "spec_md", "spec_sift_xlsx", "spec_sift_csv"} <= keys


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
