"""Reading tags from real audio files made with ffmpeg and tagged with mutagen."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from mutagen.asf import ASF
from mutagen.flac import FLAC
from mutagen.id3 import COMM, ID3, TALB, TDRC, TIT2, TPE1, TPUB
from mutagen.mp4 import MP4
from mutagen.oggopus import OggOpus
from mutagen.oggvorbis import OggVorbis

from broadcast.tags import encode_legacy, read
from schedules.library import ItemMeta
from tests.conftest import have

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
GARBAGE = "ÃÂ¢Ã©Ã¨ Ã¶Ã¼"

pytestmark = pytest.mark.usefixtures("english")  # tests read the English messages


def make_audio(path: Path, *codec: str) -> Path:
    """One second of 440 Hz in ``path``, encoded with the given ffmpeg codec options."""
    subprocess.run(
        [have("ffmpeg"), "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "sine=f=440:d=1", *codec, str(path)],
        check=True,
    )
    return path


def latin1_view(text: str, encoding: str) -> str:
    """What a latin-1 ID3 frame holding ``text`` in a legacy encoding decodes to."""
    return encode_legacy(text, encoding).decode("latin-1")


def kinds(warnings: list[dict[str, str]]) -> list[str]:
    return [w["kind"] for w in warnings]


@pytest.fixture
def mp3(tmp_path: Path) -> Path:
    return make_audio(tmp_path / "clip.mp3", "-c:a", "libmp3lame")


def test_id3_latin1_frame_in_vni_is_converted(mp3: Path) -> None:
    tags = ID3()
    tags.add(TIT2(encoding=0, text=[latin1_view("Thông báo về việc tiêm phòng gia súc", "vni")]))
    tags.add(TPE1(encoding=0, text=[latin1_view("Đài truyền thanh xã", "vni")]))
    tags.save(mp3)

    meta, warnings = read(mp3)

    assert meta.title == "Thông báo về việc tiêm phòng gia súc"
    assert meta.author == "Đài truyền thanh xã"
    assert kinds(warnings) == ["tag_converted", "tag_converted"]
    assert all("VNI" in w["message"] for w in warnings)


def test_id3_latin1_frames_in_tcvn3_and_cp1258(mp3: Path) -> None:
    tags = ID3()
    tags.add(TIT2(encoding=0, text=[latin1_view("Phòng chống lụt bão", "tcvn3")]))
    tags.add(COMM(encoding=0, lang="vie", desc="", text=[latin1_view("Nghị quyết của Hội đồng nhân dân", "cp1258")]))
    tags.save(mp3)

    meta, warnings = read(mp3)

    assert meta.title == "Phòng chống lụt bão"
    assert meta.summary == "Nghị quyết của Hội đồng nhân dân"
    messages = " ".join(w["message"] for w in warnings)
    assert kinds(warnings) == ["tag_converted", "tag_converted"]
    assert "TCVN3" in messages and "Windows-1258" in messages


def test_id3_unicode_frames_map_every_field(mp3: Path) -> None:
    tags = ID3()
    tags.add(TIT2(encoding=3, text=["  Ủy ban nhân dân xã thông báo  "]))
    tags.add(TPE1(encoding=1, text=["Nguyễn Thị Hồng"]))
    tags.add(COMM(encoding=3, lang="vie", desc="", text=["Đường làng ngõ xóm"]))
    tags.add(COMM(encoding=3, lang="eng", desc="iTunNORM", text=[" 00000A2C 00000B1D"]))
    tags.add(TALB(encoding=3, text=["Bản tin tuần"]))
    tags.add(TPUB(encoding=3, text=["Đài truyền thanh xã Tân Lập"]))
    tags.add(TDRC(encoding=3, text=["2024-03-05"]))
    tags.save(mp3)

    meta, warnings = read(mp3)

    assert meta == ItemMeta(
        title="Ủy ban nhân dân xã thông báo",
        author="Nguyễn Thị Hồng",
        summary="Đường làng ngõ xóm",
        source="Đài truyền thanh xã Tân Lập",  # the publisher wins over the album
        produced_at=datetime(2024, 3, 5, tzinfo=HCM),
    )
    assert warnings == []


def test_id3_album_is_the_source_without_publisher_and_a_bare_year_is_no_date(mp3: Path) -> None:
    tags = ID3()
    tags.add(TALB(encoding=3, text=["Bản tin tuần"]))
    tags.add(TDRC(encoding=3, text=["2024"]))
    tags.save(mp3)

    meta, _warnings = read(mp3)

    assert meta.source == "Bản tin tuần"
    assert meta.produced_at is None
    assert meta.title is None


def test_undecidable_mojibake_title_is_dropped_with_a_warning(mp3: Path) -> None:
    tags = ID3()
    tags.add(TIT2(encoding=0, text=[GARBAGE]))
    tags.add(TPE1(encoding=3, text=["Trần Văn Nam"]))
    tags.save(mp3)

    meta, warnings = read(mp3)

    assert meta.title is None  # the importer falls back to the file name
    assert meta.author == "Trần Văn Nam"
    assert kinds(warnings) == ["tag_encoding"]
    assert "title" in warnings[0]["message"]


def test_id3v1_tag_in_tcvn3(tmp_path: Path) -> None:
    # Old MP3s often carry only an ID3v1 block: 128 bytes, fixed fields, no declared encoding.
    path = make_audio(tmp_path / "old.mp3", "-c:a", "libmp3lame", "-id3v2_version", "0", "-write_id3v1", "0")

    def field(text: str, size: int) -> bytes:
        return encode_legacy(text, "tcvn3").ljust(size, b"\0")

    block = b"TAG" + field("Lịch tiêm phòng", 30) + field("Trạm thú y", 30) + field("", 30) + b"2009" + field("", 30) + b"\xff"
    with path.open("ab") as f:
        f.write(block)

    meta, warnings = read(path)

    assert meta.title == "Lịch tiêm phòng"
    assert meta.author == "Trạm thú y"
    assert meta.produced_at is None
    assert kinds(warnings) == ["tag_converted", "tag_converted"]


def test_m4a(tmp_path: Path) -> None:
    path = make_audio(tmp_path / "clip.m4a", "-c:a", "aac")
    audio = MP4(path)
    if audio.tags is None:
        audio.add_tags()
    assert audio.tags is not None
    audio.tags["©nam"] = ["Phòng chống lụt bão"]
    audio.tags["©ART"] = ["Ban chỉ huy phòng chống thiên tai"]
    audio.tags["©cmt"] = ["Bà con chú ý theo dõi"]
    audio.tags["©alb"] = ["Bản tin mùa mưa"]
    audio.tags["©day"] = ["2024-09-10T07:30:00Z"]
    audio.save()

    meta, warnings = read(path)

    assert meta == ItemMeta(
        title="Phòng chống lụt bão",
        author="Ban chỉ huy phòng chống thiên tai",
        summary="Bà con chú ý theo dõi",
        source="Bản tin mùa mưa",
        produced_at=datetime(2024, 9, 10, 7, 30, tzinfo=UTC),
    )
    assert warnings == []


def test_ogg_vorbis(tmp_path: Path) -> None:
    path = make_audio(tmp_path / "clip.ogg", "-c:a", "libvorbis")
    audio = OggVorbis(path)
    assert audio.tags is not None
    audio.tags["TITLE"] = ["Đường làng ngõ xóm"]
    audio.tags["ARTIST"] = ["Chi hội phụ nữ"]
    audio.tags["ALBUM"] = ["Nông thôn mới"]
    audio.tags["ORGANIZATION"] = ["UBND xã"]
    audio.tags["DATE"] = ["2023-12-01"]
    audio.save()

    meta, warnings = read(path)

    assert meta.title == "Đường làng ngõ xóm"
    assert meta.author == "Chi hội phụ nữ"
    assert meta.source == "UBND xã"
    assert meta.produced_at == datetime(2023, 12, 1, tzinfo=HCM)
    assert warnings == []


def test_opus(tmp_path: Path) -> None:
    path = make_audio(tmp_path / "clip.opus", "-c:a", "libopus")
    audio = OggOpus(path)
    assert audio.tags is not None
    audio.tags["title"] = ["Nghị quyết của Hội đồng nhân dân"]
    audio.tags["description"] = ["Kỳ họp thứ năm"]
    audio.save()

    meta, warnings = read(path)

    assert meta.title == "Nghị quyết của Hội đồng nhân dân"
    assert meta.summary == "Kỳ họp thứ năm"
    assert warnings == []


def test_flac_with_legacy_text_copied_into_utf8(tmp_path: Path) -> None:
    # A converter that took the latin-1 view of a VNI tag and wrote it to Vorbis comments (UTF-8):
    # the mojibake survives the copy, and so does the fix.
    path = make_audio(tmp_path / "clip.flac", "-c:a", "flac")
    audio = FLAC(path)
    if audio.tags is None:
        audio.add_tags()
    assert audio.tags is not None
    audio.tags["TITLE"] = [latin1_view("Ủy ban nhân dân xã", "vni")]
    audio.tags["ARTIST"] = ["Văn phòng xã"]
    audio.tags["DATE"] = ["2022"]
    audio.save()

    meta, warnings = read(path)

    assert meta.title == "Ủy ban nhân dân xã"
    assert meta.author == "Văn phòng xã"
    assert meta.produced_at is None
    assert kinds(warnings) == ["tag_converted"]


def test_wma(tmp_path: Path) -> None:
    path = make_audio(tmp_path / "clip.wma", "-c:a", "wmav2")
    audio = ASF(path)
    audio["Title"] = ["Tuyên truyền luật giao thông"]
    audio["Author"] = ["Công an xã"]
    audio["WM/Publisher"] = ["Đài truyền thanh huyện"]
    audio.save()

    meta, warnings = read(path)

    assert meta.title == "Tuyên truyền luật giao thông"
    assert meta.author == "Công an xã"
    assert meta.source == "Đài truyền thanh huyện"
    assert warnings == []


def test_untagged_wav_gives_empty_meta(tmp_path: Path) -> None:
    path = make_audio(tmp_path / "clip.wav", "-c:a", "pcm_s16le")
    assert read(path) == (ItemMeta(), [])


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("broken.mp3", b"\x00\x01 not an mp3 at all " * 50),
        ("broken.flac", b"fLaC" + b"\xff" * 40),
        ("notes.txt", "Không phải âm thanh".encode()),
    ],
)
def test_unparseable_file_gives_empty_meta(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert read(path) == (ItemMeta(), [])
