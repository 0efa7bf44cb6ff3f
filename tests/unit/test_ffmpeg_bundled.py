"""The packaged application uses the ffmpeg inside it (``_internal/ffmpeg``), before an ffmpeg on
PATH; ``LOAXA_FFMPEG`` still wins; from the source tree nothing changes."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from broadcast import ffmpeg


@pytest.fixture(autouse=True)
def fresh_find() -> Iterator[None]:
    ffmpeg.find.cache_clear()
    yield
    ffmpeg.find.cache_clear()


def _frozen_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder laid out as PyInstaller's _internal, holding a real ffmpeg under the bundled name."""
    system = shutil.which("ffmpeg")
    assert system is not None, "no ffmpeg on PATH to stand in for the bundled one: scripts/test installs it (Debian: ffmpeg)"
    internal = tmp_path / "_internal"
    (internal / "ffmpeg").mkdir(parents=True)
    exe = internal / "ffmpeg" / ("ffmpeg.exe" if sys.platform == "win32" else "ffmpeg")
    shutil.copy2(system, exe)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(internal), raising=False)
    monkeypatch.delenv("LOAXA_FFMPEG", raising=False)
    return exe


def test_frozen_application_prefers_its_own_ffmpeg_to_the_one_on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exe = _frozen_bundle(tmp_path, monkeypatch)
    assert shutil.which("ffmpeg") is not None and Path(shutil.which("ffmpeg") or "") != exe
    found = ffmpeg.find()
    assert (found.path, found.origin) == (str(exe), "bundled")
    assert found.version not in ("unknown",) and not found.version.startswith("unusable")


def test_loaxa_ffmpeg_still_overrides_the_bundled_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _frozen_bundle(tmp_path, monkeypatch)
    chosen = shutil.which("ffmpeg") or ""
    monkeypatch.setenv("LOAXA_FFMPEG", chosen)
    assert (ffmpeg.find().path, ffmpeg.find().origin) == (chosen, "env")


def test_frozen_without_a_bundled_ffmpeg_falls_back_to_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exe = _frozen_bundle(tmp_path, monkeypatch)
    os.remove(exe)  # built with LOAXA_BUNDLE_FFMPEG=0
    assert ffmpeg.bundled_path() is None
    assert ffmpeg.find().origin == "system"


def test_source_tree_has_no_bundled_ffmpeg(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert ffmpeg.bundled_path() is None
