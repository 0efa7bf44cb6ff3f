"""Bundle import speed and memory: a signed 1 GB bundle of 200 MP3 items (about 5 MB each),
verified and imported by LoaXa, against a baseline of ``unzip`` + ``sha256sum`` of the same file
in the same run (what any careful manual check of the bundle would cost).

LoaXa's figure is the schedules-level import (every check of the bundle: ZIP safety, manifest,
signature, SHA-256 of every entry, staging into the media store, one transaction, publish) with
a cheap ``check_audio``: the ffmpeg probe and the loudness and rendition work that follow are the
audio pipeline's and ``bench/import_speed.py`` measures them. ``bundle verify`` alone is timed as
well. Both run in a child process whose peak RSS is reported.

Targets: ratio LoaXa import / baseline <= 1.5, peak RSS <= 200 MB.
Usage: python bench/bundle_import.py [--items 200] [--mb 5] [--repeat 1]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import struct
import subprocess
import tempfile
import zipfile
from pathlib import Path

from _common import OUT, Timer, ffmpeg, run_python

BUNDLE_ID = "b0b0b0b0-1d2b-4c3a-9e8f-0a1b2c3d4e5f"


def base_mp3(folder: Path, mb: float) -> bytes:
    """An MP3 of noise (incompressible, like real programmes) of about ``mb`` megabytes."""
    seconds = mb * 8e6 / 128e3
    out = folder / "base.mp3"
    subprocess.run(
        [
            ffmpeg(),
            "-nostdin",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            f"anoisesrc=color=pink:amplitude=0.3:duration={seconds:.1f}:sample_rate=44100",
            "-ac",
            "2",
            "-c:a",
            "libmp3lame",
            "-b:a",
            "128k",
            str(out),
        ],
        check=True,
    )
    data = out.read_bytes()
    out.unlink()
    return data


def id3_tag(title: str) -> bytes:
    """An ID3v2.3 tag with a title: prefixed to the base MP3, it makes every item's bytes differ."""
    text = b"\x03" + title.encode("utf-8")  # encoding 3 = UTF-8 (v2.4 style, read by ffmpeg)
    frame = b"TIT2" + struct.pack(">I", len(text)) + b"\0\0" + text
    size = len(frame)
    syncsafe = bytes([(size >> 21) & 0x7F, (size >> 14) & 0x7F, (size >> 7) & 0x7F, size & 0x7F])
    return b"ID3\x04\x00\x00" + syncsafe + frame


