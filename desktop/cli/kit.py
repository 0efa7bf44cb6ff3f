"""The technician's kit: ``check``, ``play``, ``listen``, ``simulate``, ``backup``, ``restore``,
``endpoints test``."""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
import warnings
from datetime import datetime
from pathlib import Path
from typing import Any

from schedules.clock import utcnow
from schedules.errors import DeliveryError, InputRefused
from schedules.i18n import _

from .common import Context, emit, old_positional, renamed, table
from .progress import ProgressBar


def register(b: Any, root: Any) -> None:
    b.leaf(root, "check", _("check that this PC can broadcast (exit 5: endpoint or engine problems, 6: data or plan problems)"), cmd_check)
    p = b.leaf(root, "play", _("audition an item or playlist, or write what an endpoint would receive"), cmd_play)
    p.add_argument("item", nargs="?", type=int, metavar="ITEM_ID")
    p.add_argument("--playlist", type=int, metavar="ID")
    p.add_argument("--format", default="mp3-64k-mono")
    p.add_argument("--to-file", metavar="OUT.mp3")
    p = b.leaf(root, "listen", _("listen to a stream as a receiver would, and report"), cmd_listen)
    p.add_argument("url")
    p.add_argument("--for", dest="seconds", type=float, default=10.0, metavar=_("SECONDS"))
    p.add_argument("--record", metavar="OUT.mp3")
    p.add_argument("--cafile", metavar=_("FILE"), help=_("trust this certificate (PEM) for an https:// stream"))
    p.add_argument("--wait", type=float, default=0.0, metavar=_("SECONDS"), help=_("wait up to this long for the mount to get a source (an airing to start)"))
    p = b.leaf(root, "simulate", _("run days of the programme on a simulated clock (no real endpoint is touched)"), cmd_simulate)
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD")
    p.add_argument("--until", metavar="YYYY-MM-DD")
    p.add_argument("--speed", default="max", help=_("times faster than real time, or max"))
    p.add_argument("--target", metavar="CODE")
    p.add_argument("--out", metavar=_("DIR"), help=_("write each simulated airing as an MP3 file under DIR (default: in memory)"))
    p = b.leaf(root, "backup", _("write a backup of the database, media and settings"), cmd_backup)
    p.add_argument("--out", metavar=_("FILE"), help=_("the backup file to write (or a folder: a dated name in it)"))
    old_positional(p, "old_out")  # `backup OUT`, the old spelling
    p.add_argument("--force", action="store_true", help=_("replace a backup file that is already there"))
    p.add_argument(
        "--passphrase-file",
        metavar=_("FILE"),
        help=_("keep the endpoint passwords in the backup, encrypted with the passphrase in this file (without it they are left out)"),
    )
    p = b.leaf(root, "restore", _("restore a backup (checked completely first)"), cmd_restore)
    p.add_argument("file", metavar=_("FILE"))
    p.add_argument("--force", action="store_true", help=_("replace data that is already there"))
    p.add_argument("--stop-engine", action="store_true", help=_("stop a running engine first (otherwise a running engine is refused)"))
    p.add_argument("--passphrase-file", metavar=_("FILE"), help=_("the passphrase the backup was made with, to restore the endpoint passwords"))


def cmd_check(ctx: Context) -> int:
    from broadcast.check import run_checks

    report = run_checks(ctx.ws)
    rows = [x.as_dict() for x in report.lines]
    code = report.exit_code

    def text() -> str:
        out = []
        for x in report.lines:
            out.append(f"[{x.status:<4}] {x.name}: {x.message}")
            if x.next_step and x.status != "OK":
                out.append(f"       → {x.next_step}")
        return "\n".join(out)

    emit(ctx, {"checks": rows, "exit_code": code}, text)
    return code


def _programme(ctx: Context) -> Any:
    from broadcast import programme
    from broadcast.importer import current_preset
    from schedules.formats import parse_format

    a = ctx.args
    if (a.item is None) == (a.playlist is None):
        raise InputRefused(_("Give an item id or --playlist ID (one of them)."))
    fmt = parse_format(a.format).name
    with ctx.ws.sessions() as s:
        if a.playlist is not None:
            from schedules.playlists import get_playlist

            get_playlist(s, a.playlist)
        else:
            from schedules.library import get_item

            get_item(s, a.item)
        return programme.build(
            s,
            ctx.ws.media,
            programme.FrameCache(),
            fmt_name=fmt,
            preset_key=current_preset(ctx.ws).key,
            local_date=ctx.today(),
            playlist_id=a.playlist,
            item_ids=None if a.playlist is not None else [a.item],
        )


