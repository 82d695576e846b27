"""Moving everything saved between a TinyDB data folder and PostgreSQL (planner/store/transfer.py, planner/transfer.py).

Against a real PostgreSQL (the `postgres` fixture of tests/conftest.py, a fresh database per test)
and real data folders, filled through the app's own services (tests/transfer_sample.py).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from planner.domain.models import Assessment, Draft, PlanItem, Profile, Rating, Settings
from planner.store import transfer, transfer_check
from planner.store.documents import PERSON_TABLES, SHARED_TABLES
from planner.store.postgres_store import PostgresRepository
from planner.store.tinydb_store import TinyDBRepository
from planner.transfer import DATA_SETS
from tests import transfer_sample
from tests.conftest import ROOT, plant_document
from tests.transfer_sample import ADA, BOB, GRACE, LENA, everything

PASSWORD = "Sw0rdfish-not-to-be-printed"


@pytest.fixture(scope="module")
def sample_folder(tmp_path_factory, fw) -> Path:
    """A data folder filled once through the services; each test copies it (`folder`)."""
    folder = tmp_path_factory.mktemp("sample") / "data"
    transfer_sample.fill(TinyDBRepository(folder), fw)
    return folder


@pytest.fixture
def folder(sample_folder, tmp_path) -> Path:
    """A data folder of this test's own, holding the sample."""
    return Path(shutil.copytree(sample_folder, tmp_path / "data"))


@pytest.fixture
def source(folder) -> TinyDBRepository:
    return TinyDBRepository(folder)


@pytest.fixture
def database(postgres_url):
    """A fresh, empty PostgreSQL store, closed at the end of the test."""
    repo = PostgresRepository(postgres_url, max_size=2)
    yield repo
    repo.close()


def _records_in(repo) -> int:
    """How many records a store holds, counted as the copy counts them (a profile, the settings and a data set each one)."""
    held = everything(repo)
    people = held["people"].values()
    return (len(people) + sum(len(person[table]) for person in people for table in PERSON_TABLES.values())
            + sum(len(docs) for docs in held["shared"].values()) + (held["settings"] is not None)
            + sum(doc is not None for doc in held["data_sets"].values()))


def _row_versions(repo: PostgresRepository) -> dict[str, list]:
    """Every row of every table with its xmin, the transaction that last wrote it: unchanged means nothing was written."""
    tables = ["profiles", "person_records", "shared_records", "settings", "data_sets", "set_aside_records"]
    with repo.connection() as conn:
        return {table: conn.execute(f"SELECT xmin::text, * FROM {table} ORDER BY 2, 3").fetchall() for table in tables}


