"""The event loop measures itself: a timer that expects to wake every ``every_s`` notes how late
it woke. A late wake-up means some step of the loop ran that long without yielding: the engine
publishes the last and the worst lag of the last minute in its heartbeat, logs a step over the
warning threshold as a bug, and tests fail on it."""

from __future__ import annotations

import asyncio
import gc
import logging
import math
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable

log = logging.getLogger("loaxa.engine")

PAUSE_MS = 2000.0  # a longer gap with hardly any computing is a pause of the whole process


class GcPauses:
    """Times the garbage collector's passes (they stop every thread): the worst one and how often."""

    def __init__(self) -> None:
        self.worst_ms = 0.0
        self.count = [0, 0, 0]
        self._t0 = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._t0 = time.perf_counter()
            return
        ms = (time.perf_counter() - self._t0) * 1000.0
        self.count[info["generation"]] += 1
        self.worst_ms = max(self.worst_ms, ms)
        if ms > 20:
            log.info("garbage collection of generation %d took %.0f ms (%d objects collected)", info["generation"], ms, info["collected"])

    def install(self) -> None:
        if self not in gc.callbacks:
            gc.callbacks.append(self)


FULL_GC_NEVER = 1_000_000  # the collector's own trigger for full collections, in effect never


class QuietCollector:
    """Full collections at quiet moments, not in the middle of an airing.

    A full collection walks every object the engine made since the last plan sync and stops
    every thread while it does (at 2,000 endpoints, 100-230 ms every 2-3 s mid-airing, which
    held every channel's pump). The engine takes full collections out of the collector's hands:
    generations 0 and 1 go on as usual (they are short). When nothing is on air and nothing
    starts within a minute (``is_quiet``), or at the latest every ``max_every_s`` whatever airs,
    it collects what is not frozen (what the engine made since the last freeze: milliseconds)
    and freezes what survived. Every ``unfreeze_every_s`` (quiet moments only) it also takes
    back what was frozen and walks everything, so that no cycle of old garbage is kept for
    long; that pause (~0.2 s at 2,000 endpoints) holds no airing. ``on_pause`` tells the loop's
    lag measure of every pause taken at a quiet moment (after 1,800 airings even the collection
    of what they left takes ~85 ms), so that it is not reported as a blocked step; the
    collections forced while airing are measured like any step."""

    def __init__(
        self,
        is_quiet: Callable[[], bool],
        *,
        every_s: float = 10.0,
        max_every_s: float = 900.0,
        unfreeze_every_s: float = 6 * 3600.0,
        on_pause: Callable[[float], None] | None = None,
    ) -> None:
        self.is_quiet = is_quiet
        self.every_s = every_s
        self.max_every_s = max_every_s
        self.unfreeze_every_s = unfreeze_every_s
        self.on_pause = on_pause
        self.runs = 0
        self.whole_runs = 0
        self.last_ms = 0.0
        self._saved: tuple[int, int, int] | None = None

    def install(self) -> None:
        if self._saved is None:
            self._saved = gc.get_threshold()
            g0, g1, _g2 = self._saved
            gc.set_threshold(g0, g1, FULL_GC_NEVER)

    def uninstall(self) -> None:
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None

    def collect(self, *, whole: bool = False, quiet: bool = False) -> None:
        t0 = time.perf_counter()
        if whole:
            gc.unfreeze()
        gc.collect()
        gc.freeze()  # what survived lives on: out of every later walk
        self.runs += 1
        self.last_ms = (time.perf_counter() - t0) * 1000.0
        if whole:
            self.whole_runs += 1
        if self.on_pause is not None and (whole or quiet):
            self.on_pause(self.last_ms)  # taken on purpose while nothing aired: not a blocked step (it is logged)
        (log.info if self.last_ms > 20 else log.debug)("garbage collection at a quiet moment%s: %.0f ms", " (everything)" if whole else "", self.last_ms)

    async def run(self) -> None:
        self.install()
        last = last_whole = time.monotonic()
        try:
            while True:
                await asyncio.sleep(self.every_s)
                now = time.monotonic()
                quiet = self.is_quiet()
                if quiet or now - last >= self.max_every_s:
                    whole = quiet and now - last_whole >= self.unfreeze_every_s
                    self.collect(whole=whole, quiet=quiet)
                    last = time.monotonic()
                    if whole:
                        last_whole = last
        finally:
            self.uninstall()


def settle_gc() -> None:
    """What exists after a plan sync (the plan, its programmes, channels and jobs) lives until the
    next one: move it out of the collector's sight (``gc.freeze``), so that a full collection no
    longer walks it. Measured with 2,000 endpoints, a full collection took ~170 ms every 2-3 s and
    held every channel's pump; after this it takes a few ms."""
    gc.freeze()


