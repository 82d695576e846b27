"""One document model: a document as a title, its metadata and plain blocks, for any output format.

Every document the app writes (the PDP, a conversation's record, the team report, a job advert,
a portfolio) is built once as a Document and written by one renderer per format (pdf, word,
markdown), so every format says the same and is laid out by the same code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

WIDE = 25.0
"""Millimetres of content a heading keeps with it on a printed page, unless told otherwise."""


@dataclass(frozen=True)
class Heading:
    """A section heading: level 1 for a section, 2 and 3 for parts of one (a bookmark in a PDF).

    keep_with_mm: how much of what follows must fit below it on a printed page, else it starts a
    new page (a heading is never left alone at the foot of a page).
    """

    text: str
    level: int = 1
    keep_with_mm: float = WIDE


@dataclass(frozen=True)
class Paragraph:
    """Running text; the person's line breaks are kept. A muted paragraph is a note or a prompt."""

    text: str
    muted: bool = False


@dataclass(frozen=True)
class Label:
    """A short bold line that names what follows (not a section, so no bookmark)."""

    text: str


@dataclass(frozen=True)
class Bullets:
    """A bulleted list."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table with a header row that repeats on every page it runs onto.

    widths_mm: column widths on the printed page (174 mm between the margins); empty or the wrong
    count gives equal columns. centred: the columns whose cells are centred. cut_mark: what
    ends a cell a printed page had to shorten (a row must fit on one page).
    """

    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths_mm: tuple[float, ...] = ()
    centred: frozenset[int] = frozenset()
    cut_mark: str = "…"


@dataclass(frozen=True)
class Pairs:
    """A details table of names and values, such as "Name" and the person's name (no header row)."""

    pairs: tuple[tuple[str, str], ...]
    widths_mm: tuple[float, float] = (40, 134)


@dataclass(frozen=True)
class Image:
    """A chart as PNG, drawn only by the formats that show it, with its text alternative.

    draw: returns the PNG's bytes (called when a format needs the picture, so Markdown draws none).
    alt_text: what the picture shows, in words, for people who cannot see it.
    """

    draw: Callable[[], bytes]
    alt_text: str
    title: str
    width_mm: float = 140


@dataclass(frozen=True)
class CommentBox:
    """An empty box to write in by hand, such as a line manager's comments."""

    height_mm: float = 55


@dataclass(frozen=True)
class SignOff:
    """Lines for each signatory to fill in by hand or type: a name, a signature and a date.

    values: what is already known, by signatory then field, such as the name of each ("" or nothing
    given: a line to fill in).
    """

    signatories: tuple[str, ...]
    fields: tuple[str, ...] = ("Name", "Signature", "Date")
    values: tuple[tuple[str, ...], ...] = ()

    def value(self, signatory: int, field: int) -> str:
        """What is filled in already for one signatory's field, or "" for a line to fill in."""
        given = self.values[signatory] if signatory < len(self.values) else ()
        return given[field] if field < len(given) else ""


@dataclass(frozen=True)
class PageBreak:
    """Start a new page before what follows, on paper only if less than room_mm is left on this one.

    Word cannot tell where its pages end, so a Word document always starts a new page here.
    """

    room_mm: float | None = None


@dataclass(frozen=True)
class PrintOnly:
    """Blocks only a printed page needs, such as a table cell the page had to cut, in full."""

    blocks: tuple[Block, ...]


Block = Heading | Paragraph | Label | Bullets | Table | Pairs | Image | CommentBox | SignOff | PageBreak | PrintOnly
"""Any one block of a document."""


@dataclass(frozen=True)
class Document:
    """A whole document: what it is called, who it is about, and its blocks in reading order.

    title: the document's title (its metadata, the Markdown heading, the footer by default).
    heading: the large title on the first page (the title when empty).
    lead: a line under the heading, such as the person's name ("" for none).
    subtitle: the muted line under that: the profession and the day it was prepared.
    author, subject, keywords: metadata readers and search tools show.
    footer: the text at the foot of every page (the title when empty), beside the page number.
    """

    title: str
    subtitle: str
    author: str
    subject: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    heading: str = ""
    lead: str = ""
    keywords: str = ""
    footer: str = ""

    @property
    def first_heading(self) -> str:
        """The large title on the first page."""
        return self.heading or self.title

    @property
    def footer_text(self) -> str:
        """The text at the foot of every page."""
        return self.footer or self.title

    def texts(self) -> Iterator[str]:
        """Every piece of text the document holds, for a renderer to choose fonts that show it all."""
        yield from (self.title, self.first_heading, self.lead, self.subtitle, self.author, self.footer_text)
        yield from _texts(self.blocks)


def _texts(blocks: Sequence[Block]) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, (Heading, Paragraph, Label)):
            yield block.text
        elif isinstance(block, Bullets):
            yield from block.items
        elif isinstance(block, Table):
            yield from block.headings
            yield from (cell for row in block.rows for cell in row)
        elif isinstance(block, Pairs):
            yield from (text for pair in block.pairs for text in pair)
        elif isinstance(block, Image):
            yield from (block.alt_text, block.title)
        elif isinstance(block, SignOff):
            yield from (*block.signatories, *block.fields, *(text for given in block.values for text in given))
        elif isinstance(block, PrintOnly):
            yield from _texts(block.blocks)


def cells(values: Sequence[Any]) -> tuple[str, ...]:
    """A table row as text ("" for a missing value)."""
    return tuple("" if v is None else str(v) for v in values)


def columns(rows: Sequence[dict[str, Any]], headings: Sequence[str] = ()) -> Table:
    """A table of dicts as a Table: the given headings, or the first row's keys, and rows of text.

    Args:
        rows: one dict per row.
        headings: the columns to show, in order; empty takes the first row's keys.

    Returns:
        A Table with default widths; use dataclasses.replace to set widths or centred columns.
    """
    names = tuple(headings) or (tuple(rows[0]) if rows else ())
    return Table(names, tuple(cells([row.get(h) for h in names]) for row in rows))
