"""My plan: add, edit, complete, reorder and filter items; see progress and gap coverage."""

from datetime import UTC, date, datetime, timedelta

import pytest

from planner.domain.models import Assessment, ItemStatus, PlanItem, Rating
from tests.app.conftest import button, csv_rows, docx_text, edit_cells, open_page, pdf_text, texts


def _add(at, objective, codes, activity="Shadow the records manager"):
    at.text_area(key="plan_add_objective").input(objective)
    at.multiselect(key="plan_add_indicators").set_value(codes)
    at.text_input(key="plan_add_activity").input(activity)
    button(at, "Add to my plan").click().run()


def test_adding_an_item_saves_it_and_shows_the_gaps_it_covers(data_dir, repo, rated_person):
    at = open_page("pages/plan.py", profile_id=rated_person.id)
    assert "The plan works on 0 of your 13 gaps." in texts(at)
    _add(at, "Write the team's records retention schedule by March", ["3.2.1", "3.3.1"])

    items = repo.list(PlanItem, rated_person.id)
    assert len(items) == 1
    assert items[0].indicators == ["3.2.1", "3.3.1"]
    assert items[0].target_date == date.today() + timedelta(days=90)
    assert "The plan works on 2 of your 13 gaps." in texts(at)
    assert "Added the item to your plan." in texts(at)


def test_an_item_without_an_objective_is_refused(data_dir, repo, rated_person):
    at = open_page("pages/plan.py", profile_id=rated_person.id)
    _add(at, "", ["3.2.1"])
    assert any("Write the objective" in e.value for e in at.error)
    assert repo.list(PlanItem, rated_person.id) == []


def _seed(repo, person, n=3, **overrides):
    items = [PlanItem(profile_id=person.id, objective=f"Objective {k}", indicators=["3.1.2"], position=k,
                      target_date=date.today() + timedelta(days=30 * (k + 1)), **overrides) for k in range(n)]
    repo.put_many(items)
    return items


def test_marking_done_without_evidence_saves_nothing_and_says_why(data_dir, repo, rated_person):
    items = _seed(repo, rated_person)
    at = open_page("pages/plan.py", profile_id=rated_person.id)
    edit_cells(at, "plan_editor", {0: {"Status": "Done"}})
    at.button(key="plan_save").click().run()
    assert any("Nothing was saved" in e.value and "Add evidence of completion" in e.value for e in at.error)
    assert repo.get(PlanItem, rated_person.id, items[0].id).status == ItemStatus.PLANNED


def test_marking_done_with_evidence_completes_the_item(data_dir, repo, rated_person):
    items = _seed(repo, rated_person)
    at = open_page("pages/plan.py", profile_id=rated_person.id)
    edit_cells(at, "plan_editor", {0: {"Status": "Done", "Evidence of completion": "Schedule approved"}})
    at.button(key="plan_save").click().run()
    saved = repo.get(PlanItem, rated_person.id, items[0].id)
    assert saved.status == ItemStatus.DONE and saved.evidence == "Schedule approved"
    assert "Saved changes to 1 item." in texts(at)


def test_moving_an_item_down_changes_the_order(data_dir, repo, rated_person):
    items = _seed(repo, rated_person)
    at = open_page("pages/plan.py", profile_id=rated_person.id)
    at.selectbox(key="plan_move_item").select(items[0].id)
    at.button(key="plan_move_down").click().run()
    order = sorted(repo.list(PlanItem, rated_person.id), key=lambda i: i.position)
    assert [i.objective for i in order] == ["Objective 1", "Objective 0", "Objective 2"]


def test_overdue_items_are_counted_and_flagged(data_dir, repo, rated_person):
    repo.put(PlanItem(profile_id=rated_person.id, objective="Late one", indicators=["3.1.2"],
                      target_date=date.today() - timedelta(days=5)))
    at = open_page("pages/plan.py", profile_id=rated_person.id)
    assert "1 overdue." in texts(at)
    frame = at.data_editor(key="plan_editor").value
    assert frame.loc[0, "Flags"] == "Overdue"


