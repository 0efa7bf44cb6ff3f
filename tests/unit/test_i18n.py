"""Every message has its Vietnamese translation, placeholders intact; the Qt catalogs are current."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from desktop import i18n_catalog

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def test_every_message_is_translated_to_vietnamese() -> None:
    missing = i18n_catalog.missing()
    assert not missing, "run `python -m desktop.i18n_catalog update` and translate:\n" + "\n".join(missing)


def test_translations_keep_their_placeholders() -> None:
    bad = {k: v for k, v in i18n_catalog.load().items() if v and sorted(PLACEHOLDER.findall(k)) != sorted(PLACEHOLDER.findall(v))}
    assert not bad


def ts_messages(path: Path) -> dict[tuple[str, str], str | None]:
    out: dict[tuple[str, str], str | None] = {}
    for ctx in ET.parse(path).iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            tr = m.find("translation")
            done = tr is not None and tr.get("type") is None and bool((tr.text or "").strip())
            out[(name, m.findtext("source") or "")] = tr.text if done and tr is not None else None
    return out


def test_window_strings_are_all_in_the_catalogs(tmp_path: Path) -> None:
    """lupdate over the GUI sources finds nothing the committed .ts files lack."""
    lupdate = shutil.which("pyside6-lupdate") or str(Path(sys.executable).with_name("pyside6-lupdate"))
    fresh = tmp_path / "fresh.ts"
    subprocess.run([lupdate, *i18n_catalog.gui_sources(), "-ts", str(fresh)], cwd=ROOT, check=True, capture_output=True)
    wanted = set(ts_messages(fresh))
    for lang in ("vi", "en"):
        have = ts_messages(i18n_catalog.TS_FILES[lang])
        missing = sorted(k for k in wanted if have.get(k) is None)
        assert not missing, f"{lang}: untranslated window strings (run python -m desktop.i18n_catalog update): {missing}"


def test_vietnamese_window_translation_loads() -> None:
    from PySide6.QtCore import QTranslator

    from desktop.gui import i18n

    qm = i18n.qm_path("vi", ROOT / ".pytest-i18n-cache")
    try:
        assert qm is not None
        t = QTranslator()
        assert t.load(str(qm))
        assert t.translate("MainWindow", "Today") == "Hôm nay"
        assert t.translate("formatting", "Sunday") == "Chủ nhật"
    finally:
        shutil.rmtree(ROOT / ".pytest-i18n-cache", ignore_errors=True)


def test_a_message_written_in_one_language_reads_in_another() -> None:
    """As-run reasons are stored with their message ids: what a Vietnamese engine wrote, an
    English reader reads in English (and the text itself stays as written)."""
    import pickle

    from schedules import i18n

    before = i18n.language()
    try:
        i18n.set_language("vi")
        reason = i18n.join([i18n._("{s} s not delivered: {error}", s=2.5, error=i18n._("the endpoint could not be reached")), "", "HTTP 503"])
        assert reason == "2.5 giây không truyền được: không kết nối được điểm phát; HTTP 503"
        data = i18n.encode(pickle.loads(pickle.dumps(reason)))  # crosses processes intact
        assert i18n.render(data, "en") == "2.5 s not delivered: the endpoint could not be reached; HTTP 503"
        assert i18n.render(data, "vi") == str(reason)
        assert i18n.render({"id": "no such message {x:.1f}", "values": {"x": "oops"}}, "en") == "no such message {x:.1f}"
        assert i18n.encode("plain text") == "plain text" and i18n.render(None) == ""
    finally:
        i18n.set_language(before)
