"""The application: fonts, translations, error handling, the main window, screenshots."""

from __future__ import annotations

import logging
import os
import sys
from importlib import resources
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from schedules import settings as settings_mod
from schedules.i18n import language, set_language
from schedules.workspace import Workspace

log = logging.getLogger("loaxa.gui")

FONT_FAMILY = "DejaVu Sans"


def load_fonts() -> str:
    """Load the shipped fonts (Vietnamese coverage on every machine); returns the family."""
    family = FONT_FAMILY
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        data = (resources.files("assets") / "fonts" / name).read_bytes()
        fid = QFontDatabase.addApplicationFontFromData(data)
        fams = QFontDatabase.applicationFontFamilies(fid) if fid >= 0 else []
        if fams:
            family = fams[0]
    app = QApplication.instance()
    if isinstance(app, QApplication):
        f = QFont(family)
        f.setPointSize(10)
        app.setFont(f)
    return family


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv or [sys.argv[0]])
    app.setApplicationName("LoaXa")
    app.setOrganizationName("LoaXa")
    return app


def setup(ws: Workspace, lang: str | None = None, *, excepthook: bool = True) -> QApplication:
    """Everything before the window: application, fonts, language, logging, error policy."""
    from desktop.logs import setup as setup_logs

    from . import errors, i18n

    app = make_application()
    load_fonts()
    if lang is None:
        with ws.session() as s:
            lang = str(settings_mod.get(s, "language"))
    set_language(lang)
    i18n.install(language(), ws.data_dir / "cache")
    path = setup_logs(ws.log_dir, name="gui")
    errors.set_log_path(str(path))
    if excepthook:  # tests keep pytest-qt's hook, which turns an exception in a slot into a failure
        sys.excepthook = errors.excepthook
    return app


def window_settings(ws: Workspace) -> QSettings:
    return QSettings(str(ws.data_dir / "window.ini"), QSettings.Format.IniFormat)


def run_gui(args: Any, ws: Workspace) -> int:
    """``loaxa gui``: open the window (and start the engine when set to), or take screenshots."""
    from .mainwindow import MainWindow

    app = setup(ws, getattr(args, "lang", None))
    shots = getattr(args, "screenshot", None)
    win = MainWindow(ws, settings=None if shots else window_settings(ws))
    if shots:
        return screenshots(app, win, Path(shots))
    with ws.session() as s:
        autostart = bool(settings_mod.get(s, "engine.autostart"))
    if autostart and not getattr(args, "no_engine", False) and not os.environ.get("LOAXA_NO_ENGINE"):
        from desktop import engine_process

        if not engine_process.status(ws).alive:
            engine_process.start(ws)
    win.show()
    return int(app.exec())


def screenshots(app: QApplication, win: Any, folder: Path, timeout_ms: int = 10000) -> int:
    """Render every page offscreen into ``folder/<page>.png`` once its data has loaded."""
    folder.mkdir(parents=True, exist_ok=True)
    win.resize(1200, 760)
    win.show()
    saved: list[str] = []
    keys = list(win.pages)

    def shoot(i: int) -> None:
        if i >= len(keys):
            app.quit()
            return
        key = keys[i]
        win.nav.setCurrentRow(i)
        page = win.pages[key]
        done = {"shot": False}

        def take() -> None:
            if done["shot"]:
                return
            done["shot"] = True
            app.processEvents()
            path = folder / f"{i + 1:02d}-{key}.png"
            win.grab().save(str(path))
            saved.append(str(path))
            QTimer.singleShot(0, lambda: shoot(i + 1))

        sig = getattr(page, "loaded", None)
        if sig is not None:
            # a little after the data: the engine state and other small reads land too
            sig.connect(lambda *_a: QTimer.singleShot(400, take))
            refresh = getattr(page, "refresh", None)
            if callable(refresh):
                refresh()
        QTimer.singleShot(timeout_ms if sig is not None else 200, take)

    QTimer.singleShot(0, lambda: shoot(0))
    app.exec()
    for p in saved:
        print(p)
    return 0


def main() -> int:
    """The ``loaxa-gui`` script: same options as ``loaxa gui``."""
    from desktop.cli import main as cli_main

    return cli_main(["gui", *sys.argv[1:]])
