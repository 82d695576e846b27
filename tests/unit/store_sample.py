"""The sample of saved data kept in tests/fixtures/store_v0_15, as the store of version 0.15 wrote it.

`write_sample` is the one description of it: the fixture was made by running it with the store
of version 0.15 (before each person's file was opened through TinyDB itself), and the format
tests run it again with today's store and compare, byte for byte, what is on disk.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from planner.domain.models import Assessment, Draft, Evidence, ItemStatus, Mentee, PlanItem, Profile, Rating, Settings

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "store_v0_15"
WHEN = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)

ADA = Profile(id="ada-lovelace", name="Ada Lovelace", current_grade="HEO", target_grade="SEO",
              notes="Wants to lead a records team.", created_at=WHEN, updated_at=WHEN)
SNAPSHOT = Assessment(id="snapshot-1", profile_id=ADA.id, taken_on=date(2026, 11, 1), created_at=WHEN,
                      ratings={"1.1.1": Rating(score=3, evidence=Evidence(situation="A file plan review")),
                               "2.1.3": Rating(score=1)}, comment="First go")
ITEMS = [PlanItem(id=f"item-{n}", profile_id=ADA.id, objective=f"Objective {n}", indicators=["2.1.3"],
                  target_date=date(2027, 1, n), created_at=WHEN, updated_at=WHEN) for n in (1, 2, 3)]
EDITED = ITEMS[0].model_copy(update={"objective": "Objective 1, edited", "status": ItemStatus.IN_PROGRESS})
# scope_level 4: what 0.15 wrote by default (the KIM framework's top); given now that the default is "every level".
DRAFT = Draft(profile_id=ADA.id, scope_level=4, ratings={"1.1.2": Rating(score=2)}, updated_at=WHEN)
MENTEE = Mentee(id="mentee-1", profile_id=ADA.id, mentee_profile_id="bob-builder", name="Bob Builder",
                source="local", added_at=WHEN)
SETTINGS = Settings(grade_levels={"HEO": 2, "SEO": 3}, min_months_in_grade=18)


def write_sample(repo) -> None:
    """Save the sample through a repository's public methods, in a fixed order."""
    repo.save_profile(ADA)
    repo.add(SNAPSHOT)
    repo.put_many(ITEMS)
    repo.remove(PlanItem, ADA.id, ITEMS[1].id)  # a gap in the numbers
    repo.put(EDITED)  # replaced in its place
    repo.put(DRAFT)
    repo.put(MENTEE)
    repo.save_settings(SETTINGS)
