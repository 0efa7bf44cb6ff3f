"""Report speed: one year × 500 endpoints × 6 airings a day (about 1.1 million as-run rows).

A province with 50 communes of 2 villages and 5 endpoints each, 6 daily schedules, 60 items in
the 6 fields and 3 campaigns, every outcome, 3 days with no engine (their airings left no rows:
the report replans them). The as-run rows are loaded in bulk, then given the tally the engine
writes as it closes each record (schedules.reporting_tally), and the database is analysed.
Measured in a fresh process on the data set (built once and kept in bench/out/):

- a month's report by field, and a year's by area and field, each against one hand-written SQL
  ``GROUP BY`` over the same rows in the same run (target: ratio <= 2; <= 0.5 s and <= 3 s);
- XLSX and PDF of the year's report (target <= 5 s each); peak RSS (target <= 300 MB).

Usage: python bench/report_speed.py [--endpoints 500] [--days 365] [--postgres]
       (a small run: --endpoints 50 --days 60)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import sys
import tempfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from _common import OUT, ROOT, run_python

TZ_OFFSET = timedelta(hours=7)
SLOTS = [time(5, 30), time(6, 0), time(11, 0), time(17, 0), time(17, 30), time(18, 0)]
OUTCOMES = ["completed"] * 90 + ["partial"] * 3 + ["missed"] * 2 + ["failed"] * 2 + ["stopped", "skipped", "preempted"]
FIRST = date(2027, 1, 1)


def _ts(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%d %H:%M:%S.%f")  # SQLAlchemy's SQLite DateTime text


def build(db_url: str, n_endpoints: int, days: int, seed: int = 5, *, nightly_off: bool = False) -> dict[str, object]:
    """Make the data set through the domain for the small tables and in bulk for the as-run rows."""
    from schedules import campaigns, lease
    from schedules.areas import add_area
    from schedules.models import (
        EngineLease,
        Item,
        Playlist,
        PlaylistEntry,
        Rendition,
        Schedule,
        ScheduleTarget,
    )
    from schedules.planner import occurrence_key
    from schedules.workspace import Workspace

    rnd = random.Random(seed)
    data_dir = Path(tempfile.mkdtemp(prefix="loaxa-bench-"))
    ws = Workspace.open(data_dir, db_url)
    communes = max(1, n_endpoints // 10)
    eps: list[tuple[str, str]] = []
    made = datetime(2026, 12, 1, tzinfo=UTC)
    with ws.session() as s:
        add_area(s, "P", "Tỉnh Thử Nghiệm", "province")
        for c in range(communes):
            add_area(s, f"C{c:03d}", f"Xã Số {c + 1}", "commune", parent="P")
            for v in range(2):
                add_area(s, f"C{c:03d}V{v}", f"Thôn {v + 1} xã {c + 1}", "village", parent=f"C{c:03d}")
        from schedules.models import Endpoint

        for i in range(n_endpoints):
            area = f"C{(i // 10) % communes:03d}V{(i // 5) % 2}"
            code = f"E{i:04d}"
            s.add(Endpoint(code=code, name=f"Cụm loa {i + 1}", area_code=area, url=f"http://127.0.0.1:9/{code}"))
            eps.append((code, area))
        if s.get(EngineLease, 1) is None:
            s.add(EngineLease(id=1))
        camps = [campaigns.add_campaign(s, name).id for name in ("Tiêm chủng mở rộng 2027", "Chuyển đổi số", "An toàn giao thông")]
        s.flush()
        for iid in range(1, 61):
            s.add(
                Item(
                    id=iid,
                    title=f"Bản tin {iid}",
                    field=(iid % 6) + 1,
                    priority=3,
                    state="approved",
                    duration_s=300.0,
                    media_sha256=f"{iid:064d}",
                    campaign_id=camps[iid % 4] if iid % 4 < 3 else None,
                    created_at=made,
                )
            )
            s.add(
                Rendition(item_id=iid, format="mp3-64k-mono", preset_key="p", path=f"r/{iid}.mp3", sha256=f"{iid:064x}", size=1, duration_s=300.0, frames=11484)
            )
        for pid, _t in enumerate(SLOTS, start=1):
            s.add(Playlist(id=pid, name=f"Chương trình {pid}", created_at=made))
            s.flush()
            for pos in range(2):
                s.add(PlaylistEntry(playlist_id=pid, position=pos, item_id=(pid - 1) * 10 + pos + 1))
        for sid, t in enumerate(SLOTS, start=1):
            s.add(Schedule(id=sid, playlist_id=sid, mode="daily", times=[t.strftime("%H:%M:%S")], start_date=date(2026, 12, 1), created_at=made))
            s.flush()
            s.add(ScheduleTarget(schedule_id=sid, code="P"))
    off_days = {FIRST + timedelta(days=d) for d in (days // 3, days // 3 + 1, 2 * days // 3)}
    with ws.session() as s:  # engine runs: everything but the off days (and nights, if asked)
        d = FIRST
        run = 0
        while nightly_off and d < FIRST + timedelta(days=days):  # the PC is on 04:30-22:30
            if d not in off_days:
                run += 1
                t0 = datetime.combine(d, time(4, 30), tzinfo=UTC) - TZ_OFFSET
                t1 = datetime.combine(d, time(22, 30), tzinfo=UTC) - TZ_OFFSET
                assert lease.acquire(s, f"bench-{run}", "pc", run, t0)
                lease.heartbeat(s, f"bench-{run}", t1)
                lease.release(s, f"bench-{run}", t1)
            d += timedelta(days=1)
        while not nightly_off and d < FIRST + timedelta(days=days):
            if d in off_days:
                d += timedelta(days=1)
                continue
            start_day = d
            while d < FIRST + timedelta(days=days) and d not in off_days:
                d += timedelta(days=1)
            run += 1
            t0 = datetime.combine(start_day, time(0, 0), tzinfo=UTC) - TZ_OFFSET
            t1 = datetime.combine(d, time(0, 0), tzinfo=UTC) - TZ_OFFSET - timedelta(seconds=1)
            assert lease.acquire(s, f"bench-{run}", "pc", run, t0)
            lease.heartbeat(s, f"bench-{run}", t1)
            lease.release(s, f"bench-{run}", t1)
    items_of = {pid: json.dumps([(pid - 1) * 10 + 1, (pid - 1) * 10 + 2]) for pid in range(1, 7)}
    field_of = {pid: min(((pid - 1) * 10 + 1) % 6 + 1, ((pid - 1) * 10 + 2) % 6 + 1) for pid in range(1, 7)}
    cols = "occurrence_key, schedule_id, endpoint_code, playlist_id, items, title, priority, field, planned_start, planned_end, actual_start, ended, outcome, reason, offset_s, bytes_sent, frames_sent, verified, created_at"
    marks = ", ".join(["?"] * 19) if db_url.startswith("sqlite") else ", ".join(["%s"] * 19)
    sql = f"INSERT INTO as_run ({cols}) VALUES ({marks})"
    con: Any
    if db_url.startswith("sqlite"):
        con = sqlite3.connect(db_url.removeprefix("sqlite:///"))
        con.execute("PRAGMA synchronous=OFF")
    else:
        import psycopg

        con = psycopg.connect(db_url.replace("postgresql+psycopg://", "postgresql://"))
    rows = 0
    d = FIRST
    batch: list[tuple[object, ...]] = []
    while d < FIRST + timedelta(days=days):
        if d not in off_days:
            for sid, t in enumerate(SLOTS, start=1):
                start = datetime.combine(d, t, tzinfo=UTC) - TZ_OFFSET
                for code, _area in eps:
                    outcome = rnd.choice(OUTCOMES)
                    content = outcome in ("completed", "partial", "stopped") or (outcome == "preempted" and rnd.random() < 0.5)
                    frames = 22968 if outcome == "completed" else (rnd.randint(1, 20000) if content else 0)
                    late = rnd.random() < 0.05
                    actual = start + timedelta(seconds=3.0 if late else 0.1) if content else None
                    st = start.replace(tzinfo=None)
                    pl = start.replace(tzinfo=None) + timedelta(seconds=600)
                    row: tuple[Any, ...] = (
                        occurrence_key(sid, code, start.timestamp(), 0),
                        sid,
                        code,
                        sid,
                        items_of[sid],
                        f"Chương trình {sid}",
                        3,
                        field_of[sid],
                        st,
                        pl,
                        actual.replace(tzinfo=None) if actual else None,
                        pl,
                        outcome,
                        None if outcome == "completed" else f"lý do {outcome}",
                        0.0,
                        frames * 209,
                        frames,
                        (rnd.random() < 0.3) if content else None,
                        st,
                    )
                    if db_url.startswith("sqlite"):
                        row = tuple(_ts(v) if isinstance(v, datetime) else v for v in row)
                    batch.append(row)
            if len(batch) >= 50000:
                _flush(con, sql, batch)
                rows += len(batch)
                batch = []
        d += timedelta(days=1)
    _flush(con, sql, batch)
    rows += len(batch)
    con.commit()
    con.close()
    from sqlalchemy import text

    from schedules import reporting_tally

    with ws.session() as s:  # what the engine writes as it closes each record (asrun.close_records)
        reporting_tally.settle_all(s)
    with ws.session() as s:
        s.execute(text("ANALYZE"))
    ws.close()
    return {"data_dir": str(data_dir), "rows": rows, "endpoints": n_endpoints, "days": days, "off_days": len(off_days), "nightly_off": nightly_off}


def _flush(con: object, sql: str, batch: list[tuple[object, ...]]) -> None:
    if not batch:
        return
    if isinstance(con, sqlite3.Connection):
        con.executemany(sql, batch)
    else:  # PostgreSQL: COPY, as a bulk load would
        cols = sql.split("(", 1)[1].split(")", 1)[0]
        with con.cursor() as cur, cur.copy(f"COPY as_run ({cols}) FROM STDIN") as cp:
            for row in batch:
                cp.write_row(row)


MEASURE = r"""
import json, sys, time, resource, tempfile
from datetime import datetime, UTC, date, timedelta
from pathlib import Path
from sqlalchemy import text
from schedules import reporting
from schedules.workspace import Workspace

