"""Real audio for tests: ffmpeg-made tones (or espeak-ng speech), and probing what came out."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path


def have(tool: str) -> str:
    path = shutil.which(tool)
    assert path, f"{tool} is not installed: scripts/test installs it (apt-get install {tool})"
    return path


def ffmpeg_run(*args: str) -> None:
    subprocess.run([have("ffmpeg"), "-nostdin", "-hide_banner", "-loglevel", "error", "-y", *args], check=True, timeout=120)


def audio_maker(folder: Path) -> Callable[..., Path]:
    """``make_audio`` writing into ``folder/audio``."""
    tmp_path = folder
    counter = {"n": 0}

    def make(
        name: str | None = None,
        *,
        seconds: float = 3.0,
        text: str | None = None,
        rate: int = 44100,
        channels: int = 1,
        codec_args: tuple[str, ...] = (),
        lead_silence: float = 0.0,
        trail_silence: float = 0.0,
        volume_db: float = 0.0,
        freq: int = 440,
    ) -> Path:
        counter["n"] += 1
        out = tmp_path / "audio" / (name or f"clip{counter['n']}.mp3")
        out.parent.mkdir(parents=True, exist_ok=True)
        if text is not None:
            wav = tmp_path / "audio" / f"speech{counter['n']}.wav"
            subprocess.run([have("espeak-ng"), "-v", "vi", "-w", str(wav), text], check=True, timeout=60)
            src = ["-i", str(wav)]
        else:
            # a tone with a slow tremolo: sound from the first sample, like speech onsets
            src = ["-f", "lavfi", "-i", f"sine=frequency={freq}:sample_rate={rate}:duration={seconds}"]
        filters = [f"volume={volume_db}dB"]
        if lead_silence or trail_silence:
            filters.append(f"adelay={int(lead_silence * 1000)}:all=1,apad=pad_dur={trail_silence}")
        ffmpeg_run(*src, "-af", ",".join(filters), "-ar", str(rate), "-ac", str(channels), *codec_args, str(out))
        return out

    return make


def probe_duration(path: Path) -> float:
    out = subprocess.run(
        [have("ffprobe"), "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(path)], capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip())
