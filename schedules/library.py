"""The clip library: items (bản tin) with their metadata, approval state and validity.

Audio work (probing, loudness, renditions) happens in ``broadcast.audio``; this module keeps the
records. Only approved items inside their validity dates may air.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from . import audit, outbox
from .clock import SYSTEM_CLOCK, Clock
from .errors import InputRefused, NotFound
from .i18n import _
from .media import MediaStore, source_relpath
from .models import ITEM_STATES, Item, Rendition
from .text import check_text, fold
from .timeutil import parse_date

FIELDS = {
    1: "general information",
    2: "unscheduled / breaking information",
    3: "Party line, State policy and law",
    4: "direction and administration by local authorities",
    5: "science, technology, economic, cultural and social knowledge",
    6: "good people, good deeds",
}
PRIORITIES = {1: "emergency", 2: "priority", 3: "normal"}


@dataclass
class ItemMeta:
    """Metadata given on import or edit; None means "not given" (keep or default)."""

    title: str | None = None
    summary: str | None = None
    field: int | None = None
    priority: int | None = None
    language: str | None = None
    author: str | None = None
    source: str | None = None
    produced_at: datetime | None = None
    valid_from: date | None = None
    valid_until: date | None = None

    def given(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    def merged_over(self, other: ItemMeta) -> ItemMeta:
        """These values where given, else ``other``'s."""
        return ItemMeta(**{f.name: getattr(self, f.name) if getattr(self, f.name) is not None else getattr(other, f.name) for f in fields(self)})


def check_field(value: int | str | None) -> int | None:
    if value is None:
        return None
    try:
        v = int(value)
    except (TypeError, ValueError):
        v = 0
    if v not in FIELDS:
        raise InputRefused(_("--field: '{value}' is not a field code; give 1 to 6.", value=value))
    return v


def check_priority(value: int | str | None) -> int | None:
    if value is None:
        return None
    try:
        v = int(value)
    except (TypeError, ValueError):
        v = 0
    if v not in PRIORITIES:
        raise InputRefused(_("--priority: '{value}' is not a priority; give 1 (emergency), 2 (priority) or 3 (normal).", value=value))
    return v


def meta_from_options(
    *,
    title: str | None = None,
    summary: str | None = None,
    field: int | str | None = None,
    priority: int | str | None = None,
    language: str | None = None,
    author: str | None = None,
    source: str | None = None,
    valid_from: str | None = None,
    valid_until: str | None = None,
    produced_at: datetime | None = None,
) -> ItemMeta:
    """Check metadata options as typed on the CLI or in a form (exit 3 on a wrong value): texts
    NFC, within their column's length, with no control or text-direction character; a title
    given empty is refused (it would change nothing while saying it did)."""
    if title is not None:
        title = check_text(title, field="--title", max_len=500)
    if summary is not None:
        summary = check_text(summary, field="--summary", max_len=10_000, allow_empty=True, multiline=True) or None
    if author is not None:
        author = check_text(author, field="--author", max_len=200, allow_empty=True) or None
    if source is not None:
        source = check_text(source, field="--source", max_len=200, allow_empty=True) or None
    meta = ItemMeta(
        title=title,
        summary=summary,
        field=check_field(field),
        priority=check_priority(priority),
        language=language.strip().lower() if language else None,
        author=author,
        source=source,
        produced_at=produced_at,
        valid_from=parse_date(valid_from, field="--valid-from") if valid_from else None,
        valid_until=parse_date(valid_until, field="--valid-until") if valid_until else None,
    )
    if meta.valid_from and meta.valid_until and meta.valid_until < meta.valid_from:
        raise InputRefused(_("--valid-until ({until}) is before --valid-from ({start}).", until=meta.valid_until, start=meta.valid_from))
    if meta.language is not None and not (2 <= len(meta.language) <= 16):
        raise InputRefused(_("--language: give a language code such as vi or en."))
    return meta


def search_key(item: Item) -> str:
    """What library search matches, folded (lower case, no accents): the descriptive fields and,
    for a notice made from text, the words as typed."""
    return " ".join(fold(x) for x in (item.title, item.summary, item.author, item.source, item.original_name, item.text_typed) if x)


def get_item(session: Session, item_id: int) -> Item:
    item = session.get(Item, item_id)
    if item is None:
        raise NotFound(_("Item {id} does not exist (see: loaxa clips list).", id=item_id))
    return item


def find_by_sha(session: Session, sha256: str) -> Item | None:
    return session.scalars(select(Item).where(Item.media_sha256 == sha256)).first()


def apply_meta(item: Item, meta: ItemMeta) -> None:
    for k, v in meta.given().items():
        setattr(item, k, v)
    if item.valid_from and item.valid_until and item.valid_until < item.valid_from:
        raise InputRefused(_("--valid-until ({until}) is before --valid-from ({start}).", until=item.valid_until, start=item.valid_from))
    item.search_key = search_key(item)


