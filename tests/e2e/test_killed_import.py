"""An import killed mid-way (SIGKILL: no handler runs) takes its ffmpeg with it, and the next
import removes what it left in the staging folder."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

from broadcast.ffmpeg import find
from tests.support.cli import Cli


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_killed_import_takes_its_ffmpeg_with_it(cli: Cli, tmp_path: Path) -> None:
    cli.ok("init")
    # two hours of tone: its analysis runs long enough to be caught in the middle
    long = tmp_path / "dai.flac"
    subprocess.run(
        [find().path, "-v", "error", "-f", "lavfi", "-i", "sine=f=440:r=8000:d=7200", "-ac", "1", "-c:a", "flac", str(long)], check=True, timeout=120
    )
    imp = cli.popen("clips", "add", str(long))
    try:
        ffmpeg: list[int] = []
        deadline = time.monotonic() + 60
        while not ffmpeg and time.monotonic() < deadline and imp.poll() is None:
            ffmpeg = (
                [c for c in children(imp.pid) if "ffmpeg" in Path(f"/proc/{c}/cmdline").read_bytes().decode(errors="replace")]
                if Path(f"/proc/{imp.pid}").exists()
                else []
            )
            time.sleep(0.05)
        assert ffmpeg, "the import never started ffmpeg"
        staging = list((cli.data_dir / "media" / ".staging").glob("*"))
        imp.send_signal(signal.SIGKILL)
        imp.wait(10)
    finally:
        if imp.poll() is None:
            imp.kill()
        imp.communicate()
    deadline = time.monotonic() + 5
    while any(alive(p) for p in ffmpeg) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(p) for p in ffmpeg), "ffmpeg kept running after its import was killed"
    # the next import cleans the killed one's staging folder
    short = tmp_path / "ngan.flac"
    subprocess.run([find().path, "-v", "error", "-f", "lavfi", "-i", "sine=f=660:d=2", "-ac", "1", "-c:a", "flac", str(short)], check=True, timeout=60)
    cli.ok("clips", "add", str(short))
    assert not any(p.exists() for p in staging)
    assert not list((cli.data_dir / "media" / ".staging").glob("*"))


def test_ffmpeg_that_writes_nothing_still_dies_with_its_caller(tmp_path: Path) -> None:
    """A quiet ffmpeg (no output to die of a broken pipe) is killed by the kernel with LoaXa."""
    import sys

    from tests.support.cli import ROOT

    code = "from broadcast.ffmpeg import run; run(['-v', 'quiet', '-re', '-f', 'lavfi', '-i', 'anullsrc', '-t', '600', '-f', 'null', '-'])"
    caller = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
    try:
        ffmpeg: list[int] = []
        deadline = time.monotonic() + 30
        while not ffmpeg and time.monotonic() < deadline:
            ffmpeg = [c for c in children(caller.pid) if b"anullsrc" in Path(f"/proc/{c}/cmdline").read_bytes()]
            time.sleep(0.05)
        assert ffmpeg, "ffmpeg never started"
        time.sleep(0.3)  # past setpriv's exec into ffmpeg
        caller.send_signal(signal.SIGKILL)
        caller.wait(10)
    finally:
        if caller.poll() is None:
            caller.kill()
    deadline = time.monotonic() + 5
    while any(alive(p) for p in ffmpeg) and time.monotonic() < deadline:
        time.sleep(0.05)
    survivors = [p for p in ffmpeg if alive(p)]
    for p in survivors:
        Path(f"/proc/{p}").exists() and subprocess.run(["kill", "-9", str(p)], check=False)
    assert not survivors, "ffmpeg kept running after the process that started it was killed"
