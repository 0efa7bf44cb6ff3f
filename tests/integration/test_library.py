"""The clip library on a real database and media store: states, audit, validity, search,
warnings, folders, renditions kept across a preset change."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from broadcast import importer, renditions
from schedules import library, settings
from schedules.errors import InputRefused
from schedules.models import AuditEntry, Item, Rendition
from schedules.workspace import Workspace
from tests.conftest import have


def add(ws: Workspace, *paths: Path, **kw: object) -> importer.ImportReport:
    return importer.import_files(ws, list(paths), workers=1, **kw)  # type: ignore[arg-type]


def test_states_draft_approved_rejected_retired_are_audited(ws: Workspace, make_audio: Callable[..., Path]) -> None:
    r = add(ws, make_audio(seconds=2))
    item_id = r.added[0]["id"]
    with ws.session() as s:
        assert library.get_item(s, item_id).state == "draft"
        library.approve(s, item_id, "Chủ tịch UBND xã")
    with ws.session() as s:
        it = library.get_item(s, item_id)
        assert (it.state, it.approved_by) == ("approved", "Chủ tịch UBND xã") and it.approved_at is not None
        library.reject(s, item_id, "Sai nội dung")
    with ws.session() as s:
        it = library.get_item(s, item_id)
        assert (it.state, it.rejected_reason, it.approved_by) == ("rejected", "Sai nội dung", None)
        library.retire(s, item_id, "A")
    with ws.session() as s, pytest.raises(InputRefused):
        library.approve(s, item_id, "B")
    with ws.sessions() as s:
        actions = [a.action for a in s.scalars(select(AuditEntry).where(AuditEntry.object_kind == "item").order_by(AuditEntry.id))]
    assert actions == ["item.import", "item.approved", "item.rejected", "item.retired"]


def test_validity_dates_decide_what_may_air(ws: Workspace, make_audio: Callable[..., Path]) -> None:
    meta = library.meta_from_options(valid_from="2027-03-01", valid_until="2027-03-31")
    r = add(ws, make_audio(seconds=2), meta=meta, approve_by="A")
    with ws.sessions() as s:
        it = library.get_item(s, r.added[0]["id"])
        assert library.airable_problem(it, date(2027, 2, 28))[0] == "not_yet_valid"  # type: ignore[index]
        assert library.airable_problem(it, date(2027, 3, 15)) is None
        assert library.airable_problem(it, date(2027, 4, 1))[0] == "expired"  # type: ignore[index]
    with pytest.raises(InputRefused):
        library.meta_from_options(valid_from="2027-03-31", valid_until="2027-03-01")


def test_search_ignores_case_and_accents(ws: Workspace, make_audio: Callable[..., Path]) -> None:
    add(ws, make_audio(seconds=1), meta=library.meta_from_options(title="Thông báo tiêm phòng"))
    add(ws, make_audio(seconds=1, freq=550), meta=library.meta_from_options(title="Lịch họp thôn Đông"))
    with ws.sessions() as s:

        def titles(q: str) -> list[str]:
            return [i.title for i in s.scalars(library.list_query(search=q))]

        assert titles("thong bao") == ["Thông báo tiêm phòng"]
        assert titles("THÔNG BÁO") == ["Thông báo tiêm phòng"]
        assert titles("dong") == ["Lịch họp thôn Đông"]
        assert titles("hop thon") == ["Lịch họp thôn Đông"]  # every word must match
        assert titles("100%") == []


def test_silent_and_clipped_sources_import_with_warnings(ws: Workspace, tmp_path: Path, make_audio: Callable[..., Path]) -> None:
    silent = tmp_path / "im lặng.wav"
    subprocess.run([have("ffmpeg"), "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono", "-t", "3", str(silent)], check=True)
    hot = make_audio("hot.wav", seconds=2, volume_db=20, codec_args=("-c:a", "pcm_s16le"))
    r = add(ws, silent, hot)
    assert not r.refused
    kinds = {Path(a["path"]).name: {w["kind"] for w in a["warnings"]} for a in r.added}
    assert "silent" in kinds["im lặng.wav"]
    assert "clipping" in kinds["hot.wav"]


def test_folder_import_is_recursive_and_keeps_odd_names(ws: Workspace, tmp_path: Path, make_audio: Callable[..., Path]) -> None:
    folder = tmp_path / "Thư mục ghi âm"
    (folder / "tháng 3").mkdir(parents=True)
    a = make_audio("a.mp3", seconds=1)
    b = make_audio("b.wav", seconds=1, freq=600)
    (folder / "Bản tin 'sáng' & $(date).mp3").write_bytes(a.read_bytes())
    (folder / "tháng 3" / "-leading dash.wav").write_bytes(b.read_bytes())
    (folder / "ghi chú.txt").write_text("không phải âm thanh", encoding="utf-8")
    r = add(ws, folder)
    assert sorted(x["title"] for x in r.added) == ["-leading dash", "Bản tin 'sáng' & $(date)"]
    assert not r.refused


def test_preset_change_renders_again_and_old_keeps_airing_until_then(ws: Workspace, make_audio: Callable[..., Path]) -> None:
    r = add(ws, make_audio(seconds=3), approve_by="A")
    item_id = r.added[0]["id"]
    with ws.sessions() as s:
        (old,) = s.scalars(select(Rendition).where(Rendition.item_id == item_id))
        old_path, old_preset = ws.media.path(old.path), old.preset_key
    with ws.session() as s:
        settings.set_value(s, "loudness.preset", {"target_lufs": -18.0})
    # until re-rendered, the programme still finds the old rendition
    from broadcast.importer import current_preset
    from broadcast.programme import FrameCache, build

    new_key = current_preset(ws).key
    assert new_key != old_preset
    with ws.sessions() as s:
        prog = build(s, ws.media, FrameCache(), fmt_name="mp3-64k-mono", preset_key=new_key, local_date=date(2027, 1, 1), item_ids=[item_id])
    assert prog.item_ids == [item_id] and not prog.skipped
    report = renditions.render_missing(ws)
    assert [m["item"] for m in report["made"]] == [item_id]
    assert report["made"][0]["loudness_lufs"] == pytest.approx(-18.0, abs=0.5)
    with ws.sessions() as s:
        (new,) = s.scalars(select(Rendition).where(Rendition.item_id == item_id))
        assert new.preset_key == new_key
        assert ws.media.path(new.path).is_file()
    assert not old_path.exists(), "the superseded rendition is removed once the new one is stored"
    assert renditions.render_missing(ws)["made"] == []


def test_new_endpoint_format_is_rendered_on_request(ws: Workspace, make_audio: Callable[..., Path]) -> None:
    add(ws, make_audio(seconds=2))
    report = renditions.render_missing(ws, formats=["mp3-32k-mono-22k"])
    assert len(report["made"]) == 1
    with ws.sessions() as s:
        formats = sorted(r.format for r in s.scalars(select(Rendition)))
        item = s.scalars(select(Item)).one()
    assert formats == ["mp3-32k-mono-22k", "mp3-64k-mono"]
    assert item.duration_s > 1.5
