"""The curriculum of learning and development activities: the model and its checks."""

from __future__ import annotations

import re
from typing import Any, Literal, get_args
from urllib.parse import urlsplit

from pydantic import Field, field_validator, model_validator

from planner.domain.models import Framework, FrameworkRef, IndicatorCode, Model, first_kim_version
from planner.errors import DataFileError

Format = Literal[
    "course",
    "e-learning",
    "qualification",
    "workshop",
    "mentoring",
    "community",
    "event",
    "shadowing",
    "secondment",
    "project",
    "reading",
    "apprenticeship",
]
Category = Literal["experience", "others", "formal"]

FORMATS: tuple[str, ...] = get_args(Format)
CATEGORIES: tuple[str, ...] = get_args(Category)
CATEGORY_LABELS: dict[str, str] = {
    "experience": "Learning by doing (the 70)",
    "others": "Learning from others (the 20)",
    "formal": "Formal learning (the 10)",
}
"""The 70:20:10 model: 70% learning by doing, 20% from others, 10% formal learning."""

COLUMNS: tuple[str, ...] = (
    "id",
    "title",
    "provider",
    "format",
    "category",
    "level",
    "hours",
    "cost",
    "develops",
    "prerequisites",
    "min_years_experience",
    "link",
    "description",
)
"""The columns of a curriculum spreadsheet, in order."""

REQUIRED_COLUMNS: tuple[str, ...] = COLUMNS[:9]

_ID_PATTERN = r"^[a-z0-9-]+$"


# --- The model -----------------------------------------------------------------------------


class Development(Model):
    """How much an activity develops one indicator: 1 a little, 2 a fair amount, 3 a lot."""

    indicator: IndicatorCode
    points: int = Field(ge=1, le=3)


class Activity(Model):
    """One learning and development activity that a person can take up."""

    id: str = Field(min_length=1, max_length=64, pattern=_ID_PATTERN)
    title: str = Field(min_length=1, max_length=200)
    provider: str = Field(min_length=1, max_length=200)
    format: Format
    category: Category
    develops: list[Development] = Field(min_length=1)
    level: int = Field(ge=1, le=20)
    hours: float = Field(gt=0, le=5_000, allow_inf_nan=False)
    cost: float = Field(ge=0, le=100_000, allow_inf_nan=False)
    prerequisites: list[str] = Field(default_factory=list)
    min_years_experience: float = Field(default=0, ge=0, le=40, allow_inf_nan=False)
    link: str | None = Field(default=None, max_length=2_000)
    description: str = Field(default="", max_length=1_000)

    @field_validator("develops")
    @classmethod
    def each_indicator_once(cls, value: list[Development]) -> list[Development]:
        seen: set[str] = set()
        for development in value:
            if development.indicator in seen:
                raise ValueError(f"indicator {development.indicator} is listed more than once")
            seen.add(development.indicator)
        return value

    @field_validator("prerequisites")
    @classmethod
    def prerequisites_are_ids(cls, value: list[str]) -> list[str]:
        for prerequisite in value:
            if not re.match(_ID_PATTERN, prerequisite) or len(prerequisite) > 64:
                raise ValueError(f"'{prerequisite}' is not an activity id")
        if len(set(value)) != len(value):
            raise ValueError("a prerequisite is listed more than once")
        return value

    @field_validator("link")
    @classmethod
    def link_is_a_web_address(cls, value: str | None) -> str | None:
        if not value:
            return None
        return plain_web_address(value)

    @property
    def indicators(self) -> list[str]:
        """The codes of the indicators this activity develops."""
        return [d.indicator for d in self.develops]


# The characters of a plain web address: letters, digits and the URL punctuation that means
# nothing to Markdown or HTML. Others, such as ( ) [ ] < > " ' and spaces, are written %-encoded.
_PLAIN_URL = re.compile(r"[A-Za-z0-9\-._~:/?#@!$&*+,;=%]+")


def plain_web_address(value: str) -> str:
    """The address if it is a plain http(s) web address, one a page can show as a link safely.

    Plain means: http or https, a host, no name or password before the host, a port (if any)
    that is a number, and only letters, digits and - . _ ~ : / ? # @ ! $ & * + , ; = %.

    Raises:
        ValueError: saying what is wrong, and how to write a character that is not allowed.
    """
    odd = next((ch for ch in value if not _PLAIN_URL.fullmatch(ch)), None)
    if odd is not None:
        shown = "a space" if odd.isspace() else f"'{odd}'"
        encoded = "".join(f"%{b:02X}" for b in odd.encode("utf-8"))
        raise ValueError(f"'{value}' is not a plain web address: it has {shown} in it; "
                         f"write that as {encoded}")
    try:
        parts = urlsplit(value)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        port_ok = False
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or not port_ok:
        raise ValueError(f"'{value}' is not a web address starting with http:// or https://")
    if "@" in parts.netloc:
        raise ValueError(f"'{value}' has a name or password before its host; give the address alone")
    return value


