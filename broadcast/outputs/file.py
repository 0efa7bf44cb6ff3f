"""The offline endpoint: every airing's content frames into one MP3 file in a folder.

The file is named by endpoint and planned start in a form every OS accepts (no ``:``), e.g.
``xa-an-binh_20270301T053000+0700.mp3``. Frames are written as they would be streamed (paced by
the channel), without the network's pre-roll or closing silence.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from schedules.errors import InputRefused
from schedules.paths import user_folder
from schedules.text import safe_filename

from .base import Output, OutputError


class FileOutput(Output):
    continuous = False

    def __init__(self, code: str, folder: Path) -> None:
        super().__init__(code)
        self.folder = folder
        self._file: BinaryIO | None = None
        self.path: Path | None = None

    async def open(self) -> None:
        try:
            # the same rule as when the endpoint was added: a database changed behind LoaXa's
            # back (or an older one) cannot make the engine write into a system folder
            user_folder(self.folder, what=self.code)
        except InputRefused as exc:
            raise OutputError(exc.message, retry=False) from exc
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create folder {self.folder}: {exc.strerror}", retry=False) from exc

    async def begin_content(self, name: str, planned: datetime) -> None:
        await self.end_content()
        stamp = planned.strftime("%Y%m%dT%H%M%S%z")
        base = f"{safe_filename(self.code)}_{stamp}"
        path = self.folder / f"{base}.mp3"
        n = 1
        while path.exists():
            n += 1
            path = self.folder / f"{base}_{n}.mp3"
        try:
            self._file = open(path, "wb")  # noqa: SIM115 - closed in end_content
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc.strerror}", retry=False) from exc
        self.path = path

    async def send(self, data: bytes | memoryview) -> None:
        if self._file is None:
            return
        try:
            self._file.write(data)
            self._file.flush()
        except OSError as exc:
            raise OutputError(f"cannot write {self.path}: {exc.strerror}", retry=False) from exc
        self.bytes_sent += len(data)

    async def end_content(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    async def close(self) -> None:
        await self.end_content()
