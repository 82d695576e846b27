"""Curriculum: browse the learning activities, and replace them with an organisation's own."""

import streamlit as st

from planner.domain import curriculum
from planner.io import curriculum_io, curriculum_sheets
from planner.services import shared_data
from ui import context, uploads
from ui.datatable import show_table
from ui.session import kept
from ui.text import escape_markdown

fw = context.the_framework()

context.start_page("Curriculum")
cur = context.the_curriculum()
imported = context.curriculum_is_imported()

st.markdown(
    "The curriculum is the list of learning and development activities the app recommends from. "
    "Each activity says which framework indicators it develops, and how much."
)
if imported:
    st.success(f"You are using your organisation's own curriculum: {len(cur.activities)} activities.")
else:
    st.warning(f"You are using the sample curriculum shipped with the app. {cur.note}")
elsewhere = context.curriculum_not_for_this_framework()
if elsewhere:
    st.warning(escape_markdown(elsewhere))

# --- Browse ----------------------------------------------------------------------------------
st.header("Browse the activities")
providers = sorted({a.provider for a in cur.activities})
formats = sorted({a.format for a in cur.activities})
a, b, c = st.columns(3)
chosen_providers = a.multiselect("Provider", providers, key="cur_providers", placeholder="Any provider")
chosen_formats = b.multiselect("Format", formats, key="cur_formats", placeholder="Any format")
chosen_categories = c.multiselect("Kind of learning", list(curriculum.CATEGORY_LABELS),
                                  format_func=curriculum.CATEGORY_LABELS.get, key="cur_categories",
                                  placeholder="Any kind")
d, e, f, g = st.columns(4)
skill_names = {s.number: f"Skill {s.number}" for s in fw.skills}
chosen_skills = d.multiselect("Develops skill", list(skill_names), format_func=skill_names.get, key="cur_skills",
                              placeholder="Any skill", help="; ".join(f"Skill {s.number}: {s.name}" for s in fw.skills))
chosen_levels = e.multiselect("Level", [lv.number for lv in fw.levels], key="cur_levels", placeholder="Any level")
most_cost = float(max([0.0, *(x.cost for x in cur.activities)]))
most_hours = float(max([1.0, *(x.hours for x in cur.activities)]))
if (kept()["cur_filter_ranges"] != (most_cost, most_hours)
        or "cur_max_cost" not in st.session_state or "cur_max_hours" not in st.session_state):
    # A new curriculum (or a first visit) starts the filters at its own dearest and longest activity.
    kept()["cur_filter_ranges"] = (most_cost, most_hours)
    st.session_state["cur_max_cost"] = most_cost
    st.session_state["cur_max_hours"] = most_hours
max_cost = f.number_input("Costs at most (£)", min_value=0.0, step=50.0, key="cur_max_cost")
max_hours = g.number_input("Takes at most (hours)", min_value=0.0, step=5.0, key="cur_max_hours")

skill_of = {ind.code: ind.skill for ind in fw.indicators}
shown = [
    x for x in cur.activities
    if (not chosen_providers or x.provider in chosen_providers)
    and (not chosen_formats or x.format in chosen_formats)
    and (not chosen_categories or x.category in chosen_categories)
    and (not chosen_skills or any(skill_of.get(code) in chosen_skills for code in x.indicators))
    and (not chosen_levels or x.level in chosen_levels)
    and x.cost <= max_cost and x.hours <= max_hours
]
st.markdown(f"**{len(shown)} of {len(cur.activities)} activities match.**")
show_table(
    [
        {
            "Title": x.title,
            "Provider": x.provider,
            "Format": x.format,
            "Kind of learning": curriculum.CATEGORY_LABELS[x.category],
            "Level": x.level,
            "Hours": x.hours,
            "Cost (£)": x.cost,
            "Develops": ", ".join(f"{d.indicator} (+{d.points})" for d in x.develops),
            "Needs first": ", ".join(x.prerequisites)
            + (f"{'; ' if x.prerequisites else ''}{x.min_years_experience:g} years' experience"
               if x.min_years_experience else ""),
            "Link": x.link or "",  # blank, not "None", for an activity with no link
            "Description": x.description,
        }
        for x in shown
    ],
    column_config={"Link": st.column_config.LinkColumn("Link"),
                   "Cost (£)": st.column_config.NumberColumn("Cost (£)", format="£%.0f")})

with st.expander("How well the curriculum covers each indicator"):
    counts = curriculum.coverage_counts(cur, fw)
    thin = [code for code, n in counts.items() if n < 2]
    if thin:
        st.warning(f"These indicators have fewer than two activities: {', '.join(thin)}.")
    else:
        st.markdown("Every indicator is developed by at least two activities.")
    show_table([{"Indicator": code, "Statement": fw.indicator(code).statement, "Activities": n}
                for code, n in counts.items()])

# --- Download and import ---------------------------------------------------------------------
actor = context.shared_data_actor()
st.header("Download")
if actor.manages_shared_data:
    col1, col2, col3 = st.columns(3)
    uploads.template_download(col1, lambda: curriculum_sheets.template_csv(fw), "curriculum-template.csv",
                              "cur_download_template")
else:
    col2, col3 = st.columns(2)  # the template is for making an import, which only an admin does
col2.download_button("Current curriculum (CSV)", data=lambda: curriculum_sheets.curriculum_csv(cur),
                     file_name="curriculum.csv", mime="text/csv", key="cur_download_csv", on_click="ignore")
col3.download_button("Current curriculum (Excel)", data=lambda: curriculum_sheets.curriculum_xlsx(cur, fw),
                     file_name="curriculum.xlsx",
                     mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     key="cur_download_xlsx", on_click="ignore")
with st.expander("What each column means"):
    for line in curriculum_sheets.column_guide(fw):
        st.markdown(f"- {line}")  # the app's own words, not a person's text

if not actor.manages_shared_data:
    st.header("Changing the curriculum")
    st.info(shared_data.only_admins_change(shared_data.CURRICULUM), icon=":material/lock:")
else:
    st.header("Replace the curriculum")
    st.markdown(
        "Upload your organisation's curriculum as a CSV or Excel file (use the template's columns) or "
        "as JSON. Every row is checked first. If anything is wrong, you get the full list of problems, "
        "by row and column, and nothing is replaced."
    )
    uploads.replace_from_upload(
        key="cur", subject="curriculum", file_label="Curriculum file",
        read=lambda data, name: curriculum_io.read_curriculum(data, name, fw),
        save=lambda new: shared_data.replace_curriculum(context.repository(), actor, new.curriculum),
        done=lambda new: [f"Imported {len(new.curriculum.activities)} activities. They replace the previous "
                          "curriculum.", *(escape_markdown(note) for note in new.notes)],
    )
    if imported:
        uploads.back_to_shipped(key="cur_use_sample", heading="Go back to the sample",
                                button="Use the sample curriculum again",
                                message="You are using the sample curriculum again.",
                                remove=lambda: shared_data.remove_curriculum(context.repository(), actor))
