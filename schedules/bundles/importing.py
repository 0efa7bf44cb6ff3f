"""Verifying a bundle and importing it in one database transaction (the staged files are
published just before the commit and removed again if it fails); the imported bundles."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from .. import audit, library, outbox, settings
from ..errors import InputRefused, NotFound
from ..i18n import _
from ..library import ItemMeta
from ..media import Staging, source_relpath
from ..models import Area, Bundle, Endpoint, HolidayRule, Item, Playlist, PlaylistEntry, Schedule
from ..playlists import duration as playlist_duration
from ..playlists import most_urgent
from ..rules import make_rule
from ..scheduling import add_schedule, check_quiet_hours
from ..timeutil import format_time, parse_time
from ..workspace import Workspace
from .manifest import DEFAULT_LIMITS, Limits, Manifest, ManifestItem, ManifestPlaylist, ManifestSchedule, parse_manifest
from .staging import CheckAudio, StagedMedia, _library_shas, stage_media
from .trust import Trust, check_signature
from .zipsafety import match_entries, open_bundle


def verify_bundle(
    ws: Workspace,
    path: Path,
    *,
    check_audio: CheckAudio,
    allow_unsigned: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    workers: int | None = None,
) -> dict[str, Any]:
    """Every check an import makes of the bundle itself (format, ZIP safety, hashes, audio,
    signature policy), changing nothing. Raises InputRefused; returns a summary."""
    with open_bundle(path, limits) as bf:
        m = parse_manifest(bf.manifest_bytes, limits)
        match_entries(bf, m)
        with ws.sessions() as s:
            trust = check_signature(s, bf, m, allow_unsigned=allow_unsigned)
        staging = ws.media.open_staging()
        try:
            staged = stage_media(bf, m, staging, check_audio, keep=False, workers=workers)
        finally:
            ws.media.close_staging(staging)
        total = bf.total_bytes
    out = m.as_dict()
    out.update(
        signature=trust.as_dict(),
        bytes=total,
        files=[
            {"item": st.item_id, "file": st.entry, "sha256": st.sha256, "size": st.size, "duration_s": round(st.duration_s or 0.0, 3)} for st in staged.values()
        ],
        ok=True,
    )
    return out


@dataclass
class ImportResult:
    """What an import did: the report (also stored with the bundle) and the new items."""

    report: dict[str, Any]
    new_item_ids: list[int] = field(default_factory=list)
    bundle_pk: int | None = None

    @property
    def changed(self) -> bool:
        return self.report.get("outcome") == "imported"


def _prior(session: Session, m: Manifest) -> tuple[Bundle | None, Bundle | None]:
    """(the same bundle already imported, the active older revision to supersede); refuses a
    lower or equal revision with other content and a bundle id of another issuer."""
    rows = list(session.scalars(select(Bundle).where(Bundle.bundle_id == m.bundle_id).order_by(Bundle.revision)))
    for r in rows:
        if r.manifest_sha256 == m.sha256:
            return r, None
    if not rows:
        return None, None
    other = next((r for r in rows if r.issuer_code != m.issuer_code), None)
    if other is not None:
        raise InputRefused(
            _(
                "Bundle {id} was imported from issuer {other}; a bundle from {issuer} cannot replace it.",
                id=m.bundle_id,
                other=other.issuer_code,
                issuer=m.issuer_code,
            ),
            kind="issuer_mismatch",
        )
    same = next((r for r in rows if r.revision == m.revision), None)
    if same is not None:
        raise InputRefused(
            _(
                "Revision {revision} of bundle {id} was already imported with different content. The issuer must raise the revision to change a bundle.",
                revision=m.revision,
                id=m.bundle_id,
            ),
            kind="revision_conflict",
        )
    newest = rows[-1]
    if m.revision < newest.revision:
        raise InputRefused(
            _(
                "Revision {revision} of bundle {id} is older than revision {newest}, which is already imported.",
                revision=m.revision,
                id=m.bundle_id,
                newest=newest.revision,
            ),
            kind="revision_older",
        )
    active = next((r for r in reversed(rows) if r.state == "active"), None)
    return None, active


def import_bundle(
    ws: Workspace,
    path: Path,
    *,
    check_audio: CheckAudio,
    allow_unsigned: bool = False,
    dry_run: bool = False,
    actor: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    workers: int | None = None,
) -> ImportResult:
    """Import a bundle all-or-nothing (see the module docstring and the rules of the format).

    Raises InputRefused (nothing changed) for a bundle that must be refused. Schedules for codes
    unknown here, or that would air in local quiet hours, are skipped and reported; the rest
    imports. With ``dry_run`` everything is checked and reported, and nothing is kept.
    """
    with open_bundle(path, limits) as bf:
        m = parse_manifest(bf.manifest_bytes, limits)
        match_entries(bf, m)
        with ws.sessions() as s:
            trust = check_signature(s, bf, m, allow_unsigned=allow_unsigned)
            _prior(s, m)  # refuse a stale revision before streaming gigabytes
            known = _library_shas(s, (it.sha256 for it in m.items))
        staging = ws.media.open_staging()
        try:
            staged = stage_media(bf, m, staging, check_audio, known=known, workers=workers)
            return _write(ws, m, staged, staging, trust, allow_unsigned=allow_unsigned, dry_run=dry_run, actor=actor)
        finally:
            ws.media.close_staging(staging)


def _write(
    ws: Workspace, m: Manifest, staged: dict[str, StagedMedia], staging: Staging, trust: Trust, *, allow_unsigned: bool, dry_run: bool, actor: str | None
) -> ImportResult:
    """Phase 4: one transaction; staged media published just before the commit."""
    with ws.sessions() as s:
        try:
            s.begin()
            same, prev = _prior(s, m)
            if same is not None:
                s.rollback()
                report = _base_report(m, trust, "unchanged")
                report["message"] = _("Bundle {id} revision {revision} is already imported; nothing changed.", id=m.bundle_id, revision=same.revision)
                return ImportResult(report, [], same.pk)
            result = _apply(s, m, staged, staging, trust, prev, allow_unsigned=allow_unsigned, actor=actor)
            if dry_run:
                s.rollback()
                result.report["outcome"] = "dry_run"
                result.report["bundle"]["pk"] = None
                result.new_item_ids, result.bundle_pk = [], None
                return result
            staging.publish()
            s.commit()
            return result
        except IntegrityError as exc:
            # a unique audio hash or (bundle, revision) written by another process meanwhile
            s.rollback()
            staging.rollback()
            raise InputRefused(
                _("The library changed while the bundle was imported (another import?); nothing was imported. Try again."), kind="conflict"
            ) from exc
        except BaseException:
            s.rollback()
            staging.rollback()
            raise


def _base_report(m: Manifest, trust: Trust, outcome: str) -> dict[str, Any]:
    return {
        "outcome": outcome,
        "bundle": m.as_dict(),
        "signature": trust.as_dict(),
        "added": {"items": [], "playlists": [], "schedules": []},
        "updated": {"items": [], "playlists": []},
        "reused": [],
        "superseded": None,
        "skipped": [],
        "approved": [],
        "flagged": [],
    }


def _code_exists(s: Session, code: str) -> bool:
    return s.get(Endpoint, code) is not None or s.get(Area, code) is not None


_META_FIELDS = ("title", "summary", "field", "priority", "language", "author", "source", "produced_at", "valid_from", "valid_until")


def _set_meta(item: Item, meta: ItemMeta) -> None:
    """Every metadata field from the bundle, absent ones cleared (a revision replaces them)."""
    for k in _META_FIELDS:
        setattr(item, k, getattr(meta, k))
    item.search_key = library.search_key(item)


def _describe(item: Item, meta: ItemMeta) -> dict[str, Any]:
    """The bundle's description over a library item with the same audio: every field the bundle
    gives wins, the others stay. Returns the local values it replaced (field -> old value)."""
    replaced: dict[str, Any] = {}
    for k, v in meta.given().items():
        if getattr(item, k) != v:
            replaced[k] = getattr(item, k)
            setattr(item, k, v)
    if replaced:
        item.search_key = library.search_key(item)
    return replaced


@dataclass
class _Import:
    """One import's transaction: what every step of :func:`_apply` reads and adds to."""

    s: Session
    m: Manifest
    bundle: Bundle
    prev: Bundle | None
    actor: str | None
    report: dict[str, Any]
    items: dict[str, Item] = field(default_factory=dict)  # by bundle item id
    new_ids: list[int] = field(default_factory=list)
    playlists: dict[str, Playlist] = field(default_factory=dict)  # by bundle playlist id
    old_playlists: dict[str, Playlist] = field(default_factory=dict)  # the replaced revision's, by bundle id

    def audit(self, action: str, kind: str, object_id: object, **details: Any) -> None:
        audit.record(self.s, action, kind, object_id, actor=self.actor, **details, bundle=self.m.bundle_id, revision=self.m.revision)


