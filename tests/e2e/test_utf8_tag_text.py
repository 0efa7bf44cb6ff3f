"""A title written in UTF-8 into a latin-1 ID3 frame ("ThÃ´ng bÃ¡o") is recovered on import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mutagen.id3 import ID3, TIT2, TPE1

from broadcast.tags import fix_legacy
from tests.conftest import Cli


def test_utf8_read_as_latin1_becomes_vietnamese_again(cli: Cli, make_audio: Callable[..., Path]) -> None:
    mp3 = make_audio(seconds=2)
    tags = ID3()
    tags.add(TIT2(encoding=0, text=["Thông báo tiêm phòng".encode().decode("latin-1")]))
    tags.add(TPE1(encoding=0, text=["UBND xã Tân Phú".encode().decode("latin-1")]))
    tags.save(mp3)
    cli.ok("init")
    item = cli.json("clips", "add", str(mp3))
    assert item["title"] == "Thông báo tiêm phòng"
    shown = cli.json("clips", "show", str(item["id"]))
    assert shown["title"] == "Thông báo tiêm phòng"
    assert "UTF-8" in str(item) or "UTF-8" in str(shown)  # the warning names what was converted
    # real latin-1 text and true legacy encodings are not taken for UTF-8
    assert fix_legacy("Café") == ("Café", None)
