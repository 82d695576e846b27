"""Any Document as Markdown (GitHub-flavoured): plain text anyone can edit or paste, every cell escaped."""

from __future__ import annotations

import re
from collections.abc import Sequence

from planner.documents.model import (
    Bullets,
    CommentBox,
    Document,
    Heading,
    Image,
    Label,
    PageBreak,
    Pairs,
    Paragraph,
    PrintOnly,
    SignOff,
    Table,
)

# Characters that would otherwise start emphasis, links, code, HTML or a table cell.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#$])")  # $ too: many viewers render $...$ as maths

SIGNATURE_LINE = "______________________________"


def render_markdown(doc: Document) -> bytes:
    """The document as UTF-8 Markdown ending with a newline; a picture is given as its text alternative."""
    lines = [f"# {inline(doc.title)}", "", _block(doc.subtitle), ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            lines += ["#" * (block.level + 1) + " " + inline(block.text), ""]
        elif isinstance(block, Paragraph):
            lines += [f"_{inline(block.text)}_" if block.muted else _block(block.text), ""]
        elif isinstance(block, Label):
            lines += [f"**{inline(block.text)}**", ""]
        elif isinstance(block, Bullets):
            lines += [f"- {inline(item)}" for item in block.items] + [""]
        elif isinstance(block, Table):
            lines += _table(block.headings, block.rows)
        elif isinstance(block, Pairs):
            lines += _table(("Detail", "Value"), block.pairs)
        elif isinstance(block, Image):
            lines += [inline(block.alt_text), ""]
        elif isinstance(block, CommentBox):
            lines += ["> ", "> ", "> ", ""]
        elif isinstance(block, SignOff):
            for who, signatory in enumerate(block.signatories):
                lines += [f"**{inline(signatory)}**", ""]
                lines += [f"- {name}: {inline(block.value(who, n)) or SIGNATURE_LINE}"
                          for n, name in enumerate(block.fields)] + [""]
        elif not isinstance(block, (PageBreak, PrintOnly)):  # a page and its cut cells are for print
            raise ValueError(f"Markdown cannot show a {type(block).__name__}")
    return ("\n".join(lines).rstrip("\n") + "\n").encode("utf-8")


def cell(text: str) -> str:
    """Text made safe for one Markdown table cell: escaped, with line breaks as <br>."""
    lines = str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(inline(line) for line in lines).strip()


def inline(text: str) -> str:
    """Text made safe for one line of Markdown: escaped, its whitespace run together."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _table(headings: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(cell(h) for h in headings) + " |",
           "|" + "|".join(" --- " for _ in headings) + "|"]
    out += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return out + [""]


def _block(text: str) -> str:
    # Keeps the person's line breaks: two trailing spaces make a Markdown line break.
    lines = str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "  \n".join(_SPECIAL.sub(r"\\\1", line.strip()) for line in lines)
