"""``loaxa keys`` and ``loaxa bundle`` as subprocesses: a district signs bundles, a commune
verifies and imports them; refusals exit 3, name the problem and leave the data as it was.

The district's library and bundles are made once for the module (through the CLI); each test
gets a fresh commune. The integration tests go through every violation; here each kind of
refusal is seen once through the real command line.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import stat
import subprocess
import sys
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from broadcast import importer
from schedules import areas, endpoints, library, playlists, scheduling
from schedules.workspace import Workspace
from tests.support.audio import have
from tests.support.bundles import patch_central
from tests.support.cli import Cli
from tests.support.state import db_rows, tree_digest

Edit = Callable[[str, bytes], list[tuple[str | zipfile.ZipInfo, bytes]]]


def _tone(path: Path, seconds: float, freq: int) -> Path:
    subprocess.run(
        [have("ffmpeg"), "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", f"sine=frequency={freq}:duration={seconds}", "-ac", "1", str(path)],
        check=True,
    )
    return path


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A district library (three clips, playlists, schedules), its key, and the bundles it made
    with ``loaxa keys generate`` and ``loaxa bundle create`` (the library itself is set up
    through the domain API, which is faster than a dozen CLI runs)."""
    root = tmp_path_factory.mktemp("district")
    ws = Workspace.open(root / "data")
    try:
        with ws.session() as s:
            areas.add_area(s, "X1", "Xã An Bình", "commune")
            areas.add_area(s, "X2", "Xã khác", "commune")
        first = importer.import_files(
            ws, [_tone(root / "Thông báo tiêm phòng.mp3", 2, 440)], library.meta_from_options(valid_from="2027-03-01"), approve_by="Trưởng phòng VH", workers=1
        )
        more = importer.import_files(
            ws, [_tone(root / "An toàn giao thông.mp3", 1.5, 550), _tone(root / "Lịch họp thôn.mp3", 1, 700)], library.meta_from_options(field=3), workers=1
        )
        ids = [a["id"] for a in first.added + more.added]
        assert ids == [1, 2, 3]
        with ws.session() as s:
            playlists.create_playlist(s, "Bản tin sáng", [1, 2])
            playlists.create_playlist(s, "Chiều", [3, 1])
            add = scheduling.add_schedule
            add(s, playlist_id=1, targets=["X1"], times="05:30,17:00", days="mon,wed,fri")  # 1
            add(s, playlist_id=2, targets=["X1"], times="17:30")  # 2
            add(s, playlist_id=1, targets=["X1"], times="22:00", override_quiet_hours="Chiếu phim lưu động")  # 3
            add(s, playlist_id=1, targets=["X1", "X2"], times="06:00")  # 4
    finally:
        ws.close()
    d = Cli(root / "data")
    key = root / "huyen.key"
    gen = d.json("keys", "generate", "--out", str(key))
    r1 = d.json("bundle", "create", str(root / "r1.loaxa"), "--schedule", "1", "--issuer", "H1", "--name", "Phòng VH huyện", "--sign", str(key))
    d.ok("bundle", "create", str(root / "r2.zip"), "--schedule", "2", "--issuer", "H1", "--sign", str(key), "--id", r1["id"], "--revision", "2")
    d.ok("bundle", "create", str(root / "unsigned.zip"), "--items", "3", "--issuer", "H1")
    q = d("bundle", "create", str(root / "q.zip"), "--schedule", "3", "4", "--issuer", "H1", "--sign", str(key))
    assert q.code == 0 and "quiet-hours override" in q.stderr  # what format 1 cannot carry is said
    return {"root": root, "key": key, "gen": gen, "r1": r1}


@pytest.fixture
def commune(tmp_path: Path) -> Cli:
    """A commune X1 in province T1 with one endpoint (set up through the domain API: faster)."""
    ws = Workspace.open(tmp_path / "commune")
    try:
        with ws.session() as s:
            areas.add_area(s, "T1", "Tỉnh", "province")
            areas.add_area(s, "X1", "Xã An Bình", "commune", parent="T1")
            endpoints.add_endpoint(s, "loa1", "Loa 1", "X1", (tmp_path / "out").as_uri())
    finally:
        ws.close()
    return Cli(tmp_path / "commune")


def snapshot(cli: Cli) -> tuple[Any, Any]:
    return db_rows(cli.data_dir / "loaxa.db"), tree_digest(cli.data_dir / "media")


