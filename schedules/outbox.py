"""The transactional outbox for the provincial information system (HTTTN).

Every message to the province is written here in the *caller's* session, so it commits (or rolls
back) with the change that causes it: nothing is lost across a crash or a network cut, nothing is
sent for a change that did not happen. ``broadcast.httn.sender`` drains it in id order per key
(one key per bulletin), with retries; the province receives each message at least once and
treats repeats as one (the ids are LoaXa's).

The hooks called from the domain services (one call each, doing nothing when no province server is
set up): :func:`schedule_changed`, :func:`schedule_removed`, :func:`item_approved`,
:func:`airing_closed`; the puller reports receipts with :func:`receipt`, the sender endpoint status
with :func:`endpoint_status`.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from . import httn
from .clock import SYSTEM_CLOCK, Clock
from .formats import DEFAULT_FORMAT
from .models import (
    AsRunRecord,
    Endpoint,
    HttnBulletin,
    HttnMessage,
    HttnState,
    Item,
    Rendition,
    Schedule,
    Setting,
)
from .timeutil import DEFAULT_TZ, zone


def enqueue(session: Session, kind: str, key: str, payload: dict[str, Any], *, at: datetime | None = None) -> HttnMessage:
    """Add one message to the outbox in the caller's transaction, due at once: ``at`` (default
    the machine's time) is both its creation and its first attempt time."""
    if kind not in httn.KINDS:
        raise ValueError(f"unknown HTTTN message kind {kind!r}")
    now = at or SYSTEM_CLOCK.now()
    msg = HttnMessage(kind=kind, key=key, payload=payload, state="pending", attempts=0, next_attempt_at=now, created_at=now)
    session.add(msg)
    return msg


def bulletin_id(schedule_id: int | None, item_id: int, *, command_id: int | None = None) -> str:
    """LoaXa's BanTinId for an item as aired by one schedule (or one broadcast-now command)."""
    if schedule_id is not None:
        return f"S{schedule_id}-I{item_id}"
    return f"C{command_id or 0}-I{item_id}"


def _area_of(session: Session, code: str) -> str:
    ep = session.get(Endpoint, code)
    return ep.area_code if ep is not None else code


def _commune_area(session: Session) -> str:
    row = session.get(Setting, "httn.areas")
    areas = httn.check_areas(str(row.value) if row is not None else "")
    if areas:
        return areas[0]
    from .models import Area

    root = session.scalars(select(Area.code).where(Area.parent_code.is_(None)).order_by(Area.code)).first()
    return root or ""


def _times(sched: Schedule, offset_s: float, length_s: float, item_s: float) -> tuple[list[str], list[str]]:
    starts: list[str] = []
    ends: list[str] = []
    for t in sched.times:
        hh, mm, ss = (int(x) for x in t.split(":"))
        for k in range(max(1, sched.repeat)):
            base = hh * 3600 + mm * 60 + ss + offset_s + k * (length_s + sched.repeat_gap_s)
            for dst, v in ((starts, base), (ends, base + item_s)):
                v = round(v) % 86400
                dst.append(f"{v // 3600:02d}:{v % 3600 // 60:02d}:{v % 60:02d}")
    return starts, ends


def _lunar_dates(sched: Schedule, today: date) -> list[str]:
    """The solar dates a lunar schedule airs on, within its range (open ends: a year from today)."""
    from .rules import Rule, parse_lunar

    rule = Rule("lunar", (), start_date=sched.start_date, end_date=sched.end_date, lunar_days=parse_lunar(sched.monthly or ""))
    first = sched.start_date or today
    last = sched.end_date or first + timedelta(days=366)
    return [d.isoformat() for d in rule.dates(first, min(last, first + timedelta(days=366)))]


def lich_phat(sched: Schedule, offset_s: float, length_s: float, item_s: float, *, clock: Clock = SYSTEM_CLOCK) -> dict[str, Any]:
    """The schedule part of a bulletin (NgayBatDau, NgayKetThuc, CheDoPhat, LichPhat); an
    open-ended lunar schedule is announced from today in Vietnam (the clock's date there)."""
    starts, ends = _times(sched, offset_s, length_s, item_s)
    days: list[Any]
    if sched.mode == "once":
        days = [sched.once_date.isoformat()] if sched.once_date else []
    elif sched.mode == "weekly":
        days = httn.weekday_codes(sched.weekdays)
    elif sched.mode == "monthly":
        days = [sched.monthly or ""]
    elif sched.mode == "lunar":
        days = _lunar_dates(sched, clock.now().astimezone(zone(DEFAULT_TZ)).date())
    else:
        days = []
    first = sched.once_date or sched.start_date
    last = sched.once_date or sched.end_date
    return {
        "NgayBatDau": first.isoformat() if first else None,
        "NgayKetThuc": last.isoformat() if last else None,
        # the interface knows no lunar rule: a lunar schedule goes as its solar dates, "once" each
        "CheDoPhat": 1 if sched.mode == "lunar" else httn.CHE_DO_PHAT.get(sched.mode, 2),
        "LichPhat": {"ThoiDiemBatDau": starts, "ThoiDiemKetThuc": ends, "KieuLich": sched.mode, "DanhSachNgayPhat": days},
    }


