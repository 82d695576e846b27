"""Pydantic models of the framework, grades, people, assessments and plans."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from enum import Enum
from typing import Annotated, Literal, TypeVar
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

SCHEMA_VERSION = 1
"""Version of every stored record's shape; bumped when a stored shape changes."""

MEETS = 3
"""A rating at or above this meets the indicator."""

RATING_LABELS: dict[int, str] = {
    0: "Not yet",
    1: "Aware",
    2: "Developing",
    3: "Competent",
    4: "Expert",
}

RATING_MEANINGS: dict[int, str] = {
    0: "I have not done this yet.",
    1: "I know what this means but have not done it myself.",
    2: "I have done this with help, or only some of the time.",
    3: "I do this on my own, reliably. I meet the indicator.",
    4: "I go beyond the indicator and could coach others in it.",
}

_INDICATOR_CODE = re.compile(r"^[A-Za-z0-9]{1,12}(?:[.\-][A-Za-z0-9]{1,12}){1,4}$")

CODE_EXAMPLE = "2.3.4 or DM-3-2"
"""How messages show the written form of an indicator code."""


_SEEN_CODES: set[str] = set()
"""Codes already found well written: a framework has a few dozen, read in every record."""
_SEEN_MAX = 100_000


def is_indicator_code(text: object) -> bool:
    """Whether `text` is written as an indicator code: letters and digits in two to five parts
    joined by dots or hyphens, such as 2.3.4 (the KIM framework's level.skill.number) or DM-3-2.

    This is the one rule for the written form of a code, whatever the framework; whether a
    framework has that indicator is checked against the framework itself.
    """
    if text in _SEEN_CODES:
        return True
    if not isinstance(text, str) or _INDICATOR_CODE.match(text) is None:
        return False
    if len(_SEEN_CODES) < _SEEN_MAX:
        _SEEN_CODES.add(text)
    return True


def code_order(code: str) -> tuple[tuple[int, int | str], ...]:
    """A key that sorts codes as people read them, whatever the framework: the parts between dots
    and hyphens in turn, numbers by value (so 1.1.10 comes after 1.1.9, and DM-3-2 before DM-10-1).

    Use the framework's own order where a framework is at hand (Framework.codes); this is for
    codes alone, such as those that changed between two snapshots.
    """
    return tuple((0, int(part)) if part.isdigit() else (1, part.lower()) for part in re.split(r"[.\-]", code))


def checked_code(value: str) -> str:
    """The code, if it is written as an indicator code.

    Raises:
        ValueError: naming the bad code, such as "'records' is not an indicator code like 2.3.4 or DM-3-2".
    """
    if not is_indicator_code(value):
        raise ValueError(f"'{value}' is not an indicator code like {CODE_EXAMPLE}")
    return value


IndicatorCode = Annotated[str, AfterValidator(checked_code)]
"""A field holding one indicator code; a bad one is refused with a message naming it."""

V = TypeVar("V")


def _keys_are_codes(value: dict[str, V]) -> dict[str, V]:
    if _SEEN_CODES.issuperset(value):  # every key a code seen before: a set look-up each, in C
        return value
    for code in value:
        checked_code(code)
    return value


ByIndicator = Annotated[dict[str, V], AfterValidator(_keys_are_codes)]
"""A mapping keyed by indicator code, such as ratings; a bad key is refused naming the field and the code."""

MAX_TEXT = 5_000
"""Longest free text the app keeps in one field (about a page)."""

MAX_NAME = 120


def new_id() -> str:
    """A random, URL-safe identifier for a stored record."""
    return uuid.uuid4().hex


def utc_now() -> datetime:
    """The current time in UTC; pass it into planner functions rather than calling it there."""
    return datetime.now(UTC)


class Model(BaseModel):
    """Base for every model: unknown fields are rejected so typos in data files are caught."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# --- The framework -------------------------------------------------------------------------


KIM_FRAMEWORK_ID = "kim-professional-skills"
"""The id of the Government KIM Professional Skills Framework's pack (data/framework.json)."""

FIRST_KIM_VERSION = "1"
"""The version of the KIM framework every record made before frameworks had versions refers to."""


class FrameworkRef(Model):
    """Which framework, and which version of it, a record refers to (a value: hashable, never changed)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    id: str = Field(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9-]*$")
    version: str = Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9][A-Za-z0-9.\-]*$")

    @property
    def key(self) -> str:
        """One string naming both, such as 'kim-professional-skills@2'."""
        return f"{self.id}@{self.version}"


def first_kim_version() -> FrameworkRef:
    """The KIM framework's first version: what a record saved before versions existed refers to."""
    return FrameworkRef(id=KIM_FRAMEWORK_ID, version=FIRST_KIM_VERSION)


