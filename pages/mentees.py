"""Mentees: a mentor's list of mentees, their picture, and the mentor's own ratings compared with theirs."""

from datetime import date

import pandas as pd
import streamlit as st

from planner.domain import assessment, mentoring, tables, wording
from planner.domain.models import RATING_LABELS, Rating, utc_now
from planner.errors import PlannerError
from planner.services import mentoring as mentoring_service
from ui import charts, context, mentor_consent, signin
from ui import mentoring as mentoring_ui
from ui.datatable import show_table
from ui.plan_exports import as_date
from ui.session import kept
from ui.text import escape_markdown

repo = context.repository()
fw = context.the_framework()

context.start_page("Mentees")
mentor = context.require_profile()
me = context.actor_of(mentor)
st.markdown(
    f"You are the mentor or line manager here, as **{escape_markdown(mentor.name)}**. Add the people you "
    "support, see their self-assessment beside your own view of them, and prepare your conversations."
)

# --- Add mentees -----------------------------------------------------------------------------
on_server = signin.on_server()
if on_server:
    mentor_consent.requests(repo, me)
    mentor_consent.ended(repo, me)
st.header("Add a mentee")
add_local, add_share = st.tabs(["Ask someone by email" if on_server else "Someone who uses this installation",
                                "From a share file"])
with add_local:
    if on_server:  # nobody is added without their consent: they are asked, and accept or decline
        mentor_consent.ask_form(repo, me)
    others = [] if on_server else [ref for ref in repo.list_profiles() if ref.id != mentor.id]
    if not others:
        if not on_server:
            st.caption("No one else has a profile in this installation.")
    else:
        names = {ref.id: ref.name for ref in others}
        pick = st.selectbox("Profile", list(names), format_func=names.get, key="mentees_local_pick")
        if st.button("Add as my mentee", key="mentees_add_local"):
            with context.plain_errors():
                try:
                    added = mentoring_service.add_local_mentee(repo, me, pick, utc_now())
                except PlannerError as exc:  # the message may name them: shown as text
                    # The rest of the page still follows: a refusal must not hide the mentee already chosen.
                    st.error(escape_markdown(str(exc)))
                else:
                    kept()["mentee_id"] = added.id
                    context.flash(f"Added {escape_markdown(added.name)} as your mentee.")
                    st.rerun()
with add_share:
    st.markdown(
        "Your mentee downloads their plan as JSON (on **My plan**: *JSON, to import on another computer*) "
        "and sends it to you. Their data is kept apart from yours. A newer file from them replaces the older one."
    )
    upload = st.file_uploader("Share file (JSON, up to 5 MB)", type=["json"], key="mentees_share_file")
    if st.button("Add or update the mentee", key="mentees_add_share", disabled=upload is None):
        try:
            added = mentoring_service.add_mentee_from_share(repo, me, upload.getvalue(), utc_now())
        except PlannerError as exc:
            st.error(escape_markdown(str(exc)))  # it may name the person in the file
        else:
            kept()["mentee_id"] = added.id
            context.flash(f"Saved the share file of {escape_markdown(added.name)}.")
            st.rerun()

# --- The chosen mentee -----------------------------------------------------------------------
st.header("Your mentee")
chosen = mentoring_ui.choose_mentee(repo, mentor)
if chosen is None:
    st.info("You have no mentees just now. Ask someone above, or accept a request when one arrives."
            if on_server else "You have no mentees yet. Add one above.")
    st.stop()
mentee, picture = chosen
profile = picture.profile
st.text(
    f"{profile.name}: {context.grade_label(profile.current_grade)}, {profile.current_role or 'role not given'}. "
    f"Aiming for {context.grade_label(profile.target_grade) if profile.target_grade else 'no target grade yet'}"
    f"{', ' + profile.target_role if profile.target_role else ''}."
)
if mentee.source == "share" and mentee.shared_at:
    st.caption(f"From a share file exported on {wording.moment(mentee.shared_at)}.")
shares_assessment = True
if mentee.source == "consent":
    shares_assessment, shares_plan = mentor_consent.what_is_shared(repo, me, mentee)
    st.caption(f"{escape_markdown(profile.name)} shares with you: " + " and ".join(
        part for part, on in (("their latest self-assessment and its gaps", shares_assessment),
                              ("their plan", shares_plan)) if on) + ". Each time you look is recorded for them.")

self_ratings = mentoring_ui.latest_self_ratings(picture)
target, target_grade = mentoring_ui.mentee_target(picture)
latest_mine = mentoring_ui.latest_mentor_rating(repo, mentor, mentee)
mentor_ratings = latest_mine.ratings if latest_mine else {}

st.subheader("Where they stand")
if self_ratings:
    for sentence in assessment.summary(fw, self_ratings, target, target_grade, person=profile.name):
        st.markdown(f"- {escape_markdown(sentence)}")
elif not shares_assessment:
    st.info(f"{escape_markdown(profile.name)} does not share their self-assessment with you.")
else:
    st.info(f"{escape_markdown(profile.name)} has not saved a self-assessment yet.")

