"""The dashboard kept for the next start: handed back only while the database is exactly as it was drawn."""

from __future__ import annotations

import json
import os
from dataclasses import fields
from datetime import date, datetime, timedelta, timezone

import numpy as np
import pytest

from desktop.domain.evidence_rules import EvidenceDraft
from desktop.services import first_paint
from desktop.services.changes import change_mark
from desktop.services.evidence import log_evidence
from desktop.services.first_paint import FirstPaint, keep_first_paint, kept_first_paint
from desktop.services.indicators import indicator_overview
from desktop.services.judgements import judgement_status, list_judgements, record_judgement
from desktop.services.likelihoods import situation_overview
from desktop.services.situations import LAST_OPENED, resolve_situation
from desktop.services.workspace import open_workspace
from desktop.store import health, quick_look

SID = 1


def _paint(db, sid: int = SID) -> tuple[int, FirstPaint]:
    """What the window draws, read after the mark as the window reads it."""
    mark = change_mark(db)
    overview = situation_overview(db, sid)
    rounds = list_judgements(db, sid)
    status = judgement_status(db, sid, {s.key: s.probability for s in overview.report.scenarios},
                              rounds=rounds) if rounds else None
    return mark, FirstPaint(sid, "US–Venezuela", ((sid, "US–Venezuela"),), overview, tuple(rounds), status,
                            tuple(indicator_overview(db, sid)))


def _kept(db_path, sid: int | None = SID, db=None, **kw):
    if db is not None:
        db.close()          # a session that ends leaves the file as a Signpost process left it
    return kept_first_paint(str(db_path), sid, **kw)


def _log(db, quote: str = "Talks resumed in Barbados.") -> None:
    log_evidence(db, SID, EvidenceDraft(quote=quote, observed_at=date(2025, 11, 25), paraphrase=True,
                                        ratings={"negotiation": "CC", "escalation": "II", "status_quo": "N"},
                                        credibility=1, relevance="high"))


def _same(a, b) -> bool:
    """Field by field, arrays by value (the dataclasses compare arrays by identity otherwise)."""
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.dtype == b.dtype and a.shape == b.shape and \
            bool(np.array_equal(a, b, equal_nan=a.dtype.kind == "f"))
    if hasattr(a, "__dataclass_fields__"):
        return type(a) is type(b) and all(_same(getattr(a, f.name), getattr(b, f.name)) for f in fields(a))
    if isinstance(a, (tuple, list)):
        return type(a) is type(b) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def test_what_is_kept_comes_back_whole_while_nothing_was_written(db_path):
    db = open_workspace(str(db_path))
    resolve_situation(db)       # remembered as the one last opened, as the window does
    record_judgement(db, SID, {s.key: s.probability for s in situation_overview(db, SID).report.scenarios})
    _log(db)       # the judgement now has evidence logged since it: its status has something to say
    mark, paint = _paint(db)
    assert paint.status is not None and paint.status.evidence_since == 1 and paint.rounds
    assert keep_first_paint(db, mark, paint)
    back = _kept(db_path, db=db)
    assert _same(back, paint)
    assert _kept(db_path, None) is not None             # the situation last opened, as `signpost` starts


def test_any_write_since_makes_it_useless(db_path):
    db = open_workspace(str(db_path))
    mark, paint = _paint(db)
    assert keep_first_paint(db, mark, paint)
    _log(db)
    assert _kept(db_path, db=db) is None


def test_a_mark_read_before_a_write_never_vouches_for_numbers_read_after_it(db_path):
    """The window reads the mark first: a write landing between the mark and the numbers makes the kept
    drawing's mark older than the database's, so it is not used (the opposite order would hide the write)."""
    db = open_workspace(str(db_path))
    mark = change_mark(db)
    _log(db)
    _, paint = _paint(db)
    assert keep_first_paint(db, mark, paint)
    assert _kept(db_path, db=db) is None


def test_only_for_the_situation_it_shows(db_path):
    db = open_workspace(str(db_path))
    mark, paint = _paint(db)
    assert keep_first_paint(db, mark, paint)
    db.close()
    assert _kept(db_path, SID + 1) is None and _kept(db_path, SID) is not None


