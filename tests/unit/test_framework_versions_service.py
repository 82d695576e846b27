"""Installing framework versions and carrying a person's ratings into one (planner.services.frameworks)."""

from __future__ import annotations

import threading
import time
from datetime import UTC, date, datetime

import pytest

from planner.domain.models import Assessment, Draft, FrameworkRef, Profile, Rating
from planner.errors import PlannerError, UnknownFramework
from planner.io import packs
from planner.services import frameworks
from planner.services.acting import Actor, NotAllowed
from tests import revisions

NOW = datetime(2026, 12, 2, 10, tzinfo=UTC)
LEAD = Actor("lead", "Lena Lead", "lena@example.gov.uk", signed_in=True, manages_shared_data=True)
STAFF = Actor("staff", "Sam Staff", "sam@example.gov.uk", signed_in=True, manages_shared_data=False)


def test_only_someone_who_manages_shared_data_installs_or_changes_the_version(repo, fw):
    with pytest.raises(NotAllowed, match="Only the profession's admins"):
        frameworks.install(repo, STAFF, revisions.revised(fw), None, NOW, activate=True)
    frameworks.install(repo, LEAD, revisions.revised(fw), None, NOW)
    with pytest.raises(NotAllowed):
        frameworks.activate(repo, STAFF, revisions.revised(fw).ref, NOW)
    assert packs.read_library(repo).active is None


def test_installing_keeps_earlier_versions_and_activating_records_who_and_when(repo, fw):
    v2 = revisions.revised(fw)
    frameworks.install(repo, LEAD, v2, revisions.crosswalk(fw), NOW)
    assert packs.active_pack(repo) == fw  # installed, not yet in use
    frameworks.activate(repo, LEAD, v2.ref, NOW)
    library = packs.read_library(repo)
    assert packs.active_pack(repo) == v2
    assert [p.version for p in packs.every_pack(library)] == ["1", "2"]
    assert [(a.version, a.by) for a in library.activations] == [(v2.ref, "Lena Lead")]
    frameworks.activate(repo, LEAD, fw.ref, NOW)  # back to the shipped version
    assert packs.active_pack(repo) == fw


def test_a_version_already_installed_with_other_content_is_refused_and_the_same_one_is_not_doubled(repo, fw):
    v2 = revisions.revised(fw)
    frameworks.install(repo, LEAD, v2, None, NOW)
    frameworks.install(repo, LEAD, v2, None, NOW)
    assert len(packs.read_library(repo).packs) == 1
    other = v2.model_copy(update={"title": "Something else"})
    with pytest.raises(PlannerError, match="already installed, and this file differs"):
        frameworks.install(repo, LEAD, other, None, NOW)
    with pytest.raises(PlannerError, match="shipped with the app"):
        frameworks.install(repo, LEAD, fw.model_copy(update={"title": "Changed"}), None, NOW)
    assert packs.read_library(repo).packs == [v2]


def test_a_crosswalk_that_does_not_fit_its_versions_installs_nothing(repo, fw):
    v2 = revisions.revised(fw)
    wrong = revisions.crosswalk(fw).model_copy(update={"to_version": FrameworkRef(id=fw.id, version="3")})
    with pytest.raises(PlannerError, match="not to the version being installed"):
        frameworks.install(repo, LEAD, v2, wrong, NOW)
    assert packs.read_library(repo).packs == []
    with pytest.raises(UnknownFramework):
        frameworks.activate(repo, LEAD, FrameworkRef(id=fw.id, version="3"), NOW)


def _person_in_v1(repo, fw) -> tuple[Profile, Assessment]:
    profile = Profile(id="staff", name="Sam Staff", current_grade="HEO")
    repo.save_profile(profile)
    snap = Assessment(profile_id=profile.id, taken_on=date(2026, 3, 1),
                      ratings={"1.1.4": Rating(score=4), "1.1.5": Rating(score=2), "2.2.1": Rating(score=3)})
    repo.add(snap)
    return profile, snap


