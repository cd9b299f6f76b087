"""Source reader: one source's text with every logged quote highlighted; select text to log it.

Select a passage and press Ctrl+E (or right-click → "Log as evidence"): `log_requested`
carries an EvidenceDraft with the quote, its character offsets into the source text and
the source. The reader never writes; whoever logs the item calls `refresh()` afterwards
(the window does it from its undo commands' on_change) and the new span is highlighted.

Offsets are Python string indices into `SourceDocument.text`, as stored. Qt's document
positions differ from them in two ways — a "\r\n" pair is one paragraph break, and a
character outside the BMP takes two UTF-16 units — so positions are mapped both ways
(`_Offsets`) and the quote is sliced from the source string, never read back from Qt
(QTextCursor.selectedText() would give U+2029 for line breaks).
"""

from __future__ import annotations

import html
from bisect import bisect_left
from itertools import pairwise

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QTextCharFormat, QTextCursor, QTextOption
from PySide6.QtWidgets import (
    QLabel, QMenu, QPlainTextEdit, QTextEdit, QToolTip, QVBoxLayout, QWidget,
)

from desktop.domain.bundle import DIGEST, DIGEST_NOTE
from desktop.domain.evidence_rules import EvidenceDraft
from desktop.domain.grading import RELIABILITY_LABELS
from desktop.services.errors import NotFound
from desktop.services.sources import SourceDocument, get_source
from desktop.ui.common.theme import colours, follow_palette, format_day, muted_style, themed_style

SPAN_KEYS_PROPERTY = QTextCharFormat.Property.UserProperty + 1   # the evidence keys over a highlighted segment


class _Offsets:
    """Maps Python string indices of a text to positions in the QTextDocument showing it, and back."""

    def __init__(self, text: str):
        qt = [0] * (len(text) + 1)
        pos = 0
        for i, ch in enumerate(text):
            if ch == "\r" and i + 1 < len(text) and text[i + 1] == "\n":
                width = 0            # "\r\n" becomes one paragraph separator in the document
            elif ord(ch) > 0xFFFF:
                width = 2            # a surrogate pair in UTF-16
            else:
                width = 1
            pos += width
            qt[i + 1] = pos
        self._qt = qt

    def to_qt(self, index: int) -> int:
        return self._qt[max(0, min(index, len(self._qt) - 1))]

    def to_index(self, position: int) -> int:
        """The first string index at `position` (a boundary inside "\r\n" or a surrogate pair moves on)."""
        return min(bisect_left(self._qt, position), len(self._qt) - 1)


def _segments(spans) -> list[tuple[int, int, tuple[str, ...]]]:
    """Non-overlapping (start, end, keys) pieces covering every span; keys name the spans over each piece."""
    cuts = sorted({p for s in spans for p in (s.start, s.end)})
    out = []
    for a, b in pairwise(cuts):
        keys = tuple(s.key for s in spans if s.start <= a and b <= s.end)
        if keys:
            out.append((a, b, keys))
    return out


class SourceText(QPlainTextEdit):
    """Read-only, selectable text whose highlighted quotes say which evidence item they are."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sourceText")
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse |
                                     Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        font = self.font()
        font.setPointSizeF(max(font.pointSizeF(), 10.5))
        self.setFont(font)
        self.extra_menu_actions: list[QAction] = []

    def keys_at(self, position: int) -> tuple[str, ...]:
        """Evidence keys highlighted at a document position (empty when none)."""
        for sel in self.extraSelections():
            if sel.cursor.selectionStart() <= position < sel.cursor.selectionEnd():
                return tuple(sel.format.property(SPAN_KEYS_PROPERTY) or ())
        return ()

    def tooltip_at(self, viewport_pos: QPoint) -> str:
        keys = self.keys_at(self.cursorForPosition(viewport_pos).position())
        if not keys:
            return ""
        return ("Logged as evidence " if len(keys) == 1 else "Logged as evidence items ") + ", ".join(keys)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            tip = self.tooltip_at(event.pos())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def context_menu(self, pos: QPoint) -> QMenu:
        """The standard menu (Copy, Select All) with the reader's own actions on top."""
        menu = self.createStandardContextMenu(pos)
        first = menu.actions()[0] if menu.actions() else None
        for action in self.extra_menu_actions:
            menu.insertAction(first, action)
        if first is not None and self.extra_menu_actions:
            menu.insertSeparator(first)
        return menu

    def contextMenuEvent(self, event) -> None:
        menu = self.context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()


