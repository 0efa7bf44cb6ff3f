"""The HTTTN province simulator as a separate process (``loaxa httn-sim``) on 127.0.0.1."""

from __future__ import annotations

import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Simulator:
    """Start, stop and restart the simulator on one port and data folder; read what it received."""

    def __init__(self, data: Path, port: int | None = None, *, args: tuple[str, ...] = (), cafile: Path | None = None) -> None:
        self.data = data
        self.port = port or free_port()
        self.args = args
        self.cafile = cafile  # set when args serve HTTPS: the certificate the tests trust
        self.proc: subprocess.Popen[str] | None = None

    @property
    def url(self) -> str:
        return f"{'https' if self.cafile else 'http'}://127.0.0.1:{self.port}"

    def _verify(self) -> ssl.SSLContext | bool:
        return ssl.create_default_context(cafile=str(self.cafile)) if self.cafile else True

    def _get(self, path: str, timeout: float) -> httpx.Response:
        return httpx.get(f"{self.url}{path}", timeout=timeout, verify=self._verify())

    def start(self, timeout: float = 20.0) -> Simulator:
        cmd = [sys.executable, "-m", "desktop.cli", "--lang", "en", "httn-sim", "--port", str(self.port), "--data", str(self.data), *self.args]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"simulator exited {self.proc.returncode}: {self.proc.stderr.read() if self.proc.stderr else ''}")
            try:
                if self._get("/_sim/health", 1).status_code == 200:
                    return self
            except httpx.TransportError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("simulator did not start")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        if self.proc is not None:
            for stream in (self.proc.stdout, self.proc.stderr):
                if stream is not None:
                    stream.close()
        self.proc = None

    def received(self) -> dict[str, Any]:
        r = self._get("/_sim/received", 10)
        r.raise_for_status()
        data: dict[str, Any] = r.json()
        return data

    def messages(self, kind: str | None = None) -> list[dict[str, Any]]:
        return [m for m in self.received()["messages"] if kind is None or m["kind"] == kind]

    def fault(self, **switches: Any) -> None:
        httpx.post(f"{self.url}/_sim/fault", json=switches, timeout=10, verify=self._verify()).raise_for_status()
