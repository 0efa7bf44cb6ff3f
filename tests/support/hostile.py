"""Crafting hostile backups from a real one: the database changed by SQL, entries replaced,
added or left out, the manifest edited, and the manifest's hashes made to match again (an
attacker can always do that: the hashes guard against damage, not against intent)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.support.state import rewrite_backup

DB = "db/loaxa.db"


def with_sql(data: bytes, *statements: str, raw: Callable[[sqlite3.Connection], None] | None = None) -> bytes:
    """The database file ``data`` after running ``statements`` on it (a new SQLite file's bytes)."""
    with tempfile.TemporaryDirectory(prefix="hostile-") as d:
        f = Path(d) / "x.db"
        f.write_bytes(data)
        con = sqlite3.connect(f)
        try:
            con.execute("PRAGMA journal_mode=DELETE")
            for st in statements:
                con.executescript(st)
            if raw is not None:
                raw(con)
            con.commit()
        finally:
            con.close()
        return f.read_bytes()


def craft(
    src: Path,
    dst: Path,
    *,
    sql: tuple[str, ...] = (),
    raw: Callable[[sqlite3.Connection], None] | None = None,
    replace: dict[str, bytes | None] | None = None,
    change: Callable[[str, bytes], bytes | None] | None = None,
    add: dict[str, bytes] | None = None,
    manifest: Callable[[dict[str, Any]], None] | None = None,
    rehash: bool = True,
    duplicate: str | None = None,
    manifest_raw: bytes | None = None,
) -> Path:
    """A copy of the backup ``src`` at ``dst`` with the changes asked for; the manifest's hashes
    match the new contents unless ``rehash`` is False."""
    replace = dict(replace or {})

    def each(name: str, data: bytes) -> bytes | None:
        if name == DB and (sql or raw):
            data = with_sql(data, *sql, raw=raw)
        if name in replace:
            return replace[name]
        return change(name, data) if change is not None else data

    def edit(m: dict[str, Any]) -> None:
        for name, new in replace.items():
            if new is None:
                m["entries"].pop(name, None)
        if manifest is not None:
            manifest(m)

    rewrite_backup(src, dst, each, rehash=rehash, manifest_change=edit)
    if add or duplicate or manifest_raw is not None:
        _append(dst, add or {}, duplicate, rehash, manifest_raw)
    return dst


def _append(path: Path, add: dict[str, bytes], duplicate: str | None, rehash: bool, manifest_raw: bytes | None = None) -> None:
    """Add entries (listed in the manifest when ``rehash``) and optionally a second copy of one."""
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    manifest = json.loads(dict(items)["manifest.json"])
    for name, data in add.items():
        if rehash:
            manifest["entries"][name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns about the duplicate name: that is the point
        with zipfile.ZipFile(path, "w") as z:
            for name, data in items:
                if name != "manifest.json":
                    z.writestr(name, data)
            for name, data in add.items():
                z.writestr(name, data)
            if duplicate is not None:
                z.writestr(duplicate, dict(items)[duplicate])
            z.writestr("manifest.json", manifest_raw if manifest_raw is not None else json.dumps(manifest))


def sql_dump(db_path: Path) -> str:
    """The database as SQL text (schema and rows): equal dumps mean nothing changed."""
    con = sqlite3.connect(db_path)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


def media_tree(root: Path) -> dict[str, str]:
    """Every file and folder under ``root`` with the hash of its bytes ("dir" for folders)."""
    out: dict[str, str] = {}
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        out[rel] = "dir" if p.is_dir() else ("link" if p.is_symlink() else hashlib.sha256(p.read_bytes()).hexdigest())
    return out


def state(data_dir: Path) -> tuple[str, dict[str, str], list[str]]:
    """What must be byte-identical after a refused restore: the database dump, the media tree,
    and the names in the data folder (no staging or half-swapped folder left behind)."""
    return (
        sql_dump(data_dir / "loaxa.db"),
        media_tree(data_dir / "media"),
        sorted(p.name for p in data_dir.iterdir() if p.name != "logs" and not p.name.endswith(("-wal", "-shm"))),
    )


def flac_claiming(src: Path, dst: Path, total_samples: int) -> Path:
    """A copy of the FLAC file ``src`` whose STREAMINFO says it holds ``total_samples`` samples
    (0: unknown), the way a 72 KB file of 10 hours of silence announces itself."""
    data = bytearray(src.read_bytes())
    assert data[:4] == b"fLaC" and data[4] & 0x7F == 0, "STREAMINFO first"
    word = int.from_bytes(data[18:26], "big")
    word = (word & ~((1 << 36) - 1)) | (total_samples & ((1 << 36) - 1))
    data[18:26] = word.to_bytes(8, "big")
    dst.write_bytes(bytes(data))
    return dst
