"""Rules for changing the installation's settings."""

from __future__ import annotations

from planner.domain.models import Framework, GradeLadder, Settings
from planner.errors import PlannerError


def updated(
    current: Settings, fw: Framework, ladder: GradeLadder, grade_levels: dict[str, int | None], min_months: int
) -> Settings:
    """New settings with a grade-to-level mapping and a minimum time in grade.

    Args:
        current: the settings saved now.
        fw: the framework the levels are chosen in.
        ladder: the grade ladder; every grade on it must get a level.
        grade_levels: the level chosen for each grade code.
        min_months: the usual minimum months in a grade before promotion.

    Returns:
        The settings to save.

    Raises:
        PlannerError: a grade has no level or an out-of-range level, or the months are out of range.
    """
    problems = []
    mapping: dict[str, int] = {}
    for grade in ladder.grades:
        level = grade_levels.get(grade.code)
        if level is None:
            problems.append(f"Choose a level for {grade.name}.")
        elif not 1 <= level <= fw.top_level:
            problems.append(f"{grade.name} has level {level}; choose a level from 1 to {fw.top_level}.")
        else:
            mapping[grade.code] = level
    ranks = [mapping[g.code] for g in ladder.grades if g.code in mapping]
    if not problems and ranks != sorted(ranks):
        problems.append(
            "A more senior grade cannot expect a lower level than a more junior one. "
            "Check that the levels only stay the same or go up as the grades go up."
        )
    if not 0 <= min_months <= 60:
        problems.append("The minimum time in a grade must be between 0 and 60 months.")
    if problems:
        raise PlannerError(" ".join(problems))
    return current.model_copy(
        update={"grade_levels": mapping, "grade_levels_framework": fw.id, "min_months_in_grade": min_months}
    )
