"""The database: one typed SQLAlchemy 2 model per thing LoaXa keeps.

Instants are stored as UTC (naive in the column, aware in Python); local dates are plain dates in
the zone of the area they belong to. Areas and endpoints share one namespace of string codes; the
other objects have integer ids. The schema itself is created by the Alembic migrations in
``schedules/migrations`` (never by ``create_all`` outside tests of the migrations themselves).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from .clock import utcnow


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in Python, naive UTC in the column (portable to SQLite and PG)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _now() -> datetime:
    return utcnow()  # the machine's clock, through the one module that reads it


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON, list[Any]: JSON}


# Item approval states and content types (DOMAIN.md).
ITEM_STATES = ("draft", "approved", "rejected", "retired")
CONTENT_AUDIO, CONTENT_LIVE, CONTENT_TEXT = 3, 5, 1

# As-run outcomes (ARCHITECTURE.md "Words"); "on_air" while the airing runs.
OUTCOMES = ("completed", "partial", "preempted", "stopped", "interrupted", "skipped", "missed", "failed")
ON_AIR = "on_air"


class Area(Base):
    """A node of the administrative tree: province -> (district) -> commune -> village."""

    __tablename__ = "areas"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(32))
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("areas.code", ondelete="RESTRICT"), index=True)
    tz: Mapped[str | None] = mapped_column(String(64))  # None: inherit from the parent
    quiet_hours: Mapped[str | None] = mapped_column(String(16))  # "HH:MM-HH:MM", "none", None: inherit
    created_at: Mapped[datetime] = mapped_column(default=_now)
    languages: Mapped[str | None] = mapped_column(String(200))  # "vi,hmn": notices needed in these (inherited; migration 0010)

    parent: Mapped[Area | None] = relationship(remote_side=[code], back_populates="children")
    children: Mapped[list[Area]] = relationship(back_populates="parent")
    endpoints: Mapped[list[Endpoint]] = relationship(back_populates="area")


class Endpoint(Base):
    """One Internet-radio stream target (normally an Icecast mount) or an offline file folder."""

    __tablename__ = "endpoints"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    area_code: Mapped[str] = mapped_column(ForeignKey("areas.code", ondelete="RESTRICT"), index=True)
    url: Mapped[str] = mapped_column(Text)  # never holds the password
    password: Mapped[str | None] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(32), default="mp3-64k-mono")
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    preroll_s: Mapped[float | None] = mapped_column(Float)  # None: the engine default
    latency_ms_measured: Mapped[float | None] = mapped_column(Float)
    latency_ms_manual: Mapped[float | None] = mapped_column(Float)
    admin_user: Mapped[str | None] = mapped_column(String(100))
    admin_password: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="unknown")  # unknown|online|offline
    last_seen: Mapped[datetime | None] = mapped_column()
    last_checked: Mapped[datetime | None] = mapped_column()
    last_error: Mapped[str | None] = mapped_column(Text)
    listeners: Mapped[int | None] = mapped_column(Integer)
    listen_url: Mapped[str | None] = mapped_column(Text)  # where receivers listen, e.g. a relay (migration 0009)
    created_at: Mapped[datetime] = mapped_column(default=_now)

    area: Mapped[Area] = relationship(back_populates="endpoints")


class Bundle(Base):
    """A content bundle imported from a province or district (see docs/bundle-format.md)."""

    __tablename__ = "bundles"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    bundle_id: Mapped[str] = mapped_column(String(64), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    issuer_code: Mapped[str] = mapped_column(String(64))
    issuer_name: Mapped[str | None] = mapped_column(String(200))
    key_id: Mapped[str | None] = mapped_column(String(64))
    signed: Mapped[bool] = mapped_column(Boolean, default=False)
    manifest_sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime | None] = mapped_column()
    imported_at: Mapped[datetime] = mapped_column(default=_now)
    state: Mapped[str] = mapped_column(String(16), default="active")  # active|superseded
    report: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    __table_args__ = (UniqueConstraint("bundle_id", "revision"),)


class Item(Base):
    """One piece of content (bản tin): HTTTN vocabulary of DOMAIN.md."""

    __tablename__ = "items"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    summary: Mapped[str | None] = mapped_column(Text)
    field: Mapped[int] = mapped_column(Integer, default=1)  # LinhVuc 1-6
    priority: Mapped[int] = mapped_column(Integer, default=3)  # MucDoUuTien 1-3
    content_type: Mapped[int] = mapped_column(Integer, default=CONTENT_AUDIO)  # LoaiBanTin
    language: Mapped[str] = mapped_column(String(16), default="vi")
    bulletin_key: Mapped[str | None] = mapped_column(String(64), index=True)  # versions of one bulletin share it (migration 0010)
    author: Mapped[str | None] = mapped_column(String(200))
    source: Mapped[str | None] = mapped_column(String(200))
    produced_at: Mapped[datetime | None] = mapped_column()
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    duration_s: Mapped[float] = mapped_column(Float, default=0.0)
    source_duration_s: Mapped[float | None] = mapped_column(Float)
    media_sha256: Mapped[str | None] = mapped_column(String(64), unique=True)
    media_size: Mapped[int | None] = mapped_column(Integer)
    media_ext: Mapped[str | None] = mapped_column(String(16))
    original_name: Mapped[str | None] = mapped_column(String(500))
    source_format: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # codec, rate, channels
    state: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    approved_by: Mapped[str | None] = mapped_column(String(200))
    approved_at: Mapped[datetime | None] = mapped_column()
    rejected_reason: Mapped[str | None] = mapped_column(Text)
    state_changed_at: Mapped[datetime | None] = mapped_column()
    loudness_lufs: Mapped[float | None] = mapped_column(Float)
    true_peak_dbtp: Mapped[float | None] = mapped_column(Float)
    lra: Mapped[float | None] = mapped_column(Float)
    trim_start_s: Mapped[float | None] = mapped_column(Float)  # source seconds cut at the start
    trim_end_s: Mapped[float | None] = mapped_column(Float)  # source seconds cut at the end
    warnings: Mapped[list[Any] | None] = mapped_column(JSON)
    waveform: Mapped[bytes | None] = mapped_column(LargeBinary)
    search_key: Mapped[str] = mapped_column(Text, default="")  # lower case, no accents
    bundle_pk: Mapped[int | None] = mapped_column(ForeignKey("bundles.pk", ondelete="SET NULL"))
    bundle_item_id: Mapped[str | None] = mapped_column(String(200))
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id", ondelete="SET NULL"), index=True)
    # content made in LoaXa (migration 0006): a spoken notice's text, a composed bulletin's recipe
    text_typed: Mapped[str | None] = mapped_column(Text)
    text_spoken: Mapped[str | None] = mapped_column(Text)
    composition: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=_now)
    updated_at: Mapped[datetime] = mapped_column(default=_now, onupdate=_now)

    renditions: Mapped[list[Rendition]] = relationship(back_populates="item", cascade="all, delete-orphan")


class Rendition(Base):
    """An item rendered ahead of time for one delivery format and loudness preset."""

    __tablename__ = "renditions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    format: Mapped[str] = mapped_column(String(32))
    preset_key: Mapped[str] = mapped_column(String(64))
    path: Mapped[str] = mapped_column(Text)  # relative to the media folder, "/" separated
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    duration_s: Mapped[float] = mapped_column(Float)
    frames: Mapped[int] = mapped_column(Integer)
    loudness_lufs: Mapped[float | None] = mapped_column(Float)
    true_peak_dbtp: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(default=_now)

    item: Mapped[Item] = relationship(back_populates="renditions")
    __table_args__ = (UniqueConstraint("item_id", "format", "preset_key"),)


class Playlist(Base):
    __tablename__ = "playlists"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    bundle_pk: Mapped[int | None] = mapped_column(ForeignKey("bundles.pk", ondelete="SET NULL"))
    bundle_playlist_id: Mapped[str | None] = mapped_column(String(200))
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=_now)
    updated_at: Mapped[datetime] = mapped_column(default=_now, onupdate=_now)

    entries: Mapped[list[PlaylistEntry]] = relationship(back_populates="playlist", cascade="all, delete-orphan", order_by="PlaylistEntry.position")


class PlaylistEntry(Base):
    """One step of a playlist: an item, or a relay of an upstream stream for a duration."""

    __tablename__ = "playlist_entries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    playlist_id: Mapped[int] = mapped_column(ForeignKey("playlists.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id", ondelete="RESTRICT"), index=True)
    relay_url: Mapped[str | None] = mapped_column(Text)
    relay_duration_s: Mapped[float | None] = mapped_column(Float)

    playlist: Mapped[Playlist] = relationship(back_populates="entries")
    item: Mapped[Item | None] = relationship()


class Schedule(Base):
    """A rule that airs a playlist at wall-clock times on some days, to endpoints or areas."""

    __tablename__ = "schedules"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str | None] = mapped_column(String(200))
    playlist_id: Mapped[int] = mapped_column(ForeignKey("playlists.id", ondelete="RESTRICT"), index=True)
    mode: Mapped[str] = mapped_column(String(16))  # once|daily|weekly|monthly
    weekdays: Mapped[str | None] = mapped_column(String(40))  # "mon,tue" for weekly
    monthly: Mapped[str | None] = mapped_column(String(20))  # "15", "first-mon", "last-fri"
    once_date: Mapped[date | None] = mapped_column(Date)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    times: Mapped[list[Any]] = mapped_column(JSON)  # ["05:30:00", ...]
    priority: Mapped[int | None] = mapped_column(Integer)  # None: the playlist's most urgent tier
    collision: Mapped[str] = mapped_column(String(20), default="next")  # cut|next|wait:N
    on_preempt: Mapped[str] = mapped_column(String(10), default="resume")  # resume|restart|drop
    repeat: Mapped[int] = mapped_column(Integer, default=1)
    repeat_gap_s: Mapped[float] = mapped_column(Float, default=0.0)
    quiet_override: Mapped[str | None] = mapped_column(Text)  # the reason, when overridden
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    slot_s: Mapped[float | None] = mapped_column(Float)  # the slot's length, for over/under-fill
    bundle_pk: Mapped[int | None] = mapped_column(ForeignKey("bundles.pk", ondelete="SET NULL"))
    bundle_schedule_id: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=_now)
    updated_at: Mapped[datetime] = mapped_column(default=_now, onupdate=_now)

    playlist: Mapped[Playlist] = relationship()
    targets: Mapped[list[ScheduleTarget]] = relationship(cascade="all, delete-orphan", order_by="ScheduleTarget.code")
    exceptions: Mapped[list[ScheduleException]] = relationship(cascade="all, delete-orphan")


class ScheduleTarget(Base):
    """An endpoint or an area (meaning every endpoint beneath it, now and later)."""

    __tablename__ = "schedule_targets"
    schedule_id: Mapped[int] = mapped_column(ForeignKey("schedules.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(64), primary_key=True)


class ScheduleException(Base):
    """A one-off change to a schedule on one local date: skip it, or move it to another time."""

    __tablename__ = "schedule_exceptions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    schedule_id: Mapped[int] = mapped_column(ForeignKey("schedules.id", ondelete="CASCADE"), index=True)
    on_date: Mapped[date] = mapped_column(Date)
    action: Mapped[str] = mapped_column(String(10))  # skip|move
    to_time: Mapped[str | None] = mapped_column(String(8))
    __table_args__ = (UniqueConstraint("schedule_id", "on_date"),)


class Holiday(Base):
    """A day off added by hand (the built-in solar and lunar holidays are computed)."""

    __tablename__ = "holidays"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    on_date: Mapped[date] = mapped_column(Date, index=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=_now)


class HolidayRule(Base):
    """What a holiday means for broadcasting: no-broadcast, priority-only or a special playlist."""

    __tablename__ = "holiday_rules"
    holiday: Mapped[str] = mapped_column(String(64), primary_key=True)  # built-in key or "added:<id>"
    rule: Mapped[str] = mapped_column(String(20))
    playlist_id: Mapped[int | None] = mapped_column(ForeignKey("playlists.id", ondelete="CASCADE"))


class AsRunRecord(Base):
    """One airing: an (occurrence, endpoint) pair, planned vs actual, with its outcome."""

    __tablename__ = "as_run"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    occurrence_key: Mapped[str] = mapped_column(String(200), index=True)
    schedule_id: Mapped[int | None] = mapped_column(Integer, index=True)
    command_id: Mapped[int | None] = mapped_column(Integer)
    endpoint_code: Mapped[str] = mapped_column(String(64))
    playlist_id: Mapped[int | None] = mapped_column(Integer)
    items: Mapped[list[Any]] = mapped_column(JSON, default=list)
    title: Mapped[str | None] = mapped_column(String(500))
    priority: Mapped[int] = mapped_column(Integer, default=3)
    field: Mapped[int | None] = mapped_column(Integer)
    planned_start: Mapped[datetime] = mapped_column()
    planned_end: Mapped[datetime | None] = mapped_column()
    actual_start: Mapped[datetime | None] = mapped_column()
    released_at: Mapped[datetime | None] = mapped_column()  # content released by the source
    ended: Mapped[datetime | None] = mapped_column()
    outcome: Mapped[str] = mapped_column(String(16), default=ON_AIR, index=True)
    reason: Mapped[str | None] = mapped_column(Text)  # in the language the engine wrote it in
    reason_data: Mapped[Any | None] = mapped_column(JSON)  # the same as message ids and values (i18n.encode)
    offset_s: Mapped[float] = mapped_column(Float, default=0.0)  # where in the programme it began
    gap_s: Mapped[float | None] = mapped_column(Float)
    bytes_sent: Mapped[int] = mapped_column(Integer, default=0)
    frames_sent: Mapped[int] = mapped_column(Integer, default=0)
    verified: Mapped[bool | None] = mapped_column(Boolean)
    verify_delay_ms: Mapped[float | None] = mapped_column(Float)
    listeners: Mapped[int | None] = mapped_column(Integer)
    resumes_run: Mapped[int | None] = mapped_column(Integer)  # the preempted run this one resumes
    actor: Mapped[str | None] = mapped_column(String(200))
    pc: Mapped[str | None] = mapped_column(String(200))  # the PC whose engine aired it (migration 0009)
    tally: Mapped[int | None] = mapped_column(SmallInteger)  # what it counts for in reports, set when it closes (reporting_tally; 0011)
    created_at: Mapped[datetime] = mapped_column(default=_now)
    __table_args__ = (
        Index("ix_as_run_planned", "planned_start"),
        Index("ix_as_run_endpoint_planned", "endpoint_code", "planned_start"),
        Index("ix_as_run_outcome_planned", "outcome", "planned_start"),  # reports: the reasons of what did not air
        # reports: the cells in order and every figure in the index (migration 0011; SQLite: it skips
        # through the leading columns, PostgreSQL before 18 cannot and reads by start instead)
        Index("ix_as_run_cells", "endpoint_code", "field", "priority", "planned_start", "tally", "frames_sent", "verified").ddl_if(dialect="sqlite"),
        Index("ix_as_run_unsettled", "planned_start", sqlite_where=text("tally IS NULL"), postgresql_where=text("tally IS NULL")),
        # reports: the reasons of what did not air, in order of start with every column read (0011;
        # on PostgreSQL without the texts: a long reason would exceed its index row size)
        Index(
            "ix_as_run_unaired",
            "planned_start",
            "tally",
            "endpoint_code",
            "field",
            "priority",
            "playlist_id",
            "reason",
            "items",
            "reason_data",
            sqlite_where=text("tally >= 3"),
        ).ddl_if(dialect="sqlite"),
        Index(
            "ix_as_run_unaired",
            "planned_start",
            "tally",
            "endpoint_code",
            "field",
            "priority",
            "playlist_id",
            postgresql_where=text("tally >= 3"),
        ).ddl_if(dialect="postgresql"),
    )


class Campaign(Base):
    """A communication campaign (chiến dịch) that items and playlists can belong to."""

    __tablename__ = "campaigns"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    stage: Mapped[str] = mapped_column(String(16), default="at")  # before|at|after the policy's issuance
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    description: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=_now)


class Feedback(Base):
    """What citizens asked or said about a notice: the other half of the loop."""

    __tablename__ = "feedback"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    received_at: Mapped[datetime] = mapped_column(index=True)
    channel: Mapped[str] = mapped_column(String(16))  # phone|zalo|meeting|letter
    kind: Mapped[str] = mapped_column(String(16))  # question|complaint|suggestion|praise
    area_code: Mapped[str | None] = mapped_column(ForeignKey("areas.code", ondelete="RESTRICT"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id", ondelete="SET NULL"))
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    actor: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=_now)


class EndpointStatusInterval(Base):
    """A span during which an endpoint kept one status (``until`` None: still so)."""

    __tablename__ = "endpoint_status_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    endpoint_code: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))  # online|offline
    since: Mapped[datetime] = mapped_column()
    until: Mapped[datetime | None] = mapped_column()
    error: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (Index("ix_endpoint_status_log_code_until", "endpoint_code", "until"), Index("ix_endpoint_status_log_since", "since"))


class EngineUptime(Base):
    """One run of an engine: from taking the lease to its last heartbeat (or clean release)."""

    __tablename__ = "engine_uptime"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    host: Mapped[str | None] = mapped_column(String(200))
    pid: Mapped[int | None] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(index=True)
    last_beat_at: Mapped[datetime] = mapped_column()
    pc: Mapped[str | None] = mapped_column(String(200))  # the PC's name (migration 0009)
    ended_at: Mapped[datetime | None] = mapped_column()  # None: running, or lost without a release


class Command(Base):
    """A request to the engine through the database: broadcast now, stop, reload."""

    __tablename__ = "commands"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    state: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    created_at: Mapped[datetime] = mapped_column(default=_now)
    created_by: Mapped[str | None] = mapped_column(String(200))
    taken_at: Mapped[datetime | None] = mapped_column()
    finished_at: Mapped[datetime | None] = mapped_column()
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    pc: Mapped[str | None] = mapped_column(String(200))  # the PC it was queued from (migration 0009)


class AuditEntry(Base):
    """Who changed what, when: approvals, overrides, imports, deletions."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(default=_now, index=True)
    actor: Mapped[str | None] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(64))
    object_kind: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[str | None] = mapped_column(String(200))
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    pc: Mapped[str | None] = mapped_column(String(200))  # the PC the change was made on (migration 0009)
    # the hash chain (migration 0008, schedules/audit.py): values before and after a change, whether
    # the row was made before accounts existed (its actor is then a free-text name), the previous
    # row's hash and this row's own (SHA-256 of the previous hash and this row's content)
    before: Mapped[Any | None] = mapped_column(JSON)
    after: Mapped[Any | None] = mapped_column(JSON)
    before_accounts: Mapped[bool] = mapped_column(Boolean, default=False)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    row_hash: Mapped[str | None] = mapped_column(String(64))


