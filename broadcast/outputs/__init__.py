"""Outputs: one interface, several adapters (offline file folder, memory, Icecast source)."""

from __future__ import annotations

from schedules.endpoints import parse_url

from .base import Output, OutputError
from .file import FileOutput
from .memory import MemoryOutput


def make_output(code: str, url: str, *, name: str = "", description: str = "") -> Output:
    """The output adapter for an endpoint URL (the password, if any, is inside ``url``)."""
    u = parse_url(url)
    if u.scheme == "file":
        return FileOutput(code, u.folder())
    if u.scheme == "memory":
        return MemoryOutput(code)
    if u.scheme == "soundcard":  # the PC's sound output (outputs/soundcard.py): PulseAudio or PortAudio
        from .soundcard import soundcard_output

        return soundcard_output(code, u.path, u.backend)
    if u.scheme == "httn":
        raise OutputError(f"{code}: an httn:// cluster plays from the province's schedule; nothing is streamed to it", retry=False, kind="httn")
    from urllib.parse import urlsplit

    from .icecast import IcecastOutput

    return IcecastOutput(code, u, name=name, description=description, query=urlsplit(url).query)


__all__ = ["Output", "OutputError", "FileOutput", "MemoryOutput", "make_output"]
