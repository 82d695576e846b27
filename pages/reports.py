"""Line reports (on a department's server): the people you line manage, their plan to sign off and their
self-ratings to validate, each seen only once they accept you."""

import pandas as pd
import streamlit as st

from planner.domain import manager_review, wording
from planner.domain.models import utc_now
from planner.errors import PlannerError
from planner.services import line_management
from ui import context
from ui.datatable import show_table
from ui.session import kept
from ui.text import escape_markdown

repo = context.repository()

context.start_page("Line reports")
profile = context.require_profile()
me = context.actor_of(profile)
st.markdown(
    "The people you line manage. You see someone's latest self-assessment and plan only once they accept "
    "you as their line manager, read only, until either of you stops it. Each time you look, sign off their "
    "plan or validate their ratings is recorded for them."
)


def _who(m) -> str:
    return escape_markdown(m.person_name or m.person_email)


# --- Requests ------------------------------------------------------------------------------------
as_manager = [m for m in line_management.mine(repo, me) if line_management.side(me, m) == "manager"]
waiting = line_management.waiting_for(me, as_manager)
if waiting:
    st.header("People asking you to be their line manager")
for m in waiting:
    with st.container(border=True):
        st.markdown(f"**{_who(m)}** ({escape_markdown(m.person_email)}) asked on "
                    f"{wording.long_date(m.asked_at.date())}. If you accept, you see their latest self-assessment "
                    "and their plan, read only, and can sign off the plan and validate their ratings.")
        left, right = st.columns(2)
        if left.button("Accept", key=f"report_accept_{m.id}", type="primary"):
            with context.plain_errors():
                line_management.accept(repo, me, m.id, utc_now())
                kept()["report_id"] = m.id
                context.flash(f"You are now the line manager of {_who(m)}.")
                st.rerun()
        if right.button("Decline", key=f"report_decline_{m.id}"):
            with context.plain_errors():
                line_management.decline(repo, me, m.id, utc_now())
                context.flash(f"Declined. You see nothing of {_who(m)}'s.")
                st.rerun()
for m in as_manager:
    if m.status == "asked" and m.asked_by == "manager":
        with st.container(border=True):
            st.markdown(f"You asked **{escape_markdown(m.person_email)}** on {wording.long_date(m.asked_at.date())} "
                        "to share their plan and ratings with you as their line manager. You see nothing of theirs "
                        "until they accept.")
            if st.button("Withdraw the request", key=f"report_withdraw_{m.id}"):
                with context.plain_errors():
                    line_management.decline(repo, me, m.id, utc_now())
                    context.flash("Withdrawn.")
                    st.rerun()

with st.expander("Ask someone you line manage"):
    with st.form("report_ask_form", clear_on_submit=True, border=False):
        st.markdown("Ask by the email address they sign in with. They see your request on their Sharing page.")
        email = st.text_input("Their email address", max_chars=320, key="report_ask_email")
        if st.form_submit_button("Ask them"):
            with context.plain_errors():
                made = line_management.ask_report(repo, me, email, utc_now())
                context.flash(f"Asked {escape_markdown(made.person_email)}. They will see your request on their "
                              "Sharing page when they sign in.")
                st.rerun()

# --- The chosen report ---------------------------------------------------------------------------
st.header("Your line reports")
reports = line_management.reports(repo, me)
if not reports:
    st.info("Nobody shares their plan with you as their line manager just now. Ask someone above, or accept a "
            "request when one arrives.")
    st.stop()
names = {m.id: f"{m.person_name or m.person_email} ({m.person_email})" for m in reports}
if kept()["report_id"] not in names:
    kept()["report_id"] = reports[0].id
st.session_state["reports_choice"] = kept()["report_id"]


def _remember_choice() -> None:
    kept()["report_id"] = st.session_state["reports_choice"]


chosen = st.selectbox("Line report", list(names), format_func=names.get, key="reports_choice",
                      on_change=_remember_choice)
try:
    seen = line_management.review(repo, me, chosen, utc_now())
