"""Recovering Vietnamese text stored in legacy encodings (pure text: no files, no tags).

Old Vietnamese MP3s often carry ID3 frames marked latin-1 whose bytes are really Windows-1258,
VNI-Windows or TCVN3 (ABC). Mutagen then shows mojibake such as ``Thoâng baùo`` (VNI) or
``Th«ng b¸o`` (TCVN3) for "Thông báo"; text that was UTF-8 shows as ``ThÃ´ng bÃ¡o``.
:func:`fix_legacy` takes the bytes back, decodes them with each legacy encoding and keeps a reading
only when it is the one reading whose words are all well-formed Vietnamese syllables. When a text
looks garbled but no reading is convincing it raises :class:`LegacyTextError`.
:mod:`broadcast.tags` uses it on every tag it reads.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

__all__ = [
    "ENCODINGS",
    "ENCODING_NAMES",
    "LegacyTextError",
    "decode_legacy",
    "encode_legacy",
    "fix_legacy",
    "is_syllable",
    "is_vietnamese",
]

ENCODINGS = ("cp1258", "vni", "tcvn3")
# How warnings name the encodings (proper names, not translated).
ENCODING_NAMES = {"cp1258": "Windows-1258", "vni": "VNI", "tcvn3": "TCVN3 (ABC)", "utf-8": "UTF-8"}


class LegacyTextError(ValueError):
    """The text looks like a legacy encoding read wrongly, but no reading of it is convincing."""


# --- the legacy code tables ------------------------------------------------------------------
#
# Every table row lists one base vowel with its six tones, in this order: no tone, sắc (acute),
# huyền (grave), hỏi (hook above), ngã (tilde), nặng (dot below).
#
# Sources, cross-checked against each other: the VNI and TCVN3 tables of xvnkb (Dao Hai Lam, GPL,
# vni.h / tcvn.h), of duydev/vietnamese-conversion (src/charsets.ts) and, for TCVN3, of the
# Converter.cs of hdbd789/clinic; all three agree on every lowercase letter below. They are
# verified here by round trip over every letter and against published sample strings
# (tests/unit/test_tags.py).

_TONE_MARKS = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")

# VNI-Windows: an ASCII base letter followed by an 8-bit "mark" byte; ơ, ư, đ and the toned i
# (and ỵ) are single bytes. Written here as the Windows-1252 / latin-1 characters those bytes show
# as, which is exactly what mutagen gives for a latin-1 frame. Capitals: the same strings in upper
# case (every byte used is a latin-1 letter whose capital sits 0x20 lower).
_VNI_ROWS: dict[str, tuple[str, str, str, str, str, str]] = {
    "a": ("a", "aù", "aø", "aû", "aõ", "aï"),
    "ă": ("aê", "aé", "aè", "aú", "aü", "aë"),
    "â": ("aâ", "aá", "aà", "aå", "aã", "aä"),
    "e": ("e", "eù", "eø", "eû", "eõ", "eï"),
    "ê": ("eâ", "eá", "eà", "eå", "eã", "eä"),
    "i": ("i", "í", "ì", "æ", "ó", "ò"),
    "o": ("o", "où", "oø", "oû", "oõ", "oï"),
    "ô": ("oâ", "oá", "oà", "oå", "oã", "oä"),
    "ơ": ("ô", "ôù", "ôø", "ôû", "ôõ", "ôï"),
    "u": ("u", "uù", "uø", "uû", "uõ", "uï"),
    "ư": ("ö", "öù", "öø", "öû", "öõ", "öï"),
    "y": ("y", "yù", "yø", "yû", "yõ", "î"),
}
_VNI_D = "ñ"  # đ; Đ is "Ñ"

# TCVN3 (TCVN 5712:1993 VN3, the "ABC" fonts): one byte per lowercase letter. VN3 has capitals only
# for Ă Â Ê Ô Ơ Ư Đ; toned capitals were drawn with the separate all-caps fonts (.VnTimeH) using the
# lowercase codes, so they cannot be told apart from lowercase in the bytes.
_TCVN3_ROWS: dict[str, tuple[int, int, int, int, int, int]] = {
    "a": (0x61, 0xB8, 0xB5, 0xB6, 0xB7, 0xB9),
    "ă": (0xA8, 0xBE, 0xBB, 0xBC, 0xBD, 0xC6),
    "â": (0xA9, 0xCA, 0xC7, 0xC8, 0xC9, 0xCB),
    "e": (0x65, 0xD0, 0xCC, 0xCE, 0xCF, 0xD1),
    "ê": (0xAA, 0xD5, 0xD2, 0xD3, 0xD4, 0xD6),
    "i": (0x69, 0xDD, 0xD7, 0xD8, 0xDC, 0xDE),
    "o": (0x6F, 0xE3, 0xDF, 0xE1, 0xE2, 0xE4),
    "ô": (0xAB, 0xE8, 0xE5, 0xE6, 0xE7, 0xE9),
    "ơ": (0xAC, 0xED, 0xEA, 0xEB, 0xEC, 0xEE),
    "u": (0x75, 0xF3, 0xEF, 0xF1, 0xF2, 0xF4),
    "ư": (0xAD, 0xF8, 0xF5, 0xF6, 0xF7, 0xF9),
    "y": (0x79, 0xFD, 0xFA, 0xFB, 0xFC, 0xFE),
}
_TCVN3_OTHERS: dict[str, int] = {"đ": 0xAE, "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7}


def _letter(base: str, tone: int) -> str:
    return unicodedata.normalize("NFC", base + _TONE_MARKS[tone])


def _vni_encode_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for base, row in _VNI_ROWS.items():
        for tone, code in enumerate(row):
            table[_letter(base, tone)] = code
            table[_letter(base, tone).upper()] = code.upper()
    table["đ"], table["Đ"] = _VNI_D, _VNI_D.upper()
    return table


def _tcvn3_encode_table() -> dict[str, int]:
    table = {_letter(base, tone): code for base, row in _TCVN3_ROWS.items() for tone, code in enumerate(row)}
    table.update(_TCVN3_OTHERS)
    return table


_VNI_ENCODE = _vni_encode_table()
_TCVN3_ENCODE = _tcvn3_encode_table()


def _vni_decode_table() -> dict[str, str]:
    # A VNI letter is one or two latin-1 characters. Real files mix the case of the mark with the
    # case of the base letter (typed with caps lock, or with capital fonts), so both cases of each
    # two-character sequence are accepted; the decoder gives the letter the case of its base.
    table: dict[str, str] = {}
    for uni, code in _VNI_ENCODE.items():
        table[code] = uni
        if len(code) == 2:
            table.setdefault(code[0] + code[1].swapcase(), uni)
    return table


_VNI_DECODE = _vni_decode_table()
_VNI_MARKS = frozenset(c for code in _VNI_DECODE if len(code) == 2 for c in code[1])
_TCVN3_DECODE: dict[int, str] = {code: uni for uni, code in _TCVN3_ENCODE.items() if code >= 0x80}

_CP1258_TONE_BYTES = frozenset("\u0300\u0301\u0303\u0309\u0323")


def _cp1252_specials() -> dict[str, int]:
    """The characters Windows-1252 puts at 0x80-0x9F (€, ’, “, Œ...), mapped to their bytes."""
    specials: dict[str, int] = {}
    for b in range(0x80, 0xA0):
        try:
            specials[bytes([b]).decode("cp1252")] = b
        except UnicodeDecodeError:
            continue  # 0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned
    return specials


_CP1252_SPECIALS = _cp1252_specials()
# The legacy fonts were used on Windows, where 0x80-0x9F hold the typographic punctuation of
# Windows-1252 (’ “ ” – … typed by Word's autocorrect): both VNI and TCVN3 keep it.
_CP1252_PUNCTUATION = {b: c for c, b in _CP1252_SPECIALS.items() if unicodedata.category(c)[0] in "PS"}


def encode_legacy(text: str, encoding: str) -> bytes:
    """Encode Unicode ``text`` into the legacy ``encoding`` ('cp1258', 'vni' or 'tcvn3').

    The inverse of :func:`decode_legacy`, for tests and for tools that must write old files.
    Raises ``ValueError`` for a character the encoding cannot hold (e.g. "Ủ" in TCVN3).
    """
    text = unicodedata.normalize("NFC", text)
    out = bytearray()
    for ch in text:
        if ch.isascii():
            out += ch.encode("ascii")
        elif encoding == "vni":
            if ch not in _VNI_ENCODE:
                raise ValueError(f"VNI cannot encode {ch!r}")
            out += _VNI_ENCODE[ch].encode("latin-1")
        elif encoding == "tcvn3":
            if ch not in _TCVN3_ENCODE:
                raise ValueError(f"TCVN3 cannot encode {ch!r}")
            out.append(_TCVN3_ENCODE[ch])
        elif encoding == "cp1258":
            out += _cp1258_encode_char(ch)
        else:
            raise ValueError(f"unknown legacy encoding {encoding!r}")
    return bytes(out)


def _cp1258_encode_char(ch: str) -> bytes:
    # Windows-1258 holds the base letters (â, ơ, ư...) and some toned latin-1 letters precomposed;
    # every other tone is a combining byte after its base, which is how Windows writes it too.
    try:
        return ch.encode("cp1258")
    except UnicodeEncodeError:
        pass
    parts = unicodedata.normalize("NFD", ch)
    tones = "".join(c for c in parts if c in _CP1258_TONE_BYTES)
    base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _CP1258_TONE_BYTES))
    try:
        return base.encode("cp1258") + tones.encode("cp1258")
    except UnicodeEncodeError as exc:
        raise ValueError(f"Windows-1258 cannot encode {ch!r}") from exc


def decode_legacy(data: bytes, encoding: str) -> str | None:
    """Decode ``data`` in the legacy ``encoding``; None when the bytes are not valid there.

    The result is NFC. A VNI mark with no base letter, or a byte TCVN3 does not use, makes the
    bytes invalid in that encoding (which is what lets :func:`fix_legacy` rule a reading out).
    """
    text: str | None
    if encoding == "cp1258":
        try:
            text = data.decode("cp1258")
        except UnicodeDecodeError:
            return None
    elif encoding == "vni":
        text = _decode_vni(data.decode("latin-1"))
    elif encoding == "tcvn3":
        text = _decode_tcvn3(data)
    else:
        raise ValueError(f"unknown legacy encoding {encoding!r}")
    return None if text is None else unicodedata.normalize("NFC", text)


def _decode_vni(view: str) -> str | None:
    out: list[str] = []
    i = 0
    while i < len(view):
        pair = view[i : i + 2]
        if len(pair) == 2 and pair in _VNI_DECODE:
            uni = _VNI_DECODE[pair]
            out.append(uni.upper() if pair[0].isupper() else uni.lower())
            i += 2
            continue
        ch = view[i]
        if ch in _VNI_DECODE:
            out.append(_VNI_DECODE[ch])
        elif ch in _VNI_MARKS:
            return None  # a mark without its base letter: not VNI text
        elif 0x80 <= ord(ch) < 0xA0:
            punctuation = _CP1252_PUNCTUATION.get(ord(ch))
            if punctuation is None:
                return None
            out.append(punctuation)
        else:
            out.append(ch)  # ASCII, and the symbols VNI fonts keep from latin-1 (0xA0-0xBF)
        i += 1
    return "".join(out)


def _decode_tcvn3(data: bytes) -> str | None:
    out: list[str] = []
    for b in data:
        if b < 0x80:
            out.append(chr(b))
        elif b == 0xA0:
            out.append("\u00a0")
        elif b in _CP1252_PUNCTUATION:
            out.append(_CP1252_PUNCTUATION[b])
        elif b in _TCVN3_DECODE:
            out.append(_TCVN3_DECODE[b])
        else:
            return None  # a byte the ABC fonts leave empty
    return "".join(out)


# --- what a Vietnamese word looks like ----------------------------------------------------------

_VOWELS = frozenset("aăâeêioôơuưy")
_ALPHABET = frozenset("abcdđeghiklmnopqrstuvxyăâêôơư")
_MODIFIED_VOWELS = frozenset("ăâêôơư")
_TONES = frozenset(_TONE_MARKS[1:])
_STOP_CODAS = ("c", "ch", "p", "t", "k")
_STOP_TONES = frozenset({"\u0301", "\u0323"})  # a syllable closed by a stop takes only sắc or nặng, never level

# The rhymes (vần) of standard Vietnamese, without tone. "k" codas appear in Central Highlands
# place names (Đắk Lắk). Rhymes starting with "yê" are written only without an initial.
# The loan rhyme "oong" (xoong, boong) is accepted only without a tone: toned, "oõng" is what
# VNI "ông" looks like when read as TCVN3.
_RHYMES = frozenset(
    """
    a ai ao au ay ac ach am an ang anh ap at ak
    ăc ăm ăn ăng ăp ăt ăk
    âu ây âc âm ân âng âp ât
    e eo ec em en eng ep et ek
    ê êu êch êm ên ênh êp êt êk
    i ia iu ich im in inh ip it
    iêc iêm iên iêng iêp iêt iêu
    yêm yên yêng yêt yêu
    o oi oc om on ong op ot ok ooc oong
    oa oai oay oao oac oach oam oan oang oanh oap oat
    oăc oăm oăn oăng oăt
    oe oeo oen oet
    ô ôi ôc ôm ôn ông ôp ôt ôk
    ơ ơi ơm ơn ơp ơt
    u ua ui uc um un ung up ut uk
    uân uâng uât uây
    uê uêch uênh
    uơ
    uôc uôi uôm uôn uông uôt
    uy uya uyu uych uyn uynh uyp uyt uyên uyêt
    ư ưa ưi ưu ưc ưm ưn ưng ưt
    ươc ươi ươm ươn ương ươp ươt ươu
    y
    """.split()
)
_ONSETS = (
    "ngh",
    "ng",
    "nh",
    "ch",
    "gh",
    "gi",
    "kh",
    "ph",
    "qu",
    "th",
    "tr",
    "b",
    "c",
    "d",
    "đ",
    "g",
    "h",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "x",
    "",
)
_FRONT = frozenset("ieêy")  # k, gh, ngh go before these; c, g, ng never do
_GLIDE_RHYMES = ("oa", "oă", "oe", "uy", "uâ", "uê", "uơ")  # rhymes opening with the glide /w/


def _onset_fits(onset: str, rhyme: str) -> bool:
    first = rhyme[0]
    if onset in ("k", "gh", "ngh"):
        return first in _FRONT
    if onset in ("c", "ng"):
        # /kw/ is spelt qu: "coa", "cuy", "cuâ" never occur (while cua, của, cuộc do).
        return first not in _FRONT and not (onset == "c" and rhyme.startswith(_GLIDE_RHYMES))
    if onset == "g":
        return first not in _FRONT or first == "i"  # "gì", "giếng": g + i...
    if onset == "qu":
        return first not in "ouư"
    if rhyme.startswith("yê"):
        return onset == ""
    return True


def _tone_positions(rhyme: str) -> set[int]:
    """Where the tone may sit in ``rhyme``; both the old (hòa) and new (hoà) placements pass."""
    vowels = [i for i, c in enumerate(rhyme) if c in _VOWELS]
    modified = [i for i in vowels if rhyme[i] in _MODIFIED_VOWELS]
    if modified:
        return {modified[-1]}  # ươ carries it on ơ, iê on ê, uâ on â...
    if rhyme[-1] not in _VOWELS:
        return {vowels[-1]}  # closed rhyme: the vowel before the coda (oan, uynh)
    if len(vowels) == 1:
        return {vowels[0]}
    if len(vowels) == 2:
        return {0, 1} if rhyme in ("oa", "oe", "uy") else {0}
    return {1}  # oai, oay, uya, uyu, oeo: the middle vowel


def is_syllable(word: str) -> bool:
    """Whether ``word`` (any case, any normalisation) is one well-formed Vietnamese syllable."""
    if not (word.islower() or word.isupper() or word.istitle()):
        return False  # "ViÖt", "vêÌ": case flips inside a word are how TCVN3/CP1258 mojibake looks
    letters: list[str] = []
    tone, tone_at = "", -1
    for ch in unicodedata.normalize("NFC", word.lower()):
        parts = unicodedata.normalize("NFD", ch)
        marks = [c for c in parts if c in _TONES]
        rest = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        if marks:
            if tone or len(marks) > 1 or not (rest or letters):
                return False  # two tones, or a tone with no letter under it
            tone, tone_at = marks[0], len(letters) if rest else len(letters) - 1
        if rest:
            if rest not in _ALPHABET:
                return False  # f, j, w, z, or a mark foreign to Vietnamese (the diaeresis of ü)
            letters.append(rest)
    base = "".join(letters)
    for onset in _ONSETS:
        if not base.startswith(onset):
            continue
        rhyme = base[len(onset) :]
        if rhyme not in _RHYMES or not _onset_fits(onset, rhyme):
            continue
        if tone and tone_at - len(onset) not in _tone_positions(rhyme):
            continue
        if rhyme.endswith(_STOP_CODAS) and tone not in _STOP_TONES:
            continue
        if rhyme == "oong" and tone:
            continue
        return True
    return False


def _words(text: str) -> list[str]:
    """Split ``text`` into words: runs of ASCII letters and non-ASCII characters.

    ASCII digits, punctuation and spaces separate words; all three legacy encodings keep ASCII as
    it is, so the words line up in every reading. So do spaces and the typographic punctuation
    beyond latin-1 (’ “ ” – …). Latin-1 symbols (« ¸ ©) stay inside words on purpose: stuck to
    letters they are the mark of TCVN3 read as latin-1.
    """
    words: list[str] = []
    current: list[str] = []
    for c in text:
        if c.isascii():
            separator = not c.isalpha()
        else:
            separator = c.isspace() or (ord(c) > 0xFF and unicodedata.category(c)[0] in "PSZC")
        if separator:
            if current:
                words.append("".join(current))
                current = []
        else:
            current.append(c)
    if current:
        words.append("".join(current))
    return words


@dataclass(frozen=True)
class _Verdict:
    valid: bool  # no word is garbled
    evidence: int  # words with non-ASCII letters that are Vietnamese syllables


def _judge(text: str) -> _Verdict:
    """Score one reading: garbled if any word with a non-ASCII letter is no Vietnamese syllable."""
    evidence = 0
    for word in _words(text):
        if word.isascii():
            continue  # English words, abbreviations (UBND) and names say nothing either way
        if any(0x80 <= ord(c) < 0xA0 for c in word):
            return _Verdict(False, evidence)  # C1 controls never occur in text
        if not any(c.isalpha() for c in word):
            if any(unicodedata.combining(c) for c in word):
                return _Verdict(False, evidence)  # a tone mark on a symbol: "®́" (TCVN3 "đỡ" as CP1258)
            continue  # a lone symbol: ©, «
        if not is_syllable(word):
            return _Verdict(False, evidence)
        evidence += 1
    return _Verdict(True, evidence)


def is_vietnamese(text: str) -> bool:
    """Whether every word of ``text`` with a non-ASCII letter is a well-formed Vietnamese syllable."""
    return _judge(unicodedata.normalize("NFC", text)).valid


# --- telling which reading is right ---------------------------------------------------------------

_VIET_LATIN1_LETTERS = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_LATIN1_VOWELS = frozenset("aeiouyAEIOUY") | _VIET_LATIN1_LETTERS | frozenset("äåæëïöøüÿÄÅÆËÏÖØÜ")


def _recover_bytes(text: str) -> bytes | None:
    """The bytes a legacy text was read from, or None when ``text`` is real Unicode.

    Mutagen reads latin-1 frames as latin-1; other software (and WMA files) often used
    Windows-1252, whose 0x80-0x9F are typographic characters. Both views map back to one byte each.
    """
    out = bytearray()
    for ch in text:
        if ord(ch) <= 0xFF:
            out.append(ord(ch))
        elif ch in _CP1252_SPECIALS:
            out.append(_CP1252_SPECIALS[ch])
        else:
            return None
    return bytes(out)


def _looks_garbled(text: str) -> bool:
    """Whether a text that is not Vietnamese looks like mojibake rather than a foreign word.

    "Café" or "Für Elise" are left alone. Mojibake shows as control characters, symbols stuck to
    letters ("Th«ng"), case flipping inside a word ("ViÖt") or an accented letter right after a
    vowel ("baùo", "vêÌ"), which latin-1 languages rarely write.
    """
    for word in _words(text):
        if word.isascii() or not any(c.isalpha() for c in word):
            continue
        if any(0x80 <= ord(c) < 0xA0 for c in word):
            return True
        if not word.isalpha() or not (word.islower() or word.isupper() or word.istitle()):
            return True
        if any(c in "µªº" for c in word):
            return True
        for prev, c in zip(word, word[1:], strict=False):
            if not c.isascii() and prev in _LATIN1_VOWELS:
                return True
    return False


def fix_legacy(text: str) -> tuple[str, str | None]:
    """Return (unicode_text, encoding_name_or_None) for a tag value.

    ``encoding_name`` is 'cp1258', 'vni', 'tcvn3' or 'utf-8' when the text was a latin-1 (or
    Windows-1252) view of bytes in that encoding and was converted; None when the text was
    already fine (ASCII, real Unicode, Vietnamese that fits in latin-1, or a foreign word). The
    text comes back NFC-normalised.

    A reading is chosen only when it is the one reading (out of the text as it is and the three
    legacy decodings) in which every word with a non-ASCII letter is a Vietnamese syllable: a
    known initial, a known rhyme, at most one tone mark on the vowel that carries it, and only
    sắc or nặng before a stop consonant. The text as it is wins if it passes.

    Raises :class:`LegacyTextError` when the text looks like mojibake but no reading, or more
    than one, passes.
    """
    nfc = unicodedata.normalize("NFC", text)
    if nfc.isascii():
        return nfc, None
    data = _recover_bytes(text)
    if data is None:
        return nfc, None  # characters beyond latin-1: somebody wrote real Unicode
    as_is = _judge(nfc)
    if as_is.valid and as_is.evidence:
        return nfc, None  # Vietnamese that fits in latin-1 ("Tôi là ai"): fine as it is
    # UTF-8 read as latin-1 ("ThÃ´ng bÃ¡o"): UTF-8's multi-byte sequences almost never decode by
    # chance, so a strict UTF-8 reading that is Vietnamese settles it before the legacy ones.
    try:
        as_utf8 = unicodedata.normalize("NFC", data.decode("utf-8"))
    except UnicodeDecodeError:
        as_utf8 = None
    if as_utf8 is not None and not as_utf8.isascii():
        verdict = _judge(as_utf8)
        if verdict.valid and verdict.evidence:
            return as_utf8, "utf-8"
    passing: list[tuple[str, str]] = []
    for encoding in ENCODINGS:
        decoded = decode_legacy(data, encoding)
        if decoded is None:
            continue
        verdict = _judge(decoded)
        if verdict.valid and verdict.evidence:
            passing.append((decoded, encoding))
    if len(passing) == 1:
        return passing[0]
    if as_is.valid:
        return nfc, None  # ASCII words and symbols (©, «) that no legacy reading turns into Vietnamese
    if len(passing) > 1:
        names = ", ".join(enc for _text, enc in passing)
        raise LegacyTextError(f"{text!r} reads as Vietnamese in more than one legacy encoding ({names})")
    if _looks_garbled(nfc):
        raise LegacyTextError(f"{text!r} looks garbled and no legacy Vietnamese encoding explains it")
    return nfc, None
