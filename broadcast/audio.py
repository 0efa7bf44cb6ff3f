"""The audio pipeline: probe what came in, measure it, render it for delivery, once, at import.

- :func:`probe` reads container, codec, rate, channels and duration with ffmpeg alone (the
  imageio-ffmpeg wheel has no ffprobe).
- :func:`analyse` decodes once: EBU R128 integrated loudness, loudness range and true peak
  (ffmpeg ``ebur128``), leading/trailing silence, clipping, and waveform peaks for the GUI.
- :func:`render` makes a rendition: trim silence, optional high-pass, a static gain to the target
  loudness, a peak limiter for the true-peak ceiling, resample, encode MP3; then it measures the
  result like an outside tool would and corrects the gain once when it missed the target.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
import subprocess
import warnings
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from schedules.errors import InputRefused
from schedules.formats import DeliveryFormat
from schedules.i18n import _
from schedules.paths import check_component

from . import ffmpeg
from .mp3 import FrameIndex

with warnings.catch_warnings():
    # audioop is deprecated on 3.11-3.12 (PEP 594) and provided by audioop-lts on 3.13+; pydub
    # uses it too. Its C loops are what keep waveform and silence scans fast without numpy.
    warnings.simplefilter("ignore", DeprecationWarning)
    import audioop

log = logging.getLogger("loaxa.audio")

ANALYSIS_RATE = 8000  # Hz, mono, for silence and waveform
WAVEFORM_POINTS = 4000
SILENT_LUFS = -60.0


class AudioError(InputRefused):
    """A file LoaXa cannot use as audio (exit 3)."""


@dataclass(frozen=True)
class Preset:
    """The loudness and clean-up preset (the speech preset by default)."""

    name: str = "speech"
    target_lufs: float = -16.0
    true_peak_dbtp: float = -1.5
    trim: bool = True
    trim_threshold_db: float = -50.0
    trim_min_s: float = 0.3  # shorter silences at the ends are kept
    trim_keep_s: float = 0.05  # silence left before the first / after the last sound
    highpass_hz: float | None = None  # e.g. 120 for horn loudspeakers

    @property
    def key(self) -> str:
        """Short id of the parameters: renditions are cached by (content, format, this)."""
        blob = json.dumps(asdict(self), sort_keys=True).encode()
        return f"{self.name}-{hashlib.sha1(blob).hexdigest()[:8]}"

    @classmethod
    def from_dict(cls, d: dict[str, object] | None) -> Preset:
        if not d:
            return cls()
        known = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        preset = cls(**known)  # type: ignore[arg-type]
        check_component(preset.key, what="loudness.preset")  # its key names a folder of the store
        return preset


@dataclass(frozen=True)
class Probe:
    container: str
    codec: str
    sample_rate: int
    channels: int
    duration_s: float | None
    bitrate_kbps: int | None


@dataclass
class Analysis:
    integrated_lufs: float  # the file as it is (stereo measured as stereo), as any R128 meter reads it
    lra: float
    true_peak_dbtp: float
    duration_s: float
    lead_silence_s: float
    trail_silence_s: float
    clipped_samples: int
    waveform: bytes  # WAVEFORM_POINTS unsigned bytes, peak per bucket, 0..255
    decode_errors: int
    mono_lufs: float = 0.0  # the mono downmix, which is what a mono rendition starts from
    mono_tp: float = 0.0

    @property
    def silent(self) -> bool:
        return self.mono_lufs <= SILENT_LUFS or math.isinf(self.mono_lufs)

    def trim_window(self, preset: Preset) -> tuple[float, float]:
        """(start, end) seconds of the source to keep."""
        if not preset.trim or self.silent:
            return 0.0, self.duration_s
        lead = self.lead_silence_s if self.lead_silence_s >= preset.trim_min_s else 0.0
        trail = self.trail_silence_s if self.trail_silence_s >= preset.trim_min_s else 0.0
        start = max(0.0, lead - preset.trim_keep_s) if lead else 0.0
        end = min(self.duration_s, self.duration_s - trail + preset.trim_keep_s) if trail else self.duration_s
        if end - start < 0.1:
            return 0.0, self.duration_s
        return start, end


@dataclass(frozen=True)
class Rendered:
    path: Path
    duration_s: float  # as aired: audio frames x frame duration
    frames: int
    loudness_lufs: float
    true_peak_dbtp: float
    gain_db: float


_DURATION = re.compile(r"Duration: (\d+):(\d+):(\d+(?:\.\d+)?)")
_INPUT = re.compile(r"Input #0, ([^,]+(?:,[^,]+)*?), from")
_AUDIO = re.compile(r"Stream #0:(\d+)(?:\[[^\]]*\])?(?:\([^)]*\))?: Audio: ([^,\s]+)[^,]*, (\d+) Hz, ([^,]+)")
_BITRATE = re.compile(r"bitrate: (\d+) kb/s")


def _hms(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


def _channels(layout: str) -> int:
    layout = layout.strip()
    m = re.match(r"(\d+) channels", layout)
    if m:
        return int(m.group(1))
    if layout.startswith("mono"):
        return 1
    if layout.startswith("stereo") or layout.startswith("2"):
        return 2
    m = re.match(r"(\d+)\.(\d+)", layout)
    return int(m.group(1)) + int(m.group(2)) if m else 2


def probe(path: Path) -> Probe:
    """What ``path`` holds; refuses (exit 3) anything without a decodable audio stream."""
    res = ffmpeg.run(["-i", ffmpeg.as_input(path)], timeout=60)
    err = res.stderr.decode("utf-8", "replace")
    m = _AUDIO.search(err)
    if "Invalid data found" in err or m is None:
        raise AudioError(_("'{name}' is not an audio file LoaXa can read.", name=path.name), kind="not_audio")
    d = _DURATION.search(err)
    duration = None
    if d:
        duration = int(d.group(1)) * 3600 + int(d.group(2)) * 60 + float(d.group(3))
    b = _BITRATE.search(err)
    cont = _INPUT.search(err)
    return Probe(
        cont.group(1) if cont else "?",
        m.group(2),
        int(m.group(3)),
        _channels(m.group(4)),
        duration,
        int(b.group(1)) if b else None,
    )


_EBU_I = re.compile(r"Integrated loudness:\s*\n\s*I:\s*(-?[\d.]+|-inf) LUFS")
_EBU_LRA = re.compile(r"Loudness range:\s*\n\s*LRA:\s*(-?[\d.]+) LU")
_EBU_TP = re.compile(r"True peak:\s*\n\s*Peak:\s*(-?[\d.]+|-inf) dBFS")


_SUMMARY = re.compile(r"\[Parsed_ebur128_(\d+) @ [^\]]*\] Summary:")


def _parse_ebur128(text: str) -> tuple[float, float, float]:
    return _parse_summaries(text)[0]


def _parse_summaries(text: str) -> list[tuple[float, float, float]]:
    """Every ebur128 summary in ffmpeg's log, in the order of the filters in the graph."""
    marks = list(_SUMMARY.finditer(text))
    if not marks:
        marks_text = [(0, text[text.rfind("Summary:") :])] if "Summary:" in text else []
    else:
        marks_text = [(int(m.group(1)), text[m.end() : marks[i + 1].start() if i + 1 < len(marks) else len(text)]) for i, m in enumerate(marks)]
    # ffmpeg may configure the graph twice and print a summary for each: keep the last per filter
    last: dict[int, str] = {}
    for idx, tail in marks_text:
        last[idx] = tail
    out = []
    for _idx, tail in sorted(last.items()):
        i = _EBU_I.search(tail)
        lra = _EBU_LRA.search(tail)
        tp = _EBU_TP.search(tail)
        if not i or not tp:
            continue
        out.append((float(i.group(1)), float(lra.group(1)) if lra else 0.0, float(tp.group(1))))
    if not out:
        raise AudioError(_("Could not measure the loudness."), kind="measure")
    return out


