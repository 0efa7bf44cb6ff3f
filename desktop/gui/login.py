"""Who works at the window: the sign-in dialog, the idle lock, who is shown in the status bar,
and the actions a role may not use (disabled, with a tooltip naming the role).

A database without accounts stays open as before (wave 1). Once it has accounts the window asks
for a sign-in as soon as its pages exist, and again after ``accounts.idle_lock_min`` idle minutes;
the pages stay as they were behind the dialog.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from schedules import accounts as acc_mod
from schedules import audit

from . import background

# window attribute path -> the role its action needs (the central table of the window)
GATES: dict[str, str] = {
    "today.emergency_button": acc_mod.APPROVER,
    "today.live_button": acc_mod.APPROVER,
    "today.stop_airing_button": acc_mod.APPROVER,
    "library.approve_button": acc_mod.APPROVER,
    "library.reject_button": acc_mod.APPROVER,
    "library.retire_button": acc_mod.APPROVER,
    "library.edit_button": acc_mod.OPERATOR,
    "playlists.new_button": acc_mod.OPERATOR,
    "playlists.rename_button": acc_mod.OPERATOR,
    "playlists.remove_button": acc_mod.OPERATOR,
    "playlists.up_button": acc_mod.OPERATOR,
    "playlists.down_button": acc_mod.OPERATOR,
    "playlists.add_button": acc_mod.OPERATOR,
    "schedule.new_button": acc_mod.OPERATOR,
    "schedule.save_button": acc_mod.OPERATOR,
    "schedule.delete_button": acc_mod.OPERATOR,
    "endpoints.add_area_button": acc_mod.TECHNICIAN,
    "endpoints.add_button": acc_mod.TECHNICIAN,
    "endpoints.edit_button": acc_mod.TECHNICIAN,
    "endpoints.test_button": acc_mod.TECHNICIAN,
    "settings_page.save_button": acc_mod.TECHNICIAN,
    "settings_page.trust_button": acc_mod.TECHNICIAN,
    "settings_page.revoke_button": acc_mod.TECHNICIAN,
    "settings_page.render_button": acc_mod.TECHNICIAN,
    "settings_page.quiet_button": acc_mod.TECHNICIAN,
}


def role_name(role: str) -> str:
    return {
        acc_mod.OPERATOR: QCoreApplication.translate("Login", "operator"),
        acc_mod.APPROVER: QCoreApplication.translate("Login", "approver"),
        acc_mod.TECHNICIAN: QCoreApplication.translate("Login", "technician"),
        acc_mod.ADMIN: QCoreApplication.translate("Login", "admin"),
    }.get(role, role)


@dataclass(frozen=True)
class SignedIn:
    name: str
    roles: tuple[str, ...]


class LoginDialog(QDialog):
    """User name (remembered), password (never remembered), one-time code when the account has one."""

    signed_in = Signal(object)  # SignedIn

    def __init__(self, ws: Any, settings: QSettings | None, parent: QWidget | None = None, *, locked: bool = False) -> None:
        super().__init__(parent)
        self.ws = ws
        self.settings = settings
        self.setWindowTitle(QCoreApplication.translate("Login", "Sign in to LoaXa"))
        self.setModal(True)
        self.user = QLineEdit()
        self.user.setObjectName("login_user")
        self.password = QLineEdit()
        self.password.setObjectName("login_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.code = QLineEdit()
        self.code.setObjectName("login_code")
        self.code.setPlaceholderText(QCoreApplication.translate("Login", "only if your account has one"))
        self.code.setMaxLength(6)
        self.message = QLabel(QCoreApplication.translate("Login", "The window was locked after a while without use. Sign in again.") if locked else "")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("Login", "User name"), self.user)
        form.addRow(QCoreApplication.translate("Login", "Password"), self.password)
        form.addRow(QCoreApplication.translate("Login", "One-time code"), self.code)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(QCoreApplication.translate("Login", "Sign in"))
        self.buttons.accepted.connect(self.attempt)
        lay = QVBoxLayout(self)
        lay.addWidget(self.message)
        lay.addLayout(form)
        lay.addWidget(self.buttons)
        last = str(settings.value("login/last_user", "") or "") if settings is not None else ""
        self.user.setText(last)
        (self.password if last else self.user).setFocus()

    def reject(self) -> None:  # Esc does not get past the sign-in
        pass

    def attempt(self) -> None:
        name, password, code = self.user.text().strip(), self.password.text(), self.code.text().strip()
        self.password.clear()
        self.buttons.setEnabled(False)
        ws = self.ws

        def job() -> tuple[SignedIn | None, str]:
            with ws.session() as s:
                result = acc_mod.authenticate(s, name, password)
            if result.account is None:
                return None, acc_mod.login_message(result)
            with ws.session() as s:
                acc = acc_mod.get(s, result.account.name)
                if acc.totp_secret and not acc_mod.totp_check(s, acc, code):
                    return None, QCoreApplication.translate("Login", "Type the current code of your authenticator app (a used code is refused).")
                return SignedIn(acc.name, tuple(acc.roles or ())), ""

        background.run(job, self._done, self._failed, owner=self)

    def _done(self, res: tuple[SignedIn | None, str]) -> None:
        who, message = res
        self.buttons.setEnabled(True)
        if who is None:
            self.message.setText(message)
            return
        if self.settings is not None:
            self.settings.setValue("login/last_user", who.name)
        self.signed_in.emit(who)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(str(exc))


class FirstAdminDialog(QDialog):
    """The first start of a database without accounts: make the admin now, or later."""

    created = Signal(object)  # SignedIn

    def __init__(self, ws: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle(QCoreApplication.translate("Login", "Create the admin account"))
        self.user = QLineEdit()
        self.user.setObjectName("admin_user")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(
            QCoreApplication.translate(
                "Login",
                "Nobody needs to sign in until an admin account exists. Make it now: it can then add the commune's operators, approvers and technicians.",
            )
        )
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("Login", "User name"), self.user)
        form.addRow(QCoreApplication.translate("Login", "Password"), self.password)
        form.addRow(QCoreApplication.translate("Login", "Password again"), self.again)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(QCoreApplication.translate("Login", "Create"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(QCoreApplication.translate("Login", "Later"))
        self.buttons.accepted.connect(self.create_account)
        self.buttons.rejected.connect(super().reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.message)
        lay.addLayout(form)
        lay.addWidget(self.buttons)

    def create_account(self) -> None:  # (not `create`: that is QWidget's, which makes the native window)
        name, password, again = self.user.text().strip(), self.password.text(), self.again.text()
        self.password.clear()
        self.again.clear()
        if password != again:
            self.message.setText(QCoreApplication.translate("Login", "The two passwords differ."))
            return
        ws = self.ws

        def job() -> SignedIn:
            with ws.session() as s:
                acc = acc_mod.add(s, name, [acc_mod.ADMIN], password)
                return SignedIn(acc.name, tuple(acc.roles))

        background.run(job, self._done, lambda exc: self.message.setText(str(exc)), owner=self)

    def _done(self, who: SignedIn) -> None:
        self.created.emit(who)
        self.accept()


class _Gate(QObject):
    """Keeps a button disabled while the role is missing (pages enable buttons on selection)."""

    def __init__(self, button: QWidget, tooltip: str) -> None:
        super().__init__(button)
        self.button = button
        self.tooltip = tooltip
        self.old_tooltip = button.toolTip()
        self.active = False

    def set_active(self, active: bool) -> None:
        self.active = active
        if active:
            self.button.setToolTip(self.tooltip)
            self.button.setEnabled(False)
        else:
            self.button.setToolTip(self.old_tooltip)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if self.active and event.type() == QEvent.Type.EnabledChange and self.button.isEnabled():
            QTimer.singleShot(0, lambda: self.button.setEnabled(False) if self.active else None)
        return False


class Guard(QObject):
    """The window's sign-in: asks at start and after idle minutes, shows who, gates actions."""

    changed = Signal(object)  # SignedIn | None

    def __init__(self, window: Any, ws: Any) -> None:
        super().__init__(window)
        self.window = window
        self.ws = ws
        self.who: SignedIn | None = None
        self.required = False
        self.dialog: LoginDialog | None = None
        self.gates: dict[str, _Gate] = {}
        self.status = QLabel()
        self.status.setObjectName("signed_in_status")
        window.statusBar().addPermanentWidget(self.status)
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self.lock)
        self.idle_ms = 15 * 60_000

    def start(self) -> None:
        from schedules import settings as settings_mod

        def read(s: Any) -> tuple[bool, int]:
            return acc_mod.any_accounts(s), int(settings_mod.get(s, "accounts.idle_lock_min"))

        # the window's reader: a server out of reach is a banner and a retry, not a crash
        self.window.hub.read(read, self._started)

    def _started(self, res: tuple[bool, int]) -> None:
        self.required, minutes = res
        self.idle_ms = minutes * 60_000
        if not self.required:
            self.status.setText(QCoreApplication.translate("Login", "No accounts yet (before accounts)"))
            if getattr(self.window, "settings", None) is not None:  # a real start, not a test or a screenshot
                self.offer_first_admin()
            return
        self._watch_idle()
        self.ask()

    def _watch_idle(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def offer_first_admin(self) -> None:
        """The window's first start on a database without accounts: make the admin (or later)."""
        self.first_admin = FirstAdminDialog(self.ws, self.window)
        self.first_admin.created.connect(self._admin_created)
        self.first_admin.open()

    def _admin_created(self, who: SignedIn) -> None:
        self.required = True
        self._watch_idle()
        self._signed_in(who)

    def ask(self, *, locked: bool = False) -> None:
        if self.dialog is not None:
            return
        self.dialog = LoginDialog(self.ws, getattr(self.window, "settings", None), self.window, locked=locked)
        if locked and self.who is not None:
            self.dialog.user.setText(self.who.name)
        self.dialog.signed_in.connect(self._signed_in)
        self.dialog.finished.connect(self._closed)
        self.dialog.open()

    def _closed(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def lock(self) -> None:
        """After idle minutes: the same dialog over what is on screen, until someone signs in."""
        if not self.required or self.dialog is not None:
            return
        self.ask(locked=True)

    def _signed_in(self, who: SignedIn) -> None:
        self.who = who
        audit.set_process_actor(who.name)
        self.status.setText(
            QCoreApplication.translate("Login", "Signed in: {name} ({roles})").format(name=who.name, roles=", ".join(role_name(r) for r in who.roles))
        )
        self.apply_gates()
        self._restart_idle()
        self.changed.emit(who)

    def allow_emergency(self) -> bool:
        """Before the emergency dialog (button or tray): an approver, and when the setting
        ``accounts.totp_emergency`` is on, the current one-time code of their authenticator app."""
        from PySide6.QtWidgets import QInputDialog, QMessageBox

        if not self.required:
            return True
        if not self.has_role(acc_mod.APPROVER):
            QMessageBox.warning(
                self.window,
                QCoreApplication.translate("Login", "Emergency broadcast"),
                QCoreApplication.translate("Login", "Needs the role: {role}").format(role=role_name(acc_mod.APPROVER)),
            )
            return False
        if not self._totp_emergency():
            return True
        code, ok = QInputDialog.getText(
            self.window,
            QCoreApplication.translate("Login", "Emergency broadcast"),
            QCoreApplication.translate("Login", "One-time code of your authenticator app:"),
        )
        if ok and self.check_emergency_code(code):
            return True
        if ok:
            QMessageBox.warning(
                self.window,
                QCoreApplication.translate("Login", "Emergency broadcast"),
                QCoreApplication.translate("Login", "Type the current code of your authenticator app (a used code is refused)."),
            )
        return False

    def _totp_emergency(self) -> bool:
        from schedules import settings as settings_mod

        with self.ws.sessions() as s:  # one small read, only when someone presses emergency
            return bool(settings_mod.get(s, "accounts.totp_emergency"))

    def check_emergency_code(self, code: str) -> bool:
        """The signed-in approver's code, good once (a wrong or used code is refused and audited)."""
        if self.who is None:
            return False
        with self.ws.session() as s:
            acc = acc_mod.find(s, self.who.name)
            return acc is not None and acc_mod.totp_check(s, acc, code)

    def has_role(self, role: str) -> bool:
        return not self.required or (self.who is not None and role in self.who.roles)

    def apply_gates(self) -> None:
        for path, role in GATES.items():
            button = self._find(path)
            if button is None:
                continue
            gate = self.gates.get(path)
            if gate is None:
                gate = _Gate(button, QCoreApplication.translate("Login", "Needs the role: {role}").format(role=role_name(role)))
                button.installEventFilter(gate)
                self.gates[path] = gate
            gate.set_active(not self.has_role(role))

    def _find(self, path: str) -> QWidget | None:
        obj: Any = self.window
        for part in path.split("."):
            obj = getattr(obj, part, None)
            if obj is None:
                return None
        return obj if isinstance(obj, QWidget) else None

    def _restart_idle(self) -> None:
        if self.required and self.idle_ms > 0 and self.dialog is None:
            self.idle.start(self.idle_ms)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel) and self.dialog is None:
            self._restart_idle()
        return False


def install(window: Any, ws: Any) -> Guard:
    """Give ``window`` its sign-in (called once its pages exist)."""
    guard = Guard(window, ws)
    guard.start()
    return guard
