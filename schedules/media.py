"""The media store: every audio file kept once, named by the SHA-256 of its bytes.

Layout under the media folder (``/`` separated paths are what the database keeps)::

    sources/ab/abcdef...<64 hex>.<ext>              the file as imported
    renditions/<format>/<preset>/ab/abcdef....mp3    made ahead for delivery
    .staging/                                         files on their way in

Writes are all-or-nothing: a :class:`Staging` collects files, publishes them into place just
before the database commits, and removes what it published if the commit fails. A file that was
already in the store (same hash) is never removed by a rollback.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from .i18n import _
from .paths import check_component, store_path

CHUNK = 1 << 20
STAGING = ".staging"
OWNER = ".owner"


def _alive(pid: int) -> bool:
    """True when a process ``pid`` runs on this computer."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # type: ignore[attr-defined]
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)  # type: ignore[attr-defined]
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


def source_relpath(sha256: str, ext: str) -> str:
    ext = ext.lower().lstrip(".") or "bin"
    return f"sources/{sha256[:2]}/{sha256}.{ext}"


def rendition_relpath(sha256: str, fmt: str, preset_key: str) -> str:
    check_component(fmt, what=_("format"))
    check_component(preset_key, what=_("loudness preset"))
    return f"renditions/{fmt}/{preset_key}/{sha256[:2]}/{sha256}.mp3"


@dataclass
class Staging:
    """Files waiting to enter the store; see the module docstring."""

    store: MediaStore
    dir: Path
    _pending: list[tuple[Path, Path]] = field(default_factory=list)
    _published: list[Path] = field(default_factory=list)

    def new_path(self, suffix: str = "") -> Path:
        """A fresh path inside the staging folder (for a tool to write to)."""
        return self.dir / f"{uuid.uuid4().hex}{suffix}"

    def add_file(self, staged: Path, relpath: str) -> Path:
        """Plan to move ``staged`` (inside this staging folder) to ``relpath`` in the store."""
        final = self.store.path(relpath)
        self._pending.append((staged, final))
        return final

    def copy_in(self, src: Path | BinaryIO, relpath: str) -> Path:
        """Copy a file (or a stream) into staging, to be published at ``relpath``."""
        staged = self.new_path()
        if isinstance(src, Path):
            shutil.copyfile(src, staged)
        else:
            with open(staged, "wb") as out:
                shutil.copyfileobj(src, out, CHUNK)
        return self.add_file(staged, relpath)

    def publish(self) -> None:
        """Move staged files into place (call just before the database commit)."""
        for staged, final in self._pending:
            if final.exists():
                continue  # content-addressed: same name, same bytes
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, final)
            self._published.append(final)
        self._pending.clear()

    def rollback(self) -> None:
        """Remove what :meth:`publish` put in place (the commit failed)."""
        for final in self._published:
            final.unlink(missing_ok=True)
        self._published.clear()


class MediaStore:
    """The content-addressed media folder."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path(self, relpath: str) -> Path:
        """The file ``relpath`` inside the store; InputRefused when it would lead outside
        (``..``, absolute, a symbolic link out): nothing is ever read, written or deleted there."""
        return store_path(self.root, relpath, what=_("media file"))

    def exists(self, relpath: str) -> bool:
        return self.path(relpath).is_file()

    def open_staging(self) -> Staging:
        """A new staging area; call :meth:`close_staging` when done (after publish or not).
        The folder records the process that owns it, so a later start can tell a killed
        import's leftovers (see :meth:`clean_leftovers`) from an import still running."""
        base = self.root / STAGING
        d = base / uuid.uuid4().hex
        # parents too: a parallel import that just closed its staging area may have removed the
        # then-empty staging folder between our checking it and making ours (seen with --workers 2)
        for attempt in range(20):
            try:
                base.mkdir(parents=True, exist_ok=True)
            except FileExistsError:  # made and removed again by others meanwhile
                pass
            try:
                d.mkdir()
                break
            except FileNotFoundError:  # removed between the two: again
                if attempt == 19:
                    raise
        (d / OWNER).write_text(f"{socket.gethostname()} {os.getpid()}\n", encoding="utf-8")
        return Staging(self, d)

    def leftovers(self) -> list[Path]:
        """Staging folders whose owning process on this computer is gone (a killed import)."""
        base = self.root / STAGING
        out: list[Path] = []
        if not base.is_dir():
            return out
        host = socket.gethostname()
        for d in sorted(base.iterdir()):
            if d.is_symlink() or not d.is_dir():
                out.append(d)
                continue
            try:
                owner_host, pid_s = (d / OWNER).read_text(encoding="utf-8").split()
                pid = int(pid_s)
            except (OSError, ValueError):
                if time.time() - d.stat().st_mtime > 3600:  # no owner note: an older LoaXa's, long gone
                    out.append(d)
                continue
            if owner_host == host and not _alive(pid):
                out.append(d)
        return out

    def clean_leftovers(self) -> list[Path]:
        """Remove what killed imports left in staging; returns what was removed."""
        gone = self.leftovers()
        for d in gone:
            if d.is_dir() and not d.is_symlink():
                shutil.rmtree(d, ignore_errors=True)
            else:
                d.unlink(missing_ok=True)
        return gone

    def close_staging(self, st: Staging) -> None:
        """Remove the staging folder and whatever was not published from it."""
        shutil.rmtree(st.dir, ignore_errors=True)
        try:
            st.dir.parent.rmdir()  # only when empty: other imports may be staging in parallel
        except OSError:
            pass

    @contextmanager
    def staging(self) -> Iterator[Staging]:
        """A staging area; files not published when the block ends are removed with it."""
        st = self.open_staging()
        try:
            yield st
        except BaseException:
            st.rollback()
            raise
        finally:
            self.close_staging(st)
