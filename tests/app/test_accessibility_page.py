"""Accessibility statement: the sections of the GOV.UK model, the known problems, and how it was tested."""

import pytest

from tests.app.conftest import open_page, texts

PAGE = "pages/accessibility.py"


@pytest.fixture
def statement(data_dir):
    at = open_page(PAGE)
    assert not at.exception, at.exception
    return at


def test_the_statement_is_titled_for_kim_pathways(statement):
    assert [t.value for t in statement.title] == ["Accessibility statement for KIM Pathways"]


def test_the_statement_has_the_sections_of_the_gov_uk_model_in_order(statement):
    assert [h.value for h in statement.header] == [
        "How accessible this app is",
        "What to do if you cannot use this app",
        "Reporting accessibility problems with this app",
        "Enforcement procedure",
        "Technical information about this app's accessibility",
        "Non-accessible content",
        "What we are doing to improve accessibility",
        "Preparation of this accessibility statement",
    ]
    assert [h.value for h in statement.subheader] == [
        "Compliance status",
        "Non-compliance with the accessibility regulations",
        "Charts",
        "PDF documents",
        "Disproportionate burden",
    ]


def test_the_statement_says_it_is_partially_compliant_with_wcag_2_2_aa(statement):
    text = texts(statement)
    assert "**partially compliant**" in text
    assert "Web Content Accessibility Guidelines version 2.2]" in text and "AA standard" in text


def test_the_statement_offers_other_ways_in_and_who_to_tell(statement):
    text = texts(statement)
    assert "Every chart has a table." in text
    assert "Word, to" in text and "Markdown, as plain text" in text
    assert "KIM profession lead" in text and "team that runs this installation" in text


def test_the_statement_names_both_enforcement_bodies(statement):
    text = texts(statement)
    assert "Equality and Human Rights Commission (EHRC)" in text
    assert "Equality Commission for Northern Ireland (ECNI)" in text


def test_the_statement_lists_the_problems_streamlit_causes(statement):
    text = texts(statement)
    for known in ("Sidebar navigation list", "Editable tables", "File upload areas",
                  "Charts are pictures", "not fully accessible"):
        assert known in text, known


def test_every_problem_the_automated_checks_allow_is_in_the_statement(statement):
    from tests.browser.test_accessibility import ALLOWED

    text = texts(statement)
    for allowed in ALLOWED:
        assert allowed.in_statement in text, allowed.rule


def test_the_statement_says_how_and_when_it_was_tested(statement):
    text = texts(statement)
    assert "prepared on 24 November 2026" in text and "last reviewed on 3 December 2026" in text
    flowing = " ".join(text.split())
    assert "every page with the Tab key" in flowing and "at least 3:1" in flowing
    assert "axe-core" in text and "only a keyboard" in text
    assert "200% zoom" in text and "390 pixels wide" in text


def test_the_statement_is_in_the_navigation_under_about():
    from ui import navigation

    entry = next(e for e in navigation.PAGES if e.path == PAGE)
    assert (entry.section, entry.title, entry.url_path) == ("About", "Accessibility statement", "accessibility")
    assert navigation.PAGES[-1] == entry


def test_the_statement_says_where_focus_goes_after_a_button_and_what_grids_lack(statement):
    text = " ".join(texts(statement).split())
    assert "focus usually stays on the button" in text and "goes on from where the button was" in text
    assert "goes back to the top of the page" not in text
    for limit in ("has no name", "only the columns in view", "2027-03-31", "31/03/2027", "has no label"):
        assert limit in text, limit
