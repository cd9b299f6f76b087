"""Analysis → Record judgement: the analyst's own probabilities beside the model's, one undoable command."""

from __future__ import annotations

from PySide6.QtCore import QObject

from desktop.services.judgements import default_analyst, evidence_since_last_round, list_judgements
from desktop.services.likelihoods import situation_overview
from desktop.ui.judgements.dialog import JudgementDialog, RecordJudgementCommand


class JudgementActions(QObject):
    def __init__(self, context):
        super().__init__(context)
        self.context = context

    def record(self) -> bool:
        c = self.context
        sid = c.situation_id
        overview = situation_overview(c.database, sid)
        rounds = list_judgements(c.database, sid)
        dialog = JudgementDialog([(s.key, s.name, s.probability) for s in overview.report.scenarios],
                                 rounds[-1].probabilities if rounds else None,
                                 evidence_since_last_round(c.database, sid), default_analyst(), c.window,
                                 as_of=c.as_of)
        if not dialog.exec():
            return False
        return c.push(RecordJudgementCommand(c.database, sid, dialog.value(), dialog.rationale.toPlainText(),
                                             dialog.analyst.text(), c.sync, stated_on=dialog.stated_on()))
