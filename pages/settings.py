"""Settings: the grade-to-level alignment and other choices for this installation."""

import pandas as pd
import streamlit as st

from planner import store
from planner.domain import framework, wording
from planner.domain import settings as settings_rules
from planner.services import shared_data
from ui import context, signin
from ui.datatable import show_table

repo = context.repository()
fw = context.the_framework()
ladder = context.the_grades()
saved = context.settings()
current = context.grade_levels()
guide = framework.default_grade_levels(fw, ladder)

context.start_page("Settings")

actor = context.shared_data_actor()
level_names = {lv.number: f"Level {lv.number}: {lv.name}" for lv in fw.levels}
rows = [
    {
        "Grade": context.grade_label(g.code),
        "Level": level_names[current[g.code]],
        "Framework's guide": level_names[guide[g.code]],
    }
    for g in ladder.grades
]

st.header("Grades and levels")
if not actor.manages_shared_data:
    st.markdown(
        "The framework level expected at each grade, as this installation has set it. The app uses it to set "
        "your target when you pick a target grade. The framework aligns levels with grades as **a guide "
        "only**, so an organisation may set its own."
    )
    show_table(rows, key="settings_grade_levels_shown")
    months_in_grade = wording.counted(saved.min_months_in_grade, "month")
    st.markdown(f"Usual minimum time in a grade before promotion: **{months_in_grade}**. "
                "Career routes use this to estimate how long each step takes.")
    st.info(shared_data.only_admins_change(shared_data.SETTINGS), icon=":material/lock:")
else:
    st.markdown(
        "Choose the framework level expected at each grade. The app uses it to set your target "
        "when you pick a target grade. The framework aligns levels with grades as **a guide "
        "only**, so you can change it to fit your organisation."
    )
    edited = st.data_editor(
        pd.DataFrame(rows),
        key="settings_grade_levels",
        hide_index=True,
        disabled=["Grade", "Framework's guide"],
        column_config={
            "Level": st.column_config.SelectboxColumn(
                "Level", options=list(level_names.values()), required=True,
                help="The level a person at this grade is expected to meet.",
            )
        },
        width="stretch",
    )
    months = st.number_input(
        "Usual minimum time in a grade before promotion (months)",
        min_value=0, max_value=60, value=saved.min_months_in_grade, step=1,
        key="settings_min_months",
        help="No official minimum exists. Some departments ask for 6 to 18 months. "
        "Career routes use this to estimate how long each step takes.",
    )

    save_col, reset_col = st.columns(2)
    if save_col.button("Save settings", type="primary", key="settings_save"):
        with context.plain_errors():
            by_label = {label: number for number, label in level_names.items()}
            chosen = {g.code: by_label.get(edited.iloc[i]["Level"]) for i, g in enumerate(ladder.grades)}
            shared_data.save_settings(repo, actor, settings_rules.updated(saved, fw, ladder, chosen, int(months)))
            context.flash("Saved the settings.")
            st.rerun()
    if reset_col.button("Go back to the framework's guide", key="settings_reset"):
        with context.plain_errors():
            shared_data.save_settings(repo, actor, settings_rules.updated(saved, fw, ladder, dict(guide),
                                                                          saved.min_months_in_grade))
            context.flash("The grade alignment is back to the framework's guide.")
            st.rerun()

st.header("Where your data is kept")
if signin.on_server():
    # Where the server keeps everyone's files is for those who run it, not for every person signed in.
    st.markdown("Profiles, assessments and plans are kept on this server. Each person sees only their own, "
                "and what others choose to share with them.")
elif context.database_url():
    st.markdown("Profiles, assessments and plans are kept in the PostgreSQL database that the environment "
                "variable `KIM_PATHWAYS_DATABASE_URL` names. Unset it to keep them in a folder on this "
                "computer instead.")
else:
    st.markdown(
        "Profiles, assessments and plans are saved on this computer, in the folder below. To keep "
        "them somewhere else, set the environment variable `KIM_PATHWAYS_DATA_DIR` before starting "
        "the app."
    )
    st.code(str(store.default_data_dir()), language=None)
