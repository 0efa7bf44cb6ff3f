"""Playlists: ordered items (and relay windows) that a schedule airs as one programme."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from . import audit
from .errors import InputRefused, NotFound
from .i18n import _
from .library import get_item
from .models import Item, Playlist, PlaylistEntry
from .text import check_text, has_control, shown

RELAY_SCHEMES = ("http", "https", "icecast", "icecast+tls")
MAX_RELAY_S = 6 * 3600


def get_playlist(session: Session, playlist_id: int) -> Playlist:
    pl = session.get(Playlist, playlist_id)
    if pl is None:
        raise NotFound(_("Playlist {id} does not exist (see: loaxa playlists list).", id=playlist_id))
    return pl


def create_playlist(session: Session, name: str, item_ids: list[int]) -> Playlist:
    """A new playlist of the given items, in order (an item may appear more than once)."""
    if not (name or "").strip():
        raise InputRefused(_("The playlist name must not be empty."))
    name = check_text(name, field=_("playlist name"), max_len=200)
    items = [get_item(session, i) for i in item_ids]
    pl = Playlist(name=name)
    pl.entries = [PlaylistEntry(position=n, item_id=it.id) for n, it in enumerate(items)]
    session.add(pl)
    session.flush()
    audit.record(session, "playlist.create", "playlist", pl.id, items=item_ids)
    return pl


def set_items(session: Session, playlist_id: int, entries: list[tuple[int | None, str | None, float | None]]) -> Playlist:
    """Replace a playlist's entries: (item_id, relay_url, relay_duration_s) in order."""
    pl = get_playlist(session, playlist_id)
    # lists show relay URLs masked; a masked URL given back means the stored one, unchanged
    stored = {mask_relay(e.relay_url): e.relay_url for e in pl.entries if e.relay_url}
    entries = [(item_id, stored.get(url, url) if url is not None else None, dur) for item_id, url, dur in entries]
    for item_id, url, _dur in entries:
        if item_id is not None:
            get_item(session, item_id)
        elif url is not None:
            check_relay_url(url)
    pl.entries.clear()
    session.flush()
    pl.entries.extend(PlaylistEntry(position=n, item_id=item_id, relay_url=url, relay_duration_s=dur) for n, (item_id, url, dur) in enumerate(entries))
    audit.record(session, "playlist.edit", "playlist", pl.id)
    return pl


def edit_entries(
    session: Session,
    playlist_id: int,
    *,
    remove: list[int] | None = None,
    move: list[tuple[int, int]] | None = None,
    add: list[int] | None = None,
    at: int | None = None,
) -> Playlist:
    """Edit a playlist in place: remove entries at 1-based positions (as ``playlists show``
    numbers them), then move entries (from, to), then add items at position ``at`` (default: the
    end). Every position is checked before anything changes (exit 3); an unknown item is exit 4."""
    pl = get_playlist(session, playlist_id)
    entries = [(e.item_id, e.relay_url, e.relay_duration_s) for e in sorted(pl.entries, key=lambda e: e.position)]
    n = len(entries)
    for pos in remove or []:
        if not 1 <= pos <= n:
            raise InputRefused(_("--remove {pos}: the playlist has positions 1 to {n}.", pos=pos, n=n))
    for pos in sorted(set(remove or []), reverse=True):
        del entries[pos - 1]
    for src, dst in move or []:
        if not (1 <= src <= len(entries) and 1 <= dst <= len(entries)):
            raise InputRefused(_("--move {src}:{dst}: the playlist has positions 1 to {n}.", src=src, dst=dst, n=len(entries)))
        entries.insert(dst - 1, entries.pop(src - 1))
    if add:
        where = len(entries) if at is None else at - 1
        if not 0 <= where <= len(entries):
            raise InputRefused(_("--at {pos}: give a position from 1 to {n}.", pos=at, n=len(entries) + 1))
        for item_id in add:
            get_item(session, item_id)
        entries[where:where] = [(item_id, None, None) for item_id in add]
    if not entries:
        raise InputRefused(_("A playlist cannot be left empty; remove the playlist instead."))
    # the entries as stored (relay URLs unmasked); set_items re-checks and numbers them
    pl.entries.clear()
    session.flush()
    pl.entries.extend(PlaylistEntry(position=i, item_id=item_id, relay_url=url, relay_duration_s=dur) for i, (item_id, url, dur) in enumerate(entries))
    audit.record(session, "playlist.edit", "playlist", pl.id, removed=remove or [], moved=[list(m) for m in move or []], added=add or [])
    return pl


