"""Relay (tiếp sóng): pull an upstream stream for a window and forward it into an airing.

The upstream (``http(s)://`` or an ``icecast://`` mount, read as a listener) is read as MP3
frames. When it already has the endpoint's sample rate and channel count its frames are forwarded
as they are (no re-encoding); otherwise, or when it is not MP3, one ffmpeg process transcodes it
to the endpoint's format: the only encoding LoaXa does at air time. Frames wait in a short buffer;
the channel takes them at its own pace and fills any shortfall with silence (counted as a gap).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from urllib.parse import urlsplit

from schedules.endpoints import parse_url
from schedules.formats import DeliveryFormat

from . import ffmpeg
from .monitor import _open, listen_url
from .mp3 import first_header, take_frames

log = logging.getLogger("loaxa.relay")

MAX_BUFFER_S = 5.0


def upstream_http_url(url: str) -> str:
    scheme = urlsplit(url).scheme.lower()
    if scheme in ("icecast", "icecast+tls"):
        return listen_url(parse_url(url))
    return url


class RelaySource:
    """Frames of one upstream stream in ``fmt``, buffered for a channel to take."""

    def __init__(self, url: str, fmt: DeliveryFormat, frame_duration: float) -> None:
        self.url = upstream_http_url(url)
        self.cafile = parse_url(url).cafile if urlsplit(url).scheme.lower() == "icecast+tls" else None
        self.fmt = fmt
        self.frames: deque[bytes] = deque()
        self.max_frames = int(MAX_BUFFER_S / frame_duration)
        self.task: asyncio.Task[None] | None = None
        self.transcoding = False
        self.error: str | None = None
        self.received = 0
        self.missing = 0  # frames the channel asked for and did not get

    def start(self) -> None:
        if self.task is None:
            self.task = asyncio.get_running_loop().create_task(self._run(), name=f"relay:{self.url}")

    async def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self.task
            self.task = None

    def take(self, count: int) -> list[bytes]:
        out = [self.frames.popleft() for _ in range(min(count, len(self.frames)))]
        self.missing += count - len(out)
        return out

    def _push(self, frame: bytes) -> None:
        self.frames.append(frame)
        self.received += 1
        while len(self.frames) > self.max_frames:
            self.frames.popleft()  # keep the relay close to live

    async def _run(self) -> None:
        while True:
            try:
                await self._pull()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - reported, retried
                self.error = f"{type(exc).__name__}: {exc}"
                log.warning("relay %s: %s", self.url, self.error)
            await asyncio.sleep(1.0)

    async def _pull(self) -> None:
        reader, writer, status, headers = await _open(self.url, 5.0, cafile=self.cafile)
        try:
            if status != 200:
                raise ConnectionError(f"HTTP {status}")
            first = await asyncio.wait_for(reader.read(16384), 10.0)
            ctype = headers.get("content-type", "")
            h = first_header(first)
            direct = h is not None and ctype in ("", "audio/mpeg", "audio/mp3") and h.sample_rate == self.fmt.sample_rate and h.channels == self.fmt.channels
            if direct:
                self.transcoding = False
                await self._frames_from(reader, first)
                return
        finally:
            writer.close()
        self.transcoding = True
        await self._transcode()

    async def _frames_from(self, reader: asyncio.StreamReader, first: bytes) -> None:
        buf = bytearray(first)
        while True:
            for frame in take_frames(buf):
                self._push(frame)
            data = await asyncio.wait_for(reader.read(16384), 10.0)
            if not data:
                return
            buf.extend(data)

    async def _transcode(self) -> None:
        f = self.fmt
        proc = await asyncio.create_subprocess_exec(
            ffmpeg.find().path,
            "-hide_banner",
            "-nostdin",
            "-loglevel",
            "error",
            *(["-tls_verify", "1", "-ca_file", self.cafile] if self.cafile else []),
            "-i",
            self.url,
            "-vn",
            "-ac",
            str(f.channels),
            "-ar",
            str(f.sample_rate),
            "-c:a",
            "libmp3lame",
            "-b:a",
            f"{f.bitrate_kbps}k",
            "-write_xing",
            "0",
            "-id3v2_version",
            "0",
            "-f",
            "mp3",
            "-",
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
            stdin=asyncio.subprocess.DEVNULL,
        )
        assert proc.stdout is not None
        try:
            await self._frames_from(proc.stdout, b"")
        finally:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()
