"""The benchmarks that start servers (Streamlit pages, the stores on a real PostgreSQL, sessions through
three replicas behind HAProxy) still run to their tables, at their smallest sizes.

As in test_bench_scripts.py, the figures are not judged, only that each script ran to the end, printed
its tables and verdicts, and ended with no traceback. PostgreSQL is this test run's own server.
"""

from __future__ import annotations

from tests.bench.test_bench_scripts import run_bench


def test_the_page_benchmark_times_every_page_in_both_modes():
    output = run_bench("pages", "--reruns", "2")
    assert "server/local" in output
    for page in ("pages/assess.py", "pages/sharing.py", "pages/accessibility.py"):
        assert page in output
    assert "Every page is within" in output or "MISSED the target" in output, output[-4000:]


def test_the_store_benchmark_times_both_stores_with_sessions_and_the_team_view(postgres):
    output = run_bench("store", "--quick", "--saves", "5",
                       env={"KIM_PATHWAYS_BENCH_DATABASE_URL": postgres.url("postgres")})
    for part in ("1. One person's saves", "2. 50 sessions saving at once", "3. The team view"):
        assert part in output, output[-4000:]
    assert output.count("| PASS") + output.count("| MISS") >= 4, output[-4000:]


def test_the_sessions_benchmark_holds_sessions_in_one_process_and_through_three_replicas(postgres):
    output = run_bench("sessions", "--quick", "--steps", "1,2", "--reruns", "2", "--think", "0.3",
                       env={"KIM_PATHWAYS_BENCH_DATABASE_URL": postgres.url("postgres")})
    assert "One Streamlit process" in output and "Three replicas behind HAProxy" in output, output[-4000:]
    assert output.count("Held ") == 2, output[-4000:]