def cmd_play(ctx: Context) -> int:
    prog = _programme(ctx)
    data = b"".join(bytes(c) for c in prog.chunks(0, prog.total_frames) if not isinstance(c, tuple))
    if not data:
        raise InputRefused(_("Nothing of it would air: {why}", why="; ".join(prog.skipped) or "?"))
    info = {"frames": prog.total_frames, "duration_s": round(prog.duration, 3), "bytes": len(data), "skipped": prog.skipped, "format": prog.format.name}
    if ctx.args.to_file:
        out = Path(ctx.args.to_file)
        try:
            out.write_bytes(data)
        except OSError as exc:
            raise InputRefused(_("Cannot write '{path}': {error}", path=out, error=exc.strerror)) from exc
        info["file"] = str(out)
        emit(ctx, info, _("Written {path}: {s} s, {frames} frames.", path=out, s=info["duration_s"], frames=info["frames"]))
        return 0
    with tempfile.TemporaryDirectory(prefix="loaxa-play-") as d:
        path = Path(d) / "audition.mp3"
        path.write_bytes(data)
        if not ctx.json:
            sys.stderr.write(_("Playing {s} s on this computer's sound card…", s=info["duration_s"]) + "\n")
        info["played"] = _play_local(path, prog.duration)
    emit(ctx, info, _("Played {s} s.", s=info["duration_s"]))
    return 0


def _play_local(path: Path, seconds: float) -> bool:
    """Play a file on the local sound card with QtMultimedia (no window)."""
    from PySide6.QtCore import QCoreApplication, QTimer, QUrl
    from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer

    app = QCoreApplication.instance() or QCoreApplication([])
    if not QMediaDevices.audioOutputs():
        raise DeliveryError(_("This computer has no sound output device."))
    player = QMediaPlayer()
    out = QAudioOutput()
    player.setAudioOutput(out)
    player.setSource(QUrl.fromLocalFile(str(path)))
    player.mediaStatusChanged.connect(lambda st: app.quit() if st == QMediaPlayer.MediaStatus.EndOfMedia else None)
    QTimer.singleShot(int((seconds + 5) * 1000), app.quit)
    player.play()
    app.exec()
    return True


def cmd_listen(ctx: Context) -> int:
    from broadcast import monitor

    url = ctx.args.url
    cafile = ctx.args.cafile
    if url.startswith("icecast"):
        from schedules.endpoints import parse_url

        u = parse_url(url)
        url, cafile = monitor.listen_url(u), cafile or u.cafile
    if cafile and not Path(cafile).is_file():
        raise InputRefused(_("--cafile: {path} does not exist.", path=cafile))
    seconds = max(0.5, float(ctx.args.seconds))
    wait = float(ctx.args.wait or 0.0)
    if wait < 0:
        raise InputRefused(_("--wait: give a number of seconds, 0 or more."))

    async def receive() -> Any:
        until = asyncio.get_running_loop().time() + wait if wait else None
        return await monitor.listen(url, seconds, connect_timeout=5.0, retry_until=until, cafile=cafile)

    t0 = time.monotonic()
    rec = asyncio.run(receive())
    if rec.connected_at is None and rec.status == 404:
        # Icecast answers 404 for a mount that exists only while a source sends to it
        if wait:
            raise DeliveryError(
                _(
                    "{url}: no source came to this mount within {s} s: nothing is being aired to it. Check that an airing is due (loaxa plan) and the engine runs (loaxa status), and the mount name.",
                    url=url,
                    s=round(wait),
                )
            )
        raise DeliveryError(
            _(
                "{url}: the mount has no source yet: nothing is being aired to it now (an airing has not started, or the mount name is wrong). To wait for the airing: loaxa listen URL --wait SECONDS",
                url=url,
            )
        )
    if rec.connected_at is None:
        raise DeliveryError(_("Cannot listen to {url}: {error}", url=url, error=rec.error or "?"))
    ctype = rec.headers.get("content-type", "").lower()
    head = rec.data[:64].lstrip().lower()
    if "html" in ctype or "xml" in ctype or head.startswith((b"<!doctype", b"<html", b"<?xml")):
        raise DeliveryError(_("{url} answers with a web page, not an audio stream (check the mount name).", url=url))
    info = analyse_capture(rec.data, seconds)
    if rec.bytes and info["codec"] is None and not ctype.startswith(("audio/", "application/ogg")):
        raise DeliveryError(_("{url} sends something that is not audio ({type}).", url=url, type=ctype or "?"))
    info.update(url=url, connect_ms=round((rec.connected_at - t0) * 1000, 1), content_type=ctype, bytes=rec.bytes, bytes_per_s=round(rec.bytes / seconds))
    if ctx.args.record:
        out = Path(ctx.args.record)
        out.write_bytes(rec.data)
        info["recorded"] = str(out)
    if rec.bytes == 0:
        raise DeliveryError(_("{url} sent nothing in {s} s.", url=url, s=seconds))
    emit(ctx, info, lambda: _listen_text(info))
    return 0


