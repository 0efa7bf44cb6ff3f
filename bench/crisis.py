"""The crisis notice (issue 17): from the confirm click to the first word at every loudspeaker of
an area. A 300-character notice is normalised, spoken by espeak-ng, imported (loudness,
renditions), approved at priority 1 and queued as an emergency for an area of ``--mounts``
Icecast mounts, with the real engine (``loaxa engine``, a subprocess) running and a normal
programme on air on every mount (the emergency preempts it). What the window's "Broadcast as
emergency" then "BROADCAST NOW" do, without the clicks: ``speech.say`` then ``requests.enqueue``.

Measured per run: confirm -> the item's first content frame at the LAST listener of the area (the
whole area hears it), split into "spoken and imported" and "queued to heard"; the median of
``--runs`` (each a different notice). Target: <= 10 s.

Baseline, same run, same machine: the bare path with no LoaXa, i.e. espeak-ng to WAV, then one
``ffmpeg -re`` encoding it to MP3 straight into a fresh mount, to the first byte at a listener.
The ratio LoaXa / baseline is printed with the absolute figure.

Usage: python bench/crisis.py [--runs 5] [--mounts 3]
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

from _common import ROOT, SENTENCES, ffmpeg
from sqlalchemy import select

from broadcast import requests, speech
from broadcast.mp3 import FrameIndex
from schedules import areas, endpoints, lease, playlists, scheduling
from schedules.commands import BroadcastRequest
from schedules.library import ItemMeta
from schedules.models import Rendition
from schedules.timeutil import zone
from schedules.workspace import Workspace
from tests.support.icecast import IcecastServer, Listener

TARGET_S = 10.0
TZ = zone("Asia/Ho_Chi_Minh")


def notice(n: int) -> str:
    head = f"Khẩn cấp số {n}: Ban chỉ huy phòng chống thiên tai xã thông báo bão số {n % 9 + 1} đổ bộ lúc 19h00. "
    body = " ".join(SENTENCES[(n + i) % len(SENTENCES)] for i in range(6))
    return (head + body)[:300].rsplit(" ", 1)[0] + "."


def first_frames(ws: Workspace, item_id: int) -> bytes:
    with ws.sessions() as s:
        r = s.scalars(select(Rendition).where(Rendition.item_id == item_id)).first()
        assert r is not None
        return FrameIndex.build(ws.media.path(r.path).read_bytes()).data[:1200]


def engine_alive(ws: Workspace) -> bool:
    with ws.session() as s:
        return lease.read(s, datetime.now(UTC)).alive


def setup(ws: Workspace, srv: IcecastServer, mounts: int, tmp: Path) -> list[str]:
    codes = [f"loa{i + 1}" for i in range(mounts)]
    with ws.session() as s:
        areas.add_area(s, "X1", "Xã An Bình", "commune", quiet_hours="none")
        for c in codes:
            endpoints.add_endpoint(s, c, f"Loa {c}", "X1", srv.source_url(f"bench-{c}"))
    # a normal programme on air on every mount when the crisis comes (20 minutes of tone)
    tone = tmp / "nhac.wav"
    subprocess.run(
        [ffmpeg(), "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=300:duration=1200", "-af", "volume=-12dB", str(tone)],
        check=True,
    )
    from broadcast import importer
    from schedules.library import meta_from_options

    rep = importer.import_files(ws, [tone], meta_from_options(title="Chương trình thường"), approve_by="bench", workers=1)
    item = rep.added[0]["id"]
    at = datetime.now(UTC) + timedelta(seconds=8)
    loc = at.astimezone(TZ)
    with ws.session() as s:
        pl = playlists.create_playlist(s, "Chương trình", [item])
        scheduling.add_schedule(s, playlist_id=pl.id, targets=["X1"], times=loc.strftime("%H:%M:%S"), once=loc.strftime("%Y-%m-%d"))
    return codes


def crisis_run(ws: Workspace, srv: IcecastServer, codes: list[str], n: int) -> dict[str, float]:
    ears = [Listener(srv.listen_url(f"bench-{c}"), duration=40) for c in codes]
    for e in ears:
        e.start()
    time.sleep(1.0)  # the listeners are on the programme
    t0 = time.monotonic()  # the confirm click
    said = speech.say(ws, notice(n), ItemMeta(title=f"Khẩn cấp {n}", priority=1), approve_by="Chủ tịch xã")
    t1 = time.monotonic()
    requests.enqueue(ws, BroadcastRequest(["X1"], item_ids=[said.id], priority=1, actor="Chủ tịch xã"))
    needle = first_frames(ws, said.id)
    heard: list[float] = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(heard) < len(ears):
        time.sleep(0.1)
        heard = [t for t in (e.arrival_of(needle) for e in ears) if t is not None]
    for e in ears:
        e.stop_flag.set()
    if len(heard) < len(ears):
        raise SystemExit(f"run {n}: only {len(heard)}/{len(ears)} listeners heard the notice within 30 s")
    return {"total_s": max(heard) - t0, "first_s": min(heard) - t0, "say_s": t1 - t0, "air_s": max(heard) - t1, "spoken_s": said.duration_s}


def baseline_run(srv: IcecastServer, tmp: Path, n: int) -> float:
    """espeak-ng -> WAV, ffmpeg -re -> a fresh mount, to the first byte at a listener."""
    mount = f"base-{n}"
    ear = Listener(srv.listen_url(mount), duration=5)
    ear.start()
    t0 = time.monotonic()
    wav = tmp / f"base{n}.wav"
    subprocess.run(["espeak-ng", "-v", "vi", "-s", "150", "-w", str(wav), notice(n)], check=True)
    proc = subprocess.Popen(
        [
            ffmpeg(),
            "-nostdin",
            "-loglevel",
            "error",
            "-re",
            "-i",
            str(wav),
            "-ac",
            "1",
            "-c:a",
            "libmp3lame",
            "-b:a",
            "64k",
            "-content_type",
            "audio/mpeg",
            "-f",
            "mp3",
            srv.source_url(mount),
        ]
    )
    try:
        deadline = time.monotonic() + 20
        while not ear.chunks and time.monotonic() < deadline:
            time.sleep(0.01)
        if not ear.chunks:
            raise SystemExit("baseline: nothing reached the listener")
        return ear.chunks[0][0] - t0
    finally:
        proc.kill()
        proc.wait()
        ear.stop_flag.set()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--mounts", type=int, default=3)
    args = ap.parse_args()
    srv = IcecastServer().start()
    engine = None
    try:
        with tempfile.TemporaryDirectory(prefix="loaxa-bench-crisis-") as tmpd:
            tmp = Path(tmpd)
            data = tmp / "data"
            ws = Workspace.open(data)
            codes = setup(ws, srv, args.mounts, tmp)
            env = {**os.environ, "PYTHONPATH": str(ROOT)}
            engine = subprocess.Popen(
                [sys.executable, "-m", "desktop.cli", "--data-dir", str(data), "engine"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            deadline = time.monotonic() + 20
            while not engine_alive(ws) and time.monotonic() < deadline:
                time.sleep(0.2)
            time.sleep(10)  # the programme is on air everywhere
            rows, base = [], []
            for n in range(args.runs):
                rows.append(crisis_run(ws, srv, codes, n))
                base.append(baseline_run(srv, tmp, 100 + n))
                time.sleep(2)
            ws.close()
    finally:
        if engine is not None:
            engine.terminate()
            engine.wait(20)
        srv.close()
    for r, b in zip(rows, base, strict=True):
        print(
            f"confirm -> all {args.mounts} listeners {r['total_s']:.2f} s (first {r['first_s']:.2f} s; spoken+imported {r['say_s']:.2f} s, queued->heard {r['air_s']:.2f} s; {r['spoken_s']:.1f} s of speech); baseline {b:.2f} s"
        )
    med = statistics.median(r["total_s"] for r in rows)
    med_base = statistics.median(base)
    print(
        f"crisis path median {med:.2f} s over {args.runs} runs (target <= {TARGET_S:.0f} s) {'OK' if med <= TARGET_S else 'MISSED'}; baseline (espeak-ng + ffmpeg -re into a mount) median {med_base:.2f} s; ratio {med / med_base:.2f}"
    )
    return 0 if med <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
