"""Qt models of the ACH matrix: the grid (lazy, over the service's numpy arrays) and its footer rows.

The grid holds one `AchMatrix` (read-only arrays, rows already in display order). Nothing is
made for a row until it is shown: a page of rows is built on first use, with the only text
the arrays do not hold (quote, summary, source) fetched through the callable given to
`set_matrix` (a service call on the GUI thread, one small query per page), and kept as
{role: value} dicts that `data()` and the grid's painter read. A cell edit replaces the
matrix with `with_rating(...)` (footers recomputed without the database) and reports it
through `rating_changed`; writing to the database is the window's business (an undo command).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.domain.bundle import DIGEST_NOTE
from desktop.domain.grading import RATINGS
from desktop.domain.rating_rule import GUIDE_POINTER, rating_line, rating_scale_text
from desktop.services.matrix import AchMatrix, MatrixFooter, MatrixRowText, with_rating
from desktop.ui.common.theme import Colours, colours, follow_palette

EVIDENCE_ID_ROLE = Qt.ItemDataRole.UserRole + 1   # int evidence id of the row
RATING_ROLE = Qt.ItemDataRole.UserRole + 2        # rating str or None, on scenario columns
GREYED_ROLE = Qt.ItemDataRole.UserRole + 3        # True on non-diagnostic rows

FIXED_COLUMNS: tuple[tuple[str, str], ...] = (
    ("key", "Key"), ("date", "Date"), ("quote", "Quote"), ("weight", "Weight"), ("diagnosticity", "Diag."),
)
N_FIXED = len(FIXED_COLUMNS)
PAGE_ROWS = 64      # rows whose text one query fetches (a screen spans one or two pages)
MAX_PAGES = 64      # pages kept (LRU)

CLEAR = "—"         # what the editor offers for "no rating"
KEY_RATINGS = {Qt.Key.Key_1: "CC", Qt.Key.Key_2: "C", Qt.Key.Key_3: "N", Qt.Key.Key_4: "I", Qt.Key.Key_5: "II",
               Qt.Key.Key_0: "NA"}
KEY_HELP = "Keys: 1 CC · 2 C · 3 N · 4 I · 5 II · 0 NA · Delete clears · F2 or double-click for the list"

def short_header(key: str, name: str) -> str:
    """Scenario columns are narrow: a short name stays, a long one gives way to the readable key."""
    return name if len(name) <= 14 else key.replace("_", " ").capitalize()


def normalise_rating(value) -> str | None:
    """What an editor hands in ("CC", "", "—", None …) as a rating or None (clear); ValueError otherwise."""
    if value is None:
        return None
    text = str(value).strip().upper()
    if text in ("", CLEAR, "-", "NONE"):
        return None
    if text not in RATINGS:
        raise ValueError(f"unknown rating {value!r}")
    return text


@dataclass(frozen=True)
class _Brushes:
    background: dict
    foreground: dict


def _brushes(c: Colours) -> _Brushes:
    """Every brush the grid paints with, made once per palette (data() is called thousands of times a second).
    Keys: (rating or "", greyed); a greyed (non-diagnostic) row is washed out, its text still readable."""
    bg, fg = {}, {}
    for value in c.rating_fill:
        bg[(value, False)] = QBrush(QColor(c.rating_fill[value]))
        bg[(value, True)] = QBrush(QColor(c.greyed_rating_fill[value]))
        fg[(value, False)] = QBrush(QColor(c.rating_text[value]))
        fg[(value, True)] = QBrush(QColor(c.greyed_rating_text[value]))
    bg[("", True)] = QBrush(QColor(c.greyed_fill))
    fg[("", True)] = QBrush(QColor(c.greyed_text))
    return _Brushes(bg, fg)


_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
# Roles answered from the cached cells; Qt asks ~8 roles per painted cell, most of them unanswered.
_CELL_ROLES = frozenset({_DISPLAY, _EDIT, _BACKGROUND, _FOREGROUND, _ALIGN, int(EVIDENCE_ID_ROLE), int(RATING_ROLE),
                         int(GREYED_ROLE)})


def cell_text(cell: dict) -> str:
    return cell.get(_DISPLAY) or ""


def cell_background(cell: dict) -> QBrush | None:
    return cell.get(_BACKGROUND)


def cell_foreground(cell: dict) -> QBrush | None:
    return cell.get(_FOREGROUND)


def cell_alignment(cell: dict) -> int | None:
    return cell.get(_ALIGN)


class MatrixModel(QAbstractTableModel):
    """Rows: the matrix's items in its order (diagnosticity, then date, newest first); columns: Key, Date,
    Quote, Weight, Diag., then one per scenario. Only the scenario cells are editable.

    Cache: a page of PAGE_ROWS rows is built when one of its rows is first asked for: one text query,
    then every cell as a {role: value} dict, so `data()` (thousands of calls a second while
    scrolling) is two lookups. An edit rebuilds its row; a new matrix drops every page.
    """

    rating_changed = Signal(int, int, object, object)   # row, scenario index, old, new (None: unrated)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._matrix: AchMatrix | None = None
        self._n_rows = 0
        self._n_columns = N_FIXED
        self._fetch: Callable[[list[int]], list[MatrixRowText]] = lambda ids: []
        self._pages: OrderedDict[int, list[list[dict]]] = OrderedDict()
        self._texts: dict[int, dict[int, MatrixRowText]] = {}
        self._brushes = _brushes(colours())
        follow_palette(self, self._recolour, now=False)
        self._centre = int(Qt.AlignmentFlag.AlignCenter)
        self._right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._flags: list[Qt.ItemFlag] = []
        self.pages_fetched = 0   # how many text queries ran (tests and the benchmark read it)

    # --- contents ----------------------------------------------------------------

    @property
    def matrix(self) -> AchMatrix | None:
        return self._matrix

    def set_matrix(self, matrix: AchMatrix | None,
                   fetch_text: Callable[[list[int]], list[MatrixRowText]] | None = None) -> None:
        """Show another matrix (a reset); `fetch_text(ids)` returns the rows' text, any order."""
        self.beginResetModel()
        self._matrix = matrix
        self._n_rows = matrix.n_rows if matrix is not None else 0
        self._n_columns = N_FIXED + (matrix.n_scenarios if matrix is not None else 0)
        if fetch_text is not None:
            self._fetch = fetch_text
        self._pages.clear()
        self._texts.clear()
        plain = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        self._flags = [plain] * N_FIXED + [plain | Qt.ItemFlag.ItemIsEditable] * (self._n_columns - N_FIXED)
        self.endResetModel()

    def _recolour(self, c: Colours) -> None:
        """New brushes in every cached cell (the text stays cached), then a repaint."""
        self._brushes = b = _brushes(c)
        for cells in self._pages.values():
            for row in cells:
                greyed = bool(row[0].get(GREYED_ROLE))
                for col, cell in enumerate(row):
                    key = (cell.get(_DISPLAY) or "", greyed) if col >= N_FIXED else ("", greyed)
                    cell[_BACKGROUND] = b.background.get(key) if col >= N_FIXED or greyed else None
                    cell[_FOREGROUND] = b.foreground.get(key) if col >= N_FIXED or greyed else None
        if self._n_rows and self._n_columns:
            self.dataChanged.emit(self.index(0, 0), self.index(self._n_rows - 1, self._n_columns - 1),
                                  [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole])

    def clear_cache(self) -> None:
        """Forget every fetched page (the next paint fetches again); the benchmark uses it for cold scrolls."""
        self._pages.clear()
        self._texts.clear()

    def set_rating(self, row: int, scenario_index: int, value: str | None) -> bool:
        """Change one cell in place (rows keep their order) and report it; False when nothing changed."""
        m = self._matrix
        if m is None or not (0 <= row < m.n_rows and 0 <= scenario_index < m.n_scenarios):
            return False
        old = m.rating(row, scenario_index)
        if old == value:
            return False
        self._matrix = m = with_rating(m, row, scenario_index, value)
        page = self._pages.get(row // PAGE_ROWS)
        if page is not None:
            page[row % PAGE_ROWS] = self._cells(m, row, self._texts[row // PAGE_ROWS].get(int(m.evidence_ids[row])))
        # the row's diagnosticity (and so its greying) can change with the cell: repaint the whole row
        self.dataChanged.emit(self.index(row, 0), self.index(row, self._n_columns - 1))
        self.rating_changed.emit(row, scenario_index, old, value)
        return True

    def scenario_index(self, column: int) -> int | None:
        j = column - N_FIXED
        return j if 0 <= j < self._n_columns - N_FIXED else None

    def evidence_id(self, row: int) -> int | None:
        return int(self._matrix.evidence_ids[row]) if 0 <= row < self._n_rows else None

    def row_of(self, evidence_id: int) -> int | None:
        return self._matrix.row_of(evidence_id) if self._matrix is not None else None

    def row_text(self, row: int) -> MatrixRowText | None:
        """The row's quote, summary and source (its page is fetched on first use)."""
        if not 0 <= row < self._n_rows:
            return None
        self._page(row // PAGE_ROWS)
        return self._texts[row // PAGE_ROWS].get(int(self._matrix.evidence_ids[row]))

    def row_cells(self, row: int) -> list[dict]:
        """Every cell of a row as {role: value} (the grid paints from these; `row` must be in range)."""
        return self._page(row // PAGE_ROWS)[row % PAGE_ROWS]

    def cell(self, row: int, col: int) -> dict | None:
        """One cell as {role: value} (the delegate paints from it without a data() call per role)."""
        if 0 <= row < self._n_rows and 0 <= col < self._n_columns:
            return self._page(row // PAGE_ROWS)[row % PAGE_ROWS][col]
        return None

    def _page(self, page: int) -> list[list[dict]]:
        cells = self._pages.get(page)
        if cells is not None:
            self._pages.move_to_end(page)
            return cells
        m = self._matrix
        first, last = page * PAGE_ROWS, min((page + 1) * PAGE_ROWS, self._n_rows)
        texts = {t.id: t for t in self._fetch([int(i) for i in m.evidence_ids[first:last]])}
        self.pages_fetched += 1
        ids = m.evidence_ids[first:last].tolist()
        cells = [self._cells(m, row, texts.get(i)) for row, i in zip(range(first, last), ids)]
        self._pages[page] = cells
        self._texts[page] = texts
        while len(self._pages) > MAX_PAGES:
            gone, _ = self._pages.popitem(last=False)
            del self._texts[gone]
        return cells

    def _cells(self, m: AchMatrix, row: int, text: MatrixRowText | None) -> list[dict]:
        """Every column of one row as {role: value}."""
        evidence_id = int(m.evidence_ids[row])
        diag = float(m.diagnosticity[row])
        greyed = m.is_flat(row)
        fg = self._brushes.foreground[("", True)] if greyed else None
        bg = self._brushes.background[("", True)] if greyed else None
        quote = " ".join(text.quote.split()) if text is not None else ""
        base = {_FOREGROUND: fg, _BACKGROUND: bg, EVIDENCE_ID_ROLE: evidence_id, GREYED_ROLE: greyed}
        out = [
            {**base, _DISPLAY: str(m.keys[row])},
            {**base, _DISPLAY: m.observed_date(row).isoformat()},
            {**base, _DISPLAY: quote},
            {**base, _DISPLAY: f"{m.weights[row]:.2f}", _ALIGN: self._right},
            {**base, _DISPLAY: f"{diag:g}", _ALIGN: self._right},
        ]
        bgs, fgs = self._brushes.background, self._brushes.foreground
        for value in m.ratings[row].tolist():
            out.append({_DISPLAY: value, _EDIT: value, _BACKGROUND: bgs.get((value, greyed)),
                        _FOREGROUND: fgs.get((value, greyed)), _ALIGN: self._centre, RATING_ROLE: value or None,
                        EVIDENCE_ID_ROLE: evidence_id, GREYED_ROLE: greyed})
        return out

    # --- Qt model interface ---------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._n_rows

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._n_columns

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self._n_columns:
            return None
        j = self.scenario_index(section)
        if j is None:
            if role == Qt.ItemDataRole.DisplayRole:
                return FIXED_COLUMNS[section][1]
            if role == Qt.ItemDataRole.ToolTipRole:
                return {"weight": "Evidence weight w = source reliability × credibility × relevance",
                        "diagnosticity": "Diagnosticity: highest minus lowest rating step across the scenarios "
                                         "(NA counts 0, as in the model). A row is greyed when leaving it out "
                                         "moves no scenario by 0.05 points: it does not tell them apart"
                        }.get(FIXED_COLUMNS[section][0])
            return None
        s = self._matrix.scenarios[j]
        if role == Qt.ItemDataRole.DisplayRole:
            return short_header(s.key, s.name)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{s.name}\n\n{rating_scale_text()}\n\n{KEY_HELP}"
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid() or not 0 <= index.row() < self._n_rows:
            return Qt.ItemFlag.NoItemFlags
        col = index.column()
        return self._flags[col] if 0 <= col < self._n_columns else Qt.ItemFlag.NoItemFlags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role in _CELL_ROLES:
            row, col = index.row(), index.column()
            if 0 <= row < self._n_rows and 0 <= col < self._n_columns and index.isValid():
                return self._page(row // PAGE_ROWS)[row % PAGE_ROWS][col].get(role)
            return None
        if role == _TOOLTIP and index.isValid() and 0 <= index.row() < self._n_rows:
            return self._tooltip(index.row(), index.column())
        return None

    def _tooltip(self, row: int, col: int) -> str | None:
        m = self._matrix
        j = self.scenario_index(col)
        if j is not None:
            value = m.rating(row, j)
            what = rating_line(value) if value else "not rated"
            return f"{m.keys[row]} against “{m.scenarios[j].name}”: {what}\n{GUIDE_POINTER}\n{KEY_HELP}"
        if FIXED_COLUMNS[col][0] not in ("key", "date", "quote"):
            return None
        text = self.row_text(row)
        if text is None:
            return str(m.keys[row])
        parts = [f"“{text.quote}”" + (f"\n({DIGEST_NOTE})" if text.digest else "")]
        if text.summary:
            parts.append(text.summary)
        parts.append(f"{m.keys[row]} · observed {text.observed_at.isoformat()} · {text.source} · "
                     f"weight {m.weights[row]:.2f} · diagnosticity {m.diagnosticity[row]:g}")
        return "\n\n".join(parts)

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        j = self.scenario_index(index.column())
        if j is None:
            return False
        try:
            rating = normalise_rating(value)
        except ValueError:
            return False
        return self.set_rating(index.row(), j, rating)


# --- footer ---------------------------------------------------------------------------------

FOOTER_ROWS: tuple[tuple[str, str], ...] = (
    ("inconsistency", "ACH inconsistency (−1 per I, −2 per II)"),
    ("weighted", "Weighted by evidence weight"),
    ("probability", "Bayesian probability"),
)


def _signed(x: float, digits: int) -> str:
    """A figure with a true minus sign, and no "−0"."""
    text = f"{x:,.{digits}f}"
    if text.lstrip("-").strip("0.,") == "":
        return text.lstrip("-")
    return "−" + text[1:] if text.startswith("-") else text


def footer_text(footer: MatrixFooter, kind: str) -> str:
    """"Inconsistency −3" (−1.5 when a group's members disagree: a group counts as their mean),
    "Weighted −1.84" or "P 52% likely"."""
    if kind == "inconsistency":
        value = footer.inconsistency
        return f"Inconsistency {_signed(value, 0 if float(value).is_integer() else 1)}"
    if kind == "weighted":
        return f"Weighted {_signed(footer.weighted_inconsistency, 2)}"
    return f"P {footer.probability:.0%} {footer.words}"


class MatrixFooterModel(QAbstractTableModel):
    """Three rows under the grid, with the grid's columns: labels over the text columns, figures per scenario."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._footers: tuple[MatrixFooter, ...] = ()
        self._names: tuple[str, ...] = ()
        self._as_of: date | None = None
        self._bold = QFont()
        self._bold.setBold(True)
        self._muted = QBrush()
        follow_palette(self, self._recolour)

    def _recolour(self, c: Colours) -> None:
        self._muted = QBrush(QColor(c.muted))
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1),
                                  [Qt.ItemDataRole.ForegroundRole])

    def set_footers(self, footers: tuple[MatrixFooter, ...], names: tuple[str, ...] | None = None,
                    as_of: date | None = None) -> None:
        """New figures; a reset only when the columns change, else one dataChanged (no flicker while editing)."""
        if names is not None and (tuple(names) != self._names or len(footers) != len(self._footers)):
            self.beginResetModel()
            self._footers, self._names, self._as_of = tuple(footers), tuple(names), as_of
            self.endResetModel()
            return
        self._footers = tuple(footers)
        if names is not None:
            self._as_of = as_of
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    @property
    def footers(self) -> tuple[MatrixFooter, ...]:
        return self._footers

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(FOOTER_ROWS)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else N_FIXED + len(self._footers)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(FOOTER_ROWS)) or not (
                0 <= index.column() < self.columnCount()):
            return None
        kind, label = FOOTER_ROWS[index.row()]
        j = index.column() - N_FIXED
        if j < 0:
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                when = f" as of {self._as_of.isoformat()}" if self._as_of and kind == "probability" else ""
                return label + when
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if role == Qt.ItemDataRole.ForegroundRole:
                return self._muted
            return None
        f = self._footers[j]
        if role == Qt.ItemDataRole.DisplayRole:
            return footer_text(f, kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            name = self._names[j] if j < len(self._names) else f.key
            return (f"{name}\nACH inconsistency {_signed(f.inconsistency, 0)} · weighted "
                    f"{_signed(f.weighted_inconsistency, 4)}\nBayesian probability {f.probability:.4%} ({f.words})")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and self._leads(j, kind):
            return self._bold
        return None

    def _leads(self, j: int, kind: str) -> bool:
        """The figure that favours its scenario most: highest probability, least negative ACH score."""
        if not self._footers:
            return False
        if kind == "probability":
            values = [f.probability for f in self._footers]
        elif kind == "inconsistency":
            values = [f.inconsistency for f in self._footers]
        else:
            values = [f.weighted_inconsistency for f in self._footers]
        return values[j] == max(values) and values.count(max(values)) == 1
