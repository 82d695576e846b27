"""What a browser session keeps between its runs and pages, beside its widgets' own values.

They are kept together in one session-state entry, each named once below with what it is for, so a
reader finds in one place everything a session carries from run to run. Streamlit also looks
through every session-state entry each time a page draws an input widget; the eighteen plain
entries these replace cost Assess yourself, with its twenty rating buttons, 1 to 2 ms a rerun
on a running server (within the run-to-run noise of bench/pages.py).
"""

from __future__ import annotations

import copy
from typing import Any

import streamlit as st

KEY = "kept"

DEFAULTS: dict[str, Any] = {
    "mentee_id": None,
    "report_id": None,  # Line reports: the id of the line management of the report last chosen
    "flash": [],
    # The person this browser session last used: told of their own data problems even after their
    # profile has vanished from the list (their file set aside), and never of anyone else's.
    "notice_profile_id": None,
    "plan_edits": None,  # My plan: table edits not saved yet, by item id (ui.plan_table)
    "plan_add_problem": None,  # My plan: why what was typed into a new item could not be kept (ui.plan_add)
    "plan_add_emptied": False,  # My plan: a new item was added, so its boxes start again (ui.plan_add)
    "plan_add_drawn_for": None,  # My plan: whose draft the new item's boxes were drawn with (ui.plan_add)
    # My plan, "For your line manager" (ui.manager_part): why what was typed could not be kept, in the text
    # boxes and in the review meetings; whose details the boxes were drawn with; a number that changes to draw
    # the meetings afresh (one added or removed).
    "pdp_details_problem": None,
    "pdp_meetings_problem": None,
    "pdp_details_drawn_for": None,
    "pdp_meetings_round": 0,
    "assess_same_day": None,  # a save waiting for "replace the earlier one" or "keep both"
    "team_years_by_id": None,  # Team capability: years of KIM experience the lead entered, by profile id
    "team_years_for": None,  # Team capability: the people, in order, the years editor's rows stand for
    "cur_filter_ranges": None,  # Curriculum: the (cost, hours) the browse filters were started at
    "conversation_editing": None,  # Conversations: the id of the record being edited
    "conversation_deleting": None,  # Conversations: the id of the record waiting for "Yes, delete the record"
    "jobspec_draft": None,  # Job specification: the draft of a session with no profile (pages/jobspec.py)
    "jobspec_problem": None,  # Job specification: why what was typed could not be kept (pages/jobspec.py)
    "jobspec_emptied": False,  # Job specification: the draft was discarded, so its boxes start again
    "jobspec_deleting": None,  # Job specification: the saved one waiting for "Yes, delete it" (ui.saved_specs)
    "jobspec_problem_saved": None,  # Job specification: why a saved one could not be saved, reopened or renamed
    # Behaviour examples (ui.behaviour_examples): why what was typed could not be kept; the example waiting
    # for "Yes, delete it"; whose examples the boxes were last drawn with.
    "behaviour_problem": None,
    "behaviour_deleting": None,
    "behaviour_drawn_for": None,
    # CPD log (ui.cpd_forms): why each form's entry was refused, by form; the entry waiting for "Yes, remove
    # it"; why the reflective statement could not be kept; what saving it said; whose statement the box holds.
    "cpd_problems": {},
    "cpd_removing": None,
    "cpd_statement_problem": None,
    "cpd_statement_saved": None,
    "cpd_statement_for": None,
    # Conversations (ui.conversation_form): the form as last drawn, by mentee id; a number per table
    # and form, by mentee, that changes to draw it afresh; why what was typed could not be kept.
    "conv_drawn": {},
    "conv_versions": {},
    "conv_problem": None,
    # Recommendations: the hours, budget and horizon last chosen, which Career paths starts from too.
    "recommend_constraints": None,
    # The person's picture (ui.context.picture_of), with what it was made from and the framework used.
    "picture": None,
}
"""Each value kept and what it starts as. The chosen profile is not among them: it is the plain key
"profile_id", which tests and the benchmark set to act as a person."""


def kept() -> dict[str, Any]:
    """This session's kept values, by name (every name of DEFAULTS is there)."""
    values = st.session_state.get(KEY)
    if values is None:
        values = {name: copy.copy(value) for name, value in DEFAULTS.items()}
        st.session_state[KEY] = values
    return values
