"""Property tests over what comes from outside (issue 10): bundles, CSV files, article files, arguments.

Whatever hypothesis makes, the command line exits 0 or 2, says what went wrong in at most
one line on stderr (per file for article imports) without a traceback, SQL or "internal
error", and when it refuses, the database is exactly as it was. In-process through
`main(argv)` on a copy of a template database per example (a subprocess costs 0.7 s).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.cli import main
from tests.conftest import SEED_BUNDLE

LEAKS = ("Traceback", "[SQL", "[parameters", "internal error", "sqlalche.me")
SLOW = settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "case.db"
    assert main(["--db", str(path), "likelihoods"]) == 0
    assert main(["--db", str(path), "likelihoods"]) == 0        # the day's backup made: later opens copy nothing
    return path


def dump(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return hashlib.sha256("\n".join(con.iterdump()).encode("utf-8", "surrogatepass")).hexdigest()
    finally:
        con.close()


@contextmanager
def case_copy(template: Path, tmp_path: Path):
    folder = tmp_path / f"ex{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    path = folder / "case.db"
    shutil.copy(template, path)
    shutil.copytree(f"{template}.backups", f"{path}.backups")
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        yield path
    finally:
        os.chdir(cwd)


def check(capsys, code: int, path: Path, before: str, lines: int = 1) -> None:
    out, err = capsys.readouterr()
    assert code in (0, 2), (code, err)
    assert len(err.splitlines()) <= lines, err
    for leak in LEAKS:
        assert leak not in err, err
    if code == 2:
        assert err.strip(), "a refusal says why"
        assert dump(path) == before


# --- bundles -------------------------------------------------------------------------------------

SEED = json.loads(SEED_BUNDLE.read_text(encoding="utf-8"))
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
    | st.integers(min_value=10**300, max_value=10**400),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6)


def paths_in(doc, prefix=()):
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield prefix + (k,)
            yield from paths_in(v, prefix + (k,))
    elif isinstance(doc, list):
        for i, v in enumerate(doc[:3]):
            yield prefix + (i,)
            yield from paths_in(v, prefix + (i,))


PATHS = [p for p in paths_in(SEED) if p[0] != "sources" or len(p) < 3 or p[2] != "text"]


def mutated(changes) -> str:
    doc = json.loads(json.dumps(SEED))
    for where, value in changes:
        target = doc
        try:
            for step in where[:-1]:
                target = target[step]
            target[where[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue   # an earlier change replaced what this path went through
    return json.dumps(doc, ensure_ascii=False)


texts = st.one_of(
    st.builds(mutated, st.lists(st.tuples(st.sampled_from(PATHS), json_values), min_size=1, max_size=3)),
    st.builds(lambda t: json.dumps(SEED)[:t], st.integers(0, 2000)),                    # cut short
    st.builds(lambda n: "[" * n, st.integers(1, 100_000)),
    st.text(max_size=200),
)


@SLOW
@given(texts)
def test_any_bundle_text(template, tmp_path, capsys, text):
    with case_copy(template, tmp_path) as path:
        before = dump(path)
        Path("x.signpost.json").write_text(text, encoding="utf-8", errors="surrogatepass")
        check(capsys, main(["--db", str(path), "import-bundle", "x.signpost.json"]), path, before)


# --- CSV files of figures ------------------------------------------------------------------------

cells = st.one_of(st.sampled_from(["2025-11-01", "2025-11-31", "2099-01-01", "15000", "-3", "1,5", "2.5", "=1+1",
                                   '"', '""', "at least", "banana", "e4", "e999", "", " ", "1e400", "NaN"]),
                  st.text(max_size=12))
csv_text = st.one_of(
    st.lists(st.lists(cells, min_size=1, max_size=6).map(",".join), max_size=6).map("\n".join),
    st.lists(st.lists(cells, min_size=1, max_size=6).map(",".join), max_size=6)
      .map(lambda rows: "date,value,note,qualifier,evidence\n" + "\n".join(rows)),
    st.text(max_size=200),
)


@SLOW
@given(csv_text, st.sampled_from(["troops_deployed", "people_killed", "diplomatic_contacts", "nope"]))
def test_any_csv_of_figures(template, tmp_path, capsys, text, indicator):
    with case_copy(template, tmp_path) as path:
        before = dump(path)
        Path("figures.csv").write_text(text, encoding="utf-8", errors="surrogatepass")
        check(capsys, main(["--db", str(path), "import-observations", indicator, "figures.csv"]), path, before)


# --- article files -------------------------------------------------------------------------------

article_bodies = st.one_of(
    st.text(max_size=400),
    st.binary(max_size=400).map(lambda b: b.decode("latin-1")),
    st.builds(lambda title, body: f"<html><head><title>{title}</title></head><body><p>{body}</p></body></html>",
              st.text(max_size=40), st.text(max_size=200)),
    st.builds(lambda title, body: f'<?xml version="1.0"?><rss version="2.0"><channel><item><title>{title}</title>'
                                  f"<description>{body}</description></item></channel></rss>",
              st.text(max_size=40), st.text(max_size=200)),
    st.just('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
            "<rss><channel><item><title>&b;</title></item></channel></rss>"),
)


@SLOW
@given(article_bodies, st.sampled_from([".txt", ".md", ".html", ".xml", ".rss"]))
def test_any_article_file(template, tmp_path, capsys, body, suffix):
    with case_copy(template, tmp_path) as path:
        before = dump(path)
        Path(f"article{suffix}").write_text(body, encoding="utf-8", errors="surrogatepass")
        code = main(["--db", str(path), "import-article", f"article{suffix}", "--published", "2025-11-20"])
        check(capsys, code, path, before)


# --- arguments -----------------------------------------------------------------------------------

COMMANDS = ["likelihoods", "indicators", "log-evidence", "observe", "import-bundle", "export-bundle",
            "import-article", "import-observations", "export-observations", "backup", "restore", "check"]
TOKENS = ["--situation", "1", "0", "-1", "99999999999999999999", "--json", "--as-of", "2025-11-20", "2025-02-30",
          "--quote", "--rate", "escalation=CC", "x=Q", "=", "--observed", "--credibility", "7", "--out", ".",
          "out.json", "--at", "troops_deployed", "15000", "--qualifier", "banana", "--source", "s1", "s999",
          "--tag", "--group", "--paraphrase", "--reliability", "Z", "--list", "--help", "\x1b[2J", "\ud800", ""]
argvs = st.tuples(st.sampled_from(COMMANDS), st.lists(st.sampled_from(TOKENS) | st.text(max_size=10), max_size=7))


@SLOW
@given(argvs)
def test_any_arguments(template, tmp_path, capsys, argv):
    command, rest = argv
    with case_copy(template, tmp_path) as path:
        before = dump(path)
        try:
            code = main(["--db", str(path), command, *rest])
        except SystemExit as exc:   # never: main returns its code
            pytest.fail(f"main raised SystemExit({exc.code})")
        out, err = capsys.readouterr()
        assert code in (0, 2), (code, err)
        per_file = len(rest) if command == "import-article" else 1   # one line for each file it could not import
        assert len(err.splitlines()) <= max(1, per_file), err
        for leak in LEAKS:
            assert leak not in err, err
        if code == 2:
            assert dump(path) == before
