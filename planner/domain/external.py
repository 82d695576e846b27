"""External professional bodies' frameworks (CILIP, ARA, IRMS) mapped to the KIM framework, and a
person's portfolio of evidence against one of them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from pydantic import Field, field_validator, model_validator

from planner.domain import assessment, tables, wording
from planner.domain.assessment import Ratings
from planner.domain.cpd import CpdRecord
from planner.domain.models import Evidence, Framework, FrameworkRef, IndicatorCode, Model, first_kim_version
from planner.errors import DataFileError, PlannerError

ID_PATTERN = r"^[a-z0-9-]+$"

COVERED = "Met with evidence"
MET_NO_EVIDENCE = "Met, no evidence"
NOT_MET = "Not met or not rated"
STATUSES: tuple[str, ...] = (COVERED, MET_NO_EVIDENCE, NOT_MET)
"""How an indicator stands as evidence for an area, in words (never colour alone)."""


# --- The model -----------------------------------------------------------------------------


class Area(Model):
    """One area of an external framework and the KIM indicators that give evidence for it."""

    id: str = Field(min_length=1, max_length=64, pattern=ID_PATTERN)
    name: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=1_000)
    indicators: list[IndicatorCode] = Field(min_length=1, max_length=500)

    @field_validator("indicators")
    @classmethod
    def each_code_once(cls, value: list[str]) -> list[str]:
        repeated = sorted({code for code in value if value.count(code) > 1})
        if repeated:
            raise ValueError(f"indicator {', '.join(repeated)} is listed more than once")
        return value


class FrameworkDetails(Model):
    """What an external framework is, who owns it, and what a portfolio against it is for."""

    id: str = Field(min_length=1, max_length=64, pattern=ID_PATTERN)
    name: str = Field(min_length=1, max_length=200)
    body: str = Field(min_length=1, max_length=200)
    award: str = Field(default="", max_length=100)
    # Every award assessed against the framework, when there are several (CILIP's Certification,
    # Chartership and Fellowship); the person chooses which their portfolio is for.
    awards: list[str] = Field(default_factory=list, max_length=10)
    purpose: str = Field(default="", max_length=2_000)
    note: str = Field(default="", max_length=2_000)


class ExternalFramework(FrameworkDetails):
    areas: list[Area] = Field(min_length=1)

    @model_validator(mode="after")
    def area_ids_are_unique(self) -> ExternalFramework:
        ids = [a.id for a in self.areas]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(f"area id {', '.join(repeated)} is used more than once in {self.id}")
        return self

    @property
    def award_choices(self) -> list[str]:
        """The awards a portfolio against it can be for, the usual one first."""
        return list(dict.fromkeys([a for a in (self.award, *self.awards) if a.strip()]))

    @property
    def portfolio_title(self) -> str:
        """What a portfolio against it is called, such as "CILIP Chartership portfolio"."""
        return self.portfolio_title_for(self.award)

    def portfolio_title_for(self, award: str) -> str:
        """What a portfolio for one of its awards is called, such as "CILIP Fellowship portfolio"."""
        return " ".join(part for part in (self.body, award, "portfolio") if part)

    @property
    def codes(self) -> set[str]:
        """Every KIM indicator that gives evidence for at least one area."""
        return {code for a in self.areas for code in a.indicators}


class ExternalFrameworks(Model):
    """Every external framework the app maps to, in the order they are offered."""

    framework_version: FrameworkRef = Field(default_factory=first_kim_version)
    """The version of the KIM framework (or another pack) whose indicators the areas name."""
    frameworks: list[ExternalFramework] = Field(min_length=1)

    @model_validator(mode="after")
    def ids_are_unique(self) -> ExternalFrameworks:
        ids = [f.id for f in self.frameworks]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(f"framework id {', '.join(repeated)} is used more than once")
        return self

    def framework(self, framework_id: str) -> ExternalFramework:
        for f in self.frameworks:
            if f.id == framework_id:
                return f
        raise KeyError(framework_id)

    @property
    def ids(self) -> list[str]:
        return [f.id for f in self.frameworks]


def unmapped(mapping: ExternalFrameworks, fw: Framework) -> list[str]:
    """KIM indicators that give evidence for no area of any external framework, in framework order."""
    used = {code for f in mapping.frameworks for code in f.codes}
    return [code for code in fw.codes if code not in used]


def applied_to(mapping: ExternalFrameworks, fw: Framework) -> ExternalFrameworks | None:
    """The mapping as it applies to the framework in use, or None when it is written for another framework.

    A mapping written for another version of this framework applies without the indicators that version
    lacks (an area left with none keeps its place, with nothing to give evidence for it).
    """
    if mapping.framework_version.id != fw.id:
        return None
    if mapping.framework_version == fw.ref:
        return mapping
    codes = set(fw.codes)
    return mapping.model_copy(update={"frameworks": [
        f.model_copy(update={"areas": [a.model_copy(update={"indicators": [c for c in a.indicators if c in codes]})
                                       for a in f.areas]})
        for f in mapping.frameworks
    ]})


# --- Checks against the framework ----------------------------------------------------------


def checked_against(mapping: ExternalFrameworks, fw: Framework, file: str) -> ExternalFrameworks:
    """The mapping, if every indicator it names is in the KIM framework.

    Args:
        mapping: the mapping, already valid as a model.
        fw: the KIM framework.
        file: the file it was read from, as a person should see it named.

    Raises:
        DataFileError: naming each framework, area and indicator the KIM framework lacks.
    """
    known = set(fw.codes)
    problems = [
        f"record frameworks[{i}] ({f.id}), field 'areas.{j}.indicators': "
        f"indicator {code} in area {a.id} is not in the framework"
        for i, f in enumerate(mapping.frameworks)
        for j, a in enumerate(f.areas)
        for code in a.indicators
        if code not in known
    ]
    if problems:
        raise DataFileError(file, problems)
    return mapping


# --- The portfolio -------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorEvidence:
    """One KIM indicator as evidence for an area: its rating, whether it is met, and the example."""

    code: str
    statement: str
    rating: str
    met: bool
    evidence: str

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence)

    @property
    def status(self) -> str:
        if not self.met:
            return NOT_MET
        return COVERED if self.has_evidence else MET_NO_EVIDENCE

    @property
    def still_needed(self) -> str:
        """What this indicator still needs before it counts, or "" when nothing."""
        if not self.met:
            rated = "is not rated yet" if self.rating == "Not rated" else f"is rated {self.rating}"
            needs = "it needs a rating of 3 or more" + ("" if self.has_evidence else " and written evidence")
            return f"{self.code} {rated}: {needs}"
        if not self.has_evidence:
            return f"{self.code} is met but has no written evidence"
        return ""


@dataclass(frozen=True)
class AreaPortfolio:
    """One area of the external framework with the person's evidence for it."""

    area: Area
    indicators: list[IndicatorEvidence]

    @property
    def covered(self) -> bool:
        """At least one supporting indicator is met and has written evidence."""
        return any(i.status == COVERED for i in self.indicators)

    @property
    def missing(self) -> list[str]:
        """What is still missing, one sentence per indicator not met or without evidence."""
        return [i.still_needed for i in self.indicators if i.still_needed]

    def count(self, status: str) -> int:
        return sum(i.status == status for i in self.indicators)


