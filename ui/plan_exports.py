"""The PDP's download buttons and the JSON import form, shared by the pages that offer them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pandas as pd
import streamlit as st

from planner import store
from planner.domain.assessment import Target
from planner.domain.models import Assessment, Draft, PdpDetails, PlanItem, Profile, utc_now
from planner.errors import PlannerError
from ui import context
from ui.text import escape_markdown


def as_date(value: object) -> date | None:
    """A cell of a data editor as a date: pandas gives Timestamps, NaT or None."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value.strip():
        return date.fromisoformat(value.strip()[:10])
    return None


def plan_files(
    profile: Profile, snapshot: Assessment | None, target: Target, target_grade: str,
    items: list[PlanItem], today: date,
):
    """The PDP's files, each built only when asked for."""
    from planner.documents import downloads

    return downloads.PlanDownloads(context.the_framework(), profile, context.grade_label, snapshot, target,
                                   target_grade, items, today)


def plan_file(files, profile: Profile) -> Callable[[], bytes]:
    """The builder of the JSON plan file: the file to move a plan, and the share file a mentor adds."""
    repo = context.repository()

    def bundle() -> bytes:
        return files.bundle(repo.list(Assessment, profile.id), repo.get(Draft, profile.id, "current"), utc_now())

    return bundle


def plan_calendar(files, profile: Profile) -> Callable[[], bytes]:
    """The builder of the plan's calendar: its items' dates, and the review meetings kept with the plan's details."""
    repo = context.repository()

    def calendar() -> bytes:
        return files.calendar(utc_now(), repo.get(PdpDetails, profile.id, "current"))

    return calendar


def download_buttons(profile: Profile, files) -> None:
    """Offer the PDP in every format; each file is built only when its button is clicked."""
    buttons = [
        ("PDF, to print or send", files.pdf, "pdf", "application/pdf", "plan_download_pdf"),
        ("Word, to edit", files.word, "docx",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "plan_download_docx"),
        ("Markdown, as plain text", files.markdown, "md", "text/markdown", "plan_download_md"),
        ("CSV of the items, for a spreadsheet", files.csv, "csv", "text/csv", "plan_download_csv"),
        ("Calendar (.ics) of target and review dates, and review meetings", plan_calendar(files, profile), "ics",
         "text/calendar", "plan_download_ics"),
        ("JSON, to import on another computer", plan_file(files, profile), "json", "application/json",
         "plan_download_json"),
    ]
    columns = st.columns(3)
    for n, (label, build, ext, mime, key) in enumerate(buttons):
        columns[n % 3].download_button(
            label, data=build, file_name=files.file_name(ext), mime=mime, key=key, on_click="ignore",
        )


def import_form(repo: store.Repository) -> None:
    """Upload a JSON plan file and merge it into the profile in use (or, with none, add its person).

    A file of another saved profile is refused, so an import never changes someone else's record.
    """
    from planner.services import plans

    upload = st.file_uploader(
        "Plan file (JSON, up to 5 MB)", type=["json"], key="plan_import_file",
        help="A file made with 'JSON, to import on another computer'.",
    )
    if st.button("Import the plan file", key="plan_import", disabled=upload is None):
        chosen = context.current_profile()
        try:
            # On a server the signed-in person acts even before their profile exists: the file becomes theirs.
            actor = context.acting() if chosen is None else context.actor_of(chosen)
            bundle, result = plans.import_plan(repo, actor, upload.getvalue(), context.the_grades().codes, utc_now())
        except PlannerError as exc:
            st.error(f"{escape_markdown(str(exc))} Nothing was imported.")  # it may quote the file
            return
        context.choose_profile(bundle.profile.id)  # the same profile, or the new person the file made
        context.flash(f"Imported the plan file. {result.message()}")
        st.rerun()
