"""``loaxa live``: the microphone on air through the running engine (phát trực tiếp).

- ``loaxa live --check [--device D]``: open the microphone for a few seconds, say whether it hears.
- ``loaxa live --target CODES [--device D | --file F] [--priority 1|2]``: ask the engine to air
  the microphone (or a file read in real time: a technician's test) on the targets; stay in the
  foreground until it ends (the source ends, the maximum length, Ctrl+C or ``--stop``), then say
  how long it was and which item keeps the recording. ``--detach`` returns once it is on air.
- ``loaxa live --stop [--target CODES]``: end a live broadcast (every one, or on those targets).
"""

from __future__ import annotations

import signal
import sys
import time
from pathlib import Path
from typing import Any

from schedules.errors import DeliveryError, InputRefused
from schedules.i18n import _

from .common import Context, emit


def register(b: Any, root: Any) -> None:
    p = b.leaf(root, "live", _("the live microphone: check it, put it on air on targets, or stop it"), cmd_live)
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--check", action="store_true", help=_("listen for a few seconds and report the level"))
    g.add_argument("--target", "--to", dest="target", metavar="CODE[,CODE...]", help=_("put the microphone on air on these endpoints or areas"))
    g.add_argument("--stop", action="store_true", help=_("end the live broadcast (everywhere, or only on the targets of --only)"))
    p.add_argument("--only", dest="stop_targets", metavar="CODE[,CODE...]", help=_("with --stop: only on these endpoints or areas"))
    p.add_argument("--device", metavar="D", help=_("the microphone (a PulseAudio source, a DirectShow device name); default: the system's"))
    p.add_argument("--file", metavar=_("FILE"), help=_("air this audio file in real time instead of the microphone (a test)"))
    p.add_argument("--priority", default="1", help=_("1 emergency (cuts in, default) or 2 priority"))
    p.add_argument("--max", dest="max_s", type=float, metavar=_("SECONDS"), help=_("stop by itself after this long (default: the setting live.max_s)"))
    p.add_argument("--by", metavar=_("NAME"), help=_("who speaks (kept in the log)"))
    p.add_argument("--detach", action="store_true", help=_("return once on air (stop it later with loaxa live --stop)"))
    p.add_argument("--wait", type=float, default=15.0, metavar=_("SECONDS"), help=_("how long to wait for the engine to go on air (default 15)"))
    p.add_argument("--seconds", type=float, default=3.0, help=_("with --check: how long to listen (default 3)"))
    p.add_argument("--keep", metavar=_("FILE"), help=_("with --check: keep the test recording in this WAV file"))


def cmd_live(ctx: Context) -> int:
    a = ctx.args
    if a.check:
        return _check(ctx)
    if a.stop:
        return _stop(ctx)
    return _on_air(ctx)


def _check(ctx: Context) -> int:
    import tempfile

    from broadcast import live
    from schedules.formats import DEFAULT_FORMAT, parse_format

    a = ctx.args
    if not 1 <= a.seconds <= 60:
        raise InputRefused(_("--seconds: give 1 to 60 seconds."), kind="bad_seconds")
    with tempfile.TemporaryDirectory(prefix="loaxa-live-") as tmp:
        out = Path(a.keep) if a.keep else Path(tmp) / "check.wav"
        result = live.check_microphone(parse_format(DEFAULT_FORMAT), out, device=a.device, seconds=a.seconds)
        d = {
            "device": a.device or "default",
            "heard": result.had_sound,
            "peak_lufs": round(result.peak_lufs, 1),
            "seconds": round(result.seconds, 2),
            "mp3_bytes": result.mp3_bytes,
            "recording": str(out) if a.keep else None,
        }
    emit(ctx, d, _("The microphone hears sound (peak {lufs} LUFS over {s} s).", lufs=d["peak_lufs"], s=d["seconds"]))
    return 0


