"""Importing audio into the library: a pipeline of stages per file, files in parallel.

Stages (plain functions over one :class:`Job`): check -> hash -> probe -> analyse -> render; then
``store`` runs on the calling thread, one file at a time, in one database transaction per file
with the media staged and published only on commit. A failing file never stops the others and
leaves nothing behind. ``workers=1`` runs everything in order (tests); the default uses every
core, since the work happens in ffmpeg processes.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from threading import Event
from typing import Any

from sqlalchemy import select

from schedules import audit, library
from schedules.errors import InputRefused, LoaxaError
from schedules.formats import DEFAULT_FORMAT, parse_format
from schedules.i18n import _
from schedules.library import ItemMeta
from schedules.media import Staging, rendition_relpath, sha256_file, source_relpath
from schedules.models import Endpoint, Item, Rendition
from schedules.settings import get as get_setting
from schedules.workspace import Workspace

from . import audio, tags

log = logging.getLogger("loaxa.import")

AUDIO_EXTENSIONS = {
    ".mp3",
    ".wav",
    ".m4a",
    ".aac",
    ".mp4",
    ".ogg",
    ".oga",
    ".opus",
    ".flac",
    ".amr",
    ".3gp",
    ".wma",
    ".asf",
    ".aif",
    ".aiff",
    ".aifc",
    ".webm",
    ".mka",
    ".ac3",
    ".caf",
    ".au",
    ".mp2",
}
LONG_CLIP_S = 2 * 3600


@dataclass
class Job:
    path: Path
    meta: ItemMeta
    sha256: str | None = None
    size: int = 0
    probe: audio.Probe | None = None
    analysis: audio.Analysis | None = None
    tag_meta: ItemMeta | None = None
    staging: Staging | None = None
    renditions: list[tuple[str, audio.Rendered, Path]] = field(default_factory=list)
    warnings: list[dict[str, str]] = field(default_factory=list)
    duplicate_of: int | None = None
    duplicate_retired: bool = False
    error: LoaxaError | None = None


def duplicate_message(item_id: int, retired: bool) -> str:
    """A file whose audio the library holds: which item, and for a retired one the way back."""
    if retired:
        return _(
            "Already in the library as item {id}, which is retired. To use it again: loaxa clips restore {id} (or air the file: loaxa broadcast now --file restores it).",
            id=item_id,
        )
    return _("Already in the library as item {id}.", id=item_id)


@dataclass
class ImportReport:
    added: list[dict[str, Any]] = field(default_factory=list)
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    refused: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.refused

    def as_dict(self) -> dict[str, Any]:
        return {"added": self.added, "duplicates": self.duplicates, "refused": self.refused}

    def summary(self) -> str:
        """What happened, counts first, for the CLI and the window: "8 added, 0 already in the
        library, 1 refused:" then each refused file with its reason, and that the others stay."""
        refused = [r for r in self.refused if r.get("kind") != "cancelled"]
        counts = {"added": len(self.added), "dups": len(self.duplicates), "refused": len(self.refused)}
        if not refused:
            return _("{added} added, {dups} already in the library, {refused} refused.", **counts)
        lines = [_("{added} added, {dups} already in the library, {refused} refused:", **counts)]
        lines += [f"  - {Path(r['path']).name}: {r['message']}" for r in refused]
        if self.added or self.duplicates:
            lines.append(_("The files added are kept; the refused ones changed nothing. Fix them and add them again."))
        return "\n".join(lines)


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    name: str
    stage: str


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[dict[str, Any]]]:
    """Files to import from the given files and folders (recursive), and the refused paths."""
    files: list[Path] = []
    refused: list[dict[str, Any]] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in AUDIO_EXTENSIONS)
            if not found:
                refused.append({"path": str(path), "kind": "no_audio", "message": _("Folder '{path}' holds no audio files.", path=path)})
            files.extend(found)
        elif not path.exists():
            refused.append({"path": str(path), "kind": "missing", "message": _("'{path}' does not exist.", path=path)})
        else:
            files.append(path)
    return files, refused


# --- stages --------------------------------------------------------------------------------


def stage_check(job: Job) -> None:
    p = job.path
    if not p.is_file():
        raise InputRefused(_("'{path}' is not a file.", path=p), kind="not_file")
    job.size = p.stat().st_size
    if job.size == 0:
        raise InputRefused(_("'{name}' is empty (0 bytes).", name=p.name), kind="empty")
    if not os.access(p, os.R_OK):
        raise InputRefused(_("'{name}' cannot be read (permissions).", name=p.name), kind="unreadable")


def stage_hash(job: Job) -> None:
    job.sha256 = sha256_file(job.path)


