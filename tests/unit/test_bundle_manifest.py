"""The bundle manifest and ZIP reader without a database or ffmpeg: the schema, the rules beyond
it, entry names, and property-based fuzzing that only ever ends in InputRefused.

The bundle builders (``item_doc``, ``manifest_doc``, ``write_bundle``, ``patch_central``) are in
tests/support/bundles.py, shared with the integration, window and end-to-end bundle tests.
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import tempfile
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schedules import bundles
from schedules.bundles import Limits, entry_problem, local_name, parse_manifest
from schedules.errors import InputRefused
from schedules.media import MediaStore
from tests.support.bundles import BUNDLE_ID, item_doc, manifest_doc, patch_central, write_bundle

pytestmark = pytest.mark.usefixtures("english")  # tests read the English messages


def fake_audio(tag: str, size: int = 2000) -> bytes:
    """Bytes that the unit tests' ``check_audio`` accepts (the integration tests use real MP3s)."""
    head = b"ID3FAKE:" + tag.encode()
    return head + bytes((i * 7 + len(tag)) % 251 for i in range(size - len(head)))


def stub_check_audio(path: Path) -> float:
    with open(path, "rb") as f:
        if f.read(8) != b"ID3FAKE:":
            raise InputRefused(f"'{path.name}' is not an audio file LoaXa can read.", kind="not_audio")
    return 2.0


def good_doc() -> dict[str, Any]:
    a, b = fake_audio("a"), fake_audio("b")
    return manifest_doc(
        [
            item_doc("a", "media/a.mp3", a, valid_from="2027-03-01", valid_until="2027-03-31", approved_by="Trưởng phòng"),
            item_doc("b", "media/b.mp3", b, field=3, priority=2),
        ],
        playlists=[{"id": "p1", "name": "Sáng", "items": ["a", "b", "a"]}],
        schedules=[
            {
                "id": "s1",
                "playlist": "p1",
                "targets": ["X1"],
                "times": ["05:30", "17:00"],
                "days": ["mon", "wed"],
                "from": "2027-03-01",
                "until": "2027-03-31",
                "collision": "wait:120",
            }
        ],
    )


def encode(doc: Any) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


# --- the schema and the manifest rules ---------------------------------------------------------


def test_schema_is_valid_draft_2020_12_and_loads_from_the_package() -> None:
    from jsonschema import Draft202012Validator

    schema = bundles.schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    assert set(schema["required"]) == {"format", "version", "id", "revision", "issuer", "created_at", "items"}


def test_a_good_manifest_parses_into_values() -> None:
    m = parse_manifest(encode(good_doc()))
    assert (m.bundle_id, m.revision, m.issuer_code, m.issuer_name) == (BUNDLE_ID, 1, "T1", "Sở Văn hóa")
    a, b = m.items
    assert a.meta.valid_from is not None and a.meta.valid_from.isoformat() == "2027-03-01" and a.approved_by == "Trưởng phòng"
    assert (b.meta.field, b.meta.priority, b.meta.language) == (3, 2, "vi")
    assert m.playlists[0].items == ("a", "b", "a")
    s = m.schedules[0]
    assert (s.times, s.days, s.collision) == (("05:30:00", "17:00:00"), "mon,wed", "wait:120")
    assert m.created_at.utcoffset() is not None and m.created_at.hour == 1  # 08:00+07:00 in UTC
    assert m.sha256 == hashlib.sha256(encode(good_doc())).hexdigest()


def _mutated(path: str, value: Any) -> dict[str, Any]:
    doc = good_doc()
    target: Any = doc
    keys_ = path.split(".")
    for k in keys_[:-1]:
        target = target[int(k)] if k.isdigit() else target[k]
    last = keys_[-1]
    if value is _DELETE:
        del target[last]
    elif last.isdigit():
        target[int(last)] = value
    else:
        target[last] = value
    return doc


_DELETE = object()

