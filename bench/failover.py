"""Failover: K kills of the active engine at random moments during airings to N endpoints, with a
standby beside it (both the real ``loaxa engine`` processes, default settings: lease stale after
8 s). After each kill the killed engine is started again, as the standby.

Printed, each beside its target (MISSED when missed, exit 1):
- the time from the kill until the standby airs the rest (median, max; target max <= 10 s);
- content lost per kill: seconds of the programme's timeline that no engine sent (median, max);
- duplicates: two records of one endpoint on air at the same time (target 0).

With ``--postgres`` the two engines are two PCs: a throw-away PostgreSQL server, each engine its
own data folder (its own PC name) and one shared media folder, as docs/standby.md sets them up.

Usage: python bench/failover.py [--kills 10] [--n 20] [--seed 1] [--postgres]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from _common import ROOT, ffmpeg

from broadcast import importer
from schedules import areas, endpoints, lease, playlists, scheduling
from schedules.asrun import runs_query
from schedules.timeutil import zone
from schedules.workspace import Workspace

CLIP_S = 20.0
EVERY_S = 30


def start(data: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    full = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.Popen(
        [sys.executable, "-m", "desktop.cli", "--data-dir", str(data), "engine", *extra], env=full, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def holder_pid(ws: Workspace) -> int | None:
    with ws.session() as s:
        info = lease.read(s, datetime.now(UTC))
    return info.pid if info.alive else None


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kills", type=int, default=10)
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--postgres", action="store_true", help="two PCs on a throw-away PostgreSQL server (else one SQLite file)")
    a = ap.parse_args()
    if not a.postgres:
        return run(a, None)
    from tests.support.postgres import PostgresServer

    srv = PostgresServer().start()
    try:
        return run(a, srv.database())
    finally:
        srv.close()


def run(a: argparse.Namespace, db_url: str | None) -> int:
    rnd = random.Random(a.seed)
    tmp = Path(tempfile.mkdtemp(prefix="loaxa-failover-"))
    clip = tmp / "clip.mp3"
    subprocess.run(
        [ffmpeg(), "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", f"sine=f=440:d={CLIP_S}", "-ac", "1", "-b:a", "64k", str(clip)], check=True
    )
    data = tmp / "data"
    # each PC: (data folder, environment); on SQLite both engines run on one PC
    env = {"LOAXA_DB": db_url, "LOAXA_MEDIA_DIR": str(tmp / "share")} if db_url else {}
    pcs = [(data, {**env, "LOAXA_PC_NAME": "PC-A"}), (tmp / "pc-b", {**env, "LOAXA_PC_NAME": "PC-B"})] if db_url else [(data, env), (data, env)]
    ws = Workspace.open(data, db_url, tmp / "share" if db_url else None)
    item = importer.import_files(ws, [clip], approve_by="bench", workers=1).added[0]["id"]
    first = (datetime.now(UTC) + timedelta(seconds=15)).replace(microsecond=0)
    airings = a.kills + 2
    tz = zone("Asia/Ho_Chi_Minh")
    times = ",".join((first + timedelta(seconds=EVERY_S * k)).astimezone(tz).strftime("%H:%M:%S") for k in range(airings))
    with ws.session() as s:
        areas.add_area(s, "X1", "Xã", "commune", quiet_hours="none")
        for k in range(a.n):
            endpoints.add_endpoint(s, f"e{k:02d}", f"Loa {k}", "X1", (tmp / f"out{k:02d}").as_uri())
        pl = playlists.create_playlist(s, "bench", [item])
        day = first.astimezone(tz).strftime("%Y-%m-%d")
        scheduling.add_schedule(s, playlist_id=pl.id, targets=["X1"], times=times, once=day)
    procs = [start(pcs[0][0], env=pcs[0][1]), None]
    kills: list[datetime] = []
    taken: list[float] = []  # seconds from each kill until the standby held the lease
    try:
        while holder_pid(ws) != procs[0].pid:  # type: ignore[union-attr]
            time.sleep(0.1)
        procs[1] = start(pcs[1][0], "--standby", env=pcs[1][1])
        time.sleep(3)
        for k in range(a.kills):
            at = first + timedelta(seconds=EVERY_S * k + rnd.uniform(2.0, CLIP_S - 4.0))
            time.sleep(max(0.0, (at - datetime.now(UTC)).total_seconds()))
            active = next(p for p in procs if p is not None and p.pid == holder_pid(ws))
            active.send_signal(signal.SIGKILL)
            kills.append(datetime.now(UTC))
            active.wait(10)
            i = procs.index(active)
            while holder_pid(ws) in (None, active.pid):
                time.sleep(0.1)
            taken.append((datetime.now(UTC) - kills[-1]).total_seconds())
            procs[i] = start(pcs[i][0], "--standby", env=pcs[i][1])
            print(f"kill {k + 1}/{a.kills} at +{(kills[-1] - first).total_seconds() - EVERY_S * k:.1f} s into an airing", flush=True)
        time.sleep(max(0.0, (first + timedelta(seconds=EVERY_S * (a.kills + 1) + CLIP_S + 5) - datetime.now(UTC)).total_seconds()))
    finally:
        for p in procs:
            if p is not None and p.poll() is None:
                p.terminate()
                p.wait(30)
    with ws.sessions() as s:
        rows = list(s.scalars(runs_query()))
    ws.close()
    takeover, lost = [], []
    for n, killed in enumerate(kills):
        until = kills[n + 1] if n + 1 < len(kills) else killed + timedelta(seconds=60)
        cont = [r for r in rows if r.resumes_run is not None and r.actual_start is not None and killed <= r.actual_start < until]
        if not cont:
            continue
        back = min(r.actual_start for r in cont if r.actual_start is not None)
        takeover.append((back - killed).total_seconds())
        lost.append(statistics.median((r.actual_start - killed).total_seconds() for r in cont if r.actual_start is not None))  # the timeline runs on meanwhile
    dup = 0
    by_ep: dict[str, list[tuple[datetime, datetime]]] = {}
    for r in rows:
        if r.actual_start is not None and r.ended is not None and r.outcome in ("completed", "partial", "preempted", "stopped"):
            by_ep.setdefault(r.endpoint_code, []).append((r.actual_start, r.ended))
    for spans in by_ep.values():
        spans.sort()
        dup += sum(1 for (s1, e1), (s2, _e2) in zip(spans, spans[1:], strict=False) if s2 < e1 - timedelta(seconds=0.5))
    interrupted = sum(1 for r in rows if r.outcome == "interrupted")
    pcs_seen = sorted({r.pc for r in rows if r.pc})
    print(
        f"failover ({'PostgreSQL, two PCs: ' + ', '.join(pcs_seen) if db_url else 'SQLite'}): {len(kills)} kills of the active engine during airings to {a.n} endpoints; {interrupted} airings cut off; after {len(takeover)} kills the rest was still due and aired (after the others the airing had ended before the takeover)"
    )
    print(f"standby took the lease: median {statistics.median(taken):.1f} s, max {max(taken):.1f} s after the kill")
    ok_take = bool(takeover) and max(takeover) <= 10.0 and max(taken) <= 10.0
    print(
        f"time until the standby airs: median {statistics.median(takeover) if takeover else float('nan'):.1f} s, max {max(takeover) if takeover else float('nan'):.1f} s (target max <= 10): {'met' if ok_take else 'MISSED'}"
    )
    print(
        f"content lost per kill (timeline seconds no engine sent): median {statistics.median(lost) if lost else float('nan'):.1f} s, max {max(lost) if lost else float('nan'):.1f} s"
    )
    print(f"duplicates: {dup} (target 0): {'met' if dup == 0 else 'MISSED'}")
    return 0 if ok_take and dup == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
