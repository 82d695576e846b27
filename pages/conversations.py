"""Conversations: an agenda from what matters, the record of what was said, and agreed actions."""

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from planner import mentoring, wording
from planner.errors import PlannerError, describe_invalid
from planner.export import downloads as download_files
from planner.models import AgendaPoint, AgreedAction, Conversation, PlanItem, utc_now
from ui import context
from ui import mentoring as mentoring_ui
from ui.plan_exports import as_date
from ui.text import escape_markdown

repo = context.repository()
fw = context.the_framework()
today = date.today()

context.start_page("Conversations")
mentor = context.require_profile()
st.markdown("Prepare a development conversation, keep a record of it, and agree actions that go into "
            "your mentee's plan.")
chosen = mentoring_ui.choose_mentee(repo, mentor)
if chosen is None:
    st.info("Add a mentee first.")
    st.page_link("pages/mentees.py", label="Go to Mentees", icon=":material/group:")
    st.stop()
mentee, picture = chosen
self_ratings = mentoring_ui.latest_self_ratings(picture)
latest_mine = mentoring_ui.latest_mentor_rating(repo, mentor, mentee)
mentor_ratings = latest_mine.ratings if latest_mine else {}
target, _ = mentoring_ui.mentee_target(picture)

# --- Agenda ----------------------------------------------------------------------------------
st.header("Agenda")
st.markdown(
    "The agenda is drafted from the differences between their ratings and yours (2 points or more), "
    "their largest gaps, overdue plan items and what changed since their last assessment. Each point "
    "has open questions in the GROW order: goal, reality, options, way forward. Change the order, "
    "edit, add or delete points before you meet."
)
drafts = st.session_state.setdefault("agenda_drafts", {})
if mentee.id not in drafts or st.button("Draft the agenda again", key="conv_redraft"):
    points = mentoring.agenda(fw, self_ratings, mentor_ratings, target, picture.plan_items,
                              picture.assessments, today)
    drafts[mentee.id] = [
        {"Order": n, "Point": p.title, "Detail": p.detail, "Questions": "\n".join(p.questions), "Kind": p.kind}
        for n, p in enumerate(points, start=1)
    ]
edited_agenda = st.data_editor(
    pd.DataFrame(drafts[mentee.id], columns=["Order", "Point", "Detail", "Questions", "Kind"]),
    key=f"conv_agenda_{mentee.id}", hide_index=True, width="stretch", num_rows="dynamic",
    column_config={
        "Order": st.column_config.NumberColumn("Order", min_value=1, step=1, help="Points are taken in this order."),
        "Point": st.column_config.TextColumn("Point", required=True, max_chars=5000),
        "Kind": None,
    },
)
agenda_rows = [
    row for row in sorted(edited_agenda.to_dict("records"), key=lambda r: (r["Order"] if pd.notna(r["Order"]) else 999))
    if isinstance(row.get("Point"), str) and row["Point"].strip()
]

# --- Record ----------------------------------------------------------------------------------
st.header("Record the conversation")
held_on = st.date_input("Date of the conversation", value=today, max_value=today, format="DD/MM/YYYY",
                        key="conv_held_on")
participants = st.text_input("Who took part", value=f"{mentor.name}, {mentee.name}", key="conv_participants",
                             max_chars=500, help="Names, separated by commas.")
notes = []
for n, row in enumerate(agenda_rows, start=1):
    notes.append(st.text_area(f"Notes on point {n}: {escape_markdown(row['Point'])}", key=f"conv_notes_{n}",
                              max_chars=5000))
st.markdown("**Agreed actions.** Each becomes an item in your mentee's plan, marked as agreed with you.")
actions_table = st.data_editor(
    pd.DataFrame([{"Objective": "", "Indicators": "", "Owner": mentee.name, "Due": today + timedelta(days=60)}]),
    key="conv_actions", hide_index=True, width="stretch", num_rows="dynamic",
    column_config={
        "Objective": st.column_config.TextColumn("Objective", max_chars=5000,
                                                 help="Specific and measurable: what, and how you will know."),
        "Indicators": st.column_config.TextColumn("Indicators", help="Codes separated by commas, like 2.3.4"),
        "Due": st.column_config.DateColumn("Due", format="DD/MM/YYYY"),
    },
)
next_meeting = st.date_input("Next meeting (optional)", value=None, min_value=today - timedelta(days=365),
                             max_value=today + timedelta(days=730), format="DD/MM/YYYY", key="conv_next")
