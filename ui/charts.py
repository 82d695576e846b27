"""Drawing the planner's charts in Streamlit: specs built once per distinct data, with alt text."""

from __future__ import annotations

import json
from typing import Any, Literal

import streamlit as st
from streamlit import dataframe_util

from planner.documents import charts

_ROWS = "chart-rows"


@st.cache_data(show_spinner=False, max_entries=512)
def _spec(builder: str, rows_json: str, options_json: str = "{}") -> dict[str, Any]:
    # Building and validating an Altair chart costs tens of milliseconds; the same rows give
    # the same spec, so build it once and hand Streamlit the plain Vega-Lite dictionary.
    spec: dict[str, Any] = getattr(charts, builder)(json.loads(rows_json), **json.loads(options_json)).to_dict()
    # Streamlit turns a chart's data into Arrow bytes on every draw (a table through pandas, a few
    # milliseconds a chart) unless it is a named dataset that is bytes already: so the chart's own
    # rows become a named dataset too, and every dataset is turned once, here.
    datasets = dict(spec.get("datasets", {}))
    top = spec.get("data")
    if isinstance(top, dict) and "values" in top:
        datasets[_ROWS] = top["values"]
        spec["data"] = {**{k: v for k, v in top.items() if k != "values"}, "name": _ROWS}
    if datasets:
        spec["datasets"] = {
            name: dataframe_util.convert_anything_to_arrow_bytes(values) for name, values in datasets.items()
        }
    return spec


def show(builder: str, rows: list[dict[str, Any]], alt_text: str,
         width: Literal["stretch", "content"] = "stretch", **options: Any) -> None:
    """Draw one of planner.documents.charts' builders with its rows, and a text alternative for screen readers.

    Args:
        builder: the name of the builder in planner.documents.charts.
        rows: the chart's rows.
        alt_text: the chart in words.
        width: "stretch" to fill the column, "content" for the chart's own width.
        **options: the builder's keyword arguments, such as the framework's top_level (plain values).
    """
    spec = _spec(builder, json.dumps(rows, sort_keys=True, default=str), json.dumps(options, sort_keys=True))
    st.vega_lite_chart(spec, width=width, theme=None, alt=alt_text)
