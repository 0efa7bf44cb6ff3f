"""``loaxa check``: can this PC broadcast? One line per check, OK / WARN / FAIL, and the next
step for each failure. Checks: ffmpeg, an audio round trip, the database (reachable, writable,
at the latest migration), every media file (present, unaltered), the renditions the next seven
days need, every endpoint (reachable, source password accepted on a spare mount, so a mount on
air is never taken over), the clock (against an NTP server when one is set, else the Date of an
endpoint server), and free disk space against the next seven days' needs."""

from __future__ import annotations

import asyncio
import email.utils
import shutil
import socket
import struct
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError

from schedules import db as dbmod
from schedules import settings as settings_mod
from schedules.clock import utcnow
from schedules.endpoints import full_url, parse_url
from schedules.formats import parse_format
from schedules.i18n import _
from schedules.media import sha256_file, source_relpath
from schedules.models import Endpoint, Item, Rendition
from schedules.planner import load_input, plan
from schedules.workspace import Workspace

from . import ffmpeg, monitor

OK, WARN, FAIL = "OK", "WARN", "FAIL"


@dataclass
class CheckLine:
    name: str
    status: str
    message: str
    next_step: str | None = None
    kind: str = "data"  # data | endpoint | system | engine (a FAIL of endpoint or engine: exit 5)

    def as_dict(self) -> dict[str, Any]:
        return {"check": self.name, "status": self.status, "message": self.message, "next_step": self.next_step, "kind": self.kind}


@dataclass
class CheckReport:
    lines: list[CheckLine] = field(default_factory=list)

    def add(self, *a: Any, **kw: Any) -> None:
        self.lines.append(CheckLine(*a, **kw))

    @property
    def exit_code(self) -> int:
        failed = [x for x in self.lines if x.status == FAIL]
        if any(x.kind in ("data", "system") for x in failed):
            return 6
        if failed:
            return 5
        return 0


def check_ffmpeg(r: CheckReport) -> bool:
    try:
        ff = ffmpeg.find()
    except Exception as exc:  # noqa: BLE001 - reported as a line
        r.add("ffmpeg", FAIL, str(exc), _("Reinstall LoaXa (its imageio-ffmpeg package carries ffmpeg) or install ffmpeg."), "system")
        return False
    if ff.version.startswith("unusable"):
        r.add("ffmpeg", FAIL, ff.version, _("Reinstall LoaXa or install ffmpeg."), "system")
        return False
    r.add("ffmpeg", OK, _("{path} (version {version}, {origin})", path=ff.path, version=ff.version, origin=ff.origin), kind="system")
    return True


def check_round_trip(r: CheckReport) -> None:
    """A tone made with pydub, encoded to MP3 and decoded again by the ffmpeg in use."""
    ffmpeg.configure_pydub()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", SyntaxWarning)
        from pydub import AudioSegment
        from pydub.generators import Sine

    with tempfile.TemporaryDirectory(prefix="loaxa-check-") as d:
        path = Path(d) / "tone.mp3"
        try:
            tone = Sine(1000).to_audio_segment(duration=1000, volume=-12.0).set_frame_rate(44100)
            tone.export(str(path), format="mp3", bitrate="64k").close()
            back = AudioSegment.from_file(str(path), format="mp3", codec="mp3")  # codec given: no ffprobe needed (none is bundled)
        except Exception as exc:  # noqa: BLE001 - reported as a line
            r.add(_("audio round trip"), FAIL, str(exc)[-200:], _("Reinstall LoaXa; the ffmpeg in use cannot encode or decode MP3."), "system")
            return
    if abs(len(back) - 1000) > 100 or back.dBFS < -20:
        r.add(
            _("audio round trip"),
            FAIL,
            _("the decoded tone is wrong ({ms} ms, {db} dBFS)", ms=len(back), db=round(back.dBFS, 1)),
            _("Reinstall LoaXa."),
            "system",
        )
    else:
        r.add(_("audio round trip"), OK, _("MP3 encoded and decoded ({ms} ms, {db} dBFS)", ms=len(back), db=round(back.dBFS, 1)), kind="system")