class Account(Base):
    """A person who signs in: roles operator, approver, technician, admin (several allowed)."""

    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str | None] = mapped_column(String(200))
    roles: Mapped[list[Any]] = mapped_column(JSON, default=list)
    password_hash: Mapped[str] = mapped_column(Text)  # Argon2id, never the password
    locked: Mapped[bool] = mapped_column(Boolean, default=False)  # locked by an admin
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column()  # after repeated failures
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_last_step: Mapped[int | None] = mapped_column(Integer)  # a code is good once
    last_login_at: Mapped[datetime | None] = mapped_column()
    removed_at: Mapped[datetime | None] = mapped_column()  # kept, so old records still name it
    created_at: Mapped[datetime] = mapped_column(default=_now)


class AccountSession(Base):
    """A sign-in: the token's SHA-256 (never the token), expiring and revocable."""

    __tablename__ = "account_sessions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=_now)
    expires_at: Mapped[datetime] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column()
    pc: Mapped[str | None] = mapped_column(String(200))


class EngineLease(Base):
    """The single row that says which engine airs from this database (renewed by heartbeat)."""

    __tablename__ = "engine_lease"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    holder: Mapped[str | None] = mapped_column(String(200))
    host: Mapped[str | None] = mapped_column(String(200))
    pid: Mapped[int | None] = mapped_column(Integer)
    started_at: Mapped[datetime | None] = mapped_column()
    heartbeat_at: Mapped[datetime | None] = mapped_column()
    released_at: Mapped[datetime | None] = mapped_column()
    info: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    pc: Mapped[str | None] = mapped_column(String(200))  # the active engine's PC (migration 0009)
    standby_pc: Mapped[str | None] = mapped_column(String(200))  # the PC of the standby that waits


