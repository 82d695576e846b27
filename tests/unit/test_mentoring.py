"""Mentoring rules: the comparison and its flags, the agenda, mentees from share files, the return file."""

from datetime import UTC, date, datetime, timedelta

import pytest

from planner import store
from planner.domain import mentees, mentoring
from planner.domain.models import (
    AgendaPoint,
    AgreedAction,
    Assessment,
    Conversation,
    ItemStatus,
    Mentee,
    MentorRating,
    PlanItem,
    Profile,
    Rating,
)
from planner.errors import PlannerError
from planner.io import bundle
from planner.services import conversations
from planner.services import mentoring as mentoring_service
from planner.services.acting import Actor

NOW = datetime(2026, 11, 24, 10, tzinfo=UTC)
TODAY = date(2026, 11, 24)


def _r(pairs):
    return {code: Rating(score=s) for code, s in pairs.items()}


def test_the_comparison_flags_differences_of_two_or_more_either_way(fw):
    diffs = {d.code: d for d in mentoring.compare(fw, _r({"1.1.1": 4, "1.1.2": 3, "1.1.3": 1}),
                                                   _r({"1.1.1": 2, "1.1.2": 2, "1.1.3": 3, "1.1.4": 3}))}
    assert diffs["1.1.1"].gap == -2 and diffs["1.1.1"].flagged
    assert diffs["1.1.2"].gap == -1 and not diffs["1.1.2"].flagged
    assert diffs["1.1.3"].gap == 2 and diffs["1.1.3"].flagged
    assert diffs["1.1.4"].self_score is None and diffs["1.1.4"].gap is None and not diffs["1.1.4"].flagged


def test_per_skill_averages_and_flag_counts(fw):
    rows = mentoring.by_skill(fw, mentoring.compare(fw, _r({"1.1.1": 4, "1.1.2": 2, "2.3.1": 3}),
                                                    _r({"1.1.1": 1, "1.1.2": 2})))
    assert (rows[0].self_average, rows[0].mentor_average, rows[0].flagged) == (3.0, 1.5, 1)
    assert rows[0].both_rated == 2
    # 2.3.1 has only the mentee's rating: nothing to compare in skill 3, so no averages there.
    assert rows[1].self_average is None and rows[2].both_rated == 0
    assert rows[2].self_average is None and rows[2].mentor_average is None


def test_the_agenda_brings_differences_largest_gaps_overdue_items_and_change(fw):
    self_now = {i.code: Rating(score=3) for i in fw.indicators if i.level == 1}
    self_now |= {"2.1.1": Rating(score=0), "2.1.2": Rating(score=1), "2.1.3": Rating(score=4)}
    earlier = Assessment(profile_id="m", taken_on=date(2026, 6, 1), ratings={"2.1.3": Rating(score=2)})
    latest = Assessment(profile_id="m", taken_on=date(2026, 11, 1), ratings=self_now)
    overdue = PlanItem(profile_id="m", objective="Write the retention schedule", indicators=["2.2.3"],
                       target_date=TODAY - timedelta(days=10))
    points = mentoring.agenda(fw, self_now, _r({"2.1.3": 1}), {1: 2, 2: 2, 3: 2}, [overdue], [earlier, latest], TODAY)
    kinds = [p.kind for p in points]
    assert kinds[0] == "difference" and "2.1.3" in points[0].title
    assert kinds.count("gap") == 3 and "overdue" in kinds and kinds[-1] == "change"
    assert all(len(p.questions) == 4 and p.questions[0].startswith("Goal") for p in points)
    assert "Improved or newly rated: 2.1.3" in points[-1].detail


def test_agreed_actions_become_mentor_plan_items_that_keep_their_ids(fw):
    action = AgreedAction(objective="Shadow the FOI officer for two weeks", indicators=["2.3.2"], owner="Ceri",
                          due=date(2027, 1, 31))
    conversation = Conversation(profile_id="mentor", mentee_id="x", held_on=TODAY, actions=[action])
    items = mentoring.actions_as_plan_items(conversation, "mentee", "Jo Bloggs", fw, NOW)
    assert items[0].id == action.plan_item_id
    assert items[0].activity_source.value == "mentor" and items[0].owner == "Ceri"
    assert items[0].profile_id == "mentee" and "Agreed with Jo Bloggs" in items[0].activity_title


def test_a_conversation_with_absurd_dates_or_codes_is_refused(fw):
    bad = Conversation(profile_id="m", mentee_id="x", held_on=TODAY + timedelta(days=1),
                       actions=[AgreedAction(objective="x", indicators=["9.1.1"])])
    with pytest.raises(PlannerError, match="cannot be in the future.*do not exist: 9.1.1"):
        mentoring.check_conversation(bad, fw, TODAY)


