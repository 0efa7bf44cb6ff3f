"""The engine as a watched service (the real engine and CLI as subprocesses).

- sd_notify: on a notify socket of the test's own (a real AF_UNIX datagram socket, abstract or a
  path, as systemd passes them), the engine says READY=1 with a STATUS line, pings WATCHDOG=1 at
  half of WATCHDOG_USEC, stops pinging while its event loop is blocked (the debug hook
  LOAXA_ENGINE_DEBUG_LOOP + SIGUSR1 blocks it), pings again after, and says STOPPING=1 on SIGTERM.
- Under systemd (JOURNAL_STREAM naming its stderr) the engine's stderr lines carry journal
  priorities; the rotating log file in the log folder is written as before.
- ``loaxa service install|status|uninstall`` on Linux: this container runs no systemd (PID 1 is not
  systemd, ``systemctl --user`` has no bus), so the unit and its enablement are checked on the
  files written, with systemd's own offline tools: ``systemd-analyze verify`` on the unit and
  ``systemctl --root=DIR is-enabled`` on the enablement link.
- The Windows task (schtasks XML) is checked as a file: at boot, restart on failure, no time
  limit, ``--data-dir`` on the command line.
"""

from __future__ import annotations

import itertools
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from tests.conftest import ROOT, Cli, have, wait_until

pytestmark = pytest.mark.slow
TASK_NS = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}


class NotifySocket:
    """What systemd's end of NOTIFY_SOCKET sees: every datagram with its arrival time."""

    def __init__(self, address: str) -> None:
        self.name = address  # as in NOTIFY_SOCKET
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind("\0" + address[1:] if address.startswith("@") else address)
        self.sock.settimeout(0.1)
        self.seen: list[tuple[float, dict[str, str]]] = []

    def collect(self, seconds: float, until: str | None = None) -> list[tuple[float, dict[str, str]]]:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                data = self.sock.recv(4096).decode("utf-8")
            except TimeoutError:
                continue
            fields = dict(line.split("=", 1) for line in data.split("\n") if "=" in line)
            self.seen.append((time.monotonic(), fields))
            if until is not None and until in fields:
                break
        return self.seen

    def times(self, key: str, after: float = 0.0) -> list[float]:
        return [t for t, f in self.seen if key in f and t >= after]

    def close(self) -> None:
        self.sock.close()


def start_engine(cli: Cli, notify: str, env: dict[str, str] | None = None, **popen: object) -> subprocess.Popen[str]:
    cli.ok("init")
    outside = {k: v for k, v in cli.env.items() if k not in ("JOURNAL_STREAM", "INVOCATION_ID", "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID")}
    full = {**outside, "NOTIFY_SOCKET": notify, "WATCHDOG_USEC": "1000000", "LOAXA_ENGINE_HEARTBEAT_S": "0.5", **(env or {})}
    kw: dict[str, object] = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, **popen}  # the log file has it all
    return subprocess.Popen(cli.cmd("engine"), text=True, env=full, cwd=ROOT, **kw)  # type: ignore[call-overload,no-any-return]


def test_watchdog_pings_from_the_loop_and_stop_when_it_is_blocked(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "data")
    ns = NotifySocket(f"@loaxa-test-{uuid.uuid4().hex}")  # an abstract name, as systemd uses
    eng = start_engine(cli, ns.name, {"LOAXA_ENGINE_DEBUG_LOOP": "1", "LOAXA_ENGINE_DEBUG_STALL_S": "3"})
    try:
        ns.collect(30, until="READY")
        ready = ns.times("READY")
        assert ready, f"no READY=1 within 30 s (seen: {ns.seen}, engine exit: {eng.poll()})"
        status = next(f["STATUS"] for _, f in ns.seen if "READY" in f)
        assert "on air: 0 airings" in status and "planned" in status
        ns.collect(3.0)
        pings = ns.times("WATCHDOG", after=ready[0])
        assert len(pings) >= 4, f"expected a ping every 0.5 s, got {len(pings)} in 3 s"
        gaps = [b - a for a, b in itertools.pairwise(pings)]
        assert max(gaps) < 1.0, f"pings must come at half of WATCHDOG_USEC (1 s): gaps {gaps}"

        blocked_at = time.monotonic()
        eng.send_signal(signal.SIGUSR1)  # the debug hook blocks the event loop for 3 s
        ns.collect(5.0)
        after = ns.times("WATCHDOG", after=blocked_at)
        assert after, "the pings must resume once the loop runs again"
        gaps = [b - a for a, b in zip([blocked_at, *after], after, strict=False)]
        assert max(gaps) >= 2.5, f"a blocked loop must not ping: gaps {gaps} while it was blocked for 3 s"
        assert ns.seen[-1][0] - blocked_at >= 4.0 and len(after) >= 3, "pinging every 0.5 s again after the block"
        assert "worst loop lag" in ns.seen[-1][1]["STATUS"]

        eng.send_signal(signal.SIGTERM)
        ns.collect(15, until="STOPPING")
        assert eng.wait(20) == 0
        assert ns.times("STOPPING"), "STOPPING=1 when the engine begins to stop"
    finally:
        if eng.poll() is None:
            eng.kill()
            eng.wait(10)
        ns.close()


