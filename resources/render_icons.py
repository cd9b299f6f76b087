"""Render the application icon's PNG sizes from its SVG (run after editing the SVG, then commit the PNGs).

    .venv/bin/python resources/render_icons.py

Uses Qt's own SVG renderer (QtSvg ships in PySide6-Essentials), so no other tool is needed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

APP_ID = "io.github.signpost.Signpost"
SIZES = (16, 24, 32, 48, 64, 128, 256)
HICOLOR = Path(__file__).resolve().parent / "icons" / "hicolor"
SVG = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"


def render(svg: Path, size: int) -> QImage:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (QImage text needs it)
    for size in SIZES:
        out = HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        if not render(SVG, size).save(str(out), "PNG"):
            raise SystemExit(f"{out}: could not write the PNG")
        print(out.relative_to(HICOLOR.parents[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
