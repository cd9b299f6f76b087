"""Issue 12 §1: the same quote from the same source counts once; a copy is refused with the earlier key."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest

from desktop.cli import main
from desktop.domain.bundle import BundleError, parse_bundle_text
from desktop.domain.evidence_rules import DUPLICATE_QUOTE, EvidenceDraft
from desktop.services import evidence as ev
from desktop.services.errors import ValidationFailed
from desktop.services.likelihoods import likelihoods_as_of
from desktop.services.sources import find_source
from tests.conftest import SEED_BUNDLE

QUOTE = "Approximately 15,000 soldiers are believed to be mobilized"


def _draft(db, source="s1", quote=QUOTE, **kw):
    base = dict(quote=quote, observed_at=date(2025, 11, 24), ratings={"escalation": "CC", "negotiation": "I"},
                source_id=find_source(db, 1, source).id if source else None, credibility=2, relevance="high",
                paraphrase=source is None)
    return EvidenceDraft(**{**base, **kw})


def test_a_copy_from_the_same_source_is_refused_with_the_earlier_key(seeded):
    first = ev.log_evidence(seeded, 1, _draft(seeded, quote="Caine is also scheduled to travel", paraphrase=True))
    before = likelihoods_as_of(seeded, 1)
    for copy in ("Caine is also scheduled to travel", "  caine IS also\nscheduled   to travel "):
        with pytest.raises(ValidationFailed) as refused:
            ev.log_evidence(seeded, 1, _draft(seeded, quote=copy, paraphrase=True))
        problem = refused.value.problems[0]
        assert (problem.field, problem.code) == ("quote", DUPLICATE_QUOTE) and first.key in problem.message
    after = likelihoods_as_of(seeded, 1)
    assert [s.probability for s in after.scenarios] == [s.probability for s in before.scenarios]
    assert ev.duplicate_of(seeded, 1, _draft(seeded, quote="CAINE is also scheduled to travel", paraphrase=True)) \
        == first.key


def test_other_sources_edits_and_deleted_items_are_not_duplicates(seeded):
    first = ev.log_evidence(seeded, 1, _draft(seeded, source=None, quote="Talks resume in Doha"))
    ev.log_evidence(seeded, 1, _draft(seeded, source="s2", quote="Talks resume in Doha", paraphrase=True))
    ev.edit_evidence(seeded, first.id, _draft(seeded, source=None, quote="Talks resume in Doha", credibility=3))
    ev.delete_evidence(seeded, first.id)
    again = ev.log_evidence(seeded, 1, _draft(seeded, source=None, quote="Talks resume in Doha"))
    assert again.key != first.key
    ev.restore_evidence(seeded, first.id)          # an undo is never refused
    with pytest.raises(ValidationFailed, match=again.key):
        ev.edit_evidence(seeded, first.id, _draft(seeded, source=None, quote="talks resume in doha", credibility=4))


def test_the_command_line_refuses_a_copy_in_one_line_with_exit_2(tmp_path, capsys):
    path = tmp_path / "case.db"
    args = ["--db", str(path), "log-evidence", "--quote", "A spokesman said talks would resume", "--paraphrase",
            "--observed", "2025-11-24", "--rate", "negotiation=CC"]
    assert main(args) == 0
    capsys.readouterr()
    count = sqlite3.connect(path).execute("SELECT count(*) FROM evidence").fetchone()[0]
    assert main(args[:4] + ["a spokesman  said talks would RESUME"] + args[5:]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "e55" in err and "Traceback" not in err
    assert sqlite3.connect(path).execute("SELECT count(*) FROM evidence").fetchone()[0] == count


def test_a_bundle_with_a_copy_is_refused_naming_both_items():
    bundle = json.loads(SEED_BUNDLE.read_text(encoding="utf-8"))
    copy = dict(bundle["evidence"][3], key="e999")
    bundle["evidence"].append(copy)
    with pytest.raises(BundleError, match=rf"evidence\[\d+\] \(e999\)\.quote: .*as {bundle['evidence'][3]['key']}"):
        parse_bundle_text(json.dumps(bundle), "copy.json", today=date(2026, 1, 1))
