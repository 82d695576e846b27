"""CPD log (AppTest): log by hand and from the plan, totals, change and remove, the statement's count, the files."""

from __future__ import annotations

from datetime import date, timedelta

from planner.domain import wording
from planner.domain.models import Assessment, CpdEntry, Evidence, ItemStatus, PlanItem, Rating, RevalidationStatement
from tests.app.conftest import button, csv_rows, docx_text, open_page, pdf_text, texts

PAGE = "pages/cpd.py"
TODAY = date.today()


def _log_by_hand(at, title: str, hours: float, kind: str, on: date | None = None, learned: str = "",
                 applied: str = "", indicators: tuple[str, ...] = ()):
    if on is not None:
        at.date_input(key="cpd_add_done_on").set_value(on)
    at.number_input(key="cpd_add_hours").set_value(hours)
    at.radio(key="cpd_add_kind").set_value(kind)
    at.text_input(key="cpd_add_title").input(title)
    if indicators:
        at.multiselect(key="cpd_add_indicators").set_value(list(indicators))
    at.text_area(key="cpd_add_learned").input(learned)
    at.text_area(key="cpd_add_applied").input(applied)
    button(at, "Add to my CPD log").click().run()
    assert not at.exception, at.exception


def _table(at, column: str):
    """The first table on the page with this column."""
    return next(df.value for df in at.dataframe if column in df.value.columns)


def _count(at) -> str:
    """The word count under the statement, as the server drew it."""
    [shown] = [h.proto.body for h in at.html if 'class="kim-word-count"' in h.proto.body]
    return shown


def test_entries_logged_by_hand_are_listed_newest_first_with_totals_and_the_12_months(data_dir, repo, person):
    at = open_page(PAGE, profile_id=person.id)
    assert not at.exception and not at.error
    assert "0 hours in the 12 months to" in texts(at)
    _log_by_hand(at, "Shadowed the records manager", 12.5, "experience", on=TODAY - timedelta(days=200),
                 learned="How a file plan is kept", applied="Wrote our team's file plan", indicators=("1.1.1",))
    assert "Logged 12.5 hours of CPD" in texts(at)
    assert at.text_input(key="cpd_add_title").value == ""  # logged, so the boxes start again
    _log_by_hand(at, "BCS Foundation Certificate in Data Protection", 10, "formal", on=TODAY - timedelta(days=3))
    _log_by_hand(at, "Records network talk", 2, "others", on=TODAY - timedelta(days=500))

    log = _table(at, "What I did")
    assert list(log["What I did"]) == ["BCS Foundation Certificate in Data Protection",
                                       "Shadowed the records manager", "Records network talk"]
    assert log["Indicators"].iloc[1].startswith("1.1.1 ")
    assert list(_table(at, "Share of hours")["Hours"]) == [12.5, 2.0, 10.0]
    years = _table(at, "Year")
    assert years["Total hours"].sum() == 24.5
    assert f"22.5 hours in the 12 months to {wording.long_date(TODAY)}: enough for revalidation" in texts(at)
    assert len(repo.list(CpdEntry, person.id)) == 3


def test_bad_input_is_refused_in_plain_words_and_what_was_typed_stays(data_dir, repo, person):
    at = open_page(PAGE, profile_id=person.id)
    at.number_input(key="cpd_add_hours").set_value(0.0)
    at.text_area(key="cpd_add_learned").input("Something worth keeping")
    button(at, "Add to my CPD log").click().run()
    shown = [e.value for e in at.error]
    assert any("Enter the hours it took" in m and "Choose the kind of learning" in m and "Say what you did" in m
               for m in shown), shown
    assert at.text_area(key="cpd_add_learned").value == "Something worth keeping"
    assert repo.list(CpdEntry, person.id) == []


def test_a_statement_over_250_words_is_counted_kept_and_said_to_be_too_long_for_cilip(data_dir, repo, person):
    at = open_page(PAGE, profile_id=person.id)
    assert "0 of 250 words" in _count(at)
    at.text_area(key="cpd_statement").input(" ".join(["reflection"] * 250)).run()  # leaving the box keeps it
    assert "250 of 250 words" in _count(at)
    assert repo.get(RevalidationStatement, person.id, "current").text.count("reflection") == 250
    at.text_area(key="cpd_statement").input(" ".join(["reflection"] * 251)).run()
    assert "251 words: 1 over the 250-word limit for CILIP revalidation" in _count(at)
    button(at, "Save my statement").click().run()
    assert any("too long for CILIP" in w.value for w in at.warning), [w.value for w in at.warning]
    assert repo.get(RevalidationStatement, person.id, "current").text.count("reflection") == 251

    again = open_page(PAGE, profile_id=person.id)  # another visit, as after a reload
    assert again.text_area(key="cpd_statement").value.count("reflection") == 251
    assert "251 words" in _count(again)


def test_the_live_count_script_holds_no_typed_words_and_counts_by_the_same_spaces(data_dir, person):
    at = open_page(PAGE, profile_id=person.id)
    at.text_area(key="cpd_statement").input("<script>alert(1)</script> secret words").run()
    bodies = [h.proto.body for h in at.html if "kimWordCounts" in h.proto.body or "kim-word-count" in h.proto.body]
    assert bodies and all("secret" not in b and "alert(1)" not in b for b in bodies)
    script = next(h.proto for h in at.html if "kimWordCounts" in h.proto.body)
    assert script.unsafe_allow_javascript and 'aria-live="polite"' in script.body