class Meta(Base):
    """Counters shared by processes; ``revision`` grows on every change the planner reads."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class SupplyExpectation(Base):
    """Content a commune expects by a time (the district's weekly bundle by Tuesday 14:00)."""

    __tablename__ = "supply_expectations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(200))  # matched in items' source, bundles' issuer
    weekday: Mapped[int | None] = mapped_column(Integer)  # 0 = Monday; None = every day
    by_time: Mapped[str] = mapped_column(String(8))  # "14:00"
    created_at: Mapped[datetime] = mapped_column(default=_now)


class Setting(Base):
    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class TrustedKey(Base):
    """A public key whose signed bundles this commune accepts, for one issuer code."""

    __tablename__ = "trusted_keys"
    key_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    issuer_code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str | None] = mapped_column(String(200))
    public_pem: Mapped[str] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(default=_now)
    revoked_at: Mapped[datetime | None] = mapped_column()


class HttnMessage(Base):
    """One message for the provincial information system (HTTTN), written in the same transaction
    as the change that causes it (a transactional outbox); the sender drains it in order per key."""

    __tablename__ = "httn_outbox"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))  # bantin|huy|lichphat|nhatky|trangthai
    key: Mapped[str] = mapped_column(String(200))  # messages with one key go out in id order
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(16), default="pending")  # pending|sent|failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=_now)
    created_at: Mapped[datetime] = mapped_column(default=_now)
    sent_at: Mapped[datetime | None] = mapped_column()
    http_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (Index("ix_httn_outbox_state_id", "state", "id"), Index("ix_httn_outbox_key_state", "key", "state"))


