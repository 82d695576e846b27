"""Job specification: saving the draft under a name, and the list of saved ones to reopen, rename or delete.

Reopening, renaming and deleting run as the buttons' callbacks, before the page draws its boxes, so a
reopened specification fills every box (and the tables) in the same run.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from planner.domain import wording
from planner.domain.models import JobSpec, JobSpecDraft, Profile, utc_now
from planner.errors import PlannerError
from planner.services import job_specs
from planner.services.acting import Actor
from ui import context
from ui.session import kept
from ui.text import escape_markdown

DELETING = "jobspec_deleting"  # kept value (ui.session): the saved one waiting for "Yes, delete it"
PROBLEM = "jobspec_problem_saved"  # kept value: why the last reopen, rename or delete did not happen
CHOICE = "spec_saved_choice"
RENAME = "spec_rename"


def _when(spec: JobSpec) -> str:
    return wording.long_date(spec.updated_at.astimezone(wording.UK_TIME).date())


def saved_list(profile: Profile | None, fill_boxes: Callable[[JobSpecDraft], None]) -> None:
    """The person's saved job specifications, with Reopen, Rename and Delete (which asks first).

    Args:
        profile: whose they are; None when no profile is in use (nothing can be saved then).
        fill_boxes: puts a draft's every field into the page's boxes and tables (called on reopening).
    """
    if profile is None:
        return
    saved = job_specs.saved(context.repository(), context.actor_of(profile))
    if not saved:
        return
    st.header("Your saved job specifications")
    by_id = {s.id: s for s in saved}
    if st.session_state.get(CHOICE) not in by_id:
        st.session_state.pop(CHOICE, None)
    chosen = st.selectbox("Saved job specification", list(by_id), key=CHOICE,
                          format_func=lambda i: f"{by_id[i].name} (saved {_when(by_id[i])})")
    spec = by_id[chosen]
    problem = kept().get(PROBLEM)
    if problem:
        st.error(escape_markdown(problem))
        kept()[PROBLEM] = None
    if kept().get(DELETING) == spec.id:
        st.warning(f"Delete the saved job specification '{escape_markdown(spec.name)}'? It cannot be got back. "
                   "What the boxes below hold now stays as it is.")
        yes, no = st.columns(2)
        yes.button("Yes, delete it", key="spec_delete_yes", on_click=_delete, args=(spec.id,), type="primary")
        no.button("No, keep it", key="spec_delete_no", on_click=_stop_deleting)
        return
    reopen, delete = st.columns(2)
    reopen.button("Reopen it", key="spec_reopen", on_click=_reopen, args=(spec.id, fill_boxes),
                  help="Fill the boxes below with everything it was saved with. What they hold now is replaced.")
    delete.button("Delete it", key="spec_delete", on_click=_ask_to_delete, args=(spec.id,))
    name, button = st.columns([3, 1], vertical_alignment="bottom")
    name.text_input("A new name for it", key=RENAME, max_chars=120, placeholder=spec.name)
    button.button("Rename it", key="spec_rename_button", on_click=_rename, args=(spec.id,))


def _acting() -> Actor:
    actor = context.acting()
    if actor is None:
        raise PlannerError("Choose your profile first.")
    return actor


def _reopen(spec_id: str, fill_boxes: Callable[[JobSpecDraft], None]) -> None:
    try:
        draft = job_specs.reopen(context.repository(), _acting(), spec_id, utc_now())
    except PlannerError as exc:
        kept()[PROBLEM] = f"It was not reopened: {exc}"
        return
    fill_boxes(draft)
    spec = context.repository().get(JobSpec, draft.profile_id, spec_id)
    context.flash(f"Reopened '{escape_markdown(spec.name if spec else '')}': the boxes below hold everything it was "
                  "saved with. Save it under the same name to update it, or under another to keep both.")


def _rename(spec_id: str) -> None:
    try:
        spec = job_specs.rename(context.repository(), _acting(), spec_id, str(st.session_state.get(RENAME) or ""),
                                utc_now())
    except PlannerError as exc:
        kept()[PROBLEM] = f"It was not renamed: {exc}"
        return
    st.session_state[RENAME] = ""
    context.flash(f"Renamed it '{escape_markdown(spec.name)}'.")


def _ask_to_delete(spec_id: str) -> None:
    kept()[DELETING] = spec_id


def _stop_deleting() -> None:
    kept()[DELETING] = None


def _delete(spec_id: str) -> None:
    kept()[DELETING] = None
    try:
        spec = job_specs.delete(context.repository(), _acting(), spec_id)
    except PlannerError as exc:
        kept()[PROBLEM] = f"It was not deleted: {exc}"
        return
    st.session_state.pop(CHOICE, None)
    context.flash(f"Deleted the saved job specification '{escape_markdown(spec.name)}'.")


def save_section(profile: Profile | None, shown: JobSpecDraft | None, keep_and_read: Callable[[], JobSpecDraft | None],
                 suggested_name: str) -> None:
    """'Save this job specification' under a name: a new saved one, or the one the draft was reopened from.

    Args:
        profile: whose it is; None when no profile is in use (then it says how to get one).
        shown: the draft as kept when the page was drawn.
        keep_and_read: keeps what the boxes hold now as the draft, and gives it back.
        suggested_name: the name the box starts with (the post's title).
    """
    st.header("5. Save it")
    if profile is None:
        st.info(f"{context.how_to_get_a_profile()} to save job specifications and reopen them later.")
        return
    same = context.repository().get(JobSpec, profile.id, shown.saved_as) if shown and shown.saved_as else None
    if same is not None:
        st.caption(f"This is saved as '{escape_markdown(same.name)}'. Save it under the same name to update it "
                   "with any changes, or under another name to keep both.")
    st.markdown("Save everything on this page (the roles, grade, criteria, behaviours, pass marks, weights and the "
                "post's details) under a name, to reopen it later.")
    name = st.text_input("Name to save it under", value=same.name if same else suggested_name, max_chars=120,
                         key=f"spec_save_name_{same.id if same else 'new'}")
    if st.button("Save this job specification", key="spec_save", type="primary"):
        with context.plain_errors():
            draft = keep_and_read()
            if draft is None:
                raise PlannerError("What the boxes hold could not be kept, so it was not saved: see the message "
                                   "above.")
            spec, updated = job_specs.save(context.repository(), context.actor_of(profile), draft, name, utc_now())
            context.flash(f"{'Updated' if updated else 'Saved'} the job specification "
                          f"'{escape_markdown(spec.name)}'. Reopen it from the list at the top of this page.")
            st.rerun()
