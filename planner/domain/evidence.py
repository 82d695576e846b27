"""The STAR evidence of a self-assessment, indicator by indicator in its framework's order, for a PDP or portfolio.

A person writes evidence (situation, task, action, result) as they rate themselves. Their plan and their
professional-bodies portfolio carry it as "Evidence against the framework": every indicator of their
latest self-assessment with evidence written, in the order of the framework version it was made
against, with its rating in words and, when their line manager validated that assessment, the rating
the manager agreed beside it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from planner.domain import wording
from planner.domain.models import RATING_LABELS, Assessment, Evidence, Framework, ValidatedRatings, code_order

HEADING = "Evidence against the framework"
STAR_PARTS = (("situation", "Situation"), ("task", "Task"), ("action", "Action"), ("result", "Result"))
"""Each part of a STAR example: its field and its name."""

NO_ASSESSMENT = ("No self-assessment is saved yet, so there is no evidence to show. Rate yourself on the "
                 "Assess yourself page, with evidence, and save the assessment.")


@dataclass(frozen=True)
class IndicatorEvidence:
    """One indicator's evidence as words: its code, statement, rating and the parts of STAR written."""

    code: str
    statement: str
    """The indicator's statement in the version assessed ('' when that version is not installed here)."""
    rating: str
    """The person's own rating, such as '3 Competent'."""
    validated: str
    """The rating their line manager agreed, such as '4 Expert'; '' when not validated."""
    star: tuple[tuple[str, str], ...]
    """(part, text) for each part of STAR written, such as ('Situation', '...'), in STAR's order."""

    @property
    def title(self) -> str:
        """The code and statement, such as '2.1.3 Applies the ...'."""
        return f"{self.code} {self.statement}".strip()

    @property
    def ratings_line(self) -> str:
        """'Self rating: 3 Competent.', with 'Validated by your line manager: 4 Expert.' when it was."""
        line = f"Self rating: {self.rating}."
        return f"{line} Validated by your line manager: {self.validated}." if self.validated else line


@dataclass(frozen=True)
class FrameworkEvidence:
    """The evidence of one self-assessment, in the order its framework lists the indicators."""

    taken_on: date | None
    """The day of the self-assessment; None when none is saved."""
    framework: str = ""
    """The framework version it was made against, as people read it."""
    indicators: list[IndicatorEvidence] = field(default_factory=list)
    """Only the indicators with evidence written."""
    validated_by: str = ""
    validated_at: datetime | None = None

    @property
    def about(self) -> str:
        """Where the evidence comes from, or why there is none, in a sentence or two."""
        if self.taken_on is None:
            return NO_ASSESSMENT
        when = wording.long_date(self.taken_on)
        if not self.indicators:
            return (f"The self-assessment of {when} has no evidence written for any indicator yet. Add it on the "
                    "Assess yourself page.")
        source = f" against the {self.framework}" if self.framework else ""
        about = (f"STAR examples (situation, task, action, result) from the self-assessment of {when}{source}, "
                 f"for {wording.counted(len(self.indicators), 'indicator')}, in the framework's order. "
                 "Indicators without evidence are left out.")
        if self.validated_by and self.validated_at is not None:
            about += (f" Validated ratings are those {self.validated_by} agreed on "
                      f"{wording.moment(self.validated_at)}.")
        return about


def rating_words(score: int) -> str:
    """A rating in words, such as '3 Competent'."""
    return f"{score} {RATING_LABELS.get(score, '')}".strip()


def star_parts(evidence: Evidence) -> tuple[tuple[str, str], ...]:
    """The parts of a STAR example that were written, each with its name, in STAR's order."""
    written = ((name, getattr(evidence, part).strip()) for part, name in STAR_PARTS)
    return tuple((name, text) for name, text in written if text)


def validation_of(assessment: Assessment | None, validations: Iterable[ValidatedRatings]) -> ValidatedRatings | None:
    """The latest validation of this very assessment (a validation of an earlier one does not apply), or None."""
    if assessment is None:
        return None
    return max((v for v in validations if v.assessment_id == assessment.id), key=lambda v: v.validated_at,
               default=None)


def evidence_of(assessment: Assessment | None, fw: Framework | None,
                validation: ValidatedRatings | None = None) -> FrameworkEvidence:
    """The evidence a self-assessment holds, indicator by indicator, in its framework version's order.

    Args:
        assessment: the person's latest self-assessment, or None when none is saved.
        fw: the framework version it was made against (None: that version is not installed here; the
            codes are then in their own order and without statements).
        validation: the line manager's validation of that assessment, if any (validation_of).

    Returns:
        Only the indicators with evidence written; none when nothing was written or nothing is saved.
    """
    if assessment is None:
        return FrameworkEvidence(taken_on=None)
    if fw is not None and fw.ref != assessment.framework_version:
        fw = None  # another version's statements would not be the ones the person rated
    ordered = [code for code in fw.codes if code in assessment.ratings] if fw is not None else []
    ordered += sorted((code for code in assessment.ratings if code not in ordered), key=code_order)
    statements = {ind.code: ind.statement for ind in fw.indicators} if fw is not None else {}
    agreed = validation.ratings if validation is not None and validation.assessment_id == assessment.id else {}
    indicators = []
    for code in ordered:
        rating = assessment.ratings[code]
        star = star_parts(rating.evidence)
        if not star:
            continue
        indicators.append(IndicatorEvidence(
            code=code, statement=statements.get(code, ""), rating=rating_words(rating.score),
            validated=rating_words(agreed[code]) if code in agreed else "", star=star,
        ))
    validated = bool(agreed) and validation is not None
    return FrameworkEvidence(
        taken_on=assessment.taken_on,
        framework=fw.label if fw is not None else "",
        indicators=indicators,
        validated_by=validation.manager_name if validated and validation is not None else "",
        validated_at=validation.validated_at if validated and validation is not None else None,
    )
