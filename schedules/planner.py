"""The planner: schedules -> occurrences per endpoint -> resolved timeline with problems.

A pure function of a :class:`PlanInput` (a snapshot of the database) and a UTC window. The CLI's
``plan``, the GUI's week view, the engine and the simulator all call :func:`plan` (or
:func:`iter_timelines`, which yields one endpoint at a time so a year of 500 endpoints never sits
in memory at once).

Resolution rules (also in docs/planner.md):
- Tiers: 1 emergency, 2 priority, 3 normal. When occurrences overlap on an endpoint the more urgent
  one airs; within a tier the later occurrence's collision policy decides: ``cut`` (it starts on
  time and preempts the running one), ``next`` (it starts when the running one ends), ``wait:N``
  (it waits up to N seconds, else it is skipped). A less urgent occurrence that meets a more urgent
  one waits as ``next`` (``wait:N`` keeps its limit).
- A preempted occurrence follows its own schedule's ``on_preempt``: ``resume`` (default: the rest
  airs after the interruption), ``restart`` (it airs again from the beginning) or ``drop``.
- Two occurrences of one tier at the same instant: the older schedule (smaller id) airs first and
  the other follows as ``next``, whatever its policy.
- Waiting occurrences start in order of tier, then planned start, then schedule age.
- Quiet hours (per area, inherited): a tier 2 or 3 occurrence that would start inside them without
  an override is skipped; one that runs into them is reported. Tier 1 airs through them.
- Holidays: ``no-broadcast`` cancels tiers 2-3, ``priority-only`` cancels tier 3, ``playlist:ID``
  airs that playlist instead; tier 1 airs through every holiday rule. A holiday is a note.
"""

from __future__ import annotations

import gc
import heapq
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .areas import AreaTree
from .holidays import HolidayCalendar, HolidayDay
from .i18n import N_, _
from .library import airable_problem
from .models import Endpoint, Item, Playlist, PlaylistEntry, Rendition, Schedule, ScheduleException
from .rules import Rule
from .timeutil import QuietHours, day_text, format_time, iso_local, parse_time, resolve_local, zone

INF = float("inf")


class Problem:
    """A problem the planner found: a kind for scripts and a message for people.

    Messages are translated only when read (a year of a district's plan has millions of
    occurrences and most messages are never shown): ``Problem.later(kind, N_("..."), **values)``.
    """

    __slots__ = ("kind", "_text", "_msgid", "_values")

    def __init__(self, kind: str, text: str | None = None, *, msgid: str | None = None, values: dict[str, Any] | None = None) -> None:
        self.kind = kind
        self._text = text
        self._msgid = msgid
        self._values = values

    @classmethod
    def later(cls, kind: str, msgid: str, **values: Any) -> Problem:
        return cls(kind, msgid=msgid, values=values)

    @property
    def message(self) -> str:
        if self._text is None:
            self._text = _(self._msgid or "", **(self._values or {}))
        return self._text

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "message": self.message}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Problem) and (self.kind, self.message) == (other.kind, other.message)

    def __hash__(self) -> int:
        return hash((self.kind, self.message))

    def __repr__(self) -> str:
        return f"Problem({self.kind!r}, {self.message!r})"


class QuietWindows:
    """One area's quiet hours as UTC intervals over a span of local days, for fast lookups."""

    def __init__(self, q: QuietHours, tz_name: str, first: date, last: date) -> None:
        tz = zone(tz_name)
        self.starts: list[float] = []
        self.ends: list[float] = []
        d = first - timedelta(days=1)
        while d <= last + timedelta(days=1):
            qs = resolve_local(d, q.start, tz).instant.timestamp()
            end_day = d if q.start < q.end else d + timedelta(days=1)
            qe = resolve_local(end_day, q.end, tz).instant.timestamp()
            self.starts.append(qs)
            self.ends.append(qe)
            d += timedelta(days=1)

    def contains(self, t: float) -> bool:
        i = bisect_right(self.starts, t) - 1
        return i >= 0 and t < self.ends[i]

    def overlaps(self, a: float, b: float) -> bool:
        i = bisect_right(self.ends, a)
        return i < len(self.starts) and self.starts[i] < b


# ---------------------------------------------------------------------------------------------
# The snapshot the planner works on


@dataclass(frozen=True, slots=True)
class ItemInfo:
    id: int
    title: str
    state: str
    valid_from: date | None
    valid_until: date | None
    priority: int
    field: int
    duration_s: float
    has_media: bool
    formats: frozenset[str]
    language: str = "vi"
    bulletin: str | None = None  # versions of one bulletin in other languages share it


@dataclass(frozen=True, slots=True)
class EntryInfo:
    item_id: int | None
    relay_url: str | None
    duration_s: float


@dataclass(frozen=True, slots=True)
class PlaylistInfo:
    id: int
    name: str
    entries: tuple[EntryInfo, ...]
    duration_s: float
    tier: int


@dataclass(frozen=True, slots=True)
class EndpointInfo:
    code: str
    name: str
    area: str
    enabled: bool
    format: str
    tz: str
    quiet: QuietHours | None


@dataclass(frozen=True, slots=True)
class ScheduleInfo:
    id: int
    name: str | None
    rule: Rule
    playlist_id: int
    targets: tuple[str, ...]
    priority: int | None
    collision: str
    wait_s: float
    on_preempt: str
    repeat: int
    repeat_gap_s: float
    quiet_override: str | None
    enabled: bool
    exceptions: dict[date, tuple[str, tuple[time, ...]]]
    slot_s: float | None = None  # the slot's length, for over/under-fill


