"""Gaps and progress: where a person stands, what stands between them and their target, change over time."""

import streamlit as st

from planner.domain import assessment, mentor_view, tables, wording
from ui import charts, context, history, line_manager
from ui.datatable import show_table
from ui.text import escape_markdown

repo = context.repository()
fw = context.the_framework()
ladder = context.the_grades()

context.start_page("Gaps and progress")
profile = context.require_profile()
levels_by_grade = context.grade_levels()

me = context.picture_of(profile)
snapshots, draft = me.own, me.draft
mentors_views = mentor_view.latest_by_mentor(me.assessments)
if not snapshots and (draft is None or not draft.ratings):
    st.info("You have not rated yourself yet. Rate yourself first, then come back to see your gaps.")
    st.page_link("pages/assess.py", label="Assess yourself", icon=":material/checklist:")
    st.stop()

# --- Which ratings, and which target ---------------------------------------------------------
names = assessment.snapshot_names(snapshots)
# Gaps are read against the version in use, so only its own ratings are offered, and those the crosswalk
# carries from an earlier version; every earlier assessment is shown as it was under "Your assessments".
in_version = [snap for snap in snapshots if snap.framework_version == fw.ref]
sources: dict[str, tuple[str, dict]] = {
    snap.id: (f"Assessment of {names[snap.id]}", snap.ratings) for snap in in_version
}
if me.carried is not None:
    sources["carried"] = (f"Carried to version {fw.version} from your ratings in version {me.carried.old.version}",
                          me.carried.carried.ratings)
# A draft that gives the same scores as the last assessment would only repeat it.
draft_here = draft if draft is not None and draft.framework_version == fw.ref else None
repeats_last = bool(draft_here and in_version and assessment.same_scores(draft_here.ratings, in_version[0].ratings))
if draft_here is not None and draft_here.ratings and not repeats_last:
    sources["draft"] = ("Your draft (not saved as an assessment yet)", draft_here.ratings)
if not sources:
    st.info(f"You have no ratings in version {fw.version} of the framework yet. Start your next assessment on "
            "Assess yourself: your earlier ratings carry across where the new version keeps their indicators.")
    st.page_link("pages/assess.py", label="Assess yourself", icon=":material/checklist:")
    history.every_snapshot_as_it_was(fw, snapshots)
    st.stop()
left, right = st.columns(2)
source = left.selectbox(
    "Ratings to use", list(sources), format_func=lambda k: sources[k][0], key="gaps_source"
)
ratings = sources[source][1]

target_kinds = {
    "grade": f"My target grade ({context.grade_label(profile.target_grade)})" if profile.target_grade
    else "My current grade, as I have no target grade",
    "other_grade": "Another grade",
    "by_hand": "Skill by skill",
}
kind = right.radio("Set the target from", list(target_kinds), format_func=target_kinds.get, key="gaps_target_kind")
target_label: str | None
target = None
with context.plain_errors():
    if kind == "grade":
        grade = profile.target_grade or profile.current_grade
        target = assessment.target_from_grade(fw, grade, levels_by_grade)
        target_label = grade
    elif kind == "other_grade":
        grade = right.selectbox("Grade", ladder.codes, format_func=context.grade_label, key="gaps_other_grade",
                                index=ladder.codes.index(profile.current_grade)
                                if profile.current_grade in ladder.codes else 0)
        target = assessment.target_from_grade(fw, grade, levels_by_grade)
        target_label = grade
    else:
        columns = st.columns(min(len(fw.skills), 3))
        chosen = {
            skill.number: columns[i % len(columns)].selectbox(
                f"Target level for skill {skill.number}", list(range(fw.top_level + 1)), index=min(2, fw.top_level),
                key=f"gaps_hand_{skill.number}", help=skill.name,
            )
            for i, skill in enumerate(fw.skills)
        }
        target = assessment.target_by_hand(fw, chosen)
        target_label = None
st.caption("Grades are aligned with levels as a guide only. Your organisation may expect more or less.")
if target is None:
    st.stop()  # the error above says why; nothing below can be worked out without a target

# --- Summary ---------------------------------------------------------------------------------
st.header("Summary")
for sentence in assessment.summary(fw, ratings, target, target_label):
    st.markdown(f"- {sentence}")

found = assessment.gaps(fw, ratings, target)

st.header("Your skill profile")
charts.show("skill_profile", tables.skill_profile_rows(fw, ratings, target),
            "Bar chart of your attained and target level in each skill. The table below gives the same figures.",
            top_level=fw.top_level)
