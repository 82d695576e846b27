"""The conversation form: agenda, notes, participants, agreed actions and next meeting, one per mentee.

The next meeting has its day and, beside it, its time (or all day), length, place, link and repeat
(ui.meeting_boxes), kept in the draft as typed and checked when the record is saved.

Everything typed is kept as the mentor's draft for that mentee as each box is left (and on every
run, for a change whose callback a later click interrupted), so leaving the page, reloading it or
switching mentee loses nothing. Every widget's key names the mentee, and each note's key names its
agenda point, so one mentee's words never appear in another's form and notes follow their point
whatever the order. The tables are drawn afresh from the draft after each edit (a new key), since a
data editor's edits are relative to the rows it was first given.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import Any

import pandas as pd
import streamlit as st

from planner import store
from planner.domain import conversation_drafts, framework
from planner.domain.models import AgendaPoint, ConversationDraft, DraftMeeting, Mentee, Profile, utc_now
from planner.errors import PlannerError
from ui import context, drafts, labels, meeting_boxes
from ui.plan_exports import as_date
from ui.session import kept
from ui.text import escape_markdown

# Kept values (ui.session).
DRAWN = "conv_drawn"
VERSIONS = "conv_versions"
PROBLEM = "conv_problem"

AGENDA_COLUMNS = ["Order", "Point", "Detail", "Questions"]
ACTION_COLUMNS = ["Objective", "Indicators", "Owner", "Due"]
NEXT_MEETING_RANGE = (timedelta(days=365), timedelta(days=730))


def _version(part: str, mentee_id: str) -> int:
    return kept()[VERSIONS].get(f"{part}:{mentee_id}", 0)


def _renew(part: str, mentee_id: str) -> None:
    kept()[VERSIONS][f"{part}:{mentee_id}"] = _version(part, mentee_id) + 1


def widget_key(name: str, mentee_id: str, point_id: str = "", part: str = "form") -> str:
    """The key of one of the form's widgets for this mentee (and agenda point), as drawn now."""
    base = f"conv_{name}_{mentee_id}" + (f"_{point_id}" if point_id else "")
    version = _version(part, mentee_id)
    return base if version == 0 else f"{base}_v{version}"


def _agenda_key(mentee_id: str) -> str:
    return widget_key("agenda", mentee_id, part="agenda")


def _actions_key(mentee_id: str) -> str:
    return widget_key("actions", mentee_id, part="actions")


def _agenda_rows(draft: ConversationDraft) -> list[dict[str, Any]]:
    return [{"Id": p.id, "Order": n, "Point": p.title, "Detail": p.detail, "Questions": "\n".join(p.questions)}
            for n, p in enumerate(draft.agenda, start=1)]


def _action_rows(draft: ConversationDraft) -> list[dict[str, Any]]:
    return [{"Id": a.id, "Objective": a.objective, "Indicators": a.indicators, "Owner": a.owner, "Due": a.due}
            for a in draft.actions]


def _has_edits(state: Any) -> bool:
    return isinstance(state, Mapping) and any(state.get(k) for k in ("edited_rows", "added_rows", "deleted_rows"))


