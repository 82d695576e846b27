"""Faults in saving (a process killed mid-write, leftovers of a crash) and bad input the planner refuses."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from planner.domain.models import PlanItem, Profile
from planner.store import tinydb_store as store_tinydb

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)

# Saves large plan items to one person's file, one at a time, and says which after each has been saved.
WRITER = r"""
import sys
from pathlib import Path
from planner.domain.models import PlanItem
from planner.store.tinydb_store import TinyDBRepository
from planner.io import shipped

repo = TinyDBRepository(Path(sys.argv[1]))
profile_id, number = sys.argv[2], int(sys.argv[3])
padding = "Llŷr 🌿 " * 600  # about 5 KB, so each write of the whole file takes a while
print("ready", flush=True)
while True:
    repo.put(PlanItem(id=f"item-{number:05d}", profile_id=profile_id, objective=f"{number} {padding}"))
    print(number, flush=True)
    number += 1
"""

def _kill_while_writing(data_dir: Path, profile_id: str, first: int, pause: float) -> set[int]:
    """Start a writer, kill it with SIGKILL after `pause` seconds of writing; the numbers it saved."""
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(data_dir), profile_id, str(first)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(pause)
    finally:
        writer.send_signal(signal.SIGKILL)
        # Read through the same buffered stream as readline: it may already hold the first numbers.
        out = writer.stdout.read()
        writer.stdout.close()
        writer.wait(timeout=30)
    return {int(line) for line in out.split()}


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is a POSIX signal")
def test_a_writer_killed_at_random_moments_never_leaves_a_broken_or_short_file(tmp_path):
    data_dir = tmp_path / "data"
    repo = store_tinydb.TinyDBRepository(data_dir)
    person = Profile(name="Llŷr Siân", current_grade="HEO")
    repo.save_profile(person)
    path = repo.people_dir / f"{person.id}.json"
    moments = random.Random(20261124)
    saved: set[int] = set()
    for _ in range(10):
        first = max(saved, default=-1) + 1
        done = _kill_while_writing(data_dir, person.id, first, moments.uniform(0.02, 0.15))
        saved |= done

        json.loads(path.read_text(encoding="utf-8"))  # whole, every time
        fresh = store_tinydb.TinyDBRepository(data_dir)
        held = {int(item.id.removeprefix("item-")) for item in fresh.list(PlanItem, person.id)}
        in_flight = {max(saved, default=first - 1) + 1}
        assert saved <= held <= saved | in_flight, (
            f"a completed write was lost, or a stranger appeared: started at {first}, saved {sorted(done)}, "
            f"the file holds up to {max(held, default=None)} and lacks {sorted(saved - held)}")
        saved = held
        assert fresh.take_notices() == []  # nothing unreadable, nothing set aside
        assert [ref.id for ref in fresh.list_profiles()] == [person.id]
    assert len(saved) > 10  # the writers did write between the kills

    names = {p.name for p in repo.people_dir.iterdir()}
    stray = {n for n in names if n not in {path.name, path.name + ".lock"}}
    assert all(n.startswith(path.name + ".") and n.endswith(".tmp") for n in stray), stray


def test_temporary_files_left_by_a_crash_are_ignored_and_go_with_the_person(tmp_path):
    repo = store_tinydb.TinyDBRepository(tmp_path / "data")
    person = Profile(name="Ada Lovelace", current_grade="HEO")
    repo.save_profile(person)
    path = repo.people_dir / f"{person.id}.json"
    half = path.with_name(path.name + ".k3x9q.tmp")
    half.write_bytes(path.read_bytes()[:20])  # half of a write that never got renamed into place
    (repo.people_dir / "zz.json.ab12.tmp").write_bytes(b"{")

    assert [ref.id for ref in repo.list_profiles()] == [person.id]
    repo.put(PlanItem(profile_id=person.id, objective="Saved beside the leftover"))
    assert [i.objective for i in repo.list(PlanItem, person.id)] == ["Saved beside the leftover"]
    assert repo.take_notices() == []

    repo.delete_person(person.id)
    assert not half.exists() and not path.exists()


# --- What a person typed, refused in words by the planner -----------------------------------


def test_a_models_refusal_is_described_by_field_and_limit_in_plain_english():
    from planner.domain.models import AgreedAction, PlanItem, Rating
    from planner.errors import describe_invalid

    with pytest.raises(ValueError) as too_long:
        Rating(score=3, comment="c" * 5_001)
    assert describe_invalid(too_long.value) == "The comment is too long: use 5,000 characters or fewer."
    with pytest.raises(ValueError) as two:
        AgreedAction(objective="", owner="w" * 121)
    assert describe_invalid(two.value) == (
        "The objective is missing. The owner is too long: use 120 characters or fewer.")
    with pytest.raises(ValueError) as code:
        PlanItem(profile_id="p", objective="o", indicators=["<b>1</b>"])
    assert describe_invalid(code.value) == "Indicators: '<b>1</b>' is not an indicator code like 2.3.4 or DM-3-2."
    assert describe_invalid(ValueError("Plain words.")) == "Plain words."


@pytest.mark.parametrize("field", ["target_date", "review_date"])
@pytest.mark.parametrize("when", [date(1999, 12, 31), date(2101, 1, 1), date(9999, 12, 31)])
def test_a_plan_date_outside_2000_to_2100_is_a_typing_slip_and_refused(fw, field, when):
    from planner.domain import plan
    from planner.errors import PlannerError

    item = plan.new_item(fw, profile_id="p", objective="o", indicators=[], now=NOW)
    with pytest.raises(PlannerError, match=f"The {field.replace('_', ' ')} must be between 1 January 2000 and "
                                           f"31 December 2100"):
        plan.changed(item, fw, NOW, **{field: when, "target_date": date(2100, 12, 31)} if field == "review_date"
                     else {field: when})


@pytest.mark.parametrize("candidates", [-5, 0, 501, 10**9])
def test_a_sift_sheet_for_no_or_absurdly_many_candidates_is_refused(candidates):
    from planner.documents import jobspec as export
    from planner.domain import framework, jobspec
    from planner.domain.models import Settings
    from planner.errors import PlannerError
    from planner.io import shipped

    fw, ladder = shipped.load_framework(), shipped.load_grades()
    spec = jobspec.draft(fw, shipped.load_roles(fw, ladder), ["records-manager"], "HEO", "HEO",
                         framework.grade_levels(shipped.load_framework(), ladder, Settings()))
    for build in (export.sift_csv, export.sift_xlsx):
        with pytest.raises(PlannerError, match="1 to 500 candidates"):
            build(spec, candidates)
    assert export.sift_csv(spec, 500).count(b"\nCandidate ") == 500


def test_an_over_long_assessment_comment_or_evidence_is_refused_in_words(fw):
    from planner.domain import drafts
    from planner.domain.models import Draft, Evidence, Rating
    from planner.errors import PlannerError

    draft = Draft(profile_id="p", ratings={"1.1.1": Rating(score=3)})
    with pytest.raises(PlannerError, match="The comment is too long; use 5,000 characters or fewer"):
        drafts.snapshot(fw, draft, date(2026, 1, 1), date(2026, 1, 2), NOW, "c" * 5_001)
    evidence = Evidence.model_construct(situation="s" * 5_001, task="", action="", result="")
    with pytest.raises(PlannerError, match="The situation is too long: use 5,000 characters or fewer"):
        drafts.with_evidence(draft, "1.1.1", evidence, NOW)
