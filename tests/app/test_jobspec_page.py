"""Job specification page: criteria from a role, edits, post details and downloads."""

from tests.app.conftest import csv_rows, docx_text, edit_cells, open_page, pdf_text, texts, xlsx_rows


def test_a_hiring_manager_gets_criteria_for_an_heo_records_manager(data_dir, downloads):
    at = open_page("pages/jobspec.py")
    frame = at.data_editor[0].value
    assert set(frame["Use as"]) == {"Essential", "Desirable"}
    assert "essential and" in texts(at)
    criteria = list(frame["Criterion"])
    readers = {"spec_pdf": pdf_text, "spec_docx": docx_text, "spec_md": lambda data: data.decode("utf-8")}
    for key, read in readers.items():
        advert = " ".join(read(downloads.of(at, key).data).split())  # a PDF wraps long lines
        assert "Job advert: Records manager, Higher Executive Officer (HEO)" in advert, key
        assert all(criterion in advert for criterion in criteria), key
    # The sift sheet: a column per behaviour, then per criterion, essential ones first, marked [E] or [D], by code.
    marked = [f"[{weight[0]}] {code}" for weight, code in zip(frame["Use as"], frame["Code"])]
    header = list(xlsx_rows(downloads.of(at, "spec_sift_xlsx").data)[0])
    technical = [column for column in header[1:-3] if not column.startswith("[E] Behaviour: ")]
    assert [column.split(" ", 2)[0] + " " + column.split(" ", 2)[1] for column in technical] == marked
    assert len(header) - len(technical) == 4 + 4  # the four suggested behaviours, the candidate, total, verdict, notes
    rows = csv_rows(downloads.of(at, "spec_sift_csv").data)
    assert list(rows[0]) == header and [row["Candidate"] for row in rows[:3]] == ["Pass mark", "Weight", "Candidate 1"]


def test_blending_roles_and_changing_the_grade_changes_the_levels(data_dir):
    at = open_page("pages/jobspec.py")
    at.multiselect(key="spec_roles").set_value(["records-manager", "information-architect"])
    at.selectbox(key="spec_grade").select("SEO").run()
    assert "Levels the post asks for:" in texts(at)
    assert not at.error


def test_leaving_out_every_criterion_is_refused(data_dir):
    at = open_page("pages/jobspec.py")
    rows = len(at.data_editor[0].value)
    edit_cells(at, at.data_editor[0].key, {n: {"Use as": "Leave out"} for n in range(rows)})
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
    assert frame.loc[frame["Code"] == first_code, "Use as"].iloc[0] == "Leave out"

    at.button(key="spec_discard").click().run()
    assert not at.exception
    assert at.text_area(key="spec_summary").value == ""
    assert repo.get(JobSpecDraft, person.id, "current") is None


# --- Behaviours, pass marks and weights, and saved job specifications ---------------------------------

FOUR = ["seeing-the-big-picture", "leadership", "working-together", "managing-a-quality-service"]


def _behaviours_text(level: int):
    from planner.io import shipped

    return {b.id: b.at(level) for b in shipped.load_behaviours().behaviours}


def test_the_behaviours_chosen_are_shown_at_the_grades_level_and_the_advert_lists_them(data_dir, downloads):
    at = open_page("pages/jobspec.py")
    assert at.multiselect(key="spec_behaviours").value == [
        "seeing-the-big-picture", "communicating-and-influencing", "working-together", "delivering-at-pace"]
    at.multiselect(key="spec_behaviours").set_value(FOUR).run()
    shown, heo = texts(at), _behaviours_text(3)
    assert "The title a post specified" not in shown  # no note of the code written on the page
    assert "each behaviour is assessed at level 3 (HEO and SEO)" in shown
    assert all(heo[b] in shown for b in FOUR) and heo["delivering-at-pace"] not in shown
    assert list(at.data_editor[1].value["Behaviour"]) == [
        "Seeing the Big Picture", "Leadership", "Working Together", "Managing a Quality Service"]
    for key, read in (("spec_md", lambda d: d.decode()), ("spec_docx", docx_text), ("spec_pdf", pdf_text)):
        advert = " ".join(read(downloads.of(at, key).data).split())
        assert "Behaviours" in advert and "Managing a Quality Service" in advert, key
        assert " ".join(heo["leadership"].split()[:8]) in advert, key

    at.selectbox(key="spec_grade").select("G7").run()
    assert "each behaviour is assessed at level 4 (Grade 7 and Grade 6)" in texts(at)
    assert _behaviours_text(4)["leadership"] in texts(at)


