"""Team capability: a line manager's or profession lead's view of a team against the framework."""

from datetime import date

import pandas as pd
import streamlit as st

from planner.documents import downloads
from planner.domain import team, team_learning, team_tables, team_trends
from planner.domain.models import Assessment
from planner.services import team as team_service
from ui import charts, context, signin, team_sharing
from ui.datatable import show_table
from ui.session import kept
from ui.text import escape_markdown

HEATMAP_LIMIT = 40  # people drawn in the heatmap at most; the table below it and the CSV have everyone

repo = context.repository()
fw = context.the_framework()
today = date.today()

context.start_page("Team capability")
st.markdown(
    "See a team's skills side by side: how many meet each level, the gaps most people share, who "
    "could coach whom, how the team's ratings changed quarter by quarter, and the learning that would close the "
    "most gaps for the money and time you have. Each person is measured against their own target grade, using "
    "their latest self-assessment."
)
# On a department's server a lead sees only people who joined one of their teams (planner.services.teams);
# on one's own computer, anyone who uses the installation can be chosen, as before.
on_server = signin.on_server()
me = context.acting() if on_server else None
if on_server and me is None:
    st.stop()  # app.py asks to sign in first; this is only a guard
if on_server:
    st.info(
        "Saved on this server: the teams you make, the addresses you invite and each person's answer. No copy "
        "of anyone's ratings is saved: the profile and self-assessments of each person who joined (the latest, "
        "and the earlier ones for the trend over time) are read afresh each time this page is drawn, and each "
        "look is recorded for them. Not saved: the files you upload, the years of experience you enter and "
        "everything worked out below, which stay in this browser session only and are forgotten when you leave "
        "this page or close the browser.",
        icon=":material/lock:",
    )
else:
    st.info(
        "Nothing on this page is saved. The people you choose and the files you upload stay in this browser "
        "session only, and are forgotten when you leave this page or close the browser.",
        icon=":material/lock:",
    )
led_team = team_sharing.show_for_lead(repo, me) if me is not None else None

# --- Who is in the team ----------------------------------------------------------------------
st.header("Who is in the team")
left, right = st.columns(2)
with left:
    if on_server:
        chosen_ids = []
        if led_team is None:
            st.caption("Make a team above and invite people: those who join appear here. Or upload share files.")
    else:
        refs = repo.list_profiles()
        names = {ref.id: ref.name for ref in refs}
        if refs:
            chosen_ids = st.multiselect(
                "People who use this installation", list(names), format_func=names.get, key="team_local_profiles",
                placeholder="Choose people",
            )
        else:
            chosen_ids = []
            st.caption("No one has a profile in this installation yet. Upload share files instead.")
with right:
    uploads = st.file_uploader(
        "Share files (JSON, up to 5 MB each)", type=["json"], accept_multiple_files=True, key="team_share_files",
        help="Each person downloads their plan on My plan, as 'JSON, to import on another computer', "
             "and sends it to you. One file per person: if you upload two of the same person, the newer is used.",
    )
hide_names = st.checkbox(
    "Hide names", key="team_hide_names",
    help="Shows Person 1, Person 2 and so on instead of names, the same in every table, chart and download. "
         "The names of the files you upload still show in the upload box.",
)

members: list[team.Member] = []
with context.plain_errors():
    if me is not None:
        with left:
            local = team_sharing.joined_members(repo, me, led_team) if led_team is not None else []
    else:
        profiles = [p for p in (repo.get_profile(pid) for pid in chosen_ids) if p is not None]
        local = team.members_from_profiles(profiles, {p.id: repo.list(Assessment, p.id) for p in profiles})
    shared = team_service.members_from_share_files([(f.name, f.getvalue()) for f in uploads or []])
    members, also_skipped = team.combine(local, shared)
    for note in shared.problems:
        st.error(f"**{escape_markdown(note.file_name)}** could not be read, so it was left out. "
                 f"{escape_markdown(note.reason)}")
    for note in [*shared.skipped, *also_skipped]:
        st.warning(f"**{escape_markdown(note.file_name)}**: {escape_markdown(note.reason)}")

