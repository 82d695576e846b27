"""Widget labels that hold a person's words: shown as typed, and announced exactly as shown.

Streamlit reads a widget's label as Markdown on screen, but gives screen readers the label string
as it is. Escaping a person's text for the screen therefore put backslashes into what a screen
reader announced ("Notes on point 1: 1\\.1\\.4\\: a gap"). A label holding such text is drawn here
as a line of escaped Markdown just above the widget, and the widget keeps the text itself, unescaped,
as its accessible name, its own label hidden: what is seen and what is heard are the same words
(WCAG 2.5.3 Label in Name).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui.text import escape_markdown

# The container key's prefix; ui/page_style.py draws what it holds in a widget label's size.
KEY_PREFIX = "literal_label_"


def text_area(label: str, *, key: str, **options: Any) -> str:
    """st.text_area whose label may hold a person's text (an agenda point's title, a name)."""
    with st.container(key=f"{KEY_PREFIX}{key}"):
        st.markdown(escape_markdown(label))
    return st.text_area(label, key=key, label_visibility="collapsed", **options)
