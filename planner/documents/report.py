"""The content of a personal development plan (PDP) document, shared by every export format."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from planner.domain import assessment, behaviours, evidence, manager_review, pdp_details, plan, tables, wording
from planner.domain.assessment import Target
from planner.domain.evidence import FrameworkEvidence, star_parts
from planner.domain.models import (
    Assessment,
    BehaviourExample,
    Framework,
    PdpDetails,
    PlanItem,
    PlanSignOff,
    Profile,
    ValidatedRatings,
)
from planner.domain.pdp_details import LineManagerPart


@dataclass(frozen=True)
class PlanRow:
    """One plan item as words, ready for a table."""

    objective: str
    indicators: str
    activity: str
    source: str
    owner: str
    target_date: str
    review_date: str
    status: str
    evidence: str
    flags: str


@dataclass(frozen=True)
class BehaviourRow:
    """One Success Profiles behaviour example as words: the behaviour's name, its title and the STAR parts written."""

    behaviour: str
    title: str
    star: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class PlanRecords:
    """What the store holds beside the plan that a PDP shows (planner.services.pdp_details.records_for_pdp)."""

    details: PdpDetails | None = None
    sign_offs: list[PlanSignOff] = field(default_factory=list)
    validations: list[ValidatedRatings] = field(default_factory=list)
    behaviour_examples: list[BehaviourExample] = field(default_factory=list)


@dataclass(frozen=True)
class PdpReport:
    """Everything a PDP document shows; every format (PDF, Word, Markdown) renders this."""

    title: str
    person: str
    current_grade: str
    current_role: str
    target_grade: str
    target_role: str
    target_levels: str
    prepared_on: date
    assessment_date: date | None
    summary: list[str]
    skill_table: list[dict[str, Any]]
    skill_chart_rows: list[dict[str, Any]]
    top_level: int
    """The framework's highest level, where the skill chart's level axis ends."""
    gap_table: list[dict[str, Any]]
    items: list[PlanRow]
    review_dates: list[str] = field(default_factory=list)
    evidence: FrameworkEvidence = field(default_factory=lambda: FrameworkEvidence(taken_on=None))
    """The STAR evidence of the latest self-assessment, in its framework version's order."""
    line_manager: LineManagerPart = field(default_factory=LineManagerPart)
    """Support, cost and time, review meetings, the manager's comments, and the sign-off if there is one."""
    behaviour_examples: list[BehaviourRow] = field(default_factory=list)
    """The person's Success Profiles behaviour examples, in the order Success Profiles lists the behaviours."""


def plan_rows(items: list[PlanItem], today: date, met_codes: set[str]) -> list[PlanRow]:
    """The items of a plan as rows of words, in the person's order."""
    return [
        PlanRow(
            objective=item.objective,
            indicators=", ".join(item.indicators),
            activity=item.activity_title,
            source=plan.SOURCE_LABELS[item.activity_source],
            owner=item.owner,
            target_date=wording.long_date(item.target_date),
            review_date=wording.long_date(item.review_date),
            status=plan.STATUS_LABELS[item.status],
            evidence=item.evidence,
            flags=", ".join(plan.flags(item, today, met_codes)),
        )
        for item in plan.ordered(items)
    ]


def build_report(
    fw: Framework,
    profile: Profile,
    grade_label: Callable[[str | None], str],
    snapshot: Assessment | None,
    target: Target,
    target_label: str | None,
    items: list[PlanItem],
    today: date,
    *,
    evidence_from: Assessment | None = None,
    evidence_framework: Framework | None = None,
    records: PlanRecords | None = None,
) -> PdpReport:
    """Gather a person's PDP: who they are, where they stand, their gaps and their plan.

    Args:
        fw: the framework.
        profile: the person.
        grade_label: turns a grade code into its name, such as "Higher Executive Officer (HEO)".
        snapshot: the assessment the plan is based on, or None if there is none yet.
        target: the target level per skill.
        target_label: the target grade code, or None for a target set by hand.
        items: the plan's items.
        today: the date the document is prepared.
        evidence_from: the person's latest self-assessment (in any framework version), whose STAR evidence the
            PDP carries; None: none is saved.
        evidence_framework: the framework version that assessment was made against (None: not installed here).
        records: the plan's details, sign-offs, validated ratings and behaviour examples (None: none).
    """
    records = records or PlanRecords()
    ratings = snapshot.ratings if snapshot else {}
    met = {code for code in fw.codes if assessment.meets(ratings, code)}
    found = assessment.gaps(fw, ratings, target)
    levels = ", ".join(f"skill {n}: level {lv}" for n, lv in sorted(target.items()))
    upcoming = sorted(
        {i.review_date for i in items if i.review_date and i.review_date >= today and i.status in plan.OPEN_STATUSES}
    )
    return PdpReport(
        title=f"Personal development plan: {profile.name}",
        person=profile.name,
        current_grade=grade_label(profile.current_grade),
        current_role=profile.current_role or "Not given",
        target_grade=grade_label(profile.target_grade) if profile.target_grade else "Not set",
        target_role=profile.target_role or "Not set",
        target_levels=f"{target_label}: {levels}" if target_label else levels,
        prepared_on=today,
        assessment_date=snapshot.taken_on if snapshot else None,
        summary=assessment.summary(fw, ratings, target, target_label),
        skill_table=tables.skill_profile_table(fw, ratings, target),
        skill_chart_rows=tables.skill_profile_rows(fw, ratings, target),
        top_level=fw.top_level,
        gap_table=tables.gap_table(fw, found),
        items=plan_rows(items, today, met),
        review_dates=[wording.long_date(d) for d in upcoming],
        evidence=evidence.evidence_of(evidence_from, evidence_framework,
                                      evidence.validation_of(evidence_from, records.validations)),
        line_manager=pdp_details.line_manager_part(records.details, records.sign_offs,
                                                   manager_review.signed_objectives(items)),
        behaviour_examples=behaviour_rows(records.behaviour_examples),
    )


def behaviour_rows(examples: list[BehaviourExample]) -> list[BehaviourRow]:
    """The behaviour examples as words, in the order Success Profiles lists the behaviours, then by title."""
    order = {behaviour_id: n for n, behaviour_id in enumerate(behaviours.BEHAVIOURS)}
    ordered = sorted(examples, key=lambda e: (order.get(e.behaviour, len(order)), e.title.casefold(), e.updated_at))
    return [BehaviourRow(behaviours.behaviour_name(e.behaviour), e.title, star_parts(e.evidence)) for e in ordered]