if not members:
    st.info("When people join your team, or you upload their share files, the team's capability shows here."
            if on_server else
            "Choose people from this installation or upload their share files to see the team's capability.")
    st.stop()

# --- Filters ---------------------------------------------------------------------------------
grade_options, role_options = team.grades_and_roles(members, context.the_grades().codes)
for filter_key, options in (("team_filter_grades", grade_options), ("team_filter_roles", role_options)):
    if filter_key in st.session_state:  # a grade or role no one in the team holds any more is dropped
        st.session_state[filter_key] = [v for v in st.session_state[filter_key] if v in options]
by_grade, by_role = st.columns(2)
grades = by_grade.multiselect("Show only these grades", grade_options, format_func=context.grade_label,
                              key="team_filter_grades", placeholder="All grades",
                              help="Each person's current grade, from their profile.")
roles = by_role.multiselect("Show only these roles", role_options, key="team_filter_roles", placeholder="All roles",
                            help="Each person's current role, from their profile.")
shown = team.filtered(members, grades, roles)
scope = team_tables.filter_note(grades, roles, context.grade_label)
if not shown:
    st.warning(f"No one in the team matches the filters. {escape_markdown(scope)} Remove a grade or a role from "
               "the filters above to see people.")
    st.stop()
summary = None
with context.plain_errors():
    summary = team.summarise(fw, shown, context.grade_levels())
if summary is None:
    st.stop()

from_share = sum(m.source == "share" for m in summary.members)
people = "person" if summary.size == 1 else "people"
from_here = (f"who joined {escape_markdown(led_team.name)}" if led_team is not None else "who joined a team") \
    if on_server else "from this installation"
st.markdown(f"**{summary.size} {people}** in the team: {summary.size - from_share} {from_here} "
            f"and {from_share} from share files." if summary.size == len(members) else
            f"**Showing {summary.size} of {len(members)} people** in the team. {escape_markdown(scope)} "
            "The tables, charts and downloads below are of them only.")
for note in team_tables.target_notes(summary, hide_names):
    st.warning(escape_markdown(note))

# --- Skills and levels -----------------------------------------------------------------------
st.header("Skills and levels")
charts.show("team_levels", team_tables.levels_rows(summary),
            "Grid of the share of the team meeting each level of each skill, with the percentage in each "
            "cell. The table below gives the same figures.", width="content")
st.caption("A person meets a level of a skill when they meet every indicator of that skill at that level and "
           "below (rated 3 Competent or 4 Expert).")
show_table(team_tables.levels_table(summary), key="team_levels_table")

# --- Change over time ------------------------------------------------------------------------
st.header("Change over time")
trend = team_trends.quarterly(fw, summary.members, context.grade_levels(), today)
st.markdown(escape_markdown(" ".join(team_trends.changes(trend))))
trend_rows = team_tables.trend_rows(trend)
if trend_rows:
    charts.show("team_trend", trend_rows,
                "Line chart of the team's average rating in each skill, quarter by quarter, with the average "
                "printed at each point. The table below gives the same figures.")
st.caption(f"{team_trends.HOW_COUNTED} Quarters are calendar quarters: Q1 is January to March.")
show_table(team_tables.trend_table(trend), key="team_trend_table")

# --- Every person and indicator --------------------------------------------------------------
st.header("Every person and indicator")
if summary.size > HEATMAP_LIMIT:
    st.caption(f"The grid shows the first {HEATMAP_LIMIT} of {summary.size} people. "
               "The table under it and the CSV download have everyone.")
charts.show("team_heatmap", team_tables.heatmap_rows(summary, hide_names, limit=HEATMAP_LIMIT),
            "Grid of each person's rating of every indicator, marked could coach, met, not met or not rated. "
            "The table under 'The same as a table' gives the same information.", width="content")
st.caption("★ could coach (rated 4), ✓ met (rated 3), ✗ not met (rated 0 to 2), ? not rated.")
with st.expander("The same as a table"):
    show_table(team_tables.people_table(summary, hide_names, as_words=True), key="team_people_table")

