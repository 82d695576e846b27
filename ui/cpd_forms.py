"""CPD log's forms: log CPD by hand, log a finished plan item, change or remove an entry, and the statement.

Each form is saved by its button's callback, before the page runs again: a refused entry keeps what was
typed in the boxes (its message shown under them), and an entry logged empties them. The reflective
statement is kept as the box is left (and by its button), so another page or a reload loses none of it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import streamlit as st

from planner.domain import cpd, wording
from planner.domain.models import CpdEntry, Framework, PlanItem, Profile, RevalidationStatement, utc_now
from planner.errors import PlannerError
from planner.services import cpd as cpd_log
from ui import context, drafts, word_count
from ui.session import kept
from ui.text import escape_markdown

# Kept values (ui.session).
PROBLEMS = "cpd_problems"  # why a form's entry was refused, by form
REMOVING = "cpd_removing"  # the entry waiting for "Yes, remove it"
STATEMENT_PROBLEM = "cpd_statement_problem"  # why the statement could not be kept
STATEMENT_SAVED = "cpd_statement_saved"  # what saving the statement said, until the next run
STATEMENT_FOR = "cpd_statement_for"  # whose statement the box was last drawn with

STATEMENT_BOX = "cpd_statement"
ADD = "cpd_add"
FIELDS = ("done_on", "hours", "kind", "title", "indicators", "learned", "applied")


def box(form: str, field: str) -> str:
    """The key of one box of a form, such as cpd_add_hours."""
    return f"{form}_{field}"


def _start(form: str, values: dict[str, Any]) -> None:
    # Boxes take their first values through session state (not value=), so a callback can empty them.
    for field, value in values.items():
        st.session_state.setdefault(box(form, field), value)


def _forget(form: str) -> None:
    for field in FIELDS:
        st.session_state.pop(box(form, field), None)


def _typed(form: str, fields: tuple[str, ...] = FIELDS) -> dict[str, Any]:
    values = {field: st.session_state.get(box(form, field)) for field in fields}
    if "indicators" in values:
        values["indicators"] = list(values["indicators"] or [])
    for text in ("title", "learned", "applied"):
        if text in values:
            values[text] = values[text] or ""
    return values


def _attempt(form: str, action: Callable[[], str]) -> None:
    """Run a form's saving in its callback: its message flashed, or why it was refused kept for the form."""
    try:
        message = action()
    except PlannerError as exc:
        kept()[PROBLEMS][form] = str(exc)
        return
    kept()[PROBLEMS].pop(form, None)
    _forget(form)
    context.flash(escape_markdown(message))


def _problem(form: str) -> None:
    problem = kept()[PROBLEMS].get(form)
    if problem:
        st.error(escape_markdown(problem))


def _actor(profile_id: str) -> Any:
    profile = context.current_profile()
    if profile is None or profile.id != profile_id:
        raise PlannerError("Your profile changed before this was saved. Nothing was changed.")
    return context.actor_of(profile)


def _choice_among(key: str, choices: dict[str, str]) -> None:
    # A choice logged or removed since is no longer offered: the list starts again from its first.
    if key in st.session_state and st.session_state[key] not in choices:
        del st.session_state[key]


def _boxes(form: str, fw: Framework, today: date, *, title: bool = True) -> None:
    left, right = st.columns(2)
    left.date_input("Date", key=box(form, "done_on"), min_value=cpd.EARLIEST_DATE, max_value=today,
                    format="DD/MM/YYYY", help="The day you did it, or finished it.")
    right.number_input("Hours", key=box(form, "hours"), min_value=0.0, max_value=cpd.MAX_HOURS, step=0.5,
                       placeholder="For example 1.5", help="How long it took, in hours (1.5 is an hour and a half).")
    st.radio("Kind of learning", cpd.KINDS, format_func=cpd.KIND_LABELS.get, key=box(form, "kind"),
             help="Experience is learning on the job; from others is mentoring, shadowing or a network; formal is a "
                  "course or a qualification.")
    if title:
        st.text_input("What you did", key=box(form, "title"), max_chars=cpd.MAX_TITLE,
                      placeholder="For example: BCS Foundation Certificate in Data Protection")
        statements = {i.code: i.statement for i in fw.indicators}
        st.multiselect("Indicators it developed (optional)", fw.codes, key=box(form, "indicators"),
                       format_func=lambda c: f"{c} {statements[c]}", placeholder="Choose from the framework in use")
    st.text_area("What I learned", key=box(form, "learned"), max_chars=5000)
    st.text_area("How I used it", key=box(form, "applied"), max_chars=5000)


