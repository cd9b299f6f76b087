"""Backups, damaged files and file modes (issue 10, points 4, 7 and 9)."""

from __future__ import annotations

import hashlib
import random
import sqlite3
import stat
from pathlib import Path

import pytest

from desktop.cli import main
from tests.store.sqlite_files import count


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def digest(path: Path) -> str:
    h = hashlib.sha256()
    for suffix in ("", "-wal"):
        p = Path(f"{path}{suffix}")
        if p.exists():
            h.update(p.read_bytes())
    return h.hexdigest()


def corrupt(path: Path, seed: int = 4) -> None:
    """Random bytes over whole pages in the middle of the file, as a failing disk or a stray write would leave."""
    size = path.stat().st_size
    pages = size // 4096
    rng = random.Random(seed)
    with open(path, "r+b") as f:
        for page in range(pages // 3, pages - 2, 3):
            f.seek(page * 4096)
            f.write(bytes(rng.randrange(256) for _ in range(4096)))


def corrupt_tables(path: Path, tables: tuple[str, ...], seed: int = 4) -> None:
    """Random bytes over the pages of `tables` alone: damage in the data that opening the file (which reads
    the schema) cannot see, wherever the schema's own pages happen to lie."""
    con = sqlite3.connect(path)
    pages = [r[0] for r in con.execute(
        f"SELECT pageno FROM dbstat WHERE name IN ({', '.join('?' * len(tables))})", tables)]
    size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    rng = random.Random(seed)
    with open(path, "r+b") as f:
        for page in pages:
            f.seek((page - 1) * size)
            f.write(bytes(rng.randrange(256) for _ in range(size)))


@pytest.fixture
def closed_seed(tmp_path) -> Path:
    """A seeded database, closed, with a day's backup made on its second open."""
    path = tmp_path / "case.db"
    assert main(["--db", str(path), "likelihoods"]) == 0
    assert main(["--db", str(path), "likelihoods"]) == 0
    return path


def test_database_backups_and_wal_are_private(closed_seed, tmp_path, capsys):
    from desktop.store.backups import backup_folder, list_backups

    from desktop.services.workspace import open_workspace

    db = open_workspace(str(closed_seed))
    with db.reading() as s:            # the -wal and -shm exist while a connection is open
        from sqlalchemy import text
        s.execute(text("SELECT count(*) FROM evidence")).scalar()
        for suffix in ("", "-wal", "-shm"):
            assert mode(Path(f"{closed_seed}{suffix}")) == 0o600, suffix
    db.close()
    assert mode(backup_folder(closed_seed)) == 0o700
    found = list_backups(closed_seed)
    assert [b.reason for b in found] == ["daily"]
    assert mode(found[0].path) == 0o600
    out = tmp_path / "out.signpost.json"
    assert main(["--db", str(closed_seed), "export-bundle", "--out", str(out)]) == 0
    assert main(["--db", str(closed_seed), "export-observations", "troops_deployed", "--out",
                 str(tmp_path / "t.csv")]) == 0
    assert mode(out) == 0o600 and mode(tmp_path / "t.csv") == 0o600


def test_one_backup_a_day_ten_kept_and_none_over_a_damaged_file(closed_seed, monkeypatch):
    from desktop.store import backups

    assert len(backups.list_backups(closed_seed)) == 1
    assert main(["--db", str(closed_seed), "likelihoods"]) == 0
    assert len(backups.list_backups(closed_seed)) == 1           # same day: no second copy
    for i in range(12):
        backups.make_backup(closed_seed, "0004", "manual")
    assert len(backups.list_backups(closed_seed)) == backups.KEEP
    from desktop.store import health

    newest_good = backups.list_backups(closed_seed)
    corrupt(closed_seed)
    health.remember_as_closed(closed_seed)     # damage no fingerprint saw: only the day's check can find it
    monkeypatch.setattr(backups, "made_today", lambda path, today=None: False)   # the next day
    assert main(["--db", str(closed_seed), "likelihoods"]) == 1     # its open checks first, finds the damage
    assert backups.list_backups(closed_seed) == newest_good         # and copies nothing over the good ones


def test_a_damaged_file_is_refused_in_one_line_and_nothing_writes_to_it(closed_seed, capsys):
    from desktop.store.backups import newest_backup, quick_check

    corrupt(closed_seed)
    assert quick_check(closed_seed) is not None
    before = digest(closed_seed)
    assert main(["--db", str(closed_seed), "log-evidence", "--quote", "after the damage", "--rate",
                 "escalation=C"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("signpost log-evidence: database is damaged: ")
    assert str(closed_seed) in err and str(newest_backup(closed_seed)) in err
    from tests.conftest import SEED_BUNDLE
    for argv in (["import-bundle", str(SEED_BUNDLE)], ["observe", "troops_deployed", "1", "--at", "2025-11-20"],
                 ["likelihoods"]):
        assert main(["--db", str(closed_seed), *argv]) == 1, argv
        assert "database is damaged" in capsys.readouterr().err
    assert digest(closed_seed) == before


def test_malformed_errors_met_while_working_mark_the_file(closed_seed):
    """Damage no check saw (the fingerprint matches) surfaces as SQLite's "malformed" error mid-command:
    the command fails in one line, and from then on the marker refuses every write."""
    from desktop.store import health
    from desktop.store.errors import DatabaseDamaged
    from desktop.services.evidence import list_evidence
    from desktop.services.workspace import open_workspace

    path = closed_seed              # the day's backup is made: opening it again checks nothing
    corrupt_tables(path, ("evidence", "rating"))
    health.remember_as_closed(path)                 # as if the damage happened behind a Signpost process's back
    db = open_workspace(str(path), seed=False)
    try:
        with pytest.raises(DatabaseDamaged, match="database is damaged"):
            list_evidence(db, 1)
        assert health.is_marked(path)
        from desktop.services.likelihoods import likelihoods_as_of
        with pytest.raises(DatabaseDamaged, match="database is damaged"):   # rows read straight off the cursor
            likelihoods_as_of(db, 1)
        with pytest.raises(DatabaseDamaged):
            with db.transaction():
                pass
    finally:
        db.close()


def test_restore_keeps_what_it_replaces_and_lifts_the_mark(closed_seed, capsys):
    from desktop.store.backups import list_backups, newest_backup

    assert main(["--db", str(closed_seed), "log-evidence", "--quote", "kept in the backup", "--rate",
                 "escalation=C"]) == 0
    assert main(["--db", str(closed_seed), "backup"]) == 0
    good = newest_backup(closed_seed)
    corrupt(closed_seed)
    assert main(["--db", str(closed_seed), "likelihoods"]) == 1
    capsys.readouterr()
    assert main(["--db", str(closed_seed), "restore", str(good)]) == 0
    out = capsys.readouterr().out
    replaced = [b for b in list_backups(closed_seed) if b.reason == "replaced"]
    assert len(replaced) == 1 and str(replaced[0].path) in out
    assert main(["--db", str(closed_seed), "log-evidence", "--quote", "after the restore", "--rate",
                 "escalation=C"]) == 0
    assert count(closed_seed, "SELECT count(*) FROM evidence WHERE quote IN ('kept in the backup', "
                              "'after the restore')") == 2
    con = sqlite3.connect(closed_seed)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


def test_restore_refuses_a_file_that_is_not_a_good_signpost_database(closed_seed, tmp_path, capsys):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database")
    before = digest(closed_seed)
    assert main(["--db", str(closed_seed), "restore", str(junk)]) == 2
    assert main(["--db", str(closed_seed), "restore", str(tmp_path / "missing.db")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and "junk.db" in err[0] and "missing.db: no such file" in err[1]
    assert digest(closed_seed) == before


def test_check_lifts_the_mark_once_the_file_is_whole_again(closed_seed, capsys):
    from desktop.store import health

    health.mark_damaged(closed_seed, "a disk error was reported")
    assert main(["--db", str(closed_seed), "likelihoods"]) == 1
    assert main(["--db", str(closed_seed), "check"]) == 0
    assert "writes are allowed again" in capsys.readouterr().out
    assert main(["--db", str(closed_seed), "likelihoods"]) == 0


def test_backup_commands_on_a_server_say_what_applies(capsys):
    for argv in (["backup"], ["restore", "x.db"], ["check"]):
        assert main(["--db", "postgresql+psycopg://u@localhost/x", *argv]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "pg_dump" in err
