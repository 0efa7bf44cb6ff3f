"""The ``portaudio`` player of ``soundcard://`` endpoints: Windows' and macOS' (ffmpeg has no
audio output on Windows), and Linux's on request (``soundcard://DEVICE?backend=portaudio``).

ffmpeg decodes the channel's MP3 frames to PCM (s16le at the device's own rate, stereo or mono)
on a pipe; a thread moves the PCM into a small ring (``RING_S``), and PortAudio's callback, run by
the sound card's clock, takes it from there (silence when the ring is empty). The thread waits
while the ring is full, and :meth:`send` waits while the frames written are more than
``AHEAD_MAX_S`` ahead of what the card has played: the card, not the PC's clock, sets the pace,
and an emergency is never queued behind more than that.

Devices: ``default`` (the system's default output) or a PortAudio output name or part of one,
case-insensitively (on Windows the same card is listed once per host API: the default host
API's entry is taken). Every PortAudio call runs in a worker thread, one at a time: opening a
device can take a while and must not hold the engine's event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
import time
from typing import Any

from schedules.i18n import _

from ..mp3 import first_header, parse_header
from .base import OutputError
from .soundcard import MP3_INPUT, START_WAIT_S, PlayerOutput

RING_S = 0.1  # PCM ready for the card's callback: short, so an emergency cuts in at once
LATENCY_S = 0.05  # the device buffer asked of PortAudio (at least the host API's low latency: MME's is ~0.09 s)
AHEAD_MAX_S = 1.0  # frames written may be this far ahead of what the card has played (the channel keeps ~0.3 s)
PCM_READ = 4096
LEAD_S = 0.25  # frames play this long after their time: the slack that rides over a late channel tick
PIPELINE_S = 0.0  # what the device's reported latency leaves out (measured: tests/integration/test_soundcard.py)

_pa_lock = threading.Lock()  # PortAudio is not thread-safe: one call at a time
_streams_open = 0  # streams of this process; PortAudio is re-initialised (new devices) only when none is


def _sounddevice() -> Any:
    """The ``sounddevice`` module (PortAudio), imported on first use: it initialises PortAudio."""
    try:
        import sounddevice
    except (ImportError, OSError) as exc:  # OSError: the PortAudio library is missing (Linux: libportaudio2)
        raise OutputError(
            _("PortAudio cannot be used on this PC ({error}); on Linux install libportaudio2 or use the pulse player.", error=str(exc)[:200]),
            retry=False,
            kind="soundcard",
        ) from exc
    return sounddevice


def output_devices(sd: Any) -> list[dict[str, Any]]:
    """PortAudio's output devices (name, index, hostapi, default_samplerate, max_output_channels)."""
    return [dict(d) for d in sd.query_devices() if d["max_output_channels"] > 0]


def find_device(sd: Any, name: str) -> dict[str, Any] | None:
    """The output called ``name`` (or holding it), the default host API's first; None when none."""
    if name in ("", "default"):
        index = sd.default.device[1]
        if index is None or index < 0:
            return None
        return dict(sd.query_devices(index))
    outputs = output_devices(sd)
    matches = [d for d in outputs if d["name"] == name] or [d for d in outputs if name.casefold() in d["name"].casefold()]
    if not matches:
        return None
    preferred = sd.default.hostapi
    return next((d for d in matches if d["hostapi"] == preferred), matches[0])


class _Ring:
    """PCM bytes between the reader thread and PortAudio's callback thread. The reader waits
    while it is full; the callback never waits (silence when it is empty)."""

    def __init__(self, capacity: int, frame_bytes: int) -> None:
        self.capacity = capacity
        self.frame_bytes = frame_bytes
        self.played = 0  # bytes of real PCM the card has taken
        self.closed = False
        self._buf = bytearray()
        self._cond = threading.Condition()

    def put(self, data: bytes) -> bool:
        """Add ``data`` once there is room; False when the ring was closed meanwhile."""
        with self._cond:
            while len(self._buf) >= self.capacity and not self.closed:
                self._cond.wait(0.5)
            if self.closed:
                return False
            self._buf += data
            return True

    def pull(self, n: int) -> bytes:
        """Up to ``n`` bytes, whole sample frames only."""
        with self._cond:
            k = min(n, len(self._buf))
            k -= k % self.frame_bytes
            out = bytes(self._buf[:k])
            del self._buf[:k]
            self.played += k
            self._cond.notify()
        return out

    def delay(self, nbytes: int) -> None:
        """Play ``nbytes`` of silence before what the ring holds."""
        with self._cond:
            self._buf[:0] = bytes(nbytes - nbytes % self.frame_bytes)

    @property
    def level(self) -> int:
        return len(self._buf)

    def close(self) -> None:
        with self._cond:
            self.closed = True
            self._cond.notify_all()