class Skill(Model):
    number: int = Field(ge=1, le=99)
    name: str = Field(min_length=1)
    description: str = Field(min_length=1)


class Level(Model):
    number: int = Field(ge=1, le=20)
    name: str = Field(min_length=1)
    grade_guide: str = ""
    description: str = Field(min_length=1)

    @property
    def title(self) -> str:
        return f"Level {self.number}: {self.name}"


class Indicator(Model):
    code: IndicatorCode
    level: int = Field(ge=1, le=20)
    skill: int = Field(ge=1, le=99)
    number: int = Field(ge=1, le=999)
    statement: str = Field(min_length=1)


class Framework(Model):
    """A framework pack: one version of a skills framework, of any shape.

    Skills are numbered 1..n and levels 1..m (cumulative: a higher level assumes the lower ones);
    each indicator belongs to one skill at one level and has a code unique in the pack.
    """

    id: str = Field(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9-]*$")
    version: str = Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9][A-Za-z0-9.\-]*$")
    released: date
    """When this version was released (for the shipped KIM pack: when KIM Pathways first shipped it)."""
    title: str = Field(min_length=1, max_length=300)
    source: str = ""
    grade_alignment_note: str = ""
    grade_alignment: dict[str, int] = Field(default_factory=dict)
    """The framework's own guide to the level expected at each grade, by grade code."""
    code_form: str = Field(default="", max_length=60)
    """How every code is written from its indicator's level, skill and number, such as the KIM
    framework's "{level}.{skill}.{number}"; empty when a framework's codes follow no such rule."""
    skills: list[Skill] = Field(min_length=1)
    levels: list[Level] = Field(min_length=1)
    indicators: list[Indicator] = Field(min_length=1)

    @model_validator(mode="after")
    def references_are_whole(self) -> Framework:
        skill_numbers = [s.number for s in self.skills]
        level_numbers = [lv.number for lv in self.levels]
        if skill_numbers != list(range(1, len(skill_numbers) + 1)):
            raise ValueError(f"skills must be numbered 1 to {len(skill_numbers)} in order, not {skill_numbers}")
        if level_numbers != list(range(1, len(level_numbers) + 1)):
            raise ValueError(f"levels must be numbered 1 to {len(level_numbers)} in order, not {level_numbers}")
        if self.code_form:
            try:
                self.code_form.format(level=1, skill=1, number=1)
            except (KeyError, IndexError, ValueError):
                raise ValueError(
                    f"code_form '{self.code_form}' may name only {{level}}, {{skill}} and {{number}}"
                ) from None
        seen: set[str] = set()
        places: set[tuple[int, int, int]] = set()
        for n, ind in enumerate(self.indicators):
            if ind.code in seen:
                raise ValueError(f"indicator {ind.code} appears more than once")
            seen.add(ind.code)
            if ind.skill > len(skill_numbers):
                raise ValueError(f"indicators[{n}] ({ind.code}) names skill {ind.skill}, which the framework lacks")
            if ind.level > len(level_numbers):
                raise ValueError(f"indicators[{n}] ({ind.code}) names level {ind.level}, which the framework lacks")
            if self.code_form and ind.code != self.code_form.format(
                level=ind.level, skill=ind.skill, number=ind.number
            ):
                raise ValueError(
                    f"indicators[{n}]: code '{ind.code}' does not match level {ind.level}, skill {ind.skill}, "
                    f"number {ind.number}"
                )
            place = (ind.level, ind.skill, ind.number)
            if place in places:
                raise ValueError(
                    f"indicators[{n}] ({ind.code}) has the same level, skill and number as another indicator"
                )
            places.add(place)
        for grade, level in self.grade_alignment.items():
            if not 1 <= level <= len(level_numbers):
                raise ValueError(
                    f"grade_alignment maps grade {grade} to level {level}; levels run from 1 to {len(level_numbers)}"
                )
        return self

    @property
    def ref(self) -> FrameworkRef:
        """Which framework and version this is, as records keep it."""
        return FrameworkRef(id=self.id, version=self.version)

    @property
    def top_level(self) -> int:
        """The highest level's number (4 for the KIM framework)."""
        return len(self.levels)

    @property
    def label(self) -> str:
        """The framework's title and version, as people read it."""
        return f"{self.title}, version {self.version}"

    def skill(self, number: int) -> Skill:
        return next(s for s in self.skills if s.number == number)

    def level(self, number: int) -> Level:
        return next(lv for lv in self.levels if lv.number == number)

    def indicator(self, code: str) -> Indicator:
        for ind in self.indicators:
            if ind.code == code:
                return ind
        raise KeyError(code)

    @property
    def codes(self) -> list[str]:
        return [ind.code for ind in self.indicators]

    def unknown_codes(self, codes: Iterable[str]) -> list[str]:
        """Those of the codes (in their order) that are not indicators of this framework."""
        known = set(self.codes)
        return [code for code in codes if code not in known]

    def indicators_for(self, *, level: int | None = None, skill: int | None = None) -> list[Indicator]:
        """Indicators in framework order, optionally only those of one level and/or skill."""
        return [
            ind
            for ind in self.indicators
            if (level is None or ind.level == level) and (skill is None or ind.skill == skill)
        ]


