"""The framework and the grade ladder as a person plans with them: expected levels, and finding indicators."""

from __future__ import annotations

import re

from planner.domain.models import Framework, GradeLadder, Indicator, Settings


def default_grade_levels(fw: Framework, ladder: GradeLadder) -> dict[str, int]:
    """The framework's own guide to the level expected at each grade on the ladder.

    A grade the framework's alignment does not name takes the level of the grade below it that it
    does name (level 1 below the first), so that every grade has a level whatever the pack.

    Returns:
        A level (1 to the framework's top) for every grade on the ladder, in ladder order.
    """
    levels: dict[str, int] = {}
    below = 1
    for g in ladder.grades:
        below = fw.grade_alignment.get(g.code, below)
        levels[g.code] = below
    return levels


def grade_levels(fw: Framework, ladder: GradeLadder, settings: Settings | None) -> dict[str, int]:
    """The level expected at each grade: the saved mapping where there is one, else the framework's guide.

    A mapping saved for another framework (or with a level this one lacks) is not used.

    Args:
        fw: the framework in use, which holds its own grade alignment.
        ladder: the grade ladder.
        settings: the saved settings, or None when nothing has been saved yet.

    Returns:
        A level (1 to the framework's top) for every grade on the ladder, in ladder order.
    """
    default = default_grade_levels(fw, ladder)
    if settings is None or settings.grade_levels_framework != fw.id:
        return default
    saved = {g: lv for g, lv in settings.grade_levels.items() if lv <= fw.top_level}
    return {code: saved.get(code, level) for code, level in default.items()}


def example_indicator(fw: Framework) -> Indicator:
    """An indicator a little way into the framework, to show how its codes are written (2.3.2 in the KIM
    framework, DA-2-2 in one whose codes begin with a skill's letters): level 2 of the last skill."""
    return next((i for i in fw.indicators if i.level == min(2, fw.top_level) and i.skill == len(fw.skills)
                 and i.number >= 2), fw.indicators[len(fw.indicators) // 2])


def codes_help(fw: Framework) -> str:
    """The help of a box where codes are typed, with one of the framework's own codes as the example."""
    return f"Codes separated by commas, like {example_indicator(fw).code}"


def search_indicators(fw: Framework, query: str) -> list[Indicator]:
    """Indicators whose code or statement matches every word of a query.

    A word written like the start of a code (such as "2.3", "2.3.4" or "DM-3") matches codes that
    are it or start with it and a separator; any other word matches statements, ignoring case. An
    empty query matches everything.

    Args:
        fw: the framework to search.
        query: what the person typed.

    Returns:
        The matching indicators in framework order.
    """
    words = query.lower().split()
    code_words = [w.rstrip(".-") for w in words if _CODE_PREFIX.match(w)]
    text_words = [w for w in words if not _CODE_PREFIX.match(w)]
    return [
        ind
        for ind in fw.indicators
        if all(_code_starts_with(ind.code.lower(), w) for w in code_words)
        and all(w in ind.statement.lower() for w in text_words)
    ]


# The start of a code: a part with a digit in it, then more parts (2, 2.3, dm-3, DM-3-2).
_CODE_PREFIX = re.compile(r"^(?=[a-z]*[0-9]|[a-z0-9]+[.\-])[a-z0-9]+([.\-][a-z0-9]+)*[.\-]?$")


def _code_starts_with(code: str, prefix: str) -> bool:
    return code == prefix or (code.startswith(prefix) and code[len(prefix)] in ".-")
