"""The window with accounts: sign-in at start, who is shown, actions a role may not use, the idle
lock, an approval as the approver, and the audit page (pytest-qt, real database)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from desktop.gui.mainwindow import MainWindow
from schedules import accounts, audit
from schedules.models import AuditEntry, Item
from schedules.workspace import Workspace

PW = "mat-khau-cua-so-1"


@pytest.fixture(autouse=True)
def _nobody_signed_in_after() -> Iterator[None]:
    yield
    audit.set_process_actor(None)  # the window's sign-in is process-wide: never leak it into other tests


def _sign_in(qtbot: Any, win: MainWindow, user: str, password: str = PW) -> None:
    qtbot.waitUntil(lambda: win.guard.dialog is not None and win.guard.dialog.isVisible(), timeout=10000)
    dlg = win.guard.dialog
    dlg.user.setText(user)
    dlg.password.setText(password)
    with qtbot.waitSignal(win.guard.changed, timeout=15000):
        dlg.attempt()


def test_operator_signs_in_sees_their_name_and_cannot_approve_or_send_emergencies(qtbot: Any, gui_app: Any, demo_ws: Workspace, tmp_path: Any) -> None:
    with demo_ws.session() as s:
        accounts.add(s, "canbo", ["operator"], PW)
        accounts.add(s, "chutich", ["approver"], PW)
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    win = MainWindow(demo_ws, settings=settings, tray=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.guard.dialog is not None, timeout=10000)
    # a wrong password: refused, still asking
    dlg = win.guard.dialog
    dlg.user.setText("canbo")
    dlg.password.setText("sai-mat-khau-nhe")
    dlg.attempt()
    qtbot.waitUntil(lambda: dlg.message.text() != "", timeout=15000)
    assert win.guard.who is None and dlg.isVisible()
    _sign_in(qtbot, win, "canbo")
    assert "canbo" in win.guard.status.text()
    settings.sync()
    assert settings.value("login/last_user") == "canbo" and PW not in (tmp_path / "window.ini").read_text(encoding="utf-8"), (
        "the name is remembered, never the password"
    )
    for b in (win.today.emergency_button, win.today.stop_airing_button):
        assert not b.isEnabled() and b.toolTip(), "an operator cannot send an emergency or stop airings"
    # and it looks so: the red button is greyed, not red as when it can be pressed
    shot = win.today.emergency_button.grab().toImage()
    middle = shot.pixelColor(4, shot.height() // 2)
    assert middle.red() - middle.blue() < 40, f"a disabled emergency button looks pressable ({middle.name()})"
    win.library.approve_button.setEnabled(True)  # what the page does when a draft is selected
    qtbot.waitUntil(lambda: not win.library.approve_button.isEnabled(), timeout=3000)
    assert not win.guard.gates["playlists.new_button"].active, "an operator edits playlists"
    # the idle lock: the same dialog over the same pages, the user name filled in
    page = win.stack.currentWidget()
    win.guard.lock()
    qtbot.waitUntil(lambda: win.guard.dialog is not None and win.guard.dialog.isVisible(), timeout=5000)
    assert win.guard.dialog.user.text() == "canbo" and win.stack.currentWidget() is page
    # the approver signs in at the lock: the gates follow, an approval is recorded in their name
    _sign_in(qtbot, win, "chutich")
    assert not win.guard.gates["today.emergency_button"].active and win.guard.gates["playlists.new_button"].active
    assert "canbo" not in win.guard.status.text() and "chutich" in win.guard.status.text()
    with demo_ws.session() as s:
        from schedules import library

        item = s.query(Item).first()
        library.reject(s, item.id, "thử", "gui")
        library.approve(s, item.id, "Chủ tịch")  # the window's writes are recorded as the signed-in user
    with demo_ws.sessions() as s:
        last = s.query(AuditEntry).filter(AuditEntry.action == "item.approved").order_by(AuditEntry.id.desc()).first()
    assert last.actor == "chutich" and last.before_accounts is False
    with demo_ws.sessions() as s:
        assert s.get(Item, last.object_id and int(last.object_id)).approved_by == "chutich", "the approver is the signed-in user, not the typed name"
    # Duyệt in the window, signed in: no "who approves?" question, the approval is theirs
    with demo_ws.session() as s:
        library.reject(s, item.id, "thử lại", "gui")
    win.library.approval.item_id = item.id
    win.library.approval.approve_selected()
    with demo_ws.sessions() as s:
        qtbot.waitUntil(lambda: s.get(Item, item.id, populate_existing=True).state == "approved", timeout=10000)
        assert s.get(Item, item.id).approved_by == "chutich"
    # the audit page lists it and the chain holds
    win.show_page("audit")
    qtbot.waitUntil(lambda: win.audit_page.model.rowCount() > 0, timeout=10000)
    win.audit_page.verify()
    qtbot.waitUntil(lambda: win.audit_page.verdict.text() not in ("", win.audit_page.tr("Checking…")), timeout=10000)
    assert audit.verify(demo_ws.engine).ok
    audit.set_process_actor(None)


def test_without_accounts_the_window_stays_open(qtbot: Any, gui_app: Any, demo_ws: Workspace) -> None:
    win = MainWindow(demo_ws, tray=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.guard.status.text() != "", timeout=10000)
    assert win.guard.dialog is None and win.today.emergency_button.isEnabled()


def test_first_start_makes_the_admin_and_signs_in(qtbot: Any, gui_app: Any, demo_ws: Workspace, tmp_path: Any) -> None:
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    win = MainWindow(demo_ws, settings=settings, tray=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: getattr(win.guard, "first_admin", None) is not None and win.guard.first_admin.isVisible(), timeout=10000)
    dlg = win.guard.first_admin
    dlg.user.setText("quantri")
    dlg.password.setText("ngan")
    dlg.again.setText("ngan")
    dlg.create_account()
    qtbot.waitUntil(lambda: dlg.message.text().startswith(("The password", "Mật khẩu")), timeout=10000)
    dlg.user.setText("quantri")
    dlg.password.setText(PW)
    dlg.again.setText(PW)
    with qtbot.waitSignal(win.guard.changed, timeout=15000):
        dlg.create_account()
    assert "quantri" in win.guard.status.text() and win.guard.required
    with demo_ws.sessions() as s:
        assert [a.name for a in accounts.listing(s)] == ["quantri"]
    assert win.guard.gates["today.emergency_button"].active, "an admin alone does not send emergencies"
    audit.set_process_actor(None)


def test_emergency_needs_an_approver_and_a_fresh_one_time_code(qtbot: Any, gui_app: Any, demo_ws: Workspace) -> None:
    import pyotp

    from schedules import settings

    with demo_ws.session() as s:
        accounts.add(s, "chutich", ["approver"], PW)
        secret, _uri = accounts.totp_enrol(s, "chutich")
        settings.set_value(s, "accounts.totp_emergency", True)
    win = MainWindow(demo_ws, tray=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.guard.dialog is not None and win.guard.dialog.isVisible(), timeout=10000)
    win.guard.dialog.code.setText(pyotp.TOTP(secret).now())
    _sign_in(qtbot, win, "chutich")
    assert win.guard._totp_emergency()
    wrong = "000000" if pyotp.TOTP(secret).now() != "000000" else "111111"
    assert not win.guard.check_emergency_code(wrong)
    # the code used to sign in is spent; the next step's code is good once
    import time as _time

    nxt = pyotp.TOTP(secret).at(_time.time() + 30)
    assert win.guard.check_emergency_code(nxt)
    assert not win.guard.check_emergency_code(nxt), "a used code is refused"


def test_four_eyes_holds_in_the_window_too(qtbot: Any, gui_app: Any, demo_ws: Workspace) -> None:
    import pytest as _pytest

    from schedules import library, settings
    from schedules.errors import NotPermitted

    with demo_ws.session() as s:
        accounts.add(s, "chutich", ["approver", "operator"], PW)
        settings.set_value(s, "accounts.four_eyes", True)
        item_id = s.query(Item).first().id
    win = MainWindow(demo_ws, tray=False)
    qtbot.addWidget(win)
    win.show()
    _sign_in(qtbot, win, "chutich")
    with demo_ws.session() as s:
        library.edit_item(s, item_id, library.meta_from_options(title="Sửa trong cửa sổ"), actor="gui")
    with _pytest.raises(NotPermitted), demo_ws.session() as s:
        library.approve(s, item_id, "Tên gõ tay")
    with demo_ws.sessions() as s:
        assert s.get(Item, item_id).approved_by != "chutich"
