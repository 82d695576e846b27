"""Benchmark: recommender speed on 100-5,000 activities and its quality against the exact optimum."""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from planner.domain import assessment, recommend, selection  # noqa: E402
from planner.domain.curriculum import Activity, Curriculum, Development  # noqa: E402
from planner.domain.models import Framework, Rating  # noqa: E402
from planner.io.shipped import load_framework  # noqa: E402

SIZES = (100, 1_000, 5_000)
RUNS = 7
PEOPLE = 3
SPEED_TARGET_MS = 50.0
QUALITY_INSTANCES = 30
QUALITY_TARGET = 0.95
TARGET = {1: 3, 2: 3, 3: 3}
STANDARD = recommend.Constraints(
    budget=500, hours_per_month=4, horizon_months=12, max_items=6, years_experience=3
)

FORMATS_BY_CATEGORY = {
    "experience": (("project", 8), ("shadowing", 2), ("secondment", 1)),
    "others": (("mentoring", 3), ("community", 3), ("event", 3), ("workshop", 2), ("project", 1)),
    "formal": (("course", 4), ("e-learning", 3), ("qualification", 2), ("reading", 2), ("workshop", 1),
               ("apprenticeship", 1)),
}
PROVIDERS = ("Civil Service Learning", "The National Archives", "Own department", "KIM Network",
             "Government Skills Campus", "Open University", "CILIP", "IRMS", "Local college")


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([w for w, _ in weighted], weights=[n for _, n in weighted])[0]


def _cost(rng: random.Random, category: str) -> float:
    free_share = {"experience": 0.95, "others": 0.8, "formal": 0.35}[category]
    if rng.random() < free_share:
        return 0.0
    return float(round(min(2_000.0, max(50.0, rng.lognormvariate(5.7, 0.9))) / 10) * 10)


def _hours(rng: random.Random, category: str) -> float:
    centre = {"experience": 3.2, "others": 2.2, "formal": 2.6}[category]
    return float(round(min(150.0, max(1.0, rng.lognormvariate(centre, 0.9))) * 2) / 2)


def make_curriculum(n: int, seed: int, fw: Framework) -> Curriculum:
    """A deterministic synthetic curriculum of n activities over the framework's indicators."""
    rng = random.Random(seed)
    by_level = {lv: [i.code for i in fw.indicators if i.level == lv] for lv in (1, 2, 3, 4)}
    activities = []
    for k in range(n):
        category = rng.choices(("experience", "others", "formal"), weights=(70, 20, 10))[0]
        level = rng.choices((1, 2, 3, 4), weights=(2, 4, 4, 2))[0]
        count = rng.choices((1, 2, 3, 4), weights=(3, 4, 2, 1))[0]
        codes: list[str] = []
        while len(codes) < count:
            near = min(4, max(1, level + rng.choice((-1, 0, 0, 0, 1))))
            code = rng.choice(by_level[near])
            if code not in codes:
                codes.append(code)
        develops = [Development(indicator=c, points=rng.choices((1, 2, 3), weights=(4, 4, 2))[0])
                    for c in codes]
        prerequisites: list[str] = []
        if k > 0 and rng.random() < 0.05:
            prerequisites = sorted({f"a{rng.randrange(k):05d}" for _ in range(rng.choice((1, 1, 2)))})
        years = rng.choice((1.0, 2.0, 3.0, 5.0, 8.0)) if rng.random() < 0.15 else 0.0
        activities.append(Activity(
            id=f"a{k:05d}", title=f"Synthetic activity {k}", provider=rng.choice(PROVIDERS),
            format=_pick(rng, FORMATS_BY_CATEGORY[category]), category=category, develops=develops,
            level=level, hours=_hours(rng, category), cost=_cost(rng, category),
            prerequisites=prerequisites, min_years_experience=years,
        ))
    return Curriculum(note=f"Synthetic curriculum of {n} activities (seed {seed}).", activities=activities)


def make_gaps(fw: Framework, seed: int) -> list[assessment.Gap]:
    """A person who meets level 1, is partly at 2 on level 2 and has not rated level 3."""
    rng = random.Random(seed)
    share_developing = rng.uniform(0.3, 0.7)
    ratings = {}
    for ind in fw.indicators:
        if ind.level == 1:
            ratings[ind.code] = Rating(score=rng.choice((3, 3, 3, 4)))
        elif ind.level == 2:
            ratings[ind.code] = Rating(score=2 if rng.random() < share_developing else rng.choice((3, 4)))
    return assessment.gaps(fw, ratings, TARGET)


def time_recommend(gaps, curriculum: Curriculum) -> float:
    """Median milliseconds of recommend() over RUNS runs, after one warm-up."""
    recommend.recommend(gaps, curriculum, STANDARD)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        recommend.recommend(gaps, curriculum, STANDARD)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def exact_optimum(problem) -> tuple[float, int]:
    """The best problem.value over every subset of candidates that problem.fits, and nodes visited."""
    cands = problem.candidates
    best = 0.0
    nodes = 0

    def search(start: int, chosen: list, taken: set[str]) -> None:
        nonlocal best, nodes
        nodes += 1
        value = problem.value(chosen)
        if value > best:
            best = value
        for j in range(start, len(cands)):
            cand = cands[j]
            if problem.fits(cand, chosen, taken):
                chosen.append(cand)
                search(j + 1, chosen, taken | set(cand.ids))
                chosen.pop()

    search(0, [], set())
    return best, nodes


