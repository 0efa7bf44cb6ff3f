"""Holidays of Vietnam: the legal ones, plus days added by hand, and their broadcasting rules.

The legal days off come from the ``holidays`` package's Vietnamese calendar (maintained with the
law: the second day of National Day since 2021, Tết's eve, substitute days for a holiday on a
weekend, the swapped days the government already decided), each given a LoaXa key (in brackets):
Tết Dương lịch [new_year]; Tết Nguyên Đán and its eve [tet] (at least the configured number of
days from lunar 1/1, default 5, computed by schedules.lunar); Giỗ Tổ Hùng Vương [hung_kings]; 30/4
[reunification]; 1/5 [labour_day]; 2/9 and the day beside it [national_day]; Ngày Văn hóa Việt Nam
[culture_day]; substitute and swapped days off [day_off]. Years the package does not cover fall
back to LoaXa's own computation. Swapped days decided after the package's release are added with
``loaxa holidays add DATE --instead-of DATE`` [added:<id>].

A rule says what a holiday means for broadcasting: ``no-broadcast`` (only emergencies air),
``priority-only`` (tiers 1 and 2 air) or ``playlist:ID`` (that playlist airs instead); no rule
means normal broadcasting with the holiday shown in the plan.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import audit
from .errors import InputRefused, NotFound
from .i18n import N_, _, language
from .lunar import lunar_to_solar
from .models import Holiday, HolidayRule, Setting
from .playlists import get_playlist

DEFAULT_TET_DAYS = 5
BUILT_IN = {
    "new_year": N_("New Year's Day"),
    "tet": N_("Lunar New Year (Tết Nguyên Đán)"),
    "hung_kings": N_("Hùng Kings' Commemoration (Giỗ Tổ Hùng Vương)"),
    "reunification": N_("Reunification Day"),
    "labour_day": N_("International Labour Day"),
    "national_day": N_("National Day"),
    "culture_day": N_("Vietnamese Culture Day"),
    "day_off": N_("Day off (substitute or swapped)"),
}
RULES = ("no-broadcast", "priority-only", "playlist")


@dataclass(frozen=True)
class HolidayDay:
    on: date
    key: str  # built-in key or "added:<id>"
    name: str
    kind: str  # solar | lunar | added


def _key_of(english_name: str) -> str:
    """LoaXa's key for a day of the ``holidays`` package, from its English (en_US) name."""
    if "(observed" in english_name or english_name.startswith("Day off"):
        return "day_off"
    for needle, key in (
        ("Lunar New Year", "tet"),
        ("Hung Kings", "hung_kings"),
        ("Reunification", "reunification"),
        ("Labor Day", "labour_day"),
        ("National Day", "national_day"),
        ("Cultural Day", "culture_day"),
        ("New Year's Day", "new_year"),
    ):
        if needle in english_name:
            return key
    return "day_off"


def legal(year: int) -> list[HolidayDay] | None:
    """The legal days off of ``year`` from the ``holidays`` package (None for a year it lacks)."""
    import holidays as legal_calendar  # imported on use: building its registry costs ~50 ms

    english = legal_calendar.country_holidays("VN", years=year, language="en_US")
    if not english:
        return None
    local = legal_calendar.country_holidays("VN", years=year, language="vi" if language() == "vi" else "en_US")
    out = []
    for on, name in sorted(english.items()):
        key = _key_of(name)
        kind = "lunar" if key in ("tet", "hung_kings") and "(observed" not in name else "solar"
        out.append(HolidayDay(on, key, local.get(on, name), kind))
    return out


def built_in(year: int, tet_days: int = DEFAULT_TET_DAYS) -> list[HolidayDay]:
    """The holidays of ``year``: the legal ones, plus the Tết days LoaXa's setting asks for."""
    computed = _computed(year, tet_days)
    days = legal(year)
    if days is None:
        return computed
    # The commune's Tết length (a broadcasting choice) may go beyond the legal days.
    taken = {(h.on, h.key) for h in days}
    days += [h for h in computed if h.key == "tet" and (h.on, h.key) not in taken]
    return sorted(days, key=lambda h: (h.on, h.key))


def _computed(year: int, tet_days: int = DEFAULT_TET_DAYS) -> list[HolidayDay]:
    """LoaXa's own computation (Tết days that fall in ``year``, from either lunar year)."""
    out = [
        HolidayDay(date(year, 1, 1), "new_year", _(BUILT_IN["new_year"]), "solar"),
        HolidayDay(date(year, 4, 30), "reunification", _(BUILT_IN["reunification"]), "solar"),
        HolidayDay(date(year, 5, 1), "labour_day", _(BUILT_IN["labour_day"]), "solar"),
        HolidayDay(date(year, 9, 2), "national_day", _(BUILT_IN["national_day"]), "solar"),
    ]
    hk = lunar_to_solar(10, 3, year)
    if hk:
        out.append(HolidayDay(hk, "hung_kings", _(BUILT_IN["hung_kings"]), "lunar"))
    for ly in (year - 1, year):
        first = lunar_to_solar(1, 1, ly)
        if first is None:
            continue
        for n in range(max(tet_days, 0)):
            d = first + timedelta(days=n)
            if d.year == year:
                out.append(HolidayDay(d, "tet", _(BUILT_IN["tet"]), "lunar"))
    return out


