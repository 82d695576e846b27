"""Altair chart builders: plain rows in, chart out, testable without a browser."""

from __future__ import annotations

from typing import Any

import altair as alt

# Okabe-Ito: distinguishable with the common forms of colour blindness.
BLUE = "#0072B2"
ORANGE = "#E69F00"
GREEN = "#009E73"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
SKY = "#56B4E9"
GREY = "#949494"
YELLOW = "#F0E442"
SKILL_COLOURS = [BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY, YELLOW]
"""One colour a skill, in turn (the Okabe-Ito palette); a framework with more skills than colours
reuses them, and each skill's shape and its name in the legend still tell them apart."""
SKILL_SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down", "wedge", "stroke"]

STATUS_COLOURS = {"Met": BLUE, "Not met": ORANGE, "Not rated": "#D9D9D9"}
STATUS_MARKS = {"Met": "✓", "Not met": "✗", "Not rated": "?"}

Rows = list[dict[str, Any]]


# In a browser, containerSize() is the width the chart is drawn in; elsewhere (a chart drawn for a
# PDF) it is 0, and the full widths apply.
_WIDTH = "containerSize()[0]"


def _fitting(widest: int, share: float = 0.4) -> alt.ExprRef:
    """At most `widest` pixels, and no more than a share of a narrow chart's width: on a phone or at
    200% zoom, long labels would otherwise leave no room for the bars (WCAG 1.4.10 Reflow)."""
    return alt.ExprRef(f"{_WIDTH} ? clamp({_WIDTH} * {share}, 60, {widest}) : {widest}")


def _data(rows: Rows) -> Any:
    # Altair's Data takes keyword arguments it does not type; the rows are plain dicts.
    return alt.Data(values=rows)  # type: ignore[no-untyped-call]


def _font(chart: alt.Chart) -> alt.Chart:
    configured: alt.Chart = chart.configure_axis(labelFontSize=12, titleFontSize=13).configure_legend(
        labelFontSize=12, titleFontSize=13, orient="bottom"
    ).configure_title(fontSize=15, anchor="start", limit=alt.ExprRef(f"{_WIDTH} ? {_WIDTH} - 8 : 0"))
    return configured


def _level_axis(top_level: int) -> tuple[alt.Scale, alt.Axis]:
    """The scale and axis of a framework's levels: 0 to its top level, a tick at each whole level."""
    return (alt.Scale(domain=[0, top_level]),
            alt.Axis(values=list(range(top_level + 1)), format="d", tickMinStep=1))


def skill_profile(rows: Rows, title: str = "Attained and target level in each skill", *,
                  top_level: int) -> alt.Chart:
    """Bars of attained and target level per skill, each labelled with its number.

    Args:
        rows: one row per skill and measure: {"skill": str, "measure": "Attained" | "Target",
            "level": int}.
        title: the chart title, which says what it shows.
        top_level: the framework's highest level, where the level axis ends.
    """
    scale, axis = _level_axis(top_level)
    base = alt.Chart(_data(rows), title=title)
    bars = base.mark_bar(stroke="black", strokeWidth=0.5).encode(
        y=alt.Y("skill:N", title=None, sort=None, axis=alt.Axis(labelLimit=_fitting(320))),
        yOffset=alt.YOffset("measure:N", sort=["Attained", "Target"]),
        x=alt.X("level:Q", title=f"Level (0 to {top_level})", scale=scale, axis=axis),
        color=alt.Color("measure:N", title="Measure", sort=["Attained", "Target"],
                        scale=alt.Scale(domain=["Attained", "Target"], range=[BLUE, ORANGE])),
        opacity=alt.Opacity("measure:N", sort=["Attained", "Target"],
                            scale=alt.Scale(domain=["Attained", "Target"], range=[1.0, 0.55]), legend=None),
        tooltip=[alt.Tooltip("skill:N", title="Skill"), alt.Tooltip("measure:N", title="Measure"),
                 alt.Tooltip("level:Q", title="Level")],
    )
    labels = base.mark_text(align="left", dx=4, fontSize=12, color="black").encode(
        y=alt.Y("skill:N", sort=None),
        yOffset=alt.YOffset("measure:N", sort=["Attained", "Target"]),
        x="level:Q",
        text=alt.Text("label:N"),
    ).transform_calculate(label="datum.measure + ': ' + datum.level")
    return _font((bars + labels).properties(height=alt.Step(28), width="container"))


