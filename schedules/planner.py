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

import heapq
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from .areas import AreaTree
from .holidays import HolidayCalendar, HolidayDay
from .i18n import _
from .library import airable_problem
from .models import Endpoint, Item, Playlist, PlaylistEntry, Rendition, Schedule, ScheduleException
from .rules import Rule
from .timeutil import QuietHours, format_time, iso_local, parse_time, resolve_local, zone

INF = float("inf")


class Problem(NamedTuple):
    kind: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "message": self.message}


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
            it.id, it.title, it.state, it.valid_from, it.valid_until, it.priority, it.field, it.duration_s,
            it.media_sha256 is not None, frozenset(formats.get(it.id, ())),
        )  # fmt: skip

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
    return PlanInput(
        schedules, playlists, items, endpoints, {k: tuple(sorted(v)) for k, v in area_endpoints.items()}, HolidayCalendar.load(session)
    )


def schedule_info(s: Schedule, targets: list[str], exceptions: dict[date, tuple[str, tuple[time, ...]]]) -> ScheduleInfo:
    """The planner's view of a schedule row."""
    from .rules import parse_days

    times = tuple(parse_time(t) for t in s.times)
    if s.mode == "once":
        rule = Rule("once", times, once_date=s.once_date, start_date=s.start_date, end_date=s.end_date)
    elif s.mode == "monthly":
        _m, _w, mday, nth = parse_days(f"monthly:{s.monthly}")
        rule = Rule("monthly", times, frozenset(), mday, nth, None, s.start_date, s.end_date)
    elif s.mode == "weekly":
        _m, wds, _d, _n = parse_days(s.weekdays)
        rule = Rule("weekly", times, wds, None, None, None, s.start_date, s.end_date)
    else:
        rule = Rule("daily", times, start_date=s.start_date, end_date=s.end_date)
    policy, wait_s = parse_collision(s.collision)
    return ScheduleInfo(
        s.id, s.name, rule, s.playlist_id, tuple(targets), s.priority, policy, wait_s, s.on_preempt,
        s.repeat, s.repeat_gap_s, s.quiet_override, s.enabled, exceptions,
    )  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Occurrences


@dataclass(slots=True)
class Occurrence:
    """One airing of a programme on one endpoint (times are UTC epoch seconds)."""

    key: str
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
            "priority": self.tier,
            "status": self.status,
            "resolution": self.resolution,
            "offset_s": round(self.offset, 3),
            "repeat": self.repeat,
            "problems": [p.as_dict() for p in self.problems],
            "notes": list(self.notes),
        }


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
        max_len = max((p.duration_s for p in inp.playlists.values()), default=0.0)
        max_rep = max(((s.repeat - 1) * (max_len + s.repeat_gap_s) for s in inp.schedules), default=0.0)
        self.lookback = max_len + max_rep + 86400.0  # occurrences that began before the window

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
        hol = self.inp.holidays
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
            hdays = hol.on(d)
            rule = hol.rule_on(d) if hdays else None
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
                hnote = _("Holiday: {holiday}.", holiday=", ".join(h.name for h in hdays))
            pl = self.inp.playlists.get(playlist_id)
            length = pl.duration_s if pl else 0.0
            for t in times:
                res = resolve_local(d, t, tz)
                base = res.instant.timestamp()
                for k in range(s.repeat):
                    planned = base + k * (length + s.repeat_gap_s)
                    out.append(_Start(planned, d, k, res.note, playlist_id, tier, cancelled, hnote))
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
                why = airable_problem(it, d)  # type: ignore[arg-type]
                if why is not None:
                    problems.append(Problem(*why))
                elif not it.has_media:
                    problems.append(Problem("missing_media", _("Item {id} '{title}' has no audio file.", id=it.id, title=it.title)))
                else:
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
                        Problem("missing_rendition", _("Item {id} '{title}' has no {format} rendition yet (run: loaxa clips render --format {format}).", id=it.id, title=it.title, format=fmt))
                    )
        self._format_problems[key] = out
        return out


def _in_quiet(q: QuietHours, instant: float, tz_name: str) -> bool:
    local = datetime.fromtimestamp(instant, zone(tz_name))
    return q.contains(local.time())


def _overlaps_quiet(q: QuietHours, start: float, end: float, tz_name: str) -> bool:
    """Does [start, end) touch the quiet window on any local day it spans?"""
    if _in_quiet(q, start, tz_name):
        return True
    tz = zone(tz_name)
    d = datetime.fromtimestamp(start, tz).date()
    last = datetime.fromtimestamp(end, tz).date()
    while d <= last:
        qs = resolve_local(d, q.start, tz).instant.timestamp()
        if start < qs < end:
            return True
        d += timedelta(days=1)
    return False


