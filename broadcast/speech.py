"""Speech from text, offline: engines behind one interface, and a notice made into an item.

Two engines: espeak-ng with its Vietnamese voices (always there: Debian ``espeak-ng``, the Windows
installer of the eSpeak NG project), and Piper when the commune names a Vietnamese voice model
file in the setting ``speech.piper_model`` (``--voice FILE.onnx`` for one notice). The text is first
normalised (``schedules.speech_text``); the audio then goes through the one import pipeline
(``broadcast.importer.import_files``), so loudness, renditions and approval are those of any
import, and the item keeps the text as typed and as said.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import wave
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from schedules import settings
from schedules.errors import DeliveryError, InputRefused, LoaxaError
from schedules.i18n import _
from schedules.library import ItemMeta, search_key
from schedules.models import Item
from schedules.speech_text import spoken
from schedules.text import has_control, nfc, safe_filename
from schedules.workspace import Workspace

log = logging.getLogger("loaxa.speech")

ESPEAK_VOICES_VI = ("vi", "vi-vn-x-central", "vi-vn-x-south")
_WINDOWS_ESPEAK = (r"C:\Program Files\eSpeak NG\espeak-ng.exe", r"C:\Program Files (x86)\eSpeak NG\espeak-ng.exe")
SILENT_LUFS = -60.0


class SpeechEngine(Protocol):
    """One way of turning said text into a WAV file."""

    name: str
    voice: str

    def synthesize(self, text: str, out: Path, *, rate: int) -> None:
        """Write ``text`` spoken to the WAV file ``out``; LoaxaError with a next step on failure."""


# --- espeak-ng -------------------------------------------------------------------------------


def find_espeak() -> str | None:
    """The espeak-ng program (env ``LOAXA_ESPEAK``, PATH, the Windows installer's folder)."""
    env = os.environ.get("LOAXA_ESPEAK")
    if env:
        return env
    found = shutil.which("espeak-ng")
    if found:
        return found
    if sys.platform == "win32":
        for p in _WINDOWS_ESPEAK:
            if Path(p).is_file():
                return p
    return None


def espeak_voices(exe: str) -> list[str]:
    """The Vietnamese voices this espeak-ng has (its language names: vi, vi-vn-x-south...)."""
    try:
        out = subprocess.run([exe, "--voices=vi"], capture_output=True, text=True, timeout=20, check=False).stdout
    except (OSError, subprocess.TimeoutExpired):
        return []
    voices = []
    for line in out.splitlines()[1:]:
        cols = line.split()
        if len(cols) >= 2:
            voices.append(cols[1].lower())
    return voices


@dataclass
class EspeakEngine:
    exe: str
    voice: str = "vi"
    name: str = "espeak-ng"

    @classmethod
    def open(cls, voice: str = "vi") -> EspeakEngine:
        exe = find_espeak()
        if exe is None:
            raise DeliveryError(
                _("espeak-ng is not installed. Install it (Debian/Ubuntu: apt-get install espeak-ng; Windows: the eSpeak NG installer), then try again."),
                kind="no_engine",
            )
        voices = espeak_voices(exe)
        if voice.lower() not in voices:
            raise InputRefused(
                _("The voice '{voice}' is not installed. Voices there are: {voices}.", voice=voice, voices=", ".join(voices) or _("none")),
                kind="no_voice",
            )
        return cls(exe, voice.lower())

    def synthesize(self, text: str, out: Path, *, rate: int) -> None:
        try:
            res = subprocess.run(
                [self.exe, "-v", self.voice, "-s", str(rate), "-b", "1", "--stdin", "-w", str(out)],
                input=text.encode("utf-8"),
                capture_output=True,
                timeout=600,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise DeliveryError(_("espeak-ng failed: {error}", error=exc), kind="engine_failed") from exc
        if res.returncode != 0 or not out.is_file() or out.stat().st_size <= 44:
            raise DeliveryError(
                _("espeak-ng failed: {error}", error=res.stderr.decode("utf-8", "replace").strip()[:300] or res.returncode), kind="engine_failed"
            )


# --- Piper -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PiperModel:
    """A Piper voice model file and its configuration (``MODEL.onnx.json`` beside it)."""

    path: Path
    config: Path
    sample_rate: int
    language: str


def discover_piper_model(path: str | Path) -> PiperModel:
    """Check a Piper voice model file before anything is spoken with it: it exists, it looks like
    an ONNX model, its ``.onnx.json`` is beside it and says the sample rate. InputRefused (exit 3)
    that names the file and what to do otherwise."""
    p = Path(path).expanduser()
    if not str(path).strip():
        raise InputRefused(
            _("No Piper voice model is set. Name the .onnx file in the setting speech.piper_model (loaxa settings set speech.piper_model FILE)."),
            kind="no_model",
        )
    if not p.is_file():
        raise InputRefused(
            _("The Piper voice model '{path}' does not exist. Check the setting speech.piper_model, or use the espeak-ng voice (--voice vi).", path=p),
            kind="no_model",
        )
    if p.suffix.lower() != ".onnx":
        raise InputRefused(_("'{path}' is not a Piper voice model: it should be an .onnx file.", path=p), kind="bad_model")
    with p.open("rb") as f:
        head = f.read(64)
    # an ONNX model is a protobuf ModelProto: it opens with field 1 (ir_version, a varint)
    if len(head) < 16 or head[0] != 0x08:
        raise InputRefused(_("The Piper voice model '{path}' is damaged or not an ONNX model; download the voice again.", path=p), kind="bad_model")
    cfg = p.with_name(p.name + ".json")
    if not cfg.is_file():
        raise InputRefused(
            _(
                "The Piper voice model '{path}' has no configuration file beside it ({config}); put the voice's .onnx.json next to the model.",
                path=p,
                config=cfg.name,
            ),
            kind="bad_model",
        )
    try:
        data = json.loads(cfg.read_text(encoding="utf-8"))
        rate = int(data["audio"]["sample_rate"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputRefused(
            _("The configuration of the Piper voice '{path}' cannot be read ({error}); download the voice again.", path=cfg, error=type(exc).__name__),
            kind="bad_model",
        ) from None
    lang = str((data.get("language") or {}).get("code") or (data.get("espeak") or {}).get("voice") or "")
    return PiperModel(p, cfg, rate, lang)


@dataclass
class PiperEngine:
    model: PiperModel
    name: str = "piper"
    voice: str = ""

    def __post_init__(self) -> None:
        self.voice = self.model.path.name

    @classmethod
    def open(cls, model_path: str | Path) -> PiperEngine:
        model = discover_piper_model(model_path)
        return cls(model)

    def synthesize(self, text: str, out: Path, *, rate: int) -> None:
        length_scale = max(0.5, min(2.0, 150 / rate))
        try:
            from piper import PiperVoice  # type: ignore[import-not-found,import-untyped,unused-ignore]
        except ImportError:
            exe = shutil.which("piper")
            if exe is None:
                raise DeliveryError(
                    _("Piper is not installed (pip install piper-tts); the espeak-ng voice works meanwhile (--voice vi)."), kind="no_engine"
                ) from None
            res = subprocess.run(
                [exe, "--model", str(self.model.path), "--length_scale", f"{length_scale:.2f}", "--output_file", str(out)],
                input=text.encode("utf-8"),
                capture_output=True,
                timeout=600,
                check=False,
            )
            if res.returncode != 0 or not out.is_file():
                raise InputRefused(
                    _(
                        "The Piper voice model '{path}' could not be used: {error}",
                        path=self.model.path,
                        error=res.stderr.decode("utf-8", "replace").strip()[-300:],
                    ),
                    kind="bad_model",
                ) from None
            return
        try:
            voice = PiperVoice.load(str(self.model.path), config_path=str(self.model.config))
        except Exception as exc:
            raise InputRefused(
                _("The Piper voice model '{path}' could not be loaded ({error}); download the voice again.", path=self.model.path, error=type(exc).__name__),
                kind="bad_model",
            ) from exc
        with wave.open(str(out), "wb") as wf:
            if hasattr(voice, "synthesize_wav"):
                from piper import SynthesisConfig  # type: ignore[import-not-found,import-untyped,unused-ignore]

                voice.synthesize_wav(text, wf, syn_config=SynthesisConfig(length_scale=length_scale))
            else:
                voice.synthesize(text, wf, length_scale=length_scale)


# --- choosing an engine ----------------------------------------------------------------------


@dataclass(frozen=True)
class SpeechSettings:
    engine: str
    voice: str
    rate: int
    piper_model: str
    max_chars: int
    abbreviations: dict[str, str]

    @classmethod
    def of(cls, ws: Workspace) -> SpeechSettings:
        with ws.session() as s:

            def g(k: str) -> Any:
                return settings.get(s, k)

            return cls(
                str(g("speech.engine")),
                str(g("speech.voice")),
                int(g("speech.rate")),
                str(g("speech.piper_model")),
                int(g("speech.max_chars")),
                dict(g("speech.abbreviations") or {}),
            )


def open_engine(conf: SpeechSettings, voice: str | None = None) -> SpeechEngine:
    """The engine for ``voice``: an espeak-ng voice name, ``piper`` (the model of the setting) or a
    Piper ``.onnx`` file; None means the settings' engine and voice."""
    if voice is None:
        if conf.engine == "piper":
            return PiperEngine.open(conf.piper_model)
        return EspeakEngine.open(conf.voice)
    v = voice.strip()
    if v.lower() == "piper":
        return PiperEngine.open(conf.piper_model)
    if v.lower().endswith(".onnx") or "/" in v or "\\" in v:
        return PiperEngine.open(v)
    return EspeakEngine.open(v)


def check_rate(rate: int | None, default: int) -> int:
    r = default if rate is None else rate
    if not 80 <= r <= 450:
        raise InputRefused(_("--rate: {rate} is not a speaking rate; give 80 to 450 words per minute.", rate=r), kind="bad_rate")
    return r


def prepare_text(text: str | None, conf: SpeechSettings) -> tuple[str, str]:
    """(text as typed, text as said); InputRefused for empty text, text over the limit or with
    control characters."""
    typed = nfc(text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not typed:
        raise InputRefused(_("The text is empty: type the notice to be read."), kind="empty_text")
    if len(typed) > conf.max_chars:
        raise InputRefused(
            _(
                "The text has {n} characters, more than the {limit} allowed (setting speech.max_chars); split it into several notices.",
                n=len(typed),
                limit=conf.max_chars,
            ),
            kind="text_too_long",
        )
    if has_control(typed.replace("\n", "").replace("\t", " ")):
        raise InputRefused(_("The text holds control characters; paste it as plain text."), kind="bad_text")
    said = spoken(typed, conf.abbreviations)
    if not any(c.isalpha() for c in said):
        raise InputRefused(_("The text has nothing that can be read aloud."), kind="empty_text")
    return typed, said


def synthesize(said: str, out: Path, engine: SpeechEngine, rate: int) -> float:
    """Speak ``said`` into ``out`` (WAV) and check it is speech, not silence: its loudness (LUFS)."""
    from . import audio

    engine.synthesize(said, out, rate=rate)
    lufs, _lra, _tp = audio.measure(out)
    if lufs < SILENT_LUFS:
        raise DeliveryError(_("The speech engine {engine} produced silence ({lufs} LUFS).", engine=engine.name, lufs=lufs), kind="engine_silent")
    return lufs


@dataclass
class SpokenItem:
    id: int
    title: str
    duplicate: bool
    text_typed: str
    text_spoken: str
    engine: str
    voice: str
    rate: int
    duration_s: float
    warnings: list[dict[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def import_made(
    ws: Workspace,
    wav: Path,
    meta: ItemMeta,
    *,
    text_typed: str | None,
    text_spoken: str | None,
    composition: dict[str, Any],
    approve_by: str | None = None,
    actor: str | None = None,
) -> tuple[int, bool, list[dict[str, str]]]:
    """Import an audio file LoaXa made (speech, a composed bulletin) through the one pipeline and
    keep its text and recipe on the item: (item id, already there, warnings)."""
    from . import importer

    report = importer.import_files(ws, [wav], meta, approve_by=approve_by, workers=1, actor=actor)
    if report.refused:
        r = report.refused[0]
        raise LoaxaError(r["message"], kind=r["kind"])
    if report.duplicates:
        item_id, dup, warnings = int(report.duplicates[0]["id"]), True, []
    else:
        item_id, dup, warnings = int(report.added[0]["id"]), False, list(report.added[0]["warnings"])
    with ws.session() as s:
        item = s.get(Item, item_id)
        assert item is not None
        if not dup or item.composition is None:
            item.text_typed = text_typed
            item.text_spoken = text_spoken
            item.composition = composition
            item.search_key = search_key(item)  # searchable by its words, accents optional, like the title
    return item_id, dup, warnings


def say(
    ws: Workspace,
    text: str | None,
    meta: ItemMeta,
    *,
    voice: str | None = None,
    rate: int | None = None,
    approve_by: str | None = None,
    actor: str | None = None,
) -> SpokenItem:
    """A typed notice made into an item: normalised, spoken, imported. Nothing is added when the
    text, the voice or the rate is refused."""
    if not (meta.title or "").strip():
        raise InputRefused(_("--title: give the notice a title."), kind="no_title")
    conf = SpeechSettings.of(ws)
    typed, said = prepare_text(text, conf)
    r = check_rate(rate, conf.rate)
    engine = open_engine(conf, voice)
    with tempfile.TemporaryDirectory(prefix="loaxa-say-") as tmp:
        wav = Path(tmp) / f"{safe_filename(meta.title or 'thong-bao')}.wav"
        synthesize(said, wav, engine, r)
        recipe = {"kind": "speech", "engine": engine.name, "voice": engine.voice, "rate": r}
        item_id, dup, warnings = import_made(ws, wav, meta, text_typed=typed, text_spoken=said, composition=recipe, approve_by=approve_by, actor=actor)
    with ws.session() as s:
        item = s.get(Item, item_id)
        assert item is not None
        title, duration = item.title, item.duration_s
    return SpokenItem(item_id, title, dup, typed, said, engine.name, engine.voice, r, round(duration, 3), warnings)


def preview(ws: Workspace, text: str | None, out: Path, *, voice: str | None = None, rate: int | None = None) -> tuple[str, float]:
    """The notice spoken into ``out`` (WAV) for listening before saving: (text as said, LUFS)."""
    conf = SpeechSettings.of(ws)
    _typed, said = prepare_text(text, conf)
    engine = open_engine(conf, voice)
    return said, synthesize(said, out, engine, check_rate(rate, conf.rate))
