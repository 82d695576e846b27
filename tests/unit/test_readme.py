"""The README says what the code does: its page table is the navigation, its library table the requirements."""

from __future__ import annotations

import re
from pathlib import Path

from ui import navigation

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def table_under(heading: str, text: str = README) -> list[list[str]]:
    """The rows (header and rule left out) of the first Markdown table after a heading, cell by cell."""
    lines = text.splitlines()
    start = lines.index(heading)
    rows: list[list[str]] = []
    for line in lines[start + 1:]:
        if line.startswith("#") and rows:
            break
        if line.startswith("|"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        elif rows:
            break
    return rows[2:]


def requirement_names(path: Path) -> set[str]:
    """The distributions a requirements file asks for, by their normalised name (PEP 503)."""
    names = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):  # -r another file, -e the project itself
            continue
        names.add(normalised(re.split(r"[\s<>=!~;\[]", line, maxsplit=1)[0]))
    return names


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_page_table_lists_every_page_in_the_navigation_in_its_order_and_section():
    listed = [(section, page) for section, page, _ in table_under("## What it does")]
    assert listed == [(entry.section, entry.title) for entry in navigation.PAGES]


def test_every_page_in_the_table_says_what_a_person_does_there():
    assert all(len(what.split()) >= 4 for _, _, what in table_under("## What it does"))


def test_the_library_table_names_every_requirement_and_nothing_else():
    libraries = [library for library, _ in table_under("### Libraries and why")]
    named = [normalised(name.strip()) for library in libraries for name in library.split(",")]
    required = requirement_names(ROOT / "requirements.txt") | requirement_names(ROOT / "requirements-dev.txt")
    assert sorted(named) == sorted(required)  # sorted lists, so a library named twice fails too


def test_the_readers_of_the_tables_find_what_they_should():
    """The helpers themselves: a table is read to its end, and a requirement line to its name."""
    text = "## A\n\n| a | b |\n| --- | --- |\n| one | two |\n| three | four |\n\nafter\n| not | this |\n"
    assert table_under("## A", text) == [["one", "two"], ["three", "four"]]
    assert normalised("Python_Docx") == normalised("python-docx") == "python-docx"
    assert requirement_names(ROOT / "requirements-dev.txt") >= {"pytest", "ruff", "mypy"}
    assert "streamlit" in requirement_names(ROOT / "requirements.txt")


def test_ci_runs_the_readmes_test_command_which_lints_and_type_checks_before_the_tests():
    command = "bash scripts/test.sh"
    assert f"```bash\n{command}\n```" in README
    assert f"exec {command}" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    script = (ROOT / "scripts" / "test.sh").read_text(encoding="utf-8")
    steps = [script.index(step) for step in ("-m ruff check .", "-m mypy", "-m pytest")]
    assert steps == sorted(steps)
