"""The sift: scoring candidates' behaviours and technical criteria on the 1-7 scale, with pass marks and weights.

Each behaviour the post assesses and each technical criterion is scored from 1 (insufficient evidence) to 7
(outstanding). A behaviour or an essential criterion is met at its pass mark (4 unless the hiring manager
changes it); a desirable criterion has none. A candidate's weighted total adds each score times its weight
(1 unless changed), so a criterion of weight 2 counts twice.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from planner.domain.behaviours import SCALE
from planner.domain.jobspec import DEFAULT_PASS_MARK, DEFAULT_SIFT_WEIGHT, Criterion, JobSpec, criterion_heading
from planner.errors import PlannerError

LOWEST, HIGHEST = min(SCALE), max(SCALE)
MOST_WEIGHT = 10.0
"""The largest weight a criterion may have."""

SCORING_GUIDE: list[tuple[int, str, str]] = [
    (7, SCALE[7], "Evidence well beyond what the post needs."),
    (6, SCALE[6], "Strong evidence of meeting it in full."),
    (5, SCALE[5], "Good evidence of meeting it."),
    (4, SCALE[4], "Enough evidence of meeting it for the post."),
    (3, SCALE[3], "Some evidence, with gaps."),
    (2, SCALE[2], "Little evidence of meeting it."),
    (1, SCALE[1], "No real evidence of meeting it."),
]
"""The Success Profiles 1 to 7 scale, highest first, with what each score looks like at a sift."""

BEHAVIOUR = "Behaviour"
TECHNICAL = "Technical"


@dataclass(frozen=True)
class SiftColumn:
    """One thing candidates are scored on: a behaviour or a technical criterion."""

    key: str
    """The behaviour's id or the indicator's code."""
    element: str
    """BEHAVIOUR or TECHNICAL (the Success Profiles element it belongs to)."""
    heading: str
    """A short heading, such as 'Behaviour: Leadership' or '2.3.4 Works with stakeholders to…'."""
    essential: bool
    pass_mark: int | None
    """The lowest score that meets it; None for a desirable criterion."""
    weight: float

    @property
    def mark(self) -> str:
        """[E] for a behaviour or an essential criterion, [D] for a desirable one."""
        return "[E]" if self.essential else "[D]"


def columns(spec: JobSpec) -> list[SiftColumn]:
    """What candidates are scored on, in the sift sheet's order: the behaviours, then the essential and the
    desirable technical criteria."""

    def technical(c: Criterion, essential: bool) -> SiftColumn:
        return SiftColumn(c.code, TECHNICAL, criterion_heading(c), essential,
                          c.pass_mark if essential else None, c.sift_weight)

    return [
        *(SiftColumn(b.id, BEHAVIOUR, f"Behaviour: {b.name}", True, b.pass_mark, b.sift_weight)
          for b in spec.behaviours),
        *(technical(c, True) for c in spec.essential),
        *(technical(c, False) for c in spec.desirable),
    ]


def with_marks(spec: JobSpec, pass_marks: Mapping[str, float | None],
               weights: Mapping[str, float | None]) -> JobSpec:
    """The specification with pass marks and sift weights, by behaviour id or indicator code.

    Anything not named keeps the usual pass mark (4) and weight (1), and so does one given as None (a box
    left empty). A pass mark named for a desirable criterion is kept with it, for when it is made essential.

    Raises:
        PlannerError: a pass mark is not a whole score from 1 to 7, a weight is not from 0 to 10, or every
            weight is 0 (the total would always be 0).
    """
    names = {b.id: b.name for b in spec.behaviours} | {c.code: c.code for c in spec.criteria}
    problems = []
    for key, mark in pass_marks.items():
        if mark is not None and not (float(mark).is_integer() and LOWEST <= mark <= HIGHEST):
            problems.append(f"The pass mark of {names.get(key, key)} must be a whole score from {LOWEST} to "
                            f"{HIGHEST}, not {mark:g}.")
    for key, weight in weights.items():
        if weight is not None and not (math.isfinite(weight) and 0 <= weight <= MOST_WEIGHT):
            problems.append(f"The weight of {names.get(key, key)} must be a number from 0 to {MOST_WEIGHT:g} "
                            f"(1 counts its score once, 2 twice), not {weight:g}.")
    if problems:
        raise PlannerError(" ".join(problems))

    def mark_of(key: str) -> int:
        mark = pass_marks.get(key)
        return DEFAULT_PASS_MARK if mark is None else int(mark)

    def weight_of(key: str) -> float:
        weight = weights.get(key)
        return DEFAULT_SIFT_WEIGHT if weight is None else float(weight)

    marked = replace(
        spec,
        behaviours=tuple(replace(b, pass_mark=mark_of(b.id), sift_weight=weight_of(b.id)) for b in spec.behaviours),
        criteria=tuple(replace(c, pass_mark=mark_of(c.code), sift_weight=weight_of(c.code)) for c in spec.criteria),
    )
    if not any(col.weight > 0 for col in columns(marked)):
        raise PlannerError("Give at least one behaviour or criterion a weight above 0: with every weight at 0 the "
                           "weighted total is always 0.")
    return marked


def changed_from_usual(shown: Mapping[str, float | None], saved: Mapping[str, float], usual: float,
                       ) -> dict[str, float]:
    """The pass marks or weights to keep: those shown that differ from the usual, and those saved for anything
    not shown now (a criterion left out, a behaviour not chosen, a desirable criterion's pass mark).

    Args:
        shown: the values on screen, by key; None where the screen shows none (keeps what was saved).
        saved: the values kept so far, by key.
        usual: the usual value (4 for a pass mark, 1 for a weight), which is not kept.
    """
    kept = {key: value for key, value in saved.items() if shown.get(key) is None}
    kept |= {key: value for key, value in shown.items() if value is not None and value != usual}
    return kept


@dataclass(frozen=True)
class Outcome:
    """A candidate's result at the sift."""

    total: float
    """The weighted total: each score times its weight, added up (a score not given counts 0)."""
    meets_pass_marks: bool
    """Every behaviour and essential criterion scored at or above its pass mark."""
    below: tuple[str, ...]
    """The headings of those scored below their pass mark, or not scored."""


def weighted_total(cols: Iterable[SiftColumn], scores: Mapping[str, int]) -> float:
    """Each score times its criterion's weight, added up; a criterion not scored counts 0."""
    return sum(col.weight * scores.get(col.key, 0) for col in cols)


def outcome(spec: JobSpec, scores: Mapping[str, int]) -> Outcome:
    """A candidate's weighted total and whether they meet every pass mark, from their scores.

    The sift sheet's formulas work this out the same way in Excel.

    Args:
        spec: the specification, with its pass marks and weights.
        scores: the candidate's score (1 to 7) by behaviour id or indicator code.

    Raises:
        PlannerError: a score is not a whole number from 1 to 7.
    """
    bad = [key for key, score in scores.items() if score not in SCALE]
    if bad:
        raise PlannerError(f"Score each behaviour and criterion from {LOWEST} to {HIGHEST}: {bad[0]} has "
                           f"{scores[bad[0]]}.")
    cols = columns(spec)
    below = tuple(col.heading for col in cols
                  if col.pass_mark is not None and scores.get(col.key, 0) < col.pass_mark)
    return Outcome(weighted_total(cols, scores), not below, below)


def total_range(spec: JobSpec) -> tuple[float, float]:
    """The lowest and highest weighted totals a fully scored candidate can have (1 and 7 on everything)."""
    cols = columns(spec)
    return (weighted_total(cols, {c.key: LOWEST for c in cols}), weighted_total(cols, {c.key: HIGHEST for c in cols}))