def _empty(today: date) -> dict[str, Any]:
    return {"done_on": today, "hours": None, "kind": None, "title": "", "indicators": [], "learned": "",
            "applied": ""}


# --- Log CPD by hand --------------------------------------------------------------------------------


def _add(profile_id: str, fw: Framework, today: date) -> None:
    def save() -> str:
        entry = cpd.new_entry(fw, profile_id=profile_id, **_typed(ADD), today=today, now=utc_now())
        cpd_log.add_entry(context.repository(), _actor(profile_id), entry, fw, today)
        return f"Logged {cpd.hours_text(entry.hours)} of CPD: {entry.title}."

    _attempt(ADD, save)


def add_form(fw: Framework, profile: Profile, today: date) -> None:
    """The form that logs CPD written by hand."""
    _start(ADD, _empty(today))
    with st.form("cpd_add_form", border=True):
        _boxes(ADD, fw, today)
        st.form_submit_button("Add to my CPD log", type="primary", key="cpd_add_button",
                              on_click=_add, args=(profile.id, fw, today))
    _problem(ADD)


# --- Log a finished plan item ---------------------------------------------------------------------


def _plan_form(item_id: str) -> str:
    return f"cpd_plan_{item_id}"


def _log_item(profile_id: str, item_id: str, fw: Framework, today: date) -> None:
    form = _plan_form(item_id)

    def save() -> str:
        typed = _typed(form, ("done_on", "hours", "kind", "learned", "applied"))
        entry = cpd_log.log_plan_item(context.repository(), _actor(profile_id), item_id, fw, today=today,
                                      now=utc_now(), **typed)
        return f"Logged {cpd.hours_text(entry.hours)} of CPD from your plan: {entry.title}."

    _attempt(form, save)


def plan_item_form(fw: Framework, profile: Profile, items: list[PlanItem], today: date) -> None:
    """Offer the plan's done items not logged yet; the one chosen is logged with its indicators and evidence."""
    labels = {i.id: cpd.plan_item_title(i) for i in items}
    _choice_among("cpd_plan_item", labels)
    chosen = st.selectbox("Finished plan item", list(labels), format_func=labels.get, key="cpd_plan_item")
    item = next((i for i in items if i.id == chosen), None)
    if item is None:
        return
    form = _plan_form(item.id)
    curriculum = context.the_curriculum()
    done = min(max(item.updated_at.date(), cpd.EARLIEST_DATE), today)
    _start(form, {"done_on": done, "hours": cpd.suggested_hours(item, curriculum),
                  "kind": cpd.suggested_kind(item, curriculum), "learned": item.evidence, "applied": ""})
    if item.indicators:
        st.caption("It developed " + ", ".join(item.indicators) + ". Your evidence of completion starts "
                   "“What I learned”: change it as you like.")
    with st.form(f"{form}_form", border=True):
        _boxes(form, fw, today, title=False)
        st.form_submit_button("Log this plan item", type="primary", key="cpd_plan_button",
                              on_click=_log_item, args=(profile.id, item.id, fw, today))
    _problem(form)


# --- Change or remove an entry ---------------------------------------------------------------------


def _edit_form(entry_id: str) -> str:
    return f"cpd_edit_{entry_id}"


def _change(profile_id: str, entry: CpdEntry, fw: Framework, today: date) -> None:
    form = _edit_form(entry.id)

    def save() -> str:
        changed = cpd.changed_entry(entry, fw, **_typed(form), today=today, now=utc_now())
        cpd_log.change_entry(context.repository(), _actor(profile_id), changed, fw, today)
        return f"Saved the changes to “{changed.title}”."

    _attempt(form, save)


def _remove(profile_id: str, entry: CpdEntry) -> None:
    kept()[REMOVING] = None
    try:
        cpd_log.remove_entry(context.repository(), _actor(profile_id), profile_id, entry.id)
    except PlannerError as exc:
        kept()[PROBLEMS][_edit_form(entry.id)] = str(exc)
        return
    _forget(_edit_form(entry.id))
    context.flash(escape_markdown(f"Removed “{entry.title}” from your CPD log."))


def _ask_to_remove(entry_id: str | None) -> None:
    kept()[REMOVING] = entry_id


