"""The framework and the grade ladder as a person plans with them: expected levels, and finding indicators."""

from __future__ import annotations

import re

from planner.domain.models import Framework, GradeLadder, Indicator, Settings


def grade_levels(ladder: GradeLadder, settings: Settings | None) -> dict[str, int]:
    """The level expected at each grade: the saved mapping where there is one, else the default.

    Args:
        ladder: the grade ladder, which holds the framework's default alignment.
        settings: the saved settings, or None when nothing has been saved yet.

    Returns:
        A level (1-4) for every grade on the ladder, in ladder order.
    """
    saved = settings.grade_levels if settings else {}
    return {g.code: saved.get(g.code, g.default_level) for g in ladder.grades}


def search_indicators(fw: Framework, query: str) -> list[Indicator]:
    """Indicators whose code or statement matches every word of a query.

    A word made of digits and dots (such as "2.3" or "2.3.4") matches codes that start with
    it; any other word matches statements, ignoring case. An empty query matches everything.

    Args:
        fw: the framework to search.
        query: what the person typed.

    Returns:
        The matching indicators in framework order.
    """
    words = query.lower().split()
    code_words = [w.rstrip(".") for w in words if _CODE_PREFIX.match(w)]
    text_words = [w for w in words if not _CODE_PREFIX.match(w)]
    return [
        ind
        for ind in fw.indicators
        if all(ind.code == w or ind.code.startswith(w + ".") for w in code_words)
        and all(w in ind.statement.lower() for w in text_words)
    ]


_CODE_PREFIX = re.compile(r"^[1-4](\.[1-9]){0,2}\.?$")
