"""Showing text a person typed, or a file held, without letting Markdown or HTML in it take effect."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

# Characters Markdown may act on anywhere in a line; "-", "+", "=" and "1." act only where a line
# starts (lists, headings, rules), so they are escaped only there and read plainly elsewhere.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#!|~$&:])")
_LINE_START_SPECIAL = re.compile(r"^([ \t]*)([-+=]|\d+(?=\.))", re.MULTILINE)
# Streamlit's Markdown links bare addresses (https://..., www...., name@host) and turns
# :shortcodes: into emoji and icons after the Markdown is read, when the backslashes of escapes
# are already gone, so escapes cannot stop them. An invisible word joiner (U+2060) between the
# parts does: after a colon followed by a letter, digit or slash, between www and its dot, and
# after an @ followed by a letter. People see the text unchanged; screen readers skip it.
_WORD_JOINER = "\u2060"
_BARE_LINK_PARTS = re.compile(r"(?<=:)(?=[\w/])|(?<=\b[wW]{3})(?=\.)|(?<=@)(?=\w)")
# What a link built here may hold unencoded: letters, digits and the URL punctuation that has no
# meaning in Markdown. Anything else, parentheses included, is percent-encoded.
_URL_SAFE = "-._~:/?#@$&*+,;=%"


def escape_markdown(text: str) -> str:
    """Escape a person's text so st.markdown shows it literally.

    No links (written or bare), images, maths, HTML, emoji shortcodes or icons take effect;
    the words read the same.
    """
    joined = _BARE_LINK_PARTS.sub(_WORD_JOINER, text)
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", joined)
    return _LINE_START_SPECIAL.sub(_escape_line_start, escaped)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, start = match.groups()
    # "1." becomes "1\." (a list needs the dot); "-", "+" and "=" become "\-", "\+", "\=".
    return f"{indent}{start}\\" if start[0].isdigit() else f"{indent}\\{start}"


def web_link(label: str, url: str | None) -> str:
    """Markdown for a link built here: the label as text, the address percent-encoded.

    Only a plain http or https address with a host becomes a link; anything else is shown as
    the label alone, so an address from a file can never add an image, a second link or code.

    Args:
        label: the words of the link, shown as text.
        url: the address, such as an activity's link from an imported curriculum.

    Returns:
        Markdown to pass to st.markdown.
    """
    shown = escape_markdown(label)
    if not url:
        return shown
    try:
        parts = urlsplit(url)
    except ValueError:
        return shown
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return shown
    return f"[{shown}]({quote(url, safe=_URL_SAFE)})"
