"""A person, an assessment and a plan to export, shared by the export tests and the benchmark."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from planner.documents.report import PdpReport, build_report
from planner.domain.models import (
    ActivitySource,
    Assessment,
    Draft,
    Framework,
    GradeLadder,
    ItemStatus,
    PlanItem,
    Profile,
    Rating,
)

UNICODE_NAME = "Siân Llŷr O'Brien-Ødegård 😀 مريم"
TODAY = date(2025, 6, 2)
NOW = datetime(2025, 6, 2, 9, 30, tzinfo=UTC)

OBJECTIVES = [
    ("Run a records-review workshop for the team, so that every file plan has an owner",
     ["2.1.3", "2.2.1"], "Records management fundamentals (KIM curriculum)", ActivitySource.CURRICULUM),
    ("Write the team's retention schedule | check it with legal; publish it on the intranet",
     ["3.3.1"], "Shadow the departmental records officer", ActivitySource.MENTOR),
    ("Lead a lessons-learned review at the end of the project", ["1.1.2", "1.2.1", "1.3.4"],
     "", ActivitySource.OWN),
    ("=HYPERLINK(\"http://evil.example\",\"Click\")", ["2.3.1"], "+SUM(1,2)", ActivitySource.OWN),
]


def grade_label(ladder: GradeLadder):
    """A grade code as its name, the way the app shows it."""

    def label(code: str | None) -> str:
        if not code:
            return "Not set"
        grade = ladder.grade(code)
        return f"{grade.name} ({grade.code})"

    return label


def person(name: str = UNICODE_NAME) -> Profile:
    """The person whose plan is exported."""
    return Profile(
        id="siany",
        name=name,
        current_grade="HEO",
        current_role="Knowledge and information manager, Cabinet Office",
        target_grade="SEO",
        target_role="Head of records",
        created_at=NOW - timedelta(days=200),
        updated_at=NOW - timedelta(days=100),
    )


def snapshot(fw: Framework, profile_id: str) -> Assessment:
    """A full assessment: levels 1 and 2 met, level 3 partly, level 4 not yet."""
    ratings = {}
    for ind in fw.indicators:
        score = 3 if ind.level <= 2 else (2 if ind.number % 2 else 3)
        if ind.level == 4:
            score = 1
        ratings[ind.code] = Rating(score=score)
    return Assessment(id="snap1", profile_id=profile_id, taken_on=date(2025, 5, 20), ratings=ratings,
                      created_at=NOW - timedelta(days=13))


def plan_items(profile_id: str, count: int = 6) -> list[PlanItem]:
    """`count` plan items with every status, dates and one each of the awkward texts."""
    statuses = [ItemStatus.PLANNED, ItemStatus.IN_PROGRESS, ItemStatus.DONE, ItemStatus.DROPPED]
    items = []
    for n in range(count):
        objective, codes, activity, source = OBJECTIVES[n % len(OBJECTIVES)]
        status = statuses[n % len(statuses)]
        items.append(
            PlanItem(
                id=f"item{n:02d}",
                profile_id=profile_id,
                objective=objective if n < len(OBJECTIVES) else f"{objective} (round {n // len(OBJECTIVES) + 1})",
                indicators=codes,
                activity_title=activity,
                activity_source=source,
                owner="Line manager" if n % 3 == 0 else "",
                target_date=TODAY + timedelta(days=30 * (n - 1)),
                review_date=TODAY + timedelta(days=30 * (n - 1) - 14),
                status=status,
                evidence="Workshop held on 3 March; notes on the team site." if status == ItemStatus.DONE else "",
                position=n,
                created_at=NOW - timedelta(days=60),
                updated_at=NOW - timedelta(days=50 - n),
            )
        )
    return items


def draft(profile_id: str) -> Draft:
    """Ratings in progress."""
    return Draft(profile_id=profile_id, ratings={"1.1.1": Rating(score=4)}, updated_at=NOW)


def make_report(fw: Framework, ladder: GradeLadder, *, items: int = 6, name: str = UNICODE_NAME) -> PdpReport:
    """The PDP of a person with a full assessment, aiming for SEO (level 3)."""
    profile = person(name)
    target = {skill.number: 3 for skill in fw.skills}
    return build_report(
        fw, profile, grade_label(ladder), snapshot(fw, profile.id), target, "SEO",
        plan_items(profile.id, items), TODAY,
    )
