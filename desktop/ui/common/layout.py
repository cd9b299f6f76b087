"""Layout rules shared by the screens."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

# The least width a tab page asks for, whatever it shows. A page's own minimum grew with its content
# (the Evidence filters with the longest scenario name, a reader with a long hint) when the page was
# first drawn, and the window's splitter then took the width from the scenario cards: the cards and
# the tabs jumped when switching tabs. With every page asking for this fixed width the tab widget's
# minimum never changes, so the splitter never moves; 600 fits the window's 900 px minimum beside the
# cards' 250. A page narrower than its content lays it out in the space it has (tables scroll).
PAGE_MIN_WIDTH = 600


def steady_page_width(page: QWidget) -> None:
    """Fix a tab page's minimum width (see PAGE_MIN_WIDTH) so that showing or filling it never moves the splitter."""
    page.setMinimumWidth(PAGE_MIN_WIDTH)
