"""A line manager's review of a person's plan and self-ratings: what is checked, signed and shown, in words and rows.

Nothing here reads or writes: planner.services.line_management keeps the records.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from planner.domain import plan, wording
from planner.domain.models import (
    RATING_LABELS,
    Assessment,
    Framework,
    ItemStatus,
    PlanItem,
    PlanSignOff,
    ValidatedRatings,
    code_order,
)
from planner.errors import PlannerError

Rows = list[dict[str, Any]]

NOT_RATED = "Not rated"
NOT_VALIDATED = "Not validated"


def score_label(score: int) -> str:
    """A rating as people read it and choose it: '3 Competent'."""
    return f"{score} {RATING_LABELS[score]}"


SCORE_OPTIONS: dict[str, int] = {score_label(n): n for n in RATING_LABELS}
"""Each rating a manager may agree, by the words they choose it by."""


def checked_validation(scores: Mapping[str, int], rated: Assessment) -> dict[str, int]:
    """The ratings a manager agrees for a self-assessment, if each is one it has and on the scale.

    Args:
        scores: the manager's agreed rating (0 to 4) by indicator code.
        rated: the person's self-assessment being validated.

    Raises:
        PlannerError: nothing is chosen, a rating is off the scale, or an indicator was not rated by the person.
    """
    if not scores:
        raise PlannerError("Choose a validated rating for at least one indicator before you save. Nothing was saved.")
    off_scale = sorted((code for code, score in scores.items() if score not in RATING_LABELS), key=code_order)
    if off_scale:
        raise PlannerError(f"A validated rating is 0 to 4; {', '.join(off_scale)} "
                           f"{'is' if len(off_scale) == 1 else 'are'} not. Nothing was saved.")
    unrated = sorted((code for code in scores if code not in rated.ratings), key=code_order)
    if unrated:
        raise PlannerError(f"Only ratings the person gave can be validated; they did not rate "
                           f"{', '.join(unrated)} in this assessment. Nothing was saved.")
    return dict(sorted(scores.items(), key=lambda pair: code_order(pair[0])))


def signed_objectives(items: Iterable[PlanItem]) -> list[str]:
    """The plan's objectives as a sign-off keeps them: in the plan's order, leaving out dropped items."""
    return [item.objective for item in plan.ordered(items) if item.status != ItemStatus.DROPPED]


def changed_since(signed: PlanSignOff, items: Iterable[PlanItem]) -> bool:
    """Whether the plan's objectives are no longer those signed (one added, dropped, reworded or moved)."""
    return signed_objectives(items) != signed.objectives


def latest_sign_off(sign_offs: Iterable[PlanSignOff]) -> PlanSignOff | None:
    """The most recent sign-off, or None."""
    return max(sign_offs, key=lambda s: s.signed_at, default=None)


def latest_validation(validations: Iterable[ValidatedRatings]) -> ValidatedRatings | None:
    """The most recent validation, or None."""
    return max(validations, key=lambda v: v.validated_at, default=None)


def sign_off_sentence(signed: PlanSignOff) -> str:
    """'Signed off by Sam Lee on 2 December 2026 at 2:05pm.'"""
    return f"Signed off by {signed.manager_name} on {wording.moment(signed.signed_at)}."


def plan_rows(items: Iterable[PlanItem]) -> Rows:
    """A person's plan as their line manager reads it: one row per item, in the plan's order."""
    return [
        {
            "Objective": item.objective,
            "Indicators": ", ".join(item.indicators),
            "Activity": item.activity_title,
            "Target date": wording.long_date(item.target_date),
            "Status": item.status.value.capitalize(),
        }
        for item in plan.ordered(items)
    ]


def sign_off_rows(sign_offs: Iterable[PlanSignOff]) -> Rows:
    """Every sign-off, newest first: who, when, the objectives as signed, and the comment."""
    return [
        {
            "Signed off by": s.manager_name,
            "When": wording.moment(s.signed_at),
            "Objectives signed": "; ".join(s.objectives),
            "Comment": s.comment,
        }
        for s in sorted(sign_offs, key=lambda s: s.signed_at, reverse=True)
    ]


def validation_editor_rows(fw: Framework | None, rated: Assessment, previous: ValidatedRatings | None) -> Rows:
    """What a manager validates: each indicator the person rated, their rating, and the manager's, to choose.

    Args:
        fw: the framework version the assessment was made in, for the statements (None: not installed here).
        rated: the person's self-assessment.
        previous: the manager's last validation of this same assessment, whose ratings start the column.
    """
    earlier = previous.ratings if previous is not None and previous.assessment_id == rated.id else {}
    codes = [c for c in fw.codes if c in rated.ratings] if fw is not None else sorted(rated.ratings, key=code_order)
    return [
        {
            "Code": code,
            "Statement": fw.indicator(code).statement if fw is not None else "",
            "Their rating": score_label(rated.ratings[code].score),
            "Validated rating": score_label(earlier[code]) if code in earlier else None,
        }
        for code in codes
    ]


def chosen_scores(rows: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """The validated rating chosen in each row of the manager's table (rows left empty are left out)."""
    return {str(row["Code"]): SCORE_OPTIONS[row["Validated rating"]] for row in rows
            if row.get("Validated rating") in SCORE_OPTIONS}


def validated_rows(validated: ValidatedRatings, rated: Assessment | None, mentors: Iterable[Assessment] = ()) -> Rows:
    """The ratings a line manager validated, beside the person's own (and each mentor's, when one rated them).

    Args:
        validated: the manager's validation.
        rated: the self-assessment it validated (None: since deleted; the person's rating is then not shown).
        mentors: each mentor's latest ratings of the person (planner.domain.mentor_view.latest_by_mentor).
    """
    mentors = list(mentors)
    when = wording.moment(validated.validated_at)
    rows = []
    for code in sorted(validated.ratings, key=code_order):
        own = rated.ratings.get(code) if rated is not None else None
        row: dict[str, Any] = {"Code": code, "Your rating": score_label(own.score) if own else NOT_RATED}
        for mentor in mentors:
            theirs = mentor.ratings.get(code)
            row[f"{mentor.assessor_name or 'Mentor'} (mentor)"] = score_label(theirs.score) if theirs else NOT_RATED
        row |= {"Validated rating": score_label(validated.ratings[code]), "Validated by": validated.manager_name,
                "When": when}
        rows.append(row)
    return rows
