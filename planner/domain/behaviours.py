"""The Civil Service Success Profiles behaviours: their names, the level each grade is assessed at, and
what each asks at each level.

Success Profiles (2018-) describe nine behaviours, each at five levels by grade; sifts and
interviews score each behaviour on a 1-7 scale. The KIM framework is the "Technical" element of
a KIM post. What each behaviour asks at each level is in data/behaviours.json (BehaviourSet).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from pydantic import Field, ValidationError, ValidationInfo, field_validator, model_validator

from planner.domain import wording
from planner.domain.models import MAX_TEXT, BehaviourExample, Evidence, Model
from planner.errors import PlannerError, describe_invalid

BEHAVIOURS: dict[str, str] = {
    "seeing-the-big-picture": "Seeing the Big Picture",
    "changing-and-improving": "Changing and Improving",
    "making-effective-decisions": "Making Effective Decisions",
    "leadership": "Leadership",
    "communicating-and-influencing": "Communicating and Influencing",
    "working-together": "Working Together",
    "developing-self-and-others": "Developing Self and Others",
    "managing-a-quality-service": "Managing a Quality Service",
    "delivering-at-pace": "Delivering at Pace",
}
"""Each behaviour's id and name, in the order Success Profiles lists them."""

GRADE_LEVELS: dict[str, int] = {
    "AA": 1, "AO": 1,
    "EO": 2,
    "HEO": 3, "SEO": 3,
    "G7": 4, "G6": 4,
    "SCS1": 5, "SCS2": 5, "SCS3": 5, "SCS4": 5,
}
"""The Success Profiles behaviour level each Civil Service grade is assessed at (1 AA/AO ... 5 SCS)."""

LEVELS = 5
"""How many levels each behaviour is described at."""

SCALE: dict[int, str] = {
    1: "Insufficient evidence",
    2: "Limited evidence",
    3: "Moderate evidence",
    4: "Acceptable standard",
    5: "Good standard",
    6: "Strong standard",
    7: "Outstanding",
}
"""The 1-7 scale sifts and interviews score each behaviour on."""


def behaviour_name(behaviour_id: str) -> str:
    """The behaviour's name, or its id as given if it is not one of the nine."""
    return BEHAVIOURS.get(behaviour_id, behaviour_id)


def level_for_grade(grade_code: str) -> int | None:
    """The behaviour level a grade is assessed at, or None for a grade Success Profiles does not place."""
    return GRADE_LEVELS.get(grade_code)


# --- What each behaviour asks at each level (data/behaviours.json) ---------------------------------


class BehaviourLevel(Model):
    """What one behaviour asks of people at one level, in a few plain sentences."""

    level: int = Field(ge=1, le=LEVELS)
    description: str = Field(min_length=1, max_length=800)


class Behaviour(Model):
    """One of the nine behaviours, described at each of the five levels."""

    id: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=1, max_length=120)
    levels: list[BehaviourLevel]

    @field_validator("name")
    @classmethod
    def name_is_the_behaviours_own(cls, value: str, info: ValidationInfo) -> str:
        behaviour_id = info.data.get("id")
        if behaviour_id not in BEHAVIOURS:
            raise ValueError(f"'{behaviour_id}' is not one of the nine behaviours ({', '.join(BEHAVIOURS)})")
        if value != BEHAVIOURS[behaviour_id]:
            raise ValueError(f"the behaviour '{behaviour_id}' is called '{BEHAVIOURS[behaviour_id]}', not '{value}'")
        return value

    @field_validator("levels")
    @classmethod
    def every_level_once_in_order(cls, value: list[BehaviourLevel]) -> list[BehaviourLevel]:
        numbers = [lv.level for lv in value]
        if numbers != list(range(1, LEVELS + 1)):
            raise ValueError(f"each behaviour is described at levels 1 to {LEVELS} in order, not {numbers}")
        return value

    def at(self, level: int) -> str:
        """What the behaviour asks at a level (1 to 5)."""
        return self.levels[level - 1].description


class LevelGrades(Model):
    """The grades one behaviour level is for, as people read them ("HEO and SEO")."""

    level: int = Field(ge=1, le=LEVELS)
    grades: str = Field(min_length=1, max_length=120)


class BehaviourSet(Model):
    """The nine Success Profiles behaviours, each at five levels: the shape of data/behaviours.json."""

    title: str = Field(min_length=1, max_length=300)
    source: str = Field(min_length=1, max_length=MAX_TEXT)
    levels: list[LevelGrades]
    behaviours: list[Behaviour]

    @field_validator("levels")
    @classmethod
    def levels_in_order(cls, value: list[LevelGrades]) -> list[LevelGrades]:
        numbers = [lv.level for lv in value]
        if numbers != list(range(1, LEVELS + 1)):
            raise ValueError(f"levels must be 1 to {LEVELS} in order, not {numbers}")
        return value

    @model_validator(mode="after")
    def the_nine_in_order(self) -> BehaviourSet:
        ids = [b.id for b in self.behaviours]
        if ids != list(BEHAVIOURS):
            raise ValueError(f"behaviours must be the nine Success Profiles behaviours, each once, in the order "
                             f"{', '.join(BEHAVIOURS)}; found {', '.join(ids) or 'none'}")
        return self

    def behaviour(self, behaviour_id: str) -> Behaviour:
        """One behaviour by its id.

        Raises:
            KeyError: it is not one of the nine.
        """
        for behaviour in self.behaviours:
            if behaviour.id == behaviour_id:
                return behaviour
        raise KeyError(behaviour_id)

    def grades_at(self, level: int) -> str:
        """The grades a level is for, such as "HEO and SEO"."""
        return self.levels[level - 1].grades