class Grade(Model):
    code: str = Field(min_length=1, max_length=12)
    name: str = Field(min_length=1)
    rank: int = Field(ge=1)


class GradeLadder(Model):
    note: str = ""
    grades: list[Grade]

    @model_validator(mode="after")
    def ranks_and_codes_unique(self) -> GradeLadder:
        codes = [g.code for g in self.grades]
        if len(set(codes)) != len(codes):
            raise ValueError("every grade code must be unique")
        ranks = [g.rank for g in self.grades]
        if len(set(ranks)) != len(ranks):
            raise ValueError("every grade rank must be unique")
        self.grades.sort(key=lambda g: g.rank)
        return self

    def grade(self, code: str) -> Grade:
        for g in self.grades:
            if g.code == code:
                return g
        raise KeyError(code)

    @property
    def codes(self) -> list[str]:
        return [g.code for g in self.grades]


# --- Settings ------------------------------------------------------------------------------


class Settings(Model):
    """Settings of one installation, chosen by a lead or the person using it."""

    schema_version: int = SCHEMA_VERSION
    grade_levels: dict[str, int] = Field(default_factory=dict)
    grade_levels_framework: str = KIM_FRAMEWORK_ID
    """The id of the framework the saved grade levels were chosen for: another framework's are not used."""
    min_months_in_grade: int = Field(default=12, ge=0, le=60)

    @field_validator("grade_levels")
    @classmethod
    def levels_in_range(cls, value: dict[str, int]) -> dict[str, int]:
        # The framework's own top level is checked where the levels are chosen (domain.settings).
        for grade, level in value.items():
            if not 1 <= level <= 20:
                raise ValueError(f"grade {grade} is mapped to level {level}; levels start at 1")
        return value


# --- People --------------------------------------------------------------------------------


class Profile(Model):
    """A person using the app: who they are now and where they want to go."""

    schema_version: int = SCHEMA_VERSION
    id: str = Field(default_factory=new_id)
    name: str = Field(min_length=1, max_length=MAX_NAME)
    current_grade: str
    current_role: str | None = None
    target_grade: str | None = None
    target_role: str | None = None
    notes: str = Field(default="", max_length=MAX_TEXT)
    email: str = Field(default="", max_length=320)
    """On a department's server, the email address the person signed in with (empty on one's own computer)."""
    grade_since: date | None = None
    """When the person started in their current grade (time in grade counts from it); None if not given."""
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)


class ProfileRef(Model):
    """Just enough of a profile to list and choose it."""

    id: str
    name: str


class Evidence(Model):
    """A short example in the STAR form: situation, task, action, result."""

    situation: str = Field(default="", max_length=MAX_TEXT)
    task: str = Field(default="", max_length=MAX_TEXT)
    action: str = Field(default="", max_length=MAX_TEXT)
    result: str = Field(default="", max_length=MAX_TEXT)

    @property
    def is_empty(self) -> bool:
        return not any((self.situation, self.task, self.action, self.result))


class Rating(Model):
    score: int = Field(ge=0, le=4)
    evidence: Evidence = Field(default_factory=Evidence)
    comment: str = Field(default="", max_length=MAX_TEXT)

    @property
    def meets(self) -> bool:
        return self.score >= MEETS


class Assessment(Model):
    """A dated snapshot of ratings, by the person themselves or by a mentor. Never overwritten."""

    schema_version: int = SCHEMA_VERSION
    id: str = Field(default_factory=new_id)
    profile_id: str
    assessor: Literal["self", "mentor"] = "self"
    assessor_name: str = Field(default="", max_length=MAX_NAME)
    taken_on: date
    created_at: datetime = Field(default_factory=utc_now)
    framework_version: FrameworkRef = Field(default_factory=first_kim_version)
    """The framework version the ratings were made against (a snapshot from before versions: the KIM first)."""
    ratings: ByIndicator[Rating] = Field(default_factory=dict)
    comment: str = Field(default="", max_length=MAX_TEXT)
    carried_from: str | None = None
    """The id of the snapshot whose ratings a crosswalk carried into this one's first draft, if any."""


