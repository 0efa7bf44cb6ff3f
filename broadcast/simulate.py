"""``loaxa simulate``: run a stretch of days through the engine's logic on a simulated clock,
against in-memory or ``file://`` sinks, never touching a real endpoint.

What runs is what the engine runs for each airing: the planner's resolved timeline (the same
collisions, quiet hours, holidays and validity rules), then the programme built from renditions
by ``broadcast.programme`` (items that may not air are left out with their reason, a missing
rendition is found exactly as at air time), then its frames delivered to the sink. Network
faults and relays' upstream streams are not simulated (a relay window is silence, and says so).
``speed`` runs the simulated clock that many times faster than real time; ``None`` (max) runs as
fast as the machine can.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from schedules.i18n import _
from schedules.planner import Occurrence, PlanInput, load_input, plan
from schedules.timeutil import zone
from schedules.workspace import Workspace

from . import programme
from .importer import current_preset


@dataclass
class SimulatedAiring:
    occurrence: Occurrence
    outcome: str
    reason: str | None
    frames: int = 0
    bytes: int = 0
    file: Path | None = None

    def as_dict(self, inp: PlanInput) -> dict[str, Any]:
        d = self.occurrence.as_dict(inp)
        d.update(outcome=self.outcome, reason=self.reason, frames=self.frames, bytes=self.bytes, file=str(self.file) if self.file else None)
        return d


@dataclass
class Simulation:
    inp: PlanInput
    start: datetime
    end: datetime
    airings: list[SimulatedAiring] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0

    def by_day(self) -> Iterator[tuple[str, str, list[SimulatedAiring]]]:
        """(local date, endpoint, airings) in order, for the day-by-day report."""
        groups: dict[tuple[str, str], list[SimulatedAiring]] = {}
        for a in self.airings:
            o = a.occurrence
            ep = self.inp.endpoints.get(o.endpoint)
            day = o.start_dt.astimezone(zone(ep.tz if ep else "UTC")).date().isoformat()
            groups.setdefault((day, o.endpoint), []).append(a)
        for (day, code), items in sorted(groups.items()):
            yield day, code, items


def simulate(
    ws: Workspace,
    start: datetime,
    end: datetime,
    *,
    target: str | None = None,
    speed: float | None = None,
    out_dir: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Simulation:
    """Simulate [start, end); frames go to memory, or to ``out_dir/<endpoint>/`` as MP3 files."""
    t0 = time.perf_counter()
    preset = current_preset(ws).key
    cache = programme.FrameCache()
    with ws.sessions() as s:
        inp = load_input(s, preset_key=None)
        p = plan(inp, start, end, target=target)
        sim = Simulation(inp, start, end, problems=p.problems)
        built: dict[tuple[int, str, Any], programme.Programme] = {}
        wall0 = time.monotonic()
        first = p.occurrences[0].start if p.occurrences else 0.0
        total = len(p.occurrences)
        for n, o in enumerate(p.occurrences, 1):
            if speed is not None and speed > 0:
                due = wall0 + (o.start - first) / speed
                pause = due - time.monotonic()
                if pause > 0:
                    time.sleep(pause)
            sim.airings.append(_air(s, ws, inp, o, preset, cache, built, out_dir))
            if progress:
                progress(n, total)
    sim.seconds = time.perf_counter() - t0
    return sim


def _air(
    s: Any, ws: Workspace, inp: PlanInput, o: Occurrence, preset: str, cache: programme.FrameCache, built: dict[Any, programme.Programme], out_dir: Path | None
) -> SimulatedAiring:
    if o.status == "cancelled":
        return SimulatedAiring(o, "cancelled", "; ".join(o.notes) or None)
    if o.status != "ok":
        return SimulatedAiring(o, "skipped", "; ".join(pr.message for pr in o.problems) or o.resolution)
    ep = inp.endpoints[o.endpoint]
    local_date = o.start_dt.astimezone(zone(ep.tz)).date()
    key = (o.playlist_id, ep.format, local_date)
    prog = built.get(key)
    if prog is None:
        prog = built[key] = programme.build(s, ws.media, cache, fmt_name=ep.format, preset_key=preset, local_date=local_date, playlist_id=o.playlist_id)
    if prog.total_frames == 0:
        return SimulatedAiring(o, "skipped", "; ".join(prog.skipped) or _("nothing to air"))
    first = int(round(o.offset / prog.frame_duration)) if prog.frame_duration else 0
    last = min(prog.total_frames, first + int(round((o.end - o.start) / prog.frame_duration)))
    data = bytearray()
    relays = 0
    for chunk in prog.chunks(first, last):
        if isinstance(chunk, tuple):
            relays += chunk[2]
        else:
            data.extend(chunk)
    reasons = list(prog.skipped)
    if relays:
        reasons.append(_("relay windows are silent in a simulation"))
    path = None
    if out_dir is not None:
        folder = out_dir / o.endpoint
        folder.mkdir(parents=True, exist_ok=True)
        stamp = o.start_dt.astimezone(zone(ep.tz)).strftime("%Y%m%dT%H%M%S%z")
        path = folder / f"{o.endpoint}_{stamp}.mp3"
        path.write_bytes(bytes(data))
    outcome = "partial" if prog.skipped else "completed"
    return SimulatedAiring(o, outcome, "; ".join(reasons) or None, last - first, len(data), path)
