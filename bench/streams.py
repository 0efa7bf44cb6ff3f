"""Streaming cost: N concurrent 64 kbps airings for 60 s from one engine process, against
`ffmpeg -re -i FILE -c copy -f mp3 icecast://...` processes doing the same in the same run.

CPU is read from /proc (user + system) over the same steady 60-second window for both. The
ffmpeg baseline runs at 50 streams or fewer (each costs 1-4 % of a core; 500 would not keep real
time on 2 cores); its cost per stream is what is compared. Target: ratio <= 0.1 for every N;
500 streams within one core (engine CPU seconds per wall second < 1).

Usage: python bench/streams.py [--n 100 200 500] [--baseline 50] [--seconds 60]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from _common import ROOT, ffmpeg

from broadcast import importer
from schedules import areas, endpoints, playlists, scheduling
from schedules.timeutil import zone
from schedules.workspace import Workspace
from tests.support.icecast import IcecastServer

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def raise_nofile() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def make_clip(tmp: Path, seconds: float) -> Path:
    out = tmp / "programme.mp3"
    subprocess.run(
        [ffmpeg(), "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", f"sine=f=440:d={seconds}", "-ac", "1", "-ar", "44100", "-b:a", "64k", str(out)],
        check=True,
    )
    return out


def engine_run(n: int, seconds: float, clip: Path, tmp: Path) -> tuple[float, float]:
    srv = IcecastServer(sources=n + 10, clients=2 * n + 50)
    raise_nofile()
    srv.start()
    data = tmp / f"data-{n}"
    ws = Workspace.open(data)
    try:
        rep = importer.import_files(ws, [clip], approve_by="bench", workers=1)
        item = rep.added[0]["id"]
        lead = 10 + n / 50  # time to start the engine and connect every mount
        t0 = (datetime.now(UTC) + timedelta(seconds=lead + 5)).replace(microsecond=0)
        loc = t0.astimezone(zone("Asia/Ho_Chi_Minh"))
        with ws.session() as s:
            areas.add_area(s, "X1", "Xã", "commune", quiet_hours="none")
            for k in range(n):
                endpoints.add_endpoint(s, f"e{k:03d}", f"Loa {k}", "X1", srv.source_url(f"m{k:03d}"))
            pl = playlists.create_playlist(s, "bench", [item])
            scheduling.add_schedule(s, playlist_id=pl.id, targets=["X1"], times=loc.strftime("%H:%M:%S"), once=loc.strftime("%Y-%m-%d"))
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        eng = subprocess.Popen(
            [sys.executable, "-m", "desktop.cli", "--data-dir", str(data), "engine", "--for", str(lead + seconds + 25)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=raise_nofile,
        )
        start = t0 + timedelta(seconds=5)  # steady state: every airing under way
        while datetime.now(UTC) < start:
            time.sleep(0.05)
        c0, w0 = cpu_seconds(eng.pid), time.monotonic()
        time.sleep(seconds)
        c1, w1 = cpu_seconds(eng.pid), time.monotonic()
        eng.terminate()
        eng.wait(60)
        from schedules.asrun import runs_query

        with ws.sessions() as s:
            on_time = sum(1 for r in s.scalars(runs_query()) if r.actual_start is not None and abs((r.actual_start - r.planned_start).total_seconds()) < 0.5)
        if on_time < n:
            print(f"  warning: only {on_time}/{n} airings started within 0.5 s")
        return c1 - c0, w1 - w0
    finally:
        ws.close()
        srv.close()


def ffmpeg_run(n: int, seconds: float, clip: Path) -> tuple[float, float]:
    srv = IcecastServer(sources=n + 10, clients=2 * n + 50)
    raise_nofile()
    srv.start()
    try:
        procs = [
            subprocess.Popen(
                [
                    ffmpeg(),
                    "-nostdin",
                    "-loglevel",
                    "error",
                    "-re",
                    "-i",
                    str(clip),
                    "-c",
                    "copy",
                    "-content_type",
                    "audio/mpeg",
                    "-f",
                    "mp3",
                    srv.source_url(f"f{k:03d}"),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for k in range(n)
        ]
        time.sleep(5)
        c0 = sum(cpu_seconds(p.pid) for p in procs)
        w0 = time.monotonic()
        time.sleep(seconds)
        c1 = sum(cpu_seconds(p.pid) for p in procs)
        w1 = time.monotonic()
        for p in procs:
            p.kill()
            p.wait()
        return c1 - c0, w1 - w0
    finally:
        srv.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, nargs="+", default=[100, 200, 500])
    ap.add_argument("--baseline", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60.0)
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="loaxa-streams-"))
    clip = make_clip(tmp, a.seconds + 40)
    b_cpu, b_wall = ffmpeg_run(a.baseline, a.seconds, clip)
    b_per = b_cpu / a.baseline / b_wall
    print(f"baseline: {a.baseline} x ffmpeg -re -c copy: {b_cpu:.1f} CPU s in {b_wall:.0f} s = {100 * b_per:.2f} % of a core per stream")
    for n in a.n:
        cpu, wall = engine_run(n, a.seconds, clip, tmp)
        per = cpu / n / wall
        print(
            f"LoaXa engine, {n:3d} airings: {cpu:6.1f} CPU s in {wall:.0f} s = {100 * cpu / wall:5.1f} % of one core, {100 * per:.3f} % per stream; ratio to ffmpeg per stream {per / b_per:.3f} (target <= 0.1)"
        )


if __name__ == "__main__":
    main()
