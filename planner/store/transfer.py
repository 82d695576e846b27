"""Copying everything saved from one store into another, idempotently (the check of a copy is transfer_check's).

Generic over two `Repository` objects (a TinyDB data folder and PostgreSQL, either way round):
every profile with every readable record of every kind (PERSON_TABLES, in the order first
saved), the shared records (SHARED_TABLES), the settings and the imported data sets. A record is
written only when the target lacks it or holds a different one, so a second run writes nothing.
A record of what happened (NEVER_REPLACED) that differs in the target under the same id is a
conflict, and so is anything of the target that would be replaced but cannot be read: while
there is one, nothing is copied. What the source cannot read is not copied, and is named, so
nobody loses data without being told.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from planner.domain.models import AccessRecord, Assessment, MentorRating, Profile, ProfileRef, Settings
from planner.errors import StoreError, UnreadableDataSet
from planner.store.documents import PERSON_TABLES, SHARED_TABLES, kind_name, owner_and_id, to_document
from planner.store.repository import Repository

PROFILES = "profiles"
SETTINGS = "settings"
DATA_SETS = "imported data sets"

NEVER_REPLACED: frozenset[type[BaseModel]] = frozenset({Assessment, MentorRating, AccessRecord})
"""Records of what happened (an assessment taken, a mentor's ratings, a time someone saw a person's
data): the app adds each once, so a different one under the same id in the target is not an older
copy to bring up to date but data of its own, and copying stops rather than overwrite it."""


def kind_label(model_cls: type[BaseModel]) -> str:
    """How counts and messages name a kind of record, in the plural: "plan items"."""
    return f"{kind_name(model_cls)}s"


KINDS: tuple[str, ...] = (
    PROFILES,
    *(kind_label(kind) for kind in PERSON_TABLES),
    *(kind_label(kind) for kind in SHARED_TABLES),
    SETTINGS,
    DATA_SETS,
)
"""Every kind the copy counts, in the order it copies them."""


@dataclass
class Counts:
    """How many records of one kind are new to the target, replace a different one there, or are there already."""

    new: int = 0
    replaced: int = 0
    same: int = 0


def _no_counts() -> dict[str, Counts]:
    return {kind: Counts() for kind in KINDS}


@dataclass
class Outcome:
    """What a copy wrote, or what a dry run found it would write.

    Attributes:
        counts: Kind (see KINDS) -> its counts, for every kind.
        left_behind: What the source holds but cannot read, so it is not copied: one sentence each.
        conflicts: What stops the copy, one sentence each (empty when it can go ahead).
    """

    counts: dict[str, Counts] = field(default_factory=_no_counts)
    left_behind: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    @property
    def to_write(self) -> int:
        """How many records are (or would be) written: the new ones and the replaced ones."""
        return sum(c.new + c.replaced for c in self.counts.values())

    @property
    def already_there(self) -> int:
        """How many records the target holds already, the same as in the source."""
        return sum(c.same for c in self.counts.values())

    def include(self, counts: Mapping[str, Counts]) -> None:
        """Add the counts of one part of the copy (a person, or the shared records) to these."""
        for kind, more in counts.items():
            self.counts[kind].new += more.new
            self.counts[kind].replaced += more.replaced
            self.counts[kind].same += more.same


class TransferConflict(StoreError):
    """The target holds something the copy must not overwrite; nothing of it was written.

    Attributes:
        conflicts: Each conflict, in a sentence.
        people_copied: How many people were copied before it was found (0 when found before copying).
    """

    def __init__(self, conflicts: Sequence[str], people_copied: int = 0) -> None:
        self.conflicts = list(conflicts)
        self.people_copied = people_copied
        listed = " ".join(self.conflicts[:10])
        more = f" (and {len(self.conflicts) - 10} more)" if len(self.conflicts) > 10 else ""
        super().__init__(f"The target already holds different data under the same ids: {listed}{more}")


@dataclass(frozen=True)
class Person:
    """One person as read from the source: their profile and their readable records, kind by kind.

    Attributes:
        who: Their name and profile id, as messages name them.
    """

    who: str
    profile: Profile
    records: dict[type[BaseModel], list[BaseModel]]


@dataclass
class Changes:
    """What copying one part (a person, or the shared records and settings) writes to the target."""

    counts: dict[str, Counts] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)
    profile: Profile | None = None
    records: list[BaseModel] = field(default_factory=list)
    shared: list[BaseModel] = field(default_factory=list)
    settings: Settings | None = None
    data_sets: dict[str, dict[str, Any]] = field(default_factory=dict)

    def count(self, kind: str, old: object, new: object) -> bool:
        """Count one record by what the target holds (`old`, None if nothing); True when it is to be written."""
        counts = self.counts.setdefault(kind, Counts())
        if old is None:
            counts.new += 1
        elif old == new:
            counts.same += 1
            return False
        else:
            counts.replaced += 1
        return True


def survey(source: Repository, target: Repository, data_sets: Iterable[str] = ()) -> Outcome:
    """What copying would write, reading both stores and writing nothing (the dry run).

    Args:
        source: The store to copy from.
        target: The store to copy into.
        data_sets: The names of the data sets a lead may import ("curriculum.json", ...).

    Returns:
        The counts of what would be written and what is there already, what the source cannot
        read, and any conflicts (while there is one, `copy_everything` copies nothing).

    Raises:
        StoreError: A store could not be read at all.
    """
    outcome = Outcome()
    for ref in source.list_profiles():
        person = read_person(source, ref, outcome.left_behind)
        if person is not None:
            changes = person_changes(person, target)
            outcome.include(changes.counts)
            outcome.conflicts += changes.conflicts
    changes = shared_changes(source, target, tuple(data_sets), outcome.left_behind)
    outcome.include(changes.counts)
    outcome.conflicts += changes.conflicts
    outcome.left_behind += source.take_notices()
    return outcome


def copy_everything(source: Repository, target: Repository, data_sets: Iterable[str] = ()) -> Outcome:
    """Copy everything the source can read into the target, writing only what the target lacks or holds differently.

    Every conflict is looked for first, and while there is one nothing is written. Each person is
    then copied in one transaction of the target, looked at again under its lock: a conflict that
    appeared meanwhile stops the copy with nothing of that person written. The shared records,
    the settings and the data sets follow in one last transaction.

    Args:
        source: The store to copy from (only read).
        target: The store to copy into.
        data_sets: The names of the data sets a lead may import ("curriculum.json", ...).

    Returns:
        The counts of what was written and what was there already, and what the source could not
        read (not copied).

    Raises:
        TransferConflict: The target holds something that must not be overwritten.
        StoreError: A store could not be read or written.
    """
    data_sets = tuple(data_sets)
    planned = survey(source, target, data_sets)
    if planned.conflicts:
        raise TransferConflict(planned.conflicts)
    done = Outcome(left_behind=planned.left_behind)
    later: list[str] = []  # anything found unreadable since the survey is told too
    people_copied = 0
    for ref in source.list_profiles():
        person = read_person(source, ref, later)
        if person is None:
            continue
        with target.transaction(people=[ref.id]):
            changes = person_changes(person, target)
            if changes.conflicts:
                raise TransferConflict(changes.conflicts, people_copied)
            if changes.profile is not None or changes.records:
                target.save_profiles([changes.profile] if changes.profile is not None else [], changes.records)
        done.include(changes.counts)
        people_copied += 1
    with target.transaction():
        changes = shared_changes(source, target, data_sets, later)
        if changes.conflicts:
            raise TransferConflict(changes.conflicts, people_copied)
        for record in changes.shared:
            target.put_shared(record)
        if changes.settings is not None:
            target.save_settings(changes.settings)
        for name, doc in changes.data_sets.items():
            target.put_data_set(name, doc)
    done.include(changes.counts)
    later += source.take_notices()
    done.left_behind += [sentence for sentence in later if sentence not in done.left_behind]
    return done


# Reading the source ---------------------------------------------------------------------------


def read_person(source: Repository, ref: ProfileRef, left_behind: list[str]) -> Person | None:
    """A person's readable data in the source; None when their profile cannot be read (then said in `left_behind`)."""
    who = f"{ref.name} ({ref.id})"
    before = len(left_behind)
    try:
        profile = source.get_profile(ref.id)
        if profile is None:
            left_behind.append(f"{who}: is listed, but no profile of theirs can be read, so nothing of theirs "
                               f"is copied.")
            return None
        records: dict[type[BaseModel], list[BaseModel]] = {
            kind: list(source.list(kind, ref.id)) for kind in PERSON_TABLES
        }
        unreadable = source.unreadable_records(ref.id)
        set_aside = source.set_aside_documents(ref.id)
    except StoreError as exc:
        # Half a person is worse than none: their records are copied only with all their readable data.
        left_behind.append(f"{who}: nothing of theirs is copied, because their saved data cannot be read: {exc}")
        return None
    finally:
        # What the store found while reading (a file it had to set aside): about this person, or the folder.
        general = source.take_notices()
        left_behind[before:before] = general + [f"{who}: {notice}" for notice in source.take_notices(ref.id)]
    for record in unreadable:
        which = f"id {record.record_id}" if record.record_id else "with no id"
        left_behind.append(
            f"{who}: a {record.kind} ({which}) cannot be read, so it is not copied (it stays in the source as it "
            f"is): {record.reason}"
        )
    if set_aside:
        many = "record was" if len(set_aside) == 1 else "records were"
        left_behind.append(
            f"{who}: {len(set_aside)} {many} set aside earlier as unreadable; set-aside records are not copied "
            f"(they stay in the source)."
        )
    return Person(who, profile, records)