def tet_days(session: Session) -> int:
    s = session.get(Setting, "holidays.tet_days")
    return int(s.value) if s is not None else DEFAULT_TET_DAYS


@dataclass
class HolidayCalendar:
    """Holidays by date and rules by key, for the planner (pure once loaded)."""

    days: dict[date, list[HolidayDay]]
    rules: dict[str, tuple[str, int | None]]  # key -> (rule, playlist id)
    tet_days: int = DEFAULT_TET_DAYS
    _years: set[int] | None = None

    @classmethod
    def load(cls, session: Session) -> HolidayCalendar:
        cal = cls({}, {}, tet_days(session), set())
        for h in session.scalars(select(Holiday)):
            cal.days.setdefault(h.on_date, []).append(HolidayDay(h.on_date, f"added:{h.id}", h.name, "added"))
        for r in session.scalars(select(HolidayRule)):
            cal.rules[r.holiday] = (r.rule, r.playlist_id)
        return cal

    def _ensure(self, year: int) -> None:
        assert self._years is not None
        if year not in self._years:
            self._years.add(year)
            for h in built_in(year, self.tet_days):
                self.days.setdefault(h.on, []).append(h)

    def on(self, d: date) -> list[HolidayDay]:
        self._ensure(d.year)
        return self.days.get(d, [])

    def rule_on(self, d: date) -> tuple[str, int | None, HolidayDay] | None:
        """The strictest rule of the holidays on ``d`` (no-broadcast > priority-only > playlist)."""
        best: tuple[str, int | None, HolidayDay] | None = None
        order = {"no-broadcast": 0, "priority-only": 1, "playlist": 2}
        for h in self.on(d):
            r = self.rules.get(h.key)
            if r and (best is None or order[r[0]] < order[best[0]]):
                best = (r[0], r[1], h)
        return best

    def year(self, year: int) -> list[HolidayDay]:
        self._ensure(year)
        return sorted((h for d, hs in self.days.items() if d.year == year for h in hs), key=lambda h: (h.on, h.key))


def add_holiday(session: Session, on: date, name: str | None, instead_of: date | None = None) -> Holiday:
    """Add a day off; ``instead_of`` is the working day it swaps with (a government decision)."""
    if instead_of is not None:
        if instead_of == on:
            raise InputRefused(_("A swapped day off cannot be swapped with itself."))
        name = (name or "").strip() or _("Day off (swapped with {date})", date=f"{instead_of:%d/%m/%Y}")
    if not (name or "").strip():
        raise InputRefused(_("The holiday needs a name."))
    assert name is not None
    h = Holiday(on_date=on, name=name.strip())
    session.add(h)
    session.flush()
    audit.record(session, "holiday.add", "holiday", h.id, date=on.isoformat(), name=name)
    return h


def resolve_key(session: Session, text: str) -> str:
    """A holiday key from what a person typed: a built-in key, ``added:ID``, or an added date."""
    t = text.strip().lower()
    if t in BUILT_IN:
        return t
    if t.startswith("added:") and t[6:].isdigit():
        if session.get(Holiday, int(t[6:])) is None:
            raise NotFound(_("Holiday '{key}' does not exist (see: loaxa holidays list).", key=text))
        return t
    try:
        d = date.fromisoformat(t)
    except ValueError:
        d = None
    if d is not None:
        h = session.scalars(select(Holiday).where(Holiday.on_date == d)).first()
        if h is not None:
            return f"added:{h.id}"
    raise NotFound(_("Holiday '{key}' does not exist; use one of {keys}, or added:ID (see: loaxa holidays list).", key=text, keys=", ".join(BUILT_IN)))


def set_rule(session: Session, holiday: str, rule_text: str) -> HolidayRule:
    key = resolve_key(session, holiday)
    rule_text = rule_text.strip().lower()
    playlist_id: int | None = None
    if rule_text.startswith("playlist:"):
        arg = rule_text.split(":", 1)[1]
        if not arg.isdigit():
            raise InputRefused(_("Rule 'playlist:{value}' needs a playlist id number.", value=arg))
        playlist_id = get_playlist(session, int(arg)).id
        rule = "playlist"
    elif rule_text in ("no-broadcast", "priority-only"):
        rule = rule_text
    elif rule_text in ("none", "normal"):
        existing = session.get(HolidayRule, key)
        if existing is not None:
            session.delete(existing)
        audit.record(session, "holiday.rule", "holiday", key, rule="none")
        return HolidayRule(holiday=key, rule="none")
    else:
        raise InputRefused(_("Rule '{value}' is not known; use no-broadcast, priority-only, playlist:ID or none.", value=rule_text))
    hr = session.get(HolidayRule, key) or HolidayRule(holiday=key)
    hr.rule, hr.playlist_id = rule, playlist_id
    session.add(hr)
    audit.record(session, "holiday.rule", "holiday", key, rule=rule, playlist=playlist_id)
    return hr


def holiday_dicts(days: Iterable[HolidayDay], rules: dict[str, tuple[str, int | None]]) -> list[dict[str, Any]]:
    out = []
    for h in days:
        r = rules.get(h.key)
        out.append(
            {
                "date": h.on.isoformat(),
                "name": h.name,
                "kind": h.kind,
                "key": h.key,
                "rule": None if r is None else (f"playlist:{r[1]}" if r[0] == "playlist" else r[0]),
            }
        )
    return out
