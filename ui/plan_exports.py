"""The PDP's download buttons and the JSON import form, shared by the pages that offer them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pandas as pd
import streamlit as st

from planner import store
from planner.domain.assessment import Target
from planner.domain.evidence import FrameworkEvidence
from planner.domain.models import Assessment, Draft, Framework, PdpDetails, PlanItem, Profile, ValidatedRatings, utc_now
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
    items: list[PlanItem], today: date, latest_own: Assessment | None = None,
):
    """The PDP's files, each built only when asked for.

    latest_own: the person's latest self-assessment (in any framework version), whose STAR evidence the PDP
    carries in the order of the version it was made against.
    """
    from planner.documents import downloads
    from planner.services import pdp_details

    repo, actor = context.repository(), context.actor_of(profile)
    return downloads.PlanDownloads(
        context.the_framework(), profile, context.grade_label, snapshot, target, target_grade, items, today,
        evidence_from=latest_own, evidence_framework=assessed_in(latest_own),
        # Read when a file is made, so it has what was typed since the page was drawn.
        records=lambda: pdp_details.records_for_pdp(repo, actor, profile.id),
    )


def assessed_in(assessment: Assessment | None) -> Framework | None:
    """The framework version an assessment was made against, or None (no assessment, or a version not installed
    here: its evidence is then listed by code, without statements)."""
    if assessment is None:
        return None
    try:
        return context.framework_of(assessment.framework_version)
    except PlannerError:
        return None


def framework_evidence(profile: Profile, assessment: Assessment | None) -> FrameworkEvidence:
    """The STAR evidence of a self-assessment of the person's, in its framework version's order, with the
    ratings their line manager validated for it (the portfolio's "Evidence against the framework")."""
    from planner.domain import evidence

    validations = context.repository().list(ValidatedRatings, profile.id) if assessment is not None else []
    return evidence.evidence_of(assessment, assessed_in(assessment), evidence.validation_of(assessment, validations))


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
