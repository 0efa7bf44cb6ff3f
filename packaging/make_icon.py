"""Draw LoaXa's icon (a loudspeaker horn on a green rounded square) and write it as
``assets/icons/loaxa.png`` (256 px: the window, Linux) and ``assets/icons/loaxa.ico`` (16-256 px:
the Windows executables, the installer, Apps & features). Run again only when the drawing changes:

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icon.py

The ICO holds one PNG per size (Windows Vista and later read PNG entries), written here: Qt's own
ICO writer keeps a single size.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "assets" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
GREEN = "#1b7f3a"


def draw(size: int) -> QImage:
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 256.0, size / 256.0)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(GREEN))
    p.drawRoundedRect(QRectF(8, 8, 240, 240), 48, 48)
    white = QColor("#ffffff")
    p.setBrush(white)
    # the horn: a throat on the left widening to a bell on the right, on a short mast
    horn = QPainterPath()
    horn.moveTo(52, 104)
    horn.lineTo(92, 104)
    horn.lineTo(170, 58)
    horn.lineTo(170, 198)
    horn.lineTo(92, 152)
    horn.lineTo(52, 152)
    horn.closeSubpath()
    p.drawPath(horn)
    p.drawRect(QRectF(62, 152, 16, 62))
    # sound waves
    pen = QPen(white, 14 if size >= 48 else 20)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    for r in (34,) if size < 48 else (30, 58):
        p.drawArc(QRectF(QPointF(170 - r, 128 - r), QPointF(170 + r, 128 + r)).adjusted(6, 0, 6, 0), -50 * 16, 100 * 16)
    p.end()
    return img


def png_bytes(img: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    buf.close()
    return bytes(data.data())


def ico(pngs: list[tuple[int, bytes]]) -> bytes:
    head = struct.pack("<HHH", 0, 1, len(pngs))
    offset = 6 + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, blob in pngs:
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICO entry
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset + len(blobs))
        blobs += blob
    return head + entries + blobs


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    pngs = [(s, png_bytes(draw(s))) for s in SIZES]
    (OUT / "loaxa.png").write_bytes(pngs[-1][1])
    (OUT / "loaxa.ico").write_bytes(ico(pngs))
    print(f"{OUT / 'loaxa.png'}, {OUT / 'loaxa.ico'} ({', '.join(str(s) for s in SIZES)} px)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