def test_filtering_by_status_shows_only_those_items(data_dir, repo, rated_person):
    _seed(repo, rated_person, n=2)
    repo.put(PlanItem(profile_id=rated_person.id, objective="Finished", indicators=["3.1.2"],
                      status=ItemStatus.DONE, evidence="Certificate"))
    at = open_page("pages/plan.py", profile_id=rated_person.id)
    at.multiselect(key="plan_filter_status").set_value(["Done"]).run()
    assert list(at.data_editor(key="plan_editor").value["Objective"]) == ["Finished"]


def test_every_export_gives_the_plan_in_its_format(data_dir, repo, rated_person, downloads):
    import json

    from icalendar import Calendar

    objectives = [item.objective for item in _seed(repo, rated_person)]
    at = open_page("pages/plan.py", profile_id=rated_person.id)
    documents = {"plan_download_pdf": pdf_text, "plan_download_docx": docx_text,
                 "plan_download_md": lambda data: data.decode("utf-8")}
    for key, read in documents.items():
        text = read(downloads.of(at, key).data)  # each reader raises if the file does not open
        assert rated_person.name in text and all(objective in text for objective in objectives), key
    assert [row["Objective"] for row in csv_rows(downloads.of(at, "plan_download_csv").data)] == objectives
    events = Calendar.from_ical(downloads.of(at, "plan_download_ics").data).walk("VEVENT")
    assert {f"Target: {objective}" for objective in objectives} <= {str(event["SUMMARY"]) for event in events}
    saved = json.loads(downloads.of(at, "plan_download_json").data)
    assert saved["profile"]["id"] == rated_person.id
    assert sorted(item["objective"] for item in saved["plan_items"]) == objectives
    kinds = ("pdf", "docx", "md", "csv", "ics", "json")
    names = [downloads.of(at, f"plan_download_{kind}").file_name for kind in kinds]
    assert tuple(name.rsplit(".", 1)[1] for name in names) == kinds


def _bundle_of(repo, person):
    from planner.domain.models import Assessment
    from planner.io import bundle

    return bundle.export_bundle(repo.get_profile(person.id), repo.list(Assessment, person.id),
                                repo.list(PlanItem, person.id), datetime.now(UTC))


def test_a_plan_file_imports_into_an_empty_installation(data_dir, repo, rated_person, tmp_path, monkeypatch):
    from planner import store

    _seed(repo, rated_person)
    data = _bundle_of(repo, rated_person)
    other_dir = tmp_path / "other-computer"
    other = store.open_repository(other_dir)
    monkeypatch.setenv("KIM_PATHWAYS_DATA_DIR", str(other_dir))
    at = open_page("pages/profile.py")
    at.file_uploader(key="plan_import_file").upload("plan.json", data, "application/json").run()
    at.button(key="plan_import").click().run()

    assert not at.error, [e.value for e in at.error]
    assert [p.name for p in other.list_profiles()] == ["Ada Lovelace"]
    assert len(other.list(PlanItem, rated_person.id)) == 3
    assert "Imported the plan file." in texts(at)


def test_a_broken_plan_file_is_refused_and_nothing_changes(data_dir, repo, rated_person):
    _seed(repo, rated_person)
    before = repo.export_person(rated_person.id)["records"]
    at = open_page("pages/plan.py", profile_id=rated_person.id)
    broken = b'{"format": "kim-pathways-bundle", '
    at.file_uploader(key="plan_import_file").upload("plan.json", broken, "application/json").run()
    at.button(key="plan_import").click().run()

    assert any("not valid JSON" in e.value and "Nothing was imported." in e.value for e in at.error)
    assert repo.export_person(rated_person.id)["records"] == before


