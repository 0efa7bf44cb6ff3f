"""Every command's text output in Vietnamese has no untranslated English word (the words a
commune operator reported, and their kin). Leaks in files other tasks own are strict xfails:
when they are fixed the mark must go."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli, clone

# English words that must not reach a Vietnamese reader (whole words, any case).
ENGLISH = (
    "daily",
    "weekly",
    "monthly",
    "once",
    "commune",
    "province",
    "district",
    "village",
    "active",
    "completed",
    "partial",
    "approved",
    "draft",
    "rejected",
    "retired",
    "enabled",
    "disabled",
    "priority",
    "normal",
    "emergency",
    "none",
    "yes",
    "no",
    "true",
    "false",
    "never",
    "unknown",
    "online",
    "offline",
    "missed",
    "failed",
    "title",
    "duration",
    "state",
    "source",
    "playlist",
    "schedule",
    "endpoint",
    "holiday",
    "solar",
    "lunar",
    "added",
    "cancelled",
    "skipped",
    "excluded",
    "encrypted",
)
_WORD = re.compile(r"\b(" + "|".join(ENGLISH) + r")\b", re.IGNORECASE)
_NOT_PROSE = re.compile(r"\S*(?:/|://|\\\\|_|=)\S*")  # paths, URLs, identifiers, key=value


def leaks(text: str) -> list[str]:
    return sorted({m.group(1).lower() for m in _WORD.finditer(_NOT_PROSE.sub(" ", text))})


def build(cli: Cli, make_audio: Callable[..., Path], tmp_path: Path) -> None:
    from tests.support.commune import build_commune

    build_commune(cli, make_audio, tmp_path)
    cli.ok("schedules", "add", "--playlist", "1", "--target", "X1", "--times", "06:00", "--days", "daily", "--name", "Sáng")
    cli.ok("holidays", "rule", "national_day", "no-broadcast")
    cli.ok("supply", "add", "Bản tin tuần", "--source", "Huyện", "--by", "00:01")
    from schedules.models import AsRunRecord
    from schedules.workspace import Workspace

    ws = Workspace.open(cli.data_dir)
    with ws.session() as s:
        t = datetime(2027, 2, 28, 23, 0, tzinfo=UTC)
        s.add(
            AsRunRecord(
                occurrence_key="k", schedule_id=1, endpoint_code="loa1", items=[1], title="Tin", planned_start=t, actual_start=t, ended=t, outcome="completed"
            )
        )
    ws.close()


@pytest.fixture
def station(cli: Cli, data_template: Any) -> Cli:
    return clone(data_template("vietnamese-walk", build), cli)


COMMANDS: list[Any] = [
    ("areas", "list"),
    ("settings", "list"),
    ("endpoints", "list"),
    ("clips", "list"),
    ("clips", "show", "1"),
    ("playlists", "list"),
    ("playlists", "show", "1"),
    ("schedules", "list"),
    ("holidays", "list", "--year", "2027"),
    ("plan", "--from", "2027-03-01", "--until", "2027-03-02"),
    ("runs", "list", "--from", "2027-03-01"),
    ("status",),
    ("keys", "list"),
    ("bundle", "list"),
    ("campaigns", "list"),
    ("feedback", "list"),
    ("supply", "list"),
    ("check",),
]


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(c.values[0] if hasattr(c, "values") else c) for c in COMMANDS])
def test_every_command_speaks_vietnamese(station: Cli, args: tuple[str, ...]) -> None:
    r = station("--lang", "vi", *args)
    assert r.code in (0, 5, 6) if args == ("check",) else r.code in (0, 6), r.stderr  # check: 5 for no engine
    assert leaks(r.stdout + r.stderr) == [], r.stdout
