"""Settings declared once, with type, default and a translatable title; values live in the
database (so the GUI, CLI and engine share them), never widget indexes."""

from __future__ import annotations

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
        Option("backup.folder", str, "", N_("Folder for the daily automatic backup (empty: off)")),
        Option("backup.keep", int, 7, N_("Daily backups to keep")),
        Option("bundles.keep_approval", bool, True, N_("Keep the issuer's approval on items from trusted bundles")),
        Option("operator.name", str, "", N_("Operator name recorded with approvals and commands")),
        Option("clock.ntp_server", str, "", N_("NTP server to check the clock against (empty: an endpoint server's time)")),
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
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def all_values(session: Session) -> dict[str, Any]:
    return {k: get(session, k) for k in OPTIONS}
