"""A transaction says what it changed (schedules.changes): the words of the tables its flushes and
bulk statements wrote, as the window's pages listen for them (issue 19: no operation declares
them by hand). Real SQLite, real domain operations."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import update

from schedules import areas, changes, playlists, settings
from schedules.models import Item
from schedules.workspace import Workspace


def test_the_words_of_what_each_transaction_wrote(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "data")
    try:
        with ws.session() as s:
            areas.add_area(s, "X1", "Xã Một", "commune")
        assert changes.words(s) == {"areas"}  # the audit row it also wrote is no page's business
        with ws.session() as s:
            playlists.create_playlist(s, "Sáng", [])
            settings.set_value(s, "operator.name", "Cán bộ A")
        assert changes.words(s) == {"playlists", "settings"}
        with ws.session() as s:
            s.execute(update(Item).where(Item.id == -1).values(title="x"))  # a bulk statement counts
        assert changes.words(s) == {"items"}
        with ws.sessions() as s:
            areas.list_areas(s)
        assert changes.words(s) == frozenset()
    finally:
        ws.close()
