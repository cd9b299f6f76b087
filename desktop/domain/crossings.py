"""The evidence item a threshold crossing offers to log: the figure, worded and rated by the indicator's links.

Pure: the window's notice and the command line word a crossing the same way.
"""

from __future__ import annotations

from desktop.domain.evidence_rules import EvidenceDraft
from desktop.domain.units import unit_for


def figure_text(value: float | None) -> str:
    """A figure as analysts write it: thousands separated, no ".00" on whole numbers."""
    if value is None:
        return "—"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def crossing_draft(added, draft, definition, source_id: int | None = None) -> EvidenceDraft:
    """The evidence item for a crossing: the figure as a paraphrase, rated per the indicator's links.

    `added` is the service's ObservationAdded, `draft` the figure's ObservationDraft, `definition` the
    indicator's IndicatorDraft. A link's sign says where a rise points; when lower is worse the crossing
    is a fall, so it points the other way. An event count crosses on its window's total, which is what
    the quote gives.
    """
    level = "alert" if added.after.value == "red" else "warning"
    threshold = definition.alert if level == "alert" else definition.warn
    unit = definition.unit
    day = draft.observed_at.isoformat()
    if definition.kind == "events":
        # The window the status was read over ends at that reading's day (today), not the figure's.
        end = (added.end or draft.observed_at).isoformat()
        figure = (f"{figure_text(added.latest)} {unit_for(added.latest, unit)} in the {definition.trend_days} "
                  f"days to {end} (latest report {figure_text(draft.value)} on {day})")
    else:
        qualifier = f"{draft.qualifier} " if draft.qualifier else ""
        figure = f"{qualifier}{figure_text(draft.value)} {unit_for(draft.value, unit)} on {day}"
    quote = f"{added.indicator_name}: {figure}, past the {level} threshold of {figure_text(threshold)}."
    way = 1 if definition.higher_is_worse else -1
    ratings = {key: ("C" if sign * way > 0 else "I") for key, sign in added.scenarios.items()}
    return EvidenceDraft(quote=quote, observed_at=draft.observed_at, ratings=ratings, paraphrase=True,
                         source_id=source_id, tags=("indicator",),
                         summary=f"{added.indicator_name} crossed its {level} threshold.")
