"""``loaxa service install|uninstall|status``: the engine started at boot (or login) and restarted
when it fails or hangs.

- Linux: a systemd unit, per user (``~/.config/systemd/user``, started at login; at boot with
  ``loginctl enable-linger``) or for the system with ``--system`` (``/etc/systemd/system``, at
  boot). ``Type=notify`` with ``WatchdogSec=``: the engine says READY and pings the watchdog from
  its event loop (``broadcast.sdnotify``), so systemd restarts an engine whose loop hangs;
  ``Restart=on-failure`` restarts one that crashed. When systemd runs, ``systemctl`` reloads,
  enables and starts it; otherwise (a container, an image prepared with ``--root``) the unit and
  its enablement link are written as ``systemctl enable`` would, for the next boot.
- Windows: a Task Scheduler task (XML through ``schtasks /Create /XML``) run at boot as SYSTEM,
  restarted on failure, with ``--data-dir`` on its command line (a task has no environment of
  its own, so LOAXA_DATA_DIR cannot be set there).

The data folder (and ``--db``/``--media-dir`` when given) go on the engine's command line.
"""

from __future__ import annotations

import getpass
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from schedules.errors import InputRefused, NotFound
from schedules.i18n import _

from .common import Context, emit

UNIT_NAME = "loaxa-engine.service"
TASK_NAME = "LoaXa\\Engine"
DEFAULT_WATCHDOG_S = 30


def register(b: Any, root: Any) -> None:
    svc = b.group(root, "service", _("run the engine at boot as a watched service (systemd, Windows Task Scheduler)"))
    p = b.leaf(svc, "install", _("install and start the engine as a service"), cmd_install)
    _common(p)
    p.add_argument("--standby", action="store_true", help=_("run the engine as the standby (loaxa engine --standby)"))
    p.add_argument("--run-as", metavar=_("USER"), help=_("the account the system service runs as (--system; default: the user who ran sudo, else you)"))
    p.add_argument(
        "--watchdog",
        type=int,
        default=DEFAULT_WATCHDOG_S,
        metavar=_("SECONDS"),
        help=_("restart the engine when its loop has not answered for this long (default 30)"),
    )
    p.add_argument("--print", dest="print_only", action="store_true", help=_("only print the unit or task that would be installed"))
    p = b.leaf(svc, "uninstall", _("stop the service and remove it"), cmd_uninstall)
    _common(p)
    p = b.leaf(svc, "status", _("is the engine installed as a service, enabled, running"), cmd_status)
    _common(p)


def _common(p: Any) -> None:
    p.add_argument("--system", action="store_true", help=_("a system service started at boot (needs root); default: your user's service"))
    p.add_argument("--root", metavar=_("DIR"), help=_("install into this root folder instead of / (an image being prepared; nothing is started)"))
    p.add_argument("--os", dest="target_os", choices=["linux", "windows"], help=_("the system to write for (default: this one)"))


# -- what is installed ------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """The engine's command line and where the service lives."""

    command: list[str]
    data_dir: Path
    system: bool
    root: Path
    run_as: str | None
    standby: bool
    watchdog_s: int

    @property
    def unit_dir(self) -> Path:
        if self.system:
            return self.root / "etc/systemd/system"
        if self.root != Path("/"):
            return self.root / "etc/systemd/user"  # an image: for every user (systemctl --global)
        base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
        return Path(base) / "systemd" / "user"

    @property
    def unit_path(self) -> Path:
        return self.unit_dir / UNIT_NAME

    @property
    def wanted_by(self) -> str:
        return "multi-user.target" if self.system else "default.target"

    @property
    def wants_link(self) -> Path:
        return self.unit_dir / f"{self.wanted_by}.wants" / UNIT_NAME


def loaxa_command() -> list[str]:
    """How to start ``loaxa`` again from a service: the frozen application's own executable, the
    console script beside this Python, or this Python with ``-m desktop.cli``."""
    exe = Path(sys.executable)
    if getattr(sys, "frozen", False):
        name = "loaxa.exe" if os.name == "nt" else "loaxa"
        sibling = exe.with_name(name)
        return [str(sibling if sibling.exists() else exe)]
    for cand in (exe.with_name("loaxa"), exe.with_name("loaxa.exe"), exe.parent / "Scripts" / "loaxa.exe"):
        if cand.exists():
            return [str(cand)]
    return [str(exe), "-m", "desktop.cli"]