def _apply(
    s: Session, m: Manifest, staged: dict[str, StagedMedia], staging: Staging, trust: Trust, prev: Bundle | None, *, allow_unsigned: bool, actor: str | None
) -> ImportResult:
    """Phase 4's writes, in the caller's transaction: items, the replaced revision's schedules,
    playlists, what the replaced revision leaves behind, schedules; then the bundle's record."""
    bundle = Bundle(
        bundle_id=m.bundle_id,
        revision=m.revision,
        issuer_code=m.issuer_code,
        issuer_name=m.issuer_name,
        key_id=m.key_id,
        signed=trust.verified,
        manifest_sha256=m.sha256,
        created_at=m.created_at,
        state="active",
    )
    s.add(bundle)
    s.flush()
    run = _Import(s, m, bundle, prev, actor, _base_report(m, trust, "imported"))
    keep_approval = trust.verified and bool(settings.get(s, "bundles.keep_approval"))
    for mi in m.items:
        _import_item(run, mi, staged[mi.id], staging, keep_approval)
    if prev is not None:
        _remove_replaced_schedules(run, prev)
    for mp in m.playlists:
        _import_playlist(run, mp)
    if prev is not None:
        _supersede(run, prev)
    for ms in m.schedules:
        _import_schedule(run, ms)
    run.report["bundle"]["pk"] = bundle.pk
    bundle.report = json.loads(json.dumps(run.report, default=str))
    audit.record(
        s,
        "bundle.import",
        "bundle",
        bundle.pk,
        actor=actor,
        bundle=m.bundle_id,
        revision=m.revision,
        issuer=m.issuer_code,
        key_id=m.key_id,
        signature=trust.state,
        items_added=len(run.new_ids),
        superseded=prev.revision if prev else None,
    )
    if not trust.verified:
        audit.record(
            s,
            "bundle.import_unsigned",
            "bundle",
            bundle.pk,
            actor=actor,
            bundle=m.bundle_id,
            revision=m.revision,
            signature=trust.state,
            allow_unsigned=allow_unsigned,
        )
    s.flush()
    return ImportResult(run.report, run.new_ids, bundle.pk)


