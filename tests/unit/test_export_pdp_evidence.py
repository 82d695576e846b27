"""The PDP's evidence against the framework, its line manager's part, its sign-off and behaviour examples."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, time

import pytest

from planner.documents import pdp
from planner.documents.evidence import evidence_blocks
from planner.documents.model import Bullets, CommentBox, Heading, Label, Paragraph, SignOff
from planner.documents.report import PlanRecords, build_report
from planner.domain import evidence, pdp_details
from planner.domain.models import (
    Assessment,
    BehaviourExample,
    Evidence,
    Meeting,
    PdpDetails,
    PlanSignOff,
    Rating,
    ValidatedRatings,
)
from tests import readback, shapes
from tests.unit import export_fixtures as fx

SIGNED_AT = datetime(2026, 12, 3, 14, 5, tzinfo=UTC)


def _with_evidence(fw, **star_by_code: Evidence) -> Assessment:
    """The fixtures' full assessment, with STAR evidence for the codes given (underscores for dots)."""
    snap = fx.snapshot(fw, "siany")
    ratings = dict(snap.ratings)
    for code, written in star_by_code.items():
        code = code.replace("_", ".")
        ratings[code] = ratings[code].model_copy(update={"evidence": written})
    return snap.model_copy(update={"ratings": ratings})


RECORDS_STAR = Evidence(situation="The team's shared drive had no file plan.", task="Give every folder an owner.",
                        action="Ran two workshops and wrote the file plan.", result="Every folder now has an owner.")
ONLY_RESULT = Evidence(result="The retention schedule was approved by the IAO.")


def _report(fw, grades, assessment=None, records=None, evidence_framework=None):
    profile = fx.person()
    return build_report(fw, profile, fx.grade_label(grades), fx.snapshot(fw, profile.id),
                        {s.number: 3 for s in fw.skills}, "SEO", fx.plan_items(profile.id, 3), fx.TODAY,
                        evidence_from=assessment, evidence_framework=evidence_framework or fw, records=records)


def _texts(report) -> dict[str, str]:
    return {
        "pdf": readback.pdf_text(pdp.pdp_pdf(report)),
        "word": readback.word_text(readback.word(pdp.pdp_docx(report))),
        "markdown": pdp.pdp_markdown(report).decode("utf-8").replace("\\", ""),
    }


# --- Evidence against the framework -------------------------------------------------------------


def test_the_evidence_lists_each_indicator_with_evidence_in_the_frameworks_order_and_leaves_out_the_rest(fw):
    # Written in another order than the framework's: 3.3.1 first, then 2.1.3, then 1.1.2.
    assessment = _with_evidence(fw, **{"3_3_1": ONLY_RESULT, "2_1_3": RECORDS_STAR, "1_1_2": ONLY_RESULT})
    found = evidence.evidence_of(assessment, fw)

    assert [i.code for i in found.indicators] == ["1.1.2", "2.1.3", "3.3.1"]
    records = found.indicators[1]
    assert records.statement == fw.indicator("2.1.3").statement
    assert records.rating == "3 Competent"
    assert records.star == (("Situation", RECORDS_STAR.situation), ("Task", RECORDS_STAR.task),
                            ("Action", RECORDS_STAR.action), ("Result", RECORDS_STAR.result))
    assert found.indicators[2].star == (("Result", ONLY_RESULT.result),)  # the parts not written are left out


def test_the_section_gives_each_indicators_code_statement_rating_and_star_as_blocks(fw):
    assessment = _with_evidence(fw, **{"2_1_3": RECORDS_STAR})
    blocks = evidence_blocks(evidence.evidence_of(assessment, fw))

    assert blocks[0] == Heading("Evidence against the framework")
    assert Heading(f"2.1.3 {fw.indicator('2.1.3').statement}", level=2, keep_with_mm=30) in blocks
    assert Paragraph("Self rating: 3 Competent.") in blocks
    assert [b.text for b in blocks if isinstance(b, Label)] == ["Situation", "Task", "Action", "Result"]
    assert Paragraph(RECORDS_STAR.action) in blocks
    assert "self-assessment of 20 May 2025" in blocks[1].text