class SourceReader(QWidget):
    """Shows one source: header (title, outlet, date, grade) and its text with logged quotes highlighted."""

    log_requested = Signal(object)   # EvidenceDraft prefilled from the selection

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sourceReader")
        self.database = None
        self.source_id: int | None = None
        self.document: SourceDocument | None = None
        self._offsets = _Offsets("")

        self.title = QLabel()
        self.title.setObjectName("sourceTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setTextFormat(Qt.TextFormat.PlainText)   # imported titles are text, never markup
        self.title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.meta = QLabel()
        self.meta.setObjectName("sourceMeta")
        self.meta.setWordWrap(True)
        self.meta.setOpenExternalLinks(True)
        self.meta.setTextFormat(Qt.TextFormat.RichText)
        themed_style(self.meta, muted_style())
        self.hint = QLabel("Select a passage and press Ctrl+E (or right-click → Log as evidence) to log it.")
        self.hint.setObjectName("readerHint")
        self.hint.setWordWrap(True)      # the reader may be narrow beside the list in a small window
        themed_style(self.hint, muted_style())
        self.text = SourceText()

        self.log_action = QAction("&Log as evidence", self)
        self.log_action.setObjectName("logAsEvidence")
        self.log_action.setShortcut(QKeySequence("Ctrl+E"))
        self.log_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.log_action.setStatusTip("Open the evidence dialog with the selected passage as the quote")
        self.log_action.setEnabled(False)
        self.log_action.triggered.connect(self.request_log)
        self.addAction(self.log_action)
        self.text.extra_menu_actions.append(self.log_action)
        self.text.selectionChanged.connect(self._selection_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.hint)
        self.clear()
        follow_palette(self, lambda _c: self.document is not None and self._highlight(self.document), now=False)

    # --- what the view / window calls ------------------------------------------------------------

    def show_source(self, database, source_id: int | None) -> None:
        self.database, self.source_id = database, source_id
        self.document = None
        self.refresh()

    def refresh(self) -> None:
        """Re-read the source and its logged quotes; keeps the scroll position and selection if the text is the same."""
        if self.database is None or self.source_id is None:
            self.clear()
            return
        try:
            doc = get_source(self.database, self.source_id)
        except NotFound:
            self.clear("This source is no longer available.")
            return
        same_text = self.document is not None and self.document.id == doc.id and self.document.text == doc.text
        self.document = doc
        self._show_header(doc)
        if not same_text:
            self._offsets = _Offsets(doc.text)
            self.text.setPlainText(doc.text)
            self.text.moveCursor(QTextCursor.MoveOperation.Start)
        self._highlight(doc)
        self._selection_changed()

    def clear(self, message: str = "Pick a source to read it.") -> None:
        self.document = None
        self._offsets = _Offsets("")
        self.title.setText("")
        self.meta.setText(message)
        self.text.clear()
        self.text.setExtraSelections([])
        self._selection_changed()

    def select_range(self, start: int, end: int) -> None:
        """Select text[start:end] (string offsets) and bring it into view."""
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(self._offsets.to_qt(start))
        cursor.setPosition(self._offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)
        self.text.ensureCursorVisible()

    def selection(self) -> tuple[int, int] | None:
        """The selected (start, end) as string offsets, without surrounding whitespace; None if nothing is selected."""
        if self.document is None:
            return None
        cursor = self.text.textCursor()
        if not cursor.hasSelection():
            return None
        text = self.document.text
        start = self._offsets.to_index(cursor.selectionStart())
        end = self._offsets.to_index(cursor.selectionEnd())
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if start < end else None

    def selected_draft(self) -> EvidenceDraft | None:
        """An evidence draft for the selection: its exact text from the source, its offsets, the source and date."""
        found = self.selection()
        if found is None:
            return None
        start, end = found
        doc = self.document
        return EvidenceDraft(quote=doc.text[start:end], observed_at=doc.published_at, ratings={},
                             source_id=doc.id, start=start, end=end)

    def request_log(self) -> bool:
        draft = self.selected_draft()
        if draft is None:
            return False
        self.log_requested.emit(draft)
        return True

    def highlighted(self) -> list[tuple[int, int, tuple[str, ...]]]:
        """(start, end, evidence keys) of each highlighted piece, in string offsets."""
        out = []
        for sel in self.text.extraSelections():
            out.append((self._offsets.to_index(sel.cursor.selectionStart()),
                        self._offsets.to_index(sel.cursor.selectionEnd()),
                        tuple(sel.format.property(SPAN_KEYS_PROPERTY) or ())))
        return out

    # --- inside ----------------------------------------------------------------------------------

    def _show_header(self, doc: SourceDocument) -> None:
        self.title.setText(doc.title)
        parts = [html.escape(doc.outlet or "unknown outlet")]
        if doc.author:
            parts.append(html.escape(doc.author))
        parts.append(format_day(doc.published_at) if doc.published_at else "date unknown")
        grade = f"reliability <b>{doc.reliability}</b> — {html.escape(RELIABILITY_LABELS[doc.reliability])}"
        if doc.reliability_note:
            grade += f" ({html.escape(doc.reliability_note)})"
        parts.append(grade)
        parts.append(f"{doc.key} · <b>{DIGEST_NOTE}</b>" if doc.kind == DIGEST else f"{doc.key} · {doc.kind}")
        n = len(doc.spans)
        parts.append(f"{n} logged quote{'' if n == 1 else 's'}")
        if doc.same_story:
            others = ", ".join(f"{html.escape(key)} ({html.escape(label)})" for key, label in doc.same_story)
            parts.append(f"same story as {others}")
        if doc.url and doc.url.lower().startswith(("http://", "https://")):
            parts.append(f"<a href='{html.escape(doc.url, quote=True)}'>{html.escape(doc.url)}</a>")
        elif doc.url:
            parts.append(html.escape(doc.url))      # not a web address: shown, not linked
        self.meta.setText(" · ".join(parts))
        self.meta.setToolTip("")

    def _highlight(self, doc: SourceDocument) -> None:
        selections = []
        c = colours()
        limit = len(doc.text)
        spans = [s for s in doc.spans if 0 <= s.start < s.end <= limit]
        for start, end, keys in _segments(spans):
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.text.document())
            cursor.setPosition(self._offsets.to_qt(start))
            cursor.setPosition(self._offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            # one logged quote, or two and more over the same words; the text on them stays readable
            fmt.setBackground(QColor(c.quote_overlap if len(keys) > 1 else c.quote))
            fmt.setForeground(QColor(c.quote_text))
            fmt.setToolTip(", ".join(keys))
            fmt.setProperty(SPAN_KEYS_PROPERTY, list(keys))
            sel.cursor = cursor
            sel.format = fmt
            selections.append(sel)
        self.text.setExtraSelections(selections)

    def _selection_changed(self) -> None:
        self.log_action.setEnabled(self.selection() is not None)
