"""Benchmark: how long each export of a 40-item plan with a full assessment takes.

Run from the repository root: .venv/bin/python bench/export.py

PDF and Word draw the skill chart with vl-convert, whose engine starts on first use, so
their first run is timed on its own in a fresh process (imports included).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.unit.export_fixtures, the plan every export is made from

from planner.documents import calendar, pdp, spreadsheet  # noqa: E402
from planner.io import bundle, shipped  # noqa: E402
from planner.services import plan_import  # noqa: E402
from planner.store import MemoryRepository  # noqa: E402
from tests.unit.export_fixtures import NOW, draft, make_report, person, plan_items, snapshot  # noqa: E402

ITEMS = 40
RUNS = 5


def exports() -> dict[str, Callable[[], bytes]]:
    """Each export of the same person's plan, by name."""
    fw, ladder = shipped.load_framework(), shipped.load_grades()
    report = make_report(fw, ladder, items=ITEMS)
    profile = person()
    items = plan_items(profile.id, ITEMS)
    snap = snapshot(fw, profile.id)
    assert len(snap.ratings) == 54
    bundle_bytes = bundle.export_bundle(profile, [snap], items, NOW, draft(profile.id))

    def redrawn(render: Callable[[], bytes]) -> Callable[[], bytes]:
        # The chart is cached by its rows; clearing it times a download whose chart changed.
        def run() -> bytes:
            pdp.forget_drawn_charts()
            return render()

        return run

    def import_into_empty() -> bytes:
        plan_import.merge_bundle(MemoryRepository(), bundle.read_bundle(bundle_bytes), chosen_id=None)
        return b""

    return {
        "PDF": redrawn(lambda: pdp.pdp_pdf(report)),
        "PDF (chart cached)": lambda: pdp.pdp_pdf(report),
        "Word": redrawn(lambda: pdp.pdp_docx(report)),
        "Word (chart cached)": lambda: pdp.pdp_docx(report),
        "Markdown": lambda: pdp.pdp_markdown(report),
        "CSV": lambda: spreadsheet.plan_csv(report.items),
        "iCalendar": lambda: calendar.plan_ics(items, profile.name, NOW),
        "JSON bundle export": lambda: bundle.export_bundle(profile, [snap], items, NOW, draft(profile.id)),
        "JSON bundle read + import": import_into_empty,
    }


def first_run(name: str) -> float:
    """Seconds for one export in a fresh process, imports and chart engine start included."""
    result = subprocess.run([sys.executable, __file__, "--first", name], capture_output=True, text=True,
                            check=True, cwd=ROOT)
    return float(result.stdout.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--first":
        run = exports()[sys.argv[2]]
        start = time.perf_counter()
        run()
        print(time.perf_counter() - start)
        return

    print(f"Exports of a plan of {ITEMS} items and a 54-rating assessment "
          f"(median of {RUNS} warm runs).\n")
    firsts = {name: first_run(name) for name in ("PDF", "Word")}
    runs = exports()
    for run in runs.values():
        run()  # warm up: imports, fonts, chart engine
    print(f"| {'format':<26} | {'first run':>9} | {'median':>8} | {'size':>9} |")
    print(f"| {'-' * 26} | {'-' * 9}:| {'-' * 8}:| {'-' * 9}:|")
    for name, run in runs.items():
        times, size = [], 0
        for _ in range(RUNS):
            start = time.perf_counter()
            size = len(run())
            times.append(time.perf_counter() - start)
        first = f"{firsts[name]:.2f} s" if name in firsts else ""
        shown_size = f"{size / 1024:.0f} KiB" if size else ""
        print(f"| {name:<26} | {first:>9} | {statistics.median(times):>6.3f} s | {shown_size:>9} |")


if __name__ == "__main__":
    main()