def _endpoint_occurrences(x: _Expander, ep: EndpointInfo, schedules: list[ScheduleInfo]) -> list[Occurrence]:
    out: list[Occurrence] = []
    wstart, wend = x.start, x.end
    for s in schedules:
        if not s.enabled:
            continue
        for st in x.starts(s, ep.tz):
            pl = x.inp.playlists.get(st.playlist_id)
            length = pl.duration_s if pl else 0.0
            end = st.planned + length
            # keep starts that may touch the window (delays are applied later)
            if st.planned >= wend or end + 6 * 3600 < wstart:
                continue
            occ = Occurrence(
                occurrence_key(s.id, ep.code, st.planned, st.repeat), s.id, ep.code, st.planned, st.planned, end, 0.0,
                length, st.playlist_id, st.tier, st.local_date, st.repeat, s.collision, s.wait_s, s.on_preempt,
            )  # fmt: skip
            if st.holiday_note:
                occ.notes.append(st.holiday_note)
            if st.cancelled_by is not None:
                occ.status = "cancelled"
                occ.resolution = "holiday"
                occ.notes.append(_("{holiday}: not aired by the holiday rule.", holiday=st.cancelled_by.name))
                out.append(occ)
                continue
            if st.note == "nonexistent":
                occ.problems.append(
                    Problem("nonexistent_time", _("{date}: this local time does not exist (clock change); it airs at {time} instead.", date=st.local_date, time=datetime.fromtimestamp(st.planned, zone(ep.tz)).strftime("%H:%M:%S")))
                )
            elif st.note == "ambiguous":
                occ.problems.append(
                    Problem("ambiguous_time", _("{date}: this local time happens twice (clock change); it airs at the first.", date=st.local_date))
                )
            item_probs, airable = x.item_problems(st.playlist_id, st.local_date)
            occ.problems.extend(item_probs)
            occ.problems.extend(x.format_problems(st.playlist_id, ep.format))
            if not airable:
                occ.status = "skipped"
                occ.resolution = "nothing_to_air"
            if not ep.enabled:
                occ.problems.append(Problem("endpoint_disabled", _("Endpoint {code} is disabled.", code=ep.code)))
                occ.status = "skipped"
                occ.resolution = "endpoint_disabled"
            if ep.quiet is not None and occ.status == "ok":
                if st.tier >= 2 and not s.quiet_override and _in_quiet(ep.quiet, st.planned, ep.tz):
                    occ.problems.append(
                        Problem("quiet_hours", _("Starts inside the quiet hours {hours} of {area}: not aired.", hours=str(ep.quiet), area=ep.area))
                    )
                    occ.status = "skipped"
                    occ.resolution = "quiet_hours"
                elif st.tier == 1 and _in_quiet(ep.quiet, st.planned, ep.tz):
                    occ.notes.append(_("Emergency: airs through the quiet hours."))
                elif s.quiet_override and _in_quiet(ep.quiet, st.planned, ep.tz):
                    occ.notes.append(_("Airs in quiet hours by override: {reason}", reason=s.quiet_override))
            out.append(occ)
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
    active = sorted((o for o in occurrences if o.airs), key=lambda o: (o.start, o.tier, o.schedule_id or 0))
    passive = [o for o in occurrences if not o.airs]
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
            o.problems.append(Problem("overlap", _("Overlaps another airing; waited the allowed {limit} s but it would start {delay} s late: skipped.", limit=_fmt_s(o.wait_s), delay=_fmt_s(delay))))
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
            current = pick_waiting(last_end)
            continue
        if current is None:
            if waiting:
                current = pick_waiting(last_end)
                continue
            current = begin(active[i], active[i].start)
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
            why = _("an emergency") if new.tier == 1 else (_("a priority airing") if new.tier < current.tier else _("a cutting airing"))
            if cut_len <= 1e-6:
                # preempted before it began: it simply waits (no empty segment)
                current.end = at + rest
                heapq.heappush(waiting, (_wait_order(current), seq, current))
                seq += 1
            else:
                current.resolution = "preempted"
                current.problems.append(Problem("overlap", _("Interrupted by {what} from schedule {sid} after {played} s; {then}.", what=why, sid=new.schedule_id, played=_fmt_s(cut_len), then=_preempt_text(current.on_preempt))))
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
        if o.segment == 0 and o.airs and late > 1e-3:
            o.resolution = o.resolution or "delayed"
            o.problems.append(Problem("overlap", _("Overlaps another airing: starts {delay} s late, when it ends.", delay=_fmt_s(late))))
    result = done + passive
    result.sort(key=lambda o: (o.start, o.tier, o.schedule_id or 0, o.segment))
    return result


