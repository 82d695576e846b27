"""Backing up and restoring both stores as the README says: pg_dump and pg_restore for PostgreSQL, the command for a folder.

Against a real PostgreSQL (the `postgres` fixture of tests/conftest.py) and its own client
programs; the data is made through the app's own services (tests/transfer_sample.py).
"""

from __future__ import annotations

import subprocess
import sys
import uuid
from datetime import date

from planner.domain.models import PlanItem
from planner.store import transfer_check
from planner.store.postgres_store import PostgresRepository
from planner.store.tinydb_store import TinyDBRepository
from planner.transfer import DATA_SETS
from tests import transfer_sample
from tests.conftest import ROOT, plant_document
from tests.transfer_sample import ADA, BOB, everything


def _run(*command: str) -> None:
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


def test_a_database_dumped_dropped_and_restored_holds_every_record(postgres, tmp_path, fw, make_plan_item):
    name, restored_name = f"kim_backup_{uuid.uuid4().hex[:8]}", f"kim_restored_{uuid.uuid4().hex[:8]}"
    url = postgres.create_database(name)
    with PostgresRepository(url) as repo:
        transfer_sample.fill(repo, fw)
        # A record set aside as unreadable is kept in the database too, and must survive as well.
        spoilt = make_plan_item(BOB.profile_id, objective="Spoilt").model_dump(mode="json") | {"status": "bogus"}
        plant_document(repo, "plan_items", BOB.profile_id, spoilt)
        [unreadable] = repo.unreadable_records(BOB.profile_id)
        repo.set_aside_record(BOB.profile_id, unreadable)
        assert transfer_sample.kinds_missing(repo) == []
        held = everything(repo)
        set_aside = repo.set_aside_documents(BOB.profile_id)
    dump = tmp_path / "kim.dump"

    _run(postgres.tool("pg_dump"), "--format=custom", f"--file={dump}", f"--dbname={url}")
    postgres.drop_database(name)
    restored_url = postgres.create_database(restored_name)
    _run(postgres.tool("pg_restore"), "--no-owner", "--exit-on-error", f"--dbname={restored_url}", str(dump))

    try:
        with PostgresRepository(restored_url) as restored:
            assert everything(restored) == held
            assert restored.set_aside_documents(BOB.profile_id) == set_aside
            # The order of first saving goes on from where it was: a new item comes after every restored one.
            added = make_plan_item(ADA.profile_id, objective="Saved after the restore", target_date=date(2027, 6, 1))
            restored.put(added)
            assert [item.id for item in restored.list(PlanItem, ADA.profile_id)][-1] == added.id
            assert len(restored.list(PlanItem, ADA.profile_id)) == len(held["people"][ADA.profile_id]["plan_items"]) + 1
    finally:
        postgres.drop_database(restored_name)


def test_a_data_folder_backed_up_and_restored_with_the_command_holds_every_record(tmp_path, fw):
    folder, backup, restored = tmp_path / "data", tmp_path / "backup", tmp_path / "restored"
    repo = TinyDBRepository(folder)
    transfer_sample.fill(repo, fw)
    held = everything(repo)

    # As the README says: while the app runs, the command reads each file whole, as the app itself does.
    _run(sys.executable, "-m", "planner.transfer", "--from", str(folder), "--to", str(backup))
    _run(sys.executable, "-m", "planner.transfer", "--from", str(backup), "--to", str(restored))

    assert everything(TinyDBRepository(backup)) == everything(TinyDBRepository(restored)) == held
    assert transfer_check.compare(repo, TinyDBRepository(restored), DATA_SETS).ok