def indicator_heatmap(rows: Rows, title: str = "Your rating for every indicator in scope") -> alt.Chart:
    """One cell per indicator, by level and skill; colour and a mark both say met or not.

    Args:
        rows: one row per indicator: {"code", "level": int, "skill": str, "number": int,
            "status": "Met" | "Not met" | "Not rated", "rating": str}.
        title: the chart title.
    """
    base = alt.Chart(_data(rows)).transform_calculate(
        mark=f"datum.status == 'Met' ? '{STATUS_MARKS['Met']}' : "
        f"(datum.status == 'Not met' ? '{STATUS_MARKS['Not met']}' : '{STATUS_MARKS['Not rated']}')",
        cell="datum.code + ' ' + datum.mark",
    )
    encode = dict(
        x=alt.X("number:O", title="Indicator number"),
        y=alt.Y("level:O", title="Level", sort="descending"),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        **encode,
        color=alt.Color("status:N", title="Status", scale=alt.Scale(
            domain=list(STATUS_COLOURS), range=list(STATUS_COLOURS.values()))),
        tooltip=[alt.Tooltip("code:N", title="Indicator"), alt.Tooltip("rating:N", title="Rating"),
                 alt.Tooltip("status:N", title="Status")],
    )
    # White on the dark blue of "met", black on the light colours: both above 4.5:1 contrast.
    text = base.mark_text(fontSize=11).encode(
        **encode, text="cell:N",
        color=alt.condition("datum.status == 'Met'", alt.value("white"), alt.value("black")),
    )
    return _font(
        (cells + text)
        .properties(width=alt.Step(78), height=alt.Step(30))
        .facet(row=alt.Row("skill:N", title=None, sort=None,
                           header=alt.Header(labelFontSize=13, labelAngle=0, labelOrient="top",
                                             labelAnchor="start", labelAlign="left", labelLimit=600)))
        .properties(title=title)
    )


def progress_over_time(rows: Rows, title: str = "Attained level in each skill over time", *,
                       top_level: int) -> alt.Chart:
    """Lines of attained level per skill across snapshots; each skill has its own colour and shape.

    Args:
        rows: one row per snapshot and skill, oldest first: {"date": "YYYY-MM-DD", "assessment":
            the snapshot's name, "skill": str, "level": int}.
        title: the chart title.
        top_level: the framework's highest level, where the level axis ends (an earlier version's
            higher level, if a snapshot shows one, stretches it).

    A point per assessment in the order taken, named as the tables name it: two saved on one
    day are two points, not one drawn over the other.
    """
    assessments = list(dict.fromkeys(r["assessment"] for r in rows))
    skills = list(dict.fromkeys(r["skill"] for r in rows))
    colour = alt.Color("skill:N", title="Skill", sort=skills,
                       scale=alt.Scale(domain=skills, range=_repeated(SKILL_COLOURS, skills)),
                       legend=alt.Legend(labelLimit=_fitting(400, 0.8), direction="vertical"))
    shape = alt.Shape("skill:N", sort=skills, scale=alt.Scale(domain=skills, range=_repeated(SKILL_SHAPES, skills)))
    scale, axis = _level_axis(max([top_level, *(r["level"] for r in rows)]))
    base = alt.Chart(_data(rows), title=title).encode(
        x=alt.X("assessment:O", sort=assessments, title="Assessment, oldest first",
                axis=alt.Axis(labelAngle=0 if len(assessments) <= 3 else -30, labelLimit=220)),
        y=alt.Y("level:Q", title="Attained level", scale=scale, axis=axis),
        color=colour,
    )
    lines = base.mark_line(strokeWidth=2)
    # A black outline keeps the light orange and sky points above 3:1 against white (WCAG 1.4.11).
    points = base.mark_point(size=90, filled=True, stroke="black", strokeWidth=0.75).encode(
        shape=shape,
        tooltip=[alt.Tooltip("assessment:N", title="Assessment"), alt.Tooltip("skill:N", title="Skill"),
                 alt.Tooltip("level:Q", title="Attained level")],
    )
    # The level printed above each point, so reading it needs neither the colour nor the axis;
    # skills at the same level on the same date print the same number in the same place.
    levels = base.mark_text(dy=-12, fontSize=12).encode(text=alt.Text("level:Q", format="d"),
                                                         color=alt.value("black"))
    return _font((lines + points + levels).properties(height=260, width="container"))


def _repeated(choices: list[str], skills: list[str]) -> list[str]:
    """One of the choices for each skill, in turn, starting again when there are more skills than choices."""
    return [choices[n % len(choices)] for n in range(len(skills))]