def check_database(r: CheckReport, ws: Workspace, lock_wait_s: float = 3.0) -> bool:
    try:
        rev = dbmod.current_revision(ws.engine)
    except OperationalError as exc:
        r.add(_("database"), FAIL, _("cannot be read: {error}", error=str(exc.orig)[:200]), _("Check the data folder and the database URL."))
        return False
    if rev != dbmod.HEAD_REVISION:
        r.add(_("database"), FAIL, _("at revision {rev}, not {head}", rev=rev, head=dbmod.HEAD_REVISION), _("Start LoaXa once (any command) to upgrade it."))
        return False
    # writable: take the write lock briefly and give it back; wait a little for another writer
    try:
        with ws.engine.connect() as c:
            if ws.db_url.startswith("sqlite"):
                c.exec_driver_sql(f"PRAGMA busy_timeout={int(lock_wait_s * 1000)}")
                c.exec_driver_sql("BEGIN IMMEDIATE")
                c.exec_driver_sql("ROLLBACK")
            else:
                c.execute(text("SELECT 1"))
    except OperationalError as exc:
        if "locked" in str(exc.orig).lower() or "busy" in str(exc.orig).lower():
            r.add(
                _("database"),
                FAIL,
                _("locked by another program for more than {s} s", s=lock_wait_s),
                _("Close the other program using the database (another LoaXa, a backup tool), then check again."),
            )
        else:
            r.add(_("database"), FAIL, _("cannot be written: {error}", error=str(exc.orig)[:200]), _("Check the permissions of the data folder."))
        return False
    r.add(_("database"), OK, _("reachable, writable, at the latest revision ({rev})", rev=rev))
    return True


def check_media(r: CheckReport, ws: Workspace) -> None:
    missing: list[str] = []
    corrupt: list[str] = []
    n = 0
    with ws.sessions() as s:
        files = [
            (f"item {i.id} '{i.title}'", source_relpath(i.media_sha256 or "", i.media_ext or "bin"), i.media_sha256)
            for i in s.scalars(select(Item).where(Item.media_sha256.is_not(None)))
        ]
        files += [(f"item {rd.item_id} {rd.format}", rd.path, rd.sha256) for rd in s.scalars(select(Rendition))]
    for label, rel, sha in files:
        n += 1
        p = ws.media.path(rel)
        if not p.is_file():
            missing.append(label)
        elif sha256_file(p) != sha:
            corrupt.append(label)
    if missing or corrupt:
        parts = []
        if missing:
            parts.append(_("missing: {list}", list=", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")))
        if corrupt:
            parts.append(_("damaged: {list}", list=", ".join(corrupt[:5]) + (" …" if len(corrupt) > 5 else "")))
        r.add(_("media files"), FAIL, "; ".join(parts), _("Restore the media folder from a backup, or import the items again; then run: loaxa clips render"))
    else:
        r.add(_("media files"), OK, _("{n} files present and unaltered", n=n))


def week_plan(ws: Workspace, now: datetime) -> Any:
    with ws.sessions() as s:
        inp = load_input(s)
    return inp, plan(inp, now, now + timedelta(days=7))


def check_renditions(r: CheckReport, ws: Workspace, inp: Any, p: Any) -> None:
    """Every (item, format) an airing of the next seven days needs: a rendition row, and its file."""
    needed: set[tuple[int, str]] = set()
    for o in p.occurrences:
        if not o.airs:
            continue
        pl = inp.playlists.get(o.playlist_id)
        fmt = inp.endpoints[o.endpoint].format
        for e in pl.entries if pl else ():
            if e.item_id is not None:
                needed.add((e.item_id, fmt))
    problems = sorted({pr.message for o in p.occurrences if o.airs for pr in o.problems if pr.kind in ("missing_rendition", "missing_media")})
    with ws.sessions() as s:
        rows = {(rd.item_id, rd.format): rd.path for rd in s.scalars(select(Rendition))}
    for item_id, fmt in sorted(needed):
        rel = rows.get((item_id, fmt))
        if rel is not None and not ws.media.path(rel).is_file():
            problems.append(_("the {format} rendition file of item {id} is missing", format=fmt, id=item_id))
    if problems:
        r.add(_("renditions for the next 7 days"), FAIL, "; ".join(problems)[:400], _("Run: loaxa clips render"))
    else:
        r.add(_("renditions for the next 7 days"), OK, _("every airing has its renditions ({n} airings)", n=sum(1 for o in p.occurrences if o.airs)))


