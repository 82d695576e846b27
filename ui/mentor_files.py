"""My plan's part for working with a mentor: which file to send them and how, and the file they send back."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from planner.domain import wording
from planner.domain.models import MentorFileImport, Profile, utc_now
from planner.errors import PlannerError
from planner.services import mentoring
from ui import context, signin
from ui.text import escape_markdown


def last_import_sentence(last: MentorFileImport | None) -> str:
    """When a file from a mentor was last imported, from whom, and what it brought."""
    if last is None:
        return "Not yet: no file from a mentor has been imported into your plan."
    about = f" about your conversation of {wording.long_date(last.held_on)}" if last.held_on else ""
    brought = (f"{last.added_actions} new agreed action{'s' if last.added_actions != 1 else ''}, "
               f"{last.changed_actions} changed")
    return (f"Last imported on {wording.long_date(last.imported_at.date())} at "
            f"{wording.time_of_day(last.imported_at)}: the file from {last.mentor}{about} ({brought}).")


def send_to_mentor(share_file: Callable[[], bytes], file_name: str) -> None:
    """Which file a mentee sends a mentor, how, and the button that makes it."""
    st.subheader("What to send your mentor")
    st.markdown(
        ("If your mentor signs in to this server too, there is nothing to send: ask them on the **Sharing** "
         "page and choose what they see, or accept their request there.\n\n" if signin.on_server() else
         "If your mentor uses KIM Pathways on this computer or your department's server, there is nothing "
         "to send: they add you on their Mentees page, under *Someone who uses this installation*.\n\n")
        + "Otherwise, download your **share file** below and send it to your mentor, by email or on your "
        "team's shared drive. It holds your profile, your assessments and your plan, so send it only to "
        "your mentor. They add it on their Mentees page, under *From a share file*. When your ratings or "
        "plan change, send a new one: it replaces the one they have."
    )
    st.download_button("Share file for your mentor (JSON)", data=share_file, file_name=file_name,
                       mime="application/json", key="plan_share_for_mentor", on_click="ignore")


def file_from_mentor(repo, profile: Profile) -> None:
    """The file a mentor sends back: when one was last imported, and the form to import another."""
    st.subheader("What your mentor sends back")
    st.markdown(
        "After a conversation your mentor may send you a JSON file (*File for your mentee*). Import it to "
        "add their ratings and the actions you agreed to your plan. An action already in your plan is not "
        "added twice: if your mentor changed it, it is updated and says when, and what you recorded "
        "against it is kept. Nothing else you have is changed."
    )
    with context.plain_errors():
        st.text(last_import_sentence(mentoring.last_import(repo, context.actor_of(profile), profile.id)))
    upload = st.file_uploader("File from your mentor (JSON, up to 5 MB)", type=["json"], key="plan_mentor_file")
    if st.button("Add it to my plan", key="plan_mentor_import", disabled=upload is None):
        try:
            message = mentoring.import_return(repo, context.actor_of(profile), mentoring.read_return(upload.getvalue()),
                                             utc_now())
        except PlannerError as exc:
            st.error(f"{escape_markdown(str(exc))} Nothing was imported.")  # it may quote the file
            return
        context.flash(escape_markdown(message))  # it names the mentor as the file spells it
        st.rerun()
