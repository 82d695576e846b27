"""My plan: the personal development plan (PDP): add, edit, reorder, complete, filter and export."""

from datetime import date

import streamlit as st

from planner.domain import plan, versions, wording
from planner.domain.models import ItemStatus, utc_now
from planner.services import plans
from ui import (
    charts,
    context,
    line_manager,
    manager_part,
    mentor_files,
    plan_add,
    plan_exports,
    plan_table,
    proposals,
    signin,
)
from ui.text import escape_markdown

repo = context.repository()
fw = context.the_framework()

context.start_page("My plan")
profile = context.require_profile()
today = date.today()
if signin.on_server():
    proposals.show(repo, context.actor_of(profile))
    line_manager.show_sign_off(repo, profile)

me = context.picture_of(profile)
if me.target is None:
    st.error(escape_markdown(me.target_problem or ""))
    st.stop()  # the error says why; nothing below can be worked out without a target
ratings, snapshot, target, target_grade = me.ratings, me.snapshot, me.target, me.target_grade
found, met_codes, items = me.gaps, me.met_codes, me.plan_items

st.markdown(
    f"Your personal development plan (PDP) towards {escape_markdown(context.grade_label(target_grade))}. "
    "Each item is an objective you can measure, the indicators it develops, what you will do, "
    "and when. Mark items done with evidence of what you achieved."
)
if not ratings:
    st.info("Rate yourself first so the plan can show which gaps it covers.")
lacking = versions.retired_in_plan(items, fw)
if lacking:
    # Kept as they are, never dropped: the person decides what each now develops.
    st.warning(
        f"{wording.counted(len(lacking), 'plan item')} name indicators that version {escape_markdown(fw.version)} "
        "of the framework does not have (they were retired or merged): "
        + "; ".join(f"{escape_markdown(item.objective[:80])} ({', '.join(lacking[item.id])})"
                    for item in items if item.id in lacking)
        + ". The items are kept as they are. Change their indicators in the table below.",
        icon=":material/history_edu:",
    )

# --- Progress --------------------------------------------------------------------------------
st.header("Progress")
counts = plan.progress(items, today)
cols = st.columns(4)
cols[0].metric("Done", counts.done)
cols[1].metric("In progress", counts.in_progress)
cols[2].metric("Planned", counts.planned)
cols[3].metric("Overdue", counts.overdue)
st.markdown(
    f"{wording.counted(counts.total, 'item')}: {counts.done} done, {counts.in_progress} in progress, "
    f"{counts.planned} planned, {counts.dropped} dropped. {counts.overdue} overdue."
)
timeline = plan.timeline_rows([i for i in items if i.status != ItemStatus.DROPPED])
if timeline:
    charts.show("plan_timeline", timeline,
                "Timeline of your plan items from when each was added to its target date, with its status.")
    st.caption("The table of items below gives the same dates and statuses.")

# --- Coverage --------------------------------------------------------------------------------
st.header("Which gaps the plan covers")
cover = plan.coverage(items, found)
if not found:
    st.success("You have no gaps against your target. Items you add are stretch objectives.")
else:
    st.markdown(f"The plan works on {len(cover.covered)} of your {len(found)} gaps.")
    if cover.uncovered:
        st.warning(
            "Not covered yet: " + ", ".join(g.code for g in cover.uncovered)
            + ". Add an item for them, or choose activities on the Recommendations page."
        )

# --- Add -------------------------------------------------------------------------------------
st.header("Add an item")
plan_add.add_item_form(repo, fw, profile, [g.code for g in found], len(items), today)

# --- Items -----------------------------------------------------------------------------------
st.header("Your items")
if not items:
    st.info("Your plan has no items yet. Add one above.")
else:
    plan_table.edit_table(repo, fw, profile, items, today, met_codes)

    st.subheader("Change the order")
    labels = {i.id: f"{n}. {plan.shorten(i.objective, 80)}" for n, i in enumerate(items, start=1)}
    chosen = st.selectbox("Item to move", list(labels), format_func=labels.get, key="plan_move_item")
    up, down = st.columns(2)
    for column, label, step in ((up, "Move up", -1), (down, "Move down", 1)):
        if column.button(label, key=f"plan_move_{'up' if step < 0 else 'down'}"):
            with context.plain_errors():
                plans.move_item(repo, context.actor_of(profile), chosen, step, utc_now())
                st.rerun()

# --- The line manager's part ----------------------------------------------------------------
st.header("For your line manager")
manager_part.show(repo, profile, today)

# --- Export and import -----------------------------------------------------------------------
st.header("Export your plan")
latest_own = me.own[0] if me.own else None
st.markdown(
    "Each file is made when you click its button. The PDF, Word and Markdown files also carry the evidence you "
    + (f"wrote in your self-assessment of {wording.long_date(latest_own.taken_on)}" if latest_own
       else "write when you assess yourself")
    + ", and what you entered for your line manager."
)
files = plan_exports.plan_files(profile, snapshot, target, target_grade, items, today, latest_own)
plan_exports.download_buttons(profile, files)

st.header("Working with a mentor")
mentor_files.send_to_mentor(plan_exports.plan_file(files, profile), files.file_name("json"))
mentor_files.file_from_mentor(repo, profile)

st.header("Move your plan to another computer")
st.markdown(
    "Import a JSON file exported from KIM Pathways. Nothing you already have is overwritten: "
    "new items and assessments are added, and an item changes only if the file's copy is newer."
)
plan_exports.import_form(repo)
