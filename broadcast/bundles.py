"""Content bundles with audio: the ffmpeg audio check for ``schedules.bundles``, and the clip
pipeline's loudness analysis and renditions for the items a bundle brought.

The domain layer does the format, the checks and the all-or-nothing import; it asks this module
whether each file is audio (:func:`check_audio`). After the import has committed, the new items
are analysed (loudness, true peak, silence at the ends, waveform: the fields ``clips add``
fills) and rendered for every delivery format in use, in a second step (:func:`finish_import`):
the issue's rule is that loudness and renditions follow the import. A failure there never
removes an item: the item is flagged (a warning on the item, and a line in the bundle's
report) and ``loaxa clips render`` can try again later.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from sqlalchemy import select

from schedules import bundles as domain
from schedules.errors import LoaxaError
from schedules.i18n import _
from schedules.library import ItemMeta
from schedules.media import source_relpath
from schedules.models import Bundle, Item
from schedules.workspace import Workspace

from . import audio, ffmpeg, importer, renditions

log = logging.getLogger("loaxa.bundles")

EDGE_S = 1.5  # seconds decoded at each end of a file
_RATE = 8000  # Hz, mono 16-bit: cheap to decode, enough to tell audio from garbage
_MIN_EDGE_S = 0.05


def _decode_edge(path: Path, *, tail: bool, seconds: float) -> int:
    """Decode ``seconds`` at the start (or end) of ``path``; returns the samples decoded."""
    seek = ["-sseof", f"-{seconds:.3f}"] if tail else []
    res = ffmpeg.run(
        ["-v", "error", *seek, "-i", ffmpeg.as_input(path), "-t", f"{seconds:.3f}", "-map", "0:a:0", "-ac", "1", "-ar", str(_RATE), "-f", "s16le", "-"],
        timeout=120,
    )
    if res.returncode != 0:
        return 0
    return len(res.stdout) // 2


def check_audio(path: Path) -> float:
    """The bundle rule "every audio file probes as audio and its first and last seconds decode".

    Returns the duration in seconds (the container's, or the decoded length when the container
    does not say); raises InputRefused (via ``audio.AudioError``) otherwise.
    """
    p = audio.probe(path)
    duration = p.duration_s
    if not duration or duration <= 0:
        # no duration in the container (raw streams): decode it all, cheaply, to measure it
        pcm = audio.decode_pcm(path, _RATE)
        duration = len(pcm) / 2 / _RATE
        if duration < _MIN_EDGE_S:
            raise audio.AudioError(_("'{name}' could not be decoded as audio.", name=path.name), kind="corrupt")
        return duration
    edge = min(EDGE_S, duration)
    # a damaged start or a truncated end (an upload cut short) shows up as too few samples
    want = int(min(edge, max(_MIN_EDGE_S, edge * 0.5)) * _RATE)
    if _decode_edge(path, tail=False, seconds=edge) < want:
        raise audio.AudioError(_("The first seconds of '{name}' do not decode as audio.", name=path.name), kind="corrupt")
    if _decode_edge(path, tail=True, seconds=edge) < want:
        raise audio.AudioError(_("The last seconds of '{name}' do not decode as audio: the file may be truncated.", name=path.name), kind="corrupt")
    return float(duration)


def verify_bundle(ws: Workspace, path: Path, *, allow_unsigned: bool = False, workers: int | None = None) -> dict[str, Any]:
    """``loaxa bundle verify``: every check of the bundle, nothing changed (see schedules.bundles)."""
    return domain.verify_bundle(ws, path, check_audio=check_audio, allow_unsigned=allow_unsigned, workers=workers)


def import_bundle(
    ws: Workspace,
    path: Path,
    *,
    allow_unsigned: bool = False,
    dry_run: bool = False,
    actor: str | None = None,
    render: bool = True,
    workers: int | None = None,
    progress: Callable[[importer.Progress], None] | None = None,
) -> domain.ImportResult:
    """Import a bundle (all-or-nothing), then analyse and render its new items."""
    result = domain.import_bundle(ws, path, check_audio=check_audio, allow_unsigned=allow_unsigned, dry_run=dry_run, actor=actor, workers=workers)
    if result.changed and result.new_item_ids:
        finish_import(ws, result, render=render, workers=workers, progress=progress)
    return result


def _analyse(ws: Workspace, item_id: int, sha: str, ext: str, preset: audio.Preset) -> importer.Job:
    src = ws.media.path(source_relpath(sha, ext))
    job = importer.Job(src, ItemMeta())
    try:
        if not src.is_file():
            raise LoaxaError(_("The audio file of item {id} is missing from the media folder.", id=item_id))
        job.probe = audio.probe(src)
        importer.stage_analyse(job, preset)  # the same measures and warnings as ``clips add``
    except LoaxaError as exc:
        job.error = exc
    except Exception as exc:  # noqa: BLE001 - flag the item and go on with the others
        log.exception("analysis of item %s failed", item_id)
        job.error = LoaxaError(_("Unexpected error: {detail}", detail=str(exc)))
    return job


def finish_import(
    ws: Workspace,
    result: domain.ImportResult,
    *,
    render: bool = True,
    workers: int | None = None,
    progress: Callable[[importer.Progress], None] | None = None,
) -> None:
    """After the import's commit: analyse the new items and render them; flag what failed.

    Updates ``result.report`` (``analysed``, ``renditions``, ``flagged``) and the report kept
    with the bundle.
    """
    ids = list(result.new_item_ids)
    preset = importer.current_preset(ws)
    with ws.sessions() as s:
        rows = [(i.id, i.media_sha256 or "", i.media_ext or "bin") for i in s.scalars(select(Item).where(Item.id.in_(ids)))]
    flagged: list[dict[str, Any]] = result.report.setdefault("flagged", [])
    with ThreadPoolExecutor(max_workers=workers or max(1, os.cpu_count() or 1), thread_name_prefix="bundle-analyse") as pool:
        jobs = list(pool.map(lambda r: (r[0], _analyse(ws, r[0], r[1], r[2], preset)), rows))
    analysed = 0
    for item_id, job in jobs:
        with ws.session() as s:
            item = s.get(Item, item_id)
            if item is None:
                continue
            if job.error is not None or job.analysis is None or job.probe is None:
                message = job.error.message if job.error else _("Unexpected error: {detail}", detail="analysis")
                _flag(item, "analysis_failed", _("Loudness analysis failed: {reason}", reason=message))
                flagged.append({"id": item_id, "kind": "analysis_failed", "message": message})
                continue
            a, p = job.analysis, job.probe
            trim = a.trim_window(preset)
            item.source_format = {
                "container": p.container,
                "codec": p.codec,
                "sample_rate": p.sample_rate,
                "channels": p.channels,
                "bitrate_kbps": p.bitrate_kbps,
            }
            item.source_duration_s = a.duration_s
            item.loudness_lufs = a.integrated_lufs if not a.silent else None
            item.true_peak_dbtp = a.true_peak_dbtp if a.true_peak_dbtp > -200 else None
            item.lra = a.lra
            item.trim_start_s = round(trim[0], 3)
            item.trim_end_s = round(a.duration_s - trim[1], 3)
            item.waveform = a.waveform
            item.warnings = [*(item.warnings or []), *job.warnings] or None
            analysed += 1
    result.report["analysed"] = analysed
    if render and ids:
        try:
            rep = renditions.render_missing(ws, item_ids=ids, workers=workers, progress=progress)
        except Exception as exc:  # noqa: BLE001 - the import is committed: flag the items, do not lose them
            log.exception("renditions for bundle items %s failed", ids)
            rep = {"made": [], "failed": [{"item": i, "format": "*", "message": str(exc) or type(exc).__name__} for i in ids], "preset": None}
        result.report["renditions"] = {"made": len(rep["made"]), "failed": rep["failed"], "preset": rep["preset"]}
        failed_items: dict[int, list[str]] = {}
        for f in rep["failed"]:
            failed_items.setdefault(int(f["item"]), []).append(f"{f['format']}: {f['message']}")
        for item_id, reasons in failed_items.items():
            with ws.session() as s:
                item = s.get(Item, item_id)
                if item is not None:
                    _flag(
                        item,
                        "rendition_failed",
                        _("No rendition could be made ({reasons}); run loaxa clips render {id} to try again.", reasons="; ".join(reasons), id=item_id),
                    )
            flagged.append({"id": item_id, "kind": "rendition_failed", "message": "; ".join(reasons)})
    if result.bundle_pk is not None:
        with ws.session() as s:
            b = s.get(Bundle, result.bundle_pk)
            if b is not None:
                b.report = {**(b.report or {}), "analysed": analysed, "renditions": result.report.get("renditions"), "flagged": flagged}


def _flag(item: Item, kind: str, message: str) -> None:
    # a new list, so the JSON column sees the change
    item.warnings = [*(item.warnings or []), {"kind": kind, "message": message}]
