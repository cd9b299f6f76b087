"""The column of scenario cards: where each scenario stands and how it moved this week.

Each card shows its scenario's definition and prior (and the situation's horizon, when it has
one) on hover, and in the card itself when expanded (click the card or its "Definition" line).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from desktop.ui.common.theme import (
    Colours, colours, follow_palette, format_day, format_points, muted_style, themed_style,
)

NO_DEFINITION = "No definition written yet."
NO_RATIONALE = "no rationale written yet."


def definition_lines(card) -> list[str]:
    """What a card says about its scenario beyond the numbers: definition, prior, horizon (when set)."""
    lines = [card.description.strip() or NO_DEFINITION]
    if card.prior is not None:
        lines.append(f"Prior: {card.prior:.0%} (before any evidence)")
        lines.append(f"Why this prior: {card.prior_rationale.strip() or NO_RATIONALE}")
    if card.horizon is not None:
        lines.append(f"Horizon: {format_day(card.horizon)}")
    return lines


class ScenarioCard(QFrame):
    details_toggled = Signal(str)   # the scenario key whose details were opened or closed

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = ""
        self.setObjectName("scenarioCard")
        self.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 12, 10)
        layout.setSpacing(2)
        self.name = QLabel()
        self.name.setWordWrap(True)
        self.name.setStyleSheet("font-weight: 600; font-size: 11pt;")
        self.probability = QLabel()
        self.probability.setObjectName("probability")
        self.words = QLabel()
        self.words.setStyleSheet("font-style: italic;")
        self.change = QLabel()
        self.change.setObjectName("change")
        self.toggle = QToolButton()
        self.toggle.setObjectName("detailsToggle")
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        themed_style(self.toggle, muted_style("border: none; padding: 0;"))
        self.toggle.setCursor(Qt.CursorShape.PointingHandCursor)
        self.toggle.clicked.connect(lambda: self.details_toggled.emit(self.key))
        self.details = QLabel()
        self.details.setObjectName("details")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        # Wrapped text must not ask for more width than the panel has: the splitter keeps the panel's width.
        self.details.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.details.hide()
        for w in (self.name, self.probability, self.words, self.change, self.toggle, self.details):
            layout.addWidget(w)
        self._scenario: tuple[str | None, int] | None = None   # the scenario's colour and place
        self._styled: tuple | None = None
        follow_palette(self, self._restyle, now=False)

    def _restyle(self, c: Colours) -> None:
        """The card, its text and the probability in the scenario's colour, readable on the card."""
        if self._scenario is None or self._styled == (c, self._scenario):
            return      # a style sheet change re-polishes the card: only when something changed
        self._styled = (c, self._scenario)
        line = c.scenario(*self._scenario).name()
        ink = c.scenario_text(*self._scenario, c.card).name()
        self.setStyleSheet(
            f"#scenarioCard {{ background: {c.card}; border: 1px solid {c.card_border}; border-left: 6px solid {line};"
            f" border-radius: 4px; }} #scenarioCard QLabel {{ color: {c.window_text}; background: transparent; }}")
        self.probability.setStyleSheet(f"font-size: 26pt; font-weight: 700; color: {ink};")
        self.change.setStyleSheet(f"color: {c.muted};")

    def set_expanded(self, expanded: bool) -> None:
        self.details.setVisible(expanded)
        self.toggle.setText(("▾ " if expanded else "▸ ") + "Definition and prior")

    def is_expanded(self) -> bool:
        return not self.details.isHidden()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.details_toggled.emit(self.key)
        super().mousePressEvent(event)

    def set_card(self, card, index: int, rank: int, expanded: bool = False) -> None:
        self.key = card.key
        self._scenario = (card.colour, index)
        self._restyle(colours())
        self.name.setText(card.name)
        self.probability.setText(f"{card.probability:.0%}")
        self.words.setText(card.words + ("  ·  most likely" if rank == 0 else ""))
        arrow = "▲" if card.change >= 0.005 else "▼" if card.change <= -0.005 else "■"
        if card.window_end:
            self.change.setText(f"{arrow} {format_points(card.change)} in 7 days · {format_points(card.change_30)}"
                                f" in 30\nto {format_day(card.window_end)}")
        else:
            self.change.setText("no evidence yet")
        lines = definition_lines(card)
        self.details.setText("\n".join(lines))
        self.setToolTip(f"<b>{html.escape(card.name)}</b><br>" + "<br>".join(html.escape(t) for t in lines)
                        + "<br><i>Click to show or hide this in the card.</i>")
        self.set_expanded(expanded)


class ScenarioCardsPanel(QScrollArea):
    """Cards sorted by probability, most likely first."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("scenarioCards")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(250)
        inner = QWidget()
        inner.setObjectName("cardsInner")
        self.column = QVBoxLayout(inner)
        self.column.setContentsMargins(8, 8, 8, 8)
        self.column.setSpacing(8)
        self.heading = QLabel("Scenarios")
        themed_style(self.heading, lambda c: f"color: {c.muted}; font-weight: 600; text-transform: uppercase;")
        themed_style(inner, lambda c: f"#cardsInner {{ background: {c.window}; }}")
        self.column.addWidget(self.heading)
        self.column.addStretch(1)
        self.setWidget(inner)
        self.cards: list[ScenarioCard] = []
        self.expanded: set[str] = set()   # scenario keys whose details are open (kept across redraws and re-sorts)

    def set_cards(self, cards: list) -> None:
        """Most likely first; the card widgets are reused while the number of scenarios stays the same."""
        if len(self.cards) != len(cards):
            for card in self.cards:
                self.column.removeWidget(card)
                card.deleteLater()
            self.cards = []
            for _ in cards:
                widget = ScenarioCard()
                widget.details_toggled.connect(self.toggle_details)
                self.column.insertWidget(self.column.count() - 1, widget)
                self.cards.append(widget)
        ranked = sorted(range(len(cards)), key=lambda i: -cards[i].probability)
        for rank, (i, widget) in enumerate(zip(ranked, self.cards)):
            widget.set_card(cards[i], i, rank, cards[i].key in self.expanded)

    def toggle_details(self, key: str) -> None:
        self.expanded ^= {key}
        for card in self.cards:
            if card.key == key:
                card.set_expanded(key in self.expanded)
