"""Delivery formats: how an endpoint wants its MP3 (``mp3-64k-mono``, ``mp3-128k-stereo-48k``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import InputRefused
from .i18n import _

MP3_BITRATES = (32, 40, 48, 56, 64, 80, 96, 112, 128)
SAMPLE_RATES = {"22k": 22050, "22.05k": 22050, "44k": 44100, "44.1k": 44100, "48k": 48000}
DEFAULT_FORMAT = "mp3-64k-mono"

_FMT = re.compile(r"^mp3-(\d+)k-(mono|stereo)(?:-([\d.]+k))?$")


@dataclass(frozen=True)
class DeliveryFormat:
    bitrate_kbps: int
    channels: int
    sample_rate: int

    @property
    def name(self) -> str:
        ch = "mono" if self.channels == 1 else "stereo"
        base = f"mp3-{self.bitrate_kbps}k-{ch}"
        if self.sample_rate == 44100:
            return base
        return f"{base}-{ {22050: '22k', 48000: '48k'}[self.sample_rate] }"


def parse_format(text: str) -> DeliveryFormat:
    """Parse a format name; refuse (exit 3) what LoaXa cannot deliver."""
    m = _FMT.match((text or "").strip().lower())
    if not m:
        raise InputRefused(_("--format: '{value}' is not a delivery format; write e.g. mp3-64k-mono or mp3-128k-stereo-48k.", value=text))
    kbps = int(m.group(1))
    if kbps not in MP3_BITRATES:
        raise InputRefused(
            _("--format: MP3 bitrate {kbps} kbps is not offered; choose one of {allowed}.", kbps=kbps, allowed=", ".join(map(str, MP3_BITRATES)))
        )
    rate = SAMPLE_RATES.get(m.group(3) or "44.1k")
    if rate is None:
        raise InputRefused(_("--format: sample rate '{value}' is not offered; choose 22k, 44.1k or 48k.", value=m.group(3)))
    return DeliveryFormat(kbps, 1 if m.group(2) == "mono" else 2, rate)
