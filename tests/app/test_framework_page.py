"""The framework explorer shows every indicator and finds them by words or codes."""

from tests.app.conftest import open_page, texts


def test_every_indicator_is_shown_with_its_code_and_statement(data_dir, fw):
    at = open_page("pages/framework.py")
    shown = texts(at)
    for ind in fw.indicators:
        assert f"**{ind.code}** {ind.statement}" in shown


def test_searching_for_a_word_shows_only_matching_indicators(data_dir, fw):
    at = open_page("pages/framework.py")
    at.text_input(key="framework_search").input("retention").run()
    shown = texts(at)
    assert "2 of 54 indicators match." in shown
    assert "**1.2.3**" in shown and "**2.2.3**" in shown
    assert "**1.1.1**" not in shown


def test_searching_for_a_code_prefix_filters_by_code(data_dir):
    at = open_page("pages/framework.py")
    at.text_input(key="framework_search").input("4.3").run()
    shown = texts(at)
    assert "3 of 54 indicators match." in shown


def test_a_search_with_no_match_says_so(data_dir):
    at = open_page("pages/framework.py")
    at.text_input(key="framework_search").input("astronomy").run()
    assert any("No indicator matches" in w.value for w in at.warning)


def test_the_grade_alignment_is_shown_with_its_guide_only_note(data_dir, fw):
    at = open_page("pages/framework.py")
    assert fw.grade_alignment_note in texts(at)
    table = at.dataframe[-1].value
    assert list(table["Grade"])[:3] == ["Administrative Assistant (AA)", "Administrative Officer (AO)",
                                         "Executive Officer (EO)"]
