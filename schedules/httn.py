"""The provincial information system (HTTTN): settings, the profile of the province's interface,
building the messages LoaXa sends and reading the ones it receives, tolerantly.

What stays canonical inside LoaXa (in the outbox): instants as ISO 8601 UTC, durations as seconds,
the source id under ``NguonId``. The profile decides, at the moment of sending, how they are
written for one province (:func:`render`): its paths, seconds or ``HH:MM:SS``, ISO, epoch or
``YYYY-MM-DD HH:mm:ss.ffffff``, ``NguonId`` or ``NguonID``. Reading is tolerant of all of them
(:func:`parse_duration`, :func:`parse_instant`, :func:`field_of`); unknown fields are ignored.

Credentials: the password is kept in the OS keyring (``keyring``) or, when the machine has none, in
a file in the data folder readable by the owner only. It is never written to the database, a log
or JSON output.
"""

from __future__ import annotations

import logging
import os
import re
import stat
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from .errors import InputRefused
from .i18n import _
from .models import Setting
from .timeutil import DEFAULT_TZ, zone

log = logging.getLogger("loaxa.httn")

KINDS = ("bantin", "huy", "lichphat", "nhatky", "tiepnhan", "trangthai")

DEFAULT_PATHS: dict[str, str] = {
    "login": "/login",
    "bantin": "/bantin",
    "huy": "/bantin/huy",
    "lichphat": "/bantin/lichphat",
    "nhatky": "/nhatky",
    "tiepnhan": "/nhatky",
    "trangthai": "/thietbi/trangthai",
    "tep": "/tep",
    "xuatban": "/bantin/xuatban",
    "cumloa_nhatky": "/nhatky/cumloa",  # GET: what clusters playing from a schedule played
    "cumloa_trangthai": "/thietbi/trangthai",  # GET: the province's clusters' status
}

DURATION_STYLES = ("seconds", "hms")
INSTANT_STYLES = ("iso", "epoch", "datetime")
SOURCE_KEYS = ("NguonId", "NguonID")

# LichPhat.CheDoPhat: how a schedule repeats (LoaXa's rule modes)
CHE_DO_PHAT = {"once": 1, "daily": 2, "weekly": 3, "monthly": 4}
# LoaiNhatKy: 1 an airing, 2 the receipt of a province bulletin (accepted or refused)
LOG_AIRING, LOG_RECEIPT = 1, 2

SECRET_SERVICE = "loaxa-httn"
SECRET_FILE = "httn-password"


@dataclass(frozen=True)
class Profile:
    """How one province's server spells the interface (a profile setting maps it)."""

    paths: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_PATHS))
    duration: str = "seconds"
    instant: str = "iso"
    source_key: str = "NguonId"
    tz: str = DEFAULT_TZ  # the zone of the local instants LoaXa writes

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Profile:
        """A profile from the ``httn.profile`` setting; refuses values it cannot use (exit 3)."""
        d = dict(d or {})
        unknown = set(d) - {"paths", "duration", "instant", "source_key", "tz"}
        if unknown:
            raise InputRefused(_("The HTTTN profile has no field '{field}'. Fields: paths, duration, instant, source_key, tz", field=min(unknown)))
        paths = dict(DEFAULT_PATHS)
        for k, v in dict(d.get("paths") or {}).items():
            if k not in DEFAULT_PATHS or not isinstance(v, str) or not v.startswith("/"):
                raise InputRefused(_("HTTTN profile path '{name}' must be one of {names} and start with '/'.", name=k, names=", ".join(DEFAULT_PATHS)))
            paths[k] = v
        duration = str(d.get("duration", "seconds"))
        instant = str(d.get("instant", "iso"))
        source_key = str(d.get("source_key", "NguonId"))
        if duration not in DURATION_STYLES:
            raise InputRefused(_("HTTTN profile: duration is one of {allowed}, not '{value}'.", allowed=", ".join(DURATION_STYLES), value=duration))
        if instant not in INSTANT_STYLES:
            raise InputRefused(_("HTTTN profile: instant is one of {allowed}, not '{value}'.", allowed=", ".join(INSTANT_STYLES), value=instant))
        if source_key not in SOURCE_KEYS:
            raise InputRefused(_("HTTTN profile: source_key is one of {allowed}, not '{value}'.", allowed=", ".join(SOURCE_KEYS), value=source_key))
        tz = str(d.get("tz", DEFAULT_TZ))
        zone(tz)
        return cls(paths, duration, instant, source_key, tz)


