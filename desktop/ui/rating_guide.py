"""Help ▸ Rating guide…: docs/rating-guide.md in a window beside the work.

Modeless and one at a time, so an analyst can keep the rule open while rating in the matrix or the
evidence dialog. The text is the copy shipped in data/guide/ (an installed Signpost has no docs/), read
through the services like every other file the app carries.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from desktop.services.shipped import rating_guide_text


class RatingGuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ratingGuideDialog")
        self.setWindowTitle("Rating guide")
        self.browser = QTextBrowser()
        self.browser.setObjectName("ratingGuideText")
        self.browser.setOpenExternalLinks(False)    # no network at run time; the guide links nowhere outside
        self.browser.setMarkdown(rating_guide_text())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(820, 640)


def show_rating_guide(window) -> RatingGuideDialog:
    """The window's guide, made on first use and raised again after that."""
    dialog = getattr(window, "rating_guide_dialog", None)
    if dialog is None:
        dialog = window.rating_guide_dialog = RatingGuideDialog(window)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
