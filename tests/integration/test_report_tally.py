"""What each as-run record counts for in the reports (as_run.tally, migration 0011): written when
the record closes, the same figures whether a record has it or is worked out as it is read, and
given to the records of a database that is upgraded from 0010."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from schedules import asrun, db, reporting, reporting_tally
from schedules.models import AsRunRecord
from tests.support import report_data as rd

GROUPINGS = (["field"], ["area", "campaign"], ["day"], ["item", "content_type"], ["endpoint", "priority"])


def reports(ws: Any) -> list[dict[str, Any]]:
    with ws.session() as s:
        period = reporting.parse_period("2027-03")
        return [r.as_dict() for r in reporting.build_reports(s, period, GROUPINGS, area="X1", now=rd.NOW)]


def unsettled(ws: Any) -> int:
    with ws.session() as s:
        return int(s.scalar(select(func.count()).select_from(AsRunRecord).where(AsRunRecord.tally.is_(None), AsRunRecord.outcome != "on_air")) or 0)


def test_closing_a_record_writes_what_it_counts_for(ws: Any) -> None:
    t0 = datetime(2027, 3, 1, 6, 0, tzinfo=UTC)
    # name: (record's columns, how it closes or None to leave it on air, tally expected)
    cases: dict[str, tuple[dict[str, Any], tuple[str, int] | None, int]] = {
        "on time": ({"actual_start": t0 + timedelta(seconds=0.4)}, ("completed", 2000), reporting_tally.ON_TIME),
        "late": ({"actual_start": t0 + timedelta(seconds=3)}, ("partial", 500), reporting_tally.LATE),
        "resumed": ({"actual_start": t0 + timedelta(seconds=40), "offset_s": 40.0, "resumes_run": 1}, ("completed", 800), reporting_tally.FOLLOW_UP),
        "preempted with content": ({"actual_start": t0}, ("preempted", 10), reporting_tally.ON_TIME),
        "preempted before content": ({}, ("preempted", 0), reporting_tally.MISSED),
        "failed": ({}, ("failed", 0), reporting_tally.FAILED),
        "cut off by a dead engine after 2 s late": ({"actual_start": t0 + timedelta(seconds=2)}, None, reporting_tally.LATE),
        "cut off by a dead engine before content": ({}, None, reporting_tally.MISSED),
    }
    ids: dict[str, int] = {}
    with ws.session() as s:
        for n, (name, (cols, _close, _want)) in enumerate(cases.items()):
            rec = asrun.open_record(s, occurrence_key=f"1:E{n}:{t0.timestamp():.0f}:0", endpoint_code=f"E{n}", planned_start=t0, **cols)
            ids[name] = rec.id
        assert s.scalar(select(AsRunRecord.tally).where(AsRunRecord.id == ids["on time"])) is None  # on air: not yet
        for name, (_cols, close, _want) in cases.items():
            if close is not None:
                outcome, sent = close
                asrun.close_record(s, ids[name], outcome, None, t0 + timedelta(minutes=5), bytes_sent=sent)
        asrun.update_record(s, ids["cut off by a dead engine after 2 s late"], bytes_sent=4000)
    with ws.session() as s:
        cut = asrun.mark_interrupted(s, "engine died", t0 + timedelta(minutes=6))
        assert sorted(cut) == sorted(ids[n] for n in cases if n.startswith("cut off"))
        got = {name: s.scalar(select(AsRunRecord.tally).where(AsRunRecord.id == ids[name])) for name in cases}
    assert got == {name: want for name, (_c, _close, want) in cases.items()}


def test_the_same_figures_with_and_without_tallies_and_on_postgresql(pg: Any, tmp_path: Any, english: None) -> None:
    """The data set's records are written closed without a tally (worked out as they are read);
    settled, the report reads them from the indexes instead: every figure the same, on SQLite and
    on PostgreSQL."""
    from schedules.workspace import Workspace

    out: dict[str, list[Any]] = {}
    for name, url in (("sqlite", None), ("postgresql", pg.database())):
        ws = Workspace.open(tmp_path / name, url)
        try:
            rd.build(ws)
            assert unsettled(ws) > 50
            before = reports(ws)
            with ws.session() as s:
                assert reporting_tally.settle_all(s) > 50
            assert unsettled(ws) == 0
            out[name] = reports(ws)
            assert out[name] == before, name
        finally:
            ws.close()
    assert out["postgresql"] == out["sqlite"]
    assert out["sqlite"][0]["totals"]["planned"] == 97 and out["sqlite"][0]["totals"]["aired"] > 0


def test_an_upgraded_database_reports_the_same(ws: Any, english: None) -> None:
    """Back to 0010 (no tally) and up again: the upgrade works out every closed record's tally
    and the report is the one before."""
    from alembic import command

    rd.build(ws)
    with ws.session() as s:
        reporting_tally.settle_all(s)
    before = reports(ws)
    cfg = db.alembic_config(ws.engine)
    command.downgrade(cfg, "0010")
    command.upgrade(cfg, "head")
    assert db.current_revision(ws.engine) == db.HEAD_REVISION
    assert unsettled(ws) == 0
    assert reports(ws) == before


def test_weeks_and_months_read_from_coarser_cells_equal_those_from_days(pg: Any, tmp_path: Any, english: None) -> None:
    """A report by week or by month alone sums its cells by week or month in the database; asked
    beside a report by day it sums days: the same rows either way (on SQLite and PostgreSQL),
    including the airings no engine recorded."""
    from schedules.workspace import Workspace

    for name, url in (("sqlite", None), ("postgresql", pg.database())):
        ws = Workspace.open(tmp_path / name, url)
        try:
            rd.build(ws)
            with ws.session() as s:
                period = reporting.parse_period("2027-Q1")
                with_days = reporting.build_reports(s, period, [["week", "field"], ["month", "area"], ["day"]], area="X1", now=rd.NOW)
                alone = [reporting.build_report(s, period, by=by, area="X1", now=rd.NOW) for by in (["week", "field"], ["month", "area"])]
            assert [r.as_dict() for r in alone] == [r.as_dict() for r in with_days[:2]], name
            assert len(alone[0].rows) > 10 and alone[0].totals.missed > 0
        finally:
            ws.close()


def test_records_the_engine_writes_closed_count_at_once(ws: Any) -> None:
    """Missed, skipped and failed airings are written whole by the engine (one batch): they get
    their tally in that same transaction, like the records that close later."""
    from schedules import engine_store

    t0 = datetime(2027, 3, 1, 6, 0, tzinfo=UTC)
    rows = [
        {"occurrence_key": f"1:M{n}:{t0.timestamp():.0f}:0", "endpoint_code": f"M{n}", "planned_start": t0, "outcome": outcome, "ended": t0}
        for n, outcome in enumerate(["missed", "failed", "skipped"])
    ]
    rows.append({"occurrence_key": f"1:A:{t0.timestamp():.0f}:0", "endpoint_code": "A", "planned_start": t0, "outcome": "on_air", "actual_start": t0})
    with ws.session() as s:
        ids = engine_store.add_records(s, rows)
    with ws.session() as s:
        got = [s.scalar(select(AsRunRecord.tally).where(AsRunRecord.id == i)) for i in ids]
    assert got[0] == reporting_tally.MISSED and got[1] == reporting_tally.FAILED and got[2] is not None, got
    assert got[3] is None, "on air: not yet"


def test_a_large_as_run_table_gets_the_planners_statistics_once(ws: Any) -> None:
    """The engine's daily housekeeping: statistics when the table is large and has none (the
    reports' covering index is chosen only with them), not again until it has doubled."""
    from sqlalchemy import insert, text

    from schedules import engine_store

    t0 = datetime(2027, 3, 1, 6, 0, tzinfo=UTC)
    with ws.session() as s:
        assert engine_store.refresh_statistics(s) is False, "a small table needs none"
        s.execute(
            insert(AsRunRecord),
            [
                {"occurrence_key": f"1:E:{n}:0", "endpoint_code": "E", "planned_start": t0 + timedelta(minutes=n), "outcome": "completed"}
                for n in range(engine_store.STATS_MIN_ROWS)
            ],
        )
    with ws.session() as s:
        assert engine_store.refresh_statistics(s) is True
    with ws.session() as s:
        stat = s.execute(text("SELECT stat FROM sqlite_stat1 WHERE tbl = 'as_run' LIMIT 1")).scalar()
        assert stat is not None and int(str(stat).split()[0]) == engine_store.STATS_MIN_ROWS
        assert engine_store.refresh_statistics(s) is False, "taken already: not again until the table doubles"
