"""Bundles built in the tests (never committed as binary fixtures): manifest documents, the ZIP
with its signature, a lying central directory; real MP3s and a signing key as module fixtures."""

from __future__ import annotations

import base64
import hashlib
import json
import struct
import subprocess
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from schedules import keys
from tests.support.audio import have

BUNDLE_ID = "6f1c2a4e-1d2b-4c3a-9e8f-0a1b2c3d4e5f"


def item_doc(item_id: str, file: str, data: bytes, **meta: Any) -> dict[str, Any]:
    """One manifest item for ``data`` stored at ``file``."""
    d: dict[str, Any] = {"id": item_id, "file": file, "sha256": hashlib.sha256(data).hexdigest(), "title": f"Bản tin {item_id}", "field": 1, "priority": 3}
    d.update(meta)
    return d


def manifest_doc(
    items: list[dict[str, Any]],
    *,
    bundle_id: str = BUNDLE_ID,
    revision: int = 1,
    issuer: str = "T1",
    key: Ed25519PrivateKey | None = None,
    playlists: list[dict[str, Any]] | None = None,
    schedules: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format": "loaxa.bundle",
        "version": 1,
        "id": bundle_id,
        "revision": revision,
        "issuer": {"code": issuer, "name": "Sở Văn hóa"},
        "created_at": "2027-03-01T08:00:00+07:00",
        "items": items,
    }
    if key is not None:
        doc["issuer"]["key_id"] = keys.key_id(key.public_key())
    if playlists is not None:
        doc["playlists"] = playlists
    if schedules is not None:
        doc["schedules"] = schedules
    return doc


def write_bundle(
    path: Path,
    manifest: dict[str, Any] | bytes,
    media: dict[str, bytes] | Iterable[tuple[str, bytes]],
    *,
    key: Ed25519PrivateKey | None = None,
    signature: bytes | None = None,
    extra: Iterable[tuple[zipfile.ZipInfo | str, bytes]] = (),
    compression: int = zipfile.ZIP_STORED,
) -> Path:
    """A bundle ZIP: the manifest (signed with ``key``, or with the given raw ``signature``),
    the media entries (name -> bytes) and any ``extra`` entries, written as given."""
    data = manifest if isinstance(manifest, bytes) else json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    with zipfile.ZipFile(path, "w", compression) as zf:
        zf.writestr("manifest.json", data)
        if key is not None:
            zf.writestr("manifest.sig", base64.b64encode(key.sign(data)))
        elif signature is not None:
            zf.writestr("manifest.sig", base64.b64encode(signature))
        for name, blob in media.items() if isinstance(media, dict) else media:
            zf.writestr(name, blob)
        for info, blob in extra:
            zf.writestr(info, blob)
    return path


def patch_central(path: Path, name: str, *, file_size: int | None = None, compress_size: int | None = None) -> None:
    """Rewrite the sizes one central-directory record declares (a lying header, as bombs use)."""
    raw = bytearray(path.read_bytes())
    encoded = name.encode("utf-8")
    pos = 0
    while (pos := raw.find(b"PK\x01\x02", pos)) >= 0:
        n = struct.unpack_from("<H", raw, pos + 28)[0]
        if bytes(raw[pos + 46 : pos + 46 + n]) == encoded:
            if compress_size is not None:
                struct.pack_into("<I", raw, pos + 20, compress_size)
            if file_size is not None:
                struct.pack_into("<I", raw, pos + 24, file_size)
            path.write_bytes(bytes(raw))
            return
        pos += 4
    raise AssertionError(f"{name} not in the central directory")


# --- fixtures (registered for every test by pytest_plugins in tests/conftest.py) --------------


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Real MP3s (1-2 s tones), made once for the module."""
    d = tmp_path_factory.mktemp("clips")
    out: dict[str, bytes] = {}
    for name, freq, secs in (("a", 440, 1.5), ("b", 550, 1.5), ("c", 660, 1.0), ("d", 770, 1.0)):
        p = d / f"{name}.mp3"
        subprocess.run(
            [
                have("ffmpeg"),
                "-nostdin",
                "-loglevel",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
                f"sine=frequency={freq}:duration={secs}",
                "-ac",
                "1",
                "-b:a",
                "64k",
                str(p),
            ],
            check=True,
        )
        out[name] = p.read_bytes()
    return out


@pytest.fixture(scope="module")
def key() -> Ed25519PrivateKey:
    """The province's signing key for the module."""
    return Ed25519PrivateKey.generate()
