"""The application: fonts, translations, error handling, the main window, screenshots."""

from __future__ import annotations

import logging
import os
import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QIcon, QPixmap
from PySide6.QtWidgets import QApplication

from schedules.folders import cache_dir_for, log_dir_for
from schedules.i18n import language, set_language

if TYPE_CHECKING:
    from schedules.workspace import Workspace

log = logging.getLogger("loaxa.gui")

FONT_FAMILY = "DejaVu Sans"


def load_fonts(names: tuple[str, ...] = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")) -> str:
    """Load the shipped fonts (Vietnamese coverage on every machine); returns the family."""
    family = FONT_FAMILY
    for name in names:
        res = resources.files("assets") / "fonts" / name
        if isinstance(res, Path):  # installed as files: Qt maps the file itself (no 700 KB copy)
            fid = QFontDatabase.addApplicationFont(str(res))
        else:
            fid = QFontDatabase.addApplicationFontFromData(res.read_bytes())
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
    app.setWindowIcon(app_icon())
    return app


def app_icon() -> QIcon:
    """LoaXa's icon (assets/icons, drawn by packaging/make_icon.py): every window and dialog."""
    res = resources.files("assets") / "icons" / "loaxa.png"
    pm = QPixmap()
    pm.loadFromData(res.read_bytes())
    return QIcon(pm)


def setup(ws: Workspace, lang: str | None = None, *, excepthook: bool = True) -> QApplication:
    """Everything before the window: application, fonts, language, logging, error policy."""
    from desktop.logs import setup as setup_logs
    from schedules import settings as settings_mod

    from . import errors, i18n

    app = make_application()
    load_fonts()
    if lang is None:
        with ws.session() as s:
            lang = str(settings_mod.get(s, "language"))
    set_language(lang)
    i18n.install(language(), cache_dir_for(ws.data_dir))
    path = setup_logs(ws.log_dir, name="gui")
    errors.set_log_path(str(path))
    if excepthook:  # tests keep pytest-qt's hook, which turns an exception in a slot into a failure
        sys.excepthook = errors.excepthook
    return app


def window_settings(data_dir: Path) -> QSettings:
    return QSettings(str(data_dir / "window.ini"), QSettings.Format.IniFormat)


def data_dir_of(args: Any) -> Path:
    """The data folder as Workspace.open will resolve it (without importing the database layer)."""
    d = getattr(args, "data_dir", None) or os.environ.get("LOAXA_DATA_DIR")
    if d:
        return Path(d).expanduser().resolve()
    import platformdirs

    return Path(platformdirs.user_data_dir("LoaXa", appauthor=False))


def run_gui(args: Any, ws: Workspace | None = None) -> int:
    """``loaxa gui``: open the window (and start the engine when set to), or take screenshots.

    The window frame shows at once; the database layer is imported and opened in the background
    and each page appears with its data as soon as it has it."""
    from . import errors, i18n
    from .mainwindow import MainWindow

    data_dir = data_dir_of(args)
    data_dir.mkdir(parents=True, exist_ok=True)
    shots = getattr(args, "screenshot", None)
    if shots:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # screenshots need no display
    else:
        missing = missing_display()
        if missing is not None:
            set_language(getattr(args, "lang", None) or os.environ.get("LOAXA_LANG") or "vi")
            print(missing, file=sys.stderr)
            return 5
    app = make_application()
    load_fonts(("DejaVuSans.ttf",))
    QTimer.singleShot(0, lambda: load_fonts(("DejaVuSans-Bold.ttf",)))  # bold is not needed for the first paint
    cache = window_settings(data_dir)
    lang = getattr(args, "lang", None) or os.environ.get("LOAXA_LANG") or str(cache.value("language", "vi"))
    set_language(lang)
    i18n.install(language(), cache_dir_for(data_dir))
    errors.set_log_path(str(log_dir_for(data_dir) / "gui.log"))
    sys.excepthook = errors.excepthook
    QTimer.singleShot(0, lambda: _setup_logs(data_dir))  # after the first paint

    def opener() -> Workspace:
        from schedules.workspace import Workspace

        return ws or Workspace.open(getattr(args, "data_dir", None), getattr(args, "db", None), getattr(args, "media_dir", None))

    win = MainWindow(None, opener=opener, settings=None if shots else cache)
    if shots:
        return screenshots(app, win, Path(shots))
    if getattr(args, "ready_and_exit", False):
        return ready_and_exit(app, win)
    if not getattr(args, "no_engine", False) and not os.environ.get("LOAXA_NO_ENGINE"):
        win.built.connect(lambda: _autostart(win))
    win.show()
    return int(app.exec())


def missing_display() -> str | None:
    """Why the window cannot open on this machine, in words with the next step (None: it can).

    Qt aborts the process (exit 134) when its platform plugin finds no display; on Linux without
    DISPLAY or WAYLAND_DISPLAY, or with a local X display whose socket is not there, say so first."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    from schedules.i18n import _

    display = os.environ.get("DISPLAY", "")
    if os.environ.get("WAYLAND_DISPLAY"):
        return None
    if display:
        host, _sep, number = display.rpartition(":")
        if host in ("", "unix") and number.split(".")[0].isdigit() and not Path(f"/tmp/.X11-unix/X{number.split('.')[0]}").exists():
            return _(
                "The window cannot open: the display {display} is not running. Start the desktop session (or an X server) and try again; without a display, 'loaxa gui --screenshot FOLDER' renders the pages to PNG files and every task has a 'loaxa' command.",
                display=display,
            )
        return None
    return _(
        "The window cannot open: this machine has no display (neither DISPLAY nor WAYLAND_DISPLAY is set). Open LoaXa from a desktop session, or connect with 'ssh -X'; without a display, 'loaxa gui --screenshot FOLDER' renders the pages to PNG files and every task has a 'loaxa' command."
    )


def _setup_logs(data_dir: Path) -> None:
    from desktop.logs import setup

    setup(log_dir_for(data_dir), name="gui")


def _autostart(win: Any) -> None:
    from desktop import engine_process
    from schedules import settings as settings_mod

    from . import background

    ws = win.ws

    def job() -> bool:
        with ws.sessions() as s:
            if not bool(settings_mod.get(s, "engine.autostart")):
                return False
        if engine_process.status(ws).alive:
            return False
        engine_process.start(ws)
        return True

    background.run(job, lambda started: win.statusBar().showMessage(win.tr("Starting the engine…"), 5000) if started else None, owner=win)


def ready_and_exit(app: QApplication, win: Any) -> int:
    """Show the window; print READY when it is shown and idle, LOADED when every page has its
    first data (for timing), then quit."""
    import time

    t0 = time.perf_counter()

    def shown() -> None:
        print(f"READY {time.perf_counter() - t0:.4f}", flush=True)

    def built() -> None:
        waiting = {k for k, p in win.pages.items() if hasattr(p, "loaded")}

        def one_loaded(key: str) -> None:
            waiting.discard(key)
            if not waiting:
                print(f"LOADED {time.perf_counter() - t0:.4f}", flush=True)
                QTimer.singleShot(0, app.quit)

        for key in list(waiting):
            win.pages[key].loaded.connect(lambda *_a, k=key: one_loaded(k))

    win.built.connect(built)
    win.show()
    QTimer.singleShot(0, shown)
    app.exec()
    return 0


def screenshots(app: QApplication, win: Any, folder: Path, timeout_ms: int = 10000) -> int:
    """Render every page offscreen into ``folder/<page>.png`` once its data has loaded."""
    folder.mkdir(parents=True, exist_ok=True)
    win.resize(1200, 760)
    win.show()
    while not win.is_built:
        app.processEvents()
        import time

        time.sleep(0.01)
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


def parse_args(argv: list[str]) -> Any:
    import argparse

    p = argparse.ArgumentParser(prog="loaxa gui")
    p.add_argument("--data-dir")
    p.add_argument("--db")
    p.add_argument("--media-dir")
    p.add_argument("--lang", choices=["vi", "en"])
    p.add_argument("--tz")
    p.add_argument("--json", action="store_true")
    p.add_argument("--screenshot", metavar="DIR")
    p.add_argument("--no-engine", action="store_true")
    p.add_argument("--ready-and-exit", action="store_true")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """The ``loaxa-gui`` script (and ``loaxa gui``): the same options, without the CLI's imports."""
    return run_gui(parse_args(list(sys.argv[1:] if argv is None else argv)))
