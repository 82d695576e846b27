"""House rules that keep the layers apart."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_planner_never_imports_streamlit_or_the_ui():
    offenders = {
        str(p.relative_to(ROOT)): sorted(_imported_modules(p) & {"streamlit", "ui", "pages", "app"})
        for p in (ROOT / "planner").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_every_module_has_a_docstring():
    missing = []
    for folder in ("planner", "pages", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            if not ast.get_docstring(tree) and path.stat().st_size > 0:
                missing.append(str(path.relative_to(ROOT)))
    assert missing == []
