"""Showing text a person typed without letting Markdown or HTML in it take effect."""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$&:])")


def escape_markdown(text: str) -> str:
    """Escape a person's text so st.markdown shows it literally (no links, images, maths, HTML)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
