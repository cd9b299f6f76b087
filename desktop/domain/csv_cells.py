"""Text cells of the CSV files Signpost writes, made inert for spreadsheets.

A note such as `=HYPERLINK("http://…")` would run as a formula when a colleague opens
the file in a spreadsheet (CSV injection). Text that starts with = + - @ (or a tab or
carriage return) gets a leading apostrophe, which spreadsheets show as text; numbers
are written as numbers, so a negative figure still reads back as one. Reading a
Signpost CSV takes the apostrophe off again, so export → import gives the same note.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def read_cell(text: str) -> str:
    """The text a `safe_cell` wrote."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text