def _share(profile, exported, items=()):
    return bundle.export_bundle(profile, [], list(items), exported)


def test_a_share_file_becomes_a_mentee_kept_apart_and_a_newer_one_replaces_it():
    mentee_profile = Profile(name="Ceri", current_grade="EO")
    first = mentoring_service.mentee_from_share(_share(mentee_profile, NOW), "mentor-id", [], NOW)
    assert first.source == "share" and first.mentee_profile_id == mentee_profile.id
    item = PlanItem(profile_id=mentee_profile.id, objective="New objective")
    newer = mentoring_service.mentee_from_share(_share(mentee_profile, NOW + timedelta(days=3), [item]), "mentor-id",
                                        [first], NOW)
    assert newer.id == first.id and [i.objective for i in newer.shared_plan_items] == ["New objective"]
    with pytest.raises(PlannerError, match="not newer than the one you have"):
        mentoring_service.mentee_from_share(_share(mentee_profile, NOW - timedelta(days=1)), "mentor-id", [newer], NOW)


def test_your_own_share_file_is_refused():
    me = Profile(name="Jo", current_grade="G7")
    with pytest.raises(PlannerError, match="your own"):
        mentoring_service.mentee_from_share(_share(me, NOW), me.id, [], NOW)


def test_a_local_mentee_cannot_be_added_twice_or_be_yourself():
    me, them = Profile(name="Jo", current_grade="G7"), Profile(name="Ceri", current_grade="EO")
    first = mentees.local_mentee(them, me.id, [], NOW)
    with pytest.raises(PlannerError, match="already one of your mentees"):
        mentees.local_mentee(them, me.id, [first], NOW)
    with pytest.raises(PlannerError, match="own mentee"):
        mentees.local_mentee(me, me.id, [], NOW)


def _return_for(fw, mentee_profile):
    mentee = Mentee(profile_id="mentor", mentee_profile_id=mentee_profile.id, name=mentee_profile.name, source="share")
    rating = MentorRating(profile_id="mentor", mentee_id=mentee.id, taken_on=TODAY, ratings=_r({"1.1.1": 3}))
    conversation = Conversation(profile_id="mentor", mentee_id=mentee.id, held_on=TODAY, actions=[
        AgreedAction(objective="Present at the KIM network", indicators=["3.1.2"], due=date(2027, 3, 1)),
        AgreedAction(objective="Read ISO 15489", indicators=["2.2.1"]),
    ], agenda=[AgendaPoint(title="x")])
    return mentoring_service.return_file("Jo Bloggs", mentee, [rating], conversation, fw, NOW)


def test_the_mentees_import_adds_ratings_and_actions_without_overwriting_anything(fw):
    repo = store.MemoryRepository()
    me = Profile(name="Ceri", current_grade="EO")
    repo.save_profile(me)
    mine = PlanItem(profile_id=me.id, objective="My own objective", status=ItemStatus.IN_PROGRESS)
    repo.put(mine)
    data = _return_for(fw, me)
    message = mentoring_service.import_return(repo, Actor.of(me), mentoring_service.read_return(data), NOW)
    assert message == "Added 1 set of ratings from Jo Bloggs and 2 agreed actions to your plan."
    items = repo.list(PlanItem, me.id)
    assert len(items) == 3 and repo.get(PlanItem, me.id, mine.id) == mine
    mentor_snap = repo.list(Assessment, me.id)[0]
    assert mentor_snap.assessor == "mentor" and mentor_snap.assessor_name == "Jo Bloggs"
    again = mentoring_service.import_return(repo, Actor.of(me), mentoring_service.read_return(data), NOW)
    assert again.startswith("Nothing new") and len(repo.list(PlanItem, me.id)) == 3


def test_a_return_file_for_someone_else_is_refused(fw):
    repo = store.MemoryRepository()
    me, other = Profile(name="Ceri", current_grade="EO"), Profile(name="Sam", current_grade="EO")
    repo.save_profile(me)
    with pytest.raises(PlannerError, match="for another profile"):
        mentoring_service.import_return(repo, Actor.of(me), mentoring_service.read_return(_return_for(fw, other)), NOW)


@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty"), (b"{", "not valid JSON"), (b'{"format": "kim-pathways-bundle", "schema_version": 1}', "another kind"),
    (b'{"format": "kim-pathways-mentor-return", "schema_version": 99}', "newer version"),
])
def test_broken_return_files_are_refused_in_plain_english(data, message):
    with pytest.raises(PlannerError, match=message):
        mentoring_service.read_return(data)


