"""Benchmark: is every page's rerun, with a populated profile, within 10x a one-widget page's?"""

from __future__ import annotations

import argparse
import builtins
import cProfile
import functools
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The app reads its data folder from the environment, so it is set before any app module loads.
DATA_DIR = Path(tempfile.mkdtemp(prefix="kim-bench-pages-"))
os.environ["KIM_PATHWAYS_DATA_DIR"] = str(DATA_DIR)

import logging  # noqa: E402

from streamlit import config  # noqa: E402
from streamlit.runtime.pages_manager import PagesManager  # noqa: E402
from streamlit.runtime.scriptrunner.script_cache import ScriptCache  # noqa: E402
from streamlit.testing.v1 import AppTest, app_test  # noqa: E402

from planner import store  # noqa: E402
from planner.domain.models import Assessment, Draft, PlanItem, Profile, Rating  # noqa: E402
from planner.io.shipped import load_framework  # noqa: E402
from ui import navigation  # noqa: E402

APP = ROOT / "app.py"
RERUNS = 15
BASELINE_RERUNS = 25
"""Baseline reruns measured before the pages and again after them, pooled: it is ~2 ms, so noisy."""
TIMEOUT = 60
TARGET_RATIO = 10.0
SNAPSHOTS = 5
PLAN_ITEMS = 20
BASELINE_SCRIPT = 'import streamlit as st\n\nst.text_input("x", key="x")\n'

# How many times each script file has been executed inside app.py, to prove a timed rerun really
# ran the page. Streamlit runs the main script and every st.Page file with the builtin
# exec(code, ...). On the server, and here by default, a rerun runs app.py, which runs the page.
# With --as-apptest-does each rerun after the first starts in the legacy pages/ mode: the page file
# runs on its own and hands over to app.py at once, which runs it (ui/navigation.py says why). Only
# that inner run is the page's, so a page's exec outside app.py is not counted.
executions: Counter[str] = Counter()
_real_exec = builtins.exec
# With --profile, where app.py's runs spend their time (the script thread, where AppTest runs it).
profiler: cProfile.Profile | None = None


@functools.cache
def _resolved(filename: str) -> Path:
    # Once per file: resolving a path on every exec would add the benchmark's own time to each rerun.
    return Path(filename).resolve()


def _counting_exec(source, globals=None, locals=None, /, **kwargs):  # noqa: A002
    filename = getattr(source, "co_filename", None)
    if filename:
        path = _resolved(filename)
        if navigation.is_routed() or path.parent != ROOT / "pages":
            executions[str(path)] += 1
        if profiler is not None and path == APP:
            profiler.enable()
            try:
                return _real_exec(source, globals, locals, **kwargs)
            finally:
                profiler.disable()
    return _real_exec(source, globals, locals, **kwargs)


builtins.exec = _counting_exec


class _ServerPagesManager(PagesManager):
    """AppTest's PagesManager, but its reset before each run leaves the server's setting alone."""


def rerun_as_the_server_does() -> None:
    """Make AppTest's reruns do what a running server's do, and no more.

    AppTest differs from the server in two ways that cost a page, not the app, time on every rerun
    (seen in Streamlit 1.67.0's testing/v1/app_test.py, `AppTest._run`):
    - it gives each run a new ScriptCache, so the page file and app.py are compiled again, with
      Streamlit's "magic" rewriting of their syntax tree, on every rerun. The server keeps one
      cache for the app's life, so a page is compiled once.
    - it sets `PagesManager.uses_pages_directory` back to None before each run, so each run starts
      in the legacy pages/ mode: Streamlit makes a page object for every file in pages/, runs the
      page file on its own, and the page hands over to app.py (ui/navigation.py says why). On the
      server that happens only on the first request after a start; once any run has called
      st.navigation, every rerun runs app.py straight away.
    Here every AppTest run shares one ScriptCache, as the server's runtime does, and AppTest's reset
    is made to a subclass's attribute, so the setting st.navigation made stays, as on the server.
    The one-widget baseline runs the same way, so both sides of the ratio are measured alike.
    """
    shared = ScriptCache()
    app_test.ScriptCache = lambda: shared  # type: ignore[attr-defined]
    app_test.PagesManager = _ServerPagesManager  # type: ignore[attr-defined]


class PageError(RuntimeError):
    """A page raised, or a rerun did not run it: it has no valid time."""


