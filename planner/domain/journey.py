"""Where a person stands on the way from a profile to a plan, and the one thing to do next."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from planner.domain import assessment, plan, wording
from planner.domain.assessment import Target
from planner.domain.models import Assessment, Draft, Framework, PlanItem


@dataclass(frozen=True)
class NextStep:
    """A page to go to next (its address, such as "assess"), the link's words and why."""

    page: str
    label: str
    reason: str


@dataclass(frozen=True)
class Standing:
    """Sentences on where the person stands, and their next step."""

    sentences: list[str]
    next_step: NextStep


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def where_you_stand(
    fw: Framework,
    assessments: Iterable[Assessment],
    draft: Draft | None,
    items: Iterable[PlanItem],
    target: Target,
    target_label: str | None,
    today: date,
) -> Standing:
    """Say how far a person has got (rated, gaps found, planned) and what to do next.

    Args:
        fw: the framework.
        assessments: the person's saved assessments (only their own self-assessments count).
        draft: their ratings in progress, or None.
        items: their plan items.
        target: their target level per skill.
        target_label: the grade the target comes from, such as "SEO".
        today: the day, to tell which items are overdue.

    Returns:
        The sentences, and the next step: rate yourself, finish the draft, get recommendations,
        catch up with overdue items, or keep working on the plan.
    """
    own = assessment.latest_first([a for a in assessments if a.assessor == "self"])
    draft_ratings = draft.ratings if draft is not None else {}
    items = list(items)
    if not own:
        if not draft_ratings:
            return Standing(
                ["You have not rated yourself yet."],
                NextStep("assess", "Assess yourself",
                         "Rate yourself against the framework's indicators, to see your gaps and plan for them."),
            )
        rated = _count(len(draft_ratings), "indicator", "indicators")
        return Standing(
            [f"You have rated {rated} of {len(fw.codes)} so far. Your ratings are kept as a draft, "
             "not saved as an assessment yet."],
            NextStep("assess", "Carry on assessing yourself",
                     "Finish rating yourself and save the assessment, to keep a dated record of where you stand."),
        )

    latest = own[0]
    found = assessment.gaps(fw, latest.ratings, target)
    sentences = [f"Your latest self-assessment is of {wording.long_date(latest.taken_on)}."]
    sentences += assessment.summary(fw, latest.ratings, target, target_label)
    if not items:
        if not found:
            return Standing(sentences, NextStep(
                "careers", "Explore career paths",
                "You have no gaps for your target. See where you could go next."))
        return Standing(sentences, NextStep(
            "recommend", "Get recommendations",
            f"Choose learning and development for your {_count(len(found), 'gap', 'gaps')} "
            "and add it to your plan."))

    progress = plan.progress(items, today)
    open_count = progress.planned + progress.in_progress
    sentences.append(f"Your plan has {_count(progress.total, 'item', 'items')}: {open_count} open and "
                     f"{progress.done} done.")
    if progress.overdue:
        overdue = _count(progress.overdue, "item is", "items are")
        return Standing(sentences, NextStep(
            "plan", "Update your plan", f"{overdue} past the target date. Mark what is done or set a new date."))
    return Standing(sentences, NextStep(
        "plan", "Go to your plan", "Keep your plan up to date, and add evidence when you complete an item."))