def test_a_person_starts_the_new_version_from_their_carried_ratings_keeping_what_they_rated_there(repo, fw):
    v2 = revisions.revised(fw)
    frameworks.install(repo, LEAD, v2, revisions.crosswalk(fw), NOW, activate=True)
    profile, snap = _person_in_v1(repo, fw)
    library = packs.read_library(repo)
    offer = frameworks.carry_offer(library, v2, [snap], None)
    assert offer is not None and offer.old == fw and offer.snapshot == snap
    # They had already rated one indicator in version 2: that rating is theirs, and stays.
    repo.put(Draft(profile_id=profile.id, framework_version=v2.ref, ratings={"2.2.1": Rating(score=1)}))
    draft = frameworks.start_carried(repo, STAFF, profile, offer, 3, NOW)
    assert draft.ratings["2.2.1"].score == 1 and draft.ratings["1.1.4"].score == 2
    assert draft.carried_from == snap.id and repo.get(Draft, profile.id, "current") == draft
    assert repo.list(Assessment, profile.id) == [snap]
    # Once carried, it is not offered again; what came across is still there to see.
    assert frameworks.carry_offer(library, v2, [snap], draft) is None
    assert frameworks.carried_so_far(library, v2, draft, [snap]).snapshot == snap


def test_nobody_else_starts_a_persons_assessment(repo, fw):
    v2 = revisions.revised(fw)
    frameworks.install(repo, LEAD, v2, revisions.crosswalk(fw), NOW, activate=True)
    profile, snap = _person_in_v1(repo, fw)
    offer = frameworks.carry_offer(packs.read_library(repo), v2, [snap], None)
    with pytest.raises(NotAllowed):
        frameworks.start_carried(repo, LEAD, profile, offer, 3, NOW)
    assert repo.get(Draft, profile.id, "current") is None


def test_ratings_in_progress_in_the_earlier_version_are_carried_before_any_snapshot(repo, fw):
    v2 = revisions.revised(fw)
    frameworks.install(repo, LEAD, v2, revisions.crosswalk(fw), NOW, activate=True)
    profile, snap = _person_in_v1(repo, fw)
    old_draft = Draft(profile_id=profile.id, ratings={"1.3.3": Rating(score=3), "3.1.1": Rating(score=4)},
                      updated_at=NOW)
    offer = frameworks.carry_offer(packs.read_library(repo), v2, [snap], old_draft)
    assert offer is not None and offer.snapshot.id == frameworks.DRAFT_ID
    assert [r.code for r in offer.carried.retired] == ["1.3.3"]
    draft = frameworks.start_carried(repo, STAFF, profile, offer, 3, NOW)
    assert draft.ratings == {"3.1.1": Rating(score=4)} and draft.carried_from is None


def test_another_framework_with_no_crosswalk_carries_nothing(repo, fw):
    other = revisions.revised(fw).model_copy(update={"id": "another-framework", "version": "1"})
    frameworks.install(repo, LEAD, other, None, NOW, activate=True)
    _, snap = _person_in_v1(repo, fw)
    assert frameworks.carry_offer(packs.read_library(repo), other, [snap], None) is None


def test_leads_installing_at_once_each_keep_their_version(repo, fw, monkeypatch):
    # Each install reads the library, then pauses before writing it back: without a lock every
    # lead reads the same library, and each write would replace the others' installs.
    reading = packs.read_library

    def slow_read(store):
        library = reading(store)
        time.sleep(0.2)
        return library

    monkeypatch.setattr(packs, "read_library", slow_read)
    versions = [revisions.revised(fw).model_copy(update={"version": str(n)}) for n in (2, 3, 4, 5)]
    start = threading.Barrier(len(versions))
    failures: list[BaseException] = []

    def lead_installs(pack):
        start.wait()
        try:
            frameworks.install(repo, LEAD, pack, None, NOW, activate=True)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            failures.append(exc)

    threads = [threading.Thread(target=lead_installs, args=(v,)) for v in versions]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert failures == []
    library = reading(repo)
    assert sorted(p.version for p in library.packs) == ["2", "3", "4", "5"]
    assert len(library.activations) == 4  # every lead's choice is on record, in the order made
    assert library.active == library.activations[-1].version
