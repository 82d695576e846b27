"""Career paths: explore roles, blend them, and plan a route from where you are to where you want to be.

Where the roles in use are written for another framework than the one in use, targets are by grade only.
"""

from dataclasses import replace
from datetime import date

import streamlit as st

from planner.domain import in_grade, plan, progression, recommend, tables, wording
from planner.domain import roles as roles_module
from planner.domain.models import utc_now
from planner.errors import PlannerError
from planner.services import plans
from ui import behaviour_examples, charts, choices, context, grade_only, roles_data
from ui.datatable import show_table
from ui.session import kept
from ui.text import escape_markdown

repo = context.repository()
fw = context.the_framework()
ladder = context.the_grades()
today = date.today()

context.start_page("Career paths")
in_use = context.roles_in_use()
if in_use is None:
    # Roles written for another framework name other skills' levels: never applied to this one.
    st.markdown("See the level each grade asks in the framework in use, and how far you are from each grade "
                "between yours and the one you want.")
    st.warning(escape_markdown(context.roles_not_applied()))
    roles_data.roles_data_section()
    grade_only.targets_by_grade(fw, ladder)
    st.stop()
all_roles = in_use
role_names = {r.id: r.name for r in all_roles.roles}
st.markdown(
    "See what each role does and needs at each grade, and plan a route from your role and "
    "grade to the one you want."
)
st.caption(escape_markdown(all_roles.note))


def levels_text(levels: dict[int, int]) -> str:
    return ", ".join(f"skill {s}: level {lv}" for s, lv in sorted(levels.items()))


def role_table(role_id: str) -> list[dict[str, object]]:
    role = all_roles.role(role_id)
    return [
        {
            "Grade": context.grade_label(at.grade),
            **{f"Skill {s.number} level": at.levels.get(s.number, 0) for s in fw.skills},
            "Leans most on": ", ".join(at.key_indicators),
            "Common moves": "; ".join(
                f"{'promotion' if m.kind == 'promotion' else 'lateral move'} to {role_names[m.to_role]} "
                f"({m.to_grade})" for m in at.moves) or "Promotion within the role",
        }
        for at in role.grades
    ]


# --- Role explorer ---------------------------------------------------------------------------
st.header("Explore roles")
ids = list(role_names)
left, right = st.columns(2)
first = left.selectbox("Role", ids, format_func=role_names.get, key="careers_role_a")
second = right.selectbox("Compare with (optional)", ids, format_func=role_names.get, index=None,
                         placeholder="No second role", key="careers_role_b")
for column, role_id in ((left, first), (right, second)):
    if role_id is None:
        continue
    role = all_roles.role(role_id)
    with column:
        st.subheader(role.name)
        st.caption("Core role" if role.kind == "core" else "Allied role")
        st.markdown(role.description)
        show_table(role_table(role_id))
        with st.expander(f"The indicators a {role.name.lower()} leans on most"):
            for code in roles_module.blended_key_indicators(role.grades):
                st.markdown(f"**{code}** {fw.indicator(code).statement}")

st.subheader("A post that combines roles")
st.markdown("One post may combine several core roles (\u201cpick and mix\u201d). Each skill takes the highest level "
            "any of the chosen roles needs at that grade.")
b1, b2 = st.columns([2, 1])
blend_ids = b1.multiselect("Roles to combine", ids, format_func=role_names.get, key="careers_blend_roles",
                           placeholder="Choose two or more roles")
blend_grade = b2.selectbox("At grade", ladder.codes, format_func=context.grade_label, key="careers_blend_grade",
                           index=ladder.codes.index("HEO") if "HEO" in ladder.codes else 0)
if blend_ids:
    found_at = [all_roles.role(r).at(blend_grade) for r in blend_ids]
    missing = [role_names[r] for r, at in zip(blend_ids, found_at) if at is None]
    if missing:
        st.warning(f"Not found at {blend_grade}: {', '.join(missing)}. They are left out of the blend.")
    present = [at for at in found_at if at is not None]
    if present:
        blended = roles_module.blend(present)
        st.markdown(f"**The blended post asks for:** {levels_text(blended)}.")
        key = roles_module.blended_key_indicators(present)
        if key:
            st.markdown("**It leans most on:** " + ", ".join(key))

roles_data.roles_data_section()

# --- Route planner ---------------------------------------------------------------------------
st.header("Plan your route")
profile = context.current_profile()
if profile is None:
    st.info("Choose or create a profile to plan a route from your own role and grade.")
    st.page_link("pages/profile.py", label="Go to Your profile", icon=":material/person:")
    st.stop()

me = context.picture_of(profile)
ratings = me.ratings
if not ratings:
    st.info("Rate yourself first: routes are timed from your gaps. Until then every indicator counts as a gap.")

start_role = all_roles.find(profile.current_role)
goal_role = all_roles.find(profile.target_role)
c1, c2 = st.columns(2)
from_role = c1.selectbox("From role", ids, format_func=role_names.get, key="careers_from_role",
                         index=ids.index(start_role.id) if start_role else 0)
from_grade = c1.selectbox("From grade", ladder.codes, format_func=context.grade_label, key="careers_from_grade",
                          index=ladder.codes.index(profile.current_grade)
                          if profile.current_grade in ladder.codes else 0)