def check_engine(r: CheckReport, ws: Workspace, inp: Any, p: Any, now: datetime) -> None:
    """Is an engine airing from this database? Not running while airings are due in the next
    24 hours is a failure (exit 5: they will be missed); with nothing due, a warning."""
    from schedules import lease
    from schedules.engine_store import engine_state
    from schedules.timeutil import moment_text, zone

    name = _("engine")
    with ws.sessions() as s:
        info = lease.read(s, now)
    st = engine_state(info, now)
    if st.state == "running":
        r.add(name, OK, _("running on {host} (process {pid})", host=info.host, pid=info.pid), kind="engine")
        return
    if st.state == "not_answering":
        r.add(
            name,
            FAIL,
            _("running on {host} (process {pid}) but not answering: last heartbeat {s} s ago", host=info.host, pid=info.pid, s=round(st.heartbeat_age_s or 0)),
            _("Stop it and start it again (close LoaXa, or end the process), then: loaxa engine"),
            "engine",
        )
        return
    soon = sorted((o for o in p.occurrences if o.airs and now <= o.start_dt < now + timedelta(hours=24)), key=lambda o: o.start_dt)
    if soon:
        tz = zone(inp.endpoints[soon[0].endpoint].tz)
        r.add(
            name,
            FAIL,
            _(
                "not running: {n} airings in the next 24 hours will not air (the first at {when})",
                n=len(soon),
                when=moment_text(soon[0].start_dt.astimezone(tz)),
            ),
            _("Start it: open the LoaXa window (it starts the engine), or run: loaxa engine"),
            "engine",
        )
    else:
        r.add(
            name,
            WARN,
            _("not running (nothing is due to air in the next 24 hours)"),
            _("Start it before the next airing: open the LoaXa window, or run: loaxa engine"),
            "engine",
        )


def check_plan(r: CheckReport, p: Any) -> None:
    """The week's plan as `loaxa plan` shows it: any problem is a data problem (exit 6)."""
    name = _("plan for the next 7 days")
    errors = [pr for pr in p.problems if not pr.get("warning")]
    if not p.problems:
        r.add(name, OK, _("no problems ({n} airings)", n=sum(1 for o in p.occurrences if o.airs)))
        return
    first = sorted({pr["message"] for pr in (errors or p.problems)})
    shown = "; ".join(first[:3]) + ("; …" if len(first) > 3 else "")
    if errors:
        r.add(name, FAIL, _("{n} problems: {problems}", n=len(errors), problems=shown)[:600], _("See each one with: loaxa plan"))
    else:  # warnings only (e.g. a bulletin without a language an area requires): it airs
        r.add(name, WARN, shown[:600], _("See each one with: loaxa plan"))


def check_endpoints(r: CheckReport, ws: Workspace) -> list[tuple[str, str]]:
    """Test every enabled endpoint; returns the servers' Date headers seen (for the clock)."""
    with ws.sessions() as s:
        eps = [(e.code, full_url(e)) for e in s.scalars(select(Endpoint).where(Endpoint.enabled.is_(True)).order_by(Endpoint.code))]

    async def run() -> list[Any]:
        return await asyncio.gather(*(monitor.test_endpoint(url) for _c, url in eps), return_exceptions=True)

    results = asyncio.run(run()) if eps else []
    for (code, url), res in zip(eps, results, strict=True):
        if isinstance(res, BaseException):
            r.add(_("endpoint {code}", code=code), FAIL, str(res), _("Check the endpoint's address."), "endpoint")
        elif res.ok:
            r.add(_("endpoint {code}", code=code), OK, res.message, kind="endpoint")
        else:
            if parse_url(url).scheme == "file":
                step = _("Give LoaXa a folder it may write to (loaxa endpoints edit {code} --url file:///FOLDER).", code=code)
            elif res.authenticated is False:
                step = _("Check the source password (loaxa endpoints edit {code} --password-file FILE).", code=code)
            else:
                step = _("Check that the server runs and the address is right; then: loaxa endpoints list")
            r.add(_("endpoint {code}", code=code), FAIL, res.message, step, "endpoint")
    if not eps:
        r.add(_("endpoints"), WARN, _("no endpoint is configured"), _("Add one: loaxa endpoints add CODE --name NAME --area CODE --url URL"), "endpoint")
    return [(code, url) for code, url in eps if parse_url(url).scheme.startswith("icecast")]


