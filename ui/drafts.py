"""Work in progress kept as a person types: one way to save a draft and to say when it could not be kept."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from pydantic import ValidationError

from planner.errors import PlannerError, describe_invalid
from ui.session import kept
from ui.text import escape_markdown


def keep(problem_key: str, save: Callable[[], object]) -> None:
    """Save a draft; remember in plain words why it could not be kept, or forget an earlier reason.

    Args:
        problem_key: the name of the kept value (ui.session) the page's warning reads.
        save: builds and stores the draft; may raise PlannerError or a model's ValidationError.
    """
    try:
        save()
    except PlannerError as exc:
        kept()[problem_key] = str(exc)
    except ValidationError as exc:
        kept()[problem_key] = describe_invalid(exc)
    else:
        kept()[problem_key] = None


def warn_if_not_kept(problem_key: str) -> None:
    """Say that what was typed stays only while the page is open, when the draft could not be saved."""
    problem = kept().get(problem_key)
    if problem:
        # The reason may quote what was typed, so it is shown as text.
        st.warning(f"What you typed could not be kept for a later visit: {escape_markdown(problem)} "
                   "It stays in the boxes while this page is open.")