def edit_item(session: Session, item_id: int, meta: ItemMeta, *, actor: str | None = None) -> Item:
    item = get_item(session, item_id)
    apply_meta(item, meta)
    changed: dict[str, Any] = {k: str(v) for k, v in meta.given().items()}
    audit.record(session, "item.edit", "item", item_id, actor=actor, **changed)
    return item


def link_versions(session: Session, item_id: int, other_id: int | None, *, actor: str | None = None) -> Item:
    """Make ``item_id`` a version of the same bulletin as ``other_id`` (in another language: the
    areas that require languages need a version in each); ``None`` unlinks it."""
    item = get_item(session, item_id)
    if other_id is None:
        item.bulletin_key = None
    else:
        other = get_item(session, other_id)
        if other.id == item.id:
            raise InputRefused(_("--version-of: an item cannot be a version of itself."))
        if other.language == item.language:
            raise InputRefused(
                _(
                    "--version-of: items {a} and {b} are both in '{lang}'; a version is the same bulletin in another language.",
                    a=item.id,
                    b=other.id,
                    lang=item.language,
                )
            )
        key = other.bulletin_key or item.bulletin_key or f"b{min(item.id, other.id)}"
        for it in (item, other):
            it.bulletin_key = key
    audit.record(session, "item.version_of", "item", item_id, actor=actor, other=other_id)
    return item


def _set_state(session: Session, item: Item, state: str, actor: str | None, clock: Clock, **details: Any) -> None:
    old = item.state
    item.state = state
    item.state_changed_at = clock.now()
    audit.record(session, f"item.{state}", "item", item.id, actor=actor, previous=old, **details)


def approve(session: Session, item_id: int, by: str, *, clock: Clock = SYSTEM_CLOCK) -> Item:
    """Approve the item as ``by`` (a name), at the clock's time; a retired item is refused.

    With accounts, the approver is the signed-in user whatever name is given, and the four-eyes
    setting refuses their own items (schedules.accounts)."""
    from . import accounts, audit

    by = audit.current_actor() or by
    if not (by or "").strip():
        raise InputRefused(_("--by: say who approves (a name)."))
    by = check_text(by, field="--by", max_len=200)
    accounts.check_four_eyes(session, item_id, audit.current_actor())
    item = get_item(session, item_id)
    if item.state == "retired":
        raise InputRefused(_("Item {id} is retired. Restore it first: loaxa clips restore {id}", id=item_id))
    item.approved_by = by.strip()
    item.approved_at = clock.now()
    item.rejected_reason = None
    _set_state(session, item, "approved", by.strip(), clock)
    outbox.item_approved(session, item.id)  # HTTTN: announce it where it is scheduled
    return item


def reject(session: Session, item_id: int, reason: str, by: str | None = None, *, clock: Clock = SYSTEM_CLOCK) -> Item:
    """Reject the item, saying why; its approval is withdrawn."""
    if not (reason or "").strip():
        raise InputRefused(_("--reason: say why the item is rejected."))
    reason = check_text(reason, field="--reason", max_len=2000, multiline=True)
    if by is not None:
        by = check_text(by, field="--by", max_len=200)
    item = get_item(session, item_id)
    item.rejected_reason = reason.strip()
    item.approved_by = None
    item.approved_at = None
    _set_state(session, item, "rejected", by, clock, reason=reason.strip())
    outbox.item_withdrawn(session, item.id)  # HTTTN: cancel what announced it
    return item


def retire(session: Session, item_id: int, by: str | None = None, *, clock: Clock = SYSTEM_CLOCK) -> Item:
    """Retire the item: it no longer airs (restore brings it back)."""
    item = get_item(session, item_id)
    _set_state(session, item, "retired", by, clock)
    outbox.item_withdrawn(session, item.id)  # HTTTN: cancel what announced it
    return item


def restore(session: Session, item_id: int, by: str | None = None, *, clock: Clock = SYSTEM_CLOCK) -> Item:
    """Bring a retired item back: approved again when it had been approved (the approval it had,
    kept), else a draft awaiting approval. An item that is not retired is refused (exit 3)."""
    if by is not None:
        by = check_text(by, field="--by", max_len=200)
    item = get_item(session, item_id)
    if item.state != "retired":
        raise InputRefused(_("Item {id} is not retired (it is {state}); there is nothing to restore.", id=item_id, state=state_label(item.state)))
    state = "approved" if item.approved_by else "draft"
    _set_state(session, item, state, by, clock, restored=True)
    if state == "approved":
        outbox.item_approved(session, item.id)  # HTTTN: announce it again where it is scheduled
    return item


