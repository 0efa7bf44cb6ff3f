"""Loading the window's translations: ``assets/i18n/loaxa_<lang>.qm`` (built from the ``.ts``
sources by pyside6-lrelease at install; built into the cache folder at start when missing, as in
a development checkout), plus Qt's own strings for standard buttons."""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger("loaxa.gui")

_installed: list[QTranslator] = []


def ts_path(lang: str) -> Path:
    return Path(str(resources.files("assets") / "i18n" / f"loaxa_{lang}.ts"))


def qm_path(lang: str, cache_dir: Path | None = None) -> Path | None:
    """The compiled catalog: packaged when built at install, else compiled now into the cache."""
    packaged = Path(str(resources.files("assets") / "i18n" / f"loaxa_{lang}.qm"))
    if packaged.is_file():
        return packaged  # built from the .ts at install (setup.py); a checkout has none
    ts = ts_path(lang)
    if not ts.is_file():
        return None
    if cache_dir is None:
        from schedules.folders import cache_dir_for

        cache_dir = cache_dir_for()
    target_dir = cache_dir
    target = target_dir / f"loaxa_{lang}.qm"
    if target.is_file() and target.stat().st_mtime >= ts.stat().st_mtime:
        return target
    target_dir.mkdir(parents=True, exist_ok=True)
    if compile_ts(ts, target):
        return target
    return None


def lrelease(pyside_dir: Path | None = None, platform: str | None = None) -> str | None:
    """The lrelease tool: pyside6-lrelease on the PATH, else the one inside the PySide6 package
    (``lrelease.exe`` on Windows: the platform decides the suffix, not PySide6's ``__init__.py``)."""
    import shutil
    import sys

    if pyside_dir is None:
        exe = shutil.which("pyside6-lrelease")
        if exe:
            return exe
        try:
            import PySide6
        except ImportError:
            return None
        pyside_dir = Path(PySide6.__file__).parent
    name = "lrelease.exe" if (platform or sys.platform) == "win32" else "lrelease"
    for cand in (pyside_dir / name, pyside_dir / "Qt" / "bin" / name):
        if cand.is_file():
            return str(cand)
    return None


def compile_ts(ts: Path, qm: Path) -> bool:
    exe = lrelease()
    if exe is None:
        log.warning("pyside6-lrelease not found; the interface stays in English")
        return False
    import subprocess

    res = subprocess.run([exe, "-silent", str(ts), "-qm", str(qm)], capture_output=True, text=True)
    if res.returncode != 0:
        log.warning("lrelease failed: %s", res.stderr)
        return False
    return True


def install(lang: str, cache_dir: Path | None = None) -> bool:
    """Install the translators for ``lang`` (vi or en) into the running application."""
    app = QCoreApplication.instance()
    assert app is not None
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    ok = True
    qm = qm_path(lang, cache_dir)
    if qm is not None:
        t = QTranslator(app)
        if t.load(str(qm)):
            app.installTranslator(t)
            _installed.append(t)
        else:
            ok = False
    else:
        ok = False
    qt = QTranslator(app)
    if qt.load(QLocale(lang), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return ok
