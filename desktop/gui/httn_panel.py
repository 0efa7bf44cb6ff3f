"""The province's source information system (HTTTN) in the window: the Settings group (server
address, source id, user, where the password is kept, a CA file, a connection test that runs off
the GUI thread) and what the Today page shows of messages the province refused.

The same settings as ``loaxa httn setup``; the password is never a setting and never shown: it
goes to the keyring or an owner-only file (``schedules.httn.store_password``)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from schedules import httn
from schedules.errors import InputRefused, LoaxaError
from schedules.i18n import _
from schedules.models import HttnMessage

from . import background
from .hub import Hub

# ---------------------------------------------------------------------------------------------
# Reads and writes (run in the background by the panel and the Today page)


def load_state(s: Session) -> dict[str, Any]:
    """The HTTTN settings as they are, where the password is kept, and the outbox's counts."""
    d = {
        key: httn._setting(s, f"httn.{key}", default)
        for key, default in (("url", ""), ("source_id", ""), ("user", ""), ("cafile", ""), ("areas", ""), ("approve_emergency", False), ("secret_store", ""))
    }
    counts = dict(s.execute(select(HttnMessage.state, func.count()).group_by(HttnMessage.state)).all())
    d["waiting"], d["sent"], d["refused"] = int(counts.get("pending", 0)), int(counts.get("sent", 0)), int(counts.get("failed", 0))
    return d


def refused_messages(s: Session, limit: int = 5) -> tuple[int, list[tuple[int, str, str]]]:
    """How many messages the province refused for good, and the latest few (id, kind, reason)."""
    n = int(s.scalar(select(func.count()).select_from(HttnMessage).where(HttnMessage.state == "failed")) or 0)
    rows = s.execute(
        select(HttnMessage.id, HttnMessage.kind, HttnMessage.last_error).where(HttnMessage.state == "failed").order_by(HttnMessage.id.desc()).limit(limit)
    ).all()
    return n, [(int(i), str(k), str(r or "")) for i, k, r in rows]


def requeue_refused(s: Session) -> int:
    """Send every refused message again (``loaxa httn retry --all``): after the province fixed its side."""
    from datetime import UTC, datetime

    from sqlalchemy import update

    res = s.execute(
        update(HttnMessage).where(HttnMessage.state == "failed").values(state="pending", attempts=0, next_attempt_at=datetime.now(UTC), last_error=None)
    )
    return int(res.rowcount or 0)  # type: ignore[attr-defined]


def checked_values(url: str, source_id: str, user: str, cafile: str, areas: str, approve_emergency: bool) -> dict[str, Any]:
    """The form's values as ``httn.*`` settings, each checked as ``httn setup`` checks it (exit 3)."""
    values: dict[str, Any] = {"httn.url": httn.check_url(url), "httn.source_id": httn.check_source_id(source_id), "httn.user": user.strip()}
    if not values["httn.user"]:
        raise InputRefused(_("--user: give the user name the province gave this commune."))
    cafile = cafile.strip()
    if cafile and not Path(cafile).is_file():
        raise InputRefused(_("--cafile: {path} does not exist.", path=cafile))
    values["httn.cafile"] = str(Path(cafile).resolve()) if cafile else ""
    values["httn.areas"] = ",".join(httn.check_areas(areas))
    values["httn.approve_emergency"] = bool(approve_emergency)
    return values


def check_login(cfg: httn.Config) -> None:
    """Log in once at the province server (the connection test); an HttnError says why not."""
    from broadcast.httn.client import HttnClient

    async def go() -> None:
        async with HttnClient(cfg, timeout=10) as c:
            await c.login()

    asyncio.run(go())


# ---------------------------------------------------------------------------------------------
# The Settings group


