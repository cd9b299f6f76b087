"""Undoable user actions. Each command holds ids and plain values, and calls a service both ways.

One QUndoStack per window. A command's first redo() does the action; undo() and
later redo() calls reverse and replay it through the same services, so the
database and the change log always agree with what the analyst sees.
`on_change` (the window's refresh) runs after every do and undo.

Push with `push_guarded`: when the service refuses the first redo (bad input, an
item deleted meanwhile) the command marks itself obsolete, so QUndoStack drops it
instead of keeping an action that never happened, and the refusal is returned.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from desktop.domain.evidence_rules import EvidenceDraft
from desktop.services import evidence as evidence_service
from desktop.services import articles as article_service
from desktop.services import indicators as indicator_service
from desktop.services import sources as source_service
from desktop.services import suggestions as suggestion_service
from desktop.services.errors import InputError


def _short(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


class ServiceCommand(QUndoCommand):
    """Base: subclasses implement `apply()` and `revert()` with service calls."""

    def __init__(self, database, text: str, on_change: Callable[[], None] | None):
        super().__init__(text)
        self.database = database
        self.on_change = on_change or (lambda: None)
        self.refusal: InputError | None = None
        self._done_once = False

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        if not self._done_once:
            try:
                self.apply()
            except InputError as exc:
                self.refusal = exc
                self.setObsolete(True)
                return
            self._done_once = True
        else:
            self.apply()
        self.on_change()

    def undo(self) -> None:
        self.revert()
        self.on_change()


def push_guarded(undo_stack, command: ServiceCommand) -> InputError | None:
    """Push `command`; None if it was done, else the service's refusal (and nothing stays on the stack)."""
    undo_stack.push(command)
    return command.refusal



class AddEvidenceCommand(ServiceCommand):
    """Log a new item; undo soft-deletes it, redo restores it (same id and key). When it was grouped with an
    earlier item that had no group, undo takes that item out of the new group again and redo puts it back.

    `join`: the earlier item the analyst chose to group it with (the dialog's ticked box); otherwise no
    proposal is applied behind the analyst's back (the dialog shows every proposal before saving)."""

    def __init__(self, database, situation_id: int, draft: EvidenceDraft, on_change=None,
                 suggestion_id: int | None = None, join: int | None = None):
        super().__init__(database, f"Log evidence “{_short(draft.quote)}”", on_change)
        self.situation_id = situation_id
        self.draft = draft
        self.suggestion_id = suggestion_id     # the extraction suggestion it accepts, if any
        self.join = join
        self.logged: evidence_service.LoggedEvidence | None = None

    def apply(self) -> None:
        if self.logged is None:
            self.logged = evidence_service.log_evidence(self.database, self.situation_id, self.draft,
                                                        suggestion_id=self.suggestion_id, group_proposed=False,
                                                        join=self.join)
            self.setText(f"Log evidence {self.logged.key} “{_short(self.draft.quote)}”")
        else:
            evidence_service.redo_logged(self.database, self.logged)

    def revert(self) -> None:
        evidence_service.withdraw_logged(self.database, self.logged)


class EditEvidenceCommand(ServiceCommand):
    def __init__(self, database, evidence_id: int, old: EvidenceDraft, new: EvidenceDraft, on_change=None):
        super().__init__(database, f"Edit evidence “{_short(new.quote)}”", on_change)
        self.evidence_id, self.old, self.new = evidence_id, old, new

    def apply(self) -> None:
        evidence_service.edit_evidence(self.database, self.evidence_id, self.new)

    def revert(self) -> None:
        evidence_service.edit_evidence(self.database, self.evidence_id, self.old)


class DeleteEvidenceCommand(ServiceCommand):
    def __init__(self, database, evidence_id: int, label: str, on_change=None):
        super().__init__(database, f"Delete evidence {label}", on_change)
        self.evidence_id = evidence_id

    def apply(self) -> None:
        evidence_service.delete_evidence(self.database, self.evidence_id)

    def revert(self) -> None:
        evidence_service.restore_evidence(self.database, self.evidence_id)


class SetRatingCommand(ServiceCommand):
    """One matrix cell; `old` is what the cell held (None: unrated)."""

    def __init__(self, database, evidence_id: int, label: str, scenario_key: str, old: str | None,
                 new: str | None, on_change=None):
        super().__init__(database, f"Rate {label} {new or 'unrated'} for {scenario_key}", on_change)
        self.evidence_id, self.scenario_key, self.old, self.new = evidence_id, scenario_key, old, new

    def apply(self) -> None:
        evidence_service.set_rating(self.database, self.evidence_id, self.scenario_key, self.new)

    def revert(self) -> None:
        evidence_service.set_rating(self.database, self.evidence_id, self.scenario_key, self.old)