class Draft(Model):
    """Ratings in progress, saved as the person goes so that a refresh loses nothing."""

    schema_version: int = SCHEMA_VERSION
    id: str = "current"
    profile_id: str
    framework_version: FrameworkRef = Field(default_factory=first_kim_version)
    """The framework version being rated: a draft for another version is not offered against this one."""
    scope_level: int = Field(default=20, ge=1, le=20)  # the levels shown, up to the framework's top
    ratings: ByIndicator[Rating] = Field(default_factory=dict)
    carried_from: str | None = None
    """The snapshot a crosswalk carried these ratings from, while the draft still holds them."""
    # Evidence typed but not yet saved with its rating (or for an indicator not rated yet), kept
    # as it is typed so that a refused save, another page or a reload loses none of it.
    typed_evidence: ByIndicator[Evidence] = Field(default_factory=dict)
    comment: str = Field(default="", max_length=MAX_TEXT)  # for the next assessment saved
    updated_at: datetime = Field(default_factory=utc_now)


# --- Plans ---------------------------------------------------------------------------------


# (str, Enum), not StrEnum: StrEnum changes what str() and format() give a member, which messages may rely on.
class ItemStatus(str, Enum):  # noqa: UP042
    PLANNED = "planned"
    IN_PROGRESS = "in progress"
    DONE = "done"
    DROPPED = "dropped"


class ActivitySource(str, Enum):  # noqa: UP042 - as ItemStatus
    CURRICULUM = "curriculum"
    MENTOR = "mentor"
    OWN = "own"


class PlanItem(Model):
    """One objective of a personal development plan (PDP)."""

    schema_version: int = SCHEMA_VERSION
    id: str = Field(default_factory=new_id)
    profile_id: str
    objective: str = Field(min_length=1, max_length=MAX_TEXT)
    indicators: list[IndicatorCode] = Field(default_factory=list)
    activity_source: ActivitySource = ActivitySource.OWN
    activity_id: str | None = None
    activity_title: str = Field(default="", max_length=MAX_TEXT)
    owner: str = Field(default="", max_length=MAX_NAME)
    target_date: date | None = None
    review_date: date | None = None
    status: ItemStatus = ItemStatus.PLANNED
    evidence: str = Field(default="", max_length=MAX_TEXT)
    position: int = 0
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)
    mentor_changed_at: datetime | None = None
    """For an action agreed with a mentor: when the mentor last changed it (None: as first agreed)."""


class PlanItemDraft(Model):
    """What a person has typed into a new plan item and not added yet, saved as they go so that
    leaving the page or reloading it loses nothing. One per person; removed once the item is added."""

    schema_version: int = SCHEMA_VERSION
    id: str = "new-item"
    profile_id: str
    objective: str = Field(default="", max_length=MAX_TEXT)
    indicators: list[str] = Field(default_factory=list)
    activity_source: ActivitySource = ActivitySource.OWN
    activity_title: str = Field(default="", max_length=MAX_TEXT)
    target_date: date | None = None
    review_date: date | None = None
    updated_at: datetime = Field(default_factory=utc_now)


PassMark = Annotated[int, Field(ge=1, le=7)]
"""The lowest score on the 1-7 sift scale that meets an essential criterion or a behaviour."""
SiftWeight = Annotated[float, Field(ge=0, le=10)]
"""How many times a criterion's score counts in a sift's weighted total (1: once)."""


class JobSpecFields(Model):
    """What a hiring manager chooses and types for a job specification: kept as a draft while they write
    it (JobSpecDraft), and under a name once they save it (JobSpec)."""

    roles: list[str] = Field(default_factory=list)
    grade: str = Field(default="", max_length=20)
    extra: list[IndicatorCode] = Field(default_factory=list)  # indicators added as criteria
    weights: ByIndicator[str] = Field(default_factory=dict)  # criteria moved between essential, desirable, left out
    title: str | None = Field(default=None, max_length=200)  # None: the roles' names
    team: str = Field(default="", max_length=200)
    location: str = Field(default="", max_length=200)
    salary_band: str = Field(default="", max_length=200)
    closing_date: date | None = None
    summary: str = Field(default="", max_length=MAX_TEXT)
    responsibilities: str = Field(default="", max_length=MAX_TEXT)
    behaviours: list[str] | None = Field(default=None, max_length=9)
    """The ids of the Success Profiles behaviours the post assesses; None: not chosen yet (the suggested ones)."""
    pass_marks: dict[str, PassMark] = Field(default_factory=dict)
    """Pass marks changed from the usual 4, by behaviour id or indicator code."""
    sift_weights: dict[str, SiftWeight] = Field(default_factory=dict)
    """Sift weights changed from the usual 1, by behaviour id or indicator code."""

    def fields(self) -> dict[str, object]:
        """The job specification's own fields, to make a draft of a saved one or the other way round."""
        return {name: getattr(self, name) for name in JobSpecFields.model_fields}


