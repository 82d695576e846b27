"""Drawing the planner's charts in Streamlit: specs built once per distinct data, with alt text."""

from __future__ import annotations

import json
from typing import Any, Literal

import streamlit as st

from planner.documents import charts


@st.cache_data(show_spinner=False, max_entries=512)
def _spec(builder: str, rows_json: str) -> dict[str, Any]:
    # Building and validating an Altair chart costs tens of milliseconds; the same rows give
    # the same spec, so build it once and hand Streamlit the plain Vega-Lite dictionary.
    return getattr(charts, builder)(json.loads(rows_json)).to_dict()


def show(builder: str, rows: list[dict[str, Any]], alt_text: str,
         width: Literal["stretch", "content"] = "stretch") -> None:
    """Draw one of planner.documents.charts' builders with its rows, and a text alternative for screen readers."""
    spec = _spec(builder, json.dumps(rows, sort_keys=True, default=str))
    st.vega_lite_chart(spec, width=width, theme=None, alt=alt_text)
