"""Framework versions: a lead installs a revision (or another framework) and makes it the one in use;
a person starts their next assessment in it with their ratings carried by the crosswalk.

Installing never changes anything already saved: every snapshot keeps the version it was made
against, and earlier versions stay installed so that old snapshots are always read as they were.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from planner import store
from planner.domain import crosswalk as carrying
from planner.domain.models import Assessment, Draft, Framework, FrameworkRef, Profile
from planner.domain.versions import Activation, Crosswalk, FrameworkLibrary
from planner.errors import PlannerError
from planner.io import packs
from planner.io.shipped import load_framework
from planner.services.acting import Actor, require_admin, require_own

FRAMEWORKS = "the framework versions"

DRAFT_ID = "ratings-in-progress"
"""The id a carry offer gives ratings in progress, which are not a saved snapshot."""


@dataclass(frozen=True)
class Installed:
    """What installing a pack did."""

    pack: Framework
    crosswalk: Crosswalk | None
    active: bool
    """Whether it was also made the version in use."""


def install(repo: store.Repository, actor: Actor, pack: Framework, crosswalk: Crosswalk | None,
            now: datetime, *, activate: bool = False) -> Installed:
    """Keep a framework pack (and the crosswalk from an earlier version to it) beside those installed.

    Args:
        repo: the saved data.
        actor: who is acting: only someone who manages shared data.
        pack: the pack, already read and checked (framework_io.read_pack).
        crosswalk: how ratings of an installed version carry to this one, or None.
        now: the time of installing.
        activate: also make it the version in use.

    Raises:
        NotAllowed: the actor does not manage shared data; nothing was changed.
        PlannerError: that version is already installed with other content, or the crosswalk does
            not fit the versions it names; nothing was changed.
        StoreError: it could not be written; what was installed before is unchanged.
    """
    require_admin(actor, FRAMEWORKS)
    # Read and replaced whole under one lock: two leads installing at once each keep their version.
    with repo.transaction(data_sets=[packs.LIBRARY_FILE]):
        return _install(repo, actor, pack, crosswalk, now, activate=activate)


def _install(repo: store.Repository, actor: Actor, pack: Framework, crosswalk: Crosswalk | None,
             now: datetime, *, activate: bool) -> Installed:
    library = packs.read_library(repo)
    shipped = load_framework()
    earlier: Framework | None
    if pack.ref == shipped.ref:
        if pack != shipped:
            raise PlannerError(
                f"Version {pack.version} of {pack.title} is the version shipped with the app, and this file "
                f"differs from it. Give the revision a new version number. Nothing was installed."
            )
        earlier = shipped
    else:
        earlier = library.pack(pack.ref)
        if earlier is not None and earlier != pack:
            raise PlannerError(
                f"Version {pack.version} of {pack.title} is already installed, and this file differs from it. "
                f"Give the revision a new version number. Nothing was installed."
            )
    new_packs = library.packs if earlier is not None else [*library.packs, pack]
    new_crosswalks = list(library.crosswalks)
    if crosswalk is not None:
        if crosswalk.to_version != pack.ref:
            raise PlannerError(
                f"The crosswalk goes to version {crosswalk.to_version.version} of {crosswalk.to_version.id}, "
                f"not to the version being installed ({pack.version}). Nothing was installed."
            )
        old = packs.find_pack(library, crosswalk.from_version)
        problems = carrying.check_crosswalk(crosswalk, old, pack)
        if problems:
            raise PlannerError("The crosswalk was not installed: " + " ".join(problems))
        new_crosswalks = [c for c in new_crosswalks
                          if (c.from_version, c.to_version) != (crosswalk.from_version, crosswalk.to_version)]
        new_crosswalks.append(crosswalk)
    updated = library.model_copy(update={"packs": new_packs, "crosswalks": new_crosswalks})
    if activate:
        updated = _activated(updated, pack.ref, actor, now)
    packs.save_library(repo, updated)
    return Installed(pack, crosswalk, activate)


def activate(repo: store.Repository, actor: Actor, version: FrameworkRef, now: datetime) -> Framework:
    """Make an installed version (or the shipped one) the version in use.

    Raises:
        NotAllowed: the actor does not manage shared data; nothing was changed.
        UnknownFramework: that version is not installed.
        StoreError: it could not be written.
    """
    require_admin(actor, FRAMEWORKS)
    with repo.transaction(data_sets=[packs.LIBRARY_FILE]):
        library = packs.read_library(repo)
        pack = packs.find_pack(library, version)
        packs.save_library(repo, _activated(library, version, actor, now))
    return pack


def _activated(library: FrameworkLibrary, version: FrameworkRef, actor: Actor, now: datetime) -> FrameworkLibrary:
    return library.model_copy(update={
        "active": version,
        "activations": [*library.activations, Activation(version=version, at=now, by=actor.name)],
    })


def crosswalk_to(library: FrameworkLibrary, snapshot_version: FrameworkRef,
                 version: FrameworkRef) -> Crosswalk | None:
    """The crosswalk from a snapshot's version to the version in use, if a lead installed one."""
    return library.crosswalk(snapshot_version, version)


