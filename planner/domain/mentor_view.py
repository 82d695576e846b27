"""What a person sees of their mentors' ratings of them, beside their own, per indicator and per skill."""

from __future__ import annotations

from planner.domain import mentoring, tables, wording
from planner.domain.assessment import Ratings
from planner.domain.models import RATING_LABELS, Assessment, Framework

NOT_RATED = "Not rated"
NOT_COMPARED = "Not compared"


def latest_by_mentor(assessments: list[Assessment]) -> list[Assessment]:
    """Each mentor's latest ratings of the person, newest first; the person's own assessments are left out.

    A mentor is told apart by the name their return file gave; a later file from the same mentor
    replaces the earlier one here (both stay saved).
    """
    latest: dict[str, Assessment] = {}
    for snap in sorted((a for a in assessments if a.assessor == "mentor"), key=lambda a: (a.taken_on, a.created_at)):
        latest[snap.assessor_name.strip().lower()] = snap
    return sorted(latest.values(), key=lambda a: (a.taken_on, a.created_at), reverse=True)


def _score(ratings: Ratings, code: str) -> str:
    rating = ratings.get(code)
    return NOT_RATED if rating is None else f"{rating.score} {RATING_LABELS[rating.score]}"


def indicator_rows(fw: Framework, own: Ratings, mentor: Ratings) -> list[dict[str, str]]:
    """One row per indicator the mentor rated: the person's rating, the mentor's, the difference and the comment.

    Difference is the mentor's rating minus the person's own; blank when the person has not rated it.
    """
    rows = []
    for d in mentoring.compare(fw, own, mentor):
        if d.mentor_score is None:
            continue
        rows.append({
            "Code": d.code,
            "Your rating": _score(own, d.code),
            "Mentor's rating": _score(mentor, d.code),
            "Difference": "" if d.gap is None else f"{d.gap:+d}" if d.gap else "0",
            "To discuss": f"Yes: {mentoring.FLAG_AT} or more apart" if d.flagged else "",
            "Mentor's comment": mentor[d.code].comment,
            # Last, so the long statement does not push the comment out of sight.
            "Statement": fw.indicator(d.code).statement,
        })
    return rows


def skill_rows(fw: Framework, own: Ratings, mentor: Ratings) -> list[dict[str, object]]:
    """Per skill: how many indicators both rated, and the two averages over those alone."""
    return [
        {
            "Skill": tables.skill_label(fw, s.skill),
            "Indicators both rated": s.both_rated,
            "Your average": wording.average(s.self_average, NOT_COMPARED),
            "Mentor's average": wording.average(s.mentor_average, NOT_COMPARED),
        }
        for s in mentoring.by_skill(fw, mentoring.compare(fw, own, mentor))
    ]


def flagged_codes(fw: Framework, own: Ratings, mentor: Ratings) -> list[str]:
    """The indicators the person and the mentor rate FLAG_AT or more points apart, in framework order."""
    return [d.code for d in mentoring.compare(fw, own, mentor) if d.flagged]
