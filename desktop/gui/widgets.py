"""Small widgets shared by the pages."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QCalendarWidget, QComboBox, QDateEdit, QWidget

from schedules.lunar import lunar_date_text, solar_to_lunar


class Combo(QComboBox):
    """A combo box whose width does not follow its longest entry (long Vietnamese labels would
    otherwise widen the whole window past a 1366-pixel screen); its list shows them in full."""

    def __init__(self, chars: int = 10, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(chars)

    def showPopup(self) -> None:  # noqa: N802 - Qt's name
        view = self.view()
        view.setMinimumWidth(max(self.width(), view.sizeHintForColumn(0) + 2 * view.frameWidth() + 24))
        super().showPopup()


class WaveformView(QWidget):
    """Peaks of an item (0..255 per point), with the playback position; click to seek."""

    seek_requested = Signal(float)  # fraction 0..1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.peaks = b""
        self.position = 0.0
        self.setMinimumHeight(80)

    def set_peaks(self, peaks: bytes | None) -> None:
        self.peaks = peaks or b""
        self.position = 0.0
        self.update()

    def set_position(self, fraction: float) -> None:
        self.position = max(0.0, min(1.0, fraction))
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if self.width() > 0:
            self.seek_requested.emit(event.position().x() / self.width())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#f4f6f8"))
        w, h = self.width(), self.height()
        mid = h / 2
        if self.peaks:
            p.setPen(QPen(QColor("#2f6db5"), 1))
            n = len(self.peaks)
            for x in range(w):
                a = self.peaks[min(n - 1, x * n // max(w, 1))] / 255.0 * (mid - 2)
                p.drawLine(QPointF(x, mid - a), QPointF(x, mid + a))
        p.setPen(QPen(QColor("#c62828"), 2))
        px = self.position * w
        p.drawLine(QPointF(px, 0), QPointF(px, h))
        p.setPen(QColor("#9aa5b1"))
        p.drawRect(QRectF(0, 0, w - 1, h - 1))
        p.end()


class StatusDot(QWidget):
    """A coloured dot (online / offline / unknown)."""

    def __init__(self, colour: str = "#999999", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.colour = QColor(colour)
        self.setFixedSize(14, 14)

    def set_colour(self, colour: str) -> None:
        self.colour = QColor(colour)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setBrush(self.colour)
        p.setPen(Qt.PenStyle.NoPen)
        p.drawEllipse(2, 2, 10, 10)
        p.end()


class LunarCalendar(QCalendarWidget):
    """A month calendar that writes each day's lunar day small in its cell (mùng 1 and rằm in red)
    and tells the whole lunar date of the selected day in its tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.selectionChanged.connect(self._on_selection_changed)
        self._on_selection_changed()

    def _on_selection_changed(self) -> None:
        self.setToolTip(lunar_date_text(self.selectedDate().toPython()))  # type: ignore[arg-type]

    def paintCell(self, painter: QPainter, rect: QRect, day: QDate) -> None:  # noqa: N802 - Qt's name
        super().paintCell(painter, rect, day)
        d: date = day.toPython()  # type: ignore[assignment]
        lunar_day, lunar_month = solar_to_lunar(d)[:2]
        painter.save()
        font = painter.font()
        font.setPointSizeF(max(font.pointSizeF() * 0.6, 5.0))
        painter.setFont(font)
        painter.setPen(QColor("#b3261e") if lunar_day in (1, 15) else QColor("#6e7781"))
        text = f"{lunar_day}/{lunar_month}" if lunar_day == 1 else str(lunar_day)
        painter.drawText(QRectF(rect).adjusted(0, 0, -2, 0), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, text)
        painter.restore()


def show_lunar_dates(edit: QDateEdit) -> None:
    """Give a date picker the lunar date: in its tooltip, and in its calendar popup's cells."""

    def on_date_changed(value: QDate) -> None:
        edit.setToolTip(lunar_date_text(value.toPython()))  # type: ignore[arg-type]

    if edit.calendarPopup():
        edit.setCalendarWidget(LunarCalendar(edit))
    edit.dateChanged.connect(on_date_changed)
    on_date_changed(edit.date())
