"""Framework explorer: every skill, level and indicator, searchable, with the grade alignment."""

import streamlit as st

from planner.domain import framework, wording
from ui import context
from ui.datatable import show_table

fw = context.the_framework()
ladder = context.the_grades()

context.start_page("Framework explorer")
example = framework.example_indicator(fw)
st.markdown(
    f"The {fw.title} has {len(fw.skills)} skills at {len(fw.levels)} levels, described by "
    f"{len(fw.indicators)} numbered indicators. A code such as **{example.code}** means level {example.level}, "
    f"skill {example.skill}, statement {example.number} there. Skills are cumulative: a higher level assumes "
    "the skills of the levels below it."
)

with st.expander(f"The {wording.number_word(len(fw.skills))} skills and {wording.number_word(len(fw.levels))} "
                 "levels", expanded=False):
    st.header("Skills")
    for skill in fw.skills:
        st.markdown(f"**Skill {skill.number}: {skill.name}**  \n{skill.description}")
    st.header("Levels")
    for level in fw.levels:
        st.markdown(f"**{level.title} ({level.grade_guide})**  \n{level.description}")

st.header("Find indicators")
code_start = example.code.rsplit("-" if "-" in example.code else ".", 1)[0]  # such as 2.3 or DM-2
query = st.text_input(
    "Search by words or codes",
    key="framework_search",
    placeholder=f"For example: a word from a statement, {code_start} or {fw.indicators[-1].code}",
    help=f"Words match the statements; the start of a code, such as {code_start}, matches codes that start with it.",
)
col_skill, col_level = st.columns(2)
skill_names = {s.number: f"Skill {s.number}: {s.name}" for s in fw.skills}
level_names = {lv.number: f"{lv.title} ({lv.grade_guide})" for lv in fw.levels}
chosen_skills = col_skill.multiselect(
    "Skills to show", options=list(skill_names), format_func=skill_names.get, key="framework_skills",
    placeholder="All skills",
)
chosen_levels = col_level.multiselect(
    "Levels to show", options=list(level_names), format_func=level_names.get, key="framework_levels",
    placeholder="All levels",
)

found = [
    ind
    for ind in framework.search_indicators(fw, query)
    if (not chosen_skills or ind.skill in chosen_skills)
    and (not chosen_levels or ind.level in chosen_levels)
]
filtered = bool(query.strip() or chosen_skills or chosen_levels)
if filtered:
    st.markdown(f"**{len(found)} of {len(fw.indicators)} indicators match.**")
if not found:
    st.warning("No indicator matches. Try fewer or different words, or clear the filters.")

levels_shown = sorted({ind.level for ind in found})
skills_shown = [s for s in fw.skills if not chosen_skills or s.number in chosen_skills]
for level_number in levels_shown:
    level = fw.level(level_number)
    st.subheader(f"{level.title} ({level.grade_guide})")
    columns = st.columns(len(skills_shown))
    for column, skill in zip(columns, skills_shown):
        with column:
            st.markdown(f"**Skill {skill.number}: {skill.name}**")
            in_cell = [i for i in found if i.level == level_number and i.skill == skill.number]
            if not in_cell:
                st.caption("No matching indicators.")
            for ind in in_cell:
                st.markdown(f"**{ind.code}** {ind.statement}")

if found:
    with st.expander("The same indicators as a table"):
        show_table(
            [
                {
                    "Code": i.code,
                    "Level": fw.level(i.level).name,
                    "Skill": fw.skill(i.skill).name,
                    "Statement": i.statement,
                }
                for i in found
            ])

st.header("Grades and levels")
st.markdown(
    "Each level is aligned with Civil Service grades. The framework says this alignment is "
    "**a guide only**:"
)
st.caption(fw.grade_alignment_note)
levels_by_grade = context.grade_levels()
guide = framework.default_grade_levels(fw, ladder)
show_table(
    [
        {
            "Grade": g.name if g.code in g.name else f"{g.name} ({g.code})",
            "Level used in this app": f"Level {levels_by_grade[g.code]}: "
            f"{fw.level(levels_by_grade[g.code]).name}",
            "Framework's guide": f"Level {guide[g.code]}: {fw.level(guide[g.code]).name}",
        }
        for g in ladder.grades
    ])
st.page_link("pages/settings.py", label="Change the grade alignment in Settings", icon=":material/settings:")