def test_a_plan_file_with_another_persons_id_and_times_in_2099_is_refused_and_changes_nobody(
    data_dir, repo, rated_person
):
    import json

    from planner.domain.models import Profile

    grace = Profile(name="Grace Hopper", current_grade="G7", notes="Grace's own notes")
    repo.save_profile(grace)
    repo.put(PlanItem(profile_id=grace.id, objective="Grace's objective", indicators=["3.1.2"]))
    before = repo.export_person(grace.id)["records"]
    document = json.loads(_bundle_of(repo, rated_person))
    document["profile"] |= {"id": grace.id, "name": "Taken over", "notes": "Not hers",
                            "updated_at": "2099-01-01T00:00:00+00:00"}
    for item in document["plan_items"]:
        item |= {"profile_id": grace.id, "updated_at": "2099-01-01T00:00:00+00:00"}
    for snapshot in document["assessments"]:
        snapshot["profile_id"] = grace.id
    forged = json.dumps(document).encode()

    at = open_page("pages/plan.py", profile_id=rated_person.id)
    at.file_uploader(key="plan_import_file").upload("plan.json", forged, "application/json").run()
    at.button(key="plan_import").click().run()

    assert any("Nothing was imported." in e.value for e in at.error), [e.value for e in at.error]
    assert repo.export_person(grace.id)["records"] == before
    assert repo.get_profile(grace.id).name == "Grace Hopper"
    assert at.session_state["profile_id"] == rated_person.id


def test_a_plan_file_with_another_saved_persons_id_is_refused_even_with_times_in_the_past(
    data_dir, repo, rated_person
):
    import json

    from planner.domain.models import Profile

    grace = Profile(name="Grace Hopper", current_grade="G7", notes="Grace's own notes",
                    updated_at=datetime(2026, 1, 1, tzinfo=UTC))
    repo.save_profile(grace)
    document = json.loads(_bundle_of(repo, rated_person))
    document["profile"] |= {"id": grace.id, "name": "Taken over", "notes": "Not hers"}
    for item in document["plan_items"]:
        item["profile_id"] = grace.id
    for snapshot in document["assessments"]:
        snapshot["profile_id"] = grace.id

    at = open_page("pages/plan.py", profile_id=rated_person.id)
    at.file_uploader(key="plan_import_file").upload("plan.json", json.dumps(document).encode(),
                                                    "application/json").run()
    at.button(key="plan_import").click().run()

    assert any("belongs to another profile saved here" in e.value for e in at.error), [e.value for e in at.error]
    assert repo.get_profile(grace.id) == grace
    assert repo.list(PlanItem, grace.id) == []
    assert at.session_state["profile_id"] == rated_person.id


@pytest.mark.parametrize("page, heading_after_the_target", [("pages/plan.py", "Your items"),
                                                             ("pages/recommend.py", "What you can give")])
def test_a_profile_whose_grade_is_not_in_the_ladder_is_told_plainly_and_the_page_stops(
    data_dir, repo, fw, page, heading_after_the_target
):
    from planner.domain.models import Assessment, Profile, Rating

    stranger = Profile(name="From elsewhere", current_grade="GRADE-X")
    repo.save_profile(stranger)
    repo.add(Assessment(profile_id=stranger.id, taken_on=date(2026, 10, 1),
                        ratings={c: Rating(score=2) for c in fw.codes}))
    at = open_page(page, profile_id=stranger.id)

    assert not at.exception, [e.value for e in at.exception]
    told = [e.value for e in at.error]
    assert any("GRADE-X" in e for e in told), told
    assert not any("Something went wrong" in e for e in told), told
    assert heading_after_the_target not in texts(at)


def test_an_unsaved_edit_survives_a_change_of_filter_and_is_saved(data_dir, repo, rated_person):
    items = _seed(repo, rated_person)
    repo.put(PlanItem(profile_id=rated_person.id, objective="Finished", indicators=["3.1.2"],
                      status=ItemStatus.DONE, evidence="Certificate", position=9))
    at = open_page("pages/plan.py", profile_id=rated_person.id)
    edit_cells(at, "plan_editor", {1: {"Status": "Dropped"}})
    at.run()
    at.multiselect(key="plan_filter_status").set_value(["Done"]).run()
    assert list(at.data_editor(key="plan_editor").value["Objective"]) == ["Finished"]
    assert "1 item has changes you have not saved" in texts(at)

    at.button(key="plan_save").click().run()

    assert repo.get(PlanItem, rated_person.id, items[1].id).status == ItemStatus.DROPPED
    assert [i.status for i in repo.list(PlanItem, rated_person.id) if i.id != items[1].id].count(
        ItemStatus.PLANNED) == 2
    assert "Saved changes to 1 item." in texts(at)


