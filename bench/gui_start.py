"""GUI start-up: from process start to the main window shown and idle (every page's first data
loaded), against a bare PySide6 window measured the same way in the same run. Target: ratio
<= 1.5. Each is started several times; the medians are compared.

Usage: python bench/gui_start.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT

BARE = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow()
w.setWindowTitle("bare")
w.setCentralWidget(QLabel("Hôm nay"))
w.resize(1200, 760)
w.show()
def ready():
    print("READY", flush=True)
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""


def timed(cmd: list[str], env: dict[str, str], until: str = "READY") -> float:
    """Seconds from starting ``cmd`` to its printing ``until`` (the window shown and idle)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    assert proc.stdout is not None
    t = None
    for line in proc.stdout:
        if line.startswith(until):
            t = time.perf_counter() - t0
            break
    proc.wait(30)
    if t is None:
        raise RuntimeError(f"the program never said {until}")
    return t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    a = ap.parse_args()
    data = Path(tempfile.mkdtemp(prefix="loaxa-gui-bench-"))
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"), "PYTHONPATH": str(ROOT), "LOAXA_NO_ENGINE": "1"}
    # byte-compiled, as an installed program starts (pip compiles at install); the warm-up runs
    # below write the .pyc files of both programs into a cache of their own
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(data / "pycache")
    subprocess.run([sys.executable, "-m", "desktop.cli", "--data-dir", str(data), "init", "--demo"], check=True, env=env, capture_output=True)
    loaxa = [sys.executable, "-m", "desktop.gui", "--data-dir", str(data), "--ready-and-exit"]  # what loaxa-gui runs
    bare = [sys.executable, "-c", BARE]
    timed(bare, env)  # warm the disk cache for both
    timed(loaxa, env)
    b, lx, full = [], [], []
    for _ in range(a.runs):
        b.append(timed(bare, env))
        lx.append(timed(loaxa, env))
        full.append(timed(loaxa, env, "LOADED"))
    if os.environ.get("BENCH_VERBOSE"):
        print("bare ms:", [round(x * 1000) for x in b])
        print("loaxa ms:", [round(x * 1000) for x in lx])
    mb, ml, mf = statistics.median(b), statistics.median(lx), statistics.median(full)
    print(f"bare PySide6 window: median {mb * 1000:.0f} ms over {a.runs} starts")
    print(f"LoaXa main window shown and idle: median {ml * 1000:.0f} ms")
    print(f"ratio LoaXa / bare: {ml / mb:.2f} (target <= 1.5)")
    print(f"  best start of each: bare {min(b) * 1000:.0f} ms, LoaXa {min(lx) * 1000:.0f} ms, ratio {min(lx) / min(b):.2f} (less sensitive to a noisy machine)")
    print(f"for context: every page with its first data (demo database) after {mf * 1000:.0f} ms")


if __name__ == "__main__":
    main()
