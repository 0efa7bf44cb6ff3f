"""Imports in parallel (`clips add FOLDER --workers 2`) each open and close a staging area; one
closing removes the staging folder when it is empty, which must never break another opening
(seen as "No such file or directory: …/.staging/<id>" for one file of a folder)."""

from __future__ import annotations

import threading
from pathlib import Path

from schedules.media import MediaStore


def test_staging_areas_open_and_close_in_parallel_without_error(tmp_path: Path) -> None:
    store = MediaStore(tmp_path / "media")
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(300):
                st = store.open_staging()
                assert st.dir.is_dir()
                store.close_staging(st)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors[:3]
    assert not (tmp_path / "media" / ".staging").exists(), "the last one out removes the staging folder"
