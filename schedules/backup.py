"""Backup and restore: one file with a consistent snapshot of the database, the media store and
the window settings, and a manifest of hashes.

The file is a ZIP: ``manifest.json`` (format, version, LoaXa schema revision, creation time,
and the SHA-256 and size of every other entry), ``db/loaxa.db`` (SQLite's online backup, safe
while the engine runs; for PostgreSQL a ``pg_dump`` plain-SQL dump, ``db/loaxa.sql``),
``media/...``, ``settings/window.ini`` and, when a passphrase was given, ``secrets.enc`` (the
passwords, sealed). Passwords never travel in clear: they are taken out of the database copy
(docs/backups.md).

A backup is untrusted input (it travels on USB sticks and chat apps). Restore reads the whole
file, checks every hash, accepts only the entries a backup can hold, then checks the database it
holds (schema exactly as the migrations make it, stored paths inside the store, settings within
bounds, endpoint URLs acceptable) before it touches anything; it then stages the data beside the
current data and swaps the two under the engine lease, so a failure leaves the current data as
it was and no engine starts in between. Existing data is replaced only with ``force``; a running
engine is refused, or stopped through the command queue with ``stop_engine``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import time
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from sqlalchemy import func, select, update

from . import commands, lease, notify, paths
from . import db as dbmod
from .clock import SYSTEM_CLOCK, Clock, utcnow
from .errors import DeliveryError, InputRefused, LoaxaError
from .i18n import _
from .models import Area, EngineLease, Item
from .text import has_control, shown
from .workspace import Workspace

log = logging.getLogger("loaxa.backup")

FORMAT = "loaxa.backup"
VERSION = 1
CHUNK = 1 << 20


@dataclass
class BackupReport:
    path: Path
    files: int
    bytes: int
    revision: str
    secrets: str = "none"  # none | excluded | encrypted


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
        _drop_change_notices(out)
        return "db/loaxa.sql", out
    raise LoaxaError(_("Backing up this kind of database is not supported: {url}", url=url.split(":", 1)[0]))


def _drop_change_notices(dump: Path) -> None:
    """Take LoaXa's own change-notice function and triggers (schedules/notify.py) out of a dump:
    a restore refuses every function and trigger (psql would run what a crafted dump says), and
    installs LoaXa's own again after the load (:func:`schedules.notify.install`)."""
    out: list[str] = []
    in_function = False
    with open(dump, encoding="utf-8", newline="") as f:
        for line in f:
            text = line.rstrip("\r\n")
            if in_function:
                in_function = not text.endswith("$$;")
                continue
            if text.startswith("CREATE FUNCTION public.loaxa_notify_change()"):
                in_function = not text.endswith("$$;")
                continue
            if text.startswith("CREATE TRIGGER loaxa_notify ") and text.endswith(";"):
                continue
            out.append(line)
    tmp = dump.with_name(dump.name + ".tmp")
    tmp.write_text("".join(out), encoding="utf-8", newline="")
    os.replace(tmp, dump)


def check_target(ws: Workspace, out: Path, *, force: bool = False) -> Path:
    """Where a backup may be written: outside the data folder and the media store, not the live
    database, and not over an existing file unless ``force`` (and then only a regular file)."""
    db_file = Path(ws.db_url.split("///", 1)[1]) if ws.db_url.startswith("sqlite") else None
    out = paths.outside_data(out, what=_("backup"), data_dir=ws.data_dir, media_root=ws.media.root, db_file=db_file)
    if out.is_symlink() or (out.exists() and not out.is_file()):
        raise InputRefused(_("backup: '{path}' exists and is not a regular file; give a new file name.", path=shown(str(out))))
    if out.exists() and not force:
        raise InputRefused(_("backup: '{path}' already exists; add --force to replace it, or give a new name.", path=shown(str(out))))
    return out


