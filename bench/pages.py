"""Benchmark: is every page's rerun, with a populated profile, within 10x a one-widget page's, and on a
department's server (signed in with st.login) within 1.2x of the same page on one's own computer?

Each page is timed twice in the same run, in turns: in local mode (no secrets, the profile chosen
as the sidebar does) and in server mode (secrets with an [auth] section, as tests/app/conftest.py's
SERVER_AUTH, and a person signed in whose profile is the same saved data, under the id their
identity gives). Reruns of the two alternate, so a machine busy with something else slows both.
"""

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
from planner.domain.models import (  # noqa: E402
    Assessment,
    Draft,
    Mentorship,
    PlanItem,
    Profile,
    Rating,
    Team,
    TeamMember,
)
from planner.io.shipped import load_framework  # noqa: E402
from planner.services.acting import profile_id_for  # noqa: E402
from ui import navigation  # noqa: E402

APP = ROOT / "app.py"
RERUNS = 30
BASELINE_RERUNS = 25
"""Baseline reruns measured before the pages and again after them, pooled: it is ~2 ms, so noisy."""
clock = time.perf_counter
"""What a rerun is timed by: the wall clock, or with --cpu the process's CPU time (time.process_time),
which a machine busy with other work hardly changes, since waiting for a core is not counted."""
TIMEOUT = 60
TARGET_RATIO = 10.0
TARGET_SERVER_RATIO = 1.2
"""A page in server mode takes at most this times as long as in local mode (the issue's requirement)."""
SNAPSHOTS = 5
PLAN_ITEMS = 20
OTHER_MENTORSHIPS = 60
TEAMS, TEAM_SIZE = 6, 12
"""Other people's consents and teams, as on a server in use: the records shared between people are one
file, which a server-mode page reads whatever it shows of them (none of these concern the person)."""
BASELINE_SCRIPT = 'import streamlit as st\n\nst.text_input("x", key="x")\n'

# Server mode, as tests/app/conftest.py runs it: the same [auth] section (a well-formed one: the app
# checks it but AppTest signs nobody in through it), and the signed-in person's ID-token claims.
ISSUER = "https://login.example.gov.uk"
SUBJECT = "bench-person"
EMAIL = "bench.person@example.gov.uk"
SERVER_SECRETS = {
    "auth": {
        "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
        "cookie_secret": "k3J9x-Qm2vT8pLw4Zr7nYb1Hc6Fd0Gs5Ua_EiOyRtW",
        "client_id": "kim-pathways",
        "client_secret": "a-client-secret",
        "server_metadata_url": f"{ISSUER}/.well-known/openid-configuration",
    },
    # The person is a profession admin, so the pages that change shared data show the same controls
    # as on one's own computer, where everyone may change it.
    "kim_pathways": {"admin_emails": [EMAIL]},
}
SIGNED_IN = {"is_logged_in": True, "iss": ISSUER, "sub": SUBJECT, "email": EMAIL, "name": "Bench Person",
             "groups": []}