def _pairs(sched: Schedule) -> list[tuple[Item, float]]:
    """The approved audio items of a schedule's playlist with their offset in the programme."""
    out: list[tuple[Item, float]] = []
    offset = 0.0
    for e in sched.playlist.entries:
        if e.item is not None:
            if e.item.state == "approved" and e.item.media_sha256:
                out.append((e.item, offset))
            offset += e.item.duration_s
        else:
            offset += e.relay_duration_s or 0.0
    return out


def _announced(session: Session, schedule_id: int) -> list[str]:
    """BanTinIds of this schedule announced to the province and not cancelled since."""
    prefix = f"bantin:S{schedule_id}-I"
    rows = session.execute(
        select(HttnMessage.kind, HttnMessage.key).where(HttnMessage.key.startswith(prefix), HttnMessage.kind.in_(("bantin", "huy"))).order_by(HttnMessage.id)
    )
    own = re.compile(rf"S{schedule_id}-I\d+")  # not the one-off bulletins of httn:// clusters
    live: dict[str, None] = {}
    for kind, key in rows:
        bid = key.split(":", 1)[1]
        if not own.fullmatch(bid):
            continue
        if kind == "bantin":
            live[bid] = None
        else:
            live.pop(bid, None)
    return list(live)


def _rendition(session: Session, item: Item) -> Rendition | None:
    rs = sorted(item.renditions, key=lambda r: (r.format != DEFAULT_FORMAT, r.id))
    return rs[0] if rs else None


def _bantin(session: Session, sched: Schedule, item: Item, offset: float, length: float) -> dict[str, Any]:
    r = _rendition(session, item)
    targets = sorted({_area_of(session, t.code) for t in sched.targets})
    remote = session.scalars(select(HttnBulletin.remote_id).where(HttnBulletin.item_id == item.id)).first()
    body: dict[str, Any] = {
        "BanTinId": bulletin_id(sched.id, item.id),
        "TieuDe": item.title,
        "LinhVuc": item.field,
        "LoaiBanTin": item.content_type,
        "MucDoUuTien": sched.priority or item.priority,
        "ThoiLuong": round(item.duration_s, 3),
        "TacGia": item.author or "",
        "NoiDungTomTat": item.summary or "",
        **lich_phat(sched, offset, length, item.duration_s),
        "NoiDung": {"Link": None},
        "DiaBanTao": _commune_area(session),
        "DanhSachDiaBanNhan": targets,
        "_media": {"sha256": r.sha256, "path": r.path} if r is not None else None,
    }
    if remote:
        body["BanTinGocId"] = remote  # the province's own bulletin this one airs
    return body


def cluster_bantin(session: Session, item: Item, bid: str, cluster: str, area: str, start_local: datetime, priority: int) -> dict[str, Any]:
    """A one-off bulletin for one cluster that plays from a schedule (an ``httn://`` endpoint):
    the province hands it to the cluster, which downloads the file and plays it at the instant."""
    r = _rendition(session, item)
    t = start_local.strftime("%H:%M:%S")
    end = (start_local + timedelta(seconds=item.duration_s)).strftime("%H:%M:%S")
    return {
        "BanTinId": bid,
        "TieuDe": item.title,
        "LinhVuc": item.field,
        "LoaiBanTin": item.content_type,
        "MucDoUuTien": priority,
        "ThoiLuong": round(item.duration_s, 3),
        "TacGia": item.author or "",
        "NoiDungTomTat": item.summary or "",
        "NgayBatDau": start_local.date().isoformat(),
        "NgayKetThuc": start_local.date().isoformat(),
        "CheDoPhat": httn.CHE_DO_PHAT["once"],
        "LichPhat": {"ThoiDiemBatDau": [t], "ThoiDiemKetThuc": [end], "KieuLich": "once", "DanhSachNgayPhat": [start_local.date().isoformat()]},
        "NoiDung": {"Link": None},
        "DiaBanTao": _commune_area(session),
        "DanhSachDiaBanNhan": [area],
        "DanhSachCumLoa": [cluster],
        "_media": {"sha256": r.sha256, "path": r.path} if r is not None else None,
    }