def test_notify_socket_path_and_journal_lines(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "data")
    short = Path(tempfile.mkdtemp(prefix="lx"))  # a socket path must fit in 108 bytes
    ns = NotifySocket(str(short / "notify"))
    r, w = os.pipe()
    st = os.fstat(w)  # both ends of a pipe are one inode: JOURNAL_STREAM names the engine's stderr
    eng = start_engine(cli, ns.name, {"JOURNAL_STREAM": f"{st.st_dev}:{st.st_ino}", "INVOCATION_ID": uuid.uuid4().hex}, stderr=w)
    os.close(w)
    try:
        ns.collect(30, until="READY")
        assert ns.times("READY"), f"no READY=1 on {ns.name}"
        eng.send_signal(signal.SIGTERM)
        assert eng.wait(20) == 0
        ns.collect(1.0)
        assert ns.times("STOPPING")
        with os.fdopen(r, encoding="utf-8") as f:
            err = f.read().splitlines()
        started = [line for line in err if "started" in line and "loaxa.engine" in line]
        assert started and started[0].startswith("<6>loaxa.engine: engine "), f"journal lines carry a priority, no timestamp: {err}"
        log = (cli.data_dir / "logs" / "engine.log").read_text(encoding="utf-8")
        assert " INFO loaxa.engine " in log and "started" in log, "the log file in the log folder is kept"
    finally:
        if eng.poll() is None:
            eng.kill()
            eng.wait(10)
        ns.close()
        shutil.rmtree(short, ignore_errors=True)


def systemd_tools() -> tuple[str, str]:
    return have("systemd-analyze"), have("systemctl")


def verify_unit(unit: Path) -> None:
    res = subprocess.run(["systemd-analyze", "verify", str(unit)], check=False, capture_output=True, text=True, timeout=60)
    problems = [line for line in (res.stdout + res.stderr).splitlines() if unit.name in line]
    assert res.returncode == 0 and not problems, f"systemd-analyze verify: {problems or res.stderr}"


def test_user_service_install_status_uninstall(tmp_path: Path) -> None:
    systemd_tools()
    data = tmp_path / "dữ liệu xã"  # a space and Vietnamese letters on the command line
    cfg = tmp_path / "config"
    cli = Cli(data, env={"XDG_CONFIG_HOME": str(cfg)})
    unit = cfg / "systemd" / "user" / "loaxa-engine.service"
    link = cfg / "systemd" / "user" / "default.target.wants" / "loaxa-engine.service"

    assert cli.json("service", "status")["installed"] is False
    res = cli.ok("service", "install")
    assert "next boot" in res.stdout and "enable-linger" in res.stdout
    text = unit.read_text(encoding="utf-8")
    for line in ("Type=notify", "WatchdogSec=30", "Restart=on-failure", "WantedBy=default.target"):
        assert line + "\n" in text
    exec_start = next(line for line in text.splitlines() if line.startswith("ExecStart="))
    assert f'engine --data-dir "{data.resolve()}"' in exec_start
    assert "User=" not in text, "a user service runs as its user"
    verify_unit(unit)
    assert link.is_symlink() and link.resolve() == unit.resolve()

    st = cli.json("service", "status")
    assert st["installed"] and st["enabled"] and st["exec_start"] == exec_start.split("=", 1)[1]

    res = cli.ok("service", "uninstall")
    assert not unit.exists() and not link.is_symlink()
    assert cli.json("service", "status")["installed"] is False
    again = cli("service", "uninstall")
    assert again.code == 4, again.stderr


def test_system_service_into_a_root_is_enabled_for_systemctl(tmp_path: Path, pg: Any) -> None:
    systemd_tools()
    root = tmp_path / "image"
    cli = Cli(tmp_path / "unused")

    env = {k: v for k, v in cli.env.items() if k != "LOAXA_DATA_DIR"}
    r = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "service", "install", "--system", "--root", str(root)],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert r.returncode == 3, r.stderr
    assert "--data-dir" in r.stderr and not root.exists(), "refused: nothing written"

    secret_url = pg.database()  # a district's server: its password must not reach the unit file
    password = secret_url.split("://", 1)[1].split("@", 1)[0].split(":", 1)[1]
    cli.ok(
        "service", "install", "--system", "--root", str(root), "--data-dir", "/var/lib/loaxa", "--db", secret_url,
        "--run-as", "loaxa", "--standby", "--watchdog", "20",
    )  # fmt: skip
    unit = root / "etc/systemd/system/loaxa-engine.service"
    text = unit.read_text(encoding="utf-8")
    assert password not in text and "--db" not in text, "no password on a command line any user can list"
    kept = root / "var/lib/loaxa/database.url"
    assert kept.read_text(encoding="utf-8").strip() == secret_url and (kept.stat().st_mode & 0o777) == 0o600
    assert "User=loaxa\n" in text and "WatchdogSec=20\n" in text and "WantedBy=multi-user.target\n" in text
    assert "engine --data-dir /var/lib/loaxa --standby" in text
    verify_unit(unit)
    state = subprocess.run(["systemctl", f"--root={root}", "is-enabled", "loaxa-engine.service"], check=False, capture_output=True, text=True, timeout=60)
    assert state.stdout.strip() == "enabled", state.stdout + state.stderr

    cli.ok("service", "uninstall", "--system", "--root", str(root), "--data-dir", "/var/lib/loaxa")
    assert not unit.exists() and not list((root / "etc/systemd/system").rglob("loaxa*"))
    state = subprocess.run(["systemctl", f"--root={root}", "is-enabled", "loaxa-engine.service"], check=False, capture_output=True, text=True, timeout=60)
    assert state.returncode != 0


