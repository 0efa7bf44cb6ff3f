"""The engine's settings: defaults, the operator's settings in the database, then the
environment (``LOAXA_ENGINE_<FIELD>``) and the command line, each overriding the one before.

The settings an operator sees (``engine.preroll_s``, ``engine.misfire_grace_s``) are read again
whenever the database changes, so a change acts without a restart; a value given on the command
line or in the environment stays fixed for the run (the technician asked for it).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from typing import Any

from schedules import lease

# settings an operator can change (database key -> config field)
OPERATOR_SETTINGS = {"engine.preroll_s": "preroll_s", "engine.misfire_grace_s": "misfire_grace_s", "engine.takeover_s": "lease_stale_s"}
STANDBY_PCS = "engine.standby_pcs"  # PCs (names, comma-separated) whose engine starts as the standby


@dataclass
class EngineConfig:
    preroll_s: float = 5.0
    misfire_grace_s: float = 60.0
    poll_s: float = 0.25
    heartbeat_s: float = lease.HEARTBEAT_S
    lease_stale_s: float = lease.STALE_S
    horizon_s: float = 26 * 3600.0
    replan_every_s: float = 600.0
    missed_lookback_s: float = 24 * 3600.0
    tick_s: float = 0.2
    ahead_s: float = 0.3
    cruise_tick_s: float = 0.4  # the pump's tick while an airing plays on with nothing due (half the socket writes)
    hold_s: float = 15.0
    closing_silence_s: float = 1.0
    retry_first_s: float = 0.0
    retry_fast_s: float = 3.0
    retry_fast_every_s: float = 0.25
    retry_backoff_s: float = 0.5
    retry_cap_s: float = 30.0
    verify_s: float = 3.0  # proof of delivery: listen this long after each start (0: off)
    check_every_s: float = 60.0  # endpoint status checks
    lag_every_s: float = 0.1  # loop lag measurement period
    lag_warn_ms: float = 250.0  # a loop step longer than this is logged as a bug
    backup_check_s: float = 300.0  # how often the daily automatic backup looks whether it is due
    backup_every_s: float = 86400.0  # the automatic backup's period
    backup_quiet_s: float = 300.0  # no automatic backup while on air or this close to an airing
    pinned: set[str] = field(default_factory=set, compare=False)  # fields fixed by env or flags
    base: dict[str, float] = field(default_factory=dict, compare=False)  # values before any setting

    @classmethod
    def from_env(cls, **overrides: Any) -> EngineConfig:
        """Defaults, then ``LOAXA_ENGINE_<FIELD>`` environment values, then ``overrides``
        (command-line flags; None means not given). What these set is pinned for the run."""
        cfg = cls()
        for f in cls.field_names():
            v = os.environ.get(f"LOAXA_ENGINE_{f.upper()}")
            if v:
                setattr(cfg, f, float(v))
                cfg.pinned.add(f)
        for k, v in overrides.items():
            if v is not None:
                setattr(cfg, k, v)
                cfg.pinned.add(k)
        return cfg

    @classmethod
    def field_names(cls) -> list[str]:
        return [f.name for f in fields(cls) if f.name not in ("pinned", "base")]

    def apply_settings(self, stored: dict[str, Any]) -> list[str]:
        """Take the operator's stored settings (database key -> value; a key without a stored
        value goes back to the value the engine started with) for the fields not pinned;
        returns the fields that changed."""
        changed = []
        for key, name in OPERATOR_SETTINGS.items():
            if name in self.pinned:
                continue
            self.base.setdefault(name, getattr(self, name))
            v = stored.get(key)
            value = float(v) if v is not None else self.base[name]
            if value != getattr(self, name):
                setattr(self, name, value)
                changed.append(name)
        return changed
