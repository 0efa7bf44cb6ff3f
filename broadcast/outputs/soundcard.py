"""The PC's sound output as an endpoint (``soundcard://DEVICE``, ``soundcard://default``): for a
wired loudspeaker network or a small FM transmitter fed from the line-out.

Two players, one behaviour. It is a continuous output, like a stream: silence between airings,
the same planner, priorities, preemption and as-run rules. The channel paces frames by its
timeline; the sound card drains them by its own clock, and a write waits while the player's
queue is full, so the channel can never run ahead of the card by more than a small buffer.

- ``pulse`` (Linux's default): one ffmpeg process per endpoint decodes the MP3 frames and plays
  them on a PulseAudio/PipeWire sink (``-f pulse``, a 50 ms device buffer).
- ``portaudio`` (Windows' and macOS' default, ``soundcard://DEVICE?backend=portaudio`` anywhere):
  ffmpeg decodes the frames to PCM on a pipe and Python plays it through PortAudio
  (``sounddevice``; broadcast/outputs/soundcard_portaudio.py). ffmpeg has no audio output on
  Windows, and PortAudio reaches WASAPI/MME/DirectSound, CoreAudio and ALSA alike.

Both start the same way: the pre-roll silence sent while the player starts would queue before
the device and delay everything after it by as much, so that much leading silence is dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import sys

from schedules.i18n import _

from .. import ffmpeg
from .base import Output, OutputError

BACKENDS = ("pulse", "portaudio")
BUFFER_MS = 50  # the player's device buffer: short, so an emergency cuts in at once
PLAYER_LEAD_S = 0.1  # the MP3 decoder and the device buffers (PulseAudio reports ~60 ms for a 50 ms buffer)
START_WAIT_S = 2.0  # a player that has not begun to play by then is taken as playing

# ffmpeg reads the channel's MP3 frames as they come (no probing, no input buffer)
MP3_INPUT = ["-hide_banner", "-nostdin", "-loglevel", "error", "-probesize", "32", "-analyzeduration", "0", "-fflags", "nobuffer", "-f", "mp3", "-i", "pipe:0"]


def default_backend(platform: str = sys.platform) -> str:
    """PulseAudio on Linux (a sink per name, as ``pactl list short sinks`` shows), PortAudio elsewhere."""
    return "pulse" if platform.startswith("linux") else "portaudio"


def soundcard_output(code: str, device: str, backend: str | None = None) -> Output:
    """The player of a ``soundcard://`` endpoint: ``backend`` as its URL asks, else this system's default."""
    if (backend or default_backend()) == "portaudio":
        from .soundcard_portaudio import PortAudioOutput

        return PortAudioOutput(code, device)
    return SoundcardOutput(code, device)


def player_command(device: str, code: str, platform: str = sys.platform) -> list[str]:
    """ffmpeg's arguments: MP3 on standard input, played on the PulseAudio sink ``device`` as it comes."""
    if not platform.startswith("linux"):
        raise OutputError(
            _(
                "{code}: PulseAudio plays on Linux only; on this system use soundcard://{device}?backend=portaudio (or no backend= at all).",
                code=code,
                device=device,
            ),
            retry=False,
            kind="soundcard",
        )
    dev = [] if device in ("", "default") else ["-device", device]
    return [*MP3_INPUT, "-f", "pulse", "-buffer_duration", str(BUFFER_MS), *dev, f"LoaXa {code}"]


async def sink_exists(device: str) -> bool:
    """Whether PulseAudio has an output named ``device`` (True when that cannot be asked)."""
    pactl = shutil.which("pactl")
    if pactl is None:
        return True
    try:
        proc = await asyncio.create_subprocess_exec(pactl, "list", "short", "sinks", stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL)
        out, _e = await asyncio.wait_for(proc.communicate(), 5.0)
    except (OSError, TimeoutError):
        return True
    if proc.returncode != 0:
        return True
    return device in [line.split("\t")[1] for line in out.decode("utf-8", "replace").splitlines() if "\t" in line]


async def _stream_exists(name: str) -> bool:
    """Whether the sound server plays a stream called ``name`` (True when it cannot be asked)."""
    pactl = shutil.which("pactl")
    if pactl is None:
        return True
    try:
        proc = await asyncio.create_subprocess_exec(pactl, "list", "sink-inputs", stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL)
        out, _e = await asyncio.wait_for(proc.communicate(), 2.0)
    except (OSError, TimeoutError):
        return True
    return f'media.name = "{name}"' in out.decode("utf-8", "replace")


