"""The domain of LoaXa and its storage: areas, endpoints, items, playlists, schedules, the
planner, as-run records, bundles and reports. Pure Python and SQLAlchemy: no Qt, no network,
no audio (see docs/architecture.md)."""
