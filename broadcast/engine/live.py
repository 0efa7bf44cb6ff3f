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
import logging
import threading
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from schedules import engine_store as store
from schedules.errors import DeliveryError, LoaxaError
from schedules.formats import parse_format
from schedules.httn import cluster_of
from schedules.i18n import _

from ..live import FIRST_SOUND_S, LiveCapture
from .airing import Airing
from .livesession import LiveSession
from .livetap import BUFFER_S, JITTER_S, LiveRequest, LiveTap, end_programme_at, live_programme

if TYPE_CHECKING:
    from .channel import Channel
    from .dispatch import Dispatcher

log = logging.getLogger("loaxa.live")


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
        s = LiveSession(cmd_id, req, _("Live: {who}", who=who), folder=self.folder)
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
            await loop.run_in_executor(None, s.stop_captures, True)
            raise
        if not heard:
            problem = first.problem()
            opened = bool(first.levels)
            await loop.run_in_executor(None, s.stop_captures, True)
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
            t = threading.Thread(target=s.read, args=(fmt_name, cap, loop, self._source_ended), name=f"live-{cmd_id}-{fmt_name}", daemon=True)
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

    # -- ending -----------------------------------------------------------------------------------

    def _source_ended(self, s: LiveSession) -> None:
        if not s.ended:
            self._end_session(s, _("the source ended") if s.stop_reason is None else None)

    def _started_local(self, s: LiveSession) -> datetime:
        """Now, in the zone of the session's first target (the recording's title)."""
        return self.dispatch.clock.now().astimezone(self.dispatch.zone_of(next(iter(s.airings))))

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
        await loop.run_in_executor(None, s.stop_captures, False)
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
                result["recording_item"] = await loop.run_in_executor(None, s.keep_recording, self.dispatch.ws, self._started_local(s))
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
            await loop.run_in_executor(None, s.stop_captures, False)
            if s.recording is not None and s.recording.is_file():
                log.warning("live %s: the engine stopped; the recording is kept at %s", s.id, s.recording)
        self.sessions.clear()
