"""A report data set built the way the engine would leave it: a commune with three villages and
four endpoints, three schedules of items in four fields and two campaigns, as-run rows with every
outcome for 1-10 March 2027, a day (4 March) with no engine, ad-hoc and follow-up airings, and
citizen feedback. ``build`` returns what the test knows independently of the report code."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select

from schedules import availability, campaigns, feedback, lease
from schedules.areas import add_area
from schedules.models import (
    AsRunRecord,
    Endpoint,
    EngineLease,
    Item,
    Playlist,
    PlaylistEntry,
    Rendition,
    Schedule,
    ScheduleTarget,
)
from schedules.planner import occurrence_key
from schedules.timeutil import zone

TZ = zone("Asia/Ho_Chi_Minh")
FIRST = date(2027, 3, 1)
NOW = datetime(2027, 3, 10, 12, 0, tzinfo=TZ)
NO_ENGINE_DAY = date(2027, 3, 4)
FRAME_S = 1152 / 44100
AREA_OF = {"E1": "V1", "E2": "V1", "E3": "V2", "E4": "V3"}
# schedule id -> (playlist, local time, endpoints, field stored on rows, campaigns of the airing)
SCHEDULES: dict[int, tuple[int, time, tuple[str, ...], int, frozenset[str]]] = {
    1: (
        1,
        time(5, 30),
        ("E1", "E2", "E3", "E4"),
        3,
        frozenset({"Tiêm chủng mở rộng 2027"}),
    ),
    2: (2, time(17, 0), ("E1", "E2", "E3", "E4"), 4, frozenset({"Chuyển đổi số"})),
    3: (3, time(11, 0), ("E1", "E2"), 5, frozenset()),
}
OUTCOMES = [
    ("completed", True),
    ("completed", True),
    ("partial", True),
    ("preempted", True),
    ("preempted", False),
    ("stopped", True),
    ("interrupted", True),
    ("interrupted", False),
    ("skipped", False),
    ("missed", False),
    ("failed", False),
    ("completed", True),
    ("completed", True),
]


@dataclass
class Airing:
    """One planned airing as the test knows it (recorded or not)."""

    endpoint: str
    schedule: int | None
    day: date
    field: int
    campaigns: frozenset[str]
    outcome: str | None  # None: no row (no engine)
    frames: int = 0
    verified: bool = False
    on_time: bool = False


@dataclass
class DataSet:
    airings: list[Airing] = field(default_factory=list)
    extra_frames: dict[str, int] = field(default_factory=dict)  # follow-up rows' frames per endpoint
    feedback: list[dict[str, Any]] = field(default_factory=list)


def _local(d: date, t: time) -> datetime:
    return datetime.combine(d, t, tzinfo=TZ).astimezone(UTC)


def build(ws: Any) -> DataSet:
    ds = DataSet()
    with ws.session() as s:
        add_area(s, "X1", "Xã Tân Lập", "commune")
        for code, name in [
            ("V1", "Thôn Đông"),
            ("V2", "Thôn Đoài"),
            ("V3", "Thôn Trung"),
        ]:
            add_area(s, code, name, "village", parent="X1")
        for code, area in AREA_OF.items():
            s.add(
                Endpoint(
                    code=code,
                    name=f"Cụm loa {code}",
                    area_code=area,
                    url=f"http://127.0.0.1:9/{code}",
                )
            )
        if s.get(EngineLease, 1) is None:
            s.add(EngineLease(id=1))
        c1 = campaigns.add_campaign(
            s,
            "Tiêm chủng mở rộng 2027",
            stage="before",
            start=date(2027, 2, 15),
            end=date(2027, 4, 30),
        )
        c2 = campaigns.add_campaign(s, "Chuyển đổi số", stage="after")
        s.flush()
        made = datetime(2027, 1, 1, tzinfo=UTC)
        for iid, title, fld, camp in [
            (1, "Tiêm chủng cho trẻ", 3, c1.id),
            (2, "Dịch vụ công trực tuyến", 4, None),
            (3, "Gương người tốt", 6, None),
            (4, "Kỹ thuật trồng lúa", 5, None),
        ]:
            s.add(
                Item(
                    id=iid,
                    title=title,
                    field=fld,
                    priority=3,
                    state="approved",
                    duration_s=60.0,
                    media_sha256=f"{iid:064d}",
                    campaign_id=camp,
                    created_at=made,
                )
            )
            s.add(
                Rendition(
                    item_id=iid,
                    format="mp3-64k-mono",
                    preset_key="p",
                    path=f"r/{iid}.mp3",
                    sha256=f"{iid:064x}",
                    size=1,
                    duration_s=60.0,
                    frames=2297,
                )
            )
        for pid, name, items, camp in [
            (1, "Sáng", [1], None),
            (2, "Chiều", [2, 3], c2.id),
            (3, "Trưa", [4], None),
        ]:
            s.add(Playlist(id=pid, name=name, campaign_id=camp, created_at=made))
            s.flush()
            for pos, iid in enumerate(items):
                s.add(PlaylistEntry(playlist_id=pid, position=pos, item_id=iid))
        for sid, (pid, t, _eps, _f, _c) in SCHEDULES.items():
            s.add(
                Schedule(
                    id=sid,
                    playlist_id=pid,
                    mode="daily",
                    times=[t.strftime("%H:%M:%S")],
                    start_date=date(2027, 1, 1),
                    created_at=made,
                )
            )
            s.flush()
            s.add(ScheduleTarget(schedule_id=sid, code="X1" if sid != 3 else "V1"))

    # engine runs: 1-3 March, then none on 4 March, then from 5 March on (still running now)
    with ws.session() as s:
        assert lease.acquire(s, "eng-1", "pc", 1, datetime.combine(FIRST, time(0, 0), tzinfo=TZ))
        lease.heartbeat(s, "eng-1", datetime.combine(date(2027, 3, 3), time(23, 59, 58), tzinfo=TZ))
        lease.release(s, "eng-1", datetime.combine(date(2027, 3, 3), time(23, 59, 59), tzinfo=TZ))
        assert lease.acquire(
            s,
            "eng-2",
            "pc",
            2,
            datetime.combine(date(2027, 3, 5), time(0, 0), tzinfo=TZ),
        )
        lease.heartbeat(s, "eng-2", NOW - timedelta(seconds=2))
    # endpoint status as the engine saw it: E2 offline 6-7 March (a power cut), E4 offline
    # every night from 5 March (a 4G modem that drops), E1 and E3 always online
    with ws.session() as s:
        for d0 in (FIRST, date(2027, 3, 5)):
            for code in AREA_OF:
                availability.note_endpoint_status(s, code, True, datetime.combine(d0, time(0, 0), tzinfo=TZ), None)
        availability.note_endpoint_status(s, "E2", False, datetime(2027, 3, 6, 0, 0, tzinfo=TZ), "connection refused")
        availability.note_endpoint_status(s, "E2", True, datetime(2027, 3, 8, 0, 0, tzinfo=TZ), None)
        for day in range(5, 10):
            availability.note_endpoint_status(s, "E4", False, datetime(2027, 3, day, 22, 0, tzinfo=TZ), "timed out")
            availability.note_endpoint_status(s, "E4", True, datetime(2027, 3, day + 1, 4, 0, tzinfo=TZ), None)

    n = 0
    with ws.session() as s:
        d = FIRST
        while d <= NOW.date():
            for sid, (pid, t, eps, fld, camps) in SCHEDULES.items():
                start = _local(d, t)
                if start >= NOW:
                    continue
                for ep in eps:
                    key = occurrence_key(sid, ep, start.timestamp(), 0)  # the first (0th) repeat
                    if d == NO_ENGINE_DAY:
                        if sid == 1:  # the next engine's recovery wrote the morning's rows
                            s.add(
                                AsRunRecord(
                                    occurrence_key=key,
                                    schedule_id=sid,
                                    endpoint_code=ep,
                                    playlist_id=pid,
                                    items=[1],
                                    field=fld,
                                    planned_start=start,
                                    outcome="missed",
                                    reason="the engine was not running at that time",
                                )
                            )
                            ds.airings.append(Airing(ep, sid, d, fld, camps, "missed"))
                        else:
                            ds.airings.append(Airing(ep, sid, d, fld, camps, None))
                        continue
                    outcome, content = OUTCOMES[n % len(OUTCOMES)]
                    n += 1
                    frames = (1000 + n) if content else 0
                    late = 3.0 if n % 5 == 0 else 0.2
                    verified = content and n % 3 == 0
                    actual = start + timedelta(seconds=late) if content else None
                    items = {1: [1], 2: [2, 3], 3: [4]}[pid]
                    s.add(
                        AsRunRecord(
                            occurrence_key=key,
                            schedule_id=sid,
                            endpoint_code=ep,
                            playlist_id=pid,
                            items=items,
                            field=fld,
                            planned_start=start,
                            planned_end=start + timedelta(seconds=60 * len(items)),
                            actual_start=actual,
                            outcome=outcome,
                            reason=None if outcome == "completed" else f"reason {outcome}",
                            bytes_sent=frames * 200,
                            frames_sent=frames,
                            verified=verified or None,
                        )
                    )
                    aired = outcome in ("completed", "partial") or (outcome in ("preempted", "interrupted") and content)
                    ds.airings.append(
                        Airing(
                            ep,
                            sid,
                            d,
                            fld,
                            camps,
                            outcome if outcome not in ("preempted", "interrupted") else ("aired" if content else "missed"),
                            frames,
                            bool(verified),
                            aired and late <= 1.0,
                        )
                    )
                    if outcome == "preempted" and content:  # the rest aired after the interruption
                        # as the engine writes it: resuming 30 s into the programme, pointing at
                        # the preempted row (older rows: only the key says it, ":r")
                        s.flush()
                        first_id = s.scalar(select(AsRunRecord.id).where(AsRunRecord.occurrence_key == key))
                        s.add(
                            AsRunRecord(
                                occurrence_key=key + ":r",
                                resumes_run=first_id if n % 2 else None,
                                offset_s=30.0,
                                schedule_id=sid,
                                endpoint_code=ep,
                                playlist_id=pid,
                                items=items,
                                field=fld,
                                planned_start=start,
                                actual_start=start + timedelta(seconds=90),
                                outcome="completed",
                                bytes_sent=400,
                                frames_sent=500,
                                verified=True,
                            )
                        )
                        ds.extra_frames[ep] = ds.extra_frames.get(ep, 0) + 500
            d += timedelta(days=1)
        # an ad-hoc airing (broadcast now) of item 4 on E3
        at = datetime(2027, 3, 2, 9, 0, tzinfo=TZ)
        s.add(
            AsRunRecord(
                occurrence_key="c1:E3",
                command_id=1,
                endpoint_code="E3",
                playlist_id=None,
                items=[4],
                field=5,
                planned_start=at,
                actual_start=at,
                outcome="completed",
                bytes_sent=1,
                frames_sent=700,
                verified=True,
            )
        )
        ds.airings.append(Airing("E3", None, at.date(), 5, frozenset(), "completed", 700, True, True))
        for fb in [
            {
                "area": "V2",
                "item_id": 1,
                "campaign": None,
                "kind": "question",
                "channel": "phone",
                "at": datetime(2027, 3, 2, 8, 0, tzinfo=TZ),
            },
            {
                "area": "V1",
                "item_id": None,
                "campaign": "Chuyển đổi số",
                "kind": "suggestion",
                "channel": "zalo",
                "at": datetime(2027, 3, 6, 19, 0, tzinfo=TZ),
            },
            {
                "area": "X1",
                "item_id": None,
                "campaign": None,
                "kind": "complaint",
                "channel": "meeting",
                "at": datetime(2027, 3, 8, 9, 0, tzinfo=TZ),
            },
            {
                "area": "V3",
                "item_id": 3,
                "campaign": None,
                "kind": "praise",
                "channel": "letter",
                "at": datetime(2027, 2, 20, 9, 0, tzinfo=TZ),
            },  # before the period
        ]:
            feedback.add_feedback(
                s,
                received_at=fb["at"],
                channel=fb["channel"],
                kind=fb["kind"],
                text="Bà con hỏi về lịch tiêm",
                area=fb["area"],
                item_id=fb["item_id"],
                campaign=fb["campaign"],
            )
            ds.feedback.append(fb)
    return ds