def _import_item(run: _Import, mi: ManifestItem, st: StagedMedia, staging: Staging, keep_approval: bool) -> None:
    """One item: new, described anew when its audio is already in the library, or (same audio in
    the revision this one replaces) updated; then its approval when the bundle's is kept."""
    s, report = run.s, run.report
    existing = library.find_by_sha(s, mi.sha256)
    if existing is not None and run.prev is not None and existing.bundle_pk == run.prev.pk:
        _set_meta(existing, mi.meta)
        existing.bundle_pk, existing.bundle_item_id = run.bundle.pk, mi.id
        run.items[mi.id] = existing
        report["updated"]["items"].append({"bundle_item": mi.id, "id": existing.id, "title": existing.title})
        run.audit("item.bundle_update", "item", existing.id)
    elif existing is not None:
        # the district's description wins for what the bundle brought; the local one stays in the history
        replaced = _describe(existing, mi.meta)
        run.items[mi.id] = existing
        entry: dict[str, Any] = {
            "bundle_item": mi.id,
            "id": existing.id,
            "title": existing.title,
            "state": existing.state,
            "replaced": {k: str(v) if v is not None else None for k, v in replaced.items()},
        }
        if "title" in replaced:
            entry["message"] = _(
                "Item '{bundle_item}': the audio is already in the library as item {id}; that item is used, now described as the bundle says ({title}; it was '{old}': kept in its history), with its own approval.",
                bundle_item=mi.id,
                id=existing.id,
                title=existing.title,
                old=replaced["title"],
            )
        elif replaced:
            entry["message"] = _(
                "Item '{bundle_item}': the audio is already in the library as item {id} ({title}); that item is used, now described as the bundle says (changed: {fields}), with its own approval.",
                bundle_item=mi.id,
                id=existing.id,
                title=existing.title,
                fields=", ".join(replaced),
            )
        else:
            entry["message"] = _(
                "Item '{bundle_item}': the audio is already in the library as item {id} ({title}); that item is used, with its own approval.",
                bundle_item=mi.id,
                id=existing.id,
                title=existing.title,
            )
        report["reused"].append(entry)
        if replaced:
            run.audit(
                "item.bundle_describe",
                "item",
                existing.id,
                before={k: str(v) if v is not None else None for k, v in replaced.items()},
                after={k: str(getattr(existing, k)) if getattr(existing, k) is not None else None for k in replaced},
            )
        return
    else:
        if st.path is None:  # known at staging time, removed from the library since
            raise InputRefused(_("The library changed while the bundle was imported (another import?); nothing was imported. Try again."), kind="conflict")
        item = Item(
            title=mi.meta.title or mi.id,
            media_sha256=st.sha256,
            media_size=st.size,
            media_ext=st.ext,
            original_name=st.original_name,
            duration_s=st.duration_s or 0.0,
            source_duration_s=st.duration_s,
            bundle_pk=run.bundle.pk,
            bundle_item_id=mi.id,
            state="draft",
        )
        _set_meta(item, mi.meta)
        s.add(item)
        s.flush()
        staging.add_file(st.path, source_relpath(st.sha256, st.ext))
        run.items[mi.id] = item
        run.new_ids.append(item.id)
        report["added"]["items"].append({"bundle_item": mi.id, "id": item.id, "title": item.title, "duration_s": round(item.duration_s, 3)})
        run.audit("item.import", "item", item.id, file=st.original_name, sha256=st.sha256)
    it = run.items[mi.id]
    if keep_approval and mi.approved_by and it.state != "retired" and not (it.state == "approved" and it.approved_by == mi.approved_by):
        s.flush()
        library.approve(s, it.id, mi.approved_by)
        report["approved"].append({"id": it.id, "by": mi.approved_by})