def _edited(rows: list[dict[str, Any]], state: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The rows a data editor shows: the rows it was given with its edits, deletions and additions."""
    shown = [dict(r) for r in rows]
    for position, changes in (state.get("edited_rows") or {}).items():
        if 0 <= int(position) < len(shown):
            shown[int(position)].update(changes)
    deleted = {int(p) for p in state.get("deleted_rows") or []}
    kept = [r for n, r in enumerate(shown) if n not in deleted]
    return kept + [{"Id": None, **added} for added in state.get("added_rows") or []]


def _keep_shown(repo: store.Repository, draft: ConversationDraft) -> ConversationDraft:
    """Save what this mentee's boxes and tables show and their draft lacks; the draft as it now is."""
    mentee_id = draft.mentee_id
    state = st.session_state
    updated = draft
    agenda_state = state.get(_agenda_key(mentee_id))
    if _has_edits(agenda_state):
        updated = conversation_drafts.with_agenda_rows(updated, _edited(_agenda_rows(draft), agenda_state), utc_now())
        _renew("agenda", mentee_id)
    actions_state = state.get(_actions_key(mentee_id))
    if _has_edits(actions_state):
        rows = [r | {"Due": as_date(r.get("Due"))} for r in _edited(_action_rows(draft), actions_state)]
        updated = conversation_drafts.with_action_rows(updated, rows, utc_now())
        _renew("actions", mentee_id)
    shown = {name: state[widget_key(name, mentee_id)]
             for name in ("held_on", "participants", "next") if widget_key(name, mentee_id) in state}
    notes = {p.id: state[widget_key("notes", mentee_id, p.id)]
             for p in updated.agenda if widget_key("notes", mentee_id, p.id) in state}
    meeting = {field: state[key] for box, field in meeting_boxes.BOXES.items()
               if (key := widget_key(meeting_boxes.box_name("next", box), mentee_id)) in state}
    updated = conversation_drafts.with_typed(
        updated, utc_now(), held_on=shown.get("held_on"), participants=shown.get("participants"),
        next_meeting=shown["next"] if "next" in shown else ..., notes=notes, meeting=meeting,
    )
    if updated is not draft:
        repo.put(updated)
    kept()[DRAWN][mentee_id] = updated
    return updated


def _keep_all(repo: store.Repository, mentor_id: str) -> None:
    """Keep what every mentee's form drawn in this session shows (each in that mentee's own draft)."""
    problems = []
    for mentee_id, drawn in list(kept()[DRAWN].items()):
        if drawn.profile_id != mentor_id:
            continue
        try:
            _keep_shown(repo, repo.get(ConversationDraft, mentor_id, mentee_id) or drawn)
        except PlannerError as exc:
            problems.append(str(exc))
    kept()[PROBLEM] = " ".join(problems) or None


def problem() -> str | None:
    """Why what the form shows could not be kept, if it could not: then it must not be saved either."""
    return kept().get(PROBLEM)


def _keep_on_change(mentor_id: str) -> None:
    # Called as a box is left, before the next run: even when that run is another page.
    _keep_all(context.repository(), mentor_id)


def load(repo: store.Repository, mentor: Profile, mentee: Mentee, drafted: Callable[[], list[AgendaPoint]],
         today: date) -> ConversationDraft:
    """The mentee's draft with everything the screen shows kept: the saved one, or a new one."""
    _keep_all(repo, mentor.id)
    draft = repo.get(ConversationDraft, mentor.id, mentee.id) or kept()[DRAWN].get(mentee.id)
    if draft is None:
        draft = conversation_drafts.start(mentor.id, mentor.name, mentee.id, mentee.name, drafted(), today,
                                          utc_now())
    kept()[DRAWN][mentee.id] = draft
    return draft


def redraft(repo: store.Repository, draft: ConversationDraft, points: list[AgendaPoint]) -> ConversationDraft:
    """The draft with the agenda drafted again (keeping notes and added points), saved and drawn afresh."""
    fresh = conversation_drafts.redrafted(draft, points, utc_now())
    repo.put(fresh)
    kept()[DRAWN][draft.mentee_id] = fresh
    _renew("agenda", draft.mentee_id)
    return fresh


def forget(repo: store.Repository, mentor_id: str, mentee_id: str) -> None:
    """Remove the mentee's draft and draw their form afresh: after the record is saved, or on discarding."""
    repo.remove(ConversationDraft, mentor_id, mentee_id)
    kept()[DRAWN].pop(mentee_id, None)
    kept()[PROBLEM] = None
    for part in ("form", "agenda", "actions"):
        _renew(part, mentee_id)


def _discard(mentor_id: str, mentee_id: str) -> None:
    with context.plain_errors():
        forget(context.repository(), mentor_id, mentee_id)
        context.flash("Discarded the draft: the form starts again from a freshly drafted agenda.")


def agenda_table(draft: ConversationDraft) -> None:
    """The agenda as a table the mentor edits: order, point, detail and questions (nothing hidden)."""
    st.data_editor(
        pd.DataFrame(_agenda_rows(draft), columns=["Id", *AGENDA_COLUMNS])[AGENDA_COLUMNS],
        key=_agenda_key(draft.mentee_id), hide_index=True, width="stretch", num_rows="dynamic",
        on_change=_keep_on_change, args=(draft.profile_id,),
        column_config={
            "Order": st.column_config.NumberColumn("Order", min_value=1, step=1,
                                                   help="Points are taken in this order."),
            "Point": st.column_config.TextColumn("Point", max_chars=5000),
            "Detail": st.column_config.TextColumn("Detail", max_chars=5000),
            "Questions": st.column_config.TextColumn("Questions", max_chars=5000),
        },
    )


def record_boxes(draft: ConversationDraft, mentee: Mentee, today: date) -> None:
    """The boxes of the record: date, who took part, notes on each point, agreed actions, next meeting."""
    keep = {"on_change": _keep_on_change, "args": (draft.profile_id,)}
    st.caption("What you type here is kept for this mentee as you leave each box, so you can go to another "
               "page, switch mentee or reload, and find it here until you save the record or discard it.")
    st.date_input("Date of the conversation", value=draft.held_on or today, max_value=today,
                  format="DD/MM/YYYY", key=widget_key("held_on", mentee.id), **keep)
    st.text_input("Who took part", value=draft.participants, key=widget_key("participants", mentee.id),
                  max_chars=500, help="Names, separated by commas.", **keep)
    for n, point in enumerate(draft.agenda, start=1):
        if not point.title and not point.notes:
            continue
        about = point.title or "(no title yet)"
        labels.text_area(f"Notes on point {n}: {about}", value=point.notes, max_chars=5000,
                         key=widget_key("notes", mentee.id, point.id), **keep)
    st.markdown("**Agreed actions.** " + (
        f"Saving sends each to {escape_markdown(mentee.name)}, who accepts it into their plan or declines it."
        if mentee.source == "consent" else "Each becomes an item in your mentee's plan, marked as agreed with you."))
    st.data_editor(
        pd.DataFrame(_action_rows(draft), columns=["Id", *ACTION_COLUMNS])[ACTION_COLUMNS],
        key=_actions_key(mentee.id), hide_index=True, width="stretch", num_rows="dynamic", **keep,
        column_config={
            "Objective": st.column_config.TextColumn("Objective", max_chars=5000,
                                                     help="Specific and measurable: what, and how you will know."),
            "Indicators": st.column_config.TextColumn("Indicators", help=framework.codes_help(context.the_framework())),
            "Owner": st.column_config.TextColumn("Owner", max_chars=120),
            "Due": st.column_config.DateColumn("Due", format="D MMMM YYYY"),
        },
    )
    before, after = NEXT_MEETING_RANGE
    meeting_boxes.draw("Next meeting (optional)", draft.next_meeting, (today - before, today + after),
                       draft.next_meeting_details or DraftMeeting(), lambda name: widget_key(name, mentee.id),
                       "next", **keep)
    drafts.warn_if_not_kept(PROBLEM)


def discard_button(draft: ConversationDraft) -> None:
    """Throw the draft away and start the form again."""
    st.button("Discard this draft", key=widget_key("discard", draft.mentee_id),
              on_click=_discard, args=(draft.profile_id, draft.mentee_id),
              help="Empties the form for this mentee and drafts the agenda again. Saved records are kept.")
