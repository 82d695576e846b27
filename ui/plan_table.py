"""The table of plan items on My plan: filters, edits kept until saved or discarded, and saving."""

from __future__ import annotations

import hashlib
from datetime import date

import pandas as pd
import streamlit as st

from planner import store
from planner.domain import framework, plan, plan_edits
from planner.domain.models import Framework, ItemStatus, PlanItem, Profile, utc_now
from planner.services import plans
from ui import context
from ui.plan_exports import as_date
from ui.session import kept
from ui.text import escape_markdown

STATE = "plan_edits"  # a kept value (ui.session): survives filters, reruns and pages
_DATES = ("Target date", "Review date")


def _state(profile: Profile, arrived: bool) -> dict:
    """This session's unsaved edits and the last save's message, for the profile in use."""
    state = kept().get(STATE)
    if not state or state["profile_id"] != profile.id:
        state = {"profile_id": profile.id, "pending": {}, "round": 0, "notice": None}
    if arrived:
        state["notice"] = None  # a message about an earlier visit would no longer be news
    kept()[STATE] = state
    return state


def _cell(column: str, value: object) -> object:
    # The editor gives NaN, NaT, None or Timestamps for empty or date cells: plain values here.
    if column in _DATES:
        return as_date(value)
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def edit_table(repo: store.Repository, fw: Framework, profile: Profile, items: list[PlanItem],
               today: date, met_codes: set[str]) -> None:
    """Filters, the editable table, and Save and Discard for the person's plan items."""
    # Widgets are forgotten when their page is left, so a missing filter means the person has
    # just come to this page (or opened the app).
    state = _state(profile, arrived="plan_filter_status" not in st.session_state)
    status_labels = {plan.STATUS_LABELS[s]: s for s in ItemStatus}
    left, right = st.columns(2)
    show_status = left.multiselect("Show items that are", list(status_labels), key="plan_filter_status",
                                   placeholder="Any status")
    skill_names = {s.number: f"Skill {s.number}: {s.name}" for s in fw.skills}
    show_skill = right.multiselect("Show items for", list(skill_names), format_func=skill_names.get,
                                   key="plan_filter_skill", placeholder="Any skill")
    skill_of = {ind.code: ind.skill for ind in fw.indicators}
    shown = [
        i for i in items
        if (not show_status or plan.STATUS_LABELS[i.status] in show_status)
        and (not show_skill or any(skill_of.get(c) in show_skill for c in i.indicators))
    ]
    pending = state["pending"]
    table = pd.DataFrame(
        [plan_edits.shown_row(i, pending) | {"Flags": ", ".join(plan.flags(i, today, met_codes))}
         for i in shown],
        columns=[*plan_edits.COLUMNS, "Flags"],
    )
    # The editor keeps a person's edits by row number. Naming the rows after the items shown
    # (and the round, which a save or discard starts afresh) makes it a new table whenever the
    # rows are other items, so an edit never lands on the wrong item.
    rows = hashlib.sha256("|".join([str(state["round"]), *(i.id for i in shown)]).encode()).hexdigest()[:16]
    table.index = pd.RangeIndex(len(shown), name=f"rows-{rows}")
    st.caption(
        "Edit the cells, then save. To complete an item, set its status to Done and add evidence. "
        "To drop it, set its status to Dropped: it stays on record. Changes you have not saved are "
        "kept while you filter the table or move items, until you save or discard them."
    )
    edited = st.data_editor(
        table, key="plan_editor", hide_index=True, width="stretch", num_rows="fixed",
        disabled=["Flags"],
        column_config={
            "Objective": st.column_config.TextColumn("Objective", required=True, max_chars=5000, width="large"),
            "Indicators": st.column_config.TextColumn("Indicators", help=framework.codes_help(fw)),
            "Target date": st.column_config.DateColumn("Target date", format="D MMMM YYYY"),
            "Review date": st.column_config.DateColumn("Review date", format="D MMMM YYYY"),
            "Status": st.column_config.SelectboxColumn("Status", options=list(status_labels), required=True),
            "Flags": st.column_config.TextColumn("Flags", help="Overdue, Stretch (already met) or Review due"),
        },
    )
    cells = {
        item.id: {column: _cell(column, value) for column, value in record.items() if column in plan_edits.COLUMNS}
        for item, record in zip(shown, edited.to_dict("records"))
    }
    pending = state["pending"] = plan_edits.absorbed(pending, items, cells)
    if pending:
        state["notice"] = None
        hidden = sum(item_id not in {i.id for i in shown} for item_id in pending)
        count = f"{len(pending)} item has" if len(pending) == 1 else f"{len(pending)} items have"
        where = f" ({hidden} of them not shown by the filters)" if hidden else ""
        st.warning(f"{count} changes you have not saved{where}. Save them, or discard them.")

    save, discard = st.columns(2)
    if save.button("Save changes", type="primary", key="plan_save"):
        with context.plain_errors():
            result = plans.save_plan_edits(repo, context.actor_of(profile), items, pending, fw, utc_now())
            updates = result.saved
            if result.problems:
                st.error(escape_markdown("Nothing was saved. " + " ".join(result.problems)))  # they quote the typing
            elif updates:
                state.update(pending={}, round=state["round"] + 1,
                             notice=f"Saved changes to {len(updates)} item{'s' if len(updates) != 1 else ''}.")
                st.rerun()
            else:
                st.info("There were no changes to save.")
    if discard.button("Discard changes", key="plan_discard", disabled=not pending):
        state.update(pending={}, round=state["round"] + 1, notice=None)
        st.rerun()
    if state["notice"]:
        # Kept until the person changes something again: a message shown for one run only would
        # vanish as soon as the table redraws.
        st.success(state["notice"])
