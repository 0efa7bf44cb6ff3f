"""Nhập gói nội dung (Import bundle): a step-by-step import of a bundle from the province or
district, and the list of bundles imported so far.

1. choose the file (button, or drop it on the page);
2. check it: every check of the import runs as a dry run (format, ZIP safety, hashes, audio,
   signature, revision), nothing is kept;
3. preview what the import would add, replace, supersede and skip, with the signature's state;
4. import it (all or nothing) with progress while the new items are analysed and rendered;
5. the report: what was added, and any item flagged for attention.

A refused bundle shows why in red and changes nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from schedules import areas as areas_mod
from schedules import bundles as bnd
from schedules import settings as settings_mod
from schedules.timeutil import DEFAULT_TZ, zone

from .. import background
from ..formatting import format_datetime
from ..hub import Hub

STEPS = ("choose", "check", "preview", "import", "report")
BANNER = {
    "ok": "background:#e6f4ea; color:#0d5223; border:1px solid #1b7f3a;",
    "warn": "background:#fff4e5; color:#6b3d00; border:1px solid #c77700;",
    "error": "background:#fdecea; color:#7a1712; border:1px solid #b3261e;",
    "info": "background:#eef3fb; color:#1d3557; border:1px solid #5b7db1;",
}
CHANGES = frozenset({"items", "playlists", "schedules", "bundles", "plan", "keys"})


def load_history(s: Session) -> dict[str, Any]:
    """The bundles imported so far, and the names of the areas and endpoints (for the preview)."""
    names = dict(areas_mod.target_names(s))
    rows = [
        {
            "id": b.bundle_id,
            "revision": b.revision,
            "issuer": b.issuer_name or b.issuer_code,
            "signed": b.signed,
            "state": b.state,
            "imported_at": b.imported_at,
        }
        for b in bnd.bundle_rows(s)
    ]
    return {"rows": rows, "names": names}


def _local(dt: datetime) -> datetime:
    return (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).astimezone(zone(DEFAULT_TZ))


class _Progress(QObject):
    """Carries the renditions' progress (a worker thread) to the GUI thread."""

    progressed = Signal(int, int, str)