def analyse_capture(data: bytes, seconds: float) -> dict[str, Any]:
    """Codec, bitrate and silence of what a listener received."""
    from broadcast import audio
    from broadcast.mp3 import first_header

    out: dict[str, Any] = {"codec": None, "bitrate_kbps": None, "sample_rate": None, "channels": None, "silent_s": None, "audio_s": None}
    h = first_header(data, search=65536)
    if h is not None:
        out.update(codec="mp3", bitrate_kbps=h.bitrate_kbps, sample_rate=h.sample_rate, channels=h.channels)
    if not data:
        return out
    with tempfile.TemporaryDirectory(prefix="loaxa-listen-") as d:
        f = Path(d) / "capture.bin"
        f.write_bytes(data)
        try:
            pcm = audio.decode_pcm(f, 8000)
        except InputRefused:
            return out
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import audioop
    sec = 8000 * 2
    chunks = [pcm[i : i + sec] for i in range(0, len(pcm) - sec + 1, sec)]
    silent = sum(1 for c in chunks if audioop.rms(c, 2) < 32768 * 10 ** (-50 / 20))
    out.update(audio_s=round(len(pcm) / sec, 2), silent_s=silent)
    return out


def _listen_text(i: dict[str, Any]) -> str:
    lines = [
        _("Connected in {ms} ms to {url}", ms=i["connect_ms"], url=i["url"]),
        _(
            "Codec {codec}, {kbps} kbps, {rate} Hz, {ch} channels",
            codec=i["codec"] or "?",
            kbps=i["bitrate_kbps"] or "?",
            rate=i["sample_rate"] or "?",
            ch=i["channels"] or "?",
        ),
        _("{bps} bytes per second; {audio} s of audio, {silent} s of it silence", bps=i["bytes_per_s"], audio=i["audio_s"], silent=i["silent_s"]),
    ]
    if i.get("recorded"):
        lines.append(_("Recorded to {path}", path=i["recorded"]))
    return "\n".join(lines)


def cmd_simulate(ctx: Context) -> int:
    from broadcast.simulate import simulate

    a = ctx.args
    start, end = ctx.window(a.start, a.until)
    speed = None if str(a.speed).lower() == "max" else _speed(a.speed)
    if a.target:
        from schedules.scheduling import check_targets

        with ctx.ws.sessions() as s:
            check_targets(s, [a.target])
    sim = simulate(ctx.ws, start, end, target=a.target, speed=speed, out_dir=Path(a.out) if a.out else None)
    data = {
        "from": start.astimezone(ctx.tz).isoformat(),
        "until": end.astimezone(ctx.tz).isoformat(),
        "seconds": round(sim.seconds, 3),
        "airings": [x.as_dict(sim.inp) for x in sim.airings],
        "problems": sim.problems,
    }

    def text() -> str:
        from schedules.timeutil import zone

        out = []
        for day, code, items in sim.by_day():
            out.append(f"{datetime.fromisoformat(day):%d/%m/%Y}  {code}")
            tz = zone(sim.inp.endpoints[code].tz) if code in sim.inp.endpoints else ctx.tz
            rows = [
                [
                    x.occurrence.start_dt.astimezone(tz).strftime("%H:%M:%S"),
                    sim.inp.playlists[x.occurrence.playlist_id].name if x.occurrence.playlist_id in sim.inp.playlists else "",
                    x.outcome,
                    x.reason or "",
                ]
                for x in items
            ]
            out.append(table(rows, [_("Time"), _("Programme"), _("Outcome"), _("Problems")]))
        out.append(_("{n} airings simulated in {s} s; {p} problems.", n=len(sim.airings), s=round(sim.seconds, 2), p=len(sim.problems)))
        return "\n".join(out)

    emit(ctx, data, text)
    return 6 if sim.problems else 0


