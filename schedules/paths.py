"""Where LoaXa may write: one confinement rule used by everything that writes a file.

LoaXa writes into folders it owns (the media store: sources, renditions, staging; the data
folder) and into folders the user names (a ``file://`` endpoint's folder, a backup file or
folder). Every such path goes through this module before the first byte is written:

- :func:`store_path` turns a stored relative path (``renditions/mp3-64k-mono/x/ab/abc.mp3``) into
  a path **inside** a root, refusing absolute paths, ``..``, back-slashes, drive letters, control
  characters and symbolic links that lead out;
- :func:`check_component` refuses a name that is to become one folder or file name (a loudness
  preset name, a format name);
- :func:`user_folder` checks a folder the user names for LoaXa to write into (not a system
  folder, not the root, not inside the media store, not the data folder itself or one of its
  ancestors);
- :func:`outside_data` refuses a path inside the data folder or the media store (backups).

A refusal is :class:`InputRefused` (exit 3) with a message that names the path.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from .errors import InputRefused
from .i18n import _
from .text import has_control, shown

# names LoaXa itself makes: letters, digits, dot, dash, underscore; never "." or ".."
_COMPONENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
COMPONENT_MAX = 64

# folders no LoaXa output may land in (or below)
_POSIX_SYSTEM = ("/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/libx32", "/proc", "/run", "/sbin", "/sys", "/usr", "/var/lib", "/var/run")
_WINDOWS_SYSTEM_VARS = ("SystemRoot", "windir", "ProgramFiles", "ProgramFiles(x86)", "ProgramData")


def check_component(name: str, *, what: str) -> str:
    """``name`` as one path component LoaXa creates (a preset, a format); InputRefused otherwise."""
    if not isinstance(name, str) or not _COMPONENT.fullmatch(name) or name in (".", ".."):
        raise InputRefused(
            _(
                "{what}: '{name}' cannot be used as a folder name; use 1 to {n} letters, digits, '.', '-' or '_' (starting with a letter or digit).",
                what=what,
                name=shown(str(name)),
                n=COMPONENT_MAX,
            )
        )
    return name


def check_relpath(rel: str, *, what: str = "path") -> PurePosixPath:
    """A stored relative path ("/" separated) that cannot leave its root; InputRefused otherwise."""
    bad = (
        not isinstance(rel, str)
        or not rel
        or len(rel) > 1024
        or has_control(rel)
        or "\\" in rel
        or ":" in rel
        or rel.startswith("/")
        or rel != unicodedata.normalize("NFC", rel)
    )
    parts = PurePosixPath(rel).parts if not bad else ()
    if bad or not parts or any(p in ("", ".", "..") for p in parts) or any(p != p.strip() for p in parts):
        raise InputRefused(_("{what}: '{path}' is not a relative path inside LoaXa's folders.", what=what, path=shown(str(rel))))
    return PurePosixPath(rel)


def store_path(root: Path, rel: str, *, what: str = "path") -> Path:
    """The file ``rel`` (relative, "/" separated) inside ``root``, refused when it would lead
    outside it (``..``, absolute, a symbolic link pointing out)."""
    parts = check_relpath(rel, what=what).parts
    target = Path(root).joinpath(*parts)
    real_root = Path(os.path.realpath(root))
    real = Path(os.path.realpath(target))
    if not _within(real, real_root):
        raise InputRefused(_("{what}: '{path}' leads outside the folder {root}.", what=what, path=shown(rel), root=root))
    return target


def _within(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def is_within(path: Path, root: Path) -> bool:
    """True when ``path`` is ``root`` or below it (both resolved, symbolic links followed)."""
    return _within(Path(os.path.realpath(path)), Path(os.path.realpath(root)))


def system_folders() -> list[Path]:
    """Folders of the operating system no LoaXa output may go into."""
    if sys.platform == "win32":
        out = [Path(os.environ[v]) for v in _WINDOWS_SYSTEM_VARS if os.environ.get(v)]
        return out or [Path("C:/Windows")]
    return [Path(p) for p in _POSIX_SYSTEM]


def user_folder(folder: Path | str, *, what: str, data_dir: Path | None = None, media_root: Path | None = None) -> Path:
    """Check a folder the user names for LoaXa to write files into; returns it as given.

    Refused: a relative path, control characters, the file-system root, a system folder or
    anything below one, the data folder itself or one of its ancestors, the media store or
    anything inside it, an existing path that is not a folder."""
    text = str(folder)
    if not text or has_control(text) or "\x00" in text:
        raise InputRefused(_("{what}: the folder name holds control characters; give a plain folder path.", what=what))
    p = Path(text)
    if not p.is_absolute():
        raise InputRefused(_("{what}: give an absolute folder path, not '{path}'.", what=what, path=shown(text)))
    real = Path(os.path.realpath(p))
    if real == Path(real.anchor) or len(real.parts) < 2:
        raise InputRefused(_("{what}: LoaXa does not write into the top folder {path}; give a folder of its own.", what=what, path=shown(text)))
    for sysdir in system_folders():
        if _within(real, Path(os.path.realpath(sysdir))):
            raise InputRefused(_("{what}: {path} is a system folder; give a folder of its own.", what=what, path=shown(text)))
    home = Path(os.path.realpath(Path.home()))
    if real == home:
        raise InputRefused(_("{what}: give a folder of its own, not the home folder {path}.", what=what, path=shown(text)))
    if media_root is not None and _within(real, Path(os.path.realpath(media_root))):
        raise InputRefused(_("{what}: {path} is inside the media store {media}; give a folder outside it.", what=what, path=shown(text), media=media_root))
    if data_dir is not None:
        real_data = Path(os.path.realpath(data_dir))
        if _within(real_data, real):
            raise InputRefused(_("{what}: {path} holds LoaXa's data folder; give a folder of its own.", what=what, path=shown(text)))
    if p.exists() and not p.is_dir():
        raise InputRefused(_("{what}: '{path}' exists and is not a folder.", what=what, path=shown(text)))
    return p


def outside_data(path: Path | str, *, what: str, data_dir: Path, media_root: Path, db_file: Path | None = None) -> Path:
    """Refuse ``path`` inside the data folder or the media store, or the database file itself
    (a backup written there would overwrite live data or hold the previous backups)."""
    text = str(path)
    if not text or has_control(text):
        raise InputRefused(_("{what}: the file name holds control characters; give a plain path.", what=what))
    p = Path(text).expanduser()
    real = Path(os.path.realpath(p.absolute()))
    for root in (Path(data_dir), Path(media_root)):
        if _within(real, Path(os.path.realpath(root))):
            raise InputRefused(
                _("{what}: {path} is inside LoaXa's data folder ({root}); write it outside, e.g. on a USB stick.", what=what, path=shown(text), root=root)
            )
    if db_file is not None and real == Path(os.path.realpath(db_file)):
        raise InputRefused(_("{what}: {path} is LoaXa's live database; write the backup elsewhere.", what=what, path=shown(text)))
    return p


def first_outside(paths: Iterable[str], root: Path) -> str | None:
    """The first of ``paths`` (stored relative paths) that would leave ``root``, or None."""
    for rel in paths:
        try:
            store_path(root, rel)
        except InputRefused:
            return rel
    return None