REFUSED = [
    # (case, path, value, kind, words in the message)
    ("version 2", "version", 2, "manifest_version", "version 2"),
    ("wrong format name", "format", "other", "manifest_schema", "format"),
    ("revision as text", "revision", "1", "manifest_schema", "revision"),
    ("revision zero", "revision", 0, "manifest_schema", "revision"),
    ("items not a list", "items", {}, "manifest_schema", "items"),
    ("no items", "items", [], "manifest_schema", "items"),
    ("field as text", "items.0.field", "1", "manifest_schema", "field"),
    ("field out of range", "items.0.field", 7, "manifest_schema", "field"),
    ("priority out of range", "items.0.priority", 0, "manifest_schema", "priority"),
    ("boolean priority", "items.0.priority", True, "manifest_schema", "priority"),
    ("collision unknown", "schedules.0.collision", "explode", "manifest_schema", "collision"),
    ("collision wait too long", "schedules.0.collision", "wait:99999", "manifest_schedule", "wait"),
    ("missing issuer", "issuer", _DELETE, "manifest_schema", "issuer"),
    ("missing sha256", "items.0.sha256", _DELETE, "manifest_schema", "sha256"),
    ("missing title", "items.1.title", _DELETE, "manifest_schema", "title"),
    ("unknown key", "items.0.colour", "red", "manifest_schema", "colour"),
    ("bad uuid", "id", "not-a-uuid", "manifest_schema", "id"),
    ("uuid with newline", "id", BUNDLE_ID + "\n", "manifest_schema", "id"),
    ("sha256 upper case", "items.0.sha256", "A" * 64, "manifest_schema", "sha256"),
    ("created_at without offset", "created_at", "2027-03-01T08:00:00", "manifest_schema", "created_at"),
    ("created_at impossible", "created_at", "2027-02-30T08:00:00+07:00", "manifest_date", "created_at"),
    ("valid_from after valid_until", "items.0.valid_from", "2027-04-01", "manifest_date", "valid_until"),
    ("date not on the calendar", "items.0.valid_until", "2027-02-30", "manifest_date", "2027-02-30"),
    ("duplicate item id", "items.1.id", "a", "duplicate_id", "'a'"),
    ("duplicate file", "items.1.file", "media/a.mp3", "duplicate_file", "media/a.mp3"),
    ("dangling playlist item", "playlists.0.items.1", "zzz", "dangling_reference", "zzz"),
    ("dangling schedule playlist", "schedules.0.playlist", "nope", "dangling_reference", "nope"),
    ("time out of range", "schedules.0.times.0", "25:00", "manifest_schedule", "25:00"),
    ("weekday unknown", "schedules.0.days", ["funday"], "manifest_schema", "days"),
    ("schedule never airs", "schedules.0.until", "2027-02-01", "manifest_schedule", "s1"),
    ("target code with a space", "schedules.0.targets.0", "X 1", "manifest_schema", "targets"),
    ("file outside media", "items.0.file", "a.mp3", "manifest_schema", "file"),
    ("file climbing out", "items.0.file", "media/../a.mp3", "zip_parent", ".."),
]


@pytest.mark.parametrize(("case", "path", "value", "kind", "words"), REFUSED, ids=[c[0] for c in REFUSED])
def test_manifest_problems_are_refused_with_a_message_naming_them(case: str, path: str, value: Any, kind: str, words: str) -> None:
    with pytest.raises(InputRefused) as e:
        parse_manifest(encode(_mutated(path, value)))
    assert e.value.kind == kind, e.value.message
    assert words in e.value.message, e.value.message


def test_duplicate_playlist_and_schedule_ids_are_refused() -> None:
    doc = good_doc()
    doc["playlists"].append(copy.deepcopy(doc["playlists"][0]))
    with pytest.raises(InputRefused, match="Playlist id 'p1' appears twice"):
        parse_manifest(encode(doc))
    doc = good_doc()
    doc["schedules"].append(copy.deepcopy(doc["schedules"][0]))
    with pytest.raises(InputRefused, match="Schedule id 's1' appears twice"):
        parse_manifest(encode(doc))


def test_the_same_audio_twice_is_refused() -> None:
    doc = good_doc()
    doc["items"][1]["sha256"] = doc["items"][0]["sha256"]
    with pytest.raises(InputRefused) as e:
        parse_manifest(encode(doc))
    assert e.value.kind == "duplicate_audio"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b'{"format": "loaxa.bundle", "format": "x"}', "repeats the key 'format'"),
        (b'{"revision": NaN}', "not valid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'"just a string"', "JSON object"),
        (b'{"title": "\\ud800"}', "not valid Unicode"),
    ],
)
def test_bytes_that_are_not_a_manifest_are_refused(data: bytes, words: str) -> None:
    with pytest.raises(InputRefused, match=words):
        parse_manifest(data)


def test_a_manifest_over_one_mebibyte_is_refused() -> None:
    doc = good_doc()
    doc["x-padding"] = "x" * (1 << 20)
    with pytest.raises(InputRefused, match="larger than 1048576 bytes"):
        parse_manifest(encode(doc))