# What the target lacks ------------------------------------------------------------------------


def person_changes(person: Person, target: Repository) -> Changes:
    """What copying one person writes: their profile if new or different, and each new or different record."""
    changes = Changes()
    profile_id = person.profile.id
    try:
        there = target.get_profile(profile_id)
        held: dict[type[BaseModel], dict[str, dict[str, Any]]] = {}
        unreadable: set[tuple[str, str | None]] = set()
        if there is not None:
            held = {kind: {person_record_id(r): to_document(r) for r in target.list(kind, profile_id)}
                    for kind in PERSON_TABLES}
            unreadable = {(record.table, record.record_id) for record in target.unreadable_records(profile_id)}
    except StoreError as exc:
        changes.conflicts.append(
            f"{person.who}: their data in the target cannot be read, so it would be overwritten unseen: {exc}"
        )
        return changes
    profile_doc = to_document(person.profile)
    if changes.count(PROFILES, None if there is None else to_document(there), profile_doc):
        changes.profile = person.profile
    for kind, records in person.records.items():
        table = PERSON_TABLES[kind]
        for record in records:
            record_id = person_record_id(record)
            doc = to_document(record)
            old = held.get(kind, {}).get(record_id)
            if (table, record_id) in unreadable:
                changes.conflicts.append(
                    f"{person.who}: the target holds a {kind_name(kind)} with id {record_id} that cannot be read; "
                    f"copying would overwrite it. Set it aside or remove it there first."
                )
            elif kind in NEVER_REPLACED and old is not None and old != doc:
                changes.conflicts.append(
                    f"{person.who}: the target holds a different {kind_name(kind)} with id {record_id}, and a saved "
                    f"{kind_name(kind)} is never overwritten."
                )
            elif changes.count(kind_label(kind), old, doc):
                changes.records.append(record)
    return changes


