"""A resumed airing shows where it took up again, not a lateness, in `runs list` and the window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from schedules.models import AsRunRecord
from schedules.workspace import Workspace
from tests.conftest import Cli


def test_a_resumed_item_shows_its_resume_offset_not_a_delay(cli: Cli) -> None:
    cli.ok("init")
    planned = datetime(2027, 3, 1, 23, 0, tzinfo=UTC)  # 06:00 on 2 March in Vietnam
    ws = Workspace.open(cli.data_dir)
    with ws.session() as s:
        s.add(
            AsRunRecord(
                occurrence_key="a",
                endpoint_code="loa1",
                items=[],
                title="Tin sáng",
                planned_start=planned,
                actual_start=planned + timedelta(milliseconds=120),
                outcome="preempted",
            )
        )
        # resumed after an emergency, 6.378 s into the programme
        s.add(
            AsRunRecord(
                occurrence_key="a:r",
                endpoint_code="loa1",
                items=[],
                title="Tin sáng",
                planned_start=planned,
                actual_start=planned + timedelta(seconds=40, milliseconds=6378),
                offset_s=6.378,
                resumes_run=1,
                outcome="completed",
            )
        )
    ws.close()
    text = cli.ok("--lang", "vi", "runs", "list", "--from", "2027-03-02").stdout
    assert "+120 ms" in text  # the first start: its lateness
    assert "tiếp tục tại 0:06.4" in text and "6378" not in text
    rows = cli.json("runs", "list", "--from", "2027-03-02")
    assert rows[1]["start_delay_ms"] is None and rows[1]["resume_offset_s"] == 6.378
    assert rows[0]["start_delay_ms"] == 120.0


def test_the_runs_page_says_resumed_at(qtbot: object) -> None:
    from desktop.gui.pages.runs import display
    from schedules.timeutil import zone

    planned = datetime(2027, 3, 1, 23, 0, tzinfo=UTC)
    row = ("loa1", "Tin sáng", planned, planned + timedelta(seconds=46), 6.378, "completed", None, 3, None, None, None)
    shown = display(zone("Asia/Ho_Chi_Minh"), "delay", row)
    assert "0:06.4" in shown and "ms" not in shown
