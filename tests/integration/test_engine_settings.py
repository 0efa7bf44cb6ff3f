"""The running engine reads the operator's settings and applies a change without a restart; a
value given on the command line (or in the environment) stays fixed for the run."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from broadcast.engine import EngineConfig
from schedules import settings
from schedules.workspace import Workspace
from tests.conftest import wait_until
from tests.support.onair import add_items, commune, engine_running, schedule_at


def _job_fires_at(eng: object, key_part: str) -> datetime | None:
    scheduler = eng.jobs.scheduler  # type: ignore[attr-defined]
    if scheduler is None:  # the engine's thread has not started its scheduler yet (a loaded machine)
        return None
    jobs = scheduler.get_jobs()
    return next((j.next_run_time for j in jobs if j.id.startswith(key_part)), None)


def test_preroll_and_misfire_grace_act_at_once(ws: Workspace, tmp_path: Path) -> None:
    commune(ws, ("loa1", (tmp_path / "out").as_uri()))
    ids = add_items(ws, tmp_path, (2.0, 440))
    t0 = (datetime.now(UTC) + timedelta(seconds=120)).replace(microsecond=0)
    sid = schedule_at(ws, ids, "loa1", t0)
    with engine_running(ws, preroll_s=5.0, misfire_grace_s=60.0) as eng:
        assert wait_until(lambda: _job_fires_at(eng, f"s{sid}:") is not None, 20), [j.id for j in eng.jobs.scheduler.get_jobs()]  # type: ignore[union-attr]
        before = _job_fires_at(eng, f"s{sid}:")
        assert before is not None and abs((t0 - before).total_seconds() - 5.5) < 0.01
        with ws.session() as s:
            settings.set_value(s, "engine.preroll_s", 20.0)
            settings.set_value(s, "engine.misfire_grace_s", 7.0)
        assert wait_until(lambda: eng.cfg.preroll_s == 20.0 and eng.cfg.misfire_grace_s == 7.0, 20), "the engine did not take the new settings"

        def moved() -> bool:  # the settings are taken, then the jobs moved (off the loop, a moment later)
            fires = _job_fires_at(eng, f"s{sid}:")
            job = next(j for j in eng.jobs.scheduler.get_jobs() if j.id.startswith(f"s{sid}:"))  # type: ignore[union-attr]
            return fires is not None and abs((t0 - fires).total_seconds() - 20.5) < 0.01 and job.misfire_grace_time == 7

        assert wait_until(moved, 20), "the job must move to the new pre-roll and grace"
        with ws.session() as s:
            settings.reset(s, "engine.preroll_s")
        assert wait_until(lambda: eng.cfg.preroll_s == 5.0, 20), "a reset setting goes back to the value the engine started with"


def test_a_value_from_the_command_line_is_not_overridden(ws: Workspace, monkeypatch: object) -> None:
    cfg = EngineConfig.from_env(preroll_s=3.0, misfire_grace_s=None)
    changed = cfg.apply_settings({"engine.preroll_s": 20.0, "engine.misfire_grace_s": 9.0})
    assert cfg.preroll_s == 3.0 and cfg.misfire_grace_s == 9.0 and changed == ["misfire_grace_s"]
