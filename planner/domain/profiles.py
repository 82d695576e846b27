"""Creating and changing a person's profile, with plain-English checks of what they entered."""

from __future__ import annotations

import re
from datetime import date, datetime

from planner.domain import wording
from planner.domain.models import MAX_NAME, MAX_TEXT, GradeLadder, Profile
from planner.errors import PlannerError

EARLIEST_GRADE_START = date(1960, 1, 1)
"""No one's time in their current grade is counted from before this day."""

GRADE_SINCE_HINT = ("Day, month and year, such as 27/03/2024. Leave it blank if you would rather not say: time in "
                    "grade then counts from today. If your grade changes, change this date too.")

_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december")
_MONTHS = {name: n for n, name in enumerate(_MONTH_NAMES, start=1)} | {
    name[:3]: n for n, name in enumerate(_MONTH_NAMES, start=1)} | {"sept": 9}
_UK_DATE = re.compile(r"^(\d{1,2})[\s/.\-]+(\d{1,2}|[a-z]+)[\s/.\-]+(\d+)$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")  # 2024-03-27: the year first is never read as a day


def grade_since_from(text: str, today: date) -> date | None:
    """The day a person started in their current grade, from what they typed (day, month, year: the UK order).

    Accepts 27/03/2024, 27-3-2024, 27.03.2024, 27 3 2024 and 27 March 2024 (or Mar), and 2024-03-27.

    Args:
        text: what they typed; blank means they would rather not say.
        today: the day it may not be after.

    Returns:
        The date, or None for a blank box.

    Raises:
        PlannerError: not a date written day, month, year; not a real date; in the future; before 1960.
    """
    text = " ".join((text or "").split()).casefold()
    if not text:
        return None
    found = _UK_DATE.match(text) or _ISO_DATE.match(text)
    example = "such as 27/03/2024"
    if found is None:
        raise PlannerError(f"Write when you started in your current grade as day, month and year, {example}.")
    day, month_text, year_text = found.groups() if found.re is _UK_DATE else found.groups()[::-1]
    month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text)
    if month is None:
        raise PlannerError(f"'{month_text}' is not a month: write the month as a number or a name, {example}.")
    if len(year_text) != 4:
        raise PlannerError(f"Write the year you started in your current grade in full, {example}.")
    try:
        since = date(int(year_text), month, int(day))
    except ValueError:
        raise PlannerError(f"{found.group(0)} is not a real date: check the day and the month.") from None
    if since > today:
        raise PlannerError(f"The date you started in your current grade, {wording.long_date(since)}, is in the "
                           f"future: give the day you started, today or earlier.")
    if since < EARLIEST_GRADE_START:
        raise PlannerError(f"The date you started in your current grade must be in {EARLIEST_GRADE_START.year} or "
                           f"later, not {wording.long_date(since)}.")
    return since


def grade_since_text(since: date | None) -> str:
    """A start date as the profile's box shows it (27/03/2024), or blank."""
    return f"{since:%d/%m/%Y}" if since else ""


def build_profile(
    *,
    name: str,
    current_grade: str | None,
    current_role: str | None,
    target_grade: str | None,
    target_role: str | None,
    notes: str,
    ladder: GradeLadder,
    now: datetime,
    existing: Profile | None = None,
    identity: tuple[str, str] | None = None,
    grade_since: str | None = None,
    today: date | None = None,
) -> Profile:
    """A new or updated profile from what a person typed.

    Args:
        name: the person's name as they want it shown.
        current_grade: a grade code from the ladder.
        current_role: the role they hold now, if they say.
        target_grade: the grade they aim for, if they have one.
        target_role: the role they aim for, if they have one.
        notes: anything else they want to keep with the profile.
        ladder: the grade ladder the grade codes must come from.
        now: the time of the change.
        existing: the profile being edited; None to create a new one.
        identity: on a department's server, the (profile id, email) of the person signed in, for a new
            profile (an existing one keeps its own).
        grade_since: when they started in their current grade, as typed (grade_since_from); blank for
            not given; None keeps what the profile has.
        today: the day a start date may not be after (the date of `now` if not given).

    Returns:
        The profile to save.

    Raises:
        PlannerError: a field is missing or too long, or the start date is not a date one could have
            started on; the message says which and why.
    """
    name = (name or "").strip()
    problems = []
    if not name:
        problems.append("Enter a name for the profile.")
    elif len(name) > MAX_NAME:
        problems.append(f"The name is {len(name)} characters long; use {MAX_NAME} or fewer.")
    if not current_grade:
        problems.append("Choose your current grade.")
    for label, grade in (("current grade", current_grade), ("target grade", target_grade)):
        if grade and grade not in ladder.codes:
            problems.append(f"The {label} '{grade}' is not a grade this app knows.")
    for label, role in (("current role", current_role), ("target role", target_role)):
        if role and len(role.strip()) > MAX_NAME:
            problems.append(f"The {label} is too long; use {MAX_NAME} characters or fewer.")
    if len(notes or "") > MAX_TEXT:
        problems.append(f"The notes are {len(notes)} characters long; use {MAX_TEXT:,} or fewer.")
    since = existing.grade_since if existing is not None else None
    if grade_since is not None:
        try:
            since = grade_since_from(grade_since, today or now.date())
        except PlannerError as exc:
            problems.append(str(exc))
    if problems:
        raise PlannerError(" ".join(problems))
    fields = {
        "name": name,
        "current_grade": current_grade,
        "current_role": (current_role or "").strip() or None,
        "target_grade": target_grade or None,
        "target_role": (target_role or "").strip() or None,
        "notes": (notes or "").strip(),
        "grade_since": since,
        "updated_at": now,
    }
    if existing is None:
        if identity is not None:
            return Profile(**fields, id=identity[0], email=identity[1], created_at=now)
        return Profile(**fields, created_at=now)
    return existing.model_copy(update=fields)
