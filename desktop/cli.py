"""The `signpost` command line (design section 5).

Reads and imports stay Qt-free so that `signpost likelihoods` answers fast;
only `gui` and `snapshot` import the window, and only when asked. At module level this file
imports the standard library alone: `signpost` (the window) paints its frame before the
database layer, numpy or any service is imported, so each command imports what it uses.
Exit codes: 0 done, 2 bad input, 1 the machine or the database refused (disk full, read-only,
damaged) or a bug. Every failure is one line on stderr saying what and where: never a
traceback, never SQL (its parameters carry the analyst's quotes); a bug's details go to
the log file the line names.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from datetime import date
from pathlib import Path

from desktop import __version__

VIEWS = ("dashboard", "evidence", "matrix", "indicators", "sources", "compare")
MAX_ID = 2**63 - 1  # SQLite's and PostgreSQL's largest integer key


class Parser(argparse.ArgumentParser):
    """argparse with one-line refusals (the usage block is one `--help` away)."""

    def error(self, message: str):
        from desktop.domain.text_safety import one_line

        self.exit(2, f"{self.prog}: {one_line(message)} (see `{self.prog} --help`)\n")


def _situation_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a situation id (a whole number)") from None
    if not 1 <= value <= MAX_ID:
        raise argparse.ArgumentTypeError(f"no situation has the id {text}")
    return value


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a valid date (YYYY-MM-DD)") from None


def _common() -> argparse.ArgumentParser:
    p = Parser(add_help=False)
    p.add_argument("--db", metavar="URL|PATH", default=argparse.SUPPRESS,
                   help="database file or SQLAlchemy URL (default: $SIGNPOST_DB, then the per-user data folder)")
    return p


def _situation(p: argparse.ArgumentParser) -> None:
    p.add_argument("--situation", type=_situation_id, metavar="ID", default=None,
                   help="situation id (default: the one last opened; on a new database, the seeded case)")


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = Parser(
        prog="signpost", parents=[common],
        description="Signpost: track a crisis, its scenarios, evidence and indicators.")
    parser.add_argument("--version", action="version", version=f"signpost {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = sub.add_parser("gui", parents=[common], help="open the window (the default)")
    _situation(gui)

    imp = sub.add_parser("import-bundle", parents=[common], help="load a .signpost.json bundle as a new situation")
    imp.add_argument("file", type=Path)
    imp.add_argument("--json", action="store_true", help="print the result as JSON")

    exp = sub.add_parser("export-bundle", parents=[common], help="write a situation to a .signpost.json bundle")
    _situation(exp)
    exp.add_argument("--out", type=Path, required=True)
    exp.add_argument("--json", action="store_true", help="print the result as JSON")

    lik = sub.add_parser("likelihoods", parents=[common], help="scenario probabilities and what moved them")
    _situation(lik)
    lik.add_argument("--as-of", type=_date, metavar="DATE", help="count only evidence reported on or before DATE (what was known then)")
    lik.add_argument("--json", action="store_true", help="print the result as JSON")

    cmp_ = sub.add_parser("compare", parents=[common],
                          help="what each item known between two dates did when it arrived (they add up)")
    _situation(cmp_)
    cmp_.add_argument("--from", dest="start", type=_date, required=True, metavar="D1",
                      help="the earlier date: probabilities as of it are the starting point")
    cmp_.add_argument("--to", dest="end", type=_date, required=True, metavar="D2",
                      help="the later date: the items known after D1 and on or before D2 are added in turn")
    cmp_.add_argument("--json", action="store_true", help="print the result as JSON (every contribution)")

    log = sub.add_parser("log-evidence", parents=[common], help="log one evidence item with its ratings")
    _situation(log)
    log.add_argument("--quote", required=True, help="exact words from the source (or a paraphrase with --paraphrase)")
    log.add_argument("--source", metavar="KEY|ID", help="the source quoted (key such as s1, or its id)")
    log.add_argument("--observed", type=_date, metavar="DATE",
                     help="when it happened (default: the source's publication date, else today)")
    log.add_argument("--reported", type=_date, metavar="DATE",
                     help="when it became known (default: the source's publication date, else the observed date); "
                          "as of a date only items reported by then count, so an earlier date changes the past "
                          "as replayed")
    log.add_argument("--credibility", type=int, default=6, choices=range(1, 7), metavar="1-6",
                     help="Admiralty information credibility (default 6, cannot be judged)")
    log.add_argument("--relevance", choices=("high", "medium", "low"), default="medium")
    log.add_argument("--rate", action="append", default=[], metavar="KEY=RATING", required=True,
                     help="rating against a scenario, e.g. escalation=CC (repeat per scenario)")
    log.add_argument("--summary", default="")
    grouping = log.add_mutually_exclusive_group()
    grouping.add_argument("--group", help="items reporting one fact share a group and count once (default: the "
                                          "group of an earlier item this one repeats, if any)")
    grouping.add_argument("--no-group", action="store_true",
                          help="do not join the earlier item this one repeats (a copy of its quote from another "
                               "source, or the same figures, dates and names); the output still names it")
    log.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    log.add_argument("--paraphrase", action="store_true", help="the quote is not an exact span of the source")
    log.add_argument("--json", action="store_true", help="print the result as JSON")

    art = sub.add_parser("import-article", parents=[common],
                         help="import .txt, .md, .html or an RSS/Atom feed as sources, with suggestions")
    _situation(art)
    art.add_argument("files", type=Path, nargs="+", metavar="FILE")
    art.add_argument("--published", type=_date, metavar="DATE", help="publication date, when the file has none")
    art.add_argument("--reliability", default="F", choices=list("ABCDEF"),
                     help="Admiralty source reliability (default F, cannot be judged)")
    art.add_argument("--json", action="store_true", help="print the result as JSON")

    ind = sub.add_parser("indicators", parents=[common], help="indicator status, latest value and trend")
    _situation(ind)
    ind.add_argument("--as-of", type=_date, metavar="DATE",
                     help="read figures made by DATE, over windows ending at DATE (default: today)")
    ind.add_argument("--json", action="store_true", help="print the result as JSON")

    obs = sub.add_parser("observe", parents=[common], help="record one dated value of an indicator")
    _situation(obs)
    obs.add_argument("indicator", metavar="INDICATOR", help="the indicator's key (see `signpost indicators`)")
    obs.add_argument("value", metavar="VALUE", help="the figure, e.g. 15000")
    obs.add_argument("--at", type=_date, required=True, metavar="DATE", help="the day the figure stands for")
    obs.add_argument("--evidence", metavar="KEY", help="the evidence item it comes from (e.g. e4)")
    obs.add_argument("--qualifier", help='as reported: "at least", "approximately"…')
    obs.add_argument("--note", default=None)
    obs.add_argument("--json", action="store_true", help="print the result as JSON")

    oin = sub.add_parser("import-observations", parents=[common],
                         help="add an indicator's observations from a CSV file (date,value[,note]); all or nothing")
    _situation(oin)
    oin.add_argument("indicator", metavar="INDICATOR")
    oin.add_argument("file", type=Path, metavar="FILE.csv")
    oin.add_argument("--json", action="store_true", help="print the result as JSON")

    oout = sub.add_parser("export-observations", parents=[common], help="write an indicator's observations as CSV")
    _situation(oout)
    oout.add_argument("indicator", metavar="INDICATOR")
    oout.add_argument("--out", type=Path, required=True, metavar="FILE.csv")

    bak = sub.add_parser("backup", parents=[common], help="copy the database into its backup folder now")
    bak.add_argument("--list", action="store_true", help="list the backups instead, newest first")
    bak.add_argument("--json", action="store_true", help="print the result as JSON")

    res = sub.add_parser("restore", parents=[common],
                         help="replace the database with a backup (a copy of what it replaces is kept)")
    res.add_argument("file", type=Path, metavar="FILE", help="a backup, e.g. from `signpost backup --list`")
    res.add_argument("--json", action="store_true", help="print the result as JSON")

    chk = sub.add_parser("check", parents=[common],
                         help="run SQLite's full integrity check; a clean result lifts a damage mark")
    chk.add_argument("--json", action="store_true", help="print the result as JSON")

    ins = sub.add_parser("install-desktop", help="add Signpost to the desktop's application menu (for this user)")
    ins.add_argument("--exec", dest="executable", type=Path, default=None, metavar="PROGRAM",
                     help="the signpost program the menu starts (default: this one)")
    ins.add_argument("--json", action="store_true", help="print the result as JSON")
    uni = sub.add_parser("uninstall-desktop", help="remove what install-desktop added")
    uni.add_argument("--json", action="store_true", help="print the result as JSON")

    sco = sub.add_parser("score", parents=[common],
                         help="Brier and log scores of a resolved situation, beside uniform and prior baselines "
                              "(provisional form: --scenario, --at and --opened are given until the situation "
                              "stores its resolution)")
    _situation(sco)
    sco.add_argument("--scenario", required=True, metavar="KEY", help="the scenario that happened")
    sco.add_argument("--at", type=_date, required=True, metavar="DATE", help="the day it happened (not scored)")
    sco.add_argument("--opened", type=_date, required=True, metavar="DATE",
                     help="the day the question was opened: scoring runs from it to the day before --at")
    sco.add_argument("--json", action="store_true", help="print the result as JSON")

    snap = sub.add_parser("snapshot", parents=[common], help="render the window offscreen to a PNG")
    _situation(snap)
    snap.add_argument("--out", type=Path, required=True)
    snap.add_argument("--view", choices=VIEWS, default="dashboard")
    snap.add_argument("--size", default="1440x900", metavar="WxH")
    snap.add_argument("--theme", choices=("system", "light", "dark"), default=None,
                      help="the colours to render with (default: the one chosen in the window, View → Theme)")
    _add_situation_commands(sub, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    os.umask(0o077)  # what Signpost writes (database, backups, exports, logs) is the analyst's alone
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")  # a lone surrogate in a title cannot stop the output
    parser = build_parser()
    for i, arg in enumerate(argv if argv is not None else sys.argv[1:], start=1):
        try:
            os.fsencode(arg)    # what the system hands over always encodes; a caller's string may not
        except UnicodeEncodeError:
            return _fail("", f"argument {i} is not valid text (it holds a lone surrogate)", 2)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a refusal already printed in one line
        return int(exc.code or 0)
    command = args.command or "gui"
    if not hasattr(args, "situation"):
        args.situation = None
    try:
        return _COMMANDS[command](args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        return _failed(command, exc, argv)


def _failed(command: str, exc: Exception, argv: list[str] | None) -> int:
    """The one line for a command that failed, and its exit code (2: the input; 1: the machine, the database
    or a bug). Called inside the `except` block, so a bare `raise` re-raises `exc` with its traceback. The
    error classes are imported here: none of them is needed before something failed."""
    from desktop.domain.bundle import BundleError
    from desktop.services.errors import EnvironmentFailure, InputError
    from desktop.services.workspace import BadLocation, StoreError

    if isinstance(exc, (InputError, BundleError)):
        return _fail(command, exc, 2)
    if isinstance(exc, (StoreError, EnvironmentFailure)):
        return _fail(command, exc, 2 if isinstance(exc, BadLocation) else 1)
    if isinstance(exc, BrokenPipeError):  # `signpost likelihoods | head`: the reader left, nothing is wrong
        sys.stderr.close()
        return 0
    if isinstance(exc, OSError):
        from desktop.services.output_files import os_failure

        failure = os_failure(exc, exc.filename or "a file", "using")
        return _fail(command, failure, 2 if isinstance(failure, InputError) else 1)
    # A bug: one line here, the traceback in the log (or on screen when asked for).
    if os.environ.get("SIGNPOST_DEBUG"):
        raise exc
    from desktop.services.crash_log import log_unexpected

    where = log_unexpected(exc, f"signpost {command}: {' '.join(argv if argv is not None else sys.argv[1:])}")
    details = f"the details are in {where}" if where else "set SIGNPOST_DEBUG=1 to see the details"
    return _fail(command, f"unexpected failure ({type(exc).__name__}); {details}", 1)


def _fail(command: str, message, code: int) -> int:
    from desktop.domain.text_safety import one_line

    print(f"signpost{' ' if command else ''}{command}: {one_line(str(message))}", file=sys.stderr)
    return code


def _open(args):
    from desktop.services.workspace import open_workspace

    return open_workspace(getattr(args, "db", None))


def _on_situation(args, action):
    """Open the database, pick the situation asked for (or the last opened), run `action(db, situation)`."""
    from desktop.services.situations import resolve_situation

    db = _open(args)
    try:
        situation = resolve_situation(db, args.situation, remember=False)
        return situation, action(db, situation)
    finally:
        db.close()


def _emit(args, document: dict, text: str) -> None:
    if getattr(args, "json", False):
        json.dump(document, sys.stdout, ensure_ascii=False)   # JSON escapes control characters itself
        sys.stdout.write("\n")
    else:
        from desktop.domain.text_safety import terminal_safe

        print(terminal_safe(text))  # text stored before control characters were dropped cannot drive the terminal


def cmd_import_bundle(args) -> int:
    from desktop.services.bundles import import_bundle, load_bundle_file
    from desktop.services.grouping import ungrouped_proposals

    bundle = load_bundle_file(args.file)  # validated before touching the database: a bad file creates none
    db = _open(args)
    try:
        summary = import_bundle(db, bundle)
        ungrouped = ungrouped_proposals(db, summary.situation_id)
    finally:
        db.close()
    s = summary
    lines = [f"Imported situation {s.situation_id}: {s.scenarios} scenarios, {s.sources} sources, "
             f"{s.evidence} evidence items, {s.indicators} indicators, {s.observations} observations, "
             f"{s.judgements} judgements."]
    if ungrouped:
        lines.append(f"{len(ungrouped)} pair(s) look like one fact but are not grouped (each counts):")
        lines += [f"  {p.evidence} ~ {p.like} ({p.reason})" for p in ungrouped]
    _emit(args, {**summary.to_json(), "ungrouped_proposals": [p.to_json() for p in ungrouped]}, "\n".join(lines))
    return 0


def cmd_export_bundle(args) -> int:
    from desktop.services.bundles import export_bundle_file

    situation, out = _on_situation(args, lambda db, sit: export_bundle_file(db, sit.id, args.out))
    _emit(args, {"situation_id": situation.id, "out": str(out)}, f"Wrote situation {situation.id} to {out}")
    return 0


def likelihoods_text(report, title: str) -> str:
    lines = [f"{title}" + (f" — as of {report.as_of.isoformat()}" if report.as_of else ""),
             f"{report.evidence_count} evidence items counted", ""]
    if not report.scenarios:
        lines.append("No scenarios yet, so no probabilities: add one with `signpost scenario add KEY --name N --prior P`.")
        return "\n".join(lines)
    width = max((len(s.name) for s in report.scenarios), default=8)
    lines.append(f"{'Scenario':<{width}}  {'P':>6}  {'words':<20} {'ACH':>5} {'wtd':>7}  top impact")
    for s in sorted(report.scenarios, key=lambda s: -s.probability):
        top = s.impacts[0] if s.impacts else None
        top_text = f"{top.evidence} {top.impact:+.1%}" if top else "-"
        # a group counts the mean of its members, so the ACH score may be a third: one decimal, as the matrix
        ach = f"{s.inconsistency:.{0 if float(s.inconsistency).is_integer() else 1}f}"
        lines.append(f"{s.name:<{width}}  {s.probability:6.1%}  {s.words:<20} {ach:>5} "
                     f"{s.weighted_inconsistency:7.2f}  {top_text}")
    warning = report.unrated_warning()
    if warning:
        lines += ["", f"warning: {warning}"]
    ach = report.ach_disagreement()
    if ach:
        lines += ["", f"note: {ach}"]
    return "\n".join(lines)


COMPARE_SHOWN = 5     # contributions per scenario in the text output (--json lists every one)


def compare_text(report, title: str) -> str:
    """Per scenario: from, to, change; its largest contributions; and the line they sum to."""
    n = len(report.scenarios[0].contributions) if report.scenarios else 0
    lines = [f"{title} — from {report.start.isoformat()} to {report.end.isoformat()}",
             f"{n} evidence items arrived in between, each counted when it arrived", ""]
    for s in sorted(report.scenarios, key=lambda s: -abs(s.change)):
        lines.append(f"{s.name}: {s.before:.1%} → {s.after:.1%} ({s.change * 100:+.1f} pts)")
        top = sorted(s.contributions, key=lambda c: -abs(c.change))[:COMPARE_SHOWN]
        for c in top:
            lines.append(f"  {c.evidence:<8} {c.change * 100:+7.2f} pts  {c.known_at.isoformat()}")
        total = sum(c.change for c in s.contributions)
        if len(s.contributions) > len(top):
            rest = total - sum(c.change for c in top)
            lines.append(f"  {len(s.contributions) - len(top)} others {rest * 100:+7.2f} pts")
        lines.append(f"  sum of {len(s.contributions)} contributions: {total * 100:+.2f} pts")
        lines.append("")
    return "\n".join(lines).rstrip()


def cmd_compare(args) -> int:
    from desktop.services.likelihoods import contributions_between

    situation, report = _on_situation(args, lambda db, sit: contributions_between(db, sit.id, args.start, args.end))
    _emit(args, report.to_json(), compare_text(report, situation.title))
    return 0


def cmd_likelihoods(args) -> int:
    from desktop.services.likelihoods import likelihoods_as_of

    situation, report = _on_situation(args, lambda db, sit: likelihoods_as_of(db, sit.id, args.as_of))
    _emit(args, report.to_json(), likelihoods_text(report, situation.title))
    return 0


def cmd_log_evidence(args) -> int:
    from desktop.domain.evidence_rules import EvidenceDraft
    from desktop.services.errors import InputError
    from desktop.services.evidence import log_evidence
    from desktop.services.sources import find_source

    ratings = {}
    for item in args.rate:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise InputError(f"--rate: {item!r} is not KEY=RATING (e.g. escalation=CC)")
        ratings[key.strip()] = value.strip().upper()

    def action(db, situation):
        source = find_source(db, situation.id, args.source) if args.source else None
        observed = args.observed or (source.published_at if source and source.published_at else date.today())
        draft = EvidenceDraft(quote=args.quote, observed_at=observed, ratings=ratings, summary=args.summary,
                              source_id=source.id if source else None, credibility=args.credibility,
                              relevance=args.relevance, group=args.group, tags=tuple(args.tag),
                              paraphrase=args.paraphrase, reported_at=args.reported)
        return log_evidence(db, situation.id, draft, group_proposed=not args.no_group)

    situation, logged = _on_situation(args, action)
    proposal = logged.proposal.to_json(logged.joined) if logged.proposal else None
    line = logged.grouping_line()
    # design §5: grouped_with names the earlier item it was grouped with (null when it joined none);
    # group_members lists every other live member of its group
    grouped_with = logged.proposal.key if logged.proposal and logged.joined else None
    _emit(args, {"evidence": logged.key, "situation_id": situation.id, "group": logged.group,
                 "grouped_with": grouped_with, "group_members": list(logged.grouped_with), "proposal": proposal},
          f"Logged {logged.key} in situation {situation.id}" + (f"\n{line}" if line else ""))
    return 0


def cmd_import_article(args) -> int:
    from desktop.services.articles import import_files

    situation, report = _on_situation(args, lambda db, sit: import_files(
        db, sit.id, args.files, published=args.published, reliability=args.reliability))
    for problem in report.problems:
        _fail("import-article", problem.message, 2)  # one line per file that could not be imported
    if not report.imported:
        return 2
    first = report.imported[0].to_json()
    doc = {"situation_id": situation.id, "source": first["source"], "suggestions": first["suggestions"],
           "sources": [a.to_json() for a in report.imported],
           "problems": [{"origin": p.origin, "message": p.message} for p in report.problems]}
    lines = []
    for a in report.imported:
        lines += article_lines(a.to_json())
    _emit(args, doc, "\n".join(lines))
    return 2 if report.problems else 0


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def article_lines(doc: dict) -> list[str]:
    """One imported article as text: what was suggested, one line each (the README promises them)."""
    s = doc["suggestions"]
    lines = [f"{doc['source']}: {doc['title']} — {_plural(len(s['evidence']), 'evidence item')}, "
             f"{_plural(len(s['quantities']), 'figure')}, {_plural(len(s['dates']), 'date')}, "
             f"{_plural(len(s['attributions']), 'attribution')} suggested"]
    lines += [f"  near-duplicate of {n['source']} ({n['title']}), similarity {n['similarity']:.2f}"
              for n in doc["near_duplicates"]]
    for e in s["evidence"]:
        quote = e["quote"] if len(e["quote"]) <= 100 else e["quote"][:99] + "…"
        when = f" ({e['observed']})" if e["observed"] else ""
        lines.append(f"  evidence     {e['start']}-{e['end']}{when}: “{quote}”")
    for q in s["quantities"]:
        marks = "".join(f" ({m})" for m, on in (("running total", q.get("cumulative")),
                                                 ("duration", q.get("kind") == "duration"),
                                                 (f"{q['unit']}, from the context", q.get("elliptical"))) if on)
        lines.append(f"  figure       {q['text']}{marks} → {q['indicator'] or 'no indicator matches'}")
    for d in s["dates"]:
        until = f" to {d['until']}" if d.get("until") else ""
        lines.append(f"  date         {d['text']} = {d['date'] or 'not resolved'}{until}")
    for w in s["attributions"]:
        lines.append(f"  attribution  {w['text']} ({w['who']})")
    return lines


def _figure(x: float) -> str:
    """15000.0 -> "15,000"; 0.5 -> "0.5" (whole figures without decimals, others as they are)."""
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,}"


def indicator_line(s) -> str:
    """One indicator as `indicators` prints it: status, value with its unit (singular for one) and day,
    and the trend with the days it spans, or "stale" when its last figure is older than its window."""
    from desktop.domain.units import unit_for

    def days(n: int) -> str:
        return f"{n} day{'' if n == 1 else 's'}"
    if s.latest is None:
        latest = "-"
    elif s.kind.value == "events":
        latest = (f"{_figure(s.latest)} {unit_for(s.latest, s.unit)} in the {days(s.trend_days)} to "
                  f"{s.end.isoformat()}" + (f" (last {s.latest_at.isoformat()})" if s.latest_at else ""))
    else:
        qualifier = f"{s.latest_qualifier} " if s.latest_qualifier else ""
        latest = f"{qualifier}{_figure(s.latest)} {unit_for(s.latest, s.unit)} ({s.latest_at.isoformat()})"
    if s.stale:
        trend = f"  stale: no figure in the {days(s.trend_days)} to {s.end.isoformat()}"
    elif s.trend is None:
        trend = ""
    elif s.kind.value == "events":
        trend = f"  trend {'+' if s.trend > 0 else ''}{_figure(s.trend)} on the {days(s.trend_days)} before"
    else:
        trend = f"  trend {'+' if s.trend > 0 else ''}{_figure(s.trend)} over {days(s.trend_span)}"
    status = "stale" if s.stale else s.status.value
    return f"[{status:>5}] {s.name}: {latest}{trend}"


def cmd_indicators(args) -> int:
    from desktop.services.indicators import indicator_overview

    as_of = getattr(args, "as_of", None)
    situation, series = _on_situation(args, lambda db, sit: indicator_overview(db, sit.id, as_of))
    lines = [situation.title + (f" — as of {as_of.isoformat()}" if as_of else ""), ""]
    for s in series:
        lines.append(indicator_line(s))
    _emit(args, {"situation_id": situation.id, "indicators": [s.to_json() for s in series]}, "\n".join(lines))
    return 0


def cmd_observe(args) -> int:
    from desktop.domain.indicator_rules import ObservationDraft, parse_figure
    from desktop.services.errors import InputError
    from desktop.services.evidence import evidence_id
    from desktop.services.indicators import add_observation

    try:
        value = parse_figure(args.value)
    except ValueError as exc:
        raise InputError(f"VALUE: {exc}") from None

    def action(db, situation):
        linked = evidence_id(db, situation.id, args.evidence) if args.evidence else None
        return add_observation(db, situation.id, args.indicator,
                               ObservationDraft(args.at, value, args.qualifier, linked, args.note))

    situation, added = _on_situation(args, action)
    crossed = f" — now {added.after.value}, past a threshold" if added.crossed else ""
    corrects = (f" — below the running total of {_figure(added.corrects)} before it: recorded as a correction"
                if added.corrects is not None else "")
    _emit(args, {"situation_id": situation.id, "observation": added.id, "indicator": added.indicator,
                 "status": added.after.value, "crossed": added.crossed,
                 "correction_of": added.corrects},
          f"Recorded {args.value} for {added.indicator} on {args.at.isoformat()}{crossed}{corrects}")
    return 0


def cmd_import_observations(args) -> int:
    from desktop.services.indicators import import_observations_csv

    situation, ids = _on_situation(args, lambda db, sit: import_observations_csv(db, sit.id, args.indicator,
                                                                                 args.file))
    _emit(args, {"situation_id": situation.id, "indicator": args.indicator, "observations": len(ids)},
          f"Imported {len(ids)} observations of {args.indicator} from {args.file}")
    return 0


def cmd_export_observations(args) -> int:
    from desktop.services.indicators import export_observations_csv

    _, out = _on_situation(args, lambda db, sit: export_observations_csv(db, sit.id, args.indicator,
                                                                                   args.out))
    print(f"Wrote {out}")
    return 0


def cmd_backup(args) -> int:
    from desktop.services import safekeeping

    if args.list:
        found = safekeeping.list_backups(getattr(args, "db", None))
        lines = [f"{b.made_at:%Y-%m-%d %H:%M:%S}  {b.reason:<8} schema {b.revision}  {b.size / 1e6:6.1f} MB  {b.path}"
                 for b in found] or ["No backups yet."]
        _emit(args, {"backups": [{"path": str(b.path), "made_at": b.made_at.isoformat(), "reason": b.reason,
                                  "revision": b.revision, "bytes": b.size} for b in found]}, "\n".join(lines))
        return 0
    out = safekeeping.backup_now(getattr(args, "db", None))
    _emit(args, {"backup": str(out)}, f"Backed up to {out}")
    return 0


def cmd_restore(args) -> int:
    from desktop.services import safekeeping

    result = safekeeping.restore(getattr(args, "db", None), args.file)
    kept = f"; what it replaced is kept in {result.replaced_copy}" if result.replaced_copy else ""
    _emit(args, {"database": str(result.database), "restored_from": str(result.restored_from),
                 "replaced_copy": str(result.replaced_copy) if result.replaced_copy else None},
          f"Restored {result.database} from {result.restored_from}{kept}")
    return 0


def cmd_check(args) -> int:
    from desktop.services import safekeeping

    result = safekeeping.check(getattr(args, "db", None))
    _emit(args, {"database": str(result.database), "ok": result.problem is None, "problem": result.problem},
          f"{result.database}: integrity check passed" + ("; writes are allowed again" if result.was_marked else "")
          if result.problem is None else f"{result.database}: integrity check failed ({result.problem})")
    return 0 if result.problem is None else 1


def _size(text: str) -> tuple[int, int]:
    from desktop.services.errors import InputError

    try:
        w, h = (int(x) for x in text.lower().split("x"))
        if w < 320 or h < 240 or w > 8000 or h > 8000:
            raise ValueError
        return w, h
    except ValueError:
        raise InputError(f"--size: {text!r} is not WIDTHxHEIGHT between 320x240 and 8000x8000") from None


def cmd_snapshot(args) -> int:
    from desktop.services.errors import InputError

    size = _size(args.size)
    if args.out.parent and not args.out.parent.exists():
        raise InputError(f"--out: folder {args.out.parent} does not exist")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.ui.app import render_snapshot

    db = _open(args)
    try:
        out = render_snapshot(db, args.situation, args.out, args.view, size, args.theme)
    finally:
        db.close()
    print(f"Wrote {out}")
    return 0


def _this_program() -> Path:
    """The `signpost` program running now (the console script), else the one beside this interpreter."""
    argv0 = Path(sys.argv[0])
    if argv0.name.startswith("signpost") and argv0.is_file():
        return argv0.absolute()
    beside = shutil.which("signpost", path=str(Path(sys.executable).parent))
    found = beside or shutil.which("signpost")
    if not found:
        from desktop.services.errors import InputError

        raise InputError("cannot find the `signpost` program; name it with --exec")
    return Path(found).absolute()


def _desktop_files_text(heading: str, files) -> str:
    return "\n".join([heading] + [f"  {path}" for path in files])


def cmd_install_desktop(args) -> int:
    from desktop.services.desktop_entry import install_desktop_entry

    done = install_desktop_entry(args.executable or _this_program())
    document = {"data_home": str(done.data_home), "exec": str(done.executable),
                "installed": [str(path) for path in done.files]}
    _emit(args, document,
          _desktop_files_text(f"Signpost is in the application menu (it starts {done.executable}):", done.files))
    return 0


def cmd_uninstall_desktop(args) -> int:
    from desktop.services.desktop_entry import uninstall_desktop_entry

    done = uninstall_desktop_entry()
    text = (_desktop_files_text("Removed Signpost from the application menu:", done.files) if done.files
            else f"Signpost was not in the application menu under {done.data_home}; nothing to remove.")
    _emit(args, {"data_home": str(done.data_home), "removed": [str(p) for p in done.files]}, text)
    return 0


def _has_display() -> bool:
    """A screen to open the window on: X11 or Wayland, or a Qt platform other than the headless ones."""
    if os.environ.get("SIGNPOST_BENCH_EXIT_AT"):
        return True     # bench/bench_startup.py: offscreen, and the window ends itself at the stage asked for
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform.startswith(("offscreen", "minimal")):
        return False  # a window nobody can see would wait forever
    return bool(platform or os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def cmd_gui(args) -> int:
    if not _has_display():
        return _headless_fallback(args)
    from desktop.ui.app import start_gui

    # The window opens the database itself, once its frame is on screen; a database it cannot open is
    # explained there (with the way out, a restore, when there is one) and on stderr.
    return start_gui(getattr(args, "db", None), args.situation)


def _headless_fallback(args) -> int:
    """No screen: say where things stand in the terminal and leave a picture of the window."""
    import platformdirs

    from desktop.services.likelihoods import likelihoods_as_of
    from desktop.services.situations import resolve_situation

    db = _open(args)
    try:
        situation = resolve_situation(db, args.situation, remember=False)
        print("No display found (DISPLAY and WAYLAND_DISPLAY are unset): showing the likelihoods here instead.\n")
        _emit(args, {}, likelihoods_text(likelihoods_as_of(db, situation.id), situation.title))
        out = Path(platformdirs.user_cache_dir("signpost", appauthor=False)) / "snapshot.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from desktop.ui.app import render_snapshot

        render_snapshot(db, situation.id, out, "dashboard", (1440, 900))
    finally:
        db.close()
    print(f"\nA snapshot of the window is in {out}")
    print(f"Database: {db.location}")
    return 0


def score_text(report, title: str) -> str:
    """The scores for reading: lower is better for both; the baselines say what the figures are worth."""
    lines = [f"{title} — resolved: {report.resolved} on {report.resolved_at.isoformat()}",
             f"{report.days} days scored, {report.opened_at.isoformat()} to the day before the resolution", "",
             f"{'Forecast':<10} {'Brier':>7} {'log':>7}  days"]
    rows = [("model", report.model), ("uniform", report.uniform), ("priors", report.prior),
            ("record", report.record), ("analyst", report.analyst)]
    for name, s in rows:
        lines.append(f"{name:<10} {s.brier:7.3f} {s.log:7.3f}  {s.days}" if s else f"{name:<10} {'-':>7} {'-':>7}  "
                     + ("no forecast record kept yet" if name == "record" else "no round entered by then"))
    return "\n".join(lines)


def cmd_score(args) -> int:
    from desktop.services.scoring import score_situation

    situation, report = _on_situation(
        args, lambda db, sit: score_situation(db, sit.id, args.scenario, args.at, args.opened))
    _emit(args, report.to_json(), score_text(report, situation.title))
    return 0



# --- the analyst's own situation: new-situation, situation edit, scenario …, judge (design §5) -------------

def _probability(text: str) -> float:
    """0.3, or 30% (what an analyst may type)."""
    raw = text.strip()
    try:
        return float(raw[:-1]) / 100 if raw.endswith("%") else float(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a probability (e.g. 0.3 or 30%)") from None


def _add_situation_commands(sub, common) -> None:
    new = sub.add_parser("new-situation", parents=[common],
                         help="create a situation (no scenarios yet); it becomes the default situation")
    new.add_argument("--title", required=True)
    new.add_argument("--question", default="", help="the one question its scenarios answer")
    new.add_argument("--opened", type=_date, metavar="DATE", help="the first day the question is asked over")
    new.add_argument("--horizon", type=_date, metavar="DATE", help="the day by which it is settled")
    new.add_argument("--json", action="store_true", help="print the result as JSON")

    sit = sub.add_parser("situation", parents=[common], help="change a situation's title, question or dates")
    sit_sub = sit.add_subparsers(dest="action", metavar="ACTION", required=True)
    edit = sit_sub.add_parser("edit", parents=[common], help="change the fields given")
    _situation(edit)
    edit.add_argument("--title")
    edit.add_argument("--question")
    edit.add_argument("--opened", type=_date, metavar="DATE")
    edit.add_argument("--horizon", type=_date, metavar="DATE")
    edit.add_argument("--json", action="store_true", help="print the result as JSON")

    scen = sub.add_parser("scenario", parents=[common],
                          help="add, edit or archive a scenario, or set every prior (they always sum to 1)")
    scen_sub = scen.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = scen_sub.add_parser("add", parents=[common], help="add a scenario; the others are scaled to 1 - P")
    add.add_argument("key", metavar="KEY")
    add.add_argument("--name", required=True)
    add.add_argument("--prior", type=_probability, required=True, metavar="P")
    add.add_argument("--description", default="")
    add.add_argument("--rationale", default="", help="why this prior (base rate, reference class)")
    sedit = scen_sub.add_parser("edit", parents=[common], help="change a scenario; a new prior rescales the others")
    sedit.add_argument("key", metavar="KEY")
    sedit.add_argument("--name")
    sedit.add_argument("--prior", type=_probability, metavar="P")
    sedit.add_argument("--description")
    sedit.add_argument("--rationale")
    arch = scen_sub.add_parser("archive", parents=[common],
                               help="retire a scenario (its ratings are kept); the others are rescaled")
    arch.add_argument("key", metavar="KEY")
    pri = scen_sub.add_parser("priors", parents=[common], help="set every prior at once (they must sum to 1)")
    pri.add_argument("priors", nargs="+", metavar="KEY=P")
    for p in (add, sedit, arch, pri):
        _situation(p)
        p.add_argument("--json", action="store_true", help="print the result as JSON")

    judge = sub.add_parser("judge", parents=[common], help="record your own probabilities (a judgement round)")
    _situation(judge)
    judge.add_argument("probabilities", nargs="+", metavar="KEY=P")
    judge.add_argument("--rationale", default="")
    judge.add_argument("--at", type=_date, metavar="DATE", help="the day it is stated for (default: today)")
    judge.add_argument("--json", action="store_true", help="print the result as JSON")


def _key_values(items: list[str], what: str) -> dict[str, float]:
    from desktop.services.errors import InputError

    out: dict[str, float] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise InputError(f"{what}: {item!r} is not KEY=P (e.g. escalation=0.4)")
        if key.strip() in out:
            raise InputError(f"{what}: {key.strip()} is given twice")
        try:
            out[key.strip()] = _probability(value)
        except argparse.ArgumentTypeError as exc:
            raise InputError(f"{what}: {key.strip()}: {exc}") from None
    return out


def _situation_text(situation_id: int, spec) -> str:
    lines = [f"Situation {situation_id}: {spec.title}"]
    if spec.question:
        lines.append(f"  Question: {spec.question}")
    if spec.opened_at or spec.horizon:
        lines.append(f"  Opened {spec.opened_at.isoformat() if spec.opened_at else '—'}, "
                     f"horizon {spec.horizon.isoformat() if spec.horizon else '—'}")
    return "\n".join(lines)


def _scenarios_text(situation_id: int, spec) -> str:
    live = spec.live
    if not live:
        return f"Situation {situation_id} has no scenarios yet (add one: signpost scenario add KEY --name N --prior P)"
    width = max(len(s.key) for s in live)
    lines = [f"Scenarios of situation {situation_id} (priors sum to 1):"]
    lines += [f"  {s.key:<{width}}  {s.prior * 100:6.2f} %  {s.name}" for s in live]
    archived = [s.key for s in spec.scenarios if s.archived]
    if archived:
        lines.append(f"  archived: {', '.join(archived)}")
    return "\n".join(lines)


def cmd_new_situation(args) -> int:
    from desktop.services.scenario_edits import new_situation, situation_spec

    db = _open(args)
    try:
        situation_id = new_situation(db, args.title, args.question, args.opened, args.horizon)
        spec = situation_spec(db, situation_id)
    finally:
        db.close()
    _emit(args, {"situation_id": situation_id},
          _situation_text(situation_id, spec) + "\nNo scenarios yet: add them with `signpost scenario add`.")
    return 0


def cmd_situation(args) -> int:
    from desktop.services.scenario_edits import UNSET, edit_situation

    situation, spec = _on_situation(args, lambda db, sit: edit_situation(
        db, sit.id, args.title, args.question, args.opened or UNSET, args.horizon or UNSET))
    _emit(args, {"situation_id": situation.id, "title": spec.title, "question": spec.question,
                 "opened_at": spec.opened_at.isoformat() if spec.opened_at else None,
                 "horizon": spec.horizon.isoformat() if spec.horizon else None},
          _situation_text(situation.id, spec))
    return 0


def cmd_scenario(args) -> int:
    from desktop.services import scenario_edits as edits

    def action(db, sit):
        if args.action == "add":
            return edits.add_scenario(db, sit.id, args.key, args.name, args.prior, args.description, args.rationale)
        if args.action == "edit":
            return edits.edit_scenario(db, sit.id, args.key, args.name, args.prior, args.description, args.rationale)
        if args.action == "archive":
            return edits.archive_scenario(db, sit.id, args.key)
        return edits.set_priors(db, sit.id, _key_values(args.priors, "KEY=P"))

    situation, spec = _on_situation(args, action)
    _emit(args, {"situation_id": situation.id, "scenarios": spec.scenarios_json()},
          _scenarios_text(situation.id, spec))
    return 0


def cmd_judge(args) -> int:
    from desktop.services.judgements import default_analyst, record_judgement

    probabilities = _key_values(args.probabilities, "KEY=P")
    situation, round_ = _on_situation(args, lambda db, sit: record_judgement(
        db, sit.id, probabilities, args.rationale, default_analyst(), stated_on=args.at))
    width = max(len(k) for k in round_.probabilities)
    _emit(args, {"situation_id": situation.id, "made_at": round_.made_at.isoformat(),
                 "stated_on": round_.stated_on.isoformat(), "probabilities": dict(round_.probabilities),
                 "basis": list(round_.basis)},
          "\n".join([f"Recorded a judgement round for situation {situation.id}, stated for "
                     f"{round_.stated_on.isoformat()}:"]
                    + [f"  {k:<{width}}  {p * 100:6.2f} %" for k, p in round_.probabilities.items()]))
    return 0


_SITUATION_COMMANDS = {
    "new-situation": cmd_new_situation,
    "situation": cmd_situation,
    "scenario": cmd_scenario,
    "judge": cmd_judge,
}


_COMMANDS = {
    "gui": cmd_gui,
    "import-bundle": cmd_import_bundle,
    "export-bundle": cmd_export_bundle,
    "likelihoods": cmd_likelihoods,
    "compare": cmd_compare,
    "indicators": cmd_indicators,
    "log-evidence": cmd_log_evidence,
    "import-article": cmd_import_article,
    "observe": cmd_observe,
    "import-observations": cmd_import_observations,
    "export-observations": cmd_export_observations,
    "snapshot": cmd_snapshot,
    "score": cmd_score,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "check": cmd_check,
    "install-desktop": cmd_install_desktop,
    "uninstall-desktop": cmd_uninstall_desktop,
}
_COMMANDS.update(_SITUATION_COMMANDS)
