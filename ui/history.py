"""A person's assessments as they were: each shown against the framework version it was made with."""

from __future__ import annotations

import streamlit as st

from planner.domain import assessment, wording
from planner.domain.models import RATING_LABELS, Assessment, Framework
from planner.errors import UnknownFramework
from ui import context
from ui.datatable import show_table
from ui.text import escape_markdown


def every_snapshot_as_it_was(fw: Framework, snapshots: list[Assessment]) -> None:
    """Choose one saved assessment and see its ratings against its own version's indicators, unchanged."""
    if not snapshots:
        return
    st.subheader("Your assessments as they were")
    names = assessment.snapshot_names(snapshots)
    by_id = {s.id: s for s in snapshots}
    chosen_id = st.selectbox(
        "Assessment", list(by_id), key="history_snapshot",
        format_func=lambda i: f"{names[i]} (version {by_id[i].framework_version.version})",
        help="Each assessment is shown with the indicators of the framework version it was made with.",
    )
    snap = by_id[chosen_id]
    try:
        own = context.framework_of(snap.framework_version)
    except UnknownFramework as exc:
        st.warning(escape_markdown(str(exc)))
        return
    same = own.ref == fw.ref
    st.markdown(
        f"Made with **{escape_markdown(own.title)}, version {escape_markdown(own.version)}**"
        + ("" if same else f" (the version in use is {escape_markdown(fw.version)})")
        + f": {wording.counted(len(snap.ratings), 'indicator')} rated, "
        f"{sum(assessment.meets(snap.ratings, c) for c in own.codes)} met."
    )
    show_table([
        {"Code": ind.code, "Level": ind.level, "Skill": ind.skill, "Statement": ind.statement,
         "Rating": (f"{snap.ratings[ind.code].score} {RATING_LABELS[snap.ratings[ind.code].score]}"
                    if ind.code in snap.ratings else "Not rated"),
         "Evidence": " ".join(part for part in snap.ratings[ind.code].evidence.model_dump().values() if part)
         if ind.code in snap.ratings else ""}
        for ind in own.indicators
    ], key=f"history_table_{snap.id}")
