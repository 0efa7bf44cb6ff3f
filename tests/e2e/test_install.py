"""A plain, non-editable install finds its demo content, fonts, migrations and translations."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow

CHECK = r"""
import os, sys, json
from pathlib import Path
import assets, desktop, schedules
target = Path(sys.argv[1]).resolve()
for mod in (assets, desktop, schedules):
    assert Path(mod.__file__).resolve().is_relative_to(target), (mod.__name__, mod.__file__)
from desktop import demo
from schedules.workspace import Workspace
ws = Workspace.open(sys.argv[2])
result = demo.create(ws)
from PySide6.QtCore import QCoreApplication, QTranslator
app = QCoreApplication([])
from desktop.gui import i18n
qm = i18n.qm_path("vi", Path(sys.argv[2]) / "cache")
assert qm is not None and Path(qm).resolve().is_relative_to(target), qm
t = QTranslator()
assert t.load(str(qm))
print(json.dumps({"demo": result, "today": t.translate("MainWindow", "Today")}, ensure_ascii=False))
"""


def test_plain_install_finds_its_data(tmp_path: Path) -> None:
    target = tmp_path / "site"
    r = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--target", str(target), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr
    assert not (target / "assets" / "__editable__").exists()
    env = {**os.environ, "PYTHONPATH": str(target), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", CHECK, str(target), str(tmp_path / "data")], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert out.returncode == 0, out.stderr
    import json

    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["demo"]["created"] is True
    assert got["demo"]["counts"]["items"] == 4
    assert got["today"] == "Hôm nay"