def test_windows_task_xml(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "unused")
    data = r"C:\ProgramData\LoaXa data"
    res = cli.ok("service", "install", "--os", "windows", "--print", "--data-dir", data)
    task = ElementTree.fromstring(res.stdout.replace('encoding="UTF-16"', ""))
    assert task.find("t:Triggers/t:BootTrigger/t:Enabled", TASK_NS).text == "true"  # type: ignore[union-attr]
    assert task.find("t:Triggers/t:BootTrigger/t:Repetition/t:Interval", TASK_NS).text == "PT5M"  # type: ignore[union-attr]  # a dead engine started again
    assert task.find("t:Settings/t:MultipleInstancesPolicy", TASK_NS).text == "IgnoreNew"  # type: ignore[union-attr]  # never a second engine
    assert task.find("t:Principals/t:Principal/t:UserId", TASK_NS).text == "S-1-5-18"  # type: ignore[union-attr]  # SYSTEM: nobody logged in
    assert task.find("t:Settings/t:RestartOnFailure/t:Count", TASK_NS).text == "999"  # type: ignore[union-attr]
    assert task.find("t:Settings/t:ExecutionTimeLimit", TASK_NS).text == "PT0S"  # type: ignore[union-attr]  # the 72 h default would stop it
    args = task.find("t:Actions/t:Exec/t:Arguments", TASK_NS).text  # type: ignore[union-attr]
    assert args == f'engine --data-dir "{data}"', args  # on the command line: a task has no environment

    from desktop.cli import service

    plan = service.Plan(["C:\\Program Files\\LoaXa\\loaxa.exe", "engine", "--data-dir", data], Path(data), True, Path("/"), None, False, 30)
    written = service.write_task_file(plan, tmp_path / "task.xml").read_bytes()
    assert written[:2] == b"\xff\xfe", "schtasks /XML reads UTF-16 with a byte-order mark"
    assert "C:\\Program Files\\LoaXa\\loaxa.exe" in written.decode("utf-16")

    here = cli("service", "install", "--os", "windows", "--data-dir", data)
    assert here.code == 3 and "--print" in here.stderr


def test_without_systemd_a_hung_loop_ends_the_engine_but_a_paused_process_does_not(tmp_path: Path) -> None:
    """Windows' Task Scheduler cannot see the loop: the engine's own hang guard ends the process
    (exit 1, said in the log) so that the task starts a live one; a paused process (SIGSTOP, a
    sleeping PC) is not a hang."""
    cli = Cli(tmp_path / "data")
    cli.ok("init")
    env = {k: v for k, v in cli.env.items() if k not in ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "JOURNAL_STREAM", "INVOCATION_ID")}
    env.update(LOAXA_ENGINE_HANG_EXIT_S="2", LOAXA_ENGINE_DEBUG_LOOP="1", LOAXA_ENGINE_DEBUG_STALL_S="8")
    eng = subprocess.Popen(cli.cmd("engine"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    log = cli.data_dir / "logs" / "engine.log"
    try:
        assert wait_until(lambda: log.is_file() and " started" in log.read_text(encoding="utf-8"), 30), "the engine did not start"
        eng.send_signal(signal.SIGSTOP)  # the whole process paused for twice the limit
        time.sleep(4)
        eng.send_signal(signal.SIGCONT)
        time.sleep(2)
        assert eng.poll() is None, "a paused process is not a hung loop"

        blocked = time.monotonic()
        eng.send_signal(signal.SIGUSR1)  # the loop blocked for 8 s, the guard's limit is 2 s
        code = eng.wait(20)
        took = time.monotonic() - blocked
        # the guard counts from the loop's last tick, up to a quarter of its limit (0.5 s) before the signal
        assert code == 1 and 2.0 - 0.5 - 0.1 <= took < 6.0, f"exit {code} after {took:.1f} s"
        assert "the event loop has not answered" in log.read_text(encoding="utf-8")
    finally:
        if eng.poll() is None:
            eng.kill()
            eng.wait(10)
