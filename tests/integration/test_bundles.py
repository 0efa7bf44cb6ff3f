"""Content bundles on a real database, media store and ffmpeg: a good signed bundle, every
violation refused with nothing changed, idempotence, revisions, targets and quiet hours, reuse of
library audio, dry runs, streaming, and the clip pipeline after the import."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import stat
import subprocess
import sys
import tracemalloc
import unicodedata
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from broadcast import bundles as bb
from broadcast import importer
from schedules import areas, endpoints, keys, library, settings
from schedules import bundles as sb
from schedules.errors import InputRefused, NotFound
from schedules.models import AsRunRecord, AuditEntry, Bundle, HttnMessage, Item, Playlist, Schedule, TrustedKey
from schedules.workspace import Workspace
from tests.support.audio import have
from tests.support.bundles import BUNDLE_ID, item_doc, manifest_doc, patch_central, write_bundle
from tests.support.state import db_rows, tree_digest

pytestmark = pytest.mark.usefixtures("english")  # tests read the English messages


# --- fixtures ---------------------------------------------------------------------------------


def trust(ws: Workspace, tmp_path: Path, k: Ed25519PrivateKey, issuer: str = "T1") -> None:
    pub = tmp_path / f"{keys.key_id(k.public_key())[:8]}.pub"
    pub.write_text(keys.public_pem(k.public_key()), encoding="ascii")
    with ws.session() as s:
        keys.trust(s, pub, issuer, "Sở Văn hóa")


@pytest.fixture
def commune(ws: Workspace, tmp_path: Path, key: Ed25519PrivateKey) -> Workspace:
    """A commune X1 in province T1 with one endpoint, trusting the province's key."""
    with ws.session() as s:
        areas.add_area(s, "T1", "Tỉnh", "province")
        areas.add_area(s, "X1", "Xã An Bình", "commune", parent="T1")
        endpoints.add_endpoint(s, "loa1", "Loa 1", "X1", (tmp_path / "out").as_uri())
    trust(ws, tmp_path, key)
    return ws


def good(clips: dict[str, bytes], key: Ed25519PrivateKey | None, **kw: Any) -> dict[str, Any]:
    doc = manifest_doc(
        [
            item_doc(
                "a",
                "media/a.mp3",
                clips["a"],
                title="Thông báo tiêm phòng",
                approved_by="Trưởng phòng VH",
                valid_from="2027-03-01",
                valid_until="2027-03-31",
                summary="Đợt 2",
            ),
            item_doc("b", "media/b.mp3", clips["b"], title="An toàn giao thông", field=3, priority=2),
        ],
        key=key,
        playlists=[{"id": "p1", "name": "Bản tin sáng", "items": ["a", "b"]}],
        schedules=[
            {"id": "s1", "playlist": "p1", "targets": ["X1"], "times": ["05:30", "17:00"], "days": "daily", "from": "2027-03-01", "until": "2027-03-31"}
        ],
        **kw,
    )
    return doc


def build(
    tmp_path: Path,
    clips: dict[str, bytes],
    key: Ed25519PrivateKey | None,
    name: str = "b.zip",
    doc: dict[str, Any] | None = None,
    media: dict[str, bytes] | None = None,
    **kw: Any,
) -> Path:
    return write_bundle(
        tmp_path / name, doc or good(clips, key), media if media is not None else {"media/a.mp3": clips["a"], "media/b.mp3": clips["b"]}, key=key, **kw
    )


def do_import(ws: Workspace, path: Path, **kw: Any) -> sb.ImportResult:
    return sb.import_bundle(ws, path, check_audio=bb.check_audio, workers=2, **kw)


def snapshot(ws: Workspace) -> tuple[Any, Any]:
    return db_rows(ws.data_dir / "loaxa.db"), tree_digest(ws.media.root)


# --- a good bundle ----------------------------------------------------------------------------


def test_a_good_signed_bundle_imports_items_playlists_and_schedules(
    commune: Workspace, tmp_path: Path, clips: dict[str, bytes], key: Ed25519PrivateKey
) -> None:
    p = build(tmp_path, clips, key)
    v = sb.verify_bundle(commune, p, check_audio=bb.check_audio)
    assert v["ok"] and v["signature"]["state"] == "verified" and [f["item"] for f in v["files"]] == ["a", "b"]
    r = do_import(commune, p)
    assert r.changed and r.report["outcome"] == "imported" and len(r.new_item_ids) == 2
    with commune.sessions() as s:
        a, b = (s.scalars(select(Item).where(Item.bundle_item_id == i)).one() for i in ("a", "b"))
        assert (a.title, a.summary, a.state, a.approved_by) == ("Thông báo tiêm phòng", "Đợt 2", "approved", "Trưởng phòng VH")
        assert (b.state, b.field, b.priority, b.approved_by) == ("draft", 3, 2, None)  # no approved_by in the bundle
        assert a.valid_from is not None and str(a.valid_from) == "2027-03-01" and 1.3 < a.duration_s < 1.8
        assert a.media_sha256 == hashlib.sha256(clips["a"]).hexdigest() and a.original_name == "a.mp3" and a.search_key
        pl = s.scalars(select(Playlist)).one()
        assert [e.item_id for e in pl.entries] == [a.id, b.id] and pl.bundle_playlist_id == "p1"
        sc = s.scalars(select(Schedule)).one()
        assert [t.code for t in sc.targets] == ["X1"] and sc.times == ["05:30:00", "17:00:00"] and sc.bundle_schedule_id == "s1"
        bundle = s.scalars(select(Bundle)).one()
        assert (bundle.bundle_id, bundle.revision, bundle.signed, bundle.state, bundle.issuer_code) == (BUNDLE_ID, 1, True, "active", "T1")
        assert bundle.report and bundle.report["outcome"] == "imported"
        actions = [x.action for x in s.scalars(select(AuditEntry))]
    assert "bundle.import" in actions and "bundle.import_unsigned" not in actions
    for blob in (clips["a"], clips["b"]):
        sha = hashlib.sha256(blob).hexdigest()
        assert (commune.media.root / "sources" / sha[:2] / f"{sha}.mp3").read_bytes() == blob
    assert not (commune.media.root / ".staging").exists()


