"""The report figures against an independent count made here from the raw as-run rows (read with
plain sqlite3) and the airings the data set left unrecorded (a day with no engine)."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from schedules import reporting
from schedules.errors import InputRefused, NotFound
from tests.support import report_data as rd

CAMPAIGNS_OF_PLAYLIST = {1: {"Tiêm chủng mở rộng 2027"}, 2: {"Chuyển đổi số"}, 3: set()}
ITEM_CAMPAIGN = {1: "Tiêm chủng mở rộng 2027"}


def independent(db_path: str, ds: rd.DataSet) -> dict[str, dict[Any, Counter[str]]]:
    """Counts per dimension value from the raw rows plus the airings that left no row."""
    out: dict[str, dict[Any, Counter[str]]] = {d: defaultdict(Counter) for d in ("field", "area", "campaign", "day", "total")}
    con = sqlite3.connect(db_path)
    period_start = datetime(2027, 3, 1, tzinfo=rd.TZ).astimezone(UTC).replace(tzinfo=None).isoformat(" ")
    rows = con.execute(
        "SELECT occurrence_key, endpoint_code, playlist_id, items, field, planned_start, actual_start, outcome, bytes_sent, frames_sent, verified FROM as_run WHERE planned_start >= ?",
        (period_start,),
    ).fetchall()
    con.close()

    def add(field: int, ep: str, camps: set[str], day: str, counts: dict[str, float]) -> None:
        for dim, val in (
            ("field", field),
            ("area", rd.AREA_OF[ep]),
            ("day", day),
            ("total", "all"),
        ):
            out[dim][val].update(counts)
        for c in camps or {None}:
            out["campaign"][c].update(counts)

    for (
        key,
        ep,
        pl,
        items,
        fld,
        planned,
        actual,
        outcome,
        sent,
        frames,
        verified,
    ) in rows:
        planned_dt = datetime.fromisoformat(planned).replace(tzinfo=UTC)
        day = planned_dt.astimezone(rd.TZ).date().isoformat()
        import json

        camps = set(CAMPAIGNS_OF_PLAYLIST.get(pl, set())) | {ITEM_CAMPAIGN[i] for i in json.loads(items) if i in ITEM_CAMPAIGN}
        counts: Counter[str] = Counter()
        counts["airtime_frames"] += frames
        if not key.endswith(":r"):
            counts["planned"] += 1
            if outcome in ("completed", "partial") or (outcome in ("preempted", "interrupted") and sent > 0):
                counts["aired"] += 1
                if actual is not None and abs((datetime.fromisoformat(actual).replace(tzinfo=UTC) - planned_dt).total_seconds()) <= 1:
                    counts["on_time"] += 1
            elif outcome in ("missed", "preempted", "interrupted"):
                counts["missed"] += 1
            else:
                counts[outcome] += 1
            if verified:
                counts["verified"] += 1
        add(fld, ep, camps, day, counts)
    for a in ds.airings:
        if a.outcome is None:
            add(
                a.field,
                a.endpoint,
                set(a.campaigns),
                a.day.isoformat(),
                Counter(planned=1, missed=1, no_engine=1),
            )
    return out


@pytest.fixture
def built(ws: Any) -> tuple[Any, rd.DataSet]:
    return ws, rd.build(ws)


def test_totals_match_an_independent_count_from_raw_rows(
    english: None,
    built: tuple[Any, rd.DataSet],
) -> None:
    ws, ds = built
    db_path = ws.db_url.removeprefix("sqlite:///")
    ind = independent(db_path, ds)
    period = reporting.parse_period("2027-03")
    with ws.session() as s:
        reports = {by: reporting.build_report(s, period, by=[by], area="X1", now=rd.NOW) for by in ("field", "area", "campaign", "day")}
    total = ind["total"]["all"]
    # the data set holds every kind of airing, and a day with no engine whose evening left no rows
    assert total["no_engine"] == 6 and total["failed"] > 0 and total["stopped"] > 0 and total["skipped"] > 0 and total["missed"] > 6
    for by, rep in reports.items():
        t = rep.totals
        assert (
            t.planned,
            t.aired,
            t.verified,
            t.on_time,
            t.missed,
            t.failed,
            t.stopped,
            t.skipped,
        ) == (
            total["planned"],
            total["aired"],
            total["verified"],
            total["on_time"],
            total["missed"],
            total["failed"],
            total["stopped"],
            total["skipped"],
        ), by
        assert t.planned == t.aired + t.missed + t.failed + t.stopped + t.skipped
        assert t.airtime_s == pytest.approx(total["airtime_frames"] * rd.FRAME_S, abs=0.1)
        assert t.endpoints_targeted == 4 and t.endpoints_reached == 4
        assert t.feedback == 3  # the one from February is outside the period
        assert ("engine not running", 6) in t.top_reasons("missed", 10)
    # every row against the independent count of its value
    by_field = {r.key[0]: r.figures for r in reports["field"].rows}
    assert set(by_field) == {3, 4, 5}
    for fld, f in by_field.items():
        c = ind["field"][fld]
        assert (
            f.planned,
            f.aired,
            f.missed,
            f.failed,
            f.stopped,
            f.skipped,
            f.verified,
            f.on_time,
        ) == (
            c["planned"],
            c["aired"],
            c["missed"],
            c["failed"],
            c["stopped"],
            c["skipped"],
            c["verified"],
            c["on_time"],
        ), fld
        assert f.airtime_s == pytest.approx(c["airtime_frames"] * rd.FRAME_S, abs=0.1)
    by_area = {r.key[0]: r.figures for r in reports["area"].rows}
    assert {k: f.planned for k, f in by_area.items() if f.planned} == {a: ind["area"][a]["planned"] for a in ("V1", "V2", "V3")}
    assert {k: f.aired for k, f in by_area.items() if f.planned} == {a: ind["area"][a]["aired"] for a in ("V1", "V2", "V3")}
    assert by_area["V1"].endpoints_targeted == 2 and by_area["V2"].endpoints_targeted == 1
    assert (by_area["V1"].feedback, by_area["V2"].feedback, by_area["X1"].feedback) == (
        1,
        1,
        1,
    )
    by_camp = {r.key[0]: r for r in reports["campaign"].rows}
    names = {r.label: r.figures for r in by_camp.values()}
    for name in ("Tiêm chủng mở rộng 2027", "Chuyển đổi số"):
        assert names[name].planned == ind["campaign"][name]["planned"]
        assert names[name].aired == ind["campaign"][name]["aired"]
        assert names[name].endpoints_targeted == 4
    assert names["Tiêm chủng mở rộng 2027"].feedback == 1 and names["Chuyển đổi số"].feedback == 1
    by_day = {r.key[0]: r.figures for r in reports["day"].rows}
    assert {d: f.planned for d, f in by_day.items()} == {d: c["planned"] for d, c in ind["day"].items()}
    assert by_day["2027-03-04"].aired == 0 and by_day["2027-03-04"].missed == 4 + 6
    # the engine was off on 4 March: a whole day, give or take the release second
    assert reports["field"].engine_down_s == pytest.approx(86400, abs=2)
    # availability: E2 was offline 6-7 March, E4 six hours a night from 5 March; while no engine
    # ran nobody knew (unknown), 1-10 March noon is 228 h of which the engine ran 204 h
    av = {a.code: a for a in reports["field"].availability}
    h = 3600.0
    assert av["E1"].online_s == pytest.approx(204 * h, abs=10) and av["E1"].offline_s == 0
    assert av["E2"].offline_s == pytest.approx(48 * h, abs=10) and av["E2"].share == pytest.approx(156 / 204, abs=1e-3)
    assert av["E4"].offline_s == pytest.approx(30 * h, abs=10) and av["E4"].unknown_s == pytest.approx(24 * h, abs=10)


def test_scope_grouping_in_two_dimensions_and_by_endpoint(
    built: tuple[Any, rd.DataSet],
) -> None:
    ws, _ds = built
    period = reporting.parse_period("2027-W10")  # 8-14 March: up to now (10 March noon)
    with ws.session() as s:
        v1 = reporting.build_report(s, period, by=["area", "field"], area="V1", now=rd.NOW)
        eps = reporting.build_report(s, period, by=["endpoint"], endpoints=["E3"], now=rd.NOW)
    # V1's endpoints: two schedules to the commune plus the 11:00 one, 8 and 9 March whole, 10 March to noon
    assert v1.totals.planned == 2 * (3 + 3 + 2)
    assert {r.key for r in v1.rows} <= {("V1", 3), ("V1", 4), ("V1", 5)}
    assert [r.key for r in eps.rows] == [("E3",)] and eps.totals.planned == 2 + 2 + 1
    assert [a.code for a in eps.availability] == ["E3"]


def test_bad_input_is_refused(built: tuple[Any, rd.DataSet]) -> None:
    ws, _ds = built
    for bad in ("2027-13", "2027-W60", "march", "2027-Q5", ""):
        with pytest.raises(InputRefused):
            reporting.parse_period(bad)
    with pytest.raises(InputRefused):
        reporting.period_of_dates(datetime(2027, 3, 5).date(), datetime(2027, 3, 1).date(), "Asia/Ho_Chi_Minh")
    with ws.session() as s, pytest.raises(NotFound):
        reporting.build_report(s, reporting.parse_period("2027-03"), area="NOPE", now=rd.NOW)
    with ws.session() as s, pytest.raises(NotFound):
        reporting.build_report(s, reporting.parse_period("2027-03"), endpoints=["E9"], now=rd.NOW)
    with ws.session() as s, pytest.raises(InputRefused):
        reporting.build_report(s, reporting.parse_period("2027-03"), by=["colour"], now=rd.NOW)


def test_periods_parse_to_local_windows() -> None:
    p = reporting.parse_period("2027-Q1")
    assert (p.first.isoformat(), p.last.isoformat()) == ("2027-01-01", "2027-03-31")
    assert p.start == datetime(2027, 1, 1, tzinfo=rd.TZ) and p.end == datetime(2027, 4, 1, tzinfo=rd.TZ)
    w = reporting.parse_period("2027-W09")
    assert (w.first.isoformat(), w.last.isoformat()) == ("2027-03-01", "2027-03-07")
    assert reporting.parse_period("2027-03-05").end - reporting.parse_period("2027-03-05").start == timedelta(days=1)


def test_the_same_figures_on_postgresql(pg: Any, tmp_path: Any, english: None) -> None:
    """The report's SQL (local days, delays, JSON as text) gives the same figures on PostgreSQL."""
    from schedules.workspace import Workspace

    out = {}
    for name, url in (("sqlite", None), ("postgresql", pg.database())):
        ws = Workspace.open(tmp_path / name, url)
        try:
            rd.build(ws)
            with ws.session() as s:
                out[name] = [
                    reporting.build_report(s, reporting.parse_period("2027-03"), by=by, area="X1", now=rd.NOW).as_dict()
                    for by in (["field"], ["area", "campaign"], ["day"], ["item", "content_type"])
                ]
        finally:
            ws.close()
    assert out["postgresql"] == out["sqlite"]
    assert out["sqlite"][0]["totals"]["planned"] == 97


