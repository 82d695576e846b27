"""The whole app on PostgreSQL: `KIM_PATHWAYS_DATABASE_URL` set, every page through AppTest on a real server.

Each test has a fresh database (the `postgres_url` fixture of tests/conftest.py) and a data folder
that must stay without anyone's data: with a database named, nothing personal is written to files.
"""

from __future__ import annotations

import psycopg
import pytest

from planner.domain.models import PlanItem, Settings
from planner.errors import StoreError
from planner.io import dataset
from planner.store.postgres_store import PostgresRepository
from tests.app.conftest import button, open_page, texts
from tests.app.test_pages import PAGE_FILES
from ui import context, memo


@pytest.fixture
def repo(data_dir, postgres_url, monkeypatch):
    """The app's store is the fresh database; this repository reads it as another process would."""
    monkeypatch.setenv("KIM_PATHWAYS_DATABASE_URL", postgres_url)
    memo.clear_all()
    checker = PostgresRepository(postgres_url)
    yield checker
    checker.close()
    _close_the_apps_repository()
    memo.clear_all()


def _close_the_apps_repository() -> None:
    """Close the app's own repository (kept for the process), so its connections go with the test."""
    try:
        context.repository().close()
    except StoreError:
        pass  # it could not be opened (the test made it so): nothing to close


def _people_files(data_dir) -> list[str]:
    return sorted(str(p.relative_to(data_dir)) for p in data_dir.rglob("*") if p.is_file()) if data_dir.exists() else []


@pytest.mark.parametrize("page", PAGE_FILES)
def test_every_page_opens_on_postgresql_with_a_rated_profile(data_dir, repo, rated_person, page):
    at = open_page(page, profile_id=rated_person.id)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


def test_a_person_creates_a_profile_plans_and_deletes_it_all_in_the_database_and_nothing_in_files(data_dir, repo):
    at = open_page("pages/profile.py")
    at.text_input(key="new_profile_name").input("Siân Jones")
    at.selectbox(key="new_profile_current_grade").select("EO")
    at.selectbox(key="new_profile_target_grade").select("HEO")
    button(at, "Create profile").click().run()
    assert not at.exception
    [ref] = repo.list_profiles()
    assert ref.name == "Siân Jones"

    at.switch_page("pages/plan.py").run()
    at.text_area(key="plan_add_objective").input("Write the team's retention schedule by March")
    at.multiselect(key="plan_add_indicators").set_value(["3.2.1"])
    button(at, "Add to my plan").click().run()
    assert "Added the item to your plan." in texts(at)
    assert [i.objective for i in repo.list(PlanItem, ref.id)] == ["Write the team's retention schedule by March"]

    at.switch_page("pages/settings.py").run()
    assert "PostgreSQL database that the environment variable `KIM_PATHWAYS_DATABASE_URL` names" in texts(at)
    assert _people_files(data_dir) == []  # nothing of hers went to the data folder

    at.switch_page("pages/profile.py").run()
    at.checkbox(key="profile_delete_confirm").check().run()
    at.button(key="profile_delete").click().run()
    assert repo.list_profiles() == []
    assert repo.list(PlanItem, ref.id) == []


def test_a_curriculum_a_lead_imports_is_kept_in_the_database_for_every_process(data_dir, repo, person, fw):
    from planner.io import curriculum_io, curriculum_sheets

    imported = curriculum_io.parse_curriculum(curriculum_sheets.template_csv(), "ours.csv", fw)
    dataset.CURRICULUM.save(imported, repo)  # as another replica's lead would
    at = open_page("pages/curriculum.py", profile_id=person.id)
    assert not at.exception
    assert dataset.CURRICULUM.is_imported(repo)
    title = imported.activities[0].title
    assert title in texts(at) or any(title in str(d.value) for d in at.dataframe)
    assert _people_files(data_dir) == []


def test_settings_saved_in_one_process_are_read_by_another(data_dir, repo, person):
    repo.save_settings(Settings(min_months_in_grade=18))
    at = open_page("pages/settings.py", profile_id=person.id)
    assert not at.exception
    assert at.number_input(key="settings_min_months").value == 18


def test_a_database_out_of_reach_gives_a_plain_message_on_every_page_and_no_traceback(data_dir, monkeypatch):
    # A port nothing listens on, on this computer only.
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("KIM_PATHWAYS_DATABASE_URL", f"postgresql://kim:secret-password@127.0.0.1:{port}/kim?connect_timeout=2")
    memo.clear_all()
    try:
        for page in ("pages/profile.py", "pages/assess.py", "pages/plan.py"):
            at = open_page(page)
            assert not at.exception, at.exception
            shown = [e.value for e in at.error]
            assert shown, page
            assert any("could not be reached" in m or "could not connect" in m.lower() for m in shown), shown
            assert all("secret-password" not in m and "Traceback" not in m for m in shown), shown
    finally:
        memo.clear_all()


def test_a_database_a_newer_version_made_refuses_to_open_with_a_plain_message(data_dir, repo, postgres_url):
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("INSERT INTO schema_migrations (version, name) VALUES (9999, 'from a newer version')")
    _close_the_apps_repository()
    memo.clear_all()
    at = open_page("pages/profile.py")
    assert not at.exception, at.exception
    shown = [e.value for e in at.error]
    assert any("9999" in m and "Update KIM Pathways" in m for m in shown), shown
