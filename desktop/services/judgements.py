"""The analyst's own probabilities: record a round, list rounds, stale and disagreement flags."""

from __future__ import annotations

from datetime import date, datetime, timezone

from desktop.domain.judgements import check_judgement, disagreements, is_stale
from desktop.domain.text_safety import clean_text
from desktop.services.errors import ValidationFailed
from desktop.services.judgement_rounds import JudgementRound, JudgementStatus
from desktop.services.likelihoods import likelihoods_as_of
from desktop.store import queries, writes
from desktop.store.engine import Database


def list_judgements(db: Database, situation_id: int) -> list[JudgementRound]:
    """Rounds in the order they were entered; a round is the judgements entered at one moment."""
    with db.reading() as session:
        rows = queries.judgements(session, situation_id)
        basis = queries.judgement_basis(session, [r[0] for r in rows])
    rounds: dict[datetime, dict] = {}
    for jid, key, p, made_at, analyst, rationale, stated_on in rows:
        r = rounds.setdefault(made_at, {"analyst": analyst, "rationale": rationale, "p": {}, "ids": [], "basis": [],
                                        "stated_on": stated_on})
        r["p"][key] = p
        r["ids"].append(jid)
        for ev_key in basis.get(jid, ()):
            if ev_key not in r["basis"]:
                r["basis"].append(ev_key)
    return [JudgementRound(m, r["analyst"], r["rationale"], r["p"], tuple(r["ids"]), tuple(r["basis"]),
                           r["stated_on"])
            for m, r in sorted(rounds.items())]


def record_judgement(db: Database, situation_id: int, probabilities: dict[str, float], rationale: str = "",
                     analyst: str = "", made_at: datetime | None = None, stated_on: date | None = None,
                     today: date | None = None) -> JudgementRound:
    """Store a round, entered at `made_at` (default now) and stated for `stated_on` (default: the day it is
    entered, local time), which may not be after `today`; it rests on the evidence logged since the previous round."""
    previous = list_judgements(db, situation_id)
    reference = previous[-1].probabilities if previous else {
        s.key: s.probability for s in likelihoods_as_of(db, situation_id).scenarios}
    made_at = made_at or datetime.now(timezone.utc)
    stated_on = stated_on or made_at.astimezone().date()
    rationale, analyst = clean_text(rationale), clean_text(analyst)
    with db.transaction() as session:
        scenarios = writes.scenario_ids(session, situation_id)
        problems = check_judgement(probabilities, list(scenarios), reference, rationale, stated_on,
                                   today or date.today())
        if problems:
            raise ValidationFailed(problems)
        since = previous[-1].made_at if previous else None
        basis = writes.evidence_logged_since(session, situation_id, since, made_at)
        ids = writes.insert_judgements(session, made_at, analyst, rationale.strip(),
                                       {scenarios[k]: p for k, p in probabilities.items()}, basis, stated_on)
    return next(r for r in list_judgements(db, situation_id) if set(r.judgement_ids) == set(ids))


def delete_judgement_round(db: Database, judgement_ids: tuple[int, ...]) -> None:
    with db.transaction() as session:
        writes.delete_judgements(session, list(judgement_ids))


def judgement_status(db: Database, situation_id: int, model: dict[str, float] | None = None,
                     now: datetime | None = None, rounds: list[JudgementRound] | None = None) -> JudgementStatus:
    """`rounds`, when the caller has them already, saves reading them again."""
    rounds = list_judgements(db, situation_id) if rounds is None else rounds
    if not rounds:
        return JudgementStatus(None, False, 0, {})
    latest = rounds[-1]
    with db.reading() as session:
        since = len(writes.evidence_logged_since(session, situation_id, latest.made_at))
    model = model or {s.key: s.probability for s in likelihoods_as_of(db, situation_id).scenarios}
    return JudgementStatus(latest, is_stale(latest.made_at, now or datetime.now(timezone.utc), since), since,
                           disagreements(model, latest.probabilities))


def default_analyst() -> str:
    """Who the judgement is by, unless the analyst says otherwise (SIGNPOST_ANALYST or the login name)."""
    from desktop.store.engine import current_user

    return current_user()


def evidence_since_last_round(db: Database, situation_id: int) -> list[str]:
    """Keys of the evidence a new round would rest on."""
    rounds = list_judgements(db, situation_id)
    with db.reading() as session:
        ids = writes.evidence_logged_since(session, situation_id, rounds[-1].made_at if rounds else None)
        return queries.evidence_keys(session, ids)


def evidence_ids_logged_since(db: Database, situation_id: int, since: datetime) -> list[int]:
    """Ids of the live evidence logged after `since` (what a judgement did not know)."""
    with db.reading() as session:
        return writes.evidence_logged_since(session, situation_id, since)