except PlannerError as exc:
    st.error(escape_markdown(str(exc)))
    st.stop()
person, name = seen.profile, escape_markdown(seen.profile.name)
st.text(f"{person.name}: {context.grade_label(person.current_grade)}, {person.current_role or 'role not given'}. "
        f"Aiming for {context.grade_label(person.target_grade) if person.target_grade else 'no target grade yet'}.")

# --- Their plan, and signing it off -------------------------------------------------------------
st.subheader("Their plan")
if seen.plan_items:
    show_table(manager_review.plan_rows(seen.plan_items), key="reports_plan")
else:
    st.info(f"{name} has no items in their plan yet.")
if seen.sign_offs:
    latest = seen.sign_offs[0]
    st.markdown(escape_markdown(manager_review.sign_off_sentence(latest)) + (
        " Their plan's objectives have changed since." if manager_review.changed_since(latest, seen.plan_items)
        else ""))
    with st.expander(f"Your sign-offs of this plan ({len(seen.sign_offs)})"):
        show_table(manager_review.sign_off_rows(seen.sign_offs), key="reports_sign_offs")
with st.form("reports_sign_off_form", clear_on_submit=True, enter_to_submit=False):
    st.markdown(f"Signing off keeps the plan's objectives as they are now, with your name and the time, in "
                f"{name}'s own data.")
    comment = st.text_area("Comment (optional)", max_chars=5000, key=f"reports_sign_off_comment_{chosen}")
    if st.form_submit_button("Sign off this plan", type="primary"):
        with context.plain_errors():
            signed = line_management.sign_off(repo, me, chosen, comment, utc_now())
            context.flash(f"You signed off {name}'s plan: {wording.counted(len(signed.objectives), 'objective')}.")
            st.rerun()

# --- Their self-ratings, and validating them ----------------------------------------------------
st.subheader("Their self-ratings")
rated = seen.latest
if rated is None:
    st.info(f"{name} has not saved a self-assessment yet.")
else:
    try:
        rated_in = context.framework_of(rated.framework_version)
    except PlannerError:  # made in a version not installed here: the codes are shown without statements
        rated_in = None
    st.markdown(f"From their self-assessment of {wording.long_date(rated.taken_on)}. Choose the rating you agree "
                "for each indicator you have discussed; leave the others empty.")
    if seen.validation is not None:
        st.caption(f"You last validated these on {wording.moment(seen.validation.validated_at)}.")
    edited = st.data_editor(
        pd.DataFrame(manager_review.validation_editor_rows(rated_in, rated, seen.validation)),
        key=f"reports_validation_{rated.id}", hide_index=True, width="stretch", num_rows="fixed",
        disabled=["Code", "Statement", "Their rating"],
        column_config={"Validated rating": st.column_config.SelectboxColumn(
            "Validated rating", options=list(manager_review.SCORE_OPTIONS))},
    )
    with st.form("reports_validate_form", enter_to_submit=False):
        overall = st.text_area("Comment on the ratings (optional)", max_chars=5000,
                               key=f"reports_validate_comment_{rated.id}",
                               value=seen.validation.comment if seen.validation is not None else "")
        if st.form_submit_button("Save validated ratings", type="primary"):
            with context.plain_errors():
                saved = line_management.validate(repo, me, chosen, rated.id,
                                                 manager_review.chosen_scores(edited.to_dict("records")),
                                                 overall, utc_now())
                context.flash(f"Saved your validated ratings of {name}: "
                              f"{wording.counted(len(saved.ratings), 'indicator')}.")
                st.rerun()

# --- Ending ------------------------------------------------------------------------------------
with st.expander(f"Stop being {name}'s line manager"):
    st.markdown(f"You stop seeing {name}'s plan and ratings at once. Your sign-offs and validated ratings stay in "
                "their data, as they are theirs.")
    if st.button("Stop being their line manager", key="reports_end"):
        with context.plain_errors():
            line_management.end(repo, me, chosen, utc_now())
            kept()["report_id"] = None
            context.flash(f"You are no longer {name}'s line manager.")
            st.rerun()
