"""Ratings to attained levels per skill, targets, gaps against a target, and change over time."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from planner.domain import wording
from planner.domain.models import MEETS, RATING_LABELS, Assessment, Framework, Indicator, Rating, code_order
from planner.errors import PlannerError

Ratings = Mapping[str, Rating]
Target = dict[int, int]
"""A target level (0-4) for each skill number; 0 means nothing is asked of that skill."""


@dataclass(frozen=True)
class LevelShare:
    """How many indicators of one skill at one level are met, rated and in all."""

    level: int
    met: int
    rated: int
    total: int

    @property
    def share_met(self) -> float:
        return self.met / self.total if self.total else 0.0


@dataclass(frozen=True)
class SkillStanding:
    """Where a person stands in one skill."""

    skill: int
    attained: int
    levels: tuple[LevelShare, ...]

    def share_at(self, level: int) -> LevelShare:
        return next(s for s in self.levels if s.level == level)


@dataclass(frozen=True)
class Gap:
    """An indicator at or below the target level that does not yet meet the threshold."""

    indicator: Indicator
    score: int | None
    top_level: int
    """The framework's highest level: how early in it the gap comes weighs what closing it is worth."""

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def shortfall(self) -> int:
        """Points between the rating and 'meets' (3); an unrated indicator falls short by 3."""
        return MEETS - (self.score if self.score is not None else 0)

    @property
    def rating_label(self) -> str:
        return "Not rated" if self.score is None else f"{self.score} {RATING_LABELS[self.score]}"


@dataclass(frozen=True)
class Change:
    code: str
    before: int | None
    after: int | None


@dataclass(frozen=True)
class SnapshotDifference:
    """What changed between two assessments."""

    improved: list[Change] = field(default_factory=list)
    fell_back: list[Change] = field(default_factory=list)
    newly_rated: list[Change] = field(default_factory=list)
    no_longer_rated: list[Change] = field(default_factory=list)
    newly_met: list[str] = field(default_factory=list)
    no_longer_met: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.improved or self.fell_back or self.newly_rated or self.no_longer_rated)


def meets(ratings: Ratings, code: str) -> bool:
    """Whether an indicator is rated at or above the threshold; unrated never meets."""
    rating = ratings.get(code)
    return rating is not None and rating.score >= MEETS


def in_scope(fw: Framework, scope_level: int) -> list[Indicator]:
    """Every indicator at levels 1 to scope_level, in framework order."""
    return [ind for ind in fw.indicators if ind.level <= scope_level]


def attained_level(fw: Framework, ratings: Ratings, skill: int) -> int:
    """The highest level L such that every indicator of the skill at levels 1..L meets the threshold.

    Args:
        fw: the framework.
        ratings: ratings by indicator code; a missing code is unrated and does not meet.
        skill: the skill number.

    Returns:
        0 when level 1 is not yet met in full, otherwise 1 to the framework's top level.
    """
    attained = 0
    for level in sorted(lv.number for lv in fw.levels):
        if all(meets(ratings, ind.code) for ind in fw.indicators_for(level=level, skill=skill)):
            attained = level
        else:
            break
    return attained


LEVEL_RULE = (
    "Your level in a skill is the highest level at which you meet every indicator at that level "
    "and every level below (a rating of 3 or 4). Meeting all but one of the Level 1 indicators is still "
    "level 0, so the tables also show how many you meet at the next level up."
)


def next_level_progress(fw: Framework, ratings: Ratings, skill: int, name_missing: bool = True) -> str:
    """How far a person is inside the level after the one they attain, in words.

    Args:
        fw: the framework.
        ratings: ratings by indicator code.
        skill: the skill number.
        name_missing: also name the indicators still to meet.

    Returns:
        Such as "Level 1: 4 of 5 met; 1.1.4 still to meet" (or "Level 1: 4 of 5 met"), or
        "Every level met".
    """
    attained = attained_level(fw, ratings, skill)
    if attained >= max(lv.number for lv in fw.levels):
        return "Every level met"
    indicators = fw.indicators_for(level=attained + 1, skill=skill)
    missing = [i.code for i in indicators if not meets(ratings, i.code)]
    share = f"Level {attained + 1}: {len(indicators) - len(missing)} of {len(indicators)} met"
    return f"{share}; {wording.joined(missing)} still to meet" if name_missing else share


def standing(fw: Framework, ratings: Ratings) -> list[SkillStanding]:
    """Attained level and the share of indicators met at each level, for every skill."""
    result = []
    for skill in fw.skills:
        shares = []
        for level in fw.levels:
            indicators = fw.indicators_for(level=level.number, skill=skill.number)
            shares.append(
                LevelShare(
                    level=level.number,
                    met=sum(meets(ratings, i.code) for i in indicators),
                    rated=sum(i.code in ratings for i in indicators),
                    total=len(indicators),
                )
            )
        result.append(
            SkillStanding(skill=skill.number, attained=attained_level(fw, ratings, skill.number), levels=tuple(shares))
        )
    return result