@dataclass
class PlanInput:
    """Everything the planner reads, loaded once (see :func:`load_input`)."""

    schedules: list[ScheduleInfo]
    playlists: dict[int, PlaylistInfo]
    items: dict[int, ItemInfo]
    endpoints: dict[str, EndpointInfo]
    area_endpoints: dict[str, tuple[str, ...]]  # area code -> every endpoint beneath it
    holidays: HolidayCalendar
    check_renditions: bool = True
    area_languages: dict[str, frozenset[str]] = field(default_factory=dict)  # area -> languages required there

    def slot_fill(self, schedule_id: int | None) -> tuple[float, float] | None:
        """(slot length, over- or under-fill) of a schedule with a slot, in seconds."""
        slots: dict[int, tuple[float, float]] | None = self.__dict__.get("_slots")
        if slots is None or self.__dict__.get("_slots_n") != len(self.schedules):
            slots = {}
            for sc in self.schedules:
                if sc.slot_s:
                    pl = self.playlists.get(sc.playlist_id)
                    length = (pl.duration_s if pl else 0.0) * sc.repeat + sc.repeat_gap_s * max(sc.repeat - 1, 0)
                    slots[sc.id] = (sc.slot_s, length - sc.slot_s)
            self.__dict__["_slots"], self.__dict__["_slots_n"] = slots, len(self.schedules)
        return slots.get(schedule_id) if schedule_id is not None else None

    def schedule_names(self) -> dict[int, str]:
        """What people call each schedule: its name, else its playlist's name."""
        cached: dict[int, str] | None = self.__dict__.get("_schedule_names")
        if cached is not None and len(cached) == len(self.schedules):
            return cached
        out: dict[int, str] = {}
        for sc in self.schedules:
            pl = self.playlists.get(sc.playlist_id)
            out[sc.id] = sc.name or (pl.name if pl else "") or f"#{sc.id}"
        self.__dict__["_schedule_names"] = out
        return out

    def resolve_targets(self, codes: Iterable[str]) -> tuple[list[str], list[str]]:
        """Endpoint codes meant by ``codes`` (areas expand), and the codes that name nothing."""
        eps: list[str] = []
        unknown: list[str] = []
        for c in codes:
            if c in self.endpoints:
                eps.append(c)
            elif c in self.area_endpoints:
                eps.extend(self.area_endpoints[c])
            else:
                unknown.append(c)
        return sorted(set(eps)), unknown


def parse_collision(text: str) -> tuple[str, float]:
    if text.startswith("wait:"):
        return "wait", float(text.split(":", 1)[1])
    return text, 0.0


def load_input(session: Session, *, preset_key: str | None = None) -> PlanInput:
    """Read the planner's snapshot from the database (a handful of queries)."""
    tree = AreaTree.load(session)
    endpoints: dict[str, EndpointInfo] = {}
    for ep in session.scalars(select(Endpoint)):
        endpoints[ep.code] = EndpointInfo(ep.code, ep.name, ep.area_code, ep.enabled, ep.format, tree.tz_name(ep.area_code), tree.quiet_hours(ep.area_code))
    area_endpoints: dict[str, list[str]] = {code: [] for code in tree.areas}
    by_area: dict[str, list[str]] = {}
    for ep_info in endpoints.values():
        by_area.setdefault(ep_info.area, []).append(ep_info.code)
    for code in tree.areas:
        for sub in tree.descendants(code):
            area_endpoints[code].extend(by_area.get(sub, []))

    formats: dict[int, set[str]] = {}
    rq = select(Rendition.item_id, Rendition.format)
    if preset_key is not None:
        rq = rq.where(Rendition.preset_key == preset_key)
    for item_id, fmt in session.execute(rq):
        formats.setdefault(item_id, set()).add(fmt)
    items: dict[int, ItemInfo] = {}
    for it in session.scalars(select(Item)):
        items[it.id] = ItemInfo(
            it.id,
            it.title,
            it.state,
            it.valid_from,
            it.valid_until,
            it.priority,
            it.field,
            it.duration_s,
            it.media_sha256 is not None,
            frozenset(formats.get(it.id, ())),
            it.language or "vi",
            it.bulletin_key,
        )

    entries: dict[int, list[EntryInfo]] = {}
    for e in session.scalars(select(PlaylistEntry).order_by(PlaylistEntry.playlist_id, PlaylistEntry.position)):
        dur = items[e.item_id].duration_s if e.item_id is not None and e.item_id in items else (e.relay_duration_s or 0.0)
        entries.setdefault(e.playlist_id, []).append(EntryInfo(e.item_id, e.relay_url, dur))
    playlists: dict[int, PlaylistInfo] = {}
    for pl in session.scalars(select(Playlist)):
        ents = tuple(entries.get(pl.id, ()))
        tiers = [items[e.item_id].priority for e in ents if e.item_id is not None and e.item_id in items]
        playlists[pl.id] = PlaylistInfo(pl.id, pl.name, ents, sum(e.duration_s for e in ents), min(tiers) if tiers else 3)

    exceptions: dict[int, dict[date, tuple[str, tuple[time, ...]]]] = {}
    for ex in session.scalars(select(ScheduleException)):
        times = tuple(parse_time(t) for t in (ex.to_time or "").split(",") if t) if ex.action == "move" else ()
        exceptions.setdefault(ex.schedule_id, {})[ex.on_date] = (ex.action, times)
    schedules: list[ScheduleInfo] = []
    for s in session.scalars(select(Schedule).order_by(Schedule.id)):
        schedules.append(schedule_info(s, [t.code for t in s.targets], exceptions.get(s.id, {})))
    langs = {code: tree.languages(code) for code in tree.areas}
    return PlanInput(
        schedules,
        playlists,
        items,
        endpoints,
        {k: tuple(sorted(v)) for k, v in area_endpoints.items()},
        HolidayCalendar.load(session),
        area_languages={k: v for k, v in langs.items() if v},
    )


