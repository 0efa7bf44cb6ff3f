"""Areas: the administrative tree (province -> district -> commune -> village), any depth.

Time zone and quiet hours are inherited down the tree; an area or endpoint code names one thing
(areas and endpoints share a namespace, so a ``--target`` may name either).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import audit
from .errors import InputRefused, NotFound
from .i18n import _
from .models import Area, Endpoint
from .text import check_text, shown
from .timeutil import DEFAULT_QUIET_HOURS, DEFAULT_TZ, QuietHours, normalise_quiet_hours, parse_quiet_hours, zone

LEVELS = ("province", "city", "district", "commune", "ward", "township", "village", "hamlet", "group", "other")
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def level_label(level: str) -> str:
    """An area level for people (``commune`` is "xã" in Vietnamese); the code stays in JSON."""
    return {
        "province": _("province"),
        "city": _("city"),
        "district": _("district"),
        "commune": _("commune"),
        "ward": _("ward"),
        "township": _("township"),
        "village": _("village"),
        "hamlet": _("hamlet"),
        "group": _("residential group"),
        "other": _("other"),
    }.get(level, level)


def check_code(code: str) -> str:
    if not _CODE.match(code or ""):
        raise InputRefused(_("Code '{code}' is not valid: use letters, digits, '.', '_' or '-' (at most 64), starting with a letter or digit.", code=code))
    return code


def code_in_use(session: Session, code: str) -> bool:
    return session.get(Area, code) is not None or session.get(Endpoint, code) is not None


def get_area(session: Session, code: str) -> Area:
    area = session.get(Area, code)
    if area is None:
        raise NotFound(_("Area '{code}' does not exist (see: loaxa areas list).", code=code))
    return area


def add_area(
    session: Session,
    code: str,
    name: str,
    level: str,
    parent: str | None = None,
    tz: str | None = None,
    quiet_hours: str | None = None,
    languages: str | None = None,
) -> Area:
    """Create an area; refuses a code already used by an area or an endpoint."""
    check_code(code)
    level = (level or "").strip().lower()
    if level not in LEVELS:
        raise InputRefused(_("--level: '{value}' is not a level; choose one of {allowed}.", value=level, allowed=", ".join(LEVELS)))
    if not (name or "").strip():
        raise InputRefused(_("--name: the name must not be empty."))
    name = check_text(name, field="--name", max_len=200)
    if tz is not None:
        zone(tz)
    qh = normalise_quiet_hours(quiet_hours) if quiet_hours is not None else None
    if parent is not None:
        get_area(session, parent)
    if code_in_use(session, code):
        raise InputRefused(_("Code '{code}' is already used by an area or an endpoint.", code=code))
    area = Area(code=code, name=name.strip(), level=level, parent_code=parent, tz=tz, quiet_hours=qh, languages=check_languages(languages))
    session.add(area)
    audit.record(session, "area.add", "area", code, name=name)
    return area


def edit_area(
    session: Session,
    code: str,
    *,
    name: str | None = None,
    tz: str | None = None,
    quiet_hours: str | None = None,
    parent: str | None = None,
    languages: str | None = None,
) -> Area:
    area = get_area(session, code)
    if languages is not None:
        area.languages = None if languages.strip().lower() == "inherit" else check_languages(languages)
    if name is not None:
        if not name.strip():
            raise InputRefused(_("--name: the name must not be empty."))
        area.name = check_text(name, field="--name", max_len=200)
    if tz is not None:
        if tz.lower() == "inherit":
            area.tz = None
        else:
            zone(tz)  # refuses a name that is not a time zone
            area.tz = tz
    if quiet_hours is not None:
        area.quiet_hours = None if quiet_hours.lower() == "inherit" else normalise_quiet_hours(quiet_hours)
    if parent is not None:
        p = get_area(session, parent)
        # refuse cycles: the new parent may not sit beneath this area
        node: Area | None = p
        while node is not None:
            if node.code == code:
                raise InputRefused(_("--parent: '{parent}' lies beneath '{code}'; an area cannot be its own ancestor.", parent=parent, code=code))
            node = node.parent
        area.parent_code = parent
    audit.record(session, "area.edit", "area", code)
    return area


def check_languages(text: str | None) -> str | None:
    """``--languages vi,hmn``: language codes (2 to 16 letters, as items carry them), kept sorted."""
    if text is None or not text.strip():
        return None
    codes = sorted({c.strip().lower() for c in text.split(",") if c.strip()})
    for c in codes:
        if not (2 <= len(c) <= 16 and c.replace("-", "").isalpha() and c.isascii()):
            raise InputRefused(_("--languages: '{value}' is not a language code; give codes such as vi,hmn.", value=shown(c, 40)))
    return ",".join(codes)


@dataclass(frozen=True)
class AreaTree:
    """All areas in memory with inherited settings resolved (cheap: a commune has a few dozen)."""

    areas: dict[str, Area]

    @classmethod
    def load(cls, session: Session) -> AreaTree:
        return cls({a.code: a for a in session.scalars(select(Area))})

    def chain(self, code: str) -> list[Area]:
        out: list[Area] = []
        seen: set[str] = set()
        cur = self.areas.get(code)
        while cur is not None and cur.code not in seen:
            out.append(cur)
            seen.add(cur.code)
            cur = self.areas.get(cur.parent_code) if cur.parent_code else None
        return out

    def tz_name(self, code: str) -> str:
        for a in self.chain(code):
            if a.tz:
                return a.tz
        return DEFAULT_TZ

    def quiet_hours(self, code: str) -> QuietHours | None:
        for a in self.chain(code):
            if a.quiet_hours is not None:
                return parse_quiet_hours(a.quiet_hours)
        return parse_quiet_hours(DEFAULT_QUIET_HOURS)

    def languages(self, code: str) -> frozenset[str]:
        """The languages notices must be heard in here: this area's and every area's above it."""
        return frozenset(lang for a in self.chain(code) for lang in (a.languages or "").split(",") if lang)

    def descendants(self, code: str) -> set[str]:
        """``code`` and every area beneath it."""
        children: dict[str, list[str]] = {}
        for a in self.areas.values():
            if a.parent_code:
                children.setdefault(a.parent_code, []).append(a.code)
        out, todo = set(), [code]
        while todo:
            c = todo.pop()
            if c in out:
                continue
            out.add(c)
            todo.extend(children.get(c, []))
        return out

    def depth_first(self) -> list[tuple[int, Area]]:
        children: dict[str | None, list[Area]] = {}
        for a in self.areas.values():
            parent = a.parent_code if a.parent_code in self.areas else None
            children.setdefault(parent, []).append(a)
        out: list[tuple[int, Area]] = []

        def walk(parent: str | None, depth: int) -> None:
            for a in sorted(children.get(parent, []), key=lambda x: x.code):
                out.append((depth, a))
                walk(a.code, depth + 1)

        walk(None, 0)
        return out


def list_areas(session: Session) -> list[tuple[int, Area]]:
    """Every area with its depth, in tree order."""
    return AreaTree.load(session).depth_first()


def area_dict(area: Area, tree: AreaTree, depth: int = 0) -> dict[str, Any]:
    qh = tree.quiet_hours(area.code)
    return {
        "code": area.code,
        "name": area.name,
        "level": area.level,
        "parent": area.parent_code,
        "depth": depth,
        "tz": tree.tz_name(area.code),
        "tz_inherited": area.tz is None,
        "quiet_hours": str(qh) if qh else "none",
        "quiet_hours_inherited": area.quiet_hours is None,
        "languages": sorted(tree.languages(area.code)),
    }


# ---------------------------------------------------------------------------------------------
# The official list of administrative units (after 1 July 2025: 34 provinces, 3,321 communes and
# wards, with the statistics office's codes), as the ``vietnam-provinces`` package ships it.
# Codes are written without leading zeros, as the package gives them (Tuyên Quang 8, Phường Hà
# Giang 1 694); they are the natural area codes and the HTTTN ``DiaBan`` codes.

_OFFICIAL_LEVELS = {"tỉnh": "province", "thành phố trung ương": "city", "xã": "commune", "phường": "ward", "đặc khu": "other"}


@dataclass(frozen=True)
class OfficialUnit:
    code: str
    name: str
    level: str


def official_provinces() -> list[OfficialUnit]:
    """The provinces and centrally-run cities of the official list, by code."""
    from vietnam_provinces import Province

    out = [OfficialUnit(str(int(p.code)), p.name, _OFFICIAL_LEVELS.get(str(p.division_type.value), "province")) for p in Province.iter_all()]
    return sorted(out, key=lambda u: int(u.code))


def official_units(province_code: str) -> list[OfficialUnit]:
    """The communes, wards and special zones of one province, by code."""
    from vietnam_provinces import Ward

    pc = int(province_code)
    out = [
        OfficialUnit(str(int(w.code)), w.name, _OFFICIAL_LEVELS.get(str(w.division_type.value), "commune"))
        for w in Ward.iter_all()
        if int(w.province_code) == pc
    ]
    return sorted(out, key=lambda u: int(u.code))


def find_province(query: str) -> OfficialUnit:
    """A province by its code (``8``, ``08``) or its name without accents or prefix
    (``tuyen quang``, ``Tuyên Quang``, ``Thành phố Hà Nội``); a name matching several is refused."""
    from .text import fold

    provinces = official_provinces()
    q = (query or "").strip()
    if q.isdigit():
        for p in provinces:
            if int(p.code) == int(q):
                return p
        raise NotFound(_("No province has the code {code} in the official list (see: loaxa areas import --list).", code=q))
    key = fold(q)
    if not key:
        raise InputRefused(_('--province: give a province code or name, e.g. 8 or "Tuyên Quang".'))

    def short(name: str) -> str:
        f = fold(name)
        for prefix in ("thanh pho ", "tinh "):
            if f.startswith(prefix):
                return f[len(prefix) :]
        return f

    exact = [p for p in provinces if key in (fold(p.name), short(p.name))]
    if len(exact) == 1:
        return exact[0]
    partial = [p for p in provinces if key in fold(p.name)]
    if len(partial) == 1:
        return partial[0]
    if not partial:
        raise NotFound(_("No province is called '{name}' in the official list (see: loaxa areas import --list).", name=q))
    raise InputRefused(_("'{name}' matches several provinces ({matches}); give its code.", name=q, matches=", ".join(f"{p.code} {p.name}" for p in partial)))


def import_official(session: Session, province: str, *, actor: str | None = None) -> dict[str, Any]:
    """Create a province and its communes and wards from the official list, with their codes and
    names, in the caller's transaction. Units already present (same code) are kept as they are;
    a code already used by an endpoint, or by an area of another parent, is refused (exit 3)
    before anything is written."""
    prov = find_province(province)
    units = official_units(prov.code)
    existing = {a.code: a for a in session.scalars(select(Area).where(Area.code.in_([prov.code, *[u.code for u in units]])))}
    clashes = set(session.scalars(select(Endpoint.code).where(Endpoint.code.in_([prov.code, *[u.code for u in units]]))))
    if clashes:
        raise InputRefused(
            _("Codes {codes} of the official list are already used by endpoints; rename those endpoints first.", codes=", ".join(sorted(clashes)[:10]))
        )
    for u in units:
        a = existing.get(u.code)
        if a is not None and a.parent_code != prov.code:
            raise InputRefused(
                _(
                    "Area {code} ('{name}') already exists outside province {province}; it cannot also be the official unit '{official}'.",
                    code=u.code,
                    name=a.name,
                    province=prov.code,
                    official=u.name,
                )
            )
    created: list[str] = []
    if prov.code not in existing:
        session.add(Area(code=prov.code, name=prov.name, level=prov.level, parent_code=None))
        created.append(prov.code)
    session.flush()
    for u in units:
        if u.code not in existing:
            session.add(Area(code=u.code, name=u.name, level=u.level, parent_code=prov.code))
            created.append(u.code)
    audit.record(session, "area.import_official", "area", prov.code, actor=actor, name=prov.name, created=len(created))
    return {
        "province": {"code": prov.code, "name": prov.name},
        "units": len(units),
        "created": len(created),
        "kept": len(units) + 1 - len(created),
    }


def target_names(session: Session) -> list[tuple[str, str]]:
    """Everything a schedule can target, as (code, name): the areas by code, then the endpoints."""
    found = [(a.code, a.name) for a in session.scalars(select(Area).order_by(Area.code))]
    return found + [(e.code, e.name) for e in session.scalars(select(Endpoint).order_by(Endpoint.code))]


def quiet_hours_rows(session: Session) -> list[tuple[str, str, str | None, str]]:
    """Every area by code as (code, name, its own quiet hours or None, the quiet hours in force
    there, inherited or own, as text; "none" when there are none)."""
    tree = AreaTree.load(session)
    return [(a.code, a.name, a.quiet_hours, str(tree.quiet_hours(a.code) or "none")) for a in session.scalars(select(Area).order_by(Area.code))]