def _speed(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        v = 0
    if v <= 0:
        raise InputRefused(_("--speed: give a number above 0 (times faster than real time) or max."))
    return v


def _passphrase(path: str | None) -> str | None:
    if path is None:
        return None
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputRefused(_("--passphrase-file: cannot read '{path}': {error}", path=path, error=getattr(exc, "strerror", None) or exc)) from exc
    lines = text.splitlines()
    pw = lines[0].strip() if lines else ""
    if len(pw) < 8:
        raise InputRefused(_("--passphrase-file: the passphrase in '{path}' is shorter than 8 characters.", path=path))
    return pw


def cmd_backup(ctx: Context) -> int:
    from schedules import backup

    out = Path(renamed(ctx, "out", "old_out", flag="--out", example="loaxa backup --out FILE"))
    now = utcnow()
    if out.is_dir():
        out = out / backup.daily_name(now)
    passphrase = _passphrase(ctx.args.passphrase_file)
    bar = ProgressBar(_("Backing up"), enabled=not ctx.args.json)
    try:
        rep = backup.create(ctx.ws, out, force=ctx.args.force, passphrase=passphrase, progress=bar, now=now)
    except OSError as exc:
        raise InputRefused(_("Cannot write '{path}': {error}", path=out, error=exc.strerror)) from exc
    finally:
        bar.close()
    d = {"path": str(rep.path), "files": rep.files, "bytes": rep.bytes, "schema_revision": rep.revision, "secrets": rep.secrets}
    text = _("Backup written: {path} ({files} files, {mb} MB).", path=rep.path, files=rep.files, mb=round(rep.bytes / 2**20, 1))
    if rep.secrets == "excluded":
        text += "\n" + _(
            "The endpoint passwords were left out; after a restore, enter them again (loaxa endpoints edit CODE --password-file FILE), or back up with --passphrase-file to keep them encrypted."
        )
    elif rep.secrets == "encrypted":
        text += "\n" + _("The endpoint passwords are in the backup, encrypted with your passphrase: keep it apart from the backup.")
    emit(ctx, d, text)
    return 0


def cmd_restore(ctx: Context) -> int:
    from schedules import backup

    result = backup.restore(
        ctx.ws, Path(ctx.args.file), force=ctx.args.force, stop_engine=ctx.args.stop_engine, passphrase=_passphrase(ctx.args.passphrase_file)
    )
    ctx._ws = None  # the old connections are closed; nothing more to do with them
    text = _("Restored from {path} ({files} files).", path=result["restored"], files=result["files"])
    if result.get("secrets") not in ("restored", "none"):
        text += "\n" + _(
            "The backup holds no endpoint passwords (or no passphrase was given): enter them again with loaxa endpoints edit CODE --password-file FILE."
        )
    emit(ctx, result, text)
    return 0


def cmd_endpoint_test(ctx: Context) -> int:
    from broadcast.monitor import test_endpoint
    from schedules.endpoints import full_url, get_endpoint

    with ctx.ws.sessions() as s:
        url = full_url(get_endpoint(s, ctx.args.code))
    res = asyncio.run(test_endpoint(url))
    d = {"code": ctx.args.code, "ok": res.ok, "reachable": res.reachable, "authenticated": res.authenticated, "message": res.message}
    emit(ctx, d, ("OK: " if res.ok else _("FAILED: ")) + res.message)
    return 0 if res.ok else 5