def schedule_info(s: Schedule, targets: list[str], exceptions: dict[date, tuple[str, tuple[time, ...]]]) -> ScheduleInfo:
    """The planner's view of a schedule row."""
    from .rules import parse_days, parse_lunar

    times = tuple(parse_time(t) for t in s.times)
    if s.mode == "once":
        rule = Rule("once", times, once_date=s.once_date, start_date=s.start_date, end_date=s.end_date)
    elif s.mode == "monthly":
        _m, _w, mday, nth = parse_days(f"monthly:{s.monthly}")
        rule = Rule("monthly", times, frozenset(), mday, nth, None, s.start_date, s.end_date)
    elif s.mode == "lunar":
        rule = Rule("lunar", times, start_date=s.start_date, end_date=s.end_date, lunar_days=parse_lunar(s.monthly or ""))
    elif s.mode == "weekly":
        _m, wds, _d, _n = parse_days(s.weekdays)
        rule = Rule("weekly", times, wds, None, None, None, s.start_date, s.end_date)
    else:
        rule = Rule("daily", times, start_date=s.start_date, end_date=s.end_date)
    policy, wait_s = parse_collision(s.collision)
    return ScheduleInfo(
        s.id,
        s.name,
        rule,
        s.playlist_id,
        tuple(targets),
        s.priority,
        policy,
        wait_s,
        s.on_preempt,
        s.repeat,
        s.repeat_gap_s,
        s.quiet_override,
        s.enabled,
        exceptions,
        s.slot_s,
    )


# ---------------------------------------------------------------------------------------------
# Occurrences


@dataclass(slots=True)
class Occurrence:
    """One airing of a programme on one endpoint (times are UTC epoch seconds)."""

    schedule_id: int | None
    endpoint: str
    planned_start: float
    start: float
    end: float
    offset: float  # seconds into the programme where this segment begins
    length: float  # the whole programme's length
    playlist_id: int
    tier: int
    local_date: date
    repeat: int
    policy: str = "next"
    wait_s: float = 0.0
    on_preempt: str = "resume"
    status: str = "ok"  # ok | skipped | cancelled
    resolution: str | None = None
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    segment: int = 0

    def copy_for(self, endpoint: str) -> Occurrence:
        """The same occurrence on another endpoint (lists copied, problems shared)."""
        return Occurrence(
            self.schedule_id,
            endpoint,
            self.planned_start,
            self.start,
            self.end,
            self.offset,
            self.length,
            self.playlist_id,
            self.tier,
            self.local_date,
            self.repeat,
            self.policy,
            self.wait_s,
            self.on_preempt,
            self.status,
            self.resolution,
            list(self.problems),
            list(self.notes),
            self.segment,
        )

    @property
    def key(self) -> str:
        """Stable id of this occurrence across replans (the engine's job id)."""
        base = f"s{self.schedule_id}:{self.endpoint}:{int(self.planned_start)}:{self.repeat}"
        return f"{base}:p{self.segment}" if self.segment else base

    @property
    def start_dt(self) -> datetime:
        return datetime.fromtimestamp(self.start, UTC)

    @property
    def end_dt(self) -> datetime:
        return datetime.fromtimestamp(self.end, UTC)

    @property
    def planned_dt(self) -> datetime:
        return datetime.fromtimestamp(self.planned_start, UTC)

    @property
    def airs(self) -> bool:
        return self.status == "ok"

    def as_dict(self, inp: PlanInput) -> dict[str, Any]:
        tz = zone(inp.endpoints[self.endpoint].tz) if self.endpoint in inp.endpoints else UTC
        pl = inp.playlists.get(self.playlist_id)
        return {
            "key": self.key,
            "schedule_id": self.schedule_id,
            "endpoint": self.endpoint,
            "start": iso_local(self.start_dt, tz),
            "end": iso_local(self.end_dt, tz),
            "planned_start": iso_local(self.planned_dt, tz),
            "items": [e.item_id for e in pl.entries if e.item_id is not None] if pl else [],
            "playlist_id": self.playlist_id,
            "playlist_name": pl.name if pl else None,
            "schedule_name": inp.schedule_names().get(self.schedule_id) if self.schedule_id is not None else None,
            "priority": self.tier,
            "status": self.status,
            "resolution": self.resolution,
            "offset_s": round(self.offset, 3),
            "repeat": self.repeat,
            "problems": [p.as_dict() for p in self.problems],
            "notes": list(self.notes),
            **_slot_fields(inp.slot_fill(self.schedule_id)),
        }


def _slot_fields(slot: tuple[float, float] | None) -> dict[str, Any]:
    if slot is None:
        return {"slot_s": None, "fill_s": None}
    return {"slot_s": slot[0], "fill_s": round(slot[1], 3)}


