"""``loaxa clips`` and ``loaxa playlists``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from schedules import campaigns
from schedules import library as lib
from schedules import playlists as pls
from schedules.errors import InputRefused
from schedules.i18n import _

from .common import Context, emit, table


def _meta_options(p: Any, *, with_title: bool = True) -> None:
    if with_title:
        p.add_argument("--title", help=_("title (default: the tag title, else the file name)"))
    p.add_argument("--summary")
    p.add_argument("--field", help=_("1 general, 2 breaking, 3 policy and law, 4 local administration, 5 knowledge, 6 good deeds"))
    p.add_argument("--priority", help=_("1 emergency, 2 priority, 3 normal"))
    p.add_argument("--language", help=_("language code (default vi)"))
    p.add_argument("--author")
    p.add_argument("--source")
    p.add_argument("--valid-from", metavar="YYYY-MM-DD")
    p.add_argument("--valid-until", metavar="YYYY-MM-DD")


def register(b: Any, root: Any) -> None:
    clips = b.group(root, "clips", _("the clip library"))
    p = b.leaf(clips, "add", _("import audio files or folders"), cmd_clips_add)
    p.add_argument("paths", nargs="+", metavar=_("PATH"))
    _meta_options(p)
    p.add_argument("--approve-by", metavar=_("NAME"), help=_("approve on import, in this person's name"))
    p.add_argument("--workers", type=int, help=_("files processed at once (default: the number of cores)"))
    p.add_argument("--campaign", metavar=_("ID_OR_NAME"), help=_("the campaign the items belong to"))
    p = b.leaf(clips, "list", _("list items"), cmd_clips_list)
    p.add_argument("--state", help="draft|approved|rejected|retired")
    p.add_argument("--field", type=int)
    p.add_argument("--priority", type=int)
    p.add_argument("--language")
    p.add_argument("--search", metavar=_("TEXT"), help=_("words in the title, summary, author or the text of a spoken notice (accents optional)"))
    p = b.leaf(clips, "show", _("show one item"), cmd_clips_show)
    p.add_argument("id", type=int)
    p = b.leaf(clips, "edit", _("change an item's metadata"), cmd_clips_edit)
    p.add_argument("id", type=int)
    _meta_options(p)
    p.add_argument("--campaign", metavar=_("ID_OR_NAME"), help=_("the campaign the item belongs to ('none' to leave it)"))
    p.add_argument("--version-of", metavar="ID", help=_("this item is the same bulletin as item ID in another language ('none' to unlink)"))
    p = b.leaf(clips, "approve", _("approve an item for broadcasting"), cmd_clips_approve)
    p.add_argument("id", type=int)
    p.add_argument("--by", metavar=_("NAME"), help=_("who approves (default: the signed-in user; needed before accounts exist)"))
    p = b.leaf(clips, "reject", _("reject an item"), cmd_clips_reject)
    p.add_argument("id", type=int)
    p.add_argument("--reason", required=True)
    p.add_argument("--by", metavar=_("NAME"))
    p = b.leaf(clips, "retire", _("retire an item (it no longer airs)"), cmd_clips_retire)
    p.add_argument("id", type=int)
    p.add_argument("--by", metavar=_("NAME"))
    p = b.leaf(clips, "restore", _("bring a retired item back (approved again if it was approved, else a draft)"), cmd_clips_restore)
    p.add_argument("id", type=int)
    p.add_argument("--by", metavar=_("NAME"))
    p = b.leaf(clips, "render", _("make renditions that are missing or out of date"), cmd_clips_render)
    p.add_argument("--format", action="append", help=_("delivery format (repeatable; default: every format in use)"))
    p.add_argument("--all", action="store_true", help=_("render every item again"))
    p.add_argument("ids", nargs="*", type=int, metavar="ID")

    pl = b.group(root, "playlists", _("playlists"))
    p = b.leaf(pl, "create", _("create a playlist of items, in order"), cmd_playlists_create)
    p.add_argument("--name", metavar=_("NAME"), help=_("the playlist's name"))
    p.add_argument("item_ids", nargs="+", metavar="ITEM_ID")  # the old spelling puts the name first: NAME ITEM_ID...
    p.add_argument("--campaign", metavar=_("ID_OR_NAME"), help=_("the campaign the playlist belongs to"))
    p = b.leaf(pl, "edit", _("change a playlist's campaign"), cmd_playlists_edit)
    p.add_argument("id", type=int)
    p.add_argument("--campaign", required=True, metavar=_("ID_OR_NAME"), help=_("the campaign the playlist belongs to ('none' to leave it)"))
    b.leaf(pl, "list", _("list playlists"), cmd_playlists_list)
    p = b.leaf(pl, "show", _("show a playlist"), cmd_playlists_show)
    p.add_argument("id", type=int)
    p = b.leaf(pl, "add-relay", _("append a relay of an upstream stream"), cmd_playlists_add_relay)
    p.add_argument("id", type=int)
    p.add_argument("url")
    p.add_argument("--duration", type=float, required=True, metavar=_("SECONDS"))
    p = b.leaf(pl, "export", _("export a playlist"), cmd_playlists_export)
    p.add_argument("id", type=int)
    p.add_argument("--m3u", required=True, metavar=_("FILE"))


def _meta(ctx: Context) -> lib.ItemMeta:
    a = ctx.args
    return lib.meta_from_options(
        title=getattr(a, "title", None),
        summary=a.summary,
        field=a.field,
        priority=a.priority,
        language=a.language,
        author=a.author,
        source=a.source,
        valid_from=a.valid_from,
        valid_until=a.valid_until,
    )


def _progress_printer(ctx: Context) -> Any:
    if ctx.json or not sys.stderr.isatty():
        return None

    def show(p: Any) -> None:
        width = 30
        filled = width * p.done // max(p.total, 1)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {p.done}/{p.total} {p.name[:40]:<40}")
        if p.done == p.total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


def cmd_clips_add(ctx: Context) -> int:
    from broadcast import importer

    meta = _meta(ctx)
    if ctx.args.approve_by is not None and not ctx.args.approve_by.strip():
        raise InputRefused(_("--approve-by: say who approves (a name)."))
    with ctx.ws.sessions() as s:  # checked before any file is imported
        campaign_given, campaign_id = campaigns.resolve_option(s, ctx.args.campaign)
    report = importer.import_files(ctx.ws, ctx.args.paths, meta, approve_by=ctx.args.approve_by, workers=ctx.args.workers, progress=_progress_printer(ctx))
    results: list[dict[str, Any]] = []
    with ctx.ws.session() as s:
        if campaign_given:
            for a in report.added:
                campaigns.set_item_campaign(s, a["id"], campaign_id)
        for a in report.added:
            d = lib.item_dict(lib.get_item(s, a["id"]))
            d["warnings"] = a["warnings"]
            d["path"] = a["path"]
            results.append(d)
        for dup in report.duplicates:
            d = lib.item_dict(lib.get_item(s, dup["id"])) if dup.get("id") else {}
            d.update(path=dup["path"], duplicate=True, message=dup["message"])
            results.append(d)
    for r in report.refused:
        results.append({"path": r["path"], "error": {"kind": r["kind"], "message": r["message"]}})
    single = len(ctx.args.paths) == 1 and len(results) == 1
    emit(ctx, results[0] if single else results, lambda: _import_text(report))
    if report.refused:
        if ctx.json:  # the text for people goes to stderr; on screen it is the summary above
            for r in report.refused:
                sys.stderr.write(f"{_('Refused')}: {r['path']}: {r['message']}\n")
        else:
            sys.stderr.write(
                _(
                    "{refused} of {total} files refused; the others were kept.",
                    refused=len(report.refused),
                    total=len(report.refused) + len(report.added) + len(report.duplicates),
                )
                + "\n"
            )
        return 3
    return 0


def _import_text(report: Any) -> str:
    lines = [report.summary()]  # counts first, in words (issue 16): "8 added, 1 refused: bad.txt: ..."
    if report.added or report.duplicates:
        lines.append("")
    for a in report.added:
        lines.append(_("Added item {id}: {title} ({duration} s)", id=a["id"], title=a["title"], duration=a["duration_s"]))
        for w in a["warnings"]:
            lines.append(f"  {_('Warning')}: {w['message']}")
    for d in report.duplicates:
        lines.append(f"{d['path']}: {d['message']}")
    return "\n".join(lines)


def cmd_clips_list(ctx: Context) -> int:
    a = ctx.args
    q = lib.list_query(state=a.state, field=lib.check_field(a.field), priority=lib.check_priority(a.priority), language=a.language, search=a.search)
    with ctx.ws.session() as s:
        rows = [lib.item_dict(i) for i in s.scalars(q)]
    emit(
        ctx,
        rows,
        lambda: (
            table(
                [[r["id"], r["title"][:50], f"{r['duration_s']:.1f}", lib.state_label(r["state"]), r["field"], r["priority"]] for r in rows],
                [_("Id"), _("Title"), _("Seconds"), _("State"), _("Field"), _("Priority")],
            )
            if rows
            else _("No items.")
        ),
    )
    return 0


def _show_labels() -> dict[str, str]:
    """The words ``clips show`` prints for each key of the item (JSON keeps the keys)."""
    return {
        "id": _("Id"),
        "title": _("Title"),
        "duration_s": _("Length (seconds)"),
        "state": _("State"),
        "field": _("Field"),
        "priority": _("Priority"),
        "language": _("Language"),
        "valid_from": _("Valid from"),
        "valid_until": _("Valid until"),
        "sha256": "SHA-256",
        "summary": _("Summary"),
        "author": _("Author"),
        "source": _("Source"),
        "content_type": _("Content type"),
        "produced_at": _("Produced on"),
        "original_name": _("Original file"),
        "source_format": _("Original format"),
        "source_duration_s": _("Original length (seconds)"),
        "approved_by": _("Approved by"),
        "approved_at": _("Approved at"),
        "rejected_reason": _("Reason for rejection"),
        "loudness_lufs": _("Loudness (LUFS)"),
        "true_peak_dbtp": _("True peak (dBTP)"),
        "lra": _("Loudness range (LU)"),
        "trim_start_s": _("Trimmed at the start (seconds)"),
        "trim_end_s": _("Trimmed at the end (seconds)"),
        "waveform_points": _("Waveform points"),
        "warnings": _("Warnings"),
        "renditions": _("Renditions"),
        "text_typed": _("Text as typed"),
        "text_spoken": _("Text as spoken"),
        "composition": _("Recipe"),
    }


def _show_value(ctx: Context, key: str, v: Any) -> str:
    import json
    from datetime import datetime

    from schedules.timeutil import day_text

    if v is None or v == [] or v == "":
        return "-"
    if key == "state":
        return lib.state_label(str(v))
    if key in ("approved_at", "produced_at"):
        local = datetime.fromisoformat(str(v)).astimezone(ctx.tz)  # local time; JSON keeps ISO with its offset
        return f"{day_text(local)} {local.strftime('%H:%M:%S')}"
    if key in ("valid_from", "valid_until"):
        return day_text(datetime.fromisoformat(str(v)))
    if key == "warnings":
        return "; ".join(str(w.get("message", w)) if isinstance(w, dict) else str(w) for w in v)
    if key == "renditions":
        return "; ".join(f"{r['format']} ({r['duration_s']} s, {r['loudness_lufs']} LUFS)" for r in v)
    if isinstance(v, dict | list):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def cmd_clips_show(ctx: Context) -> int:
    with ctx.ws.session() as s:
        d = lib.item_dict(lib.get_item(s, ctx.args.id), full=True)
    labels = _show_labels()
    emit(ctx, d, lambda: "\n".join(f"{labels.get(k, k)}: {_show_value(ctx, k, v)}" for k, v in d.items()))
    return 0


def cmd_clips_edit(ctx: Context) -> int:
    meta = _meta(ctx)
    with ctx.ws.session() as s:
        campaign_given, campaign_id = campaigns.resolve_option(s, ctx.args.campaign)
        item = lib.edit_item(s, ctx.args.id, meta)
        if ctx.args.version_of is not None:
            other = None if ctx.args.version_of.strip().lower() == "none" else _item_id(ctx.args.version_of)
            lib.link_versions(s, item.id, other)
        if campaign_given:
            campaigns.set_item_campaign(s, item.id, campaign_id)
        d = lib.item_dict(item, full=True)
        d["campaign_id"] = item.campaign_id
    emit(ctx, d, _("Item {id} changed.", id=d["id"]))
    return 0


def cmd_clips_approve(ctx: Context) -> int:
    with ctx.ws.session() as s:
        d = lib.item_dict(lib.approve(s, ctx.args.id, ctx.args.by))
    emit(ctx, d, _("Item {id} approved by {name}.", id=d["id"], name=ctx.args.by))
    return 0


def cmd_clips_reject(ctx: Context) -> int:
    with ctx.ws.session() as s:
        d = lib.item_dict(lib.reject(s, ctx.args.id, ctx.args.reason, ctx.args.by))
    emit(ctx, d, _("Item {id} rejected.", id=d["id"]))
    return 0


def cmd_clips_retire(ctx: Context) -> int:
    with ctx.ws.session() as s:
        d = lib.item_dict(lib.retire(s, ctx.args.id, ctx.args.by))
    emit(ctx, d, _("Item {id} retired.", id=d["id"]))
    return 0


def cmd_clips_restore(ctx: Context) -> int:
    with ctx.ws.session() as s:
        d = lib.item_dict(lib.restore(s, ctx.args.id, ctx.args.by))
    if d["state"] == "approved":
        text = _("Item {id} restored: approved again, it may air.", id=d["id"])
    else:
        text = _("Item {id} restored as a draft: approve it to air it (loaxa clips approve {id} --by NAME).", id=d["id"])
    emit(ctx, d, text)
    return 0


def cmd_clips_render(ctx: Context) -> int:
    from broadcast import renditions

    formats = ctx.args.format
    report = renditions.render_missing(ctx.ws, formats=formats, everything=ctx.args.all, item_ids=ctx.args.ids or None, progress=_progress_printer(ctx))
    emit(
        ctx,
        report,
        lambda: _(
            "{made} renditions made, {ok} already up to date, {failed} failed.", made=len(report["made"]), ok=report["up_to_date"], failed=len(report["failed"])
        ),
    )
    return 3 if report["failed"] else 0


def _name_and_ids(ctx: Context) -> tuple[str, list[int]]:
    """``--name NAME ITEM_ID...``, or the old ``NAME ITEM_ID...`` with a note on stderr."""
    from .common import UsageProblem

    args = list(ctx.args.item_ids)
    example = "loaxa playlists create --name NAME ITEM_ID..."
    name = ctx.args.name
    if name is None:
        if len(args) < 2:
            raise UsageProblem(_("{flag} is missing: {example}", flag="--name", example=example))
        name = args.pop(0)
        sys.stderr.write(_("Note: this spelling is old and will go; write it as: {example}", example=example) + "\n")
    bad = [a for a in args if not a.strip().isdigit()]
    if bad:
        raise UsageProblem(_("ITEM_ID: '{value}' is not an item id (a number).", value=bad[0]))
    return name, [int(a) for a in args]


def cmd_playlists_create(ctx: Context) -> int:
    name, item_ids = _name_and_ids(ctx)
    with ctx.ws.session() as s:
        _given, campaign_id = campaigns.resolve_option(s, ctx.args.campaign)
        pl = pls.create_playlist(s, name, item_ids)
        s.flush()
        if campaign_id is not None:
            campaigns.set_playlist_campaign(s, pl.id, campaign_id)
            s.flush()
        s.refresh(pl)
        d = pls.playlist_dict(pl)
        d["campaign_id"] = pl.campaign_id
    emit(ctx, d, _("Playlist {id} created ({duration} s).", id=d["id"], duration=round(d["duration_s"])))
    return 0


def cmd_playlists_edit(ctx: Context) -> int:
    with ctx.ws.session() as s:
        _given, campaign_id = campaigns.resolve_option(s, ctx.args.campaign)
        campaigns.set_playlist_campaign(s, ctx.args.id, campaign_id)
        pl = pls.get_playlist(s, ctx.args.id)
        d = pls.playlist_dict(pl)
        d["campaign_id"] = pl.campaign_id
    emit(ctx, d, _("Playlist {id} changed.", id=d["id"]))
    return 0


def cmd_playlists_list(ctx: Context) -> int:
    with ctx.ws.session() as s:
        rows = [pls.playlist_dict(p) for p in pls.list_playlists(s)]
    emit(
        ctx,
        rows,
        lambda: (
            table([[r["id"], r["name"], len(r["entries"]), f"{r['duration_s']:.0f}"] for r in rows], [_("Id"), _("Name"), _("Entries"), _("Seconds")])
            if rows
            else _("No playlists.")
        ),
    )
    return 0


def cmd_playlists_show(ctx: Context) -> int:
    with ctx.ws.session() as s:
        d = pls.playlist_dict(pls.get_playlist(s, ctx.args.id))
    emit(
        ctx,
        d,
        lambda: (
            f"{d['id']}: {d['name']} ({d['duration_s']:.0f} s)\n"
            + table(
                [[e["position"] + 1, e.get("item") or e.get("relay"), e.get("title") or "", e["duration_s"]] for e in d["entries"]],
                ["#", _("Item"), _("Title"), _("Seconds")],
            )
        ),
    )
    return 0


def cmd_playlists_add_relay(ctx: Context) -> int:
    with ctx.ws.session() as s:
        pls.add_relay(s, ctx.args.id, ctx.args.url, ctx.args.duration)
        s.flush()
        d = pls.playlist_dict(pls.get_playlist(s, ctx.args.id))
    emit(ctx, d, _("Relay added to playlist {id}.", id=d["id"]))
    return 0


def cmd_playlists_export(ctx: Context) -> int:
    from schedules.media import source_relpath

    out = Path(ctx.args.m3u)
    with ctx.ws.session() as s:
        pl = pls.get_playlist(s, ctx.args.id)
        text = pls.export_m3u(pl, lambda it: ctx.ws.media.path(source_relpath(it.media_sha256, it.media_ext or "bin")))
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputRefused(_("Cannot write '{path}': {error}", path=out, error=exc.strerror)) from exc
    emit(ctx, {"path": str(out), "playlist_id": ctx.args.id}, _("Written {path}.", path=out))
    return 0


def _item_id(text: str) -> int:
    if not text.strip().isdigit():
        raise InputRefused(_("--version-of: give an item number (see: loaxa clips list), or 'none'."))
    return int(text)
