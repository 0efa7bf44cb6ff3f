"""Making renditions ahead of time: for new delivery formats, after a preset change, on request.

A rendition is keyed by (item, format, preset). When the preset changes, the old rendition keeps
airing until the new one is stored; then the old one is removed.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy import select

from schedules.errors import LoaxaError
from schedules.formats import parse_format
from schedules.i18n import _
from schedules.media import rendition_relpath, sha256_file, source_relpath
from schedules.models import Item, Rendition
from schedules.workspace import Workspace

from . import audio
from .importer import Progress, current_preset, delivery_formats

log = logging.getLogger("loaxa.audio")


def render_missing(
    ws: Workspace,
    *,
    formats: list[str] | None = None,
    everything: bool = False,
    item_ids: list[int] | None = None,
    workers: int | None = None,
    progress: Callable[[Progress], None] | None = None,
) -> dict[str, Any]:
    """Render what is missing for the current preset (or everything); returns a report."""
    ws.media.clean_leftovers()  # a killed import's or render's staging folders
    preset = current_preset(ws)
    fmts = [parse_format(f).name for f in formats] if formats else delivery_formats(ws)
    todo: list[tuple[int, str, str, str]] = []  # item id, sha, ext, format
    up_to_date = 0
    with ws.sessions() as s:
        q = select(Item).where(Item.media_sha256.is_not(None))
        if item_ids:
            q = q.where(Item.id.in_(item_ids))
        # a rendition counts only when its file is there too (a deleted file is made again)
        have = {(r.item_id, r.format) for r in s.scalars(select(Rendition).where(Rendition.preset_key == preset.key)) if ws.media.path(r.path).is_file()}
        for it in s.scalars(q):
            for f in fmts:
                if everything or (it.id, f) not in have:
                    todo.append((it.id, it.media_sha256 or "", it.media_ext or "bin", f))
                else:
                    up_to_date += 1
    made: list[dict[str, Any]] = []
    failed: list[dict[str, Any]] = []

    def work(job: tuple[int, str, str, str]) -> tuple[tuple[int, str, str, str], Any]:
        item_id, sha, ext, f = job
        src = ws.media.path(source_relpath(sha, ext))
        st = ws.media.open_staging()
        try:
            if not src.is_file():
                raise LoaxaError(_("The audio file of item {id} is missing from the media folder.", id=item_id))
            a = audio.analyse(src, preset, audio.probe(src).channels)
            out = st.new_path(".mp3")
            r = audio.render(src, out, parse_format(f), preset, a)
            return job, (st, r, out)
        except LoaxaError as exc:
            ws.media.close_staging(st)
            return job, exc
        except Exception as exc:  # noqa: BLE001 - report and continue with the others
            log.exception("rendering item %s failed", item_id)
            ws.media.close_staging(st)
            return job, LoaxaError(str(exc))

    n = 0
    with ThreadPoolExecutor(max_workers=workers or max(1, os.cpu_count() or 1)) as pool:
        for job, res in pool.map(work, todo):
            n += 1
            item_id, sha, _ext, f = job
            if progress:
                progress(Progress(n, len(todo), f"{item_id}:{f}", "render"))
            if isinstance(res, LoaxaError):
                failed.append({"item": item_id, "format": f, "message": res.message})
                continue
            st, r, out = res
            try:
                rel = rendition_relpath(sha, f, preset.key)
                st.add_file(out, rel)
                with ws.session() as s:
                    old = list(s.scalars(select(Rendition).where(Rendition.item_id == item_id, Rendition.format == f)))
                    for o in old:
                        s.delete(o)
                    s.flush()
                    s.add(
                        Rendition(
                            item_id=item_id,
                            format=f,
                            preset_key=preset.key,
                            path=rel,
                            sha256=sha256_file(out),
                            size=out.stat().st_size,
                            duration_s=r.duration_s,
                            frames=r.frames,
                            loudness_lufs=r.loudness_lufs,
                            true_peak_dbtp=r.true_peak_dbtp,
                        )
                    )
                    if f == "mp3-64k-mono":
                        item = s.get(Item, item_id)
                        if item is not None:
                            item.duration_s = r.duration_s
                    st.publish()
                stale = [o.path for o in old if o.path != rel]
                with ws.sessions() as s:
                    still_used = set(s.scalars(select(Rendition.path).where(Rendition.path.in_(stale)))) if stale else set()
                for p in stale:
                    if p not in still_used:
                        ws.media.path(p).unlink(missing_ok=True)
                made.append(
                    {"item": item_id, "format": f, "loudness_lufs": r.loudness_lufs, "true_peak_dbtp": r.true_peak_dbtp, "duration_s": round(r.duration_s, 3)}
                )
            finally:
                ws.media.close_staging(st)
    return {"made": made, "failed": failed, "up_to_date": up_to_date, "preset": preset.key}
