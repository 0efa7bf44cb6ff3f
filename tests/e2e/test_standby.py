"""A standby engine takes over, and an engine that lost its lease is fenced off (the real CLI).

- ``loaxa engine --standby`` beside an active engine waits (``status`` says a standby waits);
  when the active is killed mid-airing, the standby takes over once the lease is stale, records
  the cut-off airing interrupted and airs its rest; nothing is recorded twice.
- An active engine paused (SIGSTOP) past its lease loses it to the standby; continued (SIGCONT),
  it airs nothing more, writes nothing, and waits as the standby itself.
On PostgreSQL the two engines are two PCs: each its own data folder and PC name, one server and
one shared media folder; the as-run says which PC aired each part.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import Cli, wait_until
from tests.support.cli import InProcessCli
from tests.support.postgres import PostgresServer

pytestmark = pytest.mark.slow
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# short waits (the defaults are for a real station): a lease stale after 3 s, renewed 7-8 times in
# that; a pre-roll of 2 s, so an airing can be set 4 s ahead
STALE_S = 3.0
HEARTBEAT_S = 0.4
LEAD_S = 4
ENV = {
    "LOAXA_ENGINE_LEASE_STALE_S": str(STALE_S),
    "LOAXA_ENGINE_HEARTBEAT_S": str(HEARTBEAT_S),
    "LOAXA_ENGINE_POLL_S": "0.1",
    "LOAXA_ENGINE_MISFIRE_GRACE_S": "30",
    "LOAXA_ENGINE_PREROLL_S": "2",
}


@pytest.fixture(params=["sqlite", "postgresql"])
def cli(request: pytest.FixtureRequest, tmp_path: Path) -> Cli:
    """Both engines on one database: the SQLite file (one PC), or a PostgreSQL server with a
    shared media folder (two PCs: see :func:`pc_b`)."""
    if request.param == "sqlite":
        return Cli(tmp_path / "data")
    pg: PostgresServer = request.getfixturevalue("pg")
    share = tmp_path / "share" / "media"
    share.mkdir(parents=True)
    return Cli(tmp_path / "data", env={"LOAXA_DB": pg.database(), "LOAXA_MEDIA_DIR": str(share)})


def pc_b(cli: Cli, tmp_path: Path) -> Cli:
    """Where the standby runs: on PostgreSQL another PC, a data folder of its own (its own PC
    name, its own log) against the same server and media share; on SQLite the same PC."""
    if "LOAXA_DB" not in cli.env:
        return cli
    b = Cli(tmp_path / "pc-b", env={k: cli.env[k] for k in ("LOAXA_DB", "LOAXA_MEDIA_DIR")})
    b.ok("init", "--pc-name", "PC-B")
    return b


def pcs_of(runs: list[dict[str, object]], cli: Cli) -> None:
    """On two PCs, the as-run says which engine aired what: the cut-off part PC A's, the rest PC B's."""
    if "LOAXA_DB" in cli.env:
        assert [r["pc"] for r in runs] == ["PC-A", "PC-B"], runs


def setup_commune(cli: Cli, make_audio: Callable[..., Path], tmp_path: Path, seconds: float = 12) -> int:
    cli.ok("init", "--pc-name", "PC-A")
    cli.ok("areas", "add", "X1", "--name", "Xã", "--level", "commune", "--quiet-hours", "none")
    cli.ok("endpoints", "add", "e1", "--name", "Loa 1", "--area", "X1", "--url", (tmp_path / "o1").as_uri())
    item = cli.json("clips", "add", str(make_audio("dai.mp3", seconds=seconds)), "--approve-by", "A")
    pl = cli.json("playlists", "create", "Dài", str(item["id"]))["id"]
    return pl


def schedule_soon(cli: Cli, pl: int) -> datetime:
    """A schedule a few seconds ahead, made while the engines run (they notice the change)."""
    t0 = (datetime.now(TZ) + timedelta(seconds=LEAD_S)).replace(microsecond=0)
    cli.ok("schedules", "add", "--playlist", str(pl), "--target", "e1", "--date", t0.strftime("%Y-%m-%d"), "--times", t0.strftime("%H:%M:%S"))
    return t0


def reader(cli: Cli) -> Cli:
    """The same CLI run in this process, for the status and runs the test polls while the engines
    run (a new Python every 0.2 s would take a core from the engines under test); setting up and
    the final answers go through real subprocesses."""
    return InProcessCli(cli.data_dir, env={k: v for k, v in cli.env.items() if k == "LOAXA_DB"})


def holder_pid(cli: Cli) -> int | None:
    d = reader(cli).json("status")["engine"]
    return d["pid"] if d["running"] else None


def test_standby_takes_over_mid_airing(cli: Cli, make_audio: Callable[..., Path], tmp_path: Path) -> None:
    pl = setup_commune(cli, make_audio, tmp_path)
    active = cli.popen("engine", env=ENV)
    standby = None
    try:
        assert wait_until(lambda: holder_pid(cli) == active.pid, 20, 0.2)
        standby = pc_b(cli, tmp_path).popen("engine", "--standby", env=ENV)
        assert wait_until(lambda: reader(cli).json("status")["engine"]["standby"], 20, 0.2), "status must show the waiting standby"
        assert holder_pid(cli) == active.pid, "a standby never takes a lease that is renewed"
        t0 = schedule_soon(cli, pl)
        assert wait_until(lambda: any(r["outcome"] == "on_air" for r in reader(cli).json("runs", "list")), 30, 0.2)
        time.sleep(max(0.0, (t0 + timedelta(seconds=3) - datetime.now(TZ)).total_seconds()))
        active.send_signal(signal.SIGKILL)
        killed = datetime.now(TZ)
        active.wait(10)
        assert wait_until(lambda: holder_pid(cli) == standby.pid, STALE_S + 10, 0.2), "the standby must take over"  # type: ignore[union-attr]
        took = (datetime.fromisoformat(cli.json("status")["engine"]["since"]) - killed).total_seconds()
        # stale + a few polls; a loaded 2-core machine (load 8) starves the standby for up to ~3 s
        assert took <= STALE_S + 4.5, f"took over {took:.1f} s after the kill (lease stale after {STALE_S} s)"
        assert wait_until(lambda: len([r for r in reader(cli).json("runs", "list") if r["outcome"] not in ("on_air",)]) >= 2, 40, 0.5)
    finally:
        for p in (active, standby):
            if p is not None and p.poll() is None:
                p.send_signal(signal.SIGTERM)
                p.wait(30)
            if p is not None:
                p.communicate()
    runs = sorted(cli.json("runs", "list"), key=lambda r: r["id"])
    assert [r["outcome"] for r in runs] == ["interrupted", "partial"], runs
    assert runs[1]["offset_s"] >= 3.0 and runs[1]["resumes_run"] == runs[0]["id"], "the rest airs from where the programme had reached"
    pcs_of(runs, cli)


def test_a_paused_engine_is_fenced_off(cli: Cli, make_audio: Callable[..., Path], tmp_path: Path) -> None:
    pl = setup_commune(cli, make_audio, tmp_path, seconds=14)
    active = cli.popen("engine", env=ENV)
    standby = None
    try:
        assert wait_until(lambda: holder_pid(cli) == active.pid, 20, 0.2)
        standby = pc_b(cli, tmp_path).popen("engine", "--standby", env=ENV)
        assert wait_until(lambda: reader(cli).json("status")["engine"]["standby"], 20, 0.2)
        t0 = schedule_soon(cli, pl)
        assert wait_until(lambda: any(r["outcome"] == "on_air" for r in reader(cli).json("runs", "list")), 30, 0.2)
        time.sleep(max(0.0, (t0 + timedelta(seconds=2) - datetime.now(TZ)).total_seconds()))
        active.send_signal(signal.SIGSTOP)  # a frozen PC, a network cut: it cannot renew
        assert wait_until(lambda: holder_pid(cli) == standby.pid, STALE_S + 10, 0.2)  # type: ignore[union-attr]
        assert wait_until(lambda: len(list((tmp_path / "o1").glob("*.mp3"))) >= 2, 10, 0.2), "the standby airs the rest"
        files_before = {p: p.stat().st_size for p in (tmp_path / "o1").glob("*.mp3")}
        active.send_signal(signal.SIGCONT)
        time.sleep(5 * HEARTBEAT_S)  # several of its heartbeats: nothing may happen (an absence cannot be waited for)
        assert active.poll() is None, "the fenced engine waits as the standby; it does not exit"
        assert holder_pid(cli) == standby.pid, "the fenced engine never takes the lease back"  # type: ignore[union-attr]
        if "LOAXA_DB" in cli.env:  # the old active, back, is now the standby: status names its PC
            assert wait_until(lambda: reader(cli).json("status")["engine"]["standby_pc"] == "PC-A", 10, 0.3), reader(cli).json("status")
        old_file = min(files_before, key=lambda p: p.stat().st_mtime)
        assert old_file.stat().st_size == files_before[old_file], "the fenced engine wrote nothing more to its endpoint"
        assert wait_until(lambda: all(r["outcome"] != "on_air" for r in reader(cli).json("runs", "list")), 40, 0.5)
    finally:
        for p in (active, standby):
            if p is not None and p.poll() is None:
                p.send_signal(signal.SIGCONT)
                p.send_signal(signal.SIGTERM)
                p.wait(30)
        logs = {}
        for p in (active, standby):
            if p is not None:
                _out, err = p.communicate()
                logs[p.pid] = err
    runs = sorted(cli.json("runs", "list"), key=lambda r: r["id"])
    assert [r["outcome"] for r in runs] == ["interrupted", "partial"], runs
    pcs_of(runs, cli)
    assert "fenced off" in logs[active.pid]


def test_a_pc_named_in_the_setting_starts_its_engine_as_the_standby_and_takes_over_at_the_set_time(cli: Cli) -> None:
    """`engine.standby_pcs` names the PCs whose engine (started by the window or a service,
    without --standby) waits as the standby; `engine.takeover_s` sets how long a silent lease
    lasts before it takes over (here the shortest allowed, 7 s)."""
    cli.ok("init")
    cli.ok("settings", "set", "engine.takeover_s", "7")
    first = cli.popen("engine", env={"LOAXA_PC_NAME": "May-A"})
    try:
        assert wait_until(lambda: cli.in_process().json("status")["engine"]["running"], 20, 0.2)
        refused = cli.popen("engine", "--for", "1", env={"LOAXA_PC_NAME": "May-B"})
        assert refused.wait(60) == 5, "without the setting a second engine is refused"
        refused.communicate()
        cli.ok("settings", "set", "engine.standby_pcs", "May-B, May-C")
        second = cli.popen("engine", "--for", "40", env={"LOAXA_PC_NAME": "May-B"})
        try:
            assert wait_until(lambda: "May-B" in cli("status").stdout and "dự phòng" in cli("status").stdout, 20, 0.5), cli("status").stdout
            first.send_signal(signal.SIGKILL)
            first.wait(10)
            killed = time.monotonic()
            # the lease goes silent at the killed engine's last heartbeat, up to a beat before the kill
            last_beat = datetime.fromisoformat(cli.in_process().json("status")["engine"]["heartbeat"])

            def took_over() -> bool:
                st = cli.in_process().json("status")["engine"]
                return bool(st["running"]) and st["pid"] == second.pid

            assert wait_until(took_over, 20, 0.2), "the standby never took over"
            waited = time.monotonic() - killed
            silent = (datetime.now(UTC) - last_beat).total_seconds()
            assert 6.8 <= silent <= 14.0, f"took over when the lease had been silent {silent:.1f} s (setting: 7 s)"
            assert waited <= 12.0, f"took over {waited:.1f} s after the kill (setting: 7 s)"
        finally:
            second.terminate()
            second.communicate(timeout=30)
    finally:
        if first.poll() is None:
            first.kill()
        first.communicate(timeout=10)