def _plan(ctx: Context) -> Plan:
    args = ctx.args
    system = bool(args.system)
    given = args.data_dir or os.environ.get("LOAXA_DATA_DIR")
    if system and not given:
        raise InputRefused(_("A system service needs its data folder named: add --data-dir (for example --data-dir /var/lib/loaxa)."))
    from schedules.folders import default_data_dir

    here = _target_os(ctx) == ("windows" if os.name == "nt" else "linux")
    # a task printed for another system keeps its folders as written (C:\... is not a path here)
    data_dir = Path(given or default_data_dir()).expanduser().resolve() if here else Path(given or default_data_dir())
    engine = [*loaxa_command(), "engine", "--data-dir", str(data_dir)]
    # --db is not put on the command line (any user of the PC can list it, password and all):
    # install keeps it in the data folder's database.url, readable by the owner only
    if args.media_dir:
        engine += ["--media-dir", str(Path(args.media_dir).expanduser().resolve()) if here else args.media_dir]
    if getattr(args, "standby", False):
        engine.append("--standby")
    run_as = getattr(args, "run_as", None) or (os.environ.get("SUDO_USER") or getpass.getuser() if system else None)
    watchdog = int(getattr(args, "watchdog", DEFAULT_WATCHDOG_S))
    if watchdog < 5:
        raise InputRefused(_("--watchdog must be at least 5 seconds (the engine pings every half of it)."))
    root = Path(args.root).resolve() if args.root else Path("/")
    return Plan(engine, data_dir, system, root, run_as, bool(getattr(args, "standby", False)), watchdog)


def _target_os(ctx: Context) -> str:
    return str(ctx.args.target_os or ("windows" if os.name == "nt" else "linux"))


# -- systemd ----------------------------------------------------------------------------------


def _systemd_quote(arg: str) -> str:
    """One ExecStart word: specifiers (%) and variables ($) taken literally, quoted when needed."""
    arg = arg.replace("%", "%%").replace("$", "$$")
    if arg and not any(c in arg for c in " \t\"'\\;"):
        return arg
    return '"' + arg.replace("\\", "\\\\").replace('"', '\\"') + '"'


def unit_text(plan: Plan) -> str:
    """The systemd unit for the engine."""
    exec_start = " ".join(_systemd_quote(a) for a in plan.command)
    user = f"User={plan.run_as}\n" if plan.system and plan.run_as else ""
    return (
        "# Written by `loaxa service install`; remove with `loaxa service uninstall`.\n"
        "[Unit]\n"
        "Description=LoaXa broadcast engine\n"
        "After=network-online.target\n"
        "Wants=network-online.target\n"
        "StartLimitIntervalSec=0\n"
        "\n"
        "[Service]\n"
        "Type=notify\n"
        "NotifyAccess=main\n"
        f"{user}"
        f"ExecStart={exec_start}\n"
        f"WatchdogSec={plan.watchdog_s}\n"
        "Restart=on-failure\n"
        "RestartSec=5\n"
        "TimeoutStartSec=120\n"
        "TimeoutStopSec=20\n"
        "KillSignal=SIGTERM\n"
        "Environment=PYTHONUNBUFFERED=1\n"
        "\n"
        "[Install]\n"
        f"WantedBy={plan.wanted_by}\n"
    )


def _systemd_running(plan: Plan) -> bool:
    return plan.root == Path("/") and Path("/run/systemd/system").is_dir() and shutil.which("systemctl") is not None


def _systemctl(plan: Plan, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    cmd = ["systemctl", *(() if plan.system else ("--user",)), *args]
    res = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=60)
    if check and res.returncode != 0:
        from schedules.errors import DeliveryError

        raise DeliveryError(_("{cmd} failed: {detail}", cmd=" ".join(cmd), detail=(res.stderr or res.stdout).strip()))
    return res


def _install_linux(plan: Plan) -> dict[str, Any]:
    plan.unit_dir.mkdir(parents=True, exist_ok=True)
    tmp = plan.unit_path.with_name(plan.unit_path.name + ".tmp")
    tmp.write_text(unit_text(plan), encoding="utf-8")
    tmp.chmod(0o644)
    os.replace(tmp, plan.unit_path)  # whole or not at all
    if _systemd_running(plan):
        _systemctl(plan, "daemon-reload")
        _systemctl(plan, "enable", "--now", UNIT_NAME)
        started = True
    else:  # what `systemctl enable` does: the [Install] section's link
        plan.wants_link.parent.mkdir(parents=True, exist_ok=True)
        if plan.wants_link.is_symlink() or plan.wants_link.exists():
            plan.wants_link.unlink()
        # as systemctl links it: the unit's path as seen from the root it boots from
        plan.wants_link.symlink_to(plan.unit_path if plan.root == Path("/") else Path("/") / plan.unit_path.relative_to(plan.root))
        started = False
    return {"unit": str(plan.unit_path), "enabled": str(plan.wants_link), "started": started}


