"""The column of scenario cards: where each scenario stands and how it moved this week."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop.ui.common.theme import Colours, colours, follow_palette, format_day, format_points, themed_style


class ScenarioCard(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
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
        for w in (self.name, self.probability, self.words, self.change):
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

    def set_card(self, card, index: int, rank: int) -> None:
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
        self.setToolTip(card.description)


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

    def set_cards(self, cards: list) -> None:
        """Most likely first; the card widgets are reused while the number of scenarios stays the same."""
        if len(self.cards) != len(cards):
            for card in self.cards:
                self.column.removeWidget(card)
                card.deleteLater()
            self.cards = []
            for _ in cards:
                widget = ScenarioCard()
                self.column.insertWidget(self.column.count() - 1, widget)
                self.cards.append(widget)
        ranked = sorted(range(len(cards)), key=lambda i: -cards[i].probability)
        for rank, (i, widget) in enumerate(zip(ranked, self.cards)):
            widget.set_card(cards[i], i, rank)
