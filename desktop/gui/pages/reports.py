"""The "Báo cáo" page: what share of the plan aired, reached and was verified, with charts.

The figures come from :mod:`schedules.reporting` (the same as ``loaxa report``), built in the
background; four charts (airtime by field per week, planned/aired/verified by area, the on-time
share over the days, endpoint availability), the table beneath, and XLSX/PDF export.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from schedules import reporting
from schedules.areas import AreaTree
from schedules.i18n import _, language

from .. import background
from ..hub import Hub
from ..widgets import Combo

COLUMNS = ("planned", "aired", "verified", "on_time", "missed", "failed", "stopped", "airtime_s", "endpoints_targeted", "endpoints_reached", "feedback")
PALETTE = ("#2b6cb0", "#2f855a", "#d69e2e", "#c53030", "#6b46c1", "#319795")


@dataclass
class ReportSet:
    """What the page shows: the chosen grouping and the charts' groupings, for one period."""

    main: reporting.Report
    week_field: reporting.Report
    area: reporting.Report
    day: reporting.Report


def build_set(s: Any, period: reporting.Period, by: str, area: str | None, now: datetime) -> ReportSet:
    """The chosen grouping and the charts' ones, from one pass over the as-run rows."""
    # the on-time line: a point a day for up to a quarter, a point a week beyond (a year by day
    # was 550,000 cells on a province's data, ~15 s; by week it is a fraction of that)
    step = "day" if (period.last - period.first).days < 93 else "week"
    main, week_field, by_area, by_day = reporting.build_reports(s, period, [[by], ["week", "field"], ["area"], [step]], area=area, now=now)
    return ReportSet(main, week_field, by_area, by_day)


def period_choices(today: date) -> list[tuple[str, str]]:
    """(label, period text): the last 13 months, the last 4 quarters, this year and the last."""
    out: list[tuple[str, str]] = []
    y, m = today.year, today.month
    for _i in range(13):
        out.append((_("month {m}/{y}", m=m, y=y), f"{y}-{m:02d}"))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    q, qy = (today.month - 1) // 3 + 1, today.year
    for _i in range(4):
        out.append((_("quarter {q}/{y}", q=q, y=qy), f"{qy}-Q{q}"))
        q, qy = (q - 1, qy) if q > 1 else (4, qy - 1)
    for yy in (today.year, today.year - 1):
        out.append((_("year {y}", y=yy), str(yy)))
    out.append((_("dates…"), "custom"))
    return out


def period_label(text: str) -> str:
    """A period text (2027-03, 2027-Q1, 2027) in words."""
    if len(text) == 7 and text[4] == "-" and text[5:].isdigit():
        return _("month {m}/{y}", m=int(text[5:]), y=text[:4])
    if len(text) == 7 and text[5] == "Q":
        return _("quarter {q}/{y}", q=text[6], y=text[:4])
    if len(text) == 4 and text.isdigit():
        return _("year {y}", y=text)
    return text


