"""The HTTTN outbox and areas in a real SQLite file: migration 0005, transactional enqueue, the
official administrative units."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from schedules import areas, db, httn, outbox
from schedules.errors import InputRefused, NotFound
from schedules.models import Area, HttnMessage
from schedules.workspace import Workspace


def test_migration_0005_goes_up_and_down(tmp_path: Path) -> None:
    engine = db.make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    db.migrate(engine, "0004")
    db.migrate(engine)
    from sqlalchemy import inspect

    tables = set(inspect(engine).get_table_names())
    assert {"httn_outbox", "httn_files", "httn_bulletins", "httn_state"} <= tables
    from alembic import command

    command.downgrade(db.alembic_config(engine), "0004")
    assert not {"httn_outbox", "httn_files", "httn_bulletins", "httn_state"} & set(inspect(engine).get_table_names())
    engine.dispose()


def test_models_match_the_migration(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from schedules.models import Base

    engine = db.make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    db.migrate(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    mine = [d for d in diff if "httn" in repr(d)]
    assert mine == []
    engine.dispose()


def configure(ws: Workspace) -> None:
    with ws.session() as s:
        httn.save_settings(s, {"httn.url": "http://127.0.0.1:9", "httn.source_id": "XA", "httn.user": "u"})


def test_a_message_commits_or_rolls_back_with_the_change(ws: Workspace) -> None:
    configure(ws)
    with ws.session() as s:
        areas.add_area(s, "X1", "Xã Một", "commune")
    with pytest.raises(RuntimeError), ws.session() as s:
        outbox.enqueue(s, "nhatky", "bantin:B1", {"BanTinId": "B1"})
        raise RuntimeError("the change failed")
    with ws.session() as s:
        assert s.scalar(select(func.count()).select_from(HttnMessage)) == 0
        outbox.enqueue(s, "nhatky", "bantin:B1", {"BanTinId": "B1"})
    with ws.session() as s:
        assert s.scalar(select(func.count()).select_from(HttnMessage)) == 1
        assert outbox.status(s)["queue_depth"] == 1


def test_hooks_do_nothing_without_a_province_server(ws: Workspace) -> None:
    with ws.session() as s:
        assert not httn.configured(s)
        assert outbox.schedule_changed(s, 1) == 0 and outbox.item_approved(s, 1) == 0 and outbox.airing_closed(s, 1) == 0


def test_official_province_import_matches_the_package(ws: Workspace) -> None:
    from vietnam_provinces import Province, Ward

    assert len(list(Province.iter_all())) == 34 and len(list(Ward.iter_all())) == 3321
    expected = {str(int(w.code)): w.name for w in Ward.iter_all() if int(w.province_code) == 8}
    with ws.session() as s:
        d = areas.import_official(s, "tuyen quang")
    assert d["province"] == {"code": "8", "name": "Tuyên Quang"} and d["units"] == len(expected) == 124 and d["created"] == 125
    with ws.session() as s:
        got = {a.code: a.name for a in s.scalars(select(Area).where(Area.parent_code == "8"))}
        assert got == expected
        assert got["694"] == "Phường Hà Giang 1" and s.get(Area, "694").level == "ward"  # type: ignore[union-attr]
        assert s.get(Area, "8").level == "province"  # type: ignore[union-attr]
    with ws.session() as s:
        again = areas.import_official(s, "8")
    assert again["created"] == 0 and again["kept"] == 125


@pytest.mark.parametrize(
    ("query", "code"),
    [("8", "8"), ("08", "8"), ("Tuyên Quang", "8"), ("TUYEN QUANG", "8"), ("ha noi", "1"), ("Thành phố Hồ Chí Minh", "79"), ("ho chi minh", "79")],
)
def test_provinces_by_code_or_name_without_accents(query: str, code: str) -> None:
    assert areas.find_province(query).code == code


@pytest.mark.parametrize(("query", "error"), [("99", NotFound), ("Atlantis", NotFound), ("ha", InputRefused), ("", InputRefused)])
def test_unknown_or_ambiguous_provinces_are_refused(query: str, error: Any) -> None:
    with pytest.raises(error):
        areas.find_province(query)


def test_an_official_code_held_by_an_endpoint_refuses_the_whole_import(ws: Workspace) -> None:
    from schedules import endpoints

    with ws.session() as s:
        areas.add_area(s, "T", "Tỉnh", "province")
    with ws.session() as s:
        endpoints.add_endpoint(s, "694", "Loa", "T", "file:///tmp/loaxa-x")
    with pytest.raises(InputRefused), ws.session() as s:
        areas.import_official(s, "8")
    with ws.session() as s:
        assert s.get(Area, "8") is None and s.get(Area, "695") is None
