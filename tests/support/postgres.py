"""A real PostgreSQL server for the tests: a throw-away cluster on a loopback port that asks for
a password over TCP (scram-sha-256), as a district server would.

initdb and postgres come from Debian's ``postgresql`` package (scripts/test installs it). The
server refuses to run as root, so under root (CI) the cluster belongs to the ``postgres`` user the
package creates and its commands run through ``runuser``."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text


def server_bin(tool: str) -> str:
    """The newest PostgreSQL server's ``tool`` (Debian keeps them out of PATH)."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{tool}"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return found[-1]
    path = shutil.which(tool)
    assert path, f"{tool} is not installed: scripts/test installs it (apt-get install postgresql)"
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PostgresServer:
    """``start()`` makes and starts a cluster; ``database()`` gives each test its own database."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="loaxa-pg-"))
        self.port = free_port()
        self.user = "loaxa"
        self.password = "mật khẩu:@/1"  # over TCP a password is required (scram), as on a district server
        self._as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, *cmd: str) -> None:
        res = subprocess.run([*self._as, *cmd], capture_output=True, text=True, timeout=120, cwd=self.dir)
        assert res.returncode == 0, f"{' '.join(cmd)} failed: {res.stderr or res.stdout}"

    def start(self) -> PostgresServer:
        if self._as:
            shutil.chown(self.dir, "postgres")
        data = self.dir / "data"
        pwfile = self.dir / "pw"
        pwfile.write_text(self.password + "\n", encoding="utf-8")
        if self._as:
            shutil.chown(pwfile, "postgres")
        self._run(
            server_bin("initdb"),
            "-D",
            str(data),
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            f"--pwfile={pwfile}",
            "-U",
            self.user,
            "-E",
            "UTF8",
            "--no-sync",
        )
        pwfile.unlink()
        self._opts = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        self.resume()
        return self

    def pause(self) -> None:
        """Stop the server (as if the network to the district server were cut): clients' connections drop."""
        self._run(server_bin("pg_ctl"), "-D", str(self.dir / "data"), "-m", "fast", "-w", "stop")

    def resume(self) -> None:
        """Start it again on the same port with the same data."""
        self._run(server_bin("pg_ctl"), "-D", str(self.dir / "data"), "-o", self._opts, "-l", str(self.dir / "server.log"), "-w", "start")

    def url(self, database: str = "postgres") -> str:
        from urllib.parse import quote

        return f"postgresql+psycopg://{self.user}:{quote(self.password, safe='')}@127.0.0.1:{self.port}/{database}"

    def database(self) -> str:
        """A new, empty database; its SQLAlchemy URL."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(host="127.0.0.1", port=self.port, user=self.user, password=self.password, dbname="postgres", autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def close(self) -> None:
        data = self.dir / "data"
        if data.exists():
            subprocess.run([*self._as, server_bin("pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"], capture_output=True, timeout=60, cwd=self.dir)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                shutil.rmtree(self.dir)
                break
            except OSError:
                time.sleep(0.2)


def pg_rows(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the public schema (a logical snapshot)."""
    eng = create_engine(url)
    try:
        with eng.connect() as c:
            tables = [r[0] for r in c.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"))]
            return {t: sorted((tuple(r) for r in c.execute(text(f'SELECT * FROM "{t}"'))), key=repr) for t in tables}
    finally:
        eng.dispose()
