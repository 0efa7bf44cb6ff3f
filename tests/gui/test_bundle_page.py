"""The bundle import page of the real window: a good signed bundle is checked, previewed and
imported; a tampered bundle is refused in red with nothing changed; an unsigned bundle needs the
operator's explicit consent."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import Qt
from sqlalchemy import select

from schedules import keys
from schedules.models import Bundle, Item, Schedule
from schedules.workspace import Workspace
from tests.support.bundles import item_doc, manifest_doc, write_bundle
from tests.support.state import db_rows, tree_digest


def bundle(tmp_path: Path, clips: dict[str, bytes], key: Ed25519PrivateKey | None, *, name: str = "huyen.loaxa", tamper: bool = False) -> Path:
    doc = manifest_doc(
        [item_doc("a", "media/a.mp3", clips["a"], title="Thông báo của huyện"), item_doc("b", "media/b.mp3", clips["b"], title="Lịch tiêm chủng")],
        issuer="T99",
        key=key,
        playlists=[{"id": "p1", "name": "Bản tin huyện", "items": ["a", "b"]}],
        schedules=[
            {"id": "s1", "playlist": "p1", "targets": ["X9901"], "times": ["06:15"], "days": "daily", "from": "2027-01-01", "until": "2027-01-31"},
            {"id": "s2", "playlist": "p1", "targets": ["X0000"], "times": ["06:15"], "days": "daily", "from": "2027-01-01", "until": "2027-01-31"},
        ],
    )
    data = json.dumps(doc, ensure_ascii=False).encode()
    if tamper:  # signed, then changed: the signature no longer matches
        sig = key.sign(data) if key else b""
        data = data.replace("Lịch tiêm chủng".encode(), "Lịch tiêm chủng!".encode())
        return write_bundle(tmp_path / name, data, {"media/a.mp3": clips["a"], "media/b.mp3": clips["b"]}, signature=sig)
    return write_bundle(tmp_path / name, data, {"media/a.mp3": clips["a"], "media/b.mp3": clips["b"]}, key=key)


def trust(ws: Workspace, tmp_path: Path, key: Ed25519PrivateKey) -> None:
    pub = tmp_path / "tinh.pub"
    pub.write_text(keys.public_pem(key.public_key()), encoding="ascii")
    with ws.session() as s:
        keys.trust(s, pub, "T99", "Sở VH-TT Tỉnh Mẫu")


def snapshot(ws: Workspace) -> Any:
    return db_rows(ws.data_dir / "loaxa.db"), tree_digest(ws.media.root)


def open_page(qtbot: Any, window: Any) -> Any:
    window.show_page("bundles")
    page = window.bundles
    qtbot.waitUntil(lambda: page.history is not None, timeout=5000)
    return page


def test_a_signed_bundle_is_checked_previewed_and_imported(
    qtbot: Any, window: Any, demo_ws: Workspace, tmp_path: Path, clips: dict[str, bytes], key: Ed25519PrivateKey
) -> None:
    trust(demo_ws, tmp_path, key)
    path = bundle(tmp_path, clips, key)
    page = open_page(qtbot, window)
    before = snapshot(demo_ws)
    with qtbot.waitSignal(page.checked, timeout=30000) as got:
        page.choose_file(path)
    assert got.args[0]["outcome"] == "dry_run"
    # the preview names what would change, and nothing has changed yet
    assert page.preview_groups() == {"items": 2, "playlists": 1, "schedules": 1, "skipped": 2}, got.args[0]["skipped"]
    assert page.banner.property("kind") == "ok" and "Sở VH-TT Tỉnh Mẫu" in page.banner.text()
    assert page.import_button.isEnabled()
    assert snapshot(demo_ws) == before
    assert "Xã An Bình (X9901)" in [page.preview.topLevelItem(2).child(0).text(1)]
    window.grab().save(str(tmp_path / "bundle-preview.png"))

    with qtbot.waitSignal(page.imported, timeout=60000) as got:
        qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    report = got.args[0]
    assert report["outcome"] == "imported" and report["renditions"]["made"] >= 2 and not report["flagged"]
    assert page.banner.property("kind") == "ok" and page.step == "report"
    assert not page.import_button.isEnabled()
    with demo_ws.sessions() as s:
        titles = set(s.scalars(select(Item.title).where(Item.bundle_pk.is_not(None))))
        assert titles == {"Thông báo của huyện", "Lịch tiêm chủng"}
        assert s.scalars(select(Schedule).where(Schedule.bundle_pk.is_not(None))).one() is not None
    qtbot.waitUntil(lambda: page.history.rowCount() == 1, timeout=10000)
    assert page.history.item(0, 3).text() != "" and page.history.item(0, 2).text() == "Sở Văn hóa"
    # the library page hears of the new items
    lib = window.library
    qtbot.waitUntil(lambda: any(lib.model.index(r, 0).data() == "Lịch tiêm chủng" for r in range(lib.model.rowCount())), timeout=10000)

    # the same file again: already imported, nothing to do
    page.reset()
    with qtbot.waitSignal(page.checked, timeout=30000) as got:
        page.choose_file(path)
    assert got.args[0]["outcome"] == "unchanged" and not page.import_button.isEnabled()


def test_a_tampered_bundle_is_refused_and_nothing_changes(
    qtbot: Any, window: Any, demo_ws: Workspace, tmp_path: Path, clips: dict[str, bytes], key: Ed25519PrivateKey
) -> None:
    trust(demo_ws, tmp_path, key)
    path = bundle(tmp_path, clips, key, tamper=True)
    page = open_page(qtbot, window)
    before = snapshot(demo_ws)
    with qtbot.waitSignal(page.refused, timeout=30000):
        page.choose_file(path)
    assert page.banner.property("kind") == "error"
    text = page.banner.text()
    assert "không có gì thay đổi" in text.lower() or "nothing was changed" in text.lower()
    assert "manifest.json" in text  # the reason, from the check
    assert not page.import_button.isEnabled() and page.preview.topLevelItemCount() == 0
    assert snapshot(demo_ws) == before
    banner = page.banner
    qtbot.waitUntil(lambda: banner.isVisible() and banner.height() >= banner.heightForWidth(banner.width()), timeout=5000)  # grown to its lines
    window.grab().save(str(tmp_path / "bundle-refused.png"))


def test_an_unsigned_bundle_needs_consent(qtbot: Any, window: Any, demo_ws: Workspace, tmp_path: Path, clips: dict[str, bytes]) -> None:
    path = bundle(tmp_path, clips, None, name="khong-ky.zip")
    page = open_page(qtbot, window)
    with qtbot.waitSignal(page.refused, timeout=30000):
        page.choose_file(path)
    assert page.banner.property("kind") == "error" and page.allow_unsigned.text() in page.banner.text()
    with qtbot.waitSignal(page.checked, timeout=30000):
        page.allow_unsigned.setChecked(True)  # checks again at once
    assert page.banner.property("kind") == "warn" and page.import_button.isEnabled()
    with qtbot.waitSignal(page.imported, timeout=60000):
        page.start_import()
    with demo_ws.sessions() as s:
        b = s.scalars(select(Bundle)).one()
        assert not b.signed and b.state == "active"
