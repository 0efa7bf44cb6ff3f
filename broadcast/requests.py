""" "Broadcast now" from a file, an item or a playlist: one sequence for the CLI and the
emergency dialog. A file is imported through the ordinary pipeline and approved in the name of
whoever broadcasts it (airing it is the approval), then the typed request is queued."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from schedules import commands
from schedules import library as lib
from schedules.commands import BroadcastRequest
from schedules.errors import InputRefused
from schedules.workspace import Workspace

from . import importer


def item_from_file(
    ws: Workspace, path: str | Path, actor: str, *, progress: Callable[..., Any] | None = None, on_restored: Callable[[int], None] | None = None
) -> int:
    """The library item holding this audio (imported now, or already there), approved.

    A retired item holding it is restored (airing it is the approval, as for a draft) and
    ``on_restored`` is told, so the one who broadcasts can be told too."""
    report = importer.import_files(ws, [Path(path)], workers=1, actor=actor, progress=progress)
    entries: list[dict[str, Any] | None] = [*report.added, *report.duplicates, None]
    entry = entries[0]
    if entry is None:
        raise InputRefused(report.refused[0]["message"] if report.refused else str(path))
    item_id = int(entry["id"])
    with ws.session() as s:
        if lib.get_item(s, item_id).state == "retired":
            lib.restore(s, item_id, actor)
            if on_restored is not None:
                on_restored(item_id)
        if lib.get_item(s, item_id).state != "approved":
            lib.approve(s, item_id, actor)
    return item_id


def enqueue(ws: Workspace, req: BroadcastRequest) -> int:
    """Queue the request for the engine; returns the command id."""
    with ws.session() as s:
        return commands.enqueue_broadcast(s, req).id
