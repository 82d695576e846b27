"""Plain-English checks when a person creates a profile or changes the settings."""

from datetime import UTC, datetime

import pytest

from planner.domain import profiles, settings
from planner.domain.models import Settings
from planner.errors import PlannerError
from planner.io import shipped
from tests.conftest import guide_levels

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def _build(grades, **overrides):
    fields = dict(name="Rhys Ifans", current_grade="EO", current_role="Librarian",
                  target_grade="HEO", target_role="", notes="", ladder=grades, now=NOW)
    fields.update(overrides)
    return profiles.build_profile(**fields)


def test_a_profile_is_built_with_trimmed_text_and_timestamps(grades):
    profile = _build(grades, name="  Rhys Ifans  ", target_role="  ")
    assert profile.name == "Rhys Ifans"
    assert profile.target_role is None
    assert profile.created_at == profile.updated_at == NOW


def test_every_problem_is_reported_at_once(grades):
    with pytest.raises(PlannerError) as caught:
        _build(grades, name="", current_grade=None)
    assert str(caught.value) == "Enter a name for the profile. Choose your current grade."


def test_an_unknown_grade_is_refused(grades):
    with pytest.raises(PlannerError, match="'G5' is not a grade"):
        _build(grades, target_grade="G5")


def test_a_too_long_name_is_refused_with_its_length(grades):
    with pytest.raises(PlannerError, match="The name is 121 characters long"):
        _build(grades, name="x" * 121)


def test_editing_keeps_the_id_and_creation_time(grades):
    first = _build(grades)
    later = datetime(2026, 12, 1, tzinfo=UTC)
    edited = _build(grades, name="Rhys", now=later, existing=first)
    assert (edited.id, edited.created_at, edited.updated_at) == (first.id, first.created_at, later)


def test_unicode_names_are_kept_exactly(grades):
    name = "Llŷr ap Gwilym 🌿 مريم"
    assert _build(grades, name=name).name == name


def test_settings_take_a_level_for_every_grade(grades):
    mapping = guide_levels(grades) | {"HEO": 3}
    result = settings.updated(Settings(), shipped.load_framework(), grades, mapping, 9)
    assert result.grade_levels["HEO"] == 3
    assert result.min_months_in_grade == 9


def test_settings_refuse_a_missing_level(grades):
    mapping = guide_levels(grades) | {"SEO": None}
    with pytest.raises(PlannerError, match="Choose a level for Senior Executive Officer"):
        settings.updated(Settings(), shipped.load_framework(), grades, mapping, 12)


def test_settings_refuse_levels_that_go_down_as_grades_go_up(grades):
    mapping = guide_levels(grades) | {"G7": 2}
    with pytest.raises(PlannerError, match="more senior grade cannot expect a lower level"):
        settings.updated(Settings(), shipped.load_framework(), grades, mapping, 12)


def test_settings_refuse_absurd_months(grades):
    with pytest.raises(PlannerError, match="between 0 and 60 months"):
        settings.updated(Settings(), shipped.load_framework(), grades, guide_levels(grades), 600)