def seed() -> Profile:
    """One person with 5 rising self-assessments, a full draft and 20 plan items."""
    repo = store.open_repository(DATA_DIR)
    codes = load_framework().codes
    profile = Profile(
        name="Bench Person", current_grade="HEO", target_grade="SEO", current_role="Records manager"
    )
    repo.save_profile(profile)
    start = date(2025, 1, 15)
    for n in range(SNAPSHOTS):
        ratings = {code: Rating(score=min(4, (i % 4) + n // 2)) for i, code in enumerate(codes)}
        taken_on = start + timedelta(days=30 * n)
        repo.add(Assessment(profile_id=profile.id, taken_on=taken_on, ratings=ratings))
    draft = {code: Rating(score=min(4, (i % 4) + 2)) for i, code in enumerate(codes)}
    repo.put(Draft(profile_id=profile.id, ratings=draft))
    for n in range(PLAN_ITEMS):
        repo.add(
            PlanItem(
                profile_id=profile.id,
                objective=f"Objective {n + 1}: practise and show indicator {codes[n]}",
                indicators=[codes[n], codes[n + 20]],
                position=n,
            )
        )
    return profile


def time_reruns(at: AppTest, script: Path, times: int) -> list[float]:
    """Milliseconds of each of `times` reruns, after one unmeasured rerun.

    The rerun is triggered by setting a plain session-state key no page reads, then at.run():
    the nearest thing to a person's interaction that changes nothing the page shows. (A bare
    at.run() after st.navigation was thought to be a no-op; checked on Streamlit 1.67.0, it does
    rerun the page, and so does the tick, which does not depend on that.) Each rerun is checked
    to have executed the page file exactly once without an exception, so a rerun that did not
    happen, or a page that crashed early, cannot pass as fast.
    """
    key = str(script.resolve())
    samples = []
    for n in range(-1, times):
        at.session_state["_bench_tick"] = n
        before = executions[key]
        start = time.perf_counter()
        at.run()
        elapsed = (time.perf_counter() - start) * 1000
        ran = executions[key] - before
        if ran != 1:
            raise PageError(f"rerun {n} executed {script.name} {ran} times, not once")
        if at.exception:
            error = at.exception[0]
            raise PageError(f"{error.proto.type or 'error'}: {error.message}")
        if n >= 0:
            samples.append(elapsed)
    return samples


def baseline_samples() -> list[float]:
    """Rerun times of a page with one widget: what any rerun costs, the page's own work aside."""
    folder = Path(tempfile.mkdtemp(prefix="kim-bench-baseline-"))
    try:
        script = folder / "one_widget.py"
        script.write_text(BASELINE_SCRIPT, encoding="utf-8")
        at = AppTest.from_file(str(script), default_timeout=TIMEOUT)
        at.run()
        return time_reruns(at, script, BASELINE_RERUNS)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def page_ms(page_path: str, profile_id: str) -> float:
    """Median rerun time of one page of the app, run as the seeded person."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.session_state["profile_id"] = profile_id
    at.run()
    at.switch_page(page_path)
    at.run()
    return statistics.median(time_reruns(at, ROOT / page_path, RERUNS))


def profile_page(page_path: str, profile_id: str, lines: int) -> None:
    """Print where one page's timed reruns spend their time, by cumulative time of each call."""
    global profiler
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.session_state["profile_id"] = profile_id
    at.run()
    at.switch_page(page_path)
    at.run()
    profiler = cProfile.Profile()
    try:
        time_reruns(at, ROOT / page_path, RERUNS)
    finally:
        stats, profiler = pstats.Stats(profiler), None
    print(f"Where {page_path}'s {RERUNS} reruns spend their time (app.py's runs only):")
    stats.sort_stats("cumulative").print_stats(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--profile", metavar="PAGE", help="instead of the table, print where PAGE's reruns go (pages/gaps.py)"
    )
    parser.add_argument("--lines", type=int, default=60, help="how many calls --profile prints")
    parser.add_argument(
        "--as-apptest-does", action="store_true",
        help="time AppTest's own reruns (each compiles the page again and starts in the legacy pages/ mode)",
    )
    args = parser.parse_args()
    # Setting session state between runs makes Streamlit warn of a missing ScriptRunContext.
    # A filter, not a level: Streamlit resets its loggers' levels on every AppTest run.
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        lambda record: "missing ScriptRunContext" not in record.getMessage()
    )
    # Without this AppTest redacts a page's exception to "This app has encountered an error".
    config.set_option("client.showErrorDetails", "full")
    if not args.as_apptest_does:
        rerun_as_the_server_does()
    try:
        profile = seed()
        if args.profile:
            profile_page(args.profile, profile.id, args.lines)
            return 0
        before = baseline_samples()
        timings: dict[str, float | PageError] = {}
        for entry in navigation.PAGES:
            try:
                timings[entry.path] = page_ms(entry.path, profile.id)
            except PageError as exc:
                timings[entry.path] = exc
        after = baseline_samples()
        base = statistics.median(before + after)
        print(
            f"Median rerun time of each page, {RERUNS} reruns, one profile with {SNAPSHOTS} "
            f"assessments, a full draft and {PLAN_ITEMS} plan items"
        )
        print(
            f"Baseline (one st.text_input page, {2 * BASELINE_RERUNS} reruns, before and after "
            f"the pages): {base:.1f} ms (before {statistics.median(before):.1f}, "
            f"after {statistics.median(after):.1f})"
        )
        header = f"{'page':<22} {'median ms':>10} {'x baseline':>11}  result"
        print(header)
        print("-" * len(header))
        missed, failed = [], []
        for path, ms in timings.items():
            if isinstance(ms, PageError):
                failed.append(path)
                print(f"{path:<22} {'-':>10} {'-':>11}  ERROR {ms}")
                continue
            ratio = ms / base
            verdict = "OK" if ratio <= TARGET_RATIO else "MISSED"
            if verdict == "MISSED":
                missed.append(path)
            print(f"{path:<22} {ms:>10.1f} {ratio:>10.1f}x  {verdict}")
        print()
        if missed:
            print(f"MISSED the target of {TARGET_RATIO:g}x baseline: {', '.join(missed)}")
        if failed:
            print(f"Could not be timed (the page failed): {', '.join(failed)}")
        if missed or failed:
            return 1
        print(f"Every page is within {TARGET_RATIO:g}x baseline.")
        return 0
    finally:
        shutil.rmtree(DATA_DIR, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