def _owner_only_file(path: Path) -> Any:
    """A new file readable and writable by its owner only (a backup holds the station's data)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    return os.fdopen(fd, "w+b")


def create(
    ws: Workspace,
    out: Path,
    *,
    force: bool = False,
    passphrase: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    now: datetime | None = None,
) -> BackupReport:
    """Write a backup of ``ws`` to ``out`` (written beside it, owner-only, then renamed into place),
    its manifest dated ``now`` (default the machine's time).

    Secrets (endpoint source and admin passwords, credentials in relay URLs) are taken out of the
    database copy; with a ``passphrase`` they travel encrypted in ``secrets.enc`` (AES-256-GCM,
    key from scrypt), without one they are left out (see docs/backups.md)."""
    out = check_target(ws, Path(out), force=force)
    tmp_out = out.with_name(out.name + f".{uuid.uuid4().hex[:8]}.part")
    entries: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="loaxa-backup-") as tmp:
        name, snap = _snapshot_db(ws, Path(tmp))
        sealed: bytes | None = None
        secrets_state = "none"
        found = take_out_secrets(snap) if name == "db/loaxa.db" else take_out_secrets_pg(snap)
        if found:
            secrets_state = "excluded"
            if passphrase:
                sealed = seal(found, passphrase)
                secrets_state = "encrypted"
        with ws.sessions() as s:
            revision = dbmod.current_revision(ws.engine) or ""
            del s
        media_files = sorted(p for p in ws.media.root.rglob("*") if p.is_file() and not p.is_symlink() and ".staging" not in p.parts)
        window_ini = ws.data_dir / "window.ini"
        has_window_ini = window_ini.is_file()
        total = len(media_files) + 1 + int(has_window_ini)
        try:
            with _owner_only_file(tmp_out) as fh, zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as z:

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
                if has_window_ini:
                    add("settings/window.ini", window_ini)
                if sealed is not None:
                    z.writestr(SECRETS_ENTRY, sealed)
                    entries[SECRETS_ENTRY] = {"sha256": hashlib.sha256(sealed).hexdigest(), "size": len(sealed)}
                manifest = {
                    "format": FORMAT,
                    "version": VERSION,
                    "schema_revision": revision,
                    "created_at": (now or utcnow()).astimezone(UTC).isoformat(),
                    "database": "sqlite" if name.endswith(".db") else "postgresql",
                    "entries": entries,
                    "secrets": secrets_state,
                }
                z.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
            os.replace(tmp_out, out)
        except BaseException:
            tmp_out.unlink(missing_ok=True)
            raise
    return BackupReport(out, len(entries), sum(e["size"] for e in entries.values()), revision, secrets_state)


@dataclass
class Verified:
    manifest: dict[str, Any]
    entries: dict[str, dict[str, Any]]


# what a backup may hold, and nothing else
_SOURCE_ENTRY = re.compile(r"media/sources/([0-9a-f]{2})/([0-9a-f]{64})\.([a-z0-9]{1,10})")
_RENDITION_ENTRY = re.compile(r"media/renditions/([A-Za-z0-9][A-Za-z0-9._-]{0,63})/([A-Za-z0-9][A-Za-z0-9._-]{0,63})/([0-9a-f]{2})/([0-9a-f]{64})\.mp3")
_FIXED_ENTRIES = {"db/loaxa.db", "db/loaxa.sql", "settings/window.ini", "secrets.enc"}
WINDOW_INI_MAX = 1 << 20


def _entry_allowed(entry: str, meta: dict[str, Any]) -> bool:
    if entry in _FIXED_ENTRIES:
        return entry != "settings/window.ini" or meta["size"] <= WINDOW_INI_MAX
    m = _SOURCE_ENTRY.fullmatch(entry)
    if m:
        # a source file is named by the hash of its bytes
        return m.group(2).startswith(m.group(1)) and m.group(2) == meta["sha256"]
    r = _RENDITION_ENTRY.fullmatch(entry)
    return r is not None and r.group(4).startswith(r.group(3)) and r.group(1) not in (".", "..") and r.group(2) not in (".", "..")


def known_revisions() -> list[str]:
    """Every schema revision this LoaXa's migrations know, oldest first."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(dbmod.__file__).with_name("migrations")))
    script = ScriptDirectory.from_config(cfg)
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def verify(path: Path) -> Verified:
    """Check a backup file completely (exit 3 when it is not a complete, unaltered LoaXa backup
    that this version can restore); changes nothing. The file is untrusted: only the entries a
    backup can hold are accepted (the database, media files named as the store names them, the
    window settings, the sealed secrets)."""
    path = Path(path)
    if not path.is_file():
        raise InputRefused(_("'{path}' does not exist.", path=shown(str(path))))
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputRefused(_("'{name}' is not a LoaXa backup (not a ZIP file, or a truncated one).", name=shown(path.name))) from exc
    with z:
        try:
            info = z.getinfo("manifest.json")
            if info.file_size > 64 << 20:
                raise ValueError("manifest too large")
            manifest = json.loads(z.read("manifest.json"))
        except (KeyError, ValueError, RecursionError, zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
            raise InputRefused(_("'{name}' is not a LoaXa backup (no readable manifest).", name=shown(path.name))) from exc
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise InputRefused(_("'{name}' is not a LoaXa backup.", name=shown(path.name)))
        if manifest.get("version") != VERSION:
            raise InputRefused(
                _(
                    "'{name}' is a backup in format version {v}, which this LoaXa cannot read; use a newer LoaXa.",
                    name=shown(path.name),
                    v=shown(str(manifest.get("version"))),
                )
            )
        rev = manifest.get("schema_revision")
        known = known_revisions()
        if not isinstance(rev, str) or rev not in known:
            if isinstance(rev, str) and rev.isdigit() and rev > dbmod.HEAD_REVISION:
                raise InputRefused(
                    _(
                        "This backup comes from a newer LoaXa (database revision {rev}, this one knows up to {head}); install the newer LoaXa to restore it.",
                        rev=rev,
                        head=dbmod.HEAD_REVISION,
                    )
                )
            raise InputRefused(
                _("This backup names a database revision LoaXa does not know ({rev}); it was altered or is not a LoaXa backup.", rev=shown(str(rev)))
            )
        entries = manifest.get("entries")
        if not isinstance(entries, dict) or not entries:
            raise InputRefused(_("'{name}' is not a LoaXa backup (its manifest lists nothing).", name=shown(path.name)))
        namelist = z.namelist()
        if len(namelist) != len(set(namelist)) or len({n.casefold() for n in namelist}) != len(namelist):
            raise InputRefused(_("The backup holds the same file name twice; it was altered."))
        names = set(namelist) - {"manifest.json"}
        if names != set(entries):
            raise InputRefused(_("The backup's contents do not match its manifest (missing or extra files); it was altered or is incomplete."))
        total = 0
        for entry, meta in entries.items():
            if not isinstance(meta, dict) or not isinstance(meta.get("sha256"), str) or type(meta.get("size")) is not int or meta["size"] < 0:
                raise InputRefused(_("The backup's manifest is damaged at {name}.", name=shown(entry)))
            p = PurePosixPath(entry)
            if p.is_absolute() or ".." in p.parts or "\\" in entry or has_control(entry) or not _entry_allowed(entry, meta):
                raise InputRefused(_("The backup holds a file LoaXa does not make: {name}; nothing was changed.", name=shown(entry)))
            zi = z.getinfo(entry)
            if zi.is_dir() or zi.file_size != meta["size"]:
                raise InputRefused(_("The backup was altered: {name} does not match its hash.", name=shown(entry)))
            total += meta["size"]
        if SECRETS_ENTRY in entries:
            _check_sealed(z.read(SECRETS_ENTRY) if entries[SECRETS_ENTRY]["size"] <= 1 << 20 else b"")
        dbs = [e for e in entries if e.startswith("db/")]
        if len(dbs) != 1:
            raise InputRefused(_("The backup holds no database.") if not dbs else _("The backup holds more than one database; it was altered."))
        for entry, meta in entries.items():
            try:
                with z.open(entry) as f:
                    sha, size = _sha_of(f)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
                raise InputRefused(_("The backup is damaged (truncated or corrupt at {name}).", name=shown(entry))) from exc
            if sha != meta.get("sha256") or size != meta.get("size"):
                raise InputRefused(_("The backup was altered: {name} does not match its hash.", name=shown(entry)))
    return Verified(manifest, entries)


def has_data(ws: Workspace) -> bool:
    with ws.sessions() as s:
        if s.scalar(select(func.count()).select_from(Area)) or s.scalar(select(func.count()).select_from(Item)):
            return True
    return any(p.is_file() for p in ws.media.root.rglob("*") if ".staging" not in p.parts)


# --- the engine while restoring ------------------------------------------------------------

STOP_WAIT_S = 30.0


def _holder() -> str:
    return f"restore:{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def engine_gate(ws: Workspace, *, stop_engine: bool, wait_s: float = STOP_WAIT_S, clock: Clock = SYSTEM_CLOCK) -> None:
    """Before a restore: refuse while an engine airs from this database (exit 5), or, with
    ``stop_engine``, ask it to stop through the command queue and wait until it has let go.
    Whether the engine's lease is alive is judged at the ``clock``'s time; the wait itself is
    real time (the engine is another process)."""
    with ws.session() as s:
        info = lease.read(s, clock.now())
    if not info.alive:
        return
    if not stop_engine:
        raise DeliveryError(
            _(
                "The engine is running on {host} (process {pid}): a restore would pull the data from under it. Stop it first, or add --stop-engine to stop it now.",
                host=info.host or "?",
                pid=info.pid or "?",
            )
        )
    with ws.session() as s:
        cmd_id = commands.enqueue(s, "shutdown", {"reason": "restore"}, by="restore").id
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        with ws.session() as s:
            if not lease.read(s, clock.now()).alive:
                return
        time.sleep(0.2)
    with ws.session() as s:
        commands.cancel_if_pending(s, cmd_id, clock=clock)
    raise DeliveryError(
        _("The engine did not stop within {s} s; nothing was restored. Stop it (close LoaXa or stop the service) and try again.", s=int(wait_s))
    )


def _take_lease(ws: Workspace, holder: str, clock: Clock) -> None:
    """Hold the engine lease of the current database for the swap, so no engine starts."""
    now = clock.now()
    with ws.session() as s:
        if not lease.acquire(s, holder, socket.gethostname(), os.getpid(), now):
            info = lease.read(s, now)
            raise DeliveryError(
                _(
                    "An engine started on {host} (process {pid}) while the backup was being checked; nothing was restored. Stop it and try again.",
                    host=info.host or "?",
                    pid=info.pid or "?",
                )
            )


def _release_lease(ws: Workspace, holder: str, clock: Clock) -> None:
    try:
        with ws.session() as s:
            lease.release(s, holder, clock.now())
    except Exception:  # the database may be the one that failed; the lease then goes stale by itself
        log.warning("could not release the restore lease", exc_info=True)


# --- restore ---------------------------------------------------------------------------------


def restore(
    ws: Workspace,
    path: Path,
    *,
    force: bool = False,
    stop_engine: bool = False,
    passphrase: str | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> dict[str, Any]:
    """Replace the data of ``ws`` with the backup (all or nothing; see the module docstring).
    The workspace's database connections are closed; open a new Workspace afterwards.

    The backup is untrusted input: the file (:func:`verify`), then the database it holds (the
    schema exactly as the migrations make it, stored paths inside the store, settings within
    their bounds, endpoint URLs acceptable) are checked before anything is replaced. An engine
    airing from this database is refused, or stopped with ``stop_engine``; the restore holds
    the engine lease during the swap. The ``clock`` judges and dates the engine lease."""
    v = verify(path)
    kind = "sqlite" if ws.db_url.startswith("sqlite") else "postgresql" if ws.db_url.startswith("postgresql") else ws.db_url.split(":", 1)[0]
    held = "sqlite" if "db/loaxa.db" in v.entries else "postgresql" if "db/loaxa.sql" in v.entries else "?"
    if held != kind:
        raise InputRefused(
            _("This backup holds a {held} database and this data folder uses {kind}; restore it where the same kind of database is used.", held=held, kind=kind)
        )
    if has_data(ws) and not force:
        raise InputRefused(_("This data folder already holds data; add --force to replace it with the backup."))
    sealed: dict[str, Any] | None = None
    if SECRETS_ENTRY in v.entries and passphrase:
        with zipfile.ZipFile(path) as z:
            sealed = unseal(z.read(SECRETS_ENTRY), passphrase)
    _check_space(ws, v)
    engine_gate(ws, stop_engine=stop_engine, clock=clock)
    if kind == "postgresql":
        out = _restore_postgresql(ws, path, v, clock)
        if sealed is not None:
            eng = dbmod.make_engine(ws.db_url)
            try:
                with dbmod.make_sessionmaker(eng)() as s, s.begin():
                    put_back_secrets(s, sealed)
            finally:
                eng.dispose()
        out["secrets"] = "restored" if sealed is not None else ("not_restored" if SECRETS_ENTRY in v.entries else str(v.manifest.get("secrets") or "none"))
        return out
    db_path = Path(ws.db_url.split("///", 1)[1])
    media_root = ws.media.root
    stage = Path(tempfile.mkdtemp(prefix=".restore-", dir=ws.data_dir))
    old = ws.data_dir / f".before-restore-{uuid.uuid4().hex[:8]}"
    holder = _holder()
    leased = False
    try:
        with zipfile.ZipFile(path) as z:
            for entry in v.entries:
                target = paths.store_path(stage, entry, what=_("backup entry"))
                target.parent.mkdir(parents=True, exist_ok=True)
                with z.open(entry) as src, open(target, "xb") as dst:
                    shutil.copyfileobj(src, dst, CHUNK)
        staged_db = stage / "db" / "loaxa.db"
        # the staged database must be exactly what LoaXa makes before anything else reads it
        add_indexes = check_sqlite(staged_db, str(v.manifest["schema_revision"]), ws)
        if add_indexes:
            con = sqlite3.connect(staged_db)
            try:
                with con:
                    for sql in add_indexes:
                        con.execute(sql)
            finally:
                con.close()
        eng = dbmod.make_engine(f"sqlite:///{staged_db.as_posix()}")
        try:
            dbmod.migrate(eng)
            with dbmod.make_sessionmaker(eng)() as s, s.begin():
                if sealed is not None:
                    put_back_secrets(s, sealed)
                lease_row = _hold_staged_lease(s, holder, clock.now())
        finally:
            eng.dispose()
        _take_lease(ws, holder, clock)
        leased = True
        ws.close()
        old.mkdir()
        moved: list[tuple[Path, Path]] = []  # (where the original went, where it was)
        placed: list[Path] = []  # what the restore put in place
        try:
            for suffix in ("", "-wal", "-shm"):
                p = Path(str(db_path) + suffix)
                if p.exists():
                    os.replace(p, old / p.name)
                    moved.append((old / p.name, p))
            if media_root.exists() or media_root.is_symlink():
                os.replace(media_root, old / "media")
                moved.append((old / "media", media_root))
            os.replace(staged_db, db_path)
            placed.append(db_path)
            os.chmod(db_path, 0o600)
            staged_media = stage / "media"
            placed.append(media_root)
            if staged_media.is_dir():
                os.replace(staged_media, media_root)
            else:
                media_root.mkdir(parents=True, exist_ok=True)
            ini = stage / "settings" / "window.ini"
            if ini.is_file():
                shutil.copyfile(ini, ws.data_dir / "window.ini")
        except BaseException:
            # put everything back as it was: remove only what the restore placed
            for p in placed:
                _remove(p)
            for original, home in reversed(moved):
                _remove(home)
                os.replace(original, home)
            raise
        leased = False  # the old database is gone; the new one carries the restore's hold
        _let_go_staged_lease(db_path, holder, lease_row)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        if leased:
            _release_lease(ws, holder, clock)
        shutil.rmtree(stage, ignore_errors=True)
    out = _restored(path, v)
    out["secrets"] = "restored" if sealed is not None else ("not_restored" if SECRETS_ENTRY in v.entries else str(v.manifest.get("secrets") or "none"))
    return out


def _remove(p: Path) -> None:
    if p.is_symlink() or p.is_file():
        p.unlink()
    elif p.is_dir():
        shutil.rmtree(p)


def _check_space(ws: Workspace, v: Verified) -> None:
    need = sum(int(m["size"]) for m in v.entries.values()) + (16 << 20)
    try:
        free = shutil.disk_usage(ws.data_dir).free
    except OSError:
        return
    if free < need:
        raise InputRefused(
            _(
                "Not enough free space to restore: {free} MB free in {folder}, about {need} MB needed; nothing was changed.",
                free=free >> 20,
                folder=ws.data_dir,
                need=need >> 20,
            )
        )


_LEASE_COLUMNS = ("holder", "host", "pid", "started_at", "heartbeat_at", "released_at", "info")


def _hold_staged_lease(s: Any, holder: str, now: datetime) -> tuple[Any, ...] | None:
    """Mark the staged database's lease as held by this restore (an engine that opens it right
    after the swap waits); returns the row as the backup had it (raw), to be put back after."""
    from sqlalchemy import text

    before = s.execute(text(f"SELECT {', '.join(_LEASE_COLUMNS)} FROM engine_lease WHERE id = 1")).first()
    s.execute(
        update(EngineLease).where(EngineLease.id == 1).values(holder=holder, host=socket.gethostname(), pid=os.getpid(), started_at=now, heartbeat_at=now)
    )
    return tuple(before) if before is not None else None


def _let_go_staged_lease(db_path: Path, holder: str, before: tuple[Any, ...] | None) -> None:
    """Put the backup's own lease row back exactly (the restored data is the backup's)."""
    con = sqlite3.connect(db_path, timeout=dbmod.BUSY_TIMEOUT_S)
    try:
        with con:
            if before is not None:
                sets = ", ".join(f"{c} = ?" for c in _LEASE_COLUMNS)
                con.execute(f"UPDATE engine_lease SET {sets} WHERE id = 1 AND holder = ?", (*before, holder))
    finally:
        con.close()


# --- the database of a backup, checked as untrusted ------------------------------------------


_REFERENCE: dict[str, set[tuple[str, str, str, str]]] = {}
_REFERENCE_SQL: dict[str, dict[str, str]] = {}  # revision -> index name -> CREATE INDEX as the migrations write it
_INTERNAL = {"sqlite_sequence", "sqlite_stat1", "sqlite_stat4"}


def _schema(con: sqlite3.Connection) -> set[tuple[str, str, str, str]]:
    rows = con.execute("SELECT type, name, tbl_name, COALESCE(sql, '') FROM sqlite_master").fetchall()
    return {(str(t), str(n), str(tb), _normal_sql(str(t), str(sql))) for t, n, tb, sql in rows if n not in _INTERNAL}


def _normal_sql(kind: str, sql: str) -> str:
    """A schema statement in a form that does not depend on the order Alembic's batch mode
    happens to write a table's constraints in (it comes from a set): the parts of a CREATE TABLE
    are sorted; everything else is compared as written, spaces aside."""
    text = " ".join(sql.split())
    if kind != "table" or "(" not in text or not text.endswith(")"):
        return text
    head, body = text[: text.index("(")], text[text.index("(") + 1 : -1]
    parts: list[str] = []
    cur: list[str] = []
    depth, quote = 0, ""
    for ch in body:
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"`[":
            quote = "]" if ch == "[" else ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append("".join(cur).strip())
            cur = []
            continue
        cur.append(ch)
    parts.append("".join(cur).strip())
    return head.strip() + " (" + ", ".join(sorted(parts)) + ")"


def reference_schema(revision: str) -> set[tuple[str, str, str, str]]:
    """The schema the migrations make at ``revision`` (built once per process, in a temp file)."""
    if revision not in _REFERENCE:
        with tempfile.TemporaryDirectory(prefix="loaxa-ref-") as d:
            f = Path(d) / "ref.db"
            eng = dbmod.make_engine(f"sqlite:///{f.as_posix()}")
            try:
                dbmod.migrate(eng, revision)
            finally:
                eng.dispose()
            con = sqlite3.connect(f)
            try:
                _REFERENCE[revision] = _schema(con)
                _REFERENCE_SQL[revision] = {
                    str(n): str(sql) for n, sql in con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
                }
            finally:
                con.close()
    return _REFERENCE[revision]


def check_sqlite(db_file: Path, revision: str, ws: Workspace | None = None) -> list[str]:
    """Refuse (exit 3) a backup's SQLite database that is not exactly what LoaXa makes: not a
    database, damaged, a revision other than the manifest's, any table, view, trigger or index
    the migrations do not make, a table that differs, a stored path that leads outside the media
    store, a setting out of its bounds, an endpoint URL LoaXa would refuse.

    Returns the CREATE INDEX statements (the migrations' own) of indexes the database lacks: a
    missing index is harmless (a database made while a migration was still being written lacks
    one); the caller adds them to its staged copy."""
    try:
        con = sqlite3.connect(f"file:{db_file.as_posix()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise InputRefused(_("The backup's database cannot be opened: {error}", error=str(exc))) from exc
    try:
        try:
            con.execute("PRAGMA trusted_schema=OFF")
            ok = con.execute("PRAGMA quick_check").fetchone()
            if not ok or ok[0] != "ok":
                raise InputRefused(_("The backup's database is damaged ({detail}); nothing was changed.", detail=shown(str(ok and ok[0]))))
            found = _schema(con)
            has_version = any(t == "table" and n == "alembic_version" for t, n, _tb, _sql in found)
            rev = con.execute("SELECT version_num FROM alembic_version").fetchall() if has_version else []
        except sqlite3.DatabaseError as exc:
            raise InputRefused(_("The backup's database is not a LoaXa database (or is damaged): {error}", error=str(exc))) from exc
        if [tuple(r) for r in rev] != [(revision,)]:
            raise InputRefused(
                _("The backup's database is at revision {found}, its manifest says {rev}; it was altered.", found=shown(str([r[0] for r in rev])), rev=revision)
            )
        ref = reference_schema(revision)
        extra = sorted(found - ref)
        found_names = {n for _t, n, _tb, _sql in found}
        missing = sorted(ref - found)
        absent_indexes = [n for t, n, _tb, _sql in missing if t == "index" and n not in found_names]
        wrong = extra + [m for m in missing if m[1] not in absent_indexes]
        if wrong:
            what = ", ".join(f"{t} {n}" for t, n, _tb, _sql in wrong[:5])
            raise InputRefused(_("The backup's database does not have the schema LoaXa makes ({what}); it was altered. Nothing was changed.", what=shown(what)))
        _check_rows(con, ws)
    finally:
        con.close()
    return [_REFERENCE_SQL[revision][n] for n in absent_indexes]


def _check_rows(con: sqlite3.Connection, ws: Workspace | None) -> None:
    from . import settings as settings_mod
    from .endpoints import parse_user_url

    media = Path(tempfile.gettempdir()) / "loaxa-store"
    for item_id, sha, ext in con.execute("SELECT id, media_sha256, media_ext FROM items"):
        if sha is None:
            continue
        if not (isinstance(sha, str) and re.fullmatch(r"[0-9a-f]{64}", sha)) or not (
            ext is None or (isinstance(ext, str) and re.fullmatch(r"\.?[A-Za-z0-9]{1,10}", ext))
        ):
            raise InputRefused(
                _("The backup's item {id} names its media file in a way LoaXa does not (it could point outside the media store); it was altered.", id=item_id)
            )
    for rid, rel, fmt, preset in con.execute("SELECT id, path, format, preset_key FROM renditions"):
        try:
            paths.store_path(media, str(rel), what=_("rendition"))
            paths.check_component(str(fmt), what=_("format"))
            paths.check_component(str(preset), what=_("loudness preset"))
        except InputRefused as exc:
            raise InputRefused(
                _("The backup's rendition {id} has a path outside the media store; it was altered. ({detail})", id=rid, detail=exc.message)
            ) from exc
        if not _RENDITION_ENTRY.fullmatch("media/" + str(rel)):
            raise InputRefused(_("The backup's rendition {id} has a path LoaXa does not make ({path}); it was altered.", id=rid, path=shown(str(rel))))
    for key, raw in con.execute("SELECT key, value FROM settings"):
        try:
            value = json.loads(raw) if isinstance(raw, str | bytes) else raw
        except (ValueError, RecursionError) as exc:
            raise InputRefused(_("The backup's setting '{key}' is not readable; it was altered.", key=shown(str(key)))) from exc
        opt = settings_mod.OPTIONS.get(str(key))
        if opt is None:
            raise InputRefused(_("The backup holds a setting LoaXa does not know: '{key}'.", key=shown(str(key))))
        number_for_float = opt.type is float and isinstance(value, int) and not isinstance(value, bool)
        if (not isinstance(value, opt.type) or (opt.type is int and isinstance(value, bool))) and not number_for_float:
            raise InputRefused(_("The backup's setting '{key}' has a value of the wrong kind; it was altered.", key=key))
        try:
            settings_mod.check(str(key), value)
        except RecursionError as exc:
            raise InputRefused(_("The backup's setting '{key}' is nested too deeply; it was altered.", key=key)) from exc
        except InputRefused as exc:
            raise InputRefused(_("The backup's setting '{key}' is out of its bounds: {detail}", key=key, detail=exc.message)) from exc
    for code, url in con.execute("SELECT code, url FROM endpoints"):
        try:
            parse_user_url(str(url), data_dir=ws.data_dir if ws else None, media_root=ws.media.root if ws else None)
        except InputRefused as exc:
            raise InputRefused(_("The backup's endpoint '{code}' has a URL LoaXa refuses: {detail}", code=shown(str(code)), detail=exc.message)) from exc
    from .playlists import check_relay_url

    for eid, relay in con.execute("SELECT id, relay_url FROM playlist_entries WHERE relay_url IS NOT NULL"):
        try:
            check_relay_url(str(relay))
        except InputRefused as exc:
            raise InputRefused(_("The backup's relay (playlist entry {id}) has a URL LoaXa refuses: {detail}", id=eid, detail=exc.message)) from exc


# --- secrets: out of the database copy; in the backup only sealed with a passphrase -----------

SECRETS_ENTRY = "secrets.enc"
_SECRETS_AAD = b"loaxa.secrets.1"
_SCRYPT = {"n": 2**15, "r": 8, "p": 1}


def _relay_without_password(url: str) -> str | None:
    """The relay URL without a password in it (None when it holds none)."""
    from urllib.parse import urlsplit, urlunsplit

    try:
        parts = urlsplit(url)
        if parts.password is None:
            return None
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        netloc = (f"{parts.username}@" if parts.username else "") + host + (f":{parts.port}" if parts.port else "")
        return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    except ValueError:
        return None


def take_out_secrets(db_file: Path) -> dict[str, Any]:
    """Remove the secrets from a SQLite copy (overwritten, then VACUUM so no free page keeps
    them); returns what was removed (empty when there was nothing)."""
    con = sqlite3.connect(db_file)
    try:
        con.execute("PRAGMA secure_delete=ON")
        found: dict[str, Any] = {"endpoints": {}, "relays": {}}
        for code, pw, apw in con.execute(
            "SELECT code, password, admin_password FROM endpoints WHERE password IS NOT NULL OR admin_password IS NOT NULL"
        ).fetchall():
            found["endpoints"][code] = {"password": pw, "admin_password": apw}
        for eid, url in con.execute("SELECT id, relay_url FROM playlist_entries WHERE relay_url IS NOT NULL").fetchall():
            bare = _relay_without_password(str(url))
            if bare is not None:
                found["relays"][str(eid)] = {"url": url, "bare": bare}
        with con:
            con.execute("UPDATE endpoints SET password = NULL, admin_password = NULL")
            for eid, r in found["relays"].items():
                con.execute("UPDATE playlist_entries SET relay_url = ? WHERE id = ?", (r["bare"], int(eid)))
        con.execute("VACUUM")
    finally:
        con.close()
    return found if (found["endpoints"] or found["relays"]) else {}


_COPY = re.compile(r"COPY public\.(endpoints|playlist_entries) \((.*)\) FROM stdin;")
_COPY_ESC = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", "v": "\v"}


def _copy_unescape(field: str) -> str | None:
    """A field of PostgreSQL's COPY text format as its value (``\\N`` is NULL)."""
    if field == "\\N":
        return None
    return re.sub(
        r"\\(x[0-9A-Fa-f]{1,2}|[0-7]{1,3}|.)",
        lambda m: (
            _COPY_ESC.get(m.group(1))
            or (chr(int(m.group(1)[1:], 16)) if m.group(1)[0] == "x" else chr(int(m.group(1), 8)) if m.group(1)[0].isdigit() else m.group(1))
        ),
        field,
    )


def _copy_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def take_out_secrets_pg(dump: Path) -> dict[str, Any]:
    """The same as :func:`take_out_secrets` for a pg_dump text dump (its COPY rows rewritten)."""
    found: dict[str, Any] = {"endpoints": {}, "relays": {}}
    out: list[str] = []
    table: str | None = None
    cols: list[str] = []
    with open(dump, encoding="utf-8", newline="") as f:
        for line in f:
            if table is None:
                m = _COPY.match(line)
                if m:
                    table, cols = m.group(1), [c.strip().strip('"') for c in m.group(2).split(",")]
                out.append(line)
                continue
            if line.rstrip("\r\n") == "\\.":
                table = None
                out.append(line)
                continue
            fields = line.rstrip("\n").split("\t")
            if table == "endpoints" and len(fields) == len(cols):
                code = _copy_unescape(fields[cols.index("code")])
                pw = {k: _copy_unescape(fields[cols.index(k)]) for k in ("password", "admin_password") if k in cols}
                if any(v is not None for v in pw.values()):
                    found["endpoints"][code] = pw
                    for k in pw:
                        fields[cols.index(k)] = "\\N"
            elif table == "playlist_entries" and len(fields) == len(cols) and "relay_url" in cols:
                url = _copy_unescape(fields[cols.index("relay_url")])
                bare = _relay_without_password(url) if url else None
                if bare is not None:
                    found["relays"][str(_copy_unescape(fields[cols.index("id")]))] = {"url": url, "bare": bare}
                    fields[cols.index("relay_url")] = _copy_escape(bare)
            out.append("\t".join(fields) + "\n")
    if found["endpoints"] or found["relays"]:
        with open(dump, "w", encoding="utf-8", newline="") as f:
            f.writelines(out)
        return found
    return {}


def seal(found: dict[str, Any], passphrase: str) -> bytes:
    """The secrets encrypted with a key derived from ``passphrase`` (scrypt, AES-256-GCM)."""
    import base64

    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    salt, nonce = os.urandom(16), os.urandom(12)
    key = Scrypt(salt=salt, length=32, **_SCRYPT).derive(passphrase.encode("utf-8"))
    data = AESGCM(key).encrypt(nonce, json.dumps(found, ensure_ascii=False).encode("utf-8"), _SECRETS_AAD)
    doc = {
        "format": "loaxa.secrets",
        "version": 1,
        "kdf": "scrypt",
        **_SCRYPT,
        "salt": base64.b64encode(salt).decode(),
        "nonce": base64.b64encode(nonce).decode(),
        "data": base64.b64encode(data).decode(),
    }
    return json.dumps(doc).encode("utf-8")


def unseal(blob: bytes, passphrase: str) -> dict[str, Any]:
    """The secrets of a backup (InputRefused for a wrong passphrase or a damaged entry)."""
    import base64
    import binascii

    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    doc = _check_sealed(blob if len(blob) <= 1 << 20 else b"")
    try:
        salt, nonce, data = (base64.b64decode(str(doc[k]), validate=True) for k in ("salt", "nonce", "data"))
        key = Scrypt(salt=salt, length=32, **_SCRYPT).derive(passphrase.encode("utf-8"))
    except (ValueError, KeyError, TypeError, RecursionError, binascii.Error) as exc:
        raise InputRefused(_("The backup's secrets entry is damaged; it was altered.")) from exc
    try:
        found = json.loads(AESGCM(key).decrypt(nonce, data, _SECRETS_AAD))
    except InvalidTag as exc:
        raise InputRefused(
            _(
                "The passphrase does not open this backup's passwords; nothing was changed. Give the passphrase used for the backup, or restore without --passphrase-file and enter the passwords again."
            )
        ) from exc
    if not isinstance(found, dict) or not isinstance(found.get("endpoints"), dict) or not isinstance(found.get("relays"), dict):
        raise InputRefused(_("The backup's secrets entry is damaged; it was altered."))
    return found


def _check_sealed(blob: bytes) -> dict[str, Any]:
    """The envelope of ``secrets.enc`` (without opening it): InputRefused when malformed."""
    import base64
    import binascii

    try:
        doc = json.loads(blob)
        if not isinstance(doc, dict) or doc.get("format") != "loaxa.secrets" or doc.get("version") != 1 or any(doc.get(k) != v for k, v in _SCRYPT.items()):
            raise ValueError("format")
        for k in ("salt", "nonce", "data"):
            base64.b64decode(str(doc[k]), validate=True)
    except (ValueError, KeyError, TypeError, RecursionError, binascii.Error) as exc:
        raise InputRefused(_("The backup's secrets entry is damaged; it was altered.")) from exc
    return doc


def put_back_secrets(s: Any, found: dict[str, Any]) -> None:
    """Put sealed secrets back into the restored database (endpoints and relay entries)."""
    from .models import Endpoint, PlaylistEntry

    for code, pw in found["endpoints"].items():
        if isinstance(pw, dict):
            s.execute(update(Endpoint).where(Endpoint.code == str(code)).values(password=pw.get("password"), admin_password=pw.get("admin_password")))
    for eid, r in found["relays"].items():
        if isinstance(r, dict) and str(eid).isdigit():
            s.execute(update(PlaylistEntry).where(PlaylistEntry.id == int(eid), PlaylistEntry.relay_url == r.get("bare")).values(relay_url=r.get("url")))


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


_ID = r'(?:[a-z_][a-z0-9_]*|"[a-z_][a-z0-9_]*")'
# a partial index's condition (migration 0011: ``WHERE (tally IS NULL)``, ``WHERE (tally >= 3)``):
# columns, whole numbers, comparisons, IS [NOT] NULL, AND, OR and brackets; no name followed by a
# bracket (a function call), no literal text, no cast
_WHERE_TOKEN = rf"\s+|\(|\)|\d+|IS|NOT|NULL|AND|OR|<=|>=|<>|=|<|>|{_ID}(?!\s*\()"
_PG_STATEMENTS = [
    re.compile(p)
    for p in (
        r"SET [a-z_]+ = [A-Za-z0-9_']*;",
        r"SELECT pg_catalog\.set_config\('search_path', '', false\);",
        rf"SELECT pg_catalog\.setval\('public\.{_ID}', \d+, (?:true|false)\);",
        rf"CREATE TABLE public\.{_ID} \((?:[^;()$\\]|\(\d+\))*\);",
        rf"CREATE SEQUENCE public\.{_ID} AS (?:integer|bigint|smallint)[A-Z0-9 ]*;",
        rf"ALTER SEQUENCE public\.{_ID} OWNED BY public\.{_ID}\.{_ID};",
        rf"ALTER TABLE (?:ONLY )?public\.{_ID} ALTER COLUMN {_ID} SET DEFAULT nextval\('public\.{_ID}'::regclass\);",
        rf"ALTER TABLE ONLY public\.{_ID} ADD CONSTRAINT {_ID} (?:PRIMARY KEY|UNIQUE) \({_ID}(?:, {_ID})*\);",
        rf"ALTER TABLE ONLY public\.{_ID} ADD CONSTRAINT {_ID} FOREIGN KEY \({_ID}(?:, {_ID})*\) REFERENCES public\.{_ID}\({_ID}(?:, {_ID})*\)(?: ON (?:DELETE|UPDATE) (?:CASCADE|RESTRICT|SET NULL|SET DEFAULT|NO ACTION))*;",
        rf"CREATE (?:UNIQUE )?INDEX {_ID} ON public\.{_ID} USING btree \({_ID}(?: (?:ASC|DESC))?(?:, {_ID}(?: (?:ASC|DESC))?)*\)(?: WHERE \((?:{_WHERE_TOKEN})+\))?;",
        rf"COPY public\.{_ID} \({_ID}(?:, {_ID})*\) FROM stdin;",
    )
]
_PG_META = re.compile(r"\\(?:un)?restrict [A-Za-z0-9]+")


def check_pg_dump(dump: Path) -> None:
    """Refuse (exit 3) a PostgreSQL dump holding anything pg_dump does not write for LoaXa's
    schema: psql runs what a dump says (functions, triggers, ``COPY ... TO PROGRAM``, even shell
    commands through ``\\!``), so only the statement shapes of a LoaXa dump are let through."""
    stmt: list[str] = []
    start = 0
    in_copy = False
    with open(dump, encoding="utf-8", errors="strict", newline="") as f:
        for n, line in enumerate(f, 1):
            text = line.rstrip("\r\n")
            if in_copy:
                in_copy = text != "\\."
                continue
            if not stmt and (not text.strip() or text.startswith("--")):
                continue
            if not stmt and _PG_META.fullmatch(text):
                continue
            if not stmt:
                start = n
            if "\\" in text:  # a psql meta-command (\\! runs a shell) outside COPY data
                raise InputRefused(
                    _(
                        "The backup's database dump holds a statement LoaXa does not write (line {n}: {text}); it was altered. Nothing was changed.",
                        n=n,
                        text=shown(text, 80),
                    )
                )
            stmt.append(text.strip())
            if text.endswith(";"):
                joined = " ".join(stmt)
                stmt = []
                if joined.count(";") != 1 or not any(r.fullmatch(joined) for r in _PG_STATEMENTS):
                    raise InputRefused(
                        _(
                            "The backup's database dump holds a statement LoaXa does not write (line {n}: {text}); it was altered. Nothing was changed.",
                            n=start,
                            text=shown(joined, 80),
                        )
                    )
                in_copy = joined.startswith("COPY ")
    if stmt:
        raise InputRefused(_("The backup's database dump ends in the middle of a statement (line {n}); it was altered. Nothing was changed.", n=start))


def _restore_postgresql(ws: Workspace, path: Path, v: Verified, clock: Clock) -> dict[str, Any]:
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
        try:
            check_pg_dump(stage / "db" / "loaxa.sql")
        except UnicodeDecodeError as exc:
            raise InputRefused(_("The backup's database dump is not UTF-8 text; it was altered. Nothing was changed.")) from exc
        script = stage / "restore.sql"
        script.write_text(
            "DROP SCHEMA IF EXISTS public CASCADE;\nCREATE SCHEMA public;\n\\i '" + (stage / "db" / "loaxa.sql").as_posix().replace("'", "\\'") + "'\n",
            encoding="utf-8",
        )
        url = ws.db_url
        holder = _holder()
        _take_lease(ws, holder, clock)  # held until the load commits: the dump's own lease row replaces it
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
            conninfo, env = _libpq(url)
            res = subprocess.run(
                [exe, "--no-psqlrc", "--quiet", "--single-transaction", "-v", "ON_ERROR_STOP=1", "-f", str(script), conninfo],
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                env=env,
            )
            if res.returncode != 0:
                raise InputRefused(_("The backup's database could not be loaded; nothing was changed: {error}", error=res.stderr.strip()[-300:]))
        except BaseException:
            if swapped and (media_root.exists() or media_root.is_symlink()):
                _remove(media_root)
            if old_media.exists():
                os.replace(old_media, media_root)
            _release_lease(ws, holder, clock)
            raise
        shutil.rmtree(old_media, ignore_errors=True)
        ini = stage / "settings" / "window.ini"
        if ini.exists():
            shutil.copyfile(ini, ws.data_dir / "window.ini")
        eng = dbmod.make_engine(url)
        try:
            dbmod.migrate(eng)  # a backup from an older LoaXa is brought up to this one's schema
            notify.install(eng)  # the change notices the dump left out (_drop_change_notices)
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
    try:
        paths.outside_data(folder / daily_name(now), what="backup.folder", data_dir=ws.data_dir, media_root=ws.media.root)
    except InputRefused as exc:
        return AutoResult("failed", None, exc.message)
    newest = newest_automatic(folder)
    if newest is not None and (now - newest[1]).total_seconds() < every_s:
        return AutoResult("not_due", newest[0])
    try:
        folder.mkdir(parents=True, exist_ok=True)
        need = int(data_size(ws) * 1.05) + (16 << 20)
        free = shutil.disk_usage(folder).free
        if free < need:
            return AutoResult(
                "failed", None, _("not enough free space in {folder}: {free} MB free, about {need} MB needed", folder=folder, free=free >> 20, need=need >> 20)
            )
        rep = create(ws, folder / daily_name(now), now=now)  # secrets are left out of automatic backups
    except OSError as exc:
        return AutoResult("failed", None, _("cannot write to {folder}: {error}", folder=folder, error=exc.strerror or exc))
    except LoaxaError as exc:
        return AutoResult("failed", None, exc.message)
    removed = tuple(rotate(folder, keep))
    return AutoResult("made", rep.path, None, removed)


def leftovers(ws: Workspace) -> list[Path]:
    """What interrupted work left behind: staging folders of killed imports (their process is
    gone) and the folders of a restore that was killed mid-way (``.restore-*``,
    ``.before-restore-*`` in the data folder or beside the media store). For ``loaxa check``."""
    found = list(ws.media.leftovers())
    for folder in {ws.data_dir, ws.media.root.parent}:
        if folder.is_dir():
            found += sorted(p for p in folder.iterdir() if p.name.startswith((".restore-", ".before-restore-")))
    return found
