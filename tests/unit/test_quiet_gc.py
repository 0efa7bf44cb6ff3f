"""The engine's garbage collections of old objects happen at quiet moments, never mid-airing,
and at the latest after ``max_every_s``; the rare walk of everything is excused from the loop's
lag measure (nothing airs then); the collector's thresholds are restored when the engine stops."""

from __future__ import annotations

import asyncio
import gc
import time
import weakref

import pytest

from broadcast.engine.lag import FULL_GC_NEVER, LoopLag, QuietCollector

# these tests collect the whole test process on purpose: a file another test left unclosed in a
# reference cycle is finalised here, and its warning is not about this module
pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")


class Cycle:
    def __init__(self) -> None:
        self.me = self


async def _until(cond: object, timeout: float = 10.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():  # type: ignore[operator]
            return True
        await asyncio.sleep(0.01)
    return False


def test_old_garbage_waits_for_a_quiet_moment() -> None:
    before = gc.get_threshold()
    quiet = False
    qc = QuietCollector(lambda: quiet, every_s=0.01, max_every_s=3600)
    seen: dict[str, object] = {}

    async def main() -> None:
        nonlocal quiet
        task = asyncio.create_task(qc.run())
        await asyncio.sleep(0.05)
        seen["threshold"] = gc.get_threshold()[2]
        old = Cycle()
        gc.collect(1)  # it survives into the oldest generation...
        gone = weakref.ref(old)
        del old
        await asyncio.sleep(0.2)  # ...where, on air, nothing walks it
        seen["on air"] = (gone() is None, qc.runs)
        quiet = True
        seen["quiet"] = await _until(lambda: gone() is None and qc.runs >= 1)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    try:
        asyncio.run(main())
    finally:
        gc.unfreeze()
    assert seen["threshold"] == FULL_GC_NEVER, "on air: no full collection by the collector's own trigger"
    assert seen["on air"] == (False, 0), "garbage in the oldest generation waits for a quiet moment"
    assert seen["quiet"], "at a quiet moment it is collected"
    assert gc.get_threshold() == before, "the thresholds are restored when the engine stops"


def test_a_busy_engine_still_collects_after_max_every_s() -> None:
    qc = QuietCollector(lambda: False, every_s=0.01, max_every_s=0.05)
    ok: list[bool] = []

    async def main() -> None:
        task = asyncio.create_task(qc.run())
        ok.append(await _until(lambda: qc.runs >= 2))
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    try:
        asyncio.run(main())
    finally:
        gc.unfreeze()
    assert ok == [True], qc.runs
    assert qc.whole_runs == 0, "never a walk of everything while busy"


def test_frozen_garbage_is_taken_back_at_a_quiet_moment_and_the_pause_is_excused() -> None:
    lag = LoopLag(every_s=0.05)
    qc = QuietCollector(lambda: True, every_s=0.01, unfreeze_every_s=0.05, on_pause=lag.excuse)
    seen: dict[str, bool] = {}

    async def main() -> None:
        old = Cycle()
        gone = weakref.ref(old)
        gc.freeze()  # frozen with the plan (settle_gc), then dropped
        del old
        task = asyncio.create_task(qc.run())
        lagger = asyncio.create_task(lag.run())
        seen["collected"] = await _until(lambda: gone() is None and qc.whole_runs >= 1)
        await asyncio.sleep(0.2)
        task.cancel()
        lagger.cancel()
        await asyncio.gather(task, lagger, return_exceptions=True)

    try:
        asyncio.run(main())
    finally:
        gc.unfreeze()
    assert seen["collected"], "a cycle frozen with an old plan is collected at the next quiet walk"
    print(f"walk of everything: {qc.last_ms:.0f} ms; worst loop lag {lag.worst_ever_ms:.0f} ms, own work {lag.worst_busy_ms:.0f} ms")
    if qc.last_ms > 30:  # a heap big enough that the walk shows
        assert lag.worst_busy_ms < qc.last_ms - 15, "the walk at a quiet moment is not counted as a blocked step"
