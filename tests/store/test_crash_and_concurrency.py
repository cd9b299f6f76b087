"""Crash and concurrency claims, proven with real processes (issue 10, points 1–3).

Each test runs other Python processes against one SQLite file, kills some with
SIGKILL, then checks `PRAGMA integrity_check` and counts the rows.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import SEED_BUNDLE
from tests.store.sqlite_files import count, integrity, make_revision_0001, revision

SEED_EVIDENCE = len(json.loads(SEED_BUNDLE.read_text(encoding="utf-8"))["evidence"])


def python(code: str, *args: str, env: dict | None = None, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *args], env={**os.environ, **(env or {})},
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)




# --- 1. a save made after something in the process opened and closed the file ----------------

APP = """
    import sys, time
    from desktop.services.workspace import open_workspace
    from desktop.services.judgements import record_judgement
    from desktop.services.situations import resolve_situation
    from desktop.services.likelihoods import likelihoods_as_of

    path = sys.argv[1]
    db = open_workspace(path)
    situation = resolve_situation(db)
    likelihoods_as_of(db, situation.id)              # the window has read the case
    for suffix in ("", "-wal", "-shm"):              # as a file dialog sniffing the folder does
        try:
            open(path + suffix, "rb").close()
        except FileNotFoundError:
            pass
    print("ready", flush=True)
    sys.stdin.readline()                            # meanwhile another process writes
    scenarios = [s.key for s in likelihoods_as_of(db, situation.id).scenarios]
    record_judgement(db, situation.id, {k: 1 / len(scenarios) for k in scenarios}, "after the other write")
    print("saved", flush=True)
    time.sleep(60)                                  # killed here, before any orderly close
"""


def test_a_save_after_the_process_dropped_its_locks_reaches_the_file(tmp_path):
    path = tmp_path / "signpost.db"
    app = python(APP, str(path))
    try:
        assert app.stdout.readline().strip() == "ready", app.stderr.read()
        other = subprocess.run([sys.executable, "-m", "desktop", "--db", str(path), "observe", "vessels_destroyed",
                                "99", "--at", "2025-11-23"], capture_output=True, text=True, timeout=60)
        assert other.returncode == 0, other.stderr
        app.stdin.write("\n")
        app.stdin.flush()
        assert app.stdout.readline().strip() == "saved", app.stderr.read()
    finally:
        app.send_signal(signal.SIGKILL)
        app.wait()
    assert integrity(path) == "ok"
    assert count(path, "SELECT count(*) FROM observation WHERE value = 99") == 1
    assert count(path, "SELECT count(*) FROM judgement WHERE rationale = 'after the other write'") == 3


# --- 2. parallel writers, each choosing keys ---------------------------------------------------

WRITER = """
    import sys
    from pathlib import Path
    from desktop.cli import main

    path, me, n, folder = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
    failures = []
    for i in range(n):
        if i % 5 == 4:
            article = folder / f"w{me}-{i}.txt"
            article.write_text(f"Report {me}-{i}\\n\\nOn 20 November 2025 writer {me} saw {i} ships.\\n")
            argv = ["--db", path, "import-article", str(article), "--published", "2025-11-20"]
        else:
            argv = ["--db", path, "log-evidence", "--quote", f"writer {me} item {i}", "--observed", "2025-11-20",
                    "--rate", "escalation=C"]
        rc = main(argv)
        if rc != 0:
            failures.append(rc)
    print(len(failures))
"""


def test_parallel_writers_never_collide_on_keys(tmp_path):
    path = tmp_path / "signpost.db"
    from desktop.services.workspace import open_workspace

    open_workspace(str(path)).close()
    writers = [python(WRITER, str(path), str(me), "50", str(tmp_path)) for me in range(4)]
    results = [w.communicate(timeout=600) for w in writers]
    for (out, err), w in zip(results, writers):
        assert w.returncode == 0 and out.strip().splitlines()[-1] == "0", err
        assert "UNIQUE constraint" not in err
    assert integrity(path) == "ok"
    assert count(path, "SELECT count(*) FROM evidence WHERE quote LIKE 'writer %'") == 4 * 40
    assert count(path, "SELECT count(DISTINCT key) FROM evidence") == count(path, "SELECT count(*) FROM evidence")
    assert count(path, "SELECT count(*) FROM source WHERE title LIKE 'Report %'") == 4 * 10
    assert count(path, "SELECT count(DISTINCT key) FROM source") == count(path, "SELECT count(*) FROM source")


# --- 3. kills while a database is created or upgraded ------------------------------------------

COUNTER = """
    import sys
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    from desktop.cli import main
    n = [0]
    event.listen(Engine, "before_cursor_execute", lambda *a: n.__setitem__(0, n[0] + 1))
    rc = main(["--db", sys.argv[1], "likelihoods"])
    print(n[0]); sys.exit(rc)