PLAN_STATUS_COLOURS = {"Planned": SKY, "In progress": BLUE, "Done": GREEN, "Dropped": GREY}


def plan_timeline(
    rows: Rows, title: str = "Your plan over time: from when each item was added to its target date"
) -> alt.Chart:
    """A bar per plan item from its start to its target date, labelled with its status in words.

    Args:
        rows: {"objective", "start": "YYYY-MM-DD", "end": "YYYY-MM-DD", "status"} per item.
        title: the chart title.
    """
    statuses = list(PLAN_STATUS_COLOURS)
    base = alt.Chart(_data(rows), title=title).encode(
        y=alt.Y("objective:N", title=None, sort=None, axis=alt.Axis(labelLimit=_fitting(360))),
    )
    bars = base.mark_bar(stroke="black", strokeWidth=0.5, height=16).encode(
        x=alt.X("start:T", timeUnit="utcyearmonthdate", title="Date",
                axis=alt.Axis(format="%b %Y", labelAngle=0)),
        x2=alt.X2("end:T", timeUnit="utcyearmonthdate"),
        color=alt.Color("status:N", title="Status", scale=alt.Scale(domain=statuses,
                        range=[PLAN_STATUS_COLOURS[s] for s in statuses])),
        tooltip=[alt.Tooltip("objective:N", title="Objective"), alt.Tooltip("status:N", title="Status"),
                 alt.Tooltip("end:T", timeUnit="utcyearmonthdate", title="Target date", format="%-d %B %Y")],
    )
    labels = base.mark_text(align="left", dx=4, fontSize=11, color="black").encode(
        x=alt.X("end:T", timeUnit="utcyearmonthdate"), text="status:N",
    )
    return _font((bars + labels).properties(height=alt.Step(26), width="container"))


def route_timeline(rows: Rows, title: str = "Your route, step by step") -> alt.Chart:
    """A bar per step of a career route from its start to its end date, labelled with the move.

    Args:
        rows: {"step", "kind": "Promotion" | "Lateral move", "start", "end", "months"} per step.
        title: the chart title.
    """
    kinds = ["Promotion", "Lateral move"]
    base = alt.Chart(_data(rows), title=title).encode(
        y=alt.Y("step:N", title=None, sort=None, axis=alt.Axis(labelLimit=_fitting(360))),
    )
    bars = base.mark_bar(stroke="black", strokeWidth=0.5, height=18).encode(
        x=alt.X("start:T", timeUnit="utcyearmonthdate", title="Date", axis=alt.Axis(format="%b %Y", labelAngle=0)),
        x2=alt.X2("end:T", timeUnit="utcyearmonthdate"),
        color=alt.Color("kind:N", title="Move", scale=alt.Scale(domain=kinds, range=[BLUE, ORANGE])),
        tooltip=[alt.Tooltip("step:N", title="Step"), alt.Tooltip("kind:N", title="Move"),
                 alt.Tooltip("months:Q", title="Months")],
    )
    labels = base.mark_text(align="left", dx=4, fontSize=11, color="black").encode(
        x=alt.X("end:T", timeUnit="utcyearmonthdate"), text="label:N",
    ).transform_calculate(label="datum.kind + ', ' + datum.months + ' months'")
    return _font((bars + labels).properties(height=alt.Step(30), width="container"))


def self_and_mentor(
    rows: Rows, title: str = "Average self and mentor rating in each skill, on the indicators both rated"
) -> alt.Chart:
    """Paired bars per skill of the mentee's and the mentor's average rating, each labelled.

    Args:
        rows: {"skill", "who": "Self" | "Mentor", "average": float} per skill and rater.
        title: the chart title.
    """
    order = ["Self", "Mentor"]
    base = alt.Chart(_data(rows), title=title)
    bars = base.mark_bar(stroke="black", strokeWidth=0.5).encode(
        y=alt.Y("skill:N", title=None, sort=None, axis=alt.Axis(labelLimit=_fitting(320))),
        yOffset=alt.YOffset("who:N", sort=order),
        x=alt.X("average:Q", title="Average rating (0 to 4)", scale=alt.Scale(domain=[0, 4])),
        color=alt.Color("who:N", title="Rated by", sort=order, scale=alt.Scale(domain=order, range=[BLUE, VERMILLION])),
        tooltip=[alt.Tooltip("skill:N", title="Skill"), alt.Tooltip("who:N", title="Rated by"),
                 alt.Tooltip("average:Q", title="Average", format=".1f")],
    )
    labels = base.mark_text(align="left", dx=4, fontSize=12, color="black").encode(
        y=alt.Y("skill:N", sort=None), yOffset=alt.YOffset("who:N", sort=order), x="average:Q",
        text=alt.Text("label:N"),
    ).transform_calculate(label="datum.who + ': ' + format(datum.average, '.1f')")
    return _font((bars + labels).properties(height=alt.Step(28), width="container"))