class LoopLag:
    def __init__(
        self, every_s: float = 0.1, warn_ms: float = 250.0, window_s: float = 60.0, *, on_stall_ms: float = math.inf, on_stall: Callable[[], None] | None = None
    ) -> None:
        self.every_s = every_s
        self.on_stall_ms = on_stall_ms
        self.on_stall = on_stall
        self.warn_ms = warn_ms
        self.window_s = window_s
        self.last_ms = 0.0
        self.worst_ever_ms = 0.0
        self.worst_busy_ms = 0.0  # the loop thread's own CPU time within a late interval
        self.samples = 0
        self._excused_ms = 0.0  # a deliberate pause at a quiet moment (QuietCollector), not a blocked step
        self._recent: deque[tuple[float, float]] = deque()  # (loop time, lag ms)

    @property
    def worst_recent_ms(self) -> float:
        return max((ms for _t, ms in self._recent), default=0.0)

    def as_dict(self) -> dict[str, float]:
        return {"last": round(self.last_ms, 1), "worst_1min": round(self.worst_recent_ms, 1), "worst_own_work": round(self.worst_busy_ms, 1)}

    def excuse(self, ms: float) -> None:
        """The next interval holds a pause of ``ms`` taken on purpose while nothing aired."""
        self._excused_ms += ms

    def note(self, now: float, lag_ms: float, busy_ms: float | None = None) -> None:
        self.samples += 1
        self.last_ms = lag_ms
        self.worst_ever_ms = max(self.worst_ever_ms, lag_ms)
        self._recent.append((now, lag_ms))
        while self._recent and self._recent[0][0] < now - self.window_s:
            self._recent.popleft()
        if lag_ms > self.on_stall_ms and self.on_stall is not None:
            self.on_stall()  # the process was paused or starved this long: others may have acted
        if lag_ms > PAUSE_MS and busy_ms is not None and busy_ms < lag_ms / 10:
            # seconds without computing: the process was stopped, or the computer slept
            log.warning("the engine was paused for %.1f s (the computer slept or the process was stopped)", lag_ms / 1000)
        elif lag_ms > self.warn_ms and (busy_ms is None or busy_ms > self.warn_ms / 2):
            log.error("the engine's event loop was blocked for %.0f ms (a bug: no step may take that long)", lag_ms)
        elif lag_ms > self.warn_ms:  # hardly its own work: the computer was busy with others
            log.warning("the engine's event loop waited %.0f ms for the computer (its own work: %.0f ms)", lag_ms, busy_ms or 0.0)
        elif lag_ms > self.warn_ms / 5:
            log.info("event loop lag %.0f ms", lag_ms)

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        expected = loop.time() + self.every_s
        cpu = time.thread_time()
        while True:
            await asyncio.sleep(max(0.0, expected - loop.time()))
            now, cpu_now = loop.time(), time.thread_time()
            lag_ms = max(0.0, (now - expected) * 1000.0 - self._excused_ms)
            # of an interval's lag, how much the loop's own thread was computing (our steps), the
            # rest it waited for a core or the GIL (the machine's load)
            busy_ms = min(lag_ms, max(0.0, (cpu_now - cpu) * 1000.0 - self._excused_ms))  # at most this much was its own work
            self._excused_ms = 0.0
            self.worst_busy_ms = max(self.worst_busy_ms, busy_ms)
            self.note(now, lag_ms, busy_ms)
            expected, cpu = now + self.every_s, cpu_now


def debug_loop(loop: asyncio.AbstractEventLoop) -> None:
    """Diagnosis (LOAXA_ENGINE_DEBUG_LOOP): asyncio names every loop step over 20 ms in the engine's
    log, the collector's long passes are logged, and SIGUSR1 blocks the loop on purpose."""
    loop.set_debug(True)
    loop.slow_callback_duration = 0.02
    logging.getLogger("asyncio").addHandler(_Forward(log))
    _debug_stall_on_sigusr1(loop)
    GcPauses().install()


def _debug_stall_on_sigusr1(loop: asyncio.AbstractEventLoop) -> None:
    """Diagnosis (only with LOAXA_ENGINE_DEBUG_LOOP): SIGUSR1 blocks the loop for
    LOAXA_ENGINE_DEBUG_STALL_S seconds (default 5), to see what a hung loop does to the watchdog."""
    sig = getattr(signal, "SIGUSR1", None)
    if sig is None or threading.current_thread() is not threading.main_thread():
        return
    seconds = float(os.environ.get("LOAXA_ENGINE_DEBUG_STALL_S", "5"))

    def stall() -> None:
        log.warning("debug: blocking the loop for %s s", seconds)
        time.sleep(seconds)

    loop.add_signal_handler(sig, stall)


class _Forward(logging.Handler):
    def __init__(self, target: logging.Logger) -> None:
        super().__init__(logging.WARNING)
        self.target = target

    def emit(self, record: logging.LogRecord) -> None:
        self.target.warning("asyncio: %s", record.getMessage())
