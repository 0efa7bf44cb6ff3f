"""Expected content that has not come, and a slot airing the same items for weeks: `supply`,
`check` and the Today page warn."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from schedules.models import AsRunRecord
from schedules.rules import WEEKDAYS
from schedules.timeutil import zone
from schedules.workspace import Workspace
from tests.conftest import Cli

TZ = zone("Asia/Ho_Chi_Minh")


def test_late_bundle_warns_in_supply_and_check_until_it_comes(cli: Cli, make_audio: Callable[..., Path]) -> None:
    cli.ok("init")
    yesterday = WEEKDAYS[(datetime.now(TZ).date() - timedelta(days=1)).weekday()]
    cli.ok("supply", "add", "Bản tin tuần của huyện", "--source", "Huyện Tân Phú", "--weekday", yesterday, "--by", "14:00")
    d = cli.json("supply", "list")
    assert [w["kind"] for w in d["warnings"]] == ["late_supply"]
    r = cli("--lang", "vi", "check", "--json")
    lines = [c for c in r.json()["checks"] if c["check"] == "nội dung chờ nhận"]
    assert lines and lines[0]["status"] == "WARN" and "chưa đến" in lines[0]["message"]
    text = cli("--lang", "vi", "check").stdout
    assert "Bản tin tuần của huyện từ Huyện Tân Phú phải đến trước" in text
    # the district's item arrives (its source names the district, accents and case aside)
    cli.ok("clips", "add", str(make_audio(seconds=2)), "--source", "UBND huyen Tan Phu")
    assert cli.json("supply", "list")["warnings"] == []


def test_a_slot_airing_the_same_items_for_weeks_is_flagged(cli: Cli) -> None:
    cli.ok("init")
    ws = Workspace.open(cli.data_dir)
    now = datetime.now(UTC)
    with ws.session() as s:
        for n in range(20):
            planned = now - timedelta(days=n, hours=1)
            s.add(
                AsRunRecord(
                    occurrence_key=f"s1:{n}",
                    schedule_id=1,
                    endpoint_code="loa1",
                    items=[7],
                    title="Tin cũ",
                    planned_start=planned,
                    actual_start=planned,
                    outcome="completed",
                )
            )
    ws.close()
    warnings = cli.json("supply", "list")["warnings"]
    assert [w["kind"] for w in warnings] == ["same_items"] and "19" in warnings[0]["message"]
    cli.ok("settings", "set", "supply.same_item_days", "30")
    assert cli.json("supply", "list")["warnings"] == []


def test_today_page_shows_the_late_supply(qtbot: Any, tmp_path: Path) -> None:
    from desktop.gui.pages.today import TodayPage
    from schedules import supply

    ws = Workspace.open(tmp_path / "data")
    with ws.session() as s:
        yesterday = WEEKDAYS[(datetime.now(TZ).date() - timedelta(days=1)).weekday()]
        supply.add_expectation(s, name="Bản tin tuần của huyện", source="Huyện Tân Phú", weekday=yesterday, by="14:00")
    page = TodayPage(ws, refresh_ms=100000)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.supply_label.text() != "", timeout=10000)
    assert "Bản tin tuần của huyện" in page.supply_label.text() and not page.supply_label.isHidden()
    ws.close()
