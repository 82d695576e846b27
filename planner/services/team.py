"""Team capability's reading of share files: each person's plan file becomes a member of the team."""

from __future__ import annotations

from collections.abc import Sequence

from planner.domain import team
from planner.domain.team import Member, SharedMembers
from planner.errors import PlannerError
from planner.io import bundle


def members_from_share_files(files: Sequence[tuple[str, bytes]]) -> SharedMembers:
    """Team members from share files (the JSON plan files people export), one file per person.

    A file that cannot be read (too large, broken, of another kind) is listed with the reason
    and skipped; the others are kept. When two files hold the same person, the one exported last
    is used.

    Args:
        files: (file name, contents) of each file, in the order uploaded.

    Returns:
        The members, the files that could not be read and the older files of the same person.
    """
    read: list[tuple[str, Member | str]] = []
    for file_name, data in files:
        try:
            shared = bundle.read_bundle(data)
        except PlannerError as exc:
            read.append((file_name, str(exc)))
            continue
        read.append((file_name, team.member_from_profile(shared.profile, shared.assessments, source="share",
                                                          exported_at=shared.exported_at, file_name=file_name)))
    return team.newest_per_person(read)