@dataclass(frozen=True)
class Expected:
    """One behaviour as a grade is assessed on it: its level there and what it asks at that level."""

    behaviour_id: str
    name: str
    level: int
    grades: str
    description: str

    @property
    def level_label(self) -> str:
        """Such as "level 3 (HEO and SEO)"."""
        return level_words(self.level, self.grades)


def level_words(level: int, grades: str) -> str:
    """A behaviour level with the grades it is for, such as "level 3 (HEO and SEO)"."""
    return f"level {level} ({grades})"


def grade_level(grade: str) -> int:
    """The behaviour level a grade is assessed at.

    Raises:
        PlannerError: Success Profiles places no level at that grade.
    """
    level = level_for_grade(grade)
    if level is None:
        raise PlannerError(f"Success Profiles gives no behaviour level for the grade '{grade}', so its behaviours "
                           "cannot be shown at a level.")
    return level


def expected_at(behaviours: BehaviourSet, grade: str, chosen: Iterable[str] | None = None) -> list[Expected]:
    """The behaviours as a grade is assessed on them, in Success Profiles order: all nine, or those chosen.

    Args:
        behaviours: the behaviours and what each asks at each level.
        grade: a Civil Service grade code, such as "HEO".
        chosen: the ids of the behaviours wanted (all nine when None); kept in Success Profiles order.

    Raises:
        PlannerError: Success Profiles places no level at that grade.
    """
    level = grade_level(grade)
    wanted = set(BEHAVIOURS if chosen is None else chosen)
    return [Expected(b.id, b.name, level, behaviours.grades_at(level), b.at(level))
            for b in behaviours.behaviours if b.id in wanted]


def chosen_behaviours(ids: Iterable[str]) -> list[str]:
    """The behaviours a post assesses, checked, in Success Profiles order.

    Raises:
        PlannerError: none is chosen, one is not among the nine, or one is chosen twice (so more than nine).
    """
    ids = list(ids)
    unknown = [i for i in ids if i not in BEHAVIOURS]
    if unknown:
        raise PlannerError(f"Choose behaviours from the nine Success Profiles behaviours: "
                           f"'{unknown[0]}' is not one of them.")
    if len(set(ids)) != len(ids):
        raise PlannerError("Choose each behaviour once: there are nine Success Profiles behaviours in all.")
    if not ids:
        raise PlannerError("Choose at least one behaviour the post assesses: campaigns usually assess four to six.")
    return [i for i in BEHAVIOURS if i in ids]


USUAL_BEHAVIOURS = range(4, 7)
"""How many behaviours a campaign usually assesses (four to six)."""


# --- A person's STAR examples for the behaviours -------------------------------------------------


def examples_for(examples: Iterable[BehaviourExample], behaviour_id: str) -> list[BehaviourExample]:
    """A person's examples for one behaviour, oldest first (the order they were added in)."""
    return [e for e in examples if e.behaviour == behaviour_id]


def new_example(profile_id: str, behaviour_id: str, now: datetime) -> BehaviourExample:
    """An empty example for one of the nine behaviours, to be written.

    Raises:
        PlannerError: the behaviour is not one of the nine.
    """
    if behaviour_id not in BEHAVIOURS:
        raise PlannerError(f"'{behaviour_id}' is not one of the nine Success Profiles behaviours.")
    return BehaviourExample(profile_id=profile_id, behaviour=behaviour_id, updated_at=now)


EXAMPLE_FIELDS = ("title", "situation", "task", "action", "result")
"""What a person writes for an example: a title, then the STAR parts."""


def changed_example(example: BehaviourExample, changes: dict[str, str], now: datetime) -> BehaviourExample:
    """The example with its title or STAR parts changed, checked against the model's limits.

    Args:
        example: as saved.
        changes: new text by field (of EXAMPLE_FIELDS).
        now: when it changed.

    Raises:
        PlannerError: a field is not one of EXAMPLE_FIELDS, or a text is too long.
    """
    unknown = set(changes) - set(EXAMPLE_FIELDS)
    if unknown:
        raise PlannerError(f"An example has no part called {', '.join(sorted(unknown))}.")
    title = changes.get("title", example.title)
    evidence = example.evidence.model_dump() | {k: v for k, v in changes.items() if k != "title"}
    try:
        return BehaviourExample.model_validate(
            example.model_dump() | {"title": title, "evidence": Evidence.model_validate(evidence).model_dump(),
                                    "updated_at": now})
    except ValidationError as exc:
        raise PlannerError(describe_invalid(exc)) from None


def written_counts(examples: Iterable[BehaviourExample]) -> dict[str, int]:
    """How many written examples (some of the STAR parts filled in) a person has, by behaviour id."""
    counts: dict[str, int] = {}
    for example in examples:
        if not example.evidence.is_empty:
            counts[example.behaviour] = counts.get(example.behaviour, 0) + 1
    return counts


def expected_rows(expected: Iterable[Expected], examples: Iterable[BehaviourExample]) -> list[dict[str, str]]:
    """The behaviours expected at a grade as a table: what each asks there, and the person's written examples.

    Args:
        expected: the behaviours at the grade's level (expected_at).
        examples: the person's STAR examples.
    """
    counts = written_counts(examples)
    return [{"Behaviour": e.name,
             "Your STAR examples": wording.counted(counts[e.behaviour_id], "example")
             if counts.get(e.behaviour_id) else "None yet",
             f"What it asks at level {e.level}": e.description} for e in expected]