@dataclass(frozen=True)
class Config:
    """Everything the adapter needs to talk to the province (the password is not printed)."""

    url: str
    source_id: str
    user: str
    password: str = field(repr=False)
    cafile: str | None
    profile: Profile
    areas: tuple[str, ...]  # DiaBan codes: the first is the commune's own (DiaBanTao)
    approve_emergency: bool = False
    max_download_bytes: int = 200 * 1024 * 1024
    retry_max_s: float = 300.0
    poll_s: float = 60.0

    def endpoint(self, kind: str) -> str:
        return self.url.rstrip("/") + self.profile.paths[kind]


# ---------------------------------------------------------------------------------------------
# Settings


def _setting(session: Session, key: str, default: Any) -> Any:
    row = session.get(Setting, key)
    return default if row is None else row.value


def configured(session: Session) -> bool:
    """Is a province server set up? (The outbox hooks do nothing otherwise.)"""
    return bool(_setting(session, "httn.url", ""))


def check_url(url: str) -> str:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname or parts.username or parts.password:
        raise InputRefused(_("--url: '{url}' is not the address of a province server; write http(s)://HOST[:PORT][/PATH] without a user or password.", url=url))
    return url.strip().rstrip("/")


def check_source_id(value: str) -> str:
    v = (value or "").strip()
    if not re.fullmatch(r"[A-Za-z0-9_.:-]{1,64}", v):
        raise InputRefused(_("--source-id: '{value}' is not a source id (NguonId): letters, digits, '.', '_', ':' or '-', at most 64.", value=value))
    return v


def check_areas(text: str) -> list[str]:
    out = [a.strip() for a in (text or "").split(",") if a.strip()]
    for a in out:
        if not re.fullmatch(r"[A-Za-z0-9_.-]{1,64}", a):
            raise InputRefused(_("--area: '{value}' is not an area code.", value=a))
    return out


def save_settings(session: Session, values: dict[str, Any]) -> None:
    """Write ``httn.*`` settings (already checked) in the caller's transaction."""
    for key, value in values.items():
        row = session.get(Setting, key)
        if row is None:
            session.add(Setting(key=key, value=value))
        else:
            row.value = value


def load_config(session: Session, data_dir: Path) -> Config | None:
    """The adapter's configuration, or None when no province server is set up."""
    url = _setting(session, "httn.url", "")
    if not url:
        return None
    user = _setting(session, "httn.user", "")
    areas = tuple(check_areas(_setting(session, "httn.areas", "")))
    if not areas:
        from .models import Area

        areas = tuple(a.code for a in session.query(Area).filter(Area.parent_code.is_(None)).order_by(Area.code))
    return Config(
        url=url,
        source_id=_setting(session, "httn.source_id", ""),
        user=user,
        password=load_password(data_dir, url, user, store=_setting(session, "httn.secret_store", "file")) or "",
        cafile=_setting(session, "httn.cafile", "") or None,
        profile=Profile.from_dict(_setting(session, "httn.profile", {})),
        areas=areas,
        approve_emergency=bool(_setting(session, "httn.approve_emergency", False)),
        max_download_bytes=int(_setting(session, "httn.max_download_mb", 200)) * 1024 * 1024,
        retry_max_s=float(_setting(session, "httn.retry_max_s", 300.0)),
        poll_s=float(_setting(session, "httn.poll_s", 60.0)),
    )


