"""Campaigns (chiến dịch truyền thông): a named effort, such as "Tiêm chủng mở rộng 2027", with the
policy stage it serves (before, at or after the policy's issuance) and its dates. Items and
playlists may belong to one; reports show reach per campaign.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from . import audit
from .errors import InputRefused, NotFound
from .i18n import _
from .models import Campaign, Item, Playlist

STAGES = ("before", "at", "after")


def stage_label(stage: str) -> str:
    return {
        "before": _("before issuance"),
        "at": _("at issuance"),
        "after": _("after issuance"),
    }.get(stage, stage)


def check_stage(value: str | None) -> str:
    v = (value or "at").strip().lower()
    if v not in STAGES:
        raise InputRefused(
            _(
                "--stage: '{value}' is not a stage; choose one of {allowed}.",
                value=value,
                allowed=", ".join(STAGES),
            )
        )
    return v


def get_campaign(session: Session, ref: int | str) -> Campaign:
    """A campaign by id, or by its exact name."""
    c: Campaign | None = None
    if isinstance(ref, int) or str(ref).strip().isdigit():
        c = session.get(Campaign, int(ref))
    if c is None and isinstance(ref, str):
        c = session.scalar(select(Campaign).where(Campaign.name == ref.strip()))
    if c is None:
        raise NotFound(_("Campaign '{ref}' does not exist (see: loaxa campaigns list).", ref=ref))
    return c


def add_campaign(
    session: Session,
    name: str,
    *,
    stage: str | None = None,
    start: date | None = None,
    end: date | None = None,
    description: str | None = None,
    actor: str | None = None,
) -> Campaign:
    """Create a campaign; refuses an empty or taken name and an end before the start."""
    name = (name or "").strip()
    if not name:
        raise InputRefused(_("--name: the name must not be empty."))
    if start is not None and end is not None and end < start:
        raise InputRefused(
            _(
                "--until: the end ({end}) is before the start ({start}).",
                end=end.isoformat(),
                start=start.isoformat(),
            )
        )
    if session.scalar(select(Campaign.id).where(Campaign.name == name)) is not None:
        raise InputRefused(_("A campaign named '{name}' already exists.", name=name))
    c = Campaign(
        name=name,
        stage=check_stage(stage),
        start_date=start,
        end_date=end,
        description=(description or None),
    )
    session.add(c)
    session.flush()
    audit.record(session, "campaign.add", "campaign", c.id, actor=actor, name=name)
    return c


def list_campaigns(session: Session) -> list[Campaign]:
    return list(session.scalars(select(Campaign).order_by(Campaign.start_date.is_(None), Campaign.start_date, Campaign.id)))


def campaign_dict(session: Session, c: Campaign) -> dict[str, Any]:
    items = session.scalar(select(func.count()).select_from(Item).where(Item.campaign_id == c.id)) or 0
    playlists = session.scalar(select(func.count()).select_from(Playlist).where(Playlist.campaign_id == c.id)) or 0
    return {
        "id": c.id,
        "name": c.name,
        "stage": c.stage,
        "from": c.start_date.isoformat() if c.start_date else None,
        "until": c.end_date.isoformat() if c.end_date else None,
        "description": c.description,
        "items": int(items),
        "playlists": int(playlists),
    }


def resolve_option(session: Session, value: str | None) -> tuple[bool, int | None]:
    """A ``--campaign`` option as (given, campaign id): "none" or empty leaves the campaign (id
    None); an unknown campaign is refused (exit 4)."""
    if value is None:
        return False, None
    if value.strip().lower() in ("", "none", "-"):
        return True, None
    return True, get_campaign(session, value).id


def set_item_campaign(session: Session, item_id: int, campaign_id: int | None, actor: str | None = None) -> None:
    item = session.get(Item, item_id)
    if item is None:
        raise NotFound(_("Item {id} does not exist (see: loaxa clips list).", id=item_id))
    item.campaign_id = campaign_id
    audit.record(session, "item.campaign", "item", item_id, actor=actor, campaign=campaign_id)


def set_playlist_campaign(
    session: Session,
    playlist_id: int,
    campaign_id: int | None,
    actor: str | None = None,
) -> None:
    pl = session.get(Playlist, playlist_id)
    if pl is None:
        raise NotFound(
            _(
                "Playlist {id} does not exist (see: loaxa playlists list).",
                id=playlist_id,
            )
        )
    pl.campaign_id = campaign_id
    audit.record(
        session,
        "playlist.campaign",
        "playlist",
        playlist_id,
        actor=actor,
        campaign=campaign_id,
    )