def live_request(ctx: Context) -> dict[str, Any]:
    """The ``live`` command's payload from the options, every value checked (nothing queued
    when one is wrong)."""
    from broadcast.engine.livetap import LiveRequest
    from schedules import settings
    from schedules.scheduling import check_targets

    a = ctx.args
    if a.priority not in ("1", "2"):
        raise InputRefused(
            _("--priority: '{value}' is not a live priority; give 1 (emergency, cuts in) or 2 (priority).", value=a.priority), kind="bad_priority"
        )
    if a.device and a.file:
        raise InputRefused(_("Give --device or --file, not both."), kind="bad_source")
    file = None
    if a.file:
        path = Path(a.file).expanduser()
        if not path.is_file():
            raise InputRefused(_("File not found: {path}", path=str(path)), kind="no_file")
        from broadcast import audio

        try:
            audio.probe(path)
        except Exception as exc:  # noqa: BLE001 - any reason it is not audio: refused with it
            raise InputRefused(
                _("{path} is not an audio file ffmpeg can read: {detail}", path=str(path), detail=getattr(exc, "message", str(exc))), kind="not_audio"
            ) from None
        file = str(path.resolve())
    with ctx.ws.session() as s:
        targets = check_targets(s, a.target.split(","))
        limit = float(settings.get(s, "live.max_s"))
    max_s = limit
    if a.max_s is not None:
        if not 1 <= a.max_s <= limit:
            raise InputRefused(_("--max: give 1 to {limit} seconds (the setting live.max_s).", limit=round(limit)), kind="bad_max")
        max_s = a.max_s
    return LiveRequest(targets, device=a.device, file=file, priority=int(a.priority), actor=a.by or "cli", max_s=max_s).payload()


def _on_air(ctx: Context) -> int:
    from .onair import _submit

    a = ctx.args
    payload = live_request(ctx)
    started = _submit(ctx, "live", payload, a.wait)
    if started.get("error"):
        raise DeliveryError(str(started["error"]), kind=str(started.get("kind") or "live"))
    live_id = int(started.get("live_id") or started["command_id"])
    if not started.get("started"):
        emit(ctx, started, lambda: _started_text(started))
        raise DeliveryError(_("The live broadcast reached no target."))
    if a.detach:
        emit(ctx, started, lambda: _started_text(started))
        return 0
    if not ctx.json:
        sys.stderr.write(_started_text(started) + "\n" + _("Press Ctrl+C to stop.") + "\n")
        sys.stderr.flush()
    stop_asked = False

    def on_term(_n: int, _f: Any) -> None:
        raise KeyboardInterrupt

    old = signal.signal(signal.SIGTERM, on_term)
    ended: dict[str, Any] | None = None
    try:
        while ended is None:
            try:
                ended = _ended(ctx, live_id, None)
            except KeyboardInterrupt:
                if stop_asked:
                    raise
                stop_asked = True
                _submit(ctx, "live_stop", {"live_id": live_id, "actor": payload.get("actor")}, 5.0)
                ended = _ended(ctx, live_id, 30.0)
                if ended is None:
                    raise DeliveryError(_("The engine did not end the live broadcast within 30 s.")) from None
    finally:
        signal.signal(signal.SIGTERM, old)
    d = {**started, **ended}
    emit(ctx, d, lambda: _ended_text(d))
    return 0


def _ended(ctx: Context, live_id: int, timeout: float | None) -> dict[str, Any] | None:
    """The live command's final result (``ended``) once the engine has written it."""
    from schedules.models import Command

    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        with ctx.ws.session() as s:
            cmd = s.get(Command, live_id)
            result = dict(cmd.result or {}) if cmd is not None else {}
        if result.get("ended"):
            return result
        if deadline is not None and time.monotonic() >= deadline:
            return None
        time.sleep(0.2)


def _stop(ctx: Context) -> int:
    from schedules.scheduling import check_targets

    from .onair import _submit

    a = ctx.args
    payload: dict[str, Any] = {"actor": a.by or "cli"}
    if a.stop_targets:
        with ctx.ws.session() as s:
            payload["targets"] = check_targets(s, a.stop_targets.split(","))
    result = _submit(ctx, "live_stop", payload, 5.0)
    emit(
        ctx,
        result,
        lambda: "\n".join(_("Live broadcast ended on {endpoint}.", endpoint=x["endpoint"]) for x in result.get("stopped", [])) or _("Nothing was on air live."),
    )
    return 0


def _started_text(r: dict[str, Any]) -> str:
    lines = [_("On air live now: {endpoint}", endpoint=x["endpoint"]) for x in r.get("started", [])]
    lines += [_("Not aired on {endpoint}: {reason}", endpoint=x["endpoint"], reason=x["reason"]) for x in r.get("skipped", [])]
    return "\n".join(lines)


def _ended_text(d: dict[str, Any]) -> str:
    text = _("The live broadcast ended after {s} s.", s=d.get("seconds"))
    if d.get("recording_item") is not None:
        text += "\n" + _("The recording is kept as item {id} (a draft).", id=d["recording_item"])
    elif d.get("recording"):
        text += "\n" + _("The recording could not be added to the library; it is kept at {path}.", path=d["recording"])
    return text
