"""Tài khoản (Accounts, admins only): who may sign in and with which roles, locked or not, their
last sign-in; adding, changing roles, locking, unlocking, removing, a new password, one-time codes.

Every change goes through the same domain functions as ``loaxa accounts`` (so each leaves its
audit row) and is checked again in its transaction: the signed-in person must be an admin. For
anyone else the page's entry in the navigation is disabled with a tooltip naming the role.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from schedules import accounts as acc_mod
from schedules import audit
from schedules.errors import InputRefused, LoaxaError
from schedules.i18n import _
from schedules.timeutil import DEFAULT_TZ, zone

from ..formatting import format_datetime
from ..login import SignedIn, role_name

COLUMNS = 6


def _as_admin(s: Session, what: str) -> None:
    """The window's signed-in person must be an admin (checked in the transaction that writes)."""
    acc_mod.require(s, acc_mod.find(s, audit.current_actor()), acc_mod.ADMIN, what)


def load(s: Session) -> list[dict[str, Any]]:
    """The accounts as ``loaxa accounts list --json`` shows them (admins only)."""
    _as_admin(s, "loaxa accounts list")
    return [acc_mod.account_dict(a) for a in acc_mod.listing(s)]


def add_account(s: Session, name: str, roles: list[str], password: str, full_name: str | None) -> str:
    _as_admin(s, "loaxa accounts add")
    if not acc_mod.any_accounts(s) and acc_mod.ADMIN not in roles:
        raise InputRefused(_("The first account must hold the role admin: otherwise nobody could manage the accounts."))
    return acc_mod.add(s, name, roles, password, full_name or None).name


def edit_account(s: Session, name: str, roles: list[str] | None = None, password: str | None = None, full_name: str | None = None) -> str:
    _as_admin(s, "loaxa accounts edit")
    return acc_mod.edit(s, name, roles=roles, password=password, full_name=full_name).name


def lock_account(s: Session, name: str) -> str:
    _as_admin(s, "loaxa accounts lock")
    return acc_mod.lock(s, name).name


def unlock_account(s: Session, name: str) -> str:
    _as_admin(s, "loaxa accounts unlock")
    return acc_mod.unlock(s, name).name


def remove_account(s: Session, name: str) -> str:
    _as_admin(s, "loaxa accounts remove")
    return acc_mod.remove(s, name).name


def remove_totp(s: Session, name: str) -> str:
    _as_admin(s, "loaxa accounts totp")
    return acc_mod.totp_remove(s, name).name