MODES = ("local", "server")

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
    """One person with 5 rising self-assessments, a full draft and 20 plan items; others' shared records."""
    repo = store.open_repository(DATA_DIR)
    codes = load_framework().codes
    # Under the id the signed-in person's identity gives, so both modes show the same saved data.
    profile = Profile(
        id=profile_id_for(ISSUER, SUBJECT), name="Bench Person", email=EMAIL,
        current_grade="HEO", target_grade="SEO", current_role="Records manager",
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
    seed_shared(repo)
    return profile


def seed_shared(repo: store.Repository) -> None:
    """Mentoring consents and teams between other people (see OTHER_MENTORSHIPS)."""
    for n in range(OTHER_MENTORSHIPS):
        repo.put_shared(Mentorship(
            asked_by="mentee", mentee_id=f"id-mentee-{n}", mentee_name=f"Mentee {n}",
            mentee_email=f"mentee.{n}@example.gov.uk", mentor_id=f"id-mentor-{n % 7}",
            mentor_name=f"Mentor {n % 7}", mentor_email=f"mentor.{n % 7}@example.gov.uk", status="active",
        ))
    for t in range(TEAMS):
        team = Team(lead_id=f"id-lead-{t}", lead_name=f"Lead {t}", name=f"Team {t}")
        repo.put_shared(team)
        for k in range(TEAM_SIZE):
            repo.put_shared(TeamMember(team_id=team.id, email=f"member.{t}.{k}@example.gov.uk",
                                       profile_id=f"id-member-{t}-{k}", name=f"Member {t}.{k}", status="joined"))


def time_reruns(at: AppTest, script: Path, times: int) -> list[float]:
    """Milliseconds of each of `times` reruns, after one unmeasured rerun (see time_in_turns)."""
    return time_in_turns([at], script, times)[0]


def time_in_turns(apps: list[AppTest], script: Path, times: int) -> list[list[float]]:
    """Milliseconds of each of `times` reruns of each app, after one unmeasured rerun; the apps take turns.

    The rerun is triggered by setting a plain session-state key no page reads, then at.run():
    the nearest thing to a person's interaction that changes nothing the page shows. (A bare
    at.run() after st.navigation was thought to be a no-op; checked on Streamlit 1.67.0, it does
    rerun the page, and so does the tick, which does not depend on that.) Each rerun is checked
    to have executed the page file exactly once without an exception, so a rerun that did not
    happen, or a page that crashed early, cannot pass as fast. Taking turns rerun by rerun, the
    apps meet the same moments of a busy machine, so their times compare fairly.
    """
    key = str(script.resolve())
    samples: list[list[float]] = [[] for _ in apps]
    for n in range(-1, times):
        for at, kept in zip(apps, samples, strict=True):
            at.session_state["_bench_tick"] = n
            before = executions[key]
            start = clock()
            at.run()
            elapsed = (clock() - start) * 1000
            ran = executions[key] - before
            if ran != 1:
                raise PageError(f"rerun {n} executed {script.name} {ran} times, not once")
            if at.exception:
                error = at.exception[0]
                raise PageError(f"{error.proto.type or 'error'}: {error.message}")
            if n >= 0:
                kept.append(elapsed)
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


def open_app(page_path: str, profile_id: str, mode: str) -> AppTest:
    """The app on one page, as the seeded person: chosen (local mode) or signed in (server mode)."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    if mode == "server":
        at.secrets.update(SERVER_SECRETS)
        at.user = dict(SIGNED_IN)
    else:
        at.session_state["profile_id"] = profile_id
    at.run()
    at.switch_page(page_path)
    at.run()
    if at.exception:
        raise PageError(f"{mode} mode: {at.exception[0].message}")
    return at


def page_ms(page_path: str, profile_id: str, modes: tuple[str, ...] = MODES) -> dict[str, float]:
    """Median rerun time of one page of the app in each mode, run as the seeded person, the modes in turns.

    With both modes, also "server/local": the median of the ratios of the two reruns of each turn,
    taken one after the other, so a stretch of time when the machine is slower (other work on it)
    slows both sides of each ratio, and a few such stretches do not move the median.
    """
    apps = [open_app(page_path, profile_id, mode) for mode in modes]
    samples = dict(zip(modes, time_in_turns(apps, ROOT / page_path, RERUNS), strict=True))
    found = {mode: statistics.median(times) for mode, times in samples.items()}
    if len(modes) == 2:
        found["server/local"] = statistics.median(
            server / local for local, server in zip(samples["local"], samples["server"], strict=True))
    return found


def profile_page(page_path: str, profile_id: str, lines: int, mode: str, sort: str = "cumulative",
                 callers: str = "") -> None:
    """Print where one page's timed reruns spend their time, by cumulative time of each call."""
    global profiler
    at = open_app(page_path, profile_id, mode)
    profiler = cProfile.Profile()
    try:
        time_reruns(at, ROOT / page_path, RERUNS)
    finally:
        stats, profiler = pstats.Stats(profiler), None
    print(f"Where {page_path}'s {RERUNS} reruns in {mode} mode spend their time (app.py's runs only):")
    stats.sort_stats(sort).print_stats(lines)
    if callers:
        stats.print_callers(callers)


def main() -> int:
    global RERUNS, clock
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--profile", metavar="PAGE", help="instead of the table, print where PAGE's reruns go (pages/gaps.py)"
    )
    parser.add_argument("--server", action="store_true", help="with --profile, profile server mode")
    parser.add_argument("--lines", type=int, default=60, help="how many calls --profile prints")
    parser.add_argument("--sort", default="cumulative", help="with --profile, the order: cumulative or tottime")
    parser.add_argument("--callers", default="", help="with --profile, also who calls the functions this names")
    parser.add_argument("--local-only", action="store_true", help="time local mode only (no server column)")
    parser.add_argument("--reruns", type=int, default=RERUNS, help=f"timed reruns of each page (default {RERUNS})")
    parser.add_argument(
        "--cpu", action="store_true",
        help="time reruns by the process's CPU time, not the wall clock (steadier on a machine busy with other work)",
    )
    parser.add_argument(
        "--as-apptest-does", action="store_true",
        help="time AppTest's own reruns (each compiles the page again and starts in the legacy pages/ mode)",
    )
    args = parser.parse_args()
    RERUNS = args.reruns
    if args.cpu:
        clock = time.process_time
    # Setting session state between runs makes Streamlit warn of a missing ScriptRunContext.
    # A filter, not a level: Streamlit resets its loggers' levels on every AppTest run.
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        lambda record: "missing ScriptRunContext" not in record.getMessage()
    )
    # Without this AppTest redacts a page's exception to "This app has encountered an error".
    config.set_option("client.showErrorDetails", "full")
    if not args.as_apptest_does:
        rerun_as_the_server_does()
    modes = ("local",) if args.local_only else MODES
    try:
        profile = seed()
        if args.profile:
            profile_page(args.profile, profile.id, args.lines, "server" if args.server else "local", args.sort,
                         args.callers)
            return 0
        before = baseline_samples()
        timings: dict[str, dict[str, float] | PageError] = {}
        for entry in navigation.PAGES:
            if entry.server_only and "server" not in modes:
                continue
            try:
                timings[entry.path] = page_ms(entry.path, profile.id, ("server",) if entry.server_only else modes)
            except PageError as exc:
                timings[entry.path] = exc
        after = baseline_samples()
        base = statistics.median(before + after)
        return report(timings, base, before, after, modes)
    finally:
        shutil.rmtree(DATA_DIR, ignore_errors=True)


