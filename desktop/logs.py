"""Logging: named loggers per subsystem, a rotating file in the data folder's ``logs``."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d:%(threadName)s] %(message)s"


def setup(log_dir: Path, *, name: str = "loaxa", stderr_level: int | None = None) -> Path:
    """Send the ``loaxa`` loggers to ``log_dir/<name>.log`` (rotating) and optionally stderr."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / f"{name}.log"
    root = logging.getLogger("loaxa")
    root.setLevel(logging.DEBUG)
    for h in list(root.handlers):
        root.removeHandler(h)
        h.close()
    fh = logging.handlers.RotatingFileHandler(path, maxBytes=5 * 1024 * 1024, backupCount=5, encoding="utf-8", delay=True)
    fh.setLevel(logging.INFO)
    fh.setFormatter(logging.Formatter(LOG_FORMAT))
    root.addHandler(fh)
    if stderr_level is not None:
        sh = logging.StreamHandler()
        sh.setLevel(stderr_level)
        sh.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(sh)
    root.propagate = False
    return path
