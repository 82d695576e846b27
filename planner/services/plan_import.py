"""Importing a plan file: its records merged into the saved data, losing nothing on either side.

The file is read and checked by planner.io.bundle; this use case decides what is added, updated
and kept, refuses a file of another saved profile, and writes the person's records together.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from planner import store
from planner.domain import wording
from planner.domain.models import Assessment, Draft, PlanItem
from planner.errors import PlannerError
from planner.io import bundle as bundle_format
from planner.io.bundle import Bundle


@dataclass(frozen=True)
class Counts:
    """What an import did with one kind of record."""

    added: int = 0
    updated: int = 0
    kept: int = 0


@dataclass(frozen=True)
class ImportResult:
    """What an import added, updated, and kept as it was, for each kind of record."""

    profile: Counts
    assessments: Counts
    plan_items: Counts
    draft: Counts

    @property
    def added(self) -> int:
        return sum(c.added for c in self._all())

    @property
    def updated(self) -> int:
        return sum(c.updated for c in self._all())

    @property
    def kept(self) -> int:
        return sum(c.kept for c in self._all())

    def message(self) -> str:
        """What happened, in a sentence fit to show the person."""
        if not self.added and not self.updated:
            return "Nothing new to import: everything in the file is already saved."
        parts = []
        for verb, attr in (("Added", "added"), ("Updated", "updated")):
            listed = [
                wording.counted(getattr(counts, attr), noun)
                for counts, noun in zip(self._all(), ("profile", "assessment", "plan item", "draft"))
                if getattr(counts, attr)
            ]
            if listed:
                parts.append(f"{verb} {wording.joined(listed)}")
        were = "was" if self.kept == 1 else "were"
        kept = f" Kept {wording.counted(self.kept, 'record')} that {were} already up to date." if self.kept else ""
        return "; ".join(parts) + "." + kept

    def _all(self) -> tuple[Counts, ...]:
        return (self.profile, self.assessments, self.plan_items, self.draft)



def merge_bundle(repo: store.Repository, bundle: Bundle, *, chosen_id: str | None) -> ImportResult:
    """Merge a plan file's records into the saved data, losing nothing on either side.

    A file changes only the profile the person importing it is using, or, when they use none,
    becomes a new person: a file whose id is another saved profile's is refused, so nobody's
    record is changed by someone else's import. A new profile keeps the file's id; the chosen
    one is updated only if the file's is newer. Assessments are added when new and never
    overwritten. Plan items are added when new, replaced when the file's is newer, otherwise
    kept. A saved draft is kept. Everything is worked out before the first write, and the
    person's records are written together.

    Args:
        repo: the saved data.
        bundle: the checked records, from read_bundle.
        chosen_id: the profile in use by the person importing, or None when they use none.

    Returns:
        How many records were added, updated and kept, by kind.

    Raises:
        PlannerError: the file belongs to another profile than the one in use, or the saved
            data could not be read or written; when this happens nothing of the import has
            been saved.
    """
    with repo.transaction(people=[bundle.profile.id]):  # what was read stays so until the writes
        return _merge(repo, bundle, chosen_id)


def _merge(repo: store.Repository, bundle: Bundle, chosen_id: str | None) -> ImportResult:
    profile = bundle.profile
    try:
        saved_profile = repo.get_profile(profile.id)
        saved_assessments: set[str] = set()
        saved_items: dict[str, PlanItem] = {}
        saved_draft = None
        if saved_profile is not None:
            saved_assessments = {a.id for a in repo.list(Assessment, profile.id)}
            saved_items = {i.id: i for i in repo.list(PlanItem, profile.id)}
            if bundle.draft is not None:
                saved_draft = repo.get(Draft, profile.id, bundle.draft.id)
    except PlannerError as exc:
        raise PlannerError(f"Nothing was imported: the saved data could not be read. {exc}") from None
    _may_import(profile.id, saved_profile is not None, chosen_id)

    writes: list[BaseModel] = []

    if saved_profile is None:
        profile_counts, save_profile = Counts(added=1), True
    elif bundle_format.moment(profile.updated_at) > bundle_format.moment(saved_profile.updated_at):
        profile_counts, save_profile = Counts(updated=1), True
    else:
        profile_counts, save_profile = Counts(kept=1), False

    new_assessments = [a for a in bundle.assessments if a.id not in saved_assessments]
    writes += new_assessments
    assessment_counts = Counts(added=len(new_assessments), kept=len(bundle.assessments) - len(new_assessments))

    added = updated = kept = 0
    for item in bundle.plan_items:
        saved = saved_items.get(item.id)
        if saved is None:
            added += 1
            writes.append(item)
        elif bundle_format.moment(item.updated_at) > bundle_format.moment(saved.updated_at):
            updated += 1
            writes.append(item)
        else:
            kept += 1
    item_counts = Counts(added=added, updated=updated, kept=kept)

    draft_counts = Counts()
    if bundle.draft is not None:
        if saved_draft is None:
            draft_counts = Counts(added=1)
            writes.append(bundle.draft)
        else:
            draft_counts = Counts(kept=1)

    try:
        if save_profile:
            # One call saves the profile and its records together.
            repo.save_profiles([profile], writes)
        elif writes:
            repo.put_many(writes)
    except (PlannerError, OSError, ValueError) as exc:
        raise PlannerError(f"The plan could not be imported, and nothing was changed: {exc}") from exc
    return ImportResult(profile=profile_counts, assessments=assessment_counts,
                        plan_items=item_counts, draft=draft_counts)


def _may_import(file_id: str, saved: bool, chosen_id: str | None) -> None:
    if file_id == chosen_id:
        return
    if saved:
        raise PlannerError(
            "The plan file belongs to another profile saved here, not to the one you are using, so "
            "it was not imported and nothing was changed. A plan file can change only its own "
            "profile, when that profile is the one in use."
        )
    if chosen_id is not None:
        raise PlannerError(
            "The plan file is of another person, not the profile in use, so it was not imported and "
            "nothing was changed. A plan file can change only its own profile. To bring in another "
            "person's plan, import it on Your profile when no profile is chosen."
        )