class HttnFile(Base):
    """An audio file already uploaded to the province (once per hash), with the link it answered."""

    __tablename__ = "httn_files"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    link: Mapped[str] = mapped_column(Text)
    uploaded_at: Mapped[datetime] = mapped_column(default=_now)


class HttnBulletin(Base):
    """A bulletin published by the province and seen by the puller: imported, refused or withdrawn."""

    __tablename__ = "httn_bulletins"
    remote_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    state: Mapped[str] = mapped_column(String(16))  # imported|refused|withdrawn
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id", ondelete="SET NULL"))
    title: Mapped[str | None] = mapped_column(String(500))
    reason: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(default=_now)
    updated_at: Mapped[datetime] = mapped_column(default=_now, onupdate=_now)


class HttnState(Base):
    """The HTTTN adapter's own notes (last success, last error, last pull); not a plan change."""

    __tablename__ = "httn_state"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any | None] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(default=_now, onupdate=_now)


# Changes to these bump the revision counter the engine watches (see db.py).
PLAN_MODELS: tuple[type[Base], ...] = (
    Area,
    Endpoint,
    Item,
    Rendition,
    Playlist,
    PlaylistEntry,
    Schedule,
    ScheduleTarget,
    ScheduleException,
    Holiday,
    HolidayRule,
    Setting,
)
