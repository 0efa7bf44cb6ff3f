"""One offline cluster must never silence the others, with a real icecast2 and real listeners.

Five good mounts plus a wrong password, a dead port (nothing listens) and a blackhole (a local
socket that accepts and never answers), all scheduled for the same second: every good listener
hears the first content within 50 ms of the instant; an emergency sent while the dead endpoint
waits out its longest backoff reaches the good mounts' listeners within a second; the bad three
are recorded with reasons a technician understands; ``loaxa status`` says the engine runs.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from schedules import commands
from schedules.workspace import Workspace
from tests.conftest import wait_until
from tests.support.icecast import IcecastServer, Listener
from tests.support.onair import add_items, commune, content, engine_running, mono_of, runs, schedule_at, settle

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("english")]
GOOD = [f"good{i}" for i in range(5)]


@pytest.fixture
def icecast() -> Iterator[IcecastServer]:
    srv = IcecastServer().start()
    yield srv
    srv.close()


@pytest.fixture
def blackhole() -> Iterator[int]:
    """A server that accepts connections and never says a word."""
    hole = socket.socket()
    hole.bind(("127.0.0.1", 0))
    hole.listen(64)
    yield hole.getsockname()[1]
    hole.close()


def dead_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    return port


def test_bad_endpoints_never_delay_the_good_ones(ws: Workspace, icecast: IcecastServer, blackhole: int, tmp_path: Path) -> None:
    eps = [(code, icecast.source_url(code)) for code in GOOD]
    eps += [
        ("wrongpw", icecast.source_url("wrongpw", password="sai-mat-khau")),
        ("dead", f"icecast://source:x@127.0.0.1:{dead_port()}/dead"),
        ("hole", f"icecast://source:x@127.0.0.1:{blackhole}/hole"),
    ]
    commune(ws, *eps)
    ids = add_items(ws, tmp_path, (14.0, 440))
    storm = add_items(ws, tmp_path, (3.0, 880), priority=1)
    expected, storm_bytes = content(ws, ids[0]), content(ws, storm[0])
    t0 = (datetime.now(UTC) + timedelta(seconds=6)).replace(microsecond=0)
    schedule_at(ws, ids, "X1", t0)
    # a longest backoff of 4 s for the dead endpoint, reached a few seconds after the start
    with engine_running(ws, retry_cap_s=4.0, retry_fast_s=1.0, retry_backoff_s=0.5, verify_s=3.0) as eng:
        assert wait_until(lambda: datetime.now(UTC) >= t0 - timedelta(seconds=1.5), 10)
        ears = {code: Listener(icecast.listen_url(code), duration=16) for code in GOOD}
        for ear in ears.values():
            ear.start()
        # the engine answers while the bad endpoints fail: status from the real CLI
        assert wait_until(lambda: datetime.now(UTC) >= t0 + timedelta(seconds=2), 15)
        status = cli_status(ws)
        assert status["engine"]["state"] == "running", status
        lag = status["engine"]["loop_lag_ms"]
        assert lag is not None, status
        # the engine's own work must never hold the loop; waiting for a loaded computer is not ours
        assert lag["worst_own_work"] < 250 and lag["worst_1min"] < 2000, status
        # wait until the dead endpoint sits in its longest backoff (4 s), then the emergency
        dead = eng.channels["dead"]
        assert wait_until(lambda: dead._backoff >= 4.0 and dead._retry_at - eng.loop.time() > 2.0, 20, 0.05), (
            "the dead endpoint never reached its longest backoff"
        )  # type: ignore[union-attr]
        with ws.session() as s:
            commands.enqueue(s, "broadcast", {"item_ids": storm, "targets": ["X1"], "priority": 1, "actor": "Chủ tịch xã"})
        queued = time.monotonic()
        for ear in ears.values():
            ear.join(30)
        settle(ws, 5 * 3 + 3 + 3, timeout=60)  # good: preempted, emergency, resumed; bad: 3 + 3 emergencies
    for code, ear in ears.items():
        arrived = ear.arrival_of(expected[:1200])
        assert arrived is not None, f"{code}: the programme never arrived"
        error_ms = (arrived - mono_of(t0)) * 1000
        assert abs(error_ms) <= 50, f"{code}: the first content reached the listener {error_ms:.0f} ms off the instant"
        got = ear.arrival_of(storm_bytes[:1200])
        assert got is not None and got - queued <= 1.0, f"{code}: the emergency reached the listener {got and got - queued:.2f} s after the command"
    recs = runs(ws)
    by = {}
    for r in recs:
        by.setdefault(r.endpoint_code, []).append(r)
    for code in GOOD:
        outs = sorted((r.id, r.outcome, r.priority) for r in by[code])
        assert [o for _i, o, _p in outs] == ["preempted", "completed", "completed"], (code, [(r.outcome, r.reason) for r in by[code]])
        emergency = next(r for r in by[code] if r.priority == 1)
        assert emergency.verified is True, f"{code}: the emergency was not verified: proof of delivery must cover emergencies"
        resumed = next(r for r in by[code] if r.resumes_run is not None)
        assert resumed.verified is True, f"{code}: the resumed airing was not verified"
    reasons = {code: " | ".join(r.reason or "" for r in by[code]) for code in ("wrongpw", "dead", "hole")}
    assert all(r.outcome == "failed" for code in ("wrongpw", "dead", "hole") for r in by[code]), {
        c: [(r.outcome, r.reason) for r in by[c]] for c in ("wrongpw", "dead", "hole")
    }
    assert "401" in reasons["wrongpw"] and "password" in reasons["wrongpw"]
    assert "refused the connection" in reasons["dead"]
    assert "handshake" in reasons["hole"] or "did not answer" in reasons["hole"], reasons["hole"]
    with ws.sessions() as s:
        from schedules.models import Endpoint

        status_of = {e.code: e.status for e in s.query(Endpoint)}
    assert status_of["wrongpw"] == "offline", "a wrong password is never 'online'"
    assert status_of["dead"] == "offline" and status_of["hole"] == "offline"
    assert all(status_of[c] == "online" for c in GOOD)


def cli_status(ws: Workspace) -> dict:  # type: ignore[type-arg]
    env = {**os.environ, "LOAXA_DATA_DIR": str(ws.data_dir)}
    r = subprocess.run([sys.executable, "-m", "desktop.cli", "--json", "status"], capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)  # type: ignore[no-any-return]