class PortAudioOutput(PlayerOutput):
    """A ``soundcard://`` endpoint played through PortAudio."""

    lead_s = LEAD_S

    def __init__(self, code: str, device: str) -> None:
        super().__init__(code, device)
        self._stream: Any = None
        self._ring: _Ring | None = None
        self._reader: threading.Thread | None = None
        self._heard_at: float | None = None  # monotonic time the first PCM reaches the card's output
        self._first_at: float | None = None  # when the channel sent its first frames
        self._channels = 2
        self._latency = LATENCY_S
        self._rate = 0
        self._frame_bytes = 0
        self._written_s = 0.0  # MP3 written to the player (seconds of audio)

    async def open(self) -> None:
        await self.close()
        sd = await asyncio.to_thread(_sounddevice)
        dev, names = await asyncio.to_thread(self._lookup, sd)
        if dev is None:
            shown = ", ".join(names[:12]) + (f" (+{len(names) - 12})" if len(names) > 12 else "")
            raise OutputError(
                _(
                    "{code}: the sound output '{device}' does not exist on this PC; its outputs are: {names}",
                    code=self.code,
                    device=self.device,
                    names=shown or "-",
                ),
                kind="soundcard",
            )
        self._rate = int(dev["default_samplerate"])
        channels = min(2, int(dev["max_output_channels"]))
        self._frame_bytes = 2 * channels
        ring = self._ring = _Ring(int(RING_S * self._rate) * self._frame_bytes, self._frame_bytes)

        def callback(outdata: Any, frames: int, _time: Any, _status: Any) -> None:
            data = ring.pull(len(outdata))
            if data and self._heard_at is None:  # the first sound: when it reaches the card's output
                dac = _time.outputBufferDacTime - _time.currentTime
                self._heard_at = time.monotonic() + (dac if 0 < dac < 1 else self._latency)  # a host API that does not tell: what it was asked
            outdata[: len(data)] = data
            if len(data) < len(outdata):
                outdata[len(data) :] = bytes(len(outdata) - len(data))

        try:
            self._latency = max(LATENCY_S, float(dev.get("default_low_output_latency") or 0.0))
            self._stream = await asyncio.to_thread(self._start_stream, sd, dev["index"], channels, callback)
        except Exception as exc:  # sounddevice.PortAudioError, or a device that refuses the format
            raise OutputError(
                _("{code}: the sound output '{device}' could not be opened: {error}", code=self.code, device=self.device, error=str(exc)[:300]),
                kind="soundcard",
            ) from exc
        self._channels = channels

    async def _start_decoder(self, first: bytes) -> None:
        """ffmpeg, started with the first frames: a mono programme goes to both sides of a stereo
        card at its own level (``-ac 2`` would lower it by 3 dB)."""
        ring = self._ring
        assert ring is not None
        h = first_header(first)
        if h is not None and h.channels == 1 and self._channels == 2:
            layout = ["-af", "pan=stereo|c0=c0|c1=c0"]
        else:
            layout = ["-ac", str(self._channels)]
        rfd, wfd = os.pipe()
        try:
            await self._spawn([*MP3_INPUT, *layout, "-f", "s16le", "-ar", str(self._rate), "-flush_packets", "1", "pipe:1"], stdout=wfd)
        except OutputError:
            os.close(rfd)
            raise
        finally:
            os.close(wfd)  # ffmpeg has its own copy: its end closes the pipe
        self._reader = threading.Thread(target=self._read_pcm, args=(rfd, ring), name=f"soundcard:{self.code}", daemon=True)
        self._reader.start()

    async def send(self, data: bytes | memoryview) -> None:
        if self._proc is None and self._stream is not None and self._first_at is None:
            self._first_at = asyncio.get_running_loop().time()  # the channel's timeline runs on from here
            await self._start_decoder(bytes(data))
        await super().send(data)

    def _lookup(self, sd: Any) -> tuple[dict[str, Any] | None, list[str]]:
        global _streams_open
        with _pa_lock:
            dev = find_device(sd, self.device)
            if dev is None and _streams_open == 0:  # a card plugged in since: ask PortAudio anew
                sd._terminate()
                sd._initialize()
                dev = find_device(sd, self.device)
            names = list(dict.fromkeys(d["name"] for d in output_devices(sd)))
            return dev, names

    def _start_stream(self, sd: Any, index: int, channels: int, callback: Any) -> Any:
        global _streams_open
        with _pa_lock:
            stream = sd.RawOutputStream(samplerate=self._rate, channels=channels, dtype="int16", device=index, latency=self._latency, callback=callback)
            try:
                stream.start()
            except Exception:
                stream.close()
                raise
            _streams_open += 1
            return stream

    def _read_pcm(self, fd: int, ring: _Ring) -> None:
        """ffmpeg's PCM into the ring, in a thread of its own: a busy event loop cannot starve the card."""
        try:
            while True:
                try:
                    data = os.read(fd, PCM_READ)
                except OSError:
                    return
                if not data or not ring.put(data):
                    return
        finally:
            os.close(fd)

    async def _wait_until_playing(self) -> None:
        """The first frames are written: wait until the card plays their PCM, then put the frames
        the channel sends next ``lead_s`` after their time. The channel's timeline ran on while
        the player started, and the device holds what PortAudio reports as its latency: leading
        silence is dropped when that came to more than ``lead_s``, silence is put before the
        rest when it came to less (the slack that rides over a late tick of the channel)."""
        loop = asyncio.get_running_loop()
        t0 = self._first_at if self._first_at is not None else loop.time()  # asyncio's clock is time.monotonic(), as the callback's
        while self._heard_at is None and loop.time() - t0 < START_WAIT_S and self.connected:
            await asyncio.sleep(0.01)
        self._started = True
        heard = self._heard_at if self._heard_at is not None else loop.time()
        shift = heard + PIPELINE_S - t0 - self.lead_s
        self._drop_s = min(1.0, shift)
        if shift < 0 and self._ring is not None:
            self._ring.delay(int(-shift * self._rate) * self._frame_bytes)

    async def _room_for(self, data: bytes) -> None:
        """Wait while what was written is more than ``AHEAD_MAX_S`` ahead of what the card played."""
        seconds, pos = 0.0, 0
        while pos + 4 <= len(data):
            h = parse_header(data, pos)
            if h is None:
                break
            seconds += h.samples / h.sample_rate
            pos += h.length
        while self._ring is not None and self._written_s - self.played_s > AHEAD_MAX_S and self.connected:
            await asyncio.sleep(0.02)
        self._written_s += seconds

    @property
    def played_s(self) -> float:
        """Seconds of PCM the card has taken so far."""
        ring = self._ring
        return ring.played / (self._rate * self._frame_bytes) if ring is not None and self._rate else 0.0

    async def close(self) -> None:
        """Let the card play what was sent (as the pulse player does), then close."""
        playing = self._stream is not None and self.connected
        reader, self._reader = self._reader, None
        ring, stream = self._ring, self._stream
        if ring is not None and not playing:
            ring.close()  # nothing drains it any more: the reader stops waiting for room
        await super().close()  # its input ends: ffmpeg decodes what it holds and ends (killed after 3 s)
        if reader is not None:
            await asyncio.to_thread(reader.join, 3.0)  # ffmpeg's end of the pipe is closed: it reads to the end
        if ring is not None:
            loop = asyncio.get_running_loop()
            until = loop.time() + 3.0
            while playing and ring.level > 0 and loop.time() < until and bool(stream.active):
                await asyncio.sleep(0.02)
            ring.close()
        self._stream = None
        if stream is not None:

            def stop() -> None:
                global _streams_open
                with _pa_lock:
                    try:
                        if playing:
                            stream.stop()  # plays out what the device holds
                        stream.abort()
                        stream.close()
                    finally:
                        _streams_open -= 1

            with contextlib.suppress(Exception):
                await asyncio.to_thread(stop)
        self._ring = None
        self._heard_at = None
        self._first_at = None
        self._written_s = 0.0

    @property
    def connected(self) -> bool:
        stream = self._stream
        if stream is None or not stream.active:
            return False
        if self._first_at is None:
            return True  # the card plays silence until the first frames start the decoder
        return super().connected and self._reader is not None and self._reader.is_alive()