@dataclass(frozen=True)
class ImportLimits:
    """What one file may cost (settings ``import.*``), checked before the whole file is decoded."""

    max_duration_s: float = 10800.0
    max_decoded_mb: int = 2048
    max_seconds: float = 1800.0

    @classmethod
    def of(cls, ws: Workspace) -> ImportLimits:
        with ws.session() as s:
            return cls(
                float(get_setting(s, "import.max_duration_s")), int(get_setting(s, "import.max_decoded_mb")), float(get_setting(s, "import.max_seconds"))
            )


def check_limits(job: Job, limits: ImportLimits) -> None:
    """Refuse (exit 3) a file whose header already says it is too long or too large decoded."""
    p = job.probe
    if p is None or p.duration_s is None:
        return  # no duration in the header: the decoding itself stops at the limit
    if p.duration_s > limits.max_duration_s:
        raise InputRefused(
            _(
                "'{name}' lasts {minutes} min, longer than the {limit} min allowed; it was not imported (setting import.max_duration_s).",
                name=job.path.name,
                minutes=round(p.duration_s / 60),
                limit=round(limits.max_duration_s / 60),
            ),
            kind="too_long",
        )
    decoded_mb = p.duration_s * max(1, p.sample_rate) * max(1, p.channels) * 2 / 2**20
    if decoded_mb > limits.max_decoded_mb:
        raise InputRefused(
            _(
                "'{name}' would take {mb} MB once decoded, more than the {limit} MB allowed; it was not imported (setting import.max_decoded_mb).",
                name=job.path.name,
                mb=round(decoded_mb),
                limit=limits.max_decoded_mb,
            ),
            kind="too_large",
        )


def stage_probe(job: Job, limits: ImportLimits | None = None) -> None:
    job.probe = audio.probe(job.path)
    check_limits(job, limits or ImportLimits())
    job.tag_meta, tag_warnings = tags.read(job.path)
    job.warnings.extend(tag_warnings)


def stage_analyse(job: Job, preset: audio.Preset, limits: ImportLimits | None = None) -> None:
    lim = limits or ImportLimits()
    a = audio.analyse(job.path, preset, job.probe.channels if job.probe else 1, max_s=lim.max_duration_s, timeout_s=lim.max_seconds)
    job.analysis = a
    if a.silent:
        job.warnings.append({"kind": "silent", "message": _("The file is silent or nearly so ({lufs} LUFS).", lufs=a.integrated_lufs)})
    elif a.integrated_lufs < -45:
        job.warnings.append({"kind": "quiet", "message": _("The file is very quiet ({lufs} LUFS); it was raised to the target.", lufs=a.integrated_lufs)})
    if a.duration_s > LONG_CLIP_S:
        job.warnings.append({"kind": "long", "message": _("The clip lasts over 2 hours ({minutes} min).", minutes=round(a.duration_s / 60))})
    if a.clipped_samples > 10 or a.true_peak_dbtp > 0.5:
        job.warnings.append({"kind": "clipping", "message": _("The source is clipped (distorted peaks); it may sound harsh.")})
    if a.decode_errors:
        job.warnings.append({"kind": "decode_errors", "message": _("{n} decoding errors: part of the file may be damaged.", n=a.decode_errors)})


def stage_render(job: Job, formats: list[str], preset: audio.Preset, staging: Staging) -> None:
    assert job.analysis is not None
    for fmt_name in formats:
        fmt = parse_format(fmt_name)
        out = staging.new_path(".mp3")
        job.renditions.append((fmt.name, audio.render(job.path, out, fmt, preset, job.analysis), out))


# --- orchestration -------------------------------------------------------------------------


def delivery_formats(ws: Workspace) -> list[str]:
    """The default format and every format an endpoint uses."""
    with ws.session() as s:
        fmts = set(s.scalars(select(Endpoint.format)))
    return sorted(fmts | {DEFAULT_FORMAT})


def current_preset(ws: Workspace) -> audio.Preset:
    with ws.session() as s:
        return audio.Preset.from_dict(get_setting(s, "loudness.preset"))