def _remove_replaced_schedules(run: _Import, prev: Bundle) -> None:
    """The replaced revision's schedules go (the province is told, as for any removed schedule);
    its playlists are kept aside to be replaced in place or removed."""
    s = run.s
    run.report["superseded"] = {
        "revision": prev.revision,
        "schedules_removed": [],
        "playlists_removed": [],
        "playlists_kept": [],
        "items_retired": [],
        "items_kept": [],
    }
    for sc in s.scalars(select(Schedule).where(Schedule.bundle_pk == prev.pk)):
        run.report["superseded"]["schedules_removed"].append(sc.id)
        outbox.schedule_removed(s, sc.id)  # HTTTN: cancel what it announced
        run.audit("schedule.remove", "schedule", sc.id, reason="bundle superseded")
        s.delete(sc)
    s.flush()
    run.old_playlists = {
        p.bundle_playlist_id or "": p for p in s.scalars(select(Playlist).where(Playlist.bundle_pk == prev.pk).options(selectinload(Playlist.entries)))
    }


def _import_playlist(run: _Import, mp: ManifestPlaylist) -> None:
    s = run.s
    pl = run.old_playlists.pop(mp.id, None)
    replaced = pl is not None
    if pl is not None:  # same id: replaced in place, so local schedules and holiday rules on it follow
        pl.entries.clear()
        s.flush()
        pl.name, pl.bundle_pk = mp.name, run.bundle.pk
    else:
        pl = Playlist(name=mp.name, bundle_pk=run.bundle.pk, bundle_playlist_id=mp.id)
        s.add(pl)
    pl.entries.extend(PlaylistEntry(position=n, item_id=run.items[ref].id, item=run.items[ref]) for n, ref in enumerate(mp.items))
    s.flush()
    if replaced:
        # local schedules on it now air other items: the province hears of it as of any schedule change
        for sid in list(s.scalars(select(Schedule.id).where(Schedule.playlist_id == pl.id))):
            outbox.schedule_changed(s, sid)
    run.playlists[mp.id] = pl
    run.report["updated" if replaced else "added"]["playlists"].append({"bundle_playlist": mp.id, "id": pl.id, "name": mp.name})
    run.audit("playlist.bundle", "playlist", pl.id, items=[run.items[r].id for r in mp.items])