def measure(path: Path, *, mono: bool = False) -> tuple[float, float, float]:
    """(integrated LUFS, LRA LU, true peak dBTP) of a file, as ffmpeg's ebur128 reports it."""
    pre = "pan=mono|c0=0.5*c0+0.5*c1," if mono else ""
    res = ffmpeg.run(
        ["-nostats", "-i", ffmpeg.as_input(path), "-map", "0:a:0", "-af", f"{pre}ebur128=peak=true:framelog=verbose", "-f", "null", "-"], timeout=3600
    )
    return _parse_ebur128(res.stderr.decode("utf-8", "replace"))


def _edges(pcm: bytes, threshold_db: float) -> tuple[float, float]:
    """Leading and trailing silence (seconds) of 16-bit mono PCM at ANALYSIS_RATE."""
    win = ANALYSIS_RATE // 100 * 2  # 10 ms in bytes
    limit = 32768 * 10 ** (threshold_db / 20)
    n = len(pcm) // win
    first = next((k for k in range(n) if audioop.max(pcm[k * win : (k + 1) * win], 2) > limit), None)
    if first is None:
        total = len(pcm) / 2 / ANALYSIS_RATE
        return total, total
    last = next(k for k in range(n - 1, -1, -1) if audioop.max(pcm[k * win : (k + 1) * win], 2) > limit)
    total = len(pcm) / 2 / ANALYSIS_RATE
    return first * 0.01, max(0.0, total - (last + 1) * 0.01)