class ReportModel(QAbstractTableModel):
    """The rows of a report (index = row number) and the totals row last."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.report: reporting.Report | None = None

    def set_report(self, rep: reporting.Report) -> None:
        self.beginResetModel()
        self.report = rep
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.report is None:
            return 0
        return len(self.report.rows) + 1

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.report is None:
            return 0
        return len(self.report.by) + len(COLUMNS) + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal or self.report is None:
            return None
        n = len(self.report.by)
        if section < n:
            return reporting.dimension_label(self.report.by[section])
        if section < n + len(COLUMNS):
            return reporting.figure_label(COLUMNS[section - n])
        return _("Aired share")

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        rep = self.report
        if rep is None or not index.isValid():
            return None
        total = index.row() == len(rep.rows)
        f = rep.totals if total else rep.rows[index.row()].figures
        n, col = len(rep.by), index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= n:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and total:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col < n:
            return (_("Total") if col == 0 else "") if total else rep.rows[index.row()].labels[col]
        if col < n + len(COLUMNS):
            v = getattr(f, COLUMNS[col - n])
            if isinstance(v, float):
                text = f"{v:,.0f}"
                return text.replace(",", ".") if language() == "vi" else text
            return str(v)
        return f"{100 * f.aired / f.planned:.1f}%" if f.planned else "—"


def _chart(title: str) -> tuple[QChart, QChartView]:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(150)
    return chart, view


def _short(text: str, n: int = 14) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


class ReportsPage(QWidget):
    """Period, scope and grouping; charts; the table; export buttons."""

    shown = Signal()  # a report is on screen
    exported = Signal(str)

    def __init__(self, hub: Hub, parent: QWidget | None = None, *, now: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.now = now or (lambda: datetime.now(UTC))
        self.current: ReportSet | None = None
        self._busy = False
        top = QHBoxLayout()
        self.period = Combo(14)
        self.first = QDateEdit()
        self.last = QDateEdit()
        for d in (self.first, self.last):
            d.setCalendarPopup(True)
            d.setDisplayFormat("dd/MM/yyyy")
        self.area = Combo(14)
        self.by = Combo(12)
        for dim in reporting.DIMENSIONS:
            self.by.addItem(reporting.dimension_label(dim), dim)
        self.refresh_button = QPushButton(_("Show"))
        self.xlsx_button = QPushButton(_("Export XLSX…"))
        self.pdf_button = QPushButton(_("Export PDF…"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the figures take a moment on a year of data
        self.progress.setMaximumWidth(120)
        self.progress.hide()
        for w in (
            QLabel(_("Period")),
            self.period,
            self.first,
            self.last,
            QLabel(_("Area")),
            self.area,
            QLabel(_("Group by")),
            self.by,
            self.refresh_button,
            self.progress,
        ):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.xlsx_button)
        top.addWidget(self.pdf_button)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.airtime_chart, v1 = _chart(_("Airtime by field per week (minutes)"))
        self.area_chart, v2 = _chart(_("Planned, aired and verified by area"))
        self.ontime_chart, v3 = _chart(_("On-time share by day (%)"))
        self.avail_chart, v4 = _chart(_("Endpoint availability (%)"))
        self.chart_views = [v1, v2, v3, v4]
        self._views = {"airtime_chart": v1, "area_chart": v2, "ontime_chart": v3, "avail_chart": v4}
        charts = QWidget()
        grid = QGridLayout(charts)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, v in enumerate(self.chart_views):
            grid.addWidget(v, i // 2, i % 2)
        self.model = ReportModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(120)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(charts)
        split.addWidget(self.table)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.summary)
        lay.addWidget(split, 1)

        today = self.now().astimezone(self._tz()).date()
        for label, value in period_choices(today):
            self.period.addItem(label, value)
        self.first.setDate(QDate(today.year, today.month, 1))
        self.last.setDate(QDate(today.year, today.month, today.day))
        self._on_period()
        self.period.currentIndexChanged.connect(self._on_period)
        self.refresh_button.clicked.connect(self.refresh)
        self.xlsx_button.clicked.connect(lambda: self._ask_export("xlsx"))
        self.pdf_button.clicked.connect(lambda: self._ask_export("pdf"))
        self._load_areas()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self.current is None and not self._busy:
            self.refresh()

    def _tz(self) -> Any:
        from schedules.timeutil import DEFAULT_TZ, zone

        return zone(DEFAULT_TZ)

    def _on_period(self) -> None:
        custom = self.period.currentData() == "custom"
        self.first.setVisible(custom)
        self.last.setVisible(custom)

    def _load_areas(self) -> None:
        def load(s: Any) -> list[tuple[int, str, str]]:
            return [(depth, a.code, a.name) for depth, a in AreaTree.load(s).depth_first()]

        def done(rows: list[tuple[int, str, str]]) -> None:
            self.area.clear()
            self.area.addItem(_("all areas"), None)
            for depth, code, name in rows:
                self.area.addItem("  " * depth + name, code)
            if len(rows) > 0 and sum(1 for d, _c, _n in rows if d == 0) == 1:
                self.area.setCurrentIndex(1)

        self.hub.read(load, done)

    def set_choice(self, period: str, by: str = "field", area: str | None = None) -> None:
        """Select a period text (e.g. "2027-03"), a grouping and an area (for tests and links)."""
        i = self.period.findData(period)
        if i < 0:
            self.period.insertItem(0, period_label(period), period)
            i = 0
        self.period.setCurrentIndex(i)
        self.by.setCurrentIndex(max(0, self.by.findData(by)))
        if area is not None:
            self.area.setCurrentIndex(max(0, self.area.findData(area)))

    def chosen_period(self) -> reporting.Period:
        from schedules.timeutil import DEFAULT_TZ

        value = self.period.currentData()
        if value == "custom":
            f, t = self.first.date(), self.last.date()
            return reporting.period_of_dates(date(f.year(), f.month(), f.day()), date(t.year(), t.month(), t.day()), DEFAULT_TZ)
        return reporting.parse_period(str(value), DEFAULT_TZ)

    def refresh(self) -> None:
        """Build the figures in the background; the page updates when they arrive."""
        from schedules.errors import LoaxaError

        try:
            period = self.chosen_period()
        except LoaxaError as exc:
            self.summary.setText(exc.message)
            return
        by, area, now = str(self.by.currentData()), self.area.currentData(), self.now()
        self._set_busy(True)
        ws = self.hub.ws
        self._asked = getattr(self, "_asked", 0) + 1
        asked = self._asked

        def job() -> ReportSet:
            with ws.sessions() as s:
                return build_set(s, period, by, area, now)

        def done(rs: ReportSet) -> None:
            if asked == self._asked:  # an older request answering late is not shown
                self._show(rs)

        background.run(job, done, self._failed, owner=self)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        for b in (self.refresh_button, self.xlsx_button, self.pdf_button):
            b.setEnabled(not busy)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        from schedules.errors import LoaxaError

        if isinstance(exc, LoaxaError):
            self.summary.setText(exc.message)
            return
        from ..errors import report_exception

        report_exception(exc, self)

    def _show(self, rs: ReportSet) -> None:
        self._set_busy(False)
        self.current = rs
        self.model.set_report(rs.main)
        self.table.resizeColumnsToContents()
        t = rs.main.totals
        parts = [
            _(
                "{first} to {last}, {scope}: {aired} of {planned} planned airings aired ({share}), {verified} verified, {on_time} on time; endpoints reached {reached} of {targeted}; feedback {feedback}.",
                first=rs.main.period.first.strftime("%d/%m/%Y"),
                last=rs.main.period.last.strftime("%d/%m/%Y"),
                scope=rs.main.scope_name,
                aired=t.aired,
                planned=t.planned,
                share=f"{100 * t.aired / t.planned:.1f}%" if t.planned else "—",
                verified=t.verified,
                on_time=t.on_time,
                reached=t.endpoints_reached,
                targeted=t.endpoints_targeted,
                feedback=t.feedback,
            ),
        ]
        if rs.main.engine_down_s > 0:
            parts.append(_("No engine ran for {hours} h of the period: the airings planned then count as missed.", hours=f"{rs.main.engine_down_s / 3600:.1f}"))
        self.summary.setText(" ".join(parts))
        self._draw_airtime(rs.week_field)
        self._draw_areas(rs.area)
        self._draw_ontime(rs.day)
        self._draw_availability(rs.main)
        self.shown.emit()

    # -- charts ------------------------------------------------------------------------------------

    def _fresh(self, attr: str) -> QChart:
        """A new chart in the view ``attr`` (a chart whose axes are swapped keeps drawing the old ones)."""
        view = self._views[attr]
        old = view.chart()
        chart = QChart()
        chart.setTitle(old.title())
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        view.setChart(chart)
        old.deleteLater()
        setattr(self, attr, chart)
        return chart

    def _bars(self, attr: str, cats: list[str], sets: list[tuple[str, list[float]]], *, stacked: bool, vmax: float | None = None) -> None:
        chart = self._fresh(attr)
        series = QStackedBarSeries() if stacked else QBarSeries()
        for i, (name, vals) in enumerate(sets):
            bs = QBarSet(name)
            bs.setColor(QColor(PALETTE[i % len(PALETTE)]))
            bs.append([float(v) for v in vals])
            series.append(bs)
        chart.addSeries(series)
        ax = QBarCategoryAxis()
        ax.append(cats or [""])
        chart.addAxis(ax, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(ax)
        ay = QValueAxis()
        top = (
            vmax
            if vmax is not None
            else max([1.0, *(sum(v[i] for _n, v in sets) if stacked else max(v[i] for _n, v in sets) for i in range(len(cats)))])
            if sets and cats
            else 1.0
        )
        # counts and minutes: whole-number ticks (0..1 in five ticks read "0, 0, 1, 1, 1" on an empty month)
        ay.setRange(0, max(4.0, math.ceil(top)))
        ay.applyNiceNumbers()
        ay.setLabelFormat("%.0f")
        chart.addAxis(ay, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(ay)

    def _draw_airtime(self, rep: reporting.Report) -> None:
        weeks = sorted({r.key[0] for r in rep.rows})
        fields = sorted({r.key[1] for r in rep.rows})
        val = {(r.key[0], r.key[1]): r.figures.airtime_s / 60 for r in rep.rows}
        sets = [(_short(reporting.field_label(f), 22), [val.get((w, f), 0.0) for w in weeks]) for f in fields]
        self._bars("airtime_chart", [w.split("-")[1] for w in weeks], sets, stacked=True)

    def _draw_areas(self, rep: reporting.Report) -> None:
        rows = [r for r in rep.rows if r.figures.planned]
        cats = [_short(r.labels[0]) for r in rows]
        sets = [
            (reporting.figure_label("planned"), [float(r.figures.planned) for r in rows]),
            (reporting.figure_label("aired"), [float(r.figures.aired) for r in rows]),
            (reporting.figure_label("verified"), [float(r.figures.verified) for r in rows]),
        ]
        self._bars("area_chart", cats, sets, stacked=False)

    def _draw_ontime(self, rep: reporting.Report) -> None:
        chart = self._fresh("ontime_chart")
        weekly = bool(rep.rows) and "W" in str(rep.rows[0].key[0])
        chart.setTitle(_("On-time share by week (%)") if weekly else _("On-time share by day (%)"))
        line = QLineSeries()
        line.setName(reporting.figure_label("on_time"))
        cats: list[str] = []
        for i, r in enumerate(rep.rows):
            f = r.figures
            line.append(float(i + 1), 100.0 * f.on_time / f.aired if f.aired else 0.0)
            cats.append(str(r.key[0])[8:10])
        chart.addSeries(line)
        ax = QValueAxis()
        ax.setRange(1, max(2, len(cats)))
        ax.setLabelFormat("%d")
        ay = QValueAxis()
        ay.setRange(0, 100)
        chart.addAxis(ax, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(ay, Qt.AlignmentFlag.AlignLeft)
        line.attachAxis(ax)
        line.attachAxis(ay)

    def _draw_availability(self, rep: reporting.Report) -> None:
        rows = rep.availability
        cats = [a.code for a in rows]  # names of one commune's clusters share their first words
        self._bars("avail_chart", cats, [(_("Reachable share"), [100.0 * (a.share or 0.0) for a in rows])], stacked=False, vmax=100.0)

    # -- export -----------------------------------------------------------------------------------

    def _ask_export(self, fmt: str) -> None:
        if self.current is None:
            self.refresh()
            return
        filt = _("Excel workbook (*.xlsx)") if fmt == "xlsx" else _("PDF document (*.pdf)")
        name = f"bao-cao-{self.current.main.period.text}.{fmt}"
        path, _sel = QFileDialog.getSaveFileName(self, _("Export the report"), str(Path.home() / name), filt)
        if path:
            self.export(fmt, Path(path))

    def export(self, fmt: str, path: Path) -> None:
        """Write the report on screen (with the area and campaign groupings) in the background."""
        rs = self.current
        if rs is None:
            return
        ws = self.hub.ws
        by = rs.main.by
        period, scope, now = rs.main.period, rs.main.scope, self.now()
        self._set_busy(True)

        def job() -> str:
            from desktop import reports_export as rx

            out = rx.check_output(path)
            reports = [rs.main]
            with ws.sessions() as s:
                for more in (["area"], ["campaign"]):
                    if list(by) != more:
                        reports.append(rs.area if more == ["area"] else reporting.build_report(s, period, by=more, area=scope, now=now))
            if fmt == "xlsx":
                rx.write_xlsx(reports, out)
            else:
                from desktop import reports_pdf

                reports_pdf.write_report_pdf(reports, out, authority=rs.main.scope_name)
            return str(out)

        def done(p: str) -> None:
            self._set_busy(False)
            self.summary.setText(_("Report written to {path}.", path=p))
            self.exported.emit(p)

        background.run(job, done, self._failed, owner=self)
