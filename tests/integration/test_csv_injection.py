"""The as-run CSV export opened in a real spreadsheet (LibreOffice Calc, headless): a title that
begins like a formula reads as text, never as a formula's result (the OWASP CSV-injection rule)."""

from __future__ import annotations

import csv
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from schedules.models import AsRunRecord
from schedules.text import csv_cell
from tests.conftest import have

pytestmark = pytest.mark.slow

TITLES = ["=1+1", '=HYPERLINK("http://evil.example/x","Bấm vào đây")', "+2+3", "-2+3", "@SUM(1;1)", "\t=1+1", "Thông báo = 5", "-12", "+84 912 345 678"]


def _calc_view(csv_path: Path, out_dir: Path) -> list[list[str]]:
    """What LibreOffice Calc shows for the CSV, written back as displayed text."""
    soffice = have("soffice")
    filt = "44,34,76,1,,0,false,true,false,false,false"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{out_dir}/profile",
            "--headless",
            "--infilter=CSV:" + filt,
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):" + filt,
            "--outdir",
            str(out_dir / "out"),
            str(csv_path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    with open(out_dir / "out" / csv_path.name, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_a_formula_cell_without_the_rule_is_evaluated(tmp_path: Path) -> None:
    """The control: the same spreadsheet does evaluate a bare formula, so the test below can fail."""
    raw = tmp_path / "raw.csv"
    raw.write_text("title\n=1+1\n", encoding="utf-8")
    assert _calc_view(raw, tmp_path)[1] == ["2"]


def test_the_as_run_csv_shows_titles_as_text(ws: Any, tmp_path: Path) -> None:
    from desktop.gui.pages.runs import COLUMNS, export_csv

    t0 = datetime(2027, 3, 1, 5, 30, tzinfo=UTC)
    with ws.session() as s:
        for n, title in enumerate(TITLES):
            s.add(
                AsRunRecord(
                    occurrence_key=f"k{n}",
                    endpoint_code="=cmd|' /C calc'!A0",
                    items=[],
                    title=title,
                    priority=3,
                    planned_start=t0 + timedelta(minutes=n),
                    outcome="completed",
                )
            )
    path = tmp_path / "nhat-ky.csv"
    with ws.sessions() as s:
        assert export_csv(s, {}, path, list(COLUMNS)) == len(TITLES)
    shown = _calc_view(path, tmp_path)
    col = shown[0].index("title")
    titles = {r[col] for r in shown[1:]}
    for t in TITLES:
        assert (("'" + t) if csv_cell(t) != t else t).strip() in {x.strip() for x in titles}, (t, titles)
    assert "2" not in titles and "5" not in titles and "1" not in titles, "no formula result"
    assert all(r[0].startswith("'=") for r in shown[1:]), "the endpoint column is text too"


@pytest.mark.parametrize(
    ("value", "out"),
    [("=1+1", "'=1+1"), ("+1", "+1"), ("-1.5", "-1.5"), ("+84 912", "'+84 912"), ("@x", "'@x"), (" =x", "' =x"), ("a=b", "a=b"), (3, 3), ("", "")],
)
def test_csv_cell(value: Any, out: Any) -> None:
    assert csv_cell(value) == out