data_dir, url, days = sys.argv[1], sys.argv[2], int(sys.argv[3])
ws = Workspace.open(data_dir, url)
now = datetime(2027, 1, 1, tzinfo=UTC) + timedelta(days=days)
year = reporting.period_of_dates(date(2027, 1, 1), date(2027, 1, 1) + timedelta(days=days - 1), "Asia/Ho_Chi_Minh")
month_first = date(2027, 1, 1) + timedelta(days=max(0, days - 31))
month = reporting.period_of_dates(month_first, month_first + timedelta(days=min(30, days - 1)), "Asia/Ho_Chi_Minh")

def best(fn, n=3):
    out = None
    times = []
    for _ in range(n):
        t0 = time.perf_counter(); out = fn(); times.append(time.perf_counter() - t0)
    return min(times), out

def hand_month():
    with ws.engine.connect() as c:
        return c.execute(text(
            "SELECT field, count(*), sum(CASE WHEN outcome IN ('completed','partial') THEN 1 ELSE 0 END), sum(frames_sent), "
            "sum(CASE WHEN verified THEN 1 ELSE 0 END) FROM as_run WHERE planned_start >= :a AND planned_start < :b GROUP BY field"
        ), {"a": month.start.replace(tzinfo=None), "b": month.end.replace(tzinfo=None)}).all()

