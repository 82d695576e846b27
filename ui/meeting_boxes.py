"""The boxes of a meeting: its day and, beside it, its time (or all day), length, place, link and repeat."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import streamlit as st
from pydantic import ValidationError

from planner.domain import meetings
from planner.domain.models import DraftMeeting
from planner.errors import PlannerError, describe_invalid
from ui.text import escape_markdown

BOXES: dict[str, str] = {
    "time": "at", "minutes": "minutes", "place": "place", "link": "link", "repeat": "repeat", "until": "repeat_until",
}
"""Each box beside the day, by the name its key ends with, and the DraftMeeting field it shows."""

REPEAT_FOR_AT_MOST = timedelta(days=3 * 365)
"""How long after the last day the day box offers a repeat may still end."""


def box_name(day_name: str, box: str) -> str:
    """The name (for its key) of one of the boxes beside the day box named `day_name`, such as 'next_time'."""
    return f"{day_name}_{box}"


def draw(day_label: str, day: date | None, day_range: tuple[date, date], typed: DraftMeeting,
         key_of: Callable[[str], str], day_name: str, **keep: Any) -> tuple[date | None, dict[str, Any]]:
    """Draw the meeting's boxes and say plainly, under them, what in them would not make a meeting.

    Args:
        day_label: the day box's label, such as "Next meeting (optional)".
        day: the day shown, or None for no day yet.
        day_range: the first and last day the day box (and the repeat's end) offers.
        typed: the time as typed, length, place, link and repeat shown in the other boxes.
        key_of: the widget key of a box, from its name: `day_name` for the day, box_name(day_name, box)
            for the others.
        day_name: the name of the day box.
        keep: on_change and args, to keep what each box holds as it is left.

    Returns:
        The day the day box shows, and what the others show by DraftMeeting field.
    """
    first, second, third = st.columns(3)
    on = first.date_input(day_label, value=day, min_value=day_range[0], max_value=day_range[1], format="DD/MM/YYYY",
                          key=key_of(day_name), **keep)
    shown: dict[str, Any] = {}

    def key(box: str) -> str:
        return key_of(box_name(day_name, box))

    shown["at"] = second.text_input(
        "Time (optional)", value=typed.at, max_chars=40, key=key("time"), placeholder="10:00",
        help="UK time, such as 10:00 or 2:30pm. Leave it empty for a meeting that lasts all day.", **keep)
    shown["minutes"] = third.number_input(
        "Length in minutes", value=typed.minutes, min_value=5, max_value=600, step=5, key=key("minutes"),
        help="How long the meeting lasts (a meeting without a time lasts all day).", **keep)
    place, link = st.columns(2)
    shown["place"] = place.text_input(
        "Place (optional)", value=typed.place, max_chars=500, key=key("place"),
        help="A room or an address, such as Room 4.12, 10 South Colonnade.", **keep)
    shown["link"] = link.text_input(
        "Link to join online (optional)", value=typed.link, max_chars=2000, key=key("link"),
        help="The web address of the online meeting (Teams, Zoom, Google Meet), starting https://.", **keep)
    repeat, until = st.columns(2)
    choices = list(meetings.REPEAT_CHOICES)
    shown["repeat"] = repeat.selectbox(
        "Repeats", choices, index=choices.index(typed.repeat), format_func=meetings.REPEAT_CHOICES.__getitem__,
        key=key("repeat"), **keep)
    shown["repeat_until"] = until.date_input(
        "Repeat until (optional)", value=typed.repeat_until, min_value=day_range[0],
        max_value=day_range[1] + REPEAT_FOR_AT_MOST,
        format="DD/MM/YYYY", key=key("until"),
        help="The last day it may repeat. Leave it empty to repeat for a year.", **keep)
    problem = _problem(on, shown)
    if problem:
        st.error(escape_markdown(problem))  # it may quote what was typed
    return on, shown


def _problem(on: date | None, shown: dict[str, Any]) -> str | None:
    try:
        meetings.from_typed(on, DraftMeeting.model_validate(shown))
    except PlannerError as exc:
        return str(exc)
    except ValidationError as exc:
        return describe_invalid(exc)
    return None