def test_extensions_are_allowed_and_a_bom_is_tolerated() -> None:
    doc = good_doc()
    doc["x-vendor"] = {"anything": [1, 2]}
    doc["items"][0]["x-ThoiLuong"] = 120
    assert parse_manifest(b"\xef\xbb\xbf" + encode(doc)).revision == 1


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("/etc/passwd", "zip_absolute"),
        ("media/../../x.mp3", "zip_parent"),
        ("media\\x.mp3", "zip_backslash"),
        ("C:/x.mp3", "zip_drive"),
        ("c:x.mp3", "zip_drive"),
        ("media//x.mp3", "zip_name"),
        ("media/./x.mp3", "zip_name"),
        ("media/x\x01.mp3", "zip_name"),
    ],
)
def test_unsafe_entry_names(name: str, kind: str) -> None:
    with pytest.raises(InputRefused) as e:
        entry_problem(name)
    assert e.value.kind == kind


def test_safe_names_pass_and_local_names_are_portable() -> None:
    for ok in ("media/a.mp3", "media/Thông báo số 1.mp3", "media/sub/x.wav", "media/"):
        entry_problem(ok)
    assert local_name('media/a:b?"c".mp3') == "a_b__c_.mp3"
    assert local_name("media/" + "x" * 300 + ".mp3").endswith(".mp3") and len(local_name("media/" + "x" * 300 + ".mp3")) <= 120


# --- the ZIP, without a database ------------------------------------------------------------------


def read_all(path: Path, limits: Limits = bundles.DEFAULT_LIMITS) -> dict[str, Any]:
    """Phases 1 and 3 of an import with a throw-away staging folder (no database)."""
    with tempfile.TemporaryDirectory() as d, bundles.open_bundle(path, limits) as bf:
        m = parse_manifest(bf.manifest_bytes, limits)
        bundles.match_entries(bf, m)
        store = MediaStore(Path(d))
        st = store.open_staging()
        try:
            staged = bundles.stage_media(bf, m, st, stub_check_audio, workers=1)
        finally:
            store.close_staging(st)
        return {k: (v.sha256, v.size) for k, v in staged.items()}


def good_zip(path: Path, **kw: Any) -> Path:
    return write_bundle(path, good_doc(), {"media/a.mp3": fake_audio("a"), "media/b.mp3": fake_audio("b")}, **kw)


def test_a_good_zip_reads_and_hashes(tmp_path: Path) -> None:
    out = read_all(good_zip(tmp_path / "b.zip"))
    assert out == {"a": (hashlib.sha256(fake_audio("a")).hexdigest(), 2000), "b": (hashlib.sha256(fake_audio("b")).hexdigest(), 2000)}


def test_nfd_entry_names_match_nfc_manifest_names(tmp_path: Path) -> None:
    data = fake_audio("v")
    nfc = "media/Thông báo khẩn.mp3"
    doc = manifest_doc([item_doc("v", nfc, data)])
    p = write_bundle(tmp_path / "b.zip", doc, {unicodedata.normalize("NFD", nfc): data})
    assert read_all(p)["v"][1] == len(data)


def test_utf8_names_without_the_utf8_flag_are_read_as_utf8(tmp_path: Path) -> None:
    """Some tools write UTF-8 names without flag bit 11; zipfile would read them as cp437."""
    data = fake_audio("u")
    real = "media/Thông.mp3"
    placeholder = "media/" + "X" * (len(real.encode()) - len("media/.mp3")) + ".mp3"
    doc = manifest_doc([item_doc("u", real, data)])
    p = write_bundle(tmp_path / "b.zip", doc, {placeholder: data})
    p.write_bytes(p.read_bytes().replace(placeholder.encode(), real.encode()))  # same length, no flag
    with zipfile.ZipFile(p) as zf:
        info = zf.getinfo(real.encode().decode("cp437"))
        assert not info.flag_bits & 0x800 and bundles.entry_name(info) == real
    assert read_all(p)["u"][1] == len(data)


def test_symlink_and_nfc_collision_entries_are_refused(tmp_path: Path) -> None:
    link = zipfile.ZipInfo("media/link.mp3")
    link.create_system = 3
    link.external_attr = 0o120777 << 16
    p = good_zip(tmp_path / "s.zip", extra=[(link, b"/etc/passwd")])
    with pytest.raises(InputRefused) as e:
        read_all(p)
    assert e.value.kind == "zip_symlink"
    name = "media/Thông.mp3"
    p = good_zip(tmp_path / "n.zip", extra=[(name, b"1"), (unicodedata.normalize("NFD", name), b"2")])
    with pytest.raises(InputRefused) as e:
        read_all(p)
    assert e.value.kind == "zip_nfc_collision"