def trust(commune: Cli, district: dict[str, Any]) -> dict[str, Any]:
    t: dict[str, Any] = commune.json("keys", "trust", str(district["key"]) + ".pub", "--issuer", "H1", "--name", "Phòng VH huyện")
    return t


def test_keys_generate_trust_list_revoke(district: dict[str, Any], commune: Cli) -> None:
    key = district["key"]
    assert district["gen"]["public_key"] == str(key) + ".pub" and len(district["gen"]["key_id"]) == 64
    if sys.platform != "win32":
        assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert key.read_text().startswith("-----BEGIN PRIVATE KEY-----")
    r = commune("keys", "generate", "--out", str(key))
    assert r.code == 3 and "already exists" in r.stderr
    t = trust(commune, district)
    assert t["added"] and t["state"] == "trusted" and t["key_id"] == district["gen"]["key_id"]
    r = commune("keys", "trust", str(key), "--issuer", "H1")
    assert r.code == 3 and "private key" in r.stderr
    assert commune.json("keys", "revoke", t["key_id"][:12])["state"] == "revoked"
    listed = commune.ok("keys", "list").stdout
    assert "Phòng VH huyện" in listed and "revoked" in listed
    assert commune("keys", "revoke", "0123456789abcdef").code == 4


def test_verify_dry_run_import_and_import_again(district: dict[str, Any], commune: Cli) -> None:
    out = district["root"] / "r1.loaxa"
    assert district["r1"]["signed"] and district["r1"]["items"] == 2 and district["r1"]["schedules"] == 1
    before = snapshot(commune)
    r = commune("bundle", "verify", str(out))
    assert r.code == 3 and "not trusted" in r.stderr  # not trusted yet
    assert snapshot(commune) == before
    trust(commune, district)
    v = commune.json("bundle", "verify", str(out))
    assert v["ok"] and v["signature"]["state"] == "verified" and v["items"] == 2
    before = snapshot(commune)
    dry = commune.json("bundle", "import", str(out), "--dry-run")
    assert dry["outcome"] == "dry_run" and len(dry["added"]["items"]) == 2
    assert snapshot(commune) == before
    text = commune.ok("bundle", "import", str(out)).stdout
    assert "Added item 1: Thông báo tiêm phòng" in text and "Item 1 approved by Trưởng phòng VH" in text and "2 renditions made" in text
    assert "Item 2 approved" not in text  # no approval in the bundle for it: draft
    before = snapshot(commune)
    assert "nothing changed" in commune.ok("bundle", "import", str(out)).stdout
    assert snapshot(commune) == before
    assert [(b["revision"], b["signed"], b["state"]) for b in commune.json("bundle", "list")] == [(1, True, "active")]


def test_a_new_revision_supersedes(district: dict[str, Any], commune: Cli) -> None:
    root = district["root"]
    trust(commune, district)
    commune.ok("bundle", "import", str(root / "r1.loaxa"))
    rep = commune.json("bundle", "import", str(root / "r2.zip"))
    sup = rep["superseded"]
    assert sup["revision"] == 1 and len(sup["schedules_removed"]) == 1 and len(sup["items_retired"]) == 1
    assert len(rep["updated"]["items"]) == 1 and len(rep["added"]["items"]) == 1
    assert [s["times"] for s in rep["added"]["schedules"]] == [["17:30"]]
    assert commune.json("bundle", "import", str(root / "r1.loaxa"))["outcome"] == "unchanged"  # the old revision again