class AccountsModel(QAbstractTableModel):
    """One row per account (name is the id), read whole: a commune has a handful of accounts."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[dict[str, Any]] = []

    def headers(self) -> list[str]:
        return [self.tr("User name"), self.tr("Full name"), self.tr("Roles"), self.tr("State"), self.tr("One-time codes"), self.tr("Last sign-in")]

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def row_of(self, name: str) -> dict[str, Any] | None:
        return next((r for r in self.rows if r["name"] == name), None)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def state(self, r: dict[str, Any]) -> str:
        if r["locked"]:
            return self.tr("Locked by an admin")
        if r["locked_until"]:
            until = datetime.fromisoformat(r["locked_until"]).astimezone(zone(DEFAULT_TZ))
            return self.tr("Locked after failed sign-ins until {time}").format(time=until.strftime("%H:%M:%S"))
        return self.tr("Active")

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 3 and (r["locked"] or r["locked_until"]):
            from PySide6.QtGui import QBrush, QColor

            return QBrush(QColor("#b3261e"))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        col = index.column()
        if col == 0:
            return r["name"]
        if col == 1:
            return r["full_name"] or ""
        if col == 2:
            return ", ".join(role_name(x) for x in r["roles"])
        if col == 3:
            return self.state(r)
        if col == 4:
            return self.tr("yes") if r["totp"] else "—"
        at = r["last_login_at"]
        return format_datetime(datetime.fromisoformat(at).astimezone(zone(DEFAULT_TZ))) if at else self.tr("never")


class AccountDialog(QDialog):
    """Add an account (name, full name, roles, password twice) or change one's roles and full name."""

    def __init__(self, current: dict[str, Any] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.adding = current is None
        self.setWindowTitle(self.tr("New account") if self.adding else self.tr("Account {name}").format(name=current["name"] if current else ""))
        self.name = QLineEdit(current["name"] if current else "")
        self.name.setObjectName("account_name")
        self.name.setPlaceholderText(self.tr("e.g. chutich.xa"))
        self.name.setEnabled(self.adding)
        self.full_name = QLineEdit((current or {}).get("full_name") or "")
        self.roles: dict[str, QCheckBox] = {}
        role_box = QVBoxLayout()
        for role in acc_mod.ROLES:
            box = QCheckBox(role_name(role))
            box.setChecked(role in (current or {}).get("roles", []))
            self.roles[role] = box
            role_box.addWidget(box)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("QLabel { color: #b3261e; }")
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.name)
        form.addRow(self.tr("Full name"), self.full_name)
        form.addRow(self.tr("Roles"), role_box)
        if self.adding:
            form.addRow(self.tr("Password"), self.password)
            form.addRow(self.tr("Password again"), self.again)
            form.addRow("", QLabel(self.tr("At least {n} characters, not containing the user name.").format(n=acc_mod.MIN_PASSWORD)))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)

    def chosen_roles(self) -> list[str]:
        return [r for r, box in self.roles.items() if box.isChecked()]

    def passwords_match(self) -> bool:
        if self.password.text() != self.again.text():
            self.message.setText(self.tr("The two passwords differ."))
            self.password.clear()
            self.again.clear()
            return False
        return True

    def show_error(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(str(exc))


class PasswordDialog(QDialog):
    """A new password for an account, typed twice (its sign-in sessions end)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New password for {name}").format(name=name))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(self.tr("At least {n} characters, not containing the user name.").format(n=acc_mod.MIN_PASSWORD))
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Password again"), self.again)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)

    def show_error(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(str(exc))


class AccountsPage(QWidget):
    """The accounts of this database, for admins."""

    changed_account = Signal(str)  # the account a change was saved for
    first_admin_created = Signal(object)  # SignedIn: the first account (before accounts), an admin

    def __init__(self, hub: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.allowed = False
        self.before_accounts = False
        self.dialog: QDialog | None = None
        self.model = AccountsModel(self)
        self.table = QTableView()
        self.table.setObjectName("accounts_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.add_button = QPushButton(self.tr("Add…"))
        self.edit_button = QPushButton(self.tr("Roles and name…"))
        self.password_button = QPushButton(self.tr("New password…"))
        self.lock_button = QPushButton(self.tr("Lock"))
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.totp_button = QPushButton(self.tr("One-time codes…"))
        self.totp_remove_button = QPushButton(self.tr("Remove one-time codes"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.account_buttons = (
            self.edit_button,
            self.password_button,
            self.lock_button,
            self.unlock_button,
            self.totp_button,
            self.totp_remove_button,
            self.remove_button,
        )
        row = QHBoxLayout()
        for b in (self.add_button, *self.account_buttons):
            row.addWidget(b)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("<h2>" + self.tr("Accounts") + "</h2>"))
        lay.addWidget(self.note)
        lay.addLayout(row)
        lay.addWidget(self.table, 1)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.password_button.clicked.connect(self.new_password)
        self.lock_button.clicked.connect(lambda: self._simple(lock_account))
        self.unlock_button.clicked.connect(lambda: self._simple(unlock_account))
        self.totp_button.clicked.connect(self.set_up_totp)
        self.totp_remove_button.clicked.connect(self.remove_totp)
        self.remove_button.clicked.connect(self.remove)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.hub.changed.connect(self._on_changed)
        self.set_allowed(False)

    # -- who may use it ------------------------------------------------------------------------

    def set_allowed(self, allowed: bool, *, before_accounts: bool = False) -> None:
        """Admins see and change the accounts; for anyone else the page holds nothing. Before
        accounts the page offers only to create the first account, an admin."""
        self.allowed = allowed and not before_accounts
        self.before_accounts = before_accounts
        self.add_button.setEnabled(allowed or before_accounts)
        self.add_button.setText(self.tr("Create the admin account…") if before_accounts else self.tr("Add…"))
        if before_accounts:
            self.model.set_rows([])
            self.note.setText(
                self.tr(
                    "No accounts yet: nobody needs to sign in. Create the admin account: it can then add the commune's operators, approvers and technicians."
                )
            )
        elif allowed:
            self.note.setText(self.tr("Each change is recorded in the audit trail in your name."))
            self.refresh()
        else:
            self.model.set_rows([])
            self.note.setText(self.tr("Needs the role: {role}").format(role=role_name(acc_mod.ADMIN)))
        self._update_buttons()

    def _on_changed(self, words: frozenset[str]) -> None:
        if self.allowed and "accounts" in words:
            self.refresh()

    def refresh(self) -> None:
        if self.allowed:
            self.hub.read(load, self._loaded, self._read_failed)

    def _loaded(self, rows: list[dict[str, Any]]) -> None:
        name = self.selected()
        self.model.set_rows(rows)
        if name is not None:
            self.select(name)
        self._update_buttons()

    def _read_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, LoaxaError):  # a bug: the crash dialog with the log's path
            from ..errors import report_exception

            report_exception(exc, self)
            return
        self.model.set_rows([])
        self.note.setText(str(exc))

    def selected(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return str(self.model.rows[rows[0].row()]["name"])

    def select(self, name: str) -> None:
        for i, r in enumerate(self.model.rows):
            if r["name"] == name:
                self.table.selectRow(i)
                return

    def _update_buttons(self) -> None:
        name = self.selected()
        r = self.model.row_of(name) if name else None
        for b in self.account_buttons:
            b.setEnabled(self.allowed and r is not None)
        if r is not None and self.allowed:
            self.lock_button.setEnabled(not r["locked"])
            self.unlock_button.setEnabled(bool(r["locked"] or r["locked_until"] or r["failed_logins"]))
            self.totp_remove_button.setEnabled(bool(r["totp"]))

    # -- changes -------------------------------------------------------------------------------

    def _done(self, name: str) -> None:
        self.changed_account.emit(name)
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, LoaxaError):
            from ..errors import report_exception

            report_exception(exc, self)
            return
        QMessageBox.warning(self, self.tr("Accounts"), str(exc))

    def _simple(self, fn: Any) -> None:
        name = self.selected()
        if name is not None:
            self.hub.write(lambda s: fn(s, name), self._done, self._failed)

    def add(self) -> None:
        dlg = AccountDialog(None, self)
        self.dialog = dlg
        first = self.before_accounts
        if first:
            dlg.roles[acc_mod.ADMIN].setChecked(True)

        def save() -> None:
            if not dlg.passwords_match():
                return
            name, roles, password, full = dlg.name.text(), dlg.chosen_roles(), dlg.password.text(), dlg.full_name.text().strip()
            dlg.password.clear()
            dlg.again.clear()
            dlg.buttons.setEnabled(False)

            def saved(n: str) -> None:
                dlg.accept()
                if first:  # the window now asks for sign-ins; the one who made it is signed in
                    self.first_admin_created.emit(SignedIn(n, tuple(roles)))
                self._done(n)

            self.hub.write(lambda s: add_account(s, name, roles, password, full), saved, dlg.show_error)

        dlg.buttons.accepted.connect(save)
        dlg.open()

    def edit(self) -> None:
        name = self.selected()
        current = self.model.row_of(name) if name else None
        if name is None or current is None:
            return
        dlg = AccountDialog(current, self)
        self.dialog = dlg

        def save() -> None:
            roles, full = dlg.chosen_roles(), dlg.full_name.text().strip()
            full_change = full if full != (current.get("full_name") or "") else None
            dlg.buttons.setEnabled(False)

            def saved(n: str) -> None:
                dlg.accept()
                self._done(n)

            self.hub.write(lambda s: edit_account(s, name, roles=roles, full_name=full_change), saved, dlg.show_error)

        dlg.buttons.accepted.connect(save)
        dlg.open()

    def new_password(self) -> None:
        name = self.selected()
        if name is None:
            return
        dlg = PasswordDialog(name, self)
        self.dialog = dlg

        def save() -> None:
            password, again = dlg.password.text(), dlg.again.text()
            dlg.password.clear()
            dlg.again.clear()
            if password != again:
                dlg.message.setText(self.tr("The two passwords differ."))
                return
            dlg.buttons.setEnabled(False)

            def saved(n: str) -> None:
                dlg.accept()
                self._done(n)

            self.hub.write(lambda s: edit_account(s, name, password=password), saved, dlg.show_error)

        dlg.buttons.accepted.connect(save)
        dlg.open()

    def set_up_totp(self) -> None:
        from ..totp_dialog import TotpDialog

        name = self.selected()
        if name is None:
            return
        dlg = TotpDialog(self.hub, name, self)
        self.dialog = dlg
        dlg.enrolled.connect(self._done)
        dlg.open()

    def remove_totp(self) -> None:
        name = self.selected()
        if name is not None and self._confirm(
            self.tr("Remove the one-time codes of {name}? They sign in with the password alone until codes are set up again.").format(name=name)
        ):
            self.hub.write(lambda s: remove_totp(s, name), self._done, self._failed)

    def remove(self) -> None:
        name = self.selected()
        if name is not None and self._confirm(self.tr("Remove the account {name}? It cannot sign in again; its name stays in the records.").format(name=name)):
            self.hub.write(lambda s: remove_account(s, name), self._done, self._failed)

    def _confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Accounts"), question)
        return answer == QMessageBox.StandardButton.Yes


def install(window: Any) -> AccountsPage:
    """Add the Accounts page at the end of the window's navigation, following the signed-in role
    (``window.guard``): disabled, with a tooltip naming the role, for anyone but an admin."""
    page = AccountsPage(window.hub, window)
    window.accounts_page = page
    window.pages["accounts"] = page
    window.stack.addWidget(page)
    item = QListWidgetItem(QCoreApplication.translate("AccountsPage", "Accounts"), window.nav)
    enabled_flags = item.flags()
    guard = window.guard

    def follow(_who: SignedIn | None = None) -> None:
        before = not guard.required
        allowed = before or guard.has_role(acc_mod.ADMIN)
        if allowed:
            item.setFlags(enabled_flags)
            item.setToolTip("")
        else:
            item.setFlags(enabled_flags & ~Qt.ItemFlag.ItemIsEnabled)
            item.setToolTip(QCoreApplication.translate("AccountsPage", "Needs the role: {role}").format(role=role_name(acc_mod.ADMIN)))
            if window.stack.currentWidget() is page:
                window.nav.setCurrentRow(0)
        page.set_allowed(allowed, before_accounts=before)
        own_totp.setVisible(guard.required and guard.who is not None)

    # anyone signed in sets up their own one-time codes (an approver needs them for emergencies)
    own_totp = QPushButton(QCoreApplication.translate("AccountsPage", "My one-time codes…"))
    own_totp.setObjectName("own_totp_button")
    own_totp.setFlat(True)
    own_totp.setVisible(False)
    window.statusBar().addPermanentWidget(own_totp)
    window.own_totp_button = own_totp

    def own_codes() -> None:
        from ..totp_dialog import TotpDialog

        if guard.who is not None:
            window.totp_dialog = TotpDialog(window.hub, guard.who.name, window)
            window.totp_dialog.open()

    own_totp.clicked.connect(own_codes)
    guard.changed.connect(follow)
    page.first_admin_created.connect(guard._admin_created)
    follow()
    return page