def _uninstall_linux(plan: Plan) -> dict[str, Any]:
    if not plan.unit_path.exists() and not plan.wants_link.is_symlink():
        raise NotFound(_("No engine service is installed ({path}).", path=plan.unit_path))
    if _systemd_running(plan):
        _systemctl(plan, "disable", "--now", UNIT_NAME, check=False)
    removed = []
    for p in (plan.wants_link, plan.unit_path):
        if p.is_symlink() or p.exists():
            p.unlink()
            removed.append(str(p))
    if _systemd_running(plan):
        _systemctl(plan, "daemon-reload", check=False)
        _systemctl(plan, "reset-failed", UNIT_NAME, check=False)
    return {"removed": removed}


def _status_linux(plan: Plan) -> dict[str, Any]:
    installed = plan.unit_path.exists()
    d: dict[str, Any] = {"kind": "systemd", "unit": str(plan.unit_path), "installed": installed, "enabled": plan.wants_link.is_symlink(), "active": None}
    if installed:
        d["exec_start"] = next(
            (line.split("=", 1)[1] for line in plan.unit_path.read_text(encoding="utf-8").splitlines() if line.startswith("ExecStart=")), None
        )
    if _systemd_running(plan):
        d["enabled"] = _systemctl(plan, "is-enabled", UNIT_NAME, check=False).stdout.strip() == "enabled"
        d["active"] = _systemctl(plan, "is-active", UNIT_NAME, check=False).stdout.strip()
    return d


# -- Windows Task Scheduler -------------------------------------------------------------------


def _windows_quote(arg: str) -> str:
    """One argument as Windows' command-line parser reads it back (CommandLineToArgvW rules)."""
    return subprocess.list2cmdline([arg])


def task_xml(plan: Plan) -> str:
    """The Task Scheduler task: at boot, as SYSTEM, no time limit, restarted on failure, and
    started again within 5 minutes when it is not running (a repetition of the boot trigger;
    MultipleInstancesPolicy IgnoreNew keeps a running engine alone)."""
    command, *args = plan.command
    arguments = " ".join(_windows_quote(a) for a in args)
    return f"""<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Description>LoaXa broadcast engine (loaxa service install; remove with loaxa service uninstall)</Description>
    <URI>\\{escape(TASK_NAME)}</URI>
  </RegistrationInfo>
  <Triggers>
    <BootTrigger>
      <Enabled>true</Enabled>
      <!-- started again every 5 minutes if it is not running (IgnoreNew: never a second one);
           the schema's order: Enabled, Repetition, then BootTrigger's own Delay -->
      <Repetition>
        <Interval>PT5M</Interval>
        <StopAtDurationEnd>false</StopAtDurationEnd>
      </Repetition>
      <Delay>PT30S</Delay>
    </BootTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author">
      <UserId>S-1-5-18</UserId>
      <RunLevel>HighestAvailable</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <AllowHardTerminate>true</AllowHardTerminate>
    <StartWhenAvailable>true</StartWhenAvailable>
    <RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>
    <IdleSettings>
      <StopOnIdleEnd>false</StopOnIdleEnd>
      <RestartOnIdle>false</RestartOnIdle>
    </IdleSettings>
    <AllowStartOnDemand>true</AllowStartOnDemand>
    <Enabled>true</Enabled>
    <Hidden>false</Hidden>
    <RunOnlyIfIdle>false</RunOnlyIfIdle>
    <WakeToRun>false</WakeToRun>
    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>
    <Priority>4</Priority>
    <RestartOnFailure>
      <Interval>PT1M</Interval>
      <Count>999</Count>
    </RestartOnFailure>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>{escape(command)}</Command>
      <Arguments>{escape(arguments)}</Arguments>
      <WorkingDirectory>{escape(str(Path(command).parent))}</WorkingDirectory>
    </Exec>
  </Actions>
</Task>
"""


