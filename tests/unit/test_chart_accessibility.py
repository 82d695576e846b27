"""Every chart builder gives a title, colour-blind-safe colours, and words or marks besides colour."""

import inspect
import re

import pytest

from planner.documents import charts

# Small rows of the shape each builder documents: enough to draw every status or measure once.
SAMPLE_ROWS = {
    "skill_profile": [
        {"skill": "1. Using knowledge", "measure": "Attained", "level": 1},
        {"skill": "1. Using knowledge", "measure": "Target", "level": 2},
    ],
    "indicator_heatmap": [
        {"code": "1.1.1", "level": 1, "skill": "1. Using knowledge", "number": 1, "status": "Met",
         "rating": "3 Competent"},
        {"code": "1.1.2", "level": 1, "skill": "1. Using knowledge", "number": 2, "status": "Not met",
         "rating": "1 Aware"},
        {"code": "1.1.3", "level": 1, "skill": "1. Using knowledge", "number": 3, "status": "Not rated",
         "rating": "Not rated"},
    ],
    "progress_over_time": [
        {"date": "2026-01-05", "assessment": "5 January 2026", "skill": "1. Using knowledge", "level": 1},
        {"date": "2026-03-05", "assessment": "5 March 2026", "skill": "1. Using knowledge", "level": 2},
        {"date": "2026-01-05", "assessment": "5 January 2026", "skill": "2. Managing information", "level": 0},
        {"date": "2026-03-05", "assessment": "5 March 2026", "skill": "2. Managing information", "level": 1},
    ],
    "plan_timeline": [
        {"objective": "Run a records review", "start": "2026-01-05", "end": "2026-04-05", "status": "In progress"},
        {"objective": "Shadow the FOI officer", "start": "2026-02-01", "end": "2026-03-01", "status": "Done"},
    ],
    "route_timeline": [
        {"step": "Records manager (HEO)", "kind": "Promotion", "start": "2026-01-05", "end": "2027-01-05",
         "months": 12},
        {"step": "Knowledge manager (HEO)", "kind": "Lateral move", "start": "2027-01-05", "end": "2027-07-05",
         "months": 6},
    ],
    "self_and_mentor": [
        {"skill": "1. Using knowledge", "who": "Self", "average": 2.5},
        {"skill": "1. Using knowledge", "who": "Mentor", "average": 3.0},
    ],
    "area_coverage": [
        {"area": "Information governance", "status": "Met with evidence", "indicators": 2, "label": "Covered: 2 of 3"},
        {"area": "Information governance", "status": "Not met or not rated", "indicators": 1,
         "label": "Covered: 2 of 3"},
    ],
    "team_heatmap": [
        {"person": "Person 1", "code": "1.1.1", "skill": "1. Using knowledge", "level": 1, "status": "Could coach",
         "rating": "4 Expert"},
        {"person": "Person 2", "code": "1.1.1", "skill": "1. Using knowledge", "level": 1, "status": "Not met",
         "rating": "2 Developing"},
    ],
    "team_trend": [
        {"quarter": "Q1 2026", "skill": "Using knowledge", "average": 1.8, "label": "1.8", "people": 2},
        {"quarter": "Q2 2026", "skill": "Using knowledge", "average": 2.4, "label": "2.4", "people": 3},
        {"quarter": "Q1 2026", "skill": "Managing information", "average": 2.0, "label": "2.0", "people": 2},
    ],
    "team_levels": [
        {"skill": "1. Using knowledge", "level": "Level 1", "share": 0.5, "label": "50%", "meeting": 1, "team": 2},
        {"skill": "1. Using knowledge", "level": "Level 2", "share": 0.0, "label": "0%", "meeting": 0, "team": 2},
    ],
}

# The Okabe-Ito palette, the light grey of "not rated" and the pale end of the team ramp; text is
# black or white. Any other colour in a chart is a colour no one has checked.
SAFE_COLOURS = {charts.BLUE, charts.ORANGE, charts.GREEN, charts.VERMILLION, charts.PURPLE, charts.SKY,
                charts.YELLOW, charts.GREY, charts.STATUS_COLOURS["Not rated"], "#F4F4F4"}
TEXT_COLOURS = {"black", "white"}


def _builders() -> list[str]:
    return sorted(
        name for name, function in inspect.getmembers(charts, inspect.isfunction)
        if function.__module__ == charts.__name__ and not name.startswith("_")
    )


def _walk(node):
    """Every dictionary in a Vega-Lite spec, however deeply layered or faceted."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _marks(spec) -> set[str]:
    found = set()
    for node in _walk(spec):
        mark = node.get("mark")
        if isinstance(mark, str):
            found.add(mark)
        elif isinstance(mark, dict) and "type" in mark:
            found.add(mark["type"])
    return found


OPTIONS = {"skill_profile": {"top_level": 4}, "progress_over_time": {"top_level": 4}}
"""What builders are told beside their rows: the framework's top level, where a level axis ends."""


def _spec(builder: str) -> dict:
    return getattr(charts, builder)(SAMPLE_ROWS[builder], **OPTIONS.get(builder, {})).to_dict()


def test_every_chart_builder_has_sample_rows_here():
    assert _builders() == sorted(SAMPLE_ROWS)


@pytest.mark.parametrize("builder", sorted(SAMPLE_ROWS))
def test_every_chart_says_what_it_shows_in_a_title(builder):
    titles = [node["title"] for node in _walk(_spec(builder)) if isinstance(node.get("title"), str)]
    default_title = inspect.signature(getattr(charts, builder)).parameters["title"].default
    assert default_title in titles


@pytest.mark.parametrize("builder", sorted(SAMPLE_ROWS))
def test_every_chart_has_a_text_layer_so_colour_is_not_the_only_signal(builder):
    assert "text" in _marks(_spec(builder))


@pytest.mark.parametrize("builder", sorted(SAMPLE_ROWS))
def test_every_chart_uses_only_the_colour_blind_safe_palette(builder):
    spec = _spec(builder)
    hexes = {colour.upper() for colour in re.findall(r"#[0-9A-Fa-f]{6}\b", str(spec))}
    assert hexes, "the chart sets none of its colours"
    assert hexes <= {c.upper() for c in SAFE_COLOURS}
    named = {node["value"] for node in _walk(spec) if set(node) == {"value"} and isinstance(node["value"], str)
             and not node["value"].startswith("#")}
    named |= {node["color"] for node in _walk(spec) if isinstance(node.get("color"), str)
              and not node["color"].startswith("#")}
    assert named <= TEXT_COLOURS


@pytest.mark.parametrize("builder", ["indicator_heatmap", "team_heatmap"])
def test_status_grids_print_a_symbol_in_every_cell(builder):
    spec = str(_spec(builder))
    marks = charts.TEAM_STATUS_MARKS if builder == "team_heatmap" else charts.STATUS_MARKS
    assert all(symbol in spec for symbol in marks.values())


def test_the_progress_chart_tells_skills_apart_by_shape_as_well_as_colour():
    spec = _spec("progress_over_time")
    shapes = [node["shape"] for node in _walk(spec) if isinstance(node.get("shape"), dict)]
    assert shapes and shapes[0]["scale"]["range"] == charts.SKILL_SHAPES[:2]