def test_a_vietnamese_nfd_entry_name_is_accepted_and_stored_as_nfc(commune: Workspace, tmp_path: Path, clips: dict[str, bytes], key: Ed25519PrivateKey) -> None:
    nfc = "media/Thông báo khẩn cấp.mp3"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    doc = manifest_doc([item_doc("v", nfd, clips["c"])], key=key)
    p = write_bundle(tmp_path / "nfd.zip", doc, {nfd: clips["c"]}, key=key)
    do_import(commune, p)
    with commune.sessions() as s:
        assert s.scalars(select(Item.original_name)).one() == "Thông báo khẩn cấp.mp3"


# --- every violation: refused, named, nothing changed ----------------------------------------------


def _symlink() -> zipfile.ZipInfo:
    zi = zipfile.ZipInfo("media/link.mp3")
    zi.create_system = 3
    zi.external_attr = 0o120777 << 16
    return zi


def case_builders(tmp_path: Path, clips: dict[str, bytes], key: Ed25519PrivateKey) -> dict[str, tuple[Callable[[], Path], str, str]]:
    """case -> (make the bundle, expected kind, words the message must contain)."""
    A, B = clips["a"], clips["b"]
    media = {"media/a.mp3": A, "media/b.mp3": B}

    def edited(edit: Callable[[dict[str, Any]], None], media_: dict[str, bytes] | None = None, **kw: Any) -> Callable[[], Path]:
        def make() -> Path:
            doc = good(clips, key)
            edit(doc)
            return write_bundle(tmp_path / "bad.zip", doc, media_ if media_ is not None else media, key=key, **kw)

        return make

    def raw(name: str, extra: list[tuple[Any, bytes]]) -> Callable[[], Path]:
        return lambda: write_bundle(tmp_path / "bad.zip", good(clips, key), media, key=key, extra=extra)

    def other_key() -> Path:
        k2 = Ed25519PrivateKey.generate()
        return write_bundle(tmp_path / "bad.zip", good(clips, k2), media, key=k2)

    def wrong_signature() -> Path:
        doc = good(clips, key)
        return write_bundle(tmp_path / "bad.zip", doc, media, signature=key.sign(b"other bytes"))

    def truncated() -> Path:
        p = build(tmp_path, clips, key, name="full.zip")
        data = p.read_bytes()
        (tmp_path / "bad.zip").write_bytes(data[: len(data) // 2])
        return tmp_path / "bad.zip"

    def not_zip() -> Path:
        (tmp_path / "bad.zip").write_text("Đây là văn bản, không phải ZIP.\n" * 50, encoding="utf-8")
        return tmp_path / "bad.zip"

    def total_bomb() -> Path:
        # two stored entries whose central directory claims 3.75 GiB each: refused before reading
        p = build(tmp_path, clips, key, name="bad.zip")
        for n in ("media/a.mp3", "media/b.mp3"):
            patch_central(p, n, file_size=0xF0000000, compress_size=0xF0000000)
        return p

    def ratio_bomb() -> Path:
        zeros = bytes(8 << 20)
        doc = good(clips, key)
        doc["items"].append(item_doc("z", "media/z.wav", zeros))
        return write_bundle(tmp_path / "bad.zip", doc, {**media, "media/z.wav": zeros}, key=key, compression=zipfile.ZIP_DEFLATED)

    def not_audio() -> Path:
        text = "Không phải âm thanh. ".encode() * 200
        doc = good(clips, key)
        doc["items"][1] = item_doc("b", "media/b.mp3", text)
        return write_bundle(tmp_path / "bad.zip", doc, {"media/a.mp3": A, "media/b.mp3": text}, key=key)

    def huge_manifest() -> Path:
        doc = good(clips, key)
        doc["x-padding"] = "x" * (1 << 20)
        return write_bundle(tmp_path / "bad.zip", doc, media, key=key)

    def unsigned() -> Path:
        return write_bundle(tmp_path / "bad.zip", good(clips, None), media)

    def version2() -> Path:
        doc = good(clips, key)
        doc["version"] = 2
        return write_bundle(tmp_path / "bad.zip", doc, media, key=key)

    def other_issuer() -> Path:
        doc = good(clips, key)
        doc["issuer"]["code"] = "T2"
        return write_bundle(tmp_path / "bad.zip", doc, media, key=key)

    def put(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
        def edit(doc: dict[str, Any]) -> None:
            target: Any = doc
            parts = path.split(".")
            for k in parts[:-1]:
                target = target[int(k)] if k.isdigit() else target[k]
            if value is None:
                del target[parts[-1]]
            else:
                target[int(parts[-1]) if parts[-1].isdigit() else parts[-1]] = value

        return edit

    return {
        "file missing": (edited(lambda d: None, {"media/a.mp3": A}), "file_missing", "media/b.mp3"),
        "file not listed": (edited(lambda d: None, {**media, "media/c.mp3": clips["c"]}), "file_not_listed", "media/c.mp3"),
        "extra entry": (raw("extra", [("readme.txt", b"hello")]), "zip_extra", "readme.txt"),
        "sha mismatch": (edited(put("items.0.sha256", "0" * 64)), "sha_mismatch", "SHA-256"),
        "absolute path": (raw("abs", [("/media/x.mp3", A)]), "zip_absolute", "absolute"),
        "dot dot": (raw("dotdot", [("media/../../x.mp3", A)]), "zip_parent", ".."),
        "backslash": (raw("bs", [("media\\x.mp3", A)]), "zip_backslash", "backslash"),
        "drive letter": (raw("drive", [("C:/media/x.mp3", A)]), "zip_drive", "drive letter"),
        "symlink": (raw("link", [(_symlink(), b"/etc/passwd")]), "zip_symlink", "symbolic link"),
        "nfc collision": (raw("nfc", [("media/Thông.mp3", A), (unicodedata.normalize("NFD", "media/Thông.mp3"), B)]), "zip_nfc_collision", "NFC"),
        "zip bomb by total size": (total_bomb, "zip_total", "zip bomb"),
        "zip bomb by ratio": (ratio_bomb, "zip_ratio", "zip bomb"),
        "valid_from after valid_until": (edited(put("items.0.valid_from", "2027-04-01")), "manifest_date", "valid_until"),
        "field out of range": (edited(put("items.0.field", 9)), "manifest_schema", "field"),
        "priority out of range": (edited(put("items.1.priority", 4)), "manifest_schema", "priority"),
        "collision out of range": (edited(put("schedules.0.collision", "wait:90000")), "manifest_schedule", "wait"),
        "duplicate item ids": (edited(put("items.1.id", "a")), "duplicate_id", "'a'"),
        "dangling playlist reference": (edited(put("playlists.0.items.1", "ghost")), "dangling_reference", "ghost"),
        "dangling schedule reference": (edited(put("schedules.0.playlist", "ghost")), "dangling_reference", "ghost"),
        "not audio": (not_audio, "not_audio", "media/b.mp3"),
        "truncated zip": (truncated, "not_zip", "truncated"),
        "not a zip": (not_zip, "not_zip", "not a ZIP"),
        "manifest not json": (lambda: write_bundle(tmp_path / "bad.zip", b"{ nope", media), "manifest_json", "not valid JSON"),
        "version 2": (version2, "manifest_version", "version 2"),
        "wrong types": (edited(put("revision", "one")), "manifest_schema", "revision"),
        "missing required key": (edited(put("items.0.title", None)), "manifest_schema", "title"),
        "untrusted key": (other_key, "untrusted_key", "not trusted"),
        "signature over other bytes": (wrong_signature, "bad_signature", "signature does not match"),
        "manifest over 1 MiB": (huge_manifest, "manifest_size", "larger than"),
        "unsigned": (unsigned, "unsigned", "--allow-unsigned"),
        "issuer not the key's": (other_issuer, "issuer_mismatch", "T2"),
    }


CASES = [
    "file missing",
    "file not listed",
    "extra entry",
    "sha mismatch",
    "absolute path",
    "dot dot",
    "backslash",
    "drive letter",
    "symlink",
    "nfc collision",
    "zip bomb by total size",
    "zip bomb by ratio",
    "valid_from after valid_until",
    "field out of range",
    "priority out of range",
    "collision out of range",
    "duplicate item ids",
    "dangling playlist reference",
    "dangling schedule reference",
    "not audio",
    "truncated zip",
    "not a zip",
    "manifest not json",
    "version 2",
    "wrong types",
    "missing required key",
    "untrusted key",
    "signature over other bytes",
    "manifest over 1 MiB",
    "unsigned",
    "issuer not the key's",
]


@pytest.mark.parametrize("case", CASES)
def test_every_violation_is_refused_and_changes_nothing(commune: Workspace, tmp_path: Path, clips: dict[str, bytes], key: Ed25519PrivateKey, case: str) -> None:
    # a library with content already, so "nothing changed" means something
    do_import(
        commune,
        write_bundle(
            tmp_path / "first.zip",
            manifest_doc([item_doc("d", "media/d.mp3", clips["d"])], key=key, bundle_id="11111111-2222-4333-8444-555555555555"),
            {"media/d.mp3": clips["d"]},
            key=key,
        ),
    )
    make, kind, words = case_builders(tmp_path, clips, key)[case]
    path = make()
    before = snapshot(commune)
    for op in ("verify", "import", "dry-run"):
        with pytest.raises(InputRefused) as e:
            if op == "verify":
                sb.verify_bundle(commune, path, check_audio=bb.check_audio)
            else:
                do_import(commune, path, dry_run=op == "dry-run")
        assert e.value.kind == kind, f"{op}: {e.value.kind}: {e.value.message}"
        assert words in e.value.message, e.value.message
        assert e.value.exit_code == 3
    assert snapshot(commune) == before, "a refused bundle must leave the database and the media store as they were"


def test_a_revoked_key_is_refused(commune: Workspace, tmp_path: Path, clips: dict[str, bytes], key: Ed25519PrivateKey) -> None:
    with commune.session() as s:
        keys.revoke(s, keys.key_id(key.public_key())[:10])
    p = build(tmp_path, clips, key)
    before = snapshot(commune)
    for allow in (False, True):  # revocation wins over --allow-unsigned
        with pytest.raises(InputRefused) as e:
            do_import(commune, p, allow_unsigned=allow)
        assert e.value.kind == "revoked_key" and "revoked" in e.value.message
    assert snapshot(commune) == before


def test_an_audio_failure_at_the_end_refuses_the_whole_bundle(commune: Workspace, tmp_path: Path, clips: dict[str, bytes], key: Ed25519PrivateKey) -> None:
    """The last item's audio is cut in its first frames: nothing of the bundle is kept."""
    broken = clips["b"][:300]
    doc = good(clips, key)
    doc["items"][1] = item_doc("b", "media/b.mp3", broken)
    p = write_bundle(tmp_path / "b.zip", doc, {"media/a.mp3": clips["a"], "media/b.mp3": broken}, key=key)
    before = snapshot(commune)
    with pytest.raises(InputRefused) as e:
        do_import(commune, p)
    assert "'b'" in e.value.message
    assert snapshot(commune) == before


# --- idempotence and revisions -----------------------------------------------------------------


def test_importing_the_same_bundle_again_changes_nothing(commune: Workspace, tmp_path: Path, clips: dict[str, bytes], key: Ed25519PrivateKey) -> None:
    p = build(tmp_path, clips, key)
    do_import(commune, p)
    before = snapshot(commune)
    r = do_import(commune, p)
    assert r.report["outcome"] == "unchanged" and not r.changed and "nothing changed" in r.report["message"]
    assert snapshot(commune) == before


def test_a_higher_revision_supersedes_and_keeps_the_as_run_history(commune: Workspace, tmp_path: Path, clips: dict[str, bytes], key: Ed25519PrivateKey) -> None:
    r1 = do_import(commune, build(tmp_path, clips, key, name="r1.zip"))
    with commune.session() as s:
        old_sched = s.scalars(select(Schedule)).one()
        s.add(
            AsRunRecord(
                occurrence_key="k1",
                schedule_id=old_sched.id,
                endpoint_code="loa1",
                playlist_id=old_sched.playlist_id,
                planned_start=datetime(2027, 3, 1, tzinfo=UTC),
                outcome="completed",
            )
        )
        old_b = s.scalars(select(Item).where(Item.bundle_item_id == "b")).one().id
        old_a = s.scalars(select(Item).where(Item.bundle_item_id == "a")).one().id
    doc2 = manifest_doc(
        [
            item_doc("a", "media/a.mp3", clips["a"], title="Thông báo tiêm phòng (sửa)", approved_by="Trưởng phòng VH"),
            item_doc("c", "media/c.mp3", clips["c"], title="Lịch họp"),
        ],
        key=key,
        revision=2,
        playlists=[{"id": "p1", "name": "Bản tin sáng (mới)", "items": ["c", "a"]}],
        schedules=[{"id": "s2", "playlist": "p1", "targets": ["X1"], "times": ["17:30"], "days": ["sat", "sun"]}],
    )
    r2 = do_import(commune, write_bundle(tmp_path / "r2.zip", doc2, {"media/a.mp3": clips["a"], "media/c.mp3": clips["c"]}, key=key))
    sup = r2.report["superseded"]
    assert sup["revision"] == 1 and sup["schedules_removed"] == [old_sched.id] and sup["items_retired"] == [old_b]
    assert [u["id"] for u in r2.report["updated"]["items"]] == [old_a]
    with commune.sessions() as s:
        bundles_ = {b.revision: b.state for b in s.scalars(select(Bundle))}
        assert bundles_ == {1: "superseded", 2: "active"}
        a = s.get(Item, old_a)
        assert a is not None and a.title == "Thông báo tiêm phòng (sửa)" and a.summary is None and a.state == "approved"
        b = s.get(Item, old_b)
        assert b is not None and b.state == "retired"
        sched = s.scalars(select(Schedule)).one()
        assert sched.bundle_schedule_id == "s2" and sched.weekdays == "sat,sun"
        pl = s.scalars(select(Playlist)).one()  # replaced in place: same row, new entries
        assert pl.id == old_sched.playlist_id and pl.name == "Bản tin sáng (mới)" and [e.item.bundle_item_id for e in pl.entries if e.item] == ["c", "a"]
        assert [x.schedule_id for x in s.scalars(select(AsRunRecord))] == [old_sched.id]
    assert r1.bundle_pk != r2.bundle_pk
    # the superseded revision again: the same bundle, nothing changes
    before = snapshot(commune)
    assert do_import(commune, tmp_path / "r1.zip").report["outcome"] == "unchanged"
    assert snapshot(commune) == before


def test_lower_or_equal_revisions_with_other_content_are_refused(commune: Workspace, tmp_path: Path, clips: dict[str, bytes], key: Ed25519PrivateKey) -> None:
    do_import(commune, build(tmp_path, clips, key, doc=good(clips, key, revision=3)))
    before = snapshot(commune)
    for rev, kind in ((3, "revision_conflict"), (2, "revision_older")):
        doc = good(clips, key, revision=rev)
        doc["items"][0]["title"] = "Khác"
        with pytest.raises(InputRefused) as e:
            do_import(commune, build(tmp_path, clips, key, name=f"r{rev}.zip", doc=doc))
        assert e.value.kind == kind and str(rev) in e.value.message
    assert snapshot(commune) == before


# --- targets, quiet hours, reuse, approval -------------------------------------------------------


def test_unknown_targets_and_quiet_hours_are_skipped_and_reported(commune: Workspace, tmp_path: Path, clips: dict[str, bytes], key: Ed25519PrivateKey) -> None:
    doc = good(clips, key)
    doc["schedules"] = [
        {"id": "mixed", "playlist": "p1", "targets": ["X1", "X99"], "times": ["06:00"], "days": "daily"},
        {"id": "elsewhere", "playlist": "p1", "targets": ["X98", "X99"], "times": ["06:00"], "days": "daily"},
        {"id": "late", "playlist": "p1", "targets": ["X1"], "times": ["22:30"], "days": "daily"},
        {"id": "early-emergency", "playlist": "p1", "targets": ["loa1"], "times": ["04:00"], "days": "daily", "priority": 1},
    ]
    r = do_import(commune, build(tmp_path, clips, key, doc=doc))
    skipped = {(x["schedule"], x["kind"]) for x in r.report["skipped"]}
    assert skipped == {("mixed", "unknown_target"), ("elsewhere", "unknown_target"), ("elsewhere", "no_target"), ("late", "quiet_hours")}
    late = next(x for x in r.report["skipped"] if x["schedule"] == "late")
    assert "21:00-05:00" in late["message"]
    assert next(x for x in r.report["skipped"] if x["schedule"] == "mixed")["codes"] == ["X99"]
    with commune.sessions() as s:
        got = {sc.bundle_schedule_id: [t.code for t in sc.targets] for sc in s.scalars(select(Schedule))}
    assert got == {"mixed": ["X1"], "early-emergency": ["loa1"]}
    assert len(r.report["added"]["items"]) == 2


def test_audio_already_in_the_library_reuses_the_item_described_as_the_bundle_says(
    commune: Workspace, tmp_path: Path, clips: dict[str, bytes], key: Ed25519PrivateKey
) -> None:
    """Issue 16, point 10: the district's title, field, priority and validity win for what the
    bundle brought; the local title stays in the item's history, the report says so, and the
    item keeps its own approval and stays the commune's (not the bundle's)."""
    src = tmp_path / "local.mp3"
    src.write_bytes(clips["a"])
    rep = importer.import_files(commune, [src], library.meta_from_options(title="Bản ghi của xã", field="5", priority="2"), workers=1)
    local_id = rep.added[0]["id"]
    r = do_import(commune, build(tmp_path, clips, key))
    assert [(x["bundle_item"], x["id"]) for x in r.report["reused"]] == [("a", local_id)]
    reused = r.report["reused"][0]
    assert "already in the library" in reused["message"] and "Bản ghi của xã" in reused["message"] and "history" in reused["message"]
    assert reused["replaced"]["title"] == "Bản ghi của xã" and reused["title"] == "Thông báo tiêm phòng"
    with commune.sessions() as s:
        it = s.get(Item, local_id)
        assert it is not None and (it.title, it.summary, it.field, it.priority) == ("Thông báo tiêm phòng", "Đợt 2", 1, 3)
        assert (str(it.valid_from), str(it.valid_until)) == ("2027-03-01", "2027-03-31") and "tiem phong" in (it.search_key or "")
        assert (it.state, it.approved_by, it.bundle_pk) == ("draft", None, None)  # its own approval; still the commune's item
        pl = s.scalars(select(Playlist)).one()
        assert pl.entries[0].item_id == local_id
        assert s.scalars(select(Item).where(Item.media_sha256 == hashlib.sha256(clips["a"]).hexdigest())).all() == [it]
        history = s.scalars(select(AuditEntry).where(AuditEntry.action == "item.bundle_describe", AuditEntry.object_id == str(local_id))).one()
        assert history.before and history.before["title"] == "Bản ghi của xã" and history.after and history.after["title"] == "Thông báo tiêm phòng"
    # the same description again: nothing to replace, and the report says the item is used as it is
    doc = good(clips, key, bundle_id="77777777-3333-4444-8555-666666666666")
    doc["schedules"] = []
    again = do_import(commune, build(tmp_path, clips, key, name="again.zip", doc=doc))
    assert {x["id"]: x["replaced"] for x in again.report["reused"]}[local_id] == {}


def _outbox(ws: Workspace) -> list[tuple[str, str]]:
    with ws.sessions() as s:
        return [(m.kind, m.key) for m in s.scalars(select(HttnMessage).order_by(HttnMessage.id))]


def test_schedules_a_bundle_adds_or_removes_are_announced_to_the_province(
    commune: Workspace, tmp_path: Path, clips: dict[str, bytes], key: Ed25519PrivateKey
) -> None:
    """Issue 14: a bundle's schedules reach the HTTTN outbox like the CLI's schedule changes: the
    new ones announced, the superseded ones cancelled, a local schedule on a playlist the new
    revision replaces rescheduled; a dry run leaves the outbox as it was."""
    from schedules import httn, scheduling

    with commune.session() as s:
        httn.save_settings(s, {"httn.url": "http://127.0.0.1:9", "httn.source_id": "XA", "httn.user": "u"})
    dry = do_import(commune, build(tmp_path, clips, key, name="r1.zip"), dry_run=True)
    assert dry.report["outcome"] == "dry_run" and _outbox(commune) == []
    r1 = do_import(commune, tmp_path / "r1.zip")
    sid = r1.report["added"]["schedules"][0]["id"]
    with commune.sessions() as s:
        a = s.scalars(select(Item).where(Item.bundle_item_id == "a")).one().id  # approved by the trusted bundle; b is a draft
    assert _outbox(commune) == [("bantin", f"bantin:S{sid}-I{a}")]
    with commune.session() as s:  # the commune airs the bundle's playlist at another time too
        pl = s.scalars(select(Playlist)).one().id
        local = scheduling.add_schedule(s, playlist_id=pl, targets=["loa1"], times="09:00", days="daily").id
    assert _outbox(commune)[-1] == ("bantin", f"bantin:S{local}-I{a}")
    doc2 = manifest_doc(
        [
            item_doc("c", "media/c.mp3", clips["c"], title="Lịch họp", approved_by="Trưởng phòng VH"),
            item_doc("a", "media/a.mp3", clips["a"], approved_by="Trưởng phòng VH"),
        ],
        key=key,
        revision=2,
        playlists=[{"id": "p1", "name": "Bản tin sáng", "items": ["c", "a"]}],
        schedules=[{"id": "s2", "playlist": "p1", "targets": ["X1"], "times": ["17:30"], "days": "daily"}],
    )
    before = len(_outbox(commune))
    r2 = do_import(commune, write_bundle(tmp_path / "r2.zip", doc2, {"media/a.mp3": clips["a"], "media/c.mp3": clips["c"]}, key=key))
    s2 = r2.report["added"]["schedules"][0]["id"]
    c = r2.new_item_ids[0]
    sent = _outbox(commune)[before:]
    assert ("huy", f"bantin:S{sid}-I{a}") in sent, "the superseded schedule's bulletin is cancelled"
    assert ("lichphat", f"bantin:S{local}-I{a}") in sent and ("bantin", f"bantin:S{local}-I{c}") in sent, "the local schedule's new programme"
    assert ("bantin", f"bantin:S{s2}-I{c}") in sent and ("bantin", f"bantin:S{s2}-I{a}") in sent, "the new revision's schedule"


def test_approval_is_kept_only_from_a_trusted_key_and_when_configured(
    commune: Workspace, tmp_path: Path, clips: dict[str, bytes], key: Ed25519PrivateKey
) -> None:
    # unsigned, allowed explicitly: draft, and the audit log says so
    r = do_import(commune, build(tmp_path, clips, None, doc=good(clips, None)), allow_unsigned=True)
    assert r.report["signature"]["state"] == "unsigned" and r.report["approved"] == []
    with commune.sessions() as s:
        assert {i.state for i in s.scalars(select(Item))} == {"draft"}
        unsigned = s.scalars(select(AuditEntry).where(AuditEntry.action == "bundle.import_unsigned")).one()
        assert unsigned.details and unsigned.details["allow_unsigned"] is True
        assert s.scalars(select(Bundle)).one().signed is False
    # trusted, but the commune turned the setting off: draft too
    with commune.session() as s:
        settings.set_value(s, "bundles.keep_approval", False)
    doc = good(clips, key, bundle_id="22222222-3333-4444-8555-666666666666")
    doc["items"] = [item_doc("x", "media/c.mp3", clips["c"], approved_by="Trưởng phòng VH")]
    doc["playlists"], doc["schedules"] = [{"id": "p", "name": "P", "items": ["x"]}], []
    r = do_import(commune, write_bundle(tmp_path / "k.zip", doc, {"media/c.mp3": clips["c"]}, key=key))
    assert r.report["signature"]["state"] == "verified" and r.report["approved"] == []
    with commune.sessions() as s:
        assert s.get(Item, r.new_item_ids[0]).state == "draft"  # type: ignore[union-attr]


def test_allow_unsigned_accepts_an_unknown_key_but_never_a_bad_signature(commune: Workspace, tmp_path: Path, clips: dict[str, bytes]) -> None:
    stranger = Ed25519PrivateKey.generate()
    r = do_import(commune, build(tmp_path, clips, stranger), allow_unsigned=True)
    assert r.report["signature"]["state"] == "unknown_key"
    with commune.session() as s:
        trusted = s.scalars(select(TrustedKey)).one()
    # a trusted key whose signature does not verify: refused even with --allow-unsigned
    k = Ed25519PrivateKey.generate()
    doc = good(clips, None, bundle_id="33333333-3333-4444-8555-666666666666")
    doc["issuer"]["key_id"] = trusted.key_id
    p = write_bundle(tmp_path / "forged.zip", doc, {"media/a.mp3": clips["a"], "media/b.mp3": clips["b"]}, signature=k.sign(b"x"))
    with pytest.raises(InputRefused) as e:
        do_import(commune, p, allow_unsigned=True)
    assert e.value.kind == "bad_signature"


def test_a_dry_run_reports_and_changes_nothing(commune: Workspace, tmp_path: Path, clips: dict[str, bytes], key: Ed25519PrivateKey) -> None:
    p = build(tmp_path, clips, key)
    before = snapshot(commune)
    r = do_import(commune, p, dry_run=True)
    assert r.report["outcome"] == "dry_run" and len(r.report["added"]["items"]) == 2 and len(r.report["added"]["schedules"]) == 1
    assert r.new_item_ids == [] and not r.changed
    assert snapshot(commune) == before
    assert do_import(commune, p).changed  # and the real import still works


# --- streaming, and the pipeline after the import ---------------------------------------------------


def test_large_entries_are_streamed_not_read_whole(commune: Workspace, tmp_path: Path, key: Ed25519PrivateKey) -> None:
    big = os.urandom(1 << 20) * 24  # 24 MiB, stored
    doc = manifest_doc([item_doc("big", "media/big.mp3", big)], key=key)
    p = write_bundle(tmp_path / "big.zip", doc, {"media/big.mp3": big}, key=key)
    del big
    tracemalloc.start()
    try:
        r = sb.import_bundle(commune, p, check_audio=lambda path: 60.0)
        _cur, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert r.changed
    assert peak < 8 << 20, f"peak {peak / 2**20:.1f} MiB while importing a 24 MiB entry"


def test_the_clip_pipeline_follows_and_a_failed_rendition_flags_the_item(
    commune: Workspace, tmp_path: Path, clips: dict[str, bytes], key: Ed25519PrivateKey
) -> None:
    r = bb.import_bundle(commune, build(tmp_path, clips, key), workers=2)
    assert r.report["renditions"]["made"] == 2 and r.report["flagged"] == [] and r.report["analysed"] == 2
    with commune.sessions() as s:
        a = s.scalars(select(Item).where(Item.bundle_item_id == "a")).one()
        assert a.loudness_lufs is not None and a.waveform and len(a.renditions) == 1 and a.source_format and a.source_format["codec"] == "mp3"
    # a second bundle whose audio vanishes from the store before its renditions are made
    doc = manifest_doc([item_doc("c", "media/c.mp3", clips["c"])], key=key, bundle_id="44444444-3333-4444-8555-666666666666")
    res = sb.import_bundle(commune, write_bundle(tmp_path / "c.zip", doc, {"media/c.mp3": clips["c"]}, key=key), check_audio=bb.check_audio)
    sha = hashlib.sha256(clips["c"]).hexdigest()
    (commune.media.root / "sources" / sha[:2] / f"{sha}.mp3").unlink()
    bb.finish_import(commune, res, workers=1)
    kinds = {f["kind"] for f in res.report["flagged"]}
    assert kinds == {"analysis_failed", "rendition_failed"}
    with commune.sessions() as s:
        c = s.get(Item, res.new_item_ids[0])
        assert c is not None and {w["kind"] for w in c.warnings or []} == {"analysis_failed", "rendition_failed"}
        stored = s.get(Bundle, res.bundle_pk)
        assert stored is not None and stored.report and {f["kind"] for f in stored.report["flagged"]} == kinds


def test_a_bundle_made_with_openssl_and_zip_imports(commune: Workspace, tmp_path: Path, clips: dict[str, bytes]) -> None:
    """The recipe of docs/bundle-format.md for other vendors: OpenSSL keys and signature, Info-ZIP."""
    d = tmp_path / "vendor"
    (d / "media").mkdir(parents=True)
    audio = d / "media" / "Thông báo khẩn.mp3"
    audio.write_bytes(clips["c"])

    def run(*args: str) -> bytes:
        return subprocess.run(args, cwd=d, check=True, capture_output=True, env={**os.environ, "LC_ALL": "C.UTF-8"}).stdout

    openssl, zip_ = have("openssl"), have("zip")
    run(openssl, "genpkey", "-algorithm", "ed25519", "-out", "issuer.key")
    run(openssl, "pkey", "-in", "issuer.key", "-pubout", "-out", "issuer.key.pub")
    kid = hashlib.sha256(run(openssl, "pkey", "-pubin", "-in", "issuer.key.pub", "-outform", "DER")[-32:]).hexdigest()
    doc = manifest_doc(
        [item_doc("tb-1", "media/Thông báo khẩn.mp3", clips["c"], approved_by="Giám đốc Sở")], issuer="T1", bundle_id="55555555-3333-4444-8555-666666666666"
    )
    doc["issuer"]["key_id"] = kid
    (d / "manifest.json").write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    run(openssl, "pkeyutl", "-sign", "-inkey", "issuer.key", "-rawin", "-in", "manifest.json", "-out", "manifest.sig.bin")
    (d / "manifest.sig").write_bytes(base64.b64encode((d / "manifest.sig.bin").read_bytes()))
    run(zip_, "-X", "-0", "-q", "-r", "bundle.zip", "manifest.json", "manifest.sig", "media")
    with commune.session() as s:
        keys.trust(s, d / "issuer.key.pub", "T1", "Nhà cung cấp khác")
    r = do_import(commune, d / "bundle.zip")
    assert r.report["signature"]["state"] == "verified" and r.report["approved"] == [{"id": r.new_item_ids[0], "by": "Giám đốc Sở"}]
    with commune.sessions() as s:
        assert s.get(Item, r.new_item_ids[0]).original_name == "Thông báo khẩn.mp3"  # type: ignore[union-attr]


# --- keys -------------------------------------------------------------------------------------------


def test_key_files_are_standard_pem_and_the_private_one_is_owner_only(tmp_path: Path) -> None:
    g = keys.generate(tmp_path / "district.key")
    priv = serialization.load_pem_private_key(g.private_path.read_bytes(), password=None)
    pub = serialization.load_pem_public_key(g.public_path.read_bytes())
    assert isinstance(priv, Ed25519PrivateKey)
    raw = pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    assert g.key_id == hashlib.sha256(raw).hexdigest() and len(raw) == 32
    assert g.private_path.read_text().startswith("-----BEGIN PRIVATE KEY-----")
    assert g.public_path.read_text().startswith("-----BEGIN PUBLIC KEY-----")
    if sys.platform != "win32":
        assert stat.S_IMODE(g.private_path.stat().st_mode) == 0o600
    with pytest.raises(InputRefused, match="already exists"):
        keys.generate(tmp_path / "district.key")
    openssl = subprocess.run(["openssl", "pkey", "-in", str(g.private_path), "-pubout"], capture_output=True, text=True, check=False)
    if openssl.returncode == 0:  # openssl reads our key and derives the same public key
        assert openssl.stdout.strip() == g.public_path.read_text().strip()


def test_trust_list_and_revoke(ws: Workspace, tmp_path: Path) -> None:
    g = keys.generate(tmp_path / "k")
    with ws.session() as s:
        row, added = keys.trust(s, g.public_path, "T1", "Sở")
        assert added and row.key_id == g.key_id
        assert keys.trust(s, g.public_path, "T1")[1] is False
        with pytest.raises(InputRefused, match="already trusted for issuer T1"):
            keys.trust(s, g.public_path, "T2")
        with pytest.raises(InputRefused, match="private key"):
            keys.trust(s, g.private_path, "T1")
        with pytest.raises(NotFound):
            keys.revoke(s, "ffffffffffff")
    with ws.session() as s:
        assert keys.revoke(s, g.key_id[:8])[1] is True and keys.revoke(s, g.key_id)[1] is False
        assert [keys.key_dict(k)["state"] for k in keys.list_keys(s)] == ["revoked"]
    with ws.session() as s, pytest.raises(InputRefused, match="revoked"):
        keys.trust(s, g.public_path, "T1")


def test_create_writes_a_bundle_another_commune_imports(ws: Workspace, tmp_path: Path, clips: dict[str, bytes]) -> None:
    """A district makes a bundle from its own library; a commune verifies and imports it."""
    district = ws
    for n in ("a", "b"):
        (tmp_path / f"{n}.mp3").write_bytes(clips[n])
    rep = importer.import_files(
        district, [tmp_path / "a.mp3", tmp_path / "b.mp3"], library.meta_from_options(valid_from="2027-03-01"), approve_by="Trưởng phòng", workers=1
    )
    ids = [a["id"] for a in rep.added]
    from schedules import playlists, scheduling

    with district.session() as s:
        areas.add_area(s, "X1", "Xã", "commune")
        pl = playlists.create_playlist(s, "Sáng", ids)
        sc = scheduling.add_schedule(
            s, playlist_id=pl.id, targets=["X1"], times="05:30", days="mon,fri", start="2027-03-01", until="2027-06-30", collision="wait:60"
        )
        once = scheduling.add_schedule(s, playlist_id=pl.id, targets=["X1"], times="06:00", once="2027-03-05")
        sids = [sc.id, once.id]
    g = keys.generate(tmp_path / "h.key")
    out = sb.create_bundle(district, tmp_path / "out.loaxa", schedule_ids=sids, issuer_code="H1", issuer_name="Phòng VH huyện", sign_key=g.private_path)
    assert out["signed"] and out["items"] == 2 and out["schedules"] == 2
    with zipfile.ZipFile(out["path"]) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        assert sorted(zf.namelist()) == ["manifest.json", "manifest.sig", "media/a.mp3", "media/b.mp3"]
    assert manifest["schedules"][1]["from"] == manifest["schedules"][1]["until"] == "2027-03-05"
    other = Workspace.open(tmp_path / "commune")
    try:
        with other.session() as s:
            areas.add_area(s, "X1", "Xã", "commune")
        trust(other, tmp_path, keys.load_private(g.private_path), issuer="H1")
        r = sb.import_bundle(other, Path(out["path"]), check_audio=bb.check_audio)
        assert len(r.new_item_ids) == 2 and len(r.report["added"]["schedules"]) == 2 and len(r.report["approved"]) == 2
        with other.sessions() as s:
            assert {sc.weekdays for sc in s.scalars(select(Schedule))} == {"mon,fri", None}
    finally:
        other.close()
