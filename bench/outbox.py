"""HTTTN outbox throughput: N queued broadcast-log messages (nhatky) drained by the sender to the
province simulator (a separate process on 127.0.0.1), against a bare loop of httpx posts of the
same messages to the same simulator in the same run.

Both sides log in once and post the same JSON bodies one by one over keep-alive connections; the
sender also reads the outbox in batches, keeps the order per bulletin and marks each batch sent
in one transaction. Target: ratio (sender time / bare loop time) <= 1.5, and the sender's process
never above 200 MB RSS (the outbox is read 200 rows at a time, never whole).

Usage: python bench/outbox.py [--n 10000] [--keys 500]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
from _common import ROOT  # noqa: F401 - puts the project on sys.path

from broadcast.httn.sender import OutboxSender
from schedules import httn, outbox
from schedules.workspace import Workspace
from tests.support.httnsim import Simulator


def payload(i: int, keys: int) -> dict[str, object]:
    return {
        "BanTinId": f"S{i % keys}-I{i % 7}",
        "CumLoaId": f"loa-{i % 13}",
        "ThoiDiemBatDau": datetime.fromtimestamp(1796077800 + i, UTC).isoformat(),
        "ThoiLuong": 30.0 + i % 60,
        "LoaiNhatKy": 1,
        "GiaTri": 1,
        "MoTa": "",
    }


def fill(ws: Workspace, n: int, keys: int) -> None:
    with ws.session() as s:
        for i in range(n):
            p = payload(i, keys)
            outbox.enqueue(s, "nhatky", f"bantin:{p['BanTinId']}", p)


async def bare(url: str, n: int, keys: int, cfg: httn.Config) -> float:
    async with httpx.AsyncClient(timeout=30) as c:
        t0 = time.perf_counter()
        r = await c.post(f"{url}/login", json={"Username": "xa", "Password": "matkhau"})
        token = r.json()["NoiDung"]["Token"]
        h = {"Authorization": f"Bearer {token}", "Content-Type": "application/json; charset=utf-8"}
        for i in range(n):
            body = httn.render("nhatky", payload(i, keys) | {"MoTa": "bare"}, cfg.profile, cfg.source_id)
            resp = await c.post(f"{url}/nhatky", content=json.dumps(body, ensure_ascii=False).encode(), headers=h)
            resp.raise_for_status()
        return time.perf_counter() - t0


async def drain(ws: Workspace) -> tuple[float, int]:
    sender = OutboxSender(ws)
    try:
        t0 = time.perf_counter()
        res = await sender.sync_once()
        return time.perf_counter() - t0, res.sent
    finally:
        await sender.aclose()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--keys", type=int, default=500, help="distinct bulletins the logs belong to")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="loaxa-bench-outbox-") as tmp:
        sim = Simulator(Path(tmp) / "sim").start()
        try:
            ws = Workspace.open(Path(tmp) / "data")
            pw = Path(tmp) / "pw"
            pw.write_text("matkhau")
            with ws.session() as s:
                httn.save_settings(
                    s,
                    {
                        "httn.url": sim.url,
                        "httn.source_id": "XA-BENCH",
                        "httn.user": "xa",
                        "httn.secret_store": httn.store_password(ws.data_dir, sim.url, "xa", "matkhau"),
                    },
                )
                cfg = httn.load_config(s, ws.data_dir)
            assert cfg is not None
            t_fill = time.perf_counter()
            fill(ws, a.n, a.keys)
            fill_s = time.perf_counter() - t_fill
            rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            bare_s = asyncio.run(bare(sim.url, a.n, a.keys, cfg))
            sender_s, sent = asyncio.run(drain(ws))
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            got = sim.received()
            ws.close()
        finally:
            sim.stop()
    assert sent == a.n, f"sent {sent} of {a.n}"
    ratio = sender_s / bare_s
    print(
        json.dumps(
            {
                "messages": a.n,
                "bulletins": a.keys,
                "enqueue_s": round(fill_s, 2),
                "bare_httpx_s": round(bare_s, 2),
                "bare_msg_per_s": round(a.n / bare_s),
                "outbox_sender_s": round(sender_s, 2),
                "outbox_msg_per_s": round(a.n / sender_s),
                "ratio": round(ratio, 2),
                "target_ratio": 1.5,
                "peak_rss_mb": round(rss, 1),
                "rss_before_drain_mb": round(rss_before, 1),
                "province_deliveries": got["deliveries"],
            }
        )
    )
    sys.exit(0 if ratio <= 1.5 and rss <= 200 else 1)


if __name__ == "__main__":
    main()