# --- Shared gaps and coaching ----------------------------------------------------------------
st.header("Biggest shared gaps")
if summary.shared_gaps:
    st.markdown("Indicators the most people fall short of against their own target come first; "
                "then those with the largest total shortfall in points.")
    show_table(team_tables.shared_gaps_table(summary, hide_names), key="team_gaps_table")
else:
    st.success("No one in the team falls short of their target.")

st.header("Who could coach whom")
if summary.coaching:
    st.markdown("People rated 4 (Expert) on an indicator where others in the team have a gap, with a "
                "suggested pairing that shares the learners out among the coaches.")
    show_table(team_tables.coaching_table(summary, hide_names), key="team_coaching_table")
else:
    st.info("No one is rated 4 (Expert) on an indicator where someone else in the team has a gap.")

# --- Learning for the team -------------------------------------------------------------------
st.header("Activities for the team")
columns = st.columns(4)
constraints = team_learning.TeamConstraints(
    budget=columns[0].number_input("Team budget (£)", min_value=0.0, max_value=1_000_000.0, value=5_000.0,
                                   step=500.0, format="%.0f", key="team_budget"),
    hours_per_person_per_month=columns[1].number_input("Hours each person can give a month", min_value=0.5,
                                                       max_value=200.0, value=4.0, step=0.5, format="%.1f",
                                                       key="team_hours"),
    months=int(columns[2].number_input("Months to plan for", min_value=1, max_value=60, value=12, step=1,
                                       key="team_months")),
    max_items=int(columns[3].number_input("Most activities", min_value=1, max_value=30, value=6, step=1,
                                          key="team_max_items")),
)
st.caption("An activity costs its fee for each person who needs something it develops.")
st.markdown("**Years of KIM experience.** Some activities ask for years of experience first: each is for the "
            "people who have them. Leave a person blank if you do not know; they count as having none.")
ids = tuple(m.profile_id for m in summary.members)
if kept()["team_years_for"] != ids:
    # The editor's rows stand for other people now: start it again from the years kept by person.
    st.session_state.pop("team_years", None)
    kept()["team_years_for"] = ids
years_by_id = dict(kept()["team_years_by_id"] or {})
edited = st.data_editor(
    pd.DataFrame({"Name": team.display_names(summary.members, hide_names),
                  "Years of KIM experience": [years_by_id.get(pid) for pid in ids]}),
    key="team_years", hide_index=True, num_rows="fixed", disabled=["Name"], width="content",
    column_config={"Years of KIM experience": st.column_config.NumberColumn(
        "Years of KIM experience", min_value=0.0, max_value=team_learning.MOST_YEARS, step=0.5, format="%g")},
)
years_by_id |= {pid: None if pd.isna(value) else float(value)
                for pid, value in zip(ids, edited["Years of KIM experience"])}
kept()["team_years_by_id"] = years_by_id
plan = None
with context.plain_errors():
    plan = team_learning.recommend_for_team(team.with_years(summary, years_by_id), context.the_curriculum(),
                                            constraints)
if plan is not None:
    if plan.items:
        show_table(team_tables.activities_table(plan), key="team_activities_table")
    for note in plan.notes:
        st.markdown(f"- {note}")
    if plan.left_out:
        st.subheader("Left out, and why")
        show_table(team_tables.left_out_table(plan), key="team_left_out_table")

# --- Downloads -------------------------------------------------------------------------------
st.header("Download")
files = downloads.TeamDownloads(summary, plan, hide_names, today, trend,
                                led_team.name if led_team is not None else "", scope)
left, middle, right = st.columns(3)
left.download_button("Skills matrix (Excel)", data=files.xlsx, file_name=files.matrix_file_name(),
                     mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     key="team_download_xlsx", on_click="ignore",
                     help="Every person against every indicator with their latest rating and a key, and the trend "
                          "by quarter.")
middle.download_button("CSV of every person and indicator", data=files.csv, file_name=files.file_name("csv"),
                       mime="text/csv", key="team_download_csv", on_click="ignore")
right.download_button("PDF summary, to print or send", data=files.pdf, file_name=files.file_name("pdf"),
                      mime="application/pdf", key="team_download_pdf", on_click="ignore")
st.caption("Names are hidden in the downloads too when Hide names is ticked. The downloads hold only the people "
           "the filters show.")
