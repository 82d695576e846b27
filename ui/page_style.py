"""The app's own additions to Streamlit's style: where the focus shows, how clearly, and reflow.

Streamlit draws its header over the top 60 px of the scrolling main area, marks the focus of many
controls with a faint tint or a half-transparent ring, and gives every heading a "Link to heading"
tab stop. These rules mend that for every page at once (WCAG 2.2 AA); tests/browser/
test_focus_and_names.py tabs through every page to check them. Only CSS: no script, no user text.
"""

from __future__ import annotations

import streamlit as st

from ui import labels

# GOV.UK's text colour: 19:1 on white, 17:1 on the sidebar's grey, so a 3 px outline in it stands
# out from whatever is around the control (1.4.11 asks for 3:1).
FOCUS_COLOUR = "#0b0c0c"

CSS = f"""<style>
/* 2.4.11 Focus Not Obscured: whatever takes the focus scrolls clear of the fixed header. */
[data-testid="stMain"], [data-testid="stSidebarContent"] {{
  scroll-padding-top: 5rem;
  scroll-padding-bottom: 1.5rem;
}}
/* 2.4.7 Focus Visible, 1.4.11 Non-text Contrast: a solid outline, as GOV.UK draws it. */
:focus-visible {{
  outline: 3px solid {FOCUS_COLOUR} !important;
  outline-offset: 2px !important;
}}
/* What fills its frame (the main area, the sidebar, a grid, a table's tool buttons) draws it inside. */
[data-testid="stMain"]:focus-visible, [data-testid="stSidebarContent"]:focus-visible,
[data-testid="stSidebarNavLink"]:focus-visible,
[data-testid="stElementToolbar"] button:focus-visible {{
  outline-offset: -3px !important;
}}
/* A radio button or a check box hides its input: the focus is drawn round the whole choice. */
label:has(input[type="radio"]:focus-visible), label:has(input[type="checkbox"]:focus-visible) {{
  outline: 3px solid {FOCUS_COLOUR};
  outline-offset: 2px;
}}
/* A text box, number box, date box or list is drawn by its frame: the frame carries the outline,
   over its own border and just inside it (what holds the frame clips anything outside it). */
[data-testid="stTextAreaRootElement"]:focus-within,
[data-testid="stTextInputRootElement"]:focus-within,
[data-testid="stNumberInputContainer"]:focus-within,
[data-testid="stDateInputField"]:focus-within,
[data-testid="stSelectbox"] div:has(> input:focus-visible),
[data-testid="stMultiSelect"] div:has(> [data-testid="stMultiSelectTagsContainer"] input:focus-visible) {{
  outline: 3px solid {FOCUS_COLOUR};
  outline-offset: -3px;
}}
:is([data-testid="stTextAreaRootElement"], [data-testid="stTextInputRootElement"],
    [data-testid="stNumberInputContainer"], [data-testid="stDateInputField"],
    [data-testid="stSelectbox"], [data-testid="stMultiSelect"]) :is(input, textarea, [tabindex]):focus-visible {{
  outline: none !important;
}}
/* A table's tool buttons (add row, search, download, full screen) show only under a mouse
   pointer: a person tabbing to them saw nothing. They show while one of them has the focus. */
[data-testid="stElementToolbar"]:focus-within {{
  opacity: 1 !important;
  z-index: 1000;
}}
/* A grid (a table) takes the focus in its canvas, its scroller or a hidden cell: the outline goes
   round the whole grid, and the grid marks the cell itself. */
[data-testid="stDataFrameResizable"]:focus-within {{
  outline: 3px solid {FOCUS_COLOUR};
  outline-offset: 1px;
}}
/* Tabs sit in a strip that clips anything drawn outside it. */
[role="tab"]:focus-visible {{
  outline-offset: -3px !important;
}}
/* Headings' "Link to heading" anchors add a tab stop to every heading and help nobody here. */
[data-testid="stHeaderActionElements"] a[href^="#"] {{
  display: none !important;
}}
/* A label drawn above its widget by ui/labels.py looks like Streamlit's own labels. */
[class*="st-key-{labels.KEY_PREFIX}"] p {{
  font-size: 0.875rem;
  margin-bottom: 0;
}}
[class*="st-key-{labels.KEY_PREFIX}"] {{
  margin-bottom: -0.75rem;
}}
/* 1.4.10 Reflow: wide charts (the heatmaps) scroll sideways in their own frame on a narrow screen
   or at 200% zoom, instead of the whole page. The chart scrolls, not the frame it shares with its
   tool buttons, which sit above it and would be clipped. */
[data-testid="stVegaLiteChart"] {{
  overflow-x: auto;
}}
</style>"""


def apply() -> None:
    """Add the rules to the page; app.py calls this on every run, before any page draws."""
    st.html(CSS)
