"""Colours and small formatting helpers shared by every screen, so they agree.

Every colour the app paints comes from `colours()`, derived from the application's QPalette:
the palette's own roles (Window, Base, Text …) for ordinary text and backgrounds, and for the
app's own meanings (rating cells, indicator status, banners, highlights, chart ink) a light or
a dark set, picked by the lightness of the palette's Window colour. Each text colour is then
checked against every background it is drawn on and darkened or lightened (same hue) until
the pair reaches WCAG AA, 4.5:1 (`ensure_contrast`); a fill's text is whichever of the
palette's text, black or white reads on it. `text_pairs()` lists every (text, background) pair
the app paints, so that a test can check them all.

Colours change when the palette does (View → Theme, or the desktop switching to dark):
`follow_palette(widget, callback)` calls `callback(colours())` then, for as long as the
widget lives; `themed_style(widget, css)` keeps a style sheet made from the colours.
Everything here runs on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget

AA = 4.5                 # WCAG 2 AA contrast for normal text
GRAPHIC = 3.0            # WCAG 2.1 non-text contrast (lines, bars, marks)
_MARGIN = 0.05           # colours are rounded to 8 bits: aim a little above the bar

STATUSES = ("green", "amber", "red", "none")
STATUS_TEXT = {"green": "below warning", "amber": "past warning", "red": "past alert", "none": "no thresholds"}
RATING_KEYS = ("CC", "C", "N", "I", "II", "NA")
FALLBACK_SCENARIO_COLOURS = ["#1f77b4", "#d62728", "#7f7f7f", "#2ca02c", "#9467bd", "#8c564b"]

# The app's own colours before any contrast fix: one set on a light palette, one on a dark one.
# None: the palette's Base.
_LIGHT = {
    "muted": "#546e7a", "card_border": "#dde3e6",
    "status": {"green": "#2e7d32", "amber": "#ef8f00", "red": "#c62828", "none": "#9e9e9e"},
    "rating": {"CC": "#1b7f3b", "C": "#8fd19e", "N": "#eeeeee", "I": "#f4a3a3", "II": "#c62828", "NA": None},
    "greyed_fill": "#f3f4f4", "greyed_text": "#757575",
    "positive": "#2e7d32", "negative": "#c62828", "error": "#c62828", "caution": "#8a6d00",
    "warning_bg": "#fff8e1", "warning_border": "#ffb300", "info_bg": "#e3f2fd", "info_border": "#64b5f6",
    "notice_bg": "#fff3e0",
    "quote": "#fff1a8", "quote_overlap": "#ffd54f", "match_bg": "#ffe082",
    "marker": "#546e7a", "marker_hover": "#ff6f00", "reference": "#b0bec5",
}
_DARK = {
    "muted": "#9eabb2", "card_border": "#3c4247",
    "status": {"green": "#66bb6a", "amber": "#ffb74d", "red": "#ef5350", "none": "#9e9e9e"},
    "rating": {"CC": "#2e7d32", "C": "#2d5536", "N": "#3b4045", "I": "#6d3232", "II": "#b3261e", "NA": None},
    "greyed_fill": "#25282b", "greyed_text": "#8f979c",
    "positive": "#81c784", "negative": "#ef9a9a", "error": "#ff8a80", "caution": "#e6c35c",
    "warning_bg": "#3b3220", "warning_border": "#b38600", "info_bg": "#1c3146", "info_border": "#4a89c2",
    "notice_bg": "#3d2c1a",
    "quote": "#5a4c10", "quote_overlap": "#7a5d00", "match_bg": "#7a5d00",
    "marker": "#9eabb2", "marker_hover": "#ffab40", "reference": "#5f6b72",
}


# --- WCAG arithmetic --------------------------------------------------------------------------

def _qcolor(colour) -> QColor:
    return colour if isinstance(colour, QColor) else QColor(colour)


def relative_luminance(colour) -> float:
    """WCAG 2 relative luminance of an sRGB colour (0 black … 1 white)."""
    c = _qcolor(colour)

    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def contrast_ratio(a, b) -> float:
    """WCAG 2 contrast ratio of two colours, 1 … 21."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def mix(a, b, amount: float) -> str:
    """`a` washed towards `b` by `amount` (0: a, 1: b), as #rrggbb."""
    x, y = _qcolor(a), _qcolor(b)
    return QColor(round(x.red() + (y.red() - x.red()) * amount), round(x.green() + (y.green() - x.green()) * amount),
                  round(x.blue() + (y.blue() - x.blue()) * amount)).name()


