"""Time as a parameter: domain code asks a clock, so tests can control time.

This is the one module of ``schedules/`` and ``broadcast/`` that reads the machine's wall clock
(``datetime.now``); everything else takes a ``clock`` (default :data:`SYSTEM_CLOCK`) or a ``now``
(default :func:`utcnow`). ``tests/unit/test_clock_use.py`` keeps it so."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware UTC."""
        ...

    def monotonic(self) -> float:
        """Seconds on a clock that never goes backwards (for pacing and timeouts)."""
        ...


class SystemClock:
    """The real clock of this machine."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()


class FixedClock:
    """A clock that stands still until moved; for tests and simulation."""

    def __init__(self, at: datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._at = at.astimezone(UTC)
        self._mono = 0.0

    def now(self) -> datetime:
        return self._at

    def monotonic(self) -> float:
        return self._mono

    def advance(self, seconds: float) -> None:
        """Move the clock (wall and monotonic) ``seconds`` forward."""
        self._at += timedelta(seconds=seconds)
        self._mono += seconds


def utcnow() -> datetime:
    """The machine's current instant (UTC): the default where a function takes ``now``."""
    return SYSTEM_CLOCK.now()


SYSTEM_CLOCK: Clock = SystemClock()
"""The machine's clock: the default of functions that take a ``clock``."""
