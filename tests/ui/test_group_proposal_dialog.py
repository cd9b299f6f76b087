"""Issue 12 §1 in the window: the evidence dialog proposes grouping a new item with the earlier one it repeats.

The proposal appears at the quote once typing pauses (never per keystroke), ticked by default, filling
the group field; saving groups both items through the undo stack, and undo gives the earlier item its
group back.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QUndoStack

from desktop.domain.evidence_rules import EvidenceDraft
from desktop.services import evidence as ev
from desktop.services.likelihoods import likelihoods_as_of
from desktop.ui.evidence.dialog import PROPOSAL_DELAY_MS, EvidenceDialog, log_evidence_interactively
from tests.ui.test_evidence_dialog import drive_modal

SITUATION = 1
EARLIER = "A US strike killed 3 people off Sucre on 15 September"
TYPED = "Un ataque de EE.UU. mato a tres personas frente a Sucre el 15 de septiembre"   # QTest types ASCII only


@pytest.fixture
def app():
    from desktop.ui.app import application

    return application()


@pytest.fixture
def stack(app):
    s = QUndoStack()
    yield s
    s.clear()


@pytest.fixture
def scenarios(seeded):
    return [(s.key, s.name) for s in likelihoods_as_of(seeded, SITUATION).scenarios]


@pytest.fixture
def earlier(seeded):
    return ev.log_evidence(seeded, SITUATION, EvidenceDraft(quote=EARLIER, observed_at=date(2025, 9, 15),
                                                            ratings={"escalation": "CC"}, paraphrase=True))


def fill(qtbot, d: EvidenceDialog, quote: str = TYPED) -> None:
    d.paraphrase.setChecked(True)
    d.observed.setDate(date(2025, 9, 16))
    qtbot.keyClicks(d.quote, quote)
    d.rating_rows["escalation"].set_value("CC")


def groups(db) -> dict[str, str | None]:
    return {r.key: r.group for r in ev.list_evidence(db, SITUATION)}


def test_the_proposal_appears_once_typing_pauses_ticked_and_filling_the_group(qtbot, app, seeded, scenarios,
                                                                              stack, earlier):
    d = EvidenceDialog(seeded, SITUATION, scenarios, stack)
    qtbot.addWidget(d)
    d.show()
    fill(qtbot, d)
    # typed, but no pause yet: nothing looked up, nothing shown
    assert d._proposal_timer.isActive() and d.proposal_box.isHidden()
    qtbot.waitUntil(lambda: not d.proposal_box.isHidden(), timeout=PROPOSAL_DELAY_MS * 10)
    assert d.proposal_label.text() == f"Same fact as {earlier.key} (15 Sep): group with it?"
    assert d.group_with.text() == f"Group with {earlier.key}" and d.group_with.isChecked()
    assert d.group.currentText() == f"same-{earlier.key}" and d.join_target() == earlier.id
    assert d.errors["quote"].isHidden() and d.save_button.isEnabled()     # a proposal, not a problem
    # the box and the group field follow each other
    d.group_with.setChecked(False)
    assert d.group.currentText() == "" and d.join_target() is None and d.value().group is None
    d.group_with.setChecked(True)
    assert d.group.currentText() == f"same-{earlier.key}"
    d.group.setEditText("my-own-group")
    assert not d.group_with.isChecked() and d.value().group == "my-own-group"
    # another quote: the proposal goes, and the group it had filled in goes with it
    d.group.setEditText(f"same-{earlier.key}")
    d.quote.setPlainText("Talks resume in Doha")
    d.check_proposal()
    assert d.proposal_box.isHidden() and d.group.currentText() == ""


def test_saving_groups_both_items_and_undo_restores_the_earlier_items_group(qtbot, app, seeded, scenarios, stack,
                                                                             earlier):
    errors = []

    def act(d: EvidenceDialog):
        fill(qtbot, d)
        qtbot.waitUntil(lambda: not d.proposal_box.isHidden(), timeout=PROPOSAL_DELAY_MS * 10)
        d.save()

    errors = drive_modal(qtbot, act)
    assert log_evidence_interactively(None, seeded, SITUATION, scenarios, stack)
    assert not errors, errors
    new_key = next(k for k in groups(seeded) if k not in (earlier.key,) and groups(seeded)[k] == f"same-{earlier.key}")
    assert groups(seeded)[earlier.key] == f"same-{earlier.key}"
    stack.undo()
    assert new_key not in groups(seeded) and groups(seeded)[earlier.key] is None
    stack.redo()
    assert groups(seeded)[new_key] == groups(seeded)[earlier.key] == f"same-{earlier.key}"


def test_an_unticked_proposal_saves_the_item_on_its_own(qtbot, app, seeded, scenarios, stack, earlier):
    def act(d: EvidenceDialog):
        fill(qtbot, d)
        qtbot.waitUntil(lambda: not d.proposal_box.isHidden(), timeout=PROPOSAL_DELAY_MS * 10)
        d.group_with.setChecked(False)
        d.save()

    errors = drive_modal(qtbot, act)
    assert log_evidence_interactively(None, seeded, SITUATION, scenarios, stack)
    assert not errors, errors
    assert groups(seeded)[earlier.key] is None
    assert [k for k, g in groups(seeded).items() if g and g.startswith("same-")] == []


def test_saving_before_the_pause_shows_the_proposal_first(qtbot, app, seeded, scenarios, stack, earlier):
    d = EvidenceDialog(seeded, SITUATION, scenarios, stack)
    qtbot.addWidget(d)
    d.show()
    fill(qtbot, d)
    assert d._proposal_timer.isActive()
    d.save()                                                        # Save (or Ctrl+Enter) at once
    assert d.isVisible() and not d.proposal_box.isHidden()          # not saved: the analyst sees it first
    with qtbot.waitSignal(d.accepted, timeout=2000):
        d.save()                                                    # seen: the second Save saves
    assert d.join_target() == earlier.id


def test_editing_an_item_proposes_nothing(qtbot, app, seeded, scenarios, stack, earlier):
    other = ev.log_evidence(seeded, SITUATION, EvidenceDraft(quote=TYPED, observed_at=date(2025, 9, 16),
                                                             ratings={"escalation": "CC"}, paraphrase=True),
                            group_proposed=False)
    d = EvidenceDialog(seeded, SITUATION, scenarios, stack, draft=ev.evidence_draft(seeded, other.id),
                       evidence_id=other.id)
    qtbot.addWidget(d)
    d.show()
    d.quote.setPlainText(TYPED + " ")
    assert not d._proposal_timer.isActive() and d.check_proposal() is None and d.proposal_box.isHidden()