def ensure_contrast(colour, *backgrounds, minimum: float = AA) -> str:
    """`colour`, made darker or lighter (keeping its hue) until it reaches `minimum` against every
    background; black or white when no shade of it does."""
    c = _qcolor(colour)
    bgs = [_qcolor(b) for b in backgrounds]
    target = minimum + _MARGIN
    if all(contrast_ratio(c, b) >= target for b in bgs):
        return c.name()
    # Towards black when the backgrounds are light (or mixed, the darker way works for most), else white.
    darkest_bg = min(relative_luminance(b) for b in bgs)
    lightest_bg = max(relative_luminance(b) for b in bgs)
    towards_black = (lightest_bg + 0.05) / 0.05 >= 1.05 / (darkest_bg + 0.05)
    h, s, lightness, _a = c.getHslF()
    h = max(h, 0.0)
    steps = 50
    for i in range(1, steps + 1):
        ll = lightness * (1 - i / steps) if towards_black else lightness + (1 - lightness) * i / steps
        candidate = QColor.fromHslF(h, s, ll)
        if all(contrast_ratio(candidate, b) >= target for b in bgs):
            return candidate.name()
    return "#000000" if towards_black else "#ffffff"


def readable_on(fill, preferred) -> str:
    """The text colour for a fill: `preferred` (the palette's text) when it reads, else black or white."""
    if contrast_ratio(preferred, fill) >= AA + _MARGIN:
        return _qcolor(preferred).name()
    black, white = contrast_ratio("#000000", fill), contrast_ratio("#ffffff", fill)
    return "#000000" if black >= white else "#ffffff"


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


# --- the colours --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Colours:
    """Every colour the app paints, as #rrggbb; the `*_text` ones are the readable text on their fill."""

    dark: bool
    window: str             # the palette's Window: the main window, the cards column, footers
    window_text: str
    base: str               # the palette's Base: tables, lists, the reader
    text: str
    highlight: str
    highlighted_text: str
    muted: str              # secondary text, readable on window, base and card
    card: str               # scenario cards and indicator tiles
    card_border: str
    status: dict[str, str]          # indicator status as lines, borders, sparklines, bands
    status_text: dict[str, str]     # the same as text on window, base and card
    rating_fill: dict[str, str]     # CC … NA cells
    rating_text: dict[str, str]
    greyed_fill: str                # a non-diagnostic row of the matrix
    greyed_text: str
    greyed_rating_fill: dict[str, str]
    greyed_rating_text: dict[str, str]
    positive: str           # a rise (Compare), an accepted suggestion: text on base
    negative: str
    error: str              # a problem in a dialog: text on window
    caution: str            # a note in the import report: text on base
    warning_bg: str         # the fragile-lead banner
    warning_border: str
    warning_text: str
    info_bg: str            # the judgement banner
    info_border: str
    info_text: str
    notice_bg: str          # the threshold notice across the window
    notice_text: str
    notice_status_text: dict[str, str]
    quote: str              # a logged quote in the reader
    quote_overlap: str
    quote_text: str
    match_bg: str           # a search match in the evidence list
    match_text: str
    focus_border: str       # the rating row with the keyboard focus (evidence dialog)
    focus_bg: str
    focus_text: str
    chart_background: str
    chart_foreground: str   # axes, tick labels, value labels
    chart_reference: str    # the 50 % line
    chart_marker: str       # an evidence item's mark
    chart_marker_hover: str
    chart_status_text: dict[str, str] = field(default_factory=dict)   # threshold labels on the chart

    def scenario(self, colour: str | None, index: int) -> QColor:
        """A scenario's own colour for lines and bars, kept visible (3:1) on the chart background."""
        raw = colour or FALLBACK_SCENARIO_COLOURS[index % len(FALLBACK_SCENARIO_COLOURS)]
        return QColor(ensure_contrast(raw, self.chart_background, minimum=GRAPHIC))

    def scenario_text(self, colour: str | None, index: int, *backgrounds: str) -> QColor:
        """A scenario's colour as text (its name, its probability), readable on `backgrounds` (the card's)."""
        raw = colour or FALLBACK_SCENARIO_COLOURS[index % len(FALLBACK_SCENARIO_COLOURS)]
        return QColor(ensure_contrast(raw, *(backgrounds or (self.card,))))


