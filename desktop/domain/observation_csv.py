"""Observations as CSV: `date,value[,note]` in, the same plus qualifier and evidence out.

Parsing collects every bad row with its line number instead of stopping at the first,
so the analyst mends the file once; the service imports all rows or none.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from desktop.domain.csv_cells import read_cell, safe_cell
from desktop.domain.indicator_rules import ObservationDraft, check_observation, parse_figure
from desktop.domain.text_safety import clean_text

COLUMNS = ("date", "value", "note", "qualifier", "evidence")
EXPORT_COLUMNS = ("date", "value", "qualifier", "evidence", "note")


@dataclass(frozen=True)
class CsvRow:
    line: int
    observed_at: date
    value: float
    note: str | None = None
    qualifier: str | None = None
    evidence: str | None = None     # an evidence key, resolved by the service


@dataclass(frozen=True)
class CsvProblem:
    line: int
    message: str


def parse_observations_csv(text: str, today: date, kind: str | None = None
                           ) -> tuple[list[CsvRow], list[CsvProblem]]:
    """Rows and problems. A first row naming the columns (date, value, note, qualifier, evidence, any
    order) is a header; otherwise the columns are date, value and an optional note. `kind` (the
    indicator's) applies the rules of counts to every value.

    Read strictly: a quote opened and never closed is a problem on the line it opens, not a note
    that swallows the rows after it."""
    rows: list[CsvRow] = []
    problems: list[CsvProblem] = []
    reader = csv.reader(io.StringIO(text), strict=True)
    records: list[tuple[int, list[str]]] = []      # (the line a record starts on, its fields)
    start_line = 1
    try:
        for record in reader:
            records.append((start_line, record))
            start_line = reader.line_num + 1         # a quoted note may span several lines
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            return [], [CsvProblem(start_line, "a quoted field opens here and is never closed")]
        return [], [CsvProblem(reader.line_num, f"not readable as CSV: {exc}")]
    columns = ("date", "value", "note")
    start = 0
    if records and records[0][1] and records[0][1][0].strip().lower() in COLUMNS:
        header = [c.strip().lower() for c in records[0][1]]
        unknown = [c for c in header if c not in COLUMNS]
        if unknown:
            return [], [CsvProblem(1, f"unknown column {unknown[0]!r} (expected {', '.join(COLUMNS)})")]
        if "date" not in header or "value" not in header:
            return [], [CsvProblem(1, "the header needs a date and a value column")]
        columns, start = tuple(header), 1
    for n, record in records[start:]:
        if not any(cell.strip() for cell in record):
            continue            # blank lines are not rows
        if len(record) > len(columns):
            problems.append(CsvProblem(n, f"{len(record)} fields, expected at most {len(columns)} "
                                          f"({', '.join(columns)})"))
            continue
        cells = dict(zip(columns, (read_cell(clean_text(c.strip())) for c in record)))
        missing = [c for c in ("date", "value") if not cells.get(c)]
        if missing:
            problems.append(CsvProblem(n, f"no {' and no '.join(missing)}"))
            continue
        try:
            day = date.fromisoformat(cells["date"])
        except ValueError:
            problems.append(CsvProblem(n, f"date {cells['date']!r} is not YYYY-MM-DD"))
            continue
        try:
            value = parse_figure(cells["value"])
        except ValueError as exc:
            problems.append(CsvProblem(n, f"value {exc}"))
            continue
        found = check_observation(ObservationDraft(day, value, cells.get("qualifier") or None), today, kind)
        if found:
            problems.append(CsvProblem(n, found[0].message.rstrip(".")))
            continue
        rows.append(CsvRow(n, day, value, cells.get("note") or None, cells.get("qualifier") or None,
                           cells.get("evidence") or None))
    if not rows and not problems:
        problems.append(CsvProblem(0, "no rows"))
    return rows, problems


def observations_csv(rows) -> str:
    """`rows`: (date, value, qualifier, evidence key, note) tuples, written with a header."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for at, value, qualifier, evidence, note in rows:
        number = int(value) if float(value).is_integer() else value
        writer.writerow([at.isoformat(), number, safe_cell(qualifier or ""), safe_cell(evidence or ""),
                         safe_cell(note or "")])
    return out.getvalue()
