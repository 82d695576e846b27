"""Read a PDF or Word file back as a person or a screen reader would: its text, headings, tables, metadata."""

from __future__ import annotations

import io
from typing import Any

import docx
from pypdf import PdfReader


def pdf(data: bytes) -> PdfReader:
    """The PDF, opened."""
    return PdfReader(io.BytesIO(data))


def pdf_text(document: bytes | PdfReader) -> str:
    """Every page's text, its whitespace run together into single spaces."""
    reader = pdf(document) if isinstance(document, bytes) else document
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def pdf_bookmarks(document: bytes | PdfReader) -> list[str]:
    """The titles of every bookmark (outline entry), nested ones included, in order."""
    reader = pdf(document) if isinstance(document, bytes) else document
    titles: list[str] = []

    def walk(entries: list[Any]) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry)
            else:
                titles.append(entry.title)

    walk(reader.outline)
    return titles


def pdf_language(document: bytes | PdfReader) -> str:
    """The document's language, as its catalogue says (such as "en-GB")."""
    reader = pdf(document) if isinstance(document, bytes) else document
    return str(reader.trailer["/Root"]["/Lang"])


def word(data: bytes) -> Any:
    """The Word document, opened with python-docx."""
    return docx.Document(io.BytesIO(data))


def word_text(document: Any) -> str:
    """Every paragraph's text, then every table cell's, one a line."""
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def word_headings(document: Any) -> dict[str, str]:
    """Each heading's text and its style, such as {"Summary": "Heading 1"} (the title's style is "Title")."""
    return {p.text: p.style.name for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))}


def word_tables(document: Any) -> list[list[list[str]]]:
    """Every table as rows of cell texts."""
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


def word_table_with(document: Any, heading: str) -> list[list[str]]:
    """The first table whose first row has this heading, as rows of cell texts."""
    for rows in word_tables(document):
        if heading in rows[0]:
            return rows
    raise AssertionError(f"no table headed {heading!r}")
