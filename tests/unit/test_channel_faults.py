"""One faulty endpoint beside healthy ones, all airing at the same instant, on a controlled clock.

For every fault (refused, connect timeout, wrong password, a server that never reads, one that
closes or restarts mid-stream, TLS, DNS, a slow server) with 1 and with 50 healthy channels
beside it: every healthy channel releases every frame on its timeline, the faulty one records
the outcome and reason a technician expects, reconnection follows the configured backoff, and
no step of the loop blocks. A minute of virtual airing runs in well under a second.
"""

from __future__ import annotations

import asyncio
import bisect
import time
from collections.abc import Callable, Iterator

import pytest

from broadcast.engine import Airing, ChannelConfig
from tests.support.channel_harness import FRAME_S, FaultyOutput, Harness, programme

pytestmark = pytest.mark.usefixtures("english")  # the reasons are read in English
AT_S = 5.0  # content starts 5 s after the harness starts
SECONDS = 8.0
FAULTS = ["refused", "timeout", "auth", "blackhole", "closes", "restart", "tls", "dns", "slow"]


@pytest.fixture
def harness() -> Iterator[Harness]:
    h = Harness()
    yield h
    h.close()


def air_all(h: Harness, fault: str, healthy: int) -> dict[str, FaultyOutput]:
    prog = programme(SECONDS)
    outputs = {"bad": FaultyOutput("bad", fault), **{f"ok{i}": FaultyOutput(f"ok{i}") for i in range(healthy)}}

    async def main() -> None:
        airings = []
        for code, out in outputs.items():
            ch = h.channel(code, out)
            a = h.airing(code, prog, AT_S)
            ch.submit(a)
            airings.append(a)
        await asyncio.wait_for(asyncio.gather(*(a.done.wait() for a in airings)), timeout=120)
        await asyncio.gather(*(ch.shutdown("end of test") for ch in h.channels.values()))

    h.run(main)
    return outputs


def assert_on_timeline(h: Harness, code: str, out: FaultyOutput) -> None:
    """Every content frame left before it was due, and not before the channel's look-ahead."""
    a = h.outcome(code)
    assert a.outcome == "completed", (code, a.outcome, a.reason)
    content = a.programme.segments[0].frames
    assert content is not None
    start = out.stream.find(content.data)
    assert start >= 0, f"{code}: the content is not in the stream whole and in order"
    times = [t for t, _n in out.sends]
    ends = [n for _t, n in out.sends]
    cfg = h.cfg
    for k in range(content.frames):
        i = bisect.bisect_left(ends, start + content.offsets[k + 1])
        sent = times[i]
        due = a.release_mono + k * FRAME_S
        assert sent <= due + 1e-3, f"{code}: frame {k} left {sent - due:.3f} s after it was due"
        assert sent >= due - cfg.most_ahead_s - cfg.tick_s - 2 * FRAME_S, f"{code}: frame {k} left {due - sent:.3f} s early"


def expected_attempts(cfg: ChannelConfig, first: float, until: float, stretch: float) -> list[float]:
    """Connection attempts by the documented policy: at once, then every ``retry_fast_every_s``
    for ``retry_fast_s``, then a backoff doubling from ``retry_backoff_s`` up to ``retry_cap_s``,
    each stretched by the channel's own share of ``retry_spread``."""
    t, out, backoff = first, [first], cfg.retry_backoff_s
    t = first + cfg.retry_first_s
    while t <= until:
        out.append(t)
        if t - first < cfg.retry_fast_s:
            t += cfg.retry_fast_every_s
        else:
            t += backoff * stretch
            backoff = min(cfg.retry_cap_s, backoff * 2)
    return out