def _mentee_with_plan():
    repo = store.MemoryRepository()
    me = Profile(name="Ceri", current_grade="EO")
    repo.save_profile(me)
    return repo, me, Mentee(profile_id="mentor", mentee_profile_id=me.id, name=me.name, source="share")


def test_two_return_files_from_copies_of_one_record_add_each_agreed_action_once(fw):
    repo, me, mentee = _mentee_with_plan()
    copies = [Conversation(profile_id="mentor", mentee_id=mentee.id, held_on=TODAY, actions=[
        AgreedAction(objective="Present at the KIM network", indicators=["3.1.2"])]) for _ in range(2)]
    for copy in copies:  # each copy's action has its own item id
        data = mentoring_service.return_file("Jo Bloggs", mentee, [], copy, fw, NOW)
        mentoring_service.import_return(repo, Actor.of(me), mentoring_service.read_return(data), NOW)
    assert [i.objective for i in repo.list(PlanItem, me.id)] == ["Present at the KIM network"]


def test_a_changed_action_updates_the_mentees_item_and_keeps_what_she_did(fw):
    repo, me, mentee = _mentee_with_plan()
    action = AgreedAction(objective="Read ISO 15489", indicators=["2.2.1"])
    first = Conversation(profile_id="mentor", mentee_id=mentee.id, held_on=TODAY, actions=[action])
    mentoring_service.import_return(repo, Actor.of(me), mentoring_service.read_return(
        mentoring_service.return_file("Jo Bloggs", mentee, [], first, fw, NOW)), NOW)
    item = repo.list(PlanItem, me.id)[0]
    repo.put(item.model_copy(update={"status": ItemStatus.IN_PROGRESS}))
    later = NOW + timedelta(days=2)
    changed = first.model_copy(update={"actions": [action.model_copy(update={
        "objective": "Read ISO 15489 parts 1 and 2", "changed_at": later})], "updated_at": later})
    newer = mentoring_service.return_file("Jo Bloggs", mentee, [], changed, fw, later)
    message = mentoring_service.import_return(repo, Actor.of(me), mentoring_service.read_return(newer), later)
    items = repo.list(PlanItem, me.id)
    assert len(items) == 1 and items[0].objective == "Read ISO 15489 parts 1 and 2"
    assert items[0].status == ItemStatus.IN_PROGRESS
    assert "changed by Jo Bloggs on 26 November 2026" in items[0].activity_title
    assert "1 agreed action changed" in message
    # the older file, imported again, changes nothing back
    old = mentoring_service.return_file("Jo Bloggs", mentee, [], first, fw, NOW)
    mentoring_service.import_return(repo, Actor.of(me), mentoring_service.read_return(old), later)
    assert repo.list(PlanItem, me.id)[0].objective == "Read ISO 15489 parts 1 and 2"


def test_saving_a_conversation_again_replaces_it_and_an_identical_copy_is_not_added(fw):
    repo = store.MemoryRepository()
    jo, ceri = Profile(name="Jo", current_grade="G7"), Profile(name="Ceri", current_grade="EO")
    repo.save_profile(jo)
    repo.save_profile(ceri)
    mentee = mentees.local_mentee(ceri, jo.id, [], NOW)
    repo.put(mentee)

    def conversation():
        return Conversation(profile_id=jo.id, mentee_id=mentee.id, held_on=TODAY, participants=["Jo", "Ceri"],
                            actions=[AgreedAction(objective="Read ISO 15489", indicators=["2.2.1"])])

    first = conversations.save_conversation(repo, Actor.of(jo), mentee, conversation(), NOW, fw=fw)
    conversations.save_conversation(repo, Actor.of(jo), mentee, conversation(), NOW, fw=fw)  # a second click
    assert len(repo.list(Conversation, jo.id)) == 1 and len(repo.list(PlanItem, ceri.id)) == 1
    assert first.conversation.actions[0].plan_item_id == repo.list(PlanItem, ceri.id)[0].id


