"""Benchmark: the team capability view for 10, 100 and 1,000 people grows no faster than the team."""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from planner.domain import team, team_learning, team_tables  # noqa: E402
from planner.domain.framework import default_grade_levels  # noqa: E402
from planner.domain.models import Assessment, Framework, Profile, Rating  # noqa: E402
from planner.io.dataset import load_curriculum  # noqa: E402
from planner.io.shipped import load_framework, load_grades  # noqa: E402

SIZES = (10, 100, 1_000)
RUNS = 5
SEED = 2026
TARGET_SECONDS_AT_LARGEST = 1.0
LINEAR_TOLERANCE = 1.25
"""The cost per person may rise by at most this factor from one size to the next (timing noise)."""
HEATMAP_LIMIT = 40
GRADES = ("AO", "EO", "HEO", "SEO", "G7", "G6")
CONSTRAINTS = team_learning.TeamConstraints(budget=20_000, hours_per_person_per_month=4, months=12, max_items=6)
CREATED = datetime(2026, 1, 5, tzinfo=UTC)


def make_people(n: int, fw: Framework, seed: int) -> tuple[list[Profile], dict[str, list[Assessment]]]:
    """n synthetic people with every indicator rated, lower levels rated higher, seeded."""
    rng = random.Random(seed)
    profiles, assessments = [], {}
    for k in range(n):
        grade = rng.choice(GRADES)
        profile = Profile(id=f"person{k:05d}", name=f"Person {k:05d}", current_grade=grade,
                          current_role="Records manager", target_grade=rng.choice((None, grade)),
                          created_at=CREATED, updated_at=CREATED)
        strength = rng.uniform(-1.0, 1.0)
        ratings = {
            ind.code: Rating(score=max(0, min(4, round(rng.gauss(4.2 - ind.level * 0.8 + strength, 1.0)))))
            for ind in fw.indicators
        }
        profiles.append(profile)
        assessments[profile.id] = [Assessment(profile_id=profile.id, taken_on=date(2026, 10, 1),
                                              created_at=CREATED, ratings=ratings)]
    return profiles, assessments


def team_view(fw, grade_levels, activities, profiles, assessments) -> team_learning.TeamPlan:
    """Everything the page computes: members, matrix, levels, shared gaps, coaching, activities, tables."""
    return team_page(fw, grade_levels, activities, team.members_from_profiles(profiles, assessments))


def team_page(fw, grade_levels, activities, members) -> team_learning.TeamPlan:
    """What the page computes once it has the members (bench/store.py reads them from each store)."""
    summary = team.summarise(fw, members, grade_levels)
    plan = team_learning.recommend_for_team(summary, activities, CONSTRAINTS)
    team_tables.levels_rows(summary)
    team_tables.levels_table(summary)
    team_tables.heatmap_rows(summary, True, limit=HEATMAP_LIMIT)
    team_tables.people_table(summary, True, as_words=True)
    team_tables.shared_gaps_table(summary, True)
    team_tables.coaching_table(summary, True)
    team_tables.activities_table(plan)
    return plan


def main() -> int:
    fw = load_framework()
    grade_levels = default_grade_levels(fw, load_grades())
    activities = load_curriculum()  # the shipped sample
    print(f"Team capability view: {len(fw.indicators)} indicators, all rated; {len(activities.activities)} "
          f"activities; median of {RUNS} runs")
    print(f"{'people':>7} | {'median ms':>9} | {'ms a person':>11} | {'ratio to previous':>17} | "
          f"{'shared gaps':>11} | {'coaching':>8} | {'activities':>10}")
    per_person: list[float] = []
    ok = True
    largest_ms = 0.0
    for size in SIZES:
        profiles, assessments = make_people(size, fw, SEED + size)
        team_view(fw, grade_levels, activities, profiles, assessments)  # warm-up
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            plan = team_view(fw, grade_levels, activities, profiles, assessments)
            times.append((time.perf_counter() - start) * 1000)
        ms = statistics.median(times)
        summary = team.summarise(fw, team.members_from_profiles(profiles, assessments), grade_levels)
        cost = ms / size
        ratio = cost / per_person[-1] if per_person else None
        if ratio is not None and ratio > LINEAR_TOLERANCE:
            ok = False
        per_person.append(cost)
        largest_ms = ms
        print(f"{size:>7,} | {ms:>9.1f} | {cost:>11.3f} | {'' if ratio is None else f'{ratio:.2f}':>17} | "
              f"{len(summary.shared_gaps):>11} | {len(summary.coaching):>8} | {len(plan.items):>10}")
    print(f"{'OK' if ok else 'MISSED'}: the cost per person never rises by more than {LINEAR_TOLERANCE:g}x as the "
          f"team grows (growth no faster than linear)")
    fast = largest_ms < TARGET_SECONDS_AT_LARGEST * 1000
    ok &= fast
    print(f"{'OK' if fast else 'MISSED'}: {SIZES[-1]:,} people in {largest_ms / 1000:.2f} s "
          f"(target under {TARGET_SECONDS_AT_LARGEST:g} s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