def occurrence_key(schedule_id: int, endpoint: str, planned_start: float, repeat: int) -> str:
    return f"s{schedule_id}:{endpoint}:{int(planned_start)}:{repeat}"


@dataclass
class Plan:
    start: datetime
    end: datetime
    occurrences: list[Occurrence]
    holidays: list[HolidayDay]
    problems: list[dict[str, Any]]

    def for_endpoint(self, code: str) -> list[Occurrence]:
        return [o for o in self.occurrences if o.endpoint == code]


# ---------------------------------------------------------------------------------------------
# Expansion


@dataclass(slots=True)
class _Start:
    """One start of a schedule in one zone, shared by every endpoint in that zone."""

    planned: float
    local_date: date
    repeat: int
    note: str | None
    playlist_id: int
    tier: int
    cancelled_by: HolidayDay | None
    holiday_note: str | None


class _Expander:
    def __init__(self, inp: PlanInput, start: float, end: float) -> None:
        self.inp = inp
        self.start = start
        self.end = end
        self._starts: dict[tuple[int, str], list[_Start]] = {}
        self._item_problems: dict[tuple[int, date], tuple[list[Problem], bool]] = {}
        self._format_problems: dict[tuple[int, str], list[Problem]] = {}
        self._quiet: dict[tuple[str, str], QuietWindows] = {}
        self.protos: dict[tuple[int, str, str, str, bool], list[_Proto]] = {}
        self._local: dict[tuple[date, time, str], tuple[float, str | None]] = {}
        self._holiday: dict[date, tuple[list[HolidayDay], tuple[str, int | None, HolidayDay] | None]] = {}
        self._notes: dict[date, str] = {}
        max_len = max((p.duration_s for p in inp.playlists.values()), default=0.0)
        max_rep = max(((s.repeat - 1) * (max_len + s.repeat_gap_s) for s in inp.schedules), default=0.0)
        self.lookback = max_len + max_rep + 86400.0  # occurrences that began before the window

    def quiet(self, ep: EndpointInfo) -> QuietWindows | None:
        """The endpoint's quiet hours over the planned span (shared by endpoints alike)."""
        if ep.quiet is None:
            return None
        key = (ep.tz, str(ep.quiet))
        qw = self._quiet.get(key)
        if qw is None:
            tz = zone(ep.tz)
            first = datetime.fromtimestamp(self.start - self.lookback, tz).date()
            last = datetime.fromtimestamp(self.end + 86400, tz).date()
            qw = self._quiet[key] = QuietWindows(ep.quiet, ep.tz, first, last)
        return qw

    def forget_starts(self, s: ScheduleInfo, tz_name: str) -> None:
        self._starts.pop((s.id, tz_name), None)

    def forget_schedule(self, sid: int) -> None:
        """No endpoint left to plan uses this schedule: drop what was kept for it."""
        for key in [k for k in self.protos if k[0] == sid]:
            del self.protos[key]

    def local(self, d: date, t: time, tz_name: str) -> tuple[float, str | None]:
        """The UTC instant (epoch seconds) of a wall time, shared by every schedule (cached)."""
        key = (d, t, tz_name)
        hit = self._local.get(key)
        if hit is None:
            res = resolve_local(d, t, zone(tz_name))
            hit = self._local[key] = (res.instant.timestamp(), res.note)
        return hit

    def holiday(self, d: date) -> tuple[list[HolidayDay], tuple[str, int | None, HolidayDay] | None]:
        hit = self._holiday.get(d)
        if hit is None:
            hdays = self.inp.holidays.on(d)
            hit = self._holiday[d] = (hdays, self.inp.holidays.rule_on(d) if hdays else None)
        return hit

    def _holiday_note(self, d: date, hdays: list[HolidayDay]) -> str:
        note = self._notes.get(d)
        if note is None:
            note = self._notes[d] = _("Holiday: {holiday}.", holiday=", ".join(h.name for h in hdays))
        return note

    def tier_of(self, s: ScheduleInfo, playlist_id: int) -> int:
        if s.priority is not None:
            return s.priority
        pl = self.inp.playlists.get(playlist_id)
        return pl.tier if pl else 3

    def starts(self, s: ScheduleInfo, tz_name: str) -> list[_Start]:
        """Every start of ``s`` in zone ``tz_name`` that may touch the window (cached)."""
        key = (s.id, tz_name)
        cached = self._starts.get(key)
        if cached is not None:
            return cached
        tz = zone(tz_name)
        first = datetime.fromtimestamp(self.start - self.lookback, tz).date()
        last = datetime.fromtimestamp(self.end, tz).date()
        out: list[_Start] = []
        days = set(s.rule.dates(first, last))
        days.update(d for d, (action, _t) in s.exceptions.items() if action == "move" and first <= d <= last)
        holiday_note = self._holiday_note
        for d in sorted(days):
            times = s.rule.times
            ex = s.exceptions.get(d)
            if ex is not None:
                if ex[0] == "skip":
                    continue
                times = ex[1]
            playlist_id = s.playlist_id
            cancelled: HolidayDay | None = None
            hnote: str | None = None
            hdays, rule = self.holiday(d)
            tier = self.tier_of(s, playlist_id)
            if rule is not None:
                kind, rule_pl, hday = rule
                if kind == "playlist" and rule_pl is not None and rule_pl in self.inp.playlists:
                    playlist_id = rule_pl
                    hnote = _("{holiday}: the holiday playlist airs instead.", holiday=hday.name)
                elif (kind == "no-broadcast" and tier >= 2) or (kind == "priority-only" and tier >= 3):
                    cancelled = hday
                elif tier == 1:
                    hnote = _("{holiday}: an emergency airs through the holiday rule.", holiday=hday.name)
            if hdays and hnote is None and cancelled is None:
                hnote = holiday_note(d, hdays)
            pl = self.inp.playlists.get(playlist_id)
            length = pl.duration_s if pl else 0.0
            for t in times:
                base, note = self.local(d, t, tz_name)
                for k in range(s.repeat):
                    planned = base + k * (length + s.repeat_gap_s)
                    out.append(_Start(planned, d, k, note, playlist_id, tier, cancelled, hnote))
        self._starts[key] = out
        return out

    def item_problems(self, playlist_id: int, d: date) -> tuple[list[Problem], bool]:
        """Problems of a playlist's items on local date ``d``, and whether anything can air."""
        key = (playlist_id, d)
        cached = self._item_problems.get(key)
        if cached is not None:
            return cached
        pl = self.inp.playlists.get(playlist_id)
        problems: list[Problem] = []
        airable = False
        if pl is None or not pl.entries:
            problems.append(Problem("empty_playlist", _("Playlist {id} is empty: nothing to air.", id=playlist_id)))
        else:
            for e in pl.entries:
                if e.item_id is None:
                    airable = True
                    continue
                it = self.inp.items.get(e.item_id)
                if it is None:
                    continue
                found = all_item_problems(it, d)
                problems.extend(found)
                if not found:
                    airable = True
        result = (problems, airable)
        self._item_problems[key] = result
        return result

    def format_problems(self, playlist_id: int, fmt: str) -> list[Problem]:
        key = (playlist_id, fmt)
        cached = self._format_problems.get(key)
        if cached is not None:
            return cached
        out: list[Problem] = []
        pl = self.inp.playlists.get(playlist_id)
        if pl is not None and self.inp.check_renditions:
            for e in pl.entries:
                it = self.inp.items.get(e.item_id) if e.item_id is not None else None
                if it is not None and it.has_media and fmt not in it.formats:
                    out.append(
                        Problem(
                            "missing_rendition",
                            _(
                                "Item {id} '{title}' has no {format} rendition yet (run: loaxa clips render --format {format}).",
                                id=it.id,
                                title=it.title,
                                format=fmt,
                            ),
                        )
                    )
        self._format_problems[key] = out
        return out