class AddSourceCommand(ServiceCommand):
    """A new source; undo soft-deletes it, redo restores it."""

    def __init__(self, database, situation_id: int, new: source_service.NewSource, on_change=None):
        super().__init__(database, f"Add source “{_short(new.title)}”", on_change)
        self.situation_id, self.new = situation_id, new
        self.added: source_service.SourceSummary | None = None

    def apply(self) -> None:
        if self.added is None:
            self.added = source_service.add_source(self.database, self.situation_id, self.new)
        else:
            source_service.restore_source(self.database, self.added.id)

    def revert(self) -> None:
        source_service.delete_source(self.database, self.added.id)


class RejectSuggestionCommand(ServiceCommand):
    """Reject (or, with reopen=True, un-reject) an extraction suggestion."""

    def __init__(self, database, suggestion_id: int, label: str, on_change=None, reopen: bool = False):
        super().__init__(database, f"{'Restore' if reopen else 'Reject'} suggestion “{_short(label)}”", on_change)
        self.suggestion_id = suggestion_id
        self.new, self.old = ("pending", "rejected") if reopen else ("rejected", "pending")

    def apply(self) -> None:
        suggestion_service.set_status(self.database, self.suggestion_id, self.new)

    def revert(self) -> None:
        suggestion_service.set_status(self.database, self.suggestion_id, self.old)


class AcceptFigureCommand(ServiceCommand):
    """Record a suggested figure (in a new indicator when `new_indicator` names one) linked to its evidence;
    undo removes the figure and archives an indicator made for it, redo brings both back."""

    def __init__(self, database, situation_id: int, suggestion_id: int, evidence_id: int, observed_at,
                 label: str, indicator_key: str | None = None, new_indicator: str | None = None,
                 value: float | None = None, on_change=None):
        super().__init__(database, f"Record {_short(label)} in {new_indicator or indicator_key}", on_change)
        self.args = dict(situation_id=situation_id, suggestion_id=suggestion_id, evidence_id=evidence_id,
                         observed_at=observed_at, indicator_key=indicator_key, new_indicator=new_indicator,
                         value=value)
        self.accepted: suggestion_service.FigureAccepted | None = None

    def apply(self) -> None:
        if self.accepted is None:
            self.accepted = suggestion_service.accept_figure(self.database, **self.args)
        else:
            self.accepted = suggestion_service.accept_figure(
                self.database, **{**self.args, "indicator_key": self.accepted.indicator_key, "new_indicator": None},
                restore_indicator=self.accepted.created_indicator_id)

    def revert(self) -> None:
        suggestion_service.undo_figure(self.database, self.accepted)


class FindSuggestionsCommand(ServiceCommand):
    """Read a source for suggestions again; undo puts back the pending ones it replaced."""

    def __init__(self, database, source_id: int, label: str, on_change=None):
        super().__init__(database, f"Find suggestions in {_short(label)}", on_change)
        self.source_id = source_id
        self.before: list[dict] | None = None
        self.pending = 0

    def apply(self) -> None:
        if self.before is None:
            self.before = article_service.pending_suggestions(self.database, self.source_id)
        self.pending = article_service.suggest_again(self.database, self.source_id)

    def revert(self) -> None:
        article_service.restore_pending(self.database, self.source_id, self.before)


class GroupStoryCommand(ServiceCommand):
    """Mark sources as one story; undo puts each back in the story it had."""

    def __init__(self, database, source_ids: list[int], label: str, on_change=None):
        super().__init__(database, f"Group {_short(label)} as one story", on_change)
        self.source_ids = list(source_ids)
        self.before: dict[int, str | None] | None = None
        self.story: str | None = None

    def apply(self) -> None:
        if self.before is None:
            self.before = article_service.source_stories(self.database, self.source_ids)
        self.story = article_service.group_as_story(self.database, self.source_ids)

    def revert(self) -> None:
        article_service.set_stories(self.database, self.before)


class ImportSourcesCommand(ServiceCommand):
    """Articles imported off the GUI thread: already stored when pushed; undo hides the new sources."""

    def __init__(self, database, source_ids: list[int], label: str, on_change=None):
        super().__init__(database, f"Import {_short(label)}", on_change)
        self.source_ids = list(source_ids)
        self._stored = True

    def apply(self) -> None:
        if self._stored:
            self._stored = False        # the import itself did the first "redo"
            return
        for source_id in self.source_ids:
            source_service.restore_source(self.database, source_id)

    def revert(self) -> None:
        for source_id in self.source_ids:
            source_service.delete_source(self.database, source_id)


class EditSourceDetailsCommand(ServiceCommand):
    """A source's day, outlet and grade corrected; undo puts the old ones back (and re-reads suggestions)."""

    def __init__(self, database, source_id: int, old, new, label: str, on_change=None):
        super().__init__(database, f"Edit source {_short(label)}", on_change)
        self.source_id, self.old, self.new = source_id, old, new

    def apply(self) -> None:
        article_service.set_source_details(self.database, self.source_id, self.new)

    def revert(self) -> None:
        article_service.set_source_details(self.database, self.source_id, self.old)