def test_an_assessment_without_evidence_and_no_assessment_at_all_each_say_so(fw):
    bare = evidence_blocks(evidence.evidence_of(fx.snapshot(fw, "siany"), fw))
    assert bare == [Heading("Evidence against the framework"),
                    Paragraph("The self-assessment of 20 May 2025 has no evidence written for any indicator yet. "
                              "Add it on the Assess yourself page.")]
    none = evidence_blocks(evidence.evidence_of(None, fw))
    assert none[1] == Paragraph(evidence.NO_ASSESSMENT)


def test_the_evidence_follows_the_framework_version_the_assessment_was_made_with(fw):
    dm = shapes.dm_framework()
    star = Evidence(action="Wrote the data catalogue's stewardship rules.")
    assessment = Assessment(profile_id="siany", taken_on=date(2026, 11, 30), framework_version=dm.ref,
                            ratings={"DM-2-1": Rating(score=3, evidence=star), "DG-1-1": Rating(score=4, evidence=star),
                                     "DG-1-2": Rating(score=2)})

    found = evidence.evidence_of(assessment, dm)
    assert [i.code for i in found.indicators] == [c for c in dm.codes if c in ("DM-2-1", "DG-1-1")]
    assert found.indicators[0].statement == dm.indicator(found.indicators[0].code).statement
    assert "Data Management" in found.framework
    # Against another version (here the KIM framework) its statements would be wrong: codes alone, in order.
    elsewhere = evidence.evidence_of(assessment, fw)
    assert [(i.code, i.statement) for i in elsewhere.indicators] == [("DG-1-1", ""), ("DM-2-1", "")]


def test_the_managers_validated_rating_is_shown_beside_the_self_rating_only_for_the_assessment_validated(fw):
    assessment = _with_evidence(fw, **{"2_1_3": RECORDS_STAR, "3_3_1": ONLY_RESULT})
    validated = ValidatedRatings(profile_id="siany", manager_id="m", manager_name="Sam Lee",
                                 assessment_id=assessment.id, ratings={"2.1.3": 4}, validated_at=SIGNED_AT)
    earlier = validated.model_copy(update={"id": "old", "assessment_id": "another", "ratings": {"3.3.1": 0}})

    chosen = evidence.validation_of(assessment, [earlier, validated])
    assert chosen == validated
    found = evidence.evidence_of(assessment, fw, chosen)
    assert [(i.code, i.ratings_line) for i in found.indicators] == [
        ("2.1.3", "Self rating: 3 Competent. Validated by your line manager: 4 Expert."),
        ("3.3.1", "Self rating: 2 Developing."),
    ]
    assert "Validated ratings are those Sam Lee agreed on 3 December 2026 at 2:05pm." in found.about
    assert evidence.validation_of(assessment, [earlier]) is None


def test_every_format_of_the_pdp_carries_the_evidence(fw, grades):
    assessment = _with_evidence(fw, **{"2_1_3": RECORDS_STAR})
    for name, text in _texts(_report(fw, grades, assessment)).items():
        assert "Evidence against the framework" in text, name
        for part in (RECORDS_STAR.situation, RECORDS_STAR.task, RECORDS_STAR.action, RECORDS_STAR.result):
            assert part in text, (name, part)
        assert "Self rating: 3 Competent." in text, name


# --- The line manager's part -------------------------------------------------------------------


DETAILS = PdpDetails(
    profile_id="siany", line_manager="Sam Lee", support_needed="Two days to shadow the departmental records officer.",
    cost="£450 course fee", time_needed="3 days of study leave", manager_comments="A sound plan; start with the course.",
    review_meetings=[
        Meeting(on=date(2025, 9, 1), place="Room 4.12, 10 South Colonnade", repeat="monthly",
                repeat_until=date(2025, 12, 31), at=time(10, 0), minutes=45),
        Meeting(on=date(2025, 7, 14), link="https://teams.example.gov.uk/meet/123"),
    ],
)


