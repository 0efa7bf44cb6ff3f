"""Relay windows of a programme (tiếp sóng): the channel owns the upstream readers of its
airings, starts them a little ahead, takes their frames at its own pace and fills any shortfall
with silence (counted, so the as-run record says how much the upstream failed to give)."""

from __future__ import annotations

import asyncio

from ..relay import RelaySource
from .airing import Airing


class RelayFeed:
    """Mixin of :class:`~.channel.Channel`: the relays of its airings."""

    fd: float
    silence: list[bytes]
    _sil_index: int
    relays: dict[tuple[str, int], RelaySource]
    _closers: set[asyncio.Task[None]]

    def _relay_or_silence(self, a: Airing, segment: int, count: int) -> bytes:
        """Frames of a relay window from its upstream; silence where the upstream fell short."""
        src = self.relays.get((a.key, segment))
        if src is None:
            self._relay_start(a, segment)
            frames: list[bytes] = []
        else:
            frames = src.take(count)
        short = count - len(frames)
        if short:
            frames.extend(self.silence[(self._sil_index + i) % len(self.silence)] for i in range(short))
            self._sil_index = (self._sil_index + short) % len(self.silence)
            a.relay_missing += short
        return b"".join(frames)

    def _prepare_relays(self, a: Airing, upto: int) -> None:
        prog = a.programme
        for i, seg in enumerate(prog.segments):
            if seg.relay_url and prog.starts[i] <= upto and prog.starts[i] + seg.count > a.next_frame:
                self._relay_start(a, i)

    def _relay_start(self, a: Airing, segment: int) -> None:
        key = (a.key, segment)
        if key not in self.relays:
            src = self.relays[key] = RelaySource(a.programme.segments[segment].relay_url or "", a.programme.format, self.fd)
            src.start()

    def _stop_relays(self, a: Airing) -> None:
        for key in [k for k in self.relays if k[0] == a.key]:
            src = self.relays.pop(key)
            task = asyncio.get_running_loop().create_task(src.stop())
            self._closers.add(task)
            task.add_done_callback(self._closers.discard)
