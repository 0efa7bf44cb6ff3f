"""One PulseAudio server for this test process (each parallel worker has its own: tests/conftest.py
sets ``PULSE_RUNTIME_PATH`` per worker). Started the first time a test needs sound, when none
answers, and stopped when the process ends, never by a test: a fixture that stopped "its" server
pulled it from under the next one."""

from __future__ import annotations

import atexit
import shutil
import subprocess
import time

_server: subprocess.Popen[bytes] | None = None


def _answers(pactl: str) -> bool:
    return subprocess.run([pactl, "info"], capture_output=True, check=False).returncode == 0


def ensure_server() -> str:
    """The path of ``pactl``, once a PulseAudio server answers (started here when none does)."""
    global _server
    pactl = shutil.which("pactl")
    assert pactl, "pactl is not installed: scripts/test installs it (pulseaudio-utils)"
    if _answers(pactl):
        return pactl
    exe = shutil.which("pulseaudio")
    assert exe, "pulseaudio is not installed: scripts/test installs it"
    _server = subprocess.Popen(
        [exe, "-n", "--daemonize=no", "--exit-idle-time=-1", "-L", "module-null-sink", "-L", "module-native-protocol-unix", "-L", "module-always-sink"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    atexit.register(_stop)
    end = time.monotonic() + 10
    while not _answers(pactl):
        assert time.monotonic() < end, "the PulseAudio server did not answer within 10 s"
        assert _server.poll() is None, f"the PulseAudio server ended at once (exit {_server.returncode})"
        time.sleep(0.1)
    return pactl


def _stop() -> None:
    if _server is not None and _server.poll() is None:
        _server.terminate()
        try:
            _server.wait(5)
        except subprocess.TimeoutExpired:
            _server.kill()
