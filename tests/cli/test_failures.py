"""Every failure is one line on stderr naming what and where (issue 10, point 5).

Exit 2 for bad input, 1 for the machine or the database; never a traceback, SQL, its
parameters or "internal error". In-process through `main(argv)`, as the property tests do.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from desktop.cli import main
from tests.conftest import SEED_BUNDLE


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_clean_line(err: str) -> str:
    assert err.count("\n") == 1 and err.endswith("\n"), err
    for leak in ("Traceback", "[SQL", "[parameters", "internal error", "sqlalche.me"):
        assert leak not in err, err
    return err.strip()


def evidence_count(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM evidence").fetchone()[0]
    finally:
        con.close()


def _immutable(path: Path, on: bool) -> bool:
    """Make `path` unwritable even for root (chattr), or by its mode for anyone else; False if neither works."""
    if os.geteuid() != 0:
        os.chmod(path, (0o500 if path.is_dir() else 0o400) if on else (0o700 if path.is_dir() else 0o600))
        return True
    if not shutil.which("chattr"):
        return False
    return subprocess.run(["chattr", "+i" if on else "-i", str(path)], capture_output=True).returncode == 0


def test_a_read_only_database_file(case, capsys):
    if not _immutable(case, True):
        pytest.skip("cannot make a file read-only for root here (no chattr)")
    try:
        code, _, err = run(capsys, "--db", str(case), "log-evidence", "--quote", "blocked", "--rate", "escalation=C")
    finally:
        _immutable(case, False)
    assert code == 1
    assert one_clean_line(err) == f"signpost log-evidence: database is read-only: {case}"


def test_a_read_only_folder_for_a_new_database(tmp_path, capsys):
    folder = tmp_path / "locked"
    folder.mkdir()
    if not _immutable(folder, True):
        pytest.skip("cannot make a folder read-only for root here (no chattr)")
    try:
        code, _, err = run(capsys, "--db", str(folder / "new.db"), "likelihoods")
    finally:
        _immutable(folder, False)
    assert code == 1
    assert one_clean_line(err).startswith(f"signpost likelihoods: folder is read-only: {folder}")


def test_disk_full_while_importing_writes_nothing(case, capsys, monkeypatch):
    import desktop.store.engine as engine_module

    plain = engine_module._sqlite_connect

    def small_disk(dbapi_conn, record):
        plain(dbapi_conn, record)
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count={pages + 8}")   # SQLite's own "disk full"

    before = evidence_count(case)
    monkeypatch.setattr(engine_module, "_sqlite_connect", small_disk)
    code, _, err = run(capsys, "--db", str(case), "import-bundle", str(SEED_BUNDLE))
    assert code == 1
    assert one_clean_line(err) == f"signpost import-bundle: disk full while writing {case}; nothing was written"
    assert evidence_count(case) == before


@pytest.mark.parametrize("make, expected", [
    (lambda seed: seed.replace('"prior": 0.3', '"prior": 1' + "0" * 400, 1), "scenarios[0] (negotiation).prior"),
    (lambda seed: seed.replace('"credibility": 2', '"credibility": ' + "7" * 5000, 1), "more than 4300 digits"),
    (lambda seed: "[" * 200_000, "nested too deeply"),
    (lambda seed: seed.replace('"prior": 0.3', '"prior": 0.3, "prior": 0.4', 1), "duplicate key 'prior'"),
    (lambda seed: seed.replace('"prior": 0.3', '"prior": NaN', 1), "NaN"),
])
def test_hostile_bundles_are_refused_in_one_line(case, tmp_path, capsys, make, expected):
    path = tmp_path / "hostile.signpost.json"
    path.write_text(make(SEED_BUNDLE.read_text(encoding="utf-8")), encoding="utf-8")
    code, _, err = run(capsys, "--db", str(case), "import-bundle", str(path))
    assert code == 2
    line = one_clean_line(err)
    assert line.startswith(f"signpost import-bundle: {path}") and expected in line, line
    assert evidence_count(case) == 54


def test_a_lone_surrogate_in_a_title_is_stored_as_a_replacement_character(case, tmp_path, capsys):
    doc = json.loads(SEED_BUNDLE.read_text(encoding="utf-8"))
    text = json.dumps(doc).replace(json.dumps(doc["situation"]["title"]), '"Crisis \\ud800 desk"', 1)
    path = tmp_path / "surrogate.signpost.json"
    path.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "--db", str(case), "import-bundle", str(path), "--json")
    assert code == 0, err
    sid = json.loads(out)["situation_id"]
    code, out, err = run(capsys, "--db", str(case), "likelihoods", "--situation", str(sid))
    assert code == 0 and out.startswith("Crisis \ufffd desk")


@pytest.mark.parametrize("argv, code, expected", [
    (["likelihoods", "--situation", "99999999999999999999"], 2, "no situation has the id 99999999999999999999"),
    (["likelihoods", "--situation", "424242"], 2, "no situation with id 424242"),
    (["log-evidence", "--quote", "x", "--rate", "escalation=C", "--credibility", "9"], 2, "invalid choice: 9"),
    (["observe", "troops_deployed"], 2, "the following arguments are required"),
    (["export-bundle", "--out", "{tmp}"], 2, "is a folder; give a file name"),
    (["export-bundle", "--out", "{tmp}/no/such/out.json"], 2, "does not exist"),
])
def test_bad_arguments(case, tmp_path, capsys, argv, code, expected):
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    got, _, err = run(capsys, "--db", str(case), *argv)
    assert got == code
    line = one_clean_line(err)
    assert line.startswith(f"signpost {argv[0]}: ") and expected in line, line


@pytest.mark.parametrize("db, code, expected", [
    ("bogus://x", 2, "bogus://x: unknown kind of database"),
    ("postgresql://analyst@localhost/desk", 1, "driver is not installed"),
    ("{tmp}/typo/case.db", 2, "folder does not exist: {tmp}/typo"),
    ("{tmp}", 2, "is a folder, not a database file"),
])
def test_bad_database_locations(tmp_path, capsys, db, code, expected):
    db = db.replace("{tmp}", str(tmp_path))
    got, _, err = run(capsys, "--db", db, "likelihoods")
    assert got == code
    assert expected.replace("{tmp}", str(tmp_path)) in one_clean_line(err)
    assert not (tmp_path / "typo").exists()


def test_an_unexpected_failure_is_one_line_and_its_details_go_to_the_log(case, capsys, monkeypatch):
    import desktop.services.likelihoods as likelihoods

    def broken(*args, **kwargs):
        raise KeyError("a bug")

    monkeypatch.setattr(likelihoods, "likelihoods_as_of", broken)
    code, _, err = run(capsys, "--db", str(case), "likelihoods")
    assert code == 1
    line = one_clean_line(err)
    assert "unexpected failure (KeyError)" in line
    log = Path(line.split("the details are in ")[1])
    assert "KeyError: 'a bug'" in log.read_text(encoding="utf-8")
    assert os.stat(log).st_mode & 0o777 == 0o600