def make_bundle(items: int, mb: float) -> tuple[Path, Path]:
    """The signed bundle and its public key (cached in bench/out: it takes a while to make)."""
    from schedules import keys

    folder = OUT / f"bundle-{items}x{mb:g}MB"
    bundle, pub = folder / "bundle.loaxa", folder / "issuer.key.pub"
    if (folder / ".done").exists():
        return bundle, pub
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    key = keys.generate(folder / "issuer.key")
    private = keys.load_private(key.private_path)
    base = base_mp3(folder, mb)
    entries = []
    for i in range(items):
        tag = id3_tag(f"Bản tin số {i + 1:03d}")
        h = hashlib.sha256(tag)
        h.update(base)
        entries.append((f"media/Bản tin {i + 1:03d}.mp3", tag, h.hexdigest()))
    doc = {
        "format": "loaxa.bundle",
        "version": 1,
        "id": BUNDLE_ID,
        "revision": 1,
        "issuer": {"code": "T1", "name": "Sở Văn hóa (benchmark)", "key_id": key.key_id},
        "created_at": "2027-03-01T08:00:00+07:00",
        "items": [
            {"id": f"i{n:03d}", "file": name, "sha256": sha, "title": f"Bản tin số {n + 1:03d}", "field": 1 + n % 6, "priority": 3}
            for n, (name, _t, sha) in enumerate(entries)
        ],
        "playlists": [{"id": "all", "name": "Tất cả", "items": [f"i{n:03d}" for n in range(items)]}],
        "schedules": [{"id": "s", "playlist": "all", "targets": ["X1"], "times": ["05:30"], "days": "daily", "priority": 1}],
    }
    data = json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
    import base64

    with zipfile.ZipFile(bundle, "w") as zf:
        zf.writestr("manifest.json", data, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("manifest.sig", base64.b64encode(private.sign(data)))
        for name, tag, _sha in entries:
            zf.writestr(name, tag + base)  # stored: audio does not compress
    (folder / ".done").touch()
    return bundle, pub


def warm(path: Path) -> None:
    """Read the file once so that both contenders start with it in the page cache."""
    with open(path, "rb") as f:
        while f.read(1 << 24):
            pass


def baseline(bundle: Path) -> float:
    with tempfile.TemporaryDirectory(dir=OUT, prefix="unzip-") as d, Timer() as t:
        subprocess.run(["unzip", "-q", "-o", str(bundle), "-d", d], check=True)
        files = sorted(str(p) for p in Path(d, "media").iterdir())
        subprocess.run(["sha256sum", *files], check=True, stdout=subprocess.DEVNULL)
    return t.seconds


LOAXA = r"""
import json, resource, sys, time
from pathlib import Path
from schedules import areas, bundles, keys
from schedules.errors import InputRefused
from schedules.workspace import Workspace

def cheap_check_audio(path):
    with open(path, "rb") as f:
        head = f.read(4)
    if not (head[:3] == b"ID3" or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)):
        raise InputRefused("not audio")
    return 300.0

data, bundle, pub, what = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
ws = Workspace.open(data)
with ws.session() as s:
    areas.add_area(s, "T1", "Tỉnh", "province")
    areas.add_area(s, "X1", "Xã", "commune", parent="T1")
    keys.trust(s, pub, "T1")
t0 = time.perf_counter()
if what == "verify":
    out = bundles.verify_bundle(ws, bundle, check_audio=cheap_check_audio)
    n = len(out["files"])
else:
    out = bundles.import_bundle(ws, bundle, check_audio=cheap_check_audio).report
    n = len(out["added"]["items"])
secs = time.perf_counter() - t0
ws.close()
print(json.dumps({"seconds": secs, "items": n, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def loaxa(bundle: Path, pub: Path, what: str) -> dict:
    data = Path(tempfile.mkdtemp(dir=OUT, prefix="loaxa-bundle-"))
    try:
        return run_python(LOAXA, str(data), str(bundle), str(pub), what)
    finally:
        shutil.rmtree(data, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=200)
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--repeat", type=int, default=1, help="runs of each contender; the best is kept")
    a = ap.parse_args()
    if shutil.which("unzip") is None or shutil.which("sha256sum") is None:
        raise SystemExit("the baseline needs unzip and sha256sum (apt-get install unzip coreutils)")
    with Timer() as made:
        bundle, pub = make_bundle(a.items, a.mb)
    size = bundle.stat().st_size
    print(f"bundle: {a.items} items, {size / 1e9:.2f} GB, signed ({bundle}; ready in {made.seconds:.1f} s)")
    warm(bundle)
    base = min(baseline(bundle) for _ in range(a.repeat))
    imports = [loaxa(bundle, pub, "import") for _ in range(a.repeat)]
    verifies = [loaxa(bundle, pub, "verify") for _ in range(a.repeat)]
    imp = min(imports, key=lambda r: r["seconds"])
    ver = min(verifies, key=lambda r: r["seconds"])
    assert imp["items"] == a.items and ver["items"] == a.items, (imp, ver)
    ratio = imp["seconds"] / base
    print(f"baseline (unzip + sha256sum):                    {base:6.1f} s  ({size / 1e6 / base:.0f} MB/s)")
    print(f"LoaXa import (all checks, staged, one commit):   {imp['seconds']:6.1f} s  ({size / 1e6 / imp['seconds']:.0f} MB/s)")
    print(f"LoaXa verify only (all checks, nothing kept):    {ver['seconds']:6.1f} s")
    print(f"ratio LoaXa import / baseline: {ratio:.2f}  (target <= 1.5)")
    print(f"ratio LoaXa verify + import / baseline: {(imp['seconds'] + ver['seconds']) / base:.2f}  (an operator who verifies first)")
    print(f"peak RSS: import {max(r['rss_mb'] for r in imports):.0f} MB, verify {max(r['rss_mb'] for r in verifies):.0f} MB  (target <= 200)")


if __name__ == "__main__":
    main()
