"""One date field for every place a day is typed: the whole date typed at once, or picked from a calendar.

QDateEdit edits a date section by section: with its whole text selected, typing 2025-11-29
over 2026-12-02 went into the month and day sections and kept the old year (2026-11-29).
Here the text is the date: select all and type replaces it, as in any text field, and
what is typed is never changed behind the analyst's back; a text that is not a date, or a
day after today (unless `allow_future`: a horizon), is shown at the field (red border and
tooltip) and returned by `problem()` for the dialog to list and to keep OK disabled.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QSizePolicy, QStyle, QStyleOptionFrame, QWidget

from desktop.domain.day_rules import after_today
from desktop.ui.common.theme import colours

# Whole forms only: while 2025-11-29 is being typed, "2025-11-2" must not count as 2 November.
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})|(\d{4})(\d{2})(\d{2})")
def _error_border() -> str:
    return f"QLineEdit {{ border: 1px solid {colours().error}; border-radius: 2px; padding: 1px; }}"


def parse_day(text: str) -> date | None:
    """YYYY-MM-DD (or YYYYMMDD) as a date; None when the text is not one."""
    m = _ISO.fullmatch(text.strip())
    if not m:
        return None
    y, mo, d = (int(g) for g in (m.groups()[:3] if m.group(1) else m.groups()[3:]))
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _calendar_icon() -> QIcon:
    """A small calendar drawn here (no icon theme can be relied on under every desktop)."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    c = colours()
    ink = QColor(c.muted)
    p.setPen(ink)
    p.setBrush(QColor(c.card))
    p.drawRoundedRect(QRectF(1.5, 2.5, 13, 12), 1.5, 1.5)
    p.fillRect(QRectF(2, 3, 12, 3), ink)
    for row in range(2):
        for col in range(3):
            p.fillRect(QRectF(4 + col * 3.2, 8 + row * 3, 2, 2), ink)
    p.end()
    return QIcon(pixmap)


class DateField(QLineEdit):
    """A day as YYYY-MM-DD. `day()` is what the text says now (None when it is not a date);
    `date()` / `setDate()` / `dateChanged` keep QDateEdit's names (QDate), so views that followed a
    QDateEdit keep working: `date()` is the last valid date typed or picked."""

    dateChanged = Signal(QDate)   # the text became a (different) valid date, typed, picked or set

    def __init__(self, day: date | QDate | None = None, parent: QWidget | None = None, *,
                 allow_future: bool = False, today: date | Callable[[], date] | None = None, label: str = ""):
        """`today`: a fixed day or a function giving it (tests); default the machine's date, read each time."""
        super().__init__(parent)
        self.allow_future = allow_future
        self.label = label           # names the field in `problem()` when the dialog lists problems apart
        self._today = today
        self._last = self.today()
        self._hint = ""
        self.calendar: QCalendarWidget | None = None
        self.setPlaceholderText("YYYY-MM-DD")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)   # a date, not a line of text
        self.pick_action = QAction(_calendar_icon(), "Pick a date", self)
        self.pick_action.setObjectName("pickDate")
        self.pick_action.setToolTip("Pick a date (Alt+Down)")
        self.pick_action.triggered.connect(self.show_calendar)
        self.addAction(self.pick_action, QLineEdit.ActionPosition.TrailingPosition)
        self.textChanged.connect(self._text_changed)
        self.editingFinished.connect(self._tidy)
        self.setDate(day)

    # --- QDateEdit's names ----------------------------------------------------

    def date(self) -> QDate:
        return _qdate(self.day() or self._last)

    def setDate(self, value: date | QDate | None) -> None:
        """Show `value` (None: empty); with signals blocked, as views do while they set several fields,
        the field still holds the date (its state does not depend on its own textChanged)."""
        if isinstance(value, QDate):
            value = value.toPython() if value.isValid() else None
        self.setText(value.isoformat() if value is not None else "")
        if value is not None:
            self._last = value
        self._show_state()

    # --- reading --------------------------------------------------------------

    def today(self) -> date:
        if callable(self._today):
            return self._today()
        return self._today or date.today()

    def day(self) -> date | None:
        return parse_day(self.text())

    def problem(self) -> str | None:
        """Why the text cannot be saved as it stands (None: it can), named by `label` when there is one."""
        text = self.text().strip()
        day = parse_day(text)
        if not text:
            message = "Give a date (YYYY-MM-DD)."
        elif day is None:
            message = f"“{text}” is not a date (YYYY-MM-DD)."
        elif not self.allow_future:
            message = after_today(day, self.today())
        else:
            message = None
        return f"{self.label}: {message}" if message and self.label else message

    def setToolTip(self, text: str) -> None:
        """The field's own hint; a problem, while there is one, is shown in its place."""
        self._hint = text
        self._show_state()

    # --- editing --------------------------------------------------------------

    def _text_changed(self, _text: str) -> None:
        day = self.day()
        if day is not None and day != self._last:
            self._last = day
            self.dateChanged.emit(_qdate(day))
        self._show_state()

    def _show_state(self) -> None:
        problem = self.problem() if self.text().strip() else None
        self.setStyleSheet(_error_border() if problem else "")
        super().setToolTip(problem or self._hint)

    def _tidy(self) -> None:
        """On leaving the field, write a typed 20251129 the one way, 2025-11-29 (the day itself unchanged)."""
        day = self.day()
        if day is not None and self.text() != day.isoformat():
            self.setText(day.isoformat())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier):
            self.show_calendar()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not mods & Qt.KeyboardModifier.AltModifier:
            self.setDate((self.day() or self._last) + timedelta(days=1 if key == Qt.Key.Key_Up else -1))
            self.selectAll()
        else:
            super().keyPressEvent(event)

    def show_calendar(self) -> None:
        if not self.isEnabled():
            return
        if self.calendar is None:
            self.calendar = QCalendarWidget(self)
            self.calendar.setWindowFlags(Qt.WindowType.Popup)
            self.calendar.setObjectName("datePopup")
            self.calendar.setGridVisible(True)
            self.calendar.clicked.connect(self._picked)
            self.calendar.activated.connect(self._picked)
        if not self.allow_future:
            self.calendar.setMaximumDate(_qdate(self.today()))
        self.calendar.setSelectedDate(_qdate(self.day() or self._last))
        self.calendar.adjustSize()
        self.calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self.calendar.show()
        self.calendar.setFocus()

    def _picked(self, value: QDate) -> None:
        self.setDate(value)
        if self.calendar is not None:
            self.calendar.hide()
        self.setFocus()
        self.selectAll()
        self.editingFinished.emit()

    def sizeHint(self) -> QSize:
        """Room for a date and the calendar button, not a line edit's usual 17 characters."""
        hint = super().sizeHint()
        option = QStyleOptionFrame()
        self.initStyleOption(option)
        text = self.fontMetrics().horizontalAdvance("0000-00-00") + 2 * self.textMargins().left()
        width = self.style().sizeFromContents(QStyle.ContentsType.CT_LineEdit, option,
                                              QSize(text + 36, hint.height()), self).width()
        return QSize(width, hint.height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()
