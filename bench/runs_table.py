"""The as-run log with a million rows: time to show the first page of the table against a plain
SQL query for the same page (Target: ratio <= 3, about 100 ms for context), peak RSS (target
<= 250 MB), and a scroll to the very end that loads only the pages it shows.

Usage: QT_QPA_PLATFORM=offscreen python bench/runs_table.py [--rows 1000000]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from _common import OUT, Timer

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def make_db(rows: int) -> Path:
    from schedules.workspace import Workspace

    folder = OUT / f"runs-{rows}"
    db = folder / "loaxa.db"
    if (folder / ".done").exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    db.unlink(missing_ok=True)
    Workspace.open(folder).close()  # the schema, by the migrations
    con = sqlite3.connect(db)
    rnd = random.Random(5)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    outcomes = ["completed"] * 90 + ["partial"] * 4 + ["missed", "failed", "skipped", "preempted", "stopped", "interrupted"]
    batch = []
    for n in range(rows):
        planned = start + timedelta(seconds=n * 90)
        outcome = rnd.choice(outcomes)
        actual = planned + timedelta(milliseconds=rnd.randint(0, 40)) if outcome != "missed" else None
        batch.append(
            (
                f"s{n % 1000}:e{n % 500}:{int(planned.timestamp())}:0",
                n % 1000,
                f"e{n % 500:03d}",
                n % 200,
                "[1]",
                f"Chương trình {n % 200}",
                rnd.choice([1, 2, 3, 3, 3]),
                rnd.randint(1, 6),
                planned.replace(tzinfo=None).isoformat(" "),
                (planned + timedelta(minutes=10)).replace(tzinfo=None).isoformat(" "),
                actual.replace(tzinfo=None).isoformat(" ") if actual else None,
                outcome,
                None if outcome == "completed" else "lý do",
                0.0,
                1000,
                40,
                planned.replace(tzinfo=None).isoformat(" "),
            )
        )
        if len(batch) == 50000:
            _insert(con, batch)
            batch.clear()
    _insert(con, batch)
    con.commit()
    con.close()
    (folder / ".done").touch()
    return folder


def _insert(con: sqlite3.Connection, rows: list[tuple[object, ...]]) -> None:
    con.executemany(
        "INSERT INTO as_run (occurrence_key, schedule_id, endpoint_code, playlist_id, items, title, priority, field, planned_start, planned_end,"
        " actual_start, outcome, reason, offset_s, bytes_sent, frames_sent, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )


def plain_first_page(db: Path) -> tuple[float, float]:
    """The same first screen with sqlite3 directly: the first page of rows, and the number of
    records the table needs for its scrollbar. Returns (page only, page and count)."""
    con = sqlite3.connect(db)
    with Timer() as t:
        rows = con.execute(
            "SELECT endpoint_code, title, planned_start, actual_start, offset_s, outcome, reason, priority, field, verified, verify_delay_ms"
            " FROM as_run ORDER BY planned_start DESC, id DESC LIMIT 256"
        ).fetchall()
    page = t.seconds
    with Timer() as t2:
        (n,) = con.execute("SELECT count(id) FROM as_run").fetchone()
    con.close()
    assert len(rows) == 256 and n > 0
    return page, page + t2.seconds


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    a = ap.parse_args()
    folder = make_db(a.rows)
    from PySide6.QtWidgets import QApplication, QTableView

    from desktop.gui.hub import Hub
    from desktop.gui.pages.runs import PAGE, RunsModel
    from schedules.workspace import Workspace

    runs = [plain_first_page(folder / "loaxa.db") for _ in range(5)]
    plain_page, plain = min(r[0] for r in runs), min(r[1] for r in runs)
    app = QApplication([])
    ws = Workspace.open(folder)
    hub = Hub(ws, poll_ms=3_600_000)
    times, firsts = [], []
    for _ in range(5):
        model = RunsModel(hub)
        view = QTableView()
        view.setModel(model)
        view.resize(1200, 700)
        view.show()
        done: dict[str, float | None] = {"t": None, "first": None}
        t0 = time.perf_counter()
        # (each lambda belongs to this round's model, so it may read this round's `done`)
        model.first_page.connect(lambda: done.__setitem__("first", time.perf_counter()))  # noqa: B023
        model.loaded.connect(lambda: done.__setitem__("t", time.perf_counter()))  # noqa: B023
        model.set_filters()
        while done["t"] is None:
            app.processEvents()
        app.processEvents()  # the view paints the first page
        times.append(done["t"] - t0)  # type: ignore[operator]
        firsts.append(done["first"] - t0)  # type: ignore[operator]
        assert model.rowCount() == a.rows
    ours = min(times)
    # scroll to the very end: only the last page(s) are fetched
    view.scrollToBottom()
    t0 = time.perf_counter()
    last = (a.rows - 1) // PAGE
    while last not in model.pages:
        app.processEvents()
        view.viewport().update()
        model.data(model.index(a.rows - 1, 0))
    end_s = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{a.rows:,} as-run records")
    print(
        f"first screen (page of rows + record count): plain SQL {plain * 1000:.1f} ms; LoaXa table {ours * 1000:.1f} ms; ratio {ours / plain:.2f} (target <= 3)"
    )
    print(f"for context: the first rows show after {min(firsts) * 1000:.1f} ms (plain SQL page alone {plain_page * 1000:.1f} ms); the count follows")
    print(f"scroll to the end: last page shown after {end_s * 1000:.0f} ms, {len(model.pages)} pages of {PAGE} rows held (not {a.rows // PAGE})")
    print(f"peak RSS {rss:.0f} MB (target <= 250)")


if __name__ == "__main__":
    main()
