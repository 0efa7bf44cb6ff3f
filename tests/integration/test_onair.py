"""The engine on air with a real icecast2 on loopback and real listeners.

The engine runs in a thread of the test process (the same code as ``loaxa engine``) with short
waits; listeners record what arrives and when. Clips are tones that start with sound.
"""

from __future__ import annotations

import re
import socket
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from schedules import commands, endpoints, playlists, scheduling
from schedules.models import Endpoint
from schedules.workspace import Workspace
from tests.support.audio import have
from tests.support.icecast import ADMIN_PASSWORD, SOURCE_PASSWORD, IcecastMounts, IcecastServer, Listener
from tests.support.onair import add_items, commune, content, engine_running, mono_of, runs, schedule_at, settle
from tests.support.state import wait_until

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("english")]  # tests read the English reasons


@pytest.fixture
def icecast(shared_icecast: IcecastMounts) -> IcecastMounts:
    """This test's own mounts on the session's icecast2."""
    return shared_icecast


@pytest.fixture
def own_icecast() -> Iterator[IcecastServer]:
    """A server of the test's own, for the tests that stop or restart it."""
    srv = IcecastServer().start()
    yield srv
    srv.close()


def test_listener_gets_the_whole_playlist_on_time(ws: Workspace, icecast: IcecastMounts, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    import logging

    caplog.set_level(logging.DEBUG, logger="loaxa")
    commune(ws, ("loa1", icecast.source_url("an-binh")))
    with ws.session() as s:
        endpoints.edit_endpoint(s, "loa1", admin_user="admin", admin_password=ADMIN_PASSWORD)
    ids = add_items(ws, tmp_path, (4.0, 440), (3.0, 660))
    expected = content(ws, ids[0]) + content(ws, ids[1])  # joined gaplessly, frame to frame
    t0 = (datetime.now(UTC) + timedelta(seconds=6)).replace(microsecond=0)
    schedule_at(ws, ids, "loa1", t0)
    with engine_running(ws):
        assert wait_until(lambda: datetime.now(UTC) >= t0 - timedelta(seconds=1.5), 10)
        ear = Listener(icecast.listen_url("an-binh"), duration=11)
        ear.start()
        ear.join(20)
        (run,) = settle(ws, 1)
    assert expected in ear.data, "the listener must receive every content frame, in order, unchanged"
    arrived = ear.arrival_of(expected[:1200])
    assert arrived is not None
    error_ms = (arrived - mono_of(t0)) * 1000
    assert abs(error_ms) <= 200, f"content reached the listener {error_ms:.0f} ms off the instant"
    assert run.outcome == "completed" and run.reason is None
    assert abs((run.actual_start - t0).total_seconds()) < 0.2
    assert run.verified is True and run.verify_delay_ms is not None and abs(run.verify_delay_ms) < 200
    with ws.sessions() as s:
        ep = s.get(Endpoint, "loa1")
        assert ep is not None and ep.status == "online" and ep.latency_ms_measured is not None
    assert run.listeners is not None and run.listeners >= 1, "listener count from Icecast's admin statistics"
    assert SOURCE_PASSWORD not in caplog.text and ADMIN_PASSWORD not in caplog.text, "passwords are never logged"


def test_unreachable_at_start_joins_midway_as_partial(ws: Workspace, own_icecast: IcecastServer, tmp_path: Path) -> None:
    icecast = own_icecast
    commune(ws, ("loa1", icecast.source_url("an-binh")))
    ids = add_items(ws, tmp_path, (10.0, 440))
    icecast.stop()
    t0 = (datetime.now(UTC) + timedelta(seconds=4)).replace(microsecond=0)
    schedule_at(ws, ids, "loa1", t0)
    with engine_running(ws):
        assert wait_until(lambda: datetime.now(UTC) >= t0 + timedelta(seconds=3), 15)
        icecast.start()
        (run,) = settle(ws, 1)
    assert run.outcome == "partial"
    assert run.gap_s is not None and 2.5 <= run.gap_s <= 5.0, run.gap_s
    assert run.frames_sent > 100  # the rest of the programme aired
    assert re.search(r"\d+(\.\d)? s not delivered", run.reason or ""), run.reason


def test_icecast_restart_mid_stream_reconnects_and_records_the_gap(ws: Workspace, own_icecast: IcecastServer, tmp_path: Path) -> None:
    icecast = own_icecast
    commune(ws, ("loa1", icecast.source_url("an-binh")))
    ids = add_items(ws, tmp_path, (12.0, 440))
    t0 = (datetime.now(UTC) + timedelta(seconds=4)).replace(microsecond=0)
    schedule_at(ws, ids, "loa1", t0)
    with engine_running(ws, verify_s=0):
        assert wait_until(lambda: datetime.now(UTC) >= t0 + timedelta(seconds=4), 15)
        icecast.restart(down_s=0.3)
        restarted = time.monotonic()
        ear = Listener(icecast.listen_url("an-binh"), duration=3, connect_timeout=5)
        ear.start()
        ear.join(10)
        assert ear.connected_at is not None and ear.connected_at - restarted <= 2.0, "the engine must be back on the mount within 2 s"
        (run,) = settle(ws, 1)
    assert run.outcome == "partial"
    assert run.gap_s is not None and 0 < run.gap_s <= 2.5


@pytest.mark.parametrize("case", ["password", "mount_busy", "dns"])
def test_refusals_fail_with_a_reason_and_no_retry_storm(ws: Workspace, icecast: IcecastMounts, tmp_path: Path, case: str) -> None:
    url = {
        "password": icecast.source_url("an-binh", password="sai-mat-khau"),
        "mount_busy": icecast.source_url("an-binh"),
        "dns": "icecast://source:x@khong-co-may-nay.invalid:8000/an-binh",
    }[case]
    commune(ws, ("loa1", url))
    ids = add_items(ws, tmp_path, (4.0, 440))
    squatter = None
    if case == "mount_busy":
        squatter = subprocess.Popen(
            [
                have("ffmpeg"),
                "-nostdin",
                "-loglevel",
                "error",
                "-re",
                "-f",
                "lavfi",
                "-i",
                "sine=f=300:d=60",
                "-c:a",
                "libmp3lame",
                "-b:a",
                "64k",
                "-content_type",
                "audio/mpeg",
                "-f",
                "mp3",
                icecast.source_url("an-binh"),
            ],
        )
        assert wait_until(lambda: icecast.has_source("an-binh"), 10)
    t0 = (datetime.now(UTC) + timedelta(seconds=3)).replace(microsecond=0)
    schedule_at(ws, ids, "loa1", t0)
    try:
        with engine_running(ws):
            (run,) = settle(ws, 1, timeout=15)
            assert (run.ended - t0).total_seconds() < 3, "a refusal fails at once, it does not wait for the airing's end"  # type: ignore[operator]
            if case == "password":
                # a storm would show within its first second (fast retries every 0.25 s): watch 2 s for it
                refused = lambda: sum(" 401 " in line for line in icecast.log_lines())  # noqa: E731
                assert wait_until(lambda: refused() >= 1, 5), "icecast logged the refused source"
                assert not wait_until(lambda: refused() > 2, 2.0), "no retry storm on an authentication error"
    finally:
        if squatter is not None:
            squatter.kill()
            squatter.wait()
    assert run.outcome == "failed"
    words = {"password": "401", "mount_busy": "403", "dns": "resolved"}[case]
    assert words in (run.reason or ""), run.reason


def test_a_dead_endpoint_never_delays_the_others(ws: Workspace, icecast: IcecastMounts, tmp_path: Path) -> None:
    # a server that accepts connections and then says nothing at all
    hole = socket.socket()
    hole.bind(("127.0.0.1", 0))
    hole.listen(16)
    port = hole.getsockname()[1]
    commune(ws, ("loa1", icecast.source_url("an-binh")), ("loa2", f"icecast://source:x@127.0.0.1:{port}/chet"))
    ids = add_items(ws, tmp_path, (4.0, 440))
    expected = content(ws, ids[0])
    t0 = (datetime.now(UTC) + timedelta(seconds=5)).replace(microsecond=0)
    schedule_at(ws, ids, "X1", t0)
    try:
        with engine_running(ws):
            assert wait_until(lambda: datetime.now(UTC) >= t0 - timedelta(seconds=1.5), 10)
            ear = Listener(icecast.listen_url("an-binh"), duration=7)
            ear.start()
            ear.join(15)
            done = settle(ws, 2, timeout=40)
    finally:
        hole.close()
    arrived = ear.arrival_of(expected[:1200])
    assert arrived is not None and abs(arrived - mono_of(t0)) <= 0.2
    outcome = {r.endpoint_code: r.outcome for r in done}
    assert outcome == {"loa1": "completed", "loa2": "failed"}


def test_emergency_preempts_within_a_second_then_the_programme_resumes(ws: Workspace, icecast: IcecastMounts, tmp_path: Path) -> None:
    commune(ws, ("loa1", icecast.source_url("an-binh")))
    normal = add_items(ws, tmp_path, (16.0, 440))
    storm = add_items(ws, tmp_path, (3.0, 880), priority=1)
    storm_bytes = content(ws, storm[0])
    t0 = (datetime.now(UTC) + timedelta(seconds=4)).replace(microsecond=0)
    schedule_at(ws, normal, "loa1", t0)
    with engine_running(ws, verify_s=0):
        assert wait_until(lambda: datetime.now(UTC) >= t0 - timedelta(seconds=1.5), 10)
        ear = Listener(icecast.listen_url("an-binh"), duration=24)
        ear.start()
        assert wait_until(lambda: datetime.now(UTC) >= t0 + timedelta(seconds=5), 15)
        with ws.session() as s:
            commands.enqueue(s, "broadcast", {"item_ids": storm, "targets": ["loa1"], "priority": 1, "actor": "Chủ tịch xã"})
        queued = time.monotonic()
        recs = settle(ws, 3, timeout=40)
        ear.join(30)
    arrived = ear.arrival_of(storm_bytes[:1200])
    assert arrived is not None and arrived - queued <= 1.0, f"emergency on air {arrived and arrived - queued:.2f} s after the command"
    by = sorted(recs, key=lambda r: r.id)
    assert [r.outcome for r in by] == ["preempted", "completed", "completed"], [(r.outcome, r.reason) for r in by]
    assert by[1].priority == 1 and by[1].command_id is not None
    assert by[2].resumes_run == by[0].id and by[2].offset_s > 4.0, "the interrupted programme continues where it was cut"


def test_stop_command_records_who_stopped(ws: Workspace, icecast: IcecastMounts, tmp_path: Path) -> None:
    commune(ws, ("loa1", icecast.source_url("an-binh")))
    ids = add_items(ws, tmp_path, (20.0, 440))
    t0 = (datetime.now(UTC) + timedelta(seconds=3)).replace(microsecond=0)
    schedule_at(ws, ids, "loa1", t0)
    with engine_running(ws, verify_s=0):
        assert wait_until(lambda: any(r.outcome == "on_air" for r in runs(ws)), 10)
        with ws.session() as s:
            commands.enqueue(s, "stop", {"targets": ["X1"], "actor": "Nguyễn Văn B"})
        (run,) = settle(ws, 1)
    assert run.outcome == "stopped" and run.actor == "Nguyễn Văn B" and "Nguyễn Văn B" in (run.reason or "")


@pytest.mark.parametrize("upstream", ["same-format", "other-format"])
def test_relay_forwards_a_second_mount(ws: Workspace, icecast: IcecastMounts, tmp_path: Path, upstream: str) -> None:
    args = ["-ar", "44100", "-ac", "1"] if upstream == "same-format" else ["-ar", "48000", "-ac", "2"]
    vov = subprocess.Popen(
        [
            have("ffmpeg"),
            "-nostdin",
            "-loglevel",
            "error",
            "-re",
            "-f",
            "lavfi",
            "-i",
            "sine=f=523:d=60",
            *args,
            "-c:a",
            "libmp3lame",
            "-b:a",
            "64k",
            "-content_type",
            "audio/mpeg",
            "-f",
            "mp3",
            icecast.source_url("vov1"),
        ],
    )
    try:
        assert wait_until(lambda: icecast.has_source("vov1"), 10)
        commune(ws, ("loa1", icecast.source_url("an-binh")))
        ids = add_items(ws, tmp_path, (2.0, 440))
        t0 = (datetime.now(UTC) + timedelta(seconds=4)).replace(microsecond=0)
        sid = schedule_at(ws, ids, "loa1", t0)
        with ws.session() as s:
            pl_id = scheduling.get_schedule(s, sid).playlist_id
            playlists.add_relay(s, pl_id, icecast.listen_url("vov1"), 6.0)
        with engine_running(ws, verify_s=0):
            assert wait_until(lambda: datetime.now(UTC) >= t0 - timedelta(seconds=1.5), 10)
            ear = Listener(icecast.listen_url("an-binh"), duration=11)
            ear.start()
            ear.join(20)
            (run,) = settle(ws, 1)
    finally:
        vov.kill()
        vov.wait()
    assert run.outcome == "completed", run.reason
    # the relay window (2 s .. 8 s after the start) carries the upstream's 523 Hz tone, not silence
    capture = tmp_path / "capture.mp3"
    capture.write_bytes(ear.data)
    start = (mono_of(t0) - ear.connected_at) if ear.connected_at else 0  # type: ignore[operator]
    out = subprocess.run(
        [have("ffmpeg"), "-nostdin", "-hide_banner", "-i", str(capture), "-ss", f"{start + 3.0:.2f}", "-t", "4", "-af", "astats=metadata=0", "-f", "null", "-"],
        capture_output=True,
        text=True,
    )
    rms = [float(line.split(":")[-1]) for line in out.stderr.splitlines() if "RMS level dB" in line]
    assert rms and rms[-1] > -30, f"relay window is silent (RMS {rms})"
