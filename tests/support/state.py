"""What a test compares before and after: file trees, database rows; waiting for a condition;
rewriting a backup."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any


def wait_until(pred: Callable[[], bool], timeout: float, interval: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return True
        time.sleep(interval)
    return pred()


def tree_digest(*paths: Path) -> dict[str, str]:
    """Hash of every file under the paths (to compare a database and media store before/after)."""
    out: dict[str, str] = {}
    for root in paths:
        if root.is_file():
            out[str(root)] = hashlib.sha256(root.read_bytes()).hexdigest()
            continue
        for p in sorted(root.rglob("*")):
            if p.is_file():
                out[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def rewrite_backup(
    src: Path,
    dst: Path,
    change: Callable[[str, bytes], bytes | None],
    *,
    rehash: bool = False,
    manifest_change: Callable[[dict[str, Any]], None] | None = None,
) -> None:
    """Copy a backup ZIP, passing each entry through ``change`` (None leaves it out); with
    ``rehash`` the manifest's hashes are made to match the changed entries."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        manifest = json.loads(zin.read("manifest.json"))
        for info in zin.infolist():
            if info.filename == "manifest.json":
                continue
            data = change(info.filename, zin.read(info.filename))
            if data is None:
                continue
            if rehash:
                manifest["entries"][info.filename] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            zout.writestr(info.filename, data)
        if manifest_change is not None:
            manifest_change(manifest)
        zout.writestr("manifest.json", json.dumps(manifest))


def db_rows(db_path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (a logical snapshot: WAL checkpoints change bytes, not rows)."""
    con = sqlite3.connect(db_path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        con.close()
