"""Benchmark: does saving one person's data stay as fast with 10,000 people as with 10?

Also what one page run reads of that person (profile, snapshots, plan, unreadable records),
once they have 50 snapshots saved.

Run from the repository root: .venv/bin/python bench/store.py
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from planner.domain.models import Assessment, Draft, PlanItem, Profile, Rating  # noqa: E402
from planner.store.tinydb_store import TinyDBRepository  # noqa: E402

SIZES = (10, 1_000, 10_000)
SAVES = 50
WARM_UP = 3
TARGET_RATIO = 1.5


def indicator_codes() -> list[str]:
    """The 54 indicator codes of the shipped framework."""
    framework = json.loads((ROOT / "data" / "framework.json").read_text(encoding="utf-8"))
    return [indicator["code"] for indicator in framework["indicators"]]


def seed(repo: TinyDBRepository, people: int, codes: list[str]) -> list[Profile]:
    """Store `people` profiles, each with a plan item and a small draft, in one bulk call."""
    profiles = [Profile(name=f"Person {n:05d}", current_grade="HEO") for n in range(people)]
    records = []
    for profile in profiles:
        records.append(PlanItem(profile_id=profile.id, objective="Shadow a records manager"))
        draft_ratings = {code: Rating(score=2) for code in codes[:5]}
        records.append(Draft(profile_id=profile.id, ratings=draft_ratings))
    repo.save_profiles(profiles, records)
    return profiles


def timed(action, times: int) -> list[float]:
    """Milliseconds taken by each of `times` calls, after a few unmeasured warm-up calls."""
    for n in range(WARM_UP):
        action(-1 - n)
    samples = []
    for n in range(times):
        start = time.perf_counter()
        action(n)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def measure(people: int, codes: list[str]) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix=f"kim-bench-{people}-"))
    try:
        repo = TinyDBRepository(folder)
        start = time.perf_counter()
        profiles = seed(repo, people, codes)
        seeded = time.perf_counter() - start
        assert len(repo.list_profiles()) == people
        # The same person is saved at every size, so only the number of other people differs.
        person = profiles[people // 2]
        ratings = {code: Rating(score=n % 5) for n, code in enumerate(codes)}

        def new_snapshot(n: int) -> None:
            repo.add(Assessment(profile_id=person.id, taken_on=date(2025, 1, 1), ratings=ratings))

        def edit_profile(n: int) -> None:
            repo.save_profile(person.model_copy(update={"notes": f"Edit {n}"}))

        def page_reads(n: int) -> None:
            repo.get_profile(person.id)
            repo.list(Assessment, person.id)
            repo.list(PlanItem, person.id)
            repo.unreadable_records(person.id)

        snapshots = timed(new_snapshot, SAVES)
        edits = timed(edit_profile, SAVES)
        reads = timed(page_reads, SAVES)
        return {
            "seed_s": seeded,
            "snapshot_median": statistics.median(snapshots),
            "snapshot_p95": p95(snapshots),
            "edit_median": statistics.median(edits),
            "edit_p95": p95(edits),
            "reads_median": statistics.median(reads),
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> int:
    codes = indicator_codes()
    assert len(codes) == 54, f"expected 54 indicators, found {len(codes)}"
    print(f"Saving one person's data, {SAVES} saves each (milliseconds)")
    header = (
        f"{'people':>8} {'seed (s)':>9} {'snapshot median':>16} {'snapshot p95':>13} "
        f"{'profile edit median':>20} {'profile edit p95':>17} {'page reads median':>18}"
    )
    print(header)
    print("-" * len(header))
    results = {}
    for people in SIZES:
        r = measure(people, codes)
        results[people] = r
        print(
            f"{people:>8,} {r['seed_s']:>9.1f} {r['snapshot_median']:>16.2f} "
            f"{r['snapshot_p95']:>13.2f} {r['edit_median']:>20.2f} {r['edit_p95']:>17.2f} "
            f"{r['reads_median']:>18.2f}"
        )
    small, large = results[SIZES[0]], results[SIZES[-1]]
    ratios = {
        "snapshot median": large["snapshot_median"] / small["snapshot_median"],
        "profile edit median": large["edit_median"] / small["edit_median"],
    }
    print()
    for what, ratio in ratios.items():
        verdict = "OK" if ratio <= TARGET_RATIO else "TOO SLOW"
        print(
            f"{what}: {SIZES[-1]:,} people vs {SIZES[0]} = {ratio:.2f}x "
            f"(target <= {TARGET_RATIO}x) {verdict}"
        )
    return 0 if all(ratio <= TARGET_RATIO for ratio in ratios.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
