"""A programme: the frames one airing sends, built from pre-rendered items (never re-encoded).

Items are looked up by (item, delivery format, loudness preset); an item that may not air (not
approved, outside its validity, rendition missing) is left out and the reason kept for the
as-run record. Frame indexes of renditions are cached and shared by every airing in the process,
so 500 endpoints airing one playlist hold its bytes once.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from schedules.formats import DeliveryFormat, parse_format
from schedules.i18n import _
from schedules.library import airable_problem
from schedules.media import MediaStore
from schedules.models import Item, Playlist, Rendition

from .mp3 import FrameIndex


@dataclass
class Segment:
    """A run of frames from one source: an item's rendition, or silence of a given length."""

    item_id: int | None
    title: str
    frames: FrameIndex | None  # None: a relay window, filled live (see relay)
    relay_url: str | None = None
    relay_frames: int = 0

    @property
    def count(self) -> int:
        return self.frames.frames if self.frames is not None else self.relay_frames


@dataclass
class Programme:
    format: DeliveryFormat
    frame_duration: float
    segments: list[Segment]
    skipped: list[str] = field(default_factory=list)  # reasons, for the as-run record
    starts: list[int] = field(default_factory=list)  # first frame number of each segment

    def __post_init__(self) -> None:
        n = 0
        self.starts = []
        for seg in self.segments:
            self.starts.append(n)
            n += seg.count
        self.total_frames = n
        self.has_relay = any(seg.relay_url for seg in self.segments)

    @property
    def duration(self) -> float:
        return self.total_frames * self.frame_duration

    @property
    def item_ids(self) -> list[int]:
        return [s.item_id for s in self.segments if s.item_id is not None]

    def locate(self, frame: int) -> tuple[int, int]:
        """(segment index, frame within it) of programme frame number ``frame``."""
        for i in range(len(self.segments) - 1, -1, -1):
            if frame >= self.starts[i]:
                return i, frame - self.starts[i]
        return 0, 0

    def chunks(self, first: int, last: int) -> list[memoryview | tuple[str, int, int]]:
        """Frames ``first``..``last`` (exclusive): buffers, or ("relay", segment, count) gaps."""
        out: list[memoryview | tuple[str, int, int]] = []
        k = first
        while k < last:
            si, off = self.locate(k)
            seg = self.segments[si]
            take = min(last - k, seg.count - off)
            if take <= 0:
                break
            if seg.frames is not None:
                out.append(seg.frames.slice(off, off + take))
            else:
                out.append(("relay", si, take))
            k += take
        return out


class FrameCache:
    """Frame indexes of rendition files, least recently used dropped beyond ``max_bytes``."""

    def __init__(self, max_bytes: int = 512 * 1024 * 1024) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[Path, FrameIndex] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, path: Path) -> FrameIndex:
        with self._lock:
            idx = self._items.get(path)
            if idx is not None:
                self._items.move_to_end(path)
                return idx
        idx = FrameIndex.build(path.read_bytes())
        with self._lock:
            if path not in self._items:
                self._items[path] = idx
                self._size += len(idx.data)
                while self._size > self.max_bytes and len(self._items) > 1:
                    _p, old = self._items.popitem(last=False)
                    self._size -= len(old.data)
        return idx


def build(
    session: Session,
    media: MediaStore,
    cache: FrameCache,
    *,
    fmt_name: str,
    preset_key: str,
    local_date: date,
    playlist_id: int | None = None,
    item_ids: list[int] | None = None,
    relay_format_ok: bool = True,
) -> Programme:
    """The programme of a playlist (or of single items) for one delivery format."""
    fmt = parse_format(fmt_name)
    entries: list[tuple[int | None, str | None, float | None]] = []
    if playlist_id is not None:
        pl = session.get(Playlist, playlist_id)
        if pl is not None:
            entries = [(e.item_id, e.relay_url, e.relay_duration_s) for e in pl.entries]
    else:
        entries = [(i, None, None) for i in item_ids or []]
    ids = [i for i, _u, _d in entries if i is not None]
    items = {it.id: it for it in session.scalars(select(Item).where(Item.id.in_(ids)))} if ids else {}
    rends: dict[int, Rendition] = {}
    if ids:
        q = select(Rendition).where(Rendition.item_id.in_(ids), Rendition.format == fmt.name)
        for rd in session.scalars(q):
            # the current preset when present; an older one keeps airing until it is re-rendered
            if rd.item_id not in rends or rd.preset_key == preset_key:
                rends[rd.item_id] = rd
    segments: list[Segment] = []
    skipped: list[str] = []
    frame_duration = (1152 if fmt.sample_rate >= 32000 else 576) / fmt.sample_rate
    for item_id, relay_url, relay_dur in entries:
        if item_id is None:
            if relay_url and relay_dur:
                segments.append(Segment(None, relay_url, None, relay_url, int(round(relay_dur / frame_duration))))
            continue
        it = items.get(item_id)
        if it is None:
            skipped.append(_("item {id} no longer exists", id=item_id))
            continue
        why = airable_problem(it, local_date)
        if why is not None:
            skipped.append(why[1])
            continue
        r = rends.get(item_id)
        path = media.path(r.path) if r is not None else None
        if r is not None and path is not None and not path.is_file():
            # the database has it (another PC imported it): this PC does not see that PC's files
            skipped.append(
                _(
                    "Item {id} '{title}': its {format} file is not in this PC's media folder {folder}. Every PC on one database must use the same shared media folder (--media-dir or LOAXA_MEDIA_DIR); loaxa check lists what is missing.",
                    id=item_id,
                    title=it.title,
                    format=fmt.name,
                    folder=str(media.root),
                )
            )
            continue
        if r is None or path is None:
            skipped.append(_("Item {id} '{title}' has no {format} rendition.", id=item_id, title=it.title, format=fmt.name))
            continue
        idx = cache.get(path)
        segments.append(Segment(item_id, it.title, idx))
    return Programme(fmt, frame_duration, segments, skipped)
