"""``soundcard://`` endpoints: the engine plays through the PC's sound output. The output is a
PulseAudio null sink whose monitor is recorded (each 10 ms block stamped as it arrives): the
programme arrives whole and on time (start within 100 ms of its instant), an emergency cuts in
and the programme resumes after it; a sound output that does not exist fails the airing with a
reason; a bad soundcard:// URL is refused with exit 3.

Both players are run: ``pulse`` (ffmpeg plays on the sink) and ``portaudio`` (Windows' and
macOS' player: ffmpeg decodes to PCM, PortAudio plays it), which on Linux reaches the sink
through ALSA's pulse plugin (Debian: libportaudio2, libasound2-plugins; pulseaudio's
/etc/alsa/conf.d/99-pulse.conf makes ALSA's ``default`` PulseAudio while a server runs) and
``PULSE_SINK``. That sink is loaded with ``norewinds=1``: the ALSA plugin's writes make the server
rewind, and a null sink's clock goes back by every rewind (3 s played in 5 s measured), which a
real card's does not."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from schedules import commands
from schedules.commands import BroadcastRequest
from schedules.workspace import Workspace
from tests.conftest import Cli, have, wait_until
from tests.support.live_audio import RATE, band_levels
from tests.support.onair import add_items, commune, engine_running, mono_of, schedule_at, settle
from tests.support.pulse import ensure_server

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("english")]

RAW = ["-f", "s16le", "-ar", str(RATE), "-ac", "1"]


@contextmanager
def null_sink(*options: str) -> Iterator[str]:
    """A PulseAudio null sink of this test (a server is started when none runs)."""
    pactl = ensure_server()
    name = f"loaxa_card_{os.getpid()}_{len(options)}"
    mod = subprocess.run([pactl, "load-module", "module-null-sink", f"sink_name={name}", *options], capture_output=True, text=True, check=True).stdout.strip()
    try:
        yield name
    finally:
        subprocess.run([pactl, "unload-module", mod], capture_output=True, check=False)


@pytest.fixture
def sink() -> Iterator[str]:
    with null_sink() as name:
        yield name


@pytest.fixture
def steady_sink(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A null sink that never rewinds, where ALSA's ``default`` plays (the portaudio player)."""
    import sounddevice  # noqa: F401 - a main dependency; on Linux it needs libportaudio2 (scripts/ensure-system)

    with null_sink("norewinds=1", "rate=48000") as name:
        monkeypatch.setenv("PULSE_SINK", name)
        yield name