def report(timings: dict[str, dict[str, float] | PageError], base: float, before: list[float],
           after: list[float], modes: tuple[str, ...]) -> int:
    """Print the table; 1 when a page missed a target or could not be timed."""
    server = "server" in modes
    print(
        f"Median rerun time ({'CPU' if clock is time.process_time else 'wall-clock'}) of each page, "
        f"{RERUNS} reruns, one profile with {SNAPSHOTS} "
        f"assessments, a full draft and {PLAN_ITEMS} plan items, and others' {OTHER_MENTORSHIPS} mentorships "
        f"and {TEAMS} teams of {TEAM_SIZE}"
        + (", in local mode and in server mode (signed in), their reruns in turns; server/local is the "
           "median of each turn's ratio" if server else "")
    )
    print(
        f"Baseline (one st.text_input page, {2 * BASELINE_RERUNS} reruns, before and after "
        f"the pages): {base:.1f} ms (before {statistics.median(before):.1f}, "
        f"after {statistics.median(after):.1f})"
    )
    header = f"{'page':<22} {'local ms':>9} {'x baseline':>11}"
    if server:
        header += f" {'server ms':>10} {'server/local':>13}"
    header += "  result"
    print(header)
    print("-" * len(header))
    missed, missed_server, failed = [], [], []
    for path, times in timings.items():
        if isinstance(times, PageError):
            failed.append(path)
            print(f"{path:<22} {'-':>9} {'-':>11}" + (f" {'-':>10} {'-':>13}" if server else "") + f"  ERROR {times}")
            continue
        local = times.get("local")
        ratio = (local if local is not None else times["server"]) / base
        verdicts = []
        if ratio > TARGET_RATIO:
            missed.append(path)
            verdicts.append(f"MISSED {TARGET_RATIO:g}x baseline")
        if local is None:  # a page only a server has (Sharing): its server time against the baseline
            print(f"{path:<22} {'-':>9} {ratio:>10.1f}x {times['server']:>10.1f} {'-':>13}  "
                  f"{', '.join(verdicts) or 'OK'} (only on a server)")
            continue
        line = f"{path:<22} {local:>9.1f} {ratio:>10.1f}x"
        if server:
            against_local = times["server/local"]
            if against_local > TARGET_SERVER_RATIO:
                missed_server.append(path)
                verdicts.append(f"MISSED {TARGET_SERVER_RATIO:g}x local")
            line += f" {times['server']:>10.1f} {against_local:>12.2f}x"
        print(f"{line}  {', '.join(verdicts) or 'OK'}")
    print()
    if missed:
        print(f"MISSED the target of {TARGET_RATIO:g}x baseline: {', '.join(missed)}")
    if missed_server:
        print(f"MISSED the target of server mode within {TARGET_SERVER_RATIO:g}x local mode: "
              f"{', '.join(missed_server)}")
    if failed:
        print(f"Could not be timed (the page failed): {', '.join(failed)}")
    if missed or missed_server or failed:
        return 1
    print(f"Every page is within {TARGET_RATIO:g}x baseline"
          + (f", and in server mode within {TARGET_SERVER_RATIO:g}x of local mode." if server else "."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