def test_review_meetings_are_said_in_plain_words_with_date_time_place_and_repeat():
    assert pdp_details.meeting_words(DETAILS.review_meetings[0]) == (
        "Monday 1 September 2025, 10am to 10:45am (45 minutes), Room 4.12, 10 South Colonnade, "
        "every month until 31 December 2025")
    assert pdp_details.meeting_words(DETAILS.review_meetings[1]) == (
        "Monday 14 July 2025, all day, https://teams.example.gov.uk/meet/123, does not repeat")


def test_the_line_managers_part_lists_support_cost_time_meetings_by_day_and_comments(fw, grades):
    report = _report(fw, grades, records=PlanRecords(details=DETAILS))
    part = report.line_manager
    assert part.review_meetings[0].startswith("Monday 14 July 2025")  # the earlier first
    blocks = pdp.line_manager_blocks(part)
    assert blocks[0] == Heading("For your line manager")
    assert ("Cost to approve", "£450 course fee") in blocks[2].pairs
    assert ("Time needed to approve", "3 days of study leave") in blocks[2].pairs
    assert Paragraph(DETAILS.support_needed) in blocks
    assert Bullets(part.review_meetings) in blocks
    agreement = pdp.agreement_blocks(part, report.person)
    assert Paragraph(DETAILS.manager_comments) in agreement
    assert not any(isinstance(b, CommentBox) for b in agreement)  # typed comments need no box

    for name, text in _texts(report).items():
        for written in ("For your line manager", DETAILS.support_needed, "£450 course fee", "3 days of study leave",
                        "every month until 31 December 2025", DETAILS.manager_comments):
            assert written in " ".join(text.split()), (name, written)


def test_without_details_the_part_says_what_is_missing_and_leaves_a_box_for_the_comments(fw, grades):
    report = _report(fw, grades)
    blocks = pdp.line_manager_blocks(report.line_manager)
    assert ("Line manager", "Not given") in blocks[2].pairs
    assert Paragraph(pdp.NO_SUPPORT) in blocks and Paragraph(pdp.NO_MEETINGS) in blocks
    assert any(isinstance(b, CommentBox) for b in pdp.agreement_blocks(report.line_manager, report.person))


def test_unsigned_the_pdp_has_lines_for_both_signatures_with_the_names_known(fw, grades):
    report = _report(fw, grades, records=PlanRecords(details=DETAILS))
    [sign_off] = [b for b in pdp.agreement_blocks(report.line_manager, report.person) if isinstance(b, SignOff)]
    assert sign_off.signatories == ("Signed (member of staff)", "Signed (line manager)")
    assert sign_off.fields == ("Name", "Signature", "Date")
    assert (sign_off.value(0, 0), sign_off.value(1, 0), sign_off.value(1, 1), sign_off.value(1, 2)) == (
        report.person, "Sam Lee", "", "")

    texts = _texts(report)
    assert "- Name: Sam Lee" in texts["markdown"]
    assert texts["markdown"].count("- Date: ____") == 2
    for name, text in texts.items():
        assert "Signed (member of staff)" in text and "Signed (line manager)" in text, name
        assert "Sam Lee" in text, name


def test_signed_off_on_a_server_the_pdp_says_who_signed_and_when_with_their_comment_instead_of_lines(fw, grades):
    profile = fx.person()
    objectives = [i.objective for i in fx.plan_items(profile.id, 3) if i.status.value != "dropped"]
    older = PlanSignOff(profile_id=profile.id, manager_id="m", manager_name="Kim Wu", objectives=["Old"],
                        signed_at=datetime(2026, 1, 1, tzinfo=UTC))
    latest = PlanSignOff(profile_id=profile.id, manager_id="m", manager_name="Sam Lee", objectives=objectives,
                         comment="Agreed at our review.", signed_at=SIGNED_AT)
    report = _report(fw, grades, records=PlanRecords(sign_offs=[latest, older]))

    blocks = pdp.agreement_blocks(report.line_manager, report.person)
    assert not any(isinstance(b, SignOff) for b in blocks)
    assert Paragraph("Signed off by Sam Lee on 3 December 2026 at 2:05pm.") in blocks
    assert Paragraph("Agreed at our review.") in blocks
    assert Paragraph(pdp.CHANGED_SINCE, muted=True) not in blocks
    for name, text in _texts(report).items():
        assert "Signed off by Sam Lee on 3 December 2026 at 2:05pm." in " ".join(text.split()), name
        assert "Signed (member of staff)" not in text, name


