"""Ratings in progress (the draft) and turning them into dated snapshots."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from planner.domain import assessment
from planner.domain.models import MAX_TEXT, Assessment, Draft, Evidence, Framework, Profile, Rating
from planner.errors import PlannerError, describe_invalid

EARLIEST_DATE = date(2000, 1, 1)


def default_scope(profile: Profile, grade_levels: dict[str, int]) -> int:
    """The levels to rate by default: up to the target grade's level, else the current grade's."""
    levels = [grade_levels.get(g, 0) for g in (profile.target_grade, profile.current_grade) if g]
    return max([1, *levels])


def start_draft(fw: Framework, profile: Profile, previous: list[Assessment], scope: int, now: datetime) -> Draft:
    """A new draft in the framework version in use: the person's latest self-assessment in it to start from.

    A snapshot of another version is not started from here: its ratings reach the new version only
    through a crosswalk (versions.carried_draft), which says what was carried.
    """
    own = [a for a in previous if a.assessor == "self" and a.framework_version == fw.ref]
    ratings = assessment.latest_first(own)[0].ratings if own else {}
    return Draft(profile_id=profile.id, framework_version=fw.ref, scope_level=min(scope, fw.top_level),
                 ratings=dict(ratings), updated_at=now)


def with_rating(draft: Draft, code: str, score: int | None, now: datetime) -> Draft:
    """The draft with one indicator rated (or unrated, with None); its evidence is kept."""
    ratings = dict(draft.ratings)
    if score is None:
        ratings.pop(code, None)
    elif code in ratings:
        ratings[code] = ratings[code].model_copy(update={"score": score})
    else:
        ratings[code] = Rating(score=score)
    return draft.model_copy(update={"ratings": ratings, "updated_at": now})


def with_shown_ratings(draft: Draft, shown: Mapping[str, int | None], now: datetime) -> Draft:
    """The draft with every rating the screen shows; the same draft when they already agree.

    A rating widget that shows nothing chosen (None) never removes a saved rating: an empty
    radio can mean the widget was drawn before the rating arrived, never that it was cleared.

    Args:
        draft: the saved draft.
        shown: the score each rating widget on screen shows, by indicator code.
        now: the time of the change.
    """
    changed = {code: score for code, score in shown.items()
               if score is not None and (code not in draft.ratings or draft.ratings[code].score != score)}
    updated = draft
    for code, score in changed.items():
        updated = with_rating(updated, code, score, now)
    return updated


def with_comment(draft: Draft, comment: str, now: datetime) -> Draft:
    """The draft keeping the comment typed for the next assessment; the same draft if unchanged."""
    if comment.strip() == draft.comment:
        return draft
    return draft.model_copy(update={"comment": comment.strip(), "updated_at": now})


def with_evidence(draft: Draft, code: str, evidence: Evidence, now: datetime) -> Draft:
    """The draft with STAR evidence for one rated indicator.

    Raises:
        PlannerError: the indicator is not rated yet, or a part of the evidence is too long.
    """
    if code not in draft.ratings:
        raise PlannerError(f"Rate indicator {code} before you add evidence for it.")
    try:
        checked = Evidence.model_validate(evidence.model_dump())
    except ValueError as exc:
        raise PlannerError(f"The evidence was not saved. {describe_invalid(exc)}") from None
    ratings = dict(draft.ratings)
    ratings[code] = ratings[code].model_copy(update={"evidence": checked})
    typed = {c: e for c, e in draft.typed_evidence.items() if c != code}
    return draft.model_copy(update={"ratings": ratings, "typed_evidence": typed, "updated_at": now})


def evidence_shown(draft: Draft, code: str) -> Evidence:
    """The evidence to show for an indicator: what was typed and not saved yet, else what was saved."""
    if code in draft.typed_evidence:
        return draft.typed_evidence[code]
    return draft.ratings[code].evidence if code in draft.ratings else Evidence()


def with_typed_evidence(draft: Draft, typed: Mapping[str, Evidence], now: datetime) -> Draft:
    """The draft keeping the evidence typed for each indicator; the same draft when nothing changed.

    Typing that matches the evidence saved with the rating is no longer kept apart from it.
    """
    changed = {code: ev for code, ev in typed.items() if ev != evidence_shown(draft, code)}
    if not changed:
        return draft
    kept = dict(draft.typed_evidence)
    for code, ev in changed.items():
        saved = draft.ratings[code].evidence if code in draft.ratings else Evidence()
        if ev == saved:
            kept.pop(code, None)
        else:
            kept[code] = ev
    return draft.model_copy(update={"typed_evidence": kept, "updated_at": now})


def with_scope(draft: Draft, scope: int, now: datetime, top_level: int) -> Draft:
    """The draft with a wider or narrower scope; ratings outside the scope are kept, not lost.

    Args:
        top_level: the framework's highest level.
    """
    if not 1 <= scope <= top_level:
        raise PlannerError(f"Choose levels from 1 to {top_level}.")
    return draft.model_copy(update={"scope_level": scope, "updated_at": now})


def snapshot(
    fw: Framework, draft: Draft, taken_on: date, today: date, now: datetime, comment: str = ""
) -> Assessment:
    """A dated self-assessment snapshot of every rating in the draft.

    Args:
        fw: the framework.
        draft: the ratings in progress.
        taken_on: the date the person gives the assessment.
        today: today's date, to refuse dates in the future.
        now: the time of saving.
        comment: an optional note kept with the snapshot.

    Returns:
        A new snapshot; it never replaces an earlier one.

    Raises:
        PlannerError: nothing is rated, the date is in the future or before 2000, or the comment
            is too long.
    """
    if len(comment.strip()) > MAX_TEXT:
        raise PlannerError(f"The comment is too long; use {MAX_TEXT:,} characters or fewer.")
    if taken_on > today:
        raise PlannerError("The date of the assessment cannot be in the future.")
    if taken_on < EARLIEST_DATE:
        raise PlannerError("The date of the assessment must be in the year 2000 or later.")
    ratings = {code: r for code, r in draft.ratings.items() if code in set(fw.codes)}
    if not ratings:
        raise PlannerError("Rate at least one indicator before you save the assessment.")
    return Assessment(
        profile_id=draft.profile_id,
        assessor="self",
        taken_on=taken_on,
        created_at=now,
        framework_version=fw.ref,
        ratings=ratings,
        comment=comment.strip(),
        carried_from=draft.carried_from,
    )


def saved_on(previous: list[Assessment], taken_on: date) -> Assessment | None:
    """The person's latest self-assessment of this date, if any: the one a new one would replace."""
    same_day = [a for a in previous if a.assessor == "self" and a.taken_on == taken_on]
    return assessment.latest_first(same_day)[0] if same_day else None


def replacing(new: Assessment, earlier: Assessment) -> Assessment:
    """The new snapshot in the place of an earlier one of the same day, for a person who chose that.

    Raises:
        PlannerError: the two are not of the same person and day.
    """
    if (new.profile_id, new.taken_on) != (earlier.profile_id, earlier.taken_on):
        raise PlannerError("Only an assessment of the same day can be replaced.")
    return new.model_copy(update={"id": earlier.id})
