"""Citizen feedback: what people asked or said about a notice, by phone, Zalo, at a meeting or in a
letter. Reports count it beside the airings (the two-way loop the policy documents ask for)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import audit
from .areas import AreaTree, get_area
from .campaigns import get_campaign
from .errors import InputRefused, NotFound
from .i18n import _
from .models import Feedback, Item
from .timeutil import iso_local, zone

CHANNELS = ("phone", "zalo", "meeting", "letter")
KINDS = ("question", "complaint", "suggestion", "praise")


def channel_label(channel: str) -> str:
    return {
        "phone": _("phone"),
        "zalo": _("Zalo"),
        "meeting": _("meeting"),
        "letter": _("letter"),
    }.get(channel, channel)


def kind_label(kind: str) -> str:
    return {
        "question": _("question"),
        "complaint": _("complaint"),
        "suggestion": _("suggestion"),
        "praise": _("praise"),
    }.get(kind, kind)


def _choice(value: str | None, allowed: tuple[str, ...], option: str) -> str:
    v = (value or "").strip().lower()
    if v not in allowed:
        raise InputRefused(
            _(
                "{option}: '{value}' is not allowed; choose one of {allowed}.",
                option=option,
                value=value or "",
                allowed=", ".join(allowed),
            )
        )
    return v


def add_feedback(
    session: Session,
    *,
    received_at: datetime,
    channel: str,
    kind: str,
    text: str,
    area: str | None = None,
    item_id: int | None = None,
    campaign: str | None = None,
    actor: str | None = None,
) -> Feedback:
    """Record one piece of feedback; every reference is checked before anything is written."""
    ch = _choice(channel, CHANNELS, "--channel")
    kd = _choice(kind, KINDS, "--kind")
    if not (text or "").strip():
        raise InputRefused(_("--text: say what was asked or said."))
    if received_at.tzinfo is None:
        raise InputRefused(_("--at: give the time with its zone."))
    if area is not None:
        get_area(session, area)
    if item_id is not None and session.get(Item, item_id) is None:
        raise NotFound(_("Item {id} does not exist (see: loaxa clips list).", id=item_id))
    campaign_id = get_campaign(session, campaign).id if campaign else None
    fb = Feedback(
        received_at=received_at,
        channel=ch,
        kind=kd,
        text=text.strip(),
        area_code=area,
        item_id=item_id,
        campaign_id=campaign_id,
        actor=actor,
    )
    session.add(fb)
    session.flush()
    audit.record(session, "feedback.add", "feedback", fb.id, actor=actor)
    return fb


def list_feedback(
    session: Session,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    area: str | None = None,
    campaign_id: int | None = None,
) -> list[Feedback]:
    q = select(Feedback)
    if start is not None:
        q = q.where(Feedback.received_at >= start)
    if end is not None:
        q = q.where(Feedback.received_at < end)
    if area is not None:
        get_area(session, area)
        q = q.where(Feedback.area_code.in_(AreaTree.load(session).descendants(area)))
    if campaign_id is not None:
        q = q.where(Feedback.campaign_id == campaign_id)
    return list(session.scalars(q.order_by(Feedback.received_at, Feedback.id)))


def feedback_dict(fb: Feedback, tz_name: str) -> dict[str, Any]:
    return {
        "id": fb.id,
        "at": iso_local(fb.received_at, zone(tz_name)),
        "channel": fb.channel,
        "kind": fb.kind,
        "area": fb.area_code,
        "item_id": fb.item_id,
        "campaign_id": fb.campaign_id,
        "text": fb.text,
    }