def _supersede(run: _Import, prev: Bundle) -> None:
    """What the replaced revision leaves: playlists no longer in the bundle go unless something
    local uses them; its items no playlist uses are retired; the revision is marked superseded."""
    s, superseded = run.s, run.report["superseded"]
    for pl in run.old_playlists.values():
        used = s.scalar(select(func.count()).select_from(Schedule).where(Schedule.playlist_id == pl.id)) or s.scalar(
            select(func.count()).select_from(HolidayRule).where(HolidayRule.playlist_id == pl.id)
        )
        if used:
            superseded["playlists_kept"].append(
                {"id": pl.id, "message": _("Playlist {id} ({name}) is kept: a local schedule or holiday rule uses it.", id=pl.id, name=pl.name)}
            )
        else:
            superseded["playlists_removed"].append(pl.id)
            s.delete(pl)
    s.flush()
    for old in s.scalars(select(Item).where(Item.bundle_pk == prev.pk)):
        in_use = s.scalar(select(func.count()).select_from(PlaylistEntry).where(PlaylistEntry.item_id == old.id))
        if in_use:
            superseded["items_kept"].append({"id": old.id, "message": _("Item {id} ({title}) is kept: a playlist still uses it.", id=old.id, title=old.title)})
        elif old.state != "retired":
            library.retire(s, old.id, run.actor)
            superseded["items_retired"].append(old.id)
    prev.state = "superseded"
    audit.record(s, "bundle.supersede", "bundle", prev.pk, actor=run.actor, bundle=run.m.bundle_id, revision=prev.revision, by_revision=run.m.revision)


def _import_schedule(run: _Import, ms: ManifestSchedule) -> None:
    """One schedule; unknown target codes and quiet hours here are skipped and reported. It is
    added as the CLI adds one, so the province hears of it through the outbox the same way."""
    s, report = run.s, run.report
    known = [c for c in ms.targets if _code_exists(s, c)]
    unknown = [c for c in ms.targets if c not in known]
    if unknown:
        report["skipped"].append(
            {
                "kind": "unknown_target",
                "schedule": ms.id,
                "codes": unknown,
                "message": _("Schedule '{id}': targets not known here were skipped: {codes}.", id=ms.id, codes=", ".join(unknown)),
            }
        )
    if not known:
        report["skipped"].append(
            {"kind": "no_target", "schedule": ms.id, "message": _("Schedule '{id}' was not imported: none of its targets exists here.", id=ms.id)}
        )
        return
    pl = run.playlists[ms.playlist]
    tier = ms.priority if ms.priority is not None else most_urgent(pl)
    if tier >= 2:
        rule = make_rule([parse_time(t) for t in ms.times], days=ms.days, start=ms.start, end=ms.until)
        try:
            check_quiet_hours(s, rule, known, playlist_duration(pl), 1, 0.0)
        except InputRefused as exc:
            report["skipped"].append(
                {"kind": "quiet_hours", "schedule": ms.id, "message": _("Schedule '{id}' was not imported: {reason}", id=ms.id, reason=exc.message)}
            )
            return
    try:
        # add_schedule checks everything before it adds anything, so a refusal leaves no trace;
        # it also puts the schedule's announcement in the HTTTN outbox, in this transaction
        sc = add_schedule(
            s,
            playlist_id=pl.id,
            targets=known,
            times=",".join(ms.times),
            days=ms.days,
            start=ms.start.isoformat() if ms.start else None,
            until=ms.until.isoformat() if ms.until else None,
            priority=ms.priority,
            collision=ms.collision,
            name=ms.name,
            actor=run.actor,
        )
        sc.bundle_pk, sc.bundle_schedule_id = run.bundle.pk, ms.id
    except (InputRefused, NotFound) as exc:
        report["skipped"].append(
            {"kind": exc.kind, "schedule": ms.id, "message": _("Schedule '{id}' was not imported: {reason}", id=ms.id, reason=exc.message)}
        )
        return
    report["added"]["schedules"].append({"bundle_schedule": ms.id, "id": sc.id, "targets": known, "times": [format_time(parse_time(t)) for t in ms.times]})


def bundle_rows(session: Session) -> list[Bundle]:
    """Imported bundles, newest first."""
    return list(session.scalars(select(Bundle).order_by(Bundle.imported_at.desc(), Bundle.pk.desc())))
