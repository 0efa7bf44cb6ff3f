"""Finding and running ffmpeg: ``LOAXA_FFMPEG`` names a binary explicitly; the packaged application
(PyInstaller, packaging/loaxa.spec) uses the ffmpeg inside it, ``_internal/ffmpeg/ffmpeg[.exe]``;
otherwise a system ffmpeg on PATH when present, else the one shipped in the ``imageio-ffmpeg``
wheel. Names are never passed through a shell: every call is an argument list.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

log = logging.getLogger("loaxa.audio")

# On Windows, keep ffmpeg from opening a console window behind the GUI.
_CREATIONFLAGS = getattr(subprocess, "CREATE_NO_WINDOW", 0) if sys.platform == "win32" else 0


@dataclass(frozen=True)
class FFmpeg:
    path: str
    origin: str  # "env" | "bundled" | "system" | "imageio-ffmpeg"
    version: str


@cache
def find() -> FFmpeg:
    """The ffmpeg to use (cached for the process)."""
    env = os.environ.get("LOAXA_FFMPEG")
    if env:
        return FFmpeg(env, "env", _version(env))
    bundled = bundled_path()
    if bundled is not None:
        return FFmpeg(str(bundled), "bundled", _version(str(bundled)))
    system = shutil.which("ffmpeg")
    if system:
        return FFmpeg(system, "system", _version(system))
    import imageio_ffmpeg

    exe = imageio_ffmpeg.get_ffmpeg_exe()
    return FFmpeg(exe, "imageio-ffmpeg", _version(exe))


def bundled_path() -> Path | None:
    """The ffmpeg inside the packaged application (None when running from the source tree): the
    one LoaXa was built and smoke-tested with, preferred to whatever ffmpeg the PC has on PATH."""
    base = getattr(sys, "_MEIPASS", None)
    if not getattr(sys, "frozen", False) or base is None:
        return None
    exe = Path(base) / "ffmpeg" / ("ffmpeg.exe" if sys.platform == "win32" else "ffmpeg")
    return exe if exe.is_file() else None


def _version(path: str) -> str:
    try:
        out = subprocess.run([path, "-hide_banner", "-version"], capture_output=True, text=True, timeout=20, creationflags=_CREATIONFLAGS)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unusable: {exc}"
    m = re.search(r"ffmpeg version (\S+)", out.stdout)
    return m.group(1) if m else "unknown"


def configure_pydub() -> None:
    """Point pydub at our ffmpeg explicitly (it would otherwise search PATH on its own)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", SyntaxWarning)
        from pydub import AudioSegment

    ff = find().path
    AudioSegment.converter = ff
    AudioSegment.ffmpeg = ff


@cache
def _dies_with_caller() -> list[str]:
    """On Linux, ``setpriv --pdeathsig KILL`` (util-linux) before ffmpeg: the kernel kills ffmpeg
    when the thread that started it dies, so an import killed mid-way leaves no ffmpeg behind
    (``preexec_fn`` cannot do this safely in a process with threads). Elsewhere, or without
    setpriv, nothing: the next start cleans up the staging folder, and ``check`` reports it."""
    if not sys.platform.startswith("linux"):
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return []
    try:
        ok = subprocess.run([setpriv, "--pdeathsig", "KILL", "--", sys.executable, "-c", ""], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        ok = False
    return [setpriv, "--pdeathsig", "KILL", "--"] if ok else []


def run(args: list[str], *, timeout: float | None = None, input_bytes: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run ffmpeg with ``args`` (after the binary), capturing output; never through a shell. It
    dies with the calling thread (see :func:`_dies_with_caller`): this call blocks that thread
    until ffmpeg ends, so only a killed LoaXa ends it early."""
    cmd = [find().path, "-hide_banner", "-nostdin", *args] if input_bytes is None else [find().path, "-hide_banner", *args]
    cmd = [*_dies_with_caller(), *cmd]
    log.debug("ffmpeg %s", " ".join(args))
    return subprocess.run(cmd, capture_output=True, timeout=timeout, input=input_bytes, creationflags=_CREATIONFLAGS)


def popen(args: list[str], **kwargs: object) -> subprocess.Popen[bytes]:
    cmd = [find().path, "-hide_banner", "-nostdin", *args]
    return subprocess.Popen(cmd, creationflags=_CREATIONFLAGS, **kwargs)  # type: ignore[call-overload,no-any-return]


def as_input(path: Path) -> str:
    """A path ffmpeg reads as a file whatever its name (a leading '-' or 'xxx:' is not a protocol)."""
    return "file:" + str(path)