COVERAGE_COLOURS = {"Met with evidence": BLUE, "Met, no evidence": ORANGE, "Not met or not rated": GREY}


def area_coverage(rows: Rows, title: str = "Evidence for each area of the professional body's framework") -> alt.Chart:
    """A stacked bar per area: how many of its KIM indicators are met with evidence, met without, or
    not met; each bar is labelled in words (covered or not, and the count), so colour is not the only signal.

    Args:
        rows: one row per area and status: {"area", "status": a key of COVERAGE_COLOURS,
            "indicators": int, "label": str (the same for every row of an area)}.
        title: the chart title.
    """
    statuses = list(COVERAGE_COLOURS)
    order = "indexof(" + str(statuses) + ", datum.status)"
    base = alt.Chart(_data(rows), title=title).encode(
        y=alt.Y("area:N", title=None, sort=None, axis=alt.Axis(labelLimit=_fitting(360))),
    )
    bars = base.mark_bar(stroke="black", strokeWidth=0.5).encode(
        x=alt.X("indicators:Q", title="KIM indicators that give evidence for the area", stack="zero",
                axis=alt.Axis(format="d", tickMinStep=1)),
        color=alt.Color("status:N", title="Indicator", sort=statuses,
                        scale=alt.Scale(domain=statuses, range=list(COVERAGE_COLOURS.values()))),
        order=alt.Order("rank:Q"),
        tooltip=[alt.Tooltip("area:N", title="Area"), alt.Tooltip("status:N", title="Indicator"),
                 alt.Tooltip("indicators:Q", title="How many")],
    ).transform_calculate(rank=order)
    labels = base.mark_text(align="left", dx=4, fontSize=11, color="black").encode(
        x=alt.X("total:Q"), text="label:N",
    ).transform_joinaggregate(total="sum(indicators)", groupby=["area"]).transform_filter(
        alt.datum.status == statuses[0]
    )
    return _font((bars + labels).properties(height=alt.Step(26), width="container"))


TEAM_STATUS_COLOURS = {"Could coach": GREEN, "Met": BLUE, "Not met": ORANGE, "Not rated": STATUS_COLOURS["Not rated"]}
TEAM_STATUS_MARKS = {"Could coach": "★", **STATUS_MARKS}


def team_heatmap(rows: Rows, title: str = "Each person's rating of every indicator") -> alt.Chart:
    """One cell per person and indicator; colour and a symbol both say could coach, met, not met or not rated.

    Args:
        rows: one row per person and indicator, people in the order to list them and indicators
            in framework order: {"person", "code", "skill": str, "level": int,
            "status": "Could coach" | "Met" | "Not met" | "Not rated", "rating": str}.
        title: the chart title.
    """
    people = list(dict.fromkeys(r["person"] for r in rows))
    codes = list(dict.fromkeys(r["code"] for r in rows))
    marks = " : ".join(f"datum.status == '{status}' ? '{mark}'" for status, mark in TEAM_STATUS_MARKS.items())
    base = alt.Chart(_data(rows)).transform_calculate(mark=f"{marks} : ''")
    encode = dict(
        x=alt.X("code:O", title=None, sort=codes, axis=alt.Axis(labelAngle=-90, orient="top")),
        y=alt.Y("person:N", title=None, sort=people, axis=alt.Axis(labelLimit=220)),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=1.5).encode(
        **encode,
        color=alt.Color("status:N", title="Status", scale=alt.Scale(
            domain=list(TEAM_STATUS_COLOURS), range=list(TEAM_STATUS_COLOURS.values()))),
        tooltip=[alt.Tooltip("person:N", title="Person"), alt.Tooltip("code:N", title="Indicator"),
                 alt.Tooltip("skill:N", title="Skill"), alt.Tooltip("rating:N", title="Rating"),
                 alt.Tooltip("status:N", title="Status")],
    )
    # White on the dark blue of "met", black on the lighter colours: both above 4.5:1 contrast.
    text = base.mark_text(fontSize=11).encode(
        **encode, text="mark:N",
        color=alt.condition("datum.status == 'Met'", alt.value("white"), alt.value("black")),
    )
    # One grid per level, two abreast: every indicator of a framework side by side would not fit a page's width.
    return _font(
        (cells + text)
        .properties(width=alt.Step(21), height=alt.Step(22))
        .facet(facet=alt.Facet("level:O", title=None, header=alt.Header(
                   labelExpr="'Level ' + datum.value", labelFontSize=13, labelAnchor="start", labelOrient="top")),
               columns=2)
        .resolve_scale(x="independent")
        .properties(title=title)
    )