def hand_year():
    with ws.engine.connect() as c:
        return c.execute(text(
            "SELECT e.area_code, r.field, count(*), sum(CASE WHEN r.outcome IN ('completed','partial') THEN 1 ELSE 0 END), sum(r.frames_sent), "
            "sum(CASE WHEN r.verified THEN 1 ELSE 0 END) FROM as_run r JOIN endpoints e ON e.code = r.endpoint_code "
            "WHERE r.planned_start >= :a AND r.planned_start < :b GROUP BY e.area_code, r.field"
        ), {"a": year.start.replace(tzinfo=None), "b": year.end.replace(tzinfo=None)}).all()

def rep(period, by):
    with ws.sessions() as s:
        return reporting.build_report(s, period, by=by, area="P", now=now)

t_hm, _r = best(hand_month)
t_rm, rm = best(lambda: rep(month, ["field"]))
t_hy, _r = best(hand_year)
t_ry, ry = best(lambda: rep(year, ["area", "field"]))
extra = [rep(year, ["area"]), rep(year, ["campaign"])]
out_dir = Path(tempfile.mkdtemp())
from desktop import reports_export, reports_pdf
t0 = time.perf_counter(); reports_export.write_xlsx([ry, *extra], out_dir / "year.xlsx"); t_x = time.perf_counter() - t0
t0 = time.perf_counter(); reports_pdf.write_report_pdf([ry, *extra], out_dir / "year.pdf", authority="Tỉnh Thử Nghiệm"); t_p = time.perf_counter() - t0
print(json.dumps({
    "month_report_s": t_rm, "month_groupby_s": t_hm, "year_report_s": t_ry, "year_groupby_s": t_hy,
    "xlsx_s": t_x, "pdf_s": t_p, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "year_planned": ry.totals.planned, "year_rows": len(ry.rows), "month_planned": rm.totals.planned,
    "missed_no_engine": dict(ry.totals.top_reasons("missed", 10)).get("phần mềm phát không chạy", 0) + dict(ry.totals.top_reasons("missed", 10)).get("engine not running", 0),
}))
"""


def measure(info: dict[str, object], url: str, label: str) -> dict[str, float]:
    r = run_python(MEASURE, str(info["data_dir"]), url, str(info["days"]))
    ratio_m = r["month_report_s"] / r["month_groupby_s"]
    ratio_y = r["year_report_s"] / r["year_groupby_s"]
    nights = ", the PC off every night" if info.get("nightly_off") else ""
    print(f"[{label}] {info['rows']:,} as-run rows, {info['endpoints']} endpoints, {info['days']} days ({info['off_days']} with no engine{nights})")
    print(f"  month by field:        report {r['month_report_s']:.3f} s, GROUP BY {r['month_groupby_s']:.3f} s, ratio {ratio_m:.2f} (target <= 2; <= 0.5 s)")
    print(f"  year by area and field: report {r['year_report_s']:.3f} s, GROUP BY {r['year_groupby_s']:.3f} s, ratio {ratio_y:.2f} (target <= 2; <= 3 s)")
    print(f"  XLSX of the year {r['xlsx_s']:.2f} s, PDF {r['pdf_s']:.2f} s (target <= 5 s each); peak RSS {r['peak_rss_mb']:.0f} MB (target <= 300)")
    print(f"  year: {r['year_planned']:,} planned airings ({r['missed_no_engine']:,} missed with no engine), {r['year_rows']} rows")
    return r


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--endpoints", type=int, default=500)
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--postgres", action="store_true", help="also on a throw-away PostgreSQL server")
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--nightly-off", action="store_true", help="the PC is off every night (22:30-04:30): a gap in the engine runs each day")
    a = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    keep = OUT / f"report_speed_{a.endpoints}x{a.days}{'-nightly' if a.nightly_off else ''}.json"
    info: dict[str, object] | None = json.loads(keep.read_text()) if keep.exists() and not a.rebuild else None
    if info is None or not Path(str(info["data_dir"])).exists():
        t0 = datetime.now()
        d = Path(tempfile.mkdtemp(prefix="loaxa-bench-"))
        info = build(f"sqlite:///{(d / 'loaxa.db').as_posix()}", a.endpoints, a.days, nightly_off=a.nightly_off)
        info["data_dir"] = str(d)
        keep.write_text(json.dumps(info))
        print(f"built the SQLite data set in {(datetime.now() - t0).total_seconds():.0f} s")
    measure(info, f"sqlite:///{Path(str(info['data_dir'])) / 'loaxa.db'}", "SQLite")
    if a.postgres:
        sys.path.insert(0, str(ROOT))
        from tests.support.postgres import PostgresServer

        srv = PostgresServer().start()
        try:
            url = srv.database()
            t0 = datetime.now()
            pinfo = build(url, a.endpoints, a.days, nightly_off=a.nightly_off)
            print(f"built the PostgreSQL data set in {(datetime.now() - t0).total_seconds():.0f} s")
            measure(pinfo, url, "PostgreSQL")
        finally:
            srv.close()
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())