class JobSpecDraft(JobSpecFields):
    """What a hiring manager has chosen and typed on Job specification, saved as they leave each box
    so that another page or a reload loses nothing. One per person; removed when they discard it."""

    schema_version: int = SCHEMA_VERSION
    id: str = "current"
    profile_id: str
    saved_as: str | None = None
    """The id of the saved job specification this draft was reopened from or last saved as, if any."""
    updated_at: datetime = Field(default_factory=utc_now)


class JobSpec(JobSpecFields):
    """A job specification a hiring manager saved under a name, to reopen, rename or delete later."""

    schema_version: int = SCHEMA_VERSION
    id: str = Field(default_factory=new_id)
    profile_id: str
    name: str = Field(min_length=1, max_length=MAX_NAME)
    saved_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)


# --- Meetings in calendars ------------------------------------------------------------------

Repeat = Literal["none", "weekly", "fortnightly", "monthly", "quarterly"]

MAX_LINK = 2_000
"""Longest link to an online meeting kept (a Teams link with its options runs to several hundred characters)."""

LINK_PROBLEM = "A meeting's link must be one web address that starts with https:// or http://."
PLACE_IS_A_LINK = "The place is a link: write the room or address as the place, and the web address as the link."
UNTIL_PROBLEM = ("A meeting's repeat cannot end before the meeting itself: choose an end date on or after the day "
                 "of the meeting.")

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_BARE_ADDRESS = re.compile(r"^(?:www\.|[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+/)", re.IGNORECASE)


def is_web_link(text: str) -> bool:
    """Whether `text` is one web address (http or https, naming a host): the only kind of link a meeting keeps."""
    if not text or any(ch.isspace() for ch in text):
        return False
    try:
        parts = urlsplit(text)
        return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:  # such as an unclosed [ in the host
        return False


def _written_as_a_link(text: str) -> bool:
    # An address with :// (whatever follows), or one word with a scheme (javascript:, msteams:) or a host and a
    # path without one (www., a.b/c); "Library: 3rd floor" is a place.
    if _SCHEME.match(text) and "://" in text.split()[0]:
        return True
    return bool(text) and not any(ch.isspace() for ch in text) and bool(
        _SCHEME.match(text) or _BARE_ADDRESS.match(text))


class Meeting(Model):
    """A meeting people put in their calendars: a day, a time (or all day), a place, a link, and a repeat.

    The day and time are UK time (Europe/London). A place that is a web address and nothing else
    (how a form with one box for both writes an online meeting) is kept as the link; a place or
    link written as any other kind of address is refused, as is a repeat that ends before the meeting.
    """

    on: date
    at: time | None = None  # None: all day
    minutes: int = Field(default=60, ge=5, le=600)
    place: str = Field(default="", max_length=500)  # a room or an address
    link: str = Field(default="", max_length=MAX_LINK)  # the web address to join online (http or https)
    repeat: Repeat = "none"
    repeat_until: date | None = None  # the last day it may repeat; None with a repeat: a year (domain.meetings)

    @model_validator(mode="after")
    def link_and_repeat_make_sense(self) -> Meeting:
        if _written_as_a_link(self.place):
            if self.link or not is_web_link(self.place):
                raise ValueError(PLACE_IS_A_LINK if self.link else LINK_PROBLEM)
            self.link, self.place = self.place, ""
        if self.link and not is_web_link(self.link):
            raise ValueError(LINK_PROBLEM)
        if self.repeat == "none":
            self.repeat_until = None
        elif self.repeat_until is not None and self.repeat_until < self.on:
            raise ValueError(UNTIL_PROBLEM)
        return self


class DraftMeeting(Model):
    """A meeting's time, length, place, link and repeat as they are being typed; its day is kept beside it.

    The time is kept as typed and the link unchecked, so nothing typed is lost; both are checked when
    the meeting is made from them (planner.domain.meetings.from_typed).
    """

    at: str = Field(default="", max_length=40)
    minutes: int = Field(default=60, ge=5, le=600)
    place: str = Field(default="", max_length=500)
    link: str = Field(default="", max_length=MAX_LINK)
    repeat: Repeat = "none"
    repeat_until: date | None = None


