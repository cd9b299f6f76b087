"""Painting and editing matrix cells.

`CellPainter` draws cells straight from the model's cached {role: value} dicts, for the grid's
own paintEvent (desktop.ui.matrix.view.MatrixTable): with a Python item delegate, Qt calls
into Python twice per cell (flags, paint) and the stock delegate asks `data()` for eight
roles per cell, which made a full repaint two to three times slower than the same grid in a
C++ model; painting the visible cells in one Python loop is about as fast as that model.
`RatingDelegate` is the in-place editor of a rating cell: a combo of CC, C, N, I, II, NA
and "—" (clear), in the rating colours.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QPointF, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop.domain.grading import RATINGS
from desktop.domain.rating_rule import rating_line
from desktop.ui.common.theme import colours
from desktop.ui.matrix.model import (
    CLEAR, FIXED_COLUMNS, N_FIXED, RATING_ROLE, cell_alignment, cell_background, cell_foreground, cell_text,
)

CHOICES: tuple[str, ...] = (*RATINGS, CLEAR)
_PAD = 4
_LAID = "laid"   # a cell's text as drawn, cached in its dict: (column width, text elided to it, its advance)
_HCENTER = int(Qt.AlignmentFlag.AlignHCenter.value)
_RIGHT = int(Qt.AlignmentFlag.AlignRight.value)
_QUOTE = [key for key, _ in FIXED_COLUMNS].index("quote")   # the only column whose text may not fit


def _swatch(colour: str) -> QIcon:
    pix = QPixmap(12, 12)
    pix.fill(QColor(colour))
    return QIcon(pix)


class CellPainter:
    """Draws one cell: its background (or the selection), its text (elided when too long), a frame on
    the selected rating cell or the current one. Pens and metrics are made once per palette and font."""

    def __init__(self) -> None:
        self._key = None

    def prepare(self, palette: QPalette, font: QFont) -> None:
        key = (palette.cacheKey(), font.key())
        if key == self._key:
            return
        self._key = key
        self.highlight = palette.brush(QPalette.ColorRole.Highlight)
        self.highlight_text = palette.color(QPalette.ColorRole.HighlightedText)
        self.text = palette.color(QPalette.ColorRole.Text)
        self.frame = QPen(palette.color(QPalette.ColorRole.Highlight), 2)
        self.focus = QPen(palette.color(QPalette.ColorRole.Highlight), 1, Qt.PenStyle.DotLine)
        self.metrics = QFontMetrics(font)
        self.ascent, self.descent = self.metrics.ascent(), self.metrics.descent()
        self._advances: dict[str, int] = {}     # text -> width: ratings and dates repeat on every screen

    def paint(self, painter: QPainter, x: int, y: int, w: int, h: int, cell: dict, column: int,
              selected: bool, focus: bool) -> None:
        rating_column = column >= N_FIXED
        if selected and not rating_column:
            painter.fillRect(x, y, w, h, self.highlight)
            painter.setPen(self.highlight_text)
        else:
            background = cell_background(cell)
            if background is not None:
                painter.fillRect(x, y, w, h, background)
            foreground = cell_foreground(cell)
            painter.setPen(foreground.color() if foreground is not None else self.text)
        text = cell_text(cell)
        if text:
            width = w - 2 * _PAD
            laid = cell.get(_LAID)
            if laid is None or laid[0] != width:
                advance = self._advances.get(text)
                if advance is None:
                    advance = self.metrics.horizontalAdvance(text)
                    if len(self._advances) < 4096 and len(text) < 24:
                        self._advances[text] = advance
                if column == _QUOTE and advance > width:
                    text = self.metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(width, 0))
                    advance = self.metrics.horizontalAdvance(text)
                laid = cell[_LAID] = (width, text, advance)
            _, text, advance = laid
            align = cell_alignment(cell) or 0
            if align & _HCENTER:
                tx = x + (w - advance) / 2
            elif align & _RIGHT:
                tx = x + w - _PAD - advance
            else:
                tx = x + _PAD
            painter.drawText(QPointF(tx, y + (h + self.ascent - self.descent) / 2), text)
        if rating_column and selected:
            painter.setPen(self.frame)
            painter.drawRect(QRect(x + 1, y + 1, w - 2, h - 2))
        elif focus:
            painter.setPen(self.focus)
            painter.drawRect(QRect(x, y, w - 1, h - 1))


class RatingDelegate(QStyledItemDelegate):
    """Edits scenario cells with a combo; a choice is committed as soon as it is picked.

    `open_popup`: open the list at once when the editor appears (one click fewer); off in tests
    that drive the combo directly.
    """

    open_popup = True

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName("ratingEditor")
        for value in CHOICES:
            if value == CLEAR:
                combo.addItem(CLEAR, None)
                combo.setItemData(combo.count() - 1, "Clear: not rated", Qt.ItemDataRole.ToolTipRole)
            else:
                combo.addItem(_swatch(colours().rating_fill[value]), value, value)
                combo.setItemData(combo.count() - 1, rating_line(value), Qt.ItemDataRole.ToolTipRole)
        combo.activated.connect(lambda _i, c=combo: self._commit(c))
        if self.open_popup:
            QTimer.singleShot(0, combo.showPopup)
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        value = index.data(RATING_ROLE)
        editor.setCurrentIndex(CHOICES.index(value) if value in CHOICES else CHOICES.index(CLEAR))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        """Applied a moment later, once the editor has closed: the window answers an edit by reading the
        matrix again (a model reset), which must not happen under an open editor."""
        value = editor.currentData()
        if value == index.data(RATING_ROLE):
            return
        target = QPersistentModelIndex(index)
        QTimer.singleShot(0, model, lambda: target.isValid() and model.setData(target, value,
                                                                                Qt.ItemDataRole.EditRole))

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,
                             index: QModelIndex | QPersistentModelIndex) -> None:
        editor.setGeometry(option.rect)
