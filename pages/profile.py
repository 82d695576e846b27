"""Your profile: create, edit and delete a profile; download everything held about a person."""

import json
from datetime import date

import streamlit as st

from planner.domain import profiles, wording
from planner.domain.models import Profile, utc_now
from planner.services import audit, privacy
from ui import context, next_step, plan_exports, signin
from ui.datatable import show_table
from ui.text import escape_markdown

repo = context.repository()
ladder = context.the_grades()
grade_codes = ladder.codes
fw = context.the_framework()
levels = context.grade_levels()


roles_here = context.roles_in_use()
# Roles written for another framework are not offered: their names would promise targets that do not apply.
role_names = [r.name for r in roles_here.roles] if roles_here is not None else []
ROLE_HELP = ("The roles the app knows come first. If yours is not listed, type it." if roles_here is not None
             else "Type your role. The roles the app knows are written for another framework, so none are offered.")


def role_index(name: str | None) -> int | None:
    """The role's place in the list, adding a role the person typed before so it is kept."""
    if not name:
        return None
    if name not in role_names:
        role_names.append(name)
    return role_names.index(name)


def known_index(code: str | None) -> int | None:
    """Where a saved grade is in the list; None (choose again) for a grade this installation lacks."""
    return grade_codes.index(code) if code in grade_codes else None


def grade_option(code: str) -> str:
    return f"{context.grade_label(code)}: guide level {levels[code]}"


signed_in = signin.signed_in()  # None on one's own computer


def profile_form(existing: Profile | None, key: str) -> None:
    """One form for creating and editing, so both check the same things.

    On a department's server a new profile is the signed-in person's own: its id comes from who
    they signed in as, and their name starts as the identity provider gives it.
    """
    with st.form(key=f"{key}_form", enter_to_submit=False):
        first_name = existing.name if existing else (signed_in.name if signed_in else "")
        name = st.text_input("Your name", value=first_name, key=f"{key}_name", max_chars=120)
        left, right = st.columns(2)
        current_grade = left.selectbox(
            "Current grade", grade_codes, format_func=grade_option, key=f"{key}_current_grade",
            index=known_index(existing.current_grade) if existing else None,
            placeholder="Choose your grade",
        )
        current_role = right.selectbox(
            "Current role", role_names, key=f"{key}_current_role", accept_new_options=True,
            index=role_index(existing.current_role if existing else None),
            placeholder="Choose a role, or type your own", help=ROLE_HELP,
        )
        grade_since = st.text_input(
            "When did you start in your current grade? (optional)", max_chars=40, key=f"{key}_grade_since",
            value=profiles.grade_since_text(existing.grade_since) if existing else "",
            placeholder="For example, 27/03/2024",
        )
        st.caption(profiles.GRADE_SINCE_HINT)
        left, right = st.columns(2)
        target_grade = left.selectbox(
            "Target grade (optional)", grade_codes, format_func=grade_option, key=f"{key}_target_grade",
            index=known_index(existing.target_grade) if existing else None,
            placeholder="No target grade yet",
        )
        target_role = right.selectbox(
            "Target role (optional)", role_names, key=f"{key}_target_role", accept_new_options=True,
            index=role_index(existing.target_role if existing else None),
            placeholder="No target role yet", help=ROLE_HELP,
        )
        notes = st.text_area(
            "Notes (optional)", value=existing.notes if existing else "", key=f"{key}_notes",
            help="Anything you want to keep with your profile, such as your career goals.",
            max_chars=5000,
        )
        submitted = st.form_submit_button("Save profile" if existing else "Create profile", type="primary")
    if submitted:
        with context.plain_errors():
            profile = profiles.build_profile(
                name=name, current_grade=current_grade, current_role=current_role,
                target_grade=target_grade, target_role=target_role, notes=notes,
                ladder=ladder, now=utc_now(), existing=existing,
                identity=(signed_in.profile_id, signed_in.email) if signed_in else None,
                grade_since=grade_since, today=date.today(),
            )
            repo.save_profile(profile)
            context.choose_profile(profile.id)
            shown = escape_markdown(profile.name)
            context.flash(f"Saved the profile of {shown}." if existing else
                          f"Created the profile of {shown}. It is now the profile in use.")
            st.rerun()


