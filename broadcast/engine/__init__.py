"""The broadcast engine: keeps APScheduler jobs in step with the plan and airs occurrences.

A package whose modules each own one thing:

- :mod:`.service`: the engine process (lease, signals, loops, wiring), :class:`Engine`;
- :mod:`.config`: its settings (defaults, the operator's settings, environment, flags);
- :mod:`.writer`: the one database thread (as-run, endpoint status, command results);
- :mod:`.jobs`: plan sync, APScheduler reconciliation, recovery, :func:`fire_occurrence`;
- :mod:`.dispatch`: occurrences and commands become airings; programmes; the channel registry;
- :mod:`.channel`, :mod:`.lineup`, :mod:`.airing`: one endpoint's connection and frame pump,
  live collisions, and what a channel needs from its host (a clock, zones, an as-run sink);
- :mod:`.upkeep`: proof of delivery, endpoint checks, the daily backup;
- :mod:`.lag`: the event loop's own lag, measured and published.
"""

from __future__ import annotations

from .airing import Airing, ChannelConfig, ChannelHost
from .channel import Channel
from .config import EngineConfig
from .jobs import fire_occurrence
from .service import Engine

__all__ = ["Airing", "Channel", "ChannelConfig", "ChannelHost", "Engine", "EngineConfig", "fire_occurrence"]