def shared_changes(source: Repository, target: Repository, data_sets: tuple[str, ...],
                   left_behind: list[str]) -> Changes:
    """What copying the records that belong to no one person, the settings and the data sets writes.

    What of them the source cannot read is said in `left_behind`.
    """
    changes = Changes()
    for kind in SHARED_TABLES:
        held = {shared_id(record): to_document(record) for record in target.list_shared(kind)}
        for record in source.list_shared(kind):
            if changes.count(kind_label(kind), held.get(shared_id(record)), to_document(record)):
                changes.shared.append(record)
    try:
        settings = source.get_settings()
    except StoreError as exc:
        settings = None
        left_behind.append(f"The settings cannot be read, so they are not copied: {exc}")
    if settings is not None:
        try:
            there = target.get_settings()
        except StoreError as exc:
            changes.conflicts.append(f"The target's settings cannot be read, so they would be overwritten unseen: "
                                     f"{exc}")
        else:
            if changes.count(SETTINGS, None if there is None else to_document(there), to_document(settings)):
                changes.settings = settings
    for name in data_sets:
        try:
            doc = source.get_data_set(name)
        except UnreadableDataSet as exc:
            left_behind.append(f"The imported data set {name} cannot be read, so it is not copied: {exc.reason}")
            continue
        if doc is None:
            continue
        try:
            there_doc = target.get_data_set(name)
        except UnreadableDataSet as exc:
            changes.conflicts.append(
                f"The target's imported data set {name} cannot be read, so it would be overwritten unseen: {exc.reason}"
            )
            continue
        if changes.count(DATA_SETS, there_doc, doc):
            changes.data_sets[name] = doc
    return changes


def person_record_id(record: BaseModel) -> str:
    """The id of a person's record (unique among their records of its kind)."""
    return owner_and_id(record)[1]


def shared_id(record: BaseModel) -> str:
    """The id of a shared record (unique among the shared records of its kind)."""
    return str(getattr(record, "id"))  # noqa: B009 - every shared kind has an id