def all_item_problems(it: ItemInfo, d: date) -> list[Problem]:
    """Every reason item ``it`` will be left out of a programme on local date ``d`` (not only the
    first): a draft says so in words, then validity, then the audio file."""
    out: list[Problem] = []
    if it.state == "draft":
        out.append(Problem("unapproved", _("Item {id} '{title}' is a draft: it will be left out of the programme until approved.", id=it.id, title=it.title)))
    elif it.state != "approved":
        why = airable_problem(it, d)  # type: ignore[arg-type]
        if why is not None:
            out.append(Problem(*why))
    if it.valid_from and d < it.valid_from:
        out.append(Problem("not_yet_valid", _("Item {id} '{title}' is valid only from {date}.", id=it.id, title=it.title, date=day_text(it.valid_from))))
    if it.valid_until and d > it.valid_until:
        out.append(Problem("expired", _("Item {id} '{title}' expired on {date}.", id=it.id, title=it.title, date=day_text(it.valid_until))))
    if not it.has_media:
        out.append(Problem("missing_media", _("Item {id} '{title}' has no audio file.", id=it.id, title=it.title)))
    return out


_Proto = tuple[float, float, float, int, int, date, int, str, "str | None", tuple[Problem, ...], tuple[str, ...]]


def _prototypes(x: _Expander, s: ScheduleInfo, ep: EndpointInfo) -> list[_Proto]:
    """What a schedule gives any endpoint with this zone, quiet hours, format and state: the
    occurrences before collisions, shared by every such endpoint (a commune's clusters)."""
    qw = x.quiet(ep)
    wstart, wend = x.start, x.end
    out: list[_Proto] = []
    for st in x.starts(s, ep.tz):
        pl = x.inp.playlists.get(st.playlist_id)
        length = pl.duration_s if pl else 0.0
        end = st.planned + length
        # keep starts that may touch the window (delays are applied later)
        if st.planned >= wend or end + 6 * 3600 < wstart:
            continue
        status, resolution = "ok", None
        notes: list[str] = [st.holiday_note] if st.holiday_note else []
        problems: list[Problem] = []
        if st.cancelled_by is not None:
            notes.append(_("{holiday}: not aired by the holiday rule.", holiday=st.cancelled_by.name))
            out.append((st.planned, end, length, st.playlist_id, st.tier, st.local_date, st.repeat, "cancelled", "holiday", (), tuple(notes)))
            continue
        if st.note == "nonexistent":
            problems.append(
                Problem.later(
                    "nonexistent_time",
                    N_("{date}: this local time does not exist (clock change); it airs at {time} instead."),
                    date=st.local_date,
                    time=_LocalTime(st.planned, ep.tz),
                )
            )
        elif st.note == "ambiguous":
            problems.append(
                Problem.later("ambiguous_time", N_("{date}: this local time happens twice (clock change); it airs at the first."), date=st.local_date)
            )
        item_probs, airable = x.item_problems(st.playlist_id, st.local_date)
        problems.extend(item_probs)
        problems.extend(x.format_problems(st.playlist_id, ep.format))
        if not airable:
            status, resolution = "skipped", "nothing_to_air"
        if not ep.enabled:
            problems.append(Problem.later("endpoint_disabled", N_("The endpoint is disabled.")))
            status, resolution = "skipped", "endpoint_disabled"
        if qw is not None and status == "ok" and qw.contains(st.planned):
            if st.tier >= 2 and not s.quiet_override:
                problems.append(Problem.later("quiet_hours", N_("Starts inside the quiet hours {hours}: not aired."), hours=str(ep.quiet)))
                status, resolution = "skipped", "quiet_hours"
            elif st.tier == 1:
                notes.append(_("Emergency: airs through the quiet hours."))
            else:
                notes.append(_("Airs in quiet hours by override: {reason}", reason=s.quiet_override))
        out.append((st.planned, end, length, st.playlist_id, st.tier, st.local_date, st.repeat, status, resolution, tuple(problems), tuple(notes)))
    return out


