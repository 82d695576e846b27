"""The mentor's view beside the mentee's own: fair averages, one rounding rule, words about the right person."""

from __future__ import annotations

import io
from datetime import date

import docx
from pypdf import PdfReader

from planner.documents import charts, record
from planner.domain import assessment, mentor_view, mentoring, wording
from planner.domain.models import Assessment, Conversation, Rating


def _skill_one(fw, level: int) -> list[str]:
    return [i.code for i in fw.indicators_for(level=level, skill=1)]


def test_skill_averages_compare_only_the_indicators_both_rated_and_say_how_many(fw):
    level_one, level_two = _skill_one(fw, 1), _skill_one(fw, 2)
    self_ratings = {c: Rating(score=4) for c in level_one[:2]} | {c: Rating(score=2) for c in level_two}
    mentor_ratings = {c: Rating(score=2) for c in level_one[:2]}
    skill = mentoring.by_skill(fw, mentoring.compare(fw, self_ratings, mentor_ratings))[0]
    assert skill.both_rated == 2
    assert (skill.self_average, skill.mentor_average) == (4.0, 2.0)


def test_a_skill_neither_side_rated_in_common_has_no_averages(fw):
    level_one = _skill_one(fw, 1)
    skill = mentoring.by_skill(fw, mentoring.compare(fw, {level_one[0]: Rating(score=3)},
                                                     {level_one[1]: Rating(score=1)}))[0]
    assert (skill.both_rated, skill.self_average, skill.mentor_average) == (0, None, None)


def test_every_average_is_rounded_half_up_to_one_decimal():
    assert wording.one_decimal(3.25) == 3.3
    assert wording.one_decimal(2.35) == 2.4
    assert wording.one_decimal(13 / 6) == 2.2
    assert wording.average(3.25) == "3.3" and wording.average(2.0) == "2.0"
    assert wording.average(None, "Not compared") == "Not compared"


def test_an_average_of_three_and_a_quarter_reads_the_same_in_the_skill_figures_and_the_record(fw):
    codes = _skill_one(fw, 1)[:4]
    self_ratings = {c: Rating(score=s) for c, s in zip(codes, (3, 3, 3, 4))}
    mentor_ratings = {c: Rating(score=3) for c in codes}
    skill = mentoring.by_skill(fw, mentoring.compare(fw, self_ratings, mentor_ratings))[0]
    assert skill.self_average == 3.3
    report = record.build_record(fw, Conversation(profile_id="m", mentee_id="e", held_on=date(2026, 11, 2)),
                                 "Priya Shah", "Alex Morgan", self_ratings, mentor_ratings, date(2026, 11, 3))
    assert report.skill_comparison[0]["Self average"] == "3.3"
    assert report.skill_comparison[0]["Both rated"] == 4


def test_the_summary_speaks_about_the_mentee_when_given_their_name(fw):
    ratings = {i.code: Rating(score=3) for i in fw.indicators if i.level <= 2}
    target = assessment.target_from_grade(fw, "SEO", {"SEO": 3})
    sentences = assessment.summary(fw, ratings, target, "SEO", person="Priya Shah")
    assert sentences[0] == "Priya Shah meets Level 2 in all three skills."
    assert any(s.startswith("For SEO (Level 3) Priya Shah needs ") for s in sentences)
    words = " ".join(sentences).lower().split()
    assert not {"you", "your", "yours"} & set(words)


def test_the_summary_about_someone_without_gaps_or_target_still_names_them(fw):
    ratings = {i.code: Rating(score=3) for i in fw.indicators if i.level <= 2}
    no_gaps = assessment.summary(fw, ratings, {s.number: 2 for s in fw.skills}, None, person="Tom Okafor")
    assert no_gaps[-1] == "Tom Okafor meets every indicator up to their target levels. There are no gaps."
    no_target = assessment.summary(fw, {}, {s.number: 0 for s in fw.skills}, None, person="Tom Okafor")
    assert no_target == ["Tom Okafor does not yet meet every Level 1 indicator in any skill.",
                         "Tom Okafor has no target yet. Choose a target grade or set a target by hand."]