def target_from_grade(fw: Framework, grade: str, grade_levels: Mapping[str, int]) -> Target:
    """The same level for every skill: the level the grade is aligned with.

    Raises:
        PlannerError: the grade has no level in the mapping.
    """
    if grade not in grade_levels:
        raise PlannerError(
            f"The grade '{grade}' is not one this installation knows a level for. Choose your grades "
            "again on Your profile, or ask whoever manages this installation to set its level in Settings."
        )
    return {skill.number: grade_levels[grade] for skill in fw.skills}


def target_by_hand(fw: Framework, levels: Mapping[int, int]) -> Target:
    """A target set skill by skill.

    Raises:
        PlannerError: a skill is missing or a level is outside 0 to the framework's top level.
    """
    target = {}
    for skill in fw.skills:
        level = levels.get(skill.number)
        if level is None or not 0 <= level <= fw.top_level:
            raise PlannerError(
                f"Choose a target level from 0 to {fw.top_level} for skill {skill.number}, {skill.name}.")
        target[skill.number] = level
    return target


def gaps(fw: Framework, ratings: Ratings, target: Target) -> list[Gap]:
    """Indicators at or below each skill's target level that do not meet the threshold.

    Args:
        fw: the framework.
        ratings: ratings by indicator code; unrated indicators are gaps, shown as not rated.
        target: the target level per skill.

    Returns:
        Gaps ordered lower levels first, then larger shortfall first, then by code.
    """
    found = [
        Gap(indicator=ind, score=ratings[ind.code].score if ind.code in ratings else None, top_level=fw.top_level)
        for ind in fw.indicators
        if ind.level <= target.get(ind.skill, 0) and not meets(ratings, ind.code)
    ]
    return sorted(found, key=lambda g: (g.indicator.level, -g.shortfall, g.indicator.skill, g.indicator.number))


def total_shortfall(found: list[Gap]) -> int:
    """Points between the ratings and the threshold, summed over the gaps."""
    return sum(g.shortfall for g in found)


def difference(older: Assessment, newer: Assessment) -> SnapshotDifference:
    """What improved, fell back, was rated for the first time or newly met between two snapshots."""
    result = SnapshotDifference()
    for code in sorted(set(older.ratings) | set(newer.ratings), key=code_order):
        before = older.ratings[code].score if code in older.ratings else None
        after = newer.ratings[code].score if code in newer.ratings else None
        change = Change(code, before, after)
        if before is None and after is not None:
            result.newly_rated.append(change)
        elif before is not None and after is None:
            result.no_longer_rated.append(change)
        elif before is not None and after is not None and after > before:
            result.improved.append(change)
        elif before is not None and after is not None and after < before:
            result.fell_back.append(change)
        was, now = (before or 0) >= MEETS, (after or 0) >= MEETS
        if now and not was:
            result.newly_met.append(code)
        elif was and not now:
            result.no_longer_met.append(code)
    return result


def latest_first(assessments: list[Assessment]) -> list[Assessment]:
    """Snapshots ordered newest first: by the date taken, then when they were saved."""
    return sorted(assessments, key=lambda a: (a.taken_on, a.created_at), reverse=True)


def snapshot_names(snapshots: list[Assessment]) -> dict[str, str]:
    """A name for each snapshot that tells it apart from the others, by snapshot id.

    The name is the date it was taken, such as '1 December 2026'. Where two share a date, each
    also gives the time it was saved ('1 December 2026, saved at 9:40pm'), with seconds if
    the minutes tie too, and a number in the last resort.
    """
    by_day: dict[date, list[Assessment]] = {}
    for snap in snapshots:
        by_day.setdefault(snap.taken_on, []).append(snap)
    names: dict[str, str] = {}
    for day, same_day in by_day.items():
        day_name = wording.long_date(day)
        if len(same_day) == 1:
            names[same_day[0].id] = day_name
            continue
        for seconds in (False, True):
            named = {s.id: f"{day_name}, saved at {wording.time_of_day(s.created_at, seconds)}" for s in same_day}
            if len(set(named.values())) == len(named):
                break
        else:
            in_order = sorted(same_day, key=lambda s: s.created_at)
            named = {s.id: f"{named[s.id]} ({n})" for n, s in enumerate(in_order, start=1)}
        names.update(named)
    return names


def same_scores(ratings: Ratings, other: Ratings) -> bool:
    """Whether two sets of ratings give every indicator the same score (evidence aside)."""
    return {c: r.score for c, r in ratings.items()} == {c: r.score for c, r in other.items()}