def _endpoint_occurrences(x: _Expander, ep: EndpointInfo, schedules: list[ScheduleInfo]) -> list[Occurrence]:
    out: list[Occurrence] = []
    code = ep.code
    for s in schedules:
        if not s.enabled:
            continue
        key = (s.id, ep.tz, str(ep.quiet), ep.format, ep.enabled)
        protos = x.protos.get(key)
        if protos is None:
            protos = x.protos[key] = _prototypes(x, s, ep)
            x.forget_starts(s, ep.tz)  # the prototypes hold all of it; keep memory for a year flat
        sid, policy, wait_s, on_preempt = s.id, s.collision, s.wait_s, s.on_preempt
        for planned, end, length, plid, tier, ld, rep, status, resolution, problems, notes in protos:
            out.append(
                Occurrence(
                    sid,
                    code,
                    planned,
                    planned,
                    end,
                    0.0,
                    length,
                    plid,
                    tier,
                    ld,
                    rep,
                    policy,
                    wait_s,
                    on_preempt,
                    status,
                    resolution,
                    list(problems),
                    list(notes),
                )
            )
    return out


# ---------------------------------------------------------------------------------------------
# Collision resolution on one endpoint


def _wait_order(o: Occurrence) -> tuple[int, float, int, int]:
    return (o.tier, o.planned_start, o.schedule_id or 0, o.segment)


def resolve(occurrences: list[Occurrence], inp: PlanInput | None = None) -> list[Occurrence]:
    """Turn one endpoint's occurrences into the timeline that will air (see module docstring).

    Returns every occurrence, including added resumed/restarted segments, sorted by start;
    changed ones carry a ``resolution`` and an ``overlap`` problem saying what happened and why.
    """
    active = [o for o in occurrences if o.status == "ok"]
    active.sort(key=_arrival_order)
    passive = [o for o in occurrences if o.status != "ok"]
    done: list[Occurrence] = []
    waiting: list[tuple[tuple[int, float, int, int], int, Occurrence]] = []
    seq = 0
    current: Occurrence | None = None
    i, n = 0, len(active)

    def begin(o: Occurrence, at: float) -> Occurrence | None:
        """Start ``o`` at ``at`` unless its wait limit forbids; returns it when started."""
        delay = at - o.planned_start
        if o.segment == 0 and o.policy == "wait" and delay > o.wait_s + 1e-6:
            o.status = "skipped"
            o.resolution = "wait_exceeded"
            o.problems.append(
                Problem.later(
                    "overlap",
                    N_("Overlaps another airing; waited the allowed {limit} s but it would start {delay} s late: skipped."),
                    limit=_fmt_s(o.wait_s),
                    delay=_fmt_s(delay),
                )
            )
            done.append(o)
            return None
        remaining = o.end - o.start
        o.start = at
        o.end = at + remaining
        return o

    def pick_waiting(at: float) -> Occurrence | None:
        while waiting:
            _k, _s, o = heapq.heappop(waiting)
            started = begin(o, at)
            if started is not None:
                return started
        return None

    last_end = active[0].start if active else 0.0
    while i < n or current is not None or waiting:
        arrival = active[i].start if i < n else INF
        if current is not None and current.end <= arrival + 1e-9:
            done.append(current)
            last_end = current.end
            current = pick_waiting(last_end) if waiting else None
            continue
        if current is None:
            if waiting:
                current = pick_waiting(last_end)
                continue
            current = active[i]  # nothing on air: it starts on time
            i += 1
            continue
        new = active[i]
        i += 1
        same_instant = abs(new.start - current.start) < 1e-6 and current.segment == 0
        urgent = new.tier < current.tier
        cut = new.tier == current.tier and new.policy == "cut" and not same_instant
        if urgent or cut:
            at = new.start
            cut_len = at - current.start
            rest = current.end - at
            current.end = at
            why = _WHY[1] if new.tier == 1 else (_WHY[2] if new.tier < current.tier else _WHY[3])
            if cut_len <= 1e-6:
                # preempted before it began: it simply waits (no empty segment)
                current.end = at + rest
                heapq.heappush(waiting, (_wait_order(current), seq, current))
                seq += 1
            else:
                current.resolution = "preempted"
                current.problems.append(
                    Problem.later(
                        "overlap",
                        N_("Interrupted by {what} from schedule {sid} after {played} s; {then}."),
                        what=why,
                        sid=new.schedule_id,
                        played=_Secs(cut_len),
                        then=_PREEMPT_TEXT[current.on_preempt],
                    )
                )
                done.append(current)
                follow: Occurrence | None = None
                if current.on_preempt == "resume":
                    follow = _segment(current, current.offset + cut_len, rest, "resumed")
                elif current.on_preempt == "restart":
                    follow = _segment(current, 0.0, current.length, "restarted")
                if follow is not None:
                    heapq.heappush(waiting, (_wait_order(follow), seq, follow))
                    seq += 1
            current = begin(new, at)
            continue
        heapq.heappush(waiting, (_wait_order(new), seq, new))
        seq += 1
    for o in done:
        late = o.start - o.planned_start
        if late > 1e-3 and o.segment == 0 and o.status == "ok":
            o.resolution = o.resolution or "delayed"
            o.problems.append(Problem.later("overlap", N_("Overlaps another airing: starts {delay} s late, when it ends."), delay=_Secs(late)))
    result = done + passive
    result.sort(key=_timeline_order)
    return result