class PlayerOutput(Output):
    """An ffmpeg process fed the channel's MP3 frames on its standard input; subclasses say how
    it is started and when it has begun to play."""

    continuous = True
    lead_s = PLAYER_LEAD_S

    def __init__(self, code: str, device: str) -> None:
        super().__init__(code)
        self.device = device or "default"
        self._proc: asyncio.subprocess.Process | None = None
        self._started = False  # the player has begun to play
        self._drop_s = 0.0  # leading frames to drop: what queued while the player was starting

    async def _spawn(self, args: list[str], *, stdout: int = asyncio.subprocess.DEVNULL) -> asyncio.subprocess.Process:
        try:
            self._proc = await asyncio.create_subprocess_exec(
                ffmpeg.find().path,
                *args,
                stdin=asyncio.subprocess.PIPE,
                stdout=stdout,
                stderr=asyncio.subprocess.PIPE,
            )
        except OSError as exc:
            raise OutputError(
                _("{code}: the sound output could not be opened: {error}", code=self.code, error=exc.strerror or type(exc).__name__),
                retry=False,
                kind="soundcard",
            ) from exc
        return self._proc

    async def _problem(self) -> str:
        proc = self._proc
        if proc is None or proc.stderr is None:
            return "?"
        with contextlib.suppress(Exception):
            data = await asyncio.wait_for(proc.stderr.read(2000), 1.0)
            return data.decode("utf-8", "replace").strip()[-300:] or "?"
        return "?"

    async def send(self, data: bytes | memoryview) -> None:
        proc = self._proc
        if proc is None or proc.stdin is None or proc.returncode is not None or not self.connected:
            raise OutputError(_("{code}: the sound output stopped", code=self.code), kind="lost")
        data = bytes(data)
        if self._drop_s > 0:
            data = self._drop_leading(data)
        try:
            await self._room_for(data)
            proc.stdin.write(data)
            await proc.stdin.drain()
            if not self._started:
                await self._wait_until_playing()
        except (BrokenPipeError, ConnectionResetError) as exc:
            raise OutputError(_("{code}: the sound output stopped: {error}", code=self.code, error=await self._problem()), kind="lost") from exc
        self.bytes_sent += len(data)

    async def _room_for(self, data: bytes) -> None:
        """Wait until the player can take ``data`` (the pipe's own limit is enough by default)."""

    async def _is_playing(self) -> bool:
        return True

    async def _wait_until_playing(self) -> None:
        """The first frames are written: wait until the player plays (ffmpeg starts in 0.1-0.3 s).
        The channel's timeline ran on meanwhile, so the pre-roll silence sent in that time would
        queue before the device and delay everything after it by as much: that much leading
        silence is dropped instead."""
        loop = asyncio.get_running_loop()
        t0 = loop.time()
        while loop.time() - t0 < START_WAIT_S and self._proc is not None and self._proc.returncode is None:
            if await self._is_playing():
                break
            await asyncio.sleep(0.02)
        self._started = True
        self._drop_s = min(1.0, loop.time() - t0)

    def _drop_leading(self, data: bytes) -> bytes:
        from ..mp3 import parse_header

        pos = 0
        while self._drop_s > 0 and pos + 4 <= len(data):
            h = parse_header(data, pos)
            if h is None:
                break
            self._drop_s -= h.samples / h.sample_rate
            pos += h.length
        return data[pos:]

    async def close(self) -> None:
        self._started = False
        self._drop_s = 0.0
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.stdin is not None:
            with contextlib.suppress(Exception):
                proc.stdin.close()
        try:
            await asyncio.wait_for(proc.wait(), 3.0)
        except TimeoutError:
            proc.kill()
            await proc.wait()

    @property
    def connected(self) -> bool:
        return self._proc is not None and self._proc.returncode is None


class SoundcardOutput(PlayerOutput):
    """The ``pulse`` player: ffmpeg plays on a PulseAudio/PipeWire sink itself."""

    async def open(self) -> None:
        await self.close()
        args = player_command(self.device, self.code)
        if self.device != "default" and not await sink_exists(self.device):
            # ffmpeg would only fail once it has buffered the first seconds: ask the server first
            raise OutputError(
                _("{code}: the sound output '{device}' does not exist on this PC (see: pactl list short sinks)", code=self.code, device=self.device),
                kind="soundcard",
            )
        await self._spawn(args)
        await asyncio.sleep(0.05)
        proc = self._proc
        if proc is not None and proc.returncode is not None:
            raise OutputError(
                _("{code}: the sound output '{device}' could not be opened: {error}", code=self.code, device=self.device, error=await self._problem()),
                kind="soundcard",
            )

    async def _is_playing(self) -> bool:
        """Its stream exists on the sound server."""
        return await _stream_exists(f"LoaXa {self.code}")