# --- Comparison ------------------------------------------------------------------------------
st.header("Their ratings and yours")
differences = mentoring.compare(fw, self_ratings, mentor_ratings)
if not mentor_ratings:
    st.info("Rate them below to see your view beside theirs.")
else:
    per_skill = mentoring.by_skill(fw, differences)
    rows = [
        {"skill": tables.skill_label(fw, s.skill), "who": who, "average": value}
        for s in per_skill
        for who, value in (("Self", s.self_average), ("Mentor", s.mentor_average))
        if value is not None
    ]
    compared = sum(s.both_rated for s in per_skill)
    st.caption(f"Averages in each skill are over only the indicators both of you rated: {compared} "
               f"indicator{'s' if compared != 1 else ''} in all. An indicator only one of you rated is "
               "listed further down but not averaged.")
    if rows:
        charts.show("self_and_mentor", rows,
                    "Bar chart of the average self and mentor rating in each skill, over the indicators both "
                    "rated. The tables below give the same figures.")
    show_table([
        {"Skill": tables.skill_label(fw, s.skill), "Indicators both rated": s.both_rated,
         "Self (average)": wording.average(s.self_average, "Not compared"),
         "Mentor (average)": wording.average(s.mentor_average, "Not compared"),
         "Differences to discuss": s.flagged} for s in per_skill
    ])
    flagged = [d for d in differences if d.flagged]
    if flagged:
        differ = "indicator differs" if len(flagged) == 1 else "indicators differ"
        st.warning(f"{len(flagged)} {differ} by 2 points or more. Discuss them: "
                   + ", ".join(d.code for d in flagged) + ".")
    else:
        st.success("No indicator differs by 2 points or more.")
    show_table([
        {"Code": d.code, "Statement": fw.indicator(d.code).statement,
         # Words, not empty numbers: an empty numeric cell is drawn as "None".
         "Self": "Not rated" if d.self_score is None else str(d.self_score),
         "Mentor": "Not rated" if d.mentor_score is None else str(d.mentor_score),
         "Difference": "" if d.gap is None else f"{d.gap:+d}" if d.gap else "0",
         "To discuss": "Yes: 2 or more apart" if d.flagged else ""} for d in differences
    ])

# --- Mentor's ratings ------------------------------------------------------------------------
st.header("Your ratings of them")
scope = max([*target.values(), 1])
labels = {f"{n} {RATING_LABELS[n]}": n for n in RATING_LABELS}
editor_rows = pd.DataFrame([
    {
        "Code": ind.code,
        "Statement": ind.statement,
        "Their rating": f"{self_ratings[ind.code].score} {RATING_LABELS[self_ratings[ind.code].score]}"
        if ind.code in self_ratings else "Not rated",
        "Your rating": f"{mentor_ratings[ind.code].score} {RATING_LABELS[mentor_ratings[ind.code].score]}"
        if ind.code in mentor_ratings else None,
        "Your comment": mentor_ratings[ind.code].comment if ind.code in mentor_ratings else "",
    }
    for ind in assessment.in_scope(fw, scope)
])
st.caption("Rate each indicator as you see it, with a comment if it helps. Saving keeps a dated copy; "
           "earlier ones are kept.")
edited = st.data_editor(
    editor_rows, key="mentees_rating_editor", hide_index=True, width="stretch", num_rows="fixed",
    disabled=["Code", "Statement", "Their rating"],
    column_config={
        "Your rating": st.column_config.SelectboxColumn("Your rating", options=list(labels)),
        "Your comment": st.column_config.TextColumn("Your comment", max_chars=5000),
    },
)
with st.form("mentees_rating_form", enter_to_submit=False):
    taken_on = st.date_input("Date of your ratings", value=date.today(), max_value=date.today(),
                             format="DD/MM/YYYY", key="mentees_rating_date")
    overall = st.text_area("Overall comment (optional)", key="mentees_rating_comment", max_chars=5000)
    if st.form_submit_button("Save my ratings", type="primary"):
        with context.plain_errors():  # a comment over the limit is refused in plain English
            ratings = {
                row["Code"]: Rating(score=labels[row["Your rating"]], comment=str(row["Your comment"] or "").strip())
                for row in edited.to_dict("records") if row["Your rating"] in labels
            }
            if not ratings:
                st.error("Rate at least one indicator before you save.")
            else:
                mentoring_service.rate(repo, me, mentee, as_date(taken_on), ratings, overall, utc_now(),
                                       fw.ref)
                context.flash(f"Saved your ratings of {escape_markdown(mentee.name)}: {len(ratings)} indicators.")
                st.rerun()

st.page_link("pages/conversations.py", label="Prepare and record a conversation", icon=":material/forum:")

if mentee.source == "consent":
    mentor_consent.end_controls(repo, me, mentee)
    st.stop()
with st.expander(f"Stop mentoring {escape_markdown(mentee.name)}"):
    st.markdown("This removes them from your list, with your ratings and conversation records about them. "
                "Their own data is not touched.")
    if st.button("Remove this mentee", key="mentees_remove"):
        with context.plain_errors():
            mentoring_service.forget_mentee(repo, me, mentee.id)
            kept()["mentee_id"] = None
            context.flash(f"Removed {escape_markdown(mentee.name)} from your mentees.")
            st.rerun()
