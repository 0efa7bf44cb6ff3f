"""MP3 at the frame level: find frames, drop the encoder's info frame, make silence frames.

An airing is the pre-rendered items' frames joined end to end, so no audio is re-encoded at air
time. All renditions of one delivery format share bitrate, rate and mode, so every frame lasts
the same time and the frame timeline is ``start + index * frame_duration``.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass

_BITRATES = {
    # (version_is_mpeg1) -> kbps by index, Layer III
    True: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0),
    False: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0),
}
_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


@dataclass(frozen=True, slots=True)
class FrameHeader:
    mpeg1: bool
    bitrate_kbps: int
    sample_rate: int
    channels: int
    padding: int
    crc: bool
    length: int
    samples: int

    @property
    def duration(self) -> float:
        return self.samples / self.sample_rate

    def compatible(self, other: FrameHeader) -> bool:
        return self.mpeg1 == other.mpeg1 and self.sample_rate == other.sample_rate and self.channels == other.channels


def parse_header(b: bytes | bytearray | memoryview, pos: int = 0) -> FrameHeader | None:
    """The Layer III frame header at ``pos``, or None when there is none."""
    if pos + 4 > len(b):
        return None
    h0, h1, h2, h3 = b[pos], b[pos + 1], b[pos + 2], b[pos + 3]
    if h0 != 0xFF or (h1 & 0xE0) != 0xE0:
        return None
    version = (h1 >> 3) & 3
    layer = (h1 >> 1) & 3
    if version == 1 or layer != 1:  # reserved version; only Layer III
        return None
    bri = (h2 >> 4) & 0xF
    sri = (h2 >> 2) & 3
    if bri in (0, 15) or sri == 3:
        return None
    mpeg1 = version == 3
    kbps = _BITRATES[mpeg1][bri]
    rate = _RATES[version][sri]
    padding = (h2 >> 1) & 1
    channels = 1 if (h3 >> 6) & 3 == 3 else 2
    crc = (h1 & 1) == 0
    samples = 1152 if mpeg1 else 576
    length = (144 if mpeg1 else 72) * kbps * 1000 // rate + padding
    return FrameHeader(mpeg1, kbps, rate, channels, padding, crc, length, samples)


def first_header(data: bytes | memoryview, search: int = 8192) -> FrameHeader | None:
    """The header of the first frame in the first ``search`` bytes that the next frame's header
    follows (one header alone may be a false sync in a tag or garbage), or None: what a stream or
    a capture is made of."""
    for pos in range(min(len(data) - 4, search)):
        h = parse_header(data, pos)
        if h is not None and pos + h.length + 4 <= len(data) and parse_header(data, pos + h.length) is not None:
            return h
    return None


def take_frames(buf: bytearray) -> list[bytes]:
    """The whole frames at the front of a stream's buffer, removed from it (bytes before a valid
    header are dropped; a frame not yet whole stays for the next read): a relay's or the live
    microphone's MP3 as it arrives."""
    frames: list[bytes] = []
    pos = 0
    while pos + 4 <= len(buf):
        h = parse_header(buf, pos)
        if h is None:
            pos += 1
            continue
        if pos + h.length > len(buf):
            break
        frames.append(bytes(buf[pos : pos + h.length]))
        pos += h.length
    del buf[:pos]
    return frames


def _is_info_frame(data: bytes | memoryview, pos: int, h: FrameHeader) -> bool:
    """The LAME/Xing 'Info'/'Xing' (or Fraunhofer 'VBRI') header frame: metadata, not audio."""
    side = (32 if h.channels == 2 else 17) if h.mpeg1 else (17 if h.channels == 2 else 9)
    off = pos + 4 + (2 if h.crc else 0) + side
    tag = bytes(data[off : off + 4])
    return tag in (b"Xing", b"Info") or bytes(data[pos + 36 : pos + 40]) == b"VBRI"


def _skip_id3v2(data: bytes | memoryview) -> int:
    if len(data) >= 10 and bytes(data[:3]) == b"ID3":
        size = (data[6] << 21) | (data[7] << 14) | (data[8] << 7) | data[9]
        footer = 10 if data[5] & 0x10 else 0
        return 10 + size + footer
    return 0


def iter_frames(data: bytes | memoryview) -> Iterator[tuple[int, FrameHeader]]:
    """(offset, header) of each audio frame; tags, junk and the info frame are skipped.

    A candidate frame counts only when the next frame header follows it (or it ends the data),
    which rejects false syncs inside tags and garbage.
    """
    pos = _skip_id3v2(data)
    n = len(data)
    first = True
    ref: FrameHeader | None = None
    while pos + 4 <= n:
        h = parse_header(data, pos)
        if h is None or (ref is not None and not h.compatible(ref)):
            pos += 1
            continue
        end = pos + h.length
        if end > n:
            break
        if end + 4 <= n:
            nxt = parse_header(data, end)
            # the last frame may be followed by a tag; anything else is a false sync
            if (nxt is None or not nxt.compatible(h)) and bytes(data[end : end + 3]) not in (b"TAG", b"APE", b"LYR", b"ID3"):
                pos += 1
                continue
        if first:
            first = False
            if _is_info_frame(data, pos, h):
                pos = end
                continue
        ref = ref or h
        yield pos, h
        pos = end


@dataclass
class FrameIndex:
    """The audio frames of one MP3 in memory: the bytes and where each frame starts."""

    data: bytes
    offsets: array[int]  # len = frames + 1; offsets[-1] is the end of the last frame
    header: FrameHeader | None

    @classmethod
    def build(cls, data: bytes) -> FrameIndex:
        offs = array("I")
        header: FrameHeader | None = None
        chunks: list[bytes] = []
        total = 0
        for pos, h in iter_frames(data):
            header = header or h
            chunks.append(data[pos : pos + h.length])
            offs.append(total)
            total += h.length
        offs.append(total)
        return cls(b"".join(chunks), offs, header)

    @property
    def frames(self) -> int:
        return len(self.offsets) - 1

    @property
    def frame_duration(self) -> float:
        return self.header.duration if self.header else 0.0

    @property
    def duration(self) -> float:
        return self.frames * self.frame_duration

    def slice(self, first: int, last: int) -> memoryview:
        """Frames ``first`` (inclusive) to ``last`` (exclusive) as one contiguous buffer."""
        return memoryview(self.data)[self.offsets[first] : self.offsets[last]]
