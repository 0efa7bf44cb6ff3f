"""The window on a machine without a display, and LoaXa's folders where the platform keeps them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop.gui.i18n import lrelease
from tests.conftest import ROOT


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "LOAXA_DATA_DIR", "LOAXA_DB")}
    env.update(
        HOME=str(tmp_path),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        LOAXA_LANG="vi",
    )
    return env


def test_screenshots_need_no_display_and_logs_and_translations_go_to_the_platform_folders(tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    r = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "gui", "--screenshot", str(shots)], env=_env(tmp_path), cwd=ROOT, capture_output=True, text=True, timeout=180
    )
    assert r.returncode == 0, r.stderr[-2000:]
    assert len(list(shots.glob("*.png"))) >= 5
    assert (tmp_path / "data" / "LoaXa" / "loaxa.db").is_file()
    assert (tmp_path / "state" / "LoaXa" / "log" / "gui.log").is_file()  # platformdirs' user log folder
    assert (tmp_path / "cache" / "LoaXa" / "loaxa_vi.qm").is_file()  # compiled into the user cache folder
    assert not (tmp_path / ".cache" / "loaxa").exists()


def test_the_window_without_a_display_says_so_and_what_to_do(tmp_path: Path) -> None:
    r = subprocess.run([sys.executable, "-m", "desktop.cli", "gui", "--no-engine"], env=_env(tmp_path), cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 5, (r.returncode, r.stderr[-2000:])
    assert "Không mở được cửa sổ" in r.stderr and "--screenshot" in r.stderr
    assert "xcb" not in r.stderr


def test_lrelease_inside_pyside6_on_windows_has_the_exe_suffix(tmp_path: Path) -> None:
    (tmp_path / "lrelease.exe").write_bytes(b"")
    assert lrelease(tmp_path, platform="win32") == str(tmp_path / "lrelease.exe")
    assert lrelease(tmp_path, platform="linux") is None