def test_only_the_mentor_who_made_a_record_can_change_or_delete_it(fw):
    repo = store.MemoryRepository()
    jo, sam, ceri = (Profile(name=n, current_grade="G7") for n in ("Jo", "Sam", "Ceri"))
    for p in (jo, sam, ceri):
        repo.save_profile(p)
    mentee = mentees.local_mentee(ceri, jo.id, [], NOW)
    repo.put(mentee)
    record = Conversation(profile_id=jo.id, mentee_id=mentee.id, held_on=TODAY,
                          agenda=[AgendaPoint(title="Goals", notes="Talked about goals")])
    conversations.save_conversation(repo, Actor.of(jo), mentee, record, NOW, fw=fw)
    with pytest.raises(PlannerError, match="only by the mentor who made it"):
        conversations.save_conversation(repo, Actor.of(sam), mentee, record, NOW, fw=fw)
    with pytest.raises(PlannerError, match="only by the mentor who made it"):
        conversations.delete_conversation(repo, Actor.of(sam), record.id)
    conversations.delete_conversation(repo, Actor.of(jo), record.id)
    assert repo.list(Conversation, jo.id) == []


def test_a_record_is_not_kept_when_the_local_mentees_plan_cannot_be_written(fw):
    class FullDisk(store.MemoryRepository):
        def put_many(self, records):
            records = list(records)
            if records and records[0].profile_id == ceri.id:
                raise OSError("No space left on device")
            super().put_many(records)

    repo = FullDisk()
    jo, ceri = Profile(name="Jo", current_grade="G7"), Profile(name="Ceri", current_grade="EO")
    repo.save_profile(jo)
    repo.save_profile(ceri)
    mentee = mentees.local_mentee(ceri, jo.id, [], NOW)
    repo.put(mentee)
    record = Conversation(profile_id=jo.id, mentee_id=mentee.id, held_on=TODAY,
                          actions=[AgreedAction(objective="Read ISO 15489", indicators=["2.2.1"])])
    with pytest.raises(OSError):
        conversations.save_conversation(repo, Actor.of(jo), mentee, record, NOW, fw=fw)
    assert repo.list(Conversation, jo.id) == [] and repo.list(PlanItem, ceri.id) == []
# --- The conversation draft --------------------------------------------------------------------


def _draft(fw):
    from planner.domain import conversation_drafts

    points = [AgendaPoint(id=f"gap-1.1.{n}", title=f"1.1.{n}: a gap", kind="gap") for n in (1, 2, 3)]
    return conversation_drafts.start("alex", "Alex Morgan", "priya", "Priya Shah", points, TODAY, NOW)


def _rows(draft):
    return [{"Id": p.id, "Order": n, "Point": p.title, "Detail": p.detail, "Questions": "\n".join(p.questions)}
            for n, p in enumerate(draft.agenda, start=1)]


def test_the_drafted_agenda_names_each_point_by_what_it_is_about_so_drafting_again_finds_it(fw):
    self_now = {"2.1.1": Rating(score=0), "2.1.2": Rating(score=4)}
    overdue = PlanItem(profile_id="m", objective="Write the schedule", target_date=TODAY - timedelta(days=3))
    first = mentoring.agenda(fw, self_now, _r({"2.1.2": 1}), {1: 2, 2: 2, 3: 2}, [overdue], [], TODAY)
    again = mentoring.agenda(fw, self_now, _r({"2.1.2": 1}), {1: 2, 2: 2, 3: 2}, [overdue], [], TODAY)
    ids = [p.id for p in first]
    assert ids == [p.id for p in again] and len(set(ids)) == len(ids)
    assert "difference-2.1.2" in ids and f"overdue-{overdue.id}" in ids
    assert any(i.startswith("gap-") for i in ids)


def test_a_note_belongs_to_its_point_whatever_the_order(fw):
    from planner.domain import conversation_drafts

    draft = conversation_drafts.with_typed(_draft(fw), NOW, notes={"gap-1.1.1": "About 1.1.1",
                                                                    "gap-1.1.2": "About 1.1.2"})
    rows = _rows(draft)
    rows[0]["Order"] = 99
    moved = conversation_drafts.with_agenda_rows(draft, rows, NOW)
    assert [p.id for p in moved.agenda] == ["gap-1.1.2", "gap-1.1.3", "gap-1.1.1"]
    assert {p.id: p.notes for p in moved.agenda} == {"gap-1.1.1": "About 1.1.1", "gap-1.1.2": "About 1.1.2",
                                                     "gap-1.1.3": ""}
    record = conversation_drafts.as_conversation(moved, NOW)
    assert [(p.title, p.notes) for p in record.agenda][-1] == ("1.1.1: a gap", "About 1.1.1")


def test_a_point_moved_to_the_place_of_another_goes_before_it(fw):
    from planner.domain import conversation_drafts

    draft = _draft(fw)
    rows = _rows(draft)
    rows[2]["Order"] = 1
    assert [p.id for p in conversation_drafts.with_agenda_rows(draft, rows, NOW).agenda] == [
        "gap-1.1.3", "gap-1.1.1", "gap-1.1.2"]


