"""An output that keeps what it receives in memory (simulation and tests of the engine logic)."""

from __future__ import annotations

from datetime import datetime

from .base import Output


class MemoryOutput(Output):
    continuous = False

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.airings: list[tuple[str, datetime, bytearray]] = []

    async def open(self) -> None:
        return None

    async def begin_content(self, name: str, planned: datetime) -> None:
        self.airings.append((name, planned, bytearray()))

    async def send(self, data: bytes | memoryview) -> None:
        if self.airings:
            self.airings[-1][2].extend(data)
        self.bytes_sent += len(data)

    async def close(self) -> None:
        return None
