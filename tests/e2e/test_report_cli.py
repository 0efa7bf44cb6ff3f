"""``loaxa report``, ``campaigns``, ``feedback`` and ``plan --pdf`` as a user runs them: the real
CLI as a subprocess on the report data set; XLSX read back with openpyxl and LibreOffice, the PDF's
text with pdftotext and its pages with pdftoppm."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from schedules.workspace import Workspace
from tests.conftest import Cli, have
from tests.support import report_data as rd

NOW = "2027-03-10T12:00:00+07:00"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("report-data") / "data"
    ws = Workspace.open(root)
    rd.build(ws)
    ws.close()
    return root


@pytest.fixture
def rcli(template: Path, tmp_path: Path) -> Cli:
    shutil.copytree(template, tmp_path / "data")
    return Cli(tmp_path / "data")


def test_json_report_has_the_documented_shape_and_agrees_with_csv(rcli: Cli, tmp_path: Path) -> None:
    d = rcli.json("report", "--period", "2027-03", "--area", "X1", "--by", "field", "--now", NOW)
    assert (d["from"], d["until"], d["scope"], d["by"]) == ("2027-03-01", "2027-03-31", "X1", ["field"])
    keys = {
        "key",
        "label",
        "planned",
        "aired",
        "airtime_s",
        "verified",
        "on_time",
        "missed",
        "failed",
        "stopped",
        "endpoints_targeted",
        "endpoints_reached",
        "feedback",
    }
    assert all(keys <= set(r) for r in d["rows"]) and keys - {"key", "label"} <= set(d["totals"])
    assert [r["key"] for r in d["rows"]] == [[3], [4], [5]]
    assert sum(r["planned"] for r in d["rows"]) == d["totals"]["planned"] == 97
    assert d["engine_down_s"] == pytest.approx(86400, abs=2)
    r = rcli.ok("--lang", "en", "report", "--period", "2027-03", "--by", "field", "--format", "csv", "--out", str(tmp_path / "r.csv"), "--now", NOW)
    assert "r.csv" in r.stdout
    rows = list(csv.reader(io.StringIO((tmp_path / "r.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0][:3] == ["Field", "Planned", "Aired"]
    assert rows[-1][0] == "Total" and int(rows[-1][1]) == 97 and int(rows[-1][2]) == d["totals"]["aired"]
    table = rcli.ok("report", "--period", "2027-03", "--by", "area", "--now", NOW).stdout
    assert "Thôn Đông" in table and "Tổng cộng" not in table  # English ids (LOAXA_LANG=en in tests)
    vi = rcli.ok("--lang", "vi", "report", "--period", "2027-03", "--by", "area", "--now", NOW).stdout
    assert "Địa bàn" in vi and "Tổng cộng" in vi


def test_bad_input_exits_with_its_code_and_writes_nothing(rcli: Cli, tmp_path: Path) -> None:
    keep = tmp_path / "keep.xlsx"
    keep.write_bytes(b"old")
    r = rcli("report", "--period", "2027-03", "--area", "NOWHERE", "--out", str(keep), "--now", NOW)
    assert r.code == 4 and "NOWHERE" in r.stderr and keep.read_bytes() == b"old"
    r = rcli("report", "--endpoint", "E9", "--period", "2027-03")
    assert r.code == 4
    for args in (
        ["--period", "2027-13"],
        ["--period", "tháng ba"],
        ["--from", "2027-03-05", "--until", "2027-03-01"],
        ["--by", "colour", "--period", "2027-03"],
    ):
        r = rcli("report", *args)
        assert r.code == 3, (args, r.stderr)
        assert r.stderr.startswith("Error: --")
    missing = tmp_path / "no-such-folder" / "r.pdf"
    r = rcli("report", "--period", "2027-03", "--out", str(missing))
    assert r.code == 3 and "no-such-folder" in r.stderr and not missing.parent.exists()
    r = rcli("--json", "report", "--period", "2027-03", "--format", "xlsx")
    assert r.code == 3 and r.json()["error"]["code"] == 3
    r = rcli("--lang", "vi", "report", "--period", "2027-3x")
    assert r.code == 3 and "không phải là một kỳ" in r.stderr
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_xlsx_reads_back_with_openpyxl_and_libreoffice(rcli: Cli, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "báo cáo tháng 3.xlsx"
    rcli.ok("--lang", "vi", "report", "--period", "2027-03", "--by", "field", "--out", str(out), "--now", NOW)
    d = rcli.json("--lang", "vi", "report", "--period", "2027-03", "--by", "field", "--now", NOW)
    wb = load_workbook(out)
    assert wb.sheetnames[:3] == ["Lĩnh vực", "Địa bàn", "Chiến dịch"] and "Kết nối" in wb.sheetnames
    ws = wb["Lĩnh vực"]
    assert ws.freeze_panes == "A2"
    head = [c.value for c in ws[1]]
    assert head[:3] == ["Lĩnh vực", "Dự kiến", "Đã phát"]
    body = list(ws.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in body[:-1]] == [r["label"] for r in d["rows"]] and body[-1][0] == "Tổng cộng"
    assert all(isinstance(v, int) for v in body[-1][1:3]) and body[-1][1] == d["totals"]["planned"]
    assert isinstance(body[-1][3], float) and body[-1][3] == pytest.approx(d["totals"]["airtime_s"])
    assert ws.column_dimensions["A"].width >= len("5 Kiến thức khoa học, kinh tế, văn hóa, xã hội")
    about = wb["Thông tin"]
    assert about["B2"].is_date and about["B2"].value.date().isoformat() == "2027-03-01"
    # dates as dates in a per-day sheet
    out_day = tmp_path / "days.xlsx"
    rcli.ok("report", "--period", "2027-03", "--by", "day", "--out", str(out_day), "--now", NOW)
    c = load_workbook(out_day)["Day"]["A2"]
    assert c.is_date and c.value.date().isoformat() == "2027-03-01"

    # LibreOffice reads the same numbers (its CSV of the first sheet)
    soffice = have("soffice")
    profile = tmp_path / "lo-profile"
    conv = tmp_path / "conv"
    res = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
            str(conv),
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert res.returncode == 0, res.stderr
    lo_rows = list(csv.reader(io.StringIO((conv / (out.stem + ".csv")).read_text(encoding="utf-8"))))
    assert lo_rows[0][:3] == ["Lĩnh vực", "Dự kiến", "Đã phát"]
    assert [r[0] for r in lo_rows[1:-1]] == [r["label"] for r in d["rows"]]
    for lo, row in zip(lo_rows[1:], [*d["rows"], d["totals"]], strict=True):
        assert [int(lo[1]), int(lo[2]), int(lo[4])] == [row["planned"], row["aired"], row["verified"]]


def test_pdf_has_the_national_heading_embedded_fonts_and_renders(rcli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    rcli.ok("report", "--period", "2027-03", "--area", "X1", "--by", "field", "--out", str(out), "--now", NOW)
    text = subprocess.run([have("pdftotext"), "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    for needle in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Ủy ban nhân dân",
        "Lĩnh vực",
        "XÃ TÂN LẬP",
        "từ 01/03/2027 đến 31/03/2027",
        "Tiêm chủng mở rộng 2027",
        "CHỦ TỊCH",
    ):
        assert needle in text, needle
    assert "Phần mềm phát không chạy trong 24.0 giờ" in text
    fonts = subprocess.run([have("pdffonts"), str(out)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # every font embedded
    subprocess.run([have("pdftoppm"), "-r", "50", "-png", "-f", "1", "-l", "1", str(out), str(tmp_path / "page")], check=True)
    png = tmp_path / "page-1.png"
    assert png.stat().st_size > 20_000  # a page with tables and a chart, not a blank one
    from PySide6.QtGui import QImage

    img = QImage(str(png))
    assert img.width() < img.height()  # A4 portrait
    colours = {img.pixelColor(x, y).name() for x in range(0, img.width(), 4) for y in range(0, img.height(), 4)}
    assert "#2b6cb0" in colours or any(c.startswith("#2") for c in colours)  # the chart's bars are drawn


def test_weekly_programme_pdf(rcli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "lich.pdf"
    rcli.ok("plan", "--from", "2027-03-08", "--until", "2027-03-14", "--pdf", str(out))
    text = subprocess.run([have("pdftotext"), "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "LỊCH PHÁT SÓNG" in text and "Từ ngày 08/03/2027 đến ngày 14/03/2027" in text
    assert text.count("Tiêm chủng cho trẻ") == 7 and "Thứ Hai 08/03" in text and "Chủ Nhật 14/03" in text
    assert "Ủy ban nhân dân" in text
    r = rcli("plan", "--from", "2027-03-08", "--pdf", str(tmp_path / "nope" / "x.pdf"))
    assert r.code == 3 and not (tmp_path / "nope").exists()


def test_campaigns_and_feedback(rcli: Cli) -> None:
    c = rcli.json("campaigns", "add", "Phòng chống sốt xuất huyết", "--stage", "at", "--from", "2027-03-01", "--until", "2027-05-31")
    assert (c["name"], c["stage"], c["from"]) == ("Phòng chống sốt xuất huyết", "at", "2027-03-01")
    assert rcli("campaigns", "add", "Phòng chống sốt xuất huyết").code == 3
    assert rcli("campaigns", "add", "X", "--stage", "during").code == 3
    assert rcli("campaigns", "add", "Y", "--from", "2027-05-01", "--until", "2027-04-01").code == 3
    names = [x["name"] for x in rcli.json("campaigns", "list")]
    assert "Tiêm chủng mở rộng 2027" in names and "Phòng chống sốt xuất huyết" in names
    # items and playlists join campaigns
    item = rcli.json("clips", "edit", "4", "--campaign", "Phòng chống sốt xuất huyết")
    assert item["campaign_id"] == c["id"]
    assert rcli("clips", "edit", "4", "--campaign", "Không có").code == 4
    pl = rcli.json("playlists", "create", "Sốt xuất huyết", "4", "--campaign", str(c["id"]))
    assert pl["campaign_id"] == c["id"]
    assert rcli.json("playlists", "edit", str(pl["id"]), "--campaign", "none")["campaign_id"] is None
    shown = rcli.json("campaigns", "show", "Phòng chống sốt xuất huyết", "--now", NOW)
    assert shown["items"] == 1 and shown["playlists"] == 0
    # item 4 airs at 11:00 on E1 and E2 (schedule 3) on 1-10 March, and once ad hoc on E3
    assert shown["reach"]["planned"] == 2 * 10 + 1 and shown["reach"]["endpoints_targeted"] == 3
    assert rcli("campaigns", "show", "99").code == 4

    fb = rcli.json(
        "feedback",
        "add",
        "--channel",
        "zalo",
        "--kind",
        "question",
        "--text",
        "Khi nào tiêm đợt 2?",
        "--area",
        "V2",
        "--campaign",
        "Tiêm chủng mở rộng 2027",
        "--date",
        "2027-03-09",
        "--time",
        "08:15",
    )
    assert fb["at"] == "2027-03-09T08:15:00+07:00" and fb["area"] == "V2"
    assert rcli("feedback", "add", "--channel", "fax", "--kind", "question", "--text", "x").code == 3
    assert rcli("feedback", "add", "--channel", "phone", "--kind", "question", "--text", "x", "--area", "V9").code == 4
    listed = rcli.json("feedback", "list", "--from", "2027-03-01", "--until", "2027-03-31", "--area", "V2")
    assert [x["text"] for x in listed][-1] == "Khi nào tiêm đợt 2?" and len(listed) == 2
    d = rcli.json("report", "--period", "2027-03", "--by", "campaign", "--now", NOW)
    row = next(r for r in d["rows"] if r["label"] == "Tiêm chủng mở rộng 2027")
    assert row["feedback"] == 2


def test_runs_list_exports_csv_and_xlsx(rcli: Cli, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    rows = rcli.json("runs", "list", "--from", "2027-03-05", "--until", "2027-03-05")
    out = tmp_path / "runs.xlsx"
    r = rcli.json("runs", "list", "--from", "2027-03-05", "--until", "2027-03-05", "--export", "xlsx", "--out", str(out))
    assert r["records"] == len(rows) == 10
    ws = load_workbook(out).active
    assert ws.freeze_panes == "A2" and ws["A1"].value == "Id"
    assert [ws.cell(row=i + 2, column=1).value for i in range(len(rows))] == [x["id"] for x in rows]
    assert ws["E2"].is_date and ws["E2"].value.strftime("%H:%M") == "05:30"  # local time of the area
    csv_out = tmp_path / "runs.csv"
    rcli.ok("runs", "list", "--from", "2027-03-05", "--until", "2027-03-05", "--export", "csv", "--out", str(csv_out))
    lines = list(csv.reader(io.StringIO(csv_out.read_text(encoding="utf-8-sig"))))
    assert len(lines) == 11 and lines[1][0] == str(rows[0]["id"])
    assert rcli("runs", "list", "--export", "xlsx").code == 3
    assert rcli("runs", "list", "--export", "xlsx", "--out", str(tmp_path / "missing" / "r.xlsx")).code == 3