def test_a_point_added_in_the_empty_last_row_is_of_kind_other_and_can_be_saved(fw):
    from planner.domain import conversation_drafts

    draft = _draft(fw)
    added = conversation_drafts.with_agenda_rows(draft, [*_rows(draft), {"Id": None, "Point": "Secondment",
                                                                         "Kind": None}], NOW)
    assert (added.agenda[-1].title, added.agenda[-1].kind) == ("Secondment", "other")
    record = mentoring.check_conversation(conversation_drafts.as_conversation(added, NOW), fw, TODAY)
    assert record.agenda[-1].kind == "other"


def test_a_point_with_notes_but_no_title_is_refused_rather_than_dropped(fw):
    from planner.domain import conversation_drafts

    draft = conversation_drafts.with_typed(_draft(fw), NOW, notes={"gap-1.1.2": "Keep me"})
    rows = _rows(draft)
    rows[1]["Point"] = None
    emptied = conversation_drafts.with_agenda_rows(draft, rows, NOW)
    assert emptied.agenda[1].notes == "Keep me"
    with pytest.raises(PlannerError, match="Point 2 has notes"):
        conversation_drafts.as_conversation(emptied, NOW)


def test_a_draft_becomes_a_record_of_its_own_mentee_with_stable_action_ids(fw):
    from planner.domain import conversation_drafts

    draft = conversation_drafts.with_typed(_draft(fw), NOW, participants=" Alex Morgan, Priya Shah ,",
                                           next_meeting=TODAY + timedelta(days=30))
    rows = [{"Id": draft.actions[0].id, "Objective": "Shadow the FOI officer", "Indicators": "2.3.2, 1.1.1",
             "Owner": "Priya Shah", "Due": TODAY + timedelta(days=60)}, {"Id": None}]
    draft = conversation_drafts.with_action_rows(draft, rows, NOW)
    record = conversation_drafts.as_conversation(draft, NOW)
    again = conversation_drafts.as_conversation(draft, NOW)
    assert (record.profile_id, record.mentee_id) == ("alex", "priya")
    assert record.participants == ["Alex Morgan", "Priya Shah"]
    assert [(a.objective, a.indicators) for a in record.actions] == [("Shadow the FOI officer", ["2.3.2", "1.1.1"])]
    assert record.actions[0].plan_item_id == again.actions[0].plan_item_id == draft.actions[0].id
    assert record.next_meeting == TODAY + timedelta(days=30)


def test_nothing_changed_leaves_the_same_draft_so_nothing_is_written(fw):
    from planner.domain import conversation_drafts

    draft = _draft(fw)
    assert conversation_drafts.with_typed(draft, NOW, participants="Alex Morgan, Priya Shah", notes={}) is draft
    assert conversation_drafts.with_agenda_rows(draft, _rows(draft), NOW) is draft


def test_drafting_again_keeps_notes_and_the_points_the_mentor_added(fw):
    from planner.domain import conversation_drafts

    draft = conversation_drafts.with_typed(_draft(fw), NOW, notes={"gap-1.1.2": "Kept"})
    draft = conversation_drafts.with_agenda_rows(draft, [*_rows(draft), {"Id": None, "Point": "Mine"}], NOW)
    fresh = conversation_drafts.redrafted(draft, [AgendaPoint(id="gap-1.1.2", title="1.1.2: a gap", kind="gap"),
                                                  AgendaPoint(id="change", title="What changed", kind="change")], NOW)
    assert [(p.id, p.notes) for p in fresh.agenda][:2] == [("gap-1.1.2", "Kept"), ("change", "")]
    assert fresh.agenda[-1].title == "Mine"


def test_forgetting_a_mentee_removes_the_draft_about_them():
    from planner.domain import conversation_drafts
    from planner.domain.models import ConversationDraft

    repo = store.MemoryRepository()
    alex = Profile(id="alex", name="Alex Morgan", current_grade="G7")
    repo.save_profile(alex)
    mentee = Mentee(profile_id="alex", mentee_profile_id="p", name="Priya Shah", source="local")
    repo.put(mentee)
    repo.put(conversation_drafts.start("alex", "Alex Morgan", mentee.id, mentee.name, [], TODAY, NOW))
    mentoring_service.forget_mentee(repo, Actor("alex", ""), mentee.id)
    assert repo.get(ConversationDraft, "alex", mentee.id) is None