def _segment(o: Occurrence, offset: float, length: float, resolution: str) -> Occurrence:
    seg = Occurrence(
        f"{o.key}:p{o.segment + 1}", o.schedule_id, o.endpoint, o.planned_start, o.end, o.end + length, offset,
        o.length, o.playlist_id, o.tier, o.local_date, o.repeat, "next", 0.0, o.on_preempt,
    )  # fmt: skip
    seg.segment = o.segment + 1
    seg.resolution = resolution
    seg.notes.append(_("Continues an airing that was interrupted.") if resolution == "resumed" else _("Airs again from the beginning after an interruption."))
    return seg


def _preempt_text(on_preempt: str) -> str:
    return {
        "resume": _("the rest airs afterwards"),
        "restart": _("it airs again from the beginning afterwards"),
        "drop": _("the rest is dropped"),
    }[on_preempt]


def _fmt_s(x: float) -> str:
    return f"{x:.0f}" if abs(x - round(x)) < 0.05 else f"{x:.1f}"


def _post_checks(timeline: list[Occurrence], ep: EndpointInfo, overrides: dict[int, str | None]) -> None:
    """Problems visible only on the resolved timeline: overruns into quiet hours or the next airing."""
    airing = [o for o in timeline if o.airs]
    for o in airing:
        if ep.quiet is not None and o.tier >= 2 and not overrides.get(o.schedule_id or 0):
            if o.start != o.planned_start and o.segment == 0 and _in_quiet(ep.quiet, o.start, ep.tz):
                o.problems.append(Problem("quiet_hours", _("Delayed into the quiet hours {hours}: not aired.", hours=str(ep.quiet))))
                o.status = "skipped"
                o.resolution = "quiet_hours"
            elif _overlaps_quiet(ep.quiet, o.start, o.end, ep.tz):
                o.problems.append(Problem("overrun_quiet_hours", _("Runs into the quiet hours {hours} (ends {end}).", hours=str(ep.quiet), end=datetime.fromtimestamp(o.end, zone(ep.tz)).strftime("%H:%M:%S"))))


# ---------------------------------------------------------------------------------------------
# Entry points


def _schedules_by_endpoint(inp: PlanInput, only: set[str] | None) -> tuple[dict[str, list[ScheduleInfo]], list[dict[str, Any]]]:
    by_ep: dict[str, list[ScheduleInfo]] = {}
    problems: list[dict[str, Any]] = []
    for s in inp.schedules:
        eps, unknown = inp.resolve_targets(s.targets)
        for u in unknown:
            if s.enabled:
                problems.append({"kind": "unknown_target", "message": _("Schedule {sid}: target '{code}' does not exist.", sid=s.id, code=u), "schedule_id": s.id})
        for e in eps:
            if only is None or e in only:
                by_ep.setdefault(e, []).append(s)
    return by_ep, problems


def iter_timelines(inp: PlanInput, start: datetime, end: datetime, endpoints: Iterable[str] | None = None) -> Iterator[tuple[EndpointInfo, list[Occurrence]]]:
    """The resolved timeline of each endpoint in turn (memory: one endpoint at a time)."""
    only = set(endpoints) if endpoints is not None else None
    by_ep, _problems = _schedules_by_endpoint(inp, only)
    x = _Expander(inp, start.timestamp(), end.timestamp())
    overrides = {s.id: s.quiet_override for s in inp.schedules}
    for code in sorted(by_ep):
        ep = inp.endpoints[code]
        occs = resolve(_endpoint_occurrences(x, ep, by_ep[code]), inp)
        _post_checks(occs, ep, overrides)
        ws, we = x.start, x.end
        yield ep, [o for o in occs if o.start < we and o.end > ws or (o.start == o.end and ws <= o.start < we)]


def plan(inp: PlanInput, start: datetime, end: datetime, *, target: str | None = None) -> Plan:
    """Plan the window [start, end) for every endpoint, or those a target code names."""
    only: list[str] | None = None
    if target is not None:
        only, _unknown = inp.resolve_targets([target])
    occs: list[Occurrence] = []
    for _ep, timeline in iter_timelines(inp, start, end, only):
        occs.extend(timeline)
    occs.sort(key=lambda o: (o.start, o.endpoint, o.segment))
    _by_ep, problems = _schedules_by_endpoint(inp, set(only) if only is not None else None)
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