# ---------------------------------------------------------------------------------------------
# Credentials


def _keyring_usable() -> bool:
    if os.environ.get("LOAXA_HTTN_SECRET") == "file":
        return False
    try:
        import keyring

        return float(getattr(keyring.get_keyring(), "priority", 0)) > 0
    except Exception:  # noqa: BLE001 - a broken keyring backend means: use the file
        return False


def store_password(data_dir: Path, url: str, user: str, password: str) -> str:
    """Keep the password in the keyring, or in an owner-only file; returns which ("keyring"/"file")."""
    if _keyring_usable():
        try:
            import keyring

            keyring.set_password(SECRET_SERVICE, f"{url}|{user}", password)
            secret_path(data_dir).unlink(missing_ok=True)
            return "keyring"
        except Exception as exc:  # noqa: BLE001 - fall back to the file, and say why in the log
            log.warning("keyring refused the HTTTN password (%s); using an owner-only file", type(exc).__name__)
    path = secret_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(password)
    os.replace(tmp, path)
    return "file"


def secret_path(data_dir: Path) -> Path:
    return Path(data_dir) / SECRET_FILE


def load_password(data_dir: Path, url: str, user: str, *, store: str = "file") -> str | None:
    if store == "keyring":
        try:
            import keyring

            return keyring.get_password(SECRET_SERVICE, f"{url}|{user}")
        except Exception as exc:  # noqa: BLE001
            log.error("the HTTTN password cannot be read from the keyring (%s)", type(exc).__name__)
            return None
    path = secret_path(data_dir)
    if not path.is_file():
        return None
    if os.name == "posix" and stat.S_IMODE(path.stat().st_mode) & 0o077:
        log.warning("%s is readable by others; making it owner-only", path)
        path.chmod(0o600)
    return path.read_text(encoding="utf-8")


def read_password_file(path: str) -> str:
    """The password from ``--password-file`` (first line; a file readable by others is refused)."""
    p = Path(path)
    if not p.is_file():
        raise InputRefused(_("--password-file: {path} does not exist.", path=path))
    text = p.read_text(encoding="utf-8").splitlines()
    if not text or not text[0].strip():
        raise InputRefused(_("--password-file: {path} is empty.", path=path))
    return text[0].strip()


# ---------------------------------------------------------------------------------------------
# Tolerant reading

_HMS = re.compile(r"^\s*(\d+):([0-5]?\d):([0-5]?\d(?:\.\d+)?)\s*$")
_DT = re.compile(r"^\s*(?:(\d{4})-(\d{2})-(\d{2})|(\d{2})/(\d{2})/(\d{4}))[ T](\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?\s*$")


def parse_duration(value: Any) -> float | None:
    """ThoiLuong as seconds (number or numeric text) or ``HH:MM:SS``; None when unreadable."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value) if value >= 0 else None
    text = str(value).strip()
    m = _HMS.match(text)
    if m:
        return int(m.group(1)) * 3600 + int(m.group(2)) * 60 + float(m.group(3))
    try:
        v = float(text.replace(",", "."))
    except ValueError:
        return None
    return v if v >= 0 else None


def parse_instant(value: Any, tz: tzinfo | None = None) -> datetime | None:
    """An instant as epoch seconds (or milliseconds), ISO 8601, or ``YYYY-MM-DD HH:mm:ss.ffffff`` /
    ``DD/MM/YYYY HH:mm:ss`` in ``tz`` (default Vietnam's); aware UTC, None when unreadable."""
    tz = tz or zone(DEFAULT_TZ)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float) or (isinstance(value, str) and re.fullmatch(r"\s*\d{9,13}(\.\d+)?\s*", value)):
        v = float(value)
        if v > 1e11:  # milliseconds
            v /= 1000
        try:
            return datetime.fromtimestamp(v, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    m = _DT.match(text)
    if m:
        y, mo, d = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(6), m.group(5), m.group(4))
        frac = (m.group(10) or "0").ljust(6, "0")
        try:
            local = datetime(int(y), int(mo), int(d), int(m.group(7)), int(m.group(8)), int(m.group(9)), int(frac), tzinfo=tz)
        except ValueError:
            return None
        return local.astimezone(UTC)
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=tz)
    return dt.astimezone(UTC)