def test_a_done_plan_item_is_offered_logged_once_with_its_indicators_and_evidence(data_dir, repo, person):
    item = PlanItem(profile_id=person.id, objective="Write the retention schedule", indicators=["2.3.1"],
                    activity_title="Draft and agree a retention schedule", status=ItemStatus.DONE,
                    evidence="Approved by the IAO")
    repo.put(item)
    repo.put(PlanItem(profile_id=person.id, objective="Not done yet", position=1))
    at = open_page(PAGE, profile_id=person.id)
    assert at.selectbox(key="cpd_plan_item").options == ["Draft and agree a retention schedule"]
    form = f"cpd_plan_{item.id}"
    assert at.text_area(key=f"{form}_learned").value == "Approved by the IAO"
    at.number_input(key=f"{form}_hours").set_value(6.0)
    button(at, "Log this plan item").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    [logged] = repo.list(CpdEntry, person.id)
    assert (logged.plan_item_id, logged.indicators, logged.kind, logged.learned) == (
        item.id, ["2.3.1"], "experience", "Approved by the IAO")
    assert "None of your plan items is waiting to be logged" in texts(at)


def test_an_entry_is_changed_and_removed_only_after_saying_yes(data_dir, repo, person):
    at = open_page(PAGE, profile_id=person.id)
    _log_by_hand(at, "Records network talk", 2, "others")
    [entry] = repo.list(CpdEntry, person.id)
    form = f"cpd_edit_{entry.id}"
    at.number_input(key=f"{form}_hours").set_value(3.0)
    at.text_input(key=f"{form}_title").input("Records network talk and workshop")
    button(at, "Save changes to this entry").click().run()
    assert not at.error, [e.value for e in at.error]
    assert [(e.title, e.hours) for e in repo.list(CpdEntry, person.id)] == [("Records network talk and workshop", 3)]

    button(at, "Remove this entry").click().run()
    assert any("This cannot be undone" in w.value for w in at.warning)
    button(at, "No, keep it").click().run()
    assert len(repo.list(CpdEntry, person.id)) == 1
    button(at, "Remove this entry").click().run()
    button(at, "Yes, remove it").click().run()
    assert repo.list(CpdEntry, person.id) == []
    assert "Removed “Records network talk and workshop” from your CPD log." in texts(at)


def test_the_downloads_open_as_pdf_word_and_csv_with_the_entries_in_them(data_dir, repo, person, downloads):
    at = open_page(PAGE, profile_id=person.id)
    _log_by_hand(at, "Led the records review", 21, "experience", learned="How to appraise files",
                 applied="Cut the shared drive by half")
    at.text_area(key="cpd_statement").input("I led a records review this year.").run()
    pdf = downloads.of(at, "cpd_download_pdf")
    assert pdf.mimetype == "application/pdf" and pdf.file_name.endswith(".pdf")
    text = " ".join(pdf_text(pdf.data).split())
    for words in ("Ada Lovelace", "Led the records review", "How to appraise files", "Cut the shared drive by half",
                  "enough for revalidation", "I led a records review this year.", "7 of 250 words"):
        assert words in text, words
    assert "Led the records review" in docx_text(downloads.of(at, "cpd_download_docx").data)
    csv_file = downloads.of(at, "cpd_download_csv")
    assert csv_file.file_name.endswith(".csv") and csv_file.mimetype == "text/csv"
    details, entries = (csv_file.text.split("\r\n\r\n") + ["", ""])[:2]
    assert details.startswith("Name,Ada Lovelace")
    [logged] = csv_rows(entries.encode())
    assert (logged["What I did"], logged["Hours"], logged["How I used it"]) == (
        "Led the records review", "21", "Cut the shared drive by half")


def test_the_professional_bodies_portfolio_carries_the_cpd_log(data_dir, repo, person, downloads):
    repo.add(Assessment(profile_id=person.id, taken_on=TODAY,
                        ratings={"1.1.1": Rating(score=3, evidence=Evidence(action="Ran the review"))}))
    at = open_page(PAGE, profile_id=person.id)
    _log_by_hand(at, "Led the records review", 21, "experience")
    at.text_area(key="cpd_statement").input("My reflective statement for CILIP.").run()
    at.switch_page("pages/external.py").run()
    assert not at.exception, at.exception
    text = " ".join(pdf_text(downloads.of(at, "ext_download_pdf").data).split())
    assert "Led the records review" in text and "My reflective statement for CILIP." in text
    assert "enough for revalidation" in text


def test_a_statement_whose_box_was_not_left_before_another_page_opened_is_kept_all_the_same(data_dir, repo, person):
    at = open_page(PAGE, profile_id=person.id)
    # What the box held, with no on_change run for it (a link clicked while a run was still going).
    at.session_state["cpd_statement"] = "Typed, then straight to another page."
    at.switch_page("pages/plan.py").run()
    assert repo.get(RevalidationStatement, person.id, "current").text == "Typed, then straight to another page."
