"""Failures of the database itself, each worded as one line a user can act on.

Kept apart from bugs: the command line exits 1 with the message, the window shows it
in a dialog, and neither ever shows SQL or the analyst's data that a statement carried.
"""

from __future__ import annotations


class StoreError(RuntimeError):
    """The database cannot be opened or used; the message names the database."""


class DatabaseDamaged(StoreError):
    """The file failed SQLite's checks: nothing may write to it until it is restored or repaired."""


class BadLocation(StoreError):
    """The database named is not one Signpost can use as given (bad URL, missing folder): bad input."""
