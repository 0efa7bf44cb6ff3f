"""A house rule enforced: the domain and the engine read the wall clock only through
schedules/clock.py (a ``clock`` or ``now`` parameter whose default is the machine's clock), so a
test can put them at any instant with ``FixedClock``.

What counts as reading the wall clock: ``datetime.now()``, ``datetime.utcnow()``,
``datetime.today()``, ``date.today()`` (however ``datetime`` was imported), ``time.time()`` turned
into a date (inside ``fromtimestamp``/``localtime``/``gmtime``/``ctime``/``strftime``), and
``time.localtime()``/``time.gmtime()``/``time.ctime()`` with no time given. ``time.time()`` compared
with a file's modification time (an age on the file system's own clock) and ``time.monotonic()``
(pacing) are not dates and are left alone."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("schedules", "broadcast")
CLOCK = "schedules/clock.py"
# modules this rule has not reached yet, with how many calls they still hold (a new call fails)
NOT_YET: dict[str, int] = {
    "schedules/reporting.py": 1,  # now or datetime.now(UTC): its owner moves it to clock.utcnow()
}

_CLASS_READS = {"now", "utcnow", "today"}
_DATE_OF = {"fromtimestamp", "utcfromtimestamp", "localtime", "gmtime", "ctime", "strftime"}
_BARE_DATE = {"localtime", "gmtime", "ctime"}


def _bindings(tree: ast.Module) -> dict[str, str]:
    """Local name -> what it is (``datetime``, ``datetime.datetime``, ``datetime.date``,
    ``time``, ``time.time``...), from the module's imports."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name in ("datetime", "time"):
                    names[a.asname or a.name] = a.name
        elif isinstance(node, ast.ImportFrom) and node.module in ("datetime", "time") and node.level == 0:
            for a in node.names:
                names[a.asname or a.name] = f"{node.module}.{a.name}"
    return names


def _dotted(node: ast.expr, names: dict[str, str]) -> str | None:
    """The full name an expression refers to (``datetime.datetime.now``), or None."""
    if isinstance(node, ast.Name):
        return names.get(node.id)
    if isinstance(node, ast.Attribute):
        head = _dotted(node.value, names)
        return f"{head}.{node.attr}" if head else None
    return None


def wall_clock_reads(source: str, filename: str = "<source>") -> list[tuple[int, str]]:
    """(line, what) for every read of the wall clock as a date in ``source``."""
    tree = ast.parse(source, filename)
    names = _bindings(tree)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        full = _dotted(node.func, names)
        if full is None:
            continue
        owner, _dot, attr = full.rpartition(".")
        if owner in ("datetime.datetime", "datetime.date") and attr in _CLASS_READS:
            found.append((node.lineno, full))
        elif full in {f"time.{n}" for n in _BARE_DATE} and not node.args:
            found.append((node.lineno, f"{full}()"))
        elif attr in _DATE_OF and any(isinstance(a, ast.Call) and _dotted(a.func, names) == "time.time" for a in node.args):
            found.append((node.lineno, f"{full}(time.time())"))
    return sorted(found)


def test_only_the_clock_module_reads_the_wall_clock() -> None:
    bad: list[str] = []
    counts: dict[str, int] = {}
    for pkg in SCANNED:
        for f in sorted((ROOT / pkg).rglob("*.py")):
            rel = f.relative_to(ROOT).as_posix()
            if rel == CLOCK:
                continue
            reads = wall_clock_reads(f.read_text(encoding="utf-8"), rel)
            counts[rel] = len(reads)
            if len(reads) > NOT_YET.get(rel, 0):
                bad += [f"{rel}:{ln} calls {what}" for ln, what in reads]
    assert not bad, (
        "read the time through schedules/clock.py (take a `clock: Clock = SYSTEM_CLOCK` or `now: datetime | None` "
        "defaulting to clock.utcnow()):\n" + "\n".join(bad)
    )
    stale = {rel: n for rel, n in NOT_YET.items() if counts.get(rel, 0) < n}
    assert not stale, f"these modules need fewer allowances now (lower or remove them in NOT_YET): {stale}"


def test_the_checker_sees_every_spelling() -> None:
    source = """
import datetime
import datetime as dtm
import time
from datetime import UTC, date, datetime as DT
from time import time as now_s

a = datetime.datetime.now(UTC)
b = dtm.date.today()
c = DT.utcnow()
d = date.today()
e = DT.fromtimestamp(now_s(), UTC)
f = time.localtime()
g = time.strftime("%Y", time.gmtime())
ok1 = time.monotonic()
ok2 = DT.fromtimestamp(12.0, UTC)
ok3 = time.localtime(12.0)
ok4 = time.time() - 5.0  # an age against a file's mtime, not a date
ok5 = DT(2027, 3, 1, tzinfo=UTC).replace(hour=1)
"""
    found = wall_clock_reads(source)
    assert found == [
        (8, "datetime.datetime.now"),
        (9, "datetime.date.today"),
        (10, "datetime.datetime.utcnow"),
        (11, "datetime.date.today"),
        (12, "datetime.datetime.fromtimestamp(time.time())"),
        (13, "time.localtime()"),
        (14, "time.gmtime()"),
    ]