def add_relay(session: Session, playlist_id: int, url: str, duration_s: float) -> PlaylistEntry:
    """Append a relay of an upstream stream (e.g. VOV1) for ``duration_s`` seconds."""
    pl = get_playlist(session, playlist_id)
    check_relay_url(url)
    if not 0 < duration_s <= MAX_RELAY_S:
        raise InputRefused(_("--duration: give 1 to {max} seconds.", max=MAX_RELAY_S))
    entry = PlaylistEntry(position=len(pl.entries), relay_url=url, relay_duration_s=float(duration_s))
    pl.entries.append(entry)
    audit.record(session, "playlist.add_relay", "playlist", pl.id, url=mask_relay(url), duration_s=duration_s)
    return entry


def check_relay_url(url: str) -> str:
    """A relay's upstream address as it may be stored: http(s):// or icecast(+tls)://, a host
    without spaces, a port 1-65535, no control characters; refused (exit 3), never repaired."""
    bad = _("Relay URL '{url}' is not a stream address (http://, https:// or icecast://).", url=shown(mask_relay(url)))
    if not isinstance(url, str) or not url or len(url) > 2000 or has_control(url) or url != url.strip() or " " in url:
        raise InputRefused(bad)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise InputRefused(bad) from exc
    host = parts.hostname or ""
    if parts.scheme.lower() not in RELAY_SCHEMES or not host or port == 0 or any(c in host for c in "\\%<>\"'"):
        raise InputRefused(bad)
    return url


def mask_relay(url: str | None) -> str:
    """A relay URL with any password replaced by ``****`` (for lists, audit rows and exports)."""
    if not url:
        return ""
    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        netloc = f"{parts.username}:****@{host}" + (f":{parts.port}" if parts.port else "")
        return parts._replace(netloc=netloc).geturl()
    except ValueError:
        return "****"


def list_playlists(session: Session) -> list[Playlist]:
    q = select(Playlist).options(selectinload(Playlist.entries).selectinload(PlaylistEntry.item)).order_by(Playlist.id)
    return list(session.scalars(q))


def entry_duration(e: PlaylistEntry) -> float:
    if e.item is not None:
        return e.item.duration_s
    return e.relay_duration_s or 0.0


def duration(pl: Playlist) -> float:
    return sum(entry_duration(e) for e in pl.entries)


def most_urgent(pl: Playlist) -> int:
    """The playlist's tier: the most urgent (lowest number) among its items; normal if none."""
    tiers = [e.item.priority for e in pl.entries if e.item is not None]
    return min(tiers) if tiers else 3


def playlist_dict(pl: Playlist) -> dict[str, Any]:
    return {
        "id": pl.id,
        "name": pl.name,
        "duration_s": round(duration(pl), 3),
        "items": [e.item_id for e in pl.entries if e.item_id is not None],
        "entries": [
            {"position": e.position, "item": e.item_id, "title": e.item.title if e.item else None, "duration_s": round(entry_duration(e), 3)}
            if e.item_id is not None
            else {"position": e.position, "relay": mask_relay(e.relay_url), "duration_s": e.relay_duration_s}
            for e in pl.entries
        ],
    }


def export_m3u(pl: Playlist, media_path: Any) -> str:
    """An extended M3U of the playlist (``media_path(item)`` gives each item's file path)."""
    lines = ["#EXTM3U", f"#PLAYLIST:{m3u_text(pl.name)}"]
    for e in pl.entries:
        if e.item is not None:
            lines.append(f"#EXTINF:{round(e.item.duration_s)},{m3u_text(e.item.title)}")
            lines.append(m3u_text(str(media_path(e.item))))
        else:
            lines.append(f"#EXTINF:{round(e.relay_duration_s or 0)},relay")
            lines.append(m3u_text(mask_relay(e.relay_url)))
    return "\n".join(lines) + "\n"


def m3u_text(text: str | None) -> str:
    """One M3U field: no line break or control character can start a new entry or directive
    (each becomes a space), and a field never begins with ``#``."""
    out = "".join(" " if (ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 or c in "\u2028\u2029\u0085") else c for c in (text or ""))
    return out.lstrip("#").strip() if out.lstrip().startswith("#") else out


def item_titles(session: Session, ids: list[int]) -> dict[int, str]:
    return {i.id: i.title for i in session.scalars(select(Item).where(Item.id.in_(ids)))}


def playlist_names(session: Session) -> list[tuple[int, str]]:
    """Every playlist as (id, name), oldest first (without loading their entries)."""
    return [(pid, name) for pid, name in session.execute(select(Playlist.id, Playlist.name).order_by(Playlist.id))]
