"""Fixtures for running the app's pages through Streamlit's AppTest."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
import streamlit as st
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from planner import store
from planner.domain.models import Profile
from ui import memo

ROOT = Path(__file__).resolve().parents[2]

# The app hides error details from people; tests want them, to say what broke.
st.config.set_option("client.showErrorDetails", "full")
APP = str(ROOT / "app.py")


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    """A fresh data directory the app under test writes to."""
    path = tmp_path / "kim-data"
    monkeypatch.setenv("KIM_PATHWAYS_DATA_DIR", str(path))
    memo.clear_all()
    st.cache_resource.clear()
    yield path
    memo.clear_all()
    st.cache_resource.clear()


@pytest.fixture
def repo(data_dir) -> store.Repository:
    """A repository on the same data directory the app uses, to arrange and check saved data."""
    return store.open_repository(data_dir)


@pytest.fixture
def person(repo) -> Profile:
    """A saved profile: an HEO records manager aiming for SEO."""
    profile = Profile(
        name="Ada Lovelace",
        current_grade="HEO",
        current_role="Records manager",
        target_grade="SEO",
        target_role="Knowledge manager",
        created_at=datetime(2026, 1, 5, tzinfo=UTC),
    )
    repo.save_profile(profile)
    return profile


def open_page(page: str | None = None, *, profile_id: str | None = None) -> AppTest:
    """Run the app, optionally as a chosen profile, and switch to a page (a path under pages/)."""
    at = AppTest.from_file(APP, default_timeout=30)
    if profile_id:
        at.session_state["profile_id"] = profile_id
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    return at


ISSUER = "https://login.example.gov.uk"
SERVER_AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "k3J9x-Qm2vT8pLw4Zr7nYb1Hc6Fd0Gs5Ua_EiOyRtW",
    "client_id": "kim-pathways",
    "client_secret": "a-client-secret",
    "server_metadata_url": f"{ISSUER}/.well-known/openid-configuration",
}
ADMIN_EMAIL = "lead@example.gov.uk"


def claims(login: str) -> dict[str, object]:
    """The ID-token claims of a person signed in with this login name (as the test identity provider gives)."""
    return {"is_logged_in": True, "iss": ISSUER, "sub": login, "email": f"{login}@example.gov.uk",
            "name": login.capitalize(), "groups": []}


def profile_id_of(login: str) -> str:
    """The profile id the app gives the person signed in with this login name."""
    from planner.services.acting import profile_id_for

    return profile_id_for(ISSUER, login)


def open_signed_in(page: str | None, login: str | None, *, auth: dict | None = None) -> AppTest:
    """Run the app as on a department's server, signed in with this login name (None: nobody signed in)."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets["auth"] = SERVER_AUTH if auth is None else auth
    at.secrets["kim_pathways"] = {"admin_emails": [ADMIN_EMAIL]}
    at.user = claims(login) if login else {"is_logged_in": False}
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    return at


def button(at: AppTest, label: str):
    """The button (including form submit buttons) with this label."""
    matches = [b for b in at.button if b.label == label]
    assert matches, f"no button labelled {label!r}; buttons: {[b.label for b in at.button]}"
    return matches[0]


def texts(at: AppTest) -> str:
    """Everything the page shows as text, for asserting on what a person reads."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "text", "success", "info",
                 "warning", "error"):
        parts.extend(str(el.value) for el in getattr(at, kind))
    return "\n".join(parts)


def edit_cells(at: AppTest, key: str, edits: dict[int, dict[str, object]]) -> None:
    """Edit cells of a keyed st.data_editor, as AppTest expects: through its edit state."""
    at.session_state[key] = {"edited_rows": edits, "added_rows": [], "deleted_rows": []}


@pytest.fixture
def rated_person(repo, person, fw):
    """The person with two saved self-assessments a month apart: level 2 met, some of level 3."""
    from datetime import date

    from planner.domain.models import Assessment, Rating

    first = {i.code: Rating(score=3) for i in fw.indicators if i.level == 1}
    first |= {i.code: Rating(score=2) for i in fw.indicators if i.level == 2}
    second = {i.code: Rating(score=3) for i in fw.indicators if i.level <= 2}
    second |= {"3.1.1": Rating(score=4), "3.3.1": Rating(score=1), "2.2.2": Rating(score=4)}
    repo.add(Assessment(profile_id=person.id, taken_on=date(2026, 9, 20), ratings=first))
    repo.add(Assessment(profile_id=person.id, taken_on=date(2026, 10, 20), ratings=second))
    return person


@dataclass(frozen=True)
class Download:
    """What a download button gives a person: the bytes, the file's name and its type."""

    data: bytes
    file_name: str | None
    mimetype: str | None

    @property
    def text(self) -> str:
        return self.data.decode("utf-8-sig")


class Downloads:
    """Every file the app hands Streamlit for a download button, to read back what a click would give."""

    def __init__(self) -> None:
        self.by_url: dict[str, Download] = {}
        self.made_later: dict[str, tuple[Callable[[], object], str | None, str | None]] = {}

    def of(self, at: AppTest, key: str) -> Download:
        """The file behind the download button with this key (one made on click is made now)."""
        proto = at.download_button(key=key).proto
        if proto.deferred_file_id:
            make, mimetype, file_name = self.made_later[proto.deferred_file_id]
            data = make()
            return Download(data.encode() if isinstance(data, str) else bytes(data), file_name, mimetype)
        return self.by_url[proto.url]


@pytest.fixture
def downloads(monkeypatch) -> Downloads:
    """Records the files behind download buttons as the app registers them (both kinds Streamlit has:
    bytes given at once, and a function called when the person clicks)."""
    recorded = Downloads()
    add, add_deferred = MediaFileManager.add, MediaFileManager.add_deferred

    def keep(self, path_or_data, mimetype, coordinates, file_name=None, **kwargs):
        url = add(self, path_or_data, mimetype, coordinates, file_name, **kwargs)
        data = path_or_data.encode() if isinstance(path_or_data, str) else bytes(path_or_data)
        recorded.by_url[url] = Download(data, file_name, mimetype)
        return url

    def keep_for_later(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        file_id = add_deferred(self, data_callable, mimetype, coordinates, file_name, **kwargs)
        recorded.made_later[file_id] = (data_callable, mimetype, file_name)
        return file_id

    monkeypatch.setattr(MediaFileManager, "add", keep)
    monkeypatch.setattr(MediaFileManager, "add_deferred", keep_for_later)
    return recorded


def pdf_text(data: bytes) -> str:
    """The text of every page of a PDF (pypdf raises if the bytes are not a PDF that opens)."""
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def docx_text(data: bytes) -> str:
    """The paragraphs and table cells of a Word document (python-docx raises if it does not open)."""
    import io

    import docx

    document = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def csv_rows(data: bytes) -> list[dict[str, str]]:
    """A CSV file's rows, by its header."""
    import csv
    import io

    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def xlsx_rows(data: bytes) -> list[tuple]:
    """The rows of an Excel workbook's first sheet (openpyxl raises if it does not open)."""
    import io

    from openpyxl import load_workbook

    return list(load_workbook(io.BytesIO(data), read_only=True).worksheets[0].iter_rows(values_only=True))
