"""Demo content for a first look: a small area tree, two offline endpoints, four announcements
(spoken by espeak-ng, shipped in ``assets/demo``), a playlist and schedules at 05:30 and 17:00."""

from __future__ import annotations

import json
import shutil
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from schedules import areas, endpoints, library, playlists, scheduling
from schedules.models import Area
from schedules.workspace import Workspace


def demo_spec() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((resources.files("assets") / "demo" / "demo.json").read_text(encoding="utf-8"))
    return data


def create(ws: Workspace) -> dict[str, Any]:
    """Create the demo content unless the database already has areas (then change nothing)."""
    from broadcast import importer

    spec = demo_spec()
    with ws.session() as s:
        if s.scalar(select(func.count()).select_from(Area)):
            return {"created": False}
    out_root = ws.data_dir / "demo-out"
    with tempfile.TemporaryDirectory(prefix="loaxa-demo-") as tmp:
        # copy out of the package (it may be a zip) so ffmpeg can read plain files
        files = []
        for it in spec["items"]:
            src = resources.files("assets") / "demo" / it["file"]
            dst = Path(tmp) / it["file"]
            with src.open("rb") as fi, open(dst, "wb") as fo:
                shutil.copyfileobj(fi, fo)
            files.append(dst)
        report = importer.import_files(ws, files, workers=2)
    if report.refused:
        raise RuntimeError(f"demo import failed: {report.refused}")
    by_name = {Path(a["path"]).name: a["id"] for a in report.added + report.duplicates}
    with ws.session() as s:
        for a in spec["areas"]:
            areas.add_area(s, a["code"], a["name"], a["level"], a.get("parent"))
        s.flush()
        for e in spec["endpoints"]:
            folder = out_root / e["code"]
            endpoints.add_endpoint(s, e["code"], e["name"], e["area"], folder.as_uri())
        ids = []
        for it in spec["items"]:
            item_id = by_name[it["file"]]
            meta = library.meta_from_options(title=it["title"], field=it["field"], priority=it["priority"], author=it.get("author"), source=it.get("source"))
            library.edit_item(s, item_id, meta)
            library.approve(s, item_id, spec["approved_by"])
            ids.append(item_id)
        s.flush()
        pl = playlists.create_playlist(s, spec["playlist"]["name"], ids)
        for sc in spec["schedules"]:
            scheduling.add_schedule(s, playlist_id=pl.id, targets=[sc["target"]], times=sc["times"], days=sc["days"])
    counts = {"areas": len(spec["areas"]), "endpoints": len(spec["endpoints"]), "items": len(ids), "schedules": len(spec["schedules"])}
    return {"created": True, "counts": counts, "output": str(out_root)}
