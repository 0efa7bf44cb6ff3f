"""Lịch phát (Schedule): a week view (days x hours) of one endpoint or area, blocks coloured by
priority, and an editor for every rule the planner supports. While editing, the planner runs on
the unsaved schedule and its problems (overlaps, quiet hours, unapproved or expired items) show
before anything is saved."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from schedules import areas as areas_mod
from schedules import playlists as playlists_mod
from schedules import scheduling
from schedules.errors import LoaxaError
from schedules.lunar import lunar_day_text, solar_to_lunar
from schedules.planner import load_input, plan, schedule_info
from schedules.rules import WEEKDAYS
from schedules.scheduling import ScheduleOptions
from schedules.timeutil import DEFAULT_TZ, window_for_dates, zone

from ..formatting import date_edit_format, format_date, from_qdate, local_today, to_qdate, weekday_name, weekday_short
from ..hub import Hub
from ..widgets import Combo, show_lunar_dates
from .library import priority_label

TIER_COLOURS = {1: QColor("#d32f2f"), 2: QColor("#f57c00"), 3: QColor("#1976d2")}
PREVIEW_ID = -1


@dataclass(frozen=True)
class Block:
    day: int  # 0..6 from the week's Monday
    start_h: float  # hours from local midnight
    end_h: float
    tier: int
    schedule_id: int | None
    label: str
    problems: tuple[str, ...]
    status: str
    preview: bool = False


class WeekView(QWidget):
    """Seven days across, 24 hours down; one block per occurrence (preview ones dashed)."""

    block_clicked = Signal(object)  # the Block

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.blocks: list[Block] = []
        self.monday = today_monday()
        self.setMinimumSize(470, 480)

    def day_headers(self) -> list[tuple[str, str]]:
        """The (solar, lunar) header texts of the seven days shown (what the header draws)."""
        return [(format_date(self.monday + timedelta(days=d)), lunar_day_text(self.monday + timedelta(days=d))) for d in range(7)]

    def set_blocks(self, monday: date, blocks: list[Block]) -> None:
        self.monday = monday
        self.blocks = blocks
        self.update()

    def _geometry(self) -> tuple[float, float, float, float]:
        left, top = 44.0, 36.0  # two header lines: the solar day, then the lunar day
        return left, top, (self.width() - left - 4) / 7, (self.height() - top - 4) / 24

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#ffffff"))
        left, top, cw, rh = self._geometry()
        p.setPen(QColor("#d0d7de"))
        for h in range(25):
            y = top + h * rh
            p.drawLine(QPointF(left, y), QPointF(left + 7 * cw, y))
            if h < 24 and h % 2 == 0:
                p.setPen(QColor("#57606a"))
                p.drawText(QRectF(0, y - 2, left - 4, rh + 4), Qt.AlignmentFlag.AlignRight, f"{h:02d}:00")
                p.setPen(QColor("#d0d7de"))
        for d in range(8):
            x = left + d * cw
            p.drawLine(QPointF(x, top), QPointF(x, top + 24 * rh))
        p.setPen(QColor("#24292f"))
        for d in range(7):
            day = self.monday + timedelta(days=d)
            label = f"{weekday_short(day)} {day:%d/%m}"
            if p.fontMetrics().horizontalAdvance(label) > cw - 6:  # a narrow window: the day of the month only
                label = f"{weekday_short(day)} {day.day}"
            p.drawText(QRectF(left + d * cw, 0, cw, top / 2), Qt.AlignmentFlag.AlignCenter, label)
            lunar = lunar_day_text(day)
            if p.fontMetrics().horizontalAdvance(lunar) > cw - 6:
                lunar = lunar_day_text(day, short=True)
            p.setPen(QColor("#b3261e") if solar_to_lunar(day)[0] in (1, 15) else QColor("#57606a"))  # mùng 1, rằm
            p.drawText(QRectF(left + d * cw, top / 2, cw, top / 2), Qt.AlignmentFlag.AlignCenter, lunar)
            p.setPen(QColor("#24292f"))
        for b in self.blocks:
            r = self._rect(b)
            colour = QColor(TIER_COLOURS.get(b.tier, QColor("#1976d2")))
            if b.status != "ok":
                colour = QColor("#9e9e9e")
            colour.setAlpha(110 if b.preview else 200)
            p.setBrush(QBrush(colour))
            pen = QPen(QColor("#b3261e") if b.problems else colour.darker(140), 2 if b.problems else 1)
            if b.preview:
                pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawRect(r)
            if r.height() > 12:
                p.setPen(QColor("#ffffff"))
                p.drawText(r.adjusted(2, 0, -2, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, b.label)
        p.end()

    def _rect(self, b: Block) -> QRectF:
        left, top, cw, rh = self._geometry()
        y0 = top + b.start_h * rh
        y1 = top + max(b.end_h, b.start_h + 0.12) * rh  # short airings stay visible
        return QRectF(left + b.day * cw + 2, y0, cw - 4, y1 - y0)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        pos = event.position()
        for b in reversed(self.blocks):
            if self._rect(b).contains(pos):
                self.block_clicked.emit(b)
                return


def week_blocks(
    s: Session, target: str | None, monday: date, preview: ScheduleOptions | None = None, editing: int | None = None
) -> tuple[list[Block], list[str]]:
    """The week's occurrences on ``target`` (an endpoint or area), with an unsaved schedule
    planned in as if saved (replacing ``editing`` when it changes an existing one); returns the
    blocks and the problems of the unsaved schedule (refusals included)."""
    inp = load_input(s)
    problems: list[str] = []
    if preview is not None:
        try:
            c = scheduling.check_options(s, preview, quiet_hours=False)
            try:
                scheduling.check_options(s, preview)
            except LoaxaError as exc:
                problems.append(exc.message)
            from schedules.models import Schedule

            tmp = Schedule(id=editing or PREVIEW_ID, enabled=True, **c.values)
            info = schedule_info(tmp, c.codes, {})
            inp.schedules = [x for x in inp.schedules if x.id != editing] + [replace(info, id=editing or PREVIEW_ID)]
        except LoaxaError as exc:
            problems.append(exc.message)
    tz_name = DEFAULT_TZ
    codes: list[str] | None = None
    if target:
        codes, _unknown = inp.resolve_targets([target])
        if codes:
            tz_name = inp.endpoints[codes[0]].tz
    tz = zone(tz_name)
    start, end = window_for_dates(monday, monday + timedelta(days=6), tz)
    p = plan(inp, start, end, target=target)
    blocks: list[Block] = []
    seen: set[tuple[int | None, float, float]] = set()
    names = {pl.id: pl.name for pl in inp.playlists.values()}
    for o in p.occurrences:
        key = (o.schedule_id, o.start, o.end)
        is_preview = o.schedule_id == (editing or PREVIEW_ID) and preview is not None
        if is_preview:
            problems.extend(pr.message for pr in o.problems if pr.message not in problems)
        if key in seen:  # one block per airing time, not per endpoint of an area
            continue
        seen.add(key)
        ls = o.start_dt.astimezone(tz)
        le = o.end_dt.astimezone(tz)
        day = (ls.date() - monday).days
        if not 0 <= day < 7:
            continue
        start_h = ls.hour + ls.minute / 60 + ls.second / 3600
        end_h = start_h + (le - ls).total_seconds() / 3600
        label = f"{ls:%H:%M} {names.get(o.playlist_id, '')}"
        slot = inp.slot_fill(o.schedule_id)
        if slot is not None and abs(slot[1]) > 0.5:  # over- or under-fill of the slot, e.g. "+2:00"
            label += f" ({scheduling.fill_text(slot[1])})"
        blocks.append(Block(day, start_h, min(end_h, 24.0), o.tier, o.schedule_id, label, tuple(pr.message for pr in o.problems), o.status, is_preview))
    return blocks, problems


class ScheduleEditor(QWidget):
    """Every rule the planner supports, as a form."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.playlist = Combo()
        self.targets = QLineEdit()
        self.targets.setPlaceholderText(self.tr("endpoint or area codes, comma separated"))
        self.mode = Combo()
        for key, label in (
            ("daily", self.tr("Every day")),
            ("weekly", self.tr("Chosen weekdays")),
            ("monthly", self.tr("Monthly")),
            ("once", self.tr("Once")),
            ("lunar", self.tr("Lunar calendar")),
        ):
            self.mode.addItem(label, key)
        self.lunar = QLineEdit("1,15")
        self.lunar.setPlaceholderText("1,15 · 10/3")
        self.lunar.setToolTip(
            self.tr("1,15: the 1st (mùng 1) and the full moon (rằm) of every lunar month; 10/3: the 10th day of the 3rd lunar month every year")
        )
        self.once = QDateEdit(to_qdate(local_today()))
        self.weekdays = [QCheckBox(weekday_short(date(2027, 3, 1) + timedelta(days=i))) for i in range(7)]
        wd = QWidget()
        wl = QHBoxLayout(wd)
        wl.setContentsMargins(0, 0, 0, 0)
        for cb in self.weekdays:
            wl.addWidget(cb)
        self.monthly = Combo()
        for n in range(1, 32):
            self.monthly.addItem(self.tr("day {n}").format(n=n), str(n))
        for nth, nth_label in (
            ("first", self.tr("first")),
            ("second", self.tr("second")),
            ("third", self.tr("third")),
            ("fourth", self.tr("fourth")),
            ("last", self.tr("last")),
        ):
            for i, wdn in enumerate(WEEKDAYS):
                self.monthly.addItem(f"{nth_label} {weekday_name(date(2027, 3, 1) + timedelta(days=i))}", f"{nth}-{wdn}")
        self.rule_stack = QStackedWidget()
        for w in (QLabel(""), wd, self.monthly, self.once, self.lunar):
            self.rule_stack.addWidget(w)
        self.times = QLineEdit("05:30")
        self.times.setPlaceholderText("05:30,17:00")
        self.use_from = QCheckBox(self.tr("From"))
        self.date_from = QDateEdit(to_qdate(local_today()))
        self.use_until = QCheckBox(self.tr("Until"))
        self.date_until = QDateEdit(to_qdate(local_today() + timedelta(days=30)))
        for d in (self.once, self.date_from, self.date_until):
            d.setCalendarPopup(True)
            d.setDisplayFormat(date_edit_format())
            show_lunar_dates(d)
        self.priority = Combo()
        self.priority.addItem(self.tr("From the items"), None)
        for k in (1, 2, 3):
            self.priority.addItem(priority_label(k), k)
        self.collision = Combo()
        for key, label in (
            ("next", self.tr("Wait for the running airing (next)")),
            ("cut", self.tr("Interrupt it (cut)")),
            ("wait", self.tr("Wait at most… (wait)")),
        ):
            self.collision.addItem(label, key)
        self.wait_s = QSpinBox()
        self.wait_s.setRange(0, 86400)
        self.wait_s.setValue(120)
        self.wait_s.setSuffix(" s")
        self.on_preempt = Combo()
        for key, label in (("resume", self.tr("Resume where cut")), ("restart", self.tr("Restart from the beginning")), ("drop", self.tr("Drop the rest"))):
            self.on_preempt.addItem(label, key)
        self.repeat = QSpinBox()
        self.repeat.setRange(1, 10)
        self.gap = QDoubleSpinBox()
        self.gap.setRange(0, 86400)
        self.gap.setSuffix(" s")
        self.override = QLineEdit()
        self.override.setPlaceholderText(self.tr("reason, to air inside quiet hours"))
        self.slot = QLineEdit()
        self.slot.setPlaceholderText(self.tr("none (15 or 14:30)"))
        self.slot.setToolTip(self.tr("The slot's length: the week view shows how much the programme runs over or under it"))
        form.addRow(self.tr("Playlist"), self.playlist)
        form.addRow(self.tr("Targets"), self.targets)
        form.addRow(self.tr("Repeats"), self.mode)
        form.addRow("", self.rule_stack)
        form.addRow(self.tr("Times"), self.times)
        form.addRow(self.use_from, self.date_from)
        form.addRow(self.use_until, self.date_until)
        form.addRow(self.tr("Priority"), self.priority)
        cl = QHBoxLayout()
        cl.addWidget(self.collision, 1)
        cl.addWidget(self.wait_s)
        form.addRow(self.tr("On overlap"), cl)
        form.addRow(self.tr("When interrupted"), self.on_preempt)
        rl = QHBoxLayout()
        rl.addWidget(self.repeat)
        rl.addWidget(QLabel(self.tr("times, gap")))
        rl.addWidget(self.gap)
        form.addRow(self.tr("Play"), rl)
        form.addRow(self.tr("Quiet hours override"), self.override)
        form.addRow(self.tr("Slot length"), self.slot)
        self.mode.currentIndexChanged.connect(lambda i: self.rule_stack.setCurrentIndex(i))
        widgets: list[Any] = [self.playlist, self.mode, self.monthly, self.priority, self.collision, self.on_preempt]
        for w in widgets:
            w.currentIndexChanged.connect(self.changed)
        for e in (self.targets, self.times, self.override, self.lunar, self.slot):
            e.textChanged.connect(self.changed)
        for cb in (*self.weekdays, self.use_from, self.use_until):
            cb.toggled.connect(self.changed)
        for d in (self.once, self.date_from, self.date_until):
            d.dateChanged.connect(self.changed)
        for sp in (self.wait_s, self.repeat, self.gap):
            sp.valueChanged.connect(self.changed)

    def set_playlists(self, rows: list[tuple[int, str]]) -> None:
        keep = self.playlist.currentData()
        self.playlist.blockSignals(True)
        self.playlist.clear()
        for pid, name in rows:
            self.playlist.addItem(name, pid)
        if keep is not None:
            self.playlist.setCurrentIndex(max(0, self.playlist.findData(keep)))
        self.playlist.blockSignals(False)

    def options(self) -> ScheduleOptions | None:
        if self.playlist.currentData() is None:
            return None
        mode = self.mode.currentData()
        days: str | None = None
        once: str | None = None
        if mode == "daily":
            days = "daily"
        elif mode == "weekly":
            days = ",".join(WEEKDAYS[i] for i, cb in enumerate(self.weekdays) if cb.isChecked()) or "none"  # refused: pick a day
        elif mode == "monthly":
            days = f"monthly:{self.monthly.currentData()}"
        elif mode == "lunar":
            days = f"lunar:{self.lunar.text()}"
        else:
            once = from_qdate(self.once.date()).isoformat()
        coll = self.collision.currentData()
        return ScheduleOptions(
            playlist_id=int(self.playlist.currentData()),
            targets=[t.strip() for t in self.targets.text().split(",") if t.strip()],
            times=self.times.text(),
            days=days,
            once=once,
            start=from_qdate(self.date_from.date()).isoformat() if self.use_from.isChecked() else None,
            until=from_qdate(self.date_until.date()).isoformat() if self.use_until.isChecked() else None,
            priority=self.priority.currentData(),
            collision=f"wait:{self.wait_s.value()}" if coll == "wait" else coll,
            on_preempt=self.on_preempt.currentData(),
            repeat=self.repeat.value(),
            repeat_gap_s=self.gap.value(),
            override_quiet_hours=self.override.text().strip() or None,
            slot=self.slot.text().strip() or None,
        )

    def load(self, o: ScheduleOptions) -> None:
        self.blockSignals(True)
        self.playlist.setCurrentIndex(max(0, self.playlist.findData(o.playlist_id)))
        self.targets.setText(",".join(o.targets))
        if o.once:
            self.mode.setCurrentIndex(3)
            self.once.setDate(to_qdate(date.fromisoformat(o.once)))
        elif o.days and o.days.startswith("lunar:"):
            self.mode.setCurrentIndex(4)
            self.lunar.setText(o.days.split(":", 1)[1])
        elif o.days and o.days.startswith("monthly:"):
            self.mode.setCurrentIndex(2)
            self.monthly.setCurrentIndex(max(0, self.monthly.findData(o.days.split(":", 1)[1])))
        elif o.days and o.days != "daily":
            self.mode.setCurrentIndex(1)
            on = set(o.days.split(","))
            for i, cb in enumerate(self.weekdays):
                cb.setChecked(WEEKDAYS[i] in on)
        else:
            self.mode.setCurrentIndex(0)
        self.times.setText(o.times)
        self.use_from.setChecked(bool(o.start))
        if o.start:
            self.date_from.setDate(to_qdate(date.fromisoformat(o.start)))
        self.use_until.setChecked(bool(o.until))
        if o.until:
            self.date_until.setDate(to_qdate(date.fromisoformat(o.until)))
        self.priority.setCurrentIndex(max(0, self.priority.findData(o.priority)))
        coll = o.collision or "next"
        if coll.startswith("wait:"):
            self.collision.setCurrentIndex(2)
            self.wait_s.setValue(int(float(coll.split(":", 1)[1])))
        else:
            self.collision.setCurrentIndex(max(0, self.collision.findData(coll)))
        self.on_preempt.setCurrentIndex(max(0, self.on_preempt.findData(o.on_preempt or "resume")))
        self.repeat.setValue(o.repeat)
        self.gap.setValue(o.repeat_gap_s)
        self.override.setText(o.override_quiet_hours or "")
        self.slot.setText(o.slot or "")
        self.blockSignals(False)
        self.changed.emit()


