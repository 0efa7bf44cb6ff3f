"""The platform's folders for LoaXa (platformdirs), without the database layer (the window
imports this before its first paint)."""

from __future__ import annotations

from pathlib import Path

APP_NAME = "LoaXa"


def default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def _is_default(data_dir: Path) -> bool:
    return Path(data_dir).expanduser().resolve() == default_data_dir().expanduser().resolve()


def log_dir_for(data_dir: Path) -> Path:
    """Where logs go: the platform's user log folder for the default data folder (platformdirs:
    ~/.local/state/LoaXa/log, %LOCALAPPDATA%\\LoaXa\\Logs); a data folder given with --data-dir
    keeps its logs beside it (DATA/logs), so that a portable or district folder is self-contained."""
    import platformdirs

    if _is_default(data_dir):
        return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
    return Path(data_dir) / "logs"


def cache_dir_for(data_dir: Path | None = None) -> Path:
    """Where rebuildable files go (compiled translations): the platform's user cache folder for
    the default data folder, DATA/cache for one given with --data-dir."""
    import platformdirs

    if data_dir is None or _is_default(data_dir):
        return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    return Path(data_dir) / "cache"