def team_levels(rows: Rows, title: str = "Share of the team meeting each level of each skill") -> alt.Chart:
    """Skills x levels; each cell's shade and its printed percentage say how many of the team meet it.

    Args:
        rows: one row per skill and level: {"skill": str, "level": "Level 1" ..., "share": 0.0-1.0,
            "label": "45%", "meeting": int, "team": int}.
        title: the chart title.
    """
    skills = list(dict.fromkeys(r["skill"] for r in rows))
    levels = list(dict.fromkeys(r["level"] for r in rows))
    encode = dict(
        x=alt.X("level:O", title=None, sort=levels, axis=alt.Axis(labelAngle=0, orient="top")),
        y=alt.Y("skill:N", title=None, sort=skills, axis=alt.Axis(labelLimit=360)),
    )
    base = alt.Chart(_data(rows))
    # A single light-to-sky-blue ramp: black text stays above 4.5:1 contrast on every shade.
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        **encode,
        color=alt.Color("share:Q", title="Share meeting the level",
                        scale=alt.Scale(domain=[0, 1], range=["#F4F4F4", SKY]),
                        legend=alt.Legend(format=".0%", gradientLength=200)),
        tooltip=[alt.Tooltip("skill:N", title="Skill"), alt.Tooltip("level:O", title="Level"),
                 alt.Tooltip("label:N", title="Share meeting it"), alt.Tooltip("meeting:Q", title="People"),
                 alt.Tooltip("team:Q", title="Team size")],
    )
    text = base.mark_text(fontSize=14, fontWeight="bold", color="black").encode(**encode, text="label:N")
    return _font((cells + text).properties(width=alt.Step(110), height=alt.Step(44), title=title))


def team_trend(rows: Rows, title: str = "The team's average rating in each skill, by quarter") -> alt.Chart:
    """Lines of each skill's average rating (0 to 4) across quarters; each skill has its own colour and shape.

    Args:
        rows: one row per quarter and skill with an average, oldest quarter first: {"quarter": "Q1 2026",
            "skill": str, "average": float, "label": "2.4", "people": int}.
        title: the chart title.
    """
    quarters = list(dict.fromkeys(r["quarter"] for r in rows))
    skills = list(dict.fromkeys(r["skill"] for r in rows))
    colour = alt.Color("skill:N", title="Skill", sort=skills,
                       scale=alt.Scale(domain=skills, range=_repeated(SKILL_COLOURS, skills)),
                       legend=alt.Legend(labelLimit=_fitting(400, 0.8), direction="vertical"))
    shape = alt.Shape("skill:N", sort=skills, scale=alt.Scale(domain=skills, range=_repeated(SKILL_SHAPES, skills)))
    base = alt.Chart(_data(rows)).encode(
        x=alt.X("quarter:O", sort=quarters, title="Quarter", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("average:Q", title="Average rating", scale=alt.Scale(domain=[0, 4]),
                axis=alt.Axis(values=[0, 1, 2, 3, 4], format="d")),
        color=colour,
    )
    lines = base.mark_line(strokeWidth=2)
    # A black outline keeps the light orange and sky points above 3:1 against white (WCAG 1.4.11).
    points = base.mark_point(size=90, filled=True, stroke="black", strokeWidth=0.75).encode(
        shape=shape,
        tooltip=[alt.Tooltip("quarter:N", title="Quarter"), alt.Tooltip("skill:N", title="Skill"),
                 alt.Tooltip("label:N", title="Average rating"), alt.Tooltip("people:Q", title="People counted")],
    )
    # The average printed above each point, so reading it needs neither the colour nor the axis.
    labels = base.mark_text(dy=-12, fontSize=12).encode(text="label:N", color=alt.value("black"))
    return _font((lines + points + labels).properties(title=title, height=260, width="container"))