@pytest.mark.parametrize("healthy", [1, 50])
@pytest.mark.parametrize("fault", FAULTS)
def test_fault_beside_healthy_channels(harness: Harness, fault: str, healthy: int) -> None:
    outputs = air_all(harness, fault, healthy)
    for code, out in outputs.items():
        if code != "bad":
            assert_on_timeline(harness, code, out)
    bad = harness.outcome("bad")
    out = outputs["bad"]
    cfg = harness.cfg
    release = bad.release_mono
    if fault in ("auth", "tls", "dns"):
        assert bad.outcome == "failed"
        assert len(out.opens) == 1, "a refusal that retrying cannot cure is not retried"
        assert {"auth": "401", "tls": "certificate", "dns": "resolved"}[fault] in (bad.reason or "")
        ended = next(e.at for e in harness.host.events if e.airing is bad)
        assert ended < release, "it fails at once, at the pre-roll, not at the end of the airing"
        assert ("bad", False) in {(c, online) for c, online, _e, _k in harness.host.seen}
    elif fault in ("refused", "timeout"):
        assert bad.outcome == "failed"
        assert ("refused" if fault == "refused" else "did not answer") in (bad.reason or "")
        if fault == "refused":
            first = out.opens[0]
            want = expected_attempts(cfg, first, out.opens[-1] + 1e-6, harness.channels["bad"].retry_stretch)
            assert len(out.opens) == len(want) and all(abs(a - b) < 0.01 for a, b in zip(out.opens, want, strict=True)), (out.opens, want)
        else:
            gaps = [b - a for a, b in zip(out.opens, out.opens[1:], strict=False)]
            assert all(g >= 5.0 - 1e-6 for g in gaps), "an attempt that times out is not repeated before it timed out"
        assert bad.planned_end is not None
    elif fault == "blackhole":
        assert bad.outcome == "partial", bad.reason
        assert "not delivered" in (bad.reason or "")
    elif fault == "closes":
        assert bad.outcome in ("completed", "partial"), bad.reason
        assert len(out.opens) == 2, "reconnected once, at once"
        assert out.opens[1] - out.opens[0] > 3.0
    elif fault == "restart":
        assert bad.outcome == "partial", bad.reason
        assert (
            bad.gap_s is not None and out.down_s - cfg.most_ahead_s - cfg.longest_tick_s <= bad.gap_s <= out.down_s + cfg.retry_fast_every_s + cfg.tick_s + 0.1
        ), bad.gap_s
    elif fault == "slow":
        assert bad.outcome == "completed", bad.reason
    # the loop never stalled: no step took long in real time, and the pumps woke in proportion to time
    assert harness.loop.longest_step_s < 0.25, f"a loop step took {harness.loop.longest_step_s * 1000:.0f} ms"
    span = harness.loop.time() - 1000.0
    for code, ch in harness.channels.items():
        assert ch.wakeups < span / FRAME_S, f"{code}: {ch.wakeups} wake-ups in {span:.0f} s: the pump spins"


def test_the_harness_catches_a_pump_that_never_yields(harness: Harness) -> None:
    """The class of bug behind the offline-cluster stall: a coroutine that loops without awaiting."""
    from tests.support.channel_harness import LoopStalled

    harness.stall_limit_s = 1.0

    async def spin() -> None:
        while True:
            pass

    with pytest.raises(LoopStalled):
        harness.run(spin)


def test_a_hundred_dead_endpoints_do_not_retry_in_the_same_instant(harness: Harness) -> None:
    """Endpoints that went down together (a district's power cut) spread their reconnection
    attempts, so the loop never has a hundred connects to make at once: once the backoff has
    grown to seconds, no 50 ms holds more than a fifth of them (without the spread: all of them)."""
    outputs = {f"dead{i:03d}": FaultyOutput(f"dead{i:03d}", "refused") for i in range(100)}
    prog = programme(30.0)

    async def main() -> None:
        airings = []
        for code, out in outputs.items():
            harness.channel(code, out).submit(a := harness.airing(code, prog, AT_S))
            airings.append(a)
        await asyncio.wait_for(asyncio.gather(*(a.done.wait() for a in airings)), timeout=120)
        await asyncio.gather(*(ch.shutdown("end of test") for ch in harness.channels.values()))

    harness.run(main)
    first = min(out.opens[0] for out in outputs.values())
    late = sorted(t for out in outputs.values() for t in out.opens if t - first > 6.0)
    assert len(late) >= 100, "the dead endpoints kept trying through the airing"
    crowd = max(bisect.bisect_right(late, t + 0.05) - i for i, t in enumerate(late))
    assert crowd <= 20, f"{crowd} reconnection attempts within 50 ms"


def test_the_pump_and_the_armed_write_never_both_send_the_first_frames(harness: Harness) -> None:
    """At the release both the channel's pump and its armed write are due; whichever runs first,
    the first frames leave once and the airing gets one record (two did, at 2,000 endpoints: the
    content stuttered and an 'on air' row stayed open)."""
    out = FaultyOutput("ok")
    prog = programme(3.0)
    ch = harness.channel("ok", out)
    a = harness.airing("ok", prog, AT_S)

    async def main() -> None:
        ch.submit(a)
        loop = asyncio.get_running_loop()
        while ch._armed is None:  # prepared a little before its release
            await asyncio.sleep(0.01)
            assert loop.time() < a.release_mono, "never armed"
        await asyncio.sleep(max(0.0, a.release_mono - loop.time() - 0.001))
        await ch._send_content(a, a.release_mono)  # the pump wins the race to the release
        await asyncio.wait_for(a.done.wait(), timeout=60)
        await ch.shutdown("end of test")

    harness.run(main)
    assert [e.kind for e in harness.host.events if e.airing is a] == ["started", "ended"]
    assert_on_timeline(harness, "ok", out)
    content = prog.segments[0].frames
    assert content is not None and out.stream.count(content.data[:4000]) == 1, "the first frames left twice"