def sntp_offset(server: str, timeout: float = 2.0) -> float:
    """Seconds this clock is ahead of ``server`` (SNTP, RFC 4330)."""
    packet = b"\x1b" + 47 * b"\0"
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(timeout)
        t1 = time.time()
        sock.sendto(packet, (server, 123))
        data, _addr = sock.recvfrom(512)
        t4 = time.time()
    secs, frac = struct.unpack("!II", data[40:48])
    server_time = float(secs - 2208988800 + frac / 2**32)
    return (t1 + t4) / 2 - server_time


async def http_date(url: str) -> float | None:
    """Seconds this clock is ahead of an HTTP server's Date header."""
    u = parse_url(url)
    scheme = "https" if u.tls else "http"
    try:
        _r, w, _status, headers = await monitor._open(f"{scheme}://{u.authority}/", 3.0, cafile=u.cafile)
        w.close()
    except (OSError, TimeoutError):
        return None
    d = headers.get("date")
    if not d:
        return None
    server = email.utils.parsedate_to_datetime(d).timestamp()
    return time.time() - server


def check_clock(r: CheckReport, ws: Workspace, servers: list[tuple[str, str]]) -> None:
    with ws.sessions() as s:
        ntp = str(settings_mod.get(s, "clock.ntp_server") or "")
    tzname = utcnow().astimezone().tzname()
    offset: float | None = None
    source = ""
    if ntp:
        try:
            offset, source = sntp_offset(ntp), ntp
        except OSError as exc:
            r.add(
                _("clock"),
                WARN,
                _("the NTP server {server} did not answer: {error}", server=ntp, error=exc),
                _("Check the NTP server setting or the network."),
                "system",
            )
            return
    else:
        for code, url in servers:
            off = asyncio.run(http_date(url))
            if off is not None:
                offset, source = off, _("endpoint {code}'s server", code=code)
                break
    if offset is None:
        r.add(
            _("clock"),
            WARN,
            _("no time source reachable to compare with (system zone {tz})", tz=tzname),
            _("Set an NTP server (setting clock.ntp_server) to have the clock checked."),
            "system",
        )
    elif abs(offset) > 2.0:
        r.add(
            _("clock"),
            WARN,
            _("{s} s off {source}", s=round(offset, 1), source=source),
            _("Set the computer's clock (turn on automatic time); airings start by this clock."),
            "system",
        )
    else:
        r.add(_("clock"), OK, _("within {s} s of {source} (system zone {tz})", s=round(abs(offset), 2), source=source, tz=tzname), kind="system")