class HttnPanel(QGroupBox):
    """ "Hệ thống thông tin nguồn (HTTTN)" on the Settings page."""

    saved = Signal()
    tested = Signal(bool, str)  # accepted?, the message shown

    def __init__(self, hub: Hub, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Province source information system (HTTTN)"), parent)
        self.hub = hub
        self.state: dict[str, Any] = {}
        f = QFormLayout(self)
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://htttn.tinh.gov.vn/api")
        self.source_id = QLineEdit()
        self.source_id.setPlaceholderText(self.tr("the source id the province gave (NguonId)"))
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.credentials = QLabel()  # where the password is kept: the keyring or an owner-only file
        self.credentials.setWordWrap(True)
        self.cafile = QLineEdit()
        self.cafile.setPlaceholderText(self.tr("none: the system's certificates"))
        self.cafile_button = QPushButton(self.tr("Choose…"))
        self.areas = QLineEdit()
        self.areas.setPlaceholderText(self.tr("area codes, the commune's own first (e.g. 694)"))
        self.approve_emergency = QCheckBox(self.tr("Province bulletins of priority 1 arrive approved"))
        self.test_button = QPushButton(self.tr("Test the connection"))
        self.save_button = QPushButton(self.tr("Save and connect"))
        self.retry_button = QPushButton(self.tr("Send refused messages again"))
        self.queue = QLabel()
        self.queue.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        ca = QHBoxLayout()
        ca.addWidget(self.cafile, 1)
        ca.addWidget(self.cafile_button)
        buttons = QHBoxLayout()
        for b in (self.test_button, self.save_button, self.retry_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        f.addRow(self.tr("Server address"), self.url)
        f.addRow(self.tr("Source id (NguonId)"), self.source_id)
        f.addRow(self.tr("User name"), self.user)
        f.addRow(self.tr("Password"), self.password)
        f.addRow("", self.credentials)
        f.addRow(self.tr("Certificate authority (PEM)"), ca)
        f.addRow(self.tr("Areas (DiaBan)"), self.areas)
        f.addRow("", self.approve_emergency)
        f.addRow(buttons)
        f.addRow(self.tr("Messages"), self.queue)
        f.addRow(self.status)
        self.cafile_button.clicked.connect(self.choose_cafile)
        self.test_button.clicked.connect(self.test_connection)
        self.save_button.clicked.connect(self.save)
        self.retry_button.clicked.connect(self.retry_refused)
        hub.changed.connect(lambda w: self.refresh() if w & {"settings", "httn"} else None)
        self.refresh()

    def refresh(self) -> None:
        self.hub.read(load_state, self._on_loaded)

    def _on_loaded(self, d: dict[str, Any]) -> None:
        self.state = d
        self.url.setText(d["url"])
        self.source_id.setText(d["source_id"])
        self.user.setText(d["user"])
        self.cafile.setText(d["cafile"])
        self.areas.setText(d["areas"])
        self.approve_emergency.setChecked(bool(d["approve_emergency"]))
        store = d["secret_store"]
        if not d["url"]:
            self.credentials.setText(self.tr("Not connected to a province server."))
            self.password.setPlaceholderText("")
        else:
            where = self.tr("the system keyring") if store == "keyring" else self.tr("an owner-only file in the data folder")
            self.credentials.setText(self.tr("The password of {user} is kept in {where}; it is never shown.").format(user=d["user"], where=where))
            self.password.setPlaceholderText(self.tr("leave empty to keep the kept password"))
        self.queue.setText(
            self.tr("{waiting} waiting, {sent} sent, {refused} refused by the province.").format(waiting=d["waiting"], sent=d["sent"], refused=d["refused"])
        )
        self.retry_button.setEnabled(d["refused"] > 0)

    def _form(self) -> tuple[str, str, str, str, str, bool, str]:
        return (
            self.url.text(),
            self.source_id.text(),
            self.user.text(),
            self.cafile.text(),
            self.areas.text(),
            self.approve_emergency.isChecked(),
            self.password.text(),
        )

    def _busy(self, busy: bool, text: str = "") -> None:
        for b in (self.test_button, self.save_button):
            b.setEnabled(not busy)
        if text:
            self.status.setStyleSheet("")
            self.status.setText(text)

    def _say(self, ok: bool, text: str) -> None:
        self.status.setStyleSheet("color: #1b7f3a;" if ok else "color: #b3261e;")
        self.status.setText(("✓ " if ok else "⚠ ") + text)

    def choose_cafile(self) -> None:
        path, _sel = QFileDialog.getOpenFileName(self, self.tr("The province's certificate authority (PEM)"), self.cafile.text(), "PEM (*.pem *.crt *.cer);;*")
        if path:
            self.cafile.setText(path)

    def test_connection(self) -> None:
        """Log in once with what the form holds (the kept password when none is typed), in the
        background: a slow or unreachable province never freezes the window."""
        url, source_id, user, cafile, areas, approve, password = self._form()
        ws = self.hub.ws
        store = str(self.state.get("secret_store") or "file")
        self._busy(True, self.tr("Connecting to the province server…"))

        def job() -> str:
            values = checked_values(url, source_id, user, cafile, areas, approve)
            with ws.sessions() as s:
                profile = httn.Profile.from_dict(httn._setting(s, "httn.profile", {}))
            pw = password or httn.load_password(ws.data_dir, values["httn.url"], values["httn.user"], store=store)
            if not pw:
                raise InputRefused(_("Type the password the province gave this commune."))
            check_login(
                httn.Config(
                    url=values["httn.url"],
                    source_id=values["httn.source_id"],
                    user=values["httn.user"],
                    password=pw,
                    cafile=values["httn.cafile"] or None,
                    profile=profile,
                    areas=(),
                )
            )
            return str(values["httn.url"])

        def done(u: str) -> None:
            self._busy(False)
            msg = self.tr("Connected: {url} accepted the login.").format(url=u)
            self._say(True, msg)
            self.tested.emit(True, msg)

        def failed(exc: BaseException) -> None:
            self._busy(False)
            msg = self._message(exc)
            self._say(False, msg)
            self.tested.emit(False, msg)

        background.run(job, done, failed, owner=self)

    def _message(self, exc: BaseException) -> str:
        from broadcast.httn.client import HttnError

        if isinstance(exc, LoaxaError | HttnError):
            return str(exc.message)
        if isinstance(exc, OSError):
            return self.tr("Cannot reach the province server: {error}").format(error=exc.strerror or exc)
        return str(exc)

    def save(self) -> None:
        """Keep the settings and the password (keyring or owner-only file) and announce what is
        already scheduled, in one background write."""
        url, source_id, user, cafile, areas, approve, password = self._form()
        ws = self.hub.ws
        had_password = bool(self.state.get("url")) and self.state.get("user") == user.strip() and self.state.get("url") == url.strip().rstrip("/")
        self._busy(True, self.tr("Saving…"))

        def job(s: Session) -> int:
            from schedules import outbox

            values = checked_values(url, source_id, user, cafile, areas, approve)
            if password:
                values["httn.secret_store"] = httn.store_password(ws.data_dir, values["httn.url"], values["httn.user"], password)
            elif not had_password:
                raise InputRefused(_("Type the password the province gave this commune."))
            httn.save_settings(s, values)
            return outbox.announce_all(s)

        def done(announced: int) -> None:
            self._busy(False)
            self.password.clear()
            self._say(True, self.tr("Saved; {n} messages queued for the province.").format(n=announced))
            self.saved.emit()

        def failed(exc: BaseException) -> None:
            self._busy(False)
            self._say(False, self._message(exc))

        self.hub.write(job, done, failed)

    def retry_refused(self) -> None:
        self.hub.write(requeue_refused, lambda n: self._say(True, self.tr("{n} refused messages queued to be sent again.").format(n=n)))