class Recorder(threading.Thread):
    """The sink's monitor as it plays: (arrival, bytes) per 10 ms block."""

    def __init__(self, sink: str) -> None:
        super().__init__(daemon=True)
        self.proc = subprocess.Popen(
            [have("parec"), "-d", f"{sink}.monitor", "--raw", "--format=s16le", f"--rate={RATE}", "--channels=1", "--latency-msec=10"], stdout=subprocess.PIPE
        )
        self.blocks: list[tuple[float, bytes]] = []

    def run(self) -> None:
        assert self.proc.stdout is not None
        while True:
            b = self.proc.stdout.read(RATE // 100 * 2)
            if not b:
                return
            self.blocks.append((time.monotonic(), b))

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(5)
        self.join(5)
        if self.proc.stdout is not None:
            self.proc.stdout.close()

    def onset(self, hz: int, threshold: float = 0.05) -> tuple[float | None, float]:
        """(when the tone began to play, seconds of it heard)."""
        data = b"".join(b for _t, b in self.blocks)
        levels = band_levels(data, hz, fmt=RAW)
        loud = [i for i, v in enumerate(levels) if v >= threshold]
        if not loud:
            return None, 0.0
        # block k's last sample arrived at blocks[k][0]; 10 ms windows line up with the blocks
        k = loud[0]
        return self.blocks[k][0] - 0.01, len(loud) * 0.01


def programme_and_emergency(ws: Workspace, sink: str, tmp_path: Path, url: str) -> None:
    """A 6 s programme at an instant, a 2 s emergency 2 s into it: both heard whole, on time."""
    commune(ws, ("loa-day", url))
    programme, alarm = add_items(ws, tmp_path, (6.0, 440), (2.0, 1000))
    t0 = (datetime.now(UTC) + timedelta(seconds=5)).replace(microsecond=0)
    schedule_at(ws, [programme], "loa-day", t0)
    rec = Recorder(sink)
    rec.start()
    try:
        with engine_running(ws):
            assert wait_until(lambda: datetime.now(UTC) >= t0 + timedelta(seconds=2), 15)
            with ws.session() as s:
                commands.enqueue_broadcast(s, BroadcastRequest(["loa-day"], item_ids=[alarm], priority=1, actor="Chủ tịch xã"))
            cut_at = time.monotonic()
            records = settle(ws, 3, timeout=30)
    finally:
        rec.stop()
    start, heard = rec.onset(440)
    assert start is not None, "the programme never played on the sound output"
    error_ms = (start - mono_of(t0)) * 1000
    alarm_start, alarm_heard = rec.onset(1000)
    print(
        f"soundcard {url}: programme start {error_ms:+.0f} ms, {heard:.2f} s heard; emergency after {((alarm_start or 0) - cut_at) * 1000:.0f} ms, {alarm_heard:.2f} s"
    )
    assert abs(error_ms) <= 100, f"the programme started {error_ms:.0f} ms off its instant"
    assert abs(heard - 6.0) <= 0.3, f"{heard:.2f} s of the 6 s programme played (resumed after the emergency)"
    assert alarm_start is not None and 0 <= alarm_start - cut_at <= 1.5, "the emergency cuts in within 1.5 s of the command"
    assert abs(alarm_heard - 2.0) <= 0.2
    outcomes = sorted((r.outcome, r.priority) for r in records)
    assert outcomes == [("completed", 1), ("completed", 3), ("preempted", 3)], [(r.outcome, r.reason) for r in records]


def test_programme_plays_on_time_and_an_emergency_cuts_in(ws: Workspace, sink: str, tmp_path: Path) -> None:
    programme_and_emergency(ws, sink, tmp_path, f"soundcard://{sink}")


def test_the_portaudio_player_plays_on_time_and_an_emergency_cuts_in(ws: Workspace, steady_sink: str, tmp_path: Path) -> None:
    """Windows' and macOS' player, run here through ALSA's ``default`` (PulseAudio)."""
    programme_and_emergency(ws, steady_sink, tmp_path, "soundcard://default?backend=portaudio")


def test_an_unknown_portaudio_output_fails_with_the_outputs_there_are(ws: Workspace, steady_sink: str, tmp_path: Path) -> None:
    commune(ws, ("loa-day", "soundcard://khong_co_loa_nay?backend=portaudio"))
    (item,) = add_items(ws, tmp_path, (3.0, 440))
    t0 = (datetime.now(UTC) + timedelta(seconds=3)).replace(microsecond=0)
    schedule_at(ws, [item], "loa-day", t0)
    with engine_running(ws):
        (run,) = settle(ws, 1, timeout=30)
    assert run.outcome == "failed", run.outcome
    reason = run.reason or ""
    assert "khong_co_loa_nay" in reason and "default" in reason, reason  # and the outputs this PC has


def test_a_missing_sound_output_fails_with_a_reason_and_bad_urls_are_refused(ws: Workspace, sink: str, tmp_path: Path) -> None:
    commune(ws, ("loa-day", "soundcard://khong_co_loa_nay"))
    (item,) = add_items(ws, tmp_path, (3.0, 440))
    t0 = (datetime.now(UTC) + timedelta(seconds=3)).replace(microsecond=0)
    schedule_at(ws, [item], "loa-day", t0)
    with engine_running(ws):
        (run,) = settle(ws, 1, timeout=30)
    assert run.outcome == "failed" and "khong_co_loa_nay" in (run.reason or ""), run.reason
    cli = Cli(ws.data_dir)
    for bad in ("soundcard://", "soundcard://a b", "soundcard://x?y=1", "soundcard://loa/../../etc", "soundcard://default?backend=alsa", "soundcard://%20x"):
        res = cli("endpoints", "add", "loa-2", "--name", "Loa 2", "--area", "X1", "--url", bad)
        assert res.code == 3, (bad, res.code, res.stderr)
    for i, good in enumerate((f"soundcard://{sink}", "soundcard://default?backend=portaudio", "soundcard://Speakers%20(Realtek(R)%20Audio)?backend=portaudio")):
        ok = cli("endpoints", "add", f"loa-{i + 3}", "--name", f"Loa {i + 3}", "--area", "X1", "--url", good)
        assert ok.code == 0, (good, ok.stderr)


def test_the_portaudio_player_never_runs_ahead_of_the_card(steady_sink: str, tmp_path: Path) -> None:
    """A channel that hands over 4 s of frames as fast as it can, 0.2 s at a time: each write
    waits while the card is more than AHEAD_MAX_S behind, so it takes the card's time."""
    import asyncio

    from broadcast.mp3 import iter_frames
    from broadcast.outputs.soundcard_portaudio import AHEAD_MAX_S, PortAudioOutput

    mp3 = tmp_path / "t.mp3"
    subprocess.run(
        [have("ffmpeg"), "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=4", "-ac", "1", "-ar", "44100", "-b:a", "64k"]
        + ["-write_xing", "0", "-id3v2_version", "0", str(mp3)],
        check=True,
    )
    data = mp3.read_bytes()
    frames = [data[pos : pos + h.length] for pos, h in iter_frames(data)]
    fd = 1152 / 44100
    per = round(0.2 / fd)

    async def run() -> tuple[float, float]:
        out = PortAudioOutput("loa", "default")
        await out.open()
        try:
            t0, worst = time.monotonic(), 0.0
            for i in range(0, len(frames), per):
                chunk = frames[i : i + per]
                await out.send(b"".join(chunk))
                worst = max(worst, (i + len(chunk)) * fd - out.played_s)  # written ahead of the card
            return time.monotonic() - t0, worst
        finally:
            await out.close()

    took, worst = asyncio.run(run())
    print(f"portaudio: 4 s of frames handed over in {took:.2f} s, at most {worst:.2f} s ahead of the card")
    assert worst <= AHEAD_MAX_S + 0.2 + 0.1, f"the writes ran {worst:.2f} s ahead of the card"
    assert took >= len(frames) * fd - AHEAD_MAX_S - 0.2 - 0.3, f"4 s of frames were taken in {took:.2f} s: faster than the card plays"


def test_the_player_is_pulse_on_linux_and_portaudio_elsewhere() -> None:
    from broadcast.outputs.base import OutputError
    from broadcast.outputs.soundcard import SoundcardOutput, default_backend, player_command, soundcard_output
    from broadcast.outputs.soundcard_portaudio import PortAudioOutput

    assert default_backend("linux") == "pulse"
    assert default_backend("win32") == default_backend("darwin") == "portaudio"
    with pytest.raises(OutputError) as refused:
        player_command("default", "loa", platform="win32")
    assert "backend=portaudio" in refused.value.message and not refused.value.retry
    assert isinstance(soundcard_output("loa", "Realtek", "portaudio"), PortAudioOutput)
    assert isinstance(soundcard_output("loa", "default", "pulse"), SoundcardOutput)
    assert isinstance(soundcard_output("loa", "default"), SoundcardOutput)  # this test runs on Linux