def _build(palette: QPalette) -> Colours:
    role = QPalette.ColorRole
    window, window_text = palette.color(role.Window).name(), palette.color(role.WindowText).name()
    base, text = palette.color(role.Base).name(), palette.color(role.Text).name()
    dark = is_dark(palette)
    src = _DARK if dark else _LIGHT
    card = mix(window, window_text, 0.06) if dark else base
    surfaces = (window, base, card)
    muted = ensure_contrast(src["muted"], *surfaces)
    status_text = {k: ensure_contrast(v, *surfaces) for k, v in src["status"].items()}
    rating_fill = {k: v or base for k, v in src["rating"].items()}
    rating_text = {k: readable_on(v, text) for k, v in rating_fill.items()}
    greyed_fill = src["greyed_fill"]
    greyed_rating_fill = {k: mix(v, greyed_fill, 0.65) for k, v in rating_fill.items()}
    greyed_text = ensure_contrast(src["greyed_text"], greyed_fill)
    greyed_rating_text = {k: ensure_contrast(greyed_text, v) for k, v in greyed_rating_fill.items()}
    highlight = palette.color(role.Highlight).name()
    focus_bg = mix(highlight, base, 0.85)
    quote_text = ensure_contrast(text, src["quote"], src["quote_overlap"])
    chart_background = base
    chart_foreground = ensure_contrast(text, chart_background)
    return Colours(
        dark=dark, window=window, window_text=window_text, base=base, text=text, highlight=highlight,
        highlighted_text=palette.color(role.HighlightedText).name(),
        muted=muted, card=card, card_border=src["card_border"],
        status=dict(src["status"]), status_text=status_text,
        rating_fill=rating_fill, rating_text=rating_text,
        greyed_fill=greyed_fill, greyed_text=greyed_text,
        greyed_rating_fill=greyed_rating_fill, greyed_rating_text=greyed_rating_text,
        positive=ensure_contrast(src["positive"], base, window),
        negative=ensure_contrast(src["negative"], base, window),
        error=ensure_contrast(src["error"], window, base), caution=ensure_contrast(src["caution"], base),
        warning_bg=src["warning_bg"], warning_border=src["warning_border"],
        warning_text=ensure_contrast(window_text, src["warning_bg"]),
        info_bg=src["info_bg"], info_border=src["info_border"], info_text=ensure_contrast(window_text, src["info_bg"]),
        notice_bg=src["notice_bg"], notice_text=ensure_contrast(window_text, src["notice_bg"]),
        notice_status_text={k: ensure_contrast(v, src["notice_bg"]) for k, v in src["status"].items()},
        quote=src["quote"], quote_overlap=src["quote_overlap"], quote_text=quote_text,
        match_bg=src["match_bg"], match_text=readable_on(src["match_bg"], text),
        focus_border=highlight, focus_bg=focus_bg, focus_text=ensure_contrast(window_text, focus_bg),
        chart_background=chart_background, chart_foreground=chart_foreground,
        chart_reference=src["reference"], chart_marker=ensure_contrast(src["marker"], chart_background,
                                                                       minimum=GRAPHIC),
        chart_marker_hover=src["marker_hover"],
        chart_status_text={k: ensure_contrast(v, chart_background) for k, v in src["status"].items()},
    )


_ROLES = (QPalette.ColorRole.Window, QPalette.ColorRole.WindowText, QPalette.ColorRole.Base,
          QPalette.ColorRole.Text, QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText)
_by_content: dict[tuple, Colours] = {}
_last: tuple[int, Colours] | None = None


def colours(palette: QPalette | None = None) -> Colours:
    """The colours for `palette` (default: the application's), the same object while it is unchanged."""
    global _last
    if palette is None:
        palette = QGuiApplication.palette() if QGuiApplication.instance() is not None else QPalette()
    key = palette.cacheKey()
    if _last is not None and _last[0] == key:
        return _last[1]
    content = tuple(palette.color(r).rgba() for r in _ROLES)
    found = _by_content.get(content)
    if found is None:
        found = _by_content[content] = _build(palette)
    _last = (key, found)
    return found


def scenario_colour(colour: str | None, index: int) -> QColor:
    """A scenario's line and bar colour under the current palette."""
    return colours().scenario(colour, index)


# --- every pair the app paints ----------------------------------------------------------------

class TextPair(NamedTuple):
    what: str
    text: str
    background: str


