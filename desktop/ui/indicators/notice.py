"""A banner across the window when a new figure takes an indicator past a threshold.

Not modal: the analyst can go on working and answer it later. "Log as evidence…" opens the
evidence dialog prefilled with the figure, rated against the indicator's linked scenarios
(consistent with those a rise points toward, inconsistent with those it points away from).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.domain.evidence_rules import EvidenceDraft
from desktop.ui.common.theme import Colours, colours, follow_palette


class ThresholdNotice(QFrame):
    log_requested = Signal(object)      # the EvidenceDraft to open the dialog with

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("thresholdNotice")
        self.draft: EvidenceDraft | None = None
        self.text = QLabel()
        self.text.setObjectName("thresholdNoticeText")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.log_button = QPushButton("Log as evidence…")
        self.log_button.setObjectName("thresholdLog")
        self.log_button.clicked.connect(self._log)
        self.dismiss_button = QPushButton("Dismiss")
        self.dismiss_button.setObjectName("thresholdDismiss")
        self.dismiss_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 6, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.log_button)
        layout.addWidget(self.dismiss_button)
        self._shown: tuple | None = None     # what the notice says: (added, draft, scenario names)
        self.hide()
        follow_palette(self, self._recolour, now=False)

    def announce(self, added, draft: EvidenceDraft, scenario_names: dict[str, str]) -> None:
        self._shown = (added, draft, dict(scenario_names))
        self._recolour(colours())
        self.draft = draft
        self.show()

    def _recolour(self, c: Colours) -> None:
        """The banner in the notice colours, the indicator's name in its new status colour."""
        if self._shown is None:
            return
        added, draft, scenario_names = self._shown
        status = added.after.value
        self.setStyleSheet(f"#thresholdNotice {{ background: {c.notice_bg}; border: 1px solid {c.status[status]}; "
                           f"border-radius: 4px; }} #thresholdNoticeText {{ color: {c.notice_text}; }}")
        linked = ", ".join(f"{html.escape(scenario_names.get(k, k))} ({'+' if s > 0 else '−'})"
                           for k, s in added.scenarios.items()) or "no scenario linked yet"
        self.text.setText(f"<b style='color:{c.notice_status_text[status]}'>⚑ {html.escape(added.indicator_name)}</b>"
                          f" is now <b>{'past its alert' if status == 'red' else 'past its warning'}</b> "
                          f"({html.escape(draft.quote.split(': ', 1)[-1].rstrip('.'))}). Linked scenarios: {linked}.")

    def _log(self) -> None:
        if self.draft is not None:
            self.log_requested.emit(self.draft)
            self.hide()