"""


def statements_of_open(path: Path) -> int:
    """How many SQL statements `signpost likelihoods` runs on this file (creating or upgrading it)."""
    proc = python(COUNTER, str(path))
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    return int(out.strip().splitlines()[-1])


def killed_open(path: Path, k: int) -> int:
    proc = subprocess.run([sys.executable, "-m", "desktop", "--db", str(path), "likelihoods"], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "SIGNPOST_TEST_KILL_AT_STATEMENT": str(k)})
    return proc.returncode


def kill_points(total: int, n: int, rng: random.Random) -> list[int]:
    return sorted(rng.sample(range(1, total + 1), min(n, total)))


def test_kills_while_a_new_database_is_created_leave_one_that_opens(tmp_path):
    from desktop.services.situations import list_situations
    from desktop.services.workspace import open_workspace

    total = statements_of_open(tmp_path / "probe.db")
    points = kill_points(total, 24, random.Random(10))
    with ThreadPoolExecutor(2) as pool:
        codes = list(pool.map(lambda k: killed_open(tmp_path / f"new-{k}.db", k), points))
    assert codes.count(-signal.SIGKILL) >= 20, codes
    for k in points:
        path = tmp_path / f"new-{k}.db"
        db = open_workspace(str(path))          # opens, finishes what the kill interrupted
        try:
            assert len(list_situations(db)) == 1, k
        finally:
            db.close()
        assert integrity(path) == "ok", k
        assert count(path, "SELECT count(*) FROM evidence") == SEED_EVIDENCE, k




def test_kills_during_an_upgrade_leave_the_old_revision_or_the_new_one(tmp_path):
    from desktop.store.engine import SCHEMA_HEAD
    from desktop.services.workspace import open_workspace

    template = tmp_path / "template.db"
    make_revision_0001(template)
    probe = tmp_path / "probe" / "old.db"
    probe.parent.mkdir()
    shutil.copy(template, probe)
    total = statements_of_open(probe)
    points = kill_points(total, 24, random.Random(11))

    def run(k: int) -> int:
        path = tmp_path / f"up-{k}" / "old.db"
        path.parent.mkdir()
        shutil.copy(template, path)
        return killed_open(path, k)

    with ThreadPoolExecutor(2) as pool:
        codes = list(pool.map(run, points))
    assert codes.count(-signal.SIGKILL) >= 20, codes
    for k in points:
        path = tmp_path / f"up-{k}" / "old.db"
        assert integrity(path) == "ok", k
        assert revision(path) in ("0001", SCHEMA_HEAD), k     # never half applied
        db = open_workspace(str(path))
        db.close()
        assert revision(path) == SCHEMA_HEAD, k
        assert count(path, "SELECT count(*) FROM evidence WHERE situation_id = 1") == 2, k
        upgrades = list((path.parent / "old.db.backups").glob("*.0001.upgrade.db"))
        assert len(upgrades) == 1, (k, upgrades)                  # a retry reuses the first copy


def test_a_failed_upgrade_names_its_backup_leaves_the_old_revision_and_makes_no_new_copy(tmp_path):
    from desktop.store.engine import StoreError
    from desktop.services.workspace import open_workspace

    path = tmp_path / "old.db"
    make_revision_0001(path)
    con = sqlite3.connect(path)  # a row whose situation is gone: the upgrade's foreign-key check refuses it
    con.execute("INSERT INTO evidence (situation_id, key, quote, paraphrase, summary, observed_at, logged_at, "
                "credibility, relevance, tags) VALUES (7, 'e9', 'orphan', 0, '', '2025-01-02', "
                "'2025-01-02 00:00:00', 2, 'high', '[]')")
    con.commit()
    con.close()
    for attempt in range(2):
        with pytest.raises(StoreError) as caught:
            open_workspace(str(path))
        message = str(caught.value)
        backups = list((tmp_path / "old.db.backups").glob("*.0001.upgrade.db"))
        assert len(backups) == 1, attempt
        assert f"its backup is {backups[0]}" in message and "unchanged at 0001" in message
        assert "\n" not in message and "[SQL" not in message
        assert revision(path) == "0001"
        assert count(path, "SELECT count(*) FROM evidence") == 3