def rated_count(fw: Framework, ratings: Ratings, scope_level: int) -> tuple[int, int]:
    """How many indicators in scope are rated, and how many there are."""
    scope = in_scope(fw, scope_level)
    return sum(ind.code in ratings for ind in scope), len(scope)


@dataclass(frozen=True)
class _Voice:
    """Who a summary is about: the person reading it ("You meet"), or someone else by name ("Priya meets")."""

    subject: str
    third_person: bool

    def verb(self, plain: str) -> str:
        if not self.third_person:
            return plain
        return {"do": "does", "have": "has"}.get(plain, plain + "s")

    @property
    def possessive(self) -> str:
        return "their" if self.third_person else "your"


def summary(
    fw: Framework,
    ratings: Ratings,
    target: Target,
    target_label: str | None = None,
    person: str | None = None,
) -> list[str]:
    """The standing and the gaps in plain English, one sentence per line.

    Args:
        fw: the framework.
        ratings: the ratings to describe.
        target: the target level per skill.
        target_label: what the target is, such as "SEO"; None for a target set by hand.
        person: the name of the person described, for a reader who is someone else (a mentor);
            None speaks to the reader about themselves.

    Returns:
        Sentences such as "You meet Level 2 in all three skills." and "For SEO (Level 3) you
        need 4 more indicators in Information Governance: 3.3.1, 3.3.2, 3.3.4 and 3.3.5."
        (or "Priya Shah meets Level 2 ..." when the person is named).
    """
    voice = _Voice(person, True) if person else _Voice("You", False)
    who, meet, do = voice.subject, voice.verb("meet"), voice.verb("do")
    standings = standing(fw, ratings)
    sentences = []
    by_level: dict[int, list[int]] = {}
    for s in standings:
        by_level.setdefault(s.attained, []).append(s.skill)
    if len(by_level) == 1:
        level = next(iter(by_level))
        if level == 0:
            sentences.append(f"{who} {do} not yet meet every Level 1 indicator in any skill.")
        else:
            every = "the one skill" if len(standings) == 1 else f"all {wording.number_word(len(standings))} skills"
            sentences.append(f"{who} {meet} Level {level} in {every}.")
    else:
        for level in sorted(by_level, reverse=True):
            names = [fw.skill(n).name for n in by_level[level]]
            joined = wording.joined(names)
            if level == 0:
                sentences.append(f"{who} {do} not yet meet every Level 1 indicator in {joined}.")
            else:
                sentences.append(f"{who} {meet} Level {level} in {joined}.")
    found = gaps(fw, ratings, target)
    if not any(target.values()):
        sentences.append(f"{who} {voice.verb('have')} no target yet. Choose a target grade or set a target by hand.")
        return sentences
    if not found:
        goal = _goal_words(target, target_label, voice.possessive)
        sentences.append(f"{who} {meet} every indicator {goal}. There are no gaps.")
        return sentences
    in_sentence = who if voice.third_person else who.lower()
    for skill in fw.skills:
        of_skill = {g.code for g in found if g.indicator.skill == skill.number}
        codes = [c for c in fw.codes if c in of_skill]
        if not codes:
            continue
        level = target[skill.number]
        prefix = f"For {target_label} (Level {level})" if target_label else f"For Level {level}"
        noun = "indicator" if len(codes) == 1 else "indicators"
        sentences.append(f"{prefix} {in_sentence} {voice.verb('need')} {len(codes)} more {noun} in {skill.name}: "
                         f"{wording.joined(codes)}.")
    unrated_codes = {g.code for g in found if g.score is None}
    unrated = [c for c in fw.codes if c in unrated_codes]
    if unrated:
        noun = "indicator is" if len(unrated) == 1 else "indicators are"
        sentences.append(
            f"{len(unrated)} of these {noun} not rated yet, so they count as not met: "
            f"{wording.joined(unrated)}."
        )
    return sentences


def _goal_words(target: Target, target_label: str | None, possessive: str = "your") -> str:
    levels = set(target.values())
    if target_label and len(levels) == 1:
        return f"for {target_label} (Level {levels.pop()})"
    return f"up to {possessive} target levels"


def default_target(fw: Framework, profile_grade: str, target_grade: str | None,
                   grade_levels: Mapping[str, int]) -> tuple[Target, str]:
    """The target a person works towards unless they choose another: their target grade's level,
    or their current grade's level when they have no target grade.

    Returns:
        The target per skill and the grade it comes from.
    """
    grade = target_grade or profile_grade
    return target_from_grade(fw, grade, grade_levels), grade


def latest_ratings(snapshots: list[Assessment], draft_ratings: Ratings | None) -> tuple[Ratings, Assessment | None]:
    """The ratings a plan is based on: the latest self-assessment, else the draft, else none."""
    own = latest_first([a for a in snapshots if a.assessor == "self"])
    if own:
        return own[0].ratings, own[0]
    return (draft_ratings or {}), None