class SchedulePage(QWidget):
    loaded = Signal()
    problems_shown = Signal(list)
    saved = Signal(int)
    programme_written = Signal(str)  # the weekly programme PDF's path

    def __init__(self, hub: Hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.monday = today_monday()
        self.editing: int | None = None
        self.target = Combo()
        self.prev_button = QPushButton("◀")
        self.next_button = QPushButton("▶")
        self.week_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Endpoint or area")))
        top.addWidget(self.target, 1)
        top.addWidget(self.prev_button)
        top.addWidget(self.week_label)
        top.addWidget(self.next_button)
        self.programme_button = QPushButton(self.tr("Weekly programme (PDF)…"))
        self.programme_button.setToolTip(self.tr("The week shown, as the programme to sign (lịch phát sóng tuần, A4)"))
        top.addWidget(self.programme_button)
        self.week = WeekView()
        self.editor = ScheduleEditor()
        self.problems = QListWidget()
        self.new_button = QPushButton(self.tr("New schedule"))
        self.save_button = QPushButton(self.tr("Save"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        side = QWidget()
        sl = QVBoxLayout(side)
        sl.addWidget(self.editor)
        sl.addWidget(QLabel(self.tr("What the planner sees:")))
        sl.addWidget(self.problems, 1)
        bl = QHBoxLayout()
        for b in (self.new_button, self.save_button, self.delete_button):
            bl.addWidget(b)
        sl.addLayout(bl)
        sl.addWidget(self.status)
        split = QSplitter()
        split.addWidget(self.week)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self.refresh)
        self.editor.changed.connect(self._debounce.start)
        self.target.currentIndexChanged.connect(self.refresh)
        self.prev_button.clicked.connect(lambda: self.move_week(-1))
        self.next_button.clicked.connect(lambda: self.move_week(1))
        self.week.block_clicked.connect(self.edit_block)
        self.new_button.clicked.connect(self.new_schedule)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.programme_button.clicked.connect(self.ask_programme)
        hub.changed.connect(self._on_changed)
        self.load_choices()

    def load_choices(self) -> None:
        def job(s: Session) -> tuple[list[tuple[str, str]], list[tuple[int, str]]]:
            targets = [(code, f"{name} ({code})") for code, name in areas_mod.target_names(s)]
            return targets, playlists_mod.playlist_names(s)

        self.hub.read(job, self._on_choices)

    def _on_choices(self, res: tuple[list[tuple[str, str]], list[tuple[int, str]]]) -> None:
        targets, pls = res
        keep = self.target.currentData()
        self.target.blockSignals(True)
        self.target.clear()
        for code, label in targets:
            self.target.addItem(label, code)
        if keep is not None and self.target.findData(keep) >= 0:
            self.target.setCurrentIndex(self.target.findData(keep))
        self.target.blockSignals(False)
        self.editor.set_playlists(pls)
        if not self.editor.targets.text() and self.target.currentData():
            self.editor.targets.setText(str(self.target.currentData()))
        self.refresh()

    def _on_changed(self, words: frozenset[str]) -> None:
        if words & {"plan", "schedules", "playlists", "endpoints", "areas", "items"}:
            self.load_choices()

    def move_week(self, step: int) -> None:
        self.monday += timedelta(days=7 * step)
        self.refresh()

    def refresh(self) -> None:
        target = self.target.currentData()
        monday = self.monday
        preview = self.editor.options()
        editing = self.editing
        self.week_label.setText(f"{format_date(monday)} – {format_date(monday + timedelta(days=6))}")
        self.hub.read(lambda s: week_blocks(s, target, monday, preview, editing), self._on_blocks)

    def _on_blocks(self, res: tuple[list[Block], list[str]]) -> None:
        blocks, problems = res
        self.week.set_blocks(self.monday, blocks)
        self.problems.clear()
        for p in problems:
            self.problems.addItem(QListWidgetItem("⚠ " + p))
        if not problems:
            self.problems.addItem(QListWidgetItem(self.tr("No problems.")))
        self.problems_shown.emit(problems)
        self.loaded.emit()

    def new_schedule(self) -> None:
        self.editing = None
        self.status.setText(self.tr("New schedule: fill in the form, check the problems, then save."))
        self.editor.targets.setText(str(self.target.currentData() or ""))
        self.refresh()

    def edit_block(self, b: Block) -> None:
        if b.schedule_id is None or b.schedule_id < 0:
            return
        sid = b.schedule_id

        def job(s: Session) -> ScheduleOptions:
            return scheduling.options_of(scheduling.get_schedule(s, sid))

        def done(o: ScheduleOptions) -> None:
            self.editing = sid
            self.status.setText(self.tr("Editing schedule {id}.").format(id=sid))
            self.editor.load(o)

        self.hub.read(job, done)

    def save(self) -> None:
        o = self.editor.options()
        if o is None:
            return
        editing = self.editing

        def job(s: Session) -> int:
            if editing is None:
                return scheduling.add_schedule(s, actor="gui", **vars(o)).id
            return scheduling.update_schedule(s, editing, actor="gui", **vars(o)).id

        def done(sid: int) -> None:
            self.editing = sid
            self.status.setText(self.tr("Schedule {id} saved.").format(id=sid))
            self.saved.emit(sid)

        def failed(exc: BaseException) -> None:
            self.status.setText("⚠ " + (exc.message if isinstance(exc, LoaxaError) else str(exc)))

        self.hub.write(job, done, failed)

    def delete(self) -> None:
        if self.editing is None:
            return
        sid = self.editing
        self.editing = None
        self.hub.write(lambda s: scheduling.remove_schedule(s, sid, "gui"), lambda _r: self.status.setText(self.tr("Schedule {id} deleted.").format(id=sid)))

    def ask_programme(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        name = f"lich-phat-song-{self.monday.isoformat()}.pdf"
        path, _sel = QFileDialog.getSaveFileName(self, self.tr("Save the weekly programme"), str(Path.home() / name), self.tr("PDF document (*.pdf)"))
        if path:
            self.export_programme(Path(path))

    def export_programme(self, path: Path) -> None:
        """Write the programme of the week shown (for the chosen endpoint or area) as a PDF to
        sign, in the background: planning and drawing never hold the window."""
        from desktop import reports_export
        from desktop.reports_pdf import programme_from_plan
        from schedules.timeutil import DEFAULT_TZ

        first, last, target = self.monday, self.monday + timedelta(days=6), self.target.currentData()
        self.programme_button.setEnabled(False)
        self.status.setText(self.tr("Writing the weekly programme…"))

        def job(s: Session) -> tuple[str, int]:
            out = reports_export.check_output(path)  # a folder that does not exist: refused, nothing written
            return str(out), programme_from_plan(s, first, last, DEFAULT_TZ, out, target=target)

        def done(res: tuple[str, int]) -> None:
            self.programme_button.setEnabled(True)
            self.status.setText(self.tr("Weekly programme written: {path} ({n} airings).").format(path=res[0], n=res[1]))
            self.programme_written.emit(res[0])

        def failed(exc: BaseException) -> None:
            self.programme_button.setEnabled(True)
            self.status.setText("⚠ " + (exc.message if isinstance(exc, LoaxaError) else str(exc)))

        self.hub.read(job, done, failed)


def today_monday() -> date:
    d = local_today()
    return d - timedelta(days=d.weekday())