def test_an_edit_follows_its_item_when_another_filter_shows_the_same_number_of_rows(data_dir, repo, rated_person):
    first, second = _seed(repo, rated_person, n=2)
    repo.put_many([PlanItem(profile_id=rated_person.id, objective=f"Finished {k}", indicators=["3.1.2"],
                            status=ItemStatus.DONE, evidence="Certificate", position=5 + k) for k in range(2)])
    at = open_page("pages/plan.py", profile_id=rated_person.id)
    at.multiselect(key="plan_filter_status").set_value(["Planned"]).run()
    edit_cells(at, "plan_editor", {0: {"Objective": "Objective 0, now measurable"}})
    at.run()
    at.multiselect(key="plan_filter_status").set_value(["Done"]).run()

    assert list(at.data_editor(key="plan_editor").value["Objective"]) == ["Finished 0", "Finished 1"]
    at.button(key="plan_save").click().run()
    assert repo.get(PlanItem, rated_person.id, first.id).objective == "Objective 0, now measurable"
    assert sorted(i.objective for i in repo.list(PlanItem, rated_person.id) if i.status == ItemStatus.DONE) == [
        "Finished 0", "Finished 1"]


def test_unsaved_edits_can_be_discarded(data_dir, repo, rated_person):
    items = _seed(repo, rated_person)
    at = open_page("pages/plan.py", profile_id=rated_person.id)
    edit_cells(at, "plan_editor", {0: {"Objective": "Changed my mind"}})
    at.run()
    at.button(key="plan_discard").click().run()

    assert at.data_editor(key="plan_editor").value["Objective"][0] == "Objective 0"
    at.button(key="plan_save").click().run()
    assert "There were no changes to save." in texts(at)
    assert repo.get(PlanItem, rated_person.id, items[0].id).objective == "Objective 0"


# --- What is typed into "Add an item" is kept --------------------------------------------------


def _type_an_item(at):
    at.text_area(key="plan_add_objective").input("Chair the information asset owners' forum by June").run()
    at.multiselect(key="plan_add_indicators").set_value(["3.2.1"]).run()
    at.text_input(key="plan_add_activity").input("Shadow the SIRO").run()


def _add_button(at):
    return button(at, "Add to my plan")


def _typed(at) -> tuple:
    return (at.text_area(key="plan_add_objective").value, at.multiselect(key="plan_add_indicators").value,
            at.text_input(key="plan_add_activity").value)


TYPED = ("Chair the information asset owners' forum by June", ["3.2.1"], "Shadow the SIRO")


def test_an_item_refused_for_its_dates_keeps_everything_typed(data_dir, repo, rated_person):
    at = open_page("pages/plan.py", profile_id=rated_person.id)
    _type_an_item(at)
    at.date_input(key="plan_add_target").set_value(date.today() + timedelta(days=30)).run()
    at.date_input(key="plan_add_review").set_value(date.today() + timedelta(days=60)).run()
    _add_button(at).click().run()

    assert any("review date must be on or before the target date" in e.value for e in at.error)
    assert repo.list(PlanItem, rated_person.id) == []
    assert _typed(at) == TYPED
    assert at.date_input(key="plan_add_review").value == date.today() + timedelta(days=60)


def test_an_item_refused_because_the_disk_is_full_keeps_everything_typed(data_dir, repo, rated_person, monkeypatch):
    import errno
    import os
    from pathlib import Path

    at = open_page("pages/plan.py", profile_id=rated_person.id)
    real_replace = os.replace

    def full_disk(source, target, *args, **kwargs):
        if Path(target).resolve().is_relative_to(data_dir.resolve()):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "replace", full_disk)
    _type_an_item(at)
    _add_button(at).click().run()
    monkeypatch.undo()

    assert at.error, "the refusal was not told"
    assert any("could not be kept for a later visit" in w.value for w in at.warning)
    assert repo.list(PlanItem, rated_person.id) == []
    assert _typed(at) == TYPED


