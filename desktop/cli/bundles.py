"""``loaxa keys`` (signing keys) and ``loaxa bundle`` (content bundles: create, verify, import)."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from schedules import bundles as bnd
from schedules import keys as keys_mod
from schedules import settings
from schedules.i18n import _
from schedules.timeutil import moment_text

from .common import Context, emit, old_positional, renamed, table
from .library import _progress_printer


def register(b: Any, root: Any) -> None:
    ks = b.group(root, "keys", _("signing keys for content bundles"))
    p = b.leaf(ks, "generate", _("make a new Ed25519 key pair: KEYFILE (private, keep it secret) and KEYFILE.pub"), cmd_keys_generate)
    p.add_argument("--out", required=True, metavar=_("KEYFILE"))
    p = b.leaf(ks, "trust", _("accept bundles signed by this public key, for one issuer"), cmd_keys_trust)
    p.add_argument("pubfile", metavar=_("PUBFILE"))
    p.add_argument("--issuer", required=True, metavar="CODE", help=_("the issuer's area or agency code, as its bundles name it"))
    p.add_argument("--name", metavar=_("NAME"), help=_("who the key belongs to"))
    b.leaf(ks, "list", _("list trusted keys"), cmd_keys_list)
    p = b.leaf(ks, "revoke", _("stop accepting bundles signed by a key (for good)"), cmd_keys_revoke)
    p.add_argument("key_id", metavar="KEY_ID")

    bd = b.group(root, "bundle", _("content bundles: signed packages of audio, playlists and schedules"))
    p = b.leaf(bd, "create", _("write a bundle of items, playlists and schedules"), cmd_bundle_create)
    p.add_argument("--out", metavar=_("FILE"), help=_("the bundle file to write"))
    old_positional(p, "old_out")  # `bundle create OUT`, the old spelling
    p.add_argument("--items", nargs="+", action="extend", type=int, default=[], metavar="ID", help=_("items (clip ids)"))
    p.add_argument("--playlist", nargs="+", action="extend", type=int, default=[], metavar="ID", help=_("playlists (their items come along)"))
    p.add_argument("--schedule", nargs="+", action="extend", type=int, default=[], metavar="ID", help=_("schedules (their playlists come along)"))
    p.add_argument("--issuer", required=True, metavar="CODE", help=_("your area or agency code"))
    p.add_argument("--name", metavar=_("NAME"), help=_("your name as issuer (e.g. the district's culture office)"))
    p.add_argument("--sign", metavar=_("KEYFILE"), help=_("sign with this private key file"))
    p.add_argument("--id", dest="bundle_id", metavar="UUID", help=_("the bundle's id, to publish a new revision of an earlier bundle (default: a new id)"))
    p.add_argument("--revision", type=int, default=1, metavar="N", help=_("revision number; a higher one replaces the earlier revisions (default 1)"))
    p = b.leaf(bd, "verify", _("check a bundle without importing it"), cmd_bundle_verify)
    p.add_argument("file", metavar=_("FILE"))
    p.add_argument("--allow-unsigned", action="store_true", help=_("accept a bundle without a trusted signature"))
    p = b.leaf(bd, "import", _("import a bundle (all or nothing)"), cmd_bundle_import)
    p.add_argument("file", metavar=_("FILE"))
    p.add_argument("--dry-run", action="store_true", help=_("check and report what would change, change nothing"))
    p.add_argument("--allow-unsigned", action="store_true", help=_("import a bundle without a trusted signature (recorded in the audit log)"))
    b.leaf(bd, "list", _("list imported bundles"), cmd_bundle_list)


def _actor(ctx: Context) -> str | None:
    with ctx.ws.sessions() as s:
        name = str(settings.get(s, "operator.name") or "").strip()
    return name or None


# --- keys ----------------------------------------------------------------------------------


def cmd_keys_generate(ctx: Context) -> int:
    from .accounts import new_key_passphrase

    k = keys_mod.generate(Path(ctx.args.out), new_key_passphrase())  # encrypted with a passphrase (issue 15)
    emit(
        ctx,
        k.as_dict(),
        lambda: "\n".join(
            [
                _("Private key: {path} (keep it secret; it signs your bundles)", path=k.private_path),
                _("Public key: {path} (give it to the communes: loaxa keys trust)", path=k.public_path),
                _("Key id: {key}", key=k.key_id),
            ]
        ),
    )
    return 0


def cmd_keys_trust(ctx: Context) -> int:
    with ctx.ws.session() as s:
        row, added = keys_mod.trust(s, Path(ctx.args.pubfile), ctx.args.issuer, ctx.args.name, actor=_actor(ctx))
        d = keys_mod.key_dict(row)
    d["added"] = added
    text = (
        _("Key {key} is now trusted for issuer {issuer}.", key=d["key_id"], issuer=d["issuer"])
        if added
        else _("Key {key} was already trusted for issuer {issuer}; nothing changed.", key=d["key_id"], issuer=d["issuer"])
    )
    emit(ctx, d, text)
    return 0


def cmd_keys_list(ctx: Context) -> int:
    with ctx.ws.sessions() as s:
        rows = [keys_mod.key_dict(k) for k in keys_mod.list_keys(s)]
    emit(
        ctx,
        rows,
        lambda: (
            table(
                [[r["key_id"][:16], r["issuer"], r["name"] or "", r["added_at"][:10], _("revoked") if r["revoked_at"] else _("trusted")] for r in rows],
                [_("Key id"), _("Issuer"), _("Name"), _("Added"), _("State")],
            )
            if rows
            else _("No trusted keys.")
        ),
    )
    return 0


def cmd_keys_revoke(ctx: Context) -> int:
    with ctx.ws.session() as s:
        row, changed = keys_mod.revoke(s, ctx.args.key_id, actor=_actor(ctx))
        d = keys_mod.key_dict(row)
    d["changed"] = changed
    emit(
        ctx,
        d,
        _("Key {key} revoked: bundles it signed are refused from now on.", key=d["key_id"])
        if changed
        else _("Key {key} was already revoked.", key=d["key_id"]),
    )
    return 0


# --- bundles -------------------------------------------------------------------------------


def cmd_bundle_create(ctx: Context) -> int:
    from .accounts import ask_sign_passphrase

    ask_sign_passphrase(ctx)  # an encrypted key: its passphrase, asked or from LOAXA_KEY_PASSPHRASE
    a = ctx.args
    out = renamed(ctx, "out", "old_out", flag="--out", example="loaxa bundle create --out FILE --issuer CODE --items ID...")
    d = bnd.create_bundle(
        ctx.ws,
        Path(out),
        item_ids=a.items,
        playlist_ids=a.playlist,
        schedule_ids=a.schedule,
        issuer_code=a.issuer,
        issuer_name=a.name,
        sign_key=Path(a.sign) if a.sign else None,
        bundle_id=a.bundle_id,
        revision=a.revision,
    )
    for w in d["warnings"]:
        sys.stderr.write(f"{_('Warning')}: {w}\n")
    emit(
        ctx,
        d,
        lambda: _(
            "Written {path}: bundle {id} revision {revision}, {items} items, {playlists} playlists, {schedules} schedules, {size} bytes; {signed}.",
            path=d["path"],
            id=d["id"],
            revision=d["revision"],
            items=d["items"],
            playlists=d["playlists"],
            schedules=d["schedules"],
            size=d["bytes"],
            signed=_("signed with key {key}", key=d["issuer"].get("key_id", "")[:16]) if d["signed"] else _("not signed"),
        ),
    )
    return 0


def _signature_text(sig: dict[str, Any]) -> str:
    if sig["state"] == "verified":
        return _("signed by trusted key {key} ({name})", key=(sig["key_id"] or "")[:16], name=sig["key_name"] or "-")
    if sig["state"] == "unknown_key":
        return _("signed by key {key}, which is not trusted here (accepted with --allow-unsigned)", key=(sig["key_id"] or "")[:16])
    return _("not signed (accepted with --allow-unsigned)")


def cmd_bundle_verify(ctx: Context) -> int:
    from broadcast import bundles as bb

    d = bb.verify_bundle(ctx.ws, Path(ctx.args.file), allow_unsigned=ctx.args.allow_unsigned)

    def text() -> str:
        lines = [
            _("Bundle {id} revision {revision} from {issuer} is valid.", id=d["id"], revision=d["revision"], issuer=d["issuer"]["name"] or d["issuer"]["code"]),
            _("Signature: {state}", state=_signature_text(d["signature"])),
            _(
                "{items} items ({size} bytes of audio), {playlists} playlists, {schedules} schedules.",
                items=d["items"],
                size=d["bytes"],
                playlists=d["playlists"],
                schedules=d["schedules"],
            ),
        ]
        return "\n".join(lines)

    emit(ctx, d, text)
    return 0


def cmd_bundle_import(ctx: Context) -> int:
    from broadcast import bundles as bb

    result = bb.import_bundle(
        ctx.ws, Path(ctx.args.file), allow_unsigned=ctx.args.allow_unsigned, dry_run=ctx.args.dry_run, actor=_actor(ctx), progress=_progress_printer(ctx)
    )
    report = result.report
    for f in report.get("flagged", []):
        sys.stderr.write(f"{_('Warning')}: {_('item {id}', id=f['id'])}: {f['message']}\n")
    emit(ctx, report, lambda: import_text(report))
    return 0


def import_text(r: dict[str, Any]) -> str:
    """The import report for people."""
    b = r["bundle"]
    if r["outcome"] == "unchanged":
        return str(r.get("message") or _("Nothing changed."))
    lines = []
    if r["outcome"] == "dry_run":
        lines.append(_("Dry run: nothing was changed. Importing would do this:"))
    lines.append(
        _(
            "Bundle {id} revision {revision} from {issuer}: {state}.",
            id=b["id"],
            revision=b["revision"],
            issuer=b["issuer"]["name"] or b["issuer"]["code"],
            state=_signature_text(r["signature"]),
        )
    )
    for it in r["added"]["items"]:
        lines.append("  " + _("Added item {id}: {title} ({duration} s)", id=it["id"], title=it["title"], duration=it["duration_s"]))
    for it in r["updated"]["items"]:
        lines.append("  " + _("Updated item {id}: {title}", id=it["id"], title=it["title"]))
    for it in r["reused"]:
        lines.append("  " + it["message"])
    for pl in r["added"]["playlists"]:
        lines.append("  " + _("Added playlist {id}: {name}", id=pl["id"], name=pl["name"]))
    for pl in r["updated"]["playlists"]:
        lines.append("  " + _("Replaced playlist {id}: {name}", id=pl["id"], name=pl["name"]))
    for sc in r["added"]["schedules"]:
        lines.append("  " + _("Added schedule {id}: {times} for {targets}", id=sc["id"], times=", ".join(sc["times"]), targets=", ".join(sc["targets"])))
    for a in r["approved"]:
        lines.append("  " + _("Item {id} approved by {name} (from the signed bundle).", id=a["id"], name=a["by"]))
    sup = r.get("superseded")
    if sup:
        lines.append(
            _(
                "Revision {revision} is superseded: {schedules} schedules removed, {playlists} playlists removed, {items} items retired (the as-run history is kept).",
                revision=sup["revision"],
                schedules=len(sup["schedules_removed"]),
                playlists=len(sup["playlists_removed"]),
                items=len(sup["items_retired"]),
            )
        )
        for k in (*sup["playlists_kept"], *sup["items_kept"]):
            lines.append("  " + k["message"])
    for sk in r["skipped"]:
        lines.append("  " + _("Skipped: {message}", message=sk["message"]))
    if "renditions" in r and r["renditions"] is not None:
        lines.append(_("{made} renditions made, {failed} failed.", made=r["renditions"]["made"], failed=len(r["renditions"]["failed"])))
    for f in r.get("flagged", []):
        lines.append("  " + _("Flagged item {id}: {message}", id=f["id"], message=f["message"]))
    lines.append(
        _(
            "{added} items added, {reused} reused from the library, {playlists} playlists, {schedules} schedules, {skipped} skipped.",
            added=len(r["added"]["items"]),
            reused=len(r["reused"]),
            playlists=len(r["added"]["playlists"]) + len(r["updated"]["playlists"]),
            schedules=len(r["added"]["schedules"]),
            skipped=len(r["skipped"]),
        )
    )
    return "\n".join(lines)


def cmd_bundle_list(ctx: Context) -> int:
    with ctx.ws.sessions() as s:
        rows: list[dict[str, Any]] = [
            {
                "pk": b.pk,
                "id": b.bundle_id,
                "revision": b.revision,
                "issuer": b.issuer_code,
                "issuer_name": b.issuer_name,
                "key_id": b.key_id,
                "signed": b.signed,
                "state": b.state,
                "created_at": b.created_at.astimezone(ctx.tz).isoformat() if b.created_at else None,
                "imported_at": b.imported_at.astimezone(ctx.tz).isoformat(),
            }
            for b in bnd.bundle_rows(s)
        ]
    emit(
        ctx,
        rows,
        lambda: (
            table(
                [
                    [
                        r["id"][:8],
                        r["revision"],
                        r["issuer_name"] or r["issuer"],
                        _("signed") if r["signed"] else _("not signed"),
                        {"active": _("in use"), "superseded": _("superseded")}.get(r["state"], r["state"]),
                        moment_text(datetime.fromisoformat(r["imported_at"])),
                    ]
                    for r in rows
                ],
                [_("Bundle"), _("Revision"), _("Issuer"), _("Signature"), _("State"), _("Imported")],
            )
            if rows
            else _("No bundles imported.")
        ),
    )
    return 0
