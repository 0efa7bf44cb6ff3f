"""A real icecast2 on loopback for tests and benchmarks, and a listener that records arrivals.

Icecast refuses to run as root, so as root the config changes owner to ``nobody``; its folder is
made with mkdtemp and opened up, because icecast opens its logs after switching user.
"""

from __future__ import annotations

import os
import shutil
import socket
import ssl
import subprocess
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

SOURCE_PASSWORD = "nguon-bi-mat"
ADMIN_PASSWORD = "quan-tri"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


CONFIG = """<icecast>
  <location>LoaXa tests</location>
  <admin>test@localhost</admin>
  <limits>
    <clients>{clients}</clients>
    <sources>{sources}</sources>
    <queue-size>1048576</queue-size>
    <client-timeout>30</client-timeout>
    <header-timeout>15</header-timeout>
    <source-timeout>{source_timeout}</source-timeout>
    <burst-on-connect>{burst_on}</burst-on-connect>
    <burst-size>{burst_size}</burst-size>
  </limits>
  <authentication>
    <source-password>{source_password}</source-password>
    <admin-user>admin</admin-user>
    <admin-password>{admin_password}</admin-password>
  </authentication>
  <hostname>127.0.0.1</hostname>
  <listen-socket><port>{port}</port><bind-address>127.0.0.1</bind-address></listen-socket>{tls_socket}
  <fileserve>1</fileserve>
  <paths>{tls_cert}
    <basedir>/usr/share/icecast2</basedir>
    <logdir>{dir}/log</logdir>
    <webroot>/usr/share/icecast2/web</webroot>
    <adminroot>/usr/share/icecast2/admin</adminroot>
    <pidfile>{dir}/icecast.pid</pidfile>
  </paths>
  <logging><accesslog>access.log</accesslog><errorlog>error.log</errorlog><loglevel>2</loglevel></logging>
  <security><chroot>0</chroot>{changeowner}</security>
</icecast>
"""