@dataclass(frozen=True)
class Portfolio:
    """A person's evidence against every area of one external framework."""

    framework: ExternalFramework
    person: str
    assessed_on: date | None
    prepared_on: date
    areas: list[AreaPortfolio]
    award: str = ""
    cpd: CpdRecord | None = None
    """The person's CPD log of the period and their reflective statement, when the portfolio carries them."""

    @property
    def portfolio_title(self) -> str:
        """Such as "CILIP Fellowship portfolio", for the award chosen (else the framework's usual one)."""
        return self.framework.portfolio_title_for(self.award or self.framework.award)

    @property
    def title(self) -> str:
        return f"{self.portfolio_title}: {self.person}"

    @property
    def covered(self) -> int:
        return sum(a.covered for a in self.areas)

    @property
    def total(self) -> int:
        return len(self.areas)

    @property
    def coverage(self) -> float:
        """The share of areas covered, from 0 to 1."""
        return self.covered / self.total if self.total else 0.0


def with_cpd_log(p: Portfolio, record: CpdRecord) -> Portfolio:
    """The portfolio carrying the person's CPD log (entries in the period, totals) and reflective statement."""
    return replace(p, cpd=record)


def evidence_text(evidence: Evidence) -> str:
    """STAR evidence as labelled lines ("Situation: ..."), leaving out the empty parts."""
    parts = (("Situation", evidence.situation), ("Task", evidence.task),
             ("Action", evidence.action), ("Result", evidence.result))
    return "\n".join(f"{label}: {text}" for label, text in parts if text.strip())


