"""The Qt binding in use survives a long session: PySide6 6.12.0 on Python 3.11 drops a reference
to True/None with every signal and the process aborts after a few thousand (pyproject.toml
excludes it). Run in a child process: a failure would otherwise take pytest down with it."""

from __future__ import annotations

import os
import subprocess
import sys

CODE = r"""
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class S(QObject):
    value = Signal(object)
    bare = Signal()
s = S()
s.value.connect(lambda v: None)
s.bare.connect(lambda: None)
for _ in range(50000):
    s.value.emit(None)
    s.bare.emit()
print("alive")
"""


def test_a_hundred_thousand_signals_do_not_abort_the_process() -> None:
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0 and out.stdout.strip() == "alive", out.stderr[-500:]
