"""The CPD log: entries and their rules, totals by year and by kind, and CILIP revalidation.

CILIP revalidation (voluntary since 2016) asks for at least 20 hours of CPD logged over 12 months
and a reflective statement of at most 250 words. Words are counted by one rule (word_count), which
the page's live count in the browser follows too (tests/browser/test_cpd_journey.py checks the two agree).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, get_args

from pydantic import ValidationError

from planner.domain.curriculum import Curriculum
from planner.domain.models import (
    MAX_TEXT,
    ActivitySource,
    CpdEntry,
    CpdKind,
    Framework,
    ItemStatus,
    PlanItem,
    RevalidationStatement,
)
from planner.domain.wording import counted, long_date
from planner.errors import PlannerError, describe_invalid

KINDS: tuple[CpdKind, ...] = get_args(CpdKind)
KIND_LABELS: dict[str, str] = {
    "experience": "Learning from experience (on the job)",
    "others": "Learning from others",
    "formal": "Formal learning (courses, qualifications)",
}
"""Each kind of learning in the words a person reads (the 70-20-10 model's three)."""

REVALIDATION_HOURS = 20.0
"""CILIP revalidation asks for at least this many hours of CPD ..."""
WINDOW_MONTHS = 12
"""... logged over this many months ..."""
STATEMENT_WORDS = 250
"""... and a reflective statement of at most this many words."""

EARLIEST_DATE = date(2000, 1, 1)
MAX_HOURS = 1000.0
"""The most hours one entry may hold (the model's limit): longer learning is logged in parts."""
MAX_TITLE = 300

# --- Counting words -----------------------------------------------------------------------------

SPACES = ("\t\n\v\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
          "\u200a\u2028\u2029\u202f\u205f\u3000")
"""What separates words: the characters Python and browsers both treat as white space."""

WORD_RULE = ("A word is a run of characters between spaces or line breaks that holds at least one letter or "
             "digit: “well-known” and “2026” are one word each, “20 hours” is two, extra spaces count for "
             "nothing, and a dash standing alone is not a word.")
"""The one rule for counting words, in the words a person reads."""


def word_count(text: str) -> int:
    """How many words the text holds, by WORD_RULE (the page's live count follows the same rule).

    Args:
        text: what the person typed.

    Returns:
        The number of runs of characters between SPACES that hold at least one letter or digit.
    """
    runs = "".join(" " if ch in SPACES else ch for ch in text).split(" ")
    return sum(1 for run in runs if any(ch.isalnum() for ch in run))


WITHIN_LIMIT = "{words} of {limit} words"
OVER_LIMIT = ("{words} words: {over} over the {limit}-word limit for CILIP revalidation. "
              "Shorten it before you submit it.")
"""How the count reads, within the limit and over it (the live count in the browser fills in the same)."""


@dataclass(frozen=True)
class StatementCount:
    """Where a reflective statement stands against CILIP's limit."""

    words: int
    limit: int = STATEMENT_WORDS

    @property
    def over(self) -> int:
        """How many words over the limit (0 when within it)."""
        return max(0, self.words - self.limit)

    @property
    def fits(self) -> bool:
        return self.words <= self.limit

    @property
    def message(self) -> str:
        """Such as "120 of 250 words", or "262 words: 12 over the 250-word limit for CILIP revalidation. ..."."""
        template = WITHIN_LIMIT if self.fits else OVER_LIMIT
        return template.format(words=self.words, over=self.over, limit=self.limit)


def statement_count(text: str) -> StatementCount:
    """The statement's words, and how far over CILIP's 250 it is."""
    return StatementCount(word_count(text))


def statement_saved(text: str) -> str:
    """What saving the statement says: kept whatever its length, and plainly when it is too long for CILIP."""
    count = statement_count(text)
    if count.fits:
        return f"Saved your reflective statement ({counted(count.words, 'word')} of {count.limit})."
    return (f"Saved your reflective statement, but it is too long for CILIP: {count.words} words, "
            f"{count.over} over the {count.limit}-word limit. Shorten it before you submit it.")


def new_statement(profile_id: str, text: str, now: datetime) -> RevalidationStatement:
    """The person's statement as typed, kept whatever its length (CILIP's limit is told, not enforced).

    Raises:
        PlannerError: it is longer than the app keeps in one box.
    """
    if len(text) > MAX_TEXT:
        raise PlannerError(f"The statement is too long to keep; use {MAX_TEXT:,} characters or fewer.")
    return RevalidationStatement(profile_id=profile_id, text=text, updated_at=now)


# --- Hours ----------------------------------------------------------------------------------------


def hours_text(hours: float) -> str:
    """Hours as people write them: '1 hour', '2.5 hours', '0.25 hours', '22 hours'."""
    shown = hours_figure(hours)
    return f"{shown} hour" if shown == "1" else f"{shown} hours"


def hours_figure(hours: float) -> str:
    """Hours as a figure without needless zeros: '2.5', '0.25', '22'."""
    return f"{round(hours, 2):.2f}".rstrip("0").rstrip(".")


def year_earlier(day: date) -> date:
    """The same day a year before; 28 February for 29 February."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February, and the year before has none
        return day.replace(year=day.year - 1, day=28)


def window_start(up_to: date) -> date:
    """The first day of the 12 months up to and including `up_to` (1 January 2026 for 31 December 2026)."""
    return year_earlier(up_to) + timedelta(days=1)


def in_window(entries: Iterable[CpdEntry], up_to: date) -> list[CpdEntry]:
    """The entries done in the 12 months up to and including `up_to`."""
    start = window_start(up_to)
    return [e for e in entries if start <= e.done_on <= up_to]


def in_period(entries: Iterable[CpdEntry], start: date, end: date) -> list[CpdEntry]:
    """The entries done from `start` to `end`, both included, newest first."""
    return newest_first(e for e in entries if start <= e.done_on <= end)


def total_hours(entries: Iterable[CpdEntry]) -> float:
    """The hours of the entries added up (to the hundredth, so 0.1 + 0.2 is 0.3)."""
    return round(sum(e.hours for e in entries), 2)


@dataclass(frozen=True)
class Revalidation:
    """The hours logged in the 12 months up to a day, against CILIP's 20."""

    hours: float
    up_to: date
    needed: float = REVALIDATION_HOURS

    @property
    def start(self) -> date:
        return window_start(self.up_to)

    @property
    def enough(self) -> bool:
        return self.hours >= self.needed

    @property
    def still_needed(self) -> float:
        return max(0.0, round(self.needed - self.hours, 2))

    @property
    def sentence(self) -> str:
        """Such as "22.5 hours in the 12 months to 1 December 2026: enough for revalidation"."""
        logged = f"{hours_text(self.hours)} in the {WINDOW_MONTHS} months to {long_date(self.up_to)}"
        if self.enough:
            return f"{logged}: enough for revalidation"
        return (f"{logged}: {hours_text(self.still_needed)} more needed for revalidation "
                f"({hours_figure(self.needed)} hours in {WINDOW_MONTHS} months)")


def revalidation(entries: Iterable[CpdEntry], up_to: date) -> Revalidation:
    """The hours in the 12 months up to `up_to`, and whether they reach CILIP's 20."""
    return Revalidation(total_hours(in_window(entries, up_to)), up_to)


def newest_first(entries: Iterable[CpdEntry]) -> list[CpdEntry]:
    """The entries by date, newest first (the latest logged first within a day)."""
    return sorted(entries, key=lambda e: (e.done_on, e.created_at), reverse=True)


TOTAL = "Total hours"


def totals_by_year(entries: Iterable[CpdEntry]) -> list[dict[str, Any]]:
    """One row a calendar year, newest first: the hours of each kind, the total and how many entries."""
    by_year: dict[int, list[CpdEntry]] = {}
    for entry in entries:
        by_year.setdefault(entry.done_on.year, []).append(entry)
    rows = []
    for year in sorted(by_year, reverse=True):
        those = by_year[year]
        row: dict[str, Any] = {"Year": str(year)}
        row |= {KIND_LABELS[k]: total_hours(e for e in those if e.kind == k) for k in KINDS}
        row |= {TOTAL: total_hours(those), "Entries": len(those)}
        rows.append(row)
    return rows


def totals_by_kind(entries: Iterable[CpdEntry]) -> list[dict[str, Any]]:
    """One row a kind of learning, in the 70-20-10 order: its hours, entries and share of all the hours."""
    entries = list(entries)
    whole = total_hours(entries)
    rows = []
    for kind in KINDS:
        those = [e for e in entries if e.kind == kind]
        hours = total_hours(those)
        share = f"{round(100 * hours / whole)}%" if whole else "0%"
        rows.append({"Kind of learning": KIND_LABELS[kind], "Hours": hours, "Entries": len(those),
                     "Share of hours": share})
    return rows


# --- Entries --------------------------------------------------------------------------------------


def indicator_words(fw: Framework, codes: Iterable[str]) -> list[str]:
    """Each indicator as its code and statement ("1.1.1 Knows ..."), or its code alone when the framework lacks it."""
    known = set(fw.codes)
    return [f"{code} {fw.indicator(code).statement}" if code in known else code for code in codes]


def check_entry(entry: CpdEntry, fw: Framework, today: date) -> CpdEntry:
    """The entry, if it keeps the log's rules.

    Raises:
        PlannerError: every rule it breaks, in plain words: a date in the future or before 2000, an
            indicator the framework lacks.
    """
    problems = []
    if entry.done_on > today:
        problems.append("The date must be today or earlier: log CPD you have done.")
    if entry.done_on < EARLIEST_DATE:
        problems.append(f"The date must be on or after {long_date(EARLIEST_DATE)}.")
    unknown = fw.unknown_codes(entry.indicators)
    if unknown:
        problems.append(f"These are not indicators of the framework: {', '.join(unknown)}.")
    if problems:
        raise PlannerError(" ".join(problems))
    return entry


def new_entry(
    fw: Framework,
    *,
    profile_id: str,
    done_on: date | None,
    hours: float | None,
    kind: str | None,
    title: str,
    indicators: Iterable[str] = (),
    learned: str = "",
    applied: str = "",
    plan_item_id: str | None = None,
    today: date,
    now: datetime,
) -> CpdEntry:
    """A new entry for the log, checked against its rules.

    Args:
        fw: the framework in use, which the indicators must come from.
        profile_id: whose log.
        done_on: the day the learning was done (or finished).
        hours: how long it took.
        kind: "experience", "others" or "formal".
        title: what the person did.
        indicators: the codes of the indicators it developed.
        learned: what I learned.
        applied: how I used it.
        plan_item_id: the plan item it records, when logged from the plan.
        today: no entry is dated after it.
        now: when it is logged.

    Raises:
        PlannerError: every rule it breaks, in plain words.
    """
    problems = []
    if done_on is None:
        problems.append("Enter the date you did it.")
    if hours is None or hours <= 0:
        problems.append("Enter the hours it took: a number more than 0, such as 1.5.")
    elif hours > MAX_HOURS:
        problems.append(f"Enter at most {MAX_HOURS:,.0f} hours for one entry: log longer learning in parts.")
    if kind not in KINDS:
        problems.append("Choose the kind of learning: from experience, from others, or formal.")
    title = (title or "").strip()
    if not title:
        problems.append("Say what you did, such as the course, the project or the event.")
    elif len(title) > MAX_TITLE:
        problems.append(f"What you did is too long: use {MAX_TITLE} characters or fewer.")
    for label, text in (("What I learned", learned), ("How I used it", applied)):
        if len(text or "") > MAX_TEXT:
            problems.append(f"“{label}” is too long: use {MAX_TEXT:,} characters or fewer.")
    if problems:
        raise PlannerError(" ".join(problems))
    assert done_on is not None and hours is not None  # refused above otherwise
    try:
        entry = CpdEntry(
            profile_id=profile_id, done_on=done_on, hours=round(hours, 2), kind=kind,
            title=title, indicators=list(dict.fromkeys(c.strip() for c in indicators if c and c.strip())),
            framework_version=fw.ref, learned=(learned or "").strip(), applied=(applied or "").strip(),
            plan_item_id=plan_item_id, created_at=now, updated_at=now,
        )
    except ValidationError as exc:
        raise PlannerError(f"This was not logged. {describe_invalid(exc)}") from None
    return check_entry(entry, fw, today)


def changed_entry(entry: CpdEntry, fw: Framework, *, done_on: date | None, hours: float | None, kind: str | None,
                  title: str, indicators: Iterable[str], learned: str, applied: str, today: date,
                  now: datetime) -> CpdEntry:
    """The entry as changed, checked by the same rules as a new one; its id, plan item and first logging kept.

    Raises:
        PlannerError: every rule the change breaks, in plain words.
    """
    checked = new_entry(fw, profile_id=entry.profile_id, done_on=done_on, hours=hours, kind=kind, title=title,
                        indicators=indicators, learned=learned, applied=applied, plan_item_id=entry.plan_item_id,
                        today=today, now=now)
    return checked.model_copy(update={"id": entry.id, "created_at": entry.created_at})


# --- From the plan --------------------------------------------------------------------------------


def logged_items(entries: Iterable[CpdEntry]) -> set[str]:
    """The ids of the plan items already in the log."""
    return {e.plan_item_id for e in entries if e.plan_item_id}


def items_to_log(items: Iterable[PlanItem], entries: Iterable[CpdEntry]) -> list[PlanItem]:
    """The plan's done items not logged yet, in the plan's order."""
    logged = logged_items(entries)
    return [i for i in items if i.status == ItemStatus.DONE and i.id not in logged]


def plan_item_title(item: PlanItem) -> str:
    """What a plan item's entry says was done: its activity, else its objective (cut to fit)."""
    title = " ".join((item.activity_title or item.objective).split())
    return title if len(title) <= MAX_TITLE else title[: MAX_TITLE - 1].rstrip() + "…"


def suggested_kind(item: PlanItem, curriculum: Curriculum | None = None) -> CpdKind:
    """The kind a plan item's learning most likely was: the curriculum activity's, from others for a
    mentor's action, else from experience."""
    if item.activity_source == ActivitySource.CURRICULUM and item.activity_id and curriculum is not None:
        try:
            return curriculum.activity(item.activity_id).category
        except KeyError:
            pass
    return "others" if item.activity_source == ActivitySource.MENTOR else "experience"


def suggested_hours(item: PlanItem, curriculum: Curriculum | None = None) -> float | None:
    """The hours of the curriculum activity a plan item takes up, if it takes one up; else None."""
    if item.activity_id and curriculum is not None:
        try:
            return min(curriculum.activity(item.activity_id).hours, MAX_HOURS)
        except KeyError:
            return None
    return None


def from_plan_item(
    item: PlanItem,
    entries: Iterable[CpdEntry],
    fw: Framework,
    *,
    done_on: date | None,
    hours: float | None,
    kind: str | None,
    learned: str | None = None,
    applied: str = "",
    today: date,
    now: datetime,
) -> CpdEntry:
    """An entry recording a done plan item: its activity (or objective), its indicators, and its evidence
    as the starting reflection.

    Args:
        item: the plan item; it must be done and not logged yet.
        entries: the log as it is, to refuse logging an item twice.
        fw: the framework in use; indicators it lacks (a retired one) are left out.
        done_on, hours, kind, applied, today, now: as for new_entry.
        learned: what I learned; None starts from the item's evidence of completion.

    Raises:
        PlannerError: the item is not done, is logged already, or the entry breaks a rule.
    """
    if item.status != ItemStatus.DONE:
        raise PlannerError(f"“{plan_item_title(item)}” is not marked done in your plan yet. Mark it done, with "
                           "evidence, then log it.")
    if item.id in logged_items(entries):
        raise PlannerError(f"“{plan_item_title(item)}” is in your CPD log already. Change that entry instead.")
    known = set(fw.codes)
    return new_entry(
        fw, profile_id=item.profile_id, done_on=done_on, hours=hours, kind=kind, title=plan_item_title(item),
        indicators=[c for c in item.indicators if c in known],
        learned=item.evidence if learned is None else learned, applied=applied, plan_item_id=item.id,
        today=today, now=now,
    )


# --- The log as rows ------------------------------------------------------------------------------


def entry_label(entry: CpdEntry) -> str:
    """An entry in a list to choose from: "1 December 2026: Records course (3 hours)"."""
    return f"{long_date(entry.done_on)}: {' '.join(entry.title.split())[:80]} ({hours_text(entry.hours)})"


def log_rows(entries: Iterable[CpdEntry], fw: Framework) -> list[dict[str, Any]]:
    """The log as a table, newest first: date, hours, kind, what was done, indicators, learned, used."""
    return [
        {
            "Date": long_date(e.done_on),
            "Hours": e.hours,
            "Kind of learning": KIND_LABELS[e.kind],
            "What I did": e.title,
            "Indicators": "; ".join(indicator_words(fw, e.indicators)),
            "What I learned": e.learned,
            "How I used it": e.applied,
        }
        for e in newest_first(entries)
    ]


# --- The log for a period, as its documents show it -----------------------------------------------


@dataclass(frozen=True)
class LoggedEntry:
    """One entry as the log's documents print it: every value in words."""

    done_on: str
    hours: str
    kind: str
    title: str
    codes: str
    indicators: tuple[str, ...]
    learned: str
    applied: str


@dataclass(frozen=True)
class CpdRecord:
    """A person's CPD log over a period, its totals, CILIP's 12 months and their reflective statement."""

    person: str
    start: date
    end: date
    entries: tuple[LoggedEntry, ...]
    hours: float
    by_year: list[dict[str, Any]]
    by_kind: list[dict[str, Any]]
    revalidation: Revalidation
    statement: str
    count: StatementCount
    prepared_on: date

    @property
    def period(self) -> str:
        """Such as "2 December 2025 to 1 December 2026"."""
        return f"{long_date(self.start)} to {long_date(self.end)}"


def whole_log_start(entries: Iterable[CpdEntry], today: date) -> date:
    """The first day of the whole log: the earliest entry's date (the 12 months' start for an empty log)."""
    return min((e.done_on for e in entries), default=window_start(today))


def cpd_record(fw: Framework, person: str, entries: Iterable[CpdEntry], statement: str, *, start: date, end: date,
               today: date) -> CpdRecord:
    """The log from `start` to `end` (both included) with its totals, CILIP's 12 months to `end`, and the statement.

    Args:
        fw: the framework in use, for the indicators' statements.
        person: the person's name.
        entries: the whole log (those outside the period are left out, but count for the 12 months).
        statement: the reflective statement as kept ("" when none is written).
        start, end: the period.
        today: the day the record is prepared.
    """
    every = list(entries)
    shown = in_period(every, start, end)
    logged = tuple(
        LoggedEntry(
            done_on=long_date(e.done_on), hours=hours_figure(e.hours), kind=KIND_LABELS[e.kind], title=e.title,
            codes=", ".join(e.indicators), indicators=tuple(indicator_words(fw, e.indicators)),
            learned=e.learned, applied=e.applied,
        )
        for e in shown
    )
    return CpdRecord(
        person=person, start=start, end=end, entries=logged, hours=total_hours(shown),
        by_year=totals_by_year(shown), by_kind=totals_by_kind(shown), revalidation=revalidation(every, end),
        statement=statement, count=statement_count(statement), prepared_on=today,
    )