def _schtasks(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    res = subprocess.run(["schtasks", *args], check=False, capture_output=True, text=True, timeout=60)
    if check and res.returncode != 0:
        from schedules.errors import DeliveryError

        raise DeliveryError(_("{cmd} failed: {detail}", cmd="schtasks " + " ".join(args), detail=(res.stderr or res.stdout).strip()))
    return res


def write_task_file(plan: Plan, path: Path) -> Path:
    """The task's XML as Task Scheduler reads it (UTF-16 with a byte-order mark)."""
    path.write_text(task_xml(plan), encoding="utf-16")
    return path


def _install_windows(plan: Plan) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        xml = write_task_file(plan, Path(tmp) / "loaxa-engine.xml")
        _schtasks("/Create", "/TN", TASK_NAME, "/XML", str(xml), "/F")
    _schtasks("/Run", "/TN", TASK_NAME)
    return {"task": TASK_NAME, "started": True}


def _uninstall_windows(plan: Plan) -> dict[str, Any]:
    if _schtasks("/Query", "/TN", TASK_NAME, check=False).returncode != 0:
        raise NotFound(_("No engine service is installed ({path}).", path=TASK_NAME))
    _schtasks("/End", "/TN", TASK_NAME, check=False)
    _schtasks("/Delete", "/TN", TASK_NAME, "/F")
    return {"removed": [TASK_NAME]}


def _status_windows(plan: Plan) -> dict[str, Any]:
    res = _schtasks("/Query", "/TN", TASK_NAME, "/FO", "LIST", "/V", check=False)
    fields = dict(line.split(":", 1) for line in res.stdout.splitlines() if ":" in line)
    fields = {k.strip(): v.strip() for k, v in fields.items()}
    return {
        "kind": "task",
        "task": TASK_NAME,
        "installed": res.returncode == 0,
        "enabled": res.returncode == 0 and fields.get("Scheduled Task State", "Enabled") != "Disabled",
        "active": fields.get("Status"),
        "exec_start": fields.get("Task To Run"),
    }


# -- commands ---------------------------------------------------------------------------------


def _refuse_foreign(ctx: Context, target: str) -> None:
    here = "windows" if os.name == "nt" else "linux"
    if target != here:
        raise InputRefused(_("A service for {os} can only be installed on {os}; on this computer use --print to see it.", os=target))


def _keep_db_url(plan: Plan, url: str) -> Path:
    """The database URL in the data folder's database.url (not on the service's command line,
    which any user of the PC can list), readable by the service's user only."""
    from schedules.workspace import store_db_url

    folder = plan.data_dir if plan.root == Path("/") else plan.root / plan.data_dir.relative_to(plan.data_dir.anchor)
    kept = store_db_url(folder, url)
    if plan.system and plan.run_as and hasattr(os, "chown"):
        import pwd

        try:
            who = pwd.getpwnam(plan.run_as)
            os.chown(kept, who.pw_uid, who.pw_gid)
        except KeyError:  # an image for a user made later: its owner is set when the user is
            pass
    return kept


def cmd_install(ctx: Context) -> int:
    plan = _plan(ctx)
    target = _target_os(ctx)
    text = task_xml(plan) if target == "windows" else unit_text(plan)
    if ctx.args.print_only:
        sys.stdout.write(text)
        return 0
    _refuse_foreign(ctx, target)
    kept = _keep_db_url(plan, ctx.args.db) if ctx.args.db else None
    result = _install_windows(plan) if target == "windows" else _install_linux(plan)
    result["command"] = plan.command
    if kept is not None:
        result["database_url_file"] = str(kept)
    if result.get("started"):
        msg = _("The engine is installed as a service and started; it starts again at boot and is restarted when it fails or hangs.")
    else:
        msg = _("The engine is installed as a service ({unit}) and enabled; systemd is not running here, so it starts at the next boot.", unit=plan.unit_path)
    if target == "linux" and not plan.system:
        msg += "\n" + _(
            "A user service starts when you log in; to start it at boot with nobody logged in, run: loginctl enable-linger {user}", user=getpass.getuser()
        )
    emit(ctx, result, msg)
    return 0


def cmd_uninstall(ctx: Context) -> int:
    plan = _plan(ctx)
    target = _target_os(ctx)
    _refuse_foreign(ctx, target)
    result = _uninstall_windows(plan) if target == "windows" else _uninstall_linux(plan)
    emit(ctx, result, _("The engine service was stopped and removed ({what}).", what=", ".join(result["removed"])))
    return 0


def cmd_status(ctx: Context) -> int:
    plan = _plan(ctx)
    target = _target_os(ctx)
    _refuse_foreign(ctx, target)
    d = _status_windows(plan) if target == "windows" else _status_linux(plan)

    def text() -> str:
        if not d["installed"]:
            return _("The engine is not installed as a service. Install it with: loaxa service install")
        lines = [_("Installed: {where}", where=d.get("unit") or d.get("task")), _("Enabled at boot: {yes}", yes=_("yes") if d["enabled"] else _("no"))]
        if d.get("active") is not None:
            lines.append(_("State: {state}", state=d["active"]))
        if d.get("exec_start"):
            lines.append(_("Command: {cmd}", cmd=d["exec_start"]))
        return "\n".join(lines)

    emit(ctx, d, text)
    return 0
