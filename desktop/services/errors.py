"""Errors a user can act on, as opposed to bugs."""

from __future__ import annotations


class InputError(ValueError):
    """Bad input from the user (a file, a value, an id): exit code 2, one clear line, nothing written."""


class NotFound(InputError):
    """An id or key that names nothing in this database."""
