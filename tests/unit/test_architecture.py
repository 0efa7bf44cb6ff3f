"""The house rules of ARCHITECTURE.md, enforced: layers import one way, no Qt below desktop/."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QT = ("PySide6", "PyQt5", "PyQt6", "shiboken6")
# a package may import only itself and the packages after it
ALLOWED = {"schedules": {"schedules", "assets"}, "broadcast": {"broadcast", "schedules", "assets"}, "desktop": {"desktop", "broadcast", "schedules", "assets"}}
OURS = {"schedules", "broadcast", "desktop"}


def imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module))
    return out


def test_no_qt_below_desktop() -> None:
    bad = []
    for pkg in ("schedules", "broadcast"):
        for f in (ROOT / pkg).rglob("*.py"):
            bad += [f"{f.relative_to(ROOT)}:{ln} imports {m}" for ln, m in imports(f) if m.split(".")[0] in QT]
    assert not bad, "the domain and the engine must stay free of Qt:\n" + "\n".join(bad)


def test_layers_import_one_way() -> None:
    bad = []
    for pkg, allowed in ALLOWED.items():
        for f in (ROOT / pkg).rglob("*.py"):
            for ln, m in imports(f):
                top = m.split(".")[0]
                if top in OURS and top not in allowed:
                    bad.append(f"{f.relative_to(ROOT)}:{ln} imports {m}")
    assert not bad, "imports must point desktop -> broadcast -> schedules:\n" + "\n".join(bad)


def test_the_checker_sees_a_violation(tmp_path: Path) -> None:
    f = tmp_path / "x.py"
    f.write_text("from PySide6.QtCore import QObject\nimport desktop.cli\n", encoding="utf-8")
    assert [m for _ln, m in imports(f)] == ["PySide6.QtCore", "desktop.cli"]


def query_imports(path: Path) -> list[str]:
    """What a module imports from SQLAlchemy besides the Session type (for annotations)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    out: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "sqlalchemy":
            out += [f"{node.lineno}: {node.module}.{a.name}" for a in node.names if (node.module, a.name) != ("sqlalchemy.orm", "Session")]
        elif isinstance(node, ast.Import):
            out += [f"{node.lineno}: {a.name}" for a in node.names if a.name.split(".")[0] == "sqlalchemy"]
    return out


def test_window_pages_read_through_domain_functions() -> None:
    """A page asks the domain (schedules/) for what it shows, off the GUI thread; it builds no
    queries of its own."""
    bad = [f"{f.relative_to(ROOT)}:{q}" for f in sorted((ROOT / "desktop" / "gui" / "pages").rglob("*.py")) for q in query_imports(f)]
    assert not bad, "move these queries into schedules/ and call them through hub.read:\n" + "\n".join(bad)


def test_the_query_checker_sees_a_query(tmp_path: Path) -> None:
    f = tmp_path / "page.py"
    f.write_text("from sqlalchemy import func, select\nfrom sqlalchemy.orm import Session\nimport sqlalchemy\n", encoding="utf-8")
    assert query_imports(f) == ["1: sqlalchemy.func", "1: sqlalchemy.select", "3: sqlalchemy"]
