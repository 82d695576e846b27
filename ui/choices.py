"""Choices that keep their value when the figures in their labels change."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import streamlit as st


def keep_choice(key: str, options: Sequence[Hashable]) -> None:
    """Call just before drawing a radio or selectbox whose labels carry figures that change.

    The browser keeps a choice by its label, so when a figure in the label changes (such as
    "about 42 months") the browser's choice matches no option: it shows nothing chosen, and
    the next rerun falls back to the first option. Read before the widget is drawn, the
    widget's state still holds the option value chosen on the last run; set again, it is sent
    back to the browser under its new label. A choice no longer among the options becomes the first.
    """
    if not options:
        return
    before = st.session_state.get(key)
    st.session_state[key] = before if before in options else options[0]
