"""Settings declared once, with type, default and a translatable title; values live in the
database (so the GUI, CLI and engine share them), never widget indexes."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from .errors import InputRefused
from .i18n import N_, _
from .models import Setting


@dataclass(frozen=True)
class Option:
    key: str
    type: type
    default: Any
    title: str  # marked with N_, translated when shown


OPTIONS: dict[str, Option] = {
    o.key: o
    for o in (
        Option("language", str, "vi", N_("Language of the interface")),
        Option("loudness.preset", dict, {}, N_("Loudness preset (target LUFS, true peak, trimming, high-pass)")),
        Option("holidays.tet_days", int, 5, N_("Days of Tết holiday from lunar 1/1")),
        Option("engine.autostart", bool, True, N_("Start the engine with the application")),
        Option("engine.preroll_s", float, 5.0, N_("Seconds to connect before an airing starts")),
        Option("engine.misfire_grace_s", float, 60.0, N_("Seconds an airing may start late after a restart")),
        Option("engine.takeover_s", float, 8.0, N_("Seconds without a heartbeat after which the standby engine takes over")),
        Option("engine.standby_pcs", str, "", N_("PCs whose engine starts as the standby (names, comma-separated)")),
        Option("backup.folder", str, "", N_("Folder for the daily automatic backup (empty: off)")),
        Option("backup.keep", int, 7, N_("Daily backups to keep")),
        Option("supply.same_item_days", int, 14, N_("Warn when a schedule has aired the same items for more than this many days")),
        Option("bundles.keep_approval", bool, True, N_("Keep the issuer's approval on items from trusted bundles")),
        Option("operator.name", str, "", N_("Operator name recorded with approvals and commands")),
        Option("clock.ntp_server", str, "", N_("NTP server to check the clock against (empty: an endpoint server's time)")),
        # limits on what one imported file may cost (checked before the whole file is decoded)
        Option("import.max_duration_s", float, 10800.0, N_("Longest clip that may be imported (seconds)")),
        Option("import.max_decoded_mb", int, 2048, N_("Largest decoded (uncompressed) size of an imported clip (MB)")),
        Option("import.max_seconds", float, 1800.0, N_("Longest time one file may take to import (seconds)")),
        # the province's source information system (HTTTN); the password is never a setting
        Option("httn.url", str, "", N_("Province server (HTTTN) address (empty: not connected)")),
        Option("httn.source_id", str, "", N_("This commune's source id at the province (NguonId)")),
        Option("httn.user", str, "", N_("User name at the province server")),
        Option("httn.cafile", str, "", N_("Certificate authority (PEM) of the province server (empty: the system's)")),
        Option("httn.areas", str, "", N_("Area codes to receive province bulletins for, comma-separated (the first is the commune's own)")),
        Option("httn.approve_emergency", bool, False, N_("Province bulletins of priority 1 arrive approved")),
        Option("httn.profile", dict, {}, N_("The province interface's own paths and formats (see docs/httn.md)")),
        Option("httn.max_download_mb", int, 200, N_("Largest audio file accepted from the province (MB)")),
        Option("httn.retry_max_s", float, 300.0, N_("Longest wait between two attempts to send a message (seconds)")),
        Option("httn.poll_s", float, 60.0, N_("Seconds between two checks for published province bulletins")),
        # speech from text (broadcast.speech) and the Vietnamese normaliser (schedules.speech_text)
        Option("speech.engine", str, "espeak-ng", N_("Speech engine: espeak-ng (always there) or piper (with a voice model file)")),
        Option("speech.voice", str, "vi", N_("espeak-ng voice (vi, vi-vn-x-central, vi-vn-x-south)")),
        Option("speech.rate", int, 150, N_("Speaking rate (words per minute)")),
        Option("speech.piper_model", str, "", N_("Piper voice model file (.onnx, with its .onnx.json beside it; empty: no Piper)")),
        Option("speech.max_chars", int, 5000, N_("Longest text that may be spoken (characters)")),
        Option("speech.abbreviations", dict, {}, N_('The commune\'s own abbreviations and how they are said, e.g. {"KDC": "khu dân cư"}')),
        Option("live.max_s", float, 3600.0, N_("Longest live broadcast from the microphone (seconds); it stops by itself then")),
        # accounts and sign-in (schedules.accounts); changed by an admin only
        Option("accounts.totp_emergency", bool, False, N_("Emergency broadcasts need the approver's one-time code (authenticator app)")),
        Option("accounts.four_eyes", bool, False, N_("Four eyes: nobody approves an item they added or changed themselves")),
        Option("accounts.idle_lock_min", int, 15, N_("Lock the window after this many idle minutes (0: never)")),
        Option("accounts.session_hours", float, 12.0, N_("Hours a command-line sign-in lasts")),
    )
}


def get(session: Session, key: str) -> Any:
    opt = OPTIONS[key]
    row = session.get(Setting, key)
    return opt.default if row is None else row.value


def set_value(session: Session, key: str, value: Any) -> None:
    opt = OPTIONS.get(key)
    if opt is None:
        raise InputRefused(_("Unknown setting '{key}'.", key=key))
    if not isinstance(value, opt.type) and not (opt.type is float and isinstance(value, int)):
        raise InputRefused(_("Setting '{key}' needs a value of type {type}.", key=key, type=opt.type.__name__))
    check(key, value)
    row = session.get(Setting, key)
    before = opt.default if row is None else row.value
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    if before != value:
        from . import audit

        audit.record(session, "setting.set", "setting", key, before=before, after=value)


_TRUE = {"1", "true", "yes", "on", "có", "co", "bật", "bat"}
_FALSE = {"0", "false", "no", "off", "không", "khong", "tắt", "tat"}
_RANGES: dict[str, tuple[float, float]] = {
    "holidays.tet_days": (0, 15),
    "engine.preroll_s": (0, 120),
    "engine.misfire_grace_s": (1, 86400),
    "engine.takeover_s": (7, 600),  # at least two heartbeats (3 s) and a second: fencing needs the margin
    "backup.keep": (1, 3650),
    "supply.same_item_days": (1, 365),
    "import.max_duration_s": (1, 86400),
    "import.max_decoded_mb": (1, 65536),
    "import.max_seconds": (10, 86400),
    "httn.max_download_mb": (1, 4096),
    "httn.retry_max_s": (1, 86400),
    "httn.poll_s": (1, 86400),
    "speech.rate": (80, 450),
    "speech.max_chars": (1, 100_000),
    "live.max_s": (10, 6 * 3600),
    "accounts.idle_lock_min": (0, 24 * 60),
    "accounts.session_hours": (0.05, 24 * 30),
}


def parse_text(key: str, text: str) -> Any:
    """A setting's value from the command line's text, checked; InputRefused names what is wrong."""
    opt = OPTIONS.get(key)
    if opt is None:
        raise InputRefused(_("Unknown setting '{key}'. Known settings: {keys}", key=key, keys=", ".join(OPTIONS)))
    raw = text.strip()
    value: Any
    try:
        if opt.type is bool:
            low = raw.lower()
            if low not in _TRUE | _FALSE:
                raise ValueError(raw)
            value = low in _TRUE
        elif opt.type is int:
            value = int(raw)
        elif opt.type is float:
            value = float(raw.replace(",", "."))
        elif opt.type is dict:
            if len(raw) > 10000:
                raise ValueError(raw[:40])
            value = json.loads(raw) if raw else {}
            if not isinstance(value, dict):
                raise ValueError(raw)
        else:
            value = raw
    except (ValueError, RecursionError):
        kinds = {bool: _("yes or no"), int: _("a whole number"), float: _("a number"), dict: _("a JSON object")}
        from .text import shown

        raise InputRefused(
            _("Setting '{key}' needs {kind}, not '{text}'.", key=key, kind=kinds.get(opt.type, opt.type.__name__), text=shown(text, 80))
        ) from None
    check(key, value)
    return value


_PRESET: dict[str, tuple[type, float, float]] = {
    "name": (str, 0, 0),
    "target_lufs": (float, -40, -5),
    "true_peak_dbtp": (float, -9, 0),
    "trim": (bool, 0, 0),
    "trim_threshold_db": (float, -90, -20),
    "trim_min_s": (float, 0, 10),
    "trim_keep_s": (float, 0, 5),
    "highpass_hz": (float, 0, 1000),
}


PRESET_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}")
TEXT_MAX = 500


def check(key: str, value: Any) -> None:
    """Refuse values a setting cannot take (ranges, the languages there are, texts with control
    characters or longer than 500 characters, preset names that cannot be a folder name)."""
    if isinstance(value, str):
        from .text import has_control, shown

        if has_control(value) or len(value) > TEXT_MAX:
            raise InputRefused(
                _("Setting '{key}' cannot be '{value}': plain text of at most {n} characters, please.", key=key, value=shown(value, 80), n=TEXT_MAX)
            )
    if key == "loudness.preset" and not isinstance(value, dict):
        raise InputRefused(_("Setting 'loudness.preset' needs a JSON object."))
    if key == "language" and value not in ("vi", "en"):
        raise InputRefused(_("Setting 'language' is vi or en, not '{value}'.", value=value))
    lo_hi = _RANGES.get(key)
    if lo_hi is not None and not (lo_hi[0] <= value <= lo_hi[1]):
        raise InputRefused(_("Setting '{key}' must be between {low} and {high}, not {value}.", key=key, low=lo_hi[0], high=lo_hi[1], value=value))
    if key == "speech.engine" and value not in ("espeak-ng", "piper"):
        raise InputRefused(_("Setting 'speech.engine' is espeak-ng or piper, not '{value}'.", value=value))
    if key == "speech.abbreviations":
        from .speech_text import check_abbreviations

        try:
            check_abbreviations(value)
        except ValueError as exc:
            raise InputRefused(
                _(
                    "Setting 'speech.abbreviations' needs an object of abbreviation -> words (no spaces in an abbreviation, at most 40 and 200 characters); '{entry}' is not one.",
                    entry=str(exc),
                )
            ) from None
    if key == "httn.profile":
        from .httn import Profile

        Profile.from_dict(value)
    if key == "loudness.preset" and value:
        for k, v in value.items():
            spec = _PRESET.get(k)
            if spec is None:
                from .text import shown

                raise InputRefused(_("The loudness preset has no field '{field}'. Fields: {fields}", field=shown(str(k), 60), fields=", ".join(_PRESET)))
            kind, lo, hi = spec
            if kind is bool:
                ok = isinstance(v, bool)
            elif kind is str:
                # the name becomes a folder of the media store (renditions/<format>/<name>-<hash>/)
                ok = isinstance(v, str) and bool(PRESET_NAME.fullmatch(v))
            else:
                ok = (v is None and k == "highpass_hz") or (isinstance(v, int | float) and not isinstance(v, bool) and lo <= v <= hi)
            if not ok:
                shown_v = json.dumps(v)[:80] if not isinstance(v, list | dict) else type(v).__name__
                raise InputRefused(_("Loudness preset field '{field}' cannot be {value}.", field=k, value=shown_v))


def reset(session: Session, key: str) -> None:
    """Back to the default value."""
    if key not in OPTIONS:
        raise InputRefused(_("Unknown setting '{key}'.", key=key))
    row = session.get(Setting, key)
    if row is not None:
        session.delete(row)


def all_values(session: Session) -> dict[str, Any]:
    return {k: get(session, k) for k in OPTIONS}