@dataclass(frozen=True)
class CarryOffer:
    """What starting the next assessment in the version in use would carry from a person's latest one."""

    snapshot: Assessment
    """The latest self-assessment, made in an earlier version."""
    old: Framework
    new: Framework
    crosswalk: Crosswalk | None
    carried: carrying.Carried


def carry_offer(library: FrameworkLibrary, fw: Framework, own: list[Assessment],
                draft: Draft | None) -> CarryOffer | None:
    """The ratings the person's latest ratings in an earlier version would carry into the version in use.

    Their ratings in progress come first when those were made in an earlier version (they are newer
    than any snapshot), else their latest self-assessment when it was made in an earlier version and
    has not been carried yet. None when there is nothing to carry, or when the earlier version is no
    longer installed, or is another framework with no crosswalk to this one.

    Args:
        library: the installed versions and crosswalks.
        fw: the version in use.
        own: the person's self-assessments, latest first.
        draft: their ratings in progress, if any (dated, when carried, the day they last changed).
    """
    if draft is not None and draft.ratings and draft.framework_version != fw.ref:
        latest = Assessment(id=DRAFT_ID, profile_id=draft.profile_id, taken_on=draft.updated_at.date(),
                            created_at=draft.updated_at, framework_version=draft.framework_version,
                            ratings=draft.ratings, comment=draft.comment)
    elif own and own[0].framework_version != fw.ref and (draft is None or draft.carried_from != own[0].id):
        latest = own[0]
    else:
        return None
    return _carried_from(library, fw, latest)


def carried_so_far(library: FrameworkLibrary, fw: Framework, draft: Draft | None,
                   assessments: list[Assessment]) -> CarryOffer | None:
    """What was carried into the person's ratings in progress, while they are still a draft: to show
    them what came across, what is new to rate and what was retired. None for a draft not carried."""
    if draft is None or draft.carried_from is None or draft.framework_version != fw.ref:
        return None
    snapshot = next((a for a in assessments if a.id == draft.carried_from), None)
    return None if snapshot is None else _carried_from(library, fw, snapshot)


def _carried_from(library: FrameworkLibrary, fw: Framework, snapshot: Assessment) -> CarryOffer | None:
    """What the snapshot's ratings carry to the version in use; None when its version is no longer
    installed, or is another framework with no crosswalk saying how its ratings would carry."""
    try:
        old = packs.find_pack(library, snapshot.framework_version)
    except PlannerError:
        return None
    cw = crosswalk_to(library, snapshot.framework_version, fw.ref)
    if cw is None and old.id != fw.id:
        return None
    return CarryOffer(snapshot, old, fw, cw, carrying.carry(old, fw, cw, snapshot))


def start_carried(repo: store.Repository, actor: Actor, profile: Profile, offer: CarryOffer, scope_level: int,
                  now: datetime) -> Draft:
    """Start the person's next assessment in the version in use with the ratings the crosswalk carries.

    Ratings they have already made in this version are kept: what is carried fills only the
    indicators they have not rated. The earlier snapshot is not changed; the new ratings are a draft
    until the person saves them.

    Raises:
        NotAllowed: it is someone else's profile.
        StoreError: it could not be saved.
    """
    require_own(actor, profile.id, "their assessments")
    with repo.transaction(people=[profile.id]):
        draft = repo.get(Draft, profile.id, "current")
        carried = carrying.carried_draft(offer.new, offer.snapshot, offer.carried, scope_level, now)
        update: dict[str, object] = {"profile_id": profile.id}
        if offer.snapshot.id == DRAFT_ID:  # carried from ratings in progress, not from a saved snapshot
            update["carried_from"] = None
        if draft is not None and draft.framework_version == offer.new.ref:
            update |= {"ratings": {**carried.ratings, **draft.ratings}, "typed_evidence": draft.typed_evidence,
                       "comment": draft.comment or carried.comment, "scope_level": draft.scope_level}
        carried = carried.model_copy(update=update)
        repo.put(carried)
    return carried
