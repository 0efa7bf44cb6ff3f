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
