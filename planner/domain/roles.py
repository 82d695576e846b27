"""Roles: what each asks at each grade, the moves people make from it, and blended posts.

Roles are written for one framework (the shipped ones for the KIM framework): their levels are levels
of its skills and their key indicators its codes, so they are applied only to that framework.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import Field, field_validator, model_validator

from planner.domain.models import Framework, FrameworkRef, GradeLadder, IndicatorCode, Model, first_kim_version
from planner.errors import DataFileError, PlannerError


class Move(Model):
    """A move people commonly make from a role at a grade."""

    to_role: str
    to_grade: str
    kind: Literal["promotion", "lateral"]
    note: str = ""


class RoleGrade(Model):
    """What a role asks at one grade."""

    grade: str
    levels: dict[int, int] = Field(description="target level (0 to the framework's top) for each skill number")
    key_indicators: list[IndicatorCode] = Field(default_factory=list)
    moves: list[Move] = Field(default_factory=list)

    @field_validator("levels")
    @classmethod
    def a_level_for_every_skill(cls, value: dict[int, int]) -> dict[int, int]:
        # Whether these are the framework's skills and levels is checked against it (checked_against).
        if not value:
            raise ValueError("give a level for every skill")
        for skill, level in value.items():
            if skill < 1:
                raise ValueError(f"skill {skill} is not a skill number; skills are numbered from 1")
            if not 0 <= level <= 20:
                raise ValueError(f"skill {skill} has level {level}; levels run from 0 to the framework's top level")
        return value


class Role(Model):
    id: str = Field(pattern=r"^[a-z0-9-]+$", min_length=1, max_length=64)
    name: str = Field(min_length=1)
    kind: Literal["core", "allied"]
    description: str = Field(min_length=1)
    grades: list[RoleGrade] = Field(min_length=1)

    def at(self, grade: str) -> RoleGrade | None:
        return next((g for g in self.grades if g.grade == grade), None)

    @property
    def grade_codes(self) -> list[str]:
        return [g.grade for g in self.grades]


class Roles(Model):
    note: str
    framework_version: FrameworkRef = Field(default_factory=first_kim_version)
    """The framework version the roles' levels and key indicators refer to."""
    roles: list[Role]

    @model_validator(mode="after")
    def moves_lead_somewhere(self) -> Roles:
        ids = [r.id for r in self.roles]
        if len(set(ids)) != len(ids):
            raise ValueError("every role id must be unique")
        where = {(r.id, g.grade) for r in self.roles for g in r.grades}
        for role in self.roles:
            for at in role.grades:
                for move in at.moves:
                    if (move.to_role, move.to_grade) not in where:
                        raise ValueError(
                            f"{role.id} at {at.grade} has a move to {move.to_role} at {move.to_grade}, "
                            "which is not a role and grade in this file"
                        )
        return self

    def role(self, role_id: str) -> Role:
        for r in self.roles:
            if r.id == role_id:
                return r
        raise PlannerError(f"There is no role '{role_id}'.")

    def find(self, name_or_id: str | None) -> Role | None:
        """A role by its id or its name, ignoring case; None if there is no such role."""
        if not name_or_id:
            return None
        wanted = name_or_id.strip().lower()
        return next((r for r in self.roles if wanted in (r.id, r.name.lower())), None)


def checked_against(roles: Roles, fw: Framework, ladder: GradeLadder, file: str) -> Roles:
    """The roles, if every grade and indicator they name is on the ladder and in the framework.

    Args:
        roles: the roles, already valid as a model.
        fw: the framework.
        ladder: the grade ladder.
        file: the file they were read from, as a person should see it named.

    Raises:
        DataFileError: naming each role, grade and field that refers to something missing.
    """
    codes, grades = set(fw.codes), set(ladder.codes)
    problems = []
    for n, role in enumerate(roles.roles):
        for m, at in enumerate(role.grades):
            where = f"record roles[{n}] ({role.id}), grades[{m}]"
            if at.grade not in grades:
                problems.append(f"{where}, field 'grade': '{at.grade}' is not a grade on the ladder")
            skills = sorted(at.levels)
            if skills != [s.number for s in fw.skills]:
                problems.append(
                    f"{where}, field 'levels': give a level for skills {_numbers(fw)}, not for {skills}"
                )
            too_high = [s for s, level in at.levels.items() if level > fw.top_level]
            if too_high:
                problems.append(
                    f"{where}, field 'levels': skill {too_high[0]} has level {at.levels[too_high[0]]}; "
                    f"levels run from 0 to {fw.top_level}"
                )
            unknown = [c for c in at.key_indicators if c not in codes]
            if unknown:
                problems.append(f"{where}, field 'key_indicators': unknown indicators {', '.join(unknown)}")
    if problems:
        raise DataFileError(file, problems)
    return roles


def _numbers(fw: Framework) -> str:
    numbers = [str(s.number) for s in fw.skills]
    return ", ".join(numbers[:-1]) + " and " + numbers[-1] if len(numbers) > 1 else numbers[0]


def blend(role_grades: Iterable[RoleGrade]) -> dict[int, int]:
    """The levels a post that combines roles asks: each skill takes the highest any of them needs.

    Raises:
        PlannerError: no roles were given.
    """
    chosen = list(role_grades)
    if not chosen:
        raise PlannerError("Choose at least one role to blend.")
    skills = sorted({skill for rg in chosen for skill in rg.levels})
    return {skill: max(rg.levels.get(skill, 0) for rg in chosen) for skill in skills}


def blended_key_indicators(role_grades: Iterable[RoleGrade]) -> list[str]:
    """The indicators the blended roles lean on most, each once, in the order given."""
    return list(dict.fromkeys(code for rg in role_grades for code in rg.key_indicators))


def applied_to(roles: Roles, fw: Framework) -> Roles | None:
    """The roles as they apply to the framework in use, or None when they cannot be applied to it.

    Roles written for another framework are never applied (their levels are levels of other skills).
    Roles written for another version of this framework apply while it has the same skills: a level
    above its top level is taken as its top, and a key indicator it no longer has is left out.

    Args:
        roles: the roles in use, which name the framework version they were written for.
        fw: the framework version in use.

    Returns:
        The roles to use with `fw` (the same object when written for this very version), or None.
    """
    if roles.framework_version.id != fw.id:
        return None
    if roles.framework_version == fw.ref:
        return roles
    skill_numbers = [s.number for s in fw.skills]
    if any(sorted(at.levels) != skill_numbers for role in roles.roles for at in role.grades):
        return None
    codes = set(fw.codes)
    return roles.model_copy(update={"roles": [
        role.model_copy(update={"grades": [
            at.model_copy(update={
                "levels": {s: min(level, fw.top_level) for s, level in at.levels.items()},
                "key_indicators": [c for c in at.key_indicators if c in codes],
            })
            for at in role.grades
        ]})
        for role in roles.roles
    ]})


def not_applied(written_for: str, fw: Framework) -> str:
    """Why roles are not used with the framework in use, and what is offered instead, in plain English.

    Args:
        written_for: the framework the roles were written for, as people read it (its title and version).
        fw: the framework version in use.
    """
    return (f"The roles here are written for {written_for}, not for {fw.label}, the framework in use, so they "
            f"are not applied to it. Targets are set by grade only, from the level each grade asks. A "
            f"profession lead can import roles written for this framework on Career paths.")
