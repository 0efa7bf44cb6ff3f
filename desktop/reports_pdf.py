"""A4 PDF documents a commune signs and sends: the broadcast report and the weekly programme.

Drawn by Qt (QPdfWriter + QTextDocument) with the shipped DejaVu fonts, which Qt embeds, so the
diacritics survive on any PC. Both documents carry the national heading and a signature block and
are written in Vietnamese (they go to the province), whatever the language of the screen.
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from schedules import i18n
from schedules.reporting import Report, dimension_label, figure_label

from .reports_export import share, write_atomically

PALETTE = ("#2b6cb0", "#2f855a", "#d69e2e", "#c53030", "#6b46c1", "#319795", "#718096")


def ensure_gui_app() -> Any:
    """A QGuiApplication for drawing (offscreen when there is no display), with our fonts."""
    from PySide6.QtGui import QFontDatabase, QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") and os.name != "nt":
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([])
    if "DejaVu Sans" not in QFontDatabase.families():  # the window loads them at start; the CLI here
        from importlib import resources

        for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
            res = resources.files("assets") / "fonts" / name
            QFontDatabase.addApplicationFontFromData(res.read_bytes())
    return app


@contextmanager
def _vietnamese() -> Iterator[None]:
    before = i18n.language()
    i18n.set_language("vi")
    try:
        yield
    finally:
        i18n.set_language(before)


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text))


def _date_vi(d: date) -> str:
    return f"ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"


def heading(authority: str, place: str, on: date) -> str:
    """The national heading: the issuing authority left, the country's motto right."""
    return f"""
<table width="100%" cellspacing="0" cellpadding="0">
<tr>
 <td width="42%" align="center"><span style="font-size:10pt">ỦY BAN NHÂN DÂN</span><br/>
   <b style="font-size:10pt">{_e(authority.upper())}</b><br/>———————</td>
 <td width="58%" align="center"><b style="font-size:10pt">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br/>
   <b style="font-size:10.5pt"><u>Độc lập - Tự do - Hạnh phúc</u></b><br/><br/>
   <i style="font-size:10pt">{_e(place)}, {_date_vi(on)}</i></td>
</tr>
</table>"""


def signature_block(authority: str, left: str, right: str) -> str:
    return f"""
<br/><table width="100%" cellspacing="0" cellpadding="0">
<tr>
 <td width="50%" align="center"><b>{_e(left)}</b><br/><i>(Ký, ghi rõ họ tên)</i><br/><br/><br/><br/><br/></td>
 <td width="50%" align="center"><b>TM. Ủy ban nhân dân {_e(authority[:1].lower() + authority[1:])}</b><br/><b>{_e(right)}</b><br/><i>(Ký, ghi rõ họ tên, đóng dấu)</i><br/><br/><br/><br/></td>
</tr>
</table>"""


STYLE = """
<style>
 body { font-family: 'DejaVu Sans'; font-size: 9pt; }
 h1 { font-size: 13pt; text-align: center; margin-top: 10px; margin-bottom: 2px; }
 h2 { font-size: 10.5pt; margin-top: 12px; margin-bottom: 4px; }
 table.grid { border-collapse: collapse; }
 table.grid th { background-color: #dde7f0; font-weight: bold; border: 1px solid #555; padding: 2px; }
 table.grid td { border: 1px solid #555; padding: 2px; }
 td.n { text-align: right; }
 tr.total td { font-weight: bold; }
</style>"""


