"""Checking a copy made by planner.store.transfer: every record the source can read, compared with the target's.

Two records are the same when their documents are (`to_document`), and each kind of a person's
records, and each kind of shared record, must be in the target in the order first saved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel

from planner.errors import StoreError
from planner.store.documents import SHARED_TABLES, kind_name, to_document
from planner.store.repository import Repository
from planner.store.transfer import DATA_SETS, SETTINGS, Counts, person_record_id, read_person, shared_changes, shared_id


@dataclass
class Check:
    """How the target compares with the source, record by record.

    Attributes:
        compared: How many records of the source were compared (every readable one).
        differences: Each record missing from the target, different there, or out of order, in a sentence.
        left_behind: What the source holds but cannot read (not compared).
        only_in_target: How many profiles the target holds that the source does not (left as they are).
    """

    compared: int = 0
    differences: list[str] = field(default_factory=list)
    left_behind: list[str] = field(default_factory=list)
    only_in_target: int = 0

    @property
    def ok(self) -> bool:
        """Whether every readable record of the source is in the target, the same, in the same order."""
        return not self.differences


def compare(source: Repository, target: Repository, data_sets: Iterable[str] = ()) -> Check:
    """Compare every record the source can read with the target's (documents equal, in the order first saved).

    Args:
        source: The store copied from.
        target: The store copied into.
        data_sets: The names of the data sets a lead may import.

    Raises:
        StoreError: A store could not be read at all.
    """
    check = Check()
    source_ids = set()
    for ref in source.list_profiles():
        source_ids.add(ref.id)
        person = read_person(source, ref, check.left_behind)
        if person is None:
            continue
        check.compared += 1 + sum(len(records) for records in person.records.values())
        try:
            there = target.get_profile(ref.id)
            if there is None:
                check.differences.append(f"{person.who}: the profile, and so all their records, are missing from "
                                         f"the target.")
                continue
            if to_document(there) != to_document(person.profile):
                check.differences.append(f"{person.who}: the profile is different in the target.")
            for kind, records in person.records.items():
                check.differences += _compare_kind(
                    f"{person.who}: ", kind_name(kind), records, target.list(kind, ref.id), person_record_id
                )
        except StoreError as exc:
            check.differences.append(f"{person.who}: their data in the target cannot be read: {exc}")
    for kind in SHARED_TABLES:
        records = source.list_shared(kind)
        check.compared += len(records)
        check.differences += _compare_kind("", f"shared {kind_name(kind)}", records, target.list_shared(kind),
                                           shared_id)
    # The settings and the data sets are the same when copying them would write nothing.
    changes = shared_changes(source, target, tuple(data_sets), check.left_behind)
    for what in (SETTINGS, DATA_SETS):
        counts = changes.counts.get(what, Counts())
        check.compared += counts.new + counts.replaced + counts.same
    if changes.settings is not None:
        check.differences.append("The settings are missing from the target or different there.")
    check.differences += [f"The imported data set {name} is missing from the target or different there."
                          for name in changes.data_sets]
    check.differences += changes.conflicts
    check.left_behind += source.take_notices()
    check.only_in_target = len({ref.id for ref in target.list_profiles()} - source_ids)
    return check


def _compare_kind(prefix: str, kind: str, records: Sequence[BaseModel], there: Sequence[BaseModel],
                  record_id: Callable[[BaseModel], str]) -> list[str]:
    """Each of `records` missing from `there` or different in it, and whether they keep their order there."""
    held = {record_id(record): to_document(record) for record in there}
    found = []
    for record in records:
        doc = held.get(record_id(record))
        if doc is None:
            found.append(f"{prefix}the {kind} with id {record_id(record)} is missing from the target.")
        elif doc != to_document(record):
            found.append(f"{prefix}the {kind} with id {record_id(record)} is different in the target.")
    order = [record_id(record) for record in records]
    wanted = set(order)
    if not found and [record_id(record) for record in there if record_id(record) in wanted] != order:
        found.append(f"{prefix}the {kind}s are in a different order in the target from the order first saved.")
    return found
