"""The audit chain: verifying a million rows, and what an audited write costs.

1. ``loaxa audit verify`` over N chained rows (default 1,000,000) in a real SQLite file, against a
   baseline in the same run: the same rows read by the same query and each hashed with hashlib
   in a plain loop (no chain, no checks). Targets: verify <= 5 s, ratio <= 1.5.
2. An audited write (a transaction that changes an item and records it in the audit log, sealed
   into the chain) against the same transaction without the audit row: N of each, one of each in
   turn, each timed; the ratio of the medians (and of the 10th and 90th percentiles: a shared
   machine's load falls on both kinds alike). Target: ratio <= 1.2.

Usage: python bench/audit.py [--rows 1000000] [--writes 2000]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from _common import ROOT  # noqa: F401 - puts the project on sys.path

from schedules import audit
from schedules.audit import AT_FORMAT, GENESIS, chain_hash, content
from schedules.models import Item
from schedules.workspace import Workspace

ACTIONS = ("item.edit", "item.approved", "schedule.add", "playlist.edit", "login", "endpoint.add")


def fill(db: Path, n: int) -> None:
    """N chained rows written straight into the table (the chain computed as seal() does)."""
    con = sqlite3.connect(db)
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    prev = GENESIS
    batch: list[tuple[object, ...]] = []
    for i in range(n):
        at = (t0 + timedelta(seconds=i)).strftime(AT_FORMAT)
        actor, action, oid = f"canbo{i % 17}", ACTIONS[i % len(ACTIONS)], str(i % 5000)
        details = json.dumps({"title": f"Thông báo số {i}", "field": i % 6})
        c = content(at, actor, action, "item", oid, details, "null", "null", "may-1", False)
        h = chain_hash(prev, c)
        batch.append((at, actor, action, "item", oid, details, "null", "null", "may-1", 0, prev, h))
        prev = h
        if len(batch) == 50_000:
            _insert(con, batch)
            batch = []
    _insert(con, batch)
    con.execute("DELETE FROM meta WHERE key = 'audit_rows'")
    con.execute("INSERT INTO meta (key, value) VALUES ('audit_rows', ?)", (n,))
    con.commit()
    con.close()


def _insert(con: sqlite3.Connection, rows: list[tuple[object, ...]]) -> None:
    con.executemany(
        "INSERT INTO audit_log (at, actor, action, object_kind, object_id, details, before, after, pc, before_accounts, prev_hash, row_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )


def baseline(db: Path) -> tuple[float, int]:
    """The same rows, the same query, each row hashed with hashlib in a plain loop."""
    con = sqlite3.connect(db)
    t = time.perf_counter()
    cur = con.execute(audit._VERIFY_SQL.format(pc="pc"))
    n = 0
    sha = hashlib.sha256
    while rows := cur.fetchmany(1_000):  # the batch verify reads
        for r in rows:
            sha("\x1f".join(map(str, r)).encode()).hexdigest()
            n += 1
    dt = time.perf_counter() - t
    con.close()
    return dt, n


def write(ws: Workspace, i: int, audited: bool) -> float:
    """One transaction changing an item's title, with or without its audit row: seconds."""
    t = time.perf_counter()
    with ws.session() as s:
        item = s.get(Item, 1 + i % 50)
        assert item is not None
        before = item.title
        item.title = f"Tin {i}"
        if audited:
            audit.record(s, "item.edit", "item", item.id, actor="canbo", before={"title": before}, after={"title": item.title})
    return time.perf_counter() - t


def writes(ws: Workspace, n: int) -> tuple[list[float], list[float]]:
    """``n`` writes of each kind, one of each in turn (the order swapped every pair), so that a
    shared machine's load falls on both kinds alike: (unaudited times, audited times)."""
    plain: list[float] = []
    audited: list[float] = []
    for i in range(n):
        for kind in (False, True) if i % 2 == 0 else (True, False):
            (audited if kind else plain).append(write(ws, 2 * i + kind, kind))
    return plain, audited


def quantile(xs: list[float], q: float) -> float:
    return sorted(xs)[int(q * (len(xs) - 1))]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--writes", type=int, default=2000)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="loaxa-bench-audit-") as tmp:
        ws = Workspace.open(Path(tmp) / "data")
        db = ws.data_dir / "loaxa.db"
        t = time.perf_counter()
        fill(db, a.rows)
        print(f"filled {a.rows:,} chained rows in {time.perf_counter() - t:.1f} s", file=sys.stderr)
        # two runs of each, alternated; the best of each (a shared machine's noise only adds)
        base_runs, verify_runs, verify_cpu = [], [], []
        for _ in range(2):
            base_s, n = baseline(db)
            base_runs.append(base_s)
            t, c = time.perf_counter(), time.process_time()
            v = audit.verify(ws.engine)
            verify_runs.append(time.perf_counter() - t)
            verify_cpu.append(time.process_time() - c)
            assert v.ok and v.rows == n == a.rows, v
        base_s, verify_s = min(base_runs), min(verify_runs)
        # writes: 50 items, then the same transactions with and without their audit row, interleaved
        with ws.session() as s:
            for i in range(50):
                s.add(Item(title=f"Tin {i}", search_key=""))
        writes(ws, 100)  # warm: statement caches, the WAL file's first growth
        plain_t, audited_t = writes(ws, a.writes)
        plain, audited = statistics.median(plain_t), statistics.median(audited_t)
        assert audit.verify(ws.engine).ok
        ws.close()
    result = {
        "rows": a.rows,
        "verify_s": round(verify_s, 2),
        "verify_runs_s": [round(x, 2) for x in verify_runs],
        "verify_cpu_s": round(min(verify_cpu), 2),  # this process's CPU: what the load of others does not add
        "baseline_hash_loop_s": round(base_s, 2),
        "verify_ratio": round(verify_s / base_s, 2),
        "verify_us_per_row": round(verify_s / a.rows * 1e6, 2),
        "verify_target": "<= 5 s and ratio <= 1.5",
        "writes": a.writes,
        "unaudited_write_ms": round(plain * 1000, 3),
        "audited_write_ms": round(audited * 1000, 3),
        "write_ratio": round(audited / plain, 2),
        "write_ratio_p10": round(quantile(audited_t, 0.1) / quantile(plain_t, 0.1), 2),
        "write_ratio_p90": round(quantile(audited_t, 0.9) / quantile(plain_t, 0.9), 2),
        "write_target": "ratio <= 1.2",
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