def change_or_remove(fw: Framework, profile: Profile, entries: list[CpdEntry], today: date) -> None:
    """Choose an entry, change it in a form like the first, or remove it after saying yes."""
    labels = {e.id: cpd.entry_label(e) for e in entries}
    _choice_among("cpd_edit_entry", labels)
    chosen = st.selectbox("Entry", list(labels), format_func=labels.get, key="cpd_edit_entry")
    entry = next((e for e in entries if e.id == chosen), None)
    if entry is None:
        return
    form = _edit_form(entry.id)
    known = [c for c in entry.indicators if c in set(fw.codes)]
    _start(form, {"done_on": min(entry.done_on, today), "hours": entry.hours, "kind": entry.kind,
                  "title": entry.title, "indicators": known, "learned": entry.learned, "applied": entry.applied})
    lacking = [c for c in entry.indicators if c not in known]
    if lacking:
        st.warning(f"The framework in use lacks {', '.join(lacking)}: saving a change leaves them out.")
    with st.form(f"{form}_form", border=True):
        _boxes(form, fw, today)
        st.form_submit_button("Save changes to this entry", key="cpd_edit_button",
                              on_click=_change, args=(profile.id, entry, fw, today))
    _problem(form)
    if kept()[REMOVING] != entry.id:
        st.button("Remove this entry", key="cpd_remove", on_click=_ask_to_remove, args=(entry.id,))
        return
    st.warning(escape_markdown(f"Remove “{entry.title}” ({cpd.hours_text(entry.hours)} on "
                               f"{wording.long_date(entry.done_on)}) from your CPD log? This cannot be undone."))
    yes, no = st.columns(2)
    yes.button("Yes, remove it", key="cpd_remove_yes", type="primary", on_click=_remove, args=(profile.id, entry))
    no.button("No, keep it", key="cpd_remove_no", on_click=_ask_to_remove, args=(None,))


# --- The reflective statement --------------------------------------------------------------------


def _keep_statement(profile_id: str, *, saying: bool = False) -> None:
    text = st.session_state.get(STATEMENT_BOX) or ""
    drafts.keep(STATEMENT_PROBLEM, lambda: cpd_log.save_statement(context.repository(), _actor(profile_id),
                                                                   profile_id, text, utc_now()))
    if saying and kept()[STATEMENT_PROBLEM] is None:
        kept()[STATEMENT_SAVED] = cpd.statement_saved(text)


def keep_what_the_box_shows() -> None:
    """Keep the statement the box holds when it differs from the one kept; app.py calls this on every run.

    A click on another page's link while a run is still going can interrupt that run before the box's
    on_change is called; what the box held is still in session state at the start of the next run, whichever
    page it is for, so it is kept first (for the person the box was drawn for, never for one chosen since).
    """
    profile_id = kept().get(STATEMENT_FOR)
    if not profile_id or STATEMENT_BOX not in st.session_state:
        return
    text = st.session_state[STATEMENT_BOX] or ""
    try:
        saved = context.repository().get(RevalidationStatement, profile_id, cpd_log.STATEMENT_ID)
    except PlannerError:
        return  # the CPD log page says the statement could not be read
    if (saved.text if saved else "") != text.strip():
        _keep_statement(profile_id)


def statement_box(profile: Profile, saved: str) -> None:
    """The reflective statement, its count as it is typed, and the button that saves it."""
    if kept()[STATEMENT_FOR] != profile.id:
        # Drawn for another person before (a profile chosen since): start from this person's own words.
        st.session_state[STATEMENT_BOX] = saved
        kept()[STATEMENT_FOR] = profile.id
    st.session_state.setdefault(STATEMENT_BOX, saved)
    st.caption("What you type is kept as you leave the box, so you can go to another page or reload this one "
               f"and find it here. {cpd.WORD_RULE}")
    st.text_area("Your reflective statement", key=STATEMENT_BOX, height=260, max_chars=5000,
                 on_change=_keep_statement, args=(profile.id,),
                 help=f"At most {cpd.STATEMENT_WORDS} words, against CILIP's assessment criteria: what you learned "
                      "over the year, how you used it, and what it changed in your work.")
    word_count.live_count(STATEMENT_BOX, st.session_state.get(STATEMENT_BOX) or "")
    drafts.warn_if_not_kept(STATEMENT_PROBLEM)
    said = kept()[STATEMENT_SAVED]
    kept()[STATEMENT_SAVED] = None
    if said:
        (st.success if cpd.statement_count(st.session_state.get(STATEMENT_BOX) or "").fits else st.warning)(said)
    st.button("Save my statement", key="cpd_statement_save", on_click=_keep_statement, args=(profile.id,),
              kwargs={"saying": True})