def test_what_is_typed_is_kept_on_leaving_the_page_and_in_a_new_session(data_dir, repo, rated_person):
    at = open_page("pages/plan.py", profile_id=rated_person.id)
    _type_an_item(at)
    at.switch_page("pages/assess.py").run()
    at.switch_page("pages/plan.py").run()
    assert _typed(at) == TYPED

    reloaded = open_page("pages/plan.py", profile_id=rated_person.id)  # a reload is a new session
    assert _typed(reloaded) == TYPED
    assert "kept as you leave each box" in texts(reloaded)


def test_adding_the_item_empties_the_boxes_and_forgets_the_draft(data_dir, repo, rated_person):
    at = open_page("pages/plan.py", profile_id=rated_person.id)
    _type_an_item(at)
    _add_button(at).click().run()

    assert [i.objective for i in repo.list(PlanItem, rated_person.id)] == [TYPED[0]]
    assert _typed(at) == ("", [], "")
    assert _typed(open_page("pages/plan.py", profile_id=rated_person.id)) == ("", [], "")


def test_a_filter_that_matches_no_item_shows_an_empty_table_and_keeps_the_edits(data_dir, repo, rated_person):
    _seed(repo, rated_person, n=2)
    at = open_page("pages/plan.py", profile_id=rated_person.id)
    edit_cells(at, "plan_editor", {0: {"Objective": "Sharper objective"}})
    at.run()
    at.multiselect(key="plan_filter_status").set_value(["Dropped"]).run()

    assert not at.exception, [e.value for e in at.exception]
    assert len(at.data_editor(key="plan_editor").value) == 0
    assert "1 item has changes you have not saved (1 of them not shown by the filters)" in texts(at)



def test_what_another_session_saves_shows_at_the_next_rerun(data_dir, repo, rated_person, fw):
    # The page keeps the person's picture between reruns; a write by anyone else must still show.
    at = open_page("pages/plan.py", profile_id=rated_person.id)
    assert "The plan works on 0 of your 13 gaps." in texts(at)

    repo.add(PlanItem(profile_id=rated_person.id, objective="Learn the retention rules", indicators=["3.2.1"]))
    at.run()
    assert "The plan works on 1 of your 13 gaps." in texts(at)

    # A newer self-assessment meeting every indicator leaves no gaps to work on.
    everything = {i.code: Rating(score=4) for i in fw.indicators}
    repo.add(Assessment(profile_id=rated_person.id, taken_on=date(2026, 11, 20), ratings=everything))
    at.run()
    assert "The plan works on 1 of your 13 gaps." not in texts(at)


def test_an_objective_whose_on_change_never_ran_is_kept_when_the_next_run_is_another_page(
    data_dir, repo, rated_person
):
    # A link clicked while a run is still going can interrupt it before the box's on_change: the
    # box's value is then in session state only. The next run, for another page, must keep it.
    from planner.domain.models import PlanItemDraft

    at = open_page("pages/plan.py", profile_id=rated_person.id)
    at.session_state["plan_add_objective"] = "Map the team's information assets by March"
    at.switch_page("pages/assess.py")
    at.run()

    draft = repo.get(PlanItemDraft, rated_person.id, "new-item")
    assert draft is not None
    assert draft.objective == "Map the team's information assets by March"


def test_boxes_drawn_for_one_person_are_never_kept_as_another_persons_draft(data_dir, repo, rated_person):
    from planner.domain.models import PlanItemDraft, Profile

    other = Profile(name="Bryn Evans", current_grade="EO")
    repo.save_profile(other)
    at = open_page("pages/plan.py", profile_id=rated_person.id)
    at.session_state["plan_add_objective"] = "Ada's own objective"
    at.session_state["profile_id"] = other.id
    at.switch_page("pages/home.py")
    at.run()

    assert repo.get(PlanItemDraft, other.id, "new-item") is None
    assert repo.get(PlanItemDraft, rated_person.id, "new-item").objective == "Ada's own objective"


def test_a_plan_of_one_item_says_one_item_not_one_items(data_dir, repo, rated_person):
    repo.add(PlanItem(profile_id=rated_person.id, objective="Run a records review"))
    at = open_page("pages/plan.py", profile_id=rated_person.id)
    assert "1 item: 0 done, 0 in progress, 1 planned" in texts(at)
    assert "1 items" not in texts(at)