def text_pairs(c: Colours) -> list[TextPair]:
    """Every (text, background) pair the app paints from `c`; each must reach 4.5:1."""
    pairs = [
        TextPair("window text", c.window_text, c.window), TextPair("text", c.text, c.base),
        TextPair("selected text", c.highlighted_text, c.highlight),
        TextPair("text on a card", c.text, c.card), TextPair("window text on a card", c.window_text, c.card),
        TextPair("muted on window", c.muted, c.window), TextPair("muted on base", c.muted, c.base),
        TextPair("muted on a card", c.muted, c.card),
        TextPair("greyed row", c.greyed_text, c.greyed_fill),
        TextPair("rise", c.positive, c.base), TextPair("fall", c.negative, c.base),
        TextPair("error", c.error, c.window), TextPair("error on base", c.error, c.base),
        TextPair("caution", c.caution, c.base),
        TextPair("fragile-lead banner", c.warning_text, c.warning_bg),
        TextPair("judgement banner", c.info_text, c.info_bg),
        TextPair("threshold notice", c.notice_text, c.notice_bg),
        TextPair("logged quote", c.quote_text, c.quote), TextPair("overlapping quotes", c.quote_text, c.quote_overlap),
        TextPair("search match", c.match_text, c.match_bg),
        TextPair("focused rating row", c.focus_text, c.focus_bg),
        TextPair("chart text", c.chart_foreground, c.chart_background),
        TextPair("matrix footer label", c.muted, c.window), TextPair("matrix footer", c.window_text, c.window),
    ]
    for k in RATING_KEYS:
        pairs.append(TextPair(f"rating {k}", c.rating_text[k], c.rating_fill[k]))
        pairs.append(TextPair(f"greyed rating {k}", c.greyed_rating_text[k], c.greyed_rating_fill[k]))
    for k in STATUSES:
        for name, bg in (("window", c.window), ("base", c.base), ("card", c.card)):
            pairs.append(TextPair(f"status {k} on {name}", c.status_text[k], bg))
        pairs.append(TextPair(f"status {k} in the notice", c.notice_status_text[k], c.notice_bg))
        pairs.append(TextPair(f"threshold {k} on the chart", c.chart_status_text[k], c.chart_background))
    for i, raw in enumerate(FALLBACK_SCENARIO_COLOURS):
        pairs.append(TextPair(f"scenario colour {raw} on a card", c.scenario_text(raw, i).name(), c.card))
        pairs.append(TextPair(f"scenario colour {raw} on base", c.scenario_text(raw, i, c.base).name(), c.base))
    return pairs


# --- following palette changes ----------------------------------------------------------------

class _Notifier(QObject):
    """Watches the application for palette changes; says so once per change of the colours."""

    changed = Signal(object)    # Colours

    def __init__(self, app: QCoreApplication | None):
        super().__init__(app)
        self._shown = colours()
        if app is not None:     # no application yet (a model made on its own): nothing to watch
            app.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.ApplicationPaletteChange and obj is QCoreApplication.instance():
            now = colours()
            if now is not self._shown:
                self._shown = now
                self.changed.emit(now)
        return False


_notifier: _Notifier | None = None


def palette_notifier() -> _Notifier:
    """The one notifier (made on first use, owned by the application)."""
    global _notifier
    app = QCoreApplication.instance()
    if _notifier is None or _notifier.parent() is not app:
        _notifier = _Notifier(app)
    return _notifier


class _Follower(QObject):
    """Lives as a child of the widget it recolours, so the connection ends with the widget."""

    def __init__(self, owner: QObject, callback: Callable[[Colours], None]):
        super().__init__(owner)
        self.setObjectName("paletteFollower")
        self._callback = callback
        palette_notifier().changed.connect(self._changed)

    def _changed(self, c: Colours) -> None:
        self._callback(c)


def follow_palette(owner: QObject, callback: Callable[[Colours], None], now: bool = True) -> None:
    """Call `callback(colours())` now (unless `now` is False) and whenever the palette's colours change,
    while `owner` lives."""
    _Follower(owner, callback)
    if now:
        callback(colours())


def themed_style(widget: QWidget, css: Callable[[Colours], str]) -> None:
    """Give `widget` the style sheet `css(colours)`, and a new one when the colours change."""
    def apply(c: Colours) -> None:
        sheet = css(c)
        if widget.styleSheet() != sheet:
            widget.setStyleSheet(sheet)
    follow_palette(widget, apply)


def muted_style(extra: str = "") -> Callable[[Colours], str]:
    """A style sheet for secondary text: `themed_style(label, muted_style("font-weight: 600;"))`."""
    return lambda c: f"color: {c.muted}; {extra}".strip()


def error_style(extra: str = "") -> Callable[[Colours], str]:
    """A style sheet for a problem shown in a dialog."""
    return lambda c: f"color: {c.error}; {extra}".strip()


# --- formatting ---------------------------------------------------------------------------------

def epoch(d: date) -> float:
    """Seconds since the epoch at UTC midnight: the x of every date axis."""
    return datetime(d.year, d.month, d.day, tzinfo=timezone.utc).timestamp()


def format_day(d: date | None) -> str:
    return d.strftime("%d %b %Y").lstrip("0") if d else "—"


def known_tip(item) -> str:
    """The tooltip of an item's date where its observed day is shown: when it happened, and when it became
    known, the day replays count it from (design §4)."""
    observed, reported = getattr(item, "observed_at", None), getattr(item, "reported_at", None)
    if reported is None or reported == observed:
        return f"Happened and reported {format_day(observed)}"
    return f"Happened {format_day(observed)}; reported {format_day(reported)}: as of earlier days it does not count"


def format_number(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def format_points(change: float) -> str:
    """A probability change in percentage points, e.g. "+12 pts"."""
    pts = change * 100
    if abs(pts) < 0.5:
        return "no change"
    return f"{pts:+.0f} pts"
