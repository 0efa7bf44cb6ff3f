"""The first start: pick the province and the commune from the official list of administrative
units (after 1 July 2025: 34 provinces, 3,321 communes and wards, statistics office codes, as
the ``vietnam-provinces`` package ships them). The province and all its communes are created with
their official codes and names (``loaxa areas import --province``); the chosen commune is this
station's own (the first HTTTN ``DiaBan`` code). Villages (thôn) are added beneath it later.

Search ignores accents and case: "tuyen quang" finds "Tỉnh Tuyên Quang", "ha giang 1" finds
"Phường Hà Giang 1". The list is read in the background; the write is one background transaction."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from schedules import areas as areas_mod
from schedules.models import Area
from schedules.text import fold

from . import background
from .hub import Hub

CODE = Qt.ItemDataRole.UserRole


def has_areas(s: Session) -> bool:
    return bool(s.scalar(select(func.count()).select_from(Area)))


def create_official(s: Session, province: str, commune: str | None, actor: str = "gui") -> dict[str, Any]:
    """Create the province and its communes; the chosen commune becomes the station's own area
    for the province server (first ``httn.areas`` code) unless one is set already."""
    from schedules import httn

    out = areas_mod.import_official(s, province, actor=actor)
    if commune and not str(httn._setting(s, "httn.areas", "") or "").strip():
        httn.save_settings(s, {"httn.areas": commune})
    out["commune"] = commune
    return out


class ProvincePicker(QDialog):
    """Two searchable lists: the province, then the commune or ward in it."""

    created = Signal(dict)  # the import's report (province, units, created, kept, commune)
    units_shown = Signal()

    def __init__(self, hub: Hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.setWindowTitle(self.tr("Your province and commune"))
        self.resize(720, 520)
        intro = QLabel(
            self.tr(
                "Choose the province and your commune or ward from the official list (after 1 July 2025). LoaXa creates the province and its communes with their official codes; you add villages beneath your commune later."
            )
        )
        intro.setWordWrap(True)
        self.province_search = QLineEdit()
        self.province_search.setPlaceholderText(self.tr("Search a province, e.g. tuyen quang"))
        self.provinces = QListWidget()
        self.unit_search = QLineEdit()
        self.unit_search.setPlaceholderText(self.tr("Search a commune or ward, e.g. ha giang 1"))
        self.units = QListWidget()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.create_button = QPushButton(self.tr("Create these areas"))
        self.create_button.setDefault(True)
        self.create_button.setEnabled(False)
        self.later_button = QPushButton(self.tr("Later (I will add areas myself)"))
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Province or city")))
        left.addWidget(self.province_search)
        left.addWidget(self.provinces, 1)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Your commune or ward")))
        right.addWidget(self.unit_search)
        right.addWidget(self.units, 1)
        lists = QHBoxLayout()
        lists.addLayout(left, 1)
        lists.addLayout(right, 1)
        box = QDialogButtonBox()
        box.addButton(self.create_button, QDialogButtonBox.ButtonRole.AcceptRole)
        box.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(lists, 1)
        lay.addWidget(self.summary)
        lay.addWidget(box)
        self.province_search.textChanged.connect(lambda t: self._filter(self.provinces, t))
        self.unit_search.textChanged.connect(lambda t: self._filter(self.units, t))
        self.provinces.currentItemChanged.connect(self._on_province)
        self.units.currentItemChanged.connect(self._update_summary)
        self.create_button.clicked.connect(self.create_areas)
        self.later_button.clicked.connect(self.reject)
        background.run(areas_mod.official_provinces, self._fill_provinces, self._failed, owner=self)

    @staticmethod
    def _filter(lst: QListWidget, text: str) -> None:
        key = fold(text.strip())
        first: QListWidgetItem | None = None
        for i in range(lst.count()):
            it = lst.item(i)
            hit = key in it.data(Qt.ItemDataRole.UserRole + 1)
            it.setHidden(not hit)
            if hit and first is None:
                first = it
        if first is not None and (lst.currentItem() is None or lst.currentItem().isHidden()):
            lst.setCurrentItem(first)

    @staticmethod
    def _add(lst: QListWidget, code: str, name: str) -> None:
        it = QListWidgetItem(f"{name} ({code})")
        it.setData(CODE, code)
        it.setData(Qt.ItemDataRole.UserRole + 1, fold(f"{name} {code}"))
        lst.addItem(it)

    def _fill_provinces(self, provinces: list[areas_mod.OfficialUnit]) -> None:
        self.provinces.clear()
        for p in provinces:
            self._add(self.provinces, p.code, p.name)
        self._filter(self.provinces, self.province_search.text())

    def _on_province(self, item: QListWidgetItem | None, _prev: QListWidgetItem | None = None) -> None:
        self.units.clear()
        self.create_button.setEnabled(False)
        if item is None:
            return
        code = str(item.data(CODE))
        background.run(lambda: (code, areas_mod.official_units(code)), self._fill_units, self._failed, owner=self)

    def _fill_units(self, res: tuple[str, list[areas_mod.OfficialUnit]]) -> None:
        code, units = res
        if self.province_code() != code:
            return  # another province was chosen meanwhile
        self.units.clear()
        for u in units:
            self._add(self.units, u.code, u.name)
        self._filter(self.units, self.unit_search.text())
        self._update_summary()
        self.units_shown.emit()

    def province_code(self) -> str | None:
        it = self.provinces.currentItem()
        return None if it is None else str(it.data(CODE))

    def commune_code(self) -> str | None:
        it = self.units.currentItem()
        return None if it is None or it.isHidden() else str(it.data(CODE))

    def _update_summary(self, *_a: Any) -> None:
        p, c = self.provinces.currentItem(), self.units.currentItem()
        if p is None:
            self.summary.setText("")
            return
        self.create_button.setEnabled(self.units.count() > 0)
        text = self.tr("{province}: {n} communes and wards will be created.").format(province=p.text(), n=self.units.count())
        if c is not None and not c.isHidden():
            text += " " + self.tr("Your commune: {commune}.").format(commune=c.text())
        self.summary.setText(text)

    def create_areas(self) -> None:  # (not `create`: that is QWidget's, which makes the native window)
        province, commune = self.province_code(), self.commune_code()
        if province is None:
            return
        self.create_button.setEnabled(False)
        self.summary.setText(self.tr("Creating the areas…"))
        self.hub.write(lambda s: create_official(s, province, commune), self._done, self._failed)

    def _done(self, report: dict[str, Any]) -> None:
        self.created.emit(report)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        from schedules.errors import LoaxaError

        self.create_button.setEnabled(self.units.count() > 0)
        self.summary.setText("⚠ " + (exc.message if isinstance(exc, LoaxaError) else str(exc)))
