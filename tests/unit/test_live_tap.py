"""The live airing's jitter buffer (broadcast.engine.livetap.LiveTap) and its open-ended programme:
what a channel takes is always the count it asks for, the delay stays bounded, a shortfall is one
gap (not a stutter), a bursty source gets a deeper buffer, and cutting the programme ends it."""

from __future__ import annotations

import time

import pytest

from broadcast.engine.livetap import BUFFER_S, LiveTap, end_programme_at, live_programme
from schedules.formats import parse_format

FD = 1152 / 44100
SIL = [b"s0", b"s1"]


def mic(n: int, start: int = 0) -> list[bytes]:
    return [f"m{i}".encode() for i in range(start, start + n)]


def test_it_gives_what_is_asked_with_silence_where_the_microphone_fell_short() -> None:
    tap = LiveTap(SIL, FD)
    assert tap.take(3) == [b"s0", b"s1", b"s0"] and tap.missing == 0  # before the first frame: not counted
    tap.push(mic(2))
    assert tap.take(3) == [b"m0", b"m1", b"s1"]
    assert tap.given == 2 and tap.missing == 1


def test_the_delay_stays_bounded_the_oldest_frames_go() -> None:
    tap = LiveTap(SIL, FD)
    cap = int(BUFFER_S / FD)
    tap.push(mic(cap + 10))
    assert len(tap.frames) == cap and tap.dropped == 10
    assert tap.take(1) == [b"m10"]  # the newest second is kept


def test_after_a_shortfall_it_waits_for_a_buffer_before_going_on() -> None:
    tap = LiveTap(SIL, FD)
    tap.push(mic(5))
    tap.take(6)  # short by one: refilling
    tap.push(mic(2, 5))
    assert tap.take(2) == [b"s1", b"s0"], "two frames are not a buffer: still silence"
    tap.push(mic(int(0.3 / FD), 7))
    assert tap.take(1) == [b"m5"], "a buffer's worth again: the microphone goes on where it was"


def test_a_bursty_source_gets_a_buffer_as_deep_as_its_bursts(monkeypatch: pytest.MonkeyPatch) -> None:
    tap = LiveTap(SIL, FD)
    clock = [100.0]
    monkeypatch.setattr(time, "monotonic", lambda: clock[0])
    burst = int(2.0 / FD)
    tap.push(mic(burst))
    clock[0] += 2.0
    tap.push(mic(burst, burst))
    assert tap.max_gap_s == 2.0
    assert tap.max_frames >= 2 * burst  # two bursts fit: nothing dropped
    assert tap.dropped == int(2.0 / FD) - int(BUFFER_S / FD)  # only from the first burst, before its pace was known


def test_a_cut_programme_ends_where_the_frames_end() -> None:
    prog = live_programme(parse_format("mp3-64k-mono"), FD, "Trực tiếp: Chủ tịch", 3600)
    assert prog.total_frames == int(3600 / FD) and prog.has_relay
    end_programme_at(prog, 120)
    assert prog.total_frames == 120 and prog.chunks(100, 200) == [("relay", 0, 20)]
    end_programme_at(prog, 10**9)
    assert prog.total_frames == 120, "a cut programme never grows again"
