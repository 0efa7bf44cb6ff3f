"""Report figures: what share of the plan reached people, by field, area, campaign or period.

A pure domain query (no rendering): the CLI, the window and the XLSX/PDF exports all call
:func:`build_report`. Definitions (also in docs/user-guide):

- ``planned``: every airing the plan held for the period up to now, one per (occurrence,
  endpoint): the as-run rows of scheduled occurrences and ad-hoc airings (broadcast now,
  emergencies), **plus the planned occurrences that left no row at all** while no engine ran (the
  PC was off): those count as ``missed`` with the reason "engine not running". Engine runs come
  from the lease (:mod:`schedules.availability`); only the time outside them is replanned.
- ``aired``: completed, partial or on air, and preempted or cut off after content was sent;
  ``airtime_s``: seconds of content sent (frames sent × frame length of the endpoint's format);
  ``verified``: airings a listener confirmed; ``on_time``: aired within 1 s of the planned start.
- ``missed`` (including preempted or cut off before any content), ``failed``, ``stopped``,
  ``skipped``: each with its top reasons. The rest of a preempted airing (a follow-up row) adds
  airtime only: an airing counts once.
- ``endpoints_targeted`` / ``endpoints_reached``: distinct endpoints with a planned / aired airing.
- ``feedback``: citizen feedback received in the period that falls in the row.

An airing whose programme holds several items counts once in each item's row (and each of their
campaigns and content types); totals count it once.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import lru_cache
from itertools import product
from typing import Any

from sqlalchemy import (
    Date,
    Integer,
    Interval,
    Text,
    and_,
    case,
    cast,
    func,
    literal,
    literal_column,
    select,
    union_all,
)
from sqlalchemy import (
    text as sql_text,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from . import availability
from .areas import AreaTree
from .asrun import reason_text
from .errors import InputRefused, NotFound
from .formats import parse_format
from .i18n import _
from .models import AsRunRecord, Campaign, Endpoint, Feedback, Item, Playlist, Schedule
from .reporting_tally import AIRED_TALLIES, BUCKET_OF, FAILED, FOLLOW_UP, LATE, MISSED, ON_TIME, SKIPPED, STOPPED, tally_expr
from .timeutil import DEFAULT_TZ, parse_date, window_for_dates, zone

DIMENSIONS = (
    "field",
    "priority",
    "content_type",
    "item",
    "campaign",
    "language",
    "area",
    "endpoint",
    "day",
    "week",
    "month",
)
FIGURES = (
    "planned",
    "aired",
    "airtime_s",
    "verified",
    "on_time",
    "missed",
    "failed",
    "stopped",
    "skipped",
    "endpoints_targeted",
    "endpoints_reached",
    "feedback",
)
# around each time no engine ran, occurrences are matched to rows by key this far either side
DOWN_MARGIN = timedelta(minutes=2)
PAIR = 1 << 31  # two counts in one sum: low + high * PAIR


def field_label(code: int | None) -> str:
    return {
        1: _("1 General information"),
        2: _("2 Breaking information"),
        3: _("3 Policy and law"),
        4: _("4 Local administration"),
        5: _("5 Knowledge"),
        6: _("6 Good people, good deeds"),
    }.get(code or 0, _("unknown"))


def priority_label(code: int | None) -> str:
    return {1: _("1 emergency"), 2: _("2 priority"), 3: _("3 normal")}.get(code or 0, _("unknown"))


def content_type_label(code: int | None) -> str:
    return {
        1: _("text"),
        2: _("image"),
        3: _("audio"),
        4: _("video"),
        5: _("live"),
        6: _("FM"),
    }.get(code or 0, _("unknown"))


def dimension_label(dim: str) -> str:
    return {
        "field": _("Field"),
        "priority": _("Priority"),
        "content_type": _("Content type"),
        "item": _("Item"),
        "campaign": _("Campaign"),
        "language": _("Language"),
        "area": _("Area"),
        "endpoint": _("Endpoint"),
        "day": _("Day"),
        "week": _("Week"),
        "month": _("Month"),
    }[dim]


def figure_label(name: str) -> str:
    return {
        "planned": _("Planned"),
        "aired": _("Aired"),
        "airtime_s": _("Airtime (s)"),
        "verified": _("Verified"),
        "on_time": _("On time"),
        "missed": _("Missed"),
        "failed": _("Failed"),
        "stopped": _("Stopped"),
        "skipped": _("Skipped"),
        "endpoints_targeted": _("Endpoints targeted"),
        "endpoints_reached": _("Endpoints reached"),
        "feedback": _("Feedback"),
    }[name]


# ---------------------------------------------------------------------------------------------
# periods


@dataclass(frozen=True)
class Period:
    """Inclusive local dates and the UTC window they make in ``tz``."""

    first: date
    last: date
    start: datetime
    end: datetime
    tz: str
    text: str


def period_of_dates(first: date, last: date, tz_name: str, text: str | None = None) -> Period:
    if last < first:
        raise InputRefused(
            _(
                "--until: the end ({end}) is before the start ({start}).",
                end=last.isoformat(),
                start=first.isoformat(),
            )
        )
    start, end = window_for_dates(first, last, zone(tz_name))
    return Period(
        first,
        last,
        start,
        end,
        tz_name,
        text or f"{first.isoformat()}..{last.isoformat()}",
    )


_PERIOD_RX = (
    (re.compile(r"^(\d{4})$"), "year"),
    (re.compile(r"^(\d{4})-[Qq]([1-4])$"), "quarter"),
    (re.compile(r"^(\d{4})-[Ww](\d{1,2})$"), "week"),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), "month"),
)


def parse_period(text: str, tz_name: str = DEFAULT_TZ) -> Period:
    """A period as people write it: 2027 (year), 2027-Q1, 2027-W09 (ISO week), 2027-03 (month) or a
    day (2027-03-05 or 05/03/2027). Refused with exit 3 when it does not parse."""
    t = (text or "").strip()
    bad = InputRefused(
        _(
            "--period: '{value}' is not a period; write a year (2027), a quarter (2027-Q1), an ISO week (2027-W09), a month (2027-03) or a day (2027-03-05).",
            value=text,
        )
    )
    for rx, kind in _PERIOD_RX:
        m = rx.match(t)
        if not m:
            continue
        y = int(m.group(1))
        try:
            if kind == "year":
                return period_of_dates(date(y, 1, 1), date(y, 12, 31), tz_name, t)
            n = int(m.group(2))
            if kind == "quarter":
                first = date(y, 3 * n - 2, 1)
                return period_of_dates(first, _month_end(date(y, 3 * n, 1)), tz_name, f"{y}-Q{n}")
            if kind == "week":
                first = date.fromisocalendar(y, n, 1)
                return period_of_dates(first, first + timedelta(days=6), tz_name, f"{y}-W{n:02d}")
            first = date(y, n, 1)
            return period_of_dates(first, _month_end(first), tz_name, f"{y}-{n:02d}")
        except ValueError:
            raise bad from None
    try:
        d = parse_date(t, field="--period")
    except InputRefused:
        raise bad from None
    return period_of_dates(d, d, tz_name, d.isoformat())


def _month_end(d: date) -> date:
    nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def week_key(d: date) -> str:
    y, w, _wd = d.isocalendar()
    return f"{y}-W{w:02d}"


# ---------------------------------------------------------------------------------------------
# the figures


@dataclass
class Figures:
    planned: int = 0
    aired: int = 0
    airtime_s: float = 0.0
    verified: int = 0
    on_time: int = 0
    missed: int = 0
    failed: int = 0
    stopped: int = 0
    skipped: int = 0
    endpoints_targeted: int = 0
    endpoints_reached: int = 0
    feedback: int = 0
    reasons: dict[str, Counter[str]] = field(default_factory=dict)
    _targeted: set[str] = field(default_factory=set, repr=False)
    _reached: set[str] = field(default_factory=set, repr=False)

    def add(self, c: _Cell, endpoint: str) -> None:
        self.planned += c.planned
        self.aired += c.aired
        self.airtime_s += c.airtime_s
        self.verified += c.verified
        self.on_time += c.on_time
        self.missed += c.missed
        self.failed += c.failed
        self.stopped += c.stopped
        self.skipped += c.skipped
        if c.planned:
            self._targeted.add(endpoint)
        if c.aired:
            self._reached.add(endpoint)

    def add_reason(self, bucket: str, reason: str, n: int) -> None:
        self.reasons.setdefault(bucket, Counter())[reason] += n

    def close(self) -> None:
        self.endpoints_targeted = len(self._targeted)
        self.endpoints_reached = len(self._reached)
        self.airtime_s = round(self.airtime_s, 1)

    def top_reasons(self, bucket: str, n: int = 3) -> list[tuple[str, int]]:
        # by count, then by text: the same order however the rows were read
        return sorted(self.reasons.get(bucket, Counter()).items(), key=lambda kv: (-kv[1], kv[0]))[:n]

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: getattr(self, k) for k in FIGURES}
        out["reasons"] = {
            b: [{"reason": r, "count": n} for r, n in self.top_reasons(b)] for b in ("missed", "failed", "stopped", "skipped") if self.reasons.get(b)
        }
        return out


@dataclass(slots=True)
class _Cell:
    frames: int = 0  # frames sent: airtime once the endpoint's frame length is applied
    planned: int = 0
    aired: int = 0
    airtime_s: float = 0.0
    verified: int = 0
    on_time: int = 0
    missed: int = 0
    failed: int = 0
    stopped: int = 0
    skipped: int = 0


@dataclass
class ReportRow:
    key: tuple[Any, ...]
    label: str
    labels: tuple[str, ...]
    figures: Figures


@dataclass
class AvailabilityRow:
    code: str
    name: str
    area: str
    online_s: float
    offline_s: float
    unknown_s: float
    share: float | None


@dataclass
class Report:
    period: Period
    until: datetime  # the end of what was counted: min(period end, now)
    scope: str | None
    scope_name: str
    by: tuple[str, ...]
    rows: list[ReportRow]
    totals: Figures
    availability: list[AvailabilityRow]
    engine_down_s: float
    engine_down: list[tuple[datetime, datetime]]

    def as_dict(self) -> dict[str, Any]:
        tz = zone(self.period.tz)
        return {
            "from": self.period.first.isoformat(),
            "until": self.period.last.isoformat(),
            "counted_until": self.until.astimezone(tz).isoformat(),
            "scope": self.scope,
            "scope_name": self.scope_name,
            "by": list(self.by),
            "rows": [{"key": list(r.key), "label": r.label, **r.figures.as_dict()} for r in self.rows],
            "totals": self.totals.as_dict(),
            "availability": [
                {
                    "endpoint": a.code,
                    "name": a.name,
                    "area": a.area,
                    "online_s": round(a.online_s),
                    "offline_s": round(a.offline_s),
                    "unknown_s": round(a.unknown_s),
                    "share": None if a.share is None else round(a.share, 4),
                }
                for a in self.availability
            ],
            "engine_down_s": round(self.engine_down_s),
        }


@dataclass(frozen=True)
class _Catalog:
    """What the rows refer to: items, playlists, campaigns, endpoints, areas."""

    items: dict[int, tuple[str, int, int, int, int | None, str]]  # id -> title, field, priority, content type, campaign, language
    playlists: dict[int, tuple[str, int | None]]  # id -> name, campaign
    campaigns: dict[int, str]
    endpoints: dict[str, tuple[str, str, float]]  # code -> name, area, frame seconds
    tree: AreaTree


@lru_cache(maxsize=64)
def _frame_seconds(fmt: str) -> float:
    try:
        rate = parse_format(fmt).sample_rate
    except InputRefused:
        rate = 44100
    return (576 if rate < 32000 else 1152) / rate


def _catalog(session: Session) -> _Catalog:
    items = {
        i: (t, f or 0, p or 3, ct or 3, c, lang or "vi")
        for i, t, f, p, ct, c, lang in session.execute(
            select(
                Item.id,
                Item.title,
                Item.field,
                Item.priority,
                Item.content_type,
                Item.campaign_id,
                Item.language,
            )
        )
    }
    playlists = {i: (n, c) for i, n, c in session.execute(select(Playlist.id, Playlist.name, Playlist.campaign_id))}
    campaigns: dict[int, str] = {i: n for i, n in session.execute(select(Campaign.id, Campaign.name))}
    endpoints = {c: (n, a, _frame_seconds(f)) for c, n, a, f in session.execute(select(Endpoint.code, Endpoint.name, Endpoint.area_code, Endpoint.format))}
    return _Catalog(items, playlists, campaigns, endpoints, AreaTree.load(session))


def _scope(cat: _Catalog, area: str | None, endpoints: Sequence[str] | None) -> tuple[str | None, str, set[str], bool]:
    """(scope area, its name, endpoint codes, whether that is every endpoint)."""
    tree = cat.tree
    if endpoints:
        unknown = [c for c in endpoints if c not in cat.endpoints]
        if unknown:
            raise NotFound(
                _(
                    "Endpoint '{code}' does not exist (see: loaxa endpoints list).",
                    code=unknown[0],
                )
            )
        return (
            None,
            ", ".join(endpoints),
            set(endpoints),
            set(endpoints) == set(cat.endpoints),
        )
    if area is None:
        roots = [a.code for a in tree.areas.values() if not a.parent_code or a.parent_code not in tree.areas]
        if len(roots) == 1:
            area = roots[0]
        else:
            return None, _("all areas"), set(cat.endpoints), True
    if area not in tree.areas:
        raise NotFound(_("Area '{code}' does not exist (see: loaxa areas list).", code=area))
    under = tree.descendants(area)
    eps = {c for c, (_n, a, _f) in cat.endpoints.items() if a in under}
    return area, tree.areas[area].name, eps, len(eps) == len(cat.endpoints)


def _child_towards(tree: AreaTree, scope: str | None, area: str | None) -> str | None:
    """The child of ``scope`` on the way to ``area`` (``area`` itself when it is the scope, or the
    top of its chain when there is no scope)."""
    if area is None:
        return None
    chain = [a.code for a in tree.chain(area)]  # area, parent, ..., root
    if scope is None:
        return chain[-1] if chain else area
    if scope not in chain:
        return None
    i = chain.index(scope)
    return chain[i - 1] if i > 0 else scope


class _Dialect:
    """The few expressions that differ between SQLite and PostgreSQL."""

    def __init__(self, session: Session) -> None:
        self.name = session.get_bind().dialect.name

    def local_day(self, col: Any, offset_min: int, grain: str = "day") -> ColumnElement[Any]:
        """The local date of an instant (``grain`` "week": its week's Monday, "month": the 1st)."""
        if self.name == "sqlite":
            more = {"day": (), "week": ("-6 days", "weekday 1"), "month": ("start of month",)}[grain]
            return func.date(col, f"{offset_min:+d} minutes", *more)
        local = col + literal(timedelta(minutes=offset_min), Interval)
        return cast(local if grain == "day" else func.date_trunc(grain, local), Date)

    def hour(self, col: Any) -> ColumnElement[Any]:
        if self.name == "sqlite":
            return func.strftime("%Y-%m-%d %H", col)
        return func.to_char(col, "YYYY-MM-DD HH24")

    def as_text(self, col: Any) -> ColumnElement[Any]:
        return cast(col, Text)

    def count_where(self, cond: ColumnElement[bool]) -> ColumnElement[Any]:
        """How many rows of a group meet ``cond`` (SQLite: a sum of its 0/1, cheaper than FILTER)."""
        if self.name == "sqlite":
            return func.sum(cond, type_=Integer)  # a count, not a Boolean
        return func.count().filter(cond)

    def prepare(self, session: Session) -> None:
        """Session settings for one report: PostgreSQL's JIT compiles these expressions for longer
        than they take to run (1.9 s -> 1.2 s for a year of 1.1 M rows without it)."""
        if self.name == "postgresql":
            session.execute(sql_text("SET LOCAL jit = off"))


def _to_date(v: Any) -> date:
    return v if isinstance(v, date) else date.fromisoformat(str(v)[:10])


def _fixed_offset(tz: tzinfo, start: datetime, end: datetime) -> int | None:
    """The zone's offset in minutes when it is the same over the whole window, else None."""
    offs = set()
    t = start
    while t <= end:
        off = t.astimezone(tz).utcoffset()
        offs.add(int(off.total_seconds() // 60) if off is not None else 0)
        t += timedelta(days=7)
    off_end = end.astimezone(tz).utcoffset()
    offs.add(int(off_end.total_seconds() // 60) if off_end is not None else 0)
    return offs.pop() if len(offs) == 1 else None


def build_report(
    session: Session,
    period: Period,
    *,
    by: Sequence[str] = ("field",),
    area: str | None = None,
    endpoints: Sequence[str] | None = None,
    now: datetime | None = None,
) -> Report:
    """The figures of ``period`` for a scope (an area and everything beneath it, or endpoints),
    one row per combination of the ``by`` dimensions, with totals, endpoint availability and the
    time no engine ran."""
    return build_reports(session, period, [by], area=area, endpoints=endpoints, now=now)[0]


def build_reports(
    session: Session,
    period: Period,
    bys: Sequence[Sequence[str]],
    *,
    area: str | None = None,
    endpoints: Sequence[str] | None = None,
    now: datetime | None = None,
) -> list[Report]:
    """Several groupings of one period and scope from one pass over the rows (the window's page
    and the XLSX/PDF with a sheet per grouping): see :func:`build_report`."""
    groupings = [tuple(b) for b in bys]
    for d in {d for b in groupings for d in b}:
        if d not in DIMENSIONS:
            raise InputRefused(
                _(
                    "--by: '{value}' is not a grouping; choose from {allowed}.",
                    value=d,
                    allowed=", ".join(DIMENSIONS),
                )
            )
    now = now or datetime.now(UTC)
    cat = _catalog(session)
    scope, scope_name, eps, everything = _scope(cat, area, endpoints)
    tz = zone(period.tz)
    start, end = period.start, period.end
    until = max(start, min(end, now))
    dia = _Dialect(session)
    dia.prepare(session)

    # -- the as-run rows, summed in the database over the cells the grouping needs --------------
    R = AsRunRecord
    every = {d for b in groupings for d in b}
    need_items = any(d in every for d in ("item", "campaign", "content_type", "language"))
    need_day = any(d in every for d in ("day", "week", "month"))
    offset = _fixed_offset(tz, start, end) if need_day else 0
    # the cells' time: the coarsest that every grouping reads (a year by month holds 12 per
    # endpoint and field, not 365)
    grain = "day" if "day" in every or {"week", "month"} <= every else "week" if "week" in every else "month"

    def time_cell(d: date) -> date:
        return d if grain == "day" else d - timedelta(days=d.weekday()) if grain == "week" else d.replace(day=1)

    cols: list[Any] = [R.endpoint_code, R.field, R.priority]
    if need_items:
        cols += [dia.as_text(R.items), R.playlist_id]
    if need_day:
        cols.append(dia.local_day(R.planned_start, offset, grain) if offset is not None else dia.hour(R.planned_start))
    # The figures are summed from the records' tallies (what each counts for, worked out when it
    # closed: schedules.reporting_tally): no per-row expression but a comparison. On SQLite one
    # row per cell: the index on (endpoint, field, priority, start, tally, frames, verified) holds
    # the cells in order and every column read, so the period is read from the index alone
    # without a sort. Records without a tally (still on air, or written closed by
    # something that does not settle them) are worked out by the same expression in a second
    # query that the partial index on them serves.
    where = [R.planned_start >= start, R.planned_start < end]
    if not everything:
        where.append(R.endpoint_code.in_(sorted(eps)))
    worked_out = tally_expr(dia.name)

    def by_tally(tally: Any, *cond: ColumnElement[bool]) -> Any:
        """One row per cell and tally: (cell..., tally, airings, frames, verified)."""
        sums = (func.count(), func.sum(R.frames_sent), dia.count_where(R.verified.is_(True)))
        return select(*cols, tally, *sums).where(*where, *cond).group_by(*cols, tally)

    # SQLite's planner has no statistics on a partial index that was empty when analysed
    unsettled_q = by_tally(worked_out, R.tally.is_(None)).with_hint(R, "INDEXED BY ix_as_run_unsettled", "sqlite")
    pivot = dia.name == "sqlite"
    if pivot:  # one row per cell, in the index's order: no sort
        # the sums are what costs: the six counts go two to a sum, in 31-bit halves (a cell would
        # need two billion records of one kind to spill into the next)
        pairs = [func.sum(case({lo: 1, hi: PAIR}, value=R.tally, else_=0), type_=Integer) for lo, hi in ((ON_TIME, LATE), (MISSED, FAILED), (STOPPED, SKIPPED))]
        verified = dia.count_where(and_(R.tally > FOLLOW_UP, R.verified.is_(True)))
        settled_q = select(*cols, func.sum(R.frames_sent), verified, *pairs).where(*where, R.tally.is_not(None)).group_by(*cols)
    else:  # PostgreSQL hashes the groups: fewer sums per row cost less there than fewer groups
        settled_q = by_tally(R.tally, R.tally.is_not(None))
    ncols = len(cols)

    cells: dict[tuple[Any, ...], _Cell] = {}
    reasons: list[tuple[tuple[Any, ...], str, str, int]] = []
    day_of: dict[Any, date] = {}
    texts: dict[tuple[Any, Any], str] = {}

    def cell_key(row: Sequence[Any]) -> tuple[Any, ...]:
        if not need_day:
            return tuple(row[:ncols])
        v = row[ncols - 1]
        d = day_of.get(v)
        if d is None:
            if offset is None:  # an hour bucket in UTC -> the local date
                d = time_cell(datetime.strptime(str(v), "%Y-%m-%d %H").replace(tzinfo=UTC).astimezone(tz).date())
            else:
                d = _to_date(v)
            day_of[v] = d
        return (*row[: ncols - 1], d)

    def cell(row: Sequence[Any]) -> _Cell:
        k = cell_key(row)
        c = cells.get(k)
        if c is None:
            c = cells[k] = _Cell()
        return c

    def add_by_tally(rows: Iterable[Sequence[Any]]) -> None:
        for row in rows:
            tally, n, frames, n_verified = row[ncols:]
            c = cell(row)
            c.frames += int(frames or 0)
            if tally == FOLLOW_UP:
                continue  # the rest of an airing: its airtime counted, not an airing
            n = int(n or 0)
            c.planned += n
            c.verified += int(n_verified or 0)
            if tally in AIRED_TALLIES:
                c.aired += n
                if tally == ON_TIME:
                    c.on_time += n
                continue
            bucket = BUCKET_OF.get(int(tally), "missed")
            setattr(c, bucket, getattr(c, bucket) + n)

    conn = session.connection()  # Core rows: the ORM's handling costs more than these sums
    if not pivot:
        add_by_tally(conn.execute(settled_q))
    else:
        for row in conn.execute(settled_q):
            # every sum is over at least one row (tally not null): none is NULL but frames and verified
            frames, n_verified, aired_pair, missed_pair, stopped_pair = row[ncols:]
            late, on_time = divmod(aired_pair, PAIR)
            failed, missed = divmod(missed_pair, PAIR)
            skipped, stopped = divmod(stopped_pair, PAIR)
            c = cell(row)
            c.frames += frames or 0
            c.verified += n_verified or 0
            c.on_time += on_time
            c.aired += on_time + late
            c.missed += missed
            c.failed += failed
            c.stopped += stopped
            c.skipped += skipped
            c.planned += on_time + late + missed + failed + stopped + skipped
    add_by_tally(conn.execute(unsettled_q))
    for k, c in cells.items():
        c.airtime_s = c.frames * cat.endpoints.get(k[0], ("", "", 1152 / 44100))[2]

    need_ep = "area" in every or "endpoint" in every  # else the reasons need no endpoint: fewer groups
    rcols = cols if need_ep else cols[1:]
    # The reasons of the airings that did not air (tally 3-6) come from a partial index that holds
    # only those records with every column read here, in order of their start; the ones without
    # a tally through theirs, worked out as above.
    unaired = R.tally >= literal_column(str(MISSED))  # a literal: SQLite matches the index's own WHERE
    rq = union_all(
        select(*rcols, R.tally, R.reason, dia.as_text(R.reason_data), func.count())
        .where(*where, unaired)
        .group_by(*rcols, R.tally, R.reason, dia.as_text(R.reason_data)),
        select(*rcols, worked_out, R.reason, dia.as_text(R.reason_data), func.count())
        .where(*where, R.tally.is_(None), worked_out >= MISSED)
        .group_by(*rcols, worked_out, R.reason, dia.as_text(R.reason_data))
        .with_hint(R, "INDEXED BY ix_as_run_unsettled", "sqlite"),
    )
    for row in session.execute(rq):
        full = tuple(row) if need_ep else (None, *row)
        tally, why, why_data, n = full[ncols:]
        bucket = BUCKET_OF.get(int(tally), "missed")
        text = texts.get((why, why_data))
        if text is None:
            data = json.loads(why_data) if isinstance(why_data, str) and why_data else why_data
            text = texts[(why, why_data)] = reason_text(why, data) or _("no reason given")
        reasons.append((cell_key(full), bucket, text, int(n)))

    # -- planned occurrences that left no row while no engine ran ---------------------------------------
    up = availability.engine_up(session, start, until, now)
    down = availability.complement(up, start, until)
    # engine runs are known from the first one kept (a database from before they were kept has
    # none): earlier time is replanned all the same, but not called time with no engine
    known_from = availability.engine_history_start(session)
    engine_down_s = availability.seconds(availability.clip(down, known_from, until)) if known_from is not None else 0.0
    no_engine = _("engine not running")
    for o_ep, o_field, o_prio, o_items, o_pl, o_start in _unrecorded(session, down, start, until, eps, cat):
        uk: list[Any] = [o_ep, o_field, o_prio]
        if need_items:
            uk += [json.dumps(o_items), o_pl]
        if need_day:
            uk.append(time_cell(o_start.astimezone(tz).date()))
        c = cells.setdefault(tuple(uk), _Cell())
        c.planned += 1
        c.missed += 1
        reasons.append((tuple(uk), "missed", no_engine, 1))

    # -- roll the cells up into each grouping's rows -----------------------------------------------------
    fq = select(Feedback.received_at, Feedback.area_code, Feedback.item_id, Feedback.campaign_id).where(
        Feedback.received_at >= start, Feedback.received_at < end
    )
    fb_rows = list(session.execute(fq))
    av = availability.endpoint_availability(session, sorted(eps), start, end, now)
    av_rows = [AvailabilityRow(c, cat.endpoints[c][0], cat.endpoints[c][1], a.online_s, a.offline_s, a.unknown_s, a.share) for c, a in sorted(av.items())]
    return [_rollup(by, cells, reasons, fb_rows, cat, scope, scope_name, eps, endpoints, tz, period, until, av_rows, engine_down_s, down) for by in groupings]


def _rollup(
    by: tuple[str, ...],
    cells: dict[tuple[Any, ...], _Cell],
    reasons: list[tuple[tuple[Any, ...], str, str, int]],
    fb_rows: list[Any],
    cat: _Catalog,
    scope: str | None,
    scope_name: str,
    eps: set[str],
    endpoints: Sequence[str] | None,
    tz: Any,
    period: Period,
    until: datetime,
    av_rows: list[AvailabilityRow],
    engine_down_s: float,
    down: list[tuple[datetime, datetime]],
) -> Report:
    """One grouping's rows and totals from the cells (and the feedback)."""
    rows: dict[tuple[Any, ...], Figures] = {}
    totals = Figures()
    keys_of: dict[tuple[Any, ...], list[tuple[Any, ...]]] = {}

    def values(dim: str, k: tuple[Any, ...]) -> list[Any]:
        ep, fld, prio = k[0], k[1], k[2]
        if dim == "field":
            return [fld or 0]
        if dim == "priority":
            return [prio or 0]
        if dim == "endpoint":
            return [ep]
        if dim == "area":
            return [_child_towards(cat.tree, scope, cat.endpoints.get(ep, ("", None, 0))[1])]
        if dim in ("day", "week", "month"):
            day: date = k[-1]
            return [day.isoformat() if dim == "day" else week_key(day) if dim == "week" else f"{day.year}-{day.month:02d}"]
        item_ids = _item_ids(k[3])
        if dim == "item":
            return sorted(set(item_ids)) or [None]
        if dim == "content_type":
            return sorted({cat.items[i][3] for i in item_ids if i in cat.items}) or [0]
        if dim == "language":  # an airing of a playlist in two languages counts in both
            return sorted({cat.items[i][5] for i in item_ids if i in cat.items}) or [None]
        camps = {cat.items[i][4] for i in item_ids if i in cat.items} | {cat.playlists.get(k[4], ("", None))[1] if k[4] is not None else None}
        camps.discard(None)
        return sorted(camps) or [None]

    def row_keys(k: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        got = keys_of.get(k)
        if got is None:
            got = keys_of[k] = list(product(*(values(d, k) for d in by)))
        return got

    for k, c in cells.items():
        totals.add(c, k[0])
        for rk in row_keys(k):
            f = rows.get(rk)
            if f is None:
                f = rows[rk] = Figures()
            f.add(c, k[0])
    per_row: dict[tuple[tuple[Any, ...], str, str], int] = {}
    per_total: dict[tuple[str, str], int] = {}
    for k, bucket, text, count in reasons:
        per_total[(bucket, text)] = per_total.get((bucket, text), 0) + count
        for rk in row_keys(k):
            per_row[(rk, bucket, text)] = per_row.get((rk, bucket, text), 0) + count
    for (bucket, text), count in per_total.items():
        totals.add_reason(bucket, text, count)
    for (rk, bucket, text), count in per_row.items():
        rows[rk].add_reason(bucket, text, count)

    # -- feedback ----------------------------------------------------------------------------------------------
    under = cat.tree.descendants(scope) if scope is not None else None
    ep_chain_areas = {a.code for e in eps for a in cat.tree.chain(cat.endpoints[e][1])} if endpoints else set()
    for at, fb_area, item_id, camp in fb_rows:
        if under is not None and (fb_area is None or fb_area not in under):
            continue
        if endpoints and fb_area not in ep_chain_areas:
            continue
        totals.feedback += 1
        it = cat.items.get(item_id) if item_id is not None else None
        fd = at.astimezone(tz).date()
        per: list[list[Any]] = []
        for dim in by:
            if dim == "field":
                v: list[Any] = [it[1]] if it else []
            elif dim == "priority":
                v = [it[2]] if it else []
            elif dim == "content_type":
                v = [it[3]] if it else []
            elif dim == "language":
                v = [it[5]] if it else []
            elif dim == "item":
                v = [item_id] if item_id is not None else []
            elif dim == "campaign":
                cc = camp if camp is not None else (it[4] if it else None)
                v = [cc] if cc is not None else []
            elif dim == "area":
                v = [x for x in [_child_towards(cat.tree, scope, fb_area)] if x is not None]
            elif dim == "endpoint":
                v = []
            elif dim == "day":
                v = [fd.isoformat()]
            elif dim == "week":
                v = [week_key(fd)]
            else:
                v = [f"{fd.year}-{fd.month:02d}"]
            per.append(v)
        for rk in product(*per):
            rows.setdefault(rk, Figures()).feedback += 1

    out_rows: list[ReportRow] = []
    for rk in sorted(
        rows,
        key=lambda t: tuple((x is None, str(x) if not isinstance(x, int) else f"{x:09d}") for x in t),
    ):
        f = rows[rk]
        f.close()
        labels = tuple(_value_label(d, v, cat) for d, v in zip(by, rk, strict=True))
        out_rows.append(ReportRow(rk, " / ".join(labels), labels, f))
    totals.close()

    return Report(
        period,
        until,
        scope,
        scope_name,
        by,
        out_rows,
        totals,
        av_rows,
        engine_down_s,
        down,
    )


def _item_ids(text: Any) -> list[int]:
    if text is None:
        return []
    v = json.loads(text) if isinstance(text, str) else text
    return [int(x) for x in v or [] if x is not None]


def _value_label(dim: str, v: Any, cat: _Catalog) -> str:
    if dim == "field":
        return field_label(v)
    if dim == "priority":
        return priority_label(v)
    if dim == "content_type":
        return content_type_label(v)
    if dim == "item":
        return cat.items[v][0] if v in cat.items else (_("no item") if v is None else f"#{v}")
    if dim == "campaign":
        return cat.campaigns.get(v, _("no campaign")) if v is not None else _("no campaign")
    if dim == "language":
        return str(v) if v is not None else _("no language")
    if dim == "area":
        return cat.tree.areas[v].name if v in cat.tree.areas else _("unknown")
    if dim == "endpoint":
        return cat.endpoints[v][0] if v in cat.endpoints else str(v)
    return str(v)


def _unrecorded(
    session: Session,
    down: list[tuple[datetime, datetime]],
    start: datetime,
    until: datetime,
    eps: set[str],
    cat: _Catalog,
) -> Iterable[tuple[str, int | None, int, list[int], int, datetime]]:
    """Planned occurrences (first segments that the plan meant to air) in the times no engine ran,
    with no as-run row: (endpoint, field, priority, item ids, playlist, start)."""
    if not down or not eps:
        return
    from .planner import iter_timelines, load_input

    windows = availability.merge((max(start, a - DOWN_MARGIN), min(until, b + DOWN_MARGIN)) for a, b in down)
    could_start = _start_times(session, {cat.tree.tz_name(a) for a in {cat.endpoints[e][1] for e in eps if e in cat.endpoints}})
    # e.g. the PC off at night, in quiet hours: nothing was planned to start then
    windows = [w for w in windows if could_start(*w)]
    if not windows:
        return
    inp = load_input(session)
    created = {i: c for i, c in session.execute(select(Schedule.id, Schedule.created_at))}
    plan_eps = sorted(e for e in eps if e in inp.endpoints)
    for w0, w1 in windows:
        lo, hi = w0.timestamp(), w1.timestamp()
        recorded: set[str] | None = None
        for ep, timeline in iter_timelines(inp, w0, w1, plan_eps):
            for o in timeline:
                if o.segment or o.status != "ok" or not (lo <= o.start < hi) or o.schedule_id is None:
                    continue
                made = created.get(o.schedule_id)
                if made is not None and o.start_dt < made:
                    continue  # the schedule did not exist yet
                if recorded is None:
                    recorded = _recorded_keys(session, w0 - timedelta(hours=6), w1 + timedelta(hours=6))
                if o.key in recorded:
                    continue
                pl = inp.playlists.get(o.playlist_id)
                item_ids = [e.item_id for e in pl.entries if e.item_id is not None] if pl else []
                fields = [inp.items[i].field for i in item_ids if i in inp.items]
                yield (
                    ep.code,
                    (min(fields) if fields else None),
                    o.tier,
                    item_ids,
                    o.playlist_id,
                    o.start_dt,
                )


def _start_times(session: Session, zones: set[str]) -> Any:
    """A quick, conservative test "could any planned occurrence start in [a, b)?" from the
    wall-clock times of the schedules (with their repeats and moved days) in the endpoints'
    zones, read with three small queries (the planner's snapshot is loaded only when it passes):
    an occurrence pushed back by the ones before it starts at most the longest programme after a
    scheduled time, so the test looks that much further back."""
    from bisect import bisect_left

    from .models import Item, PlaylistEntry, ScheduleException
    from .timeutil import parse_time

    lengths: dict[int, float] = {}
    for pid, item_s, relay_s in session.execute(
        select(PlaylistEntry.playlist_id, Item.duration_s, PlaylistEntry.relay_duration_s).outerjoin(Item, Item.id == PlaylistEntry.item_id)
    ):
        lengths[pid] = lengths.get(pid, 0.0) + float(item_s or relay_s or 0.0)
    longest_pl = max(lengths.values(), default=0.0)
    moved = [
        t for (text,) in session.execute(select(ScheduleException.to_time).where(ScheduleException.action == "move")) for t in (text or "").split(",") if t
    ]
    secs: set[float] = set()
    longest = 0.0
    for pid, times, repeat, gap, collision in session.execute(
        select(Schedule.playlist_id, Schedule.times, Schedule.repeat, Schedule.repeat_gap_s, Schedule.collision)
    ):
        length = lengths.get(pid, 0.0)
        rep, gap = max(1, int(repeat or 1)), float(gap or 0.0)
        wait = float(collision.split(":", 1)[1]) if str(collision).startswith("wait:") else 0.0
        longest = max(longest, max(length, longest_pl) * rep + gap * (rep - 1) + wait)
        for t in [*(times or []), *moved]:
            tt = parse_time(str(t))
            base = tt.hour * 3600 + tt.minute * 60 + tt.second
            for k in range(rep):
                secs.add((base + k * (length + gap)) % 86400)
    marks = sorted(secs)
    back = timedelta(seconds=max(3600.0, 2 * longest))

    def could(a: datetime, b: datetime) -> bool:
        if not marks:
            return False
        a = a - back
        if b - a >= timedelta(hours=23):
            return True
        for z in sorted(zones):
            la, lb = a.astimezone(zone(z)), b.astimezone(zone(z))
            x = la.hour * 3600 + la.minute * 60 + la.second + la.microsecond / 1e6
            y = lb.hour * 3600 + lb.minute * 60 + lb.second + lb.microsecond / 1e6
            spans = [(x, y)] if la.date() == lb.date() else [(x, 86400.0), (0.0, y)]
            for lo, hi in spans:
                i = bisect_left(marks, lo)
                if i < len(marks) and marks[i] <= hi:
                    return True
        return False

    return could


def _recorded_keys(session: Session, start: datetime, end: datetime) -> set[str]:
    return set(session.scalars(select(AsRunRecord.occurrence_key).where(AsRunRecord.planned_start >= start, AsRunRecord.planned_start < end)))
