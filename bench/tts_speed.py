"""Speech from text: a 1,000-character notice normalised, spoken by espeak-ng and made into an
approved, rendered item through the import pipeline (loudness, renditions), in a fresh data folder.

Prints the wall time of each step, the spoken duration and the ratio wall / spoken (target <= 0.2),
the median of ``--runs`` runs (each run a different notice, so no duplicate short-cuts the import).
The crisis path (confirm -> first word at every listener of an area) is bench/crisis.py.

Usage: python bench/tts_speed.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from _common import SENTENCES

from broadcast import speech
from schedules.library import ItemMeta
from schedules.models import Item
from schedules.speech_text import spoken
from schedules.workspace import Workspace


def notice(n: int) -> str:
    head = f"UBND xã thông báo số {n}/TB-UBND ngày 15/3/2027: "
    body = " ".join(SENTENCES[(n + i) % len(SENTENCES)] for i in range(12))
    tail = f" Mọi thắc mắc xin gọi 0912 345 {n:03d} hoặc đến trụ sở lúc 7h30."
    text = head + body
    return (text[: 1000 - len(tail)].rsplit(" ", 1)[0] + tail)[:1000]


def one(ws: Workspace, n: int) -> dict[str, float]:
    text = notice(n)
    t0 = time.perf_counter()
    spoken(text)
    t1 = time.perf_counter()
    result = speech.say(ws, text, ItemMeta(title=f"Thông báo {n}"), approve_by="bench")
    t2 = time.perf_counter()
    with ws.session() as s:
        item = s.get(Item, result.id)
        assert item is not None and item.state == "approved" and item.renditions
    return {"chars": len(text), "normalise_ms": (t1 - t0) * 1000, "wall_s": t2 - t0, "spoken_s": result.duration_s, "ratio": (t2 - t0) / result.duration_s}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="loaxa-bench-tts-") as tmp:
        ws = Workspace.open(Path(tmp) / "data")
        try:
            rows = [one(ws, n) for n in range(args.runs)]
        finally:
            ws.close()
    for r in rows:
        print(f"{r['chars']} chars: normalise {r['normalise_ms']:.1f} ms, wall {r['wall_s']:.2f} s, spoken {r['spoken_s']:.1f} s, ratio {r['ratio']:.3f}")
    ratio = statistics.median(r["ratio"] for r in rows)
    print(
        f"median wall {statistics.median(r['wall_s'] for r in rows):.2f} s for {statistics.median(r['spoken_s'] for r in rows):.1f} s of speech: ratio {ratio:.3f} (target <= 0.2) {'OK' if ratio <= 0.2 else 'OVER'}"
    )


if __name__ == "__main__":
    main()
