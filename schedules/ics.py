"""The plan as an iCalendar file (RFC 5545) that calendar programs open."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from .clock import utcnow
from .i18n import _
from .planner import Plan, PlanInput


def _esc(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, ';' and ',' escaped, every line break (CRLF,
    a bare CR, LF, U+2028/9, NEL) as ``\\n``, other control characters (forbidden there) as a space."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n").replace("\x85", "\n")
    text = "".join(" " if (ord(c) < 0x20 and c not in "\n\t") or ord(c) == 0x7F else c for c in text)
    return text.replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Lines of at most 75 octets, continued with a leading space."""
    out: list[str] = []
    raw = line.encode("utf-8")
    while len(raw) > 75:
        cut = 75
        while cut > 0 and (raw[cut] & 0xC0) == 0x80:  # do not split a UTF-8 sequence
            cut -= 1
        out.append(raw[:cut].decode("utf-8"))
        raw = b" " + raw[cut:]
    out.append(raw.decode("utf-8"))
    return out


def _stamp(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def render_ics(plan: Plan, inp: PlanInput, *, now: datetime | None = None) -> str:
    """The calendar in the reader's language (the priority as words: "Mức ưu tiên: 2 ưu tiên"),
    each event stamped (DTSTAMP) with ``now``, the time of writing (default the machine's)."""
    from .reporting import priority_label

    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//LoaXa//Broadcast plan//VI", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    stamp = _stamp(now or utcnow())
    for o in plan.occurrences:
        if o.status == "cancelled":
            continue
        pl = inp.playlists.get(o.playlist_id)
        ep = inp.endpoints.get(o.endpoint)
        summary = f"{pl.name if pl else o.playlist_id} → {ep.name if ep else o.endpoint}"
        desc = "\n".join([_("Priority: {label}", label=priority_label(o.tier)), *(p.message for p in o.problems), *o.notes])
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_esc(o.key)}@loaxa",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_stamp(o.start_dt)}",
            f"DTEND:{_stamp(o.end_dt if o.end > o.start else o.start_dt)}",
            f"SUMMARY:{_esc(summary)}",
            f"DESCRIPTION:{_esc(desc)}",
            f"LOCATION:{_esc(o.endpoint)}",
            "STATUS:" + ("CONFIRMED" if o.airs else "CANCELLED"),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(part for line in lines for part in _fold(line)) + "\r\n"


def write_ics(path: Path, plan: Plan, inp: PlanInput, *, now: datetime | None = None) -> None:
    """Write :func:`render_ics` to ``path`` (CRLF line ends kept as RFC 5545 wants them)."""
    path.write_text(render_ics(plan, inp, now=now), encoding="utf-8", newline="")
