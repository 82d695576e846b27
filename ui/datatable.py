"""Showing a list of rows as a table: handed to the browser in Arrow's format without pandas."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import pyarrow as pa
import streamlit as st


def arrow_table(rows: Sequence[Mapping[str, Any]]) -> pa.Table | pd.DataFrame:
    """The rows as an Arrow table, one column per key in the order the keys are first met.

    st.dataframe sends Arrow to the browser; given a list of rows it builds a pandas frame first
    and converts that, which costs more than the rest of a table's drawing. A column Arrow cannot
    type alone (numbers mixed with words) is left to pandas and Streamlit, as before.
    """
    if not rows:
        return pd.DataFrame(list(rows))
    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(row))
    columns = {name: [row.get(name) for row in rows] for name in names}
    try:
        return pa.table(columns)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        return pd.DataFrame(list(rows))


def show_table(rows: Sequence[Mapping[str, Any]], **options: Any) -> None:
    """st.dataframe of the rows, full width and without the row numbers."""
    st.dataframe(arrow_table(rows), hide_index=True, width="stretch", **options)