def test_not_for_a_file_marked_damaged_or_changed_since_a_signpost_process_left_it(db_path):
    db = open_workspace(str(db_path))
    mark, paint = _paint(db)
    assert keep_first_paint(db, mark, paint)
    db.close()
    stat = db_path.stat()
    os.utime(db_path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    assert kept_first_paint(str(db_path), SID) is None          # its quick_check is due first
    os.utime(db_path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert kept_first_paint(str(db_path), SID) is not None
    health.mark_damaged(db_path, "test: marked by hand")
    assert kept_first_paint(str(db_path), SID) is None


def test_a_restored_backup_that_reaches_the_same_mark_again_is_not_taken_for_the_kept_state(db_path):
    """Change-log ids are reused after a restore: the kept drawing is keyed by the entry's time as well."""
    import shutil

    db = open_workspace(str(db_path))
    before = db_path.with_name("before.db")
    db.close()
    shutil.copy(db_path, before)
    db = open_workspace(str(db_path))
    _log(db, "One item.")
    mark, paint = _paint(db)
    assert keep_first_paint(db, mark, paint)
    db.close()
    shutil.copy(before, db_path)                # back to the state before the item...
    db = open_workspace(str(db_path))
    _log(db, "Another item, with another meaning.")            # ...and a different item at the same log id
    assert change_mark(db) == mark
    assert _kept(db_path, db=db) is None


def test_what_is_kept_serves_the_day_it_was_drawn_only(db_path):
    """Indicator windows end today and a judgement goes stale with the clock: tomorrow the copy is not used."""
    db = open_workspace(str(db_path))
    record_judgement(db, SID, {s.key: s.probability for s in situation_overview(db, SID).report.scenarios})
    _log(db)
    mark, paint = _paint(db)
    assert not paint.status.stale
    assert keep_first_paint(db, mark, paint)
    db.close()
    now = datetime.now(timezone.utc)
    assert not kept_first_paint(str(db_path), SID, now=now).status.stale
    assert kept_first_paint(str(db_path), SID, now=now + timedelta(days=1)) is None


def test_a_kept_file_that_is_not_ours_is_ignored_and_builds_nothing_it_does_not_know(db_path):
    db = open_workspace(str(db_path))
    mark, paint = _paint(db)
    assert keep_first_paint(db, mark, paint)
    db.close()
    file = db_path.with_name(db_path.name + ".backups") / quick_look.FIRST_PAINT
    document = json.loads(file.read_text())
    document["paint"]["c"] = "Popen"            # a class that is not on the list
    file.write_text(json.dumps(document))
    assert kept_first_paint(str(db_path), SID) is None
    file.write_text("{not json")
    assert kept_first_paint(str(db_path), SID) is None


def test_an_empty_situation_is_not_kept(empty_db, db_path):
    """Its chart is dated by the clock (today), which a kept copy would get wrong tomorrow."""
    from desktop.services.bundles import import_bundle
    from desktop.domain.bundle import Bundle, BundleScenario

    scenarios = (BundleScenario("a", "A", "", 0.5), BundleScenario("b", "B", "", 0.5))
    sid = import_bundle(empty_db, Bundle(title="Empty", description="", scenarios=scenarios)).situation_id
    mark, paint = _paint(empty_db, sid)
    assert not keep_first_paint(empty_db, mark, paint)


def test_the_first_paint_reads_the_situation_last_opened_under_the_same_name(db_path):
    assert first_paint.LAST_OPENED == LAST_OPENED
    db = open_workspace(str(db_path))
    assert resolve_situation(db).id == SID
    db.close()
    look = quick_look.glance(db_path, first_paint.LAST_OPENED)
    assert look is not None and look.state == str(SID)


@pytest.mark.parametrize("value", ["postgresql+psycopg://u@h/db", "sqlite:///x.db"])
def test_only_a_file_path_gets_a_first_paint(value):
    assert quick_look.database_file(value) is None


def test_the_banners_facts_come_back_too(db_path):
    """The ACH leader and the items carrying a lead are kept, so the first paint shows the same banners."""
    db = open_workspace(str(db_path))
    resolve_situation(db)
    from desktop.services.sources import find_source

    # from s2 (graded A), confirmed, highly relevant: w = 1, so escalation II alone moves it by over 25 points
    log_evidence(db, SID, EvidenceDraft(quote="Both sides signed a framework.", observed_at=date(2025, 11, 25),
                                        paraphrase=True, source_id=find_source(db, SID, "s2").id,
                                        ratings={"negotiation": "CC", "escalation": "II", "status_quo": "N"},
                                        credibility=1, relevance="high"))
    mark, paint = _paint(db)
    assert paint.overview.report.carriers and paint.overview.report.ach_leader is not None
    assert keep_first_paint(db, mark, paint)
    back = _kept(db_path, db=db)
    assert _same(back.overview.report.carriers, paint.overview.report.carriers)
    assert back.overview.report.ach_leader == paint.overview.report.ach_leader