st.markdown("**The same as a table**, with how many indicators you meet at each level:")
show_table(tables.skill_profile_table(fw, ratings, target))
st.caption(assessment.LEVEL_RULE)

st.header("Your gaps")
if found:
    st.markdown(
        f"{wording.counted(len(found), 'indicator')} {'stands' if len(found) == 1 else 'stand'} between you and "
        f"your target, a shortfall of "
        f"{wording.counted(assessment.total_shortfall(found), 'point')}. Lower levels come first."
    )
    show_table(tables.gap_table(fw, found))
else:
    st.success("You have no gaps against this target.")

st.header("Your mentor's view")
if not mentors_views:
    st.info("No mentor has rated you yet. When your mentor sends you their file, import it on My plan: "
            "their ratings and comments then appear here beside your own.")
for view in mentors_views:
    mentor_name = view.assessor_name or "Your mentor"
    own_rows = mentor_view.indicator_rows(fw, ratings, view.ratings)
    st.subheader(f"{escape_markdown(mentor_name)}, {wording.long_date(view.taken_on)}")
    flagged = mentor_view.flagged_codes(fw, ratings, view.ratings)
    st.text(
        f"{mentor_name} rated {len(own_rows)} indicator{'s' if len(own_rows) != 1 else ''}. "
        f"Beside them is your rating from {sources[source][0][0].lower() + sources[source][0][1:]}."
        + (f" {len(flagged)} {'is' if len(flagged) == 1 else 'are'} rated 2 or more points apart: "
           f"{', '.join(flagged)}." if flagged else "")
    )
    if view.comment.strip():
        st.markdown(f"**{escape_markdown(mentor_name)}'s overall comment**")
        st.text(view.comment)
    show_table(own_rows, key=f"gaps_mentor_{view.id}")
    st.markdown("**Averages in each skill**, over only the indicators you both rated:")
    show_table(mentor_view.skill_rows(fw, ratings, view.ratings), key=f"gaps_mentor_skills_{view.id}")

line_manager.show_validated(repo, profile, mentors_views)

st.header("Every indicator")
level_of = {ind.code: ind.level for ind in fw.indicators}
scope = max([*target.values(), max((level_of[c] for c in ratings if c in level_of), default=1)])
charts.show("indicator_heatmap", tables.heatmap_rows(fw, ratings, scope),
            "Grid of every indicator in scope, marked met, not met or not rated. "
            "The table under 'The same as a table' gives the same information.", width="content")
st.caption("✓ met (rated 3 or 4), ✗ not met (rated 0 to 2), ? not rated.")
with st.expander("The same as a table"):
    show_table(tables.heatmap_table(fw, ratings, scope))

st.header("Progress over time")
if len(snapshots) < 2:
    st.info("Save another assessment later to see how you have changed.")
if len(snapshots) >= 2:
    charts.show("progress_over_time", tables.progress_rows(fw, snapshots, context.framework_of),
                "Line chart of your attained level in each skill at each assessment. "
                "The table below gives the same figures.", top_level=fw.top_level)
if snapshots:
    show_table(tables.progress_table(fw, snapshots, context.framework_of))
    st.caption(assessment.LEVEL_RULE)
    history.every_snapshot_as_it_was(fw, snapshots)
if len(snapshots) >= 2 and snapshots[0].framework_version != snapshots[1].framework_version:
    st.subheader(f"What changed from {names[snapshots[1].id]} to {names[snapshots[0].id]}")
    st.markdown(f"These two were made with different versions of the framework (version "
                f"{escape_markdown(snapshots[1].framework_version.version)} and version "
                f"{escape_markdown(snapshots[0].framework_version.version)}), so they are compared by level "
                "in the table above, not indicator by indicator.")
elif len(snapshots) >= 2:
    newer, older = snapshots[0], snapshots[1]
    diff = assessment.difference(older, newer)
    st.subheader(
        f"What changed from {names[older.id]} to {names[newer.id]}"
    )
    if diff.is_empty:
        st.markdown("Nothing changed between these two assessments.")

    def describe(changes) -> str:
        return ", ".join(f"{c.code} ({c.before if c.before is not None else 'not rated'} to "
                         f"{c.after if c.after is not None else 'not rated'})" for c in changes)

    for label, changes in (("Improved", diff.improved), ("Fell back", diff.fell_back),
                           ("Rated for the first time", diff.newly_rated)):
        if changes:
            st.markdown(f"**{label}:** {describe(changes)}")
    if diff.newly_met:
        st.markdown(f"**Now met:** {', '.join(diff.newly_met)}")
    if diff.no_longer_met:
        st.markdown(f"**No longer met:** {', '.join(diff.no_longer_met)}")
