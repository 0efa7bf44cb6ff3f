"""Shared fixtures: real SQLite files in tmp_path, real ffmpeg, the real CLI as a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

# Qt aborts the whole process without a display; tests always render offscreen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LOAXA_NO_ENGINE", "1")  # a window opened by a test never starts an engine

ROOT = Path(__file__).resolve().parents[1]


def have(tool: str) -> str:
    path = shutil.which(tool)
    assert path, f"{tool} is not installed: scripts/test installs it (apt-get install {tool})"
    return path


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


class Cli:
    """The real ``loaxa`` command line, run as a subprocess against one data folder."""

    def __init__(self, data_dir: Path, env: dict[str, str] | None = None) -> None:
        self.data_dir = data_dir
        outside = {k: v for k, v in os.environ.items() if k != "LOAXA_DB"}  # the database is the test's choice
        self.env = {**outside, "LOAXA_LANG": "en", **(env or {})}

    def cmd(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "desktop.cli", "--data-dir", str(self.data_dir), *args]

    def __call__(self, *args: str, timeout: float = 120, input_text: str | None = None) -> CliResult:
        res = subprocess.run(self.cmd(*args), capture_output=True, text=True, encoding="utf-8", timeout=timeout, env=self.env, input=input_text, cwd=ROOT)
        return CliResult(res.returncode, res.stdout, res.stderr)

    def ok(self, *args: str, timeout: float = 120) -> CliResult:
        r = self(*args, timeout=timeout)
        assert r.code == 0, f"loaxa {' '.join(args)} exited {r.code}\nstdout: {r.stdout}\nstderr: {r.stderr}"
        return r

    def json(self, *args: str) -> Any:
        return self.ok(*args, "--json").json()

    def popen(self, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
        return subprocess.Popen(self.cmd(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**self.env, **(env or {})}, cwd=ROOT)


@pytest.fixture
def english() -> Iterator[None]:
    """Messages of this process in English (the ids the tests read), the language before restored.

    The default language is Vietnamese, and GUI tests switch it: a test that reads an in-process
    message must not depend on which test ran before it.
    """
    from schedules import i18n

    before = i18n.language()
    i18n.set_language("en")
    yield
    i18n.set_language(before)


@pytest.fixture(scope="session")
def pg() -> Iterator[Any]:
    """A real PostgreSQL server for the session (each test takes its own database from it)."""
    from tests.support.postgres import PostgresServer

    srv = PostgresServer().start()
    yield srv
    srv.close()


@pytest.fixture
def cli(tmp_path: Path) -> Iterator[Cli]:
    c = Cli(tmp_path / "data")
    yield c
    # an engine run by the test that blocked its event loop fails it: a bug, not machine load
    for log in (c.data_dir / "logs").glob("engine.log*"):
        blocked = [line for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if "event loop was blocked" in line]
        assert not blocked, f"the engine's event loop was blocked: {blocked[:3]}"


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Any]:
    from schedules.workspace import Workspace

    w = Workspace.open(tmp_path / "data")
    yield w
    w.close()


def ffmpeg_run(*args: str) -> None:
    subprocess.run([have("ffmpeg"), "-nostdin", "-hide_banner", "-loglevel", "error", "-y", *args], check=True, timeout=120)


@pytest.fixture
def make_audio(tmp_path: Path) -> Callable[..., Path]:
    """Make a real audio file: a tone (default), or speech with ``text=`` via espeak-ng."""
    return audio_maker(tmp_path)


_TEMPLATES: dict[str, Path] = {}


@pytest.fixture(scope="session")
def data_template(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, Callable[[Cli, Callable[..., Path], Path], None]], Path]:
    """A data folder built once per session by ``build(cli, make_audio, folder)`` through the
    real CLI, for tests that each start from a copy of it (see :func:`clone`)."""

    def get(name: str, build: Callable[[Cli, Callable[..., Path], Path], None]) -> Path:
        if name not in _TEMPLATES:
            root = tmp_path_factory.mktemp(f"template-{name}")
            build(Cli(root / "data"), audio_maker(root), root)
            _TEMPLATES[name] = root / "data"
        return _TEMPLATES[name]

    return get


def clone(template: Path, cli: Cli) -> Cli:
    """The test's data folder as a copy of ``template`` (SQLite file and media store)."""
    import shutil

    shutil.copytree(template, cli.data_dir)
    return cli


def audio_maker(folder: Path) -> Callable[..., Path]:
    """``make_audio`` writing into ``folder/audio``."""
    tmp_path = folder
    counter = {"n": 0}

    def make(
        name: str | None = None,
        *,
        seconds: float = 3.0,
        text: str | None = None,
        rate: int = 44100,
        channels: int = 1,
        codec_args: tuple[str, ...] = (),
        lead_silence: float = 0.0,
        trail_silence: float = 0.0,
        volume_db: float = 0.0,
        freq: int = 440,
    ) -> Path:
        counter["n"] += 1
        out = tmp_path / "audio" / (name or f"clip{counter['n']}.mp3")
        out.parent.mkdir(parents=True, exist_ok=True)
        if text is not None:
            wav = tmp_path / "audio" / f"speech{counter['n']}.wav"
            subprocess.run([have("espeak-ng"), "-v", "vi", "-w", str(wav), text], check=True, timeout=60)
            src = ["-i", str(wav)]
        else:
            # a tone with a slow tremolo: sound from the first sample, like speech onsets
            src = ["-f", "lavfi", "-i", f"sine=frequency={freq}:sample_rate={rate}:duration={seconds}"]
        filters = [f"volume={volume_db}dB"]
        if lead_silence or trail_silence:
            filters.append(f"adelay={int(lead_silence * 1000)}:all=1,apad=pad_dur={trail_silence}")
        ffmpeg_run(*src, "-af", ",".join(filters), "-ar", str(rate), "-ac", str(channels), *codec_args, str(out))
        return out

    return make


def probe_duration(path: Path) -> float:
    out = subprocess.run([have("ffprobe"), "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(path)], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def wait_until(pred: Callable[[], bool], timeout: float, interval: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return True
        time.sleep(interval)
    return pred()


def tree_digest(*paths: Path) -> dict[str, str]:
    """Hash of every file under the paths (to compare a database and media store before/after)."""
    import hashlib

    out: dict[str, str] = {}
    for root in paths:
        if root.is_file():
            out[str(root)] = hashlib.sha256(root.read_bytes()).hexdigest()
            continue
        for p in sorted(root.rglob("*")):
            if p.is_file():
                out[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def rewrite_backup(
    src: Path, dst: Path, change: Callable[[str, bytes], bytes | None], *, rehash: bool = False, manifest_change: Callable[[dict[str, Any]], None] | None = None,
) -> None:
    """Copy a backup ZIP, passing each entry through ``change`` (None leaves it out); with
    ``rehash`` the manifest's hashes are made to match the changed entries."""
    import hashlib
    import zipfile

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        manifest = json.loads(zin.read("manifest.json"))
        for info in zin.infolist():
            if info.filename == "manifest.json":
                continue
            data = change(info.filename, zin.read(info.filename))
            if data is None:
                continue
            if rehash:
                manifest["entries"][info.filename] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            zout.writestr(info.filename, data)
        if manifest_change is not None:
            manifest_change(manifest)
        zout.writestr("manifest.json", json.dumps(manifest))


def db_rows(db_path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (a logical snapshot: WAL checkpoints change bytes, not rows)."""
    import sqlite3

    con = sqlite3.connect(db_path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        con.close()
