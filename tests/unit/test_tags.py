"""Legacy Vietnamese encodings in tag text: the code tables, the detector, and date parsing."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from broadcast.tags import (
    ENCODINGS,
    LegacyTextError,
    decode_legacy,
    encode_legacy,
    fix_legacy,
    is_syllable,
    is_vietnamese,
    parse_recording_date,
)

# Phrases a commune loudspeaker really announces. TCVN3 has no toned capitals (see tags.py), so
# its list starts toned words in lowercase.
PHRASES = [
    "Thông báo về việc tiêm phòng gia súc",
    "Ủy ban nhân dân xã",
    "Phòng chống lụt bão",
    "Đường làng ngõ xóm",
    "Nghị quyết của Hội đồng nhân dân",
    "Chương trình phát thanh buổi sáng",
    "Khuyến cáo phòng chống dịch sốt xuất huyết",
    "ĐIỆN LỰC THÔNG BÁO TẠM NGỪNG CUNG CẤP ĐIỆN",
]
TCVN3_PHRASES = [
    "Thông báo về việc tiêm phòng gia súc",
    "ủy ban nhân dân xã",
    "Phòng chống lụt bão",
    "Đường làng ngõ xóm",
    "Nghị quyết của Hội đồng nhân dân",
    "Chương trình phát thanh buổi sáng",
    "Khuyến cáo phòng chống dịch sốt xuất huyết",
]


def latin1_view(text: str, encoding: str) -> str:
    """What mutagen shows for ``text`` stored in ``encoding`` inside a latin-1 ID3 frame."""
    return encode_legacy(text, encoding).decode("latin-1")


# --- the code tables -----------------------------------------------------------------------------

TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
LOWER_LETTERS = [unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưy" for t in TONES] + ["đ"]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_letter_round_trips(encoding: str) -> None:
    letters = LOWER_LETTERS + [c.upper() for c in LOWER_LETTERS]
    if encoding == "tcvn3":
        letters = LOWER_LETTERS + ["Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ"]
    for letter in letters:
        data = encode_legacy(letter, encoding)
        assert decode_legacy(data, encoding) == letter, (letter, data)


def test_codes_are_distinct() -> None:
    # A table that gave two letters one code would not round trip one of them.
    for encoding in ENCODINGS:
        codes = [encode_legacy(c, encoding) for c in LOWER_LETTERS]
        assert len(set(codes)) == len(codes), encoding


@pytest.mark.parametrize(
    ("view", "expected"),
    [
        # Samples published with open-source converters, independent of our own encoder.
        ("Thoâng baùo", "Thông báo"),
        ("Xin chaøo caùc baïn", "Xin chào các bạn"),  # duydev/vietnamese-conversion README
    ],
)
def test_published_vni_samples(view: str, expected: str) -> None:
    assert fix_legacy(view) == (expected, "vni")


@pytest.mark.parametrize(
    ("view", "expected"),
    [
        ("Th«ng b¸o", "Thông báo"),
        ("B¶o Th¾ng", "Bảo Thắng"),
        ("M\xadêng Kh\xad¬ng", "Mường Khương"),  # 0xAD (ư) is a soft hyphen in latin-1
        ("B¸t X¸t", "Bát Xát"),
    ],
)
def test_published_tcvn3_samples(view: str, expected: str) -> None:
    assert fix_legacy(view) == (expected, "tcvn3")


def test_tcvn3_has_no_toned_capitals() -> None:
    with pytest.raises(ValueError):
        encode_legacy("Ủy ban", "tcvn3")


def test_cp1258_uses_combining_tones() -> None:
    # "ệ" is not in Windows-1258: it is ê (0xEA) followed by the combining dot below (0xF2).
    assert encode_legacy("việc", "cp1258") == b"vi\xea\xf2c"
    assert decode_legacy(b"vi\xea\xf2c", "cp1258") == "việc"


# --- fix_legacy ----------------------------------------------------------------------------------


@pytest.mark.parametrize("phrase", PHRASES)
def test_cp1258(phrase: str) -> None:
    assert fix_legacy(latin1_view(phrase, "cp1258")) == (phrase, "cp1258")


@pytest.mark.parametrize("phrase", PHRASES)
def test_vni(phrase: str) -> None:
    assert fix_legacy(latin1_view(phrase, "vni")) == (phrase, "vni")


@pytest.mark.parametrize("phrase", TCVN3_PHRASES)
def test_tcvn3(phrase: str) -> None:
    assert fix_legacy(latin1_view(phrase, "tcvn3")) == (phrase, "tcvn3")


def test_windows_1252_view_is_recovered_too() -> None:
    # Software that decoded with Windows-1252 shows 0x93/0x94 as curly quotes, not C1 controls.
    data = encode_legacy("Bản tin ", "vni") + b"\x93" + encode_legacy("số 5", "vni") + b"\x94"
    assert fix_legacy(data.decode("cp1252")) == ("Bản tin “số 5”", "vni")
    assert fix_legacy(data.decode("latin-1")) == ("Bản tin “số 5”", "vni")


@pytest.mark.parametrize(
    "text",
    [
        "Ban tin so 5 - 2024",
        "UBND xa Tan Lap",
        "",
        "Tôi là ai",  # real Vietnamese that happens to fit in latin-1
        "Café de Paris",  # a foreign word is not mojibake
        "Für Elise",
        "Don’t stop – “Tôi là ai”",
        "Radio ©2020",
    ],
)
def test_fine_text_passes_unchanged(text: str) -> None:
    assert fix_legacy(text) == (text, None)


@pytest.mark.parametrize("phrase", PHRASES)
def test_unicode_vietnamese_passes_unchanged(phrase: str) -> None:
    assert fix_legacy(phrase) == (phrase, None)
    # Decomposed input (macOS file names, some taggers) comes back composed.
    assert fix_legacy(unicodedata.normalize("NFD", phrase)) == (phrase, None)


def test_utf8_read_as_latin1_is_recovered() -> None:
    assert fix_legacy("ThÃ´ng bÃ¡o") == ("Thông báo", "utf-8")
    for phrase in PHRASES:
        assert fix_legacy(phrase.encode().decode("latin-1")) == (phrase, "utf-8")


@pytest.mark.parametrize(
    "garbage",
    [
        "ÃÂ¢Ã©Ã¨ Ã¶Ã¼",
        "\x80\x81abc",
        "Noël Thoâng",  # VNI with a word that is no syllable in any reading
    ],
)
def test_undecidable_mojibake_raises(garbage: str) -> None:
    with pytest.raises(LegacyTextError):
        fix_legacy(garbage)


def test_ambiguous_reading_raises() -> None:
    # VNI "cư" (c 0xF6) reads as TCVN3 "cử" too; nothing tells them apart.
    view = latin1_view("cư", "vni")
    assert decode_legacy(view.encode("latin-1"), "tcvn3") == "cử"
    with pytest.raises(LegacyTextError):
        fix_legacy(view)


@pytest.mark.parametrize(
    ("word", "ok"),
    [
        ("nghiêng", True),
        ("Khuỷu", True),
        ("thuở", True),
        ("hoà", True),  # new-style tone placement
        ("hòa", True),  # old style
        ("giữa", True),
        ("Đắk", True),
        ("ĐƯỜNG", True),
        ("cát", True),
        ("càt", False),  # a stop coda takes only sắc or nặng
        ("ngè", False),  # ng + e is spelt ngh
        ("kà", False),
        ("hóà", False),  # two tones
        ("baùo", False),
        ("ViÖt", False),
        ("müller", False),
        ("xyz", False),
    ],
)
def test_is_syllable(word: str, ok: bool) -> None:
    assert is_syllable(word) is ok


# --- property: encode -> latin-1 view -> fix_legacy --------------------------------------------

VOCABULARY = sorted(
    set(
        re.findall(
            r"\w+",
            """
            Thông báo về việc tiêm phòng gia súc gia cầm đợt hai năm nay. Ủy ban nhân dân xã thông báo
            lịch cắt điện ngày mai. Phòng chống lụt bão giảm nhẹ thiên tai là nhiệm vụ của toàn dân.
            Đường làng ngõ xóm sạch đẹp xây dựng nông thôn mới. Nghị quyết của Hội đồng nhân dân tỉnh.
            Bà con chú ý phòng tránh dịch bệnh sốt xuất huyết trong mùa mưa. Khuya nay trời rét đậm,
            giữ ấm cho trẻ nhỏ và người già. Chiến dịch làm thủy lợi nội đồng, nạo vét kênh mương.
            Tuyên truyền luật giao thông, đội mũ bảo hiểm. Quyết định khen thưởng hộ gia đình văn hóa.
            Thuở nhỏ theo bà ra đồng gặt lúa nhổ cỏ bắt cua. Khuỷu tay, quả trứng, chim khuyên, ngoằn
            ngoèo, oái oăm. Rượu ngon, hươu nai, ước mơ, ướp lạnh. Huấn luyện quân sự, khuây khỏa.
            Kĩ năng, ẩm ướt, lẳng lặng, lẽ phải, giúp đỡ, vỡ đê, mỹ thuật, kỷ niệm, ỷ lại, thủ thỉ.
            Giếng nước, gìn giữ, yên ấm, yêu thương. Người ấy, bến nước, sân đình, ổ gà, ồ ạt.
            """,
        )
    )
)


def _tcvn3_case(word: str) -> str:
    """TCVN3 has no toned capitals: a word it cannot hold in capitals stays lowercase."""
    try:
        encode_legacy(word, "tcvn3")
    except ValueError:
        return word.lower()
    return word


@st.composite
def phrases(draw: st.DrawFn, encoding: str) -> str:
    """Phrases of real Vietnamese syllables in lower, Title or UPPER case, holdable in ``encoding``."""
    words = draw(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=6))
    cased = [draw(st.sampled_from([w.lower(), w.capitalize(), w.upper()])) for w in words]
    if encoding == "tcvn3":
        cased = [_tcvn3_case(w) for w in cased]
    return " ".join(cased)


@settings(max_examples=300, deadline=None, database=None)
@given(
    text=st.text(alphabet=st.sampled_from(LOWER_LETTERS + [c.upper() for c in LOWER_LETTERS] + [" "]), max_size=30),
    encoding=st.sampled_from(ENCODINGS),
)
def test_codec_round_trips_any_letters(text: str, encoding: str) -> None:
    # The tables alone, on strings that need not be words: encode, show as latin-1, decode.
    if encoding == "tcvn3":
        text = text.lower()
    view = encode_legacy(text, encoding).decode("latin-1")
    assert decode_legacy(view.encode("latin-1"), encoding) == text


@st.composite
def encoded_phrases(draw: st.DrawFn) -> tuple[str, str]:
    encoding = draw(st.sampled_from(ENCODINGS))
    return draw(phrases(encoding)), encoding


@settings(max_examples=500, deadline=None, database=None)
@given(case=encoded_phrases())
def test_round_trip_property(case: tuple[str, str]) -> None:
    phrase, encoding = case
    data = encode_legacy(phrase, encoding)
    view = data.decode("latin-1")
    if view == phrase:
        # Windows-1258 stores latin-1 letters (à, ô...) as latin-1 does: nothing to convert.
        assert fix_legacy(view) == (phrase, None)
        return
    # A view that is itself Vietnamese is kept as it is (short texts such as VNI "mơ" -> "mô"):
    # fix_legacy cannot know, and the result is no mojibake.
    assume(not is_vietnamese(view))
    others = [enc for enc in ENCODINGS if enc != encoding and _reads_as_vietnamese(data, enc)]
    if others:
        # Another encoding reads the same bytes as Vietnamese too (VNI "cư" = TCVN3 "cử").
        with pytest.raises(LegacyTextError):
            fix_legacy(view)
    else:
        assert fix_legacy(view) == (phrase, encoding)


def _reads_as_vietnamese(data: bytes, encoding: str) -> bool:
    """Whether ``data`` in ``encoding`` is Vietnamese with at least one word beyond ASCII."""
    text = decode_legacy(data, encoding)
    if text is None or not is_vietnamese(text):
        return False
    return any(is_syllable(w) for w in re.findall(r"\w+", text) if not w.isascii())


# --- dates ---------------------------------------------------------------------------------------


def test_full_date_is_local_midnight() -> None:
    assert parse_recording_date("2024-03-05") == datetime(2024, 3, 5, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def test_timestamp_with_zone() -> None:
    assert parse_recording_date("2024-03-05T07:30:00Z") == datetime(2024, 3, 5, 7, 30, tzinfo=UTC)
    got = parse_recording_date("2024-03-05T07:30:00+07:00")
    assert got is not None and got.astimezone(UTC) == datetime(2024, 3, 5, 0, 30, tzinfo=UTC)


@pytest.mark.parametrize("text", ["2024", "2024-03", "", "05/03/2024", "2024-02-30", "next week"])
def test_partial_or_bad_dates_are_none(text: str) -> None:
    assert parse_recording_date(text) is None