def parse_day(value: Any, tz: tzinfo | None = None) -> date | None:
    """A date (NgayBatDau / NgayKetThuc): ``YYYY-MM-DD``, ``DD/MM/YYYY`` or any instant."""
    if isinstance(value, str):
        t = value.strip()
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t) or None
        try:
            if m:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            m2 = re.fullmatch(r"(\d{2})/(\d{2})/(\d{4})", t)
            if m2:
                return date(int(m2.group(3)), int(m2.group(2)), int(m2.group(1)))
        except ValueError:
            return None
    inst = parse_instant(value, tz)
    return inst.astimezone(tz or zone(DEFAULT_TZ)).date() if inst else None


def field_of(obj: dict[str, Any], name: str) -> Any:
    """``obj[name]`` whatever the casing the province used (NguonId, NguonID, nguonid)."""
    if name in obj:
        return obj[name]
    low = name.lower()
    for k, v in obj.items():
        if isinstance(k, str) and k.lower() == low:
            return v
    return None


# ---------------------------------------------------------------------------------------------
# Writing for a profile


def format_duration(seconds: float, style: str) -> Any:
    if style == "hms":
        s = round(seconds)
        return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"
    return round(seconds)


def format_instant(iso_utc: str, profile: Profile) -> Any:
    dt = datetime.fromisoformat(iso_utc)
    if profile.instant == "epoch":
        return int(dt.timestamp())
    local = dt.astimezone(zone(profile.tz))
    if profile.instant == "datetime":
        return local.strftime("%Y-%m-%d %H:%M:%S.%f")
    return local.isoformat()


_INSTANT_FIELDS = ("ThoiDiemBatDau",)


def render(kind: str, payload: dict[str, Any], profile: Profile, source_id: str) -> dict[str, Any]:
    """The JSON body for one outbox message as this province wants it (a new dict)."""
    body: dict[str, Any] = {profile.source_key: source_id}
    for k, v in payload.items():
        if k.startswith("_"):
            continue  # LoaXa's own notes (the media to upload)
        body[k] = v
    if "ThoiLuong" in body and isinstance(body["ThoiLuong"], int | float):
        body["ThoiLuong"] = format_duration(float(body["ThoiLuong"]), profile.duration)
    if kind in ("nhatky", "tiepnhan"):
        for f in _INSTANT_FIELDS:
            if isinstance(body.get(f), str):
                body[f] = format_instant(body[f], profile)
    return body


def iso_utc(dt: datetime) -> str:
    return dt.astimezone(UTC).isoformat()


def cluster_of(url: str) -> str | None:
    """The cluster id of an ``httn://CLUSTER-ID`` endpoint URL (None for other endpoints)."""
    return url[len("httn://") :].rstrip("/") if url.lower().startswith("httn://") else None


def backoff_s(attempts: int, cap: float) -> float:
    """Seconds to wait before attempt ``attempts + 1``: 1, 2, 4, ... up to ``cap``."""
    return float(min(cap, 2 ** max(0, attempts - 1)))


def weekday_codes(days: str | None) -> list[int]:
    """Weekdays as Vietnamese numbering (Thứ 2 = 2 ... Thứ 7 = 7, Chủ nhật = 8)."""
    from .rules import parse_weekday

    return sorted({parse_weekday(d) + 2 for d in (days or "").split(",") if d.strip()})


def later(dt: datetime, seconds: float) -> datetime:
    return dt + timedelta(seconds=seconds)
