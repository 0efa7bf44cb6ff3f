"""The output interface every endpoint adapter implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime


class OutputError(Exception):
    """Delivery failed. ``retry`` says whether trying again may help (not for a wrong password)."""

    def __init__(self, message: str, *, retry: bool = True, kind: str = "delivery") -> None:
        super().__init__(message)
        self.message = message
        self.retry = retry
        self.kind = kind


class Output(ABC):
    """A sink for one endpoint's MP3 frames.

    A *continuous* output is a live stream (Icecast): it is connected a few seconds before the
    content (pre-roll silence), carries silence between back-to-back airings, and ends with a
    second of silence. A non-continuous output (a file folder) receives content frames only,
    one file per airing.
    """

    continuous = False
    lead_s = 0.0  # how much earlier than the instant content must leave to reach listeners on time

    def __init__(self, code: str) -> None:
        self.code = code
        self.bytes_sent = 0

    @abstractmethod
    async def open(self) -> None:
        """Connect (continuous outputs) or get ready."""

    async def begin_content(self, name: str, planned: datetime) -> None:  # noqa: B027 - optional, empty by default
        """An airing's content starts now (file outputs start a new file here)."""

    @abstractmethod
    async def send(self, data: bytes | memoryview) -> None:
        """Deliver frames."""

    async def end_content(self) -> None:  # noqa: B027 - optional, empty by default
        """The airing's content ended (file outputs close the file)."""

    can_write_now = False  # write_now() is supported (live streams)

    def write_now(self, data: bytes) -> bool:
        """Hand ``data`` to the connection at once, without waiting (an airing's first frames at
        its instant); False when not connected. Errors surface on the next :meth:`send`."""
        return False

    @abstractmethod
    async def close(self) -> None:
        """Disconnect; safe to call twice."""

    @property
    def connected(self) -> bool:
        return True
