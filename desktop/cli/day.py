"""``loaxa supply`` (the content a commune expects) and ``loaxa playlists items`` (add, remove
and move a playlist's items)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import Any

from schedules import playlists as pls
from schedules import supply
from schedules.errors import InputRefused
from schedules.i18n import _

from .common import Context, emit, old_positional, renamed, table


def _playlists_group(root: Any) -> Any:
    """The ``playlists`` group's subcommands (made by desktop.cli.library)."""
    parser = root.choices["playlists"]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise LookupError("playlists group")


def _move(text: str) -> tuple[int, int]:
    src, sep, dst = text.partition(":")
    if not sep or not src.strip().isdigit() or not dst.strip().isdigit():
        raise argparse.ArgumentTypeError(_("'{value}' is not FROM:TO (e.g. 3:1)", value=text))
    return int(src), int(dst)


def register(b: Any, root: Any) -> None:
    pl = _playlists_group(root)
    p = b.leaf(pl, "items", _("add, remove or move a playlist's items (positions as 'playlists show' numbers them)"), cmd_playlists_items)
    p.add_argument("id", type=int)
    p.add_argument("--add", type=int, nargs="+", metavar="ITEM_ID", help=_("items to add"))
    p.add_argument("--at", type=int, metavar=_("POSITION"), help=_("where the added items go (default: the end)"))
    p.add_argument("--remove", type=int, nargs="+", metavar=_("POSITION"), help=_("positions to remove"))
    p.add_argument("--move", type=_move, action="append", metavar="FROM:TO", help=_("move the entry at FROM to TO (repeatable)"))

    sp = b.group(root, "supply", _("content the commune expects, and warnings when it is late"))
    p = b.leaf(sp, "add", _("declare expected content: a source, a weekday and a time by which it comes"), cmd_supply_add)
    p.add_argument("--name", metavar=_("NAME"), help=_("what the content is called, e.g. the district's weekly bulletin"))
    old_positional(p, "old_name")  # `supply add NAME`, the old spelling
    p.add_argument("--source", required=True, help=_("as it appears in the items' source or the bundles' issuer"))
    p.add_argument("--weekday", help=_("mon..sun or t2..cn (default: every day)"))
    p.add_argument("--by", required=True, metavar="HH:MM")
    b.leaf(sp, "list", _("list expected content and what is late"), cmd_supply_list)
    p = b.leaf(sp, "remove", _("remove an expected content"), cmd_supply_remove)
    p.add_argument("id", type=int)


def cmd_playlists_items(ctx: Context) -> int:
    a = ctx.args
    if not (a.add or a.remove or a.move):
        raise InputRefused(_("Say what to change: --add ITEM_ID..., --remove POSITION... or --move FROM:TO."))
    with ctx.ws.session() as s:
        pl = pls.edit_entries(s, a.id, remove=a.remove, move=a.move, add=a.add, at=a.at)
        s.flush()
        s.refresh(pl)
        d = pls.playlist_dict(pl)
        titles = pls.item_titles(s, [e.item_id for e in sorted(pl.entries, key=lambda e: e.position) if e.item_id is not None])
        order = [titles.get(e.item_id, "") if e.item_id is not None else _("relay") for e in sorted(pl.entries, key=lambda e: e.position)]
    emit(ctx, d, _("Playlist {id} now: {items}.", id=d["id"], items="; ".join(f"{n}. {t}" for n, t in enumerate(order, 1))))
    return 0


def cmd_supply_add(ctx: Context) -> int:
    a = ctx.args
    with ctx.ws.session() as s:
        name = renamed(ctx, "name", "old_name", flag="--name", example="loaxa supply add --name NAME --source SOURCE --by HH:MM")
        d = supply.expectation_dict(supply.add_expectation(s, name=name, source=a.source, weekday=a.weekday, by=a.by))
    emit(ctx, d, _("Expected content {id} added: {name}.", id=d["id"], name=d["name"]))
    return 0


def cmd_supply_list(ctx: Context) -> int:
    from sqlalchemy import select

    from schedules.models import SupplyExpectation

    with ctx.ws.sessions() as s:
        rows = [supply.expectation_dict(e) for e in s.scalars(select(SupplyExpectation).order_by(SupplyExpectation.id))]
        found = supply.warnings(s, datetime.now(UTC), ctx.tz)
    data = {"expected": rows, "warnings": [w.as_dict() for w in found]}
    short = (_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun"))
    names = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}

    def text() -> str:
        out = (
            [
                table(
                    [[r["id"], r["name"], r["source"], short[names[r["weekday"]]] if r["weekday"] else _("every day"), r["by"]] for r in rows],
                    [_("Id"), _("Name"), _("Source"), _("Day"), _("By")],
                )
            ]
            if rows
            else [_("No expected content declared.")]
        )
        out += ["⚠ " + w.message for w in found]
        return "\n".join(out)

    emit(ctx, data, text)
    return 0


def cmd_supply_remove(ctx: Context) -> int:
    with ctx.ws.session() as s:
        supply.remove_expectation(s, ctx.args.id)
    emit(ctx, {"id": ctx.args.id, "removed": True}, _("Expected content {id} removed.", id=ctx.args.id))
    return 0