def build_portfolio(
    ef: ExternalFramework, fw: Framework, ratings: Ratings, person: str,
    assessed_on: date | None, today: date, award: str = "",
) -> Portfolio:
    """A person's portfolio against one external framework, from their self-assessment.

    Args:
        ef: the external framework.
        fw: the KIM framework, for the indicators' statements.
        ratings: the person's latest self-assessment ratings, with their STAR evidence.
        person: the person's name.
        assessed_on: the date of the assessment, or None for ratings not saved as one.
        today: the day the portfolio is prepared.
        award: the award the portfolio is for, one of the framework's award choices; '' for its usual one.

    Returns:
        Each area with its supporting indicators: rating, met (3 or more), evidence and what
        is still missing; the portfolio counts an area covered when at least one is met with
        written evidence.
    """
    areas = []
    for area in ef.areas:
        rows = []
        for code in area.indicators:
            rating = ratings.get(code)
            rows.append(IndicatorEvidence(
                code=code,
                statement=fw.indicator(code).statement,
                rating=tables.rating_words(ratings, code),
                met=assessment.meets(ratings, code),
                evidence=evidence_text(rating.evidence) if rating else "",
            ))
        areas.append(AreaPortfolio(area=area, indicators=rows))
    if award and award not in ef.award_choices:
        raise PlannerError(f"{ef.body} has no award called {award}. Choose one of: {', '.join(ef.award_choices)}.")
    return Portfolio(framework=ef, person=person, assessed_on=assessed_on, prepared_on=today, areas=areas,
                     award=award)


def summary(p: Portfolio) -> list[str]:
    """The portfolio in a few plain sentences, the first giving the coverage figure."""
    ef = p.framework
    sentences = [
        f"You have evidence for {p.covered} of the {p.total} areas ({round(p.coverage * 100)}%) of the "
        f"{ef.name}. An area has evidence when at least one KIM indicator that supports it is met "
        f"(rated 3 or more) and has written evidence."
    ]
    met_only = [a.area.name for a in p.areas if not a.covered and a.count(MET_NO_EVIDENCE)]
    if met_only:
        sentences.append(
            f"{_count(len(met_only), 'area')} would be covered if you wrote evidence for an indicator "
            f"you already meet: {'; '.join(met_only)}."
        )
    not_yet = [a.area.name for a in p.areas if not a.covered and not a.count(MET_NO_EVIDENCE)]
    if not_yet:
        sentences.append(
            f"{_count(len(not_yet), 'area')} need{'s' if len(not_yet) == 1 else ''} an indicator "
            f"you do not meet yet: {'; '.join(not_yet)}."
        )
    if p.covered == p.total:
        sentences.append("Every area has evidence.")
    return sentences


_count = wording.counted


def coverage_rows(p: Portfolio) -> list[dict[str, Any]]:
    """For the area coverage chart: per area and status, how many supporting indicators have it."""
    return [
        {
            "area": a.area.name,
            "status": status,
            "indicators": a.count(status),
            "label": f"{'Covered' if a.covered else 'Not covered'}: {a.count(COVERED)} of "
                     f"{len(a.indicators)} met with evidence",
        }
        for a in p.areas
        for status in STATUSES
    ]


def coverage_table(p: Portfolio) -> list[dict[str, Any]]:
    """The chart's twin: one row per area with the counts in words and numbers."""
    return [
        {
            "Area": a.area.name,
            "Covered": "Yes" if a.covered else "No",
            "KIM indicators": len(a.indicators),
            COVERED: a.count(COVERED),
            MET_NO_EVIDENCE: a.count(MET_NO_EVIDENCE),
            NOT_MET: a.count(NOT_MET),
        }
        for a in p.areas
    ]


def portfolio_table(p: Portfolio) -> list[dict[str, Any]]:
    """One row per area and supporting indicator: rating, met, evidence and what is still needed."""
    return [
        {
            "Area": a.area.name,
            "Indicator": i.code,
            "Statement": i.statement,
            "Rating": i.rating,
            "Met": "Yes" if i.met else "No",
            "Evidence": i.evidence,
            "Still needed": i.still_needed,
        }
        for a in p.areas
        for i in a.indicators
    ]


def mapping_table(ef: ExternalFramework, fw: Framework) -> list[dict[str, Any]]:
    """One row per area and KIM indicator that gives evidence for it, with the statement."""
    return [
        {"Area": a.name, "Indicator": code, "Statement": fw.indicator(code).statement}
        for a in ef.areas
        for code in a.indicators
    ]
