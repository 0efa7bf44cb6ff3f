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
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

CHUNK = 1 << 20


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
        return self.root.joinpath(*relpath.split("/"))

    def exists(self, relpath: str) -> bool:
        return self.path(relpath).is_file()

    def open_staging(self) -> Staging:
        """A new staging area; call :meth:`close_staging` when done (after publish or not)."""
        base = self.root / ".staging"
        base.mkdir(parents=True, exist_ok=True)
        d = base / uuid.uuid4().hex
        d.mkdir()
        return Staging(self, d)

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