def _arrival_order(o: Occurrence) -> tuple[float, int, int]:
    return (o.start, o.tier, o.schedule_id or 0)


def _timeline_order(o: Occurrence) -> tuple[float, int, int, int]:
    return (o.start, o.tier, o.schedule_id or 0, o.segment)


def _segment(o: Occurrence, offset: float, length: float, resolution: str) -> Occurrence:
    seg = Occurrence(
        o.schedule_id,
        o.endpoint,
        o.planned_start,
        o.end,
        o.end + length,
        offset,
        o.length,
        o.playlist_id,
        o.tier,
        o.local_date,
        o.repeat,
        "next",
        0.0,
        o.on_preempt,
    )
    seg.segment = o.segment + 1
    seg.resolution = resolution
    seg.notes.append(format(_SEGMENT_NOTE[resolution]))
    return seg


class _Tr:
    """A message id translated only when the message around it is formatted."""

    __slots__ = ("msgid",)

    def __init__(self, msgid: str) -> None:
        self.msgid = msgid

    def __format__(self, spec: str) -> str:
        return _(self.msgid)


_PREEMPT_TEXT = {
    "resume": _Tr(N_("the rest airs afterwards")),
    "restart": _Tr(N_("it airs again from the beginning afterwards")),
    "drop": _Tr(N_("the rest is dropped")),
}
_WHY = {1: _Tr(N_("an emergency")), 2: _Tr(N_("a priority airing")), 3: _Tr(N_("a cutting airing"))}
_SEGMENT_NOTE = {"resumed": _Tr(N_("Continues an airing that was interrupted.")), "restarted": _Tr(N_("Airs again from the beginning after an interruption."))}


class _LocalTime:
    """A UTC instant shown as local wall time when the message is finally formatted."""

    __slots__ = ("t", "tz")

    def __init__(self, t: float, tz: str) -> None:
        self.t, self.tz = t, tz

    def __format__(self, spec: str) -> str:
        return datetime.fromtimestamp(self.t, zone(self.tz)).strftime("%H:%M:%S")


class _Secs:
    """Seconds, formatted when the message is (whole seconds unless a fraction matters)."""

    __slots__ = ("x",)

    def __init__(self, x: float) -> None:
        self.x = x

    def __format__(self, spec: str) -> str:
        return _fmt_s(self.x)


def _fmt_s(x: float) -> str:
    return f"{x:.0f}" if abs(x - round(x)) < 0.05 else f"{x:.1f}"


def _post_checks(timeline: list[Occurrence], ep: EndpointInfo, overrides: dict[int, str | None], qw: QuietWindows | None) -> None:
    """Problems visible only on the resolved timeline: overruns into quiet hours or the next airing."""
    if qw is None:
        return
    for o in timeline:
        if o.airs and o.tier >= 2 and not overrides.get(o.schedule_id or 0):
            if o.start != o.planned_start and o.segment == 0 and qw.contains(o.start):
                o.problems.append(Problem("quiet_hours", _("Delayed into the quiet hours {hours}: not aired.", hours=str(ep.quiet))))
                o.status = "skipped"
                o.resolution = "quiet_hours"
            elif qw.overlaps(o.start, o.end):
                o.problems.append(
                    Problem.later(
                        "overrun_quiet_hours", N_("Runs into the quiet hours {hours} (ends {end})."), hours=str(ep.quiet), end=_LocalTime(o.end, ep.tz)
                    )
                )


# ---------------------------------------------------------------------------------------------
# Entry points


def _schedules_by_endpoint(inp: PlanInput, only: set[str] | None) -> tuple[dict[str, list[ScheduleInfo]], list[dict[str, Any]]]:
    by_ep: dict[str, list[ScheduleInfo]] = {}
    problems: list[dict[str, Any]] = []
    for s in inp.schedules:
        eps, unknown = inp.resolve_targets(s.targets)
        for u in unknown:
            if s.enabled:
                problems.append(
                    {"kind": "unknown_target", "message": _("Schedule {sid}: target '{code}' does not exist.", sid=s.id, code=u), "schedule_id": s.id}
                )
        for e in eps:
            if only is None or e in only:
                by_ep.setdefault(e, []).append(s)
    return by_ep, problems


