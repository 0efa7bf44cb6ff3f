"""Helpers for tests that run the engine on air: an engine in a thread of the test process (the
same code as ``loaxa engine``) with short waits, tone clips, a commune with endpoints, schedules
at an instant, and waits for as-run records. An engine that blocked its event loop for more
than 250 ms fails the test that ran it: that is a bug, not machine load."""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from broadcast import importer
from broadcast.engine import Engine, EngineConfig
from broadcast.mp3 import FrameIndex
from schedules import areas, endpoints, lease, playlists, scheduling
from schedules.asrun import runs_query
from schedules.models import AsRunRecord, Rendition
from schedules.timeutil import zone
from schedules.workspace import Workspace
from tests.support.audio import have
from tests.support.state import wait_until

TZ = zone("Asia/Ho_Chi_Minh")
FAST = {
    "preroll_s": 2.0,
    "hold_s": 1.0,
    "closing_silence_s": 0.5,
    "poll_s": 0.1,
    "heartbeat_s": 0.5,
    "retry_backoff_s": 0.25,
    "retry_cap_s": 1.0,
    "verify_s": 2.0,
    "check_every_s": 5.0,
}
MAX_LOOP_LAG_MS = 250.0


@contextmanager
def engine_running(ws: Workspace, **cfg: Any) -> Iterator[Engine]:
    eng = Engine(ws, EngineConfig(**{**FAST, **cfg}))
    th = threading.Thread(target=eng.run, daemon=True)
    th.start()
    try:
        assert wait_until(lambda: engine_alive(ws), 10), "engine did not start"
        yield eng
    finally:
        eng.request_stop()
        th.join(20)
    assert not th.is_alive(), "the engine did not stop within 20 s"
    assert eng.lag.samples > 0, "the engine never measured its loop"
    # the loop's own work in a late interval must stay under 250 ms (a CPU-bound step is a bug);
    # waiting for a busy machine is not, but seconds of it would be a step blocked on I/O
    assert eng.lag.worst_busy_ms < MAX_LOOP_LAG_MS, f"a step blocked the engine's event loop for {eng.lag.worst_busy_ms:.0f} ms of its own work"
    assert eng.lag.worst_ever_ms < 2000, f"the engine's event loop was late by {eng.lag.worst_ever_ms:.0f} ms"


def engine_alive(ws: Workspace) -> bool:
    with ws.session() as s:
        return lease.read(s, datetime.now(UTC)).alive


def tone(tmp_path: Path, name: str, seconds: float, freq: int) -> Path:
    out = tmp_path / f"{name}.wav"
    subprocess.run(
        [
            have("ffmpeg"),
            "-nostdin",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            f"sine=frequency={freq}:duration={seconds}",
            "-af",
            "volume=-6dB",
            str(out),
        ],
        check=True,
    )
    return out


def add_items(ws: Workspace, tmp_path: Path, *specs: tuple[float, int], priority: int = 3) -> list[int]:
    files = [tone(tmp_path, f"t{freq}", secs, freq) for secs, freq in specs]
    from schedules.library import meta_from_options

    rep = importer.import_files(ws, files, meta_from_options(priority=priority), approve_by="Cán bộ", workers=2)
    assert not rep.refused, rep.refused
    by_name = {Path(a["path"]).name: a["id"] for a in rep.added}
    return [by_name[f.name] for f in files]


def content(ws: Workspace, item_id: int) -> bytes:
    with ws.sessions() as s:
        r = s.scalars(select(Rendition).where(Rendition.item_id == item_id)).one()
        return FrameIndex.build(ws.media.path(r.path).read_bytes()).data


def commune(ws: Workspace, *eps: tuple[str, str]) -> None:
    with ws.session() as s:
        areas.add_area(s, "X1", "Xã An Bình", "commune", quiet_hours="none")
        for code, url in eps:
            endpoints.add_endpoint(s, code, f"Loa {code}", "X1", url)


def schedule_at(ws: Workspace, item_ids: list[int], target: str, at: datetime, **kw: Any) -> int:
    loc = at.astimezone(TZ)
    with ws.session() as s:
        pl = playlists.create_playlist(s, f"P{target}{loc:%H%M%S}", item_ids)
        return scheduling.add_schedule(s, playlist_id=pl.id, targets=[target], times=loc.strftime("%H:%M:%S"), once=loc.strftime("%Y-%m-%d"), **kw).id


def runs(ws: Workspace) -> list[AsRunRecord]:
    with ws.sessions() as s:
        return list(s.scalars(runs_query()))


def settle(ws: Workspace, n: int, timeout: float = 40) -> list[AsRunRecord]:
    assert wait_until(lambda: len([r for r in runs(ws) if r.outcome != "on_air"]) >= n, timeout, 0.2), [
        (r.endpoint_code, r.outcome, r.reason) for r in runs(ws)
    ]
    return runs(ws)


def mono_of(t: datetime) -> float:
    return time.monotonic() + (t - datetime.now(UTC)).total_seconds()