to_role = c2.selectbox("To role", ids, format_func=role_names.get, key="careers_to_role",
                       index=ids.index(goal_role.id) if goal_role else ids.index(from_role))
default_goal = profile.target_grade or profile.current_grade
to_grade = c2.selectbox("To grade", ladder.codes, format_func=context.grade_label, key="careers_to_grade",
                        index=ladder.codes.index(default_goal) if default_goal in ladder.codes else 0)
constraints = kept()["recommend_constraints"] or recommend.Constraints()
h1, h2 = st.columns(2)
hours = h1.number_input("Hours a month for development", min_value=0.5, max_value=200.0,
                        value=float(constraints.hours_per_month), step=0.5, key="careers_hours")
budget = h2.number_input("Budget for each step (£)", min_value=0.0, max_value=1_000_000.0,
                         value=float(constraints.budget), step=50.0, key="careers_budget")
saved_settings = context.settings()
served = in_grade.time_in_grade(from_grade, profile.grade_since, saved_settings.min_months_in_grade, today,
                                current_grade=profile.current_grade)
timing = progression.Settings(min_months_in_grade=saved_settings.min_months_in_grade,
                              months_left_in_grade=served.months_left)
st.caption(f"Promotions take at least {timing.min_months_in_grade} months in grade (change this in Settings). "
           f"{progression.GUIDE_ONLY}")
st.markdown(f"**Time in grade:** {served.sentence}")
if served.since is None and served.not_current is None:
    st.page_link("pages/profile.py", label="Add when you started in your grade on Your profile",
                 icon=":material/event:")



try:
    found = context.routes(
        progression.Place(from_role, from_grade), progression.Place(to_role, to_grade), ratings,
        replace(constraints, hours_per_month=hours, budget=budget), timing,
    )
except PlannerError as exc:
    st.error(escape_markdown(str(exc)))
    st.stop()

if not found[0].steps:
    st.success("You are already there: your current role and grade are your target.")
    st.stop()

by_key = {r.key: r for r in found}
labels = {r.key: f"{'Fastest route' if n == 0 else f'Alternative {n}'}: about {r.months:.0f} months"
          for n, r in enumerate(found)}
# One route at a time keeps the page short to read and quick to redraw. Each option is a route
# itself, so the route chosen stays chosen when new hours change its months (and its label).
choices.keep_choice("careers_route_choice", list(by_key))
chosen = st.radio("Route to show", list(by_key), horizontal=True, key="careers_route_choice", format_func=labels.get)
route = by_key[chosen]
held = plan.commitments(me.plan_items, context.the_curriculum())
# Said in words, not by colour, beside each activity of the route's steps.
marks = {i: " *(already in your plan)*" for i in held.in_plan} | {i: " *(done already)*" for i in held.done}
path = " → ".join(f"{role_names[p.role_id]} ({p.grade})" for p in route.places)
st.markdown(f"**{path}**")
rows = progression.timeline_rows(route, all_roles, today)
charts.show("route_timeline", rows,
            "Timeline of the route's steps from today, with each step's move and months. "
            "The table below gives the same dates.")
show_table([
    {"Step": r["step"], "Move": r["kind"], "From": wording.long_date(date.fromisoformat(r["start"])),
     "To": wording.long_date(date.fromisoformat(r["end"])), "Months": r["months"],
     "Gaps to close": r["gaps"], "Activities": r["activities"]} for r in rows
])
first_step = route.steps[0]
ready = progression.readiness(fw, ratings, first_step.levels, timing.nearly_ready_gaps,
                              served if first_step.kind == "promotion" else None)
st.markdown(f"**Your next step, {role_names[first_step.end.role_id]} at {first_step.end.grade}:** "
            f"{ready.sentence}")
behaviour_examples.expected_at_grade(first_step.end.grade, profile)
for number, step in enumerate(route.steps, start=1):
    with st.expander(f"Step {number}: {'promotion' if step.kind == 'promotion' else 'lateral move'} to "
                     f"{role_names[step.end.role_id]} at {step.end.grade}, about {step.months:.0f} months"):
        lines = [f"**Levels it needs:** {levels_text(step.levels)}.",
                 f"**Time:** about {step.months:.0f} months: {step.why_months}."]
        if step.gaps:
            lines.append(f"**Your gaps for it ({len(step.gaps)}):** " + ", ".join(g.code for g in step.gaps))
        else:
            lines.append("**Your gaps for it:** none beyond earlier steps.")
        if step.activities:
            lines.append("**Activities for those gaps:**\n" + "\n".join(
                f"- {escape_markdown(rec.activity.title)} ({escape_markdown(rec.activity.provider)}): "
                f"{escape_markdown(rec.reason)}{marks.get(rec.activity.id, '')}" for rec in step.activities))
        st.markdown("\n\n".join(lines))
if st.button("Add this route's activities to my plan", key="careers_add"):
    with context.plain_errors():
        context.flash(plans.add_route(repo, context.actor_of(profile), route, context.the_curriculum(), today,
                                      hours, fw, utc_now()))
        st.rerun()

with st.expander("Where you stand now, as a table"):
    show_table(tables.skill_profile_table(fw, ratings, found[0].steps[-1].levels))
