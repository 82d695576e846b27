"""The records of a mentor's conversations with a mentee: newest first, their files, and changing or deleting one."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from planner.documents import downloads as download_files
from planner.domain import framework, meetings, wording
from planner.domain.mentoring import SavedRecord
from planner.domain.models import (
    AgreedAction,
    Conversation,
    DraftMeeting,
    Framework,
    Mentee,
    MentorRating,
    Profile,
    new_id,
    utc_now,
)
from planner.errors import PlannerError, describe_invalid
from planner.services import conversations, mentoring
from ui import context, labels, meeting_boxes
from ui.datatable import show_table
from ui.plan_exports import as_date
from ui.session import kept
from ui.text import escape_markdown

_ACTION_COLUMNS = ["Objective", "Indicators", "Owner", "Due"]


def actions_from_table(table: pd.DataFrame, ids: list[str]) -> list[AgreedAction]:
    """The agreed actions in a data editor's rows; a row first shown keeps its action's plan item id.

    The editor keeps the rows it was given numbered 0, 1, ... (deleted ones missing) and numbers
    added rows after them, so a row's number says which action it was.
    """
    actions = []
    for number, row in zip(table.index, table.to_dict("records")):
        if not (isinstance(row.get("Objective"), str) and row["Objective"].strip()):
            continue
        actions.append(AgreedAction(
            objective=row["Objective"].strip(),
            indicators=[c.strip() for c in str(row.get("Indicators") or "").split(",") if c.strip()],
            owner=str(row.get("Owner") or "").strip(),
            due=as_date(row.get("Due")),
            plan_item_id=ids[number] if isinstance(number, int) and 0 <= number < len(ids) else new_id(),
        ))
    return actions


def saved_message(saved: SavedRecord, mentee: Mentee, changes: bool = False) -> str:
    """What a save did, in a sentence: the record, and where its agreed actions went."""
    record = saved.conversation
    when = wording.long_date(record.held_on)
    if saved.already_saved:
        return f"The record of {when} was already saved as it is: nothing was added or changed."
    actions = len(record.actions)
    said = (f"Saved your changes to the record of {when}" if changes
            else f"Saved the record of {when} with {actions} agreed action{'s' if actions != 1 else ''}")
    if mentee.source == "consent":
        sent = (f": {saved.proposed} sent to {escape_markdown(mentee.name)} to accept or decline in their plan"
                if saved.proposed else "")
        return f"{said}{sent}."
    if mentee.source == "local":
        name = escape_markdown(mentee.name)
        moved = []
        if saved.added:
            moved.append(f"{saved.added} added to {name}'s plan")
        if saved.changed:
            moved.append(f"{saved.changed} changed in {name}'s plan")
        return f"{said}{': ' + ' and '.join(moved) if moved else ''}."
    return f"{said}. Send {escape_markdown(mentee.name)} the file for your mentee, below."


def _forget_edit(record_id: str) -> None:
    kept()["conversation_editing"] = None
    for key in [k for k in st.session_state if str(k).startswith(f"conv_{record_id}_edit_")]:
        del st.session_state[key]


def _edit_form(repo, fw: Framework, mentor: Profile, mentee: Mentee, record: Conversation, today: date) -> None:
    prefix = f"conv_{record.id}_edit"
    held_on = st.date_input("Date of the conversation", value=record.held_on, max_value=today,
                            format="DD/MM/YYYY", key=f"{prefix}_held_on")
    participants = st.text_input("Who took part", value=", ".join(record.participants), max_chars=500,
                                 key=f"{prefix}_participants", help="Names, separated by commas.")
    notes = [
        labels.text_area(f"Notes on point {n}: {point.title}", value=point.notes, max_chars=5000,
                         key=f"{prefix}_notes_{n}")
        for n, point in enumerate(record.agenda, start=1)
    ]
    ids = [a.plan_item_id for a in record.actions]
    table = st.data_editor(
        pd.DataFrame([{"Objective": a.objective, "Indicators": ", ".join(a.indicators), "Owner": a.owner,
                       "Due": a.due} for a in record.actions], columns=_ACTION_COLUMNS),
        key=f"{prefix}_actions", hide_index=True, width="stretch", num_rows="dynamic",
        column_config={
            "Objective": st.column_config.TextColumn("Objective", max_chars=5000),
            "Indicators": st.column_config.TextColumn("Indicators", help=framework.codes_help(fw)),
            "Due": st.column_config.DateColumn("Due", format="D MMMM YYYY"),
        },
    )
    next_meeting, typed = meeting_boxes.draw(
        "Next meeting (optional)", record.next_meeting,
        (min(today - timedelta(days=365), record.next_meeting or today), today + timedelta(days=730)),
        meetings.as_typed(record.next_meeting_details), lambda name: f"{prefix}_{name}", "next")
    save, cancel = st.columns(2)
    if cancel.button("Cancel the changes", key=f"{prefix}_cancel"):
        _forget_edit(record.id)
        st.rerun()
    if not save.button("Save the changes", type="primary", key=f"{prefix}_save"):
        return
    try:
        details = meetings.from_typed(next_meeting, DraftMeeting.model_validate(typed))
        changed = Conversation.model_validate(record.model_dump() | {
            "held_on": held_on,
            "participants": [p.strip() for p in participants.split(",") if p.strip()],
            "agenda": [p.model_copy(update={"notes": note.strip()}).model_dump()
                       for p, note in zip(record.agenda, notes)],
            "actions": [a.model_dump() for a in actions_from_table(table, ids)],
            "next_meeting": next_meeting,
            "next_meeting_details": details.model_dump() if details else None,
        })
    except (PlannerError, ValueError) as exc:
        st.error(escape_markdown(f"The changes were not saved. {describe_invalid(exc)}"))
        return
    with context.plain_errors():  # a refusal or a failed write is told plainly; nothing is half-saved
        saved = conversations.save_conversation(repo, context.actor_of(mentor), mentee, changed, utc_now(), fw=fw)
        _forget_edit(record.id)
        context.flash(saved_message(saved, mentee, changes=True))
        st.rerun()


def _delete_question(repo, mentor: Profile, mentee: Mentee, record: Conversation) -> None:
    st.warning(
        f"Delete the record of {wording.long_date(record.held_on)}? This cannot be undone. Agreed actions "
        f"already in {escape_markdown(mentee.name)}'s plan, or in a file you sent, stay theirs."
    )
    yes, no = st.columns(2)
    if no.button("Keep the record", key=f"conv_{record.id}_delete_no"):
        kept()["conversation_deleting"] = None
        st.rerun()
    if yes.button("Yes, delete the record", type="primary", key=f"conv_{record.id}_delete_yes"):
        with context.plain_errors():
            gone = conversations.delete_conversation(repo, context.actor_of(mentor), record.id)
            kept()["conversation_deleting"] = None
            context.flash(f"Deleted the record of {wording.long_date(gone.held_on)}.")
            st.rerun()


def _changed_line(record: Conversation) -> str:
    if record.updated_at - record.created_at < timedelta(seconds=1):
        return ""
    return (f"Changed on {wording.long_date(record.updated_at.date())} at {wording.time_of_day(record.updated_at)}. "
            "Send your mentee the file again: their plan updates the actions you changed.")


def history(repo, fw: Framework, mentor: Profile, mentee: Mentee, self_ratings: dict,
            latest_mine: MentorRating | None, today: date) -> None:
    """The mentor's records about this mentee, newest first, each with its files, Edit and Delete."""
    records = conversations.records_about(repo, context.actor_of(mentor), mentee)
    if not records:
        st.caption("No conversations recorded yet.")
    mentor_ratings = latest_mine.ratings if latest_mine else {}
    for number, record in enumerate(records):
        editing = kept().get("conversation_editing") == record.id
        deleting = kept().get("conversation_deleting") == record.id
        with st.expander(f"{wording.long_date(record.held_on)}: {wording.counted(len(record.agenda), 'point')}, "
                         f"{wording.counted(len(record.actions), 'action')}",
                         expanded=number == 0 or editing or deleting):
            if editing:
                _edit_form(repo, fw, mentor, mentee, record, today)
                continue
            _show(record, _changed_line(record))
            _downloads(fw, mentor, mentee, record, self_ratings, mentor_ratings, latest_mine, today)
            if deleting:
                _delete_question(repo, mentor, mentee, record)
                continue
            edit, delete = st.columns(2)
            if edit.button("Edit this record", key=f"conv_{record.id}_edit"):
                kept()["conversation_editing"] = record.id
                kept()["conversation_deleting"] = None
                st.rerun()
            if delete.button("Delete this record", key=f"conv_{record.id}_delete"):
                kept()["conversation_deleting"] = record.id
                kept()["conversation_editing"] = None
                st.rerun()