def schedule_changed(session: Session, schedule_id: int, *, only_new: bool = False) -> int:
    """Hook: a schedule was created or edited. Announces its approved items (bantin), reschedules
    those already announced (lichphat), cancels those no longer in it (huy). Returns messages added."""
    if not httn.configured(session):
        return 0
    session.flush()
    sched = session.get(Schedule, schedule_id)
    if sched is None:
        return 0
    before = set(_announced(session, schedule_id))
    pairs = _pairs(sched) if sched.enabled else []
    length = sum((e.item.duration_s if e.item is not None else (e.relay_duration_s or 0.0)) for e in sched.playlist.entries)
    n = 0
    now_ids: set[str] = set()
    for item, offset in pairs:
        bid = bulletin_id(sched.id, item.id)
        now_ids.add(bid)
        if bid in before:
            if only_new:
                continue
            enqueue(session, "lichphat", f"bantin:{bid}", {"BanTinId": bid, **lich_phat(sched, offset, length, item.duration_s)})
        else:
            enqueue(session, "bantin", f"bantin:{bid}", _bantin(session, sched, item, offset, length))
        n += 1
    for bid in sorted(before - now_ids) if not only_new else ():
        enqueue(session, "huy", f"bantin:{bid}", {"BanTinId": bid})
        n += 1
    return n


def announce_all(session: Session) -> int:
    """Announce every enabled schedule's approved items not yet announced (when HTTTN is set up)."""
    session.flush()
    return sum(
        schedule_changed(session, sid, only_new=True)
        for sid in list(session.scalars(select(Schedule.id).where(Schedule.enabled.is_(True)).order_by(Schedule.id)))
    )


def schedule_removed(session: Session, schedule_id: int) -> int:
    """Hook: a schedule is being removed: cancel every bulletin it announced."""
    if not httn.configured(session):
        return 0
    ids = _announced(session, schedule_id)
    for bid in ids:
        enqueue(session, "huy", f"bantin:{bid}", {"BanTinId": bid})
    return len(ids)


def item_approved(session: Session, item_id: int) -> int:
    """Hook: an item was approved: announce it for every enabled schedule that airs it."""
    if not httn.configured(session):
        return 0
    from .models import PlaylistEntry

    session.flush()
    sids = session.scalars(
        select(Schedule.id)
        .join(PlaylistEntry, PlaylistEntry.playlist_id == Schedule.playlist_id)
        .where(PlaylistEntry.item_id == item_id, Schedule.enabled.is_(True))
        .distinct()
    )
    return sum(schedule_changed(session, sid, only_new=True) for sid in list(sids))


def item_withdrawn(session: Session, item_id: int) -> int:
    """Hook: an item was rejected or retired: cancel every bulletin that announced it."""
    if not httn.configured(session):
        return 0
    rows = session.execute(
        select(HttnMessage.kind, HttnMessage.key)
        .where(HttnMessage.key.like(f"bantin:S%-I{item_id}"), HttnMessage.kind.in_(("bantin", "huy")))
        .order_by(HttnMessage.id)
    )
    live: dict[str, None] = {}
    for kind, key in rows:
        bid = key.split(":", 1)[1]
        if kind == "bantin":
            live[bid] = None
        else:
            live.pop(bid, None)
    for bid in live:
        enqueue(session, "huy", f"bantin:{bid}", {"BanTinId": bid})
    return len(live)


def airing_closed(session: Session, run_id: int) -> int:
    """Hook: an airing's as-run record was closed: one broadcast log (nhatky) per item in it."""
    if not httn.configured(session):
        return 0
    row = session.execute(
        select(
            AsRunRecord.schedule_id,
            AsRunRecord.command_id,
            AsRunRecord.endpoint_code,
            AsRunRecord.items,
            AsRunRecord.planned_start,
            AsRunRecord.actual_start,
            AsRunRecord.ended,
            AsRunRecord.outcome,
            AsRunRecord.reason,
            AsRunRecord.offset_s,
        ).where(AsRunRecord.id == run_id)
    ).first()
    if row is None or not row.items:
        return 0
    ids = [int(i) for i in row.items if isinstance(i, int | str) and str(i).isdigit()]
    durations = dict(session.execute(select(Item.id, Item.duration_s).where(Item.id.in_(ids))).all())
    remote = dict(session.execute(select(HttnBulletin.item_id, HttnBulletin.remote_id).where(HttnBulletin.item_id.in_(ids))).all())
    start = row.actual_start or row.planned_start
    aired_s = (row.ended - row.actual_start).total_seconds() if row.actual_start and row.ended else 0.0
    pos = 0.0  # seconds into the programme
    n = 0
    for iid in ids:
        dur = float(durations.get(iid, 0.0))
        item_end = pos + dur
        if item_end <= row.offset_s + 0.5:  # before where this airing began (a resumed one)
            pos = item_end
            continue
        began = start + timedelta(seconds=max(0.0, pos - row.offset_s))
        ok = row.outcome == "completed" or (row.actual_start is not None and item_end - row.offset_s <= aired_s + 0.5)
        bid = remote.get(iid) or bulletin_id(row.schedule_id, iid, command_id=row.command_id)
        payload = {
            "BanTinId": bid,
            "CumLoaId": row.endpoint_code,
            "ThoiDiemBatDau": httn.iso_utc(began),
            "ThoiLuong": round(min(dur, max(0.0, aired_s - max(0.0, pos - row.offset_s))) if row.actual_start else 0.0, 3),
            "LoaiNhatKy": httn.LOG_AIRING,
            "GiaTri": 1 if ok else 0,
            "MoTa": "" if ok else (row.reason or row.outcome),
            "_run": run_id,
        }
        enqueue(session, "nhatky", f"bantin:{bid}", payload)
        pos = item_end
        n += 1
    return n