def test_no_behaviour_chosen_is_refused_and_fewer_than_four_is_pointed_out(data_dir):
    at = open_page("pages/jobspec.py")
    at.multiselect(key="spec_behaviours").set_value([]).run()
    assert any("Choose at least one behaviour the post assesses" in e.value for e in at.error)
    at.multiselect(key="spec_behaviours").set_value(["leadership"]).run()
    assert not at.error and "usually assess four to six" in " ".join(i.value for i in at.info)


def _set_up_a_post(at):
    """A lead's HEO post: two roles, four behaviours, a pass mark and weights changed, the post's details."""
    at.multiselect(key="spec_roles").set_value(["records-manager", "information-manager"]).run()
    at.multiselect(key="spec_behaviours").set_value(FOUR).run()
    criteria = at.data_editor[0]
    first_code = criteria.value["Code"].iloc[0]
    edit_cells(at, criteria.key, {0: {"Pass mark": 6, "Weight": 3}, 1: {"Use as": "Leave out"}})
    at.run()
    edit_cells(at, at.data_editor[1].key, {1: {"Pass mark": 5, "Weight": 2}, 3: {"Weight": 0.5}})
    at.run()
    at.text_input(key="spec_title").input("Records and information manager").run()
    at.text_input(key="spec_team").input("Knowledge and Information Management").run()
    at.text_area(key="spec_summary").input("You will run the records review.").run()
    return first_code


def test_a_lead_saves_a_specification_and_reopens_it_in_a_fresh_session_with_everything_back(
        data_dir, repo, person, downloads):
    from planner.domain.models import JobSpec, JobSpecDraft

    at = open_page("pages/jobspec.py", profile_id=person.id)
    assert not at.exception
    first_code = _set_up_a_post(at)
    second_code = at.data_editor[0].value["Code"].iloc[1]
    before = repo.get(JobSpecDraft, person.id, "current")
    assert before.pass_marks == {first_code: 6, "leadership": 5}
    assert before.sift_weights == {first_code: 3, "leadership": 2, "managing-a-quality-service": 0.5}
    at.text_input(key="spec_save_name_new").input("HEO records, 2027").run()
    at.button(key="spec_save").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "Saved the job specification 'HEO records, 2027'" in texts(at)
    [saved] = repo.list(JobSpec, person.id)
    assert saved.fields() == repo.get(JobSpecDraft, person.id, "current").fields()

    at.button(key="spec_discard").click().run()  # the lead starts another post
    assert at.multiselect(key="spec_behaviours").value != FOUR

    fresh = open_page("pages/jobspec.py", profile_id=person.id)  # another session: another day, another tab
    assert fresh.selectbox(key="spec_saved_choice").value == saved.id
    fresh.button(key="spec_reopen").click().run()
    assert not fresh.exception and not fresh.error, [e.value for e in fresh.error]
    assert "Reopened 'HEO records, 2027'" in texts(fresh)
    assert fresh.multiselect(key="spec_roles").value == ["records-manager", "information-manager"]
    assert fresh.selectbox(key="spec_grade").value == "HEO"
    assert fresh.multiselect(key="spec_behaviours").value == FOUR
    assert fresh.text_input(key="spec_title").value == "Records and information manager"
    assert fresh.text_input(key="spec_team").value == "Knowledge and Information Management"
    assert fresh.text_area(key="spec_summary").value == "You will run the records review."
    criteria = fresh.data_editor[0].value.set_index("Code")
    assert (criteria.loc[first_code, "Pass mark"], criteria.loc[first_code, "Weight"]) == (6, 3)
    assert criteria.loc[second_code, "Use as"] == "Leave out"
    marks = fresh.data_editor[1].value.set_index("Behaviour")
    assert (marks.loc["Leadership", "Pass mark"], marks.loc["Leadership", "Weight"]) == (5, 2)
    assert marks.loc["Managing a Quality Service", "Weight"] == 0.5
    assert fresh.text_input(key=f"spec_save_name_{saved.id}").value == "HEO records, 2027"

    # The weighted sift sheet: the behaviours, then the criteria kept, with their pass marks and weights.
    rows = xlsx_rows(downloads.of(fresh, "spec_sift_xlsx").data)
    header, pass_marks, weights = rows[0], rows[1], rows[2]
    assert header[1:5] == ("[E] Behaviour: Seeing the Big Picture", "[E] Behaviour: Leadership",
                           "[E] Behaviour: Working Together", "[E] Behaviour: Managing a Quality Service")
    column = {str(h).split(" ")[1]: n for n, h in enumerate(header) if str(h).startswith("[")}
    assert pass_marks[2] == 5 and weights[2] == 2 and weights[4] == 0.5
    assert pass_marks[column[first_code]] == 6 and weights[column[first_code]] == 3
    assert second_code not in column  # left out
    assert header[-3:] == ("Weighted total", "Meets every pass mark", "Notes")
    assert str(rows[3][-3]).startswith("=IF(COUNT(") and "SUMPRODUCT(" in rows[3][-3]
    csv_sheet = csv_rows(downloads.of(fresh, "spec_sift_csv").data)
    assert csv_sheet[0]["[E] Behaviour: Leadership"] == "5" and csv_sheet[1]["[E] Behaviour: Leadership"] == "2"