def check_disk(r: CheckReport, ws: Workspace, inp: Any, p: Any) -> None:
    """Free space against what the next seven days write (file endpoints) plus a margin."""
    need: dict[Path, float] = {}
    with ws.sessions() as s:
        urls = dict(s.execute(select(Endpoint.code, Endpoint.url)).all())
    for o in p.occurrences:
        if not o.airs:
            continue
        ep = inp.endpoints.get(o.endpoint)
        url = urls.get(o.endpoint)
        if url and url.startswith("file:"):
            folder = parse_url(url).folder()
            kbps = parse_format(ep.format).bitrate_kbps if ep else 64
            need[folder] = need.get(folder, 0.0) + (o.end - o.start) * kbps * 1000 / 8
    need.setdefault(ws.data_dir, 0.0)
    need[ws.data_dir] += 200 * 1024 * 1024  # logs, backups, new imports
    short: list[str] = []
    lines: list[str] = []
    for folder, nbytes in need.items():
        probe = folder
        while not probe.exists() and probe != probe.parent:
            probe = probe.parent
        free = shutil.disk_usage(probe).free
        lines.append(_("{folder}: {free} MB free, {need} MB needed", folder=folder, free=free // 2**20, need=int(nbytes) // 2**20 + 1))
        if free < nbytes:
            short.append(str(folder))
    if short:
        r.add(_("disk space"), FAIL, "; ".join(lines), _("Free some space on the disk of: {folders}", folders=", ".join(short)), "system")
    else:
        r.add(_("disk space"), OK, "; ".join(lines), kind="system")


def check_backup(r: CheckReport, ws: Workspace, now: datetime) -> None:
    """The daily automatic backup: on, and its newest file recent."""
    from schedules import backup

    with ws.sessions() as s:
        folder_s = str(settings_mod.get(s, "backup.folder") or "").strip()
    name = _("automatic backup")
    if not folder_s:
        r.add(
            name,
            WARN,
            _("off: no backup folder is set"),
            _("Set a folder (setting backup.folder) on another disk or a USB drive; the engine then writes a backup every day."),
            "data",
        )
        return
    folder = Path(folder_s).expanduser()
    newest = backup.newest_automatic(folder)
    if newest is None:
        r.add(
            name,
            WARN,
            _("no backup in {folder} yet", folder=folder),
            _("Leave the engine running (it writes one between airings), or run: loaxa backup --out {folder}", folder=folder),
            "data",
        )
        return
    hours = (now - newest[1]).total_seconds() / 3600
    if hours > 48:
        r.add(
            name,
            WARN,
            _("the newest backup in {folder} is {h} hours old", folder=folder, h=int(hours)),
            _("Is the engine running, and is the folder writable? See the engine log."),
            "data",
        )
    else:
        r.add(name, OK, _("{file}, {h} hours old", file=newest[0], h=round(hours, 1)), kind="data")


def check_supply(r: CheckReport, ws: Workspace, now: datetime) -> None:
    """Expected content that has not come, and slots airing the same items for too long."""
    from schedules import supply

    with ws.sessions() as s:
        found = supply.warnings(s, now)
    name = _("expected content")
    if not found:
        r.add(name, OK, _("everything expected has come; no slot airs the same items for too long"), kind="data")
    for w in found:
        step = (
            _("Ask the source, or import what it sent (loaxa bundles import / clips add).")
            if w.kind == "late_supply"
            else _("Put newer items in its playlist (loaxa playlists items).")
        )
        r.add(name, WARN, w.message, step, "data")


def check_leftovers(r: CheckReport, ws: Workspace) -> None:
    """What a killed import or a killed restore left behind (a WARN each kind, exit code unchanged)."""
    from schedules import backup

    found = backup.leftovers(ws)
    name = _("leftovers")
    staging = [p for p in found if not p.name.startswith((".restore-", ".before-restore-"))]
    restore = [p for p in found if p.name.startswith((".restore-", ".before-restore-"))]
    if not found:
        r.add(name, OK, _("no leftovers of an interrupted import or restore"), kind="data")
    if staging:
        r.add(
            name,
            WARN,
            _("{n} unfinished import folder(s) left by an import that was stopped: {folders}", n=len(staging), folders=", ".join(str(p) for p in staging)),
            _("Remove them and render what is missing: loaxa clips render"),
            "data",
        )
    if restore:
        r.add(
            name,
            WARN,
            _("a restore was stopped before it finished; its folders are still there: {folders}", folders=", ".join(str(p) for p in restore)),
            _("Run the restore again (loaxa restore FILE --force), check the data with loaxa clips list, then delete these folders."),
            "data",
        )


def run_checks(ws: Workspace, *, now: datetime | None = None) -> CheckReport:
    r = CheckReport()
    now = now or utcnow()
    if check_ffmpeg(r):
        check_round_trip(r)
    db_ok = check_database(r, ws)
    if db_ok:
        check_media(r, ws)
        inp, p = week_plan(ws, now)
        check_renditions(r, ws, inp, p)
        check_plan(r, p)
        check_engine(r, ws, inp, p, now)
    servers = check_endpoints(r, ws) if db_ok else []
    if db_ok:
        check_clock(r, ws, servers)
        check_disk(r, ws, inp, p)
        check_backup(r, ws, now)
        check_supply(r, ws, now)
    check_leftovers(r, ws)
    return r
