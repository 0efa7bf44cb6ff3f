"""One live broadcast (:class:`LiveSession`): its captures, taps and airings, and what runs off the
engine's event loop: the reader threads that turn a capture into MP3 frames for the taps, the level
file for the window's meter, stopping the captures and keeping the recording as a draft item.
:mod:`.live` (the engine's live desk) creates and ends sessions.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from schedules.errors import DeliveryError
from schedules.i18n import _

from ..live import LiveCapture
from ..mp3 import take_frames
from .airing import Airing
from .livetap import LiveRequest, LiveTap

log = logging.getLogger("loaxa.live")

LEVEL_EVERY_S = 0.2


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
    folder: Path = Path()  # the live folder of the data directory (level.json, recordings)

    def read(self, fmt_name: str, cap: LiveCapture, loop: asyncio.AbstractEventLoop, on_ended: Callable[[LiveSession], None]) -> None:
        """Thread: MP3 frames of one capture to the taps of its format; the level for the meter."""
        buf = bytearray()
        next_level = 0.0
        codes = [c for c, f in self.fmt_of.items() if f == fmt_name]
        meter = fmt_name == next(iter(self.captures))
        try:
            while not self.halt.is_set():
                chunk = cap.read(0.2)
                if chunk is None:
                    break
                if chunk:
                    buf.extend(chunk)
                    frames = take_frames(buf)
                    if frames and not loop.is_closed():
                        loop.call_soon_threadsafe(self.deliver, codes, frames)
                if meter and time.monotonic() >= next_level:
                    next_level = time.monotonic() + LEVEL_EVERY_S
                    self.write_level(cap, on_air=True)
        finally:
            if meter:
                self.write_level(cap, on_air=False)
            if not loop.is_closed():
                loop.call_soon_threadsafe(on_ended, self)

    def deliver(self, codes: list[str], frames: list[bytes]) -> None:
        for code in codes:
            tap = self.taps.get(code)
            if tap is not None:
                tap.push(frames)

    def write_level(self, cap: LiveCapture, *, on_air: bool) -> None:
        """The level for the window's meter, in a small file (the engine is another process)."""
        d = {
            "live_id": self.id,
            "on_air": on_air,
            "lufs": round(cap.level_lufs, 1),
            "peak_lufs": round(cap.peak_lufs, 1),
            "seconds": round(time.monotonic() - cap.started_at, 1),
            "targets": sorted(self.airings),
            "actor": self.request.actor,
        }
        path = self.folder / "level.json"
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        try:
            tmp.write_text(json.dumps(d), encoding="utf-8")
            os.replace(tmp, path)
        except OSError as exc:
            log.debug("live level not written: %s", exc)

    def stop_captures(self, discard: bool) -> None:
        self.halt.set()
        for cap in self.captures.values():
            try:
                cap.stop(timeout=5.0)
            except Exception:  # noqa: BLE001 - a capture that will not stop is killed by stop()
                log.exception("live %s: stopping the capture", self.id)
        for t in self.readers:
            t.join(2.0)
        keep = None if discard else self.recording
        for cap in self.captures.values():
            if cap.recording != keep:
                cap.recording.unlink(missing_ok=True)

    def keep_recording(self, ws: Any, when: datetime) -> int | None:
        """The recording becomes a draft item (title, author, source: live) through the import pipeline."""
        from schedules.library import meta_from_options

        from ..importer import import_files

        assert self.recording is not None
        meta = meta_from_options(
            title=_("Live {when} ({who})", when=when.strftime("%d/%m/%Y %H:%M"), who=self.request.actor or _("the operator")),
            field=2,
            priority=self.request.priority,
            author=self.request.actor,
            source="live",
        )
        rep = import_files(ws, [self.recording], meta, workers=1, actor=self.request.actor)
        got = rep.added or rep.duplicates
        if not got:
            raise DeliveryError(rep.summary())
        self.recording.unlink(missing_ok=True)
        return int(got[0]["id"])
