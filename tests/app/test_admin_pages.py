"""On a department's server, the profession's admins change shared data; everyone else reads it.

Shared data is the curriculum, the professional bodies' mapping, the roles, the grade settings and
the framework versions ("lead" is named an admin in tests/app/conftest.py; "alice" is not).
"""

from __future__ import annotations

import pytest

from planner.io import dataset, shipped
from planner.store import open_repository
from tests.app.conftest import button, edit_cells, open_signed_in, texts
from tests.app.test_curriculum_page import GOOD_CSV

ADMIN, MEMBER = "lead", "alice"

# Each page, the controls that change its shared data, and the words a person who may not use them reads.
PAGES = {
    "pages/curriculum.py": (("cur_import_file",), ("cur_import", "cur_download_template"), "the curriculum"),
    "pages/external.py": (("ext_import_file",), ("ext_import", "ext_download_template"), "the professional bodies'"),
    "pages/settings.py": ((), ("settings_save", "settings_reset"), "the grade settings"),
    "pages/careers.py": (("roles_import_file",), ("roles_import",), "the roles"),
    "pages/frameworks.py": (("fwv_pack_file", "fwv_crosswalk_file"), ("fwv_use", "fwv_check"),
                            "the framework versions"),
}


def _controls(at, uploaders: tuple[str, ...], buttons: tuple[str, ...]) -> set[str]:
    """Which of these controls the page shows."""
    present = {w.key for w in [*at.button, *at.get("download_button"), *at.get("file_uploader")]}
    return {key for key in (*uploaders, *buttons) if key in present}


def _sentence(what: str) -> str:
    return f"Only the profession's admins can change {what}"


@pytest.mark.parametrize("page", list(PAGES))
def test_an_admin_sees_the_controls_that_change_shared_data(data_dir, page):
    uploaders, buttons, what = PAGES[page]
    at = open_signed_in(page, ADMIN)

    assert not at.exception and not at.error, [*at.exception, *(e.value for e in at.error)]
    assert _controls(at, uploaders, buttons) == {*uploaders, *buttons}
    assert _sentence(what) not in texts(at)
    assert "Profession admin" in "\n".join(c.value for c in at.sidebar.caption)


@pytest.mark.parametrize("page", list(PAGES))
def test_someone_else_reads_shared_data_without_the_controls_and_is_told_who_changes_it(data_dir, page):
    uploaders, buttons, what = PAGES[page]
    at = open_signed_in(page, MEMBER)

    assert not at.exception and not at.error, [*at.exception, *(e.value for e in at.error)]
    assert _controls(at, uploaders, buttons) == set()
    assert any(_sentence(what) in info.value and "ask your KIM profession lead" in info.value for info in at.info)


def test_someone_else_browses_and_downloads_the_curriculum(data_dir):
    at = open_signed_in("pages/curriculum.py", MEMBER)

    total = len(dataset.load_curriculum().activities)
    assert f"{total} of {total} activities match." in texts(at)
    assert {"cur_download_csv", "cur_download_xlsx"} <= {b.key for b in at.get("download_button")}
    assert not [b for b in at.button if b.key == "cur_use_sample"]


def test_someone_else_sees_the_mapping_and_can_download_it(data_dir):
    at = open_signed_in("pages/external.py", MEMBER)

    assert at.selectbox(key="ext_framework").options
    assert "ext_download_csv" in {b.key for b in at.get("download_button")}


def test_someone_else_sees_the_grade_settings_as_a_table(data_dir, repo):
    at = open_signed_in("pages/settings.py", MEMBER)

    shown = at.dataframe[0].value
    assert list(shown.columns) == ["Grade", "Level", "Framework's guide"] and len(shown) > 5
    assert "settings_grade_levels" not in at.session_state  # no table to edit
    assert "Usual minimum time in a grade before promotion" in texts(at)
    assert not at.number_input


def test_an_admin_imports_a_curriculum_through_the_page_and_everyone_then_reads_it(data_dir):
    at = open_signed_in("pages/curriculum.py", ADMIN)
    at.file_uploader(key="cur_import_file").upload("ours.csv", GOOD_CSV, "text/csv").run()
    at.button(key="cur_import").click().run()

    assert not at.error, [e.value for e in at.error]
    assert "Imported 2 activities." in texts(at)
    assert [a.id for a in dataset.CURRICULUM.active(open_repository(data_dir)).activities] == ["dept-records-101", "dept-foi-desk"]

    # The admin can also go back to the sample; someone else reads the import and has no such button.
    assert [b for b in at.button if b.key == "cur_use_sample"]
    other = open_signed_in("pages/curriculum.py", MEMBER)
    assert "own curriculum: 2 activities" in texts(other)
    assert not [b for b in other.button if b.key == "cur_use_sample"]


def test_an_admin_saves_the_grade_settings_through_the_page(data_dir, repo):
    at = open_signed_in("pages/settings.py", ADMIN)
    edit_cells(at, "settings_grade_levels", {3: {"Level": "Level 3: Leader"}})  # HEO
    at.button(key="settings_save").click().run()

    assert not at.error, [e.value for e in at.error]
    assert repo.get_settings().grade_levels["HEO"] == 3
    button(at, "Go back to the framework's guide").click().run()
    assert repo.get_settings().grade_levels["HEO"] != 3


def test_a_broken_imported_mapping_tells_someone_else_to_ask_the_lead_not_to_import(data_dir):
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / shipped.MAPPING_FILE).write_text("{broken", encoding="utf-8")

    member = open_signed_in("pages/external.py", MEMBER)
    assert any("Ask your KIM profession lead to import a corrected file" in e.value for e in member.error)
    admin = open_signed_in("pages/external.py", ADMIN)
    assert any("go back to the shipped mapping at the end of this page" in e.value for e in admin.error)
    admin.button(key="ext_use_shipped").click().run()
    assert not dataset.MAPPING.is_imported(open_repository(data_dir))