# --- Mentoring -----------------------------------------------------------------------------


class Mentee(Model):
    """Someone a mentor supports: a profile in this installation, or one shared by file.

    A shared mentee's records are kept inside this record, apart from the mentor's own data,
    and are replaced whole by a newer share file.
    """

    schema_version: int = SCHEMA_VERSION
    id: str = Field(default_factory=new_id)
    profile_id: str
    mentee_profile_id: str
    name: str = Field(min_length=1, max_length=MAX_NAME)
    source: Literal["local", "share", "consent"]
    """local: a profile on this computer; share: a share file; consent: on a department's server, a
    person who accepted this mentor (the id is then the Mentorship's, and what is seen is read live)."""
    shared_profile: Profile | None = None
    shared_assessments: list[Assessment] = Field(default_factory=list)
    shared_plan_items: list[PlanItem] = Field(default_factory=list)
    shared_at: datetime | None = None
    added_at: datetime = Field(default_factory=utc_now)


class MentorRating(Model):
    """A mentor's view of a mentee: the same indicators, rated by the mentor, with comments."""

    schema_version: int = SCHEMA_VERSION
    id: str = Field(default_factory=new_id)
    profile_id: str
    mentee_id: str
    taken_on: date
    framework_version: FrameworkRef = Field(default_factory=first_kim_version)
    """The framework version the mentor rated against."""
    ratings: ByIndicator[Rating] = Field(default_factory=dict)
    comment: str = Field(default="", max_length=MAX_TEXT)
    created_at: datetime = Field(default_factory=utc_now)


AgendaKind = Literal["gap", "difference", "overdue", "change", "other"]


class AgendaPoint(Model):
    # Notes belong to a point by its id, wherever the point is moved in the agenda.
    id: str = Field(default_factory=new_id)
    title: str = Field(min_length=1, max_length=MAX_TEXT)
    kind: AgendaKind = "other"
    detail: str = Field(default="", max_length=MAX_TEXT)
    questions: list[str] = Field(default_factory=list)
    notes: str = Field(default="", max_length=MAX_TEXT)


class AgreedAction(Model):
    objective: str = Field(min_length=1, max_length=MAX_TEXT)
    indicators: list[str] = Field(default_factory=list)
    owner: str = Field(default="", max_length=MAX_NAME)
    due: date | None = None
    plan_item_id: str = Field(default_factory=new_id)
    changed_at: datetime | None = None
    """When the mentor changed the action after first saving the record (None: never)."""


class MentorFileImport(Model):
    """A file from a mentor that a mentee imported: when, from whom, and what it brought."""

    schema_version: int = SCHEMA_VERSION
    id: str = Field(default_factory=new_id)
    profile_id: str
    mentor: str = Field(min_length=1, max_length=MAX_NAME)
    held_on: date | None = None
    imported_at: datetime
    added_actions: int = 0
    changed_actions: int = 0
    added_ratings: int = 0


class Conversation(Model):
    """The record of one development conversation between a mentor and a mentee."""

    schema_version: int = SCHEMA_VERSION
    id: str = Field(default_factory=new_id)
    profile_id: str
    mentee_id: str
    held_on: date
    participants: list[str] = Field(default_factory=list)
    agenda: list[AgendaPoint] = Field(default_factory=list)
    actions: list[AgreedAction] = Field(default_factory=list)
    next_meeting: date | None = None
    next_meeting_details: Meeting | None = None
    """The next meeting's time, place, link and repeat (its `on` is next_meeting); None: only its day is
    known, as in every record saved before they could be given."""
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)

    @model_validator(mode="after")
    def details_are_of_the_next_meeting(self) -> Conversation:
        if self.next_meeting_details is not None and self.next_meeting_details.on != self.next_meeting:
            raise ValueError("the next meeting's time and place must be for the day of the next meeting")
        return self


class DraftPoint(Model):
    """An agenda point as the mentor is writing it: its title may still be empty."""

    id: str = Field(default_factory=new_id)
    title: str = Field(default="", max_length=MAX_TEXT)
    kind: AgendaKind = "other"
    detail: str = Field(default="", max_length=MAX_TEXT)
    questions: list[str] = Field(default_factory=list)
    notes: str = Field(default="", max_length=MAX_TEXT)


class DraftAction(Model):
    """An agreed action as the mentor is writing it: the indicators as typed, codes separated by commas."""

    id: str = Field(default_factory=new_id)
    objective: str = Field(default="", max_length=MAX_TEXT)
    indicators: str = Field(default="", max_length=MAX_TEXT)
    owner: str = Field(default="", max_length=MAX_NAME)
    due: date | None = None


