"""Time career routes on the shipped roles and on a synthetic graph of 50 roles x 10 grades."""

from __future__ import annotations

import random
import statistics
import sys
import time

from planner.domain import progression, recommend
from planner.domain.framework import default_grade_levels
from planner.domain.models import Rating
from planner.domain.roles import Move, Role, RoleGrade, Roles
from planner.io import dataset, shipped

RUNS = 7


def synthetic_roles(fw, ladder, n_roles: int = 50, seed: int = 7) -> Roles:
    """50 roles over 10 grades (AO to SCS3), each with promotions and a few lateral moves."""
    rng = random.Random(seed)
    grades = ladder.codes[1:11]
    default = default_grade_levels(fw, ladder)
    ids = [f"role-{n:02d}" for n in range(n_roles)]
    spans = {rid: (0, len(grades) - 1) for rid in ids}
    roles = []
    for rid in ids:
        first, last = spans[rid]
        levels_by = []
        for grade in grades[first:last + 1]:
            base = default[grade]
            levels = {s: max(0, base - rng.choice([0, 0, 1])) for s in (1, 2, 3)}
            levels[rng.choice([1, 2, 3])] = base
            moves = [Move(to_role=rng.choice(ids), to_grade=grade, kind="lateral") for _ in range(3)]
            moves = [m for m in moves if m.to_role != rid]
            index = grades.index(grade)
            if index + 1 < len(grades):
                moves.append(Move(to_role=rng.choice(ids), to_grade=grades[index + 1], kind="promotion"))
            levels_by.append(RoleGrade(grade=grade, levels=levels, moves=moves))
        # Levels never fall as grades rise within a role.
        for before, after in zip(levels_by, levels_by[1:]):
            for s in (1, 2, 3):
                after.levels[s] = max(after.levels[s], before.levels[s])
        roles.append(Role(id=rid, name=rid, kind="core", description="synthetic", grades=levels_by))
    return Roles(note="synthetic", roles=roles)


def time_routes(fw, roles, ladder, cur, ratings, start, goal) -> tuple[float, int]:
    samples = []
    found = []
    for _ in range(RUNS):
        began = time.perf_counter()
        found = progression.routes(fw, roles, ladder, cur, ratings, start, goal, recommend.Constraints())
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples), len(found)


def main() -> int:
    fw = shipped.load_framework()
    ladder = shipped.load_grades()
    cur = dataset.load_curriculum()
    ratings = {i.code: Rating(score=3) for i in fw.indicators if i.level == 1}
    ratings |= {i.code: Rating(score=2) for i in fw.indicators if i.level == 2}
    shipped_roles = shipped.load_roles(fw, ladder)
    synthetic = synthetic_roles(fw, ladder)
    places = sum(len(r.grades) for r in synthetic.roles)
    moves = sum(len(g.moves) for r in synthetic.roles for g in r.grades)
    cases = [
        ("shipped roles", shipped_roles, ("records-manager", "EO"), ("knowledge-manager", "G7")),
        ("shipped roles", shipped_roles, ("information-rights-officer", "HEO"), ("information-manager", "G7")),
        ("shipped roles", shipped_roles, ("librarian", "AO"), ("information-manager", "SCS1")),
        (f"synthetic ({len(synthetic.roles)} roles, {places} places, {moves} moves)", synthetic,
         ("role-00", "AO"), ("role-37", "SCS3")),
        (f"synthetic ({len(synthetic.roles)} roles, {places} places, {moves} moves)", synthetic,
         ("role-12", "EO"), ("role-44", "G6")),
    ]
    print(f"Route planning time, median of {RUNS} runs (fastest route plus up to two alternatives, "
          "each step with recommended activities)")
    print(f"{'graph':<48} {'from':<28} {'to':<28} {'routes':>6} {'median ms':>10}")
    for label, roles, start, goal in cases:
        ms, count = time_routes(fw, roles, ladder, cur, ratings, progression.Place(*start), progression.Place(*goal))
        print(f"{label:<48} {' '.join(start):<28} {' '.join(goal):<28} {count:>6} {ms:>10.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