def list_query(
    *,
    state: str | None = None,
    field: int | None = None,
    priority: int | None = None,
    language: str | None = None,
    search: str | None = None,
    valid_on: date | None = None,
) -> Select[Item]:
    """The items matching the filters, newest first (a query, so views can page it)."""
    if state is not None and state not in ITEM_STATES:
        raise InputRefused(_("--state: '{value}' is not a state; choose one of {allowed}.", value=state, allowed=", ".join(ITEM_STATES)))
    q = select(Item)
    if state:
        q = q.where(Item.state == state)
    if field:
        q = q.where(Item.field == field)
    if priority:
        q = q.where(Item.priority == priority)
    if language:
        q = q.where(Item.language == language)
    if valid_on:
        q = q.where(or_(Item.valid_from.is_(None), Item.valid_from <= valid_on))
        q = q.where(or_(Item.valid_until.is_(None), Item.valid_until >= valid_on))
    for word in fold(search).split():
        q = q.where(Item.search_key.contains(word, autoescape=True))
    return q.order_by(Item.id.desc())


def count(session: Session, query: Select[Item]) -> int:
    return int(session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0)


def airable_problem(item: Item, on: date) -> tuple[str, str] | None:
    """Why ``item`` may not air on local date ``on`` (kind, message), or None when it may."""
    if item.state != "approved":
        return "unapproved", _("Item {id} '{title}' is {state}, not approved.", id=item.id, title=item.title, state=state_label(item.state))
    if item.valid_from and on < item.valid_from:
        return "not_yet_valid", _("Item {id} '{title}' is valid only from {date}.", id=item.id, title=item.title, date=item.valid_from)
    if item.valid_until and on > item.valid_until:
        return "expired", _("Item {id} '{title}' expired on {date}.", id=item.id, title=item.title, date=item.valid_until)
    return None


def state_label(state: str) -> str:
    return {
        "draft": _("draft"),
        "approved": _("approved"),
        "rejected": _("rejected"),
        "retired": _("retired"),
    }.get(state, state)


def item_dict(item: Item, *, full: bool = False) -> dict[str, Any]:
    d: dict[str, Any] = {
        "id": item.id,
        "title": item.title,
        "duration_s": round(item.duration_s, 3),
        "state": item.state,
        "field": item.field,
        "priority": item.priority,
        "language": item.language,
        "bulletin": item.bulletin_key,
        "valid_from": item.valid_from.isoformat() if item.valid_from else None,
        "valid_until": item.valid_until.isoformat() if item.valid_until else None,
        "sha256": item.media_sha256,
    }
    if full:
        d.update(
            summary=item.summary,
            author=item.author,
            source=item.source,
            content_type=item.content_type,
            produced_at=item.produced_at.isoformat() if item.produced_at else None,
            original_name=item.original_name,
            source_format=item.source_format,
            source_duration_s=item.source_duration_s,
            approved_by=item.approved_by,
            approved_at=item.approved_at.isoformat() if item.approved_at else None,
            rejected_reason=item.rejected_reason,
            loudness_lufs=item.loudness_lufs,
            true_peak_dbtp=item.true_peak_dbtp,
            lra=item.lra,
            trim_start_s=item.trim_start_s,
            trim_end_s=item.trim_end_s,
            waveform_points=len(item.waveform or b""),
            warnings=item.warnings or [],
            renditions=[rendition_dict(r) for r in sorted(item.renditions, key=lambda r: (r.format, r.id))],
            text_typed=item.text_typed,
            text_spoken=item.text_spoken,
            composition=item.composition,
        )
    return d


def rendition_dict(r: Rendition) -> dict[str, Any]:
    return {
        "format": r.format,
        "preset": r.preset_key,
        "duration_s": round(r.duration_s, 3),
        "frames": r.frames,
        "size": r.size,
        "loudness_lufs": r.loudness_lufs,
        "true_peak_dbtp": r.true_peak_dbtp,
    }


ListRow = tuple[str, float, str, int, int, date | None, float | None, str]
"""A library list row: title, duration (s), state, field, priority, valid until, loudness (LUFS), language."""


def search_ids(session: Session, **filters: Any) -> list[int]:
    """The ids of the items matching ``filters`` (those of :func:`list_query`), newest first."""
    return list(session.scalars(list_query(**filters).with_only_columns(Item.id)))


def list_rows(session: Session, ids: list[int]) -> dict[int, ListRow]:
    """The list columns of the items ``ids``, by id (ids that are gone are left out)."""
    if not ids:
        return {}
    q = select(Item.id, Item.title, Item.duration_s, Item.state, Item.field, Item.priority, Item.valid_until, Item.loudness_lufs, Item.language).where(
        Item.id.in_(ids)
    )
    return {r[0]: (r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]) for r in session.execute(q)}


def item_preview(session: Session, media: MediaStore, item_id: int) -> dict[str, Any]:
    """Everything the window shows of one item: :func:`item_dict` (full), its waveform peaks and
    ``play_path``, the file a preview plays (the 64k mono rendition when there is one)."""
    it = get_item(session, item_id)
    d = item_dict(it, full=True)
    d["waveform"] = it.waveform
    rend = sorted(it.renditions, key=lambda r: r.format != "mp3-64k-mono")
    relpath = rend[0].path if rend else source_relpath(it.media_sha256 or "", it.media_ext or "bin")
    d["play_path"] = str(media.path(relpath))
    return d