def test_the_summary_still_speaks_to_the_person_by_default(fw):
    ratings = {i.code: Rating(score=3) for i in fw.indicators if i.level <= 2}
    assert assessment.summary(fw, ratings, {s.number: 2 for s in fw.skills})[0] == \
        "You meet Level 2 in all three skills."


def test_an_agenda_point_about_a_difference_names_self_and_mentor_not_you(fw):
    code = _skill_one(fw, 1)[0]
    points = mentoring.agenda(fw, {code: Rating(score=4)}, {code: Rating(score=2)},
                              {s.number: 0 for s in fw.skills}, [], [], date(2026, 11, 2))
    assert points[0].title == f"{code}: rated differently (self 4, mentor 2)"


def test_the_comparison_chart_title_speaks_to_no_one_in_particular():
    text = str(charts.self_and_mentor([]).to_dict()["layer"][0]["title"])
    assert "your" not in text.lower() and "both rated" in text


def test_the_mentors_latest_ratings_are_found_for_each_mentor_apart_from_the_persons_own():
    def mentor(name, day, score):
        return Assessment(profile_id="p", assessor="mentor", assessor_name=name, taken_on=date(2026, 11, day),
                          ratings={"1.1.1": Rating(score=score)})

    own = Assessment(profile_id="p", taken_on=date(2026, 11, 9), ratings={"1.1.1": Rating(score=3)})
    older, newer, other = mentor("Alex Morgan", 1, 1), mentor("Alex Morgan", 5, 2), mentor("Sam Lee", 3, 4)
    latest = mentor_view.latest_by_mentor([own, older, other, newer])
    assert [a.id for a in latest] == [newer.id, other.id]


def test_the_mentors_view_rows_put_each_rating_and_comment_beside_the_persons_own(fw):
    codes = _skill_one(fw, 1)[:3]
    own = {codes[0]: Rating(score=4), codes[1]: Rating(score=3)}
    theirs = {codes[0]: Rating(score=2, comment="I have not seen this yet"), codes[2]: Rating(score=3)}
    rows = mentor_view.indicator_rows(fw, own, theirs)
    assert [r["Code"] for r in rows] == [codes[0], codes[2]]
    assert rows[0]["Your rating"] == "4 Expert" and rows[0]["Mentor's rating"] == "2 Developing"
    assert rows[0]["Difference"] == "-2" and rows[0]["Mentor's comment"] == "I have not seen this yet"
    assert rows[1]["Your rating"] == "Not rated" and rows[1]["Difference"] == ""


def _record_with_comments(fw):
    codes = _skill_one(fw, 1)[:2]
    self_ratings = {c: Rating(score=4) for c in codes}
    mentor_ratings = {codes[0]: Rating(score=2, comment="Show me two examples from the records review"),
                      codes[1]: Rating(score=4)}
    return codes, record.build_record(
        fw, Conversation(profile_id="m", mentee_id="e", held_on=date(2026, 11, 2)), "Priya Shah", "Alex Morgan",
        self_ratings, mentor_ratings, date(2026, 11, 3), mentor_comment="Strong year overall; build the evidence.")


def test_the_record_carries_the_mentors_comments_in_markdown_word_and_pdf(fw):
    codes, report = _record_with_comments(fw)
    assert report.mentor_comments == [(codes[0], "Show me two examples from the records review")]
    markdown = record.record_markdown(report).decode("utf-8")
    document = docx.Document(io.BytesIO(record.record_docx(report)))
    word = "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for row in t.rows for c in row.cells])
    reader = PdfReader(io.BytesIO(record.record_pdf(report)))
    pdf = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for text in (markdown, word, pdf):
        assert record.MENTOR_COMMENTS in text
        assert "Show me two examples from the records review" in text
        assert "Strong year overall; build the evidence." in text
