"""Start precision on air: 50 mounts on one local Icecast, one playlist scheduled for the same
second on all; a listener on every mount, connected during the pre-roll, records when the first
content frames arrive. Printed: median and p99 start error in ms and MP3 frames, without the
latency lead (fixed at 0) and with it (the delay each endpoint's proof of delivery measured in
the first run). Target with the lead: median <= 30 ms, p99 <= 100 ms.

Usage: python bench/onair.py [--mounts 50]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from _common import ROOT, ffmpeg
from sqlalchemy import select

from broadcast import importer
from broadcast.mp3 import FrameIndex
from schedules import areas, endpoints, playlists, scheduling
from schedules.models import Endpoint, Rendition
from schedules.timeutil import zone
from schedules.workspace import Workspace
from tests.support.icecast import IcecastServer, Listener

FRAME_MS = 1152 / 44100 * 1000


def setup(ws: Workspace, srv: IcecastServer, mounts: int, tmp: Path) -> tuple[int, bytes]:
    clip = tmp / "tone.wav"
    subprocess.run([ffmpeg(), "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "sine=f=440:d=6", str(clip)], check=True)
    rep = importer.import_files(ws, [clip], approve_by="bench", workers=1)
    item = rep.added[0]["id"]
    with ws.session() as s:
        areas.add_area(s, "X1", "Xã", "commune", quiet_hours="none")
        for n in range(mounts):
            endpoints.add_endpoint(s, f"e{n:03d}", f"Loa {n}", "X1", srv.source_url(f"m{n:03d}"), latency_ms=0.0)
        pl = playlists.create_playlist(s, "bench", [item])
        r = s.scalars(select(Rendition).where(Rendition.item_id == item)).one()
        idx = FrameIndex.build(ws.media.path(r.path).read_bytes())
    # the first two content frames: when they have arrived, the programme has started at the listener
    return pl.id, bytes(idx.slice(0, 2))


def run(ws: Workspace, srv: IcecastServer, data_dir: Path, playlist: int, needle: bytes, mounts: int) -> list[float]:
    t0 = (datetime.now(UTC) + timedelta(seconds=10)).replace(microsecond=0)
    loc = t0.astimezone(zone("Asia/Ho_Chi_Minh"))
    with ws.session() as s:
        scheduling.add_schedule(s, playlist_id=playlist, targets=["X1"], times=loc.strftime("%H:%M:%S"), once=loc.strftime("%Y-%m-%d"))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LOAXA_ENGINE_PREROLL_S": "5", "LOAXA_ENGINE_HOLD_S": "1", "LOAXA_ENGINE_VERIFY_S": "3"}
    eng = subprocess.Popen(
        [sys.executable, "-m", "desktop.cli", "--data-dir", str(data_dir), "engine", "--for", "22"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    while datetime.now(UTC) < t0 - timedelta(seconds=2.5):
        time.sleep(0.05)
    ears = [Listener(srv.listen_url(f"m{n:03d}"), duration=6) for n in range(mounts)]
    for e in ears:
        e.start()
    for e in ears:
        e.join(20)
    eng.wait(60)
    off = time.time() - time.monotonic()
    errors = []
    for e in ears:
        t = e.arrival_of(needle)
        if t is not None:
            errors.append((t + off - t0.timestamp()) * 1000)
    return errors


def report(label: str, errors: list[float], mounts: int) -> None:
    """Median of the signed error; p99 of its size (early counts as much as late)."""
    med = statistics.median(errors)
    sizes = sorted(abs(x) for x in errors)
    p99 = sizes[min(len(sizes) - 1, int(round(0.99 * (len(sizes) - 1))))]
    print(
        f"{label:<32} n={len(errors)}/{mounts}  median {med:+7.1f} ms ({med / FRAME_MS:+.2f} frames)  p99 |{p99:6.1f}| ms ({p99 / FRAME_MS:.2f} frames)  earliest {min(errors):+.1f} latest {max(errors):+.1f} ms"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mounts", type=int, default=50)
    a = ap.parse_args()
    srv = IcecastServer(sources=a.mounts + 10, clients=4 * a.mounts + 20).start()
    tmp = Path(tempfile.mkdtemp(prefix="loaxa-onair-"))
    try:
        ws = Workspace.open(tmp / "data")
        playlist, needle = setup(ws, srv, a.mounts, tmp)
        print(f"{a.mounts} mounts on one icecast2 at 127.0.0.1:{srv.port}; listeners connect during the pre-roll")
        report("without latency lead (lead 0):", run(ws, srv, tmp / "data", playlist, needle, a.mounts), a.mounts)
        with ws.session() as s:
            measured = [e.latency_ms_measured for e in s.scalars(select(Endpoint)) if e.latency_ms_measured is not None]
            for e in s.scalars(select(Endpoint)):
                e.latency_ms_manual = None  # use the measured delay as the lead
        print(f"measured server delay per endpoint: median {statistics.median(measured):.1f} ms (from the proof-of-delivery listener)")
        time.sleep(3)
        report("with the measured latency lead:", run(ws, srv, tmp / "data", playlist, needle, a.mounts), a.mounts)
    finally:
        srv.close()


if __name__ == "__main__":
    main()
