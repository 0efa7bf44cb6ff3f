"""Where LoaXa's data lives and how to open it: the data folder, the database, the media store.

Resolution order for each: the explicit argument (``--data-dir``, ``--db``, ``--media-dir``), the
environment (``LOAXA_DATA_DIR``, ``LOAXA_DB``, ``LOAXA_MEDIA_DIR``), then the defaults: the user data
folder given by platformdirs, ``loaxa.db`` inside it, ``media/`` inside it.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from . import db
from .folders import APP_NAME, cache_dir_for, default_data_dir, log_dir_for
from .media import MediaStore

__all__ = ["APP_NAME", "Workspace", "cache_dir_for", "default_data_dir", "log_dir_for"]


DB_URL_FILE = "database.url"  # the data folder's database URL, password and all: readable by the owner only


def stored_db_url(data_dir: Path) -> str | None:
    """The database URL kept in the data folder (``loaxa service install --db`` writes it), so that
    a service's command line, which any user of the PC can list, holds no password."""
    f = data_dir / DB_URL_FILE
    if not f.is_file():
        return None
    return f.read_text(encoding="utf-8").strip() or None


def store_db_url(data_dir: Path, url: str) -> Path:
    """Keep ``url`` as the data folder's database (a file only its owner can read)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    f = data_dir / DB_URL_FILE
    tmp = f.with_name(f.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(url + "\n")
    os.replace(tmp, f)
    return f


@dataclass
class Workspace:
    """An opened LoaXa data set: database engine, session factory, media store, folders."""

    data_dir: Path
    db_url: str
    media: MediaStore
    engine: Engine
    sessions: sessionmaker[Session]

    @classmethod
    def open(
        cls,
        data_dir: str | Path | None = None,
        db_url: str | None = None,
        media_dir: str | Path | None = None,
        *,
        migrate: bool = True,
    ) -> Workspace:
        """Open (creating folders and schema as needed) the workspace the arguments describe."""
        ddir = Path(data_dir or os.environ.get("LOAXA_DATA_DIR") or default_data_dir()).expanduser().resolve()
        if not ddir.exists():
            ddir.mkdir(parents=True, mode=0o700)  # it holds the database and secrets: the owner's only
        given = db_url or os.environ.get("LOAXA_DB") or stored_db_url(ddir)
        url = given or f"sqlite:///{(ddir / 'loaxa.db').as_posix()}"
        db_file = ddir / "loaxa.db"
        new_db = not given and not db_file.exists()
        mdir = Path(media_dir or os.environ.get("LOAXA_MEDIA_DIR") or ddir / "media").expanduser().resolve()
        mdir.mkdir(parents=True, exist_ok=True)
        engine = db.make_engine(url)
        if migrate:
            db.migrate(engine)
        if db_file.exists() and os.name == "posix":
            db_files = [db_file, ddir / "loaxa.db-wal", ddir / "loaxa.db-shm"]
            if new_db:  # the owner's only
                for f in db_files:
                    if f.exists():
                        f.chmod(0o600)
            else:
                _not_for_others(ddir, db_files)
        sessions = db.make_sessionmaker(engine)
        from . import sites

        sites.attach(sessions, sites.pc_name(ddir))  # records say which PC they came from
        return cls(ddir, url, MediaStore(mdir), engine, sessions)

    @property
    def pc_name(self) -> str:
        """This PC's name (``schedules.sites``): shown in status, the audit log and the lease."""
        from . import sites

        return str(self.sessions.kw.get("info", {}).get("pc") or sites.pc_name(self.data_dir))

    @property
    def log_dir(self) -> Path:
        return log_dir_for(self.data_dir)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed at the end of the block, rolled back on error."""
        with self.sessions() as s, s.begin():
            yield s

    def close(self) -> None:
        self.engine.dispose()


def _not_for_others(ddir: Path, files: list[Path]) -> None:
    """The data folder and the database hold source passwords: not for every user of the PC. A
    data folder made by an older LoaXa (0755, a 0644 database) loses the others' access when opened,
    once, and says so; group access stays (a service account may share it on purpose)."""
    tightened: list[str] = []
    for path in [ddir, *files]:
        try:
            st = path.stat()
            if st.st_uid == os.geteuid() and st.st_mode & 0o007:
                path.chmod(stat.S_IMODE(st.st_mode) & ~0o007)
                tightened.append(path.name)
        except OSError:
            continue  # not ours to change, or gone: nothing to do
    if tightened:
        logging.getLogger("loaxa.db").info("made %s readable by their owner only (they hold passwords)", ", ".join(tightened))
