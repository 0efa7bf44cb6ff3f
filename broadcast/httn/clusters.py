"""Clusters that play from a schedule (``httn://CLUSTER-ID`` endpoints): store and forward.

Such a cluster does not listen to a stream: the province hands it a schedule and the MP3 files,
and it plays them by itself. So the engine does not stream to these endpoints; instead:

- :meth:`ClusterSync.push_plan` takes the planner's plan for the next hours (the same planner the
  engine uses) and puts one one-off bulletin per (occurrence, item) for the cluster in the outbox
  (``DanhSachCumLoa``), ahead of time; an occurrence that leaves the plan before it airs is
  cancelled (``huy``);
- :meth:`ClusterSync.pull_logs` reads what the clusters played (``GET /nhatky/cumloa``) and
  writes it as as-run records of the endpoint (not sent upward again: the province told us);
- :meth:`ClusterSync.pull_status` reads the clusters' status (``GET /thietbi/trangthai``) into
  the endpoint's status.
All database work here is synchronous and runs on the sender's database thread.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from schedules import httn, outbox, reporting_tally
from schedules.clock import Clock
from schedules.models import AsRunRecord, Endpoint, Item
from schedules.planner import iter_timelines, load_input
from schedules.timeutil import zone
from schedules.workspace import Workspace

log = logging.getLogger("loaxa.httn.clusters")

HORIZON_H = 48.0  # how far ahead cluster schedules are pushed
LEAD_S = 2.0  # an airing closer than this is not pushed any more (the cluster could not get it)
STATE = "cluster_pushed"


def _clusters(ws: Workspace) -> dict[str, tuple[str, str]]:
    with ws.session() as s:
        return {ep.code: (c, ep.area_code) for ep in s.scalars(select(Endpoint).where(Endpoint.enabled.is_(True))) if (c := httn.cluster_of(ep.url))}


class ClusterSync:
    def __init__(self, ws: Workspace, clock: Clock) -> None:
        self.ws = ws
        self.clock = clock

    def push_plan(self) -> int:
        """Enqueue bulletins for planned cluster airings not pushed yet and cancel those gone."""
        eps = _clusters(self.ws)
        now = self.clock.now()
        n = 0
        with self.ws.session() as s:
            if not httn.configured(s):
                return 0
            pushed: dict[str, Any] = dict(outbox.noted(s, STATE) or {})
            want: dict[str, dict[str, Any]] = {}
            if eps:
                inp = load_input(s)
                for ep, timeline in iter_timelines(inp, now, now + timedelta(hours=HORIZON_H), list(eps)):
                    cluster, area = eps[ep.code]
                    for occ in timeline:
                        if not occ.airs or occ.schedule_id is None:
                            continue
                        pl = inp.playlists.get(occ.playlist_id)
                        if pl is None:
                            continue
                        pos, seg_end = 0.0, occ.offset + (occ.end - occ.start)
                        for e in pl.entries:
                            begin, pos = pos, pos + e.duration_s
                            if e.item_id is None or begin < occ.offset - 0.5 or begin >= seg_end:
                                continue
                            start = occ.start + begin - occ.offset
                            bid = f"S{occ.schedule_id}-I{e.item_id}-{cluster}-{int(start)}"
                            want[bid] = {
                                "endpoint": ep.code,
                                "cluster": cluster,
                                "area": area,
                                "tz": ep.tz,
                                "schedule": occ.schedule_id,
                                "item": e.item_id,
                                "start": start,
                                "duration": e.duration_s,
                                "priority": occ.tier,
                                "playlist": occ.playlist_id,
                            }
            horizon_from = now.timestamp() + LEAD_S
            for bid, w in want.items():
                if bid in pushed or w["start"] < horizon_from:
                    continue
                item = s.get(Item, w["item"])
                if item is None:
                    continue
                local = datetime.fromtimestamp(w["start"], UTC).astimezone(zone(w["tz"]))
                outbox.enqueue(s, "bantin", f"bantin:{bid}", outbox.cluster_bantin(s, item, bid, w["cluster"], w["area"], local, w["priority"]))
                pushed[bid] = {k: w[k] for k in ("endpoint", "schedule", "item", "start", "duration", "priority", "playlist")} | {"title": item.title}
                n += 1
            for bid, p in list(pushed.items()):
                if bid not in want and p["start"] >= horizon_from:
                    outbox.enqueue(s, "huy", f"bantin:{bid}", {"BanTinId": bid})
                    del pushed[bid]
                    n += 1
                elif p["start"] < now.timestamp() - 7 * 86400:
                    del pushed[bid]  # long past: its log came or never will
            outbox.note(s, STATE, pushed, clock=self.clock)
        return n

    def record_logs(self, logs: list[Any]) -> int:
        """As-run records from the clusters' own logs (each once)."""
        n = 0
        with self.ws.session() as s:
            pushed: dict[str, Any] = dict(outbox.noted(s, STATE) or {})
            for lg in logs:
                if not isinstance(lg, dict):
                    continue
                bid = str(httn.field_of(lg, "BanTinId") or "")
                p = pushed.get(bid)
                if p is None:
                    continue
                key = f"httn:{bid}"
                if s.scalars(select(AsRunRecord.id).where(AsRunRecord.occurrence_key == key)).first() is not None:
                    continue
                planned = datetime.fromtimestamp(p["start"], UTC)
                began = httn.parse_instant(httn.field_of(lg, "ThoiDiemBatDau")) or planned
                dur = httn.parse_duration(httn.field_of(lg, "ThoiLuong"))
                ok = str(httn.field_of(lg, "GiaTri")) == "1"
                reason = str(httn.field_of(lg, "MoTa") or "") or None
                rec = AsRunRecord(
                    occurrence_key=key,
                    schedule_id=p["schedule"],
                    endpoint_code=p["endpoint"],
                    playlist_id=p.get("playlist"),
                    items=[p["item"]],
                    title=p.get("title"),
                    priority=p.get("priority") or 3,
                    planned_start=planned,
                    planned_end=planned + timedelta(seconds=p["duration"]),
                    actual_start=began if ok else None,
                    ended=began + timedelta(seconds=dur if dur is not None else p["duration"]),
                    outcome="completed" if ok else "failed",
                    reason=reason,
                    actor="HTTTN",
                )
                s.add(rec)
                s.flush()
                reporting_tally.settle(s, [rec.id])  # what it counts for in the reports
                n += 1
        return n

    def record_status(self, rows: list[Any]) -> int:
        """The clusters' status as the endpoints' status (written only when it changes)."""
        eps = _clusters(self.ws)
        by_cluster = {c: code for code, (c, _a) in eps.items()}
        n = 0
        now = self.clock.now()
        with self.ws.session() as s:
            for row in rows:
                if not isinstance(row, dict):
                    continue
                code = by_cluster.get(str(httn.field_of(row, "CumLoaId") or ""))
                if code is None:
                    continue
                ep = s.get(Endpoint, code)
                if ep is None:
                    continue
                online = str(httn.field_of(row, "TrangThaiKetNoi")) == "1"
                status = "online" if online else "offline"
                stale = ep.last_checked is None or (now - ep.last_checked).total_seconds() > 60
                if ep.status != status or stale:
                    ep.status = status
                    ep.last_checked = now
                    if online:
                        ep.last_seen = now
                    ep.last_error = None if online else "HTTTN: TrangThaiKetNoi 0"
                    n += 1
        return n