# --- indicators ---------------------------------------------------------------------------------

class CreateIndicatorCommand(ServiceCommand):
    """A new indicator; undo archives it, redo restores it (same id and key)."""

    def __init__(self, database, situation_id: int, draft, on_change=None):
        super().__init__(database, f"New indicator “{_short(draft.name)}”", on_change)
        self.situation_id, self.draft = situation_id, draft
        self.made = None

    def apply(self) -> None:
        if self.made is None:
            self.made = indicator_service.create_indicator(self.database, self.situation_id, self.draft)
        else:
            indicator_service.set_archived(self.database, self.made.id, False)

    def revert(self) -> None:
        indicator_service.set_archived(self.database, self.made.id, True)


class EditIndicatorCommand(ServiceCommand):
    def __init__(self, database, indicator_id: int, old, new, on_change=None):
        super().__init__(database, f"Edit indicator “{_short(new.name)}”", on_change)
        self.indicator_id, self.old, self.new = indicator_id, old, new

    def apply(self) -> None:
        indicator_service.update_indicator(self.database, self.indicator_id, self.new)

    def revert(self) -> None:
        indicator_service.update_indicator(self.database, self.indicator_id, self.old)


class ArchiveIndicatorCommand(ServiceCommand):
    """Archive (or, with restore=True, bring back) an indicator; its observations stay either way."""

    def __init__(self, database, indicator_id: int, name: str, on_change=None, restore: bool = False):
        super().__init__(database, f"{'Restore' if restore else 'Archive'} indicator “{_short(name)}”", on_change)
        self.indicator_id, self.archived = indicator_id, not restore

    def apply(self) -> None:
        indicator_service.set_archived(self.database, self.indicator_id, self.archived)

    def revert(self) -> None:
        indicator_service.set_archived(self.database, self.indicator_id, not self.archived)


class AddObservationCommand(ServiceCommand):
    """One figure; undo removes it, redo puts it back under the same id. `result` tells of a crossing."""

    def __init__(self, database, situation_id: int, indicator_key: str, draft, label: str, on_change=None):
        super().__init__(database, f"Record {_short(label)} in {indicator_key}", on_change)
        self.situation_id, self.indicator_key, self.draft = situation_id, indicator_key, draft
        self.result: indicator_service.ObservationAdded | None = None

    def apply(self) -> None:
        self.result = indicator_service.add_observation(
            self.database, self.situation_id, self.indicator_key, self.draft,
            observation_id=self.result.id if self.result else None)

    def revert(self) -> None:
        indicator_service.delete_observation(self.database, self.result.id)


class EditObservationCommand(ServiceCommand):
    def __init__(self, database, observation_id: int, old, new, label: str, on_change=None):
        super().__init__(database, f"Edit figure {_short(label)}", on_change)
        self.observation_id, self.old, self.new = observation_id, old, new

    def apply(self) -> None:
        indicator_service.edit_observation(self.database, self.observation_id, self.new)

    def revert(self) -> None:
        indicator_service.edit_observation(self.database, self.observation_id, self.old)


class DeleteObservationCommand(ServiceCommand):
    def __init__(self, database, observation_id: int, label: str, on_change=None):
        super().__init__(database, f"Delete figure {_short(label)}", on_change)
        self.observation_id = observation_id
        self.row = None

    def apply(self) -> None:
        self.row = indicator_service.delete_observation(self.database, self.observation_id)

    def revert(self) -> None:
        indicator_service.restore_observation(self.database, self.row)


class ImportObservationsCommand(ServiceCommand):
    """A CSV file's figures, already stored (off the GUI thread) when pushed; undo removes them all."""

    def __init__(self, database, observation_ids: list[int], label: str, on_change=None):
        super().__init__(database, f"Import {len(observation_ids)} figures from {_short(label)}", on_change)
        self.observation_ids = list(observation_ids)
        self.rows = None
        self._stored = True

    def apply(self) -> None:
        if self._stored:
            self._stored = False        # the import itself did the first "redo"
            return
        indicator_service.restore_observations(self.database, self.rows)

    def revert(self) -> None:
        self.rows = indicator_service.remove_observations(self.database, self.observation_ids)


class SaveSituationCommand(ServiceCommand):
    """The situation's question, dates and scenarios as the dialog left them; undo writes back what it showed
    (a scenario added in the dialog is removed again, one archived comes back with its ratings)."""

    def __init__(self, database, situation_id: int, old, new, on_change=None):
        super().__init__(database, "Edit situation and scenarios", on_change)
        self.situation_id, self.old, self.new = situation_id, old, new

    def apply(self) -> None:
        from desktop.services.scenario_edits import save_situation_spec

        save_situation_spec(self.database, self.situation_id, self.new)

    def revert(self) -> None:
        from desktop.services.scenario_edits import save_situation_spec

        save_situation_spec(self.database, self.situation_id, self.old)
