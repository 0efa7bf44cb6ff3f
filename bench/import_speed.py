"""Import speed: one hour of speech in 60 files, imported with renditions, against a careful
ffmpeg-only baseline (two-pass loudnorm: measure, then apply and encode, two files at a time).

Prints the wall-time ratio LoaXa / baseline and LoaXa's peak RSS. Target: ratio <= 1.0,
peak RSS <= 300 MB.   Usage: python bench/import_speed.py [--files 60] [--seconds 60]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from _common import Timer, ffmpeg, run_python, speech_corpus

LOUDNORM = "I=-16:TP=-1.5:LRA=11"


def baseline_one(src: Path, dst: Path) -> None:
    pre = "pan=mono|c0=0.5*c0+0.5*c1"  # downmix before loudnorm (STACK-NOTES), resample after
    m = subprocess.run(
        [ffmpeg(), "-nostdin", "-hide_banner", "-nostats", "-i", str(src), "-af", f"{pre},loudnorm={LOUDNORM}:print_format=json", "-f", "null", "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    js = json.loads(re.search(r"\{[^{}]*\"input_i\"[^{}]*\}", m.stderr, re.S).group(0))  # type: ignore[union-attr]
    measured = f"measured_I={js['input_i']}:measured_TP={js['input_tp']}:measured_LRA={js['input_lra']}:measured_thresh={js['input_thresh']}:offset={js['target_offset']}:linear=true"
    subprocess.run(
        [
            ffmpeg(),
            "-nostdin",
            "-loglevel",
            "error",
            "-y",
            "-i",
            str(src),
            "-af",
            f"{pre},loudnorm={LOUDNORM}:{measured},aresample=44100",
            "-ac",
            "1",
            "-c:a",
            "libmp3lame",
            "-b:a",
            "64k",
            str(dst),
        ],
        check=True,
    )


def baseline(files: list[Path]) -> float:
    with tempfile.TemporaryDirectory() as d, Timer() as t, ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda f: baseline_one(f, Path(d) / (f.stem + ".mp3")), files))
    return t.seconds


LOAXA = r"""
import json, sys, time, resource
from pathlib import Path
from schedules.workspace import Workspace
from broadcast import importer
ws = Workspace.open(sys.argv[1])
t0 = time.perf_counter()
report = importer.import_files(ws, [sys.argv[2]])
secs = time.perf_counter() - t0
print(json.dumps({"seconds": secs, "added": len(report.added), "refused": report.refused,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "child_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def loaxa(folder: Path) -> dict:
    data = Path(tempfile.mkdtemp(prefix="loaxa-bench-"))
    try:
        return run_python(LOAXA, str(data), str(folder))
    finally:
        shutil.rmtree(data, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=60)
    ap.add_argument("--seconds", type=float, default=60.0)
    a = ap.parse_args()
    files = speech_corpus(a.files, a.seconds, f"speech-{a.files}x{int(a.seconds)}")
    total_min = a.files * a.seconds / 60
    print(f"corpus: {len(files)} files, {total_min:.0f} min of speech, stereo 44.1 kHz MP3 at mixed levels")
    b = baseline(files)
    r = loaxa(files[0].parent)
    assert r["added"] == len(files), r
    ratio = r["seconds"] / b
    print(f"baseline (ffmpeg two-pass loudnorm, 2 at a time): {b:.1f} s")
    print(f"LoaXa import with renditions:                      {r['seconds']:.1f} s")
    print(f"ratio LoaXa / baseline: {ratio:.2f}  (target <= 1.0)")
    print(f"peak RSS: LoaXa process {r['rss_mb']:.0f} MB (target <= 300), largest ffmpeg child {r['child_rss_mb']:.0f} MB")


if __name__ == "__main__":
    main()