context.start_page("Your profile")
profile = context.current_profile()

if profile is None:
    st.markdown(
        "Tell the app who you are and where you want to go. Your grade sets the level the "
        "framework expects of you; your target grade sets the level you are working towards."
    )
    st.header("Create a profile")
    profile_form(None, "new_profile")
    st.header("Or bring your plan from another computer")
    st.markdown(
        "If you exported your plan as JSON from KIM Pathways on another computer, import it here. "
        "Your profile, assessments and plan come with it."
    )
    plan_exports.import_form(repo)
    st.stop()

st.markdown(f"You are using the profile of **{escape_markdown(profile.name)}**.")
summary = {
    "Current grade": context.grade_label(profile.current_grade),
    "Current role": profile.current_role or "Not set",
    "In your current grade since": wording.long_date(profile.grade_since) or "Not given (time counts from today)",
    "Target grade": context.grade_label(profile.target_grade),
    "Target role": profile.target_role or "Not set",
}
for label, value in summary.items():
    st.text(f"{label}: {value}")
next_step.show_next_step(profile)

st.header("Change your profile")
profile_form(profile, "edit_profile")

st.header("Your data")
st.markdown(
    ("Everything the app holds about you is kept on this server, in your own file, apart from what the "
     "mentors you share with keep about you in theirs and the record of who has seen your data. "
     if signed_in else
     "Everything the app holds about you is in one file on this computer, apart from what mentors "
     "who use this installation keep about you in theirs. ")
    + "Download it all to keep a copy or to see what is held. It is a JSON file: a plain-text format "
    "other programs can read."
)


acting_now = context.actor_of(profile)  # worked out in this run: a download's callable runs outside it


def everything_as_json() -> bytes:
    everything = privacy.everything_about(repo, acting_now, profile.id, utc_now())
    return json.dumps(everything, ensure_ascii=False, indent=2).encode("utf-8")


st.download_button(
    "Download everything held about you (JSON)",
    data=everything_as_json,
    file_name=f"kim-pathways-{profile.id}.json",
    mime="application/json",
    key="profile_export_all",
    on_click="ignore",
)

st.subheader("Who has seen or changed your data")
seen_by = audit.about_me(repo, acting_now, profile.id)
if seen_by:
    st.markdown("Each time a mentor or a team lead you share with looked at your data, or changed it (such as "
                "proposing an action for your plan). Looks at the same thing within half an hour count as one.")
    show_table([
        {"When": wording.moment(entry.at), "Who": entry.by_name, "As your": entry.as_role,
         "What they did": entry.what, "Changed your data": "Yes" if entry.changed else "No"}
        for entry in seen_by
    ])
else:
    st.markdown("Nobody else has seen or changed your data." if signin.on_server() else
                "Nobody else has seen or changed your data through this app. On this computer, mentors "
                "you add from this installation read your data directly, without a record.")

st.subheader("Delete all your data")
st.markdown(
    f"This deletes the profile of **{escape_markdown(profile.name)}**, everything saved with it, and "
    "what mentors who use this installation keep about you. It cannot be undone. Download your data "
    "first if you may want it later."
)
confirmed = st.checkbox(
    # No name in the label: a screen reader announces a label as written, escapes and all.
    "I understand that this profile and everything held with it will be deleted",
    key="profile_delete_confirm",
)
if st.button("Delete all my data", key="profile_delete", disabled=not confirmed):
    with context.plain_errors():
        forgotten = privacy.forget(repo, acting_now, profile.id, utc_now())
        context.choose_profile(None)
        context.flash(escape_markdown(forgotten.summary()))
        st.rerun()

if signed_in is None:  # on a server each person is who they signed in as: one profile each
    with st.expander("Create another profile"):
        st.caption("For example, to try the app out, or for a second person on a shared computer.")
        profile_form(None, "another_profile")
