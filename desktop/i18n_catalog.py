"""Maintaining the message catalogs: find every ``_("...")``/``N_("...")`` in the code and keep
``assets/i18n/messages.vi.json`` in step (new ids added untranslated, obsolete ones dropped).

    python -m desktop.i18n_catalog update   # refresh the JSON catalog and the Qt .ts files
    python -m desktop.i18n_catalog check    # exit 1 when a message has no translation
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("schedules", "broadcast", "desktop")
CATALOG = ROOT / "assets" / "i18n" / "messages.vi.json"
TS_FILES = {"vi": ROOT / "assets" / "i18n" / "loaxa_vi.ts", "en": ROOT / "assets" / "i18n" / "loaxa_en.ts"}


def message_ids() -> list[str]:
    """Every literal first argument of ``_()`` and ``N_()`` calls in our packages."""
    found: set[str] = set()
    for pkg in PACKAGES:
        for f in (ROOT / pkg).rglob("*.py"):
            tree = ast.parse(f.read_text(encoding="utf-8"), str(f))
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_") and node.args:
                    arg = node.args[0]
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        found.add(arg.value)
    return sorted(found)


def load() -> dict[str, str]:
    if not CATALOG.exists():
        return {}
    data: dict[str, str] = json.loads(CATALOG.read_text(encoding="utf-8"))
    return data


def update() -> tuple[int, int]:
    old = load()
    ids = message_ids()
    new = {k: old.get(k, "") for k in ids}
    CATALOG.write_text(json.dumps(new, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return len(ids), sum(1 for v in new.values() if not v)


def gui_sources() -> list[str]:
    return [str(p.relative_to(ROOT)) for p in sorted((ROOT / "desktop" / "gui").rglob("*.py"))]


def update_ts() -> None:
    for lang, ts in TS_FILES.items():
        subprocess.run(
            [
                str(Path(sys.executable).with_name("pyside6-lupdate")),
                "-no-obsolete",
                "-target-language",
                lang,
                *gui_sources(),
                "-ts",
                str(ts.relative_to(ROOT)),
            ],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        if lang == "en":
            fill_english(ts)


def fill_english(ts: Path) -> None:
    """English is the source language: its catalog translates each string to itself."""
    import xml.etree.ElementTree as ET

    tree = ET.parse(ts)
    for msg in tree.iter("message"):
        src = msg.find("source")
        tr = msg.find("translation")
        if src is not None and tr is not None:
            tr.text = src.text
            tr.attrib.pop("type", None)
    tree.write(ts, encoding="utf-8", xml_declaration=True)


def ts_missing(ts: Path) -> list[str]:
    """Source strings of a .ts file that have no finished translation."""
    import xml.etree.ElementTree as ET

    out = []
    for msg in ET.parse(ts).iter("message"):
        tr = msg.find("translation")
        src = msg.find("source")
        kind = None if tr is None else tr.get("type")
        if tr is None or (kind not in ("obsolete", "vanished") and (kind == "unfinished" or not (tr.text or "").strip())):
            out.append(src.text if src is not None and src.text else "?")
    return out


def missing() -> list[str]:
    cat = load()
    return [k for k in message_ids() if not cat.get(k)]


def main(argv: list[str]) -> int:
    cmd = argv[0] if argv else "check"
    if cmd == "update":
        n, untranslated = update()
        update_ts()
        print(f"{n} messages, {untranslated} untranslated")
        return 0
    miss = missing() + [f"(qt) {m}" for m in ts_missing(TS_FILES["vi"])]
    for m in miss:
        print(f"untranslated: {m}")
    return 1 if miss else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
