"""Importing audio into the library: buttons for files and folders, progress and cancel; the
import runs in the background. Its strings keep the translation context "LibraryPage"."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QProgressBar, QPushButton, QVBoxLayout, QWidget

from ... import background
from ...hub import Hub


class ImportProgress(QObject):
    """Carries the importer's progress (a worker thread) to the GUI thread."""

    progressed = Signal(int, int, str)


class ImportPanel(QWidget):
    """The import buttons (and room for other actions beside them), a progress bar and cancel."""

    imported = Signal(object)  # the ImportReport

    def __init__(self, hub: Hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self._cancel: threading.Event | None = None
        self.import_files_button = QPushButton(QCoreApplication.translate("LibraryPage", "Import files…"))
        self.import_folder_button = QPushButton(QCoreApplication.translate("LibraryPage", "Import folder…"))
        self.buttons = QHBoxLayout()
        self.buttons.setContentsMargins(0, 0, 0, 0)
        self.buttons.addWidget(self.import_files_button)
        self.buttons.addWidget(self.import_folder_button)
        self.buttons.addStretch(1)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(QCoreApplication.translate("LibraryPage", "Cancel import"))
        self.cancel_button.setVisible(False)
        prog = QHBoxLayout()
        prog.addWidget(self.progress, 1)
        prog.addWidget(self.cancel_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(self.buttons)
        lay.addLayout(prog)
        self.import_files_button.clicked.connect(self.choose_files)
        self.import_folder_button.clicked.connect(self.choose_folder)
        self.cancel_button.clicked.connect(self.cancel_import)

    def add_action(self, button: QPushButton) -> None:
        """Put ``button`` after the import buttons and the actions added before it."""
        self.buttons.insertWidget(self.buttons.count() - 1, button)

    def choose_files(self) -> None:
        files, _f = QFileDialog.getOpenFileNames(
            self,
            QCoreApplication.translate("LibraryPage", "Import audio files"),
            "",
            QCoreApplication.translate("LibraryPage", "Audio (*.mp3 *.wav *.m4a *.aac *.ogg *.opus *.flac *.amr *.wma);;All files (*)"),
        )
        if files:
            self.start_import(files)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, QCoreApplication.translate("LibraryPage", "Import a folder"))
        if folder:
            self.start_import([folder])

    def start_import(self, paths: list[str]) -> None:
        """Import in the background with a progress bar and a cancel button."""
        from broadcast import importer

        ws = self.hub.ws
        cancel = self._cancel = threading.Event()
        carrier = ImportProgress(self)
        carrier.progressed.connect(self._on_progress)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.import_files_button.setEnabled(False)
        self.import_folder_button.setEnabled(False)

        def job() -> Any:
            return importer.import_files(ws, paths, progress=lambda p: carrier.progressed.emit(p.done, p.total, p.name), cancel=cancel, actor="gui")

        background.run(job, self._on_imported, self._on_import_failed, owner=self)

    def _on_progress(self, done: int, total: int, name: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setFormat(f"{done}/{total} {name}")

    def cancel_import(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    def _import_done(self) -> None:
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.import_files_button.setEnabled(True)
        self.import_folder_button.setEnabled(True)
        self._cancel = None

    def _on_imported(self, report: Any) -> None:
        self._import_done()
        self.hub.changed.emit(frozenset({"items"}))
        self.imported.emit(report)

    def _on_import_failed(self, exc: BaseException) -> None:
        self._import_done()
        from ...errors import report_exception

        report_exception(exc, self)
