"""The files behind the download buttons: the PDP, a conversation's record and a team's capability.

Each holds what its page already has, builds a file only when asked (a page passes the methods to
its download buttons, which call them on a click) and names the file. The export libraries are
imported inside the methods, so opening a page loads none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # names for the annotations only: opening a page loads no more than it did
    from planner.documents.record import RecordReport
    from planner.documents.report import PdpReport, PlanRecords
    from planner.domain.assessment import Ratings, Target
    from planner.domain.models import Assessment, Conversation, Draft, Framework, PdpDetails, PlanItem, Profile
    from planner.domain.team import TeamSummary
    from planner.domain.team_learning import TeamPlan
    from planner.domain.team_trends import Trend


def file_slug(name: str, fallback: str = "plan") -> str:
    """A person's name as part of a file name: lower case letters and digits joined by dashes (or the fallback)."""
    return "".join(ch if ch.isalnum() else "-" for ch in name.lower()).strip("-") or fallback


@dataclass(frozen=True)
class PlanDownloads:
    """A person's PDP as PDF, Word, Markdown, CSV, calendar and the JSON file for another computer."""

    fw: Framework
    profile: Profile
    grade_label: Callable[[str | None], str]
    snapshot: Assessment | None
    target: Target
    target_grade: str
    items: list[PlanItem]
    today: date
    evidence_from: Assessment | None = None
    """The latest self-assessment, whose STAR evidence the PDP carries (None: none saved)."""
    evidence_framework: Framework | None = None
    """The framework version that assessment was made against (None: not installed here)."""
    records: Callable[[], PlanRecords] | None = None
    """Reads the plan's details, sign-offs, validated ratings and behaviour examples when a file is made."""

    def file_name(self, extension: str) -> str:
        """Such as pdp-ada-lovelace-2026-12-01.docx."""
        return f"pdp-{file_slug(self.profile.name)}-{self.today.isoformat()}.{extension}"

    def report(self) -> PdpReport:
        """What the plan's documents show, gathered once for every format."""
        from planner.documents import report

        return report.build_report(self.fw, self.profile, self.grade_label, self.snapshot, self.target,
                                   self.target_grade, self.items, self.today, evidence_from=self.evidence_from,
                                   evidence_framework=self.evidence_framework,
                                   records=self.records() if self.records is not None else None)

    def pdf(self) -> bytes:
        from planner.documents import pdp

        return pdp.pdp_pdf(self.report())

    def word(self) -> bytes:
        from planner.documents import pdp

        return pdp.pdp_docx(self.report())

    def markdown(self) -> bytes:
        from planner.documents import pdp

        return pdp.pdp_markdown(self.report())

    def csv(self) -> bytes:
        from planner.documents import spreadsheet

        return spreadsheet.plan_csv(self.report().items)

    def calendar(self, now: datetime, details: PdpDetails | None = None) -> bytes:
        """Target and review dates of the open items, and the review meetings of `details` (the plan's
        line-manager details, read when the button is clicked); `now` is the file's time stamp (DTSTAMP)."""
        from planner.documents import calendar

        return calendar.plan_ics(self.items, self.profile.name, now, details)

    def bundle(self, assessments: list[Assessment], draft: Draft | None, now: datetime) -> bytes:
        """Everything needed to carry the plan to another computer (read when the button is clicked)."""
        from planner.io import bundle

        return bundle.export_bundle(self.profile, assessments, self.items, now, draft=draft)


@dataclass(frozen=True)
class RecordDownloads:
    """The record of one development conversation as PDF, Word and Markdown, and its next meeting."""

    fw: Framework
    conversation: Conversation
    mentee_name: str
    mentor_name: str
    self_ratings: Ratings
    mentor_ratings: Ratings
    today: date
    mentor_comment: str = ""
    """The mentor's overall comment on their ratings, carried into the record."""

    def file_name(self, extension: str) -> str:
        """Such as conversation-2026-11-20.md."""
        return f"conversation-{self.conversation.held_on.isoformat()}.{extension}"

    def report(self) -> RecordReport:
        """What the record's documents show, gathered once for every format."""
        from planner.documents import record

        return record.build_record(self.fw, self.conversation, self.mentee_name, self.mentor_name,
                                   self.self_ratings, self.mentor_ratings, self.today,
                                   mentor_comment=self.mentor_comment)

    def pdf(self) -> bytes:
        from planner.documents import record

        return record.record_pdf(self.report())

    def word(self) -> bytes:
        from planner.documents import record

        return record.record_docx(self.report())

    def markdown(self) -> bytes:
        from planner.documents import record

        return record.record_markdown(self.report())

    def calendar(self, now: datetime) -> bytes:
        """The next meeting, at its time or all day; a PlannerError when no date was agreed."""
        from planner.documents import record
        from planner.domain import meetings

        return record.meeting_ics(self.mentee_name, self.mentor_name, meetings.next_meeting_of(self.conversation),
                                  self.conversation.id, now)


@dataclass(frozen=True)
class TeamDownloads:
    """A team's capability as a CSV of every person and indicator, an Excel skills matrix, and a PDF summary."""

    summary: TeamSummary
    plan: TeamPlan | None
    hide_names: bool
    today: date
    trend: Trend | None = None
    """The same people's trend by quarter, for the skills matrix's third sheet."""
    team_name: str = ""
    scope: str = ""
    """Which grades and roles the lead chose, in a sentence ("" for everyone)."""

    def file_name(self, extension: str) -> str:
        """Such as team-capability-2026-12-01.pdf."""
        return f"team-capability-{self.today.isoformat()}.{extension}"

    def csv(self) -> bytes:
        from planner.documents import team

        return team.team_csv(self.summary, self.hide_names)

    def pdf(self) -> bytes:
        from planner.documents import team

        return team.team_pdf(self.summary, self.plan, hide_names=self.hide_names, today=self.today)

    def matrix_file_name(self) -> str:
        """Such as team-skills-matrix-2026-12-01.xlsx."""
        return f"team-skills-matrix-{self.today.isoformat()}.xlsx"

    def xlsx(self) -> bytes:
        from planner.documents import skills_matrix
        from planner.domain import team_trends

        trend = self.trend or team_trends.Trend((), {}, self.summary.size)
        return skills_matrix.skills_matrix_xlsx(self.summary, trend, hide_names=self.hide_names, today=self.today,
                                                team_name=self.team_name, scope=self.scope)