def test_a_reopened_specification_saved_under_its_name_is_updated(data_dir, repo, person):
    from planner.domain.models import JobSpec

    at = open_page("pages/jobspec.py", profile_id=person.id)
    at.text_input(key="spec_save_name_new").input("HEO records").run()
    at.button(key="spec_save").click().run()
    [saved] = repo.list(JobSpec, person.id)
    at.text_input(key="spec_location").input("Cardiff").run()
    at.button(key="spec_save").click().run()
    assert "Updated the job specification 'HEO records'" in texts(at)
    [updated] = repo.list(JobSpec, person.id)
    assert updated.id == saved.id and updated.location == "Cardiff"


def test_a_saved_specification_is_renamed_and_deleted_only_after_saying_yes(data_dir, repo, person):
    from planner.domain.models import JobSpec

    at = open_page("pages/jobspec.py", profile_id=person.id)
    at.text_input(key="spec_save_name_new").input("HEO records").run()
    at.button(key="spec_save").click().run()
    at.text_input(key="spec_rename").input("HEO records, spring").run()
    at.button(key="spec_rename_button").click().run()
    assert "Renamed it 'HEO records, spring'" in texts(at)
    assert [s.name for s in repo.list(JobSpec, person.id)] == ["HEO records, spring"]

    at.button(key="spec_delete").click().run()
    assert "cannot be got back" in texts(at)
    at.button(key="spec_delete_no").click().run()
    assert len(repo.list(JobSpec, person.id)) == 1 and not at.button(key="spec_delete").disabled
    at.button(key="spec_delete").click().run()
    at.button(key="spec_delete_yes").click().run()
    assert "Deleted the saved job specification 'HEO records, spring'" in texts(at)
    assert repo.list(JobSpec, person.id) == []
    assert not [s for s in at.selectbox if s.key == "spec_saved_choice"]


def test_without_a_profile_nothing_can_be_saved_and_the_page_says_how(data_dir):
    at = open_page("pages/jobspec.py")
    assert not [b for b in at.button if b.key == "spec_save"]
    assert "to save job specifications and reopen them later" in texts(at)