def test_without_engine_history_unrecorded_airings_still_count(built: tuple[Any, rd.DataSet]) -> None:
    """A database from before engine runs were kept: every planned airing without a row counts as
    missed, but no time is called "no engine" (nobody knows)."""
    from sqlalchemy import delete

    from schedules.models import EngineUptime

    ws, _ds = built
    with ws.session() as s:
        before = reporting.build_report(s, reporting.parse_period("2027-03"), by=["field"], area="X1", now=rd.NOW)
        s.execute(delete(EngineUptime))
    with ws.session() as s:
        after = reporting.build_report(s, reporting.parse_period("2027-03"), by=["field"], area="X1", now=rd.NOW)
    assert (after.totals.planned, after.totals.missed, after.totals.aired) == (before.totals.planned, before.totals.missed, before.totals.aired)
    assert before.engine_down_s > 0 and after.engine_down_s == 0


def test_short_gaps_in_the_engine_runs(english: None, built: tuple[Any, rd.DataSet]) -> None:
    """The engine stopped 10:58-11:02 on 8 March (the 11:00 airings on V1 left no rows) and at night
    01:00-03:00 on 9 March (nothing was planned then): two more missed, nothing else changes."""
    from sqlalchemy import delete, update

    from schedules.models import AsRunRecord, EngineUptime

    ws, _ds = built
    period = reporting.parse_period("2027-03")
    with ws.session() as s:
        before = reporting.build_report(s, period, by=["field"], area="X1", now=rd.NOW)
        at11 = datetime(2027, 3, 8, 11, 0, tzinfo=rd.TZ)
        # E1's and E2's airings, and the rest of one of them that was preempted
        assert s.execute(delete(AsRunRecord).where(AsRunRecord.planned_start == at11)).rowcount == 3  # type: ignore[attr-defined]
        s.execute(
            update(EngineUptime)
            .where(EngineUptime.holder == "eng-2")
            .values(ended_at=datetime(2027, 3, 8, 10, 58, tzinfo=rd.TZ), last_beat_at=datetime(2027, 3, 8, 10, 58, tzinfo=rd.TZ))
        )
        for holder, a, b in (
            ("eng-3", datetime(2027, 3, 8, 11, 2, tzinfo=rd.TZ), datetime(2027, 3, 9, 1, 0, tzinfo=rd.TZ)),
            ("eng-4", datetime(2027, 3, 9, 3, 0, tzinfo=rd.TZ), None),
        ):
            s.add(EngineUptime(holder=holder, started_at=a, last_beat_at=b or rd.NOW, ended_at=b))
    with ws.session() as s:
        after = reporting.build_report(s, period, by=["field"], area="X1", now=rd.NOW)
    assert after.totals.planned == before.totals.planned
    assert dict(after.totals.top_reasons("missed", 10))["engine not running"] == 6 + 2
    # only the 11:00 programme's field changed; its two airings now count as missed
    b, a = ({r.key: r.figures for r in rep.rows} for rep in (before, after))
    for fld in (3, 4):
        assert (a[(fld,)].planned, a[(fld,)].aired, a[(fld,)].missed) == (b[(fld,)].planned, b[(fld,)].aired, b[(fld,)].missed)
    assert a[(5,)].planned == b[(5,)].planned and a[(5,)].aired + a[(5,)].missed + a[(5,)].failed + a[(5,)].stopped + a[(5,)].skipped == a[(5,)].planned
    assert a[(5,)].top_reasons("missed", 10)[0] == ("engine not running", 2 + 2)  # 4 March's two and these two
    assert after.engine_down_s == pytest.approx(before.engine_down_s + 4 * 60 + 2 * 3600, abs=2)


def test_several_groupings_from_one_pass_equal_separate_reports(built: tuple[Any, rd.DataSet]) -> None:
    ws, _ds = built
    period = reporting.parse_period("2027-03")
    bys = [["field"], ["area"], ["week", "field"], ["day"], ["campaign", "content_type"], ["endpoint"]]
    with ws.session() as s:
        together = [r.as_dict() for r in reporting.build_reports(s, period, bys, area="X1", now=rd.NOW)]
        apart = [reporting.build_report(s, period, by=b, area="X1", now=rd.NOW).as_dict() for b in bys]
    assert together == apart