@dataclass
class IcecastServer:
    port: int = field(default_factory=free_port)
    sources: int = 50
    clients: int = 200
    burst_size: int = 65535
    source_timeout: int = 10
    tls: bool = False  # also listen with TLS on tls_port, with a self-signed certificate (cert_path)
    tls_port: int = field(default_factory=free_port)
    dir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="loaxa-icecast-")))
    proc: subprocess.Popen[bytes] | None = None

    @property
    def cert_path(self) -> Path:
        """The server's certificate alone (what a client trusts with cafile=)."""
        return self.dir / "server-cert.pem"

    def write_config(self) -> Path:
        os.chmod(self.dir, 0o777)
        (self.dir / "log").mkdir(exist_ok=True)
        os.chmod(self.dir / "log", 0o777)
        owner = "<changeowner><user>nobody</user><group>nogroup</group></changeowner>" if os.geteuid() == 0 else ""
        tls_socket = tls_cert = ""
        if self.tls:
            combined = self.dir / "server.pem"
            if not combined.exists():
                cert, key = self_signed_certificate("127.0.0.1")
                self.cert_path.write_bytes(cert)
                combined.write_bytes(cert + key)
                os.chmod(combined, 0o644)
            tls_socket = f"\n  <listen-socket><port>{self.tls_port}</port><bind-address>127.0.0.1</bind-address><ssl>1</ssl></listen-socket>"
            tls_cert = f"\n    <ssl-certificate>{combined}</ssl-certificate>"
        cfg = self.dir / "icecast.xml"
        cfg.write_text(
            CONFIG.format(
                clients=self.clients,
                sources=self.sources,
                source_timeout=self.source_timeout,
                burst_on=1 if self.burst_size else 0,
                burst_size=self.burst_size,
                source_password=SOURCE_PASSWORD,
                admin_password=ADMIN_PASSWORD,
                port=self.port,
                dir=self.dir,
                changeowner=owner,
                tls_socket=tls_socket,
                tls_cert=tls_cert,
            ),
            encoding="utf-8",
        )
        os.chmod(cfg, 0o644)
        return cfg

    def start(self, timeout: float = 10.0) -> IcecastServer:
        exe = shutil.which("icecast2") or "/usr/bin/icecast2"
        assert Path(exe).exists(), "icecast2 is not installed: scripts/test installs it (apt-get install icecast2)"
        cfg = self.write_config()
        self.proc = subprocess.Popen([exe, "-c", str(cfg)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError(
                        f"icecast2 exited: {(self.dir / 'log' / 'error.log').read_text(errors='replace') if (self.dir / 'log' / 'error.log').exists() else '?'}"
                    ) from None
                time.sleep(0.05)
        raise RuntimeError("icecast2 did not start listening")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.proc = None

    def restart(self, down_s: float = 0.0) -> None:
        self.stop()
        time.sleep(down_s)
        self.start()

    def close(self) -> None:
        """Gone for good: killed (a clean shutdown takes icecast about 1.5 s, for nothing here)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)
        self.proc = None
        shutil.rmtree(self.dir, ignore_errors=True)

    def mounts_for(self, prefix: str) -> IcecastMounts:
        """A view of this server whose mount names all carry ``prefix`` (one per test)."""
        return IcecastMounts(self, prefix)

    def source_url(self, mount: str, password: str = SOURCE_PASSWORD) -> str:
        return f"icecast://source:{password}@127.0.0.1:{self.port}/{mount.lstrip('/')}"

    def tls_source_url(self, mount: str, *, trusted: bool = True) -> str:
        """An icecast+tls:// URL; ``trusted`` adds cafile= with the server's certificate."""
        query = f"?cafile={self.cert_path}" if trusted else ""
        return f"icecast+tls://source:{SOURCE_PASSWORD}@127.0.0.1:{self.tls_port}/{mount.lstrip('/')}{query}"

    def listen_url(self, mount: str, *, tls: bool = False) -> str:
        if tls:
            return f"https://127.0.0.1:{self.tls_port}/{mount.lstrip('/')}"
        return f"http://127.0.0.1:{self.port}/{mount.lstrip('/')}"

    def status(self) -> bytes:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/status-json.xsl", timeout=5) as r:
            return bytes(r.read())

    def has_source(self, mount: str) -> bool:
        """Is a source on ``mount`` now (the status page names it)?"""
        return f"/{mount.lstrip('/')}".encode() in self.status()


class IcecastMounts:
    """One test's share of a server that several tests use: every mount name it gives is
    prefixed with the test's own prefix, so no test meets another's source, listener or log
    lines (``log_lines``). A test that stops or restarts the server needs a server of its own."""

    def __init__(self, server: IcecastServer, prefix: str) -> None:
        self.server = server
        self.prefix = prefix
        self.port, self.tls_port, self.cert_path, self.dir = server.port, server.tls_port, server.cert_path, server.dir

    def mount(self, name: str) -> str:
        return f"{self.prefix}-{name.lstrip('/')}"

    def source_url(self, mount: str, password: str = SOURCE_PASSWORD) -> str:
        return self.server.source_url(self.mount(mount), password)

    def tls_source_url(self, mount: str, *, trusted: bool = True) -> str:
        return self.server.tls_source_url(self.mount(mount), trusted=trusted)

    def listen_url(self, mount: str, *, tls: bool = False) -> str:
        return self.server.listen_url(self.mount(mount), tls=tls)

    def status(self) -> bytes:
        return self.server.status()

    def has_source(self, mount: str) -> bool:
        """Is a source on this test's ``mount`` now (the status page names it)?"""
        return f"/{self.mount(mount)}".encode() in self.status()

    def log_lines(self, log: str = "access.log") -> list[str]:
        """The server's log lines about this test's mounts."""
        path = self.dir / "log" / log
        text = path.read_text(errors="replace") if path.exists() else ""
        return [line for line in text.splitlines() if f"/{self.prefix}-" in line]


_shared_count = 0


@pytest.fixture(scope="session")
def shared_icecast_server() -> Iterator[IcecastServer]:
    """One icecast2 (with a TLS port) for the session's tests that need no fresh server."""
    srv = IcecastServer(tls=True).start()
    yield srv
    srv.close()


@pytest.fixture
def shared_icecast(shared_icecast_server: IcecastServer) -> IcecastMounts:
    """This test's mounts on the session's icecast2 (see :class:`IcecastMounts`)."""
    global _shared_count
    _shared_count += 1
    return shared_icecast_server.mounts_for(f"t{_shared_count}")


def self_signed_certificate(ip: str) -> tuple[bytes, bytes]:
    """(certificate, private key) in PEM for ``ip``, valid for a day."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "LoaXa test Icecast")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(ip))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    pem_key = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption())
    return cert.public_bytes(serialization.Encoding.PEM), pem_key


class Listener(threading.Thread):
    """An HTTP listener on a mount: retries until the mount exists, records (arrival, bytes)."""

    def __init__(self, url: str, *, duration: float, connect_timeout: float = 30.0, cafile: Path | None = None) -> None:
        super().__init__(daemon=True)
        self.url = url
        self.cafile = cafile
        self.duration = duration
        self.connect_timeout = connect_timeout
        self.chunks: list[tuple[float, bytes]] = []  # (time.monotonic(), data)
        self.connected_at: float | None = None
        self.error: str | None = None
        self.stop_flag = threading.Event()

    def run(self) -> None:
        deadline = time.monotonic() + self.connect_timeout
        from urllib.error import HTTPError, URLError

        while not self.stop_flag.is_set():
            try:
                ctx = ssl.create_default_context(cafile=str(self.cafile)) if self.cafile else None
                resp = urllib.request.urlopen(self.url, timeout=10, context=ctx)
                break
            except (HTTPError, URLError, OSError) as exc:
                if time.monotonic() > deadline:
                    self.error = str(exc)
                    return
                time.sleep(0.05)
        else:
            return
        self.connected_at = time.monotonic()
        end = self.connected_at + self.duration
        try:
            while time.monotonic() < end and not self.stop_flag.is_set():
                data = resp.read1(65536)  # type: ignore[attr-defined]
                if not data:
                    break
                self.chunks.append((time.monotonic(), data))
        except OSError as exc:
            self.error = str(exc)
        finally:
            resp.close()

    @property
    def data(self) -> bytes:
        return b"".join(d for _t, d in self.chunks)

    def arrival_of(self, needle: bytes) -> float | None:
        """Monotonic time at which the first occurrence of ``needle`` had fully arrived."""
        buf = bytearray()
        for t, d in self.chunks:
            buf.extend(d)
            if needle in buf:
                return t
        return None
