"""The Accounts page (admins) and the one-time codes dialog with its QR code (pytest-qt, the real
window over a real database): what an admin changes is in the list, the database and the audit
chain; an operator cannot use the page; a wrong first code saves nothing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pyotp
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.gui.mainwindow import MainWindow
from desktop.gui.pages import accounts as page_mod
from desktop.gui.totp_dialog import QR_BORDER, QR_SCALE, TotpDialog, qr_code
from schedules import accounts, audit
from schedules.errors import NotPermitted
from schedules.models import Account, AuditEntry
from schedules.workspace import Workspace

PW = "mat-khau-quan-tri-1"


@pytest.fixture(autouse=True)
def _nobody_signed_in_after() -> Iterator[None]:
    yield
    audit.set_process_actor(None)  # the window's sign-in is process-wide


def _sign_in(qtbot: Any, win: MainWindow, user: str, password: str = PW) -> None:
    qtbot.waitUntil(lambda: win.guard.dialog is not None and win.guard.dialog.isVisible(), timeout=10000)
    dlg = win.guard.dialog
    dlg.user.setText(user)
    dlg.password.setText(password)
    with qtbot.waitSignal(win.guard.changed, timeout=15000):
        dlg.attempt()


def _window(qtbot: Any, ws: Workspace, user: str) -> MainWindow:
    win = MainWindow(ws, tray=False)
    qtbot.addWidget(win)
    win.show()
    _sign_in(qtbot, win, user)
    return win


def _nav_item(win: MainWindow) -> Any:
    return win.nav.item(list(win.pages).index("accounts"))


def _nav_enabled(win: MainWindow) -> bool:
    return bool(_nav_item(win).flags() & Qt.ItemFlag.ItemIsEnabled)


def _row(page: page_mod.AccountsPage, name: str) -> dict[str, Any] | None:
    return page.model.row_of(name)


def _select(qtbot: Any, page: page_mod.AccountsPage, name: str) -> None:
    qtbot.waitUntil(lambda: _row(page, name) is not None, timeout=10000)
    page.select(name)
    assert page.selected() == name


def test_admin_adds_locks_and_unlocks_an_operator_who_then_cannot_use_the_page(qtbot: Any, gui_app: Any, demo_ws: Workspace) -> None:
    with demo_ws.session() as s:
        accounts.add(s, "quantri", ["admin"], PW)
    win = _window(qtbot, demo_ws, "quantri")
    page = win.accounts_page
    assert _nav_enabled(win) and _nav_item(win).text() == "Tài khoản"
    win.show_page("accounts")
    assert win.stack.currentWidget() is page
    qtbot.waitUntil(lambda: _row(page, "quantri") is not None, timeout=10000)

    # add an operator; two different passwords first: refused in the dialog, nothing saved
    page.add_button.click()
    dlg = page.dialog
    assert isinstance(dlg, page_mod.AccountDialog) and dlg.isVisible()
    dlg.name.setText("canbo.vhxh")
    dlg.full_name.setText("Nguyễn Thị Hoa")
    dlg.roles["operator"].setChecked(True)
    dlg.password.setText("mot-mat-khau-dai")
    dlg.again.setText("mat-khau-khac-han")
    dlg.buttons.accepted.emit()
    assert dlg.isVisible() and dlg.message.text() == "Hai mật khẩu không giống nhau."
    # a password too short: the domain's refusal, in Vietnamese, the dialog stays open
    dlg.password.setText("ngan")
    dlg.again.setText("ngan")
    dlg.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dlg.message.text() != "" and dlg.buttons.isEnabled(), timeout=10000)
    assert "quá ngắn" in dlg.message.text() and dlg.isVisible()
    with demo_ws.sessions() as s:
        assert accounts.find(s, "canbo.vhxh") is None
    dlg.password.setText("mot-mat-khau-dai")
    dlg.again.setText("mot-mat-khau-dai")
    dlg.buttons.accepted.emit()
    qtbot.waitUntil(lambda: _row(page, "canbo.vhxh") is not None, timeout=10000)
    assert not dlg.isVisible()
    col = {page.model.headerData(i, Qt.Orientation.Horizontal): i for i in range(page_mod.COLUMNS)}
    r = page.model.rows.index(_row(page, "canbo.vhxh"))
    assert page.model.index(r, col["Vai trò"]).data() == "cán bộ vận hành"
    assert page.model.index(r, col["Đăng nhập lần cuối"]).data() == "chưa bao giờ"

    # lock it: the list shows it, the database holds it, the audit chain has it in the admin's name
    _select(qtbot, page, "canbo.vhxh")
    page.lock_button.click()
    qtbot.waitUntil(lambda: (_row(page, "canbo.vhxh") or {}).get("locked") is True, timeout=10000)
    r = page.model.rows.index(_row(page, "canbo.vhxh"))
    assert page.model.index(r, col["Trạng thái"]).data() == "Bị quản trị viên khóa"
    assert not page.lock_button.isEnabled() and page.unlock_button.isEnabled()
    with demo_ws.sessions() as s:
        assert s.query(Account).filter_by(name="canbo.vhxh").one().locked
        rows = {e.action: e for e in s.query(AuditEntry).filter(AuditEntry.object_id == "canbo.vhxh")}
    assert rows["account.add"].actor == "quantri" and rows["account.add"].after["roles"] == ["operator"]
    assert rows["account.lock"].actor == "quantri" and rows["account.lock"].before_accounts is False
    assert audit.verify(demo_ws.engine).ok
    # the audit page shows the change
    win.audit_page.action.setText("account.")
    win.audit_page.refresh()
    qtbot.waitUntil(lambda: any(r[4] == "account.lock" and r[2] == "quantri" for r in win.audit_page.model.rows), timeout=10000)
    page.unlock_button.click()
    qtbot.waitUntil(lambda: (_row(page, "canbo.vhxh") or {}).get("locked") is False, timeout=10000)

    # the operator signs in at the lock: the page is out of reach, with the role in the tooltip
    win.guard.lock()
    _sign_in(qtbot, win, "canbo.vhxh", "mot-mat-khau-dai")
    item = _nav_item(win)
    assert not _nav_enabled(win) and item.toolTip() == "Cần vai trò: quản trị viên"
    assert win.stack.currentWidget() is not page, "an operator is taken off the page"
    assert page.model.rowCount() == 0 and not page.add_button.isEnabled()
    assert not any(b.isEnabled() for b in page.account_buttons)
    # and the domain refuses the operator even if the page were reached
    with demo_ws.session() as s, pytest.raises(NotPermitted):
        page_mod.add_account(s, "ke.gian", ["admin"], "mot-mat-khau-dai", None)
    with demo_ws.sessions() as s:
        assert accounts.find(s, "ke.gian") is None


def test_one_time_codes_are_saved_only_after_a_right_first_code_and_the_qr_shows_the_uri(
    qtbot: Any, gui_app: Any, demo_ws: Workspace, monkeypatch: Any
) -> None:
    with demo_ws.session() as s:
        accounts.add(s, "quantri", ["admin"], PW)
        accounts.add(s, "chutich", ["approver"], PW)
    win = _window(qtbot, demo_ws, "quantri")
    page = win.accounts_page
    win.show_page("accounts")
    _select(qtbot, page, "chutich")
    page.totp_button.click()
    dlg = page.dialog
    assert isinstance(dlg, TotpDialog)
    qtbot.waitUntil(lambda: dlg.qr.pixmap() is not None and not dlg.qr.pixmap().isNull(), timeout=10000)
    # the URI is the account's, for LoaXa, with the key shown for typing
    otp = pyotp.parse_uri(dlg.uri)
    assert otp.secret == dlg.secret and otp.issuer == "LoaXa" and otp.name == "chutich"
    assert dlg.key.text().replace(" ", "") == dlg.secret
    # the picture shown is the QR code of that URI, module by module
    img = dlg.qr.pixmap().toImage()
    rows = list(qr_code(dlg.uri).matrix_iter(scale=1, border=QR_BORDER))
    assert img.width() == img.height() == len(rows) * QR_SCALE
    shown = [[img.pixelColor(x * QR_SCALE + QR_SCALE // 2, y * QR_SCALE + QR_SCALE // 2).lightness() < 128 for x in range(len(rows))] for y in range(len(rows))]
    assert shown == [[bool(v) for v in row] for row in rows]
    other = list(qr_code(dlg.uri.replace("chutich", "chutich2")).matrix_iter(scale=1, border=QR_BORDER))
    assert shown != [[bool(v) for v in row] for row in other], "the comparison can fail"

    # a wrong code: refused in the dialog, nothing saved
    right = pyotp.TOTP(dlg.secret).now()
    dlg.code.setText("000000" if right != "000000" else "111111")
    dlg.confirm()
    qtbot.waitUntil(lambda: dlg.message.text() != "", timeout=10000)
    assert dlg.isVisible() and "không khớp" in dlg.message.text()
    with demo_ws.sessions() as s:
        assert accounts.get(s, "chutich").totp_secret is None
    # the right one: saved, listed, audited in the admin's name; the code counts as used
    dlg.code.setText(pyotp.TOTP(dlg.secret).now())
    with qtbot.waitSignal(dlg.enrolled, timeout=10000):
        dlg.confirm()
    qtbot.waitUntil(lambda: (_row(page, "chutich") or {}).get("totp") is True, timeout=10000)
    with demo_ws.session() as s:
        acc = accounts.get(s, "chutich")
        assert acc.totp_secret == dlg.secret
        assert not accounts.totp_check(s, acc, pyotp.TOTP(dlg.secret).now()), "the confirming code cannot be used again"
        last = s.query(AuditEntry).filter_by(action="account.totp_enrol", object_id="chutich").one()
    assert last.actor == "quantri" and last.after == {"totp": True}

    # removing the codes (a lost phone), after a question
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    _select(qtbot, page, "chutich")
    page.totp_remove_button.click()
    qtbot.waitUntil(lambda: (_row(page, "chutich") or {}).get("totp") is False, timeout=10000)
    with demo_ws.sessions() as s:
        assert accounts.get(s, "chutich").totp_secret is None
        assert s.query(AuditEntry).filter_by(action="account.totp_remove", object_id="chutich").one().actor == "quantri"
    assert audit.verify(demo_ws.engine).ok


def test_new_password_and_roles_from_the_page(qtbot: Any, gui_app: Any, demo_ws: Workspace, monkeypatch: Any) -> None:
    with demo_ws.session() as s:
        accounts.add(s, "quantri", ["admin"], PW)
        accounts.add(s, "kythuat", ["technician"], PW)
    win = _window(qtbot, demo_ws, "quantri")
    page = win.accounts_page
    win.show_page("accounts")
    _select(qtbot, page, "kythuat")
    page.password_button.click()
    dlg = page.dialog
    dlg.password.setText("mat-khau-moi-123")
    dlg.again.setText("mat-khau-moi-123")
    dlg.buttons.accepted.emit()
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=10000)
    _select(qtbot, page, "kythuat")
    page.edit_button.click()
    dlg = page.dialog
    assert not dlg.name.isEnabled() and dlg.roles["technician"].isChecked()
    dlg.roles["approver"].setChecked(True)
    dlg.buttons.accepted.emit()
    qtbot.waitUntil(lambda: (_row(page, "kythuat") or {}).get("roles") == ["approver", "technician"], timeout=10000)
    with demo_ws.session() as s:
        assert accounts.authenticate(s, "kythuat", "mat-khau-moi-123").account is not None
        assert accounts.authenticate(s, "kythuat", PW).account is None
    # the last admin cannot be removed: the domain's message, nothing changed
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: warned.append(text))
    _select(qtbot, page, "quantri")
    page.remove_button.click()
    qtbot.waitUntil(lambda: bool(warned), timeout=10000)
    assert "quản trị viên cuối cùng" in warned[0]
    with demo_ws.sessions() as s:
        assert accounts.find(s, "quantri") is not None


def test_an_approver_sets_up_their_own_codes_but_nobody_elses(qtbot: Any, gui_app: Any, demo_ws: Workspace) -> None:
    with demo_ws.session() as s:
        accounts.add(s, "quantri", ["admin"], PW)
        accounts.add(s, "chutich", ["approver"], PW)
    win = _window(qtbot, demo_ws, "chutich")
    assert win.own_totp_button.isVisible() and not _nav_enabled(win)
    win.own_totp_button.click()
    dlg = win.totp_dialog
    qtbot.waitUntil(lambda: bool(dlg.secret), timeout=10000)
    dlg.code.setText(pyotp.TOTP(dlg.secret).now())
    with qtbot.waitSignal(dlg.enrolled, timeout=10000):
        dlg.confirm()
    with demo_ws.sessions() as s:
        assert accounts.get(s, "chutich").totp_secret == dlg.secret
    # the same dialog for someone else's account: refused in the transaction, nothing saved
    other = TotpDialog(win.hub, "quantri", win)
    qtbot.addWidget(other)
    qtbot.waitUntil(lambda: bool(other.secret), timeout=10000)
    other.code.setText(pyotp.TOTP(other.secret).now())
    other.confirm()
    qtbot.waitUntil(lambda: other.message.text() != "", timeout=10000)
    assert "chutich" in other.message.text() and "quản trị viên" in other.message.text()
    with demo_ws.sessions() as s:
        assert accounts.get(s, "quantri").totp_secret is None


def test_the_accounts_model_passes_the_model_tester(qtmodeltester: Any, qtbot: Any, gui_app: Any, demo_ws: Workspace) -> None:
    with demo_ws.session() as s:
        accounts.add(s, "quantri", ["admin"], PW)
        accounts.add(s, "canbo", ["operator", "technician"], PW)
        accounts.lock(s, "canbo")
    win = _window(qtbot, demo_ws, "quantri")
    qtbot.waitUntil(lambda: win.accounts_page.model.rowCount() == 2, timeout=10000)
    qtmodeltester.check(win.accounts_page.model, force_py=True)


def test_before_accounts_the_page_creates_the_first_account_an_admin_who_is_then_signed_in(qtbot: Any, gui_app: Any, demo_ws: Workspace) -> None:
    win = MainWindow(demo_ws, tray=False)
    qtbot.addWidget(win)
    win.show()
    page = win.accounts_page
    qtbot.waitUntil(lambda: "Chưa có tài khoản" in win.guard.status.text(), timeout=10000)
    assert _nav_enabled(win) and page.add_button.isEnabled() and page.add_button.text() == "Tạo tài khoản quản trị…"
    page.add_button.click()
    dlg = page.dialog
    assert dlg.roles["admin"].isChecked()
    # an operator as the first account would leave nobody to manage accounts: refused
    dlg.roles["admin"].setChecked(False)
    dlg.roles["operator"].setChecked(True)
    dlg.name.setText("canbo")
    dlg.password.setText(PW)
    dlg.again.setText(PW)
    dlg.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dlg.message.text() != "", timeout=10000)
    assert "quản trị viên" in dlg.message.text() and dlg.isVisible()
    with demo_ws.sessions() as s:
        assert not accounts.any_accounts(s)
    dlg.roles["admin"].setChecked(True)
    dlg.roles["operator"].setChecked(False)
    dlg.name.setText("quantri")
    dlg.password.setText(PW)
    dlg.again.setText(PW)
    with qtbot.waitSignal(win.guard.changed, timeout=10000):
        dlg.buttons.accepted.emit()
    assert win.guard.required and win.guard.who is not None and win.guard.who.name == "quantri"
    qtbot.waitUntil(lambda: _row(page, "quantri") is not None, timeout=10000)
    assert page.add_button.text() == "Thêm…"
    with demo_ws.sessions() as s:
        assert s.query(AuditEntry).filter_by(action="account.add", object_id="quantri").one().after["roles"] == ["admin"]