def test_lying_headers_are_caught(tmp_path: Path) -> None:
    """A central directory that understates a size: zipfile stops there and the CRC fails."""
    p = good_zip(tmp_path / "b.zip", compression=zipfile.ZIP_DEFLATED)
    patch_central(p, "media/a.mp3", file_size=100)
    with pytest.raises(InputRefused) as e:
        read_all(p)
    assert e.value.kind in ("zip_damaged", "sha_mismatch")


def test_ratio_and_total_limits(tmp_path: Path) -> None:
    p = good_zip(tmp_path / "b.zip", extra=[])
    with pytest.raises(InputRefused) as e:
        read_all(p, Limits(total_bytes=3000))
    assert e.value.kind == "zip_total"
    zeros = bytes(3 << 20)
    doc = manifest_doc([item_doc("z", "media/z.wav", zeros)])
    p = write_bundle(tmp_path / "z.zip", doc, {"media/z.wav": zeros}, compression=zipfile.ZIP_DEFLATED)
    with pytest.raises(InputRefused) as e:
        read_all(p)
    assert e.value.kind == "zip_ratio" and "zip bomb" in e.value.message


# --- property-based fuzzing: only InputRefused, never another exception ----------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=25,
)


@given(doc=json_values)
@settings(max_examples=300, deadline=None)
def test_fuzz_any_json_is_refused_cleanly(doc: Any) -> None:
    with pytest.raises(InputRefused):
        parse_manifest(encode(doc))


def _paths(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out += _paths(v, (*prefix, i))
    return out


GOOD_PATHS = _paths(good_doc())
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-5, 2**40)
    | st.floats(allow_nan=False)
    | st.text(max_size=40)
    | st.sampled_from(
        [
            "",
            "daily",
            "mon",
            "wait:0",
            "wait:86401",
            "cut",
            "05:30",
            "24:00",
            "2027-02-29",
            "2028-02-29",
            "media/a.mp3",
            "media/../x",
            "a",
            "p1",
            BUNDLE_ID,
            "X1",
            "0" * 64,
        ]
    )
)


@given(edits=st.lists(st.tuples(st.sampled_from(GOOD_PATHS), st.one_of(SCALARS, json_values, st.just(_DELETE))), min_size=1, max_size=4))
@settings(max_examples=400, deadline=None)
def test_fuzz_edits_of_a_good_manifest_parse_or_are_refused(edits: list[tuple[tuple[Any, ...], Any]]) -> None:
    doc = good_doc()
    for path, value in edits:
        target: Any = doc
        try:
            for k in path[:-1]:
                target = target[k]
            if value is _DELETE:
                del target[path[-1]]
            else:
                target[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed or replaced this path
    try:
        m = parse_manifest(encode(doc))
    except InputRefused:
        return
    assert m.items and all(1 <= it.meta.field <= 6 and 1 <= (it.meta.priority or 0) <= 3 for it in m.items)  # type: ignore[operator]


@given(data=st.binary(max_size=400))
@settings(max_examples=200, deadline=None)
def test_fuzz_bytes_are_refused_cleanly(data: bytes) -> None:
    with pytest.raises(InputRefused):
        parse_manifest(data)


_GOOD_ZIP = io.BytesIO()
with zipfile.ZipFile(_GOOD_ZIP, "w", zipfile.ZIP_DEFLATED) as _zf:
    _zf.writestr("manifest.json", encode(good_doc()))
    _zf.writestr("media/a.mp3", fake_audio("a"))
    _zf.writestr("media/b.mp3", fake_audio("b"))
GOOD_ZIP = _GOOD_ZIP.getvalue()


@given(flips=st.lists(st.tuples(st.integers(0, len(GOOD_ZIP) - 1), st.integers(0, 255)), min_size=1, max_size=6), cut=st.none() | st.integers(0, len(GOOD_ZIP)))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_fuzz_damaged_zips_are_refused_or_read(flips: list[tuple[int, int]], cut: int | None) -> None:
    raw = bytearray(GOOD_ZIP)
    for pos, val in flips:
        raw[pos] = val
    if cut is not None:
        raw = raw[:cut]
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "fuzz.zip"
        p.write_bytes(bytes(raw))
        try:
            read_all(p)
        except InputRefused:
            pass
