"""Airing live (phát trực tiếp): the microphone on chosen endpoints, through the running engine.

The operator (``loaxa live --target``, or the window's live dialog) queues a ``live`` command.
The engine opens the capture (:class:`broadcast.live.LiveCapture`: the sound card, or a file read
in real time for a technician's test), waits for the first sound (none in 3 s: it says so and
airs nothing), and puts one live airing on each target channel. Such an airing is a relay window
whose upstream is the capture: the channel takes frames from a :class:`LiveTap` exactly as it
takes a relay's (the mixin :class:`~.relays.RelayFeed`), at its own pace, and the tap fills any
shortfall with silence. Each tap starts with ``JITTER_S`` of frames buffered and drops the oldest
beyond ``BUFFER_S``, so the delay from the microphone to the mount stays well under 1.5 s.

Priority: a live airing has the tier asked for (1 by default, like an emergency; 2 on request)
and the policy ``cut``: it preempts what is on air and the preempted airing resumes when the
live airing ends, as after an emergency. It ends by a ``live_stop`` (or ``stop``) command, when
the source ends, or at the maximum length (setting ``live.max_s``): the programme is cut where
the tap's frames end, so the channel finishes it as completed and resumes what it interrupted.

As-run: one record per target, title "Trực tiếp: WHO", the actor, a reason saying it was live
and for how long. The recording (WAV of what the microphone gave) is imported as a draft item;
the live command's result is updated with ``ended``, its length and the item's id.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from schedules import engine_store as store
from schedules.errors import DeliveryError, LoaxaError
from schedules.formats import DeliveryFormat, parse_format
from schedules.httn import cluster_of
from schedules.i18n import _

from ..live import FIRST_SOUND_S, LiveCapture
from ..mp3 import take_frames
from ..programme import Programme, Segment
from .airing import Airing

if TYPE_CHECKING:
    from .channel import Channel
    from .dispatch import Dispatcher

log = logging.getLogger("loaxa.live")

JITTER_S = 0.5  # frames held before a target's airing starts (the channel sends 0.3 s ahead)
BUFFER_S = 1.0  # beyond this the oldest frames are dropped: the delay stays bounded
LIVE_URL = "live:"  # the relay "upstream" of a live segment (never opened: the tap is there first)
DEFAULT_MAX_S = 3600.0
LEVEL_EVERY_S = 0.2


@dataclass(frozen=True)
class LiveRequest:
    """What the operator asked: where, from which source, how urgently, by whom."""

    targets: list[str]
    device: str | None = None
    file: str | None = None  # a file read in real time instead of the sound card
    priority: int = 1
    actor: str | None = None
    max_s: float = DEFAULT_MAX_S

    def __post_init__(self) -> None:
        if self.priority not in (1, 2):
            raise ValueError(f"live priority {self.priority}")
        if self.device and self.file:
            raise ValueError("a live source is a device or a file, not both")

    def payload(self) -> dict[str, Any]:
        return {"targets": list(self.targets), "device": self.device, "file": self.file, "priority": self.priority, "actor": self.actor, "max_s": self.max_s}

    @classmethod
    def from_payload(cls, p: dict[str, Any]) -> LiveRequest:
        return cls(
            targets=[str(t) for t in p.get("targets", [])],
            device=p.get("device") or None,
            file=p.get("file") or None,
            priority=int(p.get("priority") or 1),
            actor=p.get("actor"),
            max_s=float(p.get("max_s") or DEFAULT_MAX_S),
        )


class LiveTap:
    """The frames of one live source for one channel: what :meth:`RelayFeed._relay_or_silence`
    takes from. Always gives what is asked for, silence where the microphone fell short.

    A jitter buffer: it holds what the source delivered ahead of the channel; beyond a cap the
    oldest frames are dropped (the delay stays bounded). The cap and the refill after a shortfall
    follow the longest pause seen between two deliveries: a sound card delivers every few tens
    of milliseconds (cap 1 s, refill 0.4 s); a source that delivers in bursts (PulseAudio's sine
    source: 2 s at a time) gets a buffer as deep as its bursts instead of a stutter."""

    def __init__(self, silence: list[bytes], frame_duration: float, on_closed: Any = None) -> None:
        self.silence = silence
        self.fd = frame_duration
        self.frames: deque[bytes] = deque()
        self.missing = 0  # silence given for want of microphone frames (after the first frame)
        self.dropped = 0  # oldest frames dropped to keep the delay bounded
        self.given = 0  # microphone frames handed to the channel
        self.closed = False
        self.max_gap_s = 0.0  # the longest pause between two deliveries of the source
        self._last_push: float | None = None
        self._refilling = False
        self._sil = 0
        self._on_closed = on_closed

    @property
    def max_frames(self) -> int:
        return max(2, int(max(BUFFER_S, 2 * self.max_gap_s + 0.5) / self.fd))

    def push(self, frames: list[bytes]) -> None:
        if self.closed:
            return
        now = time.monotonic()
        if self._last_push is not None:
            self.max_gap_s = max(self.max_gap_s, now - self._last_push)
        self._last_push = now
        self.frames.extend(frames)
        over = len(self.frames) - self.max_frames
        if over > 0:
            for _i in range(over):
                self.frames.popleft()
            self.dropped += over

    def take(self, count: int) -> list[bytes]:
        if self._refilling and len(self.frames) * self.fd >= min(self.max_gap_s + 0.2, BUFFER_S * 3):
            self._refilling = False
        n = 0 if self._refilling else min(count, len(self.frames))
        out = [self.frames.popleft() for _i in range(n)]
        self.given += n
        short = count - n
        if short:
            for _i in range(short):
                out.append(self.silence[self._sil % len(self.silence)])
                self._sil += 1
            if self.given:
                self.missing += short
                self._refilling = True  # wait for a buffer's worth before going on: one gap, not many
        return out

    async def stop(self) -> None:
        """The channel is done with it (the airing ended, whatever the reason)."""
        if not self.closed:
            self.closed = True
            self.frames.clear()
            if self._on_closed is not None:
                self._on_closed(self)


def live_programme(fmt: DeliveryFormat, frame_duration: float, title: str, max_s: float) -> Programme:
    """An open-ended programme: one relay window from the live source, ``max_s`` long at most."""
    return Programme(fmt, frame_duration, [Segment(None, title, None, LIVE_URL, max(1, int(max_s / frame_duration)))])


def end_programme_at(prog: Programme, frame: int) -> None:
    """Cut a live programme at ``frame``: the channel completes the airing there."""
    seg = prog.segments[0]
    frame = max(0, min(frame, seg.relay_frames))
    seg.relay_frames = frame
    prog.total_frames = frame


@dataclass
class LiveSession:
    """One live broadcast: its captures (one per delivery format), taps and airings."""

    id: int
    request: LiveRequest
    title: str
    captures: dict[str, LiveCapture] = field(default_factory=dict)
    taps: dict[str, LiveTap] = field(default_factory=dict)  # endpoint -> tap
    airings: dict[str, Airing] = field(default_factory=dict)
    fmt_of: dict[str, str] = field(default_factory=dict)  # endpoint -> format name
    readers: list[threading.Thread] = field(default_factory=list)
    recording: Path | None = None
    started_mono: float = 0.0
    ended: bool = False
    stop_reason: str | None = None
    finisher: asyncio.Task[None] | None = None
    halt: threading.Event = field(default_factory=threading.Event)
    cut: set[str] = field(default_factory=set)  # endpoints whose live programme has its end


class LiveDesk:
    """The engine's live broadcasts (the dispatcher holds one)."""

    def __init__(self, dispatch: Dispatcher) -> None:
        self.dispatch = dispatch
        self.sessions: dict[int, LiveSession] = {}
        self._tasks: set[asyncio.Task[Any]] = set()

    @property
    def folder(self) -> Path:
        return Path(self.dispatch.ws.data_dir) / "live"

    def owns(self, code: str) -> LiveSession | None:
        """The live session airing on ``code`` now, if any."""
        for s in self.sessions.values():
            a = s.airings.get(code)
            if not s.ended and a is not None and a.outcome is None:
                return s
        return None

    async def command(self, cmd_id: int, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        """The engine's ``live`` and ``live_stop`` commands."""
        if kind == "live":
            try:
                return await self.start(cmd_id, LiveRequest.from_payload(payload))
            except LoaxaError as exc:  # the microphone silent or missing: said to the operator, not a bug
                log.warning("live %s not aired: %s", cmd_id, exc.message)
                return {"live_id": cmd_id, "started": [], "skipped": [], "error": exc.message, "kind": exc.kind, "ended": True}
        return self.stop(payload)

    # -- starting -----------------------------------------------------------------------------

    async def start(self, cmd_id: int, req: LiveRequest) -> dict[str, Any]:
        """Open the source, wait for its first sound, and put it on air on every target."""
        d = self.dispatch
        assert d.inp is not None
        eps, unknown = d.inp.resolve_targets(req.targets)
        skipped: list[dict[str, Any]] = [{"endpoint": u, "reason": _("unknown target")} for u in unknown]
        chosen: list[str] = []
        for code in eps:
            ep = d.inp.endpoints[code]
            row = d.endpoints.get(code)
            if not ep.enabled:
                skipped.append({"endpoint": code, "reason": _("Endpoint {code} is disabled.", code=code)})
            elif row is not None and cluster_of(row.url) is not None:
                skipped.append(
                    {"endpoint": code, "reason": _("{code} plays from the province's schedule (HTTTN); a live broadcast does not reach it.", code=code)}
                )
            elif self.owns(code) is not None:
                skipped.append({"endpoint": code, "reason": _("{code} is already on air live.", code=code)})
            else:
                chosen.append(code)
        if not chosen:
            return {"live_id": cmd_id, "started": [], "skipped": skipped, "priority": req.priority}
        who = req.actor or _("the operator")
        s = LiveSession(cmd_id, req, _("Live: {who}", who=who))
        s.fmt_of = {code: d.inp.endpoints[code].format for code in chosen}
        loop = asyncio.get_running_loop()
        self.folder.mkdir(parents=True, exist_ok=True)
        source = Path(req.file) if req.file else None
        for i, fmt_name in enumerate(sorted(set(s.fmt_of.values()))):
            rec = self.folder / f"live-{cmd_id}-{i}.wav"
            cap = LiveCapture(parse_format(fmt_name), rec, device=req.device, max_s=req.max_s, source_file=source)
            s.captures[fmt_name] = cap
            if s.recording is None:
                s.recording = rec
        try:
            for cap in s.captures.values():
                await loop.run_in_executor(None, cap.start)
            first = next(iter(s.captures.values()))
            heard = await loop.run_in_executor(None, first.wait_for_sound, FIRST_SOUND_S)
        except DeliveryError:
            await loop.run_in_executor(None, self._stop_captures, s, True)
            raise
        if not heard:
            problem = first.problem()
            opened = bool(first.levels)
            await loop.run_in_executor(None, self._stop_captures, s, True)
            if not opened:
                raise DeliveryError(
                    _("The microphone could not be opened ({detail}). Check the device (loaxa live --check --device NAME).", detail=problem or "?"),
                    kind="no_microphone",
                )
            raise DeliveryError(
                _("No sound from the microphone in the first {s} s: nothing was aired. Check that it is plugged in and not muted.", s=round(FIRST_SOUND_S)),
                kind="mic_silent",
            )
        s.started_mono = loop.time()
        self.sessions[cmd_id] = s
        started: list[dict[str, Any]] = []
        now = d.clock.now()
        for code in chosen:
            try:
                ch = await d.channel(code)
            except Exception as exc:  # noqa: BLE001 - that endpoint's business alone
                skipped.append({"endpoint": code, "reason": str(exc)})
                continue
            a = self._airing(s, ch, code, now)
            started.append({"endpoint": code, "key": a.key})
        for fmt_name, cap in s.captures.items():
            t = threading.Thread(target=self._read, args=(s, fmt_name, cap, loop), name=f"live-{cmd_id}-{fmt_name}", daemon=True)
            s.readers.append(t)
            t.start()
        if not started:
            self._end_session(s, None)
        log.info("live %s by %s on %s (priority %s)", cmd_id, who, ", ".join(x["endpoint"] for x in started) or "-", req.priority)
        return {
            "live_id": cmd_id,
            "started": started,
            "skipped": skipped,
            "priority": req.priority,
            "recording": str(s.recording) if s.recording else None,
            "source": req.file or req.device or "default",
            "capture_started_mono": round(first.started_at, 4),
            "first_byte_mono": round(first.first_byte_at, 4) if first.first_byte_at is not None else None,
        }

    def _airing(self, s: LiveSession, ch: Channel, code: str, now: Any) -> Airing:
        fmt = parse_format(s.fmt_of[code])
        key = f"live{s.id}:{code}"
        tap = LiveTap(ch.silence, ch.fd, on_closed=lambda t, c=code: self._tap_closed(s, c))
        prog = live_programme(fmt, ch.fd, s.title, s.request.max_s)
        start = now + timedelta(seconds=JITTER_S)
        a = Airing(
            key=key,
            endpoint=code,
            programme=prog,
            planned_start=start,
            release_mono=asyncio.get_running_loop().time() + JITTER_S,
            title=s.title,
            tier=s.request.priority,
            policy="cut",
            on_preempt="none",
            command_id=s.id,
            planned_end=start + timedelta(seconds=s.request.max_s),
            actor=s.request.actor,
            preroll_s=JITTER_S,
            item_field=2,
        )
        a.watched = True  # proof of delivery compares programme frames: a live airing has none to compare
        a.notes.append(
            _(
                "live from the microphone ({source}), by {who}",
                source=s.request.file and Path(s.request.file).name or s.request.device or "default",
                who=s.request.actor or _("the operator"),
            )
        )
        ch.relays[(key, 0)] = tap  # type: ignore[assignment]  # the channel takes frames from it as from a relay
        s.taps[code] = tap
        s.airings[code] = a
        ch.submit(a)
        return a

    # -- frames -----------------------------------------------------------------------------------

    def _read(self, s: LiveSession, fmt_name: str, cap: LiveCapture, loop: asyncio.AbstractEventLoop) -> None:
        """Thread: MP3 frames of one capture to the taps of its format; the level for the meter."""
        buf = bytearray()
        next_level = 0.0
        codes = [c for c, f in s.fmt_of.items() if f == fmt_name]
        meter = fmt_name == next(iter(s.captures))
        try:
            while not s.halt.is_set():
                chunk = cap.read(0.2)
                if chunk is None:
                    break
                if chunk:
                    buf.extend(chunk)
                    frames = take_frames(buf)
                    if frames and not loop.is_closed():
                        loop.call_soon_threadsafe(self._deliver, s, codes, frames)
                if meter and time.monotonic() >= next_level:
                    next_level = time.monotonic() + LEVEL_EVERY_S
                    self._write_level(s, cap, on_air=True)
        finally:
            if meter:
                self._write_level(s, cap, on_air=False)
            if not loop.is_closed():
                loop.call_soon_threadsafe(self._source_ended, s)

    def _deliver(self, s: LiveSession, codes: list[str], frames: list[bytes]) -> None:
        for code in codes:
            tap = s.taps.get(code)
            if tap is not None:
                tap.push(frames)

    def _write_level(self, s: LiveSession, cap: LiveCapture, *, on_air: bool) -> None:
        """The level for the window's meter, in a small file (the engine is another process)."""
        d = {
            "live_id": s.id,
            "on_air": on_air,
            "lufs": round(cap.level_lufs, 1),
            "peak_lufs": round(cap.peak_lufs, 1),
            "seconds": round(time.monotonic() - cap.started_at, 1),
            "targets": sorted(s.airings),
            "actor": s.request.actor,
        }
        path = self.folder / "level.json"
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        try:
            tmp.write_text(json.dumps(d), encoding="utf-8")
            os.replace(tmp, path)
        except OSError as exc:
            log.debug("live level not written: %s", exc)

    # -- ending -----------------------------------------------------------------------------------

    def _source_ended(self, s: LiveSession) -> None:
        if not s.ended:
            self._end_session(s, _("the source ended") if s.stop_reason is None else None)

    def stop(self, payload: dict[str, Any]) -> dict[str, Any]:
        """End live broadcasts: one (``live_id``), on some targets, or all of them."""
        live_id = payload.get("live_id")
        targets = payload.get("targets") or []
        actor = payload.get("actor")
        codes: set[str] | None = None
        if targets and self.dispatch.inp is not None:
            codes = set(self.dispatch.inp.resolve_targets([str(t) for t in targets])[0])
        stopped: list[dict[str, Any]] = []
        for s in list(self.sessions.values()):
            if s.ended or (live_id is not None and int(live_id) != s.id):
                continue
            for code, a in s.airings.items():
                if a.outcome is None and (codes is None or code in codes):
                    self._end_airing(s, code, a, _("stopped by {who}", who=actor or _("the operator")))
                    stopped.append({"endpoint": code, "key": a.key, "live_id": s.id})
        return {"stopped": stopped}

    def stop_on(self, code: str, actor: str | None) -> Airing | None:
        """``loaxa broadcast stop`` on an endpoint that is on air live: end it there."""
        s = self.owns(code)
        if s is None:
            return None
        a = s.airings[code]
        self._end_airing(s, code, a, _("stopped by {who}", who=actor or _("the operator")))
        return a

    def _end_airing(self, s: LiveSession, code: str, a: Airing, why: str | None) -> None:
        """Cut the live programme where the tap's frames end: the channel completes it there
        (and resumes what it preempted); one not yet started is skipped."""
        ch = self.dispatch.channels.get(code)
        tap = s.taps.get(code)
        if ch is None or a.outcome is not None or code in s.cut:
            return
        if why:
            a.notes.append(why)
        if not a.started:  # waiting, or on the line while the endpoint cannot be reached
            was_current = ch.current is a
            if was_current:
                ch.current = None
            elif a in ch.queue:
                ch.queue.remove(a)
            elif a in ch.suspended:
                ch.suspended.remove(a)
            if a.last_error:  # the endpoint was down all along: failed, with why
                ch._finish(a, "failed", None)
            else:
                ch._skip(a, why or _("the live broadcast ended before it reached this endpoint"))
            if was_current:
                ch._resume_suspended(asyncio.get_running_loop().time())
            ch._kick()
            return
        left = len(tap.frames) if tap is not None else 0
        end = a.next_frame + left
        seconds = (end - a.first_frame) * ch.fd
        a.notes.append(_("live for {s} s", s=round(seconds, 1)))
        if tap is not None and tap.missing * ch.fd > 1.0:
            a.notes.append(_("live: {s} s of silence where the microphone gave nothing", s=round(tap.missing * ch.fd, 1)))
        end_programme_at(a.programme, end)
        s.cut.add(code)
        ch._kick()

    def _tap_closed(self, s: LiveSession, code: str) -> None:
        """An airing of the session ended (any outcome): when none is left, the capture stops."""
        if all(t.closed for t in s.taps.values()) and not s.ended:
            self._end_session(s, None)

    def _end_session(self, s: LiveSession, why: str | None) -> None:
        """The source ended (or every target is done): cut what still airs, stop the capture,
        keep the recording."""
        s.ended = True
        for code, a in s.airings.items():
            if a.outcome is None and code not in s.cut:
                self._end_airing(s, code, a, why)
        if s.finisher is None:
            s.finisher = asyncio.get_running_loop().create_task(self._finish(s), name=f"live-end-{s.id}")
            self._tasks.add(s.finisher)
            s.finisher.add_done_callback(self._tasks.discard)

    async def _finish(self, s: LiveSession) -> None:
        loop = asyncio.get_running_loop()
        s.halt.set()
        await loop.run_in_executor(None, self._stop_captures, s, False)
        waits = [a.done.wait() for a in s.airings.values() if a.outcome is None]
        if waits:
            try:
                await asyncio.wait_for(asyncio.gather(*waits), timeout=BUFFER_S + 5.0)
            except TimeoutError:
                log.warning("live %s: airings still open after the source ended", s.id)
        seconds = round(loop.time() - s.started_mono, 1) if s.started_mono else 0.0
        result: dict[str, Any] = {
            "live_id": s.id,
            "ended": True,
            "seconds": seconds,
            "outcomes": {c: a.outcome for c, a in s.airings.items()},
            "recording_item": None,
        }
        if s.recording is not None and s.recording.is_file() and s.airings:
            try:
                result["recording_item"] = await loop.run_in_executor(None, self._keep_recording, s)
            except Exception as exc:  # noqa: BLE001 - the airing happened; the recording stays on disk
                log.exception("live %s: the recording could not be kept as an item", s.id)
                result["recording_error"] = str(exc)
                result["recording"] = str(s.recording)
        self.sessions.pop(s.id, None)
        try:
            await self.dispatch.writer.write(store.finish_command, s.id, "done", result)
        except Exception:  # noqa: BLE001 - fenced or stopping: the records say what aired
            log.exception("live %s: the command's result could not be updated", s.id)
        taps = ", ".join(f"{c}: {t.given} frames from the source, {t.missing} silence, {t.dropped} dropped" for c, t in s.taps.items())
        log.info("live %s ended after %s s (recording item %s; %s)", s.id, seconds, result.get("recording_item"), taps)

    def _stop_captures(self, s: LiveSession, discard: bool) -> None:
        s.halt.set()
        for cap in s.captures.values():
            try:
                cap.stop(timeout=5.0)
            except Exception:  # noqa: BLE001 - a capture that will not stop is killed by stop()
                log.exception("live %s: stopping the capture", s.id)
        for t in s.readers:
            t.join(2.0)
        keep = None if discard else s.recording
        for cap in s.captures.values():
            if cap.recording != keep:
                cap.recording.unlink(missing_ok=True)

    def _keep_recording(self, s: LiveSession) -> int | None:
        """The recording becomes a draft item (title, author, source: live) through the import pipeline."""
        from schedules.library import meta_from_options

        from ..importer import import_files

        assert s.recording is not None
        local = self.dispatch.clock.now().astimezone(self.dispatch.zone_of(next(iter(s.airings))))
        meta = meta_from_options(
            title=_("Live {when} ({who})", when=local.strftime("%d/%m/%Y %H:%M"), who=s.request.actor or _("the operator")),
            field=2,
            priority=s.request.priority,
            author=s.request.actor,
            source="live",
        )
        rep = import_files(self.dispatch.ws, [s.recording], meta, workers=1, actor=s.request.actor)
        got = rep.added or rep.duplicates
        if not got:
            raise DeliveryError(rep.summary())
        s.recording.unlink(missing_ok=True)
        return int(got[0]["id"])

    async def shutdown(self) -> None:
        """Engine stop: the channels have closed the airings; stop the captures, keep the WAVs
        (their paths are logged; importing is left for a later run of the window or CLI)."""
        loop = asyncio.get_running_loop()
        for s in list(self.sessions.values()):
            if s.finisher is not None and not s.finisher.done():
                try:  # an ending live broadcast: give its recording a moment to become an item
                    await asyncio.wait_for(asyncio.shield(s.finisher), timeout=5.0)
                    continue
                except (TimeoutError, asyncio.CancelledError):
                    s.finisher.cancel()
            s.ended = True
            await loop.run_in_executor(None, self._stop_captures, s, False)
            if s.recording is not None and s.recording.is_file():
                log.warning("live %s: the engine stopped; the recording is kept at %s", s.id, s.recording)
        self.sessions.clear()
