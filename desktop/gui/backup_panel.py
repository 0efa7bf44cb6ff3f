"""Backup and restore from the window: "Sao lưu ngay" and "Khôi phục…" on the settings page.

Both run in the background with a progress bar (``schedules.backup.create`` reports each file it
writes; a restore is checked completely first and then swapped in, so its bar is a busy one).
A restore first shows what the backup holds and when it was made and asks for confirmation;
an engine airing from this database is stopped for the swap and started again afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from schedules.errors import LoaxaError
from schedules.timeutil import DEFAULT_TZ, zone

from . import background
from .formatting import format_datetime
from .hub import PLAN, Hub

EVERYTHING = PLAN | {"runs", "keys", "bundles", "settings"}


class _Progress(QObject):
    """Carries progress from the worker thread to the GUI thread (a queued signal)."""

    moved = Signal(int, int)


@dataclass(frozen=True)
class BackupSummary:
    """What a checked backup file holds, for the confirmation."""

    path: Path
    created_at: datetime | None
    schema_revision: str
    database: str
    media_files: int
    files: int
    size_bytes: int
    secrets: str


def summarise(path: Path) -> BackupSummary:
    """Check ``path`` completely (schedules.backup.verify) and say what it holds."""
    from schedules import backup

    v = backup.verify(path)
    m = v.manifest
    created: datetime | None = None
    try:
        created = datetime.fromisoformat(str(m.get("created_at")))
    except ValueError:
        created = None
    return BackupSummary(
        Path(path),
        created,
        str(m.get("schema_revision") or ""),
        str(m.get("database") or "sqlite"),
        sum(1 for e in v.entries if e.startswith("media/")),
        len(v.entries),
        sum(int(e.get("size", 0)) for e in v.entries.values()),
        str(m.get("secrets") or "none"),
    )


def _megabytes(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


class BackupPanel(QGroupBox):
    """Two buttons, a progress bar and a line saying what happened."""

    backed_up = Signal(object)  # the BackupReport
    restored = Signal(bool)  # whether an engine was airing before (and is to be started again)
    failed = Signal(str)  # the message shown

    def __init__(self, hub: Hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Backup and restore"))
        self.hub = hub
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.restore_button = QPushButton(self.tr("Restore…"))
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel(self.tr("A backup holds the database, every audio file and the window settings; passwords only when you give a passphrase."))
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        row.addWidget(self.progress, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addWidget(self.status)
        self.backup_button.clicked.connect(self.choose_backup)
        self.restore_button.clicked.connect(self.choose_restore)
        self._relay = _Progress(self)
        self._relay.moved.connect(self._on_progress)
        self.last_summary: BackupSummary | None = None

    # -- backing up --------------------------------------------------------------------------

    def choose_backup(self) -> None:
        default = Path.home() / f"loaxa-{datetime.now():%Y%m%d-%H%M}.zip"
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Back up to"), str(default), self.tr("LoaXa backup (*.zip)"))
        if not path:
            return
        phrase, ok = QInputDialog.getText(
            self,
            self.tr("Passphrase for the passwords"),
            self.tr(
                "Endpoint passwords travel in the backup only encrypted with a passphrase. Give one (at least 8 characters), or leave it empty to leave them out."
            ),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        self.backup_to(Path(path), phrase or None)

    def backup_to(self, path: Path, passphrase: str | None = None) -> None:
        """Write a backup to ``path`` in the background, with progress."""
        from schedules import backup

        ws = self.hub.ws
        relay = self._relay

        def job() -> Any:
            return backup.create(ws, path, force=True, passphrase=passphrase, progress=lambda done, total: relay.moved.emit(done, total))

        self._busy(self.tr("Backing up to {path}…").format(path=path), determinate=True)
        background.run(job, self._on_backed_up, self._on_failed, owner=self)

    def _on_backed_up(self, report: Any) -> None:
        self._idle()
        secrets = {"encrypted": self.tr("passwords encrypted"), "excluded": self.tr("passwords left out"), "none": ""}.get(report.secrets, "")
        text = self.tr("Backed up: {files} files, {size} in {path}.").format(files=report.files, size=_megabytes(report.bytes), path=report.path)
        self.status.setText(f"{text} {secrets}".strip())
        self.backed_up.emit(report)

    # -- restoring ---------------------------------------------------------------------------

    def choose_restore(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Restore from"), str(Path.home()), self.tr("LoaXa backup (*.zip)"))
        if path:
            self.check_then_restore(Path(path))

    def check_then_restore(self, path: Path) -> None:
        """Check the file in the background, show what it holds and ask; then restore."""
        self._busy(self.tr("Checking {path}…").format(path=path), determinate=False)
        background.run(lambda: summarise(path), self._confirm, self._on_failed, owner=self)

    def describe(self, s: BackupSummary) -> str:
        when = format_datetime(s.created_at.astimezone(zone(DEFAULT_TZ))) if s.created_at else self.tr("unknown")
        secrets = {
            "encrypted": self.tr("endpoint passwords, encrypted"),
            "excluded": self.tr("no endpoint passwords (enter them again after restoring)"),
            "none": self.tr("no endpoint passwords"),
        }.get(s.secrets, s.secrets)
        return self.tr(
            "Backup made on {when}\nDatabase ({database}, schema {revision}), {media} audio files, {size} in all; {secrets}.\n\n"
            "Restoring replaces everything in this data folder (items, playlists, schedules, history). The engine is stopped while it happens and started again after."
        ).format(when=when, database=s.database, revision=s.schema_revision, media=s.media_files, size=_megabytes(s.size_bytes), secrets=secrets)

    def _confirm(self, summary: BackupSummary) -> None:
        self._idle()
        self.last_summary = summary
        self.status.setText(self.describe(summary).split("\n\n")[0])
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Restore this backup?"),
            self.describe(summary),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        if box.exec() != QMessageBox.StandardButton.Yes:
            self.status.setText(self.tr("Nothing was restored."))
            return
        passphrase: str | None = None
        if summary.secrets == "encrypted":
            phrase, ok = QInputDialog.getText(
                self, self.tr("Passphrase"), self.tr("The passphrase of this backup's passwords (empty: restore without them)."), QLineEdit.EchoMode.Password
            )
            passphrase = (phrase or None) if ok else None
        self.restore_from(summary.path, passphrase)

    def restore_from(self, path: Path, passphrase: str | None = None) -> None:
        """Restore ``path`` in the background (the confirmation is the caller's)."""
        from schedules import backup, lease

        ws = self.hub.ws

        def job() -> bool:
            with ws.session() as s:
                was_airing = lease.read(s, datetime.now(UTC)).alive
            backup.restore(ws, path, force=True, stop_engine=True, passphrase=passphrase)
            return was_airing

        self._busy(self.tr("Restoring {path}… (the engine is stopped meanwhile)").format(path=path), determinate=False)
        background.run(job, self._on_restored, self._on_failed, owner=self)

    def _on_restored(self, was_airing: bool) -> None:
        self._idle()
        self.status.setText(
            self.tr("Restored. Every page shows the restored data.") + (" " + self.tr("The engine is being started again.") if was_airing else "")
        )
        self.hub.changed.emit(frozenset(EVERYTHING))
        self.restored.emit(was_airing)

    # -- both --------------------------------------------------------------------------------

    def _busy(self, text: str, *, determinate: bool) -> None:
        self.backup_button.setEnabled(False)
        self.restore_button.setEnabled(False)
        self.progress.setRange(0, 100 if determinate else 0)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.status.setText(text)

    def _idle(self) -> None:
        self.backup_button.setEnabled(True)
        self.restore_button.setEnabled(True)
        self.progress.setVisible(False)

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0 and self.progress.maximum() > 0:
            self.progress.setValue(int(100 * done / total))
            self.progress.setFormat(self.tr("{done} of {total} files").format(done=done, total=total))

    def _on_failed(self, exc: BaseException) -> None:
        self._idle()
        if not isinstance(exc, LoaxaError):
            from .errors import report_exception

            report_exception(exc)
            return
        self.status.setText(exc.message)
        self.failed.emit(exc.message)