def small_constraints(rng: random.Random) -> recommend.Constraints:
    return recommend.Constraints(
        budget=rng.choice((0.0, 100.0, 250.0, 500.0, 1_000.0, 2_500.0)),
        hours_per_month=rng.choice((2.0, 4.0, 8.0, 16.0)),
        horizon_months=rng.choice((6, 12, 24)),
        max_items=rng.choice((3, 4, 5)),
        years_experience=rng.choice((3.0, 5.0, 10.0)),
        mix=rng.choice((tuple(recommend.DEFAULT_MIX.items()),
                        (("experience", 50), ("others", 30), ("formal", 20)),
                        (("experience", 100), ("others", 0), ("formal", 0)))),
    )


def weighted_closed(result: recommend.Result, problem) -> float:
    weight = {g.code: problem.weight[i] for i, g in enumerate(problem.gaps)}
    return sum(weight[c.code] * c.points for item in result.items for c in item.closes)


def main() -> int:
    fw = load_framework()
    people = [make_gaps(fw, 100 + p) for p in range(PEOPLE)]
    ok = True

    print("Speed: recommend() with budget £500, 4 h/month, 12 months, 6 items, 3 years' experience")
    print(f"{'activities':>10} | {'person':>6} | {'gaps':>4} | {'shortfall':>9} | {'candidates':>10} | "
          f"{'median ms':>9} | {'closed':>6}")
    worst_at_largest = 0.0
    for size in SIZES:
        curriculum = make_curriculum(size, seed=size, fw=fw)
        for p, gaps in enumerate(people):
            ms = time_recommend(gaps, curriculum)
            result = recommend.recommend(gaps, curriculum, STANDARD)
            problem = selection.Problem(gaps, curriculum, STANDARD, exclude=set(), done=set())
            print(f"{size:>10,} | {p + 1:>6} | {len(gaps):>4} | {result.total_shortfall:>9} | "
                  f"{len(problem.candidates):>10,} | {ms:>9.1f} | {result.share_closed:>6.0%}")
            if size == SIZES[-1]:
                worst_at_largest = max(worst_at_largest, ms)
    speed_ok = worst_at_largest < SPEED_TARGET_MS
    ok &= speed_ok
    print(f"{'OK' if speed_ok else 'MISSED'}: slowest median at {SIZES[-1]:,} activities is "
          f"{worst_at_largest:.1f} ms (target under {SPEED_TARGET_MS:.0f} ms)")
    print()

    print(f"Quality: recommender vs exact optimum on {QUALITY_INSTANCES} small instances")
    print(f"{'#':>3} | {'acts':>4} | {'cands':>5} | {'budget':>6} | {'hours':>5} | {'items':>5} | "
          f"{'mix':>8} | {'solve':>6} | {'optimum':>7} | {'ratio':>6} | {'nodes':>6}")
    rng = random.Random(2024)
    ratios = []
    mismatches = 0
    start = time.perf_counter()
    for n in range(QUALITY_INSTANCES):
        size = rng.randint(18, 24)
        curriculum = make_curriculum(size, seed=10_000 + n, fw=fw)
        gaps = people[n % PEOPLE]
        constraints = small_constraints(rng)
        problem = selection.Problem(gaps, curriculum, constraints, exclude=set(), done=set())
        reached = problem.value(problem.solve())
        optimum, nodes = exact_optimum(problem)
        result = recommend.recommend(gaps, curriculum, constraints)
        if abs(weighted_closed(result, problem) - reached) > 1e-9:
            mismatches += 1
        ratio = reached / optimum if optimum > 0 else 1.0
        ratios.append(ratio)
        mix = ":".join(str(v) for _, v in constraints.mix)
        print(f"{n + 1:>3} | {size:>4} | {len(problem.candidates):>5} | {constraints.budget:>6.0f} | "
              f"{constraints.hours_available:>5.0f} | {constraints.max_items:>5} | {mix:>8} | "
              f"{reached:>6.2f} | {optimum:>7.2f} | {ratio:>6.1%} | {nodes:>6}")
    elapsed = time.perf_counter() - start
    mean = statistics.mean(ratios)
    at_best = sum(r >= 1 - 1e-9 for r in ratios) / len(ratios)
    print(f"ratio to optimum: mean {mean:.1%}, min {min(ratios):.1%}, at 100% in {at_best:.0%} of instances "
          f"({elapsed:.1f} s)")
    sane = mismatches == 0
    ok &= sane
    print(f"{'OK' if sane else 'MISSED'}: recommend()'s weighted shortfall closed equals solve()'s value "
          f"in {QUALITY_INSTANCES - mismatches} of {QUALITY_INSTANCES} instances")
    quality_ok = mean >= QUALITY_TARGET
    ok &= quality_ok
    print(f"{'OK' if quality_ok else 'MISSED'}: mean ratio to optimum {mean:.1%} "
          f"(target at least {QUALITY_TARGET:.0%})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
