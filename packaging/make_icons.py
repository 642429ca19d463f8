"""Render the app icon (resources/icons/io.lumetra.Desk.svg) to the PNG sizes and the Windows .ico.

Run after editing the SVG: ``.venv/bin/python packaging/make_icons.py``. The PNGs serve the window icon, the
Linux hicolor theme and the macOS iconset (build_macos.sh turns them into an .icns with ``iconutil``); the .ico
combines several sizes with ImageMagick's ``convert``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
APP_ID = "io.lumetra.Desk"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 256)


def png_path(size: int) -> Path:
    return ICONS / "png" / f"{APP_ID}-{size}.png"


def render_png(renderer: QSvgRenderer, size: int) -> None:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    target = png_path(size)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(target), "PNG"):
        raise SystemExit(f"could not write {target}")


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / f"{APP_ID}.svg"))
    if not renderer.isValid():
        raise SystemExit("the SVG icon cannot be read")
    for size in PNG_SIZES:
        render_png(renderer, size)
    convert = shutil.which("convert")
    if convert is None:
        raise SystemExit("ImageMagick's convert is needed for the .ico (apt-get install imagemagick)")
    subprocess.run([convert, *(str(png_path(s)) for s in ICO_SIZES), str(ICONS / f"{APP_ID}.ico")], check=True)
    print(f"Wrote {len(PNG_SIZES)} PNGs and {APP_ID}.ico to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
