"""Issue 12 §1: a wire copy or a near-duplicate of an earlier item is proposed for grouping when logged.

The command line (and the service's default) joins the item to that group unless told not to; the
earlier item gets a new group when it had none, in the same transaction, and an undo gives it back
the group it had. Bundles and old databases get the index too.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest

from desktop.cli import main
from desktop.domain.evidence_rules import EvidenceDraft
from desktop.domain.fact_signature import fact_signature
from desktop.services import evidence as ev
from desktop.services.bundles import import_bundle_file
from desktop.services.grouping import propose_group, ungrouped_proposals
from desktop.services.likelihoods import likelihoods_as_of
from desktop.services.sources import find_source
from tests.conftest import SEED_BUNDLE

STRIKE_EN = "A US strike killed 3 people off Sucre on 15 September"
STRIKE_ES = "Un ataque de EE.UU. mató a tres personas frente a Sucre el 15 de septiembre"


def _draft(quote: str, source_id: int | None = None, day: date = date(2025, 9, 16), **kw) -> EvidenceDraft:
    base = dict(quote=quote, observed_at=day, ratings={"escalation": "CC", "negotiation": "I"}, source_id=source_id,
                credibility=2, relevance="high", paraphrase=True)
    return EvidenceDraft(**{**base, **kw})


def _groups(db) -> dict[str, str | None]:
    return {row.key: row.group for row in ev.list_evidence(db, 1)}


def _tokens(path, key: str) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT t.token FROM evidence_fact_token t JOIN evidence e "
                                          "ON e.id = t.evidence_id WHERE e.key = ? AND e.situation_id = 1", (key,))}
    finally:
        con.close()


def test_a_wire_copy_joins_the_earlier_items_group(seeded):
    s3 = find_source(seeded, 1, "s3").id
    e4_quote = next(r.quote for r in ev.list_evidence(seeded, 1) if r.key == "e4")
    logged = ev.log_evidence(seeded, 1, _draft("  " + e4_quote.upper() + " ", s3, date(2025, 11, 24)))
    assert logged.proposal.key == "e4" and logged.proposal.reason == "same quote from s1"
    assert logged.joined and logged.group == "fto-designation" and logged.regrouped == ()
    assert "e4" in logged.grouped_with and logged.key not in logged.grouped_with
    assert logged.grouping_line() == "grouped with e4 (same quote from s1): counts once"
    assert _groups(seeded)[logged.key] == "fto-designation"


def test_an_english_and_a_spanish_report_of_one_strike_form_a_group_and_count_once(seeded):
    before = likelihoods_as_of(seeded, 1)
    first = ev.log_evidence(seeded, 1, _draft(STRIKE_EN))
    assert first.proposal is None and first.group is None
    one = likelihoods_as_of(seeded, 1)
    second = ev.log_evidence(seeded, 1, _draft(STRIKE_ES))
    assert second.proposal.key == first.key and second.proposal.reason == "same figures, dates, names"
    assert second.group == f"same-{first.key}" and second.grouped_with == (first.key,)
    assert second.regrouped == ((first.id, None),)
    assert _groups(seeded)[first.key] == _groups(seeded)[second.key] == f"same-{first.key}"
    # rated alike, the group counts as one item: the probabilities are those of the first alone
    after = likelihoods_as_of(seeded, 1)
    assert [s.probability for s in after.scenarios] == pytest.approx([s.probability for s in one.scenarios])
    assert [s.probability for s in after.scenarios] != pytest.approx([s.probability for s in before.scenarios])


@pytest.mark.parametrize("quote", [
    "Venezuela said the strike off Sucre was an act of aggression",     # a name (the backdrop) and a place
    "3 people were detained in Caracas on 20 September",                 # the same number, another fact and day
    "US forces struck a boat off Sucre, killing 11 people on 15 September",   # same day and place, another toll
])
def test_other_facts_are_not_proposed(seeded, quote):
    ev.log_evidence(seeded, 1, _draft(STRIKE_EN))
    logged = ev.log_evidence(seeded, 1, _draft(quote))
    assert logged.proposal is None and logged.group is None


def test_no_group_keeps_the_item_apart_and_still_names_the_earlier_one(seeded):
    first = ev.log_evidence(seeded, 1, _draft(STRIKE_EN))
    second = ev.log_evidence(seeded, 1, _draft(STRIKE_ES), group_proposed=False)
    assert second.group is None and not second.joined and second.proposal.key == first.key
    assert second.grouping_line() == (f"near-duplicate of {first.key} (same figures, dates, names) — "
                                      "not grouped (--no-group)")
    assert _groups(seeded)[first.key] is None


def test_an_explicit_group_wins_over_the_proposal(seeded):
    first = ev.log_evidence(seeded, 1, _draft(STRIKE_EN))
    second = ev.log_evidence(seeded, 1, _draft(STRIKE_ES, group="sucre-strikes"))
    assert second.group == "sucre-strikes" and not second.joined and second.proposal.key == first.key
    assert _groups(seeded)[first.key] is None
    assert second.grouping_line().endswith("kept in group sucre-strikes (--group)")


def test_undo_of_a_grouped_log_restores_the_earlier_items_group_and_redo_repeats_it(seeded, db_path):
    first = ev.log_evidence(seeded, 1, _draft(STRIKE_EN))
    second = ev.log_evidence(seeded, 1, _draft(STRIKE_ES))
    ev.withdraw_logged(seeded, second)
    groups = _groups(seeded)
    assert second.key not in groups and groups[first.key] is None
    assert _tokens(db_path, second.key) == set()           # a deleted item leaves the index
    assert propose_group(seeded, 1, STRIKE_ES, date(2025, 9, 16), None).key == first.key
    ev.redo_logged(seeded, second)
    assert _groups(seeded)[first.key] == _groups(seeded)[second.key] == f"same-{first.key}"
    assert _tokens(db_path, second.key) == set(fact_signature(STRIKE_ES, date(2025, 9, 16)).tokens())


def test_the_dialogs_choice_joins_the_item_it_names(seeded):
    first = ev.log_evidence(seeded, 1, _draft(STRIKE_EN))
    chosen = ev.log_evidence(seeded, 1, _draft("Sucre: tres muertos", day=date(2025, 9, 15)), group_proposed=False,
                             join=first.id)
    assert chosen.group == f"same-{first.key}" and chosen.grouped_with == (first.key,)
    ev.delete_evidence(seeded, first.id)
    from desktop.services.errors import ValidationFailed
    with pytest.raises(ValidationFailed, match="no longer in the log"):
        ev.log_evidence(seeded, 1, _draft("Sucre: otra cosa"), join=first.id)


def test_a_new_group_name_never_reuses_one_in_use(seeded):
    first = ev.log_evidence(seeded, 1, _draft(STRIKE_EN, group=None))
    other = ev.log_evidence(seeded, 1, _draft("Talks resume in Doha", group="same-" + first.key))
    assert other.group == f"same-{first.key}"
    second = ev.log_evidence(seeded, 1, _draft(STRIKE_ES))
    assert second.group == f"same-{first.key}-2"


def test_the_command_line_groups_by_default_and_says_so(tmp_path, capsys):
    db = tmp_path / "case.db"
    base = ["--db", str(db), "log-evidence", "--paraphrase", "--observed", "2025-09-16", "--rate", "escalation=C"]
    assert main(base + ["--quote", STRIKE_EN, "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first == {"evidence": "e55", "situation_id": 1, "group": None, "grouped_with": None, "group_members": [],
                     "proposal": None}
    assert main(base + ["--quote", STRIKE_ES]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["Logged e56 in situation 1", "grouped with e55 (same figures, dates, names): counts once"]
    assert main(base + ["--quote", "A US strike killed three people off Sucre on 15 September", "--no-group",
                        "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["group"] is None and doc["grouped_with"] is None and doc["group_members"] == []
    assert doc["proposal"] == {"evidence": "e55", "kind": "same_fact", "reason": "same figures, dates, names",
                               "group": "same-e55", "applied": False}
    assert main(base + ["--quote", "Tres muertos en Sucre el 15 de septiembre por un ataque de EE.UU.", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["group"] == "same-e55" and doc["grouped_with"] == "e55" and doc["group_members"] == ["e55", "e56"]
    # an explicit --group wins; --group and --no-group together are refused
    assert main(base + ["--quote", "EE.UU. mató a 3 personas frente a Sucre el 15 de septiembre", "--group", "mine",
                        "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["group"] == "mine"
    assert main(base + ["--quote", "x", "--group", "g", "--no-group"]) == 2
    assert "not allowed with" in capsys.readouterr().err
    # the exact duplicate is still refused with exit 2
    assert main(base + ["--quote", STRIKE_EN]) == 2


def test_a_bundle_is_indexed_on_import_and_its_ungrouped_pairs_are_listed(empty_db, tmp_path, capsys):
    raw = json.loads(SEED_BUNDLE.read_text(encoding="utf-8"))
    e47 = next(e for e in raw["evidence"] if e["key"] == "e47")
    raw["evidence"].append({**e47, "key": "e900", "source": "s6", "group": None, "start": None, "end": None,
                            "paraphrase": True})                           # a wire copy of e47, ungrouped
    raw["evidence"].append({**e47, "key": "e901", "source": "s7", "group": None, "start": None, "end": None,
                            "paraphrase": True, "deleted_at": "2025-11-25T00:00:00+00:00"})   # deleted: not counted
    path = tmp_path / "copy.signpost.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    summary = import_bundle_file(empty_db, path)
    pairs = ungrouped_proposals(empty_db, summary.situation_id)
    assert [(p.evidence, p.like, p.reason) for p in pairs] == [("e900", "e47", "same quote from s12")]
    assert main(["--db", str(tmp_path / "cli.db"), "import-bundle", str(path)]) == 0
    out = capsys.readouterr().out
    assert "1 pair(s) look like one fact but are not grouped" in out and "e900 ~ e47 (same quote from s12)" in out


def test_the_seed_repeats_no_fact_outside_a_group(seeded):
    """Every pair the rules would propose in the seeded case is already one group (issue 12: "the seed passes")."""
    assert ungrouped_proposals(seeded, 1) == []
    with seeded.reading() as session:
        from sqlalchemy import text
        indexed = session.execute(text("SELECT count(DISTINCT evidence_id) FROM evidence_fact_token")).scalar()
    assert indexed == len(json.loads(SEED_BUNDLE.read_text(encoding="utf-8"))["evidence"])