def _file_stamps(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file of a data folder (but the lock files) with its inode and change time: unchanged means nothing was written."""
    return {str(path.relative_to(folder)): (path.stat().st_ino, path.stat().st_mtime_ns)
            for path in sorted(folder.rglob("*")) if path.is_file() and not path.name.endswith(".lock")}


# --- Copying, both ways -------------------------------------------------------------------------


def test_a_folder_goes_into_postgresql_and_back_into_a_new_folder_with_every_record_the_same(source, database, tmp_path):
    assert transfer_sample.kinds_missing(source) == []  # the sample holds every kind of record
    held = everything(source)

    into = transfer.copy_everything(source, database, DATA_SETS)
    back = TinyDBRepository(tmp_path / "back")
    out = transfer.copy_everything(database, back, DATA_SETS)

    assert everything(database) == held
    assert everything(back) == held
    assert into.to_write == out.to_write == _records_in(source) and into.already_there == 0
    assert into.left_behind == out.left_behind == []
    for one, other in ((source, database), (database, back), (source, back)):
        check = transfer_check.compare(one, other, DATA_SETS)
        assert check.ok and check.compared == _records_in(source), check.differences


def test_every_kind_is_counted_by_what_it_is(source, database):
    into = transfer.copy_everything(source, database, DATA_SETS)
    held = everything(source)

    people = held["people"].values()
    assert into.counts[transfer.PROFILES].new == len(people) == 4
    for kind, table in PERSON_TABLES.items():
        assert into.counts[transfer.kind_label(kind)].new == sum(len(p[table]) for p in people) > 0
    for kind, table in SHARED_TABLES.items():
        assert into.counts[transfer.kind_label(kind)].new == len(held["shared"][table]) > 0
    assert into.counts[transfer.SETTINGS].new == 1 and into.counts[transfer.DATA_SETS].new == 3  # curriculum, mapping, framework versions


def test_records_keep_the_order_they_were_first_saved_in_across_the_move(source, database, tmp_path):
    # Replacing an early item keeps its place; a copy that wrote items in any other order would show it.
    items = source.list(PlanItem, ADA.profile_id)
    source.put(items[0].model_copy(update={"objective": "Edited, and still first"}))
    order = [item.id for item in source.list(PlanItem, ADA.profile_id)]
    assert order[0] == items[0].id

    transfer.copy_everything(source, database, DATA_SETS)
    back = TinyDBRepository(tmp_path / "back")
    transfer.copy_everything(database, back, DATA_SETS)

    assert [item.id for item in database.list(PlanItem, ADA.profile_id)] == order
    assert [item.id for item in back.list(PlanItem, ADA.profile_id)] == order


def test_a_second_run_copies_nothing_and_writes_nothing_either_way(source, database, tmp_path):
    first = transfer.copy_everything(source, database, DATA_SETS)
    rows = _row_versions(database)

    again = transfer.copy_everything(source, database, DATA_SETS)

    assert again.to_write == 0 and again.already_there == first.to_write
    assert _row_versions(database) == rows  # not one row rewritten, even with the same content

    back = tmp_path / "back"
    transfer.copy_everything(database, TinyDBRepository(back), DATA_SETS)
    stamps = _file_stamps(back)
    assert transfer.copy_everything(database, TinyDBRepository(back), DATA_SETS).to_write == 0
    assert _file_stamps(back) == stamps


def test_a_later_run_copies_only_what_changed_in_the_source_and_replaces_it_in_place(source, database, make_assessment):
    transfer.copy_everything(source, database, DATA_SETS)
    first, *rest = source.list(PlanItem, BOB.profile_id)
    source.put(first.model_copy(update={"objective": "Changed after the first copy"}))
    source.add(make_assessment(BOB.profile_id, taken_on=date(2026, 12, 1)))

    again = transfer.copy_everything(source, database, DATA_SETS)

    assert (again.counts["plan items"].new, again.counts["plan items"].replaced) == (0, 1)
    assert (again.counts["assessments"].new, again.counts["assessments"].replaced) == (1, 0)
    assert again.to_write == 2
    assert everything(database) == everything(source)
    assert [i.objective for i in database.list(PlanItem, BOB.profile_id)][0] == "Changed after the first copy"


# --- The dry run ----------------------------------------------------------------------------------


def test_a_dry_run_writes_nothing_and_counts_what_the_copy_then_writes(source, database, make_assessment):
    transfer.copy_everything(source, database, DATA_SETS)
    source.add(make_assessment(GRACE.profile_id, taken_on=date(2026, 12, 2)))
    source.save_profile(source.get_profile(LENA.profile_id).model_copy(update={"notes": "Now a team lead"}))
    rows = _row_versions(database)

    planned = transfer.survey(source, database, DATA_SETS)

    assert _row_versions(database) == rows
    assert (planned.counts["assessments"].new, planned.counts[transfer.PROFILES].replaced) == (1, 1)
    assert planned.to_write == 2 and planned.already_there == _records_in(source) - 2
    done = transfer.copy_everything(source, database, DATA_SETS)
    assert done.counts == planned.counts


def test_a_dry_run_into_an_empty_store_counts_everything_as_new(source, database):
    planned = transfer.survey(source, database, DATA_SETS)

    assert planned.to_write == _records_in(source) and planned.already_there == 0
    assert database.list_profiles() == [] and database.get_settings() is None


# --- Conflicts ------------------------------------------------------------------------------------


def _a_different_assessment_in(target, source, owner: str) -> Assessment:
    """The target holds one of the person's assessments under its id, with other ratings."""
    theirs = source.list(Assessment, owner)[0]
    target.save_profile(source.get_profile(owner))
    different = theirs.model_copy(update={"ratings": {"1.1.1": Rating(score=4)}, "comment": "Not the same"})
    target.add(different)
    return different


def test_an_assessment_that_differs_in_the_target_stops_the_copy_before_anything_is_written(source, database):
    different = _a_different_assessment_in(database, source, LENA.profile_id)
    held = everything(database)

    planned = transfer.survey(source, database, DATA_SETS)
    with pytest.raises(transfer.TransferConflict) as stopped:
        transfer.copy_everything(source, database, DATA_SETS)

    assert planned.conflicts == stopped.value.conflicts
    [conflict] = stopped.value.conflicts
    assert f"Lena Lead ({LENA.profile_id})" in conflict and different.id in conflict and "assessment" in conflict
    assert stopped.value.people_copied == 0
    assert everything(database) == held  # nobody's data, not even Ada's (copied first by name), was written


def test_a_conflict_that_appears_during_the_copy_leaves_nothing_of_that_person_written(source, database, postgres_url,
                                                                                       monkeypatch):
    real_survey = transfer.survey

    def survey_then_another_session_writes(one, other, data_sets=()):
        found = real_survey(one, other, data_sets)
        with PostgresRepository(postgres_url, max_size=1) as meanwhile:  # another process, between survey and copy
            _a_different_assessment_in(meanwhile, source, GRACE.profile_id)
        return found

    monkeypatch.setattr(transfer, "survey", survey_then_another_session_writes)
    with pytest.raises(transfer.TransferConflict) as stopped:
        transfer.copy_everything(source, database, DATA_SETS)

    # By name: Ada and Bob were copied whole, Grace not at all (only what the other session wrote), Lena not yet.
    assert stopped.value.people_copied == 2
    held, copied = everything(source)["people"], everything(database)["people"]
    assert copied[ADA.profile_id] == held[ADA.profile_id] and copied[BOB.profile_id] == held[BOB.profile_id]
    assert LENA.profile_id not in copied
    grace = copied[GRACE.profile_id]
    assert [doc["comment"] for doc in grace["assessments"]] == ["Not the same"]
    assert all(grace[table] == [] for table in PERSON_TABLES.values() if table != "assessments")
    assert held[GRACE.profile_id]["mentor_ratings"] != []


def test_records_the_app_replaces_are_brought_up_to_date_not_refused(source, database):
    transfer.copy_everything(source, database, DATA_SETS)
    item = database.list(PlanItem, ADA.profile_id)[0]
    database.put(item.model_copy(update={"objective": "Changed in the database"}))

    again = transfer.copy_everything(source, database, DATA_SETS)

    assert again.conflicts == [] and again.counts["plan items"].replaced == 1
    assert database.list(PlanItem, ADA.profile_id)[0] == item


# --- What the source cannot read ------------------------------------------------------------------


def test_unreadable_and_set_aside_records_are_named_and_not_copied(source, folder, database, make_plan_item):
    spoilt = make_plan_item(ADA.profile_id, objective="Spoilt by hand").model_dump(mode="json") | {"status": "bogus"}
    plant_document(source, "plan_items", ADA.profile_id, spoilt)
    aside = make_plan_item(BOB.profile_id, objective="Set aside").model_dump(mode="json") | {"status": "bogus"}
    plant_document(source, "plan_items", BOB.profile_id, aside)
    [unreadable] = source.unreadable_records(BOB.profile_id)
    source.set_aside_record(BOB.profile_id, unreadable)

    done = transfer.copy_everything(source, database, DATA_SETS)

    assert len(done.left_behind) == 2
    ada_line, bob_line = sorted(done.left_behind)
    assert ADA.profile_id in ada_line and spoilt["id"] in ada_line and "plan item" in ada_line and "status" in ada_line
    assert BOB.profile_id in bob_line and "1 record was set aside" in bob_line
    assert spoilt["id"] not in {item.id for item in database.list(PlanItem, ADA.profile_id)}
    assert database.unreadable_records(ADA.profile_id) == [] and database.set_aside_documents(BOB.profile_id) == []
    check = transfer_check.compare(source, database, DATA_SETS)
    assert check.ok and check.left_behind == done.left_behind


def test_a_person_whose_profile_cannot_be_read_is_named_and_nothing_of_theirs_copied(source, database):
    spoilt = source.get_profile(LENA.profile_id).model_dump(mode="json") | {"current_grade": None}
    plant_document(source, "profile", LENA.profile_id, spoilt)

    done = transfer.copy_everything(source, database, DATA_SETS)

    [line] = done.left_behind
    assert LENA.profile_id in line and "nothing of theirs is copied" in line
    assert LENA.profile_id not in {ref.id for ref in database.list_profiles()}
    assert transfer_check.compare(source, database, DATA_SETS).ok


# --- The command line ---------------------------------------------------------------------------------


def _command(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "planner.transfer", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env=os.environ | {"PYTHONPATH": str(ROOT)})


def _with_password(url: str) -> str:
    # The test server trusts every local connection, so a password in the address is accepted and ignored.
    return url.replace("postgresql://postgres@", f"postgresql://postgres:{PASSWORD}@", 1)


def test_the_command_moves_a_real_data_folder_into_postgresql_and_back(folder, database, postgres_url, tmp_path):
    url = _with_password(postgres_url)
    assert url != postgres_url
    held = everything(TinyDBRepository(folder))
    total = _records_in(TinyDBRepository(folder))

    dry = _command("--from", str(folder), "--to", url, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert f"copying would write {total} records; 0 are already there" in dry.stdout
    assert database.list_profiles() == []

    into = _command("--from", str(folder), "--to", url)
    assert into.returncode == 0, into.stderr
    assert f"Copied {total} records; 0 were already there" in into.stdout
    assert f"Check: all {total} records of the source are in the target" in into.stdout

    back = tmp_path / "back"
    out = _command("--from", url, "--to", str(back))
    assert out.returncode == 0, out.stderr
    assert everything(TinyDBRepository(back)) == everything(database) == held

    again = _command("--from", str(folder), "--to", url)
    assert again.returncode == 0 and f"Nothing to copy: all {total} records were already there." in again.stdout
    check = _command("--from", url, "--to", str(back), "--check-only")
    assert check.returncode == 0 and f"Check: all {total} records" in check.stdout
    for run in (dry, into, out, again, check):
        assert PASSWORD not in run.stdout + run.stderr and "Traceback" not in run.stderr


def test_the_commands_dry_run_counts_each_kind_and_makes_no_folder(folder, tmp_path):
    target = tmp_path / "not-yet"

    dry = _command("--from", str(folder), "--to", str(target), "--dry-run")

    assert dry.returncode == 0, dry.stderr
    assert not target.exists()
    counts = {line.rsplit(maxsplit=3)[0].strip(): line.split()[-3:] for line in dry.stdout.splitlines()
              if line.startswith("  ") and line.split()[-1].isdigit()}
    assert counts["profiles"] == ["4", "0", "0"] and counts["assessments"] == ["10", "0", "0"]
    assert counts["plan items"] == ["15", "0", "0"] and counts["imported data sets"] == ["3", "0", "0"]


def test_the_command_names_what_the_source_cannot_read(source, folder, tmp_path, make_plan_item):
    spoilt = make_plan_item(ADA.profile_id).model_dump(mode="json") | {"status": "bogus"}
    plant_document(source, "plan_items", ADA.profile_id, spoilt)
    (folder / "people" / "someone.json").write_text("{ cut short", encoding="utf-8")

    done = _command("--from", str(folder), "--to", str(tmp_path / "copy"))

    assert done.returncode == 0, done.stderr
    assert "Left out, because the source cannot read it (2):" in done.stdout
    assert spoilt["id"] in done.stdout
    assert "someone.json.unreadable-" in done.stdout  # the whole file the store set aside on reading it


def test_the_command_stops_plainly_on_a_conflict_and_writes_nothing(folder, database, postgres_url):
    _a_different_assessment_in(database, TinyDBRepository(folder), BOB.profile_id)
    held = everything(database)

    stopped = _command("--from", str(folder), "--to", postgres_url)

    assert stopped.returncode == 1
    assert "The copy stopped" in stopped.stderr and "Bob Baker" in stopped.stderr and "Nothing was copied." in stopped.stderr
    assert "Traceback" not in stopped.stderr
    assert everything(database) == held


def test_the_command_says_plainly_when_a_folder_is_missing_or_a_database_out_of_reach(tmp_path, folder, postgres):
    missing = _command("--from", str(tmp_path / "nowhere"), "--to", str(tmp_path / "copy"))
    assert missing.returncode == 1 and "does not exist" in missing.stderr and "Traceback" not in missing.stderr
    assert not (tmp_path / "copy").exists()
    (tmp_path / "typed-by-mistake").mkdir()
    mistaken = _command("--from", str(tmp_path / "typed-by-mistake"), "--to", str(tmp_path / "copy"))
    assert mistaken.returncode == 1 and "is not a KIM Pathways data folder" in mistaken.stderr
    assert list((tmp_path / "typed-by-mistake").iterdir()) == [] and not (tmp_path / "copy").exists()

    with socket.socket() as probe:  # a port where nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    nowhere = f"postgresql://kim:{PASSWORD}@127.0.0.1:{port}/kim"
    for args in (("--from", str(folder), "--to", nowhere), ("--from", nowhere, "--to", str(tmp_path / "copy"))):
        unreachable = _command(*args)
        assert unreachable.returncode == 1
        assert "could not be reached" in unreachable.stderr and "Traceback" not in unreachable.stderr
        assert PASSWORD not in unreachable.stdout + unreachable.stderr


def test_the_command_check_only_finds_a_difference_and_says_which(folder, database, postgres_url):
    transfer.copy_everything(TinyDBRepository(folder), database, DATA_SETS)
    item = database.list(PlanItem, ADA.profile_id)[1]
    database.put(item.model_copy(update={"objective": "Changed in the database"}))

    check = _command("--from", str(folder), "--to", postgres_url, "--check-only")

    assert check.returncode == 1
    assert f"the plan item with id {item.id} is different in the target" in check.stdout
    assert database.list(PlanItem, ADA.profile_id)[1].objective == "Changed in the database"  # only compared


def test_the_command_line_explains_itself(tmp_path):
    shown = _command("--help")

    assert shown.returncode == 0
    for option in ("--from", "--to", "--dry-run", "--check-only"):
        assert option in shown.stdout
    same = _command("--from", str(tmp_path), "--to", str(tmp_path))
    assert same.returncode == 1 and "the same place" in same.stderr


def test_the_check_names_every_difference_missing_changed_or_out_of_order(source, database):
    transfer.copy_everything(source, database, DATA_SETS)
    ada_item = database.list(PlanItem, ADA.profile_id)[0]
    database.remove(PlanItem, ADA.profile_id, ada_item.id)
    [bobs_draft] = database.list(Draft, BOB.profile_id)
    database.put(bobs_draft.model_copy(update={"comment": "Changed in the database"}))
    first, *_ = database.list(PlanItem, LENA.profile_id)
    database.remove(PlanItem, LENA.profile_id, first.id)
    database.put(first)  # the same record, now saved last
    database.save_settings(Settings(min_months_in_grade=6))
    database.remove_data_set("curriculum.json")

    check = transfer_check.compare(source, database, DATA_SETS)

    assert not check.ok and check.compared == _records_in(source)
    assert sorted(check.differences) == sorted([
        f"Ada Lovelace ({ADA.profile_id}): the plan item with id {ada_item.id} is missing from the target.",
        f"Bob Baker ({BOB.profile_id}): the draft with id {bobs_draft.id} is different in the target.",
        f"Lena Lead ({LENA.profile_id}): the plan items are in a different order in the target from the order "
        f"first saved.",
        "The settings are missing from the target or different there.",
        "The imported data set curriculum.json is missing from the target or different there.",
    ])


def test_profiles_only_in_the_target_are_left_and_reported(source, database):
    database.save_profile(Profile(id="id-only-here", name="Only Here", current_grade="EO"))
    transfer.copy_everything(source, database, DATA_SETS)

    check = transfer_check.compare(source, database, DATA_SETS)

    assert check.ok and check.only_in_target == 1
    assert database.get_profile("id-only-here") is not None