class BundlePage(QWidget):
    loaded = Signal()  # the history is shown
    checked = Signal(object)  # the dry run's report
    imported = Signal(object)  # the import's report
    refused = Signal(str)  # why the bundle was refused

    def __init__(self, hub: Hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.path: Path | None = None
        self.report: dict[str, Any] | None = None
        self.names: dict[str, str] = {}
        self.step = "choose"
        self.busy = False
        self.setAcceptDrops(True)

        heading = QLabel("<h2>" + self.tr("Import a content bundle") + "</h2>")
        intro = QLabel(
            self.tr(
                "Bundles come from the province or the district: audio, playlists and schedules in one signed file. "
                "LoaXa checks everything before it changes anything, and imports all of it or nothing."
            )
        )
        intro.setWordWrap(True)
        self.steps = QLabel()
        self.steps.setTextFormat(Qt.TextFormat.RichText)

        self.file = QLineEdit()
        self.file.setReadOnly(True)
        self.file.setPlaceholderText(self.tr("Choose a bundle file (.loaxa or .zip), or drop it here"))
        self.choose_button = QPushButton(self.tr("Choose file…"))
        self.allow_unsigned = QCheckBox(self.tr("Accept a bundle without a trusted signature (only if you know where it came from)"))
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(self.choose_button)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.setVisible(False)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.preview = QTreeWidget()
        self.preview.setHeaderLabels([self.tr("What changes"), self.tr("Details")])
        self.preview.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setEnabled(False)
        self.reset_button = QPushButton(self.tr("Start over"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 3)
        buttons.addStretch(1)
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.import_button)

        self.history = QTableWidget(0, 6)
        self.history.setHorizontalHeaderLabels(
            [self.tr("Bundle"), self.tr("Revision"), self.tr("Issuer"), self.tr("Signature"), self.tr("State"), self.tr("Imported")]
        )
        self.history.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.history.verticalHeader().setVisible(False)

        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        for w in (heading, intro, self.steps):
            tl.addWidget(w)
        tl.addLayout(row)
        tl.addWidget(self.allow_unsigned)
        tl.addWidget(self.banner)
        tl.addWidget(self.summary)
        tl.addWidget(self.preview, 1)
        tl.addLayout(buttons)
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(QLabel("<b>" + self.tr("Bundles imported") + "</b>"))
        bl.addWidget(self.history)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.addWidget(split)

        self.choose_button.clicked.connect(lambda: self.choose_file())
        self.import_button.clicked.connect(self.start_import)
        self.reset_button.clicked.connect(self.reset)
        self.allow_unsigned.toggled.connect(self._unsigned_toggled)
        hub.changed.connect(lambda w: self.refresh() if w & {"bundles", "items"} else None)
        self._show_step("choose")
        self.refresh()

    # --- the steps ---------------------------------------------------------------------------

    def _show_step(self, step: str) -> None:
        self.step = step
        names = {
            "choose": self.tr("1. Choose"),
            "check": self.tr("2. Check"),
            "preview": self.tr("3. Preview"),
            "import": self.tr("4. Import"),
            "report": self.tr("5. Report"),
        }
        at = STEPS.index(step)
        parts = []
        for i, key in enumerate(STEPS):
            text = names[key]
            if i == at:
                parts.append(f"<b style='color:#1d3557'>{text}</b>")
            elif i < at:
                parts.append(f"<span style='color:#1b7f3a'>{text} ✓</span>")
            else:
                parts.append(f"<span style='color:#777'>{text}</span>")
        self.steps.setText(" &nbsp;›&nbsp; ".join(parts))
        self.choose_button.setEnabled(not self.busy)
        self.allow_unsigned.setEnabled(not self.busy)
        self.reset_button.setEnabled(not self.busy and step != "choose")
        self.import_button.setEnabled(not self.busy and step == "preview" and self.report is not None and self.report.get("outcome") == "dry_run")

    def _say(self, kind: str, text: str) -> None:
        self.banner.setStyleSheet(f"QLabel {{ {BANNER[kind]} padding:8px; border-radius:4px; }}")
        self.banner.setText(text)
        self.banner.setProperty("kind", kind)
        self.banner.setVisible(bool(text))

    def reset(self) -> None:
        if self.busy:
            return
        self.path = None
        self.report = None
        self.file.clear()
        self.preview.clear()
        self.summary.clear()
        self.banner.setVisible(False)
        self.progress.setVisible(False)
        self._show_step("choose")

    def choose_file(self, path: str | Path | None = None) -> None:
        """Step 1: the file (a dialog when no path is given); the check follows at once."""
        if self.busy:
            return
        if path is None:
            chosen, _f = QFileDialog.getOpenFileName(self, self.tr("Choose a content bundle"), "", self.tr("Content bundles (*.loaxa *.zip);;All files (*)"))
            if not chosen:
                return
            path = chosen
        self.path = Path(path)
        self.file.setText(str(self.path))
        self.check()

    def _unsigned_toggled(self, _on: bool) -> None:
        if self.path is not None and not self.busy and self.step in ("check", "preview"):
            self.check()  # the policy changed: check again

    def check(self) -> None:
        """Step 2: a dry run of the import: every check, nothing kept."""
        if self.path is None or self.busy:
            return
        ws, path, allow = self.hub.ws, self.path, self.allow_unsigned.isChecked()
        self.report = None
        self.preview.clear()
        self.summary.clear()
        self._say("info", self.tr("Checking the bundle: its format, every audio file and the signature…"))
        self._busy(True)
        self._show_step("check")

        def job() -> dict[str, Any]:
            from broadcast import bundles as bb

            return bb.import_bundle(ws, path, allow_unsigned=allow, dry_run=True).report

        background.run(job, self._on_checked, self._on_refused, owner=self, pool=self.hub.writer)

    def _on_checked(self, report: dict[str, Any]) -> None:
        self._busy(False)
        self.report = report
        b = report["bundle"]
        if report["outcome"] == "unchanged":
            self._say(
                "info",
                self.tr("This bundle (revision {revision}) is already imported; importing it again would change nothing.").format(revision=b["revision"]),
            )
            self._show_step("preview")
            self.checked.emit(report)
            return
        self._say(*self._signature(report["signature"]))
        self._fill_preview(report)
        self.summary.setText(self._summary(report, done=False))
        self._show_step("preview")
        self.import_button.setFocus()
        self.checked.emit(report)

    def _on_refused(self, exc: BaseException) -> None:
        from schedules.errors import LoaxaError

        self._busy(False)
        self.report = None
        message = exc.message if isinstance(exc, LoaxaError) else (str(exc) or type(exc).__name__)
        kind = getattr(exc, "kind", None)
        hint = ""
        if kind == "unsigned":
            hint = self.tr("If you know where this file came from, tick “{option}”: it is checked again at once.").format(option=self.allow_unsigned.text())
        elif kind == "untrusted_key":
            hint = self.tr("Ask the issuer for its public key file and trust it on the Settings page, then check the bundle again.")
        text = self.tr("The bundle was refused; nothing was changed.") + "\n" + message + (("\n" + hint) if hint else "")
        self._say("error", text)
        self._show_step("check" if self.step == "check" else "import")
        self.refused.emit(message)

    def start_import(self) -> None:
        """Step 4: the import itself (all or nothing), then analysis and renditions of new items."""
        if self.path is None or self.busy or self.report is None or self.report.get("outcome") != "dry_run":
            return
        ws, path, allow = self.hub.ws, self.path, self.allow_unsigned.isChecked()
        carrier = _Progress(self)
        carrier.progressed.connect(self._on_progress)
        self._busy(True)
        self._show_step("import")
        self._say("info", self.tr("Importing…"))

        def job() -> dict[str, Any]:
            from broadcast import bundles as bb

            with ws.sessions() as s:
                actor = str(settings_mod.get(s, "operator.name") or "").strip() or "gui"
            return bb.import_bundle(ws, path, allow_unsigned=allow, actor=actor, progress=lambda p: carrier.progressed.emit(p.done, p.total, p.name)).report

        background.run(job, self._on_imported, self._on_refused, owner=self, pool=self.hub.writer)

    def _on_progress(self, done: int, total: int, name: str) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        self.progress.setFormat(self.tr("Preparing the audio: {done}/{total}").format(done=done, total=total))

    def _on_imported(self, report: dict[str, Any]) -> None:
        self._busy(False)
        self.report = report
        flagged = report.get("flagged") or []
        if report["outcome"] == "unchanged":
            self._say("info", str(report.get("message") or self.tr("Nothing changed.")))
        elif flagged:
            self._say("warn", self.tr("Imported. {n} items need attention (see below): they stay drafts until they are fixed.").format(n=len(flagged)))
        else:
            self._say("ok", self.tr("Imported. The new schedules are in the broadcast calendar."))
        self._fill_preview(report)
        self.summary.setText(self._summary(report, done=True))
        self._show_step("report")
        self.hub.changed.emit(CHANGES)
        self.imported.emit(report)

    def _busy(self, on: bool) -> None:
        self.busy = on
        if on:
            self.progress.setRange(0, 0)
            self.progress.setFormat("")
        self.progress.setVisible(on)

    # --- what the report says ----------------------------------------------------------------

    def _signature(self, sig: dict[str, Any]) -> tuple[str, str]:
        key = (sig.get("key_id") or "")[:16]
        if sig["state"] == "verified":
            return "ok", self.tr("Signature verified: signed by {name}, a trusted key ({key}).").format(name=sig.get("key_name") or "-", key=key)
        if sig["state"] == "unknown_key":
            return "warn", self.tr(
                "Signed by key {key}, which is not trusted here: the signature cannot be checked. Import only if you know where the file came from."
            ).format(key=key)
        return "warn", self.tr("Not signed: nothing proves who made this bundle. Import only if you know where the file came from.")

    def _summary(self, r: dict[str, Any], *, done: bool) -> str:
        b = r["bundle"]
        issuer = b["issuer"]["name"] or b["issuer"]["code"]
        head = self.tr("Bundle from {issuer}, revision {revision}, made {created}.").format(
            issuer=issuer, revision=b["revision"], created=format_datetime(_local(datetime.fromisoformat(b["created_at"])))
        )
        counts = self.tr("{added} items added, {reused} already in the library, {playlists} playlists, {schedules} schedules, {skipped} skipped.").format(
            added=len(r["added"]["items"]),
            reused=len(r["reused"]),
            playlists=len(r["added"]["playlists"]) + len(r["updated"]["playlists"]),
            schedules=len(r["added"]["schedules"]),
            skipped=len(r["skipped"]),
        )
        lead = self.tr("The import did this:") if done else self.tr("Importing would do this (nothing is changed yet):")
        return f"{head}\n{lead} {counts}"

    def _group(self, title: str, rows: list[tuple[str, str]], *, expanded: bool = True, kind: str = "") -> None:
        if not rows:
            return
        top = QTreeWidgetItem([f"{title} ({len(rows)})", ""])
        top.setData(0, Qt.ItemDataRole.UserRole, kind)
        font = top.font(0)
        font.setBold(True)
        top.setFont(0, font)
        for a, b in rows:
            child = QTreeWidgetItem([a, b])
            child.setToolTip(0, a)
            child.setToolTip(1, b)
            top.addChild(child)
        self.preview.addTopLevelItem(top)
        top.setExpanded(expanded)

    def _fill_preview(self, r: dict[str, Any]) -> None:
        self.preview.clear()
        done = r["outcome"] == "imported"
        items = [(it["title"], self.tr("{seconds} s").format(seconds=it["duration_s"]) + (f" · #{it['id']}" if done else "")) for it in r["added"]["items"]]
        self._group(self.tr("New items"), items, kind="items")
        self._group(self.tr("Items updated"), [(it["title"], f"#{it['id']}") for it in r["updated"]["items"]], kind="updated")
        self._group(
            self.tr("Already in the library"),
            [(str(it.get("title") or it.get("bundle_item") or ""), str(it["message"])) for it in r["reused"]],
            expanded=False,
            kind="reused",
        )
        self._group(self.tr("New playlists"), [(pl["name"], "") for pl in r["added"]["playlists"]], kind="playlists")
        self._group(self.tr("Playlists replaced"), [(pl["name"], "") for pl in r["updated"]["playlists"]], kind="playlists_updated")
        self._group(
            self.tr("New schedules"),
            [(", ".join(sc["times"]), ", ".join(self._place(c) for c in sc["targets"])) for sc in r["added"]["schedules"]],
            kind="schedules",
        )
        self._group(self.tr("Approved by the issuer"), [(f"#{a['id']}", str(a["by"])) for a in r["approved"]], expanded=False, kind="approved")
        sup = r.get("superseded")
        if sup:
            rows = [
                (self.tr("Schedules removed"), str(len(sup["schedules_removed"]))),
                (self.tr("Playlists removed"), str(len(sup["playlists_removed"]))),
                (self.tr("Items retired"), str(len(sup["items_retired"]))),
            ]
            rows += [("", str(k["message"])) for k in (*sup["playlists_kept"], *sup["items_kept"])]
            self._group(self.tr("Replaces revision {revision} (the as-run history is kept)").format(revision=sup["revision"]), rows, kind="superseded")
        self._group(self.tr("Skipped"), [("", str(sk["message"])) for sk in r["skipped"]], kind="skipped")
        self._group(self.tr("Needs attention"), [(f"#{f['id']}", str(f["message"])) for f in r.get("flagged") or []], kind="flagged")
        self.preview.resizeColumnToContents(0)

    def _place(self, code: str) -> str:
        name = self.names.get(code)
        return f"{name} ({code})" if name else code

    def preview_groups(self) -> dict[str, int]:
        """What the preview shows: group kind → rows (for tests and screenshots)."""
        out: dict[str, int] = {}
        for i in range(self.preview.topLevelItemCount()):
            top = self.preview.topLevelItem(i)
            if top is not None:
                out[str(top.data(0, Qt.ItemDataRole.UserRole))] = top.childCount()
        return out

    # --- the list of imported bundles --------------------------------------------------------

    def refresh(self) -> None:
        self.hub.read(load_history, self._on_history)

    def _on_history(self, d: dict[str, Any]) -> None:
        rows = d["rows"]
        self.names = d["names"]
        self.history.setRowCount(len(rows))
        states = {"active": self.tr("in use"), "superseded": self.tr("replaced")}
        for i, r in enumerate(rows):
            cells = [
                r["id"][:8],
                str(r["revision"]),
                r["issuer"],
                self.tr("signed") if r["signed"] else self.tr("not signed"),
                states.get(r["state"], r["state"]),
                format_datetime(_local(r["imported_at"])),
            ]
            for j, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if j == 0:
                    cell.setToolTip(r["id"])
                self.history.setItem(i, j, cell)
        self.loaded.emit()

    # --- drop a file on the page -------------------------------------------------------------

    def dragEnterEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].isLocalFile() and not self.busy:
            event.acceptProposedAction()

    def dropEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            self.choose_file(urls[0].toLocalFile())
