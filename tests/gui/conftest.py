"""GUI fixtures: the real window over a real database with demo content (no engine started)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from schedules.workspace import Workspace


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with the demo content, made once and copied per test."""
    from desktop import demo

    d = tmp_path_factory.mktemp("demo") / "data"
    ws = Workspace.open(d)
    demo.create(ws)
    with ws.engine.begin() as c:
        # as if installed days ago: today's 05:30 is expected, whatever the hour of the test
        from sqlalchemy import text

        c.execute(text("UPDATE schedules SET created_at = datetime(created_at, '-3 days')"))
    ws.close()
    return d


@pytest.fixture
def demo_ws(demo_template: Path, tmp_path: Path) -> Iterator[Workspace]:
    import shutil

    d = tmp_path / "data"
    shutil.copytree(demo_template, d)
    ws = Workspace.open(d)
    yield ws
    ws.close()


@pytest.fixture
def gui_app(qapp: Any, demo_ws: Workspace) -> Any:
    from desktop.gui import app as gui_app_mod
    from desktop.gui import errors

    errors.raise_instead_of_dialog(True)
    gui_app_mod.setup(demo_ws, "vi", excepthook=False)
    return qapp


@pytest.fixture(scope="session", autouse=True)
def sound_device() -> Iterator[None]:
    """A PulseAudio null sink, so QtMultimedia has a device (and says nothing about its absence),
    and a microphone that hears a 440 Hz tone (PulseAudio's sine source), for recording."""
    import subprocess

    from tests.support.pulse import ensure_server

    pactl = ensure_server()
    mic = subprocess.run([pactl, "load-module", "module-sine-source", "source_name=loaxa_test_mic", "frequency=440"], capture_output=True, text=True)
    assert mic.returncode == 0, mic.stderr
    default_source = subprocess.run([pactl, "get-default-source"], capture_output=True, text=True).stdout.strip()
    subprocess.run([pactl, "set-default-source", "loaxa_test_mic"], check=True)
    yield
    if default_source:
        subprocess.run([pactl, "set-default-source", default_source], capture_output=True)
    subprocess.run([pactl, "unload-module", mic.stdout.strip()], capture_output=True)


@pytest.fixture
def window(qtbot: Any, gui_app: Any, demo_ws: Workspace) -> Any:
    from desktop.gui.mainwindow import MainWindow

    win = MainWindow(demo_ws, tray=False, monitor_ms=500)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.today.loaded, timeout=10000):
        win.show()
    return win