def _show(record: Conversation, changed: str) -> None:
    st.text("Took part: " + ", ".join(record.participants))
    if changed:
        st.caption(changed)
    for point in record.agenda:
        st.markdown(f"**{escape_markdown(point.title)}**")
        if point.notes:
            st.text(point.notes)
    if record.actions:
        show_table([
            {"Objective": a.objective, "Indicators": ", ".join(a.indicators), "Owner": a.owner,
             "Due": wording.long_date(a.due),
             "Changed": wording.long_date(a.changed_at.date()) if a.changed_at else ""} for a in record.actions
        ])
    if record.next_meeting:
        st.text(f"Next meeting: {meetings.next_meeting_words(record)}")


def _downloads(fw, mentor, mentee, record, self_ratings, mentor_ratings, latest_mine, today) -> None:
    files = download_files.RecordDownloads(fw, record, mentee.name, mentor.name, self_ratings, mentor_ratings,
                                           today, mentor_comment=latest_mine.comment if latest_mine else "")

    def as_return(c=record):
        mine = [latest_mine] if latest_mine else []
        return mentoring.return_file(mentor.name, mentee, mine, c, fw, utc_now())

    cols = st.columns(3)
    downloads = [
        ("Record as PDF", files.pdf, "pdf", "application/pdf"),
        ("Record as Word", files.word, "docx",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("Record as Markdown", files.markdown, "md", "text/markdown"),
    ]
    if mentee.source != "consent":  # a mentee by consent receives the agreed actions as proposals instead
        downloads.append(("File for your mentee (JSON)", as_return, "json", "application/json"))
    if record.next_meeting:
        downloads.append(("Next meeting (.ics)", lambda f=files: f.calendar(utc_now()), "ics", "text/calendar"))
    for n, (label, build, ext, mime) in enumerate(downloads):
        cols[n % 3].download_button(label, data=build, file_name=files.file_name(ext), mime=mime,
                                    key=f"conv_{record.id}_{ext}", on_click="ignore")
    if mentee.source == "consent":
        st.caption("The agreed actions went to your mentee as proposals: they accept or decline each on their "
                   "own My plan page.")
    else:
        st.caption("Your mentee imports the JSON file on their own My plan page: it adds your ratings and the "
                   "agreed actions to their plan, updates actions you changed, and changes nothing else they have.")
