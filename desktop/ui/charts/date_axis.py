"""A calendar axis for day-based charts: one row of tick labels that never collide and say the year.

pyqtgraph's DateAxisItem draws two rows of ticks at once (months and days, or years and months) with
short formats ("Aug", "31", "Nov", "03"), so neighbouring labels of the two rows ran into each other
("31Aug", "Nov03") and no label said which year it was. This axis draws a single row, at the finest
step whose labels fit the axis's width side by side (measured with the axis's font), and says the year
on the first label that is shown whole and wherever the year changes:
"27 Oct 2025  3 Nov  10 Nov", "Nov 2025  Dec  Jan 2026", "2024  2025  2026".

x is seconds since the epoch at UTC midnight of each day (design: dates are calendar days).
"""

from __future__ import annotations

from datetime import date, timedelta

import pyqtgraph as pg
from PySide6.QtGui import QFont, QFontMetricsF

DAY = 86400.0
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
GAP = 14                 # pixels kept free between two labels
# (unit, count, roughly how many days apart): the steps tried, finest first.
STEPS = (("day", 1, 1), ("day", 2, 2), ("week", 1, 7), ("week", 2, 14), ("month", 1, 30.4), ("month", 2, 61),
         ("month", 3, 91), ("month", 6, 183), ("year", 1, 365), ("year", 2, 730), ("year", 5, 1826),
         ("year", 10, 3652), ("year", 25, 9131), ("year", 50, 18262), ("year", 100, 36524))
MIN_PIXELS_PER_TICK = 24   # a step that would put ticks closer than this is not even measured


def day_of(x: float) -> date:
    return date.fromordinal(int(x // DAY) + EPOCH_ORDINAL)


def x_of(d: date) -> float:
    return float(d.toordinal() - EPOCH_ORDINAL) * DAY


def tick_days(unit: str, n: int, first: date, last: date) -> list[date]:
    """The days from `first` to `last` on which a tick of this step falls."""
    if unit in ("day", "week"):
        every = n * (7 if unit == "week" else 1)
        # days: ordinals divisible by n; weeks: Mondays (ordinal 1 was a Monday), every n-th of them
        base = 1 if unit == "week" else 0
        o = first.toordinal()
        o += (base - o) % every
        return [date.fromordinal(k) for k in range(o, last.toordinal() + 1, every)]
    if unit == "month":
        index = first.year * 12 + first.month - 1
        if first.day > 1:
            index += 1
        index += (-index) % n
        out = []
        while True:
            d = date(index // 12, index % 12 + 1, 1)
            if d > last:
                return out
            out.append(d)
            index += n
    year = first.year + (1 if (first.month, first.day) > (1, 1) else 0)
    year += (-year) % n
    return [date(y, 1, 1) for y in range(year, last.year + 1, n)]


def tick_labels(unit: str, days: list[date], with_year: int | None = 0) -> list[str]:
    """Labels of one step's ticks; the tick at index `with_year` and every change of year say the year."""
    out = []
    for i, d in enumerate(days):
        if unit == "year":
            out.append(str(d.year))
            continue
        short = f"{d.day} {d:%b}" if unit in ("day", "week") else f"{d:%b}"
        year = with_year is not None and (i == with_year or (i > with_year and d.year != days[i - 1].year))
        out.append(f"{short} {d.year}" if year else short)
    return out


class CalendarAxis(pg.DateAxisItem):
    """A bottom date axis with one row of labels chosen to fit (see the module's docstring)."""

    def __init__(self, orientation: str = "bottom", **kwargs):
        super().__init__(orientation=orientation, utcOffset=0, **kwargs)
        # The font the labels are drawn with is the font they are measured with.
        self.setStyle(tickFont=QFont())
        self._labels: dict[float, str] = {}
        self.chosen: tuple[str, int] | None = None     # the step of the last layout (tests read it)

    def tick_font(self) -> QFont:
        return self.style["tickFont"] or QFont()

    def layout_ticks(self, min_x: float, max_x: float, size: float) -> tuple[str, int, list[float], list[str]]:
        """(unit, count, tick xs, labels) of the finest step whose labels fit `size` pixels side by side for
        this range and show a year on a label drawn whole; failing that (a few days on a narrow chart), one
        tick mid-range with its full date."""
        if size <= 0 or max_x <= min_x:
            return "day", 1, [], []
        metrics = QFontMetricsF(self.tick_font())
        first, last = day_of(min_x) + timedelta(days=0 if min_x % DAY == 0 else 1), day_of(max_x)
        span_days = (max_x - min_x) / DAY
        scale = size / (max_x - min_x)

        def whole(p: float, text: str) -> bool:       # pyqtgraph drops a label that leaves the axis
            half = metrics.horizontalAdvance(text) / 2
            return p - half >= 0 and p + half <= size
        for unit, n, approx in STEPS:
            if span_days / approx > size / MIN_PIXELS_PER_TICK:
                continue
            days = tick_days(unit, n, first, last)
            if not days:
                continue
            xs = [x_of(d) for d in days]
            px = [(x - min_x) * scale for x in xs]
            with_year = tick_labels(unit, days, 0) if unit == "year" else [
                f"{s} {d.year}" for s, d in zip(tick_labels(unit, days, None), days)]
            carrier = next((i for i, p in enumerate(px) if whole(p, with_year[i])), None)
            if carrier is None:
                continue
            labels = tick_labels(unit, days, carrier)
            widths = [metrics.horizontalAdvance(s) for s in labels]
            if all(px[i] + widths[i] / 2 + GAP <= px[i + 1] - widths[i + 1] / 2 for i in range(len(px) - 1)):
                return unit, n, xs, labels
        # The day nearest the middle whose date, or month, or year fits whole.
        middle = day_of(min_x + (max_x - min_x) / 2)
        for d in sorted({middle, middle + timedelta(days=1), middle - timedelta(days=1)},
                        key=lambda d: abs(x_of(d) - (min_x + max_x) / 2)):
            p = (x_of(d) - min_x) * scale
            for text in (f"{d.day} {d:%b %Y}", f"{d:%b %Y}", str(d.year)):
                if 0 <= p <= size and whole(p, text):
                    return "day", 1, [x_of(d)], [text]
        return "day", 1, [], []

    def tickValues(self, minVal, maxVal, size):
        try:
            unit, n, xs, labels = self.layout_ticks(float(minVal), float(maxVal), float(size))
        except (ValueError, OverflowError):          # a range beyond the calendar (years 1 to 9999)
            unit, n, xs, labels = "year", 100, [], []
        self.chosen = (unit, n)
        self._labels = dict(zip(xs, labels))
        approx = next(a for u, c, a in STEPS if (u, c) == (unit, n))
        return [(approx * DAY, xs)]

    def tickStrings(self, values, scale, spacing):
        """The labels laid out by the last `tickValues`; a value it did not lay out says its full date."""
        out = []
        for v in values:
            label = self._labels.get(float(v))
            if label is None:
                d = day_of(float(v))
                label = f"{d.day} {d:%b %Y}"
            out.append(label)
        return out