def test_a_plan_changed_since_its_sign_off_says_so(fw, grades):
    signed = PlanSignOff(profile_id="siany", manager_id="m", manager_name="Sam Lee", objectives=["Another plan"],
                         signed_at=SIGNED_AT)
    report = _report(fw, grades, records=PlanRecords(sign_offs=[signed]))
    assert report.line_manager.signed.changed_since
    assert Paragraph(pdp.CHANGED_SINCE, muted=True) in pdp.agreement_blocks(report.line_manager, report.person)


# --- Success Profiles behaviour examples --------------------------------------------------------


def test_behaviour_examples_are_listed_in_success_profiles_order_with_their_star(fw, grades):
    examples = [
        BehaviourExample(profile_id="siany", behaviour="delivering-at-pace", title="The FOI backlog",
                         evidence=Evidence(action="Triaged 120 requests in a week.")),
        BehaviourExample(profile_id="siany", behaviour="seeing-the-big-picture", title="Records strategy",
                         evidence=Evidence(situation="No strategy.", result="Board approved it.")),
    ]
    report = _report(fw, grades, records=PlanRecords(behaviour_examples=examples))
    blocks = pdp.behaviour_blocks(report)
    headings = [b.text for b in blocks if isinstance(b, Heading)]
    assert headings == ["Examples for Success Profiles behaviours", "Seeing the Big Picture: Records strategy",
                        "Delivering at Pace: The FOI backlog"]
    for name, text in _texts(report).items():
        for written in ("Examples for Success Profiles behaviours", "Triaged 120 requests in a week.",
                        "Board approved it."):
            assert written in text, (name, written)


def test_a_pdp_without_behaviour_examples_has_no_such_section(fw, grades):
    assert pdp.behaviour_blocks(_report(fw, grades)) == []


@pytest.mark.parametrize("kind", ["pdf", "word", "markdown"])
def test_the_sections_come_in_reading_order(fw, grades, kind):
    assessment = _with_evidence(fw, **{"2_1_3": RECORDS_STAR})
    example = BehaviourExample(profile_id="siany", behaviour="leadership", evidence=Evidence(task="Led it."))
    report = dataclasses.replace(_report(fw, grades, assessment, PlanRecords(details=DETAILS,
                                                                            behaviour_examples=[example])))
    text = _texts(report)[kind]
    order = ["Upcoming review dates", "Evidence against the framework", "Examples for Success Profiles behaviours",
             "For your line manager", "Line manager comments", "Agreement"]
    places = [text.index(heading) for heading in order]
    assert places == sorted(places)


# --- The professional-bodies portfolio ---------------------------------------------------------


def test_the_portfolio_in_every_format_ends_with_the_same_evidence_against_the_framework(fw):
    from planner.documents import external as portfolio_export
    from planner.domain import external
    from planner.io import dataset

    assessment = _with_evidence(fw, **{"2_1_3": RECORDS_STAR})
    cilip = dataset.load_mapping().framework("cilip-pksb")
    portfolio = external.build_portfolio(cilip, fw, assessment.ratings, "Ada Lovelace", assessment.taken_on,
                                         date(2026, 11, 1))
    found = evidence.evidence_of(assessment, fw)

    document = portfolio_export.portfolio_document(portfolio, found)
    assert list(document.blocks[-len(evidence_blocks(found)):]) == evidence_blocks(found)
    texts = {
        "pdf": readback.pdf_text(portfolio_export.portfolio_pdf(portfolio, found)),
        "word": readback.word_text(readback.word(portfolio_export.portfolio_docx(portfolio, found))),
        "markdown": portfolio_export.portfolio_markdown(portfolio, found).decode("utf-8"),
    }
    for name, text in texts.items():
        assert "Evidence against the framework" in text, name
        assert RECORDS_STAR.task in text and "Self rating: 3 Competent." in text, name
    assert "Evidence against the framework" not in portfolio_export.portfolio_markdown(portfolio).decode("utf-8")
