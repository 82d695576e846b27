"""Creating and changing a person's profile, with plain-English checks of what they entered."""

from __future__ import annotations

from datetime import datetime

from planner.domain.models import MAX_NAME, MAX_TEXT, GradeLadder, Profile
from planner.errors import PlannerError


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

    Returns:
        The profile to save.

    Raises:
        PlannerError: a field is missing or too long; the message says which and why.
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
    if problems:
        raise PlannerError(" ".join(problems))
    fields = {
        "name": name,
        "current_grade": current_grade,
        "current_role": (current_role or "").strip() or None,
        "target_grade": target_grade or None,
        "target_role": (target_role or "").strip() or None,
        "notes": (notes or "").strip(),
        "updated_at": now,
    }
    if existing is None:
        if identity is not None:
            return Profile(**fields, id=identity[0], email=identity[1], created_at=now)
        return Profile(**fields, created_at=now)
    return existing.model_copy(update=fields)