class ConversationDraft(Model):
    """A conversation record being written, kept as the mentor goes until it is saved or discarded.

    One per mentor and mentee (its id is the mentee's), so switching mentee never mixes two forms.
    """

    schema_version: int = SCHEMA_VERSION
    id: str
    profile_id: str
    mentee_id: str
    held_on: date | None = None
    participants: str = Field(default="", max_length=500)
    agenda: list[DraftPoint] = Field(default_factory=list)
    actions: list[DraftAction] = Field(default_factory=list)
    next_meeting: date | None = None
    next_meeting_details: DraftMeeting | None = None  # None: nothing typed beside the next meeting's day
    updated_at: datetime = Field(default_factory=utc_now)

    @model_validator(mode="after")
    def one_per_mentee(self) -> ConversationDraft:
        if self.id != self.mentee_id:
            raise ValueError("a conversation draft is kept under its mentee's id")
        return self


# --- Consent, on a department's server ------------------------------------------------------

ConsentStatus = Literal["asked", "active", "declined", "ended"]


class Mentorship(Model):
    """A mentee's consent to one mentor seeing what they share, from asking to ending.

    Either side asks (by the other's email address); nothing is visible until the other accepts.
    Kept among the installation's shared records, not in either person's file, as it belongs to both.
    """

    schema_version: int = SCHEMA_VERSION
    id: str = Field(default_factory=new_id)
    asked_by: Literal["mentee", "mentor"]
    mentee_id: str | None = None  # None until a person the mentor asked accepts
    mentee_name: str = Field(default="", max_length=MAX_NAME)
    mentee_email: str = Field(default="", max_length=320)
    mentor_id: str | None = None  # None until a person the mentee asked accepts
    mentor_name: str = Field(default="", max_length=MAX_NAME)
    mentor_email: str = Field(default="", max_length=320)
    status: ConsentStatus = "asked"
    shares_assessment: bool = True
    """The mentee shares their latest self-assessment and the gaps it leaves."""
    shares_plan: bool = True
    """The mentee shares their plan (their development plan items)."""
    asked_at: datetime = Field(default_factory=utc_now)
    answered_at: datetime | None = None
    ended_at: datetime | None = None
    ended_by: str = Field(default="", max_length=MAX_NAME)


class Team(Model):
    """A team a lead has made on a department's server, to see the capability of those who join."""

    schema_version: int = SCHEMA_VERSION
    id: str = Field(default_factory=new_id)
    lead_id: str
    lead_name: str = Field(min_length=1, max_length=MAX_NAME)
    name: str = Field(min_length=1, max_length=MAX_NAME)
    created_at: datetime = Field(default_factory=utc_now)


class TeamMember(Model):
    """One person asked to join a team, and their answer: the lead sees them only once they have joined."""

    schema_version: int = SCHEMA_VERSION
    id: str = Field(default_factory=new_id)
    team_id: str
    email: str = Field(min_length=3, max_length=320)
    profile_id: str | None = None  # set when they answer
    name: str = Field(default="", max_length=MAX_NAME)
    status: Literal["asked", "joined", "declined", "left"] = "asked"
    asked_at: datetime = Field(default_factory=utc_now)
    answered_at: datetime | None = None


class DeletionNote(Model):
    """That a person's data was deleted, and when: nothing about who."""

    schema_version: int = SCHEMA_VERSION
    id: str = Field(default_factory=new_id)
    deleted_at: datetime


class AccessRecord(Model):
    """One time someone other than its owner saw or changed a person's data; kept in the owner's own file."""

    schema_version: int = SCHEMA_VERSION
    id: str = Field(default_factory=new_id)
    profile_id: str  # whose data
    by_id: str  # who saw or changed it ("" once that person has deleted their own data)
    by_name: str = Field(max_length=MAX_NAME)
    as_role: str = Field(max_length=60)  # "mentor", "team lead"
    what: str = Field(min_length=1, max_length=500)  # in plain words, such as "saw your plan"
    changed: bool = False
    at: datetime


class ProposedAction(Model):
    """An action agreed in a conversation, sent by the mentor, waiting in the mentee's own file for their answer."""

    schema_version: int = SCHEMA_VERSION
    id: str = Field(default_factory=new_id)
    profile_id: str  # the mentee's
    mentorship_id: str
    mentor_id: str
    mentor_name: str = Field(min_length=1, max_length=MAX_NAME)
    item: PlanItem
    proposed_at: datetime


# --- The CPD log ----------------------------------------------------------------------------

CpdKind = Literal["experience", "others", "formal"]
"""How the learning happened, as the 70-20-10 model and CILIP's CPD guidance group it."""