def _rewrite(src: Path, dst: Path, edit: Edit) -> Path:
    """Copy a bundle entry by entry; ``edit(name, data)`` says what to write instead."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            for name, data in edit(info.filename, zin.read(info)):
                zout.writestr(name, data)
    return dst


def _add_after_manifest(entry: str | zipfile.ZipInfo, data: bytes) -> Edit:
    return lambda n, b: [(n, b)] + ([(entry, data)] if n == "manifest.json" else [])


def _bad_bundles(good: Path, d: Path) -> list[tuple[str, Path, list[str], str]]:
    """(case, file, extra options, words the message must contain)."""
    out: list[tuple[str, Path, list[str], str]] = []
    (d / "text.zip").write_text("đây không phải tệp ZIP\n", encoding="utf-8")
    out.append(("not a zip", d / "text.zip", [], "not a ZIP"))
    (d / "cut.zip").write_bytes(good.read_bytes()[:-200])
    out.append(("truncated", d / "cut.zip", [], "truncated"))
    bomb = d / "bomb.zip"
    bomb.write_bytes(good.read_bytes())
    with zipfile.ZipFile(bomb) as zf:
        media = [n for n in zf.namelist() if n.startswith("media/")]
    for n in media:  # each entry now claims 3.75 GiB
        patch_central(bomb, n, file_size=0xF0000000, compress_size=0xF0000000)
    out.append(("zip bomb", bomb, [], "zip bomb"))
    out.append(("path traversal", _rewrite(good, d / "dots.zip", _add_after_manifest("media/../../evil.sh", b"#!/bin/sh\n")), [], ".."))

    with zipfile.ZipFile(good) as zf:
        doc = json.loads(zf.read("manifest.json"))

    def edited(name: str, change: Callable[[dict[str, Any]], None], replace: dict[str, bytes] | None = None, keep_sig: bool = True) -> Path:
        new = json.loads(json.dumps(doc))
        change(new)

        def edit(n: str, b: bytes) -> list[tuple[str | zipfile.ZipInfo, bytes]]:
            if n == "manifest.json":
                return [(n, json.dumps(new, ensure_ascii=False).encode())]
            if n == "manifest.sig" and not keep_sig:
                return []
            return [(n, (replace or {}).get(n, b))]

        return _rewrite(good, d / name, edit)

    out.append(("signature over other bytes", edited("forged.zip", lambda m: m["items"][0].update(title="Đã sửa sau khi ký")), [], "signature does not match"))
    out.append(("unsigned", edited("nosig.zip", lambda m: None, keep_sig=False), [], "--allow-unsigned"))
    text = "Không phải âm thanh. ".encode() * 300
    victim = doc["items"][1]["file"]
    out.append(
        (
            "not audio",
            edited("text.zip2", lambda m: m["items"][1].update(sha256=hashlib.sha256(text).hexdigest()), {victim: text}, keep_sig=False),
            ["--allow-unsigned"],
            "not usable audio",
        )
    )
    return out


def test_refused_bundles_exit_3_name_the_problem_and_change_nothing(district: dict[str, Any], commune: Cli, tmp_path: Path) -> None:
    trust(commune, district)
    before = snapshot(commune)
    for case, path, options, words in _bad_bundles(district["root"] / "r1.loaxa", tmp_path):
        r = commune("bundle", "import", str(path), "--json", *options)
        assert r.code == 3, (case, r.code, r.stderr)
        assert words in r.stderr, (case, r.stderr)
        assert r.json()["error"]["code"] == 3 and words in r.json()["error"]["message"], case
        assert snapshot(commune) == before, f"{case}: a refused bundle must leave the database and the media store as they were"


def test_allow_unsigned_imports_as_draft_and_is_audited(district: dict[str, Any], commune: Cli) -> None:
    path = district["root"] / "unsigned.zip"
    r = commune("bundle", "import", str(path))
    assert r.code == 3 and "--allow-unsigned" in r.stderr
    rep = commune.json("bundle", "import", str(path), "--allow-unsigned")
    assert rep["signature"]["state"] == "unsigned" and rep["approved"] == []
    con = sqlite3.connect(commune.data_dir / "loaxa.db")
    try:
        rows = con.execute("SELECT details FROM audit_log WHERE action = 'bundle.import_unsigned'").fetchall()
    finally:
        con.close()
    assert len(rows) == 1 and json.loads(rows[0][0])["allow_unsigned"] is True
    assert [c["state"] for c in commune.json("clips", "list")] == ["draft"]


def test_nfd_names_unknown_targets_and_quiet_hours(district: dict[str, Any], commune: Cli, tmp_path: Path) -> None:
    nfd = _rewrite(district["root"] / "q.zip", tmp_path / "nfd.zip", lambda n, b: [(unicodedata.normalize("NFD", n), b)])
    with zipfile.ZipFile(nfd) as zf:
        assert any(unicodedata.normalize("NFC", n) != n for n in zf.namelist())
    trust(commune, district)
    rep = commune.json("bundle", "import", str(nfd))
    assert sorted(s["kind"] for s in rep["skipped"]) == ["quiet_hours", "unknown_target"]
    assert [s["targets"] for s in rep["added"]["schedules"]] == [["X1"]]
    names = {c["title"] for c in commune.json("clips", "list")}
    assert "Thông báo tiêm phòng" in names and all(unicodedata.is_normalized("NFC", n) for n in names)