def _grid(
    head: Sequence[str],
    body: Sequence[Sequence[Any]],
    *,
    total_last: bool = False,
    numeric_from: int = 1,
) -> str:
    out = [
        '<table class="grid" width="100%" cellspacing="0" cellpadding="2">',
        "<tr>" + "".join(f"<th>{_e(h)}</th>" for h in head) + "</tr>",
    ]
    for i, r in enumerate(body):
        cls = ' class="total"' if total_last and i == len(body) - 1 else ""
        cells = []
        for j, v in enumerate(r):
            text = f"{v:,.0f}".replace(",", ".") if isinstance(v, float) else v
            cells.append(f'<td class="n" align="right">{_e(text)}</td>' if j >= numeric_from and isinstance(v, int | float) else f"<td>{_e(text)}</td>")
        out.append(f"<tr{cls}>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# charts drawn with QPainter (the PDF needs no widgets)


def bar_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    stacked: bool = False,
    width: int = 1800,
    height: int = 700,
) -> Any:
    """A bar chart as a QImage: grouped (or stacked) bars per label with a legend."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen

    img = QImage(width, height, QImage.Format.Format_RGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont("DejaVu Sans")
    font.setPixelSize(26)
    p.setFont(font)
    p.setPen(QColor("#222"))
    p.drawText(QRectF(0, 0, width, 44), Qt.AlignmentFlag.AlignCenter, title)
    left, top, right, bottom = 110, 60, width - 30, height - 150
    n = max(1, len(labels))
    totals = [sum(s[1][i] for s in series) for i in range(len(labels))] if stacked else [max((s[1][i] for s in series), default=0) for i in range(len(labels))]
    vmax = max([*totals, 1.0])
    p.setPen(QPen(QColor("#999"), 2))
    p.drawLine(left, bottom, right, bottom)
    p.drawLine(left, top, left, bottom)
    font.setPixelSize(20)
    p.setFont(font)
    for k in range(5):
        v = vmax * k / 4
        y = bottom - (bottom - top) * k / 4
        p.setPen(QColor("#ddd"))
        p.drawLine(left + 1, int(y), right, int(y))
        p.setPen(QColor("#444"))
        p.drawText(
            QRectF(0, y - 12, left - 10, 24),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            f"{v:,.0f}".replace(",", "."),
        )
    slot = (right - left) / n
    m = max(1, len(series))
    bar_w = slot * 0.7 / (1 if stacked else m)
    for i, lbl in enumerate(labels):
        x0 = left + slot * i + slot * 0.15
        acc = 0.0
        for j, (_name, vals) in enumerate(series):
            v = float(vals[i])
            h = (bottom - top) * v / vmax
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(PALETTE[j % len(PALETTE)]))
            if stacked:
                p.drawRect(QRectF(x0, bottom - (bottom - top) * acc / vmax - h, bar_w, h))
                acc += v
            else:
                p.drawRect(QRectF(x0 + j * bar_w, bottom - h, bar_w, h))
        p.setPen(QColor("#333"))
        short = lbl if len(lbl) <= 18 else lbl[:17] + "…"
        p.drawText(
            QRectF(left + slot * i, bottom + 6, slot, 30),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            short,
        )
    lx = left
    for j, (name, _vals) in enumerate(series):
        p.setBrush(QColor(PALETTE[j % len(PALETTE)]))
        p.setPen(Qt.PenStyle.NoPen)
        p.drawRect(QRectF(lx, height - 60, 26, 26))
        p.setPen(QColor("#222"))
        p.drawText(QRectF(lx + 34, height - 64, 400, 34), Qt.AlignmentFlag.AlignVCenter, name)
        lx += 60 + 14 * len(name)
    p.end()
    return img


# ---------------------------------------------------------------------------------------------
# the documents


@dataclass
class Signers:
    left: str = "NGƯỜI LẬP BÁO CÁO"
    right: str = "CHỦ TỊCH"


def _print(doc_html: str, images: dict[str, Any], path: Path) -> None:
    from PySide6.QtCore import QMarginsF, QSizeF, QUrl
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

    def write(tmp: Path) -> None:
        w = QPdfWriter(str(tmp))
        w.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        w.setPageMargins(QMarginsF(20, 15, 15, 15), QPageLayout.Unit.Millimeter)
        w.setResolution(150)
        w.setTitle("LoaXa")
        w.setCreator("LoaXa")
        doc = QTextDocument()
        f = QFont("DejaVu Sans")
        f.setPointSizeF(9)
        doc.setDefaultFont(f)
        for name, img in images.items():
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), img)
        doc.setHtml(doc_html)
        rect = w.pageLayout().paintRectPixels(w.resolution())
        doc.setPageSize(QSizeF(rect.width(), rect.height()))
        doc.print_(w)

    write_atomically(path, write)


def report_html(
    reports: Sequence[Report],
    *,
    authority: str,
    place: str,
    on: date,
    signers: Signers,
    chart_width_px: int,
) -> tuple[str, dict[str, Any]]:
    """The report as HTML for QTextDocument, and its chart images."""
    rep0 = reports[0]
    t = rep0.totals
    images: dict[str, Any] = {}
    parts = [STYLE, heading(authority, place, on)]
    parts.append(
        f"<h1>BÁO CÁO KẾT QUẢ TRUYỀN THANH CƠ SỞ</h1><p align='center'>Kỳ báo cáo: từ {rep0.period.first:%d/%m/%Y} đến {rep0.period.last:%d/%m/%Y}<br/>Địa bàn: {_e(rep0.scope_name)}</p>"
    )
    parts.append("<h2>1. Kết quả chung</h2>")
    summary = [
        f"Số lượt phát theo kế hoạch (tính đến {rep0.until.astimezone(_tz(rep0)):%H:%M %d/%m/%Y}): <b>{t.planned}</b>; đã phát: <b>{t.aired}</b> ({share(t.aired, t.planned) or '—'}); được xác nhận nghe được: <b>{t.verified}</b>; đúng giờ: <b>{t.on_time}</b>.",
        f"Bị lỡ: <b>{t.missed}</b>; lỗi: <b>{t.failed}</b>; bị dừng: <b>{t.stopped}</b>; bỏ qua: <b>{t.skipped}</b>. Tổng thời lượng đã phát: <b>{t.airtime_s / 3600:.1f}</b> giờ.",
        f"Cụm loa cần phát: <b>{t.endpoints_targeted}</b>, đã phát tới: <b>{t.endpoints_reached}</b>. Ý kiến người dân nhận được: <b>{t.feedback}</b>.",
    ]
    if rep0.engine_down_s > 0:
        summary.append(
            f"Phần mềm phát không chạy trong <b>{rep0.engine_down_s / 3600:.1f}</b> giờ của kỳ báo cáo; các lượt phát theo kế hoạch trong thời gian đó được tính là bị lỡ."
        )
    top = t.top_reasons("missed", 3) + t.top_reasons("failed", 2)
    if top:
        summary.append("Lý do chính: " + "; ".join(f"{_e(r)} ({n})" for r, n in top) + ".")
    parts.append("".join(f"<p>{s}</p>" for s in summary))
    cols = (
        "planned",
        "aired",
        "verified",
        "on_time",
        "missed",
        "failed",
        "airtime_s",
        "endpoints_reached",
        "feedback",
    )
    for i, rep in enumerate(reports, start=2):
        head = [dimension_label(d) for d in rep.by] + [figure_label(c) for c in cols] + ["Tỷ lệ phát"]
        body = [
            [
                *r.labels,
                *(getattr(r.figures, c) for c in cols),
                share(r.figures.aired, r.figures.planned),
            ]
            for r in rep.rows
        ]
        body.append(
            [
                "Tổng cộng",
                *[""] * (len(rep.by) - 1),
                *(getattr(rep.totals, c) for c in cols),
                share(rep.totals.aired, rep.totals.planned),
            ]
        )
        parts.append(f"<h2>{i}. Theo {_e(' - '.join(dimension_label(d).lower() for d in rep.by))}</h2>")
        parts.append(_grid(head, body, total_last=True, numeric_from=len(rep.by)))
        if len(rep.by) == 1 and rep.rows:
            name = f"chart{i}"
            images[name] = bar_chart(
                f"Kế hoạch, đã phát, đã xác nhận theo {dimension_label(rep.by[0]).lower()}",
                [r.labels[0] for r in rep.rows],
                [
                    (figure_label("planned"), [r.figures.planned for r in rep.rows]),
                    (figure_label("aired"), [r.figures.aired for r in rep.rows]),
                    (figure_label("verified"), [r.figures.verified for r in rep.rows]),
                ],
            )
            parts.append(f'<p align="center"><img src="{name}" width="{chart_width_px}"/></p>')
    if rep0.availability:
        parts.append(f"<h2>{len(reports) + 2}. Tình trạng kết nối cụm loa</h2>")
        body = [
            [
                a.code,
                a.name,
                f"{a.online_s / 3600:.1f}",
                f"{a.offline_s / 3600:.1f}",
                f"{a.unknown_s / 3600:.1f}",
                "—" if a.share is None else f"{a.share * 100:.1f}%",
            ]
            for a in rep0.availability
        ]
        parts.append(
            _grid(
                [
                    "Mã",
                    "Cụm loa",
                    "Kết nối (giờ)",
                    "Mất kết nối (giờ)",
                    "Không rõ (giờ)",
                    "Tỷ lệ kết nối",
                ],
                body,
                numeric_from=99,
            )
        )
    parts.append(signature_block(authority, signers.left, signers.right))
    return "<html><body>" + "\n".join(parts) + "</body></html>", images


def _tz(rep: Report) -> Any:
    from schedules.timeutil import zone

    return zone(rep.period.tz)


def write_report_pdf(
    reports: Sequence[Report],
    path: Path,
    *,
    authority: str,
    place: str | None = None,
    on: date | None = None,
    signers: Signers | None = None,
) -> None:
    """The report as an A4 PDF (national heading, tables, charts, signature block)."""
    ensure_gui_app()
    with _vietnamese():
        doc, images = report_html(
            reports,
            authority=authority,
            place=place or authority,
            on=on or date.today(),
            signers=signers or Signers(),
            chart_width_px=1000,
        )
        _print(doc, images, path)


@dataclass(frozen=True)
class ProgrammeLine:
    day: date
    start: datetime  # local
    end: datetime  # local
    title: str
    items: str
    where: str
    priority: int


def write_programme_pdf(
    lines: Sequence[ProgrammeLine],
    path: Path,
    *,
    authority: str,
    first: date,
    last: date,
    on: date | None = None,
) -> None:
    """The weekly programme (lịch phát sóng) for the chairperson to sign."""
    ensure_gui_app()
    wd = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]
    with _vietnamese():
        parts = [STYLE, heading(authority, authority, on or date.today())]
        parts.append(f"<h1>LỊCH PHÁT SÓNG</h1><p align='center'>Từ ngày {first:%d/%m/%Y} đến ngày {last:%d/%m/%Y}</p>")
        body: list[list[Any]] = []
        cur: date | None = None
        for ln in lines:
            day_cell = f"{wd[ln.day.weekday()]} {ln.day:%d/%m}" if ln.day != cur else ""
            cur = ln.day
            body.append(
                [
                    day_cell,
                    f"{ln.start:%H:%M}–{ln.end:%H:%M}",
                    ln.title,
                    ln.items,
                    ln.where,
                ]
            )
        if not body:
            body.append(["", "", "Không có chương trình nào trong kỳ.", "", ""])
        parts.append(
            _grid(
                ["Ngày", "Giờ phát", "Chương trình", "Nội dung", "Nơi phát"],
                body,
                numeric_from=99,
            )
        )
        parts.append(signature_block(authority, "NGƯỜI LẬP LỊCH", "CHỦ TỊCH"))
        _print("<html><body>" + "\n".join(parts) + "</body></html>", {}, path)


def programme_from_plan(session: Any, first: date, last: date, tz_name: str, path: Path, *, target: str | None = None) -> int:
    """Plan the local dates ``first``..``last`` and write the weekly programme PDF to ``path``: one
    line per schedule and start, where it airs named by its targets (areas or endpoints). Returns
    the number of lines. For ``loaxa plan --pdf`` and the schedule page's button."""
    from sqlalchemy import select

    from schedules.areas import AreaTree
    from schedules.models import Endpoint
    from schedules.planner import load_input, plan
    from schedules.timeutil import window_for_dates, zone

    tz = zone(tz_name)
    start, end = window_for_dates(first, last, tz)
    inp = load_input(session)
    p = plan(inp, start, end, target=target)
    tree = AreaTree.load(session)
    names: dict[str, str] = {c: n for c, n in session.execute(select(Endpoint.code, Endpoint.name))}
    names.update({c: a.name for c, a in tree.areas.items()})
    targets = {sc.id: sc.targets for sc in inp.schedules}
    seen: set[tuple[int | None, float]] = set()
    lines: list[ProgrammeLine] = []
    for o in p.occurrences:
        if o.status != "ok" or o.segment or (o.schedule_id, o.start) in seen:
            continue
        seen.add((o.schedule_id, o.start))
        pl = inp.playlists.get(o.playlist_id)
        items = "; ".join(inp.items[e.item_id].title for e in pl.entries if e.item_id in inp.items) if pl else ""
        where = ", ".join(names.get(c, c) for c in targets.get(o.schedule_id or 0, ()))
        st, en = o.start_dt.astimezone(tz), o.end_dt.astimezone(tz)
        lines.append(ProgrammeLine(st.date(), st, en, pl.name if pl else str(o.playlist_id), items, where, o.tier))
    lines.sort(key=lambda ln: (ln.start, ln.title))
    roots = [a for a in tree.areas.values() if not a.parent_code]
    authority = roots[0].name if len(roots) == 1 else "LoaXa"
    write_programme_pdf(lines, path, authority=authority, first=first, last=last)
    return len(lines)
