"""The walking skeleton end to end, through the real CLI as subprocesses:
a clip goes in, a schedule is made while the engine runs, the file endpoint airs it on the
second, and the as-run log says so. A second engine on the same data is refused."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import Cli, probe_duration, wait_until

pytestmark = pytest.mark.slow
TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def test_clip_to_file_endpoint_on_time(cli: Cli, make_audio: Callable[..., Path], tmp_path: Path) -> None:
    out_dir = tmp_path / "endpoint-out"
    cli.ok("init")
    cli.ok("areas", "add", "X1", "--name", "Xã An Bình", "--level", "commune", "--quiet-hours", "none")
    cli.ok("endpoints", "add", "loa1", "--name", "Loa thôn Đông", "--area", "X1", "--url", out_dir.as_uri())
    clip = make_audio("thong bao.mp3", seconds=6.0)
    item = cli.json("clips", "add", str(clip), "--title", "Thông báo", "--approve-by", "Cán bộ A")
    assert item["state"] == "approved" and 5.5 < item["duration_s"] <= 8.0
    pl = cli.json("playlists", "create", "Chương trình", str(item["id"]))

    engine = cli.popen("engine", "--for", "30")  # stopped by SIGTERM once the airing is checked
    try:
        assert wait_until(lambda: cli.in_process().json("status")["engine"]["running"], timeout=15), "engine heartbeat never appeared"

        second = cli("engine", "--for", "5")
        assert second.code == 5, second.stderr
        assert "already" in second.stderr

        at = (datetime.now(TZ) + timedelta(seconds=5)).replace(microsecond=0)
        cli.ok("schedules", "add", "--playlist", str(pl["id"]), "--target", "X1", "--date", at.strftime("%Y-%m-%d"), "--times", at.strftime("%H:%M:%S"))

        def completed() -> bool:
            runs = cli.json("runs", "list", "--from", at.strftime("%Y-%m-%d"))
            return any(r["outcome"] == "completed" for r in runs)

        assert wait_until(completed, timeout=25, interval=0.5), cli.json("runs", "list")
        runs = cli.json("runs", "list", "--from", at.strftime("%Y-%m-%d"))
        (run,) = [r for r in runs if r["outcome"] == "completed"]
        assert datetime.fromisoformat(run["planned_start"]) == at
        delay = (datetime.fromisoformat(run["actual_start"]) - at).total_seconds()
        assert abs(delay) <= 0.5, f"started {delay:.3f} s off the scheduled second"
        assert run["reason"] is None and run["endpoint"] == "loa1"

        files = sorted(out_dir.glob("*.mp3"))
        assert len(files) == 1 and ":" not in files[0].name
        assert abs(probe_duration(files[0]) - pl["duration_s"]) <= 0.1
    finally:
        import signal

        engine.send_signal(signal.SIGTERM)  # the way a service manager stops it: a clean exit
        code = engine.wait(timeout=40)
        out, err = engine.communicate()
    assert code == 0, err


def test_broadcast_now_without_engine_is_refused_and_cancelled(cli: Cli, make_audio: Callable[..., Path], tmp_path: Path) -> None:
    cli.ok("init")
    cli.ok("areas", "add", "X1", "--name", "Xã", "--level", "commune", "--quiet-hours", "none")
    cli.ok("endpoints", "add", "loa1", "--name", "Loa", "--area", "X1", "--url", (tmp_path / "out").as_uri())
    item = cli.json("clips", "add", str(make_audio(seconds=2.0)), "--approve-by", "A")
    r = cli("broadcast", "now", "--item", str(item["id"]), "--target", "loa1", "--wait", "1", "--json")
    assert r.code == 5
    assert r.json()["error"]["code"] == 5
    assert "loaxa engine" in r.stderr
    import sqlite3

    con = sqlite3.connect(cli.data_dir / "loaxa.db")
    states = [row[0] for row in con.execute("SELECT state FROM commands")]
    con.close()
    assert states == ["cancelled"], "a command nobody took must never fire later"


def test_engine_stops_cleanly_on_sigterm_and_records_partial(cli: Cli, make_audio: Callable[..., Path], tmp_path: Path) -> None:
    import signal
    import sys

    if sys.platform == "win32":
        pytest.fail("POSIX signal test run on Windows")
    out_dir = tmp_path / "o"
    cli.ok("init")
    cli.ok("areas", "add", "X1", "--name", "Xã", "--level", "commune", "--quiet-hours", "none")
    cli.ok("endpoints", "add", "loa1", "--name", "Loa", "--area", "X1", "--url", out_dir.as_uri())
    item = cli.json("clips", "add", str(make_audio(seconds=20.0)), "--approve-by", "A")
    pl = cli.json("playlists", "create", "Dài", str(item["id"]))
    engine = cli.popen("engine", env={"LOAXA_LANG": "vi"})  # an engine that writes in Vietnamese
    try:
        # the engine runs first, so that a slow start on a loaded machine cannot make it join late
        assert wait_until(lambda: cli.in_process().json("status")["engine"]["running"], timeout=30)
        at = (datetime.now(TZ) + timedelta(seconds=4)).replace(microsecond=0)
        cli.ok("schedules", "add", "--playlist", str(pl["id"]), "--target", "loa1", "--date", at.strftime("%Y-%m-%d"), "--times", at.strftime("%H:%M:%S"))
        assert wait_until(lambda: any(r["outcome"] == "on_air" for r in cli.in_process().json("runs", "list")), timeout=20, interval=0.3)
        engine.send_signal(signal.SIGTERM)
        assert engine.wait(timeout=15) == 0
    finally:
        if engine.poll() is None:
            engine.kill()
        engine.communicate()
    (run,) = cli.json("runs", "list")
    assert run["outcome"] == "partial"
    # the reason reads in the reader's language, whichever language the engine wrote it in
    assert run["reason"] == "the engine was stopped", run["reason"]
    assert Cli(cli.data_dir, env={"LOAXA_LANG": "vi"}).json("runs", "list")[0]["reason"] == "bộ phát đã bị dừng"
    assert not cli.json("status")["engine"]["running"], "a clean stop frees the lease at once"


def test_broadcast_now_file_with_a_running_engine(cli: Cli, make_audio: Callable[..., Path], tmp_path: Path) -> None:
    out_dir = tmp_path / "o"
    cli.ok("init")
    cli.ok("areas", "add", "X1", "--name", "Xã", "--level", "commune", "--quiet-hours", "none")
    cli.ok("endpoints", "add", "loa1", "--name", "Loa", "--area", "X1", "--url", out_dir.as_uri())
    storm = make_audio("bao khan cap.wav", seconds=3.0, freq=880, codec_args=("-c:a", "pcm_s16le"))
    engine = cli.popen("engine", "--for", "30")
    try:
        assert wait_until(lambda: cli.in_process().json("status")["engine"]["running"], timeout=15)
        r = cli("broadcast", "now", "--file", str(storm), "--target", "X1", "--priority", "1", "--by", "Chủ tịch xã", "--json")
        assert r.code == 0, r.stderr
        assert [s["endpoint"] for s in r.json()["started"]] == ["loa1"]
        assert wait_until(lambda: any(x["outcome"] == "completed" for x in cli.in_process().json("runs", "list")), timeout=15, interval=0.3)
    finally:
        import signal

        engine.send_signal(signal.SIGTERM)
        engine.wait(40)
        engine.communicate()
    (run,) = cli.json("runs", "list")
    assert run["priority"] == 1 and run["command_id"] is not None and run["actor"] == "Chủ tịch xã"
    (item,) = cli.json("clips", "list")
    assert item["state"] == "approved" and item["title"] == "bao khan cap"
