"""The bulletin composer: a notice dressed with the station's jingle, said twice, built with pydub.

A :class:`Composition` is a recipe: an intro, parts (library items, audio files, typed text read by
the speech engine, silences) each with its own gain and fades, crossfades between neighbours, the
parts said ``repeat`` times with ``gap_s`` of silence between, an outro. :func:`assemble` makes the
audio with pydub's ``AudioSegment``; :func:`compose` sends it through the one import pipeline
(loudness, renditions, approval) and keeps the recipe on the item, so it can be edited and rebuilt.
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from schedules.errors import InputRefused, NotFound
from schedules.i18n import _
from schedules.library import ItemMeta
from schedules.media import source_relpath
from schedules.models import Item
from schedules.text import safe_filename
from schedules.workspace import Workspace

if TYPE_CHECKING:
    from pydub import AudioSegment

log = logging.getLogger("loaxa.composer")

RATE = 44100
PART_KINDS = ("item", "file", "speech", "silence")
MAX_REPEAT = 10
MAX_GAP_S = 120.0
MAX_CROSSFADE_MS = 5000
MAX_TOTAL_S = 3 * 3600


def _pydub() -> Any:
    from . import ffmpeg

    ffmpeg.configure_pydub()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", SyntaxWarning)
        import pydub

    return pydub


@dataclass
class Part:
    """One piece of the bulletin: ``kind`` item (``ref`` an item id), file (a path), speech (the text
    as typed) or silence (seconds)."""

    kind: str
    ref: str
    gain_db: float = 0.0
    fade_in_ms: int = 0
    fade_out_ms: int = 0
    sha256: str | None = None  # of a file part, as it was when composed

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Part:
        return cls(str(d["kind"]), str(d["ref"]), float(d.get("gain_db", 0.0)), int(d.get("fade_in_ms", 0)), int(d.get("fade_out_ms", 0)), d.get("sha256"))

    def label(self) -> str:
        if self.kind == "item":
            return _("item {id}", id=self.ref)
        if self.kind == "silence":
            return _("{s} s of silence", s=self.ref)
        if self.kind == "speech":
            return _("speech: {text}", text=self.ref[:40] + ("…" if len(self.ref) > 40 else ""))
        return Path(self.ref).name


@dataclass
class Composition:
    parts: list[Part]
    intro: Part | None = None
    outro: Part | None = None
    repeat: int = 1
    gap_s: float = 0.0
    crossfade_ms: int = 0
    voice: str | None = None
    rate: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["kind"] = "composition"
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Composition:
        if d.get("kind") != "composition":
            raise InputRefused(_("This item was not made by the composer; there is nothing to rebuild."), kind="not_composed")
        return cls(
            [Part.from_dict(p) for p in d.get("parts", [])],
            Part.from_dict(d["intro"]) if d.get("intro") else None,
            Part.from_dict(d["outro"]) if d.get("outro") else None,
            int(d.get("repeat", 1)),
            float(d.get("gap_s", 0.0)),
            int(d.get("crossfade_ms", 0)),
            d.get("voice"),
            d.get("rate"),
        )

    def check(self) -> None:
        """Refuse (exit 3) a recipe that cannot be built, before any audio work."""
        if not any(p.kind != "silence" for p in self.parts):
            raise InputRefused(_("The bulletin has no part to say: give at least one --part or --say."), kind="no_parts")
        if not 1 <= self.repeat <= MAX_REPEAT:
            raise InputRefused(_("--repeat: {n} is not allowed; give 1 to {max}.", n=self.repeat, max=MAX_REPEAT), kind="bad_repeat")
        if not 0 <= self.gap_s <= MAX_GAP_S:
            raise InputRefused(_("--gap: {s} s is not allowed; give 0 to {max} seconds.", s=self.gap_s, max=MAX_GAP_S), kind="bad_gap")
        if not 0 <= self.crossfade_ms <= MAX_CROSSFADE_MS:
            raise InputRefused(_("--crossfade: {ms} ms is not allowed; give 0 to {max} ms.", ms=self.crossfade_ms, max=MAX_CROSSFADE_MS), kind="bad_crossfade")
        for p in self.all_parts():
            if p.kind not in PART_KINDS:
                raise InputRefused(_("Unknown part kind '{kind}'.", kind=p.kind), kind="bad_part")
            if not -30 <= p.gain_db <= 20:
                raise InputRefused(_("--gain: {db} dB is not allowed; give -30 to 20 dB.", db=p.gain_db), kind="bad_gain")
            if not (0 <= p.fade_in_ms <= 60_000 and 0 <= p.fade_out_ms <= 60_000):
                raise InputRefused(_("A fade lasts 0 to 60,000 ms."), kind="bad_fade")
            if p.kind == "silence":
                try:
                    s = float(p.ref)
                except ValueError:
                    s = -1.0
                if not 0 < s <= MAX_GAP_S:
                    raise InputRefused(_("--silence: '{value}' is not a number of seconds (0 to {max}).", value=p.ref, max=MAX_GAP_S), kind="bad_silence")

    def all_parts(self) -> list[Part]:
        return [p for p in (self.intro, *self.parts, self.outro) if p is not None]

    def texts(self) -> list[str]:
        return [p.ref for p in self.parts if p.kind == "speech"]


@dataclass
class Assembled:
    audio: AudioSegment
    lengths_ms: dict[str, float] = field(default_factory=dict)  # per part label, for people
    spoken: list[str] = field(default_factory=list)
    expected_ms: float = 0.0


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _decode(path: Path, what: str) -> AudioSegment:
    pydub = _pydub()
    if not path.is_file():
        raise InputRefused(_("The part '{part}' is missing: '{path}' does not exist.", part=what, path=path), kind="missing_part")
    from . import audio

    probe = audio.probe(path)  # an AudioError (exit 3) names a file that is not audio
    if probe.duration_s is not None and probe.duration_s > MAX_TOTAL_S:
        raise InputRefused(_("The part '{part}' lasts over 3 hours.", part=what), kind="too_long")
    from . import ffmpeg

    # decoded by our ffmpeg into the composer's format (pydub's from_file needs ffprobe, which the
    # bundled ffmpeg of Windows lacks, and leaves the file open)
    res = ffmpeg.run(["-v", "error", "-i", ffmpeg.as_input(path), "-map", "0:a:0", "-ac", "1", "-ar", str(RATE), "-f", "s16le", "-"], timeout=600)
    if res.returncode != 0 or not res.stdout:
        raise InputRefused(_("The part '{part}' is not audio LoaXa can read.", part=what), kind="not_audio")
    return pydub.AudioSegment(data=res.stdout, sample_width=2, frame_rate=RATE, channels=1)


def _load(ws: Workspace, part: Part, tmp: Path, comp: Composition, spoken: list[str]) -> AudioSegment:
    pydub = _pydub()
    if part.kind == "silence":
        return pydub.AudioSegment.silent(duration=round(float(part.ref) * 1000), frame_rate=RATE)
    if part.kind == "item":
        try:
            item_id = int(part.ref)
        except ValueError:
            raise InputRefused(_("'{ref}' is not an item id.", ref=part.ref), kind="bad_part") from None
        with ws.session() as s:
            item = s.get(Item, item_id)
            if item is None or not item.media_sha256:
                raise NotFound(_("Item {id} does not exist (see: loaxa clips list).", id=item_id))
            path = ws.media.path(source_relpath(item.media_sha256, item.media_ext or "bin"))
        seg = _decode(path, part.label())
    elif part.kind == "file":
        path = Path(part.ref)
        if part.sha256 and path.is_file() and _sha256(path) != part.sha256:
            raise InputRefused(
                _(
                    "The part '{path}' has changed since the bulletin was composed; compose it again with the new file, or add the file to the library and use its item id.",
                    path=path,
                ),
                kind="changed_part",
            )
        seg = _decode(path, part.label())
        part.sha256 = part.sha256 or _sha256(path)
    else:
        from . import speech

        conf = speech.SpeechSettings.of(ws)
        _typed, said = speech.prepare_text(part.ref, conf)
        engine = speech.open_engine(conf, comp.voice)
        wav = tmp / f"speech{len(spoken)}.wav"
        speech.synthesize(said, wav, engine, speech.check_rate(comp.rate, conf.rate))
        spoken.append(said)
        seg = _decode(wav, part.label())
    if part.gain_db:
        seg = seg.apply_gain(part.gain_db)
    if part.fade_in_ms:
        seg = seg.fade_in(min(part.fade_in_ms, len(seg)))
    if part.fade_out_ms:
        seg = seg.fade_out(min(part.fade_out_ms, len(seg)))
    return seg


def _join(a: AudioSegment | None, b: AudioSegment, crossfade_ms: int) -> tuple[AudioSegment, int]:
    """``a`` then ``b`` overlapped by the crossfade (shortened to fit short pieces): (audio, overlap)."""
    if a is None or len(a) == 0:
        return b, 0
    cf = min(crossfade_ms, len(a) // 2, len(b) // 2)
    return a.append(b, crossfade=cf), cf


def assemble(ws: Workspace, comp: Composition) -> Assembled:
    """The bulletin's audio (mono, 44.1 kHz) from its recipe; InputRefused for a missing part or one
    that is not audio. ``expected_ms`` is the arithmetic the audio must meet: the parts, repeats and
    gaps, minus the crossfades."""
    comp.check()
    with tempfile.TemporaryDirectory(prefix="loaxa-compose-") as tmpname:
        tmp = Path(tmpname)
        spoken: list[str] = []
        lengths: dict[str, float] = {}
        intro = _load(ws, comp.intro, tmp, comp, spoken) if comp.intro else None
        parts = [_load(ws, p, tmp, comp, spoken) for p in comp.parts]
        outro = _load(ws, comp.outro, tmp, comp, spoken) if comp.outro else None
    for p, seg in zip(comp.all_parts(), [s for s in (intro, *parts, outro) if s is not None], strict=True):
        lengths[p.label()] = len(seg)
    overlap = 0
    body: AudioSegment | None = None
    for seg in parts:
        body, cf = _join(body, seg, comp.crossfade_ms)
        overlap += cf
    assert body is not None
    overlap *= comp.repeat
    pydub = _pydub()
    gap = pydub.AudioSegment.silent(duration=round(comp.gap_s * 1000), frame_rate=RATE)
    said = body
    for _n in range(comp.repeat - 1):
        said = said + gap + body
    out: AudioSegment | None = None
    for seg in (intro, said, outro):
        if seg is not None:
            out, cf = _join(out, seg, comp.crossfade_ms)
            overlap += cf
    assert out is not None
    expected = sum(len(s) for s in (intro, outro) if s is not None) + comp.repeat * sum(len(s) for s in parts) + (comp.repeat - 1) * len(gap) - overlap
    if len(out) / 1000 > MAX_TOTAL_S:
        raise InputRefused(_("The bulletin would last over 3 hours."), kind="too_long")
    return Assembled(out, lengths, spoken, float(expected))


def export_wav(assembled: Assembled, out: Path) -> Path:
    f = assembled.audio.export(str(out), format="wav")
    f.close()  # pydub returns the open file
    return out


@dataclass
class ComposedItem:
    id: int
    title: str
    duplicate: bool
    duration_s: float
    expected_s: float
    composition: dict[str, Any]
    warnings: list[dict[str, str]]

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def compose(ws: Workspace, comp: Composition, meta: ItemMeta, *, approve_by: str | None = None, actor: str | None = None) -> ComposedItem:
    """Assemble the bulletin and import it as an item that keeps its recipe (and its texts)."""
    from .speech import import_made

    if not (meta.title or "").strip():
        raise InputRefused(_("--title: give the bulletin a title."), kind="no_title")
    assembled = assemble(ws, comp)
    with tempfile.TemporaryDirectory(prefix="loaxa-compose-") as tmp:
        wav = export_wav(assembled, Path(tmp) / f"{safe_filename(meta.title or 'ban-tin')}.wav")
        texts = comp.texts()
        recipe = comp.to_dict()
        item_id, dup, warns = import_made(
            ws,
            wav,
            meta,
            text_typed="\n\n".join(texts) or None,
            text_spoken="\n\n".join(assembled.spoken) or None,
            composition=recipe,
            approve_by=approve_by,
            actor=actor,
        )
    with ws.session() as s:
        item = s.get(Item, item_id)
        assert item is not None
        title = item.title
    return ComposedItem(item_id, title, dup, round(len(assembled.audio) / 1000, 3), round(assembled.expected_ms / 1000, 3), recipe, warns)


def recipe_of(ws: Workspace, item_id: int) -> Composition:
    """The recipe kept on a composed item, to edit and rebuild."""
    with ws.session() as s:
        item = s.get(Item, item_id)
        if item is None:
            raise NotFound(_("Item {id} does not exist (see: loaxa clips list).", id=item_id))
        return Composition.from_dict(dict(item.composition or {}))
