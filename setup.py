"""Build hook: compile the Qt translations (.ts -> .qm) into the wheel with pyside6-lrelease.
Everything else is declared in pyproject.toml."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


def _lrelease() -> str | None:
    exe = shutil.which("pyside6-lrelease") or str(Path(sys.executable).with_name("pyside6-lrelease"))
    if Path(exe).exists():
        return exe
    try:
        import PySide6

        cand = Path(PySide6.__file__).parent / "lrelease"
        return str(cand) if cand.exists() else None
    except ImportError:
        return None


class BuildWithTranslations(build_py):
    def run(self) -> None:
        super().run()
        exe = _lrelease()
        if exe is None:
            self.warn("pyside6-lrelease not available: translations will be compiled at first start")
            return
        out_dir = Path(self.build_lib) / "assets" / "i18n"
        out_dir.mkdir(parents=True, exist_ok=True)
        for ts in sorted(Path("assets/i18n").glob("*.ts")):
            subprocess.run([exe, "-silent", str(ts), "-qm", str(out_dir / (ts.stem + ".qm"))], check=True)


setup(cmdclass={"build_py": BuildWithTranslations})
