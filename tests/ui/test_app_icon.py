"""The window carries Signpost's icon and desktop id; the committed PNGs are renders of the SVG."""

from __future__ import annotations

import importlib.util

import pytest
from PySide6.QtGui import QGuiApplication, QImage

from desktop.services.shipped import APP_ID, ICON_SIZES, icon_files
from tests.conftest import ROOT


def _load_render_script():
    spec = importlib.util.spec_from_file_location("render_icons", ROOT / "resources" / "render_icons.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _argb(image: QImage) -> QImage:
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def test_the_window_shows_the_shipped_icon_and_names_its_desktop_entry(window):
    assert QGuiApplication.desktopFileName() == APP_ID
    icon = window.windowIcon()
    assert [s.width() for s in icon.availableSizes()] == list(ICON_SIZES)
    for size in (16, 48):
        shown = icon.pixmap(size, size).toImage()       # premultiplied, as Qt paints it
        premultiplied = QImage.Format.Format_ARGB32_Premultiplied
        assert shown.convertToFormat(premultiplied) == \
            QImage(str(icon_files()[f"{size}x{size}"])).convertToFormat(premultiplied)


@pytest.mark.parametrize("size", ICON_SIZES)
def test_each_png_is_a_current_render_of_the_svg(qapp, size):
    """Fails when the SVG was edited and `resources/render_icons.py` not run again (a little
    tolerance for antialiasing that differs between Qt builds)."""
    committed = _argb(QImage(str(icon_files()[f"{size}x{size}"])))
    assert (committed.width(), committed.height()) == (size, size)
    fresh = _argb(_load_render_script().render(icon_files()["scalable"], size))
    worst = max(abs(a - b)
                for y in range(size) for x in range(size)
                for a, b in zip(committed.pixelColor(x, y).getRgb(), fresh.pixelColor(x, y).getRgb()))
    assert worst <= 16, f"{size}px PNG differs from the SVG's render by up to {worst}/255"
    corner, centre = committed.pixelColor(0, 0), committed.pixelColor(size // 2, size // 2)
    assert corner.alpha() == 0 and centre.alpha() == 255      # a transparent margin around an opaque tile
