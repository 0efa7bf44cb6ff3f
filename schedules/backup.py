"""Backup and restore: one file with a consistent snapshot of the database, the media store and
the window settings, and a manifest of hashes.

The file is a ZIP: ``manifest.json`` (format, version, LoaXa schema revision, creation time,
and the SHA-256 and size of every other entry), ``db/loaxa.db`` (SQLite's online backup, safe
while the engine runs; for PostgreSQL a ``pg_dump`` plain-SQL dump, ``db/loaxa.sql``),
``media/...`` and ``settings/window.ini``. Restore reads the whole file and checks every hash and
the schema revision before it touches anything; it then stages the data beside the current data
and swaps the two, so a failure leaves the current data as it was. Existing data is replaced only
with ``force``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from sqlalchemy import func, select

from . import db as dbmod
from .errors import InputRefused, LoaxaError
from .i18n import _
from .models import Area, Item
from .workspace import Workspace

FORMAT = "loaxa.backup"
VERSION = 1
CHUNK = 1 << 20


@dataclass
class BackupReport:
    path: Path
    files: int
    bytes: int
    revision: str


def _sha_of(stream: Any) -> tuple[str, int]:
    h = hashlib.sha256()
    n = 0
    while chunk := stream.read(CHUNK):
        h.update(chunk)
        n += len(chunk)
    return h.hexdigest(), n


def _snapshot_db(ws: Workspace, into: Path) -> tuple[str, Path]:
    """A consistent copy of the database in ``into``: (entry name, file)."""
    url = ws.db_url
    if url.startswith("sqlite"):
        src_path = url.split("///", 1)[1]
        out = into / "loaxa.db"
        src = sqlite3.connect(src_path, timeout=30)
        dst = sqlite3.connect(out)
        try:
            with dst:
                src.backup(dst)  # online backup: a consistent snapshot while others write
        finally:
            dst.close()
            src.close()
        return "db/loaxa.db", out
    if url.startswith("postgresql"):
        out = into / "loaxa.sql"
        exe = shutil.which("pg_dump")
        if exe is None:
            raise LoaxaError(_("pg_dump is needed to back up a PostgreSQL database; install the PostgreSQL client tools."))
        target, env = _libpq(url)
        res = subprocess.run([exe, "--no-owner", "--no-privileges", "-f", str(out), target], capture_output=True, text=True, env=env)
        if res.returncode != 0:
            raise LoaxaError(_("pg_dump failed: {error}", error=res.stderr.strip()[-300:]))
        return "db/loaxa.sql", out
    raise LoaxaError(_("Backing up this kind of database is not supported: {url}", url=url.split(":", 1)[0]))


def create(ws: Workspace, out: Path, *, progress: Callable[[int, int], None] | None = None) -> BackupReport:
    """Write a backup of ``ws`` to ``out`` (written beside it, then renamed into place)."""
    out = Path(out)
    tmp_out = out.with_name(out.name + f".{uuid.uuid4().hex[:8]}.part")
    entries: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="loaxa-backup-") as tmp:
        name, snap = _snapshot_db(ws, Path(tmp))
        with ws.sessions() as s:
            revision = dbmod.current_revision(ws.engine) or ""
            del s
        media_files = sorted(p for p in ws.media.root.rglob("*") if p.is_file() and ".staging" not in p.parts)
        window_ini = ws.data_dir / "window.ini"
        total = len(media_files) + 2
        try:
            with zipfile.ZipFile(tmp_out, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as z:
                def add(entry: str, path: Path) -> None:
                    with open(path, "rb") as f:
                        sha, size = _sha_of(f)
                    z.write(path, entry)
                    entries[entry] = {"sha256": sha, "size": size}
                    if progress:
                        progress(len(entries), total)

                add(name, snap)
                for p in media_files:
                    add("media/" + p.relative_to(ws.media.root).as_posix(), p)
                if window_ini.is_file():
                    add("settings/window.ini", window_ini)
                manifest = {
                    "format": FORMAT, "version": VERSION, "schema_revision": revision, "created_at": datetime.now(UTC).isoformat(),
                    "database": "sqlite" if name.endswith(".db") else "postgresql", "entries": entries,
                }  # fmt: skip
                z.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
            os.replace(tmp_out, out)
        except BaseException:
            tmp_out.unlink(missing_ok=True)
            raise
    return BackupReport(out, len(entries), sum(e["size"] for e in entries.values()), revision)


@dataclass
class Verified:
    manifest: dict[str, Any]
    entries: dict[str, dict[str, Any]]


def verify(path: Path) -> Verified:
    """Check a backup file completely (exit 3 when it is not a complete, unaltered LoaXa backup
    that this version can restore); changes nothing."""
    path = Path(path)
    if not path.is_file():
        raise InputRefused(_("'{path}' does not exist.", path=path))
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputRefused(_("'{name}' is not a LoaXa backup (not a ZIP file, or a truncated one).", name=path.name)) from exc
    with z:
        try:
            manifest = json.loads(z.read("manifest.json"))
        except (KeyError, ValueError, zipfile.BadZipFile) as exc:
            raise InputRefused(_("'{name}' is not a LoaXa backup (no readable manifest).", name=path.name)) from exc
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise InputRefused(_("'{name}' is not a LoaXa backup.", name=path.name))
        if manifest.get("version") != VERSION:
            raise InputRefused(_("'{name}' is a backup in format version {v}, which this LoaXa cannot read; use a newer LoaXa.", name=path.name, v=manifest.get("version")))
        rev = str(manifest.get("schema_revision") or "")
        if rev > dbmod.HEAD_REVISION:
            raise InputRefused(_("This backup comes from a newer LoaXa (database revision {rev}, this one knows up to {head}); install the newer LoaXa to restore it.", rev=rev, head=dbmod.HEAD_REVISION))
        entries = manifest.get("entries")
        if not isinstance(entries, dict) or not entries:
            raise InputRefused(_("'{name}' is not a LoaXa backup (its manifest lists nothing).", name=path.name))
        names = set(z.namelist()) - {"manifest.json"}
        if names != set(entries):
            raise InputRefused(_("The backup's contents do not match its manifest (missing or extra files); it was altered or is incomplete."))
        for entry, meta in entries.items():
            p = PurePosixPath(entry)
            if p.is_absolute() or ".." in p.parts or "\\" in entry:
                raise InputRefused(_("The backup holds an unsafe file name: {name}", name=entry))
            try:
                with z.open(entry) as f:
                    sha, size = _sha_of(f)
            except (zipfile.BadZipFile, OSError, EOFError) as exc:
                raise InputRefused(_("The backup is damaged (truncated or corrupt at {name}).", name=entry)) from exc
            if sha != meta.get("sha256") or size != meta.get("size"):
                raise InputRefused(_("The backup was altered: {name} does not match its hash.", name=entry))
        if not any(e.startswith("db/") for e in entries):
            raise InputRefused(_("The backup holds no database."))
    return Verified(manifest, entries)


def has_data(ws: Workspace) -> bool:
    with ws.sessions() as s:
        if s.scalar(select(func.count()).select_from(Area)) or s.scalar(select(func.count()).select_from(Item)):
            return True
    return any(p.is_file() for p in ws.media.root.rglob("*") if ".staging" not in p.parts)


def restore(ws: Workspace, path: Path, *, force: bool = False) -> dict[str, Any]:
    """Replace the data of ``ws`` with the backup (all or nothing; see the module docstring).
    The workspace's database connections are closed; open a new Workspace afterwards."""
    v = verify(path)
    kind = "sqlite" if ws.db_url.startswith("sqlite") else "postgresql" if ws.db_url.startswith("postgresql") else ws.db_url.split(":", 1)[0]
    held = "sqlite" if "db/loaxa.db" in v.entries else "postgresql" if "db/loaxa.sql" in v.entries else "?"
    if held != kind:
        raise InputRefused(_("This backup holds a {held} database and this data folder uses {kind}; restore it where the same kind of database is used.", held=held, kind=kind))
    if has_data(ws) and not force:
        raise InputRefused(_("This data folder already holds data; add --force to replace it with the backup."))
    if kind == "postgresql":
        return _restore_postgresql(ws, path, v)
    db_path = Path(ws.db_url.split("///", 1)[1])
    media_root = ws.media.root
    stage = Path(tempfile.mkdtemp(prefix=".restore-", dir=ws.data_dir))
    old = ws.data_dir / f".before-restore-{uuid.uuid4().hex[:8]}"
    try:
        with zipfile.ZipFile(path) as z:
            for entry in v.entries:
                target = stage / Path(*PurePosixPath(entry).parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                with z.open(entry) as src, open(target, "wb") as dst:
                    shutil.copyfileobj(src, dst, CHUNK)
        # the staged database must open and migrate before it replaces anything
        staged_db = stage / "db" / "loaxa.db"
        eng = dbmod.make_engine(f"sqlite:///{staged_db.as_posix()}")
        dbmod.migrate(eng)
        eng.dispose()
        ws.close()
        old.mkdir()
        moved: list[tuple[Path, Path]] = []
        try:
            for suffix in ("", "-wal", "-shm"):
                p = Path(str(db_path) + suffix)
                if p.exists():
                    os.replace(p, old / p.name)
                    moved.append((old / p.name, p))
            if media_root.exists():
                os.replace(media_root, old / "media")
                moved.append((old / "media", media_root))
            os.replace(staged_db, db_path)
            staged_media = stage / "media"
            if staged_media.exists():
                os.replace(staged_media, media_root)
            else:
                media_root.mkdir(parents=True, exist_ok=True)
            ini = stage / "settings" / "window.ini"
            if ini.exists():
                shutil.copyfile(ini, ws.data_dir / "window.ini")
        except BaseException:
            # put everything back as it was
            if db_path.exists() and not any(dst == db_path for _s, dst in moved):
                db_path.unlink()
            for src, dst in reversed(moved):
                if dst.exists() and dst.is_dir():
                    shutil.rmtree(dst)
                os.replace(src, dst)
            raise
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return _restored(path, v)


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """The SQLAlchemy URL as the PostgreSQL tools (pg_dump, psql) take it, and their environment:
    the password goes in PGPASSWORD, never on a command line where a process list would show it."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    env = dict(os.environ)
    if u.password:
        env["PGPASSWORD"] = str(u.password)
    plain = u._replace(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _restored(path: Path, v: Verified) -> dict[str, Any]:
    return {"restored": str(path), "files": len(v.entries), "schema_revision": v.manifest.get("schema_revision"), "created_at": v.manifest.get("created_at")}


def _restore_postgresql(ws: Workspace, path: Path, v: Verified) -> dict[str, Any]:
    """PostgreSQL: the media store is staged and swapped in first; then psql loads the dump into
    an emptied schema in one transaction. When psql fails the transaction leaves the database as
    it was and the media store is swapped back."""
    exe = shutil.which("psql")
    if exe is None:
        raise LoaxaError(_("psql is needed to restore into a PostgreSQL database; install the PostgreSQL client tools."))
    media_root = ws.media.root
    media_root.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".restore-", dir=media_root.parent))
    old_media = media_root.parent / f".before-restore-{uuid.uuid4().hex[:8]}"
    try:
        with zipfile.ZipFile(path) as z:
            for entry in v.entries:
                if entry == "db/loaxa.sql" or entry.startswith(("media/", "settings/")):
                    target = stage / Path(*PurePosixPath(entry).parts)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with z.open(entry) as src, open(target, "wb") as dst:
                        shutil.copyfileobj(src, dst, CHUNK)
        script = stage / "restore.sql"
        script.write_text("DROP SCHEMA IF EXISTS public CASCADE;\nCREATE SCHEMA public;\n\\i '" + (stage / "db" / "loaxa.sql").as_posix().replace("'", "\\'") + "'\n", encoding="utf-8")
        url = ws.db_url
        ws.close()
        swapped = False
        if media_root.exists():
            os.replace(media_root, old_media)
        try:
            staged_media = stage / "media"
            if staged_media.exists():
                os.replace(staged_media, media_root)
            else:
                media_root.mkdir(parents=True, exist_ok=True)
            swapped = True
            target, env = _libpq(url)
            res = subprocess.run(
                [exe, "--no-psqlrc", "--quiet", "--single-transaction", "-v", "ON_ERROR_STOP=1", "-f", str(script), target],
                capture_output=True, text=True, encoding="utf-8", errors="replace", env=env,
            )  # fmt: skip
            if res.returncode != 0:
                raise InputRefused(_("The backup's database could not be loaded; nothing was changed: {error}", error=res.stderr.strip()[-300:]))
        except BaseException:
            if swapped and media_root.exists():
                shutil.rmtree(media_root)
            if old_media.exists():
                os.replace(old_media, media_root)
            raise
        shutil.rmtree(old_media, ignore_errors=True)
        ini = stage / "settings" / "window.ini"
        if ini.exists():
            shutil.copyfile(ini, ws.data_dir / "window.ini")
        eng = dbmod.make_engine(url)
        try:
            dbmod.migrate(eng)  # a backup from an older LoaXa is brought up to this one's schema
        finally:
            eng.dispose()
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return _restored(path, v)


def rotate(folder: Path, keep: int) -> list[Path]:
    """Remove all but the ``keep`` newest automatic backups in ``folder``; returns those removed."""
    files = sorted(folder.glob("loaxa-backup-*.zip"))
    gone = files[:-keep] if keep > 0 else files
    for f in gone:
        f.unlink(missing_ok=True)
    return gone


def daily_name(now: datetime) -> str:
    return f"loaxa-backup-{now:%Y%m%d-%H%M%S}.zip"


# --- the daily automatic backup ------------------------------------------------------------

AUTO_GLOB = "loaxa-backup-*.zip"


def newest_automatic(folder: Path) -> tuple[Path, datetime] | None:
    """The newest automatic backup in ``folder`` and when it was made (from its name, UTC)."""
    best: tuple[Path, datetime] | None = None
    for p in folder.glob(AUTO_GLOB) if folder.is_dir() else ():
        try:
            when = datetime.strptime(p.name, "loaxa-backup-%Y%m%d-%H%M%S.zip").replace(tzinfo=UTC)
        except ValueError:
            continue
        if best is None or when > best[1]:
            best = (p, when)
    return best


def data_size(ws: Workspace) -> int:
    """Bytes a backup of ``ws`` holds (about): the database file and the media store."""
    total = 0
    if ws.db_url.startswith("sqlite"):
        db_file = Path(ws.db_url.split("///", 1)[1])
        total += db_file.stat().st_size if db_file.is_file() else 0
    for p in ws.media.root.rglob("*"):
        if p.is_file() and ".staging" not in p.parts:
            total += p.stat().st_size
    return total


@dataclass
class AutoResult:
    """What one round of the automatic backup did."""

    state: str  # off | not_due | made | failed
    path: Path | None = None
    error: str | None = None
    removed: tuple[Path, ...] = ()


def automatic(ws: Workspace, now: datetime, *, every_s: float = 86400.0) -> AutoResult:
    """The daily automatic backup: when the setting ``backup.folder`` names a folder and the
    newest backup there is ``every_s`` old (or none exists), write a new one and keep only the
    ``backup.keep`` newest. Never raises for an expected problem (no space, folder not
    writable): the result says what went wrong, for the log and ``loaxa check``."""
    from . import settings

    with ws.sessions() as s:
        folder_s = str(settings.get(s, "backup.folder") or "").strip()
        keep = max(1, int(settings.get(s, "backup.keep") or 1))
    if not folder_s:
        return AutoResult("off")
    folder = Path(folder_s).expanduser()
    newest = newest_automatic(folder)
    if newest is not None and (now - newest[1]).total_seconds() < every_s:
        return AutoResult("not_due", newest[0])
    try:
        folder.mkdir(parents=True, exist_ok=True)
        need = int(data_size(ws) * 1.05) + (16 << 20)
        free = shutil.disk_usage(folder).free
        if free < need:
            return AutoResult("failed", None, _("not enough free space in {folder}: {free} MB free, about {need} MB needed", folder=folder, free=free >> 20, need=need >> 20))
        rep = create(ws, folder / daily_name(now))
    except OSError as exc:
        return AutoResult("failed", None, _("cannot write to {folder}: {error}", folder=folder, error=exc.strerror or exc))
    except LoaxaError as exc:
        return AutoResult("failed", None, exc.message)
    removed = tuple(rotate(folder, keep))
    return AutoResult("made", rep.path, None, removed)