class Curriculum(Model):
    """The activities on offer, with a note saying where they come from."""

    note: str = Field(min_length=1, max_length=2_000)
    framework_version: FrameworkRef = Field(default_factory=first_kim_version)
    """The framework version its activities' indicators refer to."""
    activities: list[Activity] = Field(min_length=1)

    @model_validator(mode="after")
    def references_are_whole(self) -> Curriculum:
        entries = [(a.id, a.prerequisites) for a in self.activities]
        problems = [message for _, _, message in reference_problems(entries, "activity")]
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def activity(self, activity_id: str) -> Activity:
        for a in self.activities:
            if a.id == activity_id:
                return a
        raise KeyError(activity_id)


def reference_problems(
    entries: list[tuple[Any, Any]], unit: str, numbers: list[int] | None = None
) -> list[tuple[int, str, str]]:
    """Duplicate ids, prerequisites that do not exist, and prerequisites that go in a circle.

    Args:
        entries: (id, prerequisites) of each activity in order; malformed values are skipped.
        unit: what a person calls one entry in messages ("row" or "activity").
        numbers: the number a person sees for each entry; by default 1, 2, 3...

    Returns:
        (entry index, field, message) for each problem.
    """
    numbers = numbers or list(range(1, len(entries) + 1))
    problems: list[tuple[int, str, str]] = []
    first_seen: dict[str, int] = {}
    graph: dict[str, list[str]] = {}
    for index, (activity_id, prerequisites) in enumerate(entries):
        if not isinstance(activity_id, str) or not activity_id:
            continue
        if activity_id in first_seen:
            earlier = numbers[first_seen[activity_id]]
            problems.append(
                (index, "id", f"the id '{activity_id}' is already used by {unit} {earlier}")
            )
            continue
        first_seen[activity_id] = index
        graph[activity_id] = [p for p in as_list(prerequisites) if isinstance(p, str)]
    for index, (activity_id, prerequisites) in enumerate(entries):
        label = f"'{activity_id}'" if isinstance(activity_id, str) and activity_id else "it"
        for prerequisite in as_list(prerequisites):
            if isinstance(prerequisite, str) and prerequisite not in graph:
                problems.append(
                    (
                        index,
                        "prerequisites",
                        f"{label} needs '{prerequisite}' first, "
                        f"but no activity has that id",
                    )
                )
    for cycle in _prerequisite_cycles(graph):
        route = " → ".join(cycle)
        problems.append(
            (first_seen[cycle[0]], "prerequisites", f"prerequisites go round in a circle: {route}")
        )
    return problems


def as_list(value: Any) -> list[Any]:
    """The value if it is a list, else an empty list: for reading documents not yet checked."""
    return value if isinstance(value, list) else []


def _prerequisite_cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Each circle of prerequisites found by a depth-first walk, as ids ending where they began."""
    cycles: list[list[str]] = []
    state: dict[str, str] = {}
    for start in graph:
        if start in state:
            continue
        state[start] = "open"
        path = [start]
        stack = [iter(graph[start])]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                state[path.pop()] = "done"
                stack.pop()
            elif child not in graph:
                continue
            elif state.get(child) == "open":
                cycles.append(path[path.index(child) :] + [child])
            elif child not in state:
                state[child] = "open"
                path.append(child)
                stack.append(iter(graph[child]))
    return cycles


# --- Checks against the framework ----------------------------------------------------------


def checked_against(c: Curriculum, fw: Framework, file: str) -> Curriculum:
    """The curriculum, if every indicator it develops is in the framework and every level is one of its levels.

    Args:
        c: the curriculum, already valid as a model.
        fw: the framework.
        file: the file it was read from, as a person should see it named.

    Raises:
        DataFileError: naming each activity and indicator the framework lacks.
    """
    known = set(fw.codes)
    problems = [
        f"record activities[{i}] ({a.id}), field 'develops.{j}.indicator': "
        f"indicator {d.indicator} is not in the framework"
        for i, a in enumerate(c.activities)
        for j, d in enumerate(a.develops)
        if d.indicator not in known
    ] + [
        f"record activities[{i}] ({a.id}), field 'level': level {a.level} is above the framework's "
        f"top level, {fw.top_level}"
        for i, a in enumerate(c.activities)
        if a.level > fw.top_level
    ]
    if problems:
        raise DataFileError(file, problems)
    return c


def coverage_counts(c: Curriculum, fw: Framework) -> dict[str, int]:
    """How many activities develop each indicator, for every indicator in framework order."""
    counts = {code: 0 for code in fw.codes}
    for a in c.activities:
        for code in a.indicators:
            if code in counts:
                counts[code] += 1
    return counts
