"""The engine's full garbage collections happen at quiet moments, never mid-airing, and at the
latest after ``max_every_s``; the collector's own thresholds are restored when the engine stops."""

from __future__ import annotations

import asyncio
import gc
import weakref

from broadcast.engine.lag import FULL_GC_NEVER, QuietCollector


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_full_collections_wait_for_a_quiet_moment() -> None:
    before = gc.get_threshold()
    quiet = False
    qc = QuietCollector(lambda: quiet, every_s=0.01, max_every_s=3600)
    seen: list[tuple[int, int]] = []

    async def main() -> None:
        nonlocal quiet
        task = asyncio.create_task(qc.run())
        await asyncio.sleep(0.05)
        seen.append((gc.get_threshold()[2], qc.runs))
        old = Cycle()
        gc.collect(1)  # it survives into the oldest generation...
        gone = weakref.ref(old)
        del old
        await asyncio.sleep(0.1)  # ...where, on air, nothing walks it
        seen.append((int(gone() is None), qc.runs))
        quiet = True
        await asyncio.sleep(0.1)
        seen.append((int(gone() is None), qc.runs))
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    try:
        asyncio.run(main())
    finally:
        gc.unfreeze()
    assert seen[0] == (FULL_GC_NEVER, 0), "on air: no full collection by the collector's own trigger, and none of ours"
    assert seen[1] == (0, 0), "garbage in the oldest generation waits for a quiet moment"
    assert seen[2][0] == 1 and seen[2][1] >= 1, "at a quiet moment it is collected"
    assert gc.get_threshold() == before, "the thresholds are restored when the engine stops"


def test_a_busy_engine_still_collects_after_max_every_s() -> None:
    qc = QuietCollector(lambda: False, every_s=0.01, max_every_s=0.05)

    async def main() -> None:
        task = asyncio.create_task(qc.run())
        await asyncio.sleep(0.3)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    try:
        asyncio.run(main())
    finally:
        gc.unfreeze()
    assert 2 <= qc.runs <= 8, qc.runs