if st.button("Save the record", type="primary", key="conv_save"):
    try:
        actions = [
            AgreedAction(
                objective=str(row["Objective"]).strip(),
                indicators=[c.strip() for c in str(row["Indicators"] or "").split(",") if c.strip()],
                owner=str(row["Owner"] or "").strip(),
                due=as_date(row["Due"]),
            )
            for row in actions_table.to_dict("records")
            if isinstance(row.get("Objective"), str) and row["Objective"].strip()
        ]
        conversation = mentoring.check_conversation(Conversation(
            profile_id=mentor.id, mentee_id=mentee.id, held_on=held_on,
            participants=[p.strip() for p in participants.split(",") if p.strip()],
            agenda=[AgendaPoint(title=row["Point"].strip(), kind=row.get("Kind") or "other",
                                detail=str(row.get("Detail") or ""),
                                questions=[q.strip() for q in str(row.get("Questions") or "").splitlines() if q.strip()],
                                notes=note.strip())
                    for row, note in zip(agenda_rows, notes)],
            actions=actions, next_meeting=next_meeting, created_at=utc_now(), updated_at=utc_now(),
        ), fw, today)
        items = mentoring.actions_as_plan_items(conversation, mentee.mentee_profile_id, mentor.name, fw,
                                                utc_now(), len(picture.plan_items))
    except (PlannerError, ValueError) as exc:
        # Shown as text: it may quote what was typed. A field over its limit is named in words.
        st.error(escape_markdown(f"The record was not saved. {describe_invalid(exc)}"))
    else:
        with context.plain_errors():
            repo.add(conversation)
            if mentee.source == "local":
                # Same installation: the actions and your ratings reach the mentee's plan at once.
                received = [i for i in items if repo.get(PlanItem, mentee.mentee_profile_id, i.id) is None]
                if latest_mine:
                    received.append(mentoring.mentor_assessment(latest_mine, mentee.mentee_profile_id, mentor.name))
                if received:
                    repo.put_many(received)
                where = f"added to {escape_markdown(mentee.name)}'s plan"
            else:
                where = "in the file to send back, below"
            context.flash(f"Saved the record of {wording.long_date(held_on)} with {len(actions)} agreed "
                          f"action{'s' if len(actions) != 1 else ''}, {where}.")
            st.rerun()

# --- History ---------------------------------------------------------------------------------
st.header("Earlier conversations")
history = sorted((c for c in repo.list(Conversation, mentor.id) if c.mentee_id == mentee.id),
                 key=lambda c: (c.held_on, c.created_at), reverse=True)
if not history:
    st.caption("No conversations recorded yet.")
for number, conversation in enumerate(history):
    with st.expander(f"{wording.long_date(conversation.held_on)}: {len(conversation.agenda)} points, "
                     f"{len(conversation.actions)} actions", expanded=number == 0):
        st.text("Took part: " + ", ".join(conversation.participants))
        for point in conversation.agenda:
            st.markdown(f"**{escape_markdown(point.title)}**")
            if point.notes:
                st.text(point.notes)
        if conversation.actions:
            st.dataframe(pd.DataFrame([
                {"Objective": a.objective, "Indicators": ", ".join(a.indicators), "Owner": a.owner,
                 "Due": wording.long_date(a.due)} for a in conversation.actions
            ]), hide_index=True, width="stretch")
        if conversation.next_meeting:
            st.text(f"Next meeting: {wording.long_date(conversation.next_meeting)}")

        files = download_files.RecordDownloads(fw, conversation, mentee.name, mentor.name, self_ratings, mentor_ratings, today)

        def as_return(c=conversation):
            mine = [latest_mine] if latest_mine else []
            return mentoring.return_file(mentor.name, mentee, mine, c, fw, utc_now())

        cols = st.columns(3)
        downloads = [
            ("Record as PDF", files.pdf, "pdf", "application/pdf"),
            ("Record as Word", files.word, "docx",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            ("Record as Markdown", files.markdown, "md", "text/markdown"),
            ("File for your mentee (JSON)", as_return, "json", "application/json"),
        ]
        if conversation.next_meeting:
            downloads.append(("Next meeting (.ics)", lambda f=files: f.calendar(utc_now()), "ics", "text/calendar"))
        for n, (label, build, ext, mime) in enumerate(downloads):
            cols[n % 3].download_button(label, data=build, file_name=files.file_name(ext), mime=mime,
                                        key=f"conv_{conversation.id}_{ext}", on_click="ignore")
        st.caption("Your mentee imports the JSON file on their own My plan page: it adds your ratings and the "
                   "agreed actions to their plan, and changes nothing they already have.")
