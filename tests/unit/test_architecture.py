"""House rules that keep the layers apart, read from the source by its syntax tree.

The house (README, "How it is built"), from the bottom up:

    planner.errors (and any other module directly in planner/): the foundation every layer may use
    planner.domain      models and pure rules
    planner.store       saved data: the repository contract, the stored form of a record, its stores
    planner.io          files in and out of the app's data: uploads and imports, the JSON bundle
    planner.documents   documents people read: PDF, Word, Markdown, calendars, spreadsheets, charts
    planner.services    the use cases: they use all of the above
    ui, pages, app.py   the Streamlit app on top
    planner/transfer.py a command run as `python -m planner.transfer` (COMMANDS): on top, as the app is

An import may point down the house, never up: each layer uses only those below it. The order is
the order of dependence: the JSON bundle (io) writes each record in its stored form (store), and
the plan's downloads (documents) offer that bundle and make cells safe as io does; nothing below
knows of anything above, so the domain can be tested alone and a second store adds no import to
the domain.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLANNER = ROOT / "planner"
LAYERS = ("domain", "store", "io", "documents", "services")

# Commands in planner/ run with `python -m`: they sit on top of the house beside app.py, so they may use
# every layer (never Streamlit), and nothing imports them.
COMMANDS = {"planner/transfer.py"}

# What each part of planner may import from planner, besides itself and the foundation: the layers below it.
ALLOWED_FROM_PLANNER: dict[str, set[str]] = {
    layer: set(LAYERS[:number]) for number, layer in enumerate(LAYERS)
}

# Libraries and standard modules that read or write files, folders or the network, or keep data.
# The domain takes values in and gives values back, so it needs none of them.
NOT_IN_THE_DOMAIN = {
    "tinydb", "filelock", "platformdirs", "os", "shutil", "tempfile", "pathlib", "glob", "io",
    "sqlite3", "subprocess", "socket", "urllib.request", "http", "requests", "httpx",
    "streamlit", "fpdf", "docx", "openpyxl", "icalendar", "vl_convert",
}
# Path methods that read or write a file: caught even when the Path arrives as an argument.
FILE_METHODS = {"read_text", "read_bytes", "write_text", "write_bytes"}


def _python_files(*folders: str) -> Iterator[Path]:
    for folder in folders:
        yield from sorted((ROOT / folder).rglob("*.py"))


PRODUCTION = [*_python_files("planner", "ui", "pages"), ROOT / "app.py"]


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_project_module(dotted: str) -> bool:
    """Whether a dotted name is a module or package of this project (not a name inside one)."""
    path = ROOT.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


@dataclass(frozen=True)
class Import:
    """One module an import statement loads, where, and the names it takes from it."""

    module: str
    line: int
    names: tuple[str, ...] = ()


def _imports(path: Path) -> list[Import]:
    """Every import in a file (lazy ones inside functions too), relative imports made absolute.

    `from planner.store import files` loads the module planner.store.files as well, so it is
    listed under both names.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    found: list[Import] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(Import(alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                module = ".".join([*base, module] if module else base)
            names = tuple(alias.name for alias in node.names)
            found.append(Import(module, node.lineno, names))
            found.extend(
                Import(f"{module}.{name}", node.lineno) for name in names if _is_project_module(f"{module}.{name}")
            )
    return found


def _planner_part(module: str) -> str | None:
    """The part of planner a module belongs to: a layer name, "foundation", or None outside planner."""
    parts = module.split(".")
    if parts[0] != "planner":
        return None
    if len(parts) == 1:
        return "foundation"
    return parts[1] if parts[1] in LAYERS else "foundation"


def _layer_breaches(part: str, allowed: set[str]) -> dict[str, list[str]]:
    breaches: dict[str, list[str]] = {}
    for path in _python_files(f"planner/{part}"):
        for imp in _imports(path):
            target = _planner_part(imp.module)
            if target is None or target in {part, "foundation"} | allowed:
                continue
            if imp.module == "planner" and imp.names:
                continue  # `from planner import store` is listed again as planner.store
            breaches.setdefault(_relative(path), []).append(f"{imp.line}: {imp.module}")
    return breaches


def test_planner_never_imports_streamlit_or_the_ui():
    the_app = {"streamlit", "ui", "pages", "app"}
    offenders = {
        _relative(path): sorted({imp.module.split(".")[0] for imp in _imports(path)} & the_app)
        for path in _python_files("planner")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


@pytest.mark.parametrize("part", LAYERS)
def test_each_layer_imports_only_the_layers_below_it(part):
    """domain -> nothing; store, io, documents -> domain; services -> all four; all may use the foundation."""
    assert _layer_breaches(part, ALLOWED_FROM_PLANNER[part]) == {}


def test_the_foundation_modules_import_no_layer():
    """planner.errors (and any module directly in planner/ but a command) is used by every layer, so it uses none."""
    breaches = {}
    for path in sorted(PLANNER.glob("*.py")):
        if _relative(path) in COMMANDS:
            continue
        layered = [f"{imp.line}: {imp.module}" for imp in _imports(path) if _planner_part(imp.module) in LAYERS]
        if layered:
            breaches[_relative(path)] = layered
    assert breaches == {}


def test_nothing_in_the_app_imports_a_command():
    """A command (planner/transfer.py) is on top of the house: no layer, page or ui module uses it."""
    commands = {_module_name(ROOT / command) for command in COMMANDS}
    breaches = {
        _relative(path): found
        for path in [*_python_files("planner", "ui", "pages"), ROOT / "app.py"]
        if (found := [f"{imp.line}: {imp.module}" for imp in _imports(path) if imp.module in commands])
    }
    assert breaches == {}


def test_the_domain_reads_and_writes_no_files():
    """No storage, file-system, network or document library, no open() and no Path.read_text & co."""
    breaches: dict[str, list[str]] = {}
    for path in _python_files("planner/domain"):
        found = [
            f"{imp.line}: imports {imp.module}"
            for imp in _imports(path)
            if any(imp.module == name or imp.module.startswith(f"{name}.") for name in NOT_IN_THE_DOMAIN)
        ]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            if isinstance(node.func, ast.Name) and node.func.id == "open":
                found.append(f"{node.lineno}: calls open()")
            elif isinstance(node.func, ast.Attribute) and node.func.attr in FILE_METHODS:
                found.append(f"{node.lineno}: calls .{node.func.attr}()")
        if found:
            breaches[_relative(path)] = found
    assert breaches == {}


def test_the_app_reaches_saved_data_only_through_the_store_package():
    """pages, ui and app.py hold the repository by its contract: `from planner import store`.

    They may use services, the domain, the foundation, and the files-in (io) and files-out
    (documents) layers, whose functions turn bytes into models and models into bytes and touch no
    saved data. They never import a module inside planner.store (the TinyDB files, the file
    writer, the record <-> document conversion): how and where data is kept is the store's own
    business, so a second store can be opened by the same factory without the app changing.
    """
    breaches: dict[str, list[str]] = {}
    for path in PRODUCTION:
        if _planner_part(_module_name(path)) is not None:
            continue
        inside = [f"{imp.line}: {imp.module}" for imp in _imports(path) if imp.module.startswith("planner.store.")]
        if inside:
            breaches[_relative(path)] = inside
    assert breaches == {}


# Libraries that keep data or write file formats: planner uses them, so the app never has to.
PLANNERS_LIBRARIES = {
    "tinydb", "filelock", "platformdirs", "sqlite3", "shutil", "tempfile",
    "fpdf", "docx", "openpyxl", "icalendar", "vl_convert", "pypdf",
}


def test_the_app_leaves_storage_and_file_formats_to_planner():
    """pages, ui and app.py call planner for saved data and for every file they offer or read."""
    breaches: dict[str, list[str]] = {}
    for path in PRODUCTION:
        if _planner_part(_module_name(path)) is not None:
            continue
        imports = _imports(path)
        found = [f"{imp.line}: {imp.module}" for imp in imports if imp.module.split(".")[0] in PLANNERS_LIBRARIES]
        if found:
            breaches[_relative(path)] = found
    assert breaches == {}


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _module_bindings(path: Path) -> dict[str, str]:
    """Names in a file that stand for a module of this project, and the module each stands for.

    `import planner.domain.plan` binds `planner`; `import planner.io.bundle as bundle` and
    `from planner.domain import recommend` bind the module itself.
    """
    bound: dict[str, str] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    bound[alias.asname] = alias.name
                else:
                    bound[alias.name.split(".")[0]] = alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                if _is_project_module(f"{node.module}.{alias.name}"):
                    bound[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return {name: module for name, module in bound.items() if _is_project_module(module)}


def _dotted(node: ast.expr) -> list[str] | None:
    if isinstance(node, ast.Name):
        return [node.id]
    if isinstance(node, ast.Attribute):
        head = _dotted(node.value)
        return None if head is None else [*head, node.attr]
    return None


def _private_uses(path: Path) -> list[str]:
    """Another module's underscore names this file imports, or reaches as `module._name`."""
    own = _module_name(path)
    bound = _module_bindings(path)
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            found.extend(
                f"{node.lineno}: from {node.module or '.'} import {alias.name}"
                for alias in node.names
                if _is_private(alias.name)
            )
        elif isinstance(node, ast.Attribute) and _is_private(node.attr):
            chain = _dotted(node.value)
            if chain and chain[0] in bound:
                module = ".".join([bound[chain[0]], *chain[1:]])
                if _is_project_module(module) and module != own:
                    found.append(f"{node.lineno}: {'.'.join(chain)}.{node.attr}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"getattr", "setattr", "hasattr"}
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
            and _is_private(node.args[1].value)
        ):
            chain = _dotted(node.args[0])
            if chain and chain[0] in bound and _is_project_module(".".join([bound[chain[0]], *chain[1:]])):
                found.append(f"{node.lineno}: {node.func.id}({'.'.join(chain)}, {node.args[1].value!r})")
    return found


def test_no_production_module_uses_another_modules_private_names():
    """A module's underscore names are its own (dunder names such as __version__ are public).

    ruff's PLC2701 (on in CI) is not enough on its own: it flags `from x import _y` only when x is
    in another top-level package (ui or pages importing from planner), so within planner, where
    most of the sharing happens, it says nothing (tried with ruff 0.17: `from planner.store import
    _SAFE_ID` in planner/store/tinydb_store.py passes it); and it never sees `module._y` or
    getattr(module, "_y"). This check reads all three from the syntax tree of planner, ui, pages
    and app.py.
    """
    breaches = {_relative(path): uses for path in PRODUCTION if (uses := _private_uses(path))}
    assert breaches == {}


def test_the_private_names_check_finds_each_way_of_reaching_a_private_name(tmp_path, monkeypatch):
    """The checker itself: each of the three forms is found; dunder names and a module's own are not."""
    sample = ROOT / "planner" / "domain" / "wording.py"  # any real module, so its own names are known
    source = "\n".join([
        "from planner.domain.plan import _hidden",
        "from planner.domain import recommend",
        "import planner.domain.team as team",
        "import planner.domain.roles",
        "recommend._Problem()",
        "team._rows",
        "planner.domain.roles._load",
        "getattr(recommend, '_secret')",
        "recommend.__name__",
        "recommend.public_name",
        "_own_helper = 1",
    ])
    monkeypatch.setattr(Path, "read_text", lambda self, encoding=None: source)
    found = sorted(use.split(": ", 1)[1] for use in _private_uses(sample))
    assert found == sorted([
        "from planner.domain.plan import _hidden",
        "recommend._Problem",
        "team._rows",
        "planner.domain.roles._load",
        "getattr(recommend, '_secret')",
    ])


def test_the_layer_check_finds_an_import_that_points_up(monkeypatch):
    """The checker itself: a domain module importing the store, lazily or not, is a breach."""
    source = "from planner import store\n\ndef f():\n    from planner.io import bundle\n"
    monkeypatch.setattr(Path, "read_text", lambda self, encoding=None: source)
    modules = {imp.module for imp in _imports(PLANNER / "domain" / "plan.py")}
    assert {"planner.store", "planner.io.bundle"} <= modules
    assert _planner_part("planner.io.bundle") == "io"
    assert _planner_part("planner.errors") == "foundation"


def test_every_module_has_a_docstring():
    missing = []
    for folder in ("planner", "pages", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            if not ast.get_docstring(tree) and path.stat().st_size > 0:
                missing.append(str(path.relative_to(ROOT)))
    assert missing == []
