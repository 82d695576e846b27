"""An installation's saved data made through the app's own services, for the tests of moving and backing up data.

`fill(repo, fw)` saves, as people using the app would: people on a department's server with
self-assessments, drafts and plans; a mentorship by consent with the mentor's looks, ratings, a
conversation and its proposed actions (one accepted into the plan); a local mentee with a
mentor's ratings and conversation; a mentor's file imported; a team with a member who joined and
was seen; a deleted person (a deletion note); the grade settings; an imported curriculum and
professional bodies' mapping. Every kind of record the store keeps is among them (see
`kinds_missing`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from planner.domain import cpd
from planner.domain.models import (
    AgreedAction,
    Assessment,
    Conversation,
    ConversationDraft,
    Draft,
    DraftMeeting,
    Framework,
    JobSpecDraft,
    PlanItem,
    PlanItemDraft,
    Profile,
    Rating,
    Settings,
)
from planner.io.dataset import CURRICULUM, MAPPING
from planner.services import (
    behaviour_examples,
    consent,
    conversations,
    frameworks,
    job_specs,
    line_management,
    mentoring,
    pdp_details,
    privacy,
    shared_data,
    teams,
)
from planner.services import cpd as cpd_log
from planner.services.acting import Actor
from planner.store.documents import PERSON_TABLES, SHARED_TABLES, to_document
from planner.store.repository import Repository
from planner.transfer import DATA_SETS
from tests import revisions

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)

ADA = Actor.on_server("id-ada", "Ada Lovelace", "ada@example.gov.uk", admin=True)
GRACE = Actor.on_server("id-grace", "Grace Hopper", "grace@example.gov.uk", admin=False)
BOB = Actor.on_server("id-bob", "Bob Baker", "bob@example.gov.uk", admin=False)
LENA = Actor.on_server("id-lena", "Lena Lead", "lena@example.gov.uk", admin=False)
CAROL = Actor.on_server("id-carol", "Carol Clark", "carol@example.gov.uk", admin=False)
PEOPLE = (ADA, GRACE, BOB, LENA, CAROL)


def _profile(actor: Actor, grade: str) -> Profile:
    return Profile(id=actor.profile_id, name=actor.name, email=actor.email, current_grade=grade,
                   target_grade="G7", notes=f"{actor.name} wants to lead a records team.", created_at=NOW,
                   updated_at=NOW)


def _assess(repo: Repository, actor: Actor, codes: list[str], taken_on: date, score: int) -> Assessment:
    """A self-assessment saved as the Assess page saves one (never overwritten)."""
    snapshot = Assessment(profile_id=actor.profile_id, taken_on=taken_on, created_at=NOW,
                          ratings={code: Rating(score=(score + n) % 5) for n, code in enumerate(codes)},
                          comment=f"Taken on {taken_on:%d %B}")
    repo.add(snapshot)
    return snapshot


def fill(repo: Repository, fw: Framework) -> None:
    """Save an installation's worth of data through the services, as people using the app would.

    Args:
        repo: An empty store.
        fw: The shipped framework.
    """
    codes = list(fw.codes)
    for number, actor in enumerate(PEOPLE):
        repo.save_profile(_profile(actor, ("HEO", "SEO", "EO", "G7", "HEO")[number]))
    for actor in (ADA, BOB, GRACE, LENA, CAROL):
        _assess(repo, actor, codes, date(2026, 3, 1), 1)
        _assess(repo, actor, codes, date(2026, 9, 1), 2)
        repo.put(Draft(profile_id=actor.profile_id, ratings={codes[0]: Rating(score=3)}, updated_at=NOW))
        repo.put_many([PlanItem(profile_id=actor.profile_id, objective=f"{actor.name}: objective {n}",
                                indicators=[codes[n]], target_date=date(2027, 1, n + 1), position=n,
                                created_at=NOW, updated_at=NOW) for n in (1, 2, 3)])
    repo.put(PlanItemDraft(profile_id=ADA.profile_id, objective="Half-typed objective", updated_at=NOW))
    # Ada logs CPD and keeps her reflective statement for CILIP revalidation.
    logged = cpd.new_entry(fw, profile_id=ADA.profile_id, done_on=date(2026, 10, 1), hours=3.5, kind="formal",
                           title="Records management course", indicators=[codes[1]], learned="Retention",
                           applied="Wrote the schedule", today=NOW.date(), now=NOW)
    cpd_log.add_entry(repo, ADA, logged, fw, NOW.date())
    cpd_log.save_statement(repo, ADA, ADA.profile_id, "This year I learned to appraise records.", NOW)
    # Lena saves a job specification with behaviours, pass marks and weights; Ada keeps a STAR example.
    job_specs.save(repo, LENA, JobSpecDraft(profile_id=LENA.profile_id, grade="SEO", title="Records manager",
                                            behaviours=["leadership", "working-together"], pass_marks={"leadership": 5},
                                            sift_weights={"leadership": 2.0}, updated_at=NOW), "SEO records", NOW)
    example = behaviour_examples.add(repo, ADA, "leadership", NOW)
    behaviour_examples.change(repo, ADA, example.id, {"title": "Records review", "action": "Led the review"}, NOW)
    # Ada fills in her plan's part for her line manager, with a review meeting.
    pdp_details.save_details(repo, ADA, ADA.profile_id, {"line_manager": "Sam Lee", "cost": "£450"}, NOW)
    pdp_details.save_review_meetings(repo, ADA, ADA.profile_id,
                                     [(date(2027, 1, 12), DraftMeeting(at="10:00", place="Room 4.12"))], NOW)

    # Ada asks Bob to be her line manager; he accepts, validates a rating and signs off her plan.
    managed = line_management.ask_manager(repo, ADA, BOB.email, NOW)
    line_management.accept(repo, BOB, managed.id, NOW)
    latest = max(repo.list(Assessment, ADA.profile_id), key=lambda a: (a.taken_on, a.created_at))
    line_management.validate(repo, BOB, managed.id, latest.id, {codes[0]: 3}, "Agreed", NOW)
    line_management.sign_off(repo, BOB, managed.id, "A good plan", NOW)

    # Mentoring by consent: Ada asks Grace, who accepts, looks, rates and records a conversation.
    asked = consent.ask_mentor(repo, ADA, GRACE.email, NOW)
    consent.accept(repo, GRACE, asked.id, NOW)
    [by_consent] = mentoring.my_mentees(repo, GRACE)
    mentoring.view(repo, GRACE, by_consent, NOW)
    mentoring.rate(repo, GRACE, by_consent, date(2026, 12, 1), {codes[0]: Rating(score=3)}, "Good start", NOW,
                   fw.ref)
    conversation = Conversation(profile_id=GRACE.profile_id, mentee_id=by_consent.id, held_on=date(2026, 12, 1),
                                actions=[AgreedAction(objective="Shadow an information audit", indicators=[codes[1]]),
                                         AgreedAction(objective="Read the Public Records Act", indicators=[codes[2]])],
                                created_at=NOW, updated_at=NOW)
    conversations.save_conversation(repo, GRACE, by_consent, conversation, NOW, fw=fw)
    first, _second = consent.proposals(repo, ADA)
    consent.answer_proposal(repo, ADA, first.id, True, NOW + timedelta(hours=1))

    # A local mentee: Grace mentors Bob on the same installation, and writes a record still in progress.
    local = mentoring.add_local_mentee(repo, GRACE, BOB.profile_id, NOW)
    rating = mentoring.rate(repo, GRACE, local, date(2026, 11, 20), {codes[0]: Rating(score=2)}, "", NOW, fw.ref)
    talk = Conversation(profile_id=GRACE.profile_id, mentee_id=local.id, held_on=date(2026, 11, 20),
                        actions=[AgreedAction(objective="Run a retention review", indicators=[codes[3]])],
                        created_at=NOW, updated_at=NOW)
    conversations.save_conversation(repo, GRACE, local, talk, NOW, fw=fw)
    repo.put(ConversationDraft(id=local.id, profile_id=GRACE.profile_id, mentee_id=local.id, participants="Grace, Bob",
                               updated_at=NOW))
    # Lena imports a file from a mentor who uses another installation.
    sent = mentoring.return_file("Mo Mentor", local.model_copy(update={"mentee_profile_id": LENA.profile_id}),
                                 [rating], talk, fw, NOW)
    mentoring.import_return(repo, LENA, mentoring.read_return(sent), NOW)

    # A team: Lena invites Bob and Ada; Bob joins, Ada declines; Lena sees the team (a look recorded for Bob).
    team = teams.create_team(repo, LENA, "Records team", NOW)
    for invited in (BOB, ADA):
        teams.invite(repo, LENA, team.id, invited.email, NOW)
    [bobs] = teams.invitations_for(repo, BOB)
    teams.join(repo, BOB, bobs.member.id, NOW)
    [adas] = teams.invitations_for(repo, ADA)
    teams.decline(repo, ADA, adas.member.id, NOW)
    teams.joined_members(repo, LENA, team.id, NOW)

    # Carol deletes everything of hers: a deletion note remains, saying when and nothing of whom.
    privacy.forget(repo, CAROL, CAROL.profile_id, NOW)

    # Ada, a profession admin, sets the grade settings and imports a curriculum and a mapping.
    shared_data.save_settings(repo, ADA, Settings(grade_levels={"EO": 1, "HEO": 2, "SEO": 3, "G7": 4},
                                                  min_months_in_grade=18))
    shipped = CURRICULUM.shipped()
    shared_data.replace_curriculum(repo, ADA, shipped.model_copy(update={
        "note": "Imported by the profession lead, December 2026", "activities": shipped.activities[:5]}))
    mapping = MAPPING.shipped()
    shared_data.replace_mapping(repo, ADA, mapping.model_copy(update={"frameworks": mapping.frameworks[:1]}))
    # ...and installs version 2 of the framework with its crosswalk, and makes it the version in use.
    frameworks.install(repo, ADA, revisions.revised(fw), revisions.crosswalk(fw), NOW, activate=True)


def everything(repo: Repository) -> dict[str, object]:
    """Every record a store holds, as documents, in the order each kind was first saved: for comparing two stores."""
    people = {}
    for ref in repo.list_profiles():
        profile = repo.get_profile(ref.id)
        assert profile is not None
        people[ref.id] = {"profile": to_document(profile)} | {
            table: [to_document(record) for record in repo.list(kind, ref.id)] for kind, table in PERSON_TABLES.items()
        }
    settings = repo.get_settings()
    return {
        "people": people,
        "shared": {table: [to_document(r) for r in repo.list_shared(kind)] for kind, table in SHARED_TABLES.items()},
        "settings": None if settings is None else to_document(settings),
        "data_sets": {name: repo.get_data_set(name) for name in DATA_SETS},
    }


def kinds_missing(repo: Repository) -> list[str]:
    """The kinds of record (tables) of which a store holds none: the sample should leave this empty."""
    held = everything(repo)
    people = held["people"]
    assert isinstance(people, dict)
    missing = [table for table in PERSON_TABLES.values() if not any(person[table] for person in people.values())]
    shared = held["shared"]
    assert isinstance(shared, dict)
    missing += [table for table, docs in shared.items() if not docs]
    return missing
