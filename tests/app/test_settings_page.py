"""Settings: the grade-to-level alignment can be changed, saved and reset."""

from tests.app.conftest import button, edit_cells, open_page, texts
from tests.conftest import guide_levels


def test_changing_a_grade_level_saves_it(data_dir, repo):
    at = open_page("pages/settings.py")
    edit_cells(at, "settings_grade_levels", {3: {"Level": "Level 3: Leader"}})  # HEO
    at.button(key="settings_save").click().run()

    assert not at.error, [e.value for e in at.error]
    assert repo.get_settings().grade_levels["HEO"] == 3
    assert "Saved the settings." in texts(at)


def test_a_senior_grade_below_a_junior_one_is_refused_and_nothing_is_saved(data_dir, repo):
    at = open_page("pages/settings.py")
    edit_cells(at, "settings_grade_levels", {6: {"Level": "Level 1: Awareness"}})  # G6
    at.button(key="settings_save").click().run()

    assert any("more senior grade cannot expect a lower level" in e.value for e in at.error)
    assert repo.get_settings() is None


def test_reset_returns_to_the_framework_guide(data_dir, repo, grades):
    at = open_page("pages/settings.py")
    edit_cells(at, "settings_grade_levels", {3: {"Level": "Level 3: Leader"}})
    at.button(key="settings_save").click().run()
    button(at, "Go back to the framework's guide").click().run()

    assert repo.get_settings().grade_levels == guide_levels(grades)