def language_problems(inp: PlanInput, by_ep: dict[str, list[ScheduleInfo]]) -> list[dict[str, Any]]:
    """A bulletin scheduled for an area that requires languages (``areas --languages``) with no
    version in one of them in the same playlist: a warning (it still airs), once per schedule,
    bulletin and language, naming the areas."""
    if not inp.area_languages:
        return []
    missing: dict[tuple[int, str, str], set[str]] = {}  # (schedule, bulletin key, language) -> areas
    titles: dict[tuple[int, str], str] = {}
    for code, scheds in by_ep.items():
        area = inp.endpoints[code].area
        need = inp.area_languages.get(area)
        if not need:
            continue
        for sc in scheds:
            pl = inp.playlists.get(sc.playlist_id)
            if pl is None or not sc.enabled:
                continue
            have: dict[str, set[str]] = {}
            for e in pl.entries:
                it = inp.items.get(e.item_id) if e.item_id is not None else None
                if it is None:
                    continue
                key = it.bulletin or f"i{it.id}"
                have.setdefault(key, set()).add(it.language)
                titles.setdefault((sc.id, key), it.title)
            for key, langs in have.items():
                for lang in sorted(need - langs):
                    missing.setdefault((sc.id, key, lang), set()).add(area)
    return [
        {
            "kind": "missing_language",
            "message": _(
                "Schedule {sid}: '{title}' has no version in '{lang}', which {areas} require; add one to the playlist (loaxa clips edit ID --version-of N).",
                sid=sid,
                title=titles[(sid, key)],
                lang=lang,
                areas=", ".join(sorted(areas)),
            ),
            "schedule_id": sid,
            "warning": True,
        }
        for (sid, key, lang), areas in sorted(missing.items())
    ]


def iter_timelines(inp: PlanInput, start: datetime, end: datetime, endpoints: Iterable[str] | None = None) -> Iterator[tuple[EndpointInfo, list[Occurrence]]]:
    """The resolved timeline of each endpoint in turn (memory: one group of endpoints at a time).

    Endpoints that get the same schedules in the same zone, quiet hours, format and state (a
    commune's clusters, typically) have the same timeline: it is resolved once per such group
    and copied for the others. Groups come in turn; endpoints within a group by code.
    """
    only = set(endpoints) if endpoints is not None else None
    by_ep, _problems = _schedules_by_endpoint(inp, only)
    x = _Expander(inp, start.timestamp(), end.timestamp())
    overrides = {s.id: s.quiet_override for s in inp.schedules}
    groups: dict[tuple[tuple[int, ...], str, str, str, bool], list[str]] = {}
    for code, scheds in by_ep.items():
        ep = inp.endpoints[code]
        sig = (tuple(s.id for s in scheds), ep.tz, str(ep.quiet), ep.format, ep.enabled)
        groups.setdefault(sig, []).append(code)
    ws, we = x.start, x.end
    users: dict[int, int] = {}  # groups still to plan that use each schedule
    for sig in groups:
        for sid in sig[0]:
            users[sid] = users.get(sid, 0) + 1
    for sig, codes in sorted(groups.items(), key=lambda kv: kv[1]):
        codes.sort()
        template: list[Occurrence] | None = None
        for code in codes:
            ep = inp.endpoints[code]
            # many small acyclic objects: the cycle collector only costs time here
            gc_was_on = gc.isenabled()
            gc.disable()
            try:
                if template is None:
                    occs = resolve(_endpoint_occurrences(x, ep, by_ep[code]), inp)
                    _post_checks(occs, ep, overrides, x.quiet(ep))
                    template = [o for o in occs if o.start < we and o.end > ws or (o.start == o.end and ws <= o.start < we)]
                    timeline = template
                    for sid in sig[0]:
                        users[sid] -= 1
                        if users[sid] == 0:
                            x.forget_schedule(sid)
                else:
                    timeline = [o.copy_for(code) for o in template]
            finally:
                if gc_was_on:
                    gc.enable()
            yield ep, timeline


def plan(inp: PlanInput, start: datetime, end: datetime, *, target: str | None = None) -> Plan:
    """Plan the window [start, end) for every endpoint, or those a target code names."""
    only: list[str] | None = None
    if target is not None:
        only, _unknown = inp.resolve_targets([target])
    occs: list[Occurrence] = []
    for _ep, timeline in iter_timelines(inp, start, end, only):
        occs.extend(timeline)
    occs.sort(key=lambda o: (o.start, o.endpoint, o.segment))
    by_ep, problems = _schedules_by_endpoint(inp, set(only) if only is not None else None)
    problems += language_problems(inp, by_ep)
    for o in occs:
        tz = zone(inp.endpoints[o.endpoint].tz)
        for p in o.problems:
            problems.append({**p.as_dict(), "schedule_id": o.schedule_id, "endpoint": o.endpoint, "start": iso_local(o.start_dt, tz)})
    hol: list[HolidayDay] = []
    tzs = {inp.endpoints[c].tz for c in (only if only is not None else inp.endpoints)} or {"Asia/Ho_Chi_Minh"}
    seen: set[tuple[date, str]] = set()
    for tzn in sorted(tzs):
        d = start.astimezone(zone(tzn)).date()
        last = (end - timedelta(microseconds=1)).astimezone(zone(tzn)).date()
        while d <= last:
            for h in inp.holidays.on(d):
                if (h.on, h.key) not in seen:
                    seen.add((h.on, h.key))
                    hol.append(h)
            d += timedelta(days=1)
    return Plan(start, end, occs, hol, problems)


def describe_times(times: Iterable[time]) -> str:
    return ",".join(format_time(t) for t in times)
