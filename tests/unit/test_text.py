"""Untrusted text stays text: escaping for Markdown, and links built from a file's addresses."""

from __future__ import annotations

import re

import pytest

from ui.text import escape_markdown, web_link

HOSTILE = [
    "https://bare.example/page", "see http://bare.example.", "www.bare.example", "WWW.bare.example",
    "ada@mail.example", "mailto:ada@mail.example", ":smile: and :material/home:", "$\\frac{1}{2}$",
    "![t](https://tracker.example/p.png)", "[Sign in again](https://phish.example)", "<img src=x>",
]


def read_back(markdown: str) -> str:
    """What a person reads: backslash escapes undone, invisible word joiners dropped."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_reads_the_same_but_no_bare_address_or_shortcode_survives_whole(text):
    escaped = escape_markdown(text)
    assert read_back(escaped) == text
    unescaped = escaped.replace("\\", "")
    # Streamlit links these after escapes are undone, so they must be broken in the text itself.
    assert "://" not in unescaped and not re.search(r"(?i)\bwww\.", unescaped)
    assert not re.search(r"@\w", unescaped) and not re.search(r":\w+:", unescaped)


def test_ordinary_text_is_left_alone_apart_from_its_escapes():
    text = "Records: 3 of 4 met. Why: it is 10 o'clock"
    assert read_back(escape_markdown(text)) == text
    assert "\u2060" not in escape_markdown("Why: it is so")


def test_a_link_is_built_from_the_label_as_text_and_the_address_encoded():
    built = web_link("More [about] it", "https://a.example/x)![t](https://tracker.example/pixel.png)")
    label, url = re.fullmatch(r"\[(.*)\]\(([^()\s]*)\)", built).groups()
    assert read_back(label) == "More [about] it"
    assert not re.search(r"[()\[\]!<>\s]", url) and url.startswith("https://a.example/x")


@pytest.mark.parametrize("url", [None, "", "javascript:alert(1)", "data:text/html,x", "https:///nohost", "ftp://a.example"])
def test_only_an_http_or_https_address_with_a_host_becomes_a_link(url):
    assert web_link("More", url) == "More"


def test_a_plain_address_is_linked_unchanged():
    assert web_link("More", "https://learn.civilservice.gov.uk/a?b=1&c=2#d") == (
        "[More](https://learn.civilservice.gov.uk/a?b=1&c=2#d)")


@pytest.mark.parametrize("text, escaped", [
    ("- a list item", "\\- a list item"), ("  + another", "  \\+ another"),
    ("12. a numbered item", "12\\. a numbered item"),
    ("A heading\n---", "A heading\n\\---"), ("Or this\n===", "Or this\n\\==="),
    ("read-only, 3.5 hours, a+b=c", "read-only, 3.5 hours, a+b=c"),
])
def test_list_heading_and_rule_marks_are_escaped_only_where_a_line_starts(text, escaped):
    assert escape_markdown(text) == escaped and read_back(escaped) == text
