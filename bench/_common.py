"""Helpers shared by the benchmarks: corpus generation, timing, peak memory."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

SENTENCES = [
    "Thông báo của Ủy ban nhân dân xã về việc tiêm phòng cho gia súc, gia cầm đợt hai năm nay.",
    "Đề nghị bà con nông dân chủ động phòng chống dịch bệnh, vệ sinh chuồng trại sạch sẽ.",
    "Ban chỉ huy phòng chống thiên tai xã đề nghị các hộ gia đình gia cố nhà cửa trước mùa mưa bão.",
    "Tuyên truyền an toàn giao thông: đội mũ bảo hiểm khi đi xe máy, đã uống rượu bia thì không lái xe.",
    "Hội nông dân xã tổ chức tập huấn kỹ thuật trồng lúa cho bà con vào sáng thứ bảy tuần này.",
    "Trạm y tế xã thông báo lịch khám sức khỏe định kỳ cho người cao tuổi tại nhà văn hóa thôn.",
]


def ffmpeg() -> str:
    return shutil.which("ffmpeg") or "ffmpeg"


def speech_corpus(n: int, seconds: float, name: str) -> list[Path]:
    """``n`` MP3 files (stereo 44.1 kHz 128k, varied loudness) of about ``seconds`` of speech."""
    folder = OUT / name
    done = folder / ".done"
    if done.exists():
        return sorted(folder.glob("*.mp3"))
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    base = folder / "base.wav"
    text = " ".join(SENTENCES * 20)
    subprocess.run(["espeak-ng", "-v", "vi", "-s", "150", "-w", str(base), text], check=True)
    for i in range(n):
        gain = -30 + (i * 7) % 24  # -30..-7 dB: quiet and hot sources
        subprocess.run(
            [
                ffmpeg(),
                "-nostdin",
                "-loglevel",
                "error",
                "-y",
                "-stream_loop",
                "-1",
                "-i",
                str(base),
                "-t",
                str(seconds),
                "-af",
                f"volume={gain}dB,adelay={200 + i * 13}:all=1",
                "-ar",
                "44100",
                "-ac",
                "2",
                "-b:a",
                "128k",
                str(folder / f"clip{i:03d}.mp3"),
            ],
            check=True,
        )
    base.unlink()
    done.touch()
    return sorted(folder.glob("*.mp3"))


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: kilobytes


def run_python(code: str, *args: str, env: dict[str, str] | None = None) -> dict:
    """Run ``code`` in a fresh interpreter; it prints one JSON line, returned here."""
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


class Timer:
    def __enter__(self) -> Timer:
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.t0