class _KernelSend(FaultyOutput):
    """A healthy stream whose every write costs what a loopback send to Icecast costs the kernel
    (measured 7-25 us; here 40 us of computing). The first write of all makes ``on_first`` ready
    to run, as a command arriving in the middle of the burst would be."""

    on_first: list[Callable[[], None]] = []

    def write_now(self, data: bytes) -> bool:
        end = time.thread_time() + 40e-6
        while time.thread_time() < end:
            pass
        if self.on_first:
            asyncio.get_running_loop().call_soon(self.on_first.pop())
        return super().write_now(data)


def test_a_thousand_releases_at_one_instant_do_not_hold_the_loop(harness: Harness) -> None:
    """1,000 channels release at the same instant: each first write leaves at that instant, and
    the burst (40 ms of writing) is made in slices, so that whatever else falls due then (an
    emergency command, the loop's lag timer) runs within a slice, not after the whole burst."""
    n = 1000
    prog = programme(1.0)
    outs = {f"e{k:04d}": _KernelSend(f"e{k:04d}") for k in range(n)}
    airings = [harness.airing(code, prog, AT_S) for code in outs]
    release = airings[0].release_mono
    probe: list[int] = []  # how many first writes had left when the work that fell due during the burst ran

    async def main() -> None:
        loop = asyncio.get_running_loop()
        for a in airings:
            harness.channel(a.endpoint, outs[a.endpoint]).submit(a)
        while loop.time() < release - 0.04:  # every channel armed by now
            await asyncio.sleep(0.01)
        assert all(ch._armed is not None for ch in harness.channels.values()), "not every release was armed ahead"
        _KernelSend.on_first.append(lambda: probe.append(sum(1 for a in airings if a.started)))
        await asyncio.wait_for(asyncio.gather(*(a.done.wait() for a in airings)), timeout=60)
        await asyncio.gather(*(ch.shutdown("end of test") for ch in harness.channels.values()))

    harness.run(main)
    assert all(a.released_mono == pytest.approx(release, abs=1e-6) for a in airings), "a first write left after its instant"
    assert probe and 0 < probe[0] < n, f"the loop ran nothing else until all {n} first writes had left" if probe and probe[0] == n else probe
    assert all(harness.outcome(code).outcome == "completed" for code in outs)


def test_a_steady_airing_cruises_with_half_the_writes_and_never_runs_short() -> None:
    """While an airing plays on with nothing due, the pump wakes every ``cruise_tick_s`` (half
    the socket writes, which are most of the engine's work at a province's scale) and feeds that
    much further ahead: every frame still leaves the same margin before it is due as with the
    ordinary tick, and on time, whatever the channel's phase."""
    codes = [f"c{k}" for k in range(12)]  # phases spread over the tick
    rates: dict[str, float] = {}
    for name, cruise in (("plain", 0.2), ("cruise", 0.4)):
        h = Harness(ChannelConfig(preroll_s=2.0, hold_s=1.0, closing_silence_s=0.5, retry_cap_s=8.0, tick_s=0.2, ahead_s=0.3, cruise_tick_s=cruise))
        outs = {c: FaultyOutput(c) for c in codes}
        airings = [h.airing(c, programme(12.0), AT_S) for c in codes]

        async def main(h: Harness = h, outs: dict[str, FaultyOutput] = outs, airings: list[Airing] = airings) -> None:
            for a in airings:
                h.channel(a.endpoint, outs[a.endpoint]).submit(a)
            await asyncio.wait_for(asyncio.gather(*(a.done.wait() for a in airings)), timeout=120)
            await asyncio.gather(*(ch.shutdown("end of test") for ch in h.channels.values()))

        try:
            h.run(main)
            margin = h.cfg.ahead_s - h.cfg.tick_s
            for a in airings:
                out = outs[a.endpoint]
                assert_on_timeline(h, a.endpoint, out)
                content = a.programme.segments[0].frames
                assert content is not None
                start = bytes(out.stream).find(content.data[:4000])
                ends = [n for _t, n in out.sends]
                for k in range(int((h.cfg.ahead_s + FRAME_S) / FRAME_S) + 1, content.frames):  # after the first write
                    sent = out.sends[bisect.bisect_left(ends, start + content.offsets[k + 1])][0]
                    due = a.release_mono + k * FRAME_S
                    assert due - sent >= margin - 2 * FRAME_S, f"{name} {a.endpoint}: frame {k} left only {due - sent:.3f} s before it was due"
                rates[f"{name} {a.endpoint}"] = sum(1 for t, _n in out.sends if a.release_mono + 1.0 <= t < a.release_mono + 11.0) / 10.0
        finally:
            h.close()
    for key, rate in rates.items():
        assert rate == pytest.approx(1 / (0.2 if key.startswith("plain") else 0.4), rel=0.15), rates