def import_files(
    ws: Workspace,
    paths: Iterable[str | Path],
    meta: ItemMeta | None = None,
    *,
    approve_by: str | None = None,
    workers: int | None = None,
    progress: Callable[[Progress], None] | None = None,
    cancel: Event | None = None,
    actor: str | None = None,
) -> ImportReport:
    """Import files and folders; see the module docstring. Never raises for a bad file."""
    meta = meta or ItemMeta()
    for gone in ws.media.clean_leftovers():  # a killed import's staging folder
        log.info("removed the staging leftovers of a stopped import: %s", gone)
    files, refused = expand_paths(paths)
    report = ImportReport(refused=refused)
    preset = current_preset(ws)
    limits = ImportLimits.of(ws)
    formats = delivery_formats(ws)
    total = len(files)
    workers = workers or max(1, os.cpu_count() or 1)
    done = 0

    def prepare(path: Path) -> Job:
        job = Job(path, meta)
        try:
            if cancel is not None and cancel.is_set():
                raise InputRefused(_("Cancelled."), kind="cancelled")
            stage_check(job)
            stage_hash(job)
            with ws.session() as s:
                existing = library.find_by_sha(s, job.sha256 or "")
                if existing is not None:
                    job.duplicate_of = existing.id
                    job.duplicate_retired = existing.state == "retired"
                    return job
            stage_probe(job, limits)
            stage_analyse(job, preset, limits)
            job.staging = ws.media.open_staging()
            stage_render(job, formats, preset, job.staging)
        except LoaxaError as exc:
            job.error = exc
        except Exception as exc:  # noqa: BLE001 - one broken file must not stop the others
            log.exception("import of %s failed", path)
            job.error = LoaxaError(_("Unexpected error: {detail}", detail=str(exc)))
        return job

    def results() -> Iterator[Job]:
        if workers == 1:
            for f in files:
                yield prepare(f)
            return
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="import") as pool:
            yield from pool.map(prepare, files)

    for job in results():
        done += 1
        if progress:
            progress(Progress(done, total, job.path.name, "store"))
        try:
            if job.error is not None:
                report.refused.append({"path": str(job.path), "kind": job.error.kind, "message": job.error.message})
                continue
            if job.duplicate_of is not None:
                report.duplicates.append(
                    {
                        "path": str(job.path),
                        "id": job.duplicate_of,
                        "retired": job.duplicate_retired,
                        "message": duplicate_message(job.duplicate_of, job.duplicate_retired),
                    }
                )
                continue
            try:
                item = store(ws, job, preset, approve_by=approve_by, actor=actor)
            except LoaxaError as exc:
                report.refused.append({"path": str(job.path), "kind": exc.kind, "message": exc.message})
                continue
            if item is None:  # a parallel import stored the same audio first
                with ws.session() as s:
                    dup = library.find_by_sha(s, job.sha256 or "")
                report.duplicates.append(
                    {"path": str(job.path), "id": dup.id if dup else None, "message": _("Already in the library as item {id}.", id=dup.id if dup else "?")}
                )
                continue
            report.added.append({"path": str(job.path), "id": item.id, "title": item.title, "duration_s": round(item.duration_s, 3), "warnings": job.warnings})
        finally:
            if job.staging is not None:
                ws.media.close_staging(job.staging)
    return report


def store(ws: Workspace, job: Job, preset: audio.Preset, *, approve_by: str | None, actor: str | None) -> Item | None:
    """Write one prepared file: item + renditions in one transaction, media published on commit."""
    assert job.sha256 and job.probe and job.analysis and job.staging
    ext = job.path.suffix.lower().lstrip(".") or "bin"
    staging = job.staging
    staging.copy_in(job.path, source_relpath(job.sha256, ext))
    given = job.meta.merged_over(job.tag_meta or ItemMeta())
    title = given.title or job.path.stem
    default = next((r for f, r, _p in job.renditions if f == DEFAULT_FORMAT), job.renditions[0][1])
    trim = job.analysis.trim_window(preset)
    try:
        with ws.session() as s:
            if library.find_by_sha(s, job.sha256) is not None:
                return None
            item = Item(
                title=title,
                media_sha256=job.sha256,
                media_size=job.size,
                media_ext=ext,
                original_name=job.path.name,
                source_format={
                    "container": job.probe.container,
                    "codec": job.probe.codec,
                    "sample_rate": job.probe.sample_rate,
                    "channels": job.probe.channels,
                    "bitrate_kbps": job.probe.bitrate_kbps,
                },
                source_duration_s=job.analysis.duration_s,
                duration_s=default.duration_s,
                loudness_lufs=job.analysis.integrated_lufs if not job.analysis.silent else None,
                true_peak_dbtp=job.analysis.true_peak_dbtp if job.analysis.true_peak_dbtp > -200 else None,
                lra=job.analysis.lra,
                trim_start_s=round(trim[0], 3),
                trim_end_s=round(job.analysis.duration_s - trim[1], 3),
                warnings=job.warnings or None,
                waveform=job.analysis.waveform,
            )
            library.apply_meta(item, given.merged_over(ItemMeta(title=title)))
            s.add(item)
            s.flush()
            for fmt_name, r, staged in job.renditions:
                rel = rendition_relpath(job.sha256, fmt_name, preset.key)
                staging.add_file(staged, rel)
                s.add(
                    Rendition(
                        item_id=item.id,
                        format=fmt_name,
                        preset_key=preset.key,
                        path=rel,
                        sha256=sha256_file(staged),
                        size=staged.stat().st_size,
                        duration_s=r.duration_s,
                        frames=r.frames,
                        loudness_lufs=r.loudness_lufs,
                        true_peak_dbtp=r.true_peak_dbtp,
                    )
                )
            audit.record(s, "item.import", "item", item.id, actor=actor, file=job.path.name, sha256=job.sha256)
            if approve_by:
                s.flush()
                library.approve(s, item.id, approve_by)
            staging.publish()
        return item
    except BaseException:
        staging.rollback()
        raise