def airings_closed(session: Session, run_ids: list[int]) -> int:
    """Hook: several airings closed at once (by the engine's batched writes, or interrupted by an
    engine that died)."""
    if not httn.configured(session):
        return 0
    return sum(airing_closed(session, rid) for rid in run_ids)


def receipt(session: Session, remote_id: str, accepted: bool, reason: str = "", *, clock: Clock = SYSTEM_CLOCK) -> HttnMessage:
    """Report upward that a province bulletin was accepted (imported) or refused, and why, as
    of the ``clock``'s time."""
    now = clock.now()
    return enqueue(
        session,
        "tiepnhan",
        f"bantin:{remote_id}",
        {"BanTinId": remote_id, "LoaiNhatKy": httn.LOG_RECEIPT, "GiaTri": 1 if accepted else 0, "MoTa": reason, "ThoiDiemBatDau": httn.iso_utc(now)},
        at=now,
    )


def endpoint_status(session: Session, ep: Endpoint, *, volume: int | None = None) -> HttnMessage:
    """Report one endpoint's status (TrangThaiHoatDong 1 working / 0 not, TrangThaiKetNoi 1/0)."""
    online = ep.status == "online"
    return enqueue(
        session,
        "trangthai",
        f"thietbi:{ep.code}",
        {
            "CumLoaId": ep.code,
            "TrangThaiHoatDong": 1 if ep.enabled and online else 0,
            "TrangThaiKetNoi": 1 if online else 0,
            "AmLuong": volume if volume is not None else 100,
        },
    )


# ---------------------------------------------------------------------------------------------
# State the operator sees


def note(session: Session, key: str, value: Any, *, clock: Clock = SYSTEM_CLOCK) -> None:
    """Remember one of the adapter's facts (last success, last error, last pull), updated at the
    ``clock``'s time."""
    row = session.get(HttnState, key)
    if row is None:
        session.add(HttnState(key=key, value=value, updated_at=clock.now()))
    else:
        row.value = value
        row.updated_at = clock.now()


def noted(session: Session, key: str) -> Any:
    row = session.get(HttnState, key)
    return None if row is None else row.value


def status(session: Session) -> dict[str, Any]:
    """Queue depth, oldest waiting message, last success, last error, refused messages."""
    depth = int(session.scalar(select(func.count()).select_from(HttnMessage).where(HttnMessage.state == "pending")) or 0)
    oldest = session.scalars(select(HttnMessage).where(HttnMessage.state == "pending").order_by(HttnMessage.id).limit(1)).first()
    failed = list(session.scalars(select(HttnMessage).where(HttnMessage.state == "failed").order_by(HttnMessage.id.desc()).limit(20)))
    n_failed = int(session.scalar(select(func.count()).select_from(HttnMessage).where(HttnMessage.state == "failed")) or 0)
    sent = int(session.scalar(select(func.count()).select_from(HttnMessage).where(HttnMessage.state == "sent")) or 0)
    return {
        "configured": httn.configured(session),
        "queue_depth": depth,
        "oldest_waiting": None
        if oldest is None
        else {"id": oldest.id, "kind": oldest.kind, "created_at": oldest.created_at.isoformat(), "attempts": oldest.attempts, "last_error": oldest.last_error},
        "sent": sent,
        "failed": n_failed,
        "refused": [{"id": m.id, "kind": m.kind, "key": m.key, "http_status": m.http_status, "reason": m.last_error} for m in failed],
        "last_success": noted(session, "last_success"),
        "last_error": noted(session, "last_error"),
        "last_pull": noted(session, "last_pull"),
    }


def day_iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
