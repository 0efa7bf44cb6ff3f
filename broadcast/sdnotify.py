"""systemd's service notification protocol (``sd_notify``), in the protocol's few lines.

Under a unit with ``Type=notify`` systemd passes ``NOTIFY_SOCKET`` (a datagram socket path, or an
abstract name written with a leading ``@``) and, with ``WatchdogSec=``, ``WATCHDOG_USEC`` (and
maybe ``WATCHDOG_PID``). The service sends newline-separated ``KEY=VALUE`` datagrams:
``READY=1`` once started, ``WATCHDOG=1`` at least every ``WATCHDOG_USEC`` (we ping at half of
it), ``STATUS=...`` a line for ``systemctl status``, ``STOPPING=1`` when it begins to stop.
Without ``NOTIFY_SOCKET`` (started by hand, by the window, on Windows) every call does nothing.

Also here: how the engine's log lines reach the journal when systemd captured stderr
(``JOURNAL_STREAM``/``INVOCATION_ID``): with a ``<priority>`` prefix and no timestamp of our own.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
import threading
import time
from collections.abc import Mapping

log = logging.getLogger("loaxa.engine.sdnotify")


class Notifier:
    """The sending side of sd_notify for one process. Never raises: a lost datagram must not
    stop the engine (systemd then restarts it, which is what a missed watchdog means anyway)."""

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        env = os.environ if env is None else env
        self.address = _address(env.get("NOTIFY_SOCKET", ""))
        self.watchdog_s = _watchdog_interval(env)
        self._sock: socket.socket | None = None
        self._last_ping = 0.0
        self._warned = False

    @property
    def enabled(self) -> bool:
        return self.address is not None

    def send(self, *fields: str) -> bool:
        """Send ``KEY=VALUE`` fields in one datagram; True when it was sent."""
        if self.address is None or not hasattr(socket, "AF_UNIX"):
            return False
        try:
            if self._sock is None:
                self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)  # type: ignore[attr-defined,unused-ignore]
                self._sock.setblocking(False)
            self._sock.sendto("\n".join(fields).encode("utf-8"), self.address)
            return True
        except OSError as exc:
            if not self._warned:  # once: a notify socket that went away is not news every second
                log.warning("sd_notify to %r failed: %s", self.address, exc)
                self._warned = True
            return False

    def ready(self, status: str = "") -> bool:
        return self.send("READY=1", *((f"STATUS={_one_line(status)}",) if status else ()))

    def status(self, text: str) -> bool:
        return self.send(f"STATUS={_one_line(text)}")

    def stopping(self, status: str = "") -> bool:
        return self.send("STOPPING=1", *((f"STATUS={_one_line(status)}",) if status else ()))

    def ping(self, status: str = "") -> bool:
        """``WATCHDOG=1`` (with a status line): call it from the loop whose health it vouches for."""
        self._last_ping = time.monotonic()
        return self.send("WATCHDOG=1", *((f"STATUS={_one_line(status)}",) if status else ()))

    def ping_due(self) -> bool:
        return self.watchdog_s is not None and time.monotonic() - self._last_ping >= self.watchdog_s

    @property
    def tick_s(self) -> float:
        """How often the loop should offer a ping: the watchdog's half-interval, else every 5 s
        (for STATUS alone)."""
        return self.watchdog_s if self.watchdog_s is not None else 5.0

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None


def _address(value: str) -> str | None:
    if not value or not (value.startswith(("/", "@"))):
        return None  # unset, or a vsock address (not for us)
    return "\0" + value[1:] if value.startswith("@") else value


def _watchdog_interval(env: Mapping[str, str]) -> float | None:
    """Half of WATCHDOG_USEC in seconds, or None (no watchdog, or one meant for another process)."""
    usec = env.get("WATCHDOG_USEC", "")
    pid = env.get("WATCHDOG_PID", "")
    if pid and pid != str(os.getpid()):
        return None
    try:
        value = int(usec)
    except ValueError:
        return None
    return value / 2 / 1_000_000 if value > 0 else None


def _one_line(text: str) -> str:
    return " ".join(text.split())


# -- where no service manager watches the loop -------------------------------------------------


class HangGuard:
    """The last resort where nothing watches the engine's loop (Windows' Task Scheduler, an engine
    started by hand or by the window): a thread that ends the process when the loop has not
    ticked for ``limit_s`` seconds, so that whatever starts the engine (the task's repetition,
    the window) starts a live one, and a standby takes over meanwhile. A pause of the whole
    process or machine (sleep, SIGSTOP) stops this thread too: it notices its own gap and
    starts counting again rather than killing an engine that was merely paused."""

    def __init__(self, limit_s: float, *, step_s: float = 0.5, exit_code: int = 1) -> None:
        self.limit_s = limit_s
        self.step_s = step_s
        self.exit_code = exit_code
        self._tick = time.monotonic()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def tick(self) -> None:
        self._tick = time.monotonic()

    def start(self) -> None:
        self._tick = time.monotonic()
        self._thread = threading.Thread(target=self._run, name="hang-guard", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        last = time.monotonic()
        while not self._stop.wait(self.step_s):
            now = time.monotonic()
            if now - last > self.step_s + 2.0:  # this thread was paused as well: not a hung loop
                self._tick = now
            last = now
            if now - self._tick > self.limit_s:
                log.critical("the event loop has not answered for %.0f s: ending the engine so that it is started again", now - self._tick)
                for h in logging.getLogger("loaxa").handlers:
                    h.flush()
                os._exit(self.exit_code)


# -- the journal ------------------------------------------------------------------------------


def stderr_is_journal(env: Mapping[str, str] | None = None) -> bool:
    """True when stderr is a stream systemd's journal reads: ``JOURNAL_STREAM`` names its device
    and inode (checked against fd 2, so a child whose stderr was redirected does not count), or
    ``INVOCATION_ID`` says a unit runs us and JOURNAL_STREAM was not passed."""
    env = os.environ if env is None else env
    stream = env.get("JOURNAL_STREAM", "")
    if stream:
        try:
            dev, ino = (int(x) for x in stream.split(":", 1))
            st = os.fstat(sys.stderr.fileno())
            return (st.st_dev, st.st_ino) == (dev, ino)
        except (ValueError, OSError, AttributeError):
            return False
    return bool(env.get("INVOCATION_ID"))


class JournalFormatter(logging.Formatter):
    """``<priority>logger: message``: journald reads the syslog prefix as the line's priority and
    stamps the time itself."""

    _PRIORITY = ((logging.CRITICAL, 2), (logging.ERROR, 3), (logging.WARNING, 4), (logging.INFO, 6))

    def __init__(self) -> None:
        super().__init__("%(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        prio = next((p for level, p in self._PRIORITY if record.levelno >= level), 7)
        text = super().format(record)
        return "\n".join(f"<{prio}>{line}" for line in text.splitlines())


def adapt_stderr_for_journal(logger_name: str = "loaxa") -> bool:
    """When systemd captures stderr, let the logger's stderr handlers write journal lines.
    The rotating file in the log folder stays as it is. Returns whether it changed anything."""
    if not stderr_is_journal():
        return False
    changed = False
    for h in logging.getLogger(logger_name).handlers:
        if isinstance(h, logging.StreamHandler) and not isinstance(h, logging.FileHandler) and getattr(h, "stream", None) is sys.stderr:
            h.setFormatter(JournalFormatter())
            changed = True
    return changed