class CpdEntry(Model):
    """One piece of continuing professional development a person did, with what they learned from it."""

    schema_version: int = SCHEMA_VERSION
    id: str = Field(default_factory=new_id)
    profile_id: str
    done_on: date
    hours: float = Field(gt=0, le=1000)
    kind: CpdKind
    title: str = Field(min_length=1, max_length=300)
    indicators: list[IndicatorCode] = Field(default_factory=list)
    framework_version: FrameworkRef = Field(default_factory=first_kim_version)
    learned: str = Field(default="", max_length=MAX_TEXT)  # what I learned
    applied: str = Field(default="", max_length=MAX_TEXT)  # how I used it
    plan_item_id: str | None = None  # the plan item it records, when it came from one
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)


class RevalidationStatement(Model):
    """The person's reflective statement for CILIP revalidation (at most 250 words), kept as they write it."""

    schema_version: int = SCHEMA_VERSION
    id: str = "current"
    profile_id: str
    text: str = Field(default="", max_length=MAX_TEXT)
    updated_at: datetime = Field(default_factory=utc_now)


# --- Success Profiles -----------------------------------------------------------------------


class BehaviourExample(Model):
    """A STAR example a person keeps for one Success Profiles behaviour, for applications and their PDP."""

    schema_version: int = SCHEMA_VERSION
    id: str = Field(default_factory=new_id)
    profile_id: str
    behaviour: str = Field(min_length=1, max_length=64)  # the behaviour's id in data/behaviours.json
    title: str = Field(default="", max_length=300)
    evidence: Evidence = Field(default_factory=Evidence)
    updated_at: datetime = Field(default_factory=utc_now)


# --- The line manager's part of the PDP -----------------------------------------------------


class PdpDetails(Model):
    """What a department's PDP template asks beside the plan items: support, cost and time, reviews, comments."""

    schema_version: int = SCHEMA_VERSION
    id: str = "current"
    profile_id: str
    line_manager: str = Field(default="", max_length=MAX_NAME)  # the name written on the plan
    support_needed: str = Field(default="", max_length=MAX_TEXT)
    cost: str = Field(default="", max_length=200)  # such as "£450 course fee"
    time_needed: str = Field(default="", max_length=200)  # such as "3 days"
    review_meetings: list[Meeting] = Field(default_factory=list)
    manager_comments: str = Field(default="", max_length=MAX_TEXT)
    updated_at: datetime = Field(default_factory=utc_now)


class LineManagement(Model):
    """A person's consent to their line manager reviewing their plan and ratings, from asking to ending.

    As for mentors: either side asks by the other's email address and nothing is visible until the
    other accepts; kept among the shared records, as it belongs to both.
    """

    schema_version: int = SCHEMA_VERSION
    id: str = Field(default_factory=new_id)
    asked_by: Literal["person", "manager"]
    person_id: str | None = None  # None until a person the manager asked accepts
    person_name: str = Field(default="", max_length=MAX_NAME)
    person_email: str = Field(default="", max_length=320)
    manager_id: str | None = None  # None until a manager the person asked accepts
    manager_name: str = Field(default="", max_length=MAX_NAME)
    manager_email: str = Field(default="", max_length=320)
    status: ConsentStatus = "asked"
    asked_at: datetime = Field(default_factory=utc_now)
    answered_at: datetime | None = None
    ended_at: datetime | None = None
    ended_by: str = Field(default="", max_length=MAX_NAME)


class ValidatedRatings(Model):
    """A line manager's validation of a person's self-ratings, kept in the person's own file."""

    schema_version: int = SCHEMA_VERSION
    id: str = Field(default_factory=new_id)
    profile_id: str  # whose ratings
    manager_id: str
    manager_name: str = Field(min_length=1, max_length=MAX_NAME)
    assessment_id: str  # the self-assessment validated
    framework_version: FrameworkRef = Field(default_factory=first_kim_version)
    ratings: ByIndicator[int] = Field(default_factory=dict)  # the rating the manager agrees, 0-4
    comment: str = Field(default="", max_length=MAX_TEXT)
    validated_at: datetime


class PlanSignOff(Model):
    """A line manager's sign-off of a person's plan as it stood: who, when, and what they signed."""

    schema_version: int = SCHEMA_VERSION
    id: str = Field(default_factory=new_id)
    profile_id: str  # whose plan
    manager_id: str
    manager_name: str = Field(min_length=1, max_length=MAX_NAME)
    objectives: list[str] = Field(default_factory=list)  # the plan's objectives when signed
    comment: str = Field(default="", max_length=MAX_TEXT)
    signed_at: datetime