def _waveform(pcm: bytes, points: int = WAVEFORM_POINTS) -> bytes:
    samples = len(pcm) // 2
    if samples == 0:
        return bytes(points)
    out = bytearray(points)
    for k in range(points):
        a = (k * samples // points) * 2
        b = max(a + 2, ((k + 1) * samples // points) * 2)
        peak = audioop.max(pcm[a:b], 2)
        out[k] = min(255, peak * 255 // 32767)
    return bytes(out)


def analyse(path: Path, preset: Preset | None = None, channels: int = 1, *, max_s: float | None = None, timeout_s: float = 3600.0) -> Analysis:
    """Decode ``path`` once: loudness of the file and of its mono downmix, silence at the ends,
    clipping and waveform peaks (``channels`` is the source's, from :func:`probe`).

    ``max_s``: decode no more than this many seconds (plus one); a file that turns out longer is
    refused (exit 3) without decoding the rest. ``timeout_s``: refused when decoding takes longer."""
    preset = preset or Preset()
    if channels > 1:
        graph = "[0:a:0]asplit=2[s][x];[s]ebur128=peak=true:framelog=verbose,anullsink;[x]aformat=channel_layouts=mono,asplit=2[m][w];"
    else:
        graph = "[0:a:0]aformat=channel_layouts=mono,asplit=2[m][w];"
    graph += f"[m]ebur128=peak=true:framelog=verbose,anullsink;[w]aresample={ANALYSIS_RATE},aformat=sample_fmts=s16:channel_layouts=mono[out]"
    cap = ["-t", f"{max_s + 1:.3f}"] if max_s is not None else []
    try:
        # the cap is an output option: as an input option it changes the order in which ffmpeg
        # prints the two loudness summaries (the file's own and the mono downmix's)
        res = ffmpeg.run(["-nostats", "-i", ffmpeg.as_input(path), "-filter_complex", graph, "-map", "[out]", *cap, "-f", "s16le", "-"], timeout=timeout_s)
    except subprocess.TimeoutExpired as exc:
        raise AudioError(
            _("'{name}' took longer than {s} s to decode; it was not imported (setting import.max_seconds).", name=path.name, s=round(timeout_s)),
            kind="too_slow",
        ) from exc
    err = res.stderr.decode("utf-8", "replace")
    pcm = res.stdout
    if max_s is not None and len(pcm) / 2 / ANALYSIS_RATE > max_s:
        raise AudioError(
            _("'{name}' lasts longer than {limit}; it was not imported (setting import.max_duration_s).", name=path.name, limit=_hms(max_s)), kind="too_long"
        )
    if res.returncode != 0 or len(pcm) < ANALYSIS_RATE // 10 * 2:
        raise AudioError(_("'{name}' could not be decoded as audio.", name=path.name), kind="corrupt")
    summaries = _parse_summaries(err)
    integrated, lra, tp = summaries[0]
    mono, _mono_lra, mono_tp = summaries[-1]
    duration = len(pcm) / 2 / ANALYSIS_RATE
    lead, trail = _edges(pcm, preset.trim_threshold_db)
    clipped = _count_clipped(pcm)
    errors = sum(1 for line in err.splitlines() if re.search(r"\] (?:Header missing|invalid|Error|error while decoding|overread|big_values)", line))
    return Analysis(integrated, lra, tp, duration, lead, trail, clipped, _waveform(pcm), errors, mono, mono_tp)


def _count_clipped(pcm: bytes) -> int:
    # full-scale runs in the 8 kHz analysis signal; a coarse but cheap sign of clipping
    peak = audioop.max(pcm, 2) if pcm else 0
    if peak < 32700:
        return 0
    win = 160
    return sum(1 for k in range(0, len(pcm) - win, win) if audioop.max(pcm[k : k + win], 2) >= 32700)


def _filters(fmt: DeliveryFormat, preset: Preset, start: float, end: float, gain_db: float, limit_db: float) -> str:
    parts = []
    if start > 0 or end > 0:
        parts.append(f"atrim=start={start:.4f}:end={end:.4f},asetpts=PTS-STARTPTS")
    parts.append("aformat=channel_layouts=mono" if fmt.channels == 1 else "aformat=channel_layouts=stereo")
    if preset.highpass_hz:
        parts.append(f"highpass=f={preset.highpass_hz:g}")
    parts.append(f"volume={gain_db:.3f}dB")
    # the limiter works at 4x the output rate so that inter-sample peaks are caught too
    parts.append(f"aresample={fmt.sample_rate * 4}")
    parts.append(f"alimiter=limit={10 ** (limit_db / 20):.5f}:level=false:attack=2:release=40:asc=true")
    parts.append(f"aresample={fmt.sample_rate}")
    return ",".join(parts)


LIMITER_MARGIN_DB = 0.8  # headroom below the true-peak ceiling for the MP3 encoder's overshoot


def limiter_loss(excess_db: float) -> float:
    """Loudness (LU) the limiter takes away from speech whose true peaks exceed its ceiling by
    ``excess_db``, fitted on spoken Vietnamese (within 0.2 LU from 1 to 12 dB of excess). Only
    the first guess of :func:`render` uses it; measurement corrects the rest."""
    e = max(0.0, excess_db)
    return 0.03 * e * e + 0.1 * e


def _limited_slope(excess_db: float) -> float:
    """d(output loudness)/d(gain) under the limiter, from :func:`limiter_loss`."""
    e = max(0.0, excess_db)
    return 1.0 - (0.06 * e + 0.1) if e > 0 else 1.0


def render(src: Path, dst: Path, fmt: DeliveryFormat, preset: Preset, analysis: Analysis) -> Rendered:
    """Render ``src`` into ``dst`` (MP3 of ``fmt``) normalised by ``preset``; see module doc.

    Each attempt measures its own output inside the same ffmpeg run (before encoding); the gain
    is corrected by the secant of the attempts so far, usually once at most. The accepted MP3 is
    then measured as an outside meter would, and re-rendered with a lower ceiling in the rare case
    the encoder pushed its true peak over the limit.
    """
    start, end = analysis.trim_window(preset)
    limit = preset.true_peak_dbtp - LIMITER_MARGIN_DB
    offset = encoder_offset(fmt)
    if analysis.silent:
        gain = 0.0
    else:
        base = preset.target_lufs - analysis.mono_lufs - offset
        # solve gain - loss(excess(gain)) = base: more gain means more limiting (Newton steps)
        gain = base
        for _step in range(8):
            excess = analysis.mono_tp + gain - limit
            gain -= (gain - limiter_loss(excess) - base) / max(0.2, _limited_slope(excess))
    points: list[tuple[float, float]] = []
    for _attempt in range(6):
        lufs = _encode(src, dst, fmt, _filters(fmt, preset, start, end, gain, limit)) + offset
        if analysis.silent:
            break
        points.append((gain, lufs))
        off = preset.target_lufs - lufs
        if abs(off) <= 0.25:
            out_lufs, _lra, tp = measure(dst)
            over = tp - preset.true_peak_dbtp
            if over <= 0 and abs(preset.target_lufs - out_lufs) <= 0.35:
                return _rendered(dst, out_lufs, tp, gain)
            limit -= max(over, 0.0) + 0.2
            points.clear()
            off = preset.target_lufs - out_lufs
        if len(points) >= 2 and abs(points[-1][0] - points[-2][0]) > 0.05:
            slope = (points[-1][1] - points[-2][1]) / (points[-1][0] - points[-2][0])
        else:
            slope = _limited_slope(analysis.mono_tp + gain - limit)
        gain += off / min(1.0, max(0.2, slope))
    out_lufs, _lra, tp = measure(dst)
    return _rendered(dst, out_lufs, tp, gain)


@cache
def encoder_offset(fmt: DeliveryFormat) -> float:
    """How much the MP3 encoder changes loudness (LU), measured once per format on a tone.

    LAME as built into ffmpeg returns about 0.45 dB less than it was given, whatever the
    bitrate; the render loop measures before encoding, so it adds this to predict the MP3."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="loaxa-cal-") as d:
        wav, mp3 = Path(d) / "tone.wav", Path(d) / "tone.mp3"
        layout = "mono" if fmt.channels == 1 else "stereo"
        run_ok(
            [
                "-loglevel",
                "error",
                "-f",
                "lavfi",
                "-i",
                f"sine=frequency=997:sample_rate={fmt.sample_rate}:duration=4",
                "-af",
                f"volume=-18dB,aformat=channel_layouts={layout}",
                str(wav),
            ]
        )
        run_ok(["-loglevel", "error", "-i", str(wav), "-c:a", "libmp3lame", "-b:a", f"{fmt.bitrate_kbps}k", str(mp3)])
        before = measure(wav)[0]
        after = measure(mp3)[0]
    return round(after - before, 2)


def _encode(src: Path, dst: Path, fmt: DeliveryFormat, filters: str) -> float:
    """Encode with ``filters`` and return the integrated loudness of what went into the encoder."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    graph = f"[0:a:0]{filters},asplit=2[enc][m];[m]ebur128=framelog=verbose,anullsink"
    args = [
        "-y",
        "-nostats",
        "-i",
        ffmpeg.as_input(src),
        "-vn",
        "-map_metadata",
        "-1",
        "-filter_complex",
        graph,
        "-map",
        "[enc]",
        "-ac",
        str(fmt.channels),
        "-ar",
        str(fmt.sample_rate),
        "-c:a",
        "libmp3lame",
        "-b:a",
        f"{fmt.bitrate_kbps}k",
        "-write_xing",
        "1",
        "-id3v2_version",
        "0",
        "-f",
        "mp3",
        ffmpeg.as_input(dst),
    ]
    res = ffmpeg.run(args, timeout=3600)
    err = res.stderr.decode("utf-8", "replace")
    if res.returncode != 0:
        raise AudioError(_("Rendering failed: {detail}", detail=err.strip()[-300:]), kind="render")
    m = list(_EBU_I.finditer(err))
    return float(m[-1].group(1)) if m else 0.0


def _rendered(path: Path, lufs: float, tp: float, gain: float) -> Rendered:
    idx = FrameIndex.build(path.read_bytes())
    return Rendered(path, idx.duration, idx.frames, lufs, tp, gain)


def standalone_mp3_args(fmt: DeliveryFormat) -> list[str]:
    """ffmpeg's output options for MP3 frames that each stand alone (no bit reservoir, no Xing or
    ID3 header): silence between programmes, and the live microphone's frames."""
    return ["-c:a", "libmp3lame", "-b:a", f"{fmt.bitrate_kbps}k", "-reservoir", "0", "-write_xing", "0", "-id3v2_version", "0"]


def encode_silence(fmt: DeliveryFormat, seconds: float) -> bytes:
    """MP3 frames of digital silence in ``fmt``, encoded without the bit reservoir so any frame
    can stand alone between programmes (pre-roll, closing silence, repeat gaps)."""
    args = [
        "-loglevel",
        "error",
        "-f",
        "lavfi",
        "-i",
        f"anullsrc=r={fmt.sample_rate}:cl={'mono' if fmt.channels == 1 else 'stereo'}",
        "-t",
        f"{seconds:.3f}",
        *standalone_mp3_args(fmt),
        "-f",
        "mp3",
        "-",
    ]
    res = ffmpeg.run(args, timeout=60)
    if res.returncode != 0:
        raise RuntimeError(res.stderr.decode("utf-8", "replace"))
    return res.stdout


def decode_pcm(path: Path, rate: int = ANALYSIS_RATE) -> bytes:
    """16-bit mono PCM of a file (for comparisons in checks and tests)."""
    res = ffmpeg.run(["-loglevel", "error", "-i", ffmpeg.as_input(path), "-ac", "1", "-ar", str(rate), "-f", "s16le", "-"], timeout=600)
    if res.returncode != 0:
        raise AudioError(_("'{name}' could not be decoded as audio.", name=path.name), kind="corrupt")
    return res.stdout


def run_ok(args: list[str]) -> subprocess.CompletedProcess[bytes]:
    res = ffmpeg.run(args, timeout=600)
    if res.returncode != 0:
        raise RuntimeError(res.stderr.decode("utf-8", "replace")[-500:])
    return res
